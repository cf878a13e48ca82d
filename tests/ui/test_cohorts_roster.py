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
