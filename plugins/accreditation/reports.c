/*
 * Views and reports: readiness per school, evidence coverage and expiry,
 * the council summary sheet of a cycle, the five-year review, and the
 * labels the pages need. Each answers JSON, or CSV (with BOM) / XLSX with
 * ?format=csv|xlsx.
 */
#include <stdio.h>
#include <string.h>

#include "accreditation.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static bool wants_table(cadre_req *req) { return strcmp(accr_format(req), "json") != 0; }

/* The version a report is about: asked for, else the newest in force. */
static int report_version(cadre_req *req, int64_t *out) {
  *out = cadre_int(req, "version", 0);
  if (*out)
    return 0;
  if (cadre_db_int(req, out,
                   "SELECT id FROM accreditation_version WHERE status = 'active'"
                   " ORDER BY issued_date DESC, id DESC LIMIT 1",
                   CV_NONE) < 0)
    return cadre_db_fail(req);
  return 0;
}

/* Visible schools with their latest cycle on a version (if any). */
static json_t *schools_with_cycle(cadre_req *req, int64_t version) {
  return cadre_db_rows(
      req,
      "SELECT a.id AS school_id, a.name AS school_name, p.name AS province_name,"
      " c.id AS cycle_id, c.state, c.target_level, c.version_id"
      " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id"
      " LEFT JOIN accreditation_cycle c ON c.id = (SELECT MAX(c2.id) FROM accreditation_cycle c2"
      " WHERE c2.school_agency_id = a.id AND c2.version_id = ?)"
      " WHERE a.kind IN ('political_school', 'sector_school') AND a.status = 'active'"
      " AND" ACCR_SCHOOL_VISIBLE("a.id") " ORDER BY a.kind DESC, a.code",
      CV_ARGS(CV_INT(version), ACCR_VIS_ARGS(req)));
}

/* ---- Readiness per school -------------------------------------------------------- */

static void put_level(json_t *row, const char *prefix, const struct accr_level_readiness *l) {
  char key[40];
  snprintf(key, sizeof(key), "%s_met", prefix);
  json_object_set_new(row, key, json_integer(l->met));
  snprintf(key, sizeof(key), "%s_total", prefix);
  json_object_set_new(row, key, json_integer(l->total));
  snprintf(key, sizeof(key), "%s_unmet_mandatory", prefix);
  json_object_set_new(row, key, json_integer(l->unmet_mandatory));
  snprintf(key, sizeof(key), "%s_ready", prefix);
  json_object_set_new(row, key, json_boolean(l->ready));
  snprintf(key, sizeof(key), "%s_ratio", prefix);
  json_object_set_new(row, key, l->total ? json_real((double)l->met / l->total) : json_null());
}

static const struct cadre_column readiness_columns[] = {
    {"school_name", "Trường", CC_TEXT, 34},
    {"province_name", "Tỉnh, thành phố / Bộ, ngành", CC_TEXT, 26},
    {"state_title", "Trạng thái hồ sơ", CC_TEXT, 26},
    {"target_level", "Mức đăng ký", CC_INT, 8},
    {"level1_met", "Mức 1: đạt", CC_INT, 9},
    {"level1_total", "Mức 1: tổng", CC_INT, 9},
    {"level1_unmet_mandatory", "Mức 1: bắt buộc chưa đạt", CC_INT, 12},
    {"level2_met", "Mức 2: đạt", CC_INT, 9},
    {"level2_total", "Mức 2: tổng", CC_INT, 9},
    {"level2_unmet_mandatory", "Mức 2: bắt buộc chưa đạt", CC_INT, 12},
};

int accr_report_readiness(cadre_req *req) {
  int64_t version;
  int rc = report_version(req, &version);
  if (rc)
    return rc;
  json_t *schools = schools_with_cycle(req, version);
  json_t *blank = accr_cycle_leaves(req, 0, version); /* the version with no results */
  if (!schools || !blank)
    return cadre_db_fail(req);
  size_t i;
  json_t *row;
  json_array_foreach(schools, i, row) {
    int64_t cycle = cadre_jint(row, "cycle_id", 0);
    json_t *leaves = cycle ? accr_cycle_leaves(req, cycle, version) : blank;
    if (!leaves)
      return cadre_db_fail(req);
    struct accr_readiness r;
    accr_readiness_of(leaves, ACCR_L_COUNT, &r);
    put_level(row, "level1", &r.level[0]);
    put_level(row, "level2", &r.level[1]);
    enum accr_state s;
    json_object_set_new(row, "state_title",
                        json_string(accr_state_parse(cadre_jstr(row, "state"), &s) ? accr_state_title(s)
                                                                                   : "Chưa có kỳ đánh giá"));
  }
  if (wants_table(req))
    return cadre_reply_table(req, accr_format(req), "muc-do-san-sang",
                             "Mức độ sẵn sàng đạt chuẩn của các trường", readiness_columns,
                             NCOLS(readiness_columns), schools);
  return cadre_reply_json(req, 200, schools);
}

