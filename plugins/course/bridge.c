/* Bridge points (điểm cầu): registered by a unit for itself (a commune
 * organiser) or by its province (for itself and its communes), approved or
 * returned with a reason by the level above, connection-tested by the
 * organiser. Approval queues the webhook that asks the livestream platform
 * for the point's stream link (bridge_stream.c). */
#include "course.h"

#include <string.h>

static const struct cadre_column BP_COLUMNS[] = {
    {"code", "Mã điểm cầu", CC_TEXT, 14},
    {"name", "Tên điểm cầu", CC_TEXT, 32},
    {"level_title", "Cấp", CC_TEXT, 10},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 20},
    {"address", "Địa chỉ", CC_TEXT, 32},
    {"organizer_name", "Người phụ trách", CC_TEXT, 22},
    {"contact_phone", "Điện thoại", CC_TEXT, 13},
    {"seats", "Số chỗ", CC_INT, 8},
    {"expected", "Dự kiến", CC_INT, 8},
    {"registered", "Đã đăng ký", CC_INT, 10},
    {"status_title", "Trạng thái", CC_TEXT, 12},
    {"connection_title", "Thử kết nối", CC_TEXT, 12},
    {"connection_tested_at", "Thời điểm thử", CC_DATETIME, 18},
    {"stream_link", "Đường truyền", CC_TEXT, 30},
};

#define BP_FROM                                                                                              \
  " FROM course_bridge_point bp" CADRE_SCOPE_JOIN(                                                           \
      "bp.agency_id") " LEFT JOIN agency p ON p.id = bp.province_id"                                         \
                      " WHERE bp.course_id = ?"                                                              \
                      " AND (? = 0 OR EXISTS (SELECT 1 FROM agency_closure pc"                               \
                      " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"                            \
                      " AND (? = '' OR bp.status = ?) AND (? = '' OR bp.level = ?)"                          \
                      " AND (? = '' OR bp.name COLLATE utf8mb4_uca1400_ai_ci LIKE CONCAT('%', ?, '%') OR "   \
                      "bp.code = ?)"

#define BP_ARGS(req, course)                                                                                 \
  CV_INT(cadre_scope_root(req)), CV_INT(course), CV_INT(cadre_int(req, "parent", 0)),                        \
      CV_INT(cadre_int(req, "parent", 0)), CV_STR(cadre_str0(req, "status")),                                \
      CV_STR(cadre_str0(req, "status")), CV_STR(cadre_str0(req, "level")), CV_STR(cadre_str0(req, "level")), \
      CV_STR(cadre_str0(req, "q")), CV_STR(cadre_str0(req, "q")), CV_STR(cadre_str0(req, "q"))

int course_h_bp_list(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t course_id = course_jint(course, "id");
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  int64_t per_page = export ? 100000 : cadre_int(req, "per_page", 50);
  int64_t page = export ? 1 : cadre_int(req, "page", 1);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT bp.id, bp.code, bp.name, bp.level, CASE bp.level WHEN 'academy'"
                    " THEN 'Học viện' WHEN 'province' THEN 'Tỉnh' ELSE 'Xã' END AS"
                    " level_title, bp.agency_id, bp.province_id, p.name AS province_name,"
                    " bp.address, bp.organizer_name, bp.contact_phone, bp.contact_email,"
                    " bp.seats, bp.expected, bp.registered, bp.status, CASE bp.status WHEN"
                    " 'approved' THEN 'Đã duyệt' WHEN 'returned' THEN 'Bị trả lại' ELSE"
                    " 'Chờ duyệt' END AS status_title, bp.return_reason,"
                    " bp.connection_status, CASE bp.connection_status WHEN 'ok' THEN 'Đạt'"
                    " WHEN 'failed' THEN 'Không đạt' ELSE 'Chưa thử' END AS"
                    " connection_title, bp.connection_tested_at, bp.stream_link" BP_FROM
                    " ORDER BY bp.level, p.code, bp.code LIMIT ? OFFSET ?",
                    CV_ARGS(BP_ARGS(req, course_id), CV_INT(per_page), CV_INT((page - 1) * per_page)));
  if (!rows)
    return cadre_db_fail(req);
  if (export)
    return cadre_reply_table(req, format, "diem-cau", "Danh sách điểm cầu", BP_COLUMNS,
                             sizeof BP_COLUMNS / sizeof *BP_COLUMNS, rows);
  int64_t total = 0;
  if (cadre_db_int(req, &total, "SELECT COUNT(*)" BP_FROM, CV_ARGS(BP_ARGS(req, course_id))) < 0)
    return cadre_db_fail(req);
  json_t *body = cadre_json_obj(req);
  json_object_set(body, "items", rows);
  json_object_set_new(body, "total", json_integer(total));
  return cadre_reply_json(req, 200, body);
}

