"""Learning groups (lärgrupper) of 3-4 participants: formed by hand or at random (optionally
mixing departments from the roster), a log per module, and the group's next meeting.

Who sees a group's log is decided by the privacy rule (privacy.may_see_group_log): the group
always, the facilitator only what a member shared with the facilitator. Facilitators always
see which groups met and logged (status, never content)."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import delete, func, select

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment, GroupLogEntry, LearningGroup, LearningGroupMember, User
from modules.services import privacy, validate
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound, PermissionDenied
from modules.services.journey import require_participant
from modules.services.permissions import facilitates, require_cohort

LOG_MAX = 2000
GROUP_MIN, GROUP_MAX = 3, 4


def split_sizes(n: int) -> list[int]:
    """Group sizes of 3-4 for n people (fewer than 6 make one group)."""
    if n < GROUP_MIN:
        return [n] if n else []
    groups = max(1, -(-n // GROUP_MAX))  # ceil(n / 4)
    while groups > 1 and n < GROUP_MIN * groups:
        groups -= 1
    return [n // groups + (1 if i < n % groups else 0) for i in range(groups)]


def deal(people: list[tuple[int, str]], seed: int, mix: bool) -> list[list[int]]:
    """Random groups; with mix, people of one department are dealt round-robin across groups."""
    rng = random.Random(seed)
    people = list(people)
    rng.shuffle(people)
    sizes = split_sizes(len(people))
    if mix:
        by_dept: dict[str, list[int]] = {}
        for uid, dept in people:
            by_dept.setdefault(dept or "", []).append(uid)
        order = [uid for dept in sorted(by_dept, key=lambda d: -len(by_dept[d])) for uid in by_dept[dept]]
        groups: list[list[int]] = [[] for _ in sizes]
        i = 0
        for uid in order:
            while len(groups[i % len(groups)]) >= sizes[i % len(groups)]:
                i += 1
            groups[i % len(groups)].append(uid)
            i += 1
        return groups
    out, start = [], 0
    for size in sizes:
        out.append([uid for uid, _ in people[start:start + size]])
        start += size
    return out


def _joined(db, cohort_id: int) -> list[tuple[int, str]]:
    return [(uid, dept) for uid, dept in db.execute(select(Enrolment.user_id, Enrolment.department).where(
        Enrolment.cohort_id == cohort_id, Enrolment.user_id.is_not(None), Enrolment.joined_at.is_not(None)))]


def form_random(svc: Services, actor: Actor, cohort_id: int, *, mix_departments: bool = False,
                seed: int | None = None) -> int:
    """Replace the cohort's groups with random groups of 3-4; returns how many groups."""
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        people = _joined(db, cohort_id)
        if len(people) < GROUP_MIN:
            raise DomainError("groups.too_few", n=GROUP_MIN)
        db.execute(delete(LearningGroup).where(LearningGroup.cohort_id == cohort_id))
        for i, members in enumerate(deal(people, seed if seed is not None else random.SystemRandom().randrange(1 << 30),
                                         mix_departments), start=1):
            group = LearningGroup(cohort_id=cohort_id, name=f"{i}", meeting_sequence=0)
            db.add(group)
            db.flush()
            db.add_all(LearningGroupMember(group_id=group.id, user_id=uid, cohort_id=cohort_id) for uid in members)
        return i


def create_group(svc: Services, actor: Actor, cohort_id: int, name: str) -> int:
    name = validate.text(name, "group_name", 80)
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        group = LearningGroup(cohort_id=cohort_id, name=name, meeting_sequence=0)
        db.add(group)
        db.flush()
        return group.id


def place(svc: Services, actor: Actor, cohort_id: int, user_id: int, group_id: int | None) -> None:
    """Move a participant to a group by hand (None: out of every group)."""
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        if user_id not in {uid for uid, _ in _joined(db, cohort_id)}:
            raise NotFound()
        if group_id is not None:
            group = db.get(LearningGroup, group_id)
            if group is None or group.cohort_id != cohort_id:
                raise NotFound()
        db.execute(delete(LearningGroupMember).where(LearningGroupMember.cohort_id == cohort_id,
                                                     LearningGroupMember.user_id == user_id))
        if group_id is not None:
            db.add(LearningGroupMember(group_id=group_id, user_id=user_id, cohort_id=cohort_id))


def _members(db, group_id: int) -> list[dict]:
    return [dict(user_id=uid, name=name) for uid, name in db.execute(
        select(User.id, User.name).join(LearningGroupMember, LearningGroupMember.user_id == User.id)
        .where(LearningGroupMember.group_id == group_id).order_by(User.name))]


