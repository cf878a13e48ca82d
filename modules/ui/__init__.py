"""Streamlit pages and components: read widgets, call a service, render."""
