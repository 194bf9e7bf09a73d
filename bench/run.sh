#!/usr/bin/env bash
# make bench: bench/run.sh BUILD
#
# A private stack (fresh MariaDB with durable commits, the host from BUILD,
# PHP-FPM, nginx with the production site rules) on free loopback ports, the
# scenarios below measured with wrk / mariadb-slap, and a Markdown report with
# ratios against baselines measured in the same run: bench/out/<time>/report.md.
# Everything competes for the same 2 cores, so read the ratios, not the
# absolute numbers. Not a test: nothing here passes or fails on a number.
#
# More scenarios: add scenario_<name> functions (here or in
# bench/<module>/scenarios.sh, sourced below) and register them with
# bench_scenario; helpers in bench/lib.sh.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

BUILD="${1:-build}"
[[ "$BUILD" == /* ]] || BUILD="$CADRE_ROOT/$BUILD"
for b in cadre.fcgi cadre-admin; do
  [[ -x "$BUILD/$b" ]] || die "$BUILD/$b does not exist (make all)"
done
for t in wrk mariadb-slap nginx; do
  command -v "$t" >/dev/null || die "$t is not installed (scripts/deps.sh bench)"
done

# ---- scenarios -------------------------------------------------------------

REGISTER_BODY='{"course":1,"phone":"%s"}'

scenario_static() {
  bench_wrk static "nginx static file" GET /bench/static.json 32 512
}
scenario_return200() {
  bench_wrk return200 "nginx return 200" GET /bench/return200 32 512
}
scenario_hello_ours() {
  bench_check GET /api/core/hello 200 || return 0
  bench_wrk hello_ours "Cadre /api/core/hello" GET /api/core/hello 32 512
}
scenario_hello_php() {
  bench_check GET /bench/php/hello.php 200 || return 0
  bench_wrk hello_php "PHP-FPM hello.php" GET /bench/php/hello.php 32 512
}
scenario_hello_php_keep() {
  bench_check GET /bench/php-keep/hello.php 200 || return 0
  bench_wrk hello_php_keep "PHP-FPM hello.php, kept connections" GET /bench/php-keep/hello.php 32 512
}
scenario_register_php() {
  bench_check POST /bench/php/register.php 201 '{"course":2,"phone":"check"}' || return 0
  bench_check POST /bench/php/register.php 409 '{"course":2,"phone":"check"}' || return 0
  WRK_BODY="$REGISTER_BODY" bench_wrk register_php "PHP-FPM register.php (1 INSERT)" POST \
    /bench/php/register.php 64
}
scenario_register_php_keep() {
  WRK_BODY="$REGISTER_BODY" bench_wrk register_php_keep "PHP-FPM register.php (1 INSERT), kept connections" \
    POST /bench/php-keep/register.php 64
}
# The database alone: the same INSERT at the same concurrency.
scenario_register_slap() {
  bench_slap register_slap "mariadb-slap, same INSERT" 64 \
    "INSERT INTO bench_registration (course_id, phone, created_at) VALUES (3, UUID_SHORT(), NOW())"
}

bench_scenario static
bench_scenario return200
bench_scenario hello_ours
bench_scenario hello_php
bench_scenario hello_php_keep
bench_scenario register_php
bench_scenario register_php_keep
bench_scenario register_slap

# Scenarios of the modules (course registration, roster check-in, national
# report …): bench/<module>/scenarios.sh, each registering its functions.
shopt -s nullglob
for f in "$BENCH"/*/scenarios.sh; do
  # shellcheck source=/dev/null
  source "$f"
done
shopt -u nullglob

# ---- run ---------------------------------------------------------------------

BENCH_OUT="$BENCH/out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH_OUT"
: >"$BENCH_OUT/results.tsv"
bench_ratio "Cadre hello / PHP-FPM hello" hello_ours hello_php
bench_ratio "Cadre hello / PHP-FPM hello, kept connections" hello_ours hello_php_keep
bench_ratio "Cadre hello / nginx static file" hello_ours static
bench_ratio "Cadre hello / nginx return 200" hello_ours return200
bench_ratio "PHP-FPM register / mariadb-slap INSERT" register_php register_slap

trap bench_stack_stop EXIT
trap 'exit 130' INT TERM
started=$SECONDS
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_stack_start "$BUILD"

for s in "${BENCH_SCENARIOS[@]}"; do
  bench_wanted "$s" || continue
  "scenario_$s"
done

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_stack_stop
{
  echo "# Cadre Suite benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "- load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end." \
    "Other work on the machine takes CPU from every scenario: on a loaded machine the" \
    "absolute figures are pessimistic, the ratios less so"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
    "everything (wrk, nginx, host, PHP-FPM, MariaDB) shares it: compare ratios"
  echo "- wrk -t$WRK_THREADS --timeout 8s: warm-up ${BENCH_WARMUP}s, then $BENCH_RUNS runs of" \
    "${BENCH_DURATION}s; the run with the median req/s is shown"
  echo "- MariaDB $(mariadbd --version 2>/dev/null | awk '{print $3}'), innodb_flush_log_at_trx_commit=1," \
    "binary log off; host: workers=$BENCH_HOST_WORKERS (0: one per core), threads=$BENCH_HOST_THREADS;" \
    "PHP-FPM pm static $BENCH_PHP_CHILDREN children; nginx keeps its FastCGI connections to the host (upstream keepalive 32 per nginx worker); PHP-FPM measured both without and with kept connections (keepalive $BENCH_PHP_KEEPALIVE)"
  echo "- $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(php-fpm8.2 -v 2>/dev/null | head -n 1 | awk '{print "PHP " $2}')"
  echo
  /usr/bin/python3 "$BENCH/report.py" table "$BENCH_OUT"
  echo
  echo "Raw wrk/mariadb-slap output and logs: ${BENCH_OUT#"$CADRE_ROOT"/}/ ($((SECONDS - started)) s)"
} | tee "$BENCH_OUT/report.md"
