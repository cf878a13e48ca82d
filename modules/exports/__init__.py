"""Exports as pure functions that return bytes (Excel workbooks, printable documents)."""
