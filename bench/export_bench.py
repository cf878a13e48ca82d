"""Benchmark: the Excel report export against a bare write-only openpyxl loop.

    .venv/bin/python bench/export_bench.py --participants 2000

Builds a synthetic Report (N participants, 8 modules, 6 exercises per module), times
build_report_workbook, then times plain ws.append of the same cell values (no styles, no
safety) into a write-only workbook. Prints cells, seconds, cells/second for both, the ratio
(target <= 1.5) and peak memory (tracemalloc peak of one more export run, and ru_maxrss).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import resource
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from modules.exports.excel import build_report_workbook, report_sheets  # noqa: E402
from modules.exports.report import (  # noqa: E402
    AssessmentMean,
    AttendanceRow,
    CohortSummary,
    CommitmentRow,
    ExerciseRow,
    FeedbackRow,
    ParticipantRow,
    ProgressCell,
    Report,
)
from modules.i18n import t  # noqa: E402

FIRST = ["Åsa", "Björn", "Märta", "Örjan", "Linnéa", "Sven", "Ingrid", "Jörgen", "Maja", "Ali", "Fatima", "Per"]
LAST = ["Öberg", "Åkesson", "Lindström", "Nyström", "Håkansson", "Ek", "Sjögren", "Karlsson", "Yilmaz"]
SENTENCE = ("jag vill bli bättre på att leda möten utan att ta över och låta fler komma till tals "
            "nästa gång ska vi börja med en incheckning och avsluta med en utvärdering av mötet")
WORDS = SENTENCE.split()
DIMENSIONS = ["Självledarskap", "Kommunikation", "Möten", "Samarbete", "Påverkan", "Lärande"]
START = dt.datetime(2026, 1, 12, 8, 0)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _participants(rng: random.Random, n: int, cohorts: list[str]) -> list[ParticipantRow]:
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        joined = START + dt.timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 600))
        rows.append(ParticipantRow(
            key=f"{i % len(cohorts)}:{i}", pseudonym=f"Deltagare {i + 1:04d}", name=f"{first} {last}",
            email=f"{first}.{last}{i}@exempel.se".lower(), cohort=cohorts[i % len(cohorts)], status="joined",
            joined_at=joined, last_active=joined + dt.timedelta(days=rng.randint(0, 60)),
            completion=rng.random(), attendance_rate=rng.random()))
    return rows


def _per_participant(rng: random.Random, report: Report) -> None:
    for p in report.participants:
        for m, (module_id, title) in enumerate(report.modules):
            report.progress.append(ProgressCell(p.key, module_id, rng.random()))
            for e in range(6):
                shared = _text(rng, rng.randint(8, 40)) if rng.random() < 0.4 else None
                report.exercises.append(ExerciseRow(
                    p.key, title, f"Övning {m + 1}.{e + 1}", rng.choice(["Utkast", "Klar"]),
                    START + dt.timedelta(days=m * 7 + e, hours=rng.randint(0, 10)), shared))
            report.commitments.append(CommitmentRow(
                p.key, title, _text(rng, 10), rng.choice(["min chef", "teamet", "Åsa"]),
                (START + dt.timedelta(days=m * 7 + 14)).date(), rng.choice(["Gick bra", ""]),
                _text(rng, 12), START + dt.timedelta(days=m * 7 + 15)))
            report.attendance.append(AttendanceRow(
                p.key, f"Träff {m + 1}: {title}", (START + dt.timedelta(days=m * 7)).date(), rng.random() < 0.85))
            report.feedback.append(FeedbackRow(
                p.cohort, "Modul", title, rng.randint(1, 5), _text(rng, 6), START + dt.timedelta(days=m * 7)))


def synthetic_report(participants: int, seed: int = 1) -> Report:
    rng = random.Random(seed)
    cohorts = [f"Leda utan chefskap – grupp {c + 1}" for c in range(max(1, participants // 25))]
    report = Report(title="Leda utan chefskap – organisationsrapport", scope="organisation", language="sv",
                    generated_at=dt.datetime(2026, 6, 1, 9, 30), generated_by="Märta Processledare")
    report.modules = [(f"m{m + 1}", f"Modul {m + 1}: {w}") for m, w in enumerate(
        ["Leda utan chefskap", "Medledarskap", "Självledarskap", "Kommunicera och påverka", "Leda möten",
         "Förebygga konflikter", "Arbetsgrupper och projekt", "Lärande och erkännande"])]
    report.cohorts = [CohortSummary(c, name, "Exempel AB", START.date(), START.date() + dt.timedelta(days=120),
                                    25, 24, 18, rng.random()) for c, name in enumerate(cohorts)]
    report.participants = _participants(rng, participants, cohorts)
    _per_participant(rng, report)
    report.assessment_means = [AssessmentMean(name, d, 24, 3.1, 22, 3.6) for name in cohorts for d in DIMENSIONS]
    return report


def plain_tables(report: Report) -> list[tuple[str, list[list]]]:
    """The same cell values the export writes (headers, rows, the Columns sheet), as plain lists."""
    tables, explained = [], []
    for sheet in report_sheets(report):
        rows = [[col.header, value] for col, value in sheet.lead] + ([[]] if sheet.lead else [])
        for block in sheet.blocks:
            rows += [[], [block.title]] if block.title else []
            rows.append([col.header for col in block.columns])
            rows += [list(row) for row in block.rows]
            explained += [[sheet.key, col.header, col.help] for col in block.columns]
        explained += [[sheet.key, col.header, col.help] for col, _ in sheet.lead]
        tables.append((t(report.language, f"export.sheet.{sheet.key}"), rows))
    tables.append(("columns", [["sheet", "column", "explanation"], *explained]))
    return tables


def bare_write(tables: list[tuple[str, list[list]]]) -> bytes:
    wb = Workbook(write_only=True)
    for title, rows in tables:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _timed(fn, *args, **kwargs) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    args = parser.parse_args(argv)
    report = synthetic_report(args.participants)
    export_s = min(_timed(build_report_workbook, report)[0] for _ in range(args.repeat))
    rss_export_mb = _maxrss_mb()  # high-water mark so far: the synthetic report plus the export
    tables = plain_tables(report)
    cells = sum(1 for _, rows in tables for row in rows for v in row if v is not None)
    bare_s = min(_timed(bare_write, tables)[0] for _ in range(args.repeat))
    del tables
    tracemalloc.start()
    size = len(build_report_workbook(report))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"participants {args.participants}, rows of exercises {len(report.exercises)}, workbook {size / 1e6:.1f} MB")
    print(f"export  {cells:>9} cells  {export_s:7.2f} s  {cells / export_s:>9.0f} cells/s")
    print(f"bare    {cells:>9} cells  {bare_s:7.2f} s  {cells / bare_s:>9.0f} cells/s")
    print(f"peak memory: tracemalloc {peak / 2**20:.1f} MiB allocated during one export; ru_maxrss "
          f"{rss_export_mb:.1f} MiB after report + export, {_maxrss_mb():.1f} MiB whole run (target < 300)")
    print(f"ratio {export_s / bare_s:.2f} (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
