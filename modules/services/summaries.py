"""A plain-text summary of any answer, for the journal, dashboards and exports."""

from __future__ import annotations

from modules.i18n import t
from modules.services.exercise_rules import checklist_result, dimension_means, resolve_assessment
from modules.services.planners import spec_for


def summarise(program, exercise, data: dict, lang: str) -> str:
    if exercise is None:
        return ""
    fn = _SUMMARIES.get(exercise.type)
    return fn(program, exercise, data or {}, lang) if fn else ""


def _reflection(program, ex, data, lang):
    return data.get("text", "")


def _assessment(program, ex, data, lang):
    _scale, dims = resolve_assessment(program, ex)
    means = dimension_means(dims, data.get("ratings") or {})
    return "; ".join(f"{d.title.get(lang)}: {means[d.id]:.1f}" for d in dims if means[d.id] is not None)


def _scenario(program, ex, data, lang):
    steps = {s.id: s for s in ex.steps}
    out = []
    for step_id, option_id in data.get("path") or []:
        option = next((o for o in steps[step_id].options if o.id == option_id), None) if step_id in steps else None
        if option:
            out.append(option.text.get(lang))
    return " → ".join(out)


def _quiz(program, ex, data, lang):
    if "correct" not in data:
        return ""
    return t(lang, "quiz.score_plain", correct=data.get("correct", 0), total=data.get("total", 0))


def _checklist(program, ex, data, lang):
    ticked = data.get("ticked") or []
    names = [i.text.get(lang) for i in ex.items if i.id in ticked]
    result = checklist_result(ex, len(ticked))
    return "; ".join(names) + (f" — {result.text.get(lang)}" if result else "")


def _planner(program, ex, data, lang):
    spec = spec_for(ex)
    fields = data.get("fields") or {}
    lines = []
    for f in spec.fields:
        value = fields.get(f.id)
        if value in (None, "", []):
            continue
        label = f.label.get(lang) if f.label is not None else t(lang, f"planner.{spec.template}.{f.id}")
        if f.kind == "table":
            value = "; ".join(", ".join(f"{v}" for v in _flat(row) if v not in (None, "")) for row in value)
        elif f.kind == "choice":
            value = t(lang, f"choice.{value}")
        lines.append(f"{label}: {value}")
    return "\n".join(lines)


def _flat(row: dict):
    for v in row.values():
        if isinstance(v, dict):
            yield from (f"{k}={x}" for k, x in v.items())
        else:
            yield v


def _commitment(program, ex, data, lang):
    parts = [data.get("what", "")]
    if data.get("with_whom"):
        parts.append(t(lang, "commitment.with_whom") + ": " + data["with_whom"])
    if data.get("due"):
        parts.append(t(lang, "commitment.due") + ": " + data["due"])
    return "\n".join(p for p in parts if p)


_SUMMARIES = {
    "reflection": _reflection,
    "self_assessment": _assessment,
    "scenario": _scenario,
    "knowledge_check": _quiz,
    "checklist": _checklist,
    "planner": _planner,
    "commitment": _commitment,
}
