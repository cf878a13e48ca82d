"""AppTest: learning groups and the cohort wall as participants and facilitators meet them."""

from __future__ import annotations

from modules.services import answers, groups, wall
from tests.builders import World, make_participant
from tests.ui.conftest import app, texts

M = "example"


def _world(ui_svc, extra=2):
    world = World(ui_svc)
    for i in range(extra):
        make_participant(ui_svc, world.fac_a, world.cohort_a, f"Deltagare {i}")
    return world


def test_the_facilitator_divides_the_cohort_into_learning_groups(ui_svc):
    world = _world(ui_svc)
    at = app(world.fac_a)
    at.switch_page("modules/ui/pages/groups.py").run()
    assert "Inga lärgrupper än." in texts(at)
    next(b for b in at.button if "slumpvis" in b.label).click().run()
    assert not at.exception
    assert len(groups.overview(ui_svc, world.fac_a, world.cohort_a)) == 1
    assert "Lärgrupp 1" in texts(at)


def test_a_participant_writes_in_the_group_log_and_the_group_reads_it_as_plain_text(ui_svc):
    world = _world(ui_svc)
    groups.form_random(ui_svc, world.fac_a, world.cohort_a, seed=1)
    at = app(world.part_a)
    at.switch_page("modules/ui/pages/groups.py").run()
    at.text_area[0].input("Vi pratade om [länk](https://evil.example)")
    next(b for b in at.button if b.label == "Spara i loggen").click().run()
    assert not at.exception
    other = app(world.part_a_other)
    other.switch_page("modules/ui/pages/groups.py").run()
    assert "Vi pratade om [länk](https://evil.example)" in [t.value for t in other.text]
    assert all("evil.example" not in m.value for m in other.markdown)


def test_the_wall_shows_a_shared_reflection_and_a_reply_and_the_facilitator_hides_it(ui_svc):
    world = _world(ui_svc, extra=0)
    answers.save_answer(ui_svc, world.part_a, world.cohort_a, M, "first-thoughts", {"text": "Delat med alla"},
                        submit=True, visibility="cohort")
    at = app(world.part_a_other)
    at.switch_page("modules/ui/pages/wall.py").run()
    assert "Delat med alla" in [t.value for t in at.text]
    at.text_input[0].input("Tack för att du delade")
    next(b for b in at.button if b.label == "Svara").click().run()
    assert not at.exception
    fac = app(world.fac_a)
    fac.switch_page("modules/ui/pages/wall.py").run()
    assert "Tack för att du delade" in [t.value for t in fac.text]
    next(b for b in fac.button if b.key and b.key.startswith("hide-p-")).click().run()
    assert wall.wall(ui_svc, world.part_a_other, world.cohort_a, M) == []
    author = app(world.part_a)
    author.switch_page("modules/ui/pages/wall.py").run()
    assert "Processledaren har dolt det här inlägget" in texts(author)


def test_an_answer_shared_with_the_learning_group_shows_on_the_group_page(ui_svc):
    world = _world(ui_svc)
    groups.form_random(ui_svc, world.fac_a, world.cohort_a, seed=1)  # one group of four
    answers.save_answer(ui_svc, world.part_a, world.cohort_a, M, "first-thoughts", {"text": "Till lärgruppen"},
                        submit=True, visibility="group")
    at = app(world.part_a_other)
    at.switch_page("modules/ui/pages/groups.py").run()
    assert not at.exception
    assert "Till lärgruppen" in [t.value for t in at.text]
