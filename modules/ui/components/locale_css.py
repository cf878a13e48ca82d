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
    # As Markdown, not st.html: every page draws Markdown anyway, and st.html's own front-end code
    # (with its HTML sanitiser) would be loaded for this one style sheet on pages that need none.
    st.markdown(style_sheet(tr("firsthour.upload_button")), unsafe_allow_html=True)
