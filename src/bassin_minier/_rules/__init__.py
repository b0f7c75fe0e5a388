"""The rules values obey, before any model class: text, money, codes, the checker."""
