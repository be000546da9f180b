#!/usr/bin/env bash
# Stops the locally running platform started by scripts/start.sh, and returns only once supervisord
# and every service under it have exited, so `scripts/stop.sh && scripts/start.sh` finds the ports free.
#
#   scripts/stop.sh                 stop, waiting up to 60 s
#   scripts/stop.sh --timeout 120   ... waiting up to 120 s
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEOUT=60
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) TIMEOUT=${2:?--timeout needs a number of seconds}; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
conf=data/run/supervisord.conf
if [ ! -f "$conf" ] || ! pid=$(.venv/bin/supervisorctl -c "$conf" pid 2>/dev/null) || ! [ "$pid" -gt 0 ] 2>/dev/null; then
  echo "AddaxAI Connect is not running"
  exit 0
fi
# `shutdown` only asks: supervisord then stops each service (SIGTERM, SIGKILL after its stopwaitsecs)
# and exits last, so its own exit means every service has let go of its ports.
.venv/bin/supervisorctl -c "$conf" shutdown
deadline=$((SECONDS + TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "supervisord (pid $pid) is still running after $TIMEOUT s; its services may still be stopping." >&2
    echo "See data/logs/supervisord.log, or wait and run scripts/stop.sh again." >&2
    exit 1
  fi
  sleep 0.1
done
echo "stopped"