def overview(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """Facilitators: groups, members, next meeting, and per module whether the group met and
    logged; a log's text only where a member shared it with the facilitator."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        groups = db.scalars(select(LearningGroup).where(LearningGroup.cohort_id == cohort_id)
                            .order_by(LearningGroup.id)).all()
        out = []
        for g in groups:
            logs = db.execute(select(GroupLogEntry, User.name).join(User, User.id == GroupLogEntry.user_id)
                              .where(GroupLogEntry.group_id == g.id).order_by(GroupLogEntry.created_at)).all()
            modules: dict[str, dict] = {}
            for entry, name in logs:
                m = modules.setdefault(entry.module_id, dict(entries=0, met=False, shared=[]))
                m["entries"] += 1
                m["met"] = m["met"] or entry.met_on is not None
                if privacy.may_see_group_log(privacy.STAFF, entry.visibility):
                    m["shared"].append(dict(author=name, text=entry.text, met_on=entry.met_on))
            out.append(dict(id=g.id, name=g.name, next_meeting_at=g.next_meeting_at, members=_members(db, g.id),
                            modules=modules))
        return out


def _my_group(db, actor: Actor, cohort_id: int) -> LearningGroup | None:
    return db.scalar(select(LearningGroup).join(LearningGroupMember, LearningGroupMember.group_id == LearningGroup.id)
                     .where(LearningGroupMember.cohort_id == cohort_id, LearningGroupMember.user_id == actor.id))


def my_group(svc: Services, actor: Actor, cohort_id: int, module_id: str | None = None) -> dict | None:
    """A participant's group: members, next meeting and the log (of one module, or all)."""
    with unit_of_work(svc.engine) as db:
        require_participant(db, actor, cohort_id)
        group = _my_group(db, actor, cohort_id)
        if group is None:
            return None
        q = select(GroupLogEntry, User.name).join(User, User.id == GroupLogEntry.user_id).where(
            GroupLogEntry.group_id == group.id)
        if module_id:
            q = q.where(GroupLogEntry.module_id == module_id)
        log = [dict(id=e.id, author=name, text=e.text, met_on=e.met_on, module_id=e.module_id,
                    shared=e.visibility == privacy.FACILITATOR, mine=e.user_id == actor.id, at=e.created_at)
               for e, name in db.execute(q.order_by(GroupLogEntry.created_at))
               if privacy.may_see_group_log(privacy.GROUP_PEER, e.visibility)]
        return dict(id=group.id, name=group.name, next_meeting_at=group.next_meeting_at,
                    members=_members(db, group.id), log=log)


def write_log(svc: Services, actor: Actor, cohort_id: int, module_id: str, text: str, *,
              met_on: dt.date | None = None, share_with_facilitator: bool = False) -> int:
    text = validate.text(text, "group_log", LOG_MAX)
    if svc.program.module(module_id) is None:
        raise NotFound()
    with unit_of_work(svc.engine, write=True) as db:
        require_participant(db, actor, cohort_id)
        group = _my_group(db, actor, cohort_id)
        if group is None:
            raise PermissionDenied()
        entry = GroupLogEntry(group_id=group.id, user_id=actor.id, module_id=module_id, text=text, met_on=met_on,
                              visibility=privacy.FACILITATOR if share_with_facilitator else privacy.GROUP)
        db.add(entry)
        db.flush()
        return entry.id


def set_next_meeting(svc: Services, actor: Actor, cohort_id: int, when: dt.datetime | None,
                     group_id: int | None = None) -> None:
    """A member (their own group) or a facilitator (any group of the cohort) sets the next meeting."""
    with unit_of_work(svc.engine, write=True) as db:
        if group_id is not None and facilitates(db, actor, cohort_id):
            group = db.get(LearningGroup, group_id)
            if group is None or group.cohort_id != cohort_id:
                raise NotFound()
        else:
            require_participant(db, actor, cohort_id)
            group = _my_group(db, actor, cohort_id)
            if group is None:
                raise PermissionDenied()
        if when != group.next_meeting_at:
            group.next_meeting_at = when
            group.meeting_sequence = (group.meeting_sequence or 0) + 1


def group_counts(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """Facilitators: how many groups, and how many of them logged at least once."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        groups = db.scalar(select(func.count()).select_from(LearningGroup).where(LearningGroup.cohort_id == cohort_id))
        logged = db.scalar(select(func.count(func.distinct(GroupLogEntry.group_id))).join(
            LearningGroup, LearningGroup.id == GroupLogEntry.group_id).where(LearningGroup.cohort_id == cohort_id))
        return dict(groups=groups or 0, logged=logged or 0)


def group_shared(svc: Services, actor: Actor, cohort_id: int, module_id: str | None = None) -> list[dict]:
    """Answers my learning group's members shared with the group (by the privacy rule)."""
    from modules.db.models import Answer
    from modules.services.journey import answer_dict

    with unit_of_work(svc.engine) as db:
        require_participant(db, actor, cohort_id)
        group = _my_group(db, actor, cohort_id)
        if group is None:
            return []
        members = select(LearningGroupMember.user_id).where(LearningGroupMember.group_id == group.id)
        q = select(Answer, User.name).join(User, User.id == Answer.user_id).where(
            Answer.cohort_id == cohort_id, Answer.user_id.in_(members), Answer.user_id != actor.id,
            Answer.visibility == privacy.GROUP).order_by(Answer.updated_at.desc())
        if module_id:
            q = q.where(Answer.module_id == module_id)
        return [answer_dict(a) | {"author": name} for a, name in db.execute(q)
                if privacy.may_see_answer(privacy.GROUP_PEER, a.kind, a.visibility)]