int course_h_bp_get(cadre_req *req) {
  json_t *bp;
  int rc = course_bp_in_scope(req, cadre_int(req, "id", 0), &bp);
  if (rc)
    return rc;
  int above = course_caller_above(req, course_jint(bp, "agency_id"));
  if (above < 0)
    return cadre_db_fail(req);
  /* Tells the page whether to show the approve/return buttons. */
  json_object_set_new(bp, "can_decide", json_boolean(above == 1));
  return cadre_reply_json(req, 200, bp);
}

struct bp_new {
  json_t *course, *agency;
  const char *level, *code, *name;
  int64_t province_id, id;
};

static int create_tx(cadre_req *req, void *vctx) {
  struct bp_new *b = vctx;
  cadre_arena *a = cadre_arena_of(req);
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO course_bridge_point (course_id, agency_id, level,"
      " province_id, code, name, address, organizer_name, contact_phone,"
      " contact_email, seats, expected, status, created_by)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?)",
      CV_ARGS(CV_INT(course_jint(b->course, "id")), CV_INT(course_jint(b->agency, "id")), CV_STR(b->level),
              CV_INT_IF(b->province_id > 0, b->province_id), CV_STR(b->code), CV_STR(b->name),
              CV_STR(cadre_tidy(a, cadre_str(req, "address"))),
              CV_STR(cadre_tidy(a, cadre_str(req, "organizer_name"))), CV_FIELD(req, "contact_phone"),
              CV_FIELD(req, "contact_email"), CV_INT(cadre_int(req, "seats", 0)),
              CV_INT(cadre_int(req, "expected", 0)), CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req))));
  if (n < 0) {
    if (!cadre_db_is_duplicate(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 409, "bridge_point_exists",
                      "Đơn vị %s đã có điểm cầu cho lớp này, hoặc mã điểm cầu "
                      "%s đã được dùng.",
                      course_jstr(b->agency, "name"), b->code);
  }
  b->id = cadre_db_last_id(req);
  json_t *after = cadre_db_row(req, "SELECT * FROM course_bridge_point WHERE id = ?", CV_ARGS(CV_INT(b->id)));
  if (!after || cadre_audit(req, "course.bridge_point", b->id, "create", NULL, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_bp_create(cadre_req *req) {
  struct bp_new b = {0};
  int rc = course_load(req, &b.course);
  if (rc)
    return rc;
  if (course_now(req) > course_jdt(b.course, "bridge_reg_closes_at"))
    return cadre_fail(req, 422, "bridge_registration_closed", "Đã hết hạn đăng ký điểm cầu (%s).",
                      course_jstr(b.course, "bridge_reg_closes_at"));
  int64_t agency_id = cadre_int(req, "agency_id", 0);
  b.agency = cadre_db_row(req, "SELECT id, kind, code, name, status FROM agency WHERE id = ?",
                          CV_ARGS(CV_INT(agency_id)));
  if (!b.agency)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy đơn vị.");
  rc = cadre_require_scope(req, agency_id);
  if (rc)
    return rc;
  b.level = course_level_of_kind(course_jstr(b.agency, "kind"));
  if (!b.level) {
    cadre_field_error(req, "agency_id", "bridge_unit_kind", "Đơn vị này không đặt điểm cầu.");
    return cadre_fail(req, 422, "bridge_unit_kind",
                      "Chỉ Học viện, tỉnh, thành phố hoặc xã, phường, đặc khu "
                      "mới đăng ký điểm cầu.");
  }
  if (strcmp(b.level, "academy") != 0) {
    int got = cadre_db_int(req, &b.province_id,
                           "SELECT c.ancestor FROM agency_closure c JOIN agency a"
                           " ON a.id = c.ancestor WHERE c.descendant = ? AND a.kind = 'province'"
                           " ORDER BY c.depth LIMIT 1",
                           CV_ARGS(CV_INT(agency_id)));
    if (got < 0)
      return cadre_db_fail(req);
  }
  b.code = cadre_str(req, "code");
  if (!b.code)
    b.code = course_jstr(b.agency, "code");
  b.name = cadre_str(req, "name");
  if (!b.name)
    b.name = cadre_printf(req, "Điểm cầu %s", course_jstr(b.agency, "name"));
  rc = cadre_tx(req, create_tx, &b);
  if (rc)
    return rc;
  json_t *body = cadre_keep(req, json_pack("{s:b,s:I,s:s,s:s}", "ok", 1, "id", (json_int_t)b.id, "code",
                                           b.code, "status", "submitted"));
  return cadre_reply_json(req, 201, body);
}

struct bp_change {
  json_t *before;
  int64_t id;
  const char *action, *to, *reason;
};

static int audit_after(cadre_req *req, struct bp_change *c, const char *action) {
  json_t *after = cadre_db_row(req, "SELECT * FROM course_bridge_point WHERE id = ?", CV_ARGS(CV_INT(c->id)));
  if (!after || cadre_audit(req, "course.bridge_point", c->id, action, c->before, after) < 0)
    return -1;
  return 0;
}

static int update_tx(cadre_req *req, void *vctx) {
  struct bp_change *c = vctx;
  cadre_arena *a = cadre_arena_of(req);
  const char *name = cadre_str(req, "name");
  const char *address = cadre_str(req, "address");
  const char *org = cadre_str(req, "organizer_name");
  bool seats = cadre_has(req, "seats");
  int64_t n = cadre_db_exec(
      req,
      "UPDATE course_bridge_point SET name = COALESCE(?, name),"
      " address = COALESCE(?, address),"
      " organizer_name = COALESCE(?, organizer_name),"
      " contact_phone = COALESCE(?, contact_phone),"
      " contact_email = COALESCE(?, contact_email),"
      " seats = COALESCE(?, seats), expected = COALESCE(?, expected),"
      " version = version + 1"
      " WHERE id = ? AND (? IS NULL OR registered <= ?)",
      CV_ARGS(CV_STR(name ? cadre_tidy(a, name) : NULL), CV_STR(address ? cadre_tidy(a, address) : NULL),
              CV_STR(org ? cadre_tidy(a, org) : NULL), CV_FIELD(req, "contact_phone"),
              CV_FIELD(req, "contact_email"), CV_INT_IF(seats, cadre_int(req, "seats", 0)),
              CV_INT_IF(cadre_has(req, "expected"), cadre_int(req, "expected", 0)), CV_INT(c->id),
              CV_INT_IF(seats, cadre_int(req, "seats", 0)), CV_INT_IF(seats, cadre_int(req, "seats", 0))));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 422, "seats_below_registered",
                      "Số chỗ không được nhỏ hơn số người đã đăng ký (%lld).",
                      (long long)course_jint(c->before, "registered"));
  return audit_after(req, c, "update") < 0 ? cadre_db_fail(req) : 0;
}

int course_h_bp_update(cadre_req *req) {
  struct bp_change c = {.id = cadre_int(req, "id", 0)};
  int rc = course_bp_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  rc = cadre_tx(req, update_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}

/* One workflow step as a conditional UPDATE from the state the rules allow,
 * so two officials deciding at once cannot both succeed. */
static int decide_tx(cadre_req *req, void *vctx) {
  struct bp_change *c = vctx;
  const char *from = course_jstr(c->before, "status");
  int64_t n = cadre_db_exec(req,
                            "UPDATE course_bridge_point SET status = ?, return_reason = ?,"
                            " decided_by = IF(? = 'submitted', decided_by, ?),"
                            " decided_at = IF(? = 'submitted', decided_at, ?), version = version + 1"
                            " WHERE id = ? AND status = ?",
                            CV_ARGS(CV_STR(c->to), CV_STR(c->reason), CV_STR(c->to),
                                    CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req)), CV_STR(c->to),
                                    CV_STR(cadre_now_text(req)), CV_INT(c->id), CV_STR(from)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "bridge_point_state", "Điểm cầu vừa được người khác xử lý; hãy tải lại.");
  if (audit_after(req, c, c->action) < 0)
    return cadre_db_fail(req);
  if (strcmp(c->to, "approved") == 0) {
    json_t *bp = cadre_db_row(req,
                              "SELECT bp.*, c.code AS course_code, c.title AS course_title,"
                              " c.opens_at, c.closes_at FROM course_bridge_point bp"
                              " JOIN course_course c ON c.id = bp.course_id WHERE bp.id = ?",
                              CV_ARGS(CV_INT(c->id)));
    if (!bp || course_request_stream_link(req, bp) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

static int decide(cadre_req *req, const char *action, bool needs_above) {
  struct bp_change c = {.id = cadre_int(req, "id", 0), .action = action};
  int rc = course_bp_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  if (needs_above) {
    int above = course_caller_above(req, course_jint(c.before, "agency_id"));
    if (above < 0)
      return cadre_db_fail(req);
    if (above == 0)
      return cadre_fail(req, 403, "not_level_above",
                        "Điểm cầu do cấp trên trực tiếp duyệt hoặc trả lại; "
                        "đơn vị không tự duyệt điểm cầu của mình.");
  }
  c.to = course_bp_next(course_jstr(c.before, "status"), action);
  if (!c.to)
    return cadre_fail(req, 409, "bridge_point_state",
                      "Không thể thực hiện thao tác này khi điểm cầu đang ở "
                      "trạng thái hiện tại.");
  c.reason = strcmp(action, "return") == 0 ? cadre_str(req, "reason") : NULL;
  rc = cadre_tx(req, decide_tx, &c);
  if (rc)
    return rc;
  json_t *body = cadre_keep(req, json_pack("{s:b,s:I,s:s}", "ok", 1, "id", (json_int_t)c.id, "status", c.to));
  return cadre_reply_json(req, 200, body);
}

int course_h_bp_submit(cadre_req *req) { return decide(req, "submit", false); }
int course_h_bp_approve(cadre_req *req) { return decide(req, "approve", true); }
int course_h_bp_return(cadre_req *req) { return decide(req, "return", true); }

static int connection_tx(cadre_req *req, void *vctx) {
  struct bp_change *c = vctx;
  int64_t n = cadre_db_exec(
      req,
      "UPDATE course_bridge_point SET connection_status = ?,"
      " connection_tested_at = ?, connection_note = ?, version = version + 1"
      " WHERE id = ?",
      CV_ARGS(CV_FIELD(req, "status"), CV_STR(cadre_now_text(req)), CV_FIELD(req, "note"), CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  return audit_after(req, c, "connection_test") < 0 ? cadre_db_fail(req) : 0;
}

int course_h_bp_connection(cadre_req *req) {
  struct bp_change c = {.id = cadre_int(req, "id", 0)};
  int rc = course_bp_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  if (strcmp(course_jstr(c.before, "status"), "approved") != 0)
    return cadre_fail(req, 409, "bridge_point_state", "Chỉ thử kết nối điểm cầu đã được duyệt.");
  rc = cadre_tx(req, connection_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}
