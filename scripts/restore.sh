#!/usr/bin/env bash
# Restore AddaxAI Connect from a backup made by scripts/backup.sh.
#
#   scripts/restore.sh                         # the newest backup in BACKUP_DIR, asks to confirm
#   scripts/restore.sh backups/20250101T020000Z --yes
#   scripts/restore.sh --db-only latest        # database only
#
# Options: --yes (no confirmation prompt), --mode auto|local|compose, --db-only, --storage-only,
#          --env-file FILE (default .env). BACKUP is a backup folder, or `latest` (the default).
#
# What it does:
#   database  DROP DATABASE ... WITH (FORCE), CREATE DATABASE, pg_restore --exit-on-error (the
#             dump holds the schema, the PostGIS extension and alembic_version).
#   storage   copies every bucket back (local: into STORAGE_DIR; S3/compose: mc mirror into the
#             buckets, created if missing). Objects newer than the backup are left in place.
#   compose   stops ingestion, detection, classification and api first and starts them after.
# Redis is not restored: queue messages are only wake-up calls, and the reconciler re-queues every
# image whose state has not moved (RECONCILE_AFTER_SECONDS). The env copy in the backup is NOT
# written over .env; compare them yourself (secrets such as MEDIA_URL_SECRET must match).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_SERVICES=(ingestion detection classification api)

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
log() { printf '%s restore: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

MODE=auto
WHAT=all
ENV_FILE=""
YES=0
BACKUP=latest
while [[ $# -gt 0 ]]; do
  case "$1" in
    --yes|-y) YES=1; shift ;;
    --mode) MODE="${2:?--mode needs a value}"; shift 2 ;;
    --mode=*) MODE="${1#*=}"; shift ;;
    --db-only) WHAT=db; shift ;;
    --storage-only) WHAT=storage; shift ;;
    --env-file) ENV_FILE="${2:?--env-file needs a value}"; shift 2 ;;
    --env-file=*) ENV_FILE="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) BACKUP="$1"; shift ;;
  esac
done
cd "$ROOT"
ENV_FILE="${ENV_FILE:-$ROOT/.env}"

source "$ROOT/scripts/lib/backup-common.sh"

BACKUP_DIR="$(abspath "$(env_get BACKUP_DIR ./backups)")"
if [[ "$BACKUP" == latest ]]; then
  BACKUP="$(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*Z' 2>/dev/null | sort | tail -n 1)"
  [[ -n "$BACKUP" ]] || die "no backup found in $BACKUP_DIR"
fi
BACKUP="$(abspath "$BACKUP")"
[[ -f "$BACKUP/manifest.txt" ]] || die "$BACKUP is not a backup folder (no manifest.txt)"

STORAGE_BACKEND="$(env_get STORAGE_BACKEND directory)"
[[ "$MODE" == compose ]] && STORAGE_BACKEND=s3
S3_BUCKET_PREFIX="$(env_get S3_BUCKET_PREFIX "")"

DO_DB=0
DO_STORAGE=0
if [[ "$WHAT" != storage ]]; then
  [[ -f "$BACKUP/database.dump" ]] || die "$BACKUP has no database.dump (a --storage-only backup?)"
  DO_DB=1
fi
if [[ "$WHAT" != db ]]; then
  if [[ -d "$BACKUP/storage" ]]; then
    DO_STORAGE=1
  elif [[ "$WHAT" == storage ]]; then
    die "$BACKUP has no storage snapshot (a --db-only backup?)"
  else
    log "note: $BACKUP has no storage snapshot; restoring the database only"
  fi
fi

