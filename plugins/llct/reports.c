/*
 * Reports: plan against actual by class, sending unit or month; the
 * admission funnel of every class; the summary list (danh sách trích
 * ngang) of a class for the organization board; the agencies imports
 * created and that still wait for an administrator. Each answers JSON, or
 * CSV (with BOM) / XLSX with ?format=.
 */
#include <string.h>

#include "llct.h"

/* ---- plan vs actual ------------------------------------------------------------- */

static const struct cadre_column by_class_cols[] = {
    {"code", "Lớp", CC_TEXT, 12},
    {"month", "Tháng", CC_INT, 7},
    {"mode_title", "Hình thức", CC_TEXT, 16},
    {"planned_learners", "Kế hoạch (HV)", CC_INT, 12},
    {"allotted_total", "Chỉ tiêu đã giao", CC_INT, 12},
    {"submitted", "Hồ sơ", CC_INT, 10},
    {"admitted", "Trúng tuyển", CC_INT, 10},
    {"enrolled", "Nhập học", CC_INT, 10},
    {"graduated", "Tốt nghiệp", CC_INT, 10},
    {"opened_text", "Đã mở lớp", CC_TEXT, 10},
};

static const struct cadre_column by_unit_cols[] = {
    {"unit", "Đơn vị cử học viên", CC_TEXT, 40},
    {"classes", "Số lớp", CC_INT, 8},
    {"allotted", "Chỉ tiêu", CC_INT, 10},
    {"submitted", "Đã cử (hồ sơ)", CC_INT, 12},
    {"admitted", "Trúng tuyển", CC_INT, 10},
    {"enrolled", "Nhập học", CC_INT, 10},
    {"shortfall", "Còn thiếu so với chỉ tiêu", CC_INT, 12},
};

static const struct cadre_column by_month_cols[] = {
    {"month", "Tháng", CC_INT, 7},
    {"planned_classes", "Lớp kế hoạch", CC_INT, 12},
    {"planned_learners", "Học viên kế hoạch", CC_INT, 14},
    {"opened_classes", "Lớp đã mở", CC_INT, 10},
    {"enrolled", "Học viên nhập học", CC_INT, 14},
};

static json_t *by_class(cadre_req *req, int64_t plan) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT c.id, c.code, c.month, c.mode, c.planned_learners, c.cap, c.allotted_total,"
      " l.appendix, l.split_decided,"
      " (SELECT COUNT(*) FROM llct_learner x WHERE x.class_id = c.id) AS submitted,"
      " (SELECT COUNT(*) FROM llct_learner x WHERE x.class_id = c.id AND x.admitted_on IS NOT NULL)"
      "   AS admitted,"
      " (SELECT COUNT(*) FROM llct_learner x WHERE x.class_id = c.id AND x.enrolled_on IS NOT NULL)"
      "   AS enrolled,"
      " (SELECT COUNT(*) FROM llct_learner x WHERE x.class_id = c.id AND x.state = 'graduated')"
      "   AS graduated,"
      " (SELECT completed FROM llct_step st WHERE st.class_id = c.id AND st.step = 7) AS opened"
      " FROM llct_class c JOIN llct_line l ON l.id = c.line_id WHERE c.plan_id = ?"
      " ORDER BY l.appendix, c.month, c.line_id, c.seq_in_line",
      CV_ARGS(CV_INT(plan)));
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    json_object_set_new(r, "mode_title",
                        json_string(llct_mode_title(llct_mode_from_code(cadre_jstr(r, "mode")))));
    json_object_set_new(r, "opened_text", json_string(cadre_jtrue(r, "opened") ? "Đã mở" : ""));
  }
  return rows;
}

