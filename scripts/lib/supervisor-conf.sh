# The supervisord configuration of scripts/start.sh: every service as its own program, several
# processes per model stage. Sourced by start.sh; tests/deploy/test_scripts.py runs it on its own.
#   write_supervisor_conf ROOT FOREGROUND(0|1) > supervisord.conf
# Run it from the repository root: it asks Settings (through .venv, reading .env) how many workers.
write_supervisor_conf() {
  local ROOT=$1 FOREGROUND=$2 detection_n classification_n svc i name env
  cat <<CONF
[supervisord]
logfile=$ROOT/data/logs/supervisord.log
pidfile=$ROOT/data/run/supervisord.pid
childlogdir=$ROOT/data/logs
nodaemon=$([ "$FOREGROUND" = 1 ] && echo true || echo false)

[unix_http_server]
file=$ROOT/data/run/supervisor.sock

[supervisorctl]
serverurl=unix://$ROOT/data/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
CONF
  # Several processes per model stage (DETECTION_WORKERS, CLASSIFICATION_WORKERS; Settings.worker_processes):
  # the first keeps the plain name and the default metrics port, the others are <stage>-2, -3, ...
  # on port + 100, + 200, ... (detection 9102, 9202, ...).
  read -r detection_n classification_n < <(.venv/bin/python -c \
    'from addax_common.settings import get_settings as g; s = g(); print(s.worker_processes("detection"), s.worker_processes("classification"))')
  local -A processes=([detection]=$detection_n [classification]=$classification_n) ports=([detection]=9102 [classification]=9103)
  for svc in ingestion detection classification alerts api; do
    [ -d "services/$svc/addax_$svc" ] || continue
    for i in $(seq 1 "${processes[$svc]:-1}"); do
      name=$svc; env='PYTHONUNBUFFERED="1"'
      if [ "$i" -gt 1 ]; then name=$svc-$i; env="$env,METRICS_PORT=\"$(( ${ports[$svc]} + 100 * (i - 1) ))\""; fi
      cat <<CONF

[program:$name]
command=$ROOT/.venv/bin/python -m addax_$svc
directory=$ROOT
autorestart=true
startsecs=3
startretries=10
stopwaitsecs=20
stopsignal=TERM
stdout_logfile=$ROOT/data/logs/$name.log
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=5
redirect_stderr=true
environment=$env
CONF
    done
  done
}
