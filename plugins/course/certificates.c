/* Certificate eligibility: who may be given the course's certificate
 * (giấy chứng nhận). A confirmed participant qualifies when they attended —
 * present or late — at least the required number of sessions (every
 * session of the course unless the report asks for fewer, as an Academy
 * decision may allow) and the province's organization board acknowledged
 * their essay. Returned or unreviewed essays do not qualify: "awaiting
 * review" counts those who only wait for their board, so the Academy knows
 * whom to chase before printing.
 *
 *   GET /reports/certificates            counts per province (national) or
 *                                        per unit of a subtree, drill-down
 *   GET /reports/certificates/eligible   the list to print, in scope, with
 *                                        the registration code and essay
 *                                        receipt to verify each certificate
 */
#include "course.h"

#include <string.h>

/* Sessions attended per registration of the course (present or late). */
#define ATTENDED                                                                                             \
  " (SELECT a.registration_id, COUNT(*) AS n FROM course_attendance a"                                       \
  " JOIN course_session s ON s.id = a.session_id"                                                            \
  " WHERE s.course_id = ? AND a.status IN ('present', 'late')"                                               \
  " GROUP BY a.registration_id) att"

/* Three placeholders: the required sessions, thrice. */
#define CERT_SUMS                                                                                            \
  " COUNT(*) AS registered,"                                                                                 \
  " CAST(SUM(COALESCE(att.n, 0) >= ?) AS SIGNED) AS attended_enough,"                                        \
  " CAST(SUM(COALESCE(e.status = 'acknowledged', 0)) AS SIGNED) AS essay_acknowledged,"                      \
  " CAST(SUM(COALESCE(att.n, 0) >= ? AND COALESCE(e.status = 'acknowledged', 0))"                            \
  " AS SIGNED) AS eligible,"                                                                                 \
  " CAST(SUM(COALESCE(att.n, 0) >= ? AND COALESCE(e.status = 'submitted', 0))"                               \
  " AS SIGNED) AS awaiting_review"

static const struct cadre_column CERT_COLUMNS[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"name", "Đơn vị", CC_TEXT, 32},
    {"registered", "Học viên", CC_INT, 10},
    {"attended_enough", "Dự đủ số buổi", CC_INT, 12},
    {"essay_acknowledged", "Bài đã tiếp nhận", CC_INT, 12},
    {"eligible", "Đủ điều kiện cấp giấy chứng nhận", CC_INT, 16},
    {"awaiting_review", "Dự đủ, bài chờ tiếp nhận", CC_INT, 14},
    {"not_eligible", "Chưa đủ điều kiện", CC_INT, 12},
};

static const struct cadre_column ELIGIBLE_COLUMNS[] = {
    {"full_name", "Họ và tên", CC_TEXT, 28},
    {"position", "Chức vụ", CC_TEXT, 24},
    {"unit_name", "Đơn vị", CC_TEXT, 28},
    {"ticket", "Mã đăng ký", CC_TEXT, 12},
    {"attended", "Số buổi tham dự", CC_INT, 10},
    {"essay_receipt", "Số biên nhận bài thu hoạch", CC_TEXT, 16},
    {"bridge_point_name", "Điểm cầu", CC_TEXT, 28},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 20},
};

/* The sessions a certificate needs: `min_sessions` when given (1 … the
 * course's sessions), else all of them. A course without sessions needs
 * one, so that nobody qualifies by default. */
static int required_sessions(cadre_req *req, int64_t course_id, int64_t *required, int64_t *sessions) {
  if (cadre_db_int(req, sessions, "SELECT COUNT(*) FROM course_session WHERE course_id = ?",
                   CV_ARGS(CV_INT(course_id))) < 0)
    return cadre_db_fail(req);
  int64_t asked = cadre_int(req, "min_sessions", 0);
  if (asked > *sessions) {
    cadre_field_error(req, "min_sessions", "too_many_sessions", "Lớp chỉ có %lld buổi học.",
                      (long long)*sessions);
    return cadre_fail(req, 422, "too_many_sessions",
                      "Số buổi tối thiểu (%lld) lớn hơn số buổi học của lớp (%lld).", (long long)asked,
                      (long long)*sessions);
  }
  *required = asked > 0 ? asked : (*sessions > 0 ? *sessions : 1);
  return 0;
}

