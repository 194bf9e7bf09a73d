#!/usr/bin/env bash
# Browser tests: scripts/test-e2e.sh BUILD [node --test args...]
# Starts the same private stack as the integration tests (harness.py serve:
# MariaDB, host, outbox loop, nginx, Apache), runs tests/e2e/**/*.spec.mjs with
# node's test runner in Debian's chromium, and stops the stack. Screenshots:
# build/test-output/e2e/; stack logs: build/test-output/integration-*/logs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:?usage: $0 BUILD [node --test args...]}"
shift
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
export CADRE_BUILD="$BUILD"
cd "$ROOT"

E2E="$ROOT/tests/e2e"
OUT="$ROOT/build/test-output/e2e"
mkdir -p "$OUT"
rm -f "$OUT"/*.png

mapfile -t specs < <(find "$E2E" -path "$E2E/node_modules" -prune -o -name '*.spec.mjs' -print | sort)
if ((${#specs[@]} == 0)); then
  echo "e2e: no tests/e2e/**/*.spec.mjs" >&2
  exit 1
fi
if [[ ! -d "$E2E/node_modules/playwright-core" ]]; then
  echo "e2e: tests/e2e/node_modules is missing; installing (scripts/deps.sh test does this too)" >&2
  (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || { echo "e2e: $CHROMIUM not found (scripts/deps.sh test)" >&2; exit 1; }
export CHROMIUM

state="$OUT/stack.json"
rm -f "$state"
/usr/bin/python3 "$ROOT/tests/integration/harness.py" serve --state-file "$state" --outbox \
  >"$OUT/stack.log" 2>&1 &
harness_pid=$!
# shellcheck disable=SC2317  # called from the EXIT trap
stop_stack() {
  if kill -0 "$harness_pid" 2>/dev/null; then
    kill -TERM "$harness_pid" 2>/dev/null || true
    wait "$harness_pid" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

for ((i = 0; i < 1800; i++)); do
  [[ -s "$state" ]] && break
  if ! kill -0 "$harness_pid" 2>/dev/null; then
    echo "e2e: the stack did not start:" >&2
    tail -n 40 "$OUT/stack.log" >&2
    exit 1
  fi
  sleep 0.1
done
[[ -s "$state" ]] || { echo "e2e: the stack did not start in 180s" >&2; tail -n 40 "$OUT/stack.log" >&2; exit 1; }

export CADRE_STACK_FILE="$state" CADRE_E2E_OUT="$OUT"
rc=0
# one spec at a time: specs change shared state (module switches, passwords)
node --test --test-concurrency=1 "$@" "${specs[@]}" || rc=$?
echo "screenshots: $OUT" >&2
exit "$rc"
