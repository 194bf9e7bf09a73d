/*
 * Classes: the list a caller may see, one class with everything its page
 * shows (units and allotments, the seven steps with their deadlines and
 * warnings, contracts, the admission funnel), changes to its mode, size and
 * dates, and allotments per sending unit.
 *
 * Caps are the schema's: a class's cap follows its mode, and the counters
 * of allotments and active dossiers carry CHECK constraints, so a change
 * that would leave a class over its cap fails in the database whatever the
 * handler checked before; the handler's own checks only pick the message.
 */
#include <string.h>

#include "llct.h"

#define CLASS_VISIBLE                                                                                        \
  " (" CADRE_SCOPE_EXISTS("c.school_agency_id") " OR " CADRE_SCOPE_EXISTS(                                   \
      "p.agency_id") " OR EXISTS (SELECT 1 FROM llct_allotment va WHERE va.class_id = c.id "                 \
                     "AND " CADRE_SCOPE_EXISTS("va.agency_id") ")) "

static const struct cadre_column class_cols[] = {
    {"code", "Ký hiệu lớp", CC_TEXT, 12},
    {"month", "Tháng", CC_INT, 7},
    {"mode_title", "Hình thức", CC_TEXT, 16},
    {"planned_learners", "Học viên dự kiến", CC_INT, 10},
    {"cap", "Sĩ số tối đa", CC_INT, 10},
    {"allotted_total", "Chỉ tiêu đã giao", CC_INT, 10},
    {"active_count", "Hồ sơ đang xét/học", CC_INT, 10},
    {"location", "Địa điểm", CC_TEXT, 30},
    {"opening_on", "Khai giảng", CC_DATE, 12},
    {"steps_done", "Số bước đã xong", CC_INT, 8},
    {"units", "Đơn vị cử học viên", CC_TEXT, 50},
};

static void add_mode_title(json_t *row) {
  json_object_set_new(row, "mode_title",
                      json_string(llct_mode_title(llct_mode_from_code(cadre_jstr(row, "mode")))));
}

int llct_classes_list(cadre_req *req) {
  int64_t root = cadre_scope_root(req);
  int64_t plan = cadre_int(req, "plan", 0), month = cadre_int(req, "month", 0);
  const char *q = cadre_like_contains(cadre_arena_of(req), cadre_str(req, "q"));
  json_t *rows = cadre_db_rows(
      req,
      "SELECT c.id, c.plan_id, c.code, c.month, c.year, c.mode, c.mode_basis, c.cap,"
      " c.planned_learners, c.allotted_total, c.active_count, c.location, c.opening_on,"
      " c.status, s.name AS school_name, l.appendix, l.split_decided,"
      " (SELECT COUNT(*) FROM llct_step st WHERE st.class_id = c.id AND st.completed = 1)"
      "   AS steps_done,"
      " (SELECT GROUP_CONCAT(CONCAT(al.name_text, IF(al.allotted IS NULL, '',"
      "   CONCAT(': ', al.allotted))) ORDER BY al.seq SEPARATOR '; ')"
      "   FROM llct_allotment al WHERE al.class_id = c.id) AS units,"
      " (" CADRE_SCOPE_EXISTS("c.school_agency_id") " OR " CADRE_SCOPE_EXISTS(
          "p.agency_id") ") AS can_manage"
                         " FROM llct_class c JOIN llct_plan p ON p.id = c.plan_id"
                         " JOIN llct_line l ON l.id = c.line_id JOIN agency s ON s.id = c.school_agency_id"
                         " WHERE" CLASS_VISIBLE " AND (? = 0 OR c.plan_id = ?) AND (? = 0 OR c.month = ?)"
                         " AND (? IS NULL OR c.code LIKE ? OR c.location LIKE ?"
                         "   OR EXISTS (SELECT 1 FROM llct_allotment qa WHERE qa.class_id = c.id"
                         "     AND qa.name_text LIKE ?))"
                         " ORDER BY c.plan_id DESC, l.appendix, c.month, c.line_id, c.seq_in_line",
      CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(root), CV_INT(root), CV_INT(root), CV_INT(plan),
              CV_INT(plan), CV_INT(month), CV_INT(month), CV_STR(q), CV_STR(q), CV_STR(q), CV_STR(q)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) add_mode_title(r);
  int st = llct_maybe_export(req, "danh-sach-lop", "Danh sách lớp trung cấp LLCT", class_cols,
                             sizeof(class_cols) / sizeof(class_cols[0]), rows);
  return st ? st : cadre_reply_json(req, 200, rows);
}

/* ---- one class ------------------------------------------------------------------- */

