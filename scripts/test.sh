#!/usr/bin/env bash
# Runs the whole test suite on a fresh or prepared machine: installs what is missing, then
#   0. the static gates of scripts/lint.sh (ruff, mypy);
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
echo "==> lint: ruff, mypy (scripts/lint.sh)"
scripts/lint.sh || status=1

if [ -f services/frontend/package.json ]; then
  echo "==> frontend: API types drift check, lint, unit tests, build"
  (cd services/frontend && npm run --silent api:check && npm run --silent lint && npm run --silent test && npm run --silent build) || status=1
fi

# Two pytest workers (pytest-xdist; PYTEST_WORKERS=0 runs in one process): each gets its own database
# and Redis prefix, whole files stay on one worker (module fixtures are set up once), and the browser
# suite goes first (tests/support/ordering.py) so it runs beside everything else instead of after it.
# The schemathesis run is not xdist-safe (its generated tests are silently not run in a worker), so it
# runs on its own afterwards.
workers="${PYTEST_WORKERS:-2}"
serial=(services/api/tests/test_openapi_fuzz.py)
if [ "$workers" = "0" ]; then
  echo "==> pytest"
  .venv/bin/python -m pytest -q -ra "$@" || status=$?
else
  echo "==> pytest ($workers workers)"
  ignore=(); for f in "${serial[@]}"; do ignore+=(--ignore="$f"); done
  .venv/bin/python -m pytest -q -ra -n "$workers" --dist loadfile "${ignore[@]}" "$@" || status=$?
  echo "==> pytest (one process: ${serial[*]})"
  # Exit code 5 = nothing selected (e.g. scripts/test.sh -k pipeline): not a failure.
  rc=0; .venv/bin/python -m pytest -q -ra "${serial[@]}" "$@" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 5 ]; then status=$rc; fi
fi
exit $status
