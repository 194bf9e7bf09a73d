#!/usr/bin/env bash
# Integration tests against the real stack built in BUILD:
#   scripts/test-integration.sh build         (or build/asan)
# The fixtures in tests/integration/ start a private MariaDB, the host, nginx
# and Apache; results: build/test-output/integration-<build>.xml, logs under
# build/test-output/integration-*/logs. Extra arguments go to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:?usage: $0 BUILD [pytest args...]}"
shift
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
export CADRE_BUILD="$BUILD"

out="$ROOT/build/test-output"
mkdir -p "$out"
tag="$(basename "$BUILD")"
# Keep the newest runs' logs; older ones go, unless something in them
# changed in the last 3 hours (another run may be using it right now).
find "$out" -maxdepth 1 -name 'integration-*' -type d -printf '%T@ %p\n' 2>/dev/null |
  sort -rn | tail -n +6 | cut -d' ' -f2- |
  while read -r old; do
    if [[ -z "$(find "$old" -newermt '-180 minutes' -print -quit 2>/dev/null)" ]]; then
      rm -rf "$old"
    fi
  done

cd "$ROOT"
# Debian's interpreter: the first python3 on PATH may be another one without
# the Debian packages (pytest, requests, pymysql, aiosmtpd).
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider \
  --junitxml="$out/integration-$tag.xml" tests/integration "$@"
