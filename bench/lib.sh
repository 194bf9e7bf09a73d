# shellcheck shell=bash
# Benchmark building blocks, sourced by bench/run.sh (and by the scenario
# files bench/*/scenarios.sh that add measurements of their own).
#
# A scenario is a shell function registered with bench_scenario; it measures
# with bench_wrk (HTTP through the bench nginx) or bench_slap (the database
# alone) and may declare ratios with bench_ratio. Every measurement is a
# warm-up, then BENCH_RUNS runs; the run with the median req/s is reported.
#
#   scenario_hello_ours() { bench_wrk hello_ours "our /api/core/hello" GET /api/core/hello 32 512; }
#   bench_scenario hello_ours
#   bench_ratio "ours / PHP-FPM, hello" hello_ours hello_php
#
# Environment: BENCH_DURATION (s per run, 8), BENCH_WARMUP (s, 3),
# BENCH_RUNS (3), BENCH_ONLY ("name name" to run a subset), WRK_THREADS (1),
# CADRE_PLUGINS (plugins to load; default: the example's list),
# BENCH_HOST_WORKERS (0: one per core) and BENCH_HOST_THREADS (16) — the
# host's defaults —, BENCH_PHP_CHILDREN (as many as the host's threads).

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

BENCH_DURATION="${BENCH_DURATION:-8}"
BENCH_WARMUP="${BENCH_WARMUP:-3}"
BENCH_RUNS="${BENCH_RUNS:-3}"
WRK_THREADS="${WRK_THREADS:-1}"
BENCH_HOST_WORKERS="${BENCH_HOST_WORKERS:-0}"
BENCH_HOST_THREADS="${BENCH_HOST_THREADS:-32}"
# PHP-FPM gets as many request slots as the host has threads. Both sides
# queue on 2 cores with 32 slots: with BENCH_HOST_THREADS=4 (8 slots each)
# PHP's hello went from 8.2k req/s at 12 ms p99 to 10.5k at 5 ms.
BENCH_PHP_KEEPALIVE="${BENCH_PHP_KEEPALIVE:-8}"
BENCH_PHP_CHILDREN="${BENCH_PHP_CHILDREN:-$((${BENCH_HOST_WORKERS/#0/$(nproc)} * BENCH_HOST_THREADS))}"
BENCH_SCENARIOS=()

# Set by bench_stack_start.
BENCH_OUT="" # results and logs of this run (bench/out/<time>)
STACK=""     # runtime directory (database, sockets), removed afterwards
URL=""       # http://127.0.0.1:PORT of the bench nginx
CONF=""      # the host's cadre.conf
DB_DIR=""

bench_scenario() { BENCH_SCENARIOS+=("$1"); }

bench_ratio() { # bench_ratio LABEL NUMERATOR DENOMINATOR
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_OUT/ratios.tsv"
}

bench_wanted() { # bench_wanted NAME: selected by BENCH_ONLY (default: all)
  [[ -z "${BENCH_ONLY:-}" ]] && return 0
  [[ " $BENCH_ONLY " == *" $1 "* ]]
}

bench_record() { # NAME LABEL CONNS RPS P50_MS P99_MS NON2XX ERRORS ALL_RPS NOTE
  local IFS=$'\t'
  printf '%s\n' "$*" >>"$BENCH_OUT/results.tsv"
}

# bench_check METHOD PATH EXPECTED_STATUS [BODY]: one request before
# measuring, so a benchmark never measures a stream of errors.
bench_check() {
  local method="$1" path="$2" want="$3" body="${4:-}" got
  if [[ -n "$body" ]]; then
    got="$(curl -s -o "$BENCH_OUT/check.body" -w '%{http_code}' -X "$method" \
      -H 'Content-Type: application/json' -H "Origin: $URL" --data "$body" "$URL$path")"
  else
    got="$(curl -s -o "$BENCH_OUT/check.body" -w '%{http_code}' -X "$method" "$URL$path")"
  fi
  if [[ "$got" != "$want" ]]; then
    log "check $method $path: expected $want, got $got: $(head -c 300 "$BENCH_OUT/check.body")"
    return 1
  fi
}

