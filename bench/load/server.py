"""Start a Streamlit server on loopback for a load run, and read its memory."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.server import streamlit_server

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


def serve(script: str, port: int, env: dict[str, str], log: Path, cwd: Path = ROOT,
          extra: list[str] = ()):
    """`streamlit run <script>` from cwd (a snapshot of the project), so Medled's .streamlit/config.toml
    applies; yields {"base", "pid"}."""
    return streamlit_server(script, port, env, log, cwd, extra)


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (Linux /proc), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
