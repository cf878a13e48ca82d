"""The manager guide downloads as a printable page in the participant's language."""

from html.parser import HTMLParser

import pytest

from modules.exports.manager_guide import manager_guide_document, markdown_to_html


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(data: bytes) -> Text:
    p = Text()
    p.feed(data.decode("utf-8"))
    return p


@pytest.mark.parametrize("lang, words", [
    ("sv", ["förväntanssamtal", "15 %-lösning", "mandat", "uppföljningssamtal"]),
    ("en", ["expectations conversation", "15 % solution", "mandate", "follow-up conversation"]),
])
def test_the_shipped_guide_covers_the_four_ways_a_manager_supports(shipped_program, lang, words):
    doc = parse(manager_guide_document(shipped_program.extras.manager_guide[lang], lang))
    text = " ".join(doc.text).lower()
    assert all(w.lower() in text for w in words)
    assert doc.tags.count("h1") == 1 and doc.tags.count("h2") >= 4 and "li" in doc.tags


def test_the_shipped_guide_fits_one_printed_page(shipped_program):
    for lang in ("sv", "en"):
        assert len(shipped_program.extras.manager_guide[lang].split()) <= 650, lang


def test_html_in_the_guide_is_shown_as_text_not_run():
    title, body = markdown_to_html("# Rubrik <b>\n\nText med <script>alert(1)</script> och **fetstil**.\n\n- en\n- två")
    assert title == "Rubrik <b>"
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "<strong>fetstil</strong>" in body and body.count("<li>") == 2
