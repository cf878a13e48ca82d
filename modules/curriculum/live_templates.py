"""The program's live-activity templates and meeting roles (live_templates.yaml), validated."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

FILE = Path(__file__).resolve().parent / "live_templates.yaml"
KINDS = ("checkin", "poll", "scale", "fist", "open")


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sv: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sv: list[str]
    en: list[str]


class ActivityTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str = Field(pattern="^(checkin|poll|scale|fist|open)$")
    question: Text
    options: Options | None = None

    def options_for(self, lang: str) -> list[str]:
        if self.options is None:
            return []
        return self.options.en if lang == "en" else self.options.sv


class RoleTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    name: Text
    description: Text


class Templates(BaseModel):
    model_config = ConfigDict(extra="forbid")
    activities: list[ActivityTemplate]
    roles: list[RoleTemplate]


@functools.cache
def templates() -> Templates:
    return Templates.model_validate(yaml.safe_load(FILE.read_text(encoding="utf-8")))
