"""User-written text (names, cohort and organisation names, session titles and places, answers)
is plain text everywhere. Two ways to show it, and nothing else:

- `plain(text)`: its own element, st.text: never Markdown, never HTML.
- `esc(text)`: for the places Streamlit renders Markdown (titles, captions, labels, translated
  strings with a {name}): every Markdown and HTML character is backslash-escaped, so a name like
  "[x](https://…)", "![](https://…)" or "<img …>" shows as exactly those characters.
"""

from __future__ import annotations

import re

import streamlit as st

# Every ASCII punctuation character CommonMark lets a backslash escape (links, images, HTML,
# emphasis, headings, lists, tables), plus Streamlit's :directives: and $math$.
_SPECIAL = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def esc(text: object) -> str:
    """User text made safe to place inside any Markdown-rendering Streamlit element."""
    value = "" if text is None else str(text)
    return _SPECIAL.sub(r"\\\1", " ".join(value.splitlines()))


def plain(text: object) -> None:
    """User text as its own plain-text element."""
    st.text("" if text is None else str(text))
