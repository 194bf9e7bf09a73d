#!/usr/bin/env bash
# Install the Debian packages Cadre Suite needs for one purpose:
#
#   scripts/deps.sh run     build the host and run it (make run)
#   scripts/deps.sh test    + what the test suites need (make check)
#   scripts/deps.sh bench   + the baselines of make bench
#
# Checks with dpkg-query first and does nothing when everything is there
# (apt-get update only runs when something is missing). System services that
# the packages ship (mariadb, nginx, apache2, php-fpm) are never started: our
# scripts run private instances, so a temporary policy-rc.d forbids
# invoke-rc.d/deb-systemd-invoke from starting them during the install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

purpose="${1:-}"
case "$purpose" in
  run | test | bench) ;;
  *)
    echo "usage: $0 run|test|bench" >&2
    exit 2
    ;;
esac

# One entry per requirement; "a|b|c" is satisfied by any of them and installs
# the first when none is there.
RUN_PKGS=(
  build-essential pkg-config
  libfcgi-dev libmariadb-dev libjansson-dev libcurl4-openssl-dev
  libsodium-dev libinih-dev libxlsxwriter-dev libhpdf-dev fonts-lato
  mariadb-server mariadb-client
  "nginx-light|nginx|nginx-core|nginx-full|nginx-extras"
  curl python3 python3-aiosmtpd ca-certificates
)
TEST_PKGS=(
  apache2 libfcgi-bin libcmocka-dev
  python3-pytest python3-requests python3-aiosmtpd python3-pymysql
  chromium fonts-dejavu-core poppler-utils clang-format
)
BENCH_PKGS=(php-fpm php-mysql php-mbstring wrk)

wanted=("${RUN_PKGS[@]}")
[[ "$purpose" == test ]] && wanted+=("${TEST_PKGS[@]}")
[[ "$purpose" == bench ]] && wanted+=("${BENCH_PKGS[@]}")

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == installed ]]
}

missing=()
for req in "${wanted[@]}"; do
  IFS='|' read -r -a alts <<<"$req"
  ok=0
  for p in "${alts[@]}"; do
    if installed "$p"; then ok=1; break; fi
  done
  ((ok)) || missing+=("${alts[0]}")
done

# Node.js and npm for the browser tests: the node on PATH (playwright-core
# wants >= 20; the machine image carries one); Debian's packages otherwise.
if [[ "$purpose" == test ]]; then
  if ! command -v node >/dev/null 2>&1; then
    missing+=(nodejs)
  fi
  if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
  fi
fi

if ((${#missing[@]})); then
  if [[ $EUID -ne 0 ]]; then
    echo "missing packages: ${missing[*]}" >&2
    echo "run as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  # Forbid service starts during the install unless the machine already has
  # a policy (containers usually do); remove ours afterwards.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# temporary, from cadre scripts/deps.sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  cleanup_policy() { if ((own_policy)); then rm -f "$policy"; fi; }
  trap cleanup_policy EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  cleanup_policy
  own_policy=0
  trap - EXIT
else
  echo "deps ($purpose): all Debian packages present" >&2
fi

if [[ "$purpose" == test ]]; then
  e2e="$ROOT/tests/e2e"
  if [[ -f "$e2e/package.json" && ! -d "$e2e/node_modules" ]]; then
    echo "installing the browser-test packages in tests/e2e" >&2
    # playwright-core never downloads a browser; Debian's chromium is used.
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [[ -f "$e2e/package-lock.json" ]]; then
      (cd "$e2e" && npm ci --no-audit --no-fund)
    else
      (cd "$e2e" && npm install --no-audit --no-fund)
    fi
  fi
fi
