"""Start a Streamlit server on loopback for a load run, and read its memory."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def snapshot(dest: Path) -> str:
    """The committed tree (HEAD) in dest: the server runs from it, so editing the worktree during a
    run cannot reload modules under the server's feet. Returns the commit measured."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return commit + (" (worktree has uncommitted changes; they are not measured)" if dirty else "")


@contextlib.contextmanager
def serve(script: str, port: int, env: dict[str, str], log: Path, cwd: Path = ROOT,
          extra: list[str] = ()) -> Iterator[dict]:
    """`streamlit run <script>` from cwd (a snapshot of the project), so Medled's .streamlit/config.toml
    applies."""
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", *extra]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=os.environ | env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server for {script} did not start; see {log}")
                try:
                    if httpx.get(f"{base}/_stcore/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            yield {"base": base, "pid": proc.pid}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (Linux /proc), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
