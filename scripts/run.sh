#!/usr/bin/env bash
# make run: the whole suite on this machine, with demo data, in var/.
#
#   var/db      private MariaDB (scripts/db.sh)      var/log   every log
#   var/run     sockets, pid files, rendered nginx   var/files uploads
#   var/cadre.conf  generated from conf/cadre.conf.example on every start
#
# Starts MariaDB, migrates, loads the demo data, starts the host, the outbox
# loop, a local mail sink (mail lands in var/log/mail.log) and nginx on
# http://127.0.0.1:${CADRE_PORT:-8080}/, prints the demo logins and waits.
# Ctrl-C here or `make stop` elsewhere stops everything it started; the data
# stays for the next run. CADRE_PLUGINS="core course" loads only those
# plugins (default: [plugins] enabled of the example).
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ROOT="$CADRE_ROOT"
cd "$ROOT"

B="${B:-build}"
[[ "$B" == /* ]] || B="$ROOT/$B"
PORT="${CADRE_PORT:-8080}"
SMTP_PORT="${CADRE_SMTP_PORT:-2525}"
VAR="$ROOT/var"
RUN="$VAR/run"
LOGD="$VAR/log"
CONF="$VAR/cadre.conf"

FCGI="$B/cadre.fcgi"
ADMIN="$B/cadre-admin"
for bin in "$FCGI" "$ADMIN"; do
  [[ -x "$bin" ]] || die "$bin does not exist: build the host first (make all)"
done
[[ -d "$B/plugins" ]] || die "$B/plugins does not exist: build the plugins first (make all)"
command -v nginx >/dev/null || die "nginx is not installed (scripts/deps.sh run)"

old="$(read_pid "$RUN/run.pid")"
if [[ -n "$old" ]] && pid_matches "$old" run.sh; then
  die "already running (pid $old); stop it with: make stop"
fi
# Leftovers of a run that was killed hard: stop them before starting anew.
CADRE_STOP_QUIET=1 "$ROOT/scripts/stop.sh"

mkdir -p "$VAR/db" "$RUN" "$LOGD" "$VAR/files"
# The web server's workers (www-data) must reach the host's socket.
chmod 755 "$VAR" "$RUN"
echo $$ >"$RUN/run.pid"

stopping=0
stop_all() {
  ((stopping)) && return 0
  stopping=1
  log "stopping…"
  CADRE_STOP_FROM_RUN=1 "$ROOT/scripts/stop.sh" || true
  rm -f "$RUN/run.pid"
}
on_signal() {
  stop_all
  exit 130
}
trap on_signal INT TERM HUP
trap stop_all EXIT

port_free "$PORT" || die "127.0.0.1:$PORT is in use (set CADRE_PORT=… to use another port)"

# ---- database ------------------------------------------------------------
log "database: var/db"
"$ROOT/scripts/db.sh" init "$VAR/db"

# ---- configuration -------------------------------------------------------
if [[ $EUID -eq 0 ]]; then sock_group=www-data; else sock_group="$(id -gn)"; fi
"$ROOT/scripts/mkconf.sh" "$CONF" \
  "server.root=$ROOT" \
  "server.listen=$RUN/cadre.sock" \
  "server.pidfile=$RUN/cadre.pid" \
  "server.socket_group=$sock_group" \
  "server.allowed_origins=http://127.0.0.1:$PORT http://localhost:$PORT" \
  "database.socket=$VAR/db/mysqld.sock" \
  "database.password=$(cat "$VAR/db/cadre.secret")" \
  "plugins.dir=$B/plugins" \
  "files.dir=$VAR/files" \
  "outbox.smtp_url=smtp://127.0.0.1:$SMTP_PORT" \
  ${CADRE_PLUGINS:+"plugins.enabled=$CADRE_PLUGINS"}
# quiet_run LOG CMD...: output to LOG, shown only when the command fails
quiet_run() {
  local logf="$1"
  shift
  if ! "$@" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "$(basename "$1") ${*:2} failed (log: ${logf#"$ROOT"/})"
  fi
}
quiet_run "$LOGD/check-config.log" "$FCGI" -c "$CONF" --check-config

log "migrations (log: var/log/migrate.log)"
quiet_run "$LOGD/migrate.log" "$ADMIN" -c "$CONF" migrate
log "demo data (log: var/log/demo.log)"
if ! "$ADMIN" -c "$CONF" demo >"$VAR/demo-logins.txt" 2>"$LOGD/demo.log"; then
  tail -n 40 "$LOGD/demo.log" >&2
  die "cadre-admin demo failed (log: var/log/demo.log)"
fi

# ---- processes -----------------------------------------------------------
# Each runs in its own session (setsid): Ctrl-C reaches only this script,
# which then stops them in order (web server first, database last).
start_bg() { # start_bg NAME LOGFILE CMD...: background, pid in var/run/NAME.pid
  local name="$1" logf="$2"
  shift 2
  setsid "$@" </dev/null >>"$logf" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

rm -f "$RUN/cadre.sock"
log "host: $FCGI (log: var/log/cadre.log)"
start_bg host "$LOGD/cadre.log" "$FCGI" -c "$CONF"
if ! wait_for_socket "$RUN/cadre.sock" 60 "$(read_pid "$RUN/host.pid")"; then
  tail -n 30 "$LOGD/cadre.log" >&2 || true
  die "the host did not open $RUN/cadre.sock (log above: var/log/cadre.log)"
fi

mail_note="no local mail sink (python3-aiosmtpd missing or port $SMTP_PORT busy): the outbox retries"
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null && port_free "$SMTP_PORT"; then
  start_bg smtp "$LOGD/mail.log" /usr/bin/python3 -u -m aiosmtpd -n \
    -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Debugging
  mail_note="mail sent by the outbox: var/log/mail.log"
fi

log "outbox loop (log: var/log/outbox.log)"
start_bg outbox "$LOGD/outbox.log" "$ADMIN" -c "$CONF" outbox run --loop

"$ROOT/scripts/webconf.sh" nginx "$RUN/nginx" \
  "LISTEN=127.0.0.1:$PORT" "SOCKET=$RUN/cadre.sock" "HTDOCS=$ROOT/htdocs" \
  "RUN_DIR=$RUN/nginx" "LOG_DIR=$LOGD" >/dev/null
nginx -q -t -e "$LOGD/nginx-error.log" -c "$RUN/nginx/nginx.conf" ||
  die "nginx rejects $RUN/nginx/nginx.conf"
log "nginx on 127.0.0.1:$PORT (logs: var/log/nginx-*.log)"
start_bg nginx "$LOGD/nginx-error.log" nginx -e "$LOGD/nginx-error.log" -c "$RUN/nginx/nginx.conf"

URL="http://127.0.0.1:$PORT/"
if ! wait_for_http "${URL}api/core/health" 30 "$(read_pid "$RUN/nginx.pid")"; then
  die "nginx did not answer on $URL (log: var/log/nginx-error.log)"
fi
health="$(curl -s --max-time 5 "${URL}api/core/health" || true)"

cat <<EOF

  Cadre Suite is running: $URL
  health: $health
  $mail_note
  logs: var/log/   config: var/cadre.conf   data: var/db (kept between runs)

  Demo logins:
EOF
awk -F '\t' 'NF >= 2 { printf "    %-20s %-14s %-28s %s\n", $1, $2, $3, $4 }' "$VAR/demo-logins.txt"
cat <<EOF

  Ctrl-C (or make stop) stops everything.

EOF

# Wait for Ctrl-C / make stop (trap) or for a component to die.
names=(host outbox nginx)
[[ -f "$RUN/smtp.pid" ]] && names+=(smtp)
while true; do
  wait -n || true
  for n in "${names[@]}"; do
    pid="$(read_pid "$RUN/$n.pid")"
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      log "$n (pid $pid) exited; stopping the rest"
      case "$n" in
        host) tail -n 20 "$LOGD/cadre.log" >&2 || true ;;
        outbox) tail -n 20 "$LOGD/outbox.log" >&2 || true ;;
        nginx) tail -n 20 "$LOGD/nginx-error.log" >&2 || true ;;
      esac
      exit 1
    fi
  done
done
