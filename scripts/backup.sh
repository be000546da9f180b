#!/usr/bin/env bash
# Back up AddaxAI Connect: the PostgreSQL database (pg_dump, custom format) and every storage
# bucket (raw-images, crops, thumbnails, models, quarantine), plus a copy of .env.
#
#   scripts/backup.sh                      # full backup, mode detected (compose if it runs)
#   scripts/backup.sh --db-only            # database only (the hourly cron job)
#   scripts/backup.sh --mode local         # local mode: DATABASE_URL + STORAGE_DIR / S3 on the host
#   scripts/backup.sh --mode compose       # the docker compose stack (pg_dump and mc in containers)
#
# Options: --mode auto|local|compose, --db-only, --storage-only, --env-file FILE (default .env),
#          --dest DIR (default BACKUP_DIR), --no-rotate.
# Settings come from the environment first, then from the env file: DATABASE_URL,
# STORAGE_BACKEND, STORAGE_DIR, S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET_PREFIX,
# MINIO_ROOT_USER/PASSWORD (compose), BACKUP_DIR (./backups), BACKUP_RETENTION_DAYS (30),
# BACKUP_REMOTE (optional `mc` target for an off-site copy: REMOTE/db/<timestamp>/ + REMOTE/storage/).
#
# Layout: BACKUP_DIR/<UTC timestamp>/{database.dump, storage/<bucket>/..., env, manifest.txt}.
# A backup is written under .partial-<timestamp> and renamed when complete, so every dated folder
# is a whole backup. Storage snapshots are hard-linked to the previous one (rsync --link-dest):
# each folder is a full copy, but unchanged files take no extra space. The database is dumped
# before the buckets, so every object a dumped row refers to is in the same backup.
# Restore with scripts/restore.sh. See docs/disaster-recovery.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

MODE=auto
WHAT=all
ENV_FILE=""
DEST=""
ROTATE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mode) MODE="${2:?--mode needs a value}"; shift 2 ;;
    --mode=*) MODE="${1#*=}"; shift ;;
    --db-only) WHAT=db; shift ;;
    --storage-only) WHAT=storage; shift ;;
    --env-file) ENV_FILE="${2:?--env-file needs a value}"; shift 2 ;;
    --env-file=*) ENV_FILE="${1#*=}"; shift ;;
    --dest) DEST="${2:?--dest needs a value}"; shift 2 ;;
    --dest=*) DEST="${1#*=}"; shift ;;
    --no-rotate) ROTATE=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
cd "$ROOT"
ENV_FILE="${ENV_FILE:-$ROOT/.env}"

source "$ROOT/scripts/lib/backup-common.sh"

BACKUP_DIR="$(abspath "${DEST:-$(env_get BACKUP_DIR ./backups)}")"
RETENTION_DAYS="$(env_get BACKUP_RETENTION_DAYS 30)"
BACKUP_REMOTE="$(env_get BACKUP_REMOTE "")"
STORAGE_BACKEND="$(env_get STORAGE_BACKEND directory)"
[[ "$MODE" == compose ]] && STORAGE_BACKEND=s3
S3_BUCKET_PREFIX="$(env_get S3_BUCKET_PREFIX "")"
[[ "$RETENTION_DAYS" =~ ^[0-9]+$ ]] || die "BACKUP_RETENTION_DAYS must be a number of days"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR" 2>/dev/null || true
WORK="$BACKUP_DIR/.partial-$STAMP"
FINAL="$BACKUP_DIR/$STAMP"
[[ ! -e "$FINAL" ]] || die "$FINAL already exists"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
log "mode=$MODE storage=$STORAGE_BACKEND what=$WHAT -> $FINAL"

# Newest complete backup that has a storage snapshot (for hard links).
previous_storage() {
  local dir
  while IFS= read -r dir; do
    if [[ -d "$dir/storage" ]]; then
      printf '%s' "$dir/storage"
      return
    fi
  done < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort -r)
}

# Copy SRC/ to DST/ as a snapshot hard-linked against the previous one.
snapshot() {
  local src="$1" dst="$2" prev
  prev="$(previous_storage)"
  mkdir -p "$dst"
  if command -v rsync >/dev/null 2>&1; then
    if [[ -n "$prev" ]]; then
      rsync -a --exclude '.tmp-*' --link-dest="$prev" "$src/" "$dst/"
    else
      rsync -a --exclude '.tmp-*' "$src/" "$dst/"
    fi
  else
    cp -a "$src/." "$dst/"
  fi
}

