"""Every user-provided string carries a Markdown link, a Markdown image and an HTML tag; every
page of every role is rendered with AppTest: none of them comes out as a link, image or HTML.

Markdown-rendering elements (titles, captions, Markdown, alerts, widget labels, radio options)
may contain user text only escaped; raw user text may appear only in plain-text elements
(st.text, dataframes, selectbox options).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from modules.services import accounts, answers, cohorts, planning
from tests.builders import PASSWORD, make_admin, make_participant
from tests.ui.conftest import app

EVIL = "Eve [klick](https://evil.example/a) ![bild](https://evil.example/i.png) <img src=x onerror=alert(1)><b>fet</b>"
# Unescaped (no backslash before it): a link target, an image, an HTML tag. The one link Medled
# writes itself (to its own manager-guide route) is allowed.
RAW = re.compile(r"(?<!\\)\]\((?!/guide/manager-(?:sv|en)\.html\))|(?<!\\)!\[|(?<!\\)<[A-Za-z/]")
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error",
                  "exception", "toast")
LABELLED_KINDS = ("button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input", "text_area",
                  "date_input", "number_input", "expander", "tab", "metric", "download_button")


def _world(svc):
    """An organisation, cohort, people, sessions and answers that all carry the EVIL string."""
    admin = make_admin(svc, EVIL)
    org = cohorts.create_organisation(svc, admin, EVIL)
    code = accounts.create_facilitator(svc, admin, EVIL, "fac.evil@example.org", [org])
    fac = accounts.redeem_code(svc, code, PASSWORD, PASSWORD, None)
    cohort = cohorts.create_cohort(svc, fac, org, EVIL, "sv", dt.date.today(), dt.date.today() + dt.timedelta(days=90))
    part = make_participant(svc, fac, cohort, EVIL)
    peer = make_participant(svc, fac, cohort, EVIL + " 2")
    planning.save_session(svc, fac, cohort, EVIL, dt.date.today(), dt.time(9), dt.time(12), EVIL, "example")
    for who in (part, peer):
        answers.save_answer(svc, who, cohort, "example", "first-thoughts", {"text": EVIL}, submit=True,
                            visibility="cohort")
        answers.save_answer(svc, who, cohort, "example", "try-it",
                            {"what": EVIL, "with_whom": EVIL, "due": dt.date.today().isoformat()},
                            submit=True, visibility="cohort")
        answers.rate_module(svc, who, cohort, "example", 3, EVIL)
    return dict(admin=admin, fac=fac, part=part, cohort=cohort)


def _rendered(at) -> list[tuple[str, str]]:
    """(kind, text) for everything that Streamlit renders as Markdown."""
    out = []
    for kind in MARKDOWN_KINDS:
        out += [(kind, str(getattr(e, "value", "") or "")) for e in at.get(kind)]
    for kind in LABELLED_KINDS:
        for e in at.get(kind):
            out.append((kind, str(getattr(e, "label", "") or "")))
            if kind == "radio":
                out += [("radio option", str(o)) for o in e.options]
    return out


def _assert_plain(at, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    leaks = [(kind, text) for kind, text in _rendered(at) if RAW.search(text)]
    assert leaks == [], f"{where}: user text rendered as Markdown/HTML: {leaks}"


PAGES = {  # "page:part" opens a part that is drawn only when opened (a folded list, a tab)
    "part": ["home", "home:sessions", "module:intro", "module:practice", "module:_end", "journal", "my_data",
             "account"],
    "fac": ["cohorts", "cohorts:new", "cohorts:Deltagare", "cohorts:Processledare", "dashboard", "account"],
    "admin": ["cohorts", "cohorts:Deltagare", "cohorts:Processledare", "dashboard", "admin_orgs", "admin_content",
              "admin_log", "admin_retention", "account"],
}


def _open(at, w, part: str) -> None:
    if part == "sessions":
        at.session_state[f"sessions-{w['cohort']}"] = True
    elif part == "new":
        at.session_state["new-cohort"] = True
    elif part:
        at.session_state["cohort-tabs"] = part


@pytest.mark.parametrize("role", sorted(PAGES))
def test_no_page_of_any_role_renders_user_text_as_a_link_an_image_or_html(ui_svc, role):
    w = _world(ui_svc)
    at = app(w[role]).run()
    _assert_plain(at, f"{role} start page")
    seen_evil = False
    for entry in PAGES[role]:
        page, _, part = entry.partition(":")
        if page == "module":  # the example module in the reader, on one of its steps
            at.session_state["reader"] = {"cohort": w["cohort"], "module": "example"}
            at.session_state[f"step:{w['cohort']}:example"] = part
        else:
            _open(at, w, part)
        at.switch_page(f"modules/ui/pages/{page}.py").run()
        _assert_plain(at, f"{role}: {entry}")
        seen_evil |= any("klick" in text for _kind, text in _rendered(at))
    assert seen_evil, "the pages showed the user text somewhere (escaped), so the test looked at it"


def test_the_join_page_shows_the_cohort_name_as_plain_text(ui_svc):
    w = _world(ui_svc)
    at = app()
    at.session_state["join_cohort"] = {"id": w["cohort"], "name": EVIL, "language": "sv", "code": "ABCD2345"}
    at.run()
    at.switch_page("modules/ui/pages/join.py").run()
    _assert_plain(at, "join")
    assert any("klick" in text for _kind, text in _rendered(at))


def test_escaped_user_text_reads_exactly_as_written_and_contains_no_live_markup():
    from modules.ui.components.user_text import esc

    escaped = esc(EVIL)
    assert RAW.search(EVIL) and not RAW.search(escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == EVIL  # CommonMark drops each escaping backslash
