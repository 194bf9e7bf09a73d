# shellcheck shell=bash
# Course module scenarios for bench/run.sh (sourced; helpers in bench/lib.sh).
#
#   course_register   POST /api/course/public/register (full validation,
#                     dedupe, seat counter, insert, audit, JSON) with wrk at
#                     64 connections, new people spread over 3,321 bridge
#                     points; ratios against PHP-FPM register.php and
#                     mariadb-slap's INSERT at the same concurrency
#   course_register_php_same  the same work in PHP-FPM + PDO
#                     (bench/course/register.php), when the bench nginx
#                     routes /bench/course/register.php (docs/requests/course.md)
#   course_burst      70,000 distinct registrations (Python client, 64
#                     connections): rows counted afterwards must be exactly
#                     70,000; then 1,000 of them again: 1,000 duplicate
#                     answers, no new row
#   course_roster     one roster per bridge point (3,321 × 20 participants)
#                     for one session: wall time (target ≤ 10 s)
#   course_report     the national registration report over the 70,000
#                     participants: latency (target ≤ 300 ms)
#
# Each scenario prepares what it needs once (course_setup): two courses with
# open windows (BENCH-WRK for wrk, BENCH-BURST for the exact counts), a
# bridge point at every commune of the demo tree, and a national organiser.

COURSE_BENCH_DIR="$CADRE_ROOT/bench/course"
COURSE_USER=bench.course
COURSE_PASSWORD='Bench#Course-2026'
COURSE_READY=""

course_sql() { "$CADRE_ROOT/scripts/db.sh" sql "$DB_DIR" cadre -N -B "$@"; }

# The server's own counters around a measurement, so the table can say how
# many statements a request cost and how many commits shared an fsync
# (group commit): course_status FILE, then course_db_note BEFORE AFTER N.
course_status() {
  course_sql -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_stmt_execute', 'Com_commit',
    'Com_rollback', 'Innodb_data_fsyncs', 'Innodb_row_lock_waits', 'Innodb_deadlocks')" >"$1"
}
course_db_note() { # BEFORE AFTER REQUESTS: "statements/request …" for the note column
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import sys
def load(f):
    return {k: int(v) for k, v in (l.split("\t") for l in open(f) if "\t" in l)}
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]) or 1
d = {k: b[k] - a.get(k, 0) for k in b}
commits = d.get("Com_commit", 0) or 1
print(f"{d.get('Com_stmt_execute', 0) / n:.2f} statements/request "
      f"({d.get('Questions', 0) / n:.2f} commands of any kind), "
      f"{commits / max(d.get('Innodb_data_fsyncs', 0), 1):.1f} commits/fsync, "
      f"{d.get('Innodb_row_lock_waits', 0)} lock waits, {d.get('Innodb_deadlocks', 0)} deadlocks")
PY
}

