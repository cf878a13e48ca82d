"""Benchmark: how long the roster parser takes for the largest files it accepts, and for crafted ones.

    .venv/bin/python bench/roster_bench.py [--rows 5000] [--mb 5] [--repeat 3]

For each file: its size, unpacked size (xlsx), the parser's outcome, the best wall time of
--repeat runs and the peak traced memory. The target (issue 8) is under 2 s for the largest
accepted file. Files are built by tests/roster_files.py, the same builders the tests use.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl.utils import get_column_letter  # noqa: E402

from modules.imports.roster import parse_roster  # noqa: E402
from tests import roster_files  # noqa: E402


def widest_accepted_xlsx(rows: int, max_bytes: int) -> bytes:
    """`rows` people, each row padded with numbers beyond the columns Medled reads, until the
    package unpacks to just under the upload limit: the most XML an accepted file can make us read."""
    per_row = max(0, (max_bytes * 0.97 - 2000) / rows - 120) // 30
    extra = "".join(f'<c r="{get_column_letter(c)}{{r}}"><v>1</v></c>' for c in range(100, 100 + int(per_row)))
    body = [roster_files.header_and_people(0)]
    for i in range(rows):
        r = i + 2
        body.append(f'<row r="{r}">{roster_files._cell(f"A{r}", f"Person {i}")}'
                    f'{roster_files._cell(f"B{r}", f"p{i}@exempel.se")}{extra.format(r=r)}</row>')
    return roster_files.xlsx_with_sheet("".join(body))


def largest_csv(rows: int, max_bytes: int) -> bytes:
    pad = "x" * int(max(0, max_bytes * 0.98 / rows - 40))
    lines = ["Namn;E-post;Övrigt"] + [f"Person {i};p{i}@exempel.se;{pad}" for i in range(rows)]
    return "\r\n".join(lines).encode("cp1252")


def unpacked(name: str, data: bytes) -> int:
    if not name.endswith(".xlsx"):
        return len(data)
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    max_bytes, rows = int(args.mb * 2**20), args.rows
    files = [
        ("largest people list (.xlsx)", "a.xlsx", roster_files.largest_people_xlsx(rows)),
        ("largest people list (.csv)", "a.csv", roster_files.largest_people_csv(rows)),
        ("widest accepted (.xlsx, unpacks to the limit)", "a.xlsx", widest_accepted_xlsx(rows, max_bytes)),
        ("largest accepted (.csv, at the size limit)", "a.csv", largest_csv(rows, max_bytes)),
        ("huge declared dimension + stray last cell", "a.xlsx", roster_files.huge_dimension()),
        ("rows with a cell in column XFD", "a.xlsx", roster_files.wide_rows(stray_rows=rows - 10)),
        ("thousands of columns", "a.xlsx", roster_files.many_columns()),
        ("blank rows beyond the limit", "a.xlsx", roster_files.blank_rows_beyond(rows)),
    ]
    print(f"limits: {args.mb} MB, {rows} rows; best of {args.repeat}")
    print(f"{'file':48} {'bytes':>9} {'unpacked':>10} {'outcome':>22} {'seconds':>8} {'peak MB':>8}")
    worst = 0.0
    for label, name, data in files:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            preview = parse_roster(name, data, max_bytes=max_bytes, max_rows=rows)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        parse_roster(name, data, max_bytes=max_bytes, max_rows=rows)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        outcome = preview.file_error or f"{len(preview.rows)} rows"
        worst = max(worst, min(times))
        print(f"{label:48} {len(data):9d} {unpacked(name, data):10d} {outcome:>22} {min(times):8.2f} {peak:8.1f}")
    print(f"slowest: {worst:.2f} s (target < 2 s)")
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