/* GET /cycles/{id}/readiness: the counts and the lists behind them. */
int accr_cycle_readiness(cadre_req *req) {
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, cadre_int(req, "id", 0), false, &cy);
  if (rc)
    return rc;
  json_t *leaves = accr_cycle_leaves(req, cy.id, cy.version_id);
  if (!leaves)
    return cadre_db_fail(req);
  struct accr_readiness r;
  accr_readiness_of(leaves, ACCR_L_COUNT, &r);
  json_t *out = accr_readiness_json(req, &r);
  for (int level = 1; level <= 2; level++) {
    json_t *unmet = json_array(), *mandatory = json_array();
    size_t i;
    json_t *leaf;
    json_array_foreach(leaves, i, leaf) {
      if (!accr_applies((unsigned)cadre_jint(leaf, "levels", 0), level))
        continue;
      const char *res = cadre_jstr(leaf, "central_result");
      if (!res)
        res = cadre_jstr(leaf, "provincial_result");
      if (!res)
        res = cadre_jstr(leaf, "self_result");
      bool required = cadre_jtrue(leaf, "mandatory");
      /* Met, or waived as not applicable (which a mandatory one cannot be). */
      bool met = res && (strcmp(res, "met") == 0 || (strcmp(res, "not_applicable") == 0 && !required));
      if (met)
        continue;
      json_t *item =
          json_pack("{ss ss ss* sb}", "code", cadre_jstr(leaf, "code"), "title", cadre_jstr(leaf, "title"),
                    "result", res, "mandatory", cadre_jtrue(leaf, "mandatory"));
      json_array_append(unmet, item);
      if (cadre_jint(leaf, "mandatory", 0))
        json_array_append(mandatory, item);
      json_decref(item);
    }
    json_t *lvl = json_object_get(out, level == 1 ? "level1" : "level2");
    json_object_set_new(lvl, "unmet", unmet);
    json_object_set_new(lvl, "unmet_mandatory_items", mandatory);
  }
  return cadre_reply_json(req, 200, out);
}

/* ---- Evidence coverage and expiry ---------------------------------------------------- */

static const struct cadre_column evidence_columns[] = {
    {"school_name", "Trường", CC_TEXT, 34},
    {"evidence_total", "Số minh chứng", CC_INT, 10},
    {"with_file", "Có tệp", CC_INT, 8},
    {"expired", "Hết hiệu lực", CC_INT, 10},
    {"expiring", "Sắp hết hiệu lực (30 ngày)", CC_INT, 12},
    {"covered", "Tiêu chí có minh chứng còn hiệu lực", CC_INT, 14},
    {"applicable", "Tiêu chí phải đánh giá", CC_INT, 12},
};

