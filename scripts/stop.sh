#!/usr/bin/env bash
# make stop: stop what scripts/run.sh started (pid files in var/run), web
# server first and database last. Safe to run when nothing is running, and
# only ever signals the processes recorded in var/run.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ROOT="$CADRE_ROOT"
VAR="$ROOT/var"
RUN="$VAR/run"
quiet="${CADRE_STOP_QUIET:-0}"
say() { [[ "$quiet" == 1 ]] || log "$@"; }

[[ -d "$RUN" ]] || exit 0

# A run.sh still waiting in its terminal does the orderly stop itself (its
# trap calls this script with CADRE_STOP_FROM_RUN=1); let it.
if [[ -z "${CADRE_STOP_FROM_RUN:-}" ]]; then
  run_pid="$(read_pid "$RUN/run.pid")"
  if [[ -n "$run_pid" ]] && pid_matches "$run_pid" run.sh; then
    say "asking scripts/run.sh (pid $run_pid) to stop"
    kill -TERM "$run_pid" 2>/dev/null || true
    for ((i = 0; i < 1200; i++)); do
      pid_alive "$run_pid" || break
      sleep 0.1
    done
  fi
fi

# Serialise with a concurrent stop (run.sh's trap and make stop).
exec 9>"$RUN/stop.lock"
flock 9

drain="$(awk -F= '/^[ \t]*drain_seconds[ \t]*=/ { gsub(/[ \t]/, "", $2); print $2 }' \
  "$VAR/cadre.conf" 2>/dev/null | tail -n 1)"
[[ "$drain" =~ ^[0-9]+$ ]] || drain=20

stop_one() { # stop_one NAME WORD SIGNAL TIMEOUT
  local name="$1" word="$2" sig="$3" timeout="$4" pid
  pid="$(read_pid "$RUN/$name.pid")"
  if [[ -n "$pid" ]] && pid_matches "$pid" "$word"; then
    say "stopping $name (pid $pid)"
    stop_pid "$pid" "$word" "$sig" "$timeout" || log "could not stop $name (pid $pid)"
  fi
  rm -f "$RUN/$name.pid"
}

# nginx: QUIT = finish the requests in flight, then exit.
stop_one nginx nginx QUIT 15
stop_one outbox cadre-admin TERM 30
# host: TERM drains the workers for up to drain_seconds.
stop_one host cadre.fcgi TERM "$((drain + 10))"
stop_one smtp aiosmtpd TERM 10

if [[ -d "$VAR/db/data" ]] && "$ROOT/scripts/db.sh" status "$VAR/db" >/dev/null 2>&1; then
  say "stopping the database"
  "$ROOT/scripts/db.sh" stop "$VAR/db"
fi
rm -f "$RUN/cadre.sock"
say "stopped"
