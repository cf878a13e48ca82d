"""CLI commands of the distance program: calendar files and the e-mail outbox."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from modules.cli_commands import fail, services, write_file
from modules.db.engine import unit_of_work
from modules.db.models import Cohort, User
from modules.services import calendar
from modules.services.auth import to_actor


def _calendar(args) -> int:
    svc = services()
    out = Path(args.out)
    if out.suffix.lower() != ".ics":
        return fail("--out must end with .ics")
    with unit_of_work(svc.engine) as db:
        if db.get(Cohort, args.cohort) is None:
            return fail(f"no cohort with id {args.cohort}")
        admin = db.scalar(select(User).where(User.role == "admin").order_by(User.id))
    if admin is None:
        return fail("there is no administrator yet (python -m modules create-admin …)")
    actor = to_actor(admin)
    if args.lang:
        actor = actor.__class__(**{**actor.__dict__, "language": args.lang})
    data = calendar.cohort_calendar(svc, actor, args.cohort)
    write_file(out, data)
    print(f"Wrote {out} ({len(data):,} bytes)")
    return 0


def _send_due(args) -> int:
    from modules.db.models import utcnow
    from modules.services import outbox, reminders
    from modules.services.smtp import SmtpSender

    svc = services()
    if not outbox.mail_enabled(svc):
        print("E-mail is off (MEDLED_SMTP_HOST is not set): nothing queued, nothing sent.")
        return 0
    now = utcnow()
    queued = reminders.queue_due(svc, now)
    if args.queue_only:
        print(f"Queued {queued} reminder(s).")
        return 0
    counts = outbox.send_due(svc, SmtpSender(svc.settings), now=now)
    print(f"Queued {queued} reminder(s); sent {counts['sent']}, will retry {counts['retry']}, "
          f"failed {counts['failed']}, interrupted earlier {counts['stale']}.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("send-due", help="Queue due reminders and send queued e-mail, each message exactly once.")
    p.add_argument("--queue-only", action="store_true", help="queue due reminders but send nothing")
    p.set_defaults(func=_send_due)
    p = sub.add_parser("calendar", help="Write a cohort's sessions as an iCalendar (.ics) file.")
    p.add_argument("--cohort", type=int, required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.ics")
    p.add_argument("--lang", choices=["sv", "en"], help="language of descriptions (default: the admin's)")
    p.set_defaults(func=_calendar)