static json_t *by_unit(cadre_req *req, int64_t plan) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT al.agency_id, MIN(COALESCE(a.name, al.name_text)) AS unit,"
      " COUNT(DISTINCT al.class_id) AS classes, SUM(al.allotted) AS allotted,"
      " SUM(al.allotted IS NULL) AS undecided_shares,"
      " (SELECT COUNT(*) FROM llct_learner x JOIN llct_class xc ON xc.id = x.class_id"
      "   WHERE xc.plan_id = ? AND x.sending_agency_id = al.agency_id) AS submitted,"
      " (SELECT COUNT(*) FROM llct_learner x JOIN llct_class xc ON xc.id = x.class_id"
      "   WHERE xc.plan_id = ? AND x.sending_agency_id = al.agency_id"
      "   AND x.admitted_on IS NOT NULL) AS admitted,"
      " (SELECT COUNT(*) FROM llct_learner x JOIN llct_class xc ON xc.id = x.class_id"
      "   WHERE xc.plan_id = ? AND x.sending_agency_id = al.agency_id"
      "   AND x.enrolled_on IS NOT NULL) AS enrolled"
      " FROM llct_allotment al JOIN llct_class c ON c.id = al.class_id"
      " LEFT JOIN agency a ON a.id = al.agency_id WHERE c.plan_id = ? AND al.agency_id IS NOT NULL"
      " GROUP BY al.agency_id ORDER BY unit",
      CV_ARGS(CV_INT(plan), CV_INT(plan), CV_INT(plan), CV_INT(plan)));
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int64_t gap = cadre_jint(r, "allotted", 0) - cadre_jint(r, "submitted", 0);
    json_object_set_new(r, "shortfall", json_integer(gap > 0 ? gap : 0));
    json_object_set_new(r, "allotted", json_integer(cadre_jint(r, "allotted", 0)));
  }
  return rows;
}

static json_t *by_month(cadre_req *req, int64_t plan) {
  return cadre_db_rows(req,
                       "SELECT m.month, m.year, m.planned_classes, m.planned_learners,"
                       " (SELECT COUNT(*) FROM llct_class c JOIN llct_step st ON st.class_id = c.id"
                       "   AND st.step = 7 AND st.completed = 1 WHERE c.plan_id = ? AND c.month = m.month"
                       "   AND c.year = m.year) AS opened_classes,"
                       " (SELECT COUNT(*) FROM llct_learner x JOIN llct_class c ON c.id = x.class_id"
                       "   WHERE c.plan_id = ? AND c.month = m.month AND c.year = m.year"
                       "   AND x.enrolled_on IS NOT NULL) AS enrolled"
                       " FROM (SELECT month, year, SUM(class_count) AS planned_classes,"
                       "   SUM(learners) AS planned_learners FROM llct_line WHERE plan_id = ?"
                       "   GROUP BY year, month) m ORDER BY m.year, m.month",
                       CV_ARGS(CV_INT(plan), CV_INT(plan), CV_INT(plan)));
}

int llct_report_plan_actual(cadre_req *req) {
  int st;
  json_t *plan = llct_plan_open(req, cadre_int(req, "plan", 0), &st);
  if (!plan)
    return st;
  int64_t id = cadre_jint(plan, "id", 0);
  const char *by = cadre_has(req, "by") ? cadre_str(req, "by") : "class";
  json_t *rows;
  const struct cadre_column *cols;
  size_t ncols;
  const char *title;
  if (strcmp(by, "unit") == 0) {
    rows = by_unit(req, id), cols = by_unit_cols;
    ncols = sizeof(by_unit_cols) / sizeof(by_unit_cols[0]);
    title = "Kế hoạch và thực hiện theo đơn vị cử học viên";
  } else if (strcmp(by, "month") == 0) {
    rows = by_month(req, id), cols = by_month_cols;
    ncols = sizeof(by_month_cols) / sizeof(by_month_cols[0]);
    title = "Kế hoạch và thực hiện theo tháng";
  } else {
    rows = by_class(req, id), cols = by_class_cols;
    ncols = sizeof(by_class_cols) / sizeof(by_class_cols[0]);
    title = "Kế hoạch và thực hiện theo lớp";
  }
  if (!rows)
    return cadre_db_fail(req);
  if ((st = llct_maybe_export(req, cadre_printf(req, "ke-hoach-thuc-hien-%s", by),
                              cadre_printf(req, "%s — Kế hoạch số %s", title, cadre_jstr(plan, "number")),
                              cols, ncols, rows)))
    return st;
  return cadre_reply_json(req, 200, rows);
}

