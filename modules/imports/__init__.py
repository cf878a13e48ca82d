"""Imports: roster files (Excel/CSV) parsed into rows with row-level problems."""