# bench_wrk NAME LABEL METHOD PATH CONNS... [-- SCRIPT]: measure PATH at each
# connection count. METHOD POST uses bench/wrk/post-unique.lua (unique body
# per request, template in WRK_BODY).
bench_wrk() {
  local name="$1" label="$2" method="$3" path="$4"
  shift 4
  local conns=("$@") script="$BENCH_OUT/wrk-$name.lua" c r json
  if [[ "$method" == POST ]]; then
    cat "$CADRE_ROOT/bench/wrk/post-unique.lua" "$CADRE_ROOT/bench/wrk/report.lua" >"$script"
  else
    cat "$CADRE_ROOT/bench/wrk/report.lua" >"$script"
  fi
  for c in "${conns[@]}"; do
    log "$name: $label, $c connections (warm-up ${BENCH_WARMUP}s, ${BENCH_RUNS}×${BENCH_DURATION}s)"
    WRK_JSON=/dev/null BENCH_RUN_ID="w$RANDOM$c" WRK_ORIGIN="$URL" \
      wrk -t"$WRK_THREADS" -c"$c" -d"${BENCH_WARMUP}s" --timeout 8s -s "$script" \
      "$URL$path" >/dev/null 2>&1 || true
    local files=()
    for ((r = 1; r <= BENCH_RUNS; r++)); do
      json="$BENCH_OUT/raw/$name-c$c-r$r.json"
      mkdir -p "$BENCH_OUT/raw"
      WRK_JSON="$json" BENCH_RUN_ID="r$r-$RANDOM-$c-$(date +%s)" WRK_ORIGIN="$URL" \
        wrk -t"$WRK_THREADS" -c"$c" -d"${BENCH_DURATION}s" --timeout 8s --latency -s "$script" \
        "$URL$path" >"$BENCH_OUT/raw/$name-c$c-r$r.txt" 2>&1 || true
      files+=("$json")
    done
    /usr/bin/python3 "$CADRE_ROOT/bench/report.py" median "$name" "$label" "$c" "${files[@]}" \
      >>"$BENCH_OUT/results.tsv"
  done
}

# bench_slap NAME LABEL CONCURRENCY QUERY [QUERIES]: the database alone,
# mariadb-slap with QUERY at CONCURRENCY clients (user cadre, same socket),
# database $SLAP_SCHEMA (cadre_bench); BENCH_RUNS runs of QUERIES statements
# each, every statement its own autocommit transaction (a durable commit).
bench_slap() {
  local name="$1" label="$2" conc="$3" query="$4" n="${5:-${BENCH_SLAP_QUERIES:-30000}}" r out
  local files=()
  log "$name: $label, $conc clients (warm-up, ${BENCH_RUNS}×$n statements)"
  mkdir -p "$BENCH_OUT/raw"
  slap() {
    mariadb-slap --no-defaults --socket="$DB_DIR/mysqld.sock" --user=cadre \
      --password="$(cat "$DB_DIR/cadre.secret")" --create-schema="${SLAP_SCHEMA:-cadre_bench}" --no-drop \
      --query="$query" --concurrency="$conc" --number-of-queries="$1" --iterations=1 2>&1
  }
  slap "$((n / 5))" >/dev/null || true
  for ((r = 1; r <= BENCH_RUNS; r++)); do
    out="$BENCH_OUT/raw/$name-c$conc-r$r.txt"
    slap "$n" >"$out" || true
    files+=("$out")
  done
  /usr/bin/python3 "$CADRE_ROOT/bench/report.py" slap "$name" "$label" "$conc" "$n" "${files[@]}" \
    >>"$BENCH_OUT/results.tsv"
}

# ---- the private stack -----------------------------------------------------

bench_start_bg() { # NAME LOG CMD...: in its own session, pid in $STACK/NAME.pid
  local name="$1" logf="$2"
  shift 2
  setsid "$@" </dev/null >>"$logf" 2>&1 &
  echo $! >"$STACK/$name.pid"
}

bench_stop_one() { # NAME WORD SIGNAL
  local pid
  pid="$(read_pid "$STACK/$1.pid")"
  if [[ -n "$pid" ]]; then stop_pid "$pid" "$2" "$3" 40 || true; fi
  rm -f "$STACK/$1.pid"
}

