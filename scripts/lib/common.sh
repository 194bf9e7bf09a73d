# shellcheck shell=bash
# Helpers shared by the scripts in scripts/ and bench/. Source it; it does not
# change shell options of its own.

# Project root: the directory holding scripts/.
CADRE_ROOT="${CADRE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export CADRE_ROOT

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pid_alive PID: true when PID is a live process (zombies count as dead).
pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
  [[ "$state" != "Z" ]]
}

# pid_matches PID WORD: PID is alive and its command line mentions WORD, so a
# recycled pid from a stale pid file is never signalled.
pid_matches() {
  local pid="$1" word="$2"
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$word"
}

# read_pid FILE: prints the pid stored in FILE (empty when missing/garbage).
read_pid() {
  local f="$1" pid=""
  if [[ -r "$f" ]]; then read -r pid <"$f" || true; fi
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

# stop_pid PID WORD SIGNAL TIMEOUT: send SIGNAL to PID (only if it still is
# the process we started, see pid_matches), wait up to TIMEOUT seconds, then
# SIGKILL. Returns 0 once the process is gone.
stop_pid() {
  local pid="$1" word="$2" sig="${3:-TERM}" timeout="${4:-20}" i
  [[ -n "$pid" ]] || return 0
  pid_matches "$pid" "$word" || return 0
  kill -s "$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  log "$word (pid $pid) did not stop within ${timeout}s after SIG$sig; killing it"
  kill -s KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  return 1
}

# wait_for_socket PATH TIMEOUT [PID]: wait until PATH is a unix socket that
# accepts connections; fail early when PID (the server) dies.
wait_for_socket() {
  local path="$1" timeout="${2:-30}" pid="${3:-}" i
  for ((i = 0; i < timeout * 10; i++)); do
    if [[ -S "$path" ]] && socket_answers "$path"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

# socket_answers PATH: a connect() to the unix socket succeeds.
socket_answers() {
  /usr/bin/python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(1)
s.connect(sys.argv[1])
PY
}

# port_free PORT: nothing listens on 127.0.0.1:PORT.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_for_http URL TIMEOUT [PID]: wait until URL answers any HTTP status.
wait_for_http() {
  local url="$1" timeout="${2:-30}" pid="${3:-}" i
  for ((i = 0; i < timeout * 10; i++)); do
    if curl -s -o /dev/null --max-time 2 "$url"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}
