"""CLI commands of the distance program: calendar files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from modules.cli_commands import fail, services
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
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    print(f"Wrote {out} ({len(data):,} bytes)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("calendar", help="Write a cohort's sessions as an iCalendar (.ics) file.")
    p.add_argument("--cohort", type=int, required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.ics")
    p.add_argument("--lang", choices=["sv", "en"], help="language of descriptions (default: the admin's)")
    p.set_defaults(func=_calendar)
