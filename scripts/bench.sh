#!/usr/bin/env bash
# Runs the benchmarks in bench/ and writes their figures into docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh >/dev/null
source scripts/services.sh
ensure_postgres
ensure_redis
for bench in bench/bench_*.py; do
  echo "==> $bench"
  .venv/bin/python "$bench"
done
