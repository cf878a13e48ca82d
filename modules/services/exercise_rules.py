"""Check and normalise an exercise answer's data against the exercise definition.

Pages send what the widgets hold; nothing reaches the database without passing here.
"""

from __future__ import annotations

import datetime as dt

from modules.services.errors import DomainError
from modules.services.planners import validate_planner

TEXT_MAX = 20000
SHORT_MAX = 300


def _text(value, max_len: int = TEXT_MAX) -> str:
    value = "" if value is None else str(value)
    if len(value) > max_len:
        raise DomainError("error.too_long", field="answer", n=max_len)
    return value.replace("\x00", "")


def normalise(exercise, data: dict, submit: bool, program=None) -> tuple[dict, bool]:
    """(clean data, done). Raises DomainError on data that does not fit the exercise."""
    if not isinstance(data, dict):
        raise DomainError("error.invalid", field="answer")
    if exercise.type == "self_assessment":
        scale, dims = resolve_assessment(program, exercise)
        return _self_assessment(data, submit, scale, dims, retrospective=exercise.retrospective)
    return _HANDLERS[exercise.type](exercise, data, submit)


def resolve_assessment(program, exercise):
    """(scale, dimensions): an assessment that repeats another takes them from it."""
    if not exercise.repeats:
        return exercise.scale, exercise.dimensions
    module_id, ex_id = exercise.repeats.split("/")
    target = program.module(module_id).exercise(ex_id)
    return target.scale, target.dimensions


def _reflection(ex, data, submit):
    text = _text(data.get("text")).strip()
    if submit and not text:
        raise DomainError("error.required", field="answer")
    return {"text": text}, submit


def _self_assessment(data, submit, scale, dims, retrospective: bool = False):
    """{"ratings": {item: value}}; a retrospective assessment also has "before" (looking back)."""
    items = {i.id for d in dims for i in d.items}
    out = {}
    for part in ("ratings", "before") if retrospective else ("ratings",):
        values = {}
        for key, value in (data.get(part) or {}).items():
            if key not in items:
                raise DomainError("error.invalid", field="answer")
            if not isinstance(value, int) or not (scale.min <= value <= scale.max):
                raise DomainError("error.invalid", field="answer")
            values[key] = value
        if submit and set(values) != items:
            raise DomainError("error.rate_all")
        out[part] = values
    return out, submit


def _scenario(ex, data, submit):
    steps = {s.id: s for s in ex.steps}
    path, expected = [], ex.start
    for pair in data.get("path") or []:
        step_id, option_id = pair
        step = steps.get(step_id)
        option = next((o for o in step.options if o.id == option_id), None) if step else None
        if step_id != expected or option is None:
            raise DomainError("error.invalid", field="answer")
        path.append([step_id, option_id])
        expected = option.next
    return {"path": path}, bool(path) and expected is None


def _knowledge_check(ex, data, submit):
    answers = {}
    for q in ex.questions:
        chosen = (data.get("answers") or {}).get(q.id)
        if chosen is not None:
            if chosen not in {o.id for o in q.options}:
                raise DomainError("error.invalid", field="answer")
            answers[q.id] = chosen
    if submit and len(answers) != len(ex.questions):
        raise DomainError("error.answer_all")
    correct = sum(1 for q in ex.questions if answers.get(q.id) == q.correct)
    attempts = int(data.get("attempts") or 0) + (1 if submit else 0)
    return {"answers": answers, "correct": correct, "total": len(ex.questions), "attempts": attempts}, submit


def _checklist(ex, data, submit):
    ids = [i.id for i in ex.items]
    ticked = [i for i in ids if i in set(data.get("ticked") or [])]
    if set(data.get("ticked") or []) - set(ids):
        raise DomainError("error.invalid", field="answer")
    return {"ticked": ticked}, submit


def _planner(ex, data, submit):
    return {"fields": validate_planner(ex, data.get("fields") or {}, submit)}, submit


def _commitment(ex, data, submit):
    what = _text(data.get("what")).strip()
    with_whom = _text(data.get("with_whom"), SHORT_MAX).strip()
    due = data.get("due")
    if isinstance(due, str) and due:
        try:
            due = dt.date.fromisoformat(due)
        except ValueError as exc:
            raise DomainError("error.invalid", field="due") from exc
    if submit:
        if not what:
            raise DomainError("error.required", field="what")
        if not isinstance(due, dt.date):
            raise DomainError("error.required", field="due")
    return {"what": what, "with_whom": with_whom, "due": due.isoformat() if isinstance(due, dt.date) else None}, submit


_HANDLERS = {
    "reflection": _reflection,
    "scenario": _scenario,
    "knowledge_check": _knowledge_check,
    "checklist": _checklist,
    "planner": _planner,
    "commitment": _commitment,
}


def checklist_result(ex, ticked: int):
    eligible = [r for r in ex.results if r.min <= ticked]
    return max(eligible, key=lambda r: r.min) if eligible else None


def dimension_means(dimensions, ratings: dict[str, int]) -> dict[str, float | None]:
    out = {}
    for d in dimensions:
        values = [ratings[i.id] for i in d.items if i.id in ratings]
        out[d.id] = sum(values) / len(values) if values else None
    return out
