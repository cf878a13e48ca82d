"""Benchmark: time to a usable first page in headless Chromium, per role, beside a trivial
one-widget Streamlit page served with the same server config in the same run.

    .venv/bin/python bench/first_page_bench.py --participants 300 --loads 9

Seeds a fresh SQLite database (`seed-demo`, shipped content), starts the Medled server and
the trivial page (`bench/first_page_trivial.py`, same `.streamlit/config.toml`), logs each
role in over HTTP (the cookie route), then loads each page in a fresh browser context and
times navigation start -> the script run finished (`data-test-script-state=notRunning`) AND
the page's key element visible, measured inside the page (performance.now(), rAF polling).
The first load after start is reported apart (cold server); the rest give median and p90, in
rounds that load every page once, so each ratio compares loads taken moments apart.
Extra `--streamlit-arg --runner.postScriptGC=true` lets one run compare server options.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.server import ServerDidNotStart, free_port, streamlit_server  # noqa: E402

READY_JS = """(selectors) => {
  if (!document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]')) return false;
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (!el || !el.getClientRects().length) return false;
  }
  return performance.now();
}"""


@contextlib.contextmanager
def serve(script: str, env: dict, extra: list[str], log: Path):
    try:
        with streamlit_server(script, free_port(), env, log, ROOT, extra) as srv:
            yield srv["base"]
    except ServerDidNotStart as exc:
        raise SystemExit(str(exc)) from None


def cookie_for(svc, base: str, actor) -> str:
    from modules.services import auth

    r = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(svc, actor).handoff},
                   headers={"Origin": base}, follow_redirects=False)
    token = r.cookies.get("medled_session")
    if not token:
        raise SystemExit(f"no session cookie for {actor.login}: {r.status_code}")
    return token


def _context(browser, url: str, cookie: str | None):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if cookie:
        context.add_cookies([{"name": "medled_session", "value": cookie, "url": url}])
    return context


def load_ms(context, url: str, selectors: list[str]) -> float:
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        return page.wait_for_function(READY_JS, arg=selectors, polling="raf", timeout=60000).json_value()
    finally:
        page.close()


def fresh_load_ms(browser, url: str, selectors: list[str], cookie: str | None) -> float:
    """A first visit: a new browser profile, nothing cached."""
    context = _context(browser, url, cookie)
    try:
        return load_ms(context, url, selectors)
    finally:
        context.close()


def _stats(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))]


def measure_all(browser, pages, loads: int) -> list[tuple]:
    """Per page: (first load after start, empty-cache median and p90 and median ratio to the
    trivial page, cached median and p90 and median ratio).

    Interleaved: each round loads every page once, the trivial one first, so a machine that
    speeds up or slows down during the run moves the page and its yardstick alike; a page's
    ratio is the median over rounds of (page ÷ trivial page in the same round)."""
    first = [fresh_load_ms(browser, url, sels, cookie) for _, url, sels, cookie in pages]
    empty = [[fresh_load_ms(browser, url, sels, cookie) for _, url, sels, cookie in pages] for _ in range(loads)]
    contexts = [_context(browser, url, cookie) for _, url, _, cookie in pages]
    try:
        for context, (_, url, sels, _) in zip(contexts, pages, strict=True):
            load_ms(context, url, sels)  # fills the browser cache
        cached = [[load_ms(context, url, sels) for context, (_, url, sels, _) in zip(contexts, pages, strict=True)]
                  for _ in range(loads)]
    finally:
        for context in contexts:
            context.close()
    rows = []
    for i, (name, *_rest) in enumerate(pages):
        row = [name, first[i]]
        for rounds in (empty, cached):
            row += [*_stats([r[i] for r in rounds]), statistics.median(r[i] / r[0] for r in rounds)]
        rows.append(tuple(row))
    return rows


def seed(participants: int, tmp: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.db'}"
    os.environ["MEDLED_CONTENT_DIR"] = str(ROOT / "content")
    from sqlalchemy import select

    from modules.curriculum.loader import load_program
    from modules.db.engine import make_engine, migrate, unit_of_work
    from modules.db.models import Enrolment, User
    from modules.demo import seed_demo
    from modules.services.auth import to_actor
    from modules.services.context import Services
    from modules.settings import load_settings

    settings = load_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    svc = Services(engine=engine, settings=settings, program=load_program(settings.content_dir))
    seed_demo(svc, participants=participants)
    with unit_of_work(svc.engine) as db:
        users = {role: to_actor(db.scalar(select(User).where(User.role == role).order_by(User.id)))
                 for role in ("admin", "facilitator")}
        users["participant"] = to_actor(db.scalar(select(User).join(Enrolment, Enrolment.user_id == User.id)
                                                  .where(User.role == "participant").order_by(User.id)))
        cohort_id = db.scalar(select(Enrolment.cohort_id).where(Enrolment.user_id == users["participant"].id))
    return svc, users, cohort_id


def report(rows: list[tuple], args) -> None:
    print(f"\nfirst page in headless Chromium, {args.participants} participants, {args.loads} loads per page"
          f" and cache state (+1 first load), server flags: {' '.join(args.streamlit_arg) or 'config.toml only'}\n")
    print("| page | first load after start | empty cache: median (p90) | ÷ trivial | cached: median (p90) | ÷ trivial |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name, first, median, p90, ratio, cmedian, cp90, cratio in rows:
        worst = max(worst, ratio, cratio)
        print(f"| {name} | {first:.0f} ms | {median:.0f} ms ({p90:.0f}) | {ratio:.2f} "
              f"| {cmedian:.0f} ms ({cp90:.0f}) | {cratio:.2f} |")
    print(f"\nworst ratio {worst:.2f} (target ≤ 1.5)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--loads", type=int, default=9, help="page loads per page after the first")
    parser.add_argument("--streamlit-arg", action="append", default=[], help="extra flag for the Medled server")
    parser.add_argument("--pages", default="", help="only the pages whose names contain one of these words "
                        "(comma-separated, e.g. 'home,cohorts'); the trivial page is always measured")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="medled-firstpage-"))
    svc, users, cohort_id = seed(args.participants, tmp)
    module_id = svc.program.modules[0].id
    env = os.environ | {"DATABASE_URL": svc.settings.database_url, "MEDLED_CONTENT_DIR": svc.settings.content_dir}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Debian's Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, \
            serve("bench/first_page_trivial.py", env, [], tmp / "trivial.log") as trivial, \
            serve("app.py", env, args.streamlit_arg, tmp / "medled.log") as medled:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        part, fac = (cookie_for(svc, medled, users[r]) for r in ("participant", "facilitator"))
        button, submit = "[data-testid=stButton] button", "[data-testid=stFormSubmitButton] button"
        pages = [
            ("trivial one-widget page", trivial + "/", [button], None),
            ("login (visitor)", medled + "/", [submit, "input[type=password]"], None),
            ("participant home", medled + "/", ["h1", button], part),
            (f"module page ({module_id})", f"{medled}/module?c={cohort_id}&m={module_id}",
             ["[data-testid=stProgress]", button], part),  # its first step: the first section
            ("facilitator cohorts", medled + "/", ["[data-testid=stTabs]", button], fac),
            ("facilitator dashboard", medled + "/dashboard", ["[data-testid=stMetric]"], fac),
        ]
        wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
        pages = [pg for i, pg in enumerate(pages) if i == 0 or not wanted or any(w in pg[0] for w in wanted)]
        rows = measure_all(browser, pages, args.loads)
        browser.close()
    report(rows, args)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