# --- Database ------------------------------------------------------------------------------------
backup_database() {
  local out="$WORK/database.dump"
  if [[ "$MODE" == compose ]]; then
    "${COMPOSE[@]}" exec -T postgres pg_dump -U addax -d addax --format=custom --no-owner --no-privileges >"$out"
  else
    command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found (apt-get install postgresql-client)"
    local url
    url="$(libpq_url "$(env_get DATABASE_URL postgresql://postgres@127.0.0.1:5432/addax)")"
    pg_dump --format=custom --no-owner --no-privileges --dbname="$url" --file="$out"
  fi
  # A dump that pg_restore cannot list is no backup (checked with the server's own version).
  if [[ "$MODE" == compose ]]; then
    "${COMPOSE[@]}" exec -T postgres pg_restore --list <"$out" >/dev/null || die "the database dump is unreadable"
  else
    pg_restore --list "$out" >/dev/null || die "the database dump is unreadable"
  fi
  log "database: $(du -h "$out" | cut -f1)"
}

# --- Storage -------------------------------------------------------------------------------------
backup_storage() {
  local dst="$WORK/storage"
  if [[ "$STORAGE_BACKEND" == directory ]]; then
    local src
    src="$(abspath "$(env_get STORAGE_DIR data/storage)")"
    [[ -d "$src" ]] || die "STORAGE_DIR $src does not exist"
    snapshot "$src" "$dst"
  else
    # Buckets are mirrored (incrementally) into .s3-mirror, then snapshotted like a folder.
    local mirror="$BACKUP_DIR/.s3-mirror" bucket
    mkdir -p "$mirror"
    if [[ "$MODE" == compose ]]; then
      # mc inside the minio-init image, on the compose network, with the root credentials.
      "${COMPOSE[@]}" run --rm --no-deps -T -v "$mirror:/mirror" --entrypoint /bin/sh minio-init -c '
        set -eu
        mc alias set src http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
        for b in '"${BUCKETS[*]}"'; do
          mkdir -p "/mirror/$b"
          mc mirror --quiet --overwrite --remove "src/${S3_BUCKET_PREFIX:-}$b" "/mirror/$b"
        done'
    else
      command -v mc >/dev/null 2>&1 || die "the S3 backend needs the MinIO client 'mc' on this machine"
      local endpoint key secret
      endpoint="$(env_get S3_ENDPOINT_URL https://s3.amazonaws.com)"
      key="$(env_get S3_ACCESS_KEY "")"
      secret="$(env_get S3_SECRET_KEY "")"
      export MC_HOST_addaxbackup="${endpoint%%://*}://${key}:${secret}@${endpoint#*://}"
      for bucket in "${BUCKETS[@]}"; do
        mkdir -p "$mirror/$bucket"
        mc mirror --quiet --overwrite --remove "addaxbackup/${S3_BUCKET_PREFIX}${bucket}" "$mirror/$bucket"
      done
    fi
    snapshot "$mirror" "$dst"
  fi
  log "storage: $(find "$dst" -type f | wc -l | tr -d ' ') files"
}

if [[ "$WHAT" != storage ]]; then backup_database; fi
if [[ "$WHAT" != db ]]; then backup_storage; fi

if [[ -f "$ENV_FILE" ]]; then
  install -m 600 "$ENV_FILE" "$WORK/env"
fi
{
  echo "created_utc=$STAMP"
  echo "mode=$MODE"
  echo "storage_backend=$STORAGE_BACKEND"
  echo "contents=$WHAT"
  echo "s3_bucket_prefix=$S3_BUCKET_PREFIX"
  echo "git_commit=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  if [[ -f "$WORK/database.dump" ]]; then
    echo "database_sha256=$(sha256sum "$WORK/database.dump" | cut -d' ' -f1)"
  fi
  if [[ -d "$WORK/storage" ]]; then
    echo "storage_files=$(find "$WORK/storage" -type f | wc -l | tr -d ' ')"
  fi
} >"$WORK/manifest.txt"

mv "$WORK" "$FINAL"
trap - EXIT
log "complete: $FINAL"

# --- Rotation: keep RETENTION_DAYS days, never the newest backup -------------------------------
if [[ "$ROTATE" == 1 ]]; then
  find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '.partial-*' -mtime +1 -exec rm -rf {} +
  while IFS= read -r old; do
    [[ "$old" == "$FINAL" ]] && continue
    log "rotating out $(basename "$old")"
    rm -rf "$old"
  done < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*Z' -mtime +"$RETENTION_DAYS" | sort)
fi

# --- Off-site copy -------------------------------------------------------------------------------
# REMOTE/db/<timestamp>/ gets this backup's dump, env and manifest (rotated like the local ones);
# REMOTE/storage/ is one incremental mirror of the buckets (objects are never rewritten in place).
# The env file holds every secret: the remote bucket must be private (and ideally encrypted).
if [[ -n "$BACKUP_REMOTE" ]]; then
  command -v mc >/dev/null 2>&1 || die "BACKUP_REMOTE is set but the MinIO client 'mc' is not installed"
  for f in database.dump env manifest.txt; do
    if [[ -f "$FINAL/$f" ]]; then
      mc cp --quiet "$FINAL/$f" "$BACKUP_REMOTE/db/$STAMP/$f"
    fi
  done
  if [[ -d "$FINAL/storage" ]]; then
    mc mirror --quiet --overwrite "$FINAL/storage" "$BACKUP_REMOTE/storage"
  fi
  if [[ "$ROTATE" == 1 ]]; then
    mc rm --quiet --recursive --force --older-than "${RETENTION_DAYS}d" "$BACKUP_REMOTE/db/" || true
  fi
  log "copied to $BACKUP_REMOTE"
fi
