"""Small named builders for test data. They go through the services, like the app does."""

from __future__ import annotations

import datetime as dt
import itertools

from modules.services import accounts, cohorts
from modules.services.context import Actor, Services

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_admin(svc: Services, name: str = "Ada Admin") -> Actor:
    return accounts.create_admin(svc, name, f"admin{next(_seq)}@example.org", PASSWORD)


def make_org(svc: Services, admin: Actor, name: str | None = None) -> int:
    return cohorts.create_organisation(svc, admin, name or f"Organisation {next(_seq)}")


def make_facilitator(svc: Services, admin: Actor, org_id: int, name: str = "Fia Facilitator") -> Actor:
    email = f"fac{next(_seq)}@example.org"
    code = accounts.create_facilitator(svc, admin, name, email, [org_id])
    return accounts.redeem_code(svc, code, PASSWORD, PASSWORD, None)


def make_cohort(svc: Services, facilitator: Actor, org_id: int, name: str = "Våren", language: str = "sv",
                start: dt.date | None = None) -> int:
    start = start or dt.date.today()
    return cohorts.create_cohort(svc, facilitator, org_id, name, language, start, start + dt.timedelta(days=90))


def make_participant(svc: Services, facilitator: Actor, cohort_id: int, name: str = "Per Participant",
                     language: str = "sv") -> Actor:
    code = cohorts.get_cohort(svc, facilitator, cohort_id)["join_code"]
    return cohorts.join_new(svc, code, name, f"p{next(_seq)}@example.org", PASSWORD, PASSWORD, None, language)


class World:
    """Two organisations; org A has cohorts A1 (two participants) and A2; org B has cohort B1."""

    def __init__(self, svc: Services):
        self.admin = make_admin(svc)
        self.org_a, self.org_b = make_org(svc, self.admin), make_org(svc, self.admin)
        self.fac_a = make_facilitator(svc, self.admin, self.org_a, "Fia A")
        self.fac_a2 = make_facilitator(svc, self.admin, self.org_a, "Fredrik A2")
        self.fac_b = make_facilitator(svc, self.admin, self.org_b, "Fia B")
        self.cohort_a = make_cohort(svc, self.fac_a, self.org_a, "A1")
        self.cohort_a2 = make_cohort(svc, self.fac_a2, self.org_a, "A2")
        self.cohort_b = make_cohort(svc, self.fac_b, self.org_b, "B1")
        self.part_a = make_participant(svc, self.fac_a, self.cohort_a, "Anna A")
        self.part_a_other = make_participant(svc, self.fac_a, self.cohort_a, "Åke A")
        self.part_b = make_participant(svc, self.fac_b, self.cohort_b, "Bo B")


def roster_rows(svc: Services, cohort_id: int, user_ids) -> set[int]:
    """The roster-row (enrolment) ids of these users in a cohort: attendance is kept per row."""
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import Enrolment

    with unit_of_work(svc.engine) as db:
        return set(db.scalars(select(Enrolment.id).where(Enrolment.cohort_id == cohort_id,
                                                         Enrolment.user_id.in_(list(user_ids)))))
