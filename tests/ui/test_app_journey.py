"""AppTest: a participant reads a module, does one exercise of each type, sees progress."""

import datetime as dt

from modules.i18n import fmt_date, fmt_percent
from modules.services import answers, journey, planning
from tests.builders import World
from tests.ui.conftest import app, texts
from tests.ui.typing import autosave_shown, type_text


def open_reader(ui_svc, actor, cohort_id, step=None):
    """The example module in the reader, on `step` (a section id) if given, else where it opens."""
    at = app(actor).run()
    at.session_state["reader"] = {"cohort": cohort_id, "module": "example"}
    if step:
        at.session_state[f"step:{cohort_id}:example"] = step
    return at.switch_page("modules/ui/pages/module.py").run()


def key(w, ex, field):
    return f"ex:{w.cohort_a}:example:{ex}:{field}"


def to_step(at, w, step):
    """Opens a step of the module reader with its section picker, as a participant does."""
    return at.selectbox(key=f"step:{w.cohort_a}:example").set_value(step).run()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_a_participant_reads_and_does_every_exercise_type_and_progress_grows(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    assert not at.exception
    assert at.title[0].value == "Exempelmodul"
    assert "0 av 9 delar klara" in str(at.get("progress")[0].proto)

    at.checkbox(key=f"read:{w.cohort_a}:example:intro").check().run()
    at.radio(key=key(w, "baseline", "purpose")).set_value(4).run()
    at.button(key=key(w, "baseline", "submit")).click().run()
    type_text(at, key(w, "first-thoughts", "text"), "Jag leder mina kollegor i rutiner.")
    at.button(key=key(w, "first-thoughts", "submit")).click().run()
    to_step(at, w, "practice")
    at.button(key=key(w, "choose", "s1:stop")).click().run()
    at.button(key=key(w, "choose", "s2:agree")).click().run()
    at.radio(key=key(w, "quiz", "q1")).set_value("a")
    at.button(key=f"FormSubmitter:{key(w, 'quiz', 'form')}-Rätta").click().run()
    at.checkbox(key=key(w, "ready", "purpose")).check().run()
    at.button(key=key(w, "ready", "submit")).click().run()
    type_text(at, key(w, "plan", "purpose"), "Besluta om nästa steg")
    at.button(key=key(w, "plan", "submit")).click().run()
    type_text(at, key(w, "try-it", "what"), "Checka in på måndagsmötet")
    at.button(key=key(w, "try-it", "submit")).click().run()
    assert not at.exception, [e.value for e in at.exception]

    done = {a["exercise_id"]: a["status"] for a in answers.journal(ui_svc, w.part_a)}
    assert done == {ex: "done" for ex in ("baseline", "first-thoughts", "choose", "quiz", "ready", "plan", "try-it")}
    assert "8 av 9 delar klara" in str(at.get("progress")[0].proto)
    assert "Du hade **1 av 1** rätt." in texts(at)
    assert "Bra: ett gemensamt beslut." in texts(at)
    share = journey.program_for(ui_svc, w.part_a, w.cohort_a)[0]["share"]
    assert share == 8 / 9


def test_a_draft_survives_a_new_session(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    type_text(at, key(w, "first-thoughts", "text"), "Ett halvfärdigt utkast")
    fresh = open_reader(ui_svc, w.part_a, w.cohort_a)  # a new browser session: nothing in session_state
    assert autosave_shown(fresh, key(w, "first-thoughts", "text")) == "Ett halvfärdigt utkast"


def test_a_locked_module_cannot_be_opened(ui_svc):
    w = World(ui_svc)
    opens = dt.date.today() + dt.timedelta(days=5)
    planning.set_plan(ui_svc, w.fac_a, w.cohort_a, [("example", opens)])
    home = app(w.part_a).run()
    assert f"Öppnar senare: Exempelmodul ({fmt_date(opens, 'sv')})" in texts(home)  # a line, not a card
    assert not [b for b in home.button if b.label == "Öppna"]
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    assert f"Modulen öppnar {opens.isoformat()}." in texts(at)
    assert not [t for t in at.title if t.value == "Exempelmodul"]


def test_user_text_is_shown_as_plain_text_in_the_journal(ui_svc):
    w = World(ui_svc)
    answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", "first-thoughts",
                        {"text": "**bold** <img src=x onerror=alert(1)> [link](http://evil)"}, submit=True)
    at = app(w.part_a).run()
    at.switch_page("modules/ui/pages/journal.py").run()
    assert not at.exception
    shown = [t.value for t in at.text]
    assert "**bold** <img src=x onerror=alert(1)> [link](http://evil)" in shown
    assert not any("<img" in m.value for m in at.markdown)


def test_the_home_page_asks_how_a_due_commitment_went(ui_svc):
    w = World(ui_svc)
    due = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", "try-it", {"what": "Ring Kalle", "due": due},
                        submit=True)
    at = app(w.part_a).run()
    assert "Hur gick det?" in texts(at)
    assert not at.text_area  # the outcome first, in one tap
    button(at, "Delvis").click().run()
    assert "Hur det gick: **Delvis**" in texts(at)
    button(at, "Ändra").click().run()
    button(at, "Gjort").click().run()
    at.text_area[0].input("Det gick bra")
    button(at, "Spara uppföljning").click().run()
    assert not at.exception
    mine = answers.my_commitments(ui_svc, w.part_a)[0]
    assert (mine["followup"], mine["outcome"]) == ("Det gick bra", "done")
    assert "Hur gick det?" not in texts(at)


