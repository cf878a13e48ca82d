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
