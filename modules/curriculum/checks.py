"""Rules that pydantic alone cannot express: references, reachability, translations."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from modules.curriculum.models import LANGS, ModuleMeta

if TYPE_CHECKING:
    from modules.curriculum.loader import ContentProblem, Module, Section


def _problem(file, line, where, message):
    from modules.curriculum.loader import ContentProblem

    return ContentProblem(file, line, where, message)


def _dupes(ids) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def module_checks(meta: ModuleMeta, text: dict[str, list[Section]], index, meta_file, md_files, problems) -> None:
    from modules.curriculum.loader import line_of

    def add(loc: tuple, message: str):
        where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
        problems.append(_problem(meta_file, line_of(index, loc), where, message))

    for d in _dupes(s.id for s in meta.sections):
        add(("sections",), f"section id '{d}' is used twice")
    for d in _dupes(e.id for e in meta.exercises):
        add(("exercises",), f"exercise id '{d}' is used twice")
    known = {e.id for e in meta.exercises}
    placed: Counter = Counter()
    for si, sec in enumerate(meta.sections):
        for xi, ex_id in enumerate(sec.exercises):
            placed[ex_id] += 1
            if ex_id not in known:
                add(("sections", si, "exercises", xi), f"refers to exercise '{ex_id}', which is not defined under exercises")
    for ei, ex in enumerate(meta.exercises):
        if placed[ex.id] == 0:
            add(("exercises", ei, "id"), f"exercise '{ex.id}' is not placed in any section, so nobody would see it")
        elif placed[ex.id] > 1:
            add(("exercises", ei, "id"), f"exercise '{ex.id}' is placed in more than one section")
        _exercise_checks(ex, ("exercises", ei), add)
    _recall_checks(meta, add)

    wanted = [s.id for s in meta.sections]
    for lang in LANGS:
        if lang not in text:
            continue
        got = text[lang]
        got_ids = [s.id for s in got]
        for d in _dupes(got_ids):
            problems.append(_problem(md_files[lang], None, "", f"section '{d}' appears twice"))
        for sid in wanted:
            if sid not in got_ids:
                problems.append(_problem(md_files[lang], None, "", f"missing translation: section '{sid}' (## Title {{#{sid}}}) is not in this file"))
        for s in got:
            if s.id not in wanted:
                problems.append(_problem(md_files[lang], s.line, "", f"section '{s.id}' is not listed under sections in module.yaml"))
            elif not s.body:
                problems.append(_problem(md_files[lang], s.line, "", f"section '{s.id}' has no text"))
        common = [i for i in got_ids if i in wanted]
        if common != [i for i in wanted if i in got_ids]:
            problems.append(_problem(md_files[lang], None, "", "sections are not in the order module.yaml lists them"))


def _exercise_checks(ex, loc, add) -> None:
    kind = ex.type
    if kind in ("scenario",):
        _scenario_checks(ex, loc, add)
    elif kind == "knowledge_check":
        _question_checks(ex.questions, loc + ("questions",), add)
    elif kind == "checklist":
        for d in _dupes(i.id for i in ex.items):
            add(loc + ("items",), f"item id '{d}' is used twice")
        if not any(r.min == 0 for r in ex.results):
            add(loc + ("results",), "results need one entry with min: 0, so every outcome has an interpretation")
        for ri, r in enumerate(ex.results):
            if r.min > len(ex.items):
                add(loc + ("results", ri, "min"), f"min {r.min} is more than the {len(ex.items)} items")
    elif kind == "planner":
        if ex.template == "custom" and not ex.fields:
            add(loc + ("template",), "a custom planner needs fields")
        if ex.template != "custom" and ex.fields:
            add(loc + ("fields",), f"fields are only for template: custom; '{ex.template}' has its own fields")
    elif kind == "self_assessment":
        if ex.repeats and (ex.dimensions or ex.scale):
            add(loc + ("repeats",), "an assessment that repeats another takes its dimensions and scale from it; remove them here")
        if ex.retrospective and not ex.repeats:
            add(loc + ("retrospective",), "retrospective: true needs repeats: module-id/exercise-id (the baseline)")
        if not ex.repeats and not (ex.dimensions and ex.scale):
            add(loc + ("dimensions",), "a self-assessment needs a scale and dimensions (or repeats: module-id/exercise-id)")
        for d in _dupes(i.id for dim in ex.dimensions for i in dim.items):
            add(loc + ("dimensions",), f"statement id '{d}' is used twice")


def _question_checks(questions, loc, add) -> None:
    for d in _dupes(q.id for q in questions):
        add(loc, f"question id '{d}' is used twice")
    for qi, q in enumerate(questions):
        ids = [o.id for o in q.options]
        if q.correct not in ids:
            add(loc + (qi, "correct"), f"'{q.correct}' is not one of the options ({', '.join(ids)})")
        for d in _dupes(ids):
            add(loc + (qi, "options"), f"option id '{d}' is used twice")


RECALL_MIN, RECALL_MAX = 3, 5


def _recall_checks(meta: ModuleMeta, add) -> None:
    """recall is optional; when given it holds 3-5 questions shaped like a knowledge check's."""
    if meta.recall and not RECALL_MIN <= len(meta.recall) <= RECALL_MAX:
        add(("recall",), f"recall needs {RECALL_MIN}-{RECALL_MAX} questions, not {len(meta.recall)}")
    _question_checks(meta.recall, ("recall",), add)


