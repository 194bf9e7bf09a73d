/* The course itself: its dates, windows, topics and sessions (read by every
 * page and by the public form), edited by the Academy. */
#include "course.h"

#include <string.h>

static int with_program(cadre_req *req, json_t *course) {
  int64_t id = course_jint(course, "id");
  json_t *topics = cadre_db_rows(
      req, "SELECT id, no, title FROM course_topic WHERE course_id = ? ORDER BY no", CV_ARGS(CV_INT(id)));
  json_t *sessions = cadre_db_rows(req,
                                   "SELECT s.id, s.seq, s.title, s.starts_at, s.ends_at, s.speaker,"
                                   " t.no AS topic_no FROM course_session s LEFT JOIN course_topic t"
                                   " ON t.id = s.topic_id WHERE s.course_id = ? ORDER BY s.seq",
                                   CV_ARGS(CV_INT(id)));
  if (!topics || !sessions)
    return -1;
  json_object_set(course, "topics", topics);
  json_object_set(course, "sessions", sessions);
  return 0;
}

int course_h_list(cadre_req *req) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT id, code, title, start_date, end_date, status FROM course_course"
                               " ORDER BY start_date DESC, id DESC",
                               CV_NONE);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

int course_h_get(cadre_req *req) {
  json_t *course =
      cadre_db_row(req, "SELECT * FROM course_course WHERE id = ?", CV_ARGS(CV_INT(cadre_int(req, "id", 0))));
  if (!course)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "course_not_found", "Không tìm thấy lớp bồi dưỡng.");
  if (with_program(req, course) < 0)
    return cadre_db_fail(req);
  /* Session codes are for organisers: they are announced on the stream. */
  json_t *codes = cadre_db_rows(req, "SELECT id, checkin_code FROM course_session WHERE course_id = ?",
                                CV_ARGS(CV_INT(course_jint(course, "id"))));
  if (!codes)
    return cadre_db_fail(req);
  json_object_set(course, "checkin_codes", codes);
  return cadre_reply_json(req, 200, course);
}

struct upd {
  int64_t id;
  json_t *before;
};