if [[ "$MODE" == local ]]; then
  DB_URL="$(libpq_url "$(env_get DATABASE_URL postgresql://postgres@127.0.0.1:5432/addax)")"
  DB_BASE="${DB_URL%%\?*}"
  DB_QUERY=""
  [[ "$DB_URL" == *\?* ]] && DB_QUERY="?${DB_URL#*\?}"
  DB_NAME="${DB_BASE##*/}"
  DB_ADMIN_URL="${DB_BASE%/*}/postgres${DB_QUERY}"
  # Shown in the prompt: without the password.
  DB_TARGET="$DB_NAME on $(printf '%s' "${DB_BASE%/*}" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')"
  STORAGE_DIR="$(abspath "$(env_get STORAGE_DIR data/storage)")"
else
  DB_NAME=addax
  DB_TARGET="addax in the compose postgres service"
fi
[[ "$DB_NAME" =~ ^[A-Za-z0-9_-]+$ ]] || die "unexpected database name '$DB_NAME'"

# --- Confirmation --------------------------------------------------------------------------------
echo "Restore from: $BACKUP" >&2
sed 's/^/    /' "$BACKUP/manifest.txt" >&2
if [[ "$DO_DB" == 1 ]]; then
  echo "This REPLACES the database $DB_TARGET (everything newer than the backup is lost)." >&2
fi
if [[ "$DO_STORAGE" == 1 ]]; then
  if [[ "$STORAGE_BACKEND" == directory ]]; then
    echo "Objects are copied back into $STORAGE_DIR." >&2
  else
    echo "Objects are copied back into the S3 buckets (prefix '${S3_BUCKET_PREFIX}')." >&2
  fi
fi
if [[ "$YES" != 1 ]]; then
  [[ -t 0 ]] || die "not a terminal: pass --yes to restore without the prompt"
  read -r -p "Type 'yes' to continue: " answer
  [[ "$answer" == yes ]] || die "aborted"
fi

if [[ "$MODE" == compose ]]; then
  log "stopping ${APP_SERVICES[*]}"
  "${COMPOSE[@]}" stop "${APP_SERVICES[@]}" >/dev/null
  # Whatever happens next, bring the services back.
  trap '"${COMPOSE[@]}" start "${APP_SERVICES[@]}" >/dev/null 2>&1 || true' EXIT
else
  log "local mode: stop the platform's services first (scripts/stop.sh) so nothing writes meanwhile"
fi

# --- Database ------------------------------------------------------------------------------------
restore_database() {
  local dump="$BACKUP/database.dump"
  if [[ "$MODE" == compose ]]; then
    "${COMPOSE[@]}" exec -T postgres psql -U addax -d postgres -v ON_ERROR_STOP=1 -q \
      -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" -c "CREATE DATABASE \"$DB_NAME\""
    # Copied into the container first: pg_restore wants a seekable file.
    "${COMPOSE[@]}" exec -T postgres sh -c 'cat > /tmp/addax-restore.dump' <"$dump"
    "${COMPOSE[@]}" exec -T postgres sh -c \
      'pg_restore -U addax -d addax --no-owner --no-privileges --exit-on-error /tmp/addax-restore.dump; rc=$?; rm -f /tmp/addax-restore.dump; exit $rc'
  else
    command -v pg_restore >/dev/null 2>&1 || die "pg_restore not found (apt-get install postgresql-client)"
    psql "$DB_ADMIN_URL" -v ON_ERROR_STOP=1 -q -c "SET client_min_messages = warning" \
      -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" -c "CREATE DATABASE \"$DB_NAME\""
    pg_restore --dbname="$DB_URL" --no-owner --no-privileges --exit-on-error "$dump"
  fi
  log "database restored"
}

# --- Storage -------------------------------------------------------------------------------------
restore_storage() {
  local src="$BACKUP/storage"
  if [[ "$STORAGE_BACKEND" == directory ]]; then
    mkdir -p "$STORAGE_DIR"
    if command -v rsync >/dev/null 2>&1; then
      rsync -a "$src/" "$STORAGE_DIR/"
    else
      cp -a "$src/." "$STORAGE_DIR/"
    fi
  elif [[ "$MODE" == compose ]]; then
    "${COMPOSE[@]}" run --rm --no-deps -T -v "$src:/restore:ro" --entrypoint /bin/sh minio-init -c '
      set -eu
      mc alias set dst http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
      for b in '"${BUCKETS[*]}"'; do
        mc mb --ignore-existing "dst/${S3_BUCKET_PREFIX:-}$b" >/dev/null
        if [ -d "/restore/$b" ]; then
          mc mirror --quiet --overwrite "/restore/$b" "dst/${S3_BUCKET_PREFIX:-}$b"
        fi
      done'
  else
    command -v mc >/dev/null 2>&1 || die "the S3 backend needs the MinIO client 'mc' on this machine"
    local endpoint key secret bucket
    endpoint="$(env_get S3_ENDPOINT_URL https://s3.amazonaws.com)"
    key="$(env_get S3_ACCESS_KEY "")"
    secret="$(env_get S3_SECRET_KEY "")"
    export MC_HOST_addaxrestore="${endpoint%%://*}://${key}:${secret}@${endpoint#*://}"
    for bucket in "${BUCKETS[@]}"; do
      mc mb --ignore-existing "addaxrestore/${S3_BUCKET_PREFIX}${bucket}" >/dev/null
      if [[ -d "$src/$bucket" ]]; then
        mc mirror --quiet --overwrite "$src/$bucket" "addaxrestore/${S3_BUCKET_PREFIX}${bucket}"
      fi
    done
  fi
  log "storage restored: $(find "$src" -type f | wc -l | tr -d ' ') files"
}

if [[ "$DO_DB" == 1 ]]; then restore_database; fi
if [[ "$DO_STORAGE" == 1 ]]; then restore_storage; fi

if [[ "$MODE" == compose ]]; then
  log "starting ${APP_SERVICES[*]}"
  "${COMPOSE[@]}" start "${APP_SERVICES[@]}" >/dev/null
  trap - EXIT
fi
if [[ -f "$BACKUP/env" && -f "$ENV_FILE" ]] && ! cmp -s "$BACKUP/env" "$ENV_FILE"; then
  log "note: $ENV_FILE differs from the backup's copy ($BACKUP/env); check the secrets match"
fi
log "done"
