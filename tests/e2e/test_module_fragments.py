"""Over the real websocket: a draft save on the module page reruns only its exercise's fragment.

Uses the load tool's protocol client (bench/load/client.py): no browser, real Streamlit messages.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load.client import StreamlitClient
from modules.db.engine import unit_of_work
from modules.db.models import Answer
from modules.services import auth, planning
from tests.builders import World


def _cookie(svc, actor) -> str:
    return auth.exchange_handoff(svc, auth.start_session(svc, actor).handoff)


def test_a_draft_save_reruns_only_the_exercise_fragment_and_reaches_the_database(server):
    svc = server["svc"]
    w = World(svc)
    planning.set_plan(svc, w.fac_a, w.cohort_a, [("example", None)])
    key = f"ex:{w.cohort_a}:example:first-thoughts:text"

    async def run() -> tuple[str, int]:
        async with StreamlitClient(server["base"], _cookie(svc, w.part_a)) as c:
            await c.load("module", f"c={w.cohort_a}&m=example")
            assert c.find(key).fragment_id, "the reflection is not inside a fragment"
            await c.interact(key, "Ett utkast via websocket")
            return c.find(key).fragment_id, c.last_status

    fragment_id, status = asyncio.run(run())
    assert status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    with unit_of_work(svc.engine) as db:
        saved = db.scalar(select(Answer.data).where(Answer.user_id == w.part_a.id,
                                                    Answer.exercise_id == "first-thoughts"))
    assert saved == {"text": "Ett utkast via websocket"}