static json_t *steps_json(cadre_req *req, llct_class_ref *c) {
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT st.step, st.planned_start, st.planned_on, st.start_on, st.done_on, st.report_on,"
                    " st.appraisal_on, st.completed, st.responsible_agency_id, a.name AS responsible_name,"
                    " st.responsible_text, st.doc_number, st.doc_on, st.note, st.warnings_json"
                    " FROM llct_step st LEFT JOIN agency a ON a.id = st.responsible_agency_id"
                    " WHERE st.class_id = ? ORDER BY st.step",
                    CV_ARGS(CV_INT(c->id)));
  llct_step_dates st[LLCT_STEPS + 1];
  if (!rows || llct_steps_load(req, c->id, st) < 0)
    return NULL;
  llct_step_rules rules;
  llct_rules_from_row(c->row, &rules);
  llct_class_dates cd;
  llct_class_dates_of(c->row, &cd);
  int64_t today = llct_today(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int k = (int)cadre_jint(r, "step", 0);
    int64_t due = llct_step_due(&rules, &cd, st, k);
    llct_due_status ds = llct_due_classify(due, st[k].completed ? st[k].done_on : LLCT_NO_DAY, today, 7);
    json_object_set_new(r, "title", json_string(llct_step_title(k)));
    json_object_set_new(r, "due_on", llct_day_json(req, due));
    json_object_set_new(r, "due_status", json_string(llct_due_status_code(ds)));
    unsigned deps = llct_step_depends(k);
    json_t *dv = json_array();
    for (int j = 1; j <= LLCT_STEPS; j++)
      if (deps & (1u << (j - 1)))
        json_array_append_new(dv, json_integer(j));
    json_object_set_new(r, "depends_on", dv);
  }
  return rows;
}

/* The admission funnel: how many dossiers reached each stage (a graduate
 * was also admitted and enrolled), and where the others stopped. */
static json_t *funnel_json(cadre_req *req, int64_t class_id) {
  return cadre_db_row(req,
                      "SELECT COUNT(*) AS submitted,"
                      " COALESCE(SUM(state IN ('submitted','under_review')), 0) AS pending,"
                      " COALESCE(SUM(state = 'needs_supplement'), 0) AS needs_supplement,"
                      " COALESCE(SUM(state IN ('eligible','admitted','enrolled','studying','graduated')"
                      "   OR admitted_on IS NOT NULL), 0) AS eligible,"
                      " COALESCE(SUM(state = 'ineligible'), 0) AS ineligible,"
                      " COALESCE(SUM(admitted_on IS NOT NULL), 0) AS admitted,"
                      " COALESCE(SUM(enrolled_on IS NOT NULL), 0) AS enrolled,"
                      " COALESCE(SUM(state = 'studying'), 0) AS studying,"
                      " COALESCE(SUM(state = 'graduated'), 0) AS graduated,"
                      " COALESCE(SUM(state = 'dropped'), 0) AS dropped,"
                      " COALESCE(SUM(state = 'withdrawn'), 0) AS withdrawn"
                      " FROM llct_learner WHERE class_id = ?",
                      CV_ARGS(CV_INT(class_id)));
}

int llct_class_get(cadre_req *req) {
  llct_class_ref c;
  int st = llct_class_open(req, cadre_int(req, "id", 0), false, &c);
  if (st)
    return st;
  json_t *allot =
      cadre_db_rows(req,
                    "SELECT al.id, al.seq, al.agency_id, al.name_text, al.note, al.allotted, al.nominated,"
                    " a.code AS agency_code, a.name AS agency_name, a.status AS agency_status,"
                    " " CADRE_SCOPE_EXISTS(
                        "al.agency_id") " AS mine,"
                                        " k.contract_no, k.signed_on, k.fee_amount, k.paid_on"
                                        " FROM llct_allotment al LEFT JOIN agency a ON a.id = al.agency_id"
                                        " LEFT JOIN llct_contract k ON k.class_id = al.class_id AND "
                                        "k.agency_id = al.agency_id"
                                        " WHERE al.class_id = ? ORDER BY al.seq",
                    CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(c.id)));
  json_t *steps = steps_json(req, &c);
  json_t *funnel = funnel_json(req, c.id);
  if (!allot || !steps || !funnel)
    return cadre_db_fail(req);
  json_t *out = c.row;
  add_mode_title(out);
  json_object_set(out, "allotments", allot);
  json_object_set(out, "steps", steps);
  json_object_set(out, "funnel", funnel);
  json_object_set_new(out, "can_manage", json_boolean(c.manage));
  return cadre_reply_json(req, 200, out);
}

/* ---- changing a class -------------------------------------------------------------- */

typedef struct update_ctx {
  int64_t id;
  json_t *before;
  llct_violation v[24];
  int nv;
} update_ctx;

static const char *field_or(cadre_req *req, json_t *row, const char *name) {
  return cadre_has(req, name) ? cadre_str(req, name) : cadre_jstr(row, name);
}