course_setup() {
  [[ -n "$COURSE_READY" ]] && return 0
  log "course: bench courses, bridge points at every commune, organiser"
  mkdir -p "$BENCH_OUT/raw"
  course_sql <<'SQL'
INSERT IGNORE INTO agency_module (agency_id, module, enabled) SELECT id, 'course', 1 FROM agency WHERE code = 'VN';
INSERT IGNORE INTO course_course (code, title, host_agency_id, start_date, end_date, opens_at, closes_at,
  bridge_reg_closes_at, reg_opens_at, reg_closes_at, checkin_opens_minutes, grace_minutes,
  essay_opens_at, essay_due_at, essay_cutoff_at)
SELECT c.code, CONCAT('Lớp đo tải ', c.code), a.id, '2020-01-01', '2099-12-31', '2020-01-01 00:00:00',
  '2099-12-31 00:00:00', '2099-12-31 00:00:00', '2000-01-01 00:00:00', '2099-12-31 00:00:00', 0, 0,
  '2099-01-01 00:00:00', '2099-02-01 00:00:00', '2099-03-01 00:00:00'
FROM agency a JOIN (SELECT 'BENCH-WRK' AS code UNION ALL SELECT 'BENCH-BURST') c WHERE a.code = 'VN';
INSERT IGNORE INTO course_topic (course_id, no, title) SELECT id, 1, 'Chuyên đề đo tải' FROM course_course WHERE code LIKE 'BENCH-%';
INSERT IGNORE INTO course_session (course_id, seq, topic_id, title, starts_at, ends_at, checkin_code)
SELECT c.id, 1, t.id, 'Buổi đo tải', '2000-01-01 00:00:00', '2099-12-31 00:00:00', CONCAT(c.code, '-S1')
FROM course_course c JOIN course_topic t ON t.course_id = c.id WHERE c.code LIKE 'BENCH-%';
INSERT IGNORE INTO course_bridge_point (course_id, agency_id, level, province_id, code, name, address,
  organizer_name, contact_phone, seats, expected, status)
SELECT c.id, a.id, 'commune', p.id, CONCAT('B-', a.code), CONCAT('Điểm cầu ', a.name), 'Hội trường',
  'Người tổ chức', '0912000000', IF(c.code = 'BENCH-WRK', 500, 60), 20, 'approved'
FROM course_course c JOIN agency a ON a.kind = 'commune' JOIN agency p ON p.id = a.parent_id AND p.kind = 'province'
WHERE c.code LIKE 'BENCH-%';
SQL
  "$BUILD/cadre-admin" -c "$CONF" user add "$COURSE_USER" --agency VN \
    --roles "organizer viewer" --password "$COURSE_PASSWORD" --name "Đo tải" >/dev/null 2>&1 || true
  COURSE_WRK="$(course_sql -e "SELECT id FROM course_course WHERE code = 'BENCH-WRK'")"
  COURSE_BURST="$(course_sql -e "SELECT id FROM course_course WHERE code = 'BENCH-BURST'")"
  COURSE_SESSION="$(course_sql -e "SELECT id FROM course_session WHERE course_id = $COURSE_BURST")"
  course_sql -e "SELECT code FROM course_bridge_point WHERE course_id = $COURSE_WRK ORDER BY id" \
    >"$BENCH_OUT/course-codes-wrk.txt"
  course_sql -e "SELECT code FROM course_bridge_point WHERE course_id = $COURSE_BURST ORDER BY id" \
    >"$BENCH_OUT/course-codes-burst.txt"
  log "course: $(wc -l <"$BENCH_OUT/course-codes-burst.txt") bridge points per bench course"
  # Ratios are declared here, once BENCH_OUT exists (this file is sourced
  # before run.sh creates it).
  bench_ratio "Course register / PHP-FPM register.php (1 INSERT)" course_register register_php
  bench_ratio "Course register / PHP-FPM register.php (1 INSERT), kept connections" course_register \
    register_php_keep
  bench_ratio "Course register / PHP-FPM bench/course/register.php (same work: read, seat, insert, audit)" \
    course_register course_register_php_same
  bench_ratio "Course register / mariadb-slap INSERT (3-column table)" course_register register_slap
  bench_ratio "Course register / mariadb-slap, the registration's own INSERT" course_register \
    course_register_slap
  bench_ratio "Course register / PHP-FPM insert.php (the registration's INSERT alone)" course_register \
    course_insert_php
  bench_ratio "Course register / PHP-FPM insert.php, kept connections" course_register course_insert_php_keep
  COURSE_READY=1
}

# wrk with the course's own request script (bench_wrk's POST script makes
# one template field unique; a registration needs a 12-digit citizen ID).
# The host's combined registrations (cadre_batch_*_total in its metrics)
# around a measurement: course_metrics FILE, then course_batch_note BEFORE
# AFTER: "k registrations per transaction".
course_metrics() { curl -s "$URL/api/core/metrics" >"$1" || : >"$1"; }
course_batch_note() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import re, sys
def load(f):
    t = open(f).read()
    return {k: float(v) for k, v in
            re.findall(r'^cadre_batch_(\w+)_total\{batch="course.registration"\} (\d+)$', t, re.M)}
