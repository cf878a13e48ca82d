"""Hides or relabels the few English strings Streamlit's front end writes itself.

Streamlit 1.67 has no option for these texts, so a small style sheet, sent on every run, covers
them: the input hints ("Press Enter to apply", "Press Ctrl+Enter to apply", which mean nothing on
a phone; a value applies when the field is left anyway) and the file uploader's "Drag and drop
files here", "5MB per file" and "Upload" (our own caption states the formats and limits).
"""

from __future__ import annotations

import streamlit as st

from modules.ui.state import tr

MARKER = "medled-locale-css"


def style_sheet(upload_label: str) -> str:
    label = upload_label.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"<style>/* {MARKER} */"
        '[data-testid="InputInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzoneInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]{display:none}'
        f'[data-testid="stFileUploaderDropzone"] button::after{{content:"{label}"}}'
        "</style>"
    )


def apply() -> None:
    # st.html, not Markdown with unsafe_allow_html: a style-only st.html goes to the page's event
    # container (no space in the layout), and its front-end code is ~30 KB where Markdown's raw-HTML
    # plugin is ~185 KB, loaded on every first page (bench/first_page_bench.py).
    st.html(style_sheet(tr("firsthour.upload_button")))
