"""make load: a workshop room and closed-loop stress against a real Medled server.

    .venv/bin/python -m bench.load.run [--scenario all|workshop|stress] [--participants 40]
                                       [--seconds 20] [--port 8615]

Seeds a fresh SQLite database under bench/out/load/, starts `streamlit run app.py` on
loopback (one server at a time), drives it with websocket clients (bench/load/client.py),
then serves the one-widget yardstick page with the same server config and repeats the
stress on it. Prints p50/p95 per interaction, throughput, server RSS per connected
session and the lost-write check; writes the same as JSON beside the database.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select, text  # noqa: E402

from bench.load import scenarios  # noqa: E402
from bench.load.seed import World, seed  # noqa: E402
from bench.load.server import ROOT, rss_mb, serve, snapshot  # noqa: E402
from modules.db.engine import make_engine, unit_of_work  # noqa: E402
from modules.db.models import Answer  # noqa: E402

OUT = ROOT / "bench" / "out" / "load"


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def summary(rec: scenarios.Record) -> dict:
    return {name: {"n": len(v), "p50_ms": round(statistics.median(v) * 1000, 1),
                   "p95_ms": round(pct(v, 95) * 1000, 1), "max_ms": round(max(v) * 1000, 1)}
            for name, v in rec.times.items()}


def lost_writes(world: World, rec: scenarios.Record) -> dict:
    engine = make_engine(world.database_url)
    with unit_of_work(engine) as db:
        rows = db.execute(select(Answer.user_id, Answer.data, Answer.status).where(
            Answer.cohort_id == world.cohort_id, Answer.module_id == world.module_id,
            Answer.exercise_id == world.reflection_id)).all()
    stored = {uid: (data or {}).get("text") for uid, data, status in rows if status == "done"}
    lost = [uid for uid, text in rec.expected.items() if stored.get(uid) != text]
    out = {"reflections_submitted": len(rec.expected), "reflections_lost": len(lost)}
    if world.checkin_id is not None:
        with engine.connect() as conn:
            got = dict(conn.execute(text("SELECT user_id, value FROM live_answers WHERE activity_id = :a"),
                                    {"a": world.checkin_id}).all())
        out |= {"checkins_submitted": len(rec.checkins),
                "checkins_lost": sum(1 for uid, word in rec.checkins.items() if got.get(uid) != word)}
    return out


def live_setup(world: World) -> dict:
    """The check-in card and the projector, where the code measured has them (else: none)."""
    if world.checkin_id is None:
        return {}
    a = world.checkin_id

    def count_from(texts: list[str]) -> int:
        found = [int(m.group(1)) for t in texts for m in [re.search(r"(\d+) (?:av|of) \d+", t)] if m]
        return found[-1] if found else 0

    return {"checkin": True, "answer_key": f"live:{a}:send", "text_key": f"live:{a}:text",
            "projector_page": "projector", "projector_query": f"c={world.cohort_id}", "count_from": count_from}


async def run_workshop(world: World, base: str, pid: int, window: float) -> dict:
    await scenarios.warm_up(base, world.facilitator_cookie, ("dashboard", ""))
    await scenarios.warm_up(base, world.participants[0][1], ("module", world.module_query()))
    rss0 = rss_mb(pid)
    live = live_setup(world)
    peak = [rss0]

    async def sample() -> None:
        while True:
            peak[0] = max(peak[0], rss_mb(pid))
            await asyncio.sleep(1)

    sampler = asyncio.create_task(sample())
    rec = await scenarios.workshop(world, base, window, random.Random(1), live)
    sampler.cancel()
    n = len(world.participants) + 1
    return {"interactions": summary(rec), "errors": rec.errors[:10], "error_count": len(rec.errors),
            "projector_lag_s": {"n": len(rec.projector_lag), "max": round(max(rec.projector_lag, default=0), 2),
                                "p95": round(pct(rec.projector_lag, 95), 2) if rec.projector_lag else None},
            "rss_start_mb": round(rss0, 1), "rss_peak_mb": round(peak[0], 1),
            "rss_per_session_mb": round((peak[0] - rss0) / n, 2), "writes": lost_writes(world, rec)}


async def run_stress(base: str, pid: int, cookies: list[str], load_args, action, seconds: float,
                     label: str) -> dict:
    await scenarios.warm_up(base, cookies[0], load_args)  # imports and caches are not per-session memory
    rss0 = rss_mb(pid)
    rec = await scenarios.closed_loop(base, cookies, load_args, action, seconds, label,
                                      on_loaded=lambda: rss_mb(pid))
    v = rec.times.get(label, [])
    return {"sessions": len(cookies), "reruns": len(v), "reruns_per_s": round(len(v) / (rec.elapsed or seconds), 2),
            "p50_ms": round(statistics.median(v) * 1000, 1) if v else None,
            "p95_ms": round(pct(v, 95) * 1000, 1) if v else None, "errors": rec.errors[:5],
            "rss_per_session_mb": round((rec.rss - rss0) / len(cookies), 2)}


def _module_action(world: World):
    key = scenarios.reflection_key(world) + ":text"
    return lambda c, i, n: c.interact(key, f"utkast {i}-{n}")


def _trivial_action(c, i, n):
    return c.interact("name", f"namn {i}-{n}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", choices=["all", "workshop", "stress"], default="all")
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each closed-loop stress level")
    ap.add_argument("--window", type=float, default=60.0, help="workshop: participants join within this many s")
    ap.add_argument("--port", type=int, default=8615)
    args = ap.parse_args(argv)
    if not 1 <= args.participants <= 200 or not 1 <= args.seconds <= 300 or not 0 <= args.window <= 600:
        ap.error("bounded on purpose: 1-200 participants, 1-300 s per stress level, a join window of 0-600 s")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = OUT / stamp
    out.mkdir(parents=True, exist_ok=True)
    src = out / "src"
    commit = snapshot(src)
    db_url = f"sqlite:///{out / 'load.db'}"
    world = seed(db_url, args.participants, src)
    env = {"DATABASE_URL": db_url, "MEDLED_CONTENT_DIR": str(src / "content"), "MEDLED_LOG_LEVEL": "WARNING"}
    levels = sorted({min(10, args.participants), args.participants})
    result: dict = {"when": stamp, "commit": commit, "participants": args.participants}
    print(f"measuring commit {commit}", flush=True)
    with serve("app.py", args.port, env, out / "medled.log", src) as srv:
        if args.scenario in ("all", "workshop"):
            result["workshop"] = asyncio.run(run_workshop(world, srv["base"], srv["pid"], args.window))
        if args.scenario in ("all", "stress"):
            load = ("module", world.module_query())
            result["stress_module"] = [asyncio.run(run_stress(
                srv["base"], srv["pid"], [ck for _, ck in world.participants[:n]], load, _module_action(world),
                args.seconds, "draft save")) for n in levels]
    if args.scenario in ("all", "stress"):
        with serve("bench/load/trivial_app.py", args.port, {}, out / "trivial.log", src) as srv:
            result["stress_trivial"] = [asyncio.run(run_stress(
                srv["base"], srv["pid"], [""] * n, ("", ""), _trivial_action, args.seconds, "widget change"))
                for n in levels]
    (out / "result.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(report(result))
    print(f"\n(full result: {out / 'result.json'})")
    return 0 if ok(result) else 1


def ok(result: dict) -> bool:
    w = result.get("workshop")
    return not w or (w["writes"]["reflections_lost"] == 0 and not w["error_count"])


def report(r: dict) -> str:
    lines = []
    if "workshop" in r:
        w = r["workshop"]
        lines += ["## workshop", "| interaction | n | p50 | p95 | max |", "|---|---|---|---|---|"]
        lines += [f"| {k} | {v['n']} | {v['p50_ms']:.0f} ms | {v['p95_ms']:.0f} ms | {v['max_ms']:.0f} ms |"
                  for k, v in w["interactions"].items()]
        lines += [f"errors: {w['error_count']} {w['errors']}", f"writes: {w['writes']}",
                  f"projector lag (s): {w['projector_lag_s']}",
                  f"server RSS: {w['rss_start_mb']} MiB -> peak {w['rss_peak_mb']} MiB, "
                  f"{w['rss_per_session_mb']} MiB per connected session"]
    if "stress_module" in r:
        lines += ["", "## stress (closed loop)", "| page | sessions | reruns/s | p50 | p95 | RSS/session | errors |",
                  "|---|---|---|---|---|---|---|"]
        for name, key in (("module page, draft save", "stress_module"), ("trivial page", "stress_trivial")):
            for s in r.get(key, []):
                lines.append(f"| {name} | {s['sessions']} | {s['reruns_per_s']} | {s['p50_ms']} ms | "
                             f"{s['p95_ms']} ms | {s['rss_per_session_mb']} MiB | {len(s['errors'])} |")
        for m, t in zip(r.get("stress_module", []), r.get("stress_trivial", []), strict=False):
            ratio = m["reruns_per_s"] / t["reruns_per_s"] if t["reruns_per_s"] else float("nan")
            lines.append(f"module ÷ trivial at {m['sessions']} sessions: {ratio:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