static int course_update_tx(cadre_req *req, void *vctx) {
  struct upd *u = vctx;
  int64_t n = cadre_db_exec(
      req,
      "UPDATE course_course SET title = COALESCE(?, title),"
      " venue = COALESCE(?, venue),"
      " bridge_reg_closes_at = COALESCE(?, bridge_reg_closes_at),"
      " reg_opens_at = COALESCE(?, reg_opens_at),"
      " reg_closes_at = COALESCE(?, reg_closes_at),"
      " checkin_opens_minutes = COALESCE(?, checkin_opens_minutes),"
      " late_after_minutes = COALESCE(?, late_after_minutes),"
      " grace_minutes = COALESCE(?, grace_minutes),"
      " essay_opens_at = COALESCE(?, essay_opens_at),"
      " essay_due_at = COALESCE(?, essay_due_at),"
      " essay_cutoff_at = COALESCE(?, essay_cutoff_at),"
      " status = COALESCE(?, status) WHERE id = ?",
      CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "venue"), CV_FIELD(req, "bridge_reg_closes_at"),
              CV_FIELD(req, "reg_opens_at"), CV_FIELD(req, "reg_closes_at"),
              CV_FIELD(req, "checkin_opens_minutes"), CV_FIELD(req, "late_after_minutes"),
              CV_FIELD(req, "grace_minutes"), CV_FIELD(req, "essay_opens_at"), CV_FIELD(req, "essay_due_at"),
              CV_FIELD(req, "essay_cutoff_at"), CV_FIELD(req, "status"), CV_INT(u->id)));
  if (n < 0) {
    if (cadre_db_errno(req) == 4025) /* CHECK constraint */
      return cadre_fail(req, 422, "course_windows_invalid",
                        "Thời hạn không hợp lệ: hạn đăng ký phải sau ngày mở, "
                        "hạn chót nộp bài không trước hạn nộp.");
    return cadre_db_fail(req);
  }
  json_t *after = cadre_db_row(req, "SELECT * FROM course_course WHERE id = ?", CV_ARGS(CV_INT(u->id)));
  if (!after || cadre_audit(req, "course.course", u->id, "update", u->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_update(cadre_req *req) {
  if (!cadre_scope_national(req))
    return cadre_fail(req, 403, "forbidden", "Chỉ Học viện điều chỉnh thời hạn của lớp.");
  struct upd u = {.id = cadre_int(req, "id", 0)};
  u.before = cadre_db_row(req, "SELECT * FROM course_course WHERE id = ?", CV_ARGS(CV_INT(u.id)));
  if (!u.before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "course_not_found", "Không tìm thấy lớp bồi dưỡng.");
  int rc = cadre_tx(req, course_update_tx, &u);
  return rc ? rc : cadre_reply_ok(req, u.id);
}

static int session_update_tx(cadre_req *req, void *vctx) {
  struct upd *u = vctx;
  int64_t n =
      cadre_db_exec(req,
                    "UPDATE course_session SET title = COALESCE(?, title),"
                    " starts_at = COALESCE(?, starts_at), ends_at = COALESCE(?, ends_at),"
                    " speaker = COALESCE(?, speaker),"
                    " checkin_code = COALESCE(?, checkin_code) WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "starts_at"), CV_FIELD(req, "ends_at"),
                            CV_FIELD(req, "speaker"), CV_FIELD(req, "checkin_code"), CV_INT(u->id)));
  if (n < 0) {
    if (cadre_db_is_duplicate(req))
      return cadre_fail(req, 409, "checkin_code_taken", "Mã điểm danh đã dùng cho buổi học khác.");
    if (cadre_db_errno(req) == 4025)
      return cadre_fail(req, 422, "session_times_invalid", "Giờ kết thúc phải sau giờ bắt đầu.");
    return cadre_db_fail(req);
  }
  json_t *after = cadre_db_row(req, "SELECT * FROM course_session WHERE id = ?", CV_ARGS(CV_INT(u->id)));
  if (!after || cadre_audit(req, "course.session", u->id, "update", u->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_session_update(cadre_req *req) {
  if (!cadre_scope_national(req))
    return cadre_fail(req, 403, "forbidden", "Chỉ Học viện điều chỉnh lịch buổi học.");
  struct upd u = {.id = cadre_int(req, "id", 0)};
  u.before = cadre_db_row(req, "SELECT * FROM course_session WHERE id = ?", CV_ARGS(CV_INT(u.id)));
  if (!u.before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy buổi học.");
  int rc = cadre_tx(req, session_update_tx, &u);
  return rc ? rc : cadre_reply_ok(req, u.id);
}

int course_h_public_course(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  if (with_program(req, course) < 0)
    return cadre_db_fail(req);
  json_object_set_new(course, "now", json_string(cadre_now_text(req)));
  return cadre_reply_json(req, 200, course);
}

int course_h_public_bridge_point(cadre_req *req) {
  int64_t course = cadre_int(req, "course", 0);
  json_t *bp = cadre_db_row(req,
                            "SELECT bp.code, bp.name, bp.level, bp.address, bp.status,"
                            " bp.seats - bp.registered AS seats_left, p.name AS province_name,"
                            " bp.course_id FROM course_bridge_point bp"
                            " JOIN course_course c ON c.id = bp.course_id"
                            " LEFT JOIN agency p ON p.id = bp.province_id"
                            " WHERE bp.code = ? AND (? = 0 OR c.id = ?)"
                            " ORDER BY c.start_date DESC, c.id DESC LIMIT 1",
                            CV_ARGS(CV_FIELD(req, "code"), CV_INT(course), CV_INT(course)));
  if (!bp)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 404, "bridge_point_unknown", "Không tìm thấy điểm cầu có mã này.");
  return cadre_reply_json(req, 200, bp);
}