/* Replies 422 with the first refusal and all violations. */
int llct_refuse_violations(cadre_req *req, const llct_violation *v, int n) {
  json_t *list = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(
        list, json_pack("{s:i, s:s, s:s, s:s}", "step", v[i].step, "code", v[i].code, "severity",
                        v[i].severity == LLCT_SEV_REFUSAL ? "refusal" : "warning", "message", v[i].message));
  json_t *extra = cadre_keep(req, json_pack("{s:o}", "violations", list));
  return cadre_fail_with(req, 422, v[0].code, extra, "%s", v[0].message);
}

static int update_tx(cadre_req *req, void *p) {
  update_ctx *u = p;
  llct_class_ref c;
  int st = llct_class_manage(req, u->id, true, &c);
  if (st)
    return st;
  u->before = c.row;
  const char *mode = field_or(req, c.row, "mode");
  bool mode_changed =
      cadre_has(req, "mode") && (!cadre_jstr(c.row, "mode") || strcmp(mode, cadre_jstr(c.row, "mode")) != 0);
  llct_step_dates steps[LLCT_STEPS + 1];
  if (llct_steps_load(req, c.id, steps) < 0)
    return cadre_db_fail(req);
  if (mode_changed && steps[7].completed)
    return cadre_fail(req, 409, "mode_locked",
                      "Lớp đã có quyết định mở lớp: không thể đổi hình thức đào tạo.");
  int cap = (int)cadre_jint(c.row, "cap", 80);
  if (mode_changed)
    cap = (int)cadre_jint(
        c.row, llct_mode_from_code(mode) == LLCT_MODE_FULL_TIME ? "cap_full_time" : "cap_part_time", 80);
  int64_t planned = cadre_has(req, "planned_learners") ? cadre_int(req, "planned_learners", 0)
                                                       : cadre_jint(c.row, "planned_learners", 0);
  /* the messages; the CHECK constraints are the guarantee */
  if (planned > cap)
    return cadre_fail(req, 422, "planned_over_cap",
                      "Số học viên dự kiến %lld vượt sĩ số tối đa %d của lớp %s.", (long long)planned, cap,
                      llct_mode_title(llct_mode_from_code(mode)));
  if (cadre_jint(c.row, "active_count", 0) > cap)
    return cadre_fail(req, 422, "class_over_cap",
                      "Lớp đã có %lld hồ sơ, vượt sĩ số tối đa %d nếu đổi hình thức.",
                      (long long)cadre_jint(c.row, "active_count", 0), cap);
  if (cadre_jint(c.row, "allotted_total", 0) > cap)
    return cadre_fail(req, 422, "allotments_over_cap",
                      "Tổng chỉ tiêu đã giao (%lld) vượt sĩ số tối đa %d nếu đổi hình thức.",
                      (long long)cadre_jint(c.row, "allotted_total", 0), cap);
  /* new dates are held against the steps' rules */
  llct_class_dates cd = {
      .opening_on = llct_day(field_or(req, c.row, "opening_on")),
      .enrolment_on = llct_day(field_or(req, c.row, "enrolment_on")),
      .end_on = llct_day(field_or(req, c.row, "end_on")),
      .first_module_end_on = llct_day(field_or(req, c.row, "first_module_end_on")),
      .mode_decided = mode != NULL,
  };
  if (cd.end_on != LLCT_NO_DAY && cd.opening_on != LLCT_NO_DAY && cd.end_on < cd.opening_on)
    return cadre_fail(req, 422, "bad_period", "Ngày kết thúc trước ngày khai giảng.");
  if (cd.first_module_end_on != LLCT_NO_DAY && cd.opening_on != LLCT_NO_DAY &&
      cd.first_module_end_on < cd.opening_on)
    return cadre_fail(req, 422, "bad_period", "Học phần thứ nhất kết thúc trước ngày khai giảng.");
  llct_step_rules rules;
  llct_rules_from_row(c.row, &rules);
  llct_step_facts facts;
  if (llct_step_facts_load(req, c.id, &facts) < 0)
    return cadre_db_fail(req);
  u->nv = llct_check_steps(&rules, &cd, steps, &facts, llct_today(req), u->v, 24);
  if (u->nv > 0 && u->v[0].severity == LLCT_SEV_REFUSAL)
    return llct_refuse_violations(req, u->v, u->nv);
  int64_t n = cadre_db_exec(
      req,
      "UPDATE llct_class SET mode = ?, mode_basis = IF(?, 'set', mode_basis), cap = ?,"
      " planned_learners = ?, opening_on = ?, enrolment_on = ?, end_on = ?,"
      " first_module_end_on = ?, location = ? WHERE id = ?",
      CV_ARGS(CV_STR(mode), CV_INT(mode_changed), CV_INT(cap), CV_INT_IF(planned > 0, planned),
              CV_STR(field_or(req, c.row, "opening_on")), CV_STR(field_or(req, c.row, "enrolment_on")),
              CV_STR(field_or(req, c.row, "end_on")), CV_STR(field_or(req, c.row, "first_module_end_on")),
              CV_STR(field_or(req, c.row, "location")), CV_INT(c.id)));
  if (n < 0 && llct_db_is_check_failure(req))
    return cadre_fail(req, 422, "class_over_cap", "Thay đổi làm lớp vượt sĩ số tối đa: không thực hiện.");
  if (n < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req,
                               "SELECT mode, mode_basis, cap, planned_learners, opening_on,"
                               " enrolment_on, end_on, first_module_end_on, location"
                               " FROM llct_class WHERE id = ?",
                               CV_ARGS(CV_INT(c.id)));
  if (!after || cadre_audit(req, "llct.class", c.id, "update", u->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int llct_class_update(cadre_req *req) {
  update_ctx u = {.id = cadre_int(req, "id", 0)};
  int st = cadre_tx(req, update_tx, &u);
  if (st)
    return st;
  json_t *warnings = json_array();
  for (int i = 0; i < u.nv; i++)
    json_array_append_new(warnings, json_pack("{s:i, s:s, s:s}", "step", u.v[i].step, "code", u.v[i].code,
                                              "message", u.v[i].message));
  json_t *body = json_pack("{s:b, s:I, s:o}", "ok", 1, "id", (json_int_t)u.id, "warnings", warnings);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}

/* ---- allotments ---------------------------------------------------------------------- */

static int allotment_tx(cadre_req *req, void *p) {
  int64_t *id = p;
  llct_class_ref c;
  int st = llct_class_manage(req, *id, true, &c);
  if (st)
    return st;
  int64_t agency = cadre_int(req, "agency_id", 0);
  int64_t allotted = cadre_int(req, "allotted", 0);
  const char *name = cadre_db_str(req, "SELECT name FROM agency WHERE id = ? AND status <> 'disabled'",
                                  CV_ARGS(CV_INT(agency)));
  if (!name)
    return cadre_fail(req, 422, "unknown_agency", "Không có đơn vị này.");
  json_t *before = cadre_db_row(req,
                                "SELECT id, allotted, nominated FROM llct_allotment"
                                " WHERE class_id = ? AND agency_id = ? FOR UPDATE",
                                CV_ARGS(CV_INT(c.id), CV_INT(agency)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  int64_t nominated = cadre_jint(before, "nominated", 0);
  if (allotted < nominated)
    return cadre_fail(req, 409, "allotment_below_nominated",
                      "Đơn vị đã cử %lld người: chỉ tiêu không thể thấp hơn.", (long long)nominated);
  int64_t others = cadre_jint(c.row, "allotted_total", 0) - cadre_jint(before, "allotted", 0);
  if (others + allotted > cadre_jint(c.row, "cap", 0))
    return cadre_fail(req, 422, "allotment_over_cap",
                      "Tổng chỉ tiêu các đơn vị (%lld) sẽ vượt sĩ số tối đa %lld của lớp.",
                      (long long)(others + allotted), (long long)cadre_jint(c.row, "cap", 0));
  int64_t n;
  if (allotted == 0 && before)
    n = cadre_db_exec(req, "DELETE FROM llct_allotment WHERE id = ? AND nominated = 0",
                      CV_ARGS(CV_INT(cadre_jint(before, "id", 0))));
  else if (allotted == 0)
    return cadre_fail(req, 422, "validation_failed", "Chỉ tiêu phải lớn hơn 0.");
  else if (before)
    n = cadre_db_exec(req, "UPDATE llct_allotment SET allotted = ? WHERE id = ?",
                      CV_ARGS(CV_INT(allotted), CV_INT(cadre_jint(before, "id", 0))));
  else
    n = cadre_db_exec(req,
                      "INSERT INTO llct_allotment (class_id, seq, agency_id, name_text, allotted)"
                      " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM llct_allotment"
                      " WHERE class_id = ?",
                      CV_ARGS(CV_INT(c.id), CV_INT(agency), CV_STR(name), CV_INT(allotted), CV_INT(c.id)));
  if (n < 0 && llct_db_is_check_failure(req))
    return cadre_fail(req, 422, "allotment_over_cap",
                      "Chỉ tiêu vượt sĩ số tối đa của lớp hoặc thấp hơn số người đã cử.");
  if (n < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:I, s:I}", "agency_id", (json_int_t)agency, "allotted", (json_int_t)allotted);
  int rc = cadre_audit(req, "llct.allotment", c.id, "set", before, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int llct_allotment_set(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int st = cadre_tx(req, allotment_tx, &id);
  return st ? st : cadre_reply_ok(req, id);
}