int accr_report_evidence(cadre_req *req) {
  int64_t version;
  int rc = report_version(req, &version);
  if (rc)
    return rc;
  const char *today = cadre_today(req);
  /* Expiring: valid until within the warning window (inclusive). */
  json_t *rows = cadre_db_rows(
      req,
      "SELECT a.id AS school_id, a.name AS school_name, c.id AS cycle_id, c.target_level,"
      " (SELECT COUNT(*) FROM accreditation_evidence e WHERE e.school_agency_id = a.id)"
      " AS evidence_total,"
      " (SELECT COUNT(*) FROM accreditation_evidence e WHERE e.school_agency_id = a.id"
      " AND e.file_id IS NOT NULL) AS with_file,"
      " (SELECT COUNT(*) FROM accreditation_evidence e WHERE e.school_agency_id = a.id"
      " AND e.valid_until < ?) AS expired,"
      " (SELECT COUNT(*) FROM accreditation_evidence e WHERE e.school_agency_id = a.id"
      " AND e.valid_until >= ? AND e.valid_until <= DATE_ADD(?, INTERVAL ? DAY)) AS expiring,"
      " (SELECT COUNT(*) FROM accreditation_criterion k WHERE k.version_id = ?"
      " AND k.kind <> 'group' AND (k.levels & POW(2, COALESCE(c.target_level, 1) - 1)) > 0"
      " AND NOT EXISTS (SELECT 1 FROM accreditation_criterion ch WHERE ch.parent_id = k.id))"
      " AS applicable,"
      " (SELECT COUNT(DISTINCT l.criterion_id) FROM accreditation_evidence_link l"
      " JOIN accreditation_evidence e ON e.id = l.evidence_id"
      " JOIN accreditation_criterion k ON k.id = l.criterion_id"
      " WHERE l.cycle_id = c.id AND (k.levels & POW(2, c.target_level - 1)) > 0"
      " AND (e.valid_until IS NULL OR e.valid_until >= ?)"
      " AND (e.valid_from IS NULL OR e.valid_from <= ?)) AS covered"
      " FROM agency a LEFT JOIN accreditation_cycle c ON c.id = (SELECT MAX(c2.id)"
      " FROM accreditation_cycle c2 WHERE c2.school_agency_id = a.id AND c2.version_id = ?)"
      " WHERE a.kind IN ('political_school', 'sector_school') AND a.status = 'active'"
      " AND" ACCR_SCHOOL_VISIBLE("a.id") " ORDER BY a.kind DESC, a.code",
      CV_ARGS(CV_STR(today), CV_STR(today), CV_STR(today), CV_INT(ACCR_EXPIRY_WARNING_DAYS), CV_INT(version),
              CV_STR(today), CV_STR(today), CV_INT(version), ACCR_VIS_ARGS(req)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int64_t covered = cadre_jint(r, "covered", 0);
    int64_t applicable = cadre_jint(r, "applicable", 0);
    json_object_set_new(r, "coverage",
                        applicable ? json_real((double)covered / (double)applicable) : json_null());
  }
  if (wants_table(req))
    return cadre_reply_table(req, accr_format(req), "minh-chung", "Độ bao phủ và hiệu lực của minh chứng",
                             evidence_columns, NCOLS(evidence_columns), rows);
  return cadre_reply_json(req, 200, rows);
}

/* ---- The council summary sheet of a cycle --------------------------------------------- */

static const struct cadre_column summary_columns[] = {
    {"code", "Mã", CC_TEXT, 10},
    {"title", "Tiêu chí, chỉ báo", CC_TEXT, 50},
    {"levels_text", "Mức", CC_TEXT, 6},
    {"mandatory_text", "Bắt buộc", CC_TEXT, 8},
    {"max_score", "Điểm tối đa", CC_NUM, 8},
    {"self_text", "Tự đánh giá", CC_TEXT, 14},
    {"self_score", "Điểm tự chấm", CC_NUM, 8},
    {"provincial_text", "HĐ cấp tỉnh", CC_TEXT, 14},
    {"provincial_score", "Điểm HĐ tỉnh", CC_NUM, 8},
    {"central_text", "HĐ Trung ương", CC_TEXT, 14},
    {"central_score", "Điểm HĐ TW", CC_NUM, 8},
    {"evidence_count", "Số minh chứng", CC_INT, 8},
};

static void result_text(json_t *row, const char *key, const char *out_key) {
  enum accr_result r;
  if (!accr_result_parse(cadre_jstr(row, key), &r))
    r = ACCR_R_NONE;
  json_object_set_new(row, out_key, json_string(accr_result_title(r)));
}

int accr_cycle_summary(cadre_req *req) {
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, cadre_int(req, "id", 0), false, &cy);
  if (rc)
    return rc;
  json_t *leaves = accr_cycle_leaves(req, cy.id, cy.version_id);
  json_t *school = cadre_db_row(req,
                                "SELECT s.name AS school_name, v.code AS version_code, v.is_sample"
                                " FROM agency s JOIN accreditation_version v ON v.id = ?"
                                " WHERE s.id = ?",
                                CV_ARGS(CV_INT(cy.version_id), CV_INT(cy.school_id)));
  if (!leaves || !school)
    return cadre_db_fail(req);
  size_t i;
  json_t *row;
  json_array_foreach(leaves, i, row) {
    unsigned levels = (unsigned)cadre_jint(row, "levels", 0);
    json_object_set_new(row, "levels_text", json_string(levels == 3 ? "1, 2" : levels == 1 ? "1" : "2"));
    json_object_set_new(row, "mandatory_text", json_string(cadre_jint(row, "mandatory", 0) ? "x" : ""));
    result_text(row, "self_result", "self_text");
    result_text(row, "provincial_result", "provincial_text");
    result_text(row, "central_result", "central_text");
  }
  const char *name = cadre_jstr(school, "school_name");
  if (wants_table(req))
    return cadre_reply_table(
        req, accr_format(req), "phieu-tong-hop",
        cadre_printf(req, "Phiếu tổng hợp kết quả đánh giá — %s — %s", name, cadre_jstr(cy.row, "title")),
        summary_columns, NCOLS(summary_columns), leaves);
  struct accr_readiness r;
  accr_readiness_of(leaves, ACCR_L_COUNT, &r);
  json_t *out = cadre_json_obj(req);
  json_object_update(out, school);
  json_object_set(out, "cycle", cy.row);
  json_object_set_new(out, "state_title", json_string(accr_state_title(cy.state)));
  json_object_set(out, "readiness", accr_readiness_json(req, &r));
  json_object_set(out, "items", leaves);
  return cadre_reply_json(req, 200, out);
}

