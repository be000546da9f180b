#!/bin/sh
# Render the Alertmanager config template, then exec the given command (Alertmanager).
#   ALERTMANAGER_TEMPLATE  template path (default /etc/alertmanager/alertmanager.yml)
#   ALERTMANAGER_CONFIG    output path   (default /tmp/alertmanager.yml)
# Every ${ALERT_*} placeholder is replaced by that environment variable's value, literally (no
# shell or sed interpretation, so passwords may hold any character except a single quote, which
# would end the YAML string). An unset or empty variable is an error (Alertmanager would
# otherwise start with a broken receiver), except ALERT_SMTP_USERNAME and ALERT_SMTP_PASSWORD:
# empty means a relay without authentication. Busybox sh + awk only (prom/alertmanager image).
set -eu

template="${ALERTMANAGER_TEMPLATE:-/etc/alertmanager/alertmanager.yml}"
output="${ALERTMANAGER_CONFIG:-/tmp/alertmanager.yml}"

awk '
{
    line = $0
    out = ""
    while (match(line, /\$\{ALERT_[A-Z0-9_]+\}/)) {
        name = substr(line, RSTART + 2, RLENGTH - 3)
        optional = (name == "ALERT_SMTP_USERNAME" || name == "ALERT_SMTP_PASSWORD")
        if (!optional && ENVIRON[name] == "" && !(name in reported)) {
            reported[name] = 1
            printf "alertmanager-render: %s is not set (see .env.example)\n", name > "/dev/stderr"
            failed = 1
        }
        value = ENVIRON[name]
        if (index(value, "\047") > 0) {
            printf "alertmanager-render: %s must not contain a single quote\n", name > "/dev/stderr"
            failed = 1
        }
        out = out substr(line, 1, RSTART - 1) value
        line = substr(line, RSTART + RLENGTH)
    }
    print out line
}
END { exit failed }
' "$template" >"$output"

echo "alertmanager-render: wrote $output" >&2
if [ "$#" -gt 0 ]; then
    exec "$@"
fi
