"""AppTest: the calendar and e-mail parts of the participant's and the facilitator's pages."""

from __future__ import annotations

import datetime as dt

from modules.services import mail, planning
from tests.builders import World
from tests.ui.conftest import app, texts


def _world_with_session(ui_svc):
    world = World(ui_svc)
    day = dt.date.today() + dt.timedelta(days=2)
    planning.save_session(ui_svc, world.fac_a, world.cohort_a, "Träff 2", day, dt.time(9), dt.time(11), "Rum 1")
    return world


def test_a_participant_sees_the_calendar_buttons_and_the_subscription_address(ui_svc):
    world = _world_with_session(ui_svc)
    at = app(world.part_a)
    at.session_state[f"sessions-{world.cohort_a}"] = True  # the participant opens the list of sessions
    at.run()
    assert not at.exception
    codes = [c.value for c in at.code]
    assert any("/calendar/" in c and c.endswith(".ics") for c in codes)
    assert "Prenumerera på gruppens kalender" in texts(at)


def test_the_facilitator_sees_that_e_mail_is_off(ui_svc):
    world = _world_with_session(ui_svc)
    at = app(world.fac_a)
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception
    assert "E-post är avstängd" in texts(at)


def test_a_participant_turns_reminders_off_on_the_account_page(ui_svc):
    world = _world_with_session(ui_svc)
    at = app(world.part_a)
    at.switch_page("modules/ui/pages/account.py").run()
    toggle = next(t for t in at.toggle if t.key == "mail-reminders")
    assert toggle.value is True
    toggle.set_value(False).run()
    assert not at.exception
    assert mail.reminders_on(ui_svc, world.part_a) is False


def test_the_facilitator_previews_a_nudge_and_queues_it(app_env, monkeypatch):
    monkeypatch.setenv("MEDLED_SMTP_HOST", "127.0.0.1")
    from modules.ui import state

    svc = state.services()
    world = _world_with_session(svc)
    at = app(world.fac_a)
    at.switch_page("modules/ui/pages/dashboard.py").run()
    who = next(m for m in at.multiselect if m.key.startswith("nudge-who-"))
    who.set_value([world.part_a.id]).run()
    next(t for t in at.text_area if t.key.startswith("nudge-note-")).input("Vi ses på torsdag!").run()
    assert "Vi ses på torsdag!" in "\n".join(str(t.value) for t in at.text)
    next(b for b in at.button if b.key.startswith("nudge-send-")).click().run()
    assert not at.exception
    assert "Påminnelser i kö: 1." in texts(at)
    assert mail.status(svc, world.fac_a, world.cohort_a)["queued"] == 1


def test_the_home_page_says_what_to_do_before_the_next_session(ui_svc):
    from modules.services import between

    world = World(ui_svc)
    day = dt.date.today() + dt.timedelta(days=3)
    sid = planning.save_session(ui_svc, world.fac_a, world.cohort_a, "Andra träffen", day, dt.time(9), dt.time(11))
    module = ui_svc.program.modules[0]
    exercise = module.meta.exercises[0]
    between.set_preparation(ui_svc, world.fac_a, sid, [(module.id, exercise.id)])
    at = app(world.part_a)
    at.run()
    assert not at.exception
    page = texts(at)
    assert "Före nästa träff" in page and "Andra träffen" in page and "(din tid)" in page
    assert any(exercise.title.get("sv") in b.label for b in at.button)


def test_the_login_page_offers_a_reset_code_by_e_mail_when_e_mail_is_on(app_env, monkeypatch):
    monkeypatch.setenv("MEDLED_SMTP_HOST", "127.0.0.1")
    from modules.ui import state

    svc = state.services()
    world = World(svc)
    at = app()
    at.run()
    assert "Glömt lösenordet?" in [e.label for e in at.expander]
    at.text_input[-1].input(world.part_a.login)
    next(b for b in at.button if b.label == "Skicka en återställningskod").click().run()
    assert not at.exception
    assert "Om det finns ett konto med den adressen" in texts(at)
    from sqlalchemy import func, select

    from modules.db.engine import unit_of_work
    from modules.db.models import OutboxMessage

    with unit_of_work(svc.engine) as db:
        queued = db.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "reset",
                                                                                 OutboxMessage.user_id == world.part_a.id))
    assert queued == 1


def test_a_commitment_due_before_the_next_session_is_one_line_in_its_card_and_not_repeated(ui_svc):
    from modules.i18n import fmt_date
    from modules.services import answers

    world = World(ui_svc)
    planning.save_session(ui_svc, world.fac_a, world.cohort_a, "Andra träffen", dt.date.today() + dt.timedelta(days=5),
                          dt.time(9), dt.time(11))

    def commit(due: dt.date):
        answers.save_answer(ui_svc, world.part_a, world.cohort_a, "example", "try-it",
                            {"what": "Checka in på APT", "with_whom": "", "due": due.isoformat()}, submit=True)

    soon, later = dt.date.today() + dt.timedelta(days=2), dt.date.today() + dt.timedelta(days=20)
    commit(soon)
    at = app(world.part_a).run()
    assert not at.exception
    lines = [line for t in at.text for line in str(t.value).splitlines()]
    assert f"Senast {fmt_date(soon, 'sv')}: Checka in på APT" in lines  # in the card, one line
    assert "Checka in på APT" not in lines and "Ditt nästa åtagande" not in texts(at)  # not again on its own
    assert "Åtaganden att följa upp" in texts(at)

    commit(later)  # due after the session: not in the card, so shown on its own
    at = app(world.part_a).run()
    assert not at.exception
    assert "Checka in på APT" in [t.value for t in at.text]
    assert f"Ditt nästa åtagande, senast {fmt_date(later, 'sv')}:" in texts(at)
    assert "Åtaganden att följa upp" not in texts(at)