/* ---- admission funnel --------------------------------------------------------------- */

static const struct cadre_column funnel_cols[] = {
    {"code", "Lớp", CC_TEXT, 12},
    {"cap", "Sĩ số tối đa", CC_INT, 10},
    {"allotted_total", "Chỉ tiêu", CC_INT, 10},
    {"submitted", "Nộp hồ sơ", CC_INT, 10},
    {"pending", "Đang xét", CC_INT, 10},
    {"needs_supplement", "Cần bổ sung", CC_INT, 10},
    {"eligible", "Đủ điều kiện", CC_INT, 10},
    {"ineligible", "Không đủ điều kiện", CC_INT, 10},
    {"admitted", "Trúng tuyển", CC_INT, 10},
    {"enrolled", "Nhập học", CC_INT, 10},
    {"graduated", "Tốt nghiệp", CC_INT, 10},
    {"dropped", "Bỏ học", CC_INT, 10},
    {"withdrawn", "Rút hồ sơ", CC_INT, 10},
};

int llct_report_funnel(cadre_req *req) {
  int st;
  json_t *plan = llct_plan_open(req, cadre_int(req, "plan", 0), &st);
  if (!plan)
    return st;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT c.id, c.code, c.cap, c.allotted_total, COUNT(l.id) AS submitted,"
                    " COALESCE(SUM(l.state IN ('submitted','under_review')), 0) AS pending,"
                    " COALESCE(SUM(l.state = 'needs_supplement'), 0) AS needs_supplement,"
                    " COALESCE(SUM(l.state IN ('eligible','admitted','enrolled','studying','graduated')"
                    "   OR l.admitted_on IS NOT NULL), 0) AS eligible,"
                    " COALESCE(SUM(l.state = 'ineligible'), 0) AS ineligible,"
                    " COALESCE(SUM(l.admitted_on IS NOT NULL), 0) AS admitted,"
                    " COALESCE(SUM(l.enrolled_on IS NOT NULL), 0) AS enrolled,"
                    " COALESCE(SUM(l.state = 'graduated'), 0) AS graduated,"
                    " COALESCE(SUM(l.state = 'dropped'), 0) AS dropped,"
                    " COALESCE(SUM(l.state = 'withdrawn'), 0) AS withdrawn"
                    " FROM llct_class c JOIN llct_line ln ON ln.id = c.line_id"
                    " LEFT JOIN llct_learner l ON l.class_id = c.id"
                    " WHERE c.plan_id = ? GROUP BY c.id, c.code, c.cap, c.allotted_total"
                    " ORDER BY MIN(ln.appendix), MIN(c.month), c.id",
                    CV_ARGS(CV_INT(cadre_jint(plan, "id", 0))));
  if (!rows)
    return cadre_db_fail(req);
  if ((st = llct_maybe_export(req, "ket-qua-tuyen-sinh", "Kết quả tuyển sinh từng lớp", funnel_cols,
                              sizeof(funnel_cols) / sizeof(funnel_cols[0]), rows)))
    return st;
  return cadre_reply_json(req, 200, rows);
}

/* ---- danh sách trích ngang ------------------------------------------------------------ */

