#!/usr/bin/env bash
# Runs the whole test suite on a fresh or prepared machine: installs what is missing, then
#   0. the static gates of scripts/lint.sh (ruff, mypy), and beside them
#   1. frontend checks: generated API types are in sync, lint (tsc + ESLint, no warnings), Vitest unit
#      tests, production build;
#   2. pytest: unit, integration and end-to-end tests against the real local PostgreSQL + PostGIS,
#      Redis, an S3 API server, the FTPS server and Debian Chromium (each run in its own database
#      and Redis key prefix, so it never touches the platform's data).
# Extra arguments go to pytest (e.g. scripts/test.sh -k pipeline -x; PYTEST_WORKERS=0 for one process).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --for-tests
source scripts/services.sh
ensure_postgres
ensure_redis

status=0
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
# Steps that do not depend on each other run side by side (the machine's cores are otherwise idle
# while one single-threaded checker runs); each one's output is printed whole when it is done.
show() { echo "==> $1"; cat "$logs/$2"; }

scripts/lint.sh >"$logs/lint" 2>&1 &
lint_pid=$!
frontend_pid=""
if [ -f services/frontend/package.json ]; then
  (cd services/frontend && npm run --silent api:check && npm run --silent lint && npm run --silent test && npm run --silent build) \
    >"$logs/frontend" 2>&1 &
  frontend_pid=$!
fi
wait "$lint_pid" || status=1
show "lint: ruff, mypy (scripts/lint.sh)" lint
if [ -n "$frontend_pid" ]; then
  wait "$frontend_pid" || status=1
  show "frontend: API types drift check, lint, unit tests, build" frontend
fi

# Three pytest workers (pytest-xdist; PYTEST_WORKERS=0 runs in one process): each gets its own database
# and Redis prefix, whole files stay on one worker (module fixtures are set up once), and the browser
# suite goes first (tests/support/ordering.py) so it runs beside everything else instead of after it;
# --no-loadscope-reorder keeps that order (xdist would otherwise put files with many tests first, and
# the one-test browser file last). Most tests wait on processes, sockets and the browser rather than
# compute, so three workers fit a two-core machine.
# The schemathesis run is not xdist-safe (its generated tests are silently not run in a worker), so it
# runs as a separate pytest process beside the workers (its own database and Redis prefix too), at a
# lower CPU priority: it is the busiest process of the run and nothing in it is timed, while the
# browser suite beside it waits for pages with time limits (a CI run on a slow machine missed them).
workers="${PYTEST_WORKERS:-3}"
serial=(services/api/tests/test_openapi_fuzz.py)
if [ "$workers" = "0" ]; then
  echo "==> pytest"
  .venv/bin/python -m pytest -q -ra "$@" || status=$?
else
  # Exit code 5 = nothing selected (e.g. scripts/test.sh -k pipeline): not a failure.
  (rc=0; nice -n 10 .venv/bin/python -m pytest -q -ra "${serial[@]}" "$@" || rc=$?; echo "$rc" >"$logs/serial.rc") \
    >"$logs/serial" 2>&1 &
  serial_pid=$!
  echo "==> pytest ($workers workers)"
  ignore=(); for f in "${serial[@]}"; do ignore+=(--ignore="$f"); done
  .venv/bin/python -m pytest -q -ra -n "$workers" --dist loadfile --no-loadscope-reorder "${ignore[@]}" "$@" || status=$?
  wait "$serial_pid" || true
  show "pytest (one process, run beside the workers: ${serial[*]})" serial
  rc="$(cat "$logs/serial.rc" 2>/dev/null || echo 1)"
  if [ "$rc" != 0 ] && [ "$rc" != 5 ]; then status=$rc; fi
fi
exit $status