static json_t *cert_rows(cadre_req *req, int64_t course_id, int64_t required, bool national, int64_t parent) {
  if (national)
    return cadre_db_rows(
        req,
        "SELECT p.id, p.code, p.name, COALESCE(x.registered, 0) AS registered,"
        " COALESCE(x.attended_enough, 0) AS attended_enough,"
        " COALESCE(x.essay_acknowledged, 0) AS essay_acknowledged,"
        " COALESCE(x.eligible, 0) AS eligible,"
        " COALESCE(x.awaiting_review, 0) AS awaiting_review"
        " FROM agency p LEFT JOIN (SELECT r.province_id," CERT_SUMS
        " FROM course_registration r LEFT JOIN" ATTENDED " ON att.registration_id = r.id"
        " LEFT JOIN course_essay e ON e.registration_id = r.id"
        " WHERE r.course_id = ? AND r.status = 'confirmed' GROUP BY r.province_id) x"
        " ON x.province_id = p.id WHERE p.kind = 'province' ORDER BY p.code",
        CV_ARGS(CV_INT(required), CV_INT(required), CV_INT(required), CV_INT(course_id), CV_INT(course_id)));
  return cadre_db_rows(req,
                       "SELECT u.id, u.code, u.name, u.kind," CERT_SUMS
                       " FROM agency_closure c JOIN agency u ON u.id = c.descendant"
                       " JOIN course_bridge_point bp ON bp.agency_id = u.id AND bp.course_id = ?"
                       " JOIN course_registration r ON r.bridge_point_id = bp.id AND r.status = 'confirmed'"
                       " LEFT JOIN" ATTENDED " ON att.registration_id = r.id"
                       " LEFT JOIN course_essay e ON e.registration_id = r.id"
                       " WHERE c.ancestor = ? GROUP BY u.id, u.code, u.name, u.kind"
                       " ORDER BY u.kind = 'commune', u.code",
                       CV_ARGS(CV_INT(required), CV_INT(required), CV_INT(required), CV_INT(course_id),
                               CV_INT(course_id), CV_INT(parent)));
}

/* What both reports are asked: the course, the level and the sessions
 * needed. */
struct cert_query {
  int64_t cid, parent, required, sessions;
  bool national;
};

static int cert_query(cadre_req *req, struct cert_query *q) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  q->cid = course_jint(course, "id");
  if ((rc = course_report_level(req, &q->parent, &q->national)))
    return rc;
  return required_sessions(req, q->cid, &q->required, &q->sessions);
}

int course_h_report_certificates(cadre_req *req) {
  struct cert_query q;
  int rc = cert_query(req, &q);
  if (rc)
    return rc;
  json_t *rows = cert_rows(req, q.cid, q.required, q.national, q.parent);
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    json_object_set_new(row, "not_eligible",
                        json_integer(course_jint(row, "registered") - course_jint(row, "eligible")));
  }
  return course_report_answer(
      req, rows, q.national, q.parent, "du-dieu-kien-cap-giay-chung-nhan",
      "Học viên đủ điều kiện cấp giấy chứng nhận", CERT_COLUMNS, sizeof CERT_COLUMNS / sizeof *CERT_COLUMNS,
      cadre_keep(req, json_pack("{s:I,s:I}", "required_sessions", (json_int_t)q.required, "sessions",
                                (json_int_t)q.sessions)));
}

int course_h_report_certificates_eligible(cadre_req *req) {
  struct cert_query q;
  int rc = cert_query(req, &q);
  if (rc)
    return rc;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT r.id, r.full_name, r.position, r.unit_name, r.ticket,"
                    " att.n AS attended, e.receipt AS essay_receipt,"
                    " bp.code AS bridge_point_code, bp.name AS bridge_point_name,"
                    " p.name AS province_name"
                    " FROM course_registration r"
                    " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                    " LEFT JOIN agency p ON p.id = r.province_id"
                    " JOIN" ATTENDED " ON att.registration_id = r.id"
                    " JOIN course_essay e ON e.registration_id = r.id AND e.status = 'acknowledged'"
                    " WHERE r.course_id = ? AND r.status = 'confirmed' AND att.n >= ?"
                    " AND (? = 1 OR EXISTS (SELECT 1 FROM agency_closure pc"
                    " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"
                    " ORDER BY p.code, bp.code, r.full_name, r.id LIMIT 100000",
                    CV_ARGS(CV_INT(q.cid), CV_INT(q.cid), CV_INT(q.required), CV_INT(q.national ? 1 : 0),
                            CV_INT(q.parent)));
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_list(req, "danh-sach-cap-giay-chung-nhan",
                          "Danh sách học viên đủ điều kiện cấp giấy chứng nhận", ELIGIBLE_COLUMNS,
                          sizeof ELIGIBLE_COLUMNS / sizeof *ELIGIBLE_COLUMNS, rows,
                          cadre_keep(req, json_pack("{s:I}", "required_sessions", (json_int_t)q.required)));
}
