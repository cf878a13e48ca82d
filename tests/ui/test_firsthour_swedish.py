"""AppTest: every page of every role, in Swedish, shows no English from Streamlit and no raw key."""

from __future__ import annotations

import datetime as dt

import pytest

from modules.services import answers, planning, roster
from tests.builders import World, make_participant
from tests.ui.conftest import app
from tests.ui.swedish_check import problems

PAGES = {  # "page:part" opens a part that is drawn only when opened (the list of sessions, a tab)
    "participant": ["home", "home:sessions", "module", "module:intro", "module:practice", "module:_end", "journal",
                    "account"],
    "facilitator": ["cohorts", "cohorts:new", "cohorts:Deltagare", "cohorts:Processledare", "dashboard", "account"],
    "admin": ["cohorts", "cohorts:Deltagare", "dashboard", "admin_orgs", "admin_content", "admin_log", "account"],
}


def _world(svc) -> World:
    w = World(svc)
    roster.import_roster(svc, w.fac_a, w.cohort_a, "l.csv", b"namn;e-post\nIda Inbjuden;ida@example.se\n")
    sid = planning.save_session(svc, w.fac_a, w.cohort_a, "Uppstart", dt.date.today(), dt.time(9), dt.time(12))
    planning.set_attendance(svc, w.fac_a, sid, set())
    answers.save_answer(svc, w.part_a, w.cohort_a, "example", "first-thoughts", {"text": "Delad text"}, submit=True,
                        visibility="facilitator")
    return w


def _check(at, where: str) -> list[str]:
    assert not at.exception, (where, [e.value for e in at.exception])
    return [f"{where}: {p}" for p in problems(at)]


@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_page_of_a_role_is_swedish_all_the_way(ui_svc, role):
    w = _world(ui_svc)
    actor = {"participant": w.part_a, "facilitator": w.fac_a, "admin": w.admin}[role]
    found = []
    for entry in PAGES[role]:
        page, _, part = entry.partition(":")
        at = app(actor)
        if part == "sessions":
            at.session_state[f"sessions-{w.cohort_a}"] = True
        elif page == "module" and part:  # the example module in the reader, on one of its steps
            at.session_state["reader"] = {"cohort": w.cohort_a, "module": "example"}
            at.session_state[f"step:{w.cohort_a}:example"] = part
        elif part == "new":
            at.session_state["new-cohort"] = True
        elif part:
            at.session_state["cohort-tabs"] = part
        at.run()
        at.switch_page(f"modules/ui/pages/{page}.py").run()
        found += _check(at, f"{role}/{entry}")
    if role == "admin":
        at = app(actor)
        at.session_state["dash_scope"] = "organisation"
        at.run()
        at.switch_page("modules/ui/pages/dashboard.py").run()
        found += _check(at, "admin/dashboard (organisation)")
    assert found == []


def test_the_pages_before_login_are_swedish_all_the_way(ui_svc):
    found = _check(app().run(), "setup")
    World(ui_svc)
    for page in ("login", "join", "code"):
        at = app().run()
        at.switch_page(f"modules/ui/pages/{page}.py").run()
        found += _check(at, page)
    assert found == []


def test_the_check_finds_streamlits_english_where_the_browser_would_show_it():
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd
        import streamlit as st

        st.multiselect("Val", ["a", "b"])
        st.selectbox("Ingen", [])
        st.text_area("Text")
        st.date_input("Datum")
        st.dataframe(pd.DataFrame({"Öppnar": [None, None]}))
        st.markdown("cset.unlock")

    found = problems(AppTest.from_function(page).run())
    assert len(found) == 6, found


def test_numbers_and_percentages_follow_the_locale():
    from modules.i18n import fmt_percent

    assert fmt_percent(7 / 12, "sv") == "58,3\xa0%" and fmt_percent(0.09, "sv") == "9\xa0%"
    assert fmt_percent(7 / 12, "en") == "58.3%"


def test_a_session_ending_before_it_starts_names_the_time_not_the_date(ui_svc):
    w = World(ui_svc)
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    form = f"session-{w.cohort_a}"
    next(t for t in at.text_input if t.label == "Rubrik" or t.form_id == form).input("Uppstart")
    times = [t for t in at.time_input if t.form_id == form]
    times[0].set_value(dt.time(13))
    times[1].set_value(dt.time(12))
    next(b for b in at.button if b.form_id == form).click().run()
    errors = [e.value for e in at.error]
    assert "Sluttiden måste ligga efter starttiden." in errors and not any("datum" in e for e in errors)


def test_the_excel_export_says_grupp_like_the_interface():
    from modules.i18n import catalog

    swedish = " ".join(v for k, v in catalog("sv").items() if k.startswith("export."))
    assert "ohort" not in swedish and catalog("sv")["export.col.cohort"] == "Grupp"


def test_the_dashboards_feedback_mean_has_a_swedish_decimal_comma(ui_svc):
    w = World(ui_svc)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Uppstart", dt.date.today(), dt.time(9), dt.time(12))
    people = [w.part_a, w.part_a_other] + [make_participant(ui_svc, w.fac_a, w.cohort_a, f"D{i}") for i in range(4)]
    for person, rating in zip(people, (4, 5, 4, 5, 4, 5), strict=True):  # six: above the minimum group of five
        planning.rate_session(ui_svc, person, sid, rating, "")
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    means = [list(d.value["Medel (1–5)"]) for d in at.dataframe if "Medel (1–5)" in d.value.columns]
    assert means == [["4,5"]]
