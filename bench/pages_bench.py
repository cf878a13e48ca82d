"""Benchmark: script-run time of Medled pages (AppTest, headless) on a seeded database.

    .venv/bin/python bench/pages_bench.py --participants 300 --runs 15
    .venv/bin/python bench/pages_bench.py --participants 2000 --pages dashboards

Seeds a fresh SQLite database with `seed-demo` and the shipped content, then times complete
script runs (router + page) after two warm-up runs. Prints median and 90th percentile.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(at, runs: int) -> tuple[float, float]:
    at.run()
    at.run()  # warm-up: caches, imports
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        assert not at.exception, [e.value for e in at.exception]
    samples.sort()
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", choices=["participant", "dashboards"], default="participant")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="medled-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.db'}"
    os.environ["MEDLED_CONTENT_DIR"] = str(ROOT / "content")

    from sqlalchemy import select
    from streamlit.testing.v1 import AppTest

    from modules.db.engine import unit_of_work
    from modules.db.models import Cohort, Enrolment, User
    from modules.demo import seed_demo
    from modules.services import auth
    from modules.services.auth import to_actor
    from modules.ui import resources, state

    state.read_session_cookie = lambda: None
    svc = state.services()
    t0 = time.perf_counter()
    seed_demo(svc, participants=args.participants)
    print(f"seeded {args.participants} participants in {time.perf_counter() - t0:.1f} s ({tmp})")
    with unit_of_work(svc.engine) as db:
        admin = to_actor(db.scalar(select(User).where(User.role == "admin")))
        participant = to_actor(db.scalar(select(User).join(Enrolment, Enrolment.user_id == User.id)
                                         .where(User.role == "participant").order_by(User.id)))
        cohort_id = db.scalar(select(Enrolment.cohort_id).where(Enrolment.user_id == participant.id))
        n_cohorts = len(db.scalars(select(Cohort.id)).all())
    first_module = svc.program.modules[0].id

    def app(actor):
        """Logged in through a real login session, as after the password (re-validated every run)."""
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state[state.SESSION_KEY] = auth.start_session(svc, actor).session_id
        at.session_state["actor"] = actor
        return at

    results = {}
    if args.pages == "participant":
        results["participant home"] = timed(app(participant), args.runs)
        at = app(participant)
        at.session_state["reader"] = {"cohort": cohort_id, "module": first_module}
        at.run()
        at.switch_page("modules/ui/pages/module.py")
        results[f"module page ({first_module})"] = timed(at, args.runs)
        assert at.title[0].value == svc.program.modules[0].meta.title.sv, "the module page did not render"
    else:
        at = app(admin)
        at.run()
        at.switch_page("modules/ui/pages/dashboard.py")
        at.session_state["dash_cohort"] = cohort_id
        results["cohort dashboard (one cohort)"] = timed(at, args.runs)
        assert at.metric and at.metric[1].value != "0", "the cohort dashboard did not render"
        at = app(admin)
        at.session_state["dash_scope"] = "organisation"
        at.run()
        at.switch_page("modules/ui/pages/dashboard.py")
        results[f"organisation dashboard ({n_cohorts} cohorts)"] = timed(at, args.runs)
        assert at.metric and at.metric[1].value == str(args.participants), "the org dashboard did not render"
    resources.reset()
    for name, (median, p90) in results.items():
        print(f"{name:45s} median {median * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
