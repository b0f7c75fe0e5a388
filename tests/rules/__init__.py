"""The rules values obey: text, codes, amounts, field rules, messages."""
