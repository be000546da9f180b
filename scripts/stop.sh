#!/usr/bin/env bash
# Stops the locally running platform started by scripts/start.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
conf=data/run/supervisord.conf
if [ -f "$conf" ] && .venv/bin/supervisorctl -c "$conf" pid >/dev/null 2>&1; then
  .venv/bin/supervisorctl -c "$conf" shutdown
else
  echo "AddaxAI Connect is not running"
fi
