"""Rows, totals, frames and charts."""
