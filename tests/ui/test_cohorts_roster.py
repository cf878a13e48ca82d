"""AppTest: the cohorts page's roster is one table, and a reset code is issued from a picker."""

from __future__ import annotations

from tests.builders import World
from tests.ui.conftest import app, texts


def test_the_roster_is_a_table_and_the_facilitator_issues_a_reset_code(ui_svc):
    world = World(ui_svc)
    at = app(world.fac_a)
    at.session_state["cohort-tabs"] = "Deltagare"  # the roster's tab
    at.run()
    assert not at.exception
    frames = [str(d.value) for d in at.dataframe]
    assert any("Anna A" in f and "Åke A" in f for f in frames)
    picker = next(s for s in at.selectbox if s.label == "Återställningskod för")
    picker.set_value(world.part_a.id)
    next(b for b in at.button if b.label == "Återställningskod").click().run()
    assert not at.exception
    assert len(at.code) == 1 and len(at.code[0].value) == 10
    assert "Ge koden till personen" in texts(at)


def test_a_new_cohort_is_made_from_the_folded_box_drawn_when_opened(ui_svc):
    from modules.services import cohorts

    world = World(ui_svc)
    at = app(world.fac_a).run()
    assert not at.text_input and not at.date_input  # folded: the form is not drawn
    at.session_state["new-cohort"] = True  # the facilitator opens "Ny grupp"
    at.run()
    next(t for t in at.text_input if t.label == "Gruppens namn").input("Höstgruppen")
    next(b for b in at.button if b.label == "Skapa grupp").click().run()
    assert not at.exception
    assert "Höstgruppen" in [c["name"] for c in cohorts.list_cohorts(ui_svc, world.fac_a)]
    assert "Gruppen är skapad." in texts(at)


def test_the_chosen_cohort_is_a_folded_box_that_switches_and_follows_to_other_pages(ui_svc):
    from tests.builders import make_cohort

    world = World(ui_svc)
    second = make_cohort(ui_svc, world.fac_a, world.org_a, "Hösten")
    at = app(world.fac_a).run()
    assert not at.exception and not at.selectbox  # folded: no list is drawn on the first load
    box = next(e for e in at.expander if e.label.startswith("Grupp: "))
    assert "A1" in box.label and "Hösten" not in box.label
    at.session_state["cohort-open"] = True  # the facilitator opens the box
    at.run()
    picker = at.selectbox(key="cohort")
    assert picker.label == "Byt till grupp" and [o.split(" (")[0] for o in picker.options] == ["A1", "Hösten"]
    picker.select(second).run()
    assert not at.exception
    assert not at.selectbox and not at.session_state["cohort-open"]  # chosen: folded again
    assert "Hösten" in next(e for e in at.expander if e.label.startswith("Grupp: ")).label
    at.switch_page("modules/ui/pages/dashboard.py").run()  # the choice holds on the next page
    assert not at.exception
    assert "Hösten" in next(e for e in at.expander if e.label.startswith("Grupp: ")).label


def test_a_facilitator_with_one_cohort_sees_its_name_and_no_switch(ui_svc):
    world = World(ui_svc)
    at = app(world.fac_a2).run()
    assert not at.exception and not at.selectbox
    assert not [e for e in at.expander if e.label.startswith("Grupp: ")]
    assert any(m.value.startswith("Grupp: **A2") for m in at.markdown)
