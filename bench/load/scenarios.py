"""The load scenarios: a workshop room (open loop) and closed-loop stress.

Every interaction is a real Streamlit rerun over the websocket; its time is from the
BackMsg to the run's script_finished. HTTP GETs of `/` are never counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

from bench.load.client import StreamlitClient
from bench.load.seed import World


@dataclass
class Record:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    expected: dict[int, str] = field(default_factory=dict)  # user id -> reflection text submitted
    checkins: dict[int, str] = field(default_factory=dict)  # user id -> check-in word submitted
    projector_lag: list[float] = field(default_factory=list)
    rss: float = 0.0
    elapsed: float = 0.0

    def add(self, name: str, seconds: float) -> None:
        self.times[name].append(seconds)


async def _autoreruns(client: StreamlitClient, rec: Record, name: str, stop: asyncio.Event) -> None:
    """What the browser does for st.fragment(run_every=...): rerun the fragment on its interval."""
    while not stop.is_set():
        if not client.auto_reruns:
            await asyncio.sleep(0.5)
            continue
        frag, interval = next(iter(client.auto_reruns.items()))
        try:
            await asyncio.wait_for(stop.wait(), interval)
            return
        except TimeoutError:
            pass
        try:
            rec.add(name, await client.auto_rerun(frag))
        except Exception as exc:  # noqa: BLE001 - a failed poll is an error in the record
            rec.errors.append(f"{name}: {exc!r}")
            return


def reflection_key(world: World) -> str:
    return f"ex:{world.cohort_id}:{world.module_id}:{world.reflection_id}"


async def participant(world: World, base: str, uid: int, cookie: str, delay: float, rng: random.Random,
                      rec: Record, stop: asyncio.Event, live: dict) -> None:
    await asyncio.sleep(delay)
    think = lambda: asyncio.sleep(rng.uniform(3, 10))  # noqa: E731
    try:
        async with StreamlitClient(base, cookie) as c:
            rec.add("join (open home)", await c.load(""))
            poll = asyncio.create_task(_autoreruns(c, rec, "live card poll", stop))
            if live.get("checkin"):
                await _checkin(c, uid, rng, rec, live, think)
            await think()
            rec.add("open module page", await c.load("module", world.module_query()))
            key = reflection_key(world)
            text = f"Reflektion från deltagare {uid}: jag leder när jag samordnar."
            await think()
            rec.add("type reflection (draft save)", await c.interact(f"{key}:text", text))
            await think()
            rec.add("save reflection (done)", await c.interact(f"{key}:submit"))
            rec.expected[uid] = text
            await stop.wait()
            poll.cancel()
    except Exception as exc:  # noqa: BLE001 - every failure is counted, the run goes on
        rec.errors.append(f"participant {uid}: {exc!r}")


async def _checkin(c: StreamlitClient, uid: int, rng, rec: Record, live: dict, think) -> None:
    """Answer the open check-in from the live card at the top of the page."""
    await think()
    word = rng.choice(["nyfiken", "trött", "glad", "fokuserad", "spänd", "förväntansfull"])
    deadline = time.monotonic() + 30
    while not c.has(live["answer_key"]) and time.monotonic() < deadline:
        await asyncio.sleep(0.5)  # the card appears on the next poll
    rec.add("check-in answer", await c.interact(live["answer_key"], word, extra={live["text_key"]: word}))
    rec.checkins[uid] = word
    live["submitted"].append(time.monotonic())


async def projector(base: str, cookie: str, rec: Record, stop: asyncio.Event, live: dict) -> None:
    """The facilitator's projector view, left open for the whole workshop."""
    try:
        async with StreamlitClient(base, cookie) as c:
            if live.get("projector_page"):
                rec.add("projector open", await c.load(live["projector_page"], live.get("projector_query", "")))
                await _watch_projector(c, rec, stop, live)
            else:
                rec.add("projector open", await c.load("dashboard"))
                await stop.wait()
    except Exception as exc:  # noqa: BLE001
        rec.errors.append(f"projector: {exc!r}")


async def _watch_projector(c: StreamlitClient, rec: Record, stop: asyncio.Event, live: dict) -> None:
    """Poll as the browser does; note when each submitted answer first shows in the count."""
    shown = 0
    while not stop.is_set():
        frag, interval = next(iter(c.auto_reruns.items()), ("", 2.0))
        try:
            await asyncio.wait_for(stop.wait(), interval)
            return
        except TimeoutError:
            pass
        rec.add("projector poll", await c.auto_rerun(frag) if frag else await c.load(live["projector_page"],
                                                                                   live.get("projector_query", "")))
        count = live["count_from"](c.texts)
        now = time.monotonic()
        subs = sorted(live["submitted"])
        while shown < min(count, len(subs)):
            rec.projector_lag.append(now - subs[shown])
            shown += 1


async def workshop(world: World, base: str, join_window: float, rng: random.Random, live: dict) -> Record:
    rec, stop = Record(), asyncio.Event()
    live.setdefault("submitted", [])
    proj = asyncio.create_task(projector(base, world.facilitator_cookie, rec, stop, live))
    tasks = [asyncio.create_task(participant(world, base, uid, cookie, rng.uniform(0, join_window),
                                             random.Random(uid), rec, stop, live))
             for uid, cookie in world.participants]
    start = time.monotonic()
    while time.monotonic() - start < join_window + 120 and len(rec.expected) + _failed(rec) < len(tasks):
        await asyncio.sleep(1)
    await asyncio.sleep(6)  # let the projector catch up with the last answers
    stop.set()
    await asyncio.gather(proj, *tasks)
    return rec


def _failed(rec: Record) -> int:
    return sum(1 for e in rec.errors if e.startswith("participant"))


async def closed_loop(base: str, cookies: list[str], load_args: tuple[str, str], action, seconds: float,
                      label: str, on_loaded=None) -> Record:
    """N sessions: all connect and load their page, then each does `action` back to back for `seconds`."""
    rec = Record()
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(StreamlitClient(base, ck)) for ck in cookies]
        await asyncio.gather(*(c.load(*load_args) for c in clients))
        if on_loaded:
            rec.rss = on_loaded()
        t_end = time.monotonic() + seconds

        async def loop(i: int, c: StreamlitClient) -> None:
            n = 0
            try:
                while time.monotonic() < t_end:
                    rec.add(label, await action(c, i, n))
                    n += 1
            except Exception as exc:  # noqa: BLE001
                rec.errors.append(f"session {i}: {exc!r}")

        start = time.monotonic()
        await asyncio.gather(*(loop(i, c) for i, c in enumerate(clients)))
        rec.elapsed = time.monotonic() - start
    return rec


async def warm_up(base: str, cookie: str, load_args: tuple[str, str]) -> None:
    async with StreamlitClient(base, cookie) as c:
        await c.load(*load_args)
