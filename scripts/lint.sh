#!/usr/bin/env bash
# Static gates for the Python code, failing on the first finding (scripts/test.sh runs this first):
#   1. ruff: style, imports, bugbear, blind excepts, unused arguments, security (S) and real noqa tags;
#   2. mypy --strict on the shared library, the workers, the API and the model tools (rules in pyproject.toml).
# The migration gates (alembic check, upgrade/downgrade round trip) need a database and run in pytest:
# services/api/tests/test_migrations.py.
# Usage: scripts/lint.sh   (after scripts/install.sh --for-tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
log() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

log "ruff"
$PY -m ruff check --quiet .

# One cache per worktree, inside the (ignored) virtual environment.
log "mypy --strict: shared, ingestion, detection, classification, alerts, api, models"
$PY -m mypy --cache-dir .venv/.mypy_cache -p addax_common -p addax_ingestion -p addax_detection \
  -p addax_classification -p addax_alerts -p addax_api -p addax_models
$PY -m mypy --cache-dir .venv/.mypy_cache --strict tools/addax-upload/addax_upload
log "lint clean"
