"""make bench: every benchmark named in BENCHMARKS.md, in one go (about ten minutes)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["pages_bench.py", "--participants", "300", "--runs", "15"],
    ["pages_bench.py", "--participants", "2000", "--runs", "9", "--pages", "dashboards"],
    ["org_export_bench.py", "--participants", "2000"],
    ["export_bench.py", "--participants", "2000", "--repeat", "1"],
    ["login_flood_bench.py", "--clients", "6", "--runs", "15"],
    ["first_page_bench.py", "--participants", "300", "--loads", "7"],
]

status = 0
for args in RUNS:
    print(f"\n$ python bench/{' '.join(args)}", flush=True)
    status |= subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]]).returncode
sys.exit(status)
