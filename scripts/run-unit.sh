#!/usr/bin/env bash
# Run cmocka test binaries and sum up: scripts/run-unit.sh BIN...
# Prints each binary's output, then "unit: N passed, M failed" (tests, as
# counted by cmocka; a binary that dies before its summary counts as one
# failure). Exits non-zero when anything failed.
set -euo pipefail

TIMEOUT="${CADRE_UNIT_TIMEOUT:-300}"
passed=0
failed=0
broken=()

if [[ $# -eq 0 ]]; then
  echo "run-unit: no test binaries given" >&2
  echo "unit: 0 passed, 0 failed"
  exit 0
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for bin in "$@"; do
  echo "== $bin"
  rc=0
  timeout --kill-after=10 "$TIMEOUT" "$bin" >"$out" 2>&1 || rc=$?
  cat "$out"
  p="$(sed -n 's/^\[  PASSED  \] \([0-9]\+\) test.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')"
  f="$(sed -n 's/^\[  FAILED  \] \([0-9]\+\) test.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')"
  if ((rc != 0 && f == 0)); then
    # crashed, sanitizer report, timeout (124) or no cmocka summary
    f=1
    echo "!! $bin exited with status $rc"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  ((f == 0)) || broken+=("$bin")
done

if ((${#broken[@]})); then
  echo
  echo "failing binaries:"
  printf '  %s\n' "${broken[@]}"
fi
echo "unit: $passed passed, $failed failed"
((failed == 0))
