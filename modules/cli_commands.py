"""CLI commands that need the database: migrate, create-admin, backup, seed-demo, export."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate, normalise_url
from modules.i18n import t
from modules.services.context import Services
from modules.services.errors import DomainError
from modules.settings import load_settings


def services(migrate_first: bool = True) -> Services:
    settings = load_settings()
    engine = make_engine(settings.database_url)
    if migrate_first:
        migrate(engine)
    return Services(engine=engine, settings=settings, program=load_program(settings.content_dir))


def write_file(out: Path, data: bytes) -> None:
    """Written beside the target and renamed: a reader never sees a half-written file."""
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _migrate(args) -> int:
    settings = load_settings()
    migrate(make_engine(settings.database_url))
    print(f"Database is at the latest schema: {make_url(normalise_url(settings.database_url)).render_as_string()}")
    return 0


def _create_admin(args) -> int:
    from modules.services import accounts

    try:
        actor = accounts.create_admin(services(), args.name, args.email, args.password)
    except DomainError as exc:
        return fail(t("en", exc.key, **{k: v for k, v in exc.params.items()}))
    print(f"Administrator {actor.name} <{actor.login}> created.")
    return 0


def _backup(args) -> int:
    """A consistent copy of a live SQLite database through SQLite's online backup API."""
    url = make_url(normalise_url(load_settings().database_url))
    if url.get_backend_name() != "sqlite":
        return fail("backup copies the SQLite database; for PostgreSQL use pg_dump")
    source_path = Path(url.database or "")
    if not source_path.is_file():
        return fail(f"no database at {source_path}")
    target = Path(args.path)
    if target.exists() and not args.force:
        return fail(f"{target} exists (use --force to overwrite)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    partial.replace(target)  # the finished copy appears at once, never half-written
    print(f"Backup written to {target}")
    return 0


def _seed_demo(args) -> int:
    from modules.demo import RealDataPresent, seed_demo

    if args.participants < 1 or args.participants > 20000:
        return fail("--participants must be between 1 and 20000")
    try:
        info = seed_demo(services(), participants=args.participants, seed=args.seed, force=args.force)
    except RealDataPresent:
        return fail("this database holds accounts or organisations that are not demo data; "
                    "seed-demo refuses to add demo accounts to it (use --force if you really mean to)")
    print(info)
    return 0


def _export(args) -> int:
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import User
    from modules.services import reports
    from modules.services.auth import to_actor

    svc = services()
    with unit_of_work(svc.engine) as db:
        user = db.scalar(select(User).where(User.login == args.as_user.lower())) if args.as_user else \
            db.scalar(select(User).where(User.role == "admin").order_by(User.id))
    if user is None or user.role == "participant":
        return fail("--as must name an administrator or facilitator (default: the first administrator)")
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        return fail("--out must end with .xlsx")
    try:
        data = reports.export_workbook(svc, to_actor(user), cohort_id=args.cohort, org_id=args.organisation,
                                       pseudonymise=args.pseudonymise)
    except DomainError as exc:
        return fail(t("en", exc.key, **exc.params))
    write_file(out, data)
    print(f"Wrote {out} ({len(data):,} bytes) as {user.login}")
    return 0


def _purge(args) -> int:
    import datetime as dt

    from modules.services import retention

    try:
        before = dt.date.fromisoformat(args.ended_before)
    except ValueError:
        return fail("--ended-before must be a date, YYYY-MM-DD")
    found = retention.purge(services(), before, yes=args.yes)
    for c in found:
        print(f"{c['id']}\t{c['end_date'].isoformat()}\t{c['organisation']}\t{c['name']}\t"
              f"{c['participants']} participant(s)")
    verb = "Deleted" if args.yes else "Would delete (dry run; add --yes to delete)"
    print(f"{verb}: {len(found)} cohort(s) that ended before {before.isoformat()}.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("migrate", help="Bring the database schema to the latest version (Alembic).")
    p.set_defaults(func=_migrate)
    p = sub.add_parser("create-admin", help="Create an administrator account (for scripts).")
    p.add_argument("--name", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--password", required=True, help="at least 10 characters")
    p.set_defaults(func=_create_admin)
    p = sub.add_parser("backup", help="Copy the live SQLite database consistently to PATH.")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(func=_backup)
    p = sub.add_parser("seed-demo", help="Create a demo organisation, facilitator and cohorts with history.")
    p.add_argument("--participants", type=int, default=24, help="number of participants (default 24)")
    p.add_argument("--seed", type=int, default=7, help="random seed, for repeatable data")
    p.add_argument("--force", action="store_true", help="seed even a database that holds non-demo data")
    p.set_defaults(func=_seed_demo)
    p = sub.add_parser("export", help="Write the Excel report of a cohort or an organisation.")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--cohort", type=int, metavar="ID")
    scope.add_argument("--organisation", type=int, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--as", dest="as_user", metavar="LOGIN",
                   help="export with this user's permissions (default: the first administrator)")
    p.add_argument("--pseudonymise", action="store_true", help="replace names with stable pseudonyms")
    p.set_defaults(func=_export)
    p = sub.add_parser("purge", help="Delete cohorts that ended before a date, with all their data (dry run by default).")
    p.add_argument("--ended-before", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--yes", action="store_true", help="really delete (otherwise only list)")
    p.set_defaults(func=_purge)
