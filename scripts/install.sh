#!/usr/bin/env bash
# Installs everything AddaxAI Connect needs on a Debian machine, idempotently:
# Debian packages (PostGIS, Redis; with --for-tests also Chromium and the config checkers), one
# Python venv with every package of the repo (editable) and the frontend's npm packages.
# start.sh calls it plainly, test.sh with --for-tests; it is quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
FOR_TESTS=0
[ "${1:-}" = "--for-tests" ] && FOR_TESTS=1
log() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- Debian packages -------------------------------------------------------------------------------
if command -v apt-get >/dev/null 2>&1; then
  pg_major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  pkgs=(redis-server)
  # Only the tests need a browser and the config checkers (compose, promtool, amtool, nginx -t and a
  # real nginx for the site checks, ansible-playbook --syntax-check, ansible-lint, kubectl kustomize);
  # curl and lftp are real FTP clients for the ingestion tests (plain FTP, explicit and implicit FTPS).
  [ "$FOR_TESTS" = 1 ] && pkgs+=(chromium fonts-dejavu-core docker-compose prometheus prometheus-alertmanager
    nginx-light ansible ansible-lint curl lftp kubectl)
  [ -n "$pg_major" ] && pkgs+=("postgresql-${pg_major}-postgis-3") || pkgs+=(postgresql postgresql-postgis)
  apt_install "${pkgs[@]}"
else
  log "not a Debian machine: install PostgreSQL+PostGIS, Redis, Chromium and Node.js yourself"
fi

# --- Python ----------------------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  log "creating the virtual environment .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.addax-installed
inputs=$(cat constraints.txt requirements-dev.txt shared/pyproject.toml services/*/pyproject.toml models/pyproject.toml tools/*/pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$inputs" ]; then
  log "installing Python packages into .venv"
  .venv/bin/pip install -q --upgrade pip >/dev/null
  packages=(-e shared -e models)
  for svc in services/*/; do [ -f "$svc/pyproject.toml" ] && packages+=(-e "$svc"); done
  for tool in tools/*/; do [ -f "$tool/pyproject.toml" ] && packages+=(-e "$tool"); done  # addax-upload
  .venv/bin/pip install -q -c constraints.txt "${packages[@]}" -r requirements-dev.txt
  echo "$inputs" > "$stamp"
fi

# --- Model tooling for the tests ------------------------------------------------------------------
# The layout, parity and benchmark tests of models/ build detectors in PyTorch (CPU build, the optional
# `convert` extra of addax-models). Only the test venv gets it: no service depends on torch.
if [ "$FOR_TESTS" = 1 ]; then
  tstamp=.venv/.addax-convert-installed
  tin=$(sed -n '/optional-dependencies/,/^test/p' models/pyproject.toml | sha256sum | cut -c1-16)
  if [ ! -f "$tstamp" ] || [ "$(cat "$tstamp")" != "$tin" ]; then
    log "installing the model conversion extra (torch, CPU build) for the tests"
    .venv/bin/pip install -q -c constraints.txt -e 'models[convert]'
    echo "$tin" > "$tstamp"
  fi
fi

# --- Frontend --------------------------------------------------------------------------------------
if [ -f services/frontend/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  lock=services/frontend/package-lock.json
  fstamp=services/frontend/node_modules/.addax-installed
  fin=$(cat services/frontend/package.json "$lock" 2>/dev/null | sha256sum | cut -c1-16)
  if [ ! -f "$fstamp" ] || [ "$(cat "$fstamp")" != "$fin" ]; then
    log "installing frontend npm packages"
    (cd services/frontend && { [ -f package-lock.json ] && npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; })
    echo "$fin" > "$fstamp"
  fi
fi
log "install complete ($ROOT)"