/* ---- The five-year review ------------------------------------------------------------ */

static const struct cadre_column review_columns[] = {
    {"year", "Năm", CC_INT, 8},
    {"cycles_submitted", "Hồ sơ nộp cấp tỉnh", CC_INT, 12},
    {"recognised_level1", "Công nhận mức 1", CC_INT, 12},
    {"recognised_level2", "Công nhận mức 2", CC_INT, 12},
    {"not_recognised", "Không công nhận", CC_INT, 12},
    {"inspections", "Đợt kiểm tra duy trì", CC_INT, 12},
    {"warnings", "Cảnh báo", CC_INT, 10},
    {"withdrawn", "Thu hồi công nhận", CC_INT, 12},
    {"cumulative_level1", "Lũy kế mức 1", CC_INT, 12},
    {"cumulative_level2", "Lũy kế mức 2", CC_INT, 12},
};

/* Counts one fact per year for the visible schools. */
static json_t *per_year(cadre_req *req, const char *sql, int from, int to) {
  return cadre_db_rows(req, sql, CV_ARGS(CV_INT(from), CV_INT(to), ACCR_VIS_ARGS(req)));
}

static int64_t count_for(json_t *rows, int year) {
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) if (cadre_jint(r, "y", 0) == year) return (int64_t)cadre_jnum(r, "n", 0);
  return 0;
}