static const struct cadre_column roster_cols[] = {
    {"stt", "STT", CC_INT, 5},
    {"full_name", "Họ và tên", CC_TEXT, 26},
    {"birth_date", "Ngày sinh", CC_DATE, 12},
    {"gender_title", "Giới tính", CC_TEXT, 8},
    {"ethnicity", "Dân tộc", CC_TEXT, 10},
    {"party_joined_on", "Ngày vào Đảng", CC_DATE, 12},
    {"position", "Chức vụ", CC_TEXT, 24},
    {"workplace", "Đơn vị công tác", CC_TEXT, 28},
    {"education", "Trình độ chuyên môn", CC_TEXT, 18},
    {"sending_agency_name", "Đơn vị cử đi học", CC_TEXT, 28},
    {"state_title", "Tình trạng", CC_TEXT, 14},
};

int llct_report_roster(cadre_req *req) {
  llct_class_ref c;
  int st = llct_class_open(req, cadre_int(req, "id", 0), false, &c);
  if (st)
    return st;
  json_t *rows = cadre_db_rows(
      req,
      "SELECT l.id, l.full_name, l.birth_date, l.gender, l.ethnicity, l.party_joined_on,"
      " l.position, l.workplace, l.education, a.name AS sending_agency_name, l.state"
      " FROM llct_learner l JOIN agency a ON a.id = l.sending_agency_id"
      " WHERE l.class_id = ? AND l.state IN ('eligible','admitted','enrolled','studying','graduated')"
      " AND (? = 1 OR " CADRE_SCOPE_EXISTS("l.sending_agency_id") ")"
                                                                  " ORDER BY a.name, l.full_name, l.id",
      CV_ARGS(CV_INT(c.id), CV_INT(c.manage), CV_INT(cadre_scope_root(req))));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *g = cadre_jstr(r, "gender");
    json_object_set_new(r, "stt", json_integer((json_int_t)i + 1));
    json_object_set_new(r, "gender_title", json_string(!g ? "" : strcmp(g, "male") == 0 ? "Nam" : "Nữ"));
    int s = llct_state_from_code(cadre_jstr(r, "state"));
    json_object_set_new(r, "state_title", json_string(s >= 0 ? llct_state_title((llct_state)s) : ""));
  }
  char *title = cadre_printf(req, "Danh sách trích ngang học viên lớp %s (%s)", cadre_jstr(c.row, "code"),
                             cadre_jstr(c.row, "school_name"));
  if ((st = llct_maybe_export(req, "danh-sach-trich-ngang", title, roster_cols,
                              sizeof(roster_cols) / sizeof(roster_cols[0]), rows)))
    return st;
  json_t *body = json_pack("{s:s, s:O, s:O, s:O, s:O}", "title", title, "class_code",
                           json_object_get(c.row, "code"), "mode", json_object_get(c.row, "mode"),
                           "school_name", json_object_get(c.row, "school_name"), "items", rows);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}

/* ---- pending agencies ------------------------------------------------------------------- */

int llct_pending_agencies(cadre_req *req) {
  int64_t root = cadre_scope_root(req);
  json_t *rows = cadre_db_rows(
      req,
      "SELECT a.id, a.code, a.name, a.short_name, a.kind, a.created_at, p.name AS parent_name,"
      " (SELECT COUNT(*) FROM llct_allotment al WHERE al.agency_id = a.id) AS allotments"
      " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id"
      " WHERE a.status = 'pending' AND (EXISTS (SELECT 1 FROM llct_allotment x WHERE x.agency_id = a.id)"
      "   OR EXISTS (SELECT 1 FROM llct_line_host x WHERE x.agency_id = a.id))"
      " AND (" CADRE_SCOPE_EXISTS(
          "a.id") " OR EXISTS (SELECT 1 FROM llct_allotment al"
                  "   JOIN llct_class c ON c.id = al.class_id JOIN llct_plan pl ON pl.id = c.plan_id"
                  "   WHERE al.agency_id = a.id AND (" CADRE_SCOPE_EXISTS(
                      "c.school_agency_id") " OR " CADRE_SCOPE_EXISTS("pl.agency_id") ")))"
                                                                                      " ORDER BY a.name",
      CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(root)));
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, rows);
}
