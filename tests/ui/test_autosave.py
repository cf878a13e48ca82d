"""AppTest: the autosave text area in the module reader (what Python does with what the
browser sends; the browser side is in tests/e2e/test_participant_phone.py)."""

import json

from modules.services import answers, auth
from tests.builders import World
from tests.ui.test_app_journey import key, open_reader
from tests.ui.typing import autosave_box, autosave_shown, type_text


def _stored(svc, actor, exercise):
    return next((a for a in answers.journal(svc, actor) if a["exercise_id"] == exercise), None)


def test_text_over_the_limit_is_refused_with_a_message_that_names_the_limit(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    type_text(at, key(w, "first-thoughts", "text"), "Ett utkast")
    type_text(at, key(w, "first-thoughts", "text"), "x" * 20001)
    assert not at.exception
    assert any("högst 20\u00a0000 tecken" in e.value for e in at.error)
    assert _stored(ui_svc, w.part_a, "first-thoughts")["data"] == {"text": "Ett utkast"}  # nothing half-written


def test_shortening_an_over_long_text_saves_it_and_clears_the_message(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a)
    type_text(at, key(w, "first-thoughts", "text"), "x" * 20001)
    type_text(at, key(w, "first-thoughts", "text"), "x" * 20000)
    assert not at.error
    assert _stored(ui_svc, w.part_a, "first-thoughts")["data"] == {"text": "x" * 20000}


def test_commitment_and_planner_fields_save_drafts_while_typing(ui_svc):
    w = World(ui_svc)
    at = open_reader(ui_svc, w.part_a, w.cohort_a, step="practice")
    type_text(at, key(w, "try-it", "what"), "Checka in på måndagsmötet")
    type_text(at, key(w, "try-it", "who"), "Teamet")
    type_text(at, key(w, "plan", "purpose"), "Besluta om nästa steg")
    assert not at.exception
    commitment = _stored(ui_svc, w.part_a, "try-it")
    assert commitment["status"] == "draft"
    assert (commitment["data"]["what"], commitment["data"]["with_whom"]) == ("Checka in på måndagsmötet", "Teamet")
    assert _stored(ui_svc, w.part_a, "plan")["data"]["fields"]["purpose"] == "Besluta om nästa steg"
    fresh = open_reader(ui_svc, w.part_a, w.cohort_a, step="practice")
    assert autosave_shown(fresh, key(w, "try-it", "who")) == "Teamet"


def test_the_field_speaks_the_participants_language_and_labels_itself(ui_svc):
    w = World(ui_svc)
    english = auth.set_language(ui_svc, w.part_a, "en")
    at = open_reader(ui_svc, english, w.cohort_a)
    data = json.loads(autosave_box(at, key(w, "first-thoughts", "text")).proto.json)
    assert data["label"] == "Your answer"
    assert data["labels"]["saved"] == "Saved"
    assert "at most 20,000 characters" in data["labels"]["too_long"]
    assert data["store"].startswith(f"{english.id}:")  # an unsent copy in the browser is per user
