/* Organisers' work on registrations: the list (scoped to the caller's
 * subtree, searchable, exportable), corrections, transfer to another bridge
 * point (the same row moves: a change, never a copy) and withdrawal. Seat
 * counters move in the same transaction as the registration. */
#include "course.h"

#include <string.h>

int course_bp_in_scope(cadre_req *req, int64_t id, json_t **out) {
  json_t *bp = cadre_db_row(req,
                            "SELECT bp.*, a.code AS agency_code, a.name AS agency_name,"
                            " a.parent_id AS agency_parent_id, c.title AS course_title,"
                            " c.bridge_reg_closes_at, c.closes_at AS course_closes_at"
                            " FROM course_bridge_point bp JOIN agency a ON a.id = bp.agency_id"
                            " JOIN course_course c ON c.id = bp.course_id WHERE bp.id = ?",
                            CV_ARGS(CV_INT(id)));
  *out = bp;
  if (!bp)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy điểm cầu.");
  return cadre_require_scope(req, course_jint(bp, "agency_id"));
}

int course_registration_in_scope(cadre_req *req, int64_t id, json_t **out) {
  json_t *r = cadre_db_row(req,
                           "SELECT r.id, r.course_id, r.bridge_point_id, r.province_id, r.cccd,"
                           " r.full_name, r.position, r.unit_name, r.phone, r.email, r.category,"
                           " r.status, r.source, r.ticket, r.created_at, r.withdrawn_reason,"
                           " r.withdrawn_at, r.version, bp.agency_id, bp.code AS bridge_point_code,"
                           " bp.name AS bridge_point_name"
                           " FROM course_registration r"
                           " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                           " WHERE r.id = ?",
                           CV_ARGS(CV_INT(id)));
  *out = r;
  if (!r)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy học viên.");
  return cadre_require_scope(req, course_jint(r, "agency_id"));
}

static const struct cadre_column PARTICIPANT_COLUMNS[] = {
    {"full_name", "Họ và tên", CC_TEXT, 28},
    {"position", "Chức vụ", CC_TEXT, 24},
    {"unit_name", "Đơn vị", CC_TEXT, 28},
    {"phone", "Điện thoại", CC_TEXT, 13},
    {"email", "Thư điện tử", CC_TEXT, 24},
    {"category_title", "Đối tượng", CC_TEXT, 22},
    {"bridge_point_code", "Mã điểm cầu", CC_TEXT, 14},
    {"bridge_point_name", "Điểm cầu", CC_TEXT, 28},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 20},
    {"status_title", "Trạng thái", CC_TEXT, 12},
    {"created_at", "Thời điểm đăng ký", CC_DATETIME, 18},
};

#define PARTICIPANT_FROM                                                                                     \
  " FROM course_registration r"                                                                              \
  " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id" CADRE_SCOPE_JOIN(                              \
      "bp.agency_id") " LEFT JOIN agency p ON p.id = r.province_id"                                          \
                      " WHERE r.course_id = ? AND (? = 0 OR r.bridge_point_id = ?)"                          \
                      " AND (? = 0 OR EXISTS (SELECT 1 FROM agency_closure pc"                               \
                      " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"                            \
                      " AND (? = '' OR r.status = ?)"                                                        \
                      " AND (? = '' OR r.full_name COLLATE utf8mb4_uca1400_ai_ci LIKE CONCAT('%', ?, '%') "  \
                      "OR r.cccd = ?"                                                                        \
                      " OR r.phone = ?)"

#define PARTICIPANT_ARGS(req, course)                                                                        \
  CV_INT(cadre_scope_root(req)), CV_INT(course), CV_INT(cadre_int(req, "bridge_point", 0)),                  \
      CV_INT(cadre_int(req, "bridge_point", 0)), CV_INT(cadre_int(req, "parent", 0)),                        \
      CV_INT(cadre_int(req, "parent", 0)), CV_STR(cadre_str0(req, "status")),                                \
      CV_STR(cadre_str0(req, "status")), CV_STR(cadre_str0(req, "q")), CV_STR(cadre_str0(req, "q")),         \
      CV_STR(cadre_str0(req, "q")), CV_STR(cadre_str0(req, "q"))

