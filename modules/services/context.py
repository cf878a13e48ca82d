"""What every service needs: the engine, settings and the loaded program."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from modules.curriculum.loader import LoadResult
from modules.settings import Settings


@dataclass
class Services:
    engine: Engine
    settings: Settings
    program: LoadResult


@dataclass(frozen=True)
class Actor:
    """The acting user, as services see it (plain data, never an ORM object)."""

    id: int
    name: str
    role: str
    language: str
    login: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"
