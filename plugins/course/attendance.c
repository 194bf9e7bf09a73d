/* Attendance per session. Every mark is an append-only event carrying a
 * client nonce; the final state per (registration, session) is the latest
 * event. Two ways in:
 *   - an organiser submits the whole roster of a bridge point in one
 *     request: one INSERT … SELECT FROM JSON_TABLE(?) for the events and one
 *     upsert for the final states, whatever the roster's size;
 *   - a participant checks in with the session's code, citizen ID and phone.
 * A replayed nonce inserts no event, and the upsert only ever moves a final
 * state forward to a newer event, so a replay changes nothing. */
#include "course.h"

#include <stdlib.h>
#include <string.h>

static int load_session(cadre_req *req, int64_t id, json_t **out) {
  *out = cadre_db_row(req,
                      "SELECT s.id, s.course_id, s.seq, s.title, s.starts_at, s.ends_at,"
                      " c.checkin_opens_minutes, c.late_after_minutes, c.grace_minutes"
                      " FROM course_session s JOIN course_course c ON c.id = s.course_id"
                      " WHERE s.id = ?",
                      CV_ARGS(CV_INT(id)));
  if (*out)
    return 0;
  return cadre_db_errno(req) ? cadre_db_fail(req)
                             : cadre_fail(req, 404, "not_found", "Không tìm thấy buổi học.");
}

static enum course_mark_edit mark_window(cadre_req *req, json_t *s) {
  return course_mark_edit_at(course_now(req), course_jdt(s, "starts_at"), course_jdt(s, "ends_at"),
                             (int)course_jint(s, "checkin_opens_minutes"),
                             (int)course_jint(s, "grace_minutes"));
}

int course_h_roster_get(cadre_req *req) {
  json_t *s, *bp;
  int rc = load_session(req, cadre_int(req, "id", 0), &s);
  if (rc)
    return rc;
  rc = course_bp_in_scope(req, cadre_int(req, "bridge_point", 0), &bp);
  if (rc)
    return rc;
  json_t *rows = cadre_db_rows(req,
                               "SELECT r.id AS registration_id, r.full_name, r.position, r.unit_name,"
                               " a.status, a.method, a.marked_at FROM course_registration r"
                               " LEFT JOIN course_attendance a ON a.registration_id = r.id"
                               " AND a.session_id = ? WHERE r.bridge_point_id = ?"
                               " AND r.status = 'confirmed' ORDER BY r.full_name, r.id",
                               CV_ARGS(CV_INT(course_jint(s, "id")), CV_INT(course_jint(bp, "id"))));
  if (!rows)
    return cadre_db_fail(req);
  enum course_mark_edit w = mark_window(req, s);
  int province = 0;
  if (w == COURSE_MARK_PROVINCE_ONLY) {
    province = course_caller_is_province_for(req, course_jint(bp, "agency_id"));
    if (province < 0)
      return cadre_db_fail(req);
  }
  json_t *body = cadre_json_obj(req);
  json_object_set(body, "session", s);
  json_object_set_new(body, "bridge_point",
                      json_pack("{s:I,s:s,s:s}", "id", (json_int_t)course_jint(bp, "id"), "code",
                                course_jstr(bp, "code"), "name", course_jstr(bp, "name")));
  json_object_set(body, "items", rows);
  json_object_set_new(
      body, "editable",
      json_boolean(w == COURSE_MARK_OPEN || (w == COURSE_MARK_PROVINCE_ONLY && province == 1)));
  json_object_set_new(body, "window",
                      json_string(w == COURSE_MARK_TOO_EARLY ? "not_started"
                                  : w == COURSE_MARK_OPEN    ? "open"
                                                             : "province_only"));
  return cadre_reply_json(req, 200, body);
}

/* Upsert of final states from the events just written: a state only moves
 * to a newer event (event_id is assigned last so the guard reads the old
 * value in every assignment). The values come from the events INSERT's
 * RETURNING (ids, registrations, statuses) and the request, not from a
 * read of the event table: as a locking read, INSERT … SELECT FROM
 * course_attendance_event took next-key locks on uq_event_nonce (even by
 * the whole unique key), and the INSERTs of concurrent rosters whose
 * nonces fell into those gaps waited — lock waits and deadlocks at 32
 * concurrent rosters. */
