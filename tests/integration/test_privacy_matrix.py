"""Per registered column and per actor: what the services and the export files reveal.

Actors: the author (part_a), another participant of the cohort (part_a_other), the cohort's
facilitator (fac_a), a facilitator of another organisation (fac_b) and an administrator.
Each registered column gets a unique marker; an actor "sees" it when the marker appears in
anything that actor can get from the services, or in the Excel exports (read back).
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from modules.db.engine import unit_of_work
from modules.db.models import User
from modules.services import answers, dashboard, groups, mail, mydata, privacy, reports, wall
from modules.services.errors import DomainError

ACTORS = ("part_a", "part_a_other", "fac_a", "fac_b", "admin")
AUTHOR_ONLY = {"part_a"}
SHARED_WITH_COHORT = {"part_a", "part_a_other", "fac_a", "admin"}  # part_a_other wrote it, for the cohort
STAFF_AND_SELF = {"part_a", "fac_a", "admin"}
# The rule allows peers to read a cohort-shared follow-up; the cohort view shows only the
# commitment itself, which is stricter (and so allowed).
FOLLOWUP_SHARED = {"part_a_other", "fac_a", "admin"}
GROUP = {"part_a", "part_a_other"}  # both are in one learning group


def _seed(svc, w) -> dict[str, tuple[str, set[str]]]:
    """column -> (marker, actors who must see it); everything else must not."""
    a, o = w.part_a, w.part_a_other
    answers.save_answer(svc, a, w.cohort_a, "example", "first-thoughts", {"text": "MRK-refl-private"}, submit=True)
    answers.save_answer(svc, a, w.cohort_a, "example", "try-it", {"what": "MRK-what-private",
                        "with_whom": "MRK-whom-private", "due": "2026-01-01"}, submit=True)
    answers.follow_up(svc, a, answers.my_commitments(svc, a)[0]["id"], "partly", "MRK-followup-private")
    answers.rate_module(svc, a, w.cohort_a, "example", 2, "MRK-feedback-one-person")
    answers.save_answer(svc, o, w.cohort_a, "example", "first-thoughts", {"text": "MRK-refl-cohort"}, submit=True,
                        visibility="cohort")
    answers.save_answer(svc, o, w.cohort_a, "example", "try-it", {"what": "MRK-what-cohort",
                        "with_whom": "MRK-whom-cohort", "due": "2026-01-01"}, submit=True, visibility="cohort")
    answers.follow_up(svc, o, answers.my_commitments(svc, o)[0]["id"], "done", "MRK-followup-cohort")
    group = groups.create_group(svc, w.fac_a, w.cohort_a, "G")
    for member in (a, o):
        groups.place(svc, w.fac_a, w.cohort_a, member.id, group)
    groups.write_log(svc, a, w.cohort_a, "example", "MRK-grouplog-group")
    groups.write_log(svc, a, w.cohort_a, "example", "MRK-grouplog-facilitator", share_with_facilitator=True)
    post = wall.wall(svc, a, w.cohort_a, "example")[0]["id"]
    wall.reply(svc, a, post, "MRK-wall-reply")
    with unit_of_work(svc.engine) as db:
        user = db.get(User, a.id)
        login, password_hash = user.login, user.password_hash
    return {
        "answers.data": ("MRK-refl-private", AUTHOR_ONLY),
        "answers.data (shared with the cohort)": ("MRK-refl-cohort", SHARED_WITH_COHORT),
        "commitments.what": ("MRK-what-private", AUTHOR_ONLY),
        "commitments.with_whom": ("MRK-whom-private", AUTHOR_ONLY),
        "commitments.followup": ("MRK-followup-private", AUTHOR_ONLY),
        "commitments.what (shared with the cohort)": ("MRK-what-cohort", SHARED_WITH_COHORT),
        "commitments.with_whom (shared with the cohort)": ("MRK-whom-cohort", SHARED_WITH_COHORT),
        "commitments.followup (shared with the cohort)": ("MRK-followup-cohort", FOLLOWUP_SHARED),
        "feedback.comment": ("MRK-feedback-one-person", AUTHOR_ONLY),
        "users.login": (login, STAFF_AND_SELF),
        "users.email": (login, STAFF_AND_SELF),
        "enrolments.email": (login, STAFF_AND_SELF),
        "users.password_hash": (password_hash, set()),
        "learning_group_logs.text": ("MRK-grouplog-group", GROUP),
        "learning_group_logs.text (shared with the facilitator)": ("MRK-grouplog-facilitator", GROUP | {"fac_a", "admin"}),
        "wall_replies.text": ("MRK-wall-reply", SHARED_WITH_COHORT | {"part_a_other"}),
    }


def _try(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except DomainError:
        return None


def _xlsx_text(data: bytes | None) -> str:
    if not data:
        return ""
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)


def _revealed(svc, w, actor) -> str:
    """Everything this actor can get from the services and the exports, as one text."""
    parts = [
        _try(answers.journal, svc, actor), _try(answers.my_commitments, svc, actor),
        _try(answers.cohort_shared, svc, actor, w.cohort_a), _try(mydata.my_data, svc, actor),
        _try(dashboard.overview, svc, actor, cohort_id=w.cohort_a),
        _try(dashboard.overview, svc, actor, org_id=w.org_a),
        _try(dashboard.shared_answers, svc, actor, w.cohort_a),
        _try(groups.my_group, svc, actor, w.cohort_a), _try(groups.overview, svc, actor, w.cohort_a),
        _try(groups.group_shared, svc, actor, w.cohort_a), _try(wall.wall, svc, actor, w.cohort_a, "example"),
        _try(mail.status, svc, actor, w.cohort_a),
    ]
    parts += [_try(dashboard.participant_commitments, svc, actor, w.cohort_a, p.id) for p in (w.part_a, w.part_a_other)]
    text = "\n".join(repr(p) for p in parts)
    for kwargs in (dict(cohort_id=w.cohort_a), dict(cohort_id=w.cohort_a, pseudonymise=True), dict(org_id=w.org_a)):
        text += _xlsx_text(_try(reports.export_workbook, svc, actor, **kwargs))
    return text


@pytest.fixture
def revealed(svc, world):
    cases = _seed(svc, world)
    return cases, {name: _revealed(svc, world, getattr(world, name)) for name in ACTORS}


def test_each_registered_column_reaches_exactly_the_actors_the_rule_allows(revealed):
    cases, seen = revealed
    wrong = []
    for column, (marker, allowed) in cases.items():
        for actor in ACTORS:
            if (marker in seen[actor]) != (actor in allowed):
                wrong.append(f"{column}: {actor} {'sees' if marker in seen[actor] else 'does not see'} it")
    assert wrong == []


def test_every_text_column_in_the_registry_is_exercised_by_the_matrix(revealed):
    cases, _seen = revealed
    covered = {c.split(" ")[0] for c in cases}
    # Scores (self-assessment ratings in answers.data, feedback.rating) are proven in
    # test_privacy_rule.py (group means only); status columns are always shown to staff.
    proven_elsewhere = {"feedback.rating", "answers.status", "answers.visibility", "section_reads.section_id",
                        "users.name", "enrolments.name", "commitments.outcome", "auth_sessions.token_hash",
                        "one_time_codes.code_hash", "learning_group_logs.visibility",
                        # recall and practice follow-up answers hold option ids and frequencies (no
                        # text to mark): test_recall.py and test_practice_followup.py prove them.
                        "recall_answers.answers", "recall_answers.correct", "recall_answers.total",
                        "practice_followups.answers",
                        # a live answer is a poll choice or a word: test_live.py proves counts only.
                        "live_answers.value",
                        # the outbox's address is a copy of users.email; no service returns it.
                        "outbox.to_address",
                        # hashes of login tokens; personal invite codes (staff and the invitee):
                        # test_auth_sessions.py, test_throttling.py and test_invite_codes.py.
                        "auth_devices.token_hash", "auth_sessions.handoff_hash", "enrolments.invite_code"}
    assert set(privacy.REGISTRY) - covered - proven_elsewhere == set()


def test_names_reach_the_cohorts_staff_and_peers_only_next_to_what_was_shared(svc, world):
    from tests.builders import make_participant

    _seed(svc, world)
    make_participant(svc, world.fac_a, world.cohort_a, "Cilla C")  # shares nothing, in no learning group
    seen = {name: _revealed(svc, world, getattr(world, name)) for name in ("part_a", "part_a_other", "fac_b")}
    assert "Åke A" in seen["part_a"]  # the author of an answer shared with the cohort
    assert "Cilla C" not in seen["part_a"] and "Cilla C" not in seen["part_a_other"]
    assert "Anna A" not in seen["fac_b"] and "Åke A" not in seen["fac_b"]


def test_no_session_or_code_hash_is_revealed_to_anyone(svc, world):
    from modules.db.models import OneTimeCode

    _seed(svc, world)
    with unit_of_work(svc.engine) as db:
        hashes = list(db.scalars(select(OneTimeCode.code_hash)))
    seen = "\n".join(_revealed(svc, world, getattr(world, name)) for name in ACTORS)
    assert hashes and not any(h in seen for h in hashes)