int course_h_participant_list(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t course_id = course_jint(course, "id");
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  int64_t per_page = export ? 100000 : cadre_int(req, "per_page", 50);
  int64_t page = export ? 1 : cadre_int(req, "page", 1);
  json_t *rows = cadre_db_rows(
      req,
      "SELECT r.id, r.full_name, r.position, r.unit_name, r.phone, r.email,"
      " r.category, CASE r.category WHEN 'commune_leader' THEN"
      " 'Cán bộ lãnh đạo, quản lý cấp xã' WHEN 'school_lecturer' THEN"
      " 'Giảng viên trường chính trị' ELSE 'Khác' END AS category_title,"
      " r.status, IF(r.status = 'confirmed', 'Đã đăng ký', 'Đã hủy')"
      " AS status_title, r.source, r.bridge_point_id,"
      " bp.code AS bridge_point_code, bp.name AS bridge_point_name,"
      " p.name AS province_name, r.created_at,"
      " CONCAT('********', RIGHT(r.cccd, 4)) AS cccd_masked" PARTICIPANT_FROM
      " ORDER BY bp.code, r.full_name, r.id LIMIT ? OFFSET ?",
      CV_ARGS(PARTICIPANT_ARGS(req, course_id), CV_INT(per_page), CV_INT((page - 1) * per_page)));
  if (!rows)
    return cadre_db_fail(req);
  if (export)
    return cadre_reply_table(req, format, "danh-sach-hoc-vien", "Danh sách học viên đăng ký",
                             PARTICIPANT_COLUMNS, sizeof PARTICIPANT_COLUMNS / sizeof *PARTICIPANT_COLUMNS,
                             rows);
  int64_t total = 0;
  if (cadre_db_int(req, &total, "SELECT COUNT(*)" PARTICIPANT_FROM,
                   CV_ARGS(PARTICIPANT_ARGS(req, course_id))) < 0)
    return cadre_db_fail(req);
  json_t *body = cadre_json_obj(req);
  json_object_set(body, "items", rows);
  json_object_set_new(body, "total", json_integer(total));
  return cadre_reply_json(req, 200, body);
}

int course_h_participant_get(cadre_req *req) {
  json_t *r;
  int rc = course_registration_in_scope(req, cadre_int(req, "id", 0), &r);
  if (rc)
    return rc;
  json_t *att = cadre_db_rows(req,
                              "SELECT s.id AS session_id, s.seq, s.title, a.status, a.method,"
                              " a.marked_at FROM course_session s LEFT JOIN course_attendance a"
                              " ON a.session_id = s.id AND a.registration_id = ?"
                              " WHERE s.course_id = ? ORDER BY s.seq",
                              CV_ARGS(CV_INT(course_jint(r, "id")), CV_INT(course_jint(r, "course_id"))));
  if (!att)
    return cadre_db_fail(req);
  json_object_set(r, "attendance", att);
  return cadre_reply_json(req, 200, r);
}

struct change {
  json_t *before;
  int64_t id, to_bp, to_province, from_bp;
  const char *reason;
  int outcome; /* rule failures, answered after the rollback */
};