#define FINAL_COLUMNS                                                                                        \
  "INSERT INTO course_attendance (registration_id, session_id,"                                              \
  " bridge_point_id, province_id, status, event_id, method, updated_by,"                                     \
  " marked_at)"
#define FINAL_NEWER                                                                                          \
  " ON DUPLICATE KEY UPDATE" NEWER("bridge_point_id") "," NEWER("province_id") "," NEWER(                    \
      "status") "," NEWER("method") "," NEWER("updated_by") "," NEWER("marked_at") ", "                      \
                                                                                   "course_attendance."      \
                                                                                   "event_id = GREATEST("    \
                                                                                   "course_attendance."      \
                                                                                   "event_id, "              \
                                                                                   "VALUES(event_id))"
/* A roster: session, point, province, method, actor, time, then the JSON
 * array of the new events [{id, registration_id, status}]. */
#define FINAL_FROM_NEW_EVENTS                                                                                \
  FINAL_COLUMNS " SELECT j.r, ?, ?, ?, j.s, j.e, ?, ?, ?"                                                    \
                " FROM JSON_TABLE(?, '$[*]' COLUMNS (e BIGINT UNSIGNED PATH '$.id',"                         \
                " r BIGINT UNSIGNED PATH '$.registration_id',"                                               \
                " s VARCHAR(10) PATH '$.status')) j" FINAL_NEWER
/* A self check-in: one event. */
#define FINAL_FROM_NEW_EVENT FINAL_COLUMNS " VALUES (?, ?, ?, ?, ?, ?, 'self', NULL, ?)" FINAL_NEWER
/* col = the new value when the incoming event is newer than the one that
 * set the current state. */
#define NEWER(col)                                                                                           \
  " course_attendance." col " = IF(VALUES(event_id) > course_attendance.event_id,"                           \
  " VALUES(" col "), course_attendance." col ")"

struct roster_ctx {
  int64_t session_id, bp_id, province_id;
  const char *nonce, *method, *entries_json;
  size_t n;
  int64_t inserted;
  json_t *canonical;
};

/* The roster's entries that are confirmed participants of the point: each
 * looked up by primary key (the optimizer would otherwise walk the point's
 * whole ix_reg_bp range and join the entries through a join buffer, and an
 * INSERT … SELECT would lock that range), one bound parameter: the point. */
#define ROSTER_MEMBERS                                                                                       \
  " STRAIGHT_JOIN course_registration r FORCE INDEX (PRIMARY)"                                               \
  " ON r.id = j.rid AND r.bridge_point_id = ? AND r.status = 'confirmed'"

/* The entries that are not confirmed participants of this bridge point
 * (0 when all are). Only asked when the INSERT took fewer rows than the
 * roster has: a replay, or a stranger in the list. */
static int64_t strangers(cadre_req *req, struct roster_ctx *c) {
  int64_t known = 0;
  if (cadre_db_int(req, &known,
                   "SELECT COUNT(*) FROM JSON_TABLE(?, '$[*]' COLUMNS ("
                   " rid BIGINT UNSIGNED PATH '$.r')) j" ROSTER_MEMBERS,
                   CV_ARGS(CV_STR(c->entries_json), CV_INT(c->bp_id))) < 0)
    return -1;
  return (int64_t)c->n - known;
}

