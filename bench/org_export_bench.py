"""Benchmark: the organisation export on a database seeded with seed-demo.

    .venv/bin/python bench/org_export_bench.py --participants 2000

Seeds a fresh SQLite database (the shipped content), then, in this order and in one process:
builds the organisation report from the database, writes it with build_report_workbook, and
writes the same cell values with a bare write-only openpyxl loop (the floor for the library).
Peak memory is the process's ru_maxrss after everything, and tracemalloc's peak of the export.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=2000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="medled-export-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.db'}"
    os.environ["MEDLED_CONTENT_DIR"] = str(ROOT / "content")

    from export_bench import bare_write, plain_tables
    from sqlalchemy import select

    from modules.cli_commands import services
    from modules.db.engine import unit_of_work
    from modules.db.models import Organisation, User
    from modules.demo import seed_demo
    from modules.exports.excel import build_report_workbook
    from modules.services import reports
    from modules.services.auth import to_actor

    svc = services()
    seed_demo(svc, participants=args.participants)
    with unit_of_work(svc.engine) as db:
        admin = to_actor(db.scalar(select(User).where(User.role == "admin")))
        org_id = db.scalar(select(Organisation.id))
    gc.collect()
    t0 = time.perf_counter()
    report = reports.build_report(svc, admin, org_id=org_id)
    t1 = time.perf_counter()
    data = build_report_workbook(report)
    t2 = time.perf_counter()
    tables = plain_tables(report)
    cells = sum(len(r) for _, rows in tables for r in rows)
    gc.collect()
    t3 = time.perf_counter()
    bare_write(tables)
    t4 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    reports.export_workbook(svc, admin, org_id=org_id)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    query, write, bare = t1 - t0, t2 - t1, t4 - t3
    print(f"participants {args.participants}, cells {cells:,}, exercise rows {len(report.exercises):,}, "
          f"workbook {len(data) / 1e6:.1f} MB")
    print(f"report from database   {query:6.2f} s")
    print(f"workbook (openpyxl)    {write:6.2f} s   {cells / write:,.0f} cells/s")
    print(f"bare write-only loop   {bare:6.2f} s   {cells / bare:,.0f} cells/s")
    print(f"organisation export    {query + write:6.2f} s (target < 10 s)")
    print(f"ratio workbook / bare  {write / bare:.2f} (target <= 1.5); export total / bare {(query + write) / bare:.2f}")
    print(f"peak memory: ru_maxrss {rss:.0f} MiB for the whole run (target < 300 MB); "
          f"tracemalloc peak of one export {peak / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