static int update_tx(cadre_req *req, void *vctx) {
  struct change *c = vctx;
  cadre_arena *a = cadre_arena_of(req);
  const char *name = cadre_str(req, "full_name");
  const char *pos = cadre_str(req, "position");
  const char *unit = cadre_str(req, "unit");
  int64_t n = cadre_db_exec(req,
                            "UPDATE course_registration SET full_name = COALESCE(?, full_name),"
                            " position = COALESCE(?, position), unit_name = COALESCE(?, unit_name),"
                            " phone = COALESCE(?, phone), email = COALESCE(?, email),"
                            " category = COALESCE(?, category), version = version + 1"
                            " WHERE id = ? AND status = 'confirmed'",
                            CV_ARGS(CV_STR(name ? cadre_tidy(a, name) : NULL),
                                    CV_STR(pos ? cadre_tidy(a, pos) : NULL),
                                    CV_STR(unit ? cadre_tidy(a, unit) : NULL), CV_FIELD(req, "phone"),
                                    CV_FIELD(req, "email"), CV_FIELD(req, "category"), CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "registration_withdrawn", "Đăng ký đã bị hủy, không sửa được.");
  json_t *after = cadre_db_row(req,
                               "SELECT full_name, position, unit_name, phone, email, category"
                               " FROM course_registration WHERE id = ?",
                               CV_ARGS(CV_INT(c->id)));
  if (!after || cadre_audit(req, "course.registration", c->id, "update", c->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_participant_update(cadre_req *req) {
  struct change c = {.id = cadre_int(req, "id", 0)};
  int rc = course_registration_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  rc = cadre_tx(req, update_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}

static int transfer_tx(cadre_req *req, void *vctx) {
  struct change *c = vctx;
  c->outcome = 0;
  int64_t took = cadre_db_exec(req,
                               "UPDATE course_bridge_point SET registered = registered + 1"
                               " WHERE id = ? AND status = 'approved' AND registered < seats",
                               CV_ARGS(CV_INT(c->to_bp)));
  if (took < 0)
    return cadre_db_fail(req);
  if (took == 0) {
    c->outcome = 1;
    return 422;
  }
  int64_t moved = cadre_db_exec(req,
                                "UPDATE course_registration SET bridge_point_id = ?, province_id ="
                                " COALESCE(?, province_id), version = version + 1"
                                " WHERE id = ? AND status = 'confirmed' AND bridge_point_id = ?",
                                CV_ARGS(CV_INT(c->to_bp), CV_INT_IF(c->to_province > 0, c->to_province),
                                        CV_INT(c->id), CV_INT(c->from_bp)));
  if (moved < 0)
    return cadre_db_fail(req);
  if (moved == 0)
    return cadre_fail(req, 409, "registration_changed",
                      "Đăng ký đã bị hủy hoặc vừa được chuyển; hãy tải lại.");
  if (cadre_db_exec(req,
                    "UPDATE course_bridge_point SET registered = registered - 1"
                    " WHERE id = ?",
                    CV_ARGS(CV_INT(c->from_bp))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(req, json_pack("{s:I,s:I}", "bridge_point_id", (json_int_t)c->to_bp,
                                            "from_bridge_point_id", (json_int_t)c->from_bp));
  if (cadre_audit(req, "course.registration", c->id, "transfer", c->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_participant_transfer(cadre_req *req) {
  struct change c = {.id = cadre_int(req, "id", 0)};
  int rc = course_registration_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  if (strcmp(course_jstr(c.before, "status"), "confirmed") != 0)
    return cadre_fail(req, 409, "registration_withdrawn", "Đăng ký đã bị hủy, không chuyển được.");
  json_t *to;
  rc = course_bp_in_scope(req, cadre_int(req, "bridge_point_id", 0), &to);
  if (rc)
    return rc;
  c.from_bp = course_jint(c.before, "bridge_point_id");
  c.to_bp = course_jint(to, "id");
  c.to_province = course_jint(to, "province_id");
  if (course_jint(to, "course_id") != course_jint(c.before, "course_id"))
    return cadre_fail(req, 422, "transfer_other_course", "Điểm cầu mới thuộc lớp khác.");
  if (c.to_bp == c.from_bp)
    return cadre_fail(req, 422, "transfer_same_bridge_point", "Học viên đã ở điểm cầu này.");
  rc = cadre_tx(req, transfer_tx, &c);
  if (rc == 0)
    return cadre_reply_ok(req, c.id);
  if (c.outcome == 1)
    return cadre_fail(req, 422, "bridge_point_full", "Điểm cầu %s đã đủ chỗ hoặc chưa được duyệt.",
                      course_jstr(to, "name"));
  return rc;
}

static int withdraw_tx(cadre_req *req, void *vctx) {
  struct change *c = vctx;
  int64_t n = cadre_db_exec(req,
                            "UPDATE course_registration SET status = 'withdrawn', withdrawn_at = ?,"
                            " withdrawn_reason = ?, version = version + 1"
                            " WHERE id = ? AND status = 'confirmed'",
                            CV_ARGS(CV_STR(cadre_now_text(req)), CV_STR(c->reason), CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "registration_withdrawn", "Đăng ký đã được hủy trước đó.");
  if (cadre_db_exec(req,
                    "UPDATE course_bridge_point SET registered = registered - 1"
                    " WHERE id = ?",
                    CV_ARGS(CV_INT(course_jint(c->before, "bridge_point_id")))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(req, json_pack("{s:s,s:s?}", "status", "withdrawn", "reason", c->reason));
  if (cadre_audit(req, "course.registration", c->id, "withdraw", c->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_participant_withdraw(cadre_req *req) {
  struct change c = {.id = cadre_int(req, "id", 0), .reason = cadre_str(req, "reason")};
  int rc = course_registration_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  rc = cadre_tx(req, withdraw_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}
