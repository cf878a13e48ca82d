"""Program-wide content in content/_program/ (ignored by the module loader):

- followup.yaml: the practice follow-up offered 6-12 weeks after the last module
- manager-guide.sv.md / manager-guide.en.md: the one-page guide for the participant's manager

Both are optional; when present they are validated like modules (file:line: field: message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import Field, ValidationError, model_validator

from modules.curriculum.models import LANGS, Ident, Item, L, Strict

FOLDER = "_program"


class FrequencyStep(Strict):
    value: int = Field(ge=0, le=10)
    label: L


class Followup(Strict):
    title: L
    intro: L
    opens_after_days: int = Field(default=42, ge=1, le=365)
    closes_after_days: int = Field(default=84, ge=2, le=730)
    scale: list[FrequencyStep] = Field(min_length=3, max_length=7)
    items: list[Item] = Field(min_length=3, max_length=8)

    @model_validator(mode="after")
    def _consistent(self):
        if self.closes_after_days <= self.opens_after_days:
            raise ValueError("closes_after_days must be later than opens_after_days")
        for name, ids in (("scale value", [s.value for s in self.scale]), ("item id", [i.id for i in self.items])):
            if len(set(ids)) != len(ids):
                raise ValueError(f"{name}s must be unique")
        return self

    def item_ids(self) -> list[Ident]:
        return [i.id for i in self.items]


@dataclass(frozen=True)
class ProgramExtras:
    followup: Followup | None = None
    manager_guide: dict[str, str] = field(default_factory=dict)  # language -> Markdown


def load_extras(root: Path, problems: list) -> ProgramExtras:
    from modules.curriculum.loader import ContentProblem, _explain, _fmt_loc, _line_index, line_of

    folder = root / FOLDER
    if not folder.is_dir():
        return ProgramExtras()
    rel = f"{root.name}/{FOLDER}/followup.yaml"
    followup = None
    path = folder / "followup.yaml"
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
            node, data = yaml.compose(text), yaml.safe_load(text)
            followup = Followup.model_validate(data)
        except yaml.YAMLError as exc:
            problems.append(ContentProblem(rel, None, "", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        except ValidationError as exc:
            index = _line_index(node) if node is not None else {}
            for err in exc.errors():
                problems.append(ContentProblem(rel, line_of(index, err["loc"]), _fmt_loc(err["loc"]), _explain(err)))
    guide = {}
    for lang in LANGS:
        md = folder / f"manager-guide.{lang}.md"
        if md.is_file():
            guide[lang] = md.read_text(encoding="utf-8")
    if len(guide) == 1:
        missing = next(lang for lang in LANGS if lang not in guide)
        problems.append(ContentProblem(f"{root.name}/{FOLDER}/manager-guide.{missing}.md", None, "",
                                       "missing translation: the manager guide needs both languages"))
    return ProgramExtras(followup=followup, manager_guide=guide if len(guide) == len(LANGS) else {})