def first_choices_branch(ex) -> bool:
    """True if at least one option of the scenario's first step leads somewhere of its own."""
    start = next((s for s in ex.steps if s.id == ex.start), None)
    return start is not None and len({o.next for o in start.options}) > 1


def _scenario_checks(ex, loc, add) -> None:
    steps = {s.id: s for s in ex.steps}
    for d in _dupes(s.id for s in ex.steps):
        add(loc + ("steps",), f"step id '{d}' is used twice")
    if ex.start not in steps:
        add(loc + ("start",), f"start step '{ex.start}' does not exist")
        return
    for si, step in enumerate(ex.steps):
        for d in _dupes(o.id for o in step.options):
            add(loc + ("steps", si, "options"), f"option id '{d}' is used twice")
        for oi, opt in enumerate(step.options):
            if opt.next is not None and opt.next not in steps:
                add(loc + ("steps", si, "options", oi, "next"), f"leads to step '{opt.next}', which does not exist")
    seen, stack, order = set(), [ex.start], []
    while stack:
        sid = stack.pop()
        if sid in seen or sid not in steps:
            continue
        seen.add(sid)
        order.append(sid)
        stack.extend(o.next for o in steps[sid].options if o.next)
    for si, step in enumerate(ex.steps):
        if step.id not in seen:
            add(loc + ("steps", si, "id"), f"step '{step.id}' cannot be reached from the start step")
    if not first_choices_branch(ex):
        si = next(i for i, s in enumerate(ex.steps) if s.id == ex.start)
        target = steps[ex.start].options[0].next
        lead = f"the same step '{target}'" if target else "the end"
        add(loc + ("steps", si, "options"),
            f"every first choice leads to {lead}; give at least one first choice its own consequence (next:)")
    if _has_cycle(steps, ex.start):
        add(loc + ("steps",), "the branches loop back on themselves; every path must come to an end")


def _has_cycle(steps, start) -> bool:
    state: dict[str, int] = {}

    def visit(sid) -> bool:
        if state.get(sid) == 1:
            return True
        if state.get(sid) == 2 or sid not in steps:
            return False
        state[sid] = 1
        if any(visit(o.next) for o in steps[sid].options if o.next):
            return True
        state[sid] = 2
        return False

    return visit(start)


def cross_checks(modules: list[Module], problems: list[ContentProblem]) -> None:
    seen: dict[str, str] = {}
    for m in modules:
        if m.id in seen:
            problems.append(_problem(f"{m.folder}/module.yaml", None, "id", f"module id '{m.id}' is also used by {seen[m.id]}"))
        seen[m.id] = m.folder
    by_id = {m.id: m for m in modules}
    for m in modules:
        for ex in m.meta.exercises:
            if ex.type != "self_assessment" or not ex.repeats:
                continue
            mod_id, ex_id = ex.repeats.split("/")
            target = by_id.get(mod_id).exercise(ex_id) if mod_id in by_id else None
            if target is None or target.type != "self_assessment" or target.repeats:
                problems.append(
                    _problem(f"{m.folder}/module.yaml", None, f"exercises.{ex.id}.repeats",
                             f"'{ex.repeats}' is not a self-assessment with its own dimensions")
                )
