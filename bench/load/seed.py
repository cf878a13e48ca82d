"""A database for a load run: one demo cohort of N participants, each with a login cookie.

The cookies are real: a handoff token is made and exchanged through the auth service,
exactly as `/session/complete` does, and the token is what the browser's cookie holds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate, unit_of_work
from modules.db.models import Cohort, CohortFacilitator, Enrolment, User
from modules.demo import seed_demo
from modules.services import auth
from modules.services.context import Services
from modules.settings import ROOT, load_settings


@dataclass
class World:
    database_url: str
    cohort_id: int
    module_id: str
    reflection_id: str
    facilitator_cookie: str
    participants: list[tuple[int, str]]  # (user id, cookie)
    checkin_id: int | None = None  # the open check-in, where the code measured has live activities
    reflection_step: str = ""  # the reader's step (section) that holds the reflection

    def module_query(self) -> str:
        """The module page's query string, opened on the reflection's step (the reader shows one
        section at a time; code measured from before steps ignores `s`)."""
        return f"c={self.cohort_id}&m={self.module_id}&s={self.reflection_step}"


def _cookie(svc: Services, user: User) -> str:
    return auth.exchange_handoff(svc, auth.start_session(svc, auth.to_actor(user)).handoff)


def seed(database_url: str, participants: int, src: Path) -> World:
    """Seed with the code being measured (the snapshot in src), in its own process."""
    out = subprocess.run([sys.executable, "-m", "bench.load.seed", database_url, str(participants)], cwd=src,
                         capture_output=True, text=True, check=True).stdout
    return World(**json.loads(out.strip().splitlines()[-1]))


def _seed(database_url: str, participants: int) -> World:
    engine = make_engine(database_url)
    migrate(engine)
    svc = Services(engine=engine, settings=load_settings({}), program=load_program(ROOT / "content"))
    seed_demo(svc, participants=participants, cohort_size=participants, seed=11)
    module = svc.program.modules[0]
    reflection = next(e for e in module.meta.exercises if e.type == "reflection")
    with unit_of_work(engine) as db:
        cohort = db.scalar(select(Cohort).order_by(Cohort.id.desc()).limit(1))
        fac = db.scalar(select(User).join(CohortFacilitator, CohortFacilitator.user_id == User.id)
                        .where(CohortFacilitator.cohort_id == cohort.id))
        users = list(db.scalars(select(User).join(Enrolment, Enrolment.user_id == User.id)
                                .where(Enrolment.cohort_id == cohort.id).order_by(User.id)))
    return World(database_url=database_url, cohort_id=cohort.id, module_id=module.id, reflection_id=reflection.id,
                 facilitator_cookie=_cookie(svc, fac), participants=[(u.id, _cookie(svc, u)) for u in users],
                 checkin_id=_checkin(svc, fac, cohort.id),
                 reflection_step=next(r.id for r in module.meta.sections if reflection.id in r.exercises))


def _checkin(svc: Services, fac: User, cohort_id: int) -> int | None:
    try:
        from modules.services import live
    except ImportError:  # the code measured predates live activities
        return None
    return live.create_activity(svc, auth.to_actor(fac), cohort_id, "checkin", "Vad har du med dig in i rummet?",
                                open_now=True)


if __name__ == "__main__":
    from dataclasses import asdict

    print(json.dumps(asdict(_seed(sys.argv[1], int(sys.argv[2])))))