a, b = load(sys.argv[1]), load(sys.argv[2])
d = {k: b.get(k, 0) - a.get(k, 0) for k in ("runs", "items", "done")}
if d["runs"]:
    print(f"combined: {d['items'] / d['runs']:.1f} requests per transaction, "
          f"{d['done'] / max(d['items'], 1):.0%} done there")
else:
    print("combined: none")
PY
}

course_wrk() { # NAME LABEL PATH CONNS
  local name="$1" label="$2" path="$3" c="$4" script="$BENCH_OUT/wrk-$1.lua" r json files=()
  cat "$COURSE_BENCH_DIR/register.lua" "$CADRE_ROOT/bench/wrk/report.lua" >"$script"
  log "$name: $label, $c connections (warm-up ${BENCH_WARMUP}s, ${BENCH_RUNS}×${BENCH_DURATION}s)"
  mkdir -p "$BENCH_OUT/raw"
  COURSE_CODES="$BENCH_OUT/course-codes-wrk.txt" COURSE_ID="$COURSE_WRK" COURSE_RUN=$((100 + RANDOM % 800)) \
    WRK_JSON=/dev/null WRK_ORIGIN="$URL" \
    wrk -t"$WRK_THREADS" -c"$c" -d"${BENCH_WARMUP}s" --timeout 8s -s "$script" "$URL$path" >/dev/null 2>&1 || true
  course_metrics "$BENCH_OUT/raw/$name.metrics.before"
  course_status "$BENCH_OUT/raw/$name.status.before"
  for ((r = 1; r <= BENCH_RUNS; r++)); do
    json="$BENCH_OUT/raw/$name-c$c-r$r.json"
    COURSE_CODES="$BENCH_OUT/course-codes-wrk.txt" COURSE_ID="$COURSE_WRK" COURSE_RUN=$((100 + RANDOM % 800)) \
      WRK_JSON="$json" WRK_ORIGIN="$URL" \
      wrk -t"$WRK_THREADS" -c"$c" -d"${BENCH_DURATION}s" --timeout 8s --latency -s "$script" \
      "$URL$path" >"$BENCH_OUT/raw/$name-c$c-r$r.txt" 2>&1 || true
    files+=("$json")
  done
  course_metrics "$BENCH_OUT/raw/$name.metrics.after"
  course_status "$BENCH_OUT/raw/$name.status.after"
  local note="" requests
  requests="$(/usr/bin/python3 -c 'import json, sys
print(sum(json.load(open(f))["requests"] for f in sys.argv[1:]))' "${files[@]}" 2>/dev/null || echo 0)"
  note="; $(course_db_note "$BENCH_OUT/raw/$name.status.before" "$BENCH_OUT/raw/$name.status.after" "$requests")"
  [[ "$path" == /api/* ]] &&
    note="$note; $(course_batch_note "$BENCH_OUT/raw/$name.metrics.before" "$BENCH_OUT/raw/$name.metrics.after")"
  /usr/bin/python3 "$CADRE_ROOT/bench/report.py" median "$name" "$label" "$c" "${files[@]}" |
    awk -v note="$note" '{ print $0 note }' >>"$BENCH_OUT/results.tsv"
}

course_check_register() { # PATH: one registration must answer 201
  local body
  body="$(printf '{"course":%s,"bridge_point":"%s","cccd":"999%09d","full_name":"Kiểm tra","position":"Cán bộ","unit":"Xã","phone":"0912999999","category":"other"}' \
    "$COURSE_WRK" "$(head -n 1 "$BENCH_OUT/course-codes-wrk.txt")" "$RANDOM")"
  bench_check POST "$1" 201 "$body"
}

scenario_course_register() {
  course_setup
  course_check_register /api/course/public/register || return 0
  course_wrk course_register "Cadre POST /api/course/public/register" /api/course/public/register 64
}

# The database alone doing the registration's own INSERT: the same table,
# columns, unique keys, indexes, foreign keys and CHECK as a public
# registration writes, one autocommit statement at a time from 64 clients.
# Each row a new person (citizen IDs starting with 0, which no wrk run
# uses) at one of the BENCH-WRK course's bridge points, spread over all of
# them as the wrk load is (their ids are consecutive: checked).
scenario_course_register_slap() {
  course_setup
  local lo n span prov
  read -r lo n span prov < <(course_sql -e "SELECT MIN(bp.id), COUNT(*), MAX(bp.id) - MIN(bp.id) + 1,
    MIN(bp.province_id) FROM course_bridge_point bp WHERE bp.course_id = $COURSE_WRK")
  if [[ "$n" != "$span" ]]; then
    log "course_register_slap: the bench course's bridge point ids are not consecutive; skipped"
    return 0
  fi
  SLAP_SCHEMA=cadre bench_slap course_register_slap "mariadb-slap, the registration's own INSERT" 64 \
    "INSERT INTO course_registration (course_id, bridge_point_id, province_id, cccd, full_name, position,\
 unit_name, phone, email, category, source, idem_key, ticket, created_at, updated_at) VALUES ($COURSE_WRK,\
 $lo + UUID_SHORT() MOD $n, $prov, CONCAT('0', LPAD(UUID_SHORT() MOD 100000000000, 11, '0')),\
 'Nguyễn Văn Đo Tải', 'Bí thư Đảng ủy xã', 'Đảng ủy xã', CONCAT('09', LPAD(UUID_SHORT() MOD 100000000, 8, '0')),\
 NULL, 'commune_leader', 'self', NULL, UPPER(LEFT(MD5(UUID_SHORT()), 10)), NOW(), NOW())"
}

# PHP-FPM + PDO doing that same INSERT alone, with the registration's
# bodies (register.lua): new and kept connections.
scenario_course_insert_php() {
  course_setup
  course_check_register /bench/course/insert.php || return 0
  course_wrk course_insert_php "PHP-FPM bench/course/insert.php (the registration's INSERT alone)" \
    /bench/course/insert.php 64
}
scenario_course_insert_php_keep() {
  course_setup
  course_check_register /bench/course-keep/insert.php || return 0
  course_wrk course_insert_php_keep "PHP-FPM bench/course/insert.php, kept connections" \
    /bench/course-keep/insert.php 64
}

scenario_course_register_php_same() {
  course_setup
  course_check_register /bench/course/register.php || {
    log "course: /bench/course/register.php is not routed by the bench nginx; skipped"
    return 0
  }
  course_wrk course_register_php_same "PHP-FPM bench/course/register.php (same work)" \
    /bench/course/register.php 64
}

scenario_course_burst() {
  course_setup
  local out rows dup before after
  log "course_burst: 70,000 distinct registrations, 64 connections"
  course_status "$BENCH_OUT/raw/course_burst.before"
  out="$(/usr/bin/python3 "$COURSE_BENCH_DIR/client.py" burst --url "$URL" --course "$COURSE_BURST" \
    --codes "$BENCH_OUT/course-codes-burst.txt" --n 70000 --conc 64 --run 500 \
    --acked "$BENCH_OUT/course-acked.jsonl")"
  course_status "$BENCH_OUT/raw/course_burst.after"
  echo "$out" >"$BENCH_OUT/raw/course_burst.json"
  rows="$(course_sql -e "SELECT COUNT(*) FROM course_registration WHERE course_id = $COURSE_BURST")"
  /usr/bin/python3 - "$out" "$rows" \
    "$(course_db_note "$BENCH_OUT/raw/course_burst.before" "$BENCH_OUT/raw/course_burst.after" 70000)" \
    >>"$BENCH_OUT/results.tsv" <<'PY'
import json, sys
s, rows, db = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ok = s["status"].get("201", 0)
bad = s["sent"] - ok
print("\t".join(map(str, ["course_burst", "Burst of 70,000 distinct registrations (Python client)", 64,
    round(s["rps"]), s["p50_ms"], s["p99_ms"], bad, s["status"].get("0", 0),
    f"rows={rows} (expected 70000), 201={ok}, other={bad}, {s['seconds']} s; {db}"])))
PY
  before="$rows"
  log "course_burst: replaying 1,000 of them"
  out="$(/usr/bin/python3 "$COURSE_BENCH_DIR/client.py" replay --url "$URL" \
    --acked "$BENCH_OUT/course-acked.jsonl" --k 1000 --conc 64)"
  after="$(course_sql -e "SELECT COUNT(*) FROM course_registration WHERE course_id = $COURSE_BURST")"
  /usr/bin/python3 - "$out" "$before" "$after" >>"$BENCH_OUT/results.tsv" <<'PY'
import json, sys
s, before, after = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print("\t".join(map(str, ["course_replay", "Replay of 1,000 acknowledged registrations", 64,
    round(s["rps"]), s["p50_ms"], s["p99_ms"], s["sent"] - s["status"].get("409", 0), s["status"].get("0", 0),
    f"already_registered={s['already_registered']} (expected 1000), new rows={after - before}"])))
PY
}

scenario_course_roster() {
  course_setup
  local out
  course_sql -e "SELECT bridge_point_id, id FROM (SELECT bridge_point_id, id, ROW_NUMBER() OVER
    (PARTITION BY bridge_point_id ORDER BY id) AS n FROM course_registration WHERE course_id = $COURSE_BURST
    AND status = 'confirmed') x WHERE n <= 20" >"$BENCH_OUT/course-roster.txt"
  log "course_roster: $(wc -l <"$BENCH_OUT/course-roster.txt") marks in one roster per bridge point"
  course_status "$BENCH_OUT/raw/course_roster.before"
  out="$(/usr/bin/python3 "$COURSE_BENCH_DIR/client.py" roster --url "$URL" --regs "$BENCH_OUT/course-roster.txt" \
    --session "$COURSE_SESSION" --conc 32 --user "$COURSE_USER" --password "$COURSE_PASSWORD")"
  course_status "$BENCH_OUT/raw/course_roster.after"
  echo "$out" >"$BENCH_OUT/raw/course_roster.json"
  local marked
  marked="$(course_sql -e "SELECT COUNT(*) FROM course_attendance WHERE session_id = $COURSE_SESSION")"
  /usr/bin/python3 - "$out" "$marked" \
    "$(course_db_note "$BENCH_OUT/raw/course_roster.before" "$BENCH_OUT/raw/course_roster.after" \
      "$(cut -f1 "$BENCH_OUT/course-roster.txt" | sort -u | wc -l)")" \
    >>"$BENCH_OUT/results.tsv" <<'PY'
import json, sys
s, marked, db = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("\t".join(map(str, ["course_roster", "Roster check-in, one request per bridge point", 32,
    round(s["rps"]), s["p50_ms"], s["p99_ms"], s["sent"] - s["status"].get("200", 0), s["status"].get("0", 0),
    f"{s['points']} points, {s['marks']} marks in {s['seconds']} s (target ≤ 10 s); final states={marked}; {db}"])))
PY
}

scenario_course_report() {
  course_setup
  local out n
  n="$(course_sql -e "SELECT COUNT(*) FROM course_registration WHERE course_id = $COURSE_BURST")"
  out="$(/usr/bin/python3 "$COURSE_BENCH_DIR/client.py" report --url "$URL" \
    --path "/api/course/reports/registrations?course=$COURSE_BURST" --r 30 \
    --user "$COURSE_USER" --password "$COURSE_PASSWORD")"
  echo "$out" >"$BENCH_OUT/raw/course_report.json"
  /usr/bin/python3 - "$out" "$n" >>"$BENCH_OUT/results.tsv" <<'PY'
import json, sys
s, n = json.loads(sys.argv[1]), int(sys.argv[2])
print("\t".join(map(str, ["course_report", "National registration report (sequential)", 1,
    round(1000 / s["p50_ms"]) if s["p50_ms"] else 0, s["p50_ms"], s["p95_ms"],
    s["requests"] - s["status"].get("200", 0), 0,
    f"{n} participants; p95 {s['p95_ms']} ms, max {s['max_ms']} ms (target ≤ 300 ms; p99 column = p95)"])))
PY
}

bench_scenario course_register
bench_scenario course_register_slap
bench_scenario course_insert_php
bench_scenario course_insert_php_keep
bench_scenario course_register_php_same
bench_scenario course_burst
bench_scenario course_roster
bench_scenario course_report
