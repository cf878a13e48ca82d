"""python -m modules calendar writes a cohort's .ics file."""

import datetime as dt

import icalendar

from modules.cli import main
from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate
from modules.services import planning
from modules.services.context import Services
from modules.settings import load_settings
from tests.builders import make_admin, make_cohort, make_facilitator, make_org
from tests.conftest import EXAMPLE_CONTENT


def test_the_calendar_command_writes_the_cohorts_sessions(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MEDLED_CONTENT_DIR", str(EXAMPLE_CONTENT))
    engine = make_engine(url)
    migrate(engine)
    svc = Services(engine=engine, settings=load_settings({}), program=load_program(EXAMPLE_CONTENT))
    admin = make_admin(svc)
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    cohort = make_cohort(svc, fac, org)
    planning.save_session(svc, fac, cohort, "Uppstart", dt.date.today(), dt.time(9), dt.time(10))
    out = tmp_path / "cohort.ics"
    assert main(["calendar", "--cohort", str(cohort), "--out", str(out)]) == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Uppstart"]
    assert main(["calendar", "--cohort", "999999", "--out", str(tmp_path / "x.ics")]) == 2
    assert main(["calendar", "--cohort", str(cohort), "--out", str(tmp_path / "x.txt")]) == 2
    assert "no cohort" in capsys.readouterr().err
