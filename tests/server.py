"""Start `streamlit run <script>` on a port and wait until it serves, without polling on a clock.

One helper for the browser tests (tests/e2e/conftest.py) and the benchmarks (bench/load/server.py,
bench/first_page_bench.py). The server's output is copied to a log file by a thread, which
signals when Streamlit prints its "URL:" line (it does so once it listens); a health check then
confirms. A server that exits or does not get there within `timeout` raises ServerDidNotStart
with the end of its log.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: str, port: int, env: dict[str, str], log: Path, cwd: Path,
                     extra: list[str] | tuple[str, ...] = (), timeout: float = 90) -> Iterator[dict]:
    """Yields {"base": "http://127.0.0.1:<port>", "pid": <server pid>}; stops the server after."""
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", *extra]
    proc = subprocess.Popen(cmd, cwd=cwd, env=os.environ | env | {"PYTHONUNBUFFERED": "1"}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    listening = threading.Event()

    def copy_output() -> None:
        with open(log, "w") as out:
            for line in proc.stdout:
                out.write(line)
                out.flush()
                if line.strip().startswith("URL:"):
                    listening.set()
        listening.set()  # the server exited: stop waiting

    copier = threading.Thread(target=copy_output, daemon=True)
    copier.start()
    base = f"http://127.0.0.1:{port}"
    try:
        listening.wait(timeout)
        try:
            healthy = proc.poll() is None and httpx.get(f"{base}/_stcore/health", timeout=10).status_code == 200
        except httpx.HTTPError:
            healthy = False
        if not healthy:
            raise ServerDidNotStart(f"{script} did not start:\n" + log.read_text()[-3000:])
        yield {"base": base, "pid": proc.pid}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        copier.join(timeout=5)
