# Shared by scripts/backup.sh and scripts/restore.sh (sourced after their option parsing, with
# ROOT, ENV_FILE, MODE and die() set): settings lookup, paths, and local-vs-compose mode.
# shellcheck shell=bash

# The object buckets (addax_common.storage.BUCKETS).
BUCKETS=(raw-images crops thumbnails models quarantine)

# --- Settings: environment first, then the env file (never `source`d: values are literal) ------
env_get() {
  local name="$1" default="${2-}" line value
  if [[ -n "${!name-}" ]]; then
    printf '%s' "${!name}"
    return
  fi
  if [[ -f "$ENV_FILE" ]]; then
    line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${name}=" "$ENV_FILE" | tail -n 1 || true)"
    if [[ -n "$line" ]]; then
      value="${line#*=}"
      value="${value%$'\r'}"
      if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
        value="${BASH_REMATCH[1]}"
      fi
      printf '%s' "$value"
      return
    fi
  fi
  printf '%s' "$default"
}

abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$ROOT" "$1" ;; esac; }

# SQLAlchemy URL (postgresql+psycopg2://...) -> libpq URL (postgresql://...).
libpq_url() { printf '%s' "$1" | sed -E 's#^postgres(ql)?(\+[a-z0-9_]+)?://#postgresql://#'; }

compose_cmd() {
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    return 1
  fi
  COMPOSE+=(--env-file "$ENV_FILE" -f "$ROOT/docker-compose.yml")
}

if [[ "$MODE" == auto ]]; then
  MODE=local
  if command -v docker >/dev/null 2>&1 && compose_cmd && [[ -n "$("${COMPOSE[@]}" ps -q postgres 2>/dev/null || true)" ]]; then
    MODE=compose
  fi
fi
[[ "$MODE" == local || "$MODE" == compose ]] || die "--mode must be auto, local or compose"
if [[ "$MODE" == compose ]]; then
  compose_cmd || die "docker compose is not available"
fi

