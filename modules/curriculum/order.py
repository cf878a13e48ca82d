"""Option order per participant: shuffled, but the same every time for that participant.

The order comes from a hash of the participant's id and the exercise (and question or step),
so a reload, a rerun or another device shows the same order, and positions carry no cue.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def shuffled(options: Sequence[T], user_id: int, *where: str) -> list[T]:
    """options in the participant's own stable order; `where` names the exercise and question."""
    seed = hashlib.sha256("|".join([str(user_id), *where]).encode("utf-8")).digest()
    out = list(options)
    random.Random(seed).shuffle(out)
    return out
