"""Medled's entry point.

`streamlit run app.py` finds the `app = st.App(...)` below and serves this same file as the
Streamlit script, with Medled's own HTTP routes (the login cookie) beside it. When the file
runs as the script, it is the router: page config, who is logged in, navigation by role.
"""

import streamlit as st

if __name__ == "__main__":
    from modules.ui.router import main

    main()
else:
    from modules.ui.http_routes import ROUTES

    app = st.App("app.py", routes=ROUTES)
