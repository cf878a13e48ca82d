"""Hides or relabels the few English strings Streamlit's front end writes itself.

Streamlit 1.67 has no option for these texts, so a small style sheet, sent on every run, covers
them: the input hints ("Press Enter to apply", "Press Ctrl+Enter to apply", which mean nothing on
a phone; a value applies when the field is left anyway) and the file uploader's "Drag and drop
files here", "5MB per file" and "Upload" (our own caption states the formats and limits), and the
"No results" a select box or multiselect shows when a search matches nothing (relabelled; the two
span classes are Emotion's fixed "target" names in Streamlit 1.67's bundle, checked in a browser
by tests/e2e/test_firsthour_swedish_browser.py).
"""

from __future__ import annotations

import streamlit as st

from modules.ui.state import tr

MARKER = "medled-locale-css"


NO_RESULTS = ".equpb2c9,[role=option]>.eo2qvtu11"  # Selectbox's and Multiselect's empty-search text


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def style_sheet(upload_label: str, no_results: str) -> str:
    label = _css_string(upload_label)
    after = ",".join(f"{s}::after" for s in NO_RESULTS.split(","))
    return (
        f"<style>/* {MARKER} */"
        '[data-testid="InputInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzoneInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]{display:none}'
        f'[data-testid="stFileUploaderDropzone"] button::after{{content:"{label}"}}'
        f"{NO_RESULTS}{{font-size:0}}"
        f'{after}{{content:"{_css_string(no_results)}";font-size:0.875rem}}'
        "</style>"
    )


def apply() -> None:
    # st.html, not Markdown with unsafe_allow_html: a style-only st.html goes to the page's event
    # container (no space in the layout), and its front-end code is ~30 KB where Markdown's raw-HTML
    # plugin is ~185 KB, loaded on every first page (bench/first_page_bench.py).
    st.html(style_sheet(tr("firsthour.upload_button"), tr("firsthour.no_results")))