int accr_report_review(cadre_req *req) {
  json_t *plan = accr_current_plan(req);
  if (!plan && cadre_db_errno(req))
    return cadre_db_fail(req);
  int from = (int)cadre_int(req, "from", plan ? cadre_jint(plan, "year_from", 0) : 0);
  int to = (int)cadre_int(req, "to", plan ? cadre_jint(plan, "year_to", 0) : 0);
  if (!from || !to)
    return cadre_fail(req, 422, "period_required",
                      "Chưa có kế hoạch giai đoạn; cần chọn năm bắt đầu và kết thúc.");
  if (to < from || to - from > 20)
    return cadre_fail(req, 422, "period_invalid", "Khoảng năm không hợp lệ.");
  json_t *submitted = per_year(req,
                               "SELECT YEAR(c.submitted_at) AS y, COUNT(*) AS n"
                               " FROM accreditation_cycle c WHERE YEAR(c.submitted_at) BETWEEN ? AND ?"
                               " AND" ACCR_CYCLE_VISIBLE("c") " GROUP BY y",
                               from, to);
  json_t *rec1 = per_year(req,
                          "SELECT YEAR(r.decision_date) AS y, COUNT(*) AS n"
                          " FROM accreditation_recognition r WHERE r.level = 1"
                          " AND YEAR(r.decision_date) BETWEEN ? AND ? AND" ACCR_SCHOOL_VISIBLE(
                              "r.school_agency_id") " GROUP BY y",
                          from, to);
  json_t *rec2 = per_year(req,
                          "SELECT YEAR(r.decision_date) AS y, COUNT(*) AS n"
                          " FROM accreditation_recognition r WHERE r.level = 2"
                          " AND YEAR(r.decision_date) BETWEEN ? AND ? AND" ACCR_SCHOOL_VISIBLE(
                              "r.school_agency_id") " GROUP BY y",
                          from, to);
  json_t *refused =
      per_year(req,
               "SELECT YEAR(c.decided_at) AS y, COUNT(*) AS n"
               " FROM accreditation_cycle c WHERE c.state = 'not_recognised'"
               " AND YEAR(c.decided_at) BETWEEN ? AND ? AND" ACCR_CYCLE_VISIBLE("c") " GROUP BY y",
               from, to);
  json_t *insp = per_year(req,
                          "SELECT YEAR(i.inspection_date) AS y, COUNT(*) AS n,"
                          " SUM(i.outcome = 'warning') AS w, SUM(i.outcome = 'withdrawn') AS x"
                          " FROM accreditation_inspection i JOIN accreditation_recognition r"
                          " ON r.id = i.recognition_id WHERE YEAR(i.inspection_date) BETWEEN ? AND ?"
                          " AND" ACCR_SCHOOL_VISIBLE("r.school_agency_id") " GROUP BY y",
                          from, to);
  if (!submitted || !rec1 || !rec2 || !refused || !insp)
    return cadre_db_fail(req);
  json_t *rows = cadre_json_arr(req);
  int64_t cum1 = 0, cum2 = 0;
  for (int y = from; y <= to; y++) {
    int64_t w = 0, x = 0;
    size_t i;
    json_t *r;
    json_array_foreach(insp, i, r) if (cadre_jint(r, "y", 0) == y) {
      w = (int64_t)cadre_jnum(r, "w", 0);
      x = (int64_t)cadre_jnum(r, "x", 0);
    }
    cum1 += count_for(rec1, y);
    cum2 += count_for(rec2, y);
    json_array_append_new(
        rows, json_pack("{si sI sI sI sI sI sI sI sI sI}", "year", y, "cycles_submitted",
                        (json_int_t)count_for(submitted, y), "recognised_level1",
                        (json_int_t)count_for(rec1, y), "recognised_level2", (json_int_t)count_for(rec2, y),
                        "not_recognised", (json_int_t)count_for(refused, y), "inspections",
                        (json_int_t)count_for(insp, y), "warnings", (json_int_t)w, "withdrawn", (json_int_t)x,
                        "cumulative_level1", (json_int_t)cum1, "cumulative_level2", (json_int_t)cum2));
  }
  if (wants_table(req))
    return cadre_reply_table(req, accr_format(req), "so-ket-5-nam",
                             cadre_printf(req,
                                          "Sơ kết thực hiện Quy định trường chính trị chuẩn"
                                          " (%d-%d)",
                                          from, to),
                             review_columns, NCOLS(review_columns), rows);
  json_t *out = cadre_json_obj(req);
  json_object_set(out, "plan", plan ? plan : json_null());
  json_object_set_new(out, "from", json_integer(from));
  json_object_set_new(out, "to", json_integer(to));
  json_object_set(out, "years", rows);
  return cadre_reply_json(req, 200, out);
}

/* ---- Labels for the pages ----------------------------------------------------------- */

int accr_meta(cadre_req *req) {
  json_t *out = cadre_json_obj(req);
  json_t *states = json_array(), *actions = json_array(), *results = json_array(), *quals = json_array(),
         *transitions = json_array();
  for (int s = 0; s < ACCR_S_COUNT; s++)
    json_array_append_new(states,
                          json_pack("{ss ss}", "code", accr_state_code(s), "title", accr_state_title(s)));
  for (int a = 0; a < ACCR_A_COUNT; a++)
    json_array_append_new(actions,
                          json_pack("{ss ss}", "code", accr_action_code(a), "title", accr_action_title(a)));
  for (int r = ACCR_R_MET; r <= ACCR_R_NOT_APPLICABLE; r++)
    json_array_append_new(results,
                          json_pack("{ss ss}", "code", accr_result_code(r), "title", accr_result_title(r)));
  for (int q = 0; q < ACCR_Q_COUNT; q++)
    json_array_append_new(quals,
                          json_pack("{ss ss}", "code", accr_qual_code(q), "title", accr_qual_title(q)));
  const struct accr_transition *t;
  size_t n = accr_transition_table(&t);
  for (size_t i = 0; i < n; i++)
    json_array_append_new(transitions, json_pack("{ss ss ss si}", "from", accr_state_code(t[i].from),
                                                 "action", accr_action_code(t[i].action), "to",
                                                 accr_state_code(t[i].to), "actors", (int)t[i].actors));
  json_object_set_new(out, "states", states);
  json_object_set_new(out, "actions", actions);
  json_object_set_new(out, "results", results);
  json_object_set_new(out, "qualifications", quals);
  json_object_set_new(out, "transitions", transitions);
  json_object_set_new(out, "expiry_warning_days", json_integer(ACCR_EXPIRY_WARNING_DAYS));
  return cadre_reply_json(req, 200, out);
}
