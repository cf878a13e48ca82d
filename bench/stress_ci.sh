#!/usr/bin/env bash
# make test-stress: CI's own script on a fresh clone, RUNS times in a row (default 3), while
# busy loops keep every core occupied. Stops at the first failure; prints a summary.
#   RUNS=3 BUSY=2 PYTEST_ARGS="-x tests/e2e" bash bench/stress_ci.sh
# A fresh clone has no .venv: each clone links the venv of this checkout (VENV=... to change)
# so the run measures the tests, not pip; FRESH_VENV=1 lets `make` build one per clone instead.
# Commit first: the clone sees only committed work. A failing run's log goes to bench/out/.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC="$(pwd)"
RUNS="${RUNS:-3}"
BUSY="${BUSY:-$(nproc)}"
VENV="${VENV:-$(readlink -f "$SRC/.venv")}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/medled-stress.XXXXXX")"
busy_pids=()

stop_busy() {
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${busy_pids[@]}"; do wait "$pid" 2>/dev/null; done
  busy_pids=()
}
trap 'stop_busy; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

for _ in $(seq "$BUSY"); do
  yes >/dev/null &
  busy_pids+=($!)
done
echo "stress: $RUNS run(s) of .ci/run on fresh clones of $(git rev-parse --short HEAD), $BUSY busy loop(s)"

results=()
status=0
for i in $(seq "$RUNS"); do
  dir="$WORK/run$i"
  git clone --quiet "$SRC" "$dir" || { status=1; results+=("run $i: clone failed"); break; }
  if [ -z "${FRESH_VENV:-}" ] && [ -d "$VENV" ]; then
    ln -s "$VENV" "$dir/.venv"
    touch -d "2000-01-01" "$dir/requirements.txt"  # the linked venv's install stamp stays newer
  fi
  start=$(date +%s)
  ( cd "$dir" && CI=true PYTEST_ARGS="${PYTEST_ARGS:-}" bash .ci/run ) >"$WORK/run$i.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  line="$(grep -E '[0-9]+ (passed|failed|errors?)' "$WORK/run$i.log" | tail -1)"
  results+=("run $i: exit $rc in ${secs}s ${line}")
  if [ "$rc" -ne 0 ]; then
    status=$rc
    mkdir -p "$SRC/bench/out" && cp "$WORK/run$i.log" "$SRC/bench/out/stress-failure.log"
    tail -40 "$WORK/run$i.log"
    echo "stress: run $i failed; full log in bench/out/stress-failure.log"
    break
  fi
done

stop_busy
echo "---- stress summary ----"
printf '%s\n' "${results[@]}"
[ "$status" -eq 0 ] && echo "stress: all $RUNS run(s) passed" || echo "stress: FAILED"
exit "$status"
