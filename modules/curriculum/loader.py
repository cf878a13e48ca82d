"""Load content/ into plain objects, collecting every problem with file, line and field.

A module is a folder with module.yaml (metadata and exercises) and sv.md / en.md (the text,
one `## Title {#section-id}` heading per section). See content/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from modules.curriculum.checks import cross_checks, first_choices_branch, module_checks
from modules.curriculum.models import LANGS, ModuleMeta
from modules.curriculum.program import ProgramExtras, load_extras

HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[a-z0-9][a-z0-9-]*)\}\s*$")
WORD = re.compile(r"[\wÅÄÖåäö'’-]+", re.UNICODE)
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class ContentProblem:
    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        return f"{loc}: {self.where + ': ' if self.where else ''}{self.message}"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str
    line: int

    @property
    def words(self) -> int:
        return len(WORD.findall(self.body))


@dataclass(frozen=True)
class Module:
    meta: ModuleMeta
    folder: str
    text: dict[str, list[Section]]  # language -> sections in order

    @property
    def id(self) -> str:
        return self.meta.id

    def sections(self, lang: str) -> list[Section]:
        return self.text[lang]

    def exercise(self, exercise_id: str):
        return next((e for e in self.meta.exercises if e.id == exercise_id), None)


@dataclass
class LoadResult:
    modules: list[Module] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    extras: ProgramExtras = field(default_factory=ProgramExtras)  # content/_program/

    @property
    def ok(self) -> bool:
        return not self.problems

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)


# --- YAML with line numbers -------------------------------------------------------------


def _line_index(node, path=(), out=None) -> dict[tuple, int]:
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out[path + (k.value,)] = k.start_mark.line + 1
            _line_index(v, path + (k.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _line_index(v, path + (i,), out)
    return out


def line_of(index: dict[tuple, int], loc: tuple) -> int | None:
    """Deepest known line for a pydantic location (discriminator tags are skipped)."""
    path: tuple = ()
    best = index.get(())
    for part in loc:
        if path + (part,) in index:
            path += (part,)
            best = index[path]
    return best


def _explain(err: dict) -> str:
    kind = err["type"]
    last = err["loc"][-1] if err["loc"] else ""
    if kind == "missing" and last in LANGS:
        return f"missing {'Swedish' if last == 'sv' else 'English'} text ({last})"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see content/README.md for the fields allowed)"
    if kind == "string_too_short":
        return "text is empty"
    if kind == "string_pattern_mismatch":
        return "ids use lower-case letters, digits and hyphens only (e.g. meeting-plan)"
    if kind == "union_tag_invalid":
        return "unknown exercise type; use one of reflection, self_assessment, scenario, knowledge_check, checklist, planner, commitment"
    if kind == "union_tag_not_found":
        return "exercise has no type"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return err["msg"]


def _fmt_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"reflection", "self_assessment", "scenario", "knowledge_check", "checklist", "planner", "commitment"}:
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


# --- Markdown sections ------------------------------------------------------------------


def parse_markdown(text: str, file: str, problems: list[ContentProblem]) -> list[Section]:
    sections: list[Section] = []
    current: dict | None = None
    body: list[str] = []

    def close():
        if current is not None:
            sections.append(Section(current["id"], current["title"], "\n".join(body).strip(), current["line"]))

    for no, line in enumerate(text.splitlines(), start=1):
        m = HEADING.match(line)
        if m:
            close()
            current, body = {"id": m["id"], "title": m["title"], "line": no}, []
        elif line.startswith("## "):
            problems.append(ContentProblem(file, no, "", "a section heading needs an id: ## Title {#section-id}"))
        elif current is None and line.strip():
            problems.append(ContentProblem(file, no, "", "text before the first section heading (## Title {#id})"))
        else:
            body.append(line)
    close()
    return sections


# --- one module ---------------------------------------------------------------------------


def load_module(folder: Path, root: Path, problems: list[ContentProblem]) -> Module | None:
    rel = lambda p: str(p.relative_to(root.parent)) if root.parent in p.parents else str(p)  # noqa: E731
    meta_path = folder / "module.yaml"
    if not meta_path.is_file():
        problems.append(ContentProblem(rel(folder), None, "", "module.yaml is missing"))
        return None
    start = len(problems)
    try:
        raw_text = meta_path.read_text(encoding="utf-8")
        node = yaml.compose(raw_text)
        data = yaml.safe_load(raw_text)
    except UnicodeDecodeError:
        problems.append(ContentProblem(rel(meta_path), None, "", "file is not UTF-8 text"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problems.append(ContentProblem(rel(meta_path), line, "", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    if not isinstance(data, dict) or node is None:
        problems.append(ContentProblem(rel(meta_path), 1, "", "module.yaml must be a mapping of fields"))
        return None
    index = _line_index(node)
    try:
        meta = ModuleMeta.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(ContentProblem(rel(meta_path), line_of(index, err["loc"]), _fmt_loc(err["loc"]), _explain(err)))
        return None

    text: dict[str, list[Section]] = {}
    for lang in LANGS:
        md = folder / f"{lang}.md"
        if not md.is_file():
            problems.append(ContentProblem(rel(md), None, "", f"missing translation: {lang}.md does not exist"))
            continue
        if md.stat().st_size > MAX_FILE_BYTES:
            problems.append(ContentProblem(rel(md), None, "", "file is larger than 2 MB"))
            continue
        try:
            text[lang] = parse_markdown(md.read_text(encoding="utf-8"), rel(md), problems)
        except UnicodeDecodeError:
            problems.append(ContentProblem(rel(md), None, "", "file is not UTF-8 text"))
    module_checks(meta, text, index, rel(meta_path), {lang: rel(folder / f"{lang}.md") for lang in LANGS}, problems)
    if len(problems) > start:
        return None
    return Module(meta=meta, folder=folder.name, text=text)


def load_program(path: str | Path) -> LoadResult:
    root = Path(path).resolve()
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(ContentProblem(str(path), None, "", "content folder does not exist"))
        return result
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if not folders:
        result.problems.append(ContentProblem(str(path), None, "", "no module folders found"))
    for folder in folders:
        module = load_module(folder, root, result.problems)
        if module:
            result.modules.append(module)
    cross_checks(result.modules, result.problems)
    result.extras = load_extras(root, result.problems)
    result.modules.sort(key=lambda m: (m.meta.order, m.id))
    return result


def counts(result: LoadResult) -> dict:
    """Per module and language: words, sections, exercises and exercises per type, recall
    questions, and per scenario whether its first choices branch ("branching") or not ("linear")."""
    out = {}
    for m in result.modules:
        types: dict[str, int] = {}
        for e in m.meta.exercises:
            types[e.type] = types.get(e.type, 0) + 1
        out[m.id] = {
            lang: {
                "words": sum(s.words for s in m.sections(lang)),
                "sections": len(m.sections(lang)),
                "exercises": len(m.meta.exercises),
                "exercise_types": types,
                "recall_questions": len(m.meta.recall),
                "branching": {e.id: "branching" if first_choices_branch(e) else "linear"
                              for e in m.meta.exercises if e.type == "scenario"},
            }
            for lang in LANGS
        }
    return out