def test_answers_shared_with_the_cohort_appear_to_other_participants_as_plain_text(ui_svc):
    w = World(ui_svc)
    answers.save_answer(ui_svc, w.part_a_other, w.cohort_a, "example", "first-thoughts",
                        {"text": "[klicka](http://evil) delat"}, submit=True, visibility="cohort")
    answers.save_answer(ui_svc, w.part_a_other, w.cohort_a, "example", "try-it",
                        {"what": "privat plan", "due": "2030-01-01"}, submit=True, visibility="private")
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    assert not at.exception
    shown = [t.value for t in at.text]
    assert "[klicka](http://evil) delat" in shown
    assert "Delat i gruppen (1)" in [e.label for e in at.expander]
    shown = [t.value for t in to_step(at, w, "practice").text]  # where the private plan's exercise is
    assert not any("privat plan" in v for v in shown)


def test_the_reader_shows_one_step_at_a_time_and_opens_where_work_is_left(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    assert at.selectbox(key=f"step:{w.cohort_a}:example").value == "intro"
    assert at.query_params["s"] == "intro"
    shown = {e.key for e in at.button} | {e.key for e in at.radio}
    assert key(w, "baseline", "submit") in shown and key(w, "choose", "s1:stop") not in shown  # only this step's
    assert "Det här ska du kunna efteråt" in texts(at)  # the module's aims open the first step

    button(at, "Nästa: Öva").click().run()
    assert at.selectbox(key=f"step:{w.cohort_a}:example").value == "practice"
    assert at.query_params["s"] == "practice"
    assert key(w, "choose", "s1:stop") in {b.key for b in at.button}
    assert "Det här ska du kunna efteråt" not in texts(at)
    button(at, "Nästa: Sammanfattning och omdöme").click().run()
    assert "Vad tyckte du om modulen?" in texts(at) and at.radio[0].label.startswith("Hur relevant")
    assert not [b for b in at.button if b.label.startswith("Nästa")]
    button(at, "Föregående").click().run()
    assert at.selectbox(key=f"step:{w.cohort_a}:example").value == "practice"

    # the intro read and its exercises done: the module now opens on the next step
    journey.mark_read(ui_svc, w.part_a, w.cohort_a, "example", "intro", True)
    for ex, data in (("baseline", {"ratings": {"purpose": 4}}), ("first-thoughts", {"text": "Klart"})):
        answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", ex, data, submit=True)
    again = open_reader(ui_svc, w.part_a, w.cohort_a)
    assert again.selectbox(key=f"step:{w.cohort_a}:example").value == "practice"


def test_a_reload_opens_the_same_step(ui_svc):
    w = World(ui_svc)
    at = app(w.part_a)
    at.query_params.update({"c": str(w.cohort_a), "m": "example", "s": "_end"})
    at = at.run().switch_page("modules/ui/pages/module.py").run()
    assert not at.exception
    assert "Vad tyckte du om modulen?" in texts(at)
    bad = app(w.part_a)
    bad.query_params.update({"c": str(w.cohort_a), "m": "example", "s": "<script>"})
    bad = bad.run().switch_page("modules/ui/pages/module.py").run()
    assert not bad.exception and bad.selectbox(key=f"step:{w.cohort_a}:example").value == "intro"


def test_the_home_page_has_a_button_for_a_module_to_work_on_and_a_line_for_a_finished_one(ui_svc):
    from tests.contentapp_builders import finish_example

    w = World(ui_svc)
    home = app(w.part_a).run()
    [label] = [b.label for b in home.button if b.key == f"open-{w.cohort_a}-example"]
    assert "Att arbeta med" in texts(home) and label.startswith("**Exempelmodul** · ") and f"{fmt_percent(0, 'sv', digits=0)} klart · cirka" in label
    home.button(key=f"open-{w.cohort_a}-example").click().run()  # opens the module
    assert not home.exception and home.selectbox(key=f"step:{w.cohort_a}:example").value == "intro"
    finish_example(ui_svc, w.part_a, w.cohort_a)
    home = app(w.part_a).run()
    assert not home.exception
    assert "Klara: Exempelmodul" in texts(home)
    assert not [b for b in home.button if b.key == f"open-{w.cohort_a}-example"]
