"""Benchmark: a logged-in participant's page run, quiet and under a login flood, over the websocket.

    .venv/bin/python bench/login_flood_bench.py --clients 6 --runs 15

Starts a real Medled server (streamlit run app.py) on a free port with a fresh SQLite database,
then speaks Streamlit's own websocket protocol (BackMsg/ForwardMsg protobufs) like a browser:
a participant whose login cookie is sent with the websocket reruns the home page; each run is
timed from the rerun request to the server's script_finished message. Under the flood, N other
clients log in with the right password over and over (fresh session, fill the form, submit:
one argon2 verification each). Prints the median quiet and flooded run times and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from tests.e2e.ws_client import Client  # noqa: E402 - after sys.path is set
from tests.server import free_port, streamlit_server  # noqa: E402


async def _flood(url: str, logins: list[str], password: str, stop: asyncio.Event, counter: list[int]) -> None:
    i = 0
    while not stop.is_set():
        async with Client(url) as c:
            await c.run()
            await c.submit({"E-postadress eller användarnamn": logins[i % len(logins)], "Lösenord": password},
                           "Logga in")
            counter[0] += 1
        i += 1


async def _measure(url: str, token: str, runs: int) -> list[float]:
    async with Client(url, token) as c:
        await c.run()
        await c.run()  # warm-up
        return [await c.run() for _ in range(runs)]


async def _main(url, token, flood_logins, password, clients, runs) -> tuple[list[float], list[float], int]:
    quiet = await _measure(url, token, runs)
    stop, counter = asyncio.Event(), [0]
    tasks = [asyncio.create_task(_flood(url, flood_logins[k::clients], password, stop, counter))
             for k in range(clients)]
    await asyncio.sleep(2)  # let the flood build up before measuring
    flooded = await _measure(url, token, runs)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return quiet, flooded, counter[0]


def main() -> int:

    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="medled-flood-"))
    db_url = f"sqlite:///{tmp / 'flood.db'}"
    os.environ["DATABASE_URL"] = db_url
    os.environ["MEDLED_CONTENT_DIR"] = str(ROOT / "content")

    from modules.services import auth
    from modules.ui import resources
    from tests.builders import PASSWORD, make_admin, make_cohort, make_facilitator, make_org, make_participant

    svc = resources.services()
    admin = make_admin(svc)
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    cohort = make_cohort(svc, fac, org)
    participant = make_participant(svc, fac, cohort, "Quiet Participant")
    flood_logins = [make_participant(svc, fac, cohort, f"Flood {i}").login for i in range(args.clients * 2)]
    token = auth.exchange_handoff(svc, auth.start_session(svc, participant).handoff)

    with streamlit_server("app.py", free_port(), {}, tmp / "server.log", ROOT) as srv:
        url = srv["base"].replace("http://", "ws://") + "/_stcore/stream"
        quiet, flooded, logins = asyncio.run(_main(url, token, flood_logins, PASSWORD, args.clients, args.runs))
    q, f = statistics.median(quiet), statistics.median(flooded)
    print(f"participant home over the websocket, quiet            median {q * 1000:7.1f} ms")
    print(f"participant home, {args.clients} clients logging in at once  median {f * 1000:7.1f} ms "
          f"({logins} logins meanwhile)")
    print(f"login flood slowdown: {f / q:.2f}x (goal: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
