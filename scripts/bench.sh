#!/usr/bin/env bash
# Runs the benchmarks in bench/ and writes their figures into docs/performance.md.
#
#   scripts/bench.sh            every benchmark, full size (same as --full)
#   scripts/bench.sh --full     also the issue-13 proofs at full size: chaos with 1,000 images, Locust on
#                               1,000,000 images, memory under load, 10 minutes at 10 images a minute, and
#                               10,000 files in one FTPS session; takes an hour or more
#   scripts/bench.sh --quick    the issue-13 gates at small size (50,000 images for Locust, 30 photos for
#                               memory, 2 minutes of steady load, statistics from the tallies against the
#                               images on 20,000), about 6 minutes; writes nothing to
#                               docs/performance.md and exits non-zero when a figure misses its goal
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:---full}"
scripts/install.sh --for-tests >/dev/null
source scripts/services.sh
ensure_postgres
ensure_redis

status=0
run() {
  echo "==> $*"
  local started=$SECONDS
  .venv/bin/python "$@" || status=1
  echo "    ($((SECONDS - started)) s)"
}

case "$mode" in
  --quick)
    run bench/bench_api_load.py --quick
    run bench/bench_memory.py --quick
    run bench/bench_latency.py --quick
    run bench/bench_stats.py --quick
    ;;
  --full)
    for bench in bench/bench_*.py; do
      run "$bench"
    done
    echo "==> 10,000 files in one FTPS session (tests/test_bad_inputs_ftps.py)"
    ADDAX_CORPUS_SESSION_FILES=10000 .venv/bin/python -m pytest -q -n0 -p no:randomly \
      tests/test_bad_inputs_ftps.py -k many_files -s || status=1
    ;;
  *)
    echo "usage: scripts/bench.sh [--quick|--full]" >&2
    exit 2
    ;;
esac
exit $status
