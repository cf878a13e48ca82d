"""The yardstick: a one-widget Streamlit page, served with Medled's own .streamlit/config.toml."""

import streamlit as st

name = st.text_input("Name", key="name")
st.write(f"Hello {name}")
