"""The yardstick for bench/first_page_bench.py: a one-widget Streamlit page."""

import streamlit as st

st.button("OK")
