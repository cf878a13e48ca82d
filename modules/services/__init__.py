"""Use cases and rules. Every function takes the acting user and checks permission.

Nothing here imports streamlit. Errors are DomainError with a message key for the UI.
"""
