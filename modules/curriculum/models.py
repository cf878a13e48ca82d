"""Pydantic models of a module's metadata (module.yaml). Unknown fields are errors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
LANGS = ("sv", "en")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class L(Strict):
    """A text in both languages."""

    sv: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


class SectionRef(Strict):
    id: Ident
    exercises: list[Ident] = []


class Item(Strict):
    id: Ident
    text: L


class Dimension(Strict):
    id: Ident
    title: L
    items: list[Item] = Field(min_length=1)


class Scale(Strict):
    min: int = 1
    max: int = 5
    low: L
    high: L

    @field_validator("max")
    @classmethod
    def _range(cls, v: int, info):
        lo = info.data.get("min", 1)
        if not (lo < v <= lo + 10):
            raise ValueError("max must be greater than min, and the scale at most 11 steps")
        return v


class ExerciseBase(Strict):
    id: Ident
    title: L
    intro: L | None = None


class Reflection(ExerciseBase):
    type: Literal["reflection"]
    prompt: L


class SelfAssessment(ExerciseBase):
    type: Literal["self_assessment"]
    scale: Scale | None = None
    dimensions: list[Dimension] = []
    repeats: str | None = None  # "module-id/exercise-id" of a baseline this repeats
    retrospective: bool = False  # with repeats: also ask "before the program (looking back)"

    @field_validator("repeats")
    @classmethod
    def _ref(cls, v):
        if v is not None and v.count("/") != 1:
            raise ValueError("repeats must look like module-id/exercise-id")
        return v


class Option(Strict):
    id: Ident
    text: L
    feedback: L
    next: Ident | None = None


class Step(Strict):
    id: Ident
    text: L
    options: list[Option] = Field(min_length=2)


class Scenario(ExerciseBase):
    type: Literal["scenario"]
    start: Ident
    steps: list[Step] = Field(min_length=1)


class Question(Strict):
    id: Ident
    text: L
    options: list[Item] = Field(min_length=2)
    correct: Ident
    explanation: L


class KnowledgeCheck(ExerciseBase):
    type: Literal["knowledge_check"]
    questions: list[Question] = Field(min_length=1)


class ChecklistResult(Strict):
    min: int = Field(ge=0)
    text: L


class Checklist(ExerciseBase):
    type: Literal["checklist"]
    items: list[Item] = Field(min_length=2)
    results: list[ChecklistResult] = Field(min_length=1)


PlannerTemplate = Literal[
    "meeting_plan", "stakeholder_map", "agreement", "team_charter", "development_plan", "custom"
]


class PlannerField(Strict):
    id: Ident
    label: L
    kind: Literal["line", "text", "date"] = "text"
    help: L | None = None


class Planner(ExerciseBase):
    type: Literal["planner"]
    template: PlannerTemplate
    fields: list[PlannerField] = []  # only for template "custom"


class CommitmentEx(ExerciseBase):
    type: Literal["commitment"]
    prompt: L
    default_days: int = Field(default=14, ge=1, le=120)


Exercise = Annotated[
    Reflection | SelfAssessment | Scenario | KnowledgeCheck | Checklist | Planner | CommitmentEx,
    Field(discriminator="type"),
]
EXERCISE_TYPES = (
    "reflection",
    "self_assessment",
    "scenario",
    "knowledge_check",
    "checklist",
    "planner",
    "commitment",
)


class ModuleMeta(Strict):
    id: Ident
    order: int = Field(ge=1, le=999)
    minutes: int = Field(ge=5, le=600)
    title: L
    summary: L
    objectives: list[L] = Field(min_length=1)
    takeaways: list[L] = Field(min_length=1)
    further_reading: list[L] = Field(min_length=1)
    sections: list[SectionRef] = Field(min_length=1)
    exercises: list[Exercise] = []
    recall: list[Question] = []  # 3-5 questions offered again after the module (spaced retrieval)
    group_prompt: L | None = None  # what a learning group does together after the module
