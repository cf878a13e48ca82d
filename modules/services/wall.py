"""The cohort wall: reflections shared with the cohort, per module, with short replies.
The author can withdraw a post; a facilitator can hide a post or a reply, and the author
then sees that it was hidden. Who may see a post is the privacy rule's decision."""

from __future__ import annotations

from sqlalchemy import delete, select

from modules.db.engine import unit_of_work
from modules.db.models import Answer, User, WallHidden, WallReply, utcnow
from modules.services import privacy, validate
from modules.services.context import Actor, Services
from modules.services.errors import NotFound, PermissionDenied
from modules.services.permissions import facilitates, require_cohort

REPLY_MAX = 500
WALL_KINDS = ("reflection",)


def _post(db, actor: Actor, answer_id: int) -> tuple[Answer, bool]:
    """The post and whether the actor is staff of its cohort; refuses anyone who may not see it."""
    answer = db.get(Answer, answer_id)
    if answer is None or answer.kind not in WALL_KINDS:
        raise NotFound()
    require_cohort(db, actor, answer.cohort_id)
    staff = facilitates(db, actor, answer.cohort_id)
    who = privacy.viewer(actor.id, answer.user_id, staff=staff, peer=True)
    if answer.visibility != privacy.COHORT or not privacy.may_see_answer(who, answer.kind, answer.visibility):
        raise NotFound()
    return answer, staff


def wall(svc: Services, actor: Actor, cohort_id: int, module_id: str) -> list[dict]:
    """Posts of one module, newest first. Hidden posts and replies are left out, except that
    their author (marked hidden) and the cohort's facilitators (to undo it) still see them."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id)
        staff = facilitates(db, actor, cohort_id)
        rows = db.execute(select(Answer, User.name, WallHidden.hidden_at).join(User, User.id == Answer.user_id)
                          .outerjoin(WallHidden, WallHidden.answer_id == Answer.id)
                          .where(Answer.cohort_id == cohort_id, Answer.module_id == module_id,
                                 Answer.kind.in_(WALL_KINDS), privacy.peers_may_see())
                          .order_by(Answer.updated_at.desc())).all()
        posts = [(a, name, hidden) for a, name, hidden in rows if not hidden or staff or a.user_id == actor.id]
        replies = db.execute(select(WallReply, User.name).join(User, User.id == WallReply.user_id)
                             .where(WallReply.answer_id.in_([a.id for a, _, _ in posts]))
                             .order_by(WallReply.created_at)).all() if posts else []
        by_post: dict[int, list[dict]] = {}
        for r, name in replies:
            if r.hidden_at is None or staff or r.user_id == actor.id:
                by_post.setdefault(r.answer_id, []).append(dict(id=r.id, author=name, text=r.text, at=r.created_at,
                                                                hidden=r.hidden_at is not None,
                                                                mine=r.user_id == actor.id))
        return [dict(id=a.id, author=name, exercise_id=a.exercise_id, text=(a.data or {}).get("text", ""),
                     at=a.updated_at, hidden=hidden is not None, mine=a.user_id == actor.id,
                     replies=by_post.get(a.id, [])) for a, name, hidden in posts]


def reply(svc: Services, actor: Actor, answer_id: int, text: str) -> int:
    text = validate.text(text, "reply", REPLY_MAX)
    with unit_of_work(svc.engine, write=True) as db:
        answer, staff = _post(db, actor, answer_id)
        if db.get(WallHidden, answer_id) is not None and not staff:
            raise NotFound()
        row = WallReply(answer_id=answer.id, user_id=actor.id, text=text)
        db.add(row)
        db.flush()
        return row.id


def withdraw(svc: Services, actor: Actor, answer_id: int) -> None:
    """The author takes a post off the wall: the answer becomes private again."""
    with unit_of_work(svc.engine, write=True) as db:
        answer = db.get(Answer, answer_id)
        if answer is None or answer.user_id != actor.id:
            raise NotFound()
        answer.visibility = privacy.PRIVATE


def set_post_hidden(svc: Services, actor: Actor, answer_id: int, hidden: bool) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        _, staff = _post(db, actor, answer_id)
        if not staff:
            raise PermissionDenied()
        if hidden and db.get(WallHidden, answer_id) is None:
            db.add(WallHidden(answer_id=answer_id, hidden_by=actor.id, hidden_at=utcnow()))
        elif not hidden:
            db.execute(delete(WallHidden).where(WallHidden.answer_id == answer_id))


def set_reply_hidden(svc: Services, actor: Actor, reply_id: int, hidden: bool) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        row = db.get(WallReply, reply_id)
        if row is None:
            raise NotFound()
        _, staff = _post(db, actor, row.answer_id)
        if not staff:
            raise PermissionDenied()
        row.hidden_at, row.hidden_by = (utcnow(), actor.id) if hidden else (None, None)


def delete_reply(svc: Services, actor: Actor, reply_id: int) -> None:
    """The author of a reply can take it back."""
    with unit_of_work(svc.engine, write=True) as db:
        row = db.get(WallReply, reply_id)
        if row is None or row.user_id != actor.id:
            raise NotFound()
        db.delete(row)
