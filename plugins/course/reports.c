/* Reports for officials, each drilling down Academy → province → commune:
 *   coverage       units without an approved / connection-tested point
 *   registrations  registrations against seats, by category of participant
 *   checkin        the live dashboard of one session
 *   attendance     the person × session matrix (attendance_matrix.c)
 *   essays         received / late / missing, and the list to chase
 *   proposals      the essays' proposals added up by topic (proposals.c)
 *   certificates   who may be given the course's certificate (certificates.c)
 * The national level is one row per province, computed from the bridge
 * points' own counters (≈3,400 rows) and covering-index GROUP BYs over the
 * registrations, so it stays cheap with tens of thousands of participants.
 * A province (or a caller whose scope is a province) gets one row per unit
 * of its subtree. Every report answers JSON, CSV (with BOM) or XLSX. */
#include "course.h"

#include <string.h>

/* Which level a report is asked at: national (one row per province) or the
 * subtree of `parent`. */
int course_report_level(cadre_req *req, int64_t *parent, bool *national) {
  *parent = cadre_int(req, "parent", 0);
  *national = false;
  if (*parent == 0) {
    if (cadre_scope_national(req)) {
      *national = true;
      return 0;
    }
    *parent = cadre_scope_root(req);
    return 0;
  }
  int rc = cadre_require_scope(req, *parent);
  if (rc)
    return rc;
  const char *kind = cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(*parent)));
  if (!kind)
    return cadre_db_fail(req);
  if (strcmp(kind, "national") == 0)
    *national = cadre_scope_national(req);
  return 0;
}

/* Adds a "totals" object summing every integer column of the rows. */
json_t *course_report_body(cadre_req *req, json_t *rows, bool national, int64_t parent) {
  const char *level = national ? "national" : "unit";
  json_t *totals = cadre_json_obj(req);
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    const char *key;
    json_t *v;
    json_object_foreach(row, key, v) {
      if (!json_is_integer(v) || strcmp(key, "id") == 0 || strcmp(key, "bp_id") == 0)
        continue;
      json_int_t sum = json_integer_value(json_object_get(totals, key));
      json_object_set_new(totals, key, json_integer(sum + json_integer_value(v)));
    }
  }
  json_t *body = cadre_json_obj(req);
  json_object_set_new(body, "level", json_string(level));
  json_object_set_new(body, "parent", json_integer(parent));
  json_object_set(body, "items", rows);
  json_object_set(body, "totals", totals);
  return body;
}

int course_report_answer(cadre_req *req, json_t *rows, bool national, int64_t parent, const char *filename,
                         const char *title, const struct cadre_column *cols, size_t ncols, json_t *extra) {
  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, filename, title, cols, ncols, rows);
  json_t *body = course_report_body(req, rows, national, parent);
  if (extra && json_object_update(body, extra) != 0)
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  return cadre_reply_json(req, 200, body);
}

/* ---- Coverage ------------------------------------------------------------ */

static const struct cadre_column COVERAGE_COLUMNS[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"name", "Đơn vị", CC_TEXT, 32},
    {"units", "Số đơn vị", CC_INT, 10},
    {"with_point", "Đã đăng ký điểm cầu", CC_INT, 12},
    {"approved", "Đã duyệt", CC_INT, 10},
    {"tested", "Đã thử kết nối đạt", CC_INT, 12},
    {"pending", "Chờ duyệt", CC_INT, 10},
    {"returned", "Bị trả lại", CC_INT, 10},
    {"missing", "Chưa có điểm cầu", CC_INT, 12},
    {"not_ready", "Chưa sẵn sàng", CC_INT, 12},
};

#define COVERAGE_SUMS                                                                                        \
  " COUNT(u.id) AS units, COUNT(bp.id) AS with_point,"                                                       \
  " CAST(COALESCE(SUM(bp.status = 'approved'), 0) AS SIGNED) AS approved,"                                   \
  " CAST(COALESCE(SUM(bp.status = 'approved' AND bp.connection_status = 'ok'),"                              \
  " 0) AS SIGNED) AS tested,"                                                                                \
  " CAST(COALESCE(SUM(bp.status = 'submitted'), 0) AS SIGNED) AS pending,"                                   \
  " CAST(COALESCE(SUM(bp.status = 'returned'), 0) AS SIGNED) AS returned,"                                   \
  " COUNT(u.id) - COUNT(bp.id) AS missing,"                                                                  \
  " COUNT(u.id) - CAST(COALESCE(SUM(bp.status = 'approved' AND"                                              \
  " bp.connection_status = 'ok'), 0) AS SIGNED) AS not_ready"