static int roster_tx(cadre_req *req, void *vctx) {
  struct roster_ctx *c = vctx;
  const char *now = cadre_now_text(req);
  int64_t actor = cadre_user_id(req);
  /* The new events come back (a replayed nonce's do not: IGNORE). */
  json_t *events = cadre_db_rows(
      req,
      "INSERT IGNORE INTO course_attendance_event (registration_id,"
      " session_id, bridge_point_id, status, method, nonce, actor_user_id, at,"
      " created_at) SELECT r.id, ?, r.bridge_point_id, j.s, ?, ?, ?, ?, ?"
      " FROM JSON_TABLE(?, '$[*]' COLUMNS (rid BIGINT UNSIGNED PATH '$.r',"
      " s VARCHAR(10) PATH '$.s')) j" ROSTER_MEMBERS " RETURNING id, registration_id, status",
      CV_ARGS(CV_INT(c->session_id), CV_STR(c->method), CV_STR(c->nonce), CV_INT_IF(actor > 0, actor),
              CV_STR(now), CV_STR(now), CV_STR(c->entries_json), CV_INT(c->bp_id)));
  if (!events)
    return cadre_db_fail(req);
  c->inserted = (int64_t)json_array_size(events);
  if ((size_t)c->inserted != c->n) {
    /* Every entry of this point inserts one event unless its nonce was
     * seen: fewer rows means a replay or an entry from elsewhere. */
    int64_t bad = strangers(req, c);
    if (bad < 0)
      return cadre_db_fail(req);
    if (bad > 0)
      return cadre_fail(req, 422, "roster_unknown_registration",
                        "Danh sách có %lld người không thuộc điểm cầu này hoặc "
                        "đã hủy đăng ký; không ghi nhận dòng nào.",
                        (long long)bad);
  }
  if (c->inserted == 0)
    return 0; /* a replay: nothing new, nothing to audit */
  char *text = json_dumps(events, JSON_COMPACT);
  const char *events_json = text ? cadre_arena_strdup(cadre_arena_of(req), text) : NULL;
  free(text);
  if (!events_json)
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  if (cadre_db_exec(req, FINAL_FROM_NEW_EVENTS,
                    CV_ARGS(CV_INT(c->session_id), CV_INT(c->bp_id),
                            CV_INT_IF(c->province_id > 0, c->province_id), CV_STR(c->method),
                            CV_INT_IF(actor > 0, actor), CV_STR(now), CV_STR(events_json))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(req, json_pack("{s:I,s:s,s:s,s:O}", "session_id", (json_int_t)c->session_id,
                                            "nonce", c->nonce, "method", c->method, "entries", c->canonical));
  if (cadre_audit(req, "course.roster", c->bp_id, "mark", NULL, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

/* The session, its course's minutes and the bridge point with the answer
 * to "is it in the caller's scope?", in one statement (the roster is the
 * check-in's hot path: 3,321 points submit within minutes). Answers as
 * load_session, then course_bp_in_scope, would. */
static int load_session_and_point(cadre_req *req, json_t **out) {
  json_t *row = cadre_db_row(
      req,
      "SELECT s.id, s.course_id, s.starts_at, s.ends_at,"
      " c.checkin_opens_minutes, c.grace_minutes, bp.id AS bp_id,"
      " bp.course_id AS bp_course_id, bp.agency_id AS bp_agency_id,"
      " bp.province_id AS bp_province_id,"
      " (? OR bp.agency_id = ? OR" CADRE_SCOPE_EXISTS(
          "bp.agency_id") ") AS bp_in_scope"
                          " FROM course_session s JOIN course_course c ON c.id = s.course_id"
                          " LEFT JOIN course_bridge_point bp ON bp.id = ? WHERE s.id = ?",
      CV_ARGS(CV_INT(cadre_scope_national(req)), CV_INT(cadre_scope_root(req)), CV_INT(cadre_scope_root(req)),
              CV_INT(cadre_int(req, "bridge_point_id", 0)), CV_INT(cadre_int(req, "id", 0))));
  *out = row;
  if (!row)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy buổi học.");
  if (course_jint(row, "bp_id") <= 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy điểm cầu.");
  if (course_jint(row, "bp_in_scope") != 1)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nội dung yêu cầu.");
  return 0;
}

int course_h_roster_submit(cadre_req *req) {
  json_t *s;
  int rc = load_session_and_point(req, &s);
  if (rc)
    return rc;
  if (course_jint(s, "bp_course_id") != course_jint(s, "course_id"))
    return cadre_fail(req, 422, "session_other_course", "Buổi học không thuộc lớp của điểm cầu này.");
  struct course_roster roster;
  if (course_roster_parse(cadre_json_field(req, "entries"), &roster) < 0) {
    cadre_field_error(req, "entries", roster.error_code, "%s", roster.error_message);
    return cadre_fail(req, 422, roster.error_code, "%s", roster.error_message);
  }
  cadre_keep(req, roster.canonical);
  struct roster_ctx c = {.session_id = course_jint(s, "id"),
                         .bp_id = course_jint(s, "bp_id"),
                         .province_id = course_jint(s, "bp_province_id"),
                         .nonce = cadre_str(req, "nonce"),
                         .method = "roster",
                         .n = roster.n,
                         .canonical = roster.canonical};
  switch (mark_window(req, s)) {
  case COURSE_MARK_TOO_EARLY:
    return cadre_fail(req, 422, "session_not_started", "Chưa đến giờ điểm danh buổi học (bắt đầu %s).",
                      course_jstr(s, "starts_at"));
  case COURSE_MARK_PROVINCE_ONLY:
    rc = course_caller_is_province_for(req, course_jint(s, "bp_agency_id"));
    if (rc < 0)
      return cadre_db_fail(req);
    if (rc == 0)
      return cadre_fail(req, 403, "attendance_locked",
                        "Đã hết thời gian điểm danh của điểm cầu; chỉ cấp tỉnh "
                        "được sửa điểm danh buổi học này.");
    c.method = "edit";
    break;
  case COURSE_MARK_OPEN: break;
  }
  char *text = json_dumps(roster.canonical, JSON_COMPACT);
  if (!text)
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  c.entries_json = cadre_arena_strdup(cadre_arena_of(req), text);
  free(text);
  rc = cadre_tx(req, roster_tx, &c);
  if (rc)
    return rc;
  json_t *body =
      cadre_keep(req, json_pack("{s:b,s:I,s:I,s:I,s:I,s:b}", "ok", 1, "session_id", (json_int_t)c.session_id,
                                "bridge_point_id", (json_int_t)c.bp_id, "marked", (json_int_t)c.n,
                                "new_events", (json_int_t)c.inserted, "replay", c.inserted == 0));
  return cadre_reply_json(req, 200, body);
}

/* ---- Self check-in ------------------------------------------------------ */

struct self_ctx {
  int64_t reg_id, session_id, bp_id, province_id;
  const char *status, *nonce;
  int64_t inserted;
};

static int self_tx(cadre_req *req, void *vctx) {
  struct self_ctx *c = vctx;
  const char *now = cadre_now_text(req);
  c->inserted = cadre_db_exec(req,
                              "INSERT IGNORE INTO course_attendance_event (registration_id,"
                              " session_id, bridge_point_id, status, method, nonce, at, created_at)"
                              " VALUES (?, ?, ?, ?, 'self', ?, ?, ?)",
                              CV_ARGS(CV_INT(c->reg_id), CV_INT(c->session_id), CV_INT(c->bp_id),
                                      CV_STR(c->status), CV_STR(c->nonce), CV_STR(now), CV_STR(now)));
  if (c->inserted < 0)
    return cadre_db_fail(req);
  if (c->inserted == 0)
    return 0;
  if (cadre_db_exec(req, FINAL_FROM_NEW_EVENT,
                    CV_ARGS(CV_INT(c->reg_id), CV_INT(c->session_id), CV_INT(c->bp_id),
                            CV_INT_IF(c->province_id > 0, c->province_id), CV_STR(c->status),
                            CV_INT(cadre_db_last_id(req)), CV_STR(now))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(req, json_pack("{s:I,s:s,s:s}", "session_id", (json_int_t)c->session_id,
                                            "status", c->status, "nonce", c->nonce));
  if (cadre_audit(req, "course.attendance", c->reg_id, "self_checkin", NULL, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

static int reply_checked_in(cadre_req *req, json_t *s, json_t *reg, const char *status, bool replay) {
  json_t *body = cadre_keep(req, json_pack("{s:b,s:s,s:s,s:s,s:b,s:s}", "ok", 1, "status", status, "session",
                                           course_jstr(s, "title"), "full_name",
                                           course_jstr(reg, "full_name"), "replay", replay, "message",
                                           strcmp(status, "late") == 0 ? "Đã ghi nhận điểm danh (đến muộn)."
                                                                       : "Đã ghi nhận điểm danh."));
  return cadre_reply_json(req, 200, body);
}

int course_h_public_checkin(cadre_req *req) {
  json_t *s = cadre_db_row(req,
                           "SELECT s.id, s.course_id, s.title, s.starts_at, s.ends_at,"
                           " c.checkin_opens_minutes, c.late_after_minutes FROM course_session s"
                           " JOIN course_course c ON c.id = s.course_id WHERE s.checkin_code = ?",
                           CV_ARGS(CV_FIELD(req, "code")));
  if (!s) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    cadre_field_error(req, "code", "session_code_unknown", "Mã điểm danh không đúng.");
    return cadre_fail(req, 422, "session_code_unknown",
                      "Mã điểm danh không đúng. Đề nghị kiểm tra mã được công "
                      "bố trong buổi học.");
  }
  json_t *reg = cadre_db_row(req,
                             "SELECT r.id, r.bridge_point_id, b.province_id AS bp_province_id,"
                             " r.full_name, a.status AS marked, e.status AS replayed"
                             " FROM course_registration r"
                             " JOIN course_bridge_point b ON b.id = r.bridge_point_id"
                             " LEFT JOIN course_attendance a ON a.registration_id = r.id"
                             " AND a.session_id = ?"
                             " LEFT JOIN course_attendance_event e ON e.session_id = ?"
                             " AND e.nonce = ? AND e.registration_id = r.id"
                             " WHERE r.course_id = ? AND r.active_cccd = ? AND r.phone = ?",
                             CV_ARGS(CV_INT(course_jint(s, "id")), CV_INT(course_jint(s, "id")),
                                     CV_FIELD(req, "nonce"), CV_INT(course_jint(s, "course_id")),
                                     CV_FIELD(req, "cccd"), CV_FIELD(req, "phone")));
  if (!reg)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "registration_not_found",
                                            "Không tìm thấy đăng ký với số căn cước công dân "
                                            "và số điện thoại này.");
  /* The same nonce again: the first answer. */
  if (course_jstr(reg, "replayed"))
    return reply_checked_in(req, s, reg, course_jstr(reg, "replayed"), true);
  const char *marked = course_jstr(reg, "marked");
  if (marked && (strcmp(marked, "present") == 0 || strcmp(marked, "late") == 0))
    return reply_checked_in(req, s, reg, marked, true);
  enum course_checkin t = course_checkin_at(
      course_now(req), course_jdt(s, "starts_at"), course_jdt(s, "ends_at"),
      (int)course_jint(s, "checkin_opens_minutes"), (int)course_jint(s, "late_after_minutes"));
  if (t == COURSE_CHECKIN_TOO_EARLY)
    return cadre_fail(req, 422, "checkin_not_open", "Chưa đến giờ điểm danh (buổi học bắt đầu %s).",
                      course_jstr(s, "starts_at"));
  if (t == COURSE_CHECKIN_CLOSED)
    return cadre_fail(req, 422, "checkin_closed",
                      "Buổi học đã kết thúc; đề nghị liên hệ người tổ chức tại "
                      "điểm cầu.");
  struct self_ctx c = {.reg_id = course_jint(reg, "id"),
                       .session_id = course_jint(s, "id"),
                       .bp_id = course_jint(reg, "bridge_point_id"),
                       .province_id = course_jint(reg, "bp_province_id"),
                       .status = t == COURSE_CHECKIN_LATE ? "late" : "present",
                       .nonce = cadre_str(req, "nonce")};
  int rc = cadre_tx(req, self_tx, &c);
  if (rc)
    return rc;
  return reply_checked_in(req, s, reg, c.status, c.inserted == 0);
}
