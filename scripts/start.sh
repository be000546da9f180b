#!/usr/bin/env bash
# Runs AddaxAI Connect locally, no Docker: installs what is missing, prepares the database and the
# demo models, and starts every service as its own process under supervisord (which restarts a
# crashed service). Idempotent: run it again to restart with the current code.
#
#   scripts/start.sh            start (or restart) the platform
#   scripts/start.sh --demo     ... and upload demo photos through FTPS
#   scripts/start.sh --foreground   stay attached and follow the logs (Ctrl-C stops everything)
#   scripts/stop.sh             stop it
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO=0; FOREGROUND=0
for arg in "$@"; do
  case "$arg" in
    --demo) DEMO=1 ;;
    --foreground) FOREGROUND=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
log() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

scripts/install.sh
source scripts/services.sh
ensure_postgres
ensure_redis

# --- local configuration: .env with generated secrets on first start --------------------------------
if [ ! -f .env ]; then
  log "writing .env for local use (generated secrets; see .env.example for every setting)"
  rand() { .venv/bin/python -c "import secrets; print(secrets.token_urlsafe($1))"; }
  cat > .env <<ENV
ENVIRONMENT=development
DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/addax
REDIS_URL=redis://127.0.0.1:6379/0
STORAGE_BACKEND=directory
STORAGE_DIR=$ROOT/data/storage
UPLOAD_DIR=$ROOT/data/uploads
DETECTOR_MODEL_PATH=$ROOT/models/weights/demo-detector.onnx
CLASSIFIER_MODEL_PATH=$ROOT/models/weights/demo-classifier.onnx
FTPS_HOST=127.0.0.1
FTPS_PORT=2121
FTPS_ACCOUNTS=camera:$(rand 12)
JWT_SECRET=$(rand 48)
MEDIA_URL_SECRET=$(rand 48)
ALERTS_SECRET_KEY=$(rand 48)
ADMIN_EMAIL=admin@example.org
ADMIN_PASSWORD=$(rand 12)
COOKIE_SECURE=false
ENV
fi
set -a; source .env; set +a
mkdir -p data/logs data/run data/storage data/uploads

log "migrating the database"
.venv/bin/python scripts/migrate.py

# The demo models are rebuilt on every start (deterministic, < 1 s, files rewritten only when they
# change), so an older build never keeps running after the graphs were improved.
if [ ! -f "$DETECTOR_MODEL_PATH" ] || [ ! -f "$CLASSIFIER_MODEL_PATH" ] || \
   [ "$(basename "$DETECTOR_MODEL_PATH")" = demo-detector.onnx ]; then
  log "building the demo ONNX models (real weights: see docs/models.md)"
  .venv/bin/python -m addax_models.build_demo --out "$(dirname "$DETECTOR_MODEL_PATH")" >/dev/null
fi
DEMO_MODELS=$(.venv/bin/python -m addax_models.describe --demo-only "$DETECTOR_MODEL_PATH" "$CLASSIFIER_MODEL_PATH")

if [ -f services/frontend/package.json ]; then
  newest_src=$(find services/frontend/src services/frontend/index.html services/frontend/package.json -newer services/frontend/dist/index.html 2>/dev/null | head -1 || true)
  if [ ! -f services/frontend/dist/index.html ] || [ -n "$newest_src" ]; then
    log "building the web app"
    (cd services/frontend && npm run build --silent)
  fi
fi

# --- supervisor ------------------------------------------------------------------------------------
conf=data/run/supervisord.conf
source scripts/lib/supervisor-conf.sh
write_supervisor_conf "$ROOT" "$FOREGROUND" > "$conf"

ctl() { .venv/bin/supervisorctl -c "$conf" "$@"; }
if ctl pid >/dev/null 2>&1; then
  log "restarting the services"
  ctl reread >/dev/null; ctl update >/dev/null; ctl restart all >/dev/null
elif [ $FOREGROUND = 0 ]; then
  log "starting the services under supervisord"
  .venv/bin/supervisord -c "$conf"
fi

show_info() {
  local ftps_user ftps_pass
  ftps_user=${FTPS_ACCOUNTS%%:*}; ftps_pass=${FTPS_ACCOUNTS#*:}; ftps_pass=${ftps_pass%%:*}; ftps_pass=${ftps_pass%%,*}
  cat <<INFO

  AddaxAI Connect is running.
    Web app      http://127.0.0.1:${API_PORT:-8000}/        (admin: ${ADMIN_EMAIL} / ${ADMIN_PASSWORD})
    FTPS upload  ftps://127.0.0.1:${FTPS_PORT}  explicit TLS   user: ${ftps_user}  password: ${ftps_pass}
    Metrics      http://127.0.0.1:${API_PORT:-8000}/metrics, workers on :9101 :9102 :9103 :9104
    Logs         data/logs/*.log       Status: .venv/bin/supervisorctl -c $conf status
    Stop         scripts/stop.sh

INFO
  if [ -n "$DEMO_MODELS" ]; then
    printf '\033[1;33m  Demo models are active (%s): they find the coloured shapes of the demo photos, not animals.\n  Install MegaDetector: docs/models.md\033[0m\n\n' "$DEMO_MODELS"
  fi
}

if [ $FOREGROUND = 1 ]; then
  show_info
  [ $DEMO = 1 ] && (sleep 15 && .venv/bin/python scripts/demo_upload.py --wait) &
  exec .venv/bin/supervisord -c "$conf"
fi

log "waiting for the services to come up"
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:${API_PORT:-8000}/api/health" >/dev/null 2>&1 && \
     (exec 3<>/dev/tcp/127.0.0.1/"${FTPS_PORT}") 2>/dev/null; then break; fi
  sleep 1
done
ctl status || true
show_info
if [ $DEMO = 1 ]; then
  log "uploading demo photos through FTPS"
  .venv/bin/python scripts/demo_upload.py --wait
fi