bench_stack_stop() {
  [[ -n "$STACK" && -d "$STACK" ]] || return 0
  log "stopping the bench stack"
  bench_stop_one nginx nginx QUIT
  bench_stop_one php-fpm php-fpm QUIT
  bench_stop_one host cadre.fcgi TERM
  "$CADRE_ROOT/scripts/db.sh" stop "$DB_DIR" || true
  if [[ -n "$BENCH_OUT" && -d "$BENCH_OUT" ]]; then
    mkdir -p "$BENCH_OUT/logs"
    cp "$STACK"/*.log "$DB_DIR/mysqld.err" "$BENCH_OUT/logs/" 2>/dev/null || true
  fi
  rm -rf "$STACK"
  STACK=""
}

# bench_stack_start BUILD: MariaDB (fresh), host, PHP-FPM and nginx on a free
# port, production settings (durable commits, default workers/threads) except
# the per-address limit of public forms (off: every request comes from
# 127.0.0.1).
bench_stack_start() {
  local build="$1" port php_fpm sock_group
  STACK="${BENCH_STACK:-$CADRE_ROOT/build/bench-stack}"
  # Relative to the checkout, like the build directory: PHP-FPM and nginx
  # get these paths in their configurations and resolve them elsewhere.
  [[ "$STACK" == /* ]] || STACK="$CADRE_ROOT/$STACK"
  DB_DIR="$STACK/db"
  CONF="$STACK/cadre.conf"
  rm -rf "$STACK"
  mkdir -p "$STACK"
  chmod 755 "$STACK"

  log "database (fresh): $DB_DIR"
  "$CADRE_ROOT/scripts/db.sh" init "$DB_DIR" >/dev/null
  "$CADRE_ROOT/scripts/db.sh" sql "$DB_DIR" <<'SQL'
CREATE DATABASE cadre_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci;
CREATE TABLE cadre_bench.bench_registration (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id INT UNSIGNED NOT NULL,
  phone VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_bench_registration (course_id, phone)
) ENGINE=InnoDB;
GRANT ALL PRIVILEGES ON cadre_bench.* TO 'cadre'@'localhost';
SQL

  port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  URL="http://127.0.0.1:$port"
  if [[ $EUID -eq 0 ]]; then sock_group=www-data; else sock_group="$(id -gn)"; fi
  "$CADRE_ROOT/scripts/mkconf.sh" "$CONF" \
    "server.root=$CADRE_ROOT" \
    "server.listen=$STACK/cadre.sock" \
    "server.pidfile=$STACK/cadre.pid" \
    "server.socket_group=$sock_group" \
    "server.allowed_origins=$URL" \
    "database.socket=$DB_DIR/mysqld.sock" \
    "database.password=$(cat "$DB_DIR/cadre.secret")" \
    "plugins.dir=$build/plugins" \
    "files.dir=$STACK/files" \
    "public.rate_per_minute=0" \
    "server.workers=$BENCH_HOST_WORKERS" \
    "server.threads=$BENCH_HOST_THREADS" \
    ${CADRE_PLUGINS:+"plugins.enabled=$CADRE_PLUGINS"}
  "$build/cadre.fcgi" -c "$CONF" --check-config >/dev/null
  "$build/cadre-admin" -c "$CONF" migrate >"$STACK/migrate.log" 2>&1 ||
    { cat "$STACK/migrate.log" >&2; die "migrate failed"; }
  "$build/cadre-admin" -c "$CONF" demo >"$STACK/demo-logins.txt" 2>"$STACK/demo.log" ||
    { cat "$STACK/demo.log" >&2; die "demo failed"; }

  log "host: $build/cadre.fcgi"
  bench_start_bg host "$STACK/cadre.log" "$build/cadre.fcgi" -c "$CONF"
  wait_for_socket "$STACK/cadre.sock" 60 "$(read_pid "$STACK/host.pid")" ||
    { tail -n 30 "$STACK/cadre.log" >&2; die "the host did not start"; }

  php_fpm="$(command -v php-fpm8.2 || find /usr/sbin -name 'php-fpm*' -type f 2>/dev/null | sort | tail -n 1)"
  [[ -x "$php_fpm" ]] || die "php-fpm not found (scripts/deps.sh bench)"
  local fpm_user=() fpm_listen_owner=()
  if [[ $EUID -eq 0 ]]; then
    fpm_user=("user = www-data" "group = www-data")
    fpm_listen_owner=("listen.owner = www-data" "listen.group = www-data")
  fi
  {
    echo "[global]"
    echo "pid = $STACK/php-fpm.pid"
    echo "error_log = $STACK/php-fpm.log"
    echo "daemonize = no"
    echo "[bench]"
    printf '%s\n' "${fpm_user[@]}" "${fpm_listen_owner[@]}"
    echo "listen = $STACK/php-fpm.sock"
    echo "listen.mode = 0660"
    echo "listen.backlog = 4096"
    # as many request slots as our host has threads (workers x threads)
    echo "pm = static"
    echo "pm.max_children = $BENCH_PHP_CHILDREN"
    echo "clear_env = yes"
    echo "env[BENCH_DB_SOCKET] = $DB_DIR/mysqld.sock"
    echo "env[BENCH_DB_USER] = cadre"
    echo "env[BENCH_DB_PASSWORD] = $(cat "$DB_DIR/cadre.secret")"
    echo "php_admin_value[opcache.enable] = 1"
    echo "php_admin_flag[log_errors] = on"
  } >"$STACK/php-fpm.conf"
  log "php-fpm: $php_fpm (pm static, $BENCH_PHP_CHILDREN children)"
  bench_start_bg php-fpm "$STACK/php-fpm.log" "$php_fpm" -y "$STACK/php-fpm.conf" -F
  wait_for_socket "$STACK/php-fpm.sock" 30 "$(read_pid "$STACK/php-fpm.pid")" ||
    { tail -n 30 "$STACK/php-fpm.log" >&2; die "php-fpm did not start"; }

  # nginx: the production site (conf/nginx/cadre.conf) plus the baselines,
  # in the same server block, so every path shares the same rules.
  "$CADRE_ROOT/scripts/webconf.sh" nginx "$STACK/nginx" "LISTEN=127.0.0.1:$port" \
    "SOCKET=$STACK/cadre.sock" "LOG_DIR=$STACK" "ACCESS_LOG=off" >/dev/null
  # PHP-FPM is measured both ways (http-level blocks, so they go into the
  # rendered site file): /bench/php/ on a new connection per request, and
  # /bench/php-keep/ on kept connections, as the site gives the host. A
  # PHP-FPM child is bound to its connection while nginx keeps it idle, so
  # with more kept connections (per nginx worker process) than children,
  # requests stall behind idle ones; BENCH_PHP_KEEPALIVE (8) stays under.
  cat >>"$STACK/nginx/nginx-site.conf" <<EOF

upstream bench_php_fpm {
    server unix:$STACK/php-fpm.sock;
}
upstream bench_php_fpm_keep {
    server unix:$STACK/php-fpm.sock;
    keepalive $BENCH_PHP_KEEPALIVE;
    keepalive_timeout 60s;
}
EOF
  cat >"$STACK/nginx/nginx.d/bench.conf" <<EOF
# Benchmark baselines (bench/lib.sh), next to the production rules.
location = /bench/static.json {
    alias $CADRE_ROOT/bench/static/hello.json;
}
location = /bench/return200 {
    default_type application/json;
    return 200 '{"hello":"ok"}';
}
location ~ ^/bench/php/(hello|register)\.php\$ {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $CADRE_ROOT/bench/php/\$1.php;
    fastcgi_pass bench_php_fpm;
}
location ~ ^/bench/php-keep/(hello|register)\.php\$ {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $CADRE_ROOT/bench/php/\$1.php;
    fastcgi_pass bench_php_fpm_keep;
    fastcgi_keep_conn on;
}
# The registration's own INSERT alone (bench/course/insert.php), on a new
# connection per request and on kept connections, as hello.php.
location = /bench/course/insert.php {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $CADRE_ROOT/bench/course/insert.php;
    fastcgi_pass bench_php_fpm;
}
location = /bench/course-keep/insert.php {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $CADRE_ROOT/bench/course/insert.php;
    fastcgi_pass bench_php_fpm_keep;
    fastcgi_keep_conn on;
}
# The same-work baseline of the course registration (bench/course/register.php:
# validation, bridge-point read, seat UPDATE, INSERT, audit row, COMMIT),
# database cadre (the PHP pool connects as user cadre).
location = /bench/course/register.php {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $CADRE_ROOT/bench/course/register.php;
    fastcgi_pass bench_php_fpm_keep;
    fastcgi_keep_conn on;
}
EOF
  nginx -q -t -e "$STACK/nginx-error.log" -c "$STACK/nginx/nginx.conf" || die "nginx rejects the bench config"
  bench_start_bg nginx "$STACK/nginx-error.log" nginx -e "$STACK/nginx-error.log" -c "$STACK/nginx/nginx.conf"
  wait_for_http "$URL/bench/return200" 30 "$(read_pid "$STACK/nginx.pid")" || die "nginx did not start"
  log "bench stack up on $URL"
}
