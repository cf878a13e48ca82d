"""seed-demo: a realistic history for trying Medled and for benchmarks."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from modules.db.engine import unit_of_work
from modules.db.models import (
    Answer,
    Attendance,
    Cohort,
    CohortFacilitator,
    CohortSession,
    Commitment,
    Enrolment,
    Feedback,
    Organisation,
    OrgMember,
    PlanItem,
    SectionRead,
    User,
    utcnow,
)
from modules.services import security
from modules.services.context import Services
from modules.services.dashboard import assessment_pairs

DEMO_DOMAIN = "@demo.medled.se"
DEMO_ORG = "Demo AB "
FIRST = ["Anna", "Åsa", "Björn", "Cecilia", "David", "Elin", "Fredrik", "Göran", "Hanna", "Ida", "Johan", "Karin",
         "Lars", "Maja", "Nils", "Olof", "Petra", "Rasmus", "Sara", "Tove", "Ulf", "Vera", "Ylva", "Örjan", "Ärla"]
LAST = ["Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Forsberg", "Gustafsson", "Holm", "Isaksson", "Johansson",
        "Karlsson", "Lind", "Månsson", "Nilsson", "Öberg", "Persson", "Sjöberg", "Ström", "Wallin", "Åberg"]
REFLECTIONS = ["Jag leder redan när jag samordnar överlämningar mellan skiften.",
               "I meetings I now ask what decision we need before we start.",
               "Jag vill bli bättre på att säga nej till uppdrag som saknar mandat.",
               "=SUM(A1:A3) is how our budget sheet starts, and I explained it simply.",
               "Vi provade 1-2-4-All på APT och fler kom till tals."]


class RealDataPresent(Exception):
    """The database holds data seed-demo did not make: refuse unless forced."""


def has_real_data(db) -> bool:
    """Any account or organisation that seed-demo did not create."""
    real_user = select(User.id).where(~User.login.endswith(DEMO_DOMAIN)).limit(1)
    real_org = select(Organisation.id).where(~Organisation.name.startswith(DEMO_ORG)).limit(1)
    return db.scalar(real_user) is not None or db.scalar(real_org) is not None


def seed_demo(svc: Services, participants: int = 24, seed: int = 7, cohort_size: int = 25,
              force: bool = False) -> str:
    """Demo data with freshly generated passwords (printed, never fixed in the code).

    An administrator is created only when there is none, with its own generated password."""
    rng = random.Random(seed)
    demo_password = security.new_code(4) + "-" + security.new_code(4) + "-" + security.new_code(4)
    password_hash = security.hash_password(demo_password)  # one hash, shared by every demo account
    today = dt.date.today()
    with unit_of_work(svc.engine, write=True) as db:
        if not force and has_real_data(db):
            raise RealDataPresent()
        admin_password = None
        suffix = db.scalar(select(Organisation.id).order_by(Organisation.id.desc()).limit(1)) or 0
        org = Organisation(name=f"{DEMO_ORG}{suffix + 1}")
        db.add(org)
        admin = db.scalar(select(User).where(User.role == "admin"))
        if admin is None:
            admin_password = security.new_code(6) + "-" + security.new_code(6) + "-" + security.new_code(6)
            admin = User(name="Demo Admin", login=f"admin{suffix + 1}{DEMO_DOMAIN}", email=None,
                         password_hash=security.hash_password(admin_password), role="admin", language="sv")
            db.add(admin)
        fac = User(name="Frida Facilitator", login=f"frida{suffix + 1}@demo.medled.se",
                   email=f"frida{suffix + 1}@demo.medled.se", password_hash=password_hash, role="facilitator",
                   language="sv")
        db.add(fac)
        db.flush()
        db.add(OrgMember(org_id=org.id, user_id=fac.id))
        n_cohorts = max(1, -(-participants // cohort_size))
        made = 0
        for c in range(n_cohorts):
            size = min(cohort_size, participants - made)
            _cohort(db, svc, rng, org, fac, c, size, made, suffix, password_hash, today)
            made += size
        fac_login, admin_login = fac.login, admin.login
    return (f"Demo organisation created with {participants} participants in {n_cohorts} cohort(s).\n"
            f"Facilitator: {fac_login} / {demo_password}\n"
            f"Participants: p<N>.{suffix + 1}{DEMO_DOMAIN} / {demo_password} (N from 1)\n"
            f"Administrator: {admin_login}"
            + (f" / {admin_password} (generated now; change it after logging in)" if admin_password
               else " (existing account, password unchanged)"))


def _cohort(db, svc, rng, org, fac, index, size, offset, suffix, password_hash, today) -> None:
    start = today - dt.timedelta(days=rng.randint(20, 120))
    cohort = Cohort(org_id=org.id, name=f"Leda utan chefskap {index + 1}", language="sv", start_date=start,
                    end_date=start + dt.timedelta(days=150), timezone="Europe/Stockholm",
                    join_code=_code(db), join_open=True)
    db.add(cohort)
    db.flush()
    db.add(CohortFacilitator(cohort_id=cohort.id, user_id=fac.id))
    modules = svc.program.modules
    for pos, m in enumerate(modules):
        db.add(PlanItem(cohort_id=cohort.id, module_id=m.id, position=pos, unlock_date=start + dt.timedelta(days=14 * pos)))
    sessions = []
    for s in range(4):
        row = CohortSession(cohort_id=cohort.id, title=f"Träff {s + 1}", date=start + dt.timedelta(days=28 * s),
                            start_time=dt.time(9), end_time=dt.time(12), place="Konferensrum Ekan",
                            module_id=modules[min(len(modules) - 1, 2 * s)].id if modules else None)
        db.add(row)
        sessions.append(row)
    db.flush()
    users = []
    for i in range(size):
        n = offset + i + 1
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        users.append(dict(name=name, login=f"p{n}.{suffix + 1}@demo.medled.se", email=f"p{n}.{suffix + 1}@demo.medled.se",
                          password_hash=password_hash, role="participant", language="sv",
                          created_at=utcnow(), last_active_at=utcnow() - dt.timedelta(days=rng.randint(0, 20))))
    ids = list(db.scalars(insert(User).returning(User.id), users))
    db.execute(insert(Enrolment), [dict(cohort_id=cohort.id, user_id=uid, name=u["name"], email=u["email"],
                                        invited_at=utcnow(), joined_at=utcnow()) for uid, u in zip(ids, users, strict=True)])
    _history(db, svc, rng, cohort, ids, sessions, today)


def _code(db) -> str:
    from modules.services.cohorts import unique_join_code

    return unique_join_code(db)


def _history(db, svc, rng, cohort, user_ids, sessions, today) -> None:
    reads, answers, feedback, attendance = [], [], [], []
    enrolment_of = dict(db.execute(select(Enrolment.user_id, Enrolment.id).where(Enrolment.cohort_id == cohort.id)).all())
    pairs = {(bm, bx) for bm, bx, *_ in assessment_pairs(svc.program)} | {(fm, fx) for _, _, fm, fx, _ in assessment_pairs(svc.program)}
    base_dims = {fx: b for _, _, _, fx, b in assessment_pairs(svc.program)}
    for uid in user_ids:
        reach = rng.randint(0, len(svc.program.modules))
        for m in svc.program.modules[:reach]:
            reads += [dict(user_id=uid, cohort_id=cohort.id, module_id=m.id, section_id=s.id, read_at=utcnow())
                      for s in m.meta.sections if rng.random() < 0.9]
            for ex in m.meta.exercises:
                if rng.random() < 0.75:
                    answers.append(_answer(rng, uid, cohort.id, m.id, ex, pairs, base_dims))
            if rng.random() < 0.6:
                feedback.append(dict(user_id=uid, cohort_id=cohort.id, target_kind="module", target_id=m.id,
                                     rating=rng.randint(2, 5), comment=rng.choice(["", "", "Mycket användbart.",
                                                                                   "+ mer tid för övningar"]),
                                     created_at=utcnow()))
        for s in sessions:
            if s.date <= today:
                attendance.append(dict(session_id=s.id, enrolment_id=enrolment_of[uid], present=rng.random() < 0.85))
    if reads:
        db.execute(insert(SectionRead), reads)
    if feedback:
        db.execute(insert(Feedback), feedback)
    if attendance:
        db.execute(insert(Attendance), attendance)
    for chunk in range(0, len(answers), 2000):
        rows = answers[chunk:chunk + 2000]
        ids = list(db.scalars(insert(Answer).returning(Answer.id), [r["row"] for r in rows]))
        commitments = [dict(answer_id=aid, user_id=r["row"]["user_id"], cohort_id=r["row"]["cohort_id"], **r["commitment"])
                       for aid, r in zip(ids, rows, strict=True) if r["commitment"]]
        if commitments:
            db.execute(insert(Commitment), commitments)


def _answer(rng, uid, cohort_id, module_id, ex, pairs, base_dims) -> dict:
    data, commitment = {}, None
    if ex.type == "reflection":
        data = {"text": rng.choice(REFLECTIONS)}
    elif ex.type == "self_assessment":
        dims = base_dims[ex.id].dimensions if ex.repeats and ex.id in base_dims else ex.dimensions
        lift = 1 if ex.repeats else 0
        data = {"ratings": {i.id: min(5, rng.randint(2, 4) + lift * rng.randint(0, 1)) for d in dims for i in d.items}}
    elif ex.type == "scenario":
        path, step = [], ex.start
        steps = {s.id: s for s in ex.steps}
        while step:
            option = rng.choice(steps[step].options)
            path.append([step, option.id])
            step = option.next
        data = {"path": path}
    elif ex.type == "knowledge_check":
        picks = {q.id: rng.choice(q.options).id for q in ex.questions}
        data = {"answers": picks, "correct": sum(picks[q.id] == q.correct for q in ex.questions),
                "total": len(ex.questions), "attempts": 1}
    elif ex.type == "checklist":
        data = {"ticked": [i.id for i in ex.items if rng.random() < 0.6]}
    elif ex.type == "planner":
        data = {"fields": {}}
    elif ex.type == "commitment":
        due = dt.date.today() + dt.timedelta(days=rng.randint(-20, 20))
        data = {"what": "Pröva en incheckningsrunda på nästa APT.", "with_whom": "Teamet", "due": due.isoformat()}
        followed = due < dt.date.today() and rng.random() < 0.6
        commitment = dict(what=data["what"], with_whom="Teamet", due_date=due,
                          outcome=rng.choice(["done", "partly", "not"]) if followed else None,
                          followup="Det gick bra, fler sa något." if followed else None,
                          followed_up_at=utcnow() if followed else None)
    return {"row": dict(user_id=uid, cohort_id=cohort_id, module_id=module_id, exercise_id=ex.id, kind=ex.type,
                        data=data, status="done", visibility=rng.choice(["private", "private", "facilitator", "cohort"]),
                        updated_at=utcnow(), submitted_at=utcnow()),
            "commitment": commitment}