int course_h_report_coverage(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent;
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  int64_t cid = course_jint(course, "id");
  json_t *rows;
  if (national)
    rows = cadre_db_rows(req,
                         "SELECT p.id, p.code, p.name," COVERAGE_SUMS
                         " FROM agency p JOIN agency_closure c ON c.ancestor = p.id"
                         " JOIN agency u ON u.id = c.descendant AND u.kind IN ('province',"
                         " 'commune') LEFT JOIN course_bridge_point bp ON bp.course_id = ?"
                         " AND bp.agency_id = u.id WHERE p.kind = 'province'"
                         " GROUP BY p.id, p.code, p.name ORDER BY p.code",
                         CV_ARGS(CV_INT(cid)));
  else
    rows = cadre_db_rows(req,
                         "SELECT u.id, u.code, u.name, u.kind," COVERAGE_SUMS ","
                         " MAX(bp.id) AS bp_id, MAX(bp.code) AS bp_code,"
                         " MAX(bp.status) AS bp_status,"
                         " MAX(bp.connection_status) AS connection_status"
                         " FROM agency_closure c JOIN agency u ON u.id = c.descendant"
                         " AND u.kind IN ('academy', 'province', 'commune')"
                         " LEFT JOIN course_bridge_point bp ON bp.course_id = ?"
                         " AND bp.agency_id = u.id WHERE c.ancestor = ?"
                         " GROUP BY u.id, u.code, u.name, u.kind"
                         " ORDER BY u.kind = 'commune', u.code",
                         CV_ARGS(CV_INT(cid), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  return course_report_answer(req, rows, national, parent, "do-phu-diem-cau", "Độ phủ điểm cầu",
                              COVERAGE_COLUMNS, sizeof COVERAGE_COLUMNS / sizeof *COVERAGE_COLUMNS, NULL);
}

/* ---- Registrations against seats ------------------------------------------ */

static const struct cadre_column REG_COLUMNS[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"name", "Đơn vị", CC_TEXT, 32},
    {"points", "Điểm cầu đã duyệt", CC_INT, 12},
    {"seats", "Số chỗ", CC_INT, 10},
    {"expected", "Dự kiến", CC_INT, 10},
    {"registered", "Đã đăng ký", CC_INT, 12},
    {"commune_leader", "Cán bộ lãnh đạo, quản lý cấp xã", CC_INT, 16},
    {"school_lecturer", "Giảng viên trường chính trị", CC_INT, 16},
    {"other", "Đối tượng khác", CC_INT, 12},
};

#define CATEGORY_SUMS                                                                                        \
  " CAST(SUM(category = 'commune_leader') AS SIGNED) AS commune_leader,"                                     \
  " CAST(SUM(category = 'school_lecturer') AS SIGNED) AS school_lecturer,"                                   \
  " CAST(SUM(category = 'other') AS SIGNED) AS other"

int course_h_report_registrations(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent;
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  int64_t cid = course_jint(course, "id");
  json_t *rows;
  if (national)
    /* The Academy's own point has no province: it is the row with code
     * 'HVCTQG' from the UNION's second part. */
    rows = cadre_db_rows(req,
                         "SELECT p.id, p.code, p.name, COALESCE(b.points, 0) AS points,"
                         " COALESCE(b.seats, 0) AS seats, COALESCE(b.expected, 0) AS expected,"
                         " COALESCE(b.registered, 0) AS registered,"
                         " COALESCE(g.commune_leader, 0) AS commune_leader,"
                         " COALESCE(g.school_lecturer, 0) AS school_lecturer,"
                         " COALESCE(g.other, 0) AS other FROM agency p"
                         " LEFT JOIN (SELECT province_id, COUNT(*) AS points,"
                         " CAST(SUM(seats) AS SIGNED) AS seats,"
                         " CAST(SUM(expected) AS SIGNED) AS expected,"
                         " CAST(SUM(registered) AS SIGNED) AS registered"
                         " FROM course_bridge_point WHERE course_id = ? AND status = 'approved'"
                         " GROUP BY province_id) b ON b.province_id = p.id"
                         " LEFT JOIN (SELECT province_id," CATEGORY_SUMS
                         " FROM course_registration WHERE course_id = ? AND status = 'confirmed'"
                         " GROUP BY province_id) g ON g.province_id = p.id"
                         " WHERE p.kind = 'province' ORDER BY p.code",
                         CV_ARGS(CV_INT(cid), CV_INT(cid)));
  else
    rows = cadre_db_rows(req,
                         "SELECT u.id, u.code, u.name, u.kind, bp.id AS bp_id,"
                         " bp.code AS bp_code, bp.status AS bp_status,"
                         " IF(bp.status = 'approved', 1, 0) AS points,"
                         " COALESCE(bp.seats, 0) AS seats, COALESCE(bp.expected, 0) AS expected,"
                         " COALESCE(bp.registered, 0) AS registered,"
                         " COALESCE(g.commune_leader, 0) AS commune_leader,"
                         " COALESCE(g.school_lecturer, 0) AS school_lecturer,"
                         " COALESCE(g.other, 0) AS other"
                         " FROM agency_closure c JOIN agency u ON u.id = c.descendant"
                         " AND u.kind IN ('academy', 'province', 'commune')"
                         " LEFT JOIN course_bridge_point bp ON bp.course_id = ?"
                         " AND bp.agency_id = u.id"
                         " LEFT JOIN (SELECT bridge_point_id," CATEGORY_SUMS
                         " FROM course_registration WHERE course_id = ? AND status = 'confirmed'"
                         " GROUP BY bridge_point_id) g ON g.bridge_point_id = bp.id"
                         " WHERE c.ancestor = ? ORDER BY u.kind = 'commune', u.code",
                         CV_ARGS(CV_INT(cid), CV_INT(cid), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  if (national) {
    json_t *academy = cadre_db_row(req,
                                   "SELECT 0 AS id, 'HVCTQG' AS code, 'Điểm cầu Học viện' AS name,"
                                   " COUNT(*) AS points, CAST(COALESCE(SUM(seats), 0) AS SIGNED) AS seats,"
                                   " CAST(COALESCE(SUM(expected), 0) AS SIGNED) AS expected,"
                                   " CAST(COALESCE(SUM(registered), 0) AS SIGNED) AS registered"
                                   " FROM course_bridge_point WHERE course_id = ? AND status = 'approved'"
                                   " AND province_id IS NULL",
                                   CV_ARGS(CV_INT(cid)));
    if (!academy && cadre_db_errno(req))
      return cadre_db_fail(req);
    if (academy && course_jint(academy, "points") > 0) {
      /* Its participants are counted under their own provinces' categories. */
      json_object_set_new(academy, "commune_leader", json_integer(0));
      json_object_set_new(academy, "school_lecturer", json_integer(0));
      json_object_set_new(academy, "other", json_integer(0));
      json_array_insert(rows, 0, academy);
    }
  }
  return course_report_answer(req, rows, national, parent, "dang-ky-theo-don-vi",
                              "Đăng ký học viên so với số chỗ", REG_COLUMNS,
                              sizeof REG_COLUMNS / sizeof *REG_COLUMNS, NULL);
}

/* ---- Live check-in dashboard ------------------------------------------------ */

static const struct cadre_column CHECKIN_COLUMNS[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"name", "Đơn vị", CC_TEXT, 32},
    {"points", "Điểm cầu", CC_INT, 10},
    {"reporting", "Điểm cầu đã điểm danh", CC_INT, 14},
    {"registered", "Đã đăng ký", CC_INT, 12},
    {"present", "Có mặt", CC_INT, 10},
    {"late", "Đến muộn", CC_INT, 10},
    {"excused", "Vắng có phép", CC_INT, 12},
    {"absent", "Vắng", CC_INT, 10},
    {"unmarked", "Chưa điểm danh", CC_INT, 12},
};

#define MARK_SUMS                                                                                            \
  " COUNT(DISTINCT bridge_point_id) AS reporting,"                                                           \
  " CAST(SUM(status = 'present') AS SIGNED) AS present,"                                                     \
  " CAST(SUM(status = 'late') AS SIGNED) AS late,"                                                           \
  " CAST(SUM(status = 'excused') AS SIGNED) AS excused,"                                                     \
  " CAST(SUM(status = 'absent') AS SIGNED) AS absent, COUNT(*) AS marked"

int course_h_report_checkin(cadre_req *req) {
  int64_t sid = cadre_int(req, "session", 0);
  json_t *s = cadre_db_row(req,
                           "SELECT id, course_id, title, starts_at, ends_at"
                           " FROM course_session WHERE id = ?",
                           CV_ARGS(CV_INT(sid)));
  if (!s)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy buổi học.");
  int64_t parent;
  bool national;
  int rc = course_report_level(req, &parent, &national);
  if (rc)
    return rc;
  int64_t cid = course_jint(s, "course_id");
  json_t *rows;
  if (national)
    rows = cadre_db_rows(req,
                         "SELECT p.id, p.code, p.name, COALESCE(b.points, 0) AS points,"
                         " COALESCE(a.reporting, 0) AS reporting,"
                         " COALESCE(b.registered, 0) AS registered,"
                         " COALESCE(a.present, 0) AS present, COALESCE(a.late, 0) AS late,"
                         " COALESCE(a.excused, 0) AS excused, COALESCE(a.absent, 0) AS absent,"
                         " GREATEST(COALESCE(b.registered, 0) - COALESCE(a.marked, 0), 0)"
                         " AS unmarked FROM agency p"
                         " LEFT JOIN (SELECT province_id, COUNT(*) AS points,"
                         " CAST(SUM(registered) AS SIGNED) AS registered"
                         " FROM course_bridge_point WHERE course_id = ? AND status = 'approved'"
                         " GROUP BY province_id) b ON b.province_id = p.id"
                         " LEFT JOIN (SELECT province_id," MARK_SUMS " FROM course_attendance"
                         " WHERE session_id = ? GROUP BY province_id) a ON a.province_id = p.id"
                         " WHERE p.kind = 'province' ORDER BY p.code",
                         CV_ARGS(CV_INT(cid), CV_INT(sid)));
  else
    rows = cadre_db_rows(req,
                         "SELECT u.id, u.code, u.name, u.kind, bp.id AS bp_id,"
                         " IF(bp.status = 'approved', 1, 0) AS points,"
                         " IF(COALESCE(a.marked, 0) > 0, 1, 0) AS reporting,"
                         " COALESCE(bp.registered, 0) AS registered,"
                         " COALESCE(a.present, 0) AS present, COALESCE(a.late, 0) AS late,"
                         " COALESCE(a.excused, 0) AS excused, COALESCE(a.absent, 0) AS absent,"
                         " GREATEST(COALESCE(bp.registered, 0) - COALESCE(a.marked, 0), 0)"
                         " AS unmarked FROM agency_closure c JOIN agency u"
                         " ON u.id = c.descendant AND u.kind IN ('academy', 'province', 'commune')"
                         " LEFT JOIN course_bridge_point bp ON bp.course_id = ?"
                         " AND bp.agency_id = u.id"
                         " LEFT JOIN (SELECT bridge_point_id," MARK_SUMS
                         " FROM course_attendance WHERE session_id = ?"
                         " GROUP BY bridge_point_id) a ON a.bridge_point_id = bp.id"
                         " WHERE c.ancestor = ? ORDER BY u.kind = 'commune', u.code",
                         CV_ARGS(CV_INT(cid), CV_INT(sid), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, "diem-danh-truc-tiep",
                             cadre_printf(req, "Điểm danh: %s", course_jstr(s, "title")), CHECKIN_COLUMNS,
                             sizeof CHECKIN_COLUMNS / sizeof *CHECKIN_COLUMNS, rows);
  json_t *body = course_report_body(req, rows, national, parent);
  json_object_set(body, "session", s);
  json_object_set_new(body, "as_of", json_string(cadre_now_text(req)));
  return cadre_reply_json(req, 200, body);
}

/* ---- Essays -------------------------------------------------------------- */

static const struct cadre_column ESSAY_REPORT_COLUMNS[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"name", "Đơn vị", CC_TEXT, 32},
    {"registered", "Học viên", CC_INT, 10},
    {"submitted", "Đã nộp", CC_INT, 10},
    {"on_time", "Đúng hạn", CC_INT, 10},
    {"late", "Nộp muộn", CC_INT, 10},
    {"acknowledged", "Đã tiếp nhận", CC_INT, 12},
    {"returned", "Trả lại", CC_INT, 10},
    {"missing", "Chưa nộp", CC_INT, 10},
};

#define ESSAY_SUMS                                                                                           \
  " COUNT(*) AS registered, COUNT(e.id) AS submitted,"                                                       \
  " CAST(COALESCE(SUM(e.late = 0), 0) AS SIGNED) AS on_time,"                                                \
  " CAST(COALESCE(SUM(e.late = 1), 0) AS SIGNED) AS late,"                                                   \
  " CAST(COALESCE(SUM(e.status = 'acknowledged'), 0) AS SIGNED)"                                             \
  " AS acknowledged,"                                                                                        \
  " CAST(COALESCE(SUM(e.status = 'returned'), 0) AS SIGNED) AS returned,"                                    \
  " COUNT(*) - COUNT(e.id) AS missing"

int course_h_report_essays(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent;
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  int64_t cid = course_jint(course, "id");
  json_t *rows;
  if (national)
    rows = cadre_db_rows(req,
                         "SELECT p.id, p.code, p.name, COALESCE(x.registered, 0) AS registered,"
                         " COALESCE(x.submitted, 0) AS submitted,"
                         " COALESCE(x.on_time, 0) AS on_time, COALESCE(x.late, 0) AS late,"
                         " COALESCE(x.acknowledged, 0) AS acknowledged,"
                         " COALESCE(x.returned, 0) AS returned,"
                         " COALESCE(x.missing, 0) AS missing FROM agency p"
                         " LEFT JOIN (SELECT r.province_id," ESSAY_SUMS
                         " FROM course_registration r LEFT JOIN course_essay e"
                         " ON e.registration_id = r.id WHERE r.course_id = ?"
                         " AND r.status = 'confirmed' GROUP BY r.province_id) x"
                         " ON x.province_id = p.id WHERE p.kind = 'province' ORDER BY p.code",
                         CV_ARGS(CV_INT(cid)));
  else
    rows = cadre_db_rows(req,
                         "SELECT u.id, u.code, u.name, u.kind," ESSAY_SUMS
                         " FROM agency_closure c JOIN agency u ON u.id = c.descendant"
                         " JOIN course_bridge_point bp ON bp.agency_id = u.id"
                         " AND bp.course_id = ?"
                         " JOIN course_registration r ON r.bridge_point_id = bp.id"
                         " AND r.status = 'confirmed'"
                         " LEFT JOIN course_essay e ON e.registration_id = r.id"
                         " WHERE c.ancestor = ? GROUP BY u.id, u.code, u.name, u.kind"
                         " ORDER BY u.kind = 'commune', u.code",
                         CV_ARGS(CV_INT(cid), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  return course_report_answer(req, rows, national, parent, "bai-thu-hoach-theo-don-vi",
                              "Bài thu hoạch: đã nộp, nộp muộn, chưa nộp", ESSAY_REPORT_COLUMNS,
                              sizeof ESSAY_REPORT_COLUMNS / sizeof *ESSAY_REPORT_COLUMNS, NULL);
}

static const struct cadre_column MISSING_COLUMNS[] = {
    {"full_name", "Họ và tên", CC_TEXT, 28},
    {"position", "Chức vụ", CC_TEXT, 24},
    {"unit_name", "Đơn vị", CC_TEXT, 28},
    {"phone", "Điện thoại", CC_TEXT, 13},
    {"email", "Thư điện tử", CC_TEXT, 24},
    {"bridge_point_name", "Điểm cầu", CC_TEXT, 28},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 20},
};

int course_h_report_essays_missing(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent;
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT r.id, r.full_name, r.position, r.unit_name, r.phone, r.email,"
                    " bp.name AS bridge_point_name, p.name AS province_name"
                    " FROM course_registration r"
                    " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                    " LEFT JOIN agency p ON p.id = r.province_id"
                    " WHERE r.course_id = ? AND r.status = 'confirmed'"
                    " AND (? = 1 OR EXISTS (SELECT 1 FROM agency_closure pc"
                    " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"
                    " AND NOT EXISTS (SELECT 1 FROM course_essay e"
                    " WHERE e.registration_id = r.id)"
                    " ORDER BY p.code, bp.code, r.full_name LIMIT 100000",
                    CV_ARGS(CV_INT(course_jint(course, "id")), CV_INT(national ? 1 : 0), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_list(req, "chua-nop-bai-thu-hoach", "Học viên chưa nộp bài thu hoạch", MISSING_COLUMNS,
                          sizeof MISSING_COLUMNS / sizeof *MISSING_COLUMNS, rows, NULL);
}
