"""The planner templates: their fields, validation and derived results.

Labels are i18n keys planner.<template>.<field>; custom planners take fields from content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from modules.services.errors import DomainError

TEXT_MAX, LINE_MAX, ROWS_MAX = 5000, 300, 60


@dataclass(frozen=True)
class FieldSpec:
    id: str
    kind: str  # line | text | date | choice | table
    options: tuple[str, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()  # (column id, kind) for tables
    label: object = None  # L from content (custom planners); else i18n key is used
    help: object = None  # L from content (custom planners)


@dataclass(frozen=True)
class PlannerSpec:
    template: str
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)


DECISION_RULES = ("consent", "consensus", "fist_of_five", "majority", "decider_after_consultation")
ITEM_TYPES = ("information", "discussion", "decision", "reflection")
DISPOSITIONS = ("+", "0", "-")
RACI_LETTERS = ("", "R", "A", "C", "I", "A/R")

TEMPLATES: dict[str, PlannerSpec] = {
    "meeting_plan": PlannerSpec("meeting_plan", (
        FieldSpec("title", "line"), FieldSpec("date", "date"), FieldSpec("purpose", "text"),
        FieldSpec("outcome", "text"), FieldSpec("pre_read", "text"),
        FieldSpec("decision_rule", "choice", DECISION_RULES),
        FieldSpec("facilitator", "line"), FieldSpec("timekeeper", "line"), FieldSpec("note_taker", "line"),
        FieldSpec("check_in", "line"),
        FieldSpec("agenda", "table", columns=(("question", "line"), ("type", "choice:item_types"),
                                              ("minutes", "int"), ("owner", "line"))),
        FieldSpec("check_out", "line"),
    )),
    "stakeholder_map": PlannerSpec("stakeholder_map", (
        FieldSpec("goal", "text"),
        FieldSpec("stakeholders", "table", columns=(("name", "line"), ("power", "int"), ("interest", "int"),
                                                    ("disposition", "choice:dispositions"),
                                                    ("currencies", "line"), ("next_step", "line"))),
    )),
    "agreement": PlannerSpec("agreement", (
        FieldSpec("counterpart", "line"), FieldSpec("area", "text"), FieldSpec("decide_alone", "text"),
        FieldSpec("decide_after_consultation", "text"), FieldSpec("counterpart_decides", "text"),
        FieldSpec("support", "text"), FieldSpec("follow_up", "date"), FieldSpec("renegotiate", "text"),
    )),
    "team_charter": PlannerSpec("team_charter", (
        FieldSpec("purpose", "text"), FieldSpec("scope_own", "text"), FieldSpec("scope_influence", "text"),
        FieldSpec("scope_not", "text"), FieldSpec("ways_of_working", "text"), FieldSpec("behaviours", "text"),
        FieldSpec("constraints", "text"), FieldSpec("review", "line"), FieldSpec("members", "line"),
        FieldSpec("raci", "table", columns=(("task", "line"), ("cells", "raci"))),
    )),
    "development_plan": PlannerSpec("development_plan", (
        FieldSpec("capability", "line"), FieldSpec("why", "text"), FieldSpec("challenge", "text"),
        FieldSpec("people", "text"), FieldSpec("courses", "text"), FieldSpec("if_then", "text"),
        FieldSpec("support", "text"), FieldSpec("review_date", "date"),
    )),
}
CHOICES = {"item_types": ITEM_TYPES, "dispositions": DISPOSITIONS}


def spec_for(exercise) -> PlannerSpec:
    if exercise.template == "custom":
        return PlannerSpec("custom", tuple(FieldSpec(f.id, f.kind, label=f.label, help=f.help)
                                                 for f in exercise.fields))
    return TEMPLATES[exercise.template]


def members(value: str) -> list[str]:
    seen, out = set(), []
    for name in (value or "").split(","):
        name = name.strip()[:60]
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out[:15]


def _clean_cell(kind: str, value):
    if kind == "int":
        try:
            return max(1, min(5, int(value))) if value not in (None, "") else None
        except (TypeError, ValueError) as exc:
            raise DomainError("error.invalid", field="answer") from exc
    if kind.startswith("choice:"):
        return value if value in CHOICES[kind.split(":")[1]] else ""
    if kind == "raci":
        cells = value if isinstance(value, dict) else {}
        return {str(k)[:60]: v for k, v in cells.items() if v in RACI_LETTERS and v}
    return _line(value)


def _line(value, max_len: int = LINE_MAX) -> str:
    value = "" if value is None else str(value).replace("\x00", "")
    if len(value) > max_len:
        raise DomainError("error.too_long", field="answer", n=max_len)
    return value


def _clean_field(spec: FieldSpec, value):
    if spec.kind == "table":
        rows = value if isinstance(value, list) else []
        if len(rows) > ROWS_MAX:
            raise DomainError("error.too_many_rows", n=ROWS_MAX)
        out = []
        for row in rows:
            row = row if isinstance(row, dict) else {}
            clean = {cid: _clean_cell(kind, row.get(cid)) for cid, kind in spec.columns}
            if any(v not in ("", None, {}) for v in clean.values()):
                out.append(clean)
        return out
    if spec.kind == "date":
        if value in (None, ""):
            return None
        try:
            return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
        except ValueError as exc:
            raise DomainError("error.invalid", field="date") from exc
    if spec.kind == "choice":
        return value if value in spec.options else ""
    return _line(value, TEXT_MAX if spec.kind == "text" else LINE_MAX)


def validate_planner(exercise, values: dict, submit: bool) -> dict:
    spec = spec_for(exercise)
    clean = {f.id: _clean_field(f, values.get(f.id)) for f in spec.fields}
    if submit and not any(v for v in clean.values()):
        raise DomainError("error.planner_empty")
    return clean


def raci_problems(fields: dict) -> list[tuple[int, str]]:
    """(row index, problem key) for every RACI row without exactly one A (and rows without R)."""
    out = []
    for i, row in enumerate(fields.get("raci") or []):
        letters = list((row.get("cells") or {}).values())
        a_count = sum(1 for v in letters if "A" in v)
        if a_count != 1:
            out.append((i, "planner.raci_no_a" if a_count == 0 else "planner.raci_many_a"))
        elif not any("R" in v for v in letters):
            out.append((i, "planner.raci_no_r"))
    return out


def quadrant(power: int | None, interest: int | None) -> str | None:
    """Mendelow's power/interest grid on a 1-5 scale (3 and above counts as high)."""
    if power is None or interest is None:
        return None
    high_p, high_i = power >= 3, interest >= 3
    if high_p and high_i:
        return "manage_closely"
    if high_p:
        return "keep_satisfied"
    if high_i:
        return "keep_informed"
    return "monitor"
