"""E-mail through a real SMTP server (aiosmtpd, started by the test): messages arrive once, in
the recipient's language, with a valid .ics; a refusing or absent server leaves them queued."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import socket
import threading
from email import policy

import icalendar
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from modules.db.engine import unit_of_work
from modules.db.models import OutboxMessage, utcnow
from modules.services import answers, mail, outbox, planning, reminders
from modules.services.errors import DomainError, PermissionDenied
from modules.services.smtp import SmtpSender
from tests.builders import make_participant


class Inbox:
    """An SMTP handler that keeps what it receives, and can refuse on demand."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse_data: str | None = None
        self.refuse_rcpt: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd API
        if address in self.refuse_rcpt:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        if self.refuse_data:
            return self.refuse_data
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_smtp(svc, port):
    settings = dataclasses.replace(svc.settings, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                                   mail_from="Medled <noreply@example.org>")
    return dataclasses.replace(svc, settings=settings)


def _local_today() -> dt.date:
    """Today in the cohort's zone (Europe/Stockholm), which is what reminders go by: late in the
    UTC evening it is already tomorrow there."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()


def _tomorrow_session(svc, world, title="Träff 2"):
    day = _local_today() + dt.timedelta(days=1)
    return planning.save_session(svc, world.fac_a, world.cohort_a, title, day, dt.time(9), dt.time(11), "Rum 4")


def _run(svc, now=None):
    now = now or utcnow()
    reminders.queue_due(svc, now)
    return outbox.send_due(svc, SmtpSender(svc.settings, timeout=10), now=now)


def _statuses(svc):
    with unit_of_work(svc.engine) as db:
        return [tuple(r) for r in db.execute(select(OutboxMessage.kind, OutboxMessage.status, OutboxMessage.attempts)
                                             .order_by(OutboxMessage.id))]


def test_a_session_reminder_arrives_once_per_participant_in_their_language_with_a_valid_ics(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    english = make_participant(svc, world.fac_a, world.cohort_a, "Emma English", language="en")
    _tomorrow_session(svc, world)
    assert _run(svc)["sent"] == 3
    assert _run(svc)["sent"] == 0  # a second run the same day sends nothing again
    assert len(inbox.messages) == 3
    by_to = {m["To"]: m for m in inbox.messages}
    assert len(by_to) == 3
    en = next(m for m in inbox.messages if "Emma" in m.get_body(("plain",)).get_content())
    sv = next(m for m in inbox.messages if "Anna" in m.get_body(("plain",)).get_content())
    assert en["Subject"] == "Tomorrow: Träff 2" and sv["Subject"] == "I morgon: Träff 2"
    assert "Hej Anna A!" in sv.get_body(("plain",)).get_content()
    assert "<p>" in sv.get_body(("html",)).get_content()
    ics = next(p for p in sv.iter_attachments() if p.get_content_type() == "text/calendar")
    events = icalendar.Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Träff 2"]
    assert english.id  # used


def test_a_changed_session_is_reminded_again_with_its_new_sequence(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    sid = _tomorrow_session(svc, world)
    _run(svc)
    day = _local_today() + dt.timedelta(days=1)
    planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 2", day, dt.time(13), dt.time(15), "Rum 4",
                          session_id=sid)
    _run(svc)
    assert len(inbox.messages) == 4  # two participants, before and after the change


def test_a_server_that_refuses_leaves_the_message_queued_and_a_later_run_sends_it_once(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    _tomorrow_session(svc, world)
    inbox.refuse_data = "451 4.3.0 try again later"
    counts = _run(svc)
    assert counts["retry"] == 2 and inbox.messages == []
    assert _statuses(svc) == [("session", "queued", 1), ("session", "queued", 1)]
    inbox.refuse_data = None
    assert _run(svc)["sent"] == 0  # backing off: not due yet
    later = utcnow() + dt.timedelta(minutes=2)
    assert _run(svc, later)["sent"] == 2
    assert len(inbox.messages) == 2


def test_a_server_that_is_not_there_leaves_the_message_queued(svc, world):
    svc = _with_smtp(svc, _free_port())  # nothing listens there
    _tomorrow_session(svc, world)
    assert _run(svc)["retry"] == 2
    assert {s for _, s, _ in _statuses(svc)} == {"queued"}


def test_a_refused_recipient_fails_for_good_and_the_facilitator_sees_for_whom(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    _tomorrow_session(svc, world)
    inbox.refuse_rcpt = {world.part_a.login}
    counts = _run(svc)
    assert counts["failed"] == 1 and counts["sent"] == 1
    report = mail.status(svc, world.fac_a, world.cohort_a)
    assert report["failed"] == 1 and [p["name"] for p in report["problems"]] == ["Anna A"]
    with pytest.raises(PermissionDenied):
        mail.status(svc, world.fac_b, world.cohort_a)


def test_two_send_due_runs_at_the_same_time_send_every_message_exactly_once(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    for i in range(8):
        make_participant(svc, world.fac_a, world.cohort_a, f"Deltagare {i}")
    for n in range(3):
        _tomorrow_session(svc, world, f"Pass {n}")
    reminders.queue_due(svc, utcnow())
    results, barrier = [], threading.Barrier(2)

    def run():
        barrier.wait()
        results.append(outbox.send_due(svc, SmtpSender(svc.settings, timeout=10)))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(r["sent"] for r in results) == 30
    ids = [m["Message-ID"] for m in inbox.messages]
    assert len(ids) == 30 and len(set(ids)) == 30


def test_a_message_left_sending_by_a_crashed_run_is_not_sent_again(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    _tomorrow_session(svc, world)
    reminders.queue_due(svc, utcnow())
    with unit_of_work(svc.engine, write=True) as db:  # a run that died after claiming
        db.execute(update(OutboxMessage).values(status="sending", claimed_at=utcnow() - dt.timedelta(hours=1)))
    counts = outbox.send_due(svc, SmtpSender(svc.settings, timeout=10))
    assert counts["stale"] == 2 and counts["sent"] == 0 and inbox.messages == []
    assert {s for _, s, _ in _statuses(svc)} == {"failed"}


def test_a_participant_who_turned_reminders_off_gets_none(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    mail.set_reminders(svc, world.part_a, False)
    assert mail.reminders_on(svc, world.part_a) is False
    _tomorrow_session(svc, world)
    _run(svc)
    assert [m["To"] for m in inbox.messages] == [world.part_a_other.login]


def test_a_module_that_opens_today_and_a_commitment_due_are_reminded(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    module = svc.program.modules[0]
    answers.save_answer(svc, world.part_a, world.cohort_a, module.id, "try-it",
                        {"what": "Checka in", "with_whom": "", "due": dt.date.today().isoformat()}, submit=True)
    planning.set_plan(svc, world.fac_a, world.cohort_a, [(module.id, dt.date.today())])
    _run(svc)
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert subjects.count(f"Ny modul i A1: {module.meta.title.get('sv')}") == 2
    assert subjects.count("Hur gick det med ditt åtagande?") == 1


def test_a_nudge_is_previewed_and_queued_only_for_the_facilitators_own_participants(svc, world, smtp):
    inbox, port = smtp
    svc = _with_smtp(svc, port)
    preview = mail.nudge_preview(svc, world.fac_a, world.cohort_a, "Vi ses på torsdag!", "sv")
    assert "Vi ses på torsdag!" in preview.text and "A1" in preview.subject
    assert mail.send_nudges(svc, world.fac_a, world.cohort_a, [world.part_a.id], "<b>Vi ses</b>") == 1
    assert mail.send_nudges(svc, world.fac_a, world.cohort_a, [world.part_a.id], "igen") == 0  # once a day
    with pytest.raises(PermissionDenied):
        mail.send_nudges(svc, world.fac_a, world.cohort_a, [world.part_b.id], "")
    with pytest.raises(PermissionDenied):
        mail.send_nudges(svc, world.fac_b, world.cohort_a, [world.part_a.id], "")
    outbox.send_due(svc, SmtpSender(svc.settings, timeout=10))
    html = inbox.messages[0].get_body(("html",)).get_content()
    assert "&lt;b&gt;Vi ses&lt;/b&gt;" in html and "<b>Vi ses</b>" not in html


def test_nudging_while_e_mail_is_off_says_so(svc, world):
    with pytest.raises(DomainError) as err:
        mail.send_nudges(svc, world.fac_a, world.cohort_a, [world.part_a.id], "")
    assert err.value.key == "distance.mail_off"
    assert mail.status(svc, world.fac_a, world.cohort_a)["enabled"] is False


def test_recall_questions_due_are_reminded_once_per_round(svc, world, smtp):
    from tests.contentapp_builders import finish_example

    inbox, port = smtp
    svc = _with_smtp(svc, port)
    finish_example(svc, world.part_a, world.cohort_a)
    _run(svc)
    assert not [m for m in inbox.messages if m["Subject"].startswith("Repetition")]  # not due yet
    later = utcnow() + dt.timedelta(days=3)
    _run(svc, later)
    _run(svc, later + dt.timedelta(hours=1))
    recall = [m for m in inbox.messages if m["Subject"].startswith("Repetition")]
    assert len(recall) == 1 and recall[0]["To"] == world.part_a.login


def test_personal_invitations_arrive_once_with_each_rows_own_code(svc, world, smtp):
    from modules.services import invites, roster

    inbox, port = smtp
    svc = _with_smtp(svc, port)
    data = b"Namn;E-post\nEva Ek;eva@example.org\nIda Is;ida@example.org\n"
    roster.import_roster(svc, world.fac_a, world.cohort_a, "lista.csv", data)
    assert invites.send_invitations(svc, world.fac_a, world.cohort_a, "https://medled.example.org") == 2
    assert invites.send_invitations(svc, world.fac_a, world.cohort_a, "https://medled.example.org") == 0
    outbox.send_due(svc, SmtpSender(svc.settings, timeout=10))
    codes = {r["email"]: r["code"] for r in invites.invite_codes(svc, world.fac_a, world.cohort_a)}
    assert sorted(m["To"] for m in inbox.messages) == ["eva@example.org", "ida@example.org"]
    for m in inbox.messages:
        body = m.get_body(("plain",)).get_content()
        assert codes[m["To"]] in body and "https://medled.example.org" in body
        assert m["Subject"] == "Du är inbjuden till A1"
    with pytest.raises(PermissionDenied):
        invites.send_invitations(svc, world.fac_b, world.cohort_a, "https://x")


def test_a_deleted_participants_row_gets_no_invite_code(svc, world):
    from modules.services import invites, mydata
    from tests.builders import PASSWORD

    mydata.delete_my_account(svc, world.part_a, PASSWORD)
    assert invites.invite_codes(svc, world.fac_a, world.cohort_a) == []


def test_forgot_password_mails_a_code_that_resets_the_password_and_says_nothing_about_unknown_addresses(
        svc, world, smtp):
    from modules.services import accounts, auth, password_reset
    from modules.services.errors import Throttled

    inbox, port = smtp
    svc = _with_smtp(svc, port)
    password_reset.request_reset(svc, world.part_a.login, "10.0.0.1", "https://medled.example.org")
    password_reset.request_reset(svc, "nobody@example.org", "10.0.0.1", "https://medled.example.org")  # silent
    outbox.send_due(svc, SmtpSender(svc.settings, timeout=10))
    assert [m["To"] for m in inbox.messages] == [world.part_a.login]
    body = inbox.messages[0].get_body(("plain",)).get_content()
    code = next(w.rstrip(".") for w in body.split() if len(w.rstrip(".")) == 10 and w.rstrip(".").isalnum()
                and w.rstrip(".").isupper())
    assert f"https://medled.example.org/code?code={code}" in body  # a link that fills in the code
    accounts.redeem_code(svc, code, "ett helt nytt lösenord", "ett helt nytt lösenord", None)
    assert auth.authenticate(svc, world.part_a.login, "ett helt nytt lösenord", None, None).id == world.part_a.id
    with pytest.raises(Throttled):
        for _ in range(10):
            password_reset.request_reset(svc, world.part_a.login, "10.0.0.2", "https://medled.example.org")


def test_forgot_password_while_e_mail_is_off_says_so(svc, world):
    from modules.services import password_reset

    with pytest.raises(DomainError) as err:
        password_reset.request_reset(svc, world.part_a.login, None, "https://x")
    assert err.value.key == "distance.mail_off"


def test_a_server_that_drops_the_connection_leaves_the_message_queued(svc, world):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drop_everyone():  # accepts, then hangs up before saying hello
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.close()

    thread = threading.Thread(target=drop_everyone, daemon=True)
    thread.start()
    try:
        svc = _with_smtp(svc, listener.getsockname()[1])
        _tomorrow_session(svc, world)
        assert _run(svc)["retry"] == 2
        assert {s for _, s, _ in _statuses(svc)} == {"queued"}
    finally:
        stop.set()
        thread.join(5)
        listener.close()
