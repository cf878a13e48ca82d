"""AppTest: the participant's My data page, account deletion, and the admin's retention page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from modules.db.engine import unit_of_work
from modules.db.models import Cohort
from modules.services import answers, reports
from tests.builders import PASSWORD, World, make_cohort, make_participant
from tests.ui.conftest import app, texts


def _my_data(at):
    return at.switch_page("modules/ui/pages/my_data.py").run()


def test_a_participant_sees_every_group_of_their_data_and_who_can_see_it(ui_svc):
    w = World(ui_svc)
    answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", "first-thoughts", {"text": "Min tanke"},
                        submit=True, visibility="cohort")
    at = _my_data(app(w.part_a).run())
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Mina uppgifter"
    labels = [e.label for e in at.expander]
    assert "Dina svar och utkast (1)" in labels and "Ditt konto (6)" in labels
    frames = [e.value for e in at.dataframe]
    assert any("Min tanke" in df.to_string() and "Du, din grupp och dess processledare" in df.to_string()
               for df in frames)
    assert {b.label for b in at.get("download_button")} == {"Ladda ner som Excel", "Ladda ner som JSON"}


def test_deleting_my_account_needs_the_tick_and_the_password_then_logs_me_out(ui_svc):
    w = World(ui_svc)
    at = _my_data(app(w.part_a).run())
    assert "Sammanställningar som redan har exporterats" in texts(at)  # the page says what is not recalled
    at.text_input[0].input(PASSWORD)
    next(b for b in at.button if b.label == "Ta bort mitt konto för gott").click().run()
    assert "Kryssa i rutan först" in texts(at)
    at.text_input[0].input("fel lösenord")
    at.checkbox[0].check()
    next(b for b in at.button if b.label == "Ta bort mitt konto för gott").click().run()
    assert at.error and "actor" in at.session_state
    at.text_input[0].input(PASSWORD)
    at.checkbox[0].check()
    next(b for b in at.button if b.label == "Ta bort mitt konto för gott").click().run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert reports.export_log(ui_svc, w.admin)[0]["what"] == "delete_account"


def test_the_admin_deletes_a_finished_cohort_by_typing_its_name(ui_svc):
    w = World(ui_svc)
    cid = make_cohort(ui_svc, w.fac_a, w.org_a, "Hösten 2024")
    make_participant(ui_svc, w.fac_a, cid, "Gammal")
    end = dt.date.today() - dt.timedelta(days=400)
    with unit_of_work(ui_svc.engine, write=True) as db:
        db.execute(update(Cohort).where(Cohort.id == cid).values(start_date=end - dt.timedelta(days=90), end_date=end))
    at = app(w.admin).run()
    at.switch_page("modules/ui/pages/admin_retention.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Hösten 2024" in at.dataframe[0].value.to_string()
    at.text_input[0].input("Hösten")
    at.button[0].click().run()
    assert "stämmer inte" in texts(at)
    at.text_input[0].input("Hösten 2024")
    at.button[0].click().run()
    assert "Gruppen och alla dess uppgifter har tagits bort." in texts(at)
    at.switch_page("modules/ui/pages/admin_log.py").run()
    assert "Grupp borttagen" in at.dataframe[0].value.to_string()


def test_a_participant_shares_a_commitment_from_the_exercise_and_only_then_the_facilitator_sees_it(ui_svc):
    from modules.services import dashboard
    from tests.ui.test_app_journey import key, open_reader

    w = World(ui_svc)
    answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", "try-it", {"what": "Ring Kalle", "due": "2030-01-01"},
                        submit=True)
    assert dashboard.participant_commitments(ui_svc, w.fac_a, w.cohort_a, w.part_a.id) == []
    at = open_reader(ui_svc, w.part_a, w.cohort_a, step="practice")
    radio = at.radio(key=key(w, "try-it", "vis"))
    assert radio.value == "private"
    radio.set_value("facilitator").run()
    assert not at.exception
    shared = dashboard.participant_commitments(ui_svc, w.fac_a, w.cohort_a, w.part_a.id)
    assert [c["what"] for c in shared] == ["Ring Kalle"]
