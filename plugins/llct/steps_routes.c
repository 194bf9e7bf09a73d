/*
 * Recording the admission steps of a class: planned and actual dates,
 * responsible unit, document number, completion. The proposed state of all
 * seven steps goes through the rule engine (steps.c): a refusal answers 422
 * and writes nothing; warnings are stored on the step and shown.
 *
 * Completing a step has consequences the seed describes: the admission
 * decision (step 4) admits every eligible dossier and is sent to the
 * sending units; the opening decision (step 7) puts every enrolled learner
 * into the class.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "llct.h"

typedef struct step_ctx {
  int64_t class_id;
  int step;
  llct_violation v[32];
  int nv;
  long admitted, opened;
} step_ctx;

static const char *date_or(cadre_req *req, json_t *row, const char *name) {
  return cadre_has(req, name) ? cadre_str(req, name) : cadre_jstr(row, name);
}

static void apply_dates(cadre_req *req, llct_step_dates *d) {
  static const struct {
    const char *name;
    size_t off;
  } fields[] = {
      {"planned_start", offsetof(llct_step_dates, planned_start)},
      {"planned_on", offsetof(llct_step_dates, planned_on)},
      {"start_on", offsetof(llct_step_dates, start_on)},
      {"done_on", offsetof(llct_step_dates, done_on)},
      {"report_on", offsetof(llct_step_dates, report_on)},
      {"appraisal_on", offsetof(llct_step_dates, appraisal_on)},
  };
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
    if (cadre_has(req, fields[i].name))
      *(int64_t *)((char *)d + fields[i].off) = llct_day(cadre_str(req, fields[i].name));
}

/* Step 4: every eligible dossier is admitted by the decision. */
static int admit_eligible(cadre_req *req, step_ctx *s, const char *on, const char *doc) {
  int64_t uid = cadre_user_id(req);
  if (cadre_db_exec(req,
                    "INSERT INTO llct_learner_event (learner_id, from_state, to_state, on_date,"
                    " doc_no, user_id) SELECT id, state, 'admitted', ?, ?, ? FROM llct_learner"
                    " WHERE class_id = ? AND state = 'eligible'",
                    CV_ARGS(CV_STR(on), CV_STR(doc), CV_INT(uid), CV_INT(s->class_id))) < 0)
    return cadre_db_fail(req);
  int64_t n = cadre_db_exec(req,
                            "UPDATE llct_learner SET state = 'admitted', admitted_on = ?,"
                            " admission_doc = ? WHERE class_id = ? AND state = 'eligible'",
                            CV_ARGS(CV_STR(on), CV_STR(doc), CV_INT(s->class_id)));
  if (n < 0)
    return cadre_db_fail(req);
  s->admitted = (long)n;
  /* the decision goes to the units that send the admitted learners */
  json_t *units =
      cadre_db_rows(req,
                    "SELECT l.sending_agency_id, COUNT(*) AS n, c.code,"
                    " GROUP_CONCAT(l.full_name ORDER BY l.full_name SEPARATOR ', ') AS names"
                    " FROM llct_learner l JOIN llct_class c ON c.id = l.class_id"
                    " WHERE l.class_id = ? AND l.state = 'admitted' GROUP BY l.sending_agency_id, c.code",
                    CV_ARGS(CV_INT(s->class_id)));
  if (!units)
    return cadre_db_fail(req);
  size_t i;
  json_t *u;
  json_array_foreach(units, i, u) {
    const char *subject = cadre_printf(req, "Quyết định công nhận trúng tuyển lớp %s", cadre_jstr(u, "code"));
    const char *body = cadre_printf(
        req,
        "Nhà trường đã ban hành Quyết định số %s ngày %s công nhận trúng tuyển lớp trung cấp "
        "lý luận chính trị %s.\nHọc viên của đơn vị trúng tuyển (%lld): %s.\n",
        doc ? doc : "", on, cadre_jstr(u, "code"), (long long)cadre_jint(u, "n", 0), cadre_jstr(u, "names"));
    const char *key = cadre_printf(req, "llct-admit-%lld-%lld", (long long)s->class_id,
                                   (long long)cadre_jint(u, "sending_agency_id", 0));
    if (cadre_outbox_email_agency(req, cadre_jint(u, "sending_agency_id", 0), NULL, subject, body, key) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

/* Step 7: enrolled learners are in the opened class. */
static int open_class(cadre_req *req, step_ctx *s, const char *on, const char *doc) {
  if (cadre_db_exec(req,
                    "INSERT INTO llct_learner_event (learner_id, from_state, to_state, on_date,"
                    " doc_no, user_id) SELECT id, state, 'studying', ?, ?, ? FROM llct_learner"
                    " WHERE class_id = ? AND state = 'enrolled'",
                    CV_ARGS(CV_STR(on), CV_STR(doc), CV_INT(cadre_user_id(req)), CV_INT(s->class_id))) < 0)
    return cadre_db_fail(req);
  int64_t n = cadre_db_exec(req,
                            "UPDATE llct_learner SET state = 'studying' WHERE class_id = ?"
                            " AND state = 'enrolled'",
                            CV_ARGS(CV_INT(s->class_id)));
  if (n < 0)
    return cadre_db_fail(req);
  s->opened = (long)n;
  if (cadre_db_exec(req, "UPDATE llct_class SET status = 'opened' WHERE id = ?",
                    CV_ARGS(CV_INT(s->class_id))) < 0)
    return cadre_db_fail(req);
  return 0;
}

static int consequences(cadre_req *req, step_ctx *s, const char *on, const char *doc) {
  switch (s->step) {
  case 1:
    return cadre_db_exec(req,
                         "UPDATE llct_class SET status = 'admitting' WHERE id = ?"
                         " AND status = 'planned'",
                         CV_ARGS(CV_INT(s->class_id))) < 0
               ? cadre_db_fail(req)
               : 0;
  case 4: return admit_eligible(req, s, on, doc);
  case 7: return open_class(req, s, on, doc);
  default: return 0;
  }
}

static json_t *warnings_of(step_ctx *s) {
  json_t *w = json_array();
  for (int i = 0; i < s->nv; i++)
    if (s->v[i].severity == LLCT_SEV_WARNING && s->v[i].step == s->step)
      json_array_append_new(w, json_pack("{s:s, s:s}", "code", s->v[i].code, "message", s->v[i].message));
  return w;
}

static int check_reopen(cadre_req *req, const llct_step_dates st[], int step) {
  if (!cadre_has_role(req, "admin"))
    return cadre_fail(req, 403, "reopen_admin_only", "Chỉ quản trị mới được mở lại một bước đã xong.");
  for (int k = step + 1; k <= LLCT_STEPS; k++)
    if (st[k].completed && (llct_step_depends(k) & (1u << (step - 1))))
      return cadre_fail(req, 409, "step_has_dependents",
                        "Bước %d đã hoàn thành dựa trên bước này: mở lại bước %d trước.", k, k);
  return 0;
}

static int step_tx(cadre_req *req, void *p) {
  step_ctx *s = p;
  s->nv = 0;
  s->admitted = s->opened = 0;
  llct_class_ref c;
  int st = llct_class_manage(req, s->class_id, true, &c);
  if (st)
    return st;
  json_t *before = cadre_db_row(req, "SELECT * FROM llct_step WHERE class_id = ? AND step = ?",
                                CV_ARGS(CV_INT(c.id), CV_INT(s->step)));
  llct_step_dates steps[LLCT_STEPS + 1];
  if (!before || llct_steps_load(req, c.id, steps) < 0)
    return cadre_db_fail(req);
  llct_step_dates *d = &steps[s->step];
  bool was_done = d->completed;
  apply_dates(req, d);
  if (cadre_bool(req, "reopen", false)) {
    if ((st = check_reopen(req, steps, s->step)))
      return st;
    d->completed = false;
  }
  if (cadre_bool(req, "complete", false))
    d->completed = true;
  const char *doc =
      cadre_has(req, "doc_number") ? cadre_str(req, "doc_number") : cadre_jstr(before, "doc_number");
  d->has_doc = doc && *doc;
  llct_step_rules rules;
  llct_rules_from_row(c.row, &rules);
  llct_class_dates cd;
  llct_class_dates_of(c.row, &cd);
  llct_step_facts facts;
  if (llct_step_facts_load(req, c.id, &facts) < 0)
    return cadre_db_fail(req);
  s->nv = llct_check_steps(&rules, &cd, steps, &facts, llct_today(req), s->v, 32);
  if (s->nv > 0 && s->v[0].severity == LLCT_SEV_REFUSAL)
    return llct_refuse_violations(req, s->v, s->nv);
  json_t *warnings = warnings_of(s);
  char *wtext = json_dumps(warnings, JSON_COMPACT);
  json_decref(warnings);
  int64_t n = cadre_db_exec(
      req,
      "UPDATE llct_step SET planned_start = ?, planned_on = ?, start_on = ?, done_on = ?,"
      " report_on = ?, appraisal_on = ?, completed = ?, responsible_agency_id = ?,"
      " responsible_text = ?, doc_number = ?, doc_on = ?, note = ?, warnings_json = ?,"
      " completed_by = IF(? AND NOT completed, ?, completed_by)"
      " WHERE class_id = ? AND step = ?",
      CV_ARGS(CV_STR(date_or(req, before, "planned_start")), CV_STR(date_or(req, before, "planned_on")),
              CV_STR(date_or(req, before, "start_on")), CV_STR(date_or(req, before, "done_on")),
              CV_STR(date_or(req, before, "report_on")), CV_STR(date_or(req, before, "appraisal_on")),
              CV_INT(d->completed),
              cadre_has(req, "responsible_agency_id")
                  ? CV_INT(cadre_int(req, "responsible_agency_id", 0))
                  : CV_INT_IF(cadre_jint(before, "responsible_agency_id", 0) > 0,
                              cadre_jint(before, "responsible_agency_id", 0)),
              CV_STR(date_or(req, before, "responsible_text")), CV_STR(doc),
              CV_STR(date_or(req, before, "doc_on")), CV_STR(date_or(req, before, "note")), CV_STR(wtext),
              CV_INT(d->completed), CV_INT(cadre_user_id(req)), CV_INT(c.id), CV_INT(s->step)));
  free(wtext);
  if (n < 0)
    return cadre_db_fail(req);
  if (d->completed && !was_done && (st = consequences(req, s, llct_iso(req, d->done_on), doc)))
    return st;
  json_t *after = cadre_db_row(req, "SELECT * FROM llct_step WHERE class_id = ? AND step = ?",
                               CV_ARGS(CV_INT(c.id), CV_INT(s->step)));
  if (!after)
    return cadre_db_fail(req);
  json_object_set_new(after, "admitted", json_integer(s->admitted));
  json_object_set_new(after, "opened", json_integer(s->opened));
  const char *action = d->completed && !was_done   ? "complete"
                       : !d->completed && was_done ? "reopen"
                                                   : "update";
  if (cadre_audit(req, "llct.class", c.id, cadre_printf(req, "step%d_%s", s->step, action), before, after) <
      0)
    return cadre_db_fail(req);
  return 0;
}

int llct_step_save(cadre_req *req) {
  step_ctx s = {.class_id = cadre_int(req, "id", 0), .step = (int)cadre_int(req, "step", 0)};
  int st = cadre_tx(req, step_tx, &s);
  if (st)
    return st;
  json_t *body = json_pack("{s:b, s:i, s:o, s:I, s:I}", "ok", 1, "step", s.step, "warnings", warnings_of(&s),
                           "admitted", (json_int_t)s.admitted, "opened", (json_int_t)s.opened);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}

/* ---- contracts and fees (step 5) ------------------------------------------------- */

static int contract_tx(cadre_req *req, void *p) {
  int64_t *class_id = p;
  llct_class_ref c;
  int st = llct_class_manage(req, *class_id, true, &c);
  if (st)
    return st;
  llct_step_dates steps[LLCT_STEPS + 1];
  if (llct_steps_load(req, c.id, steps) < 0)
    return cadre_db_fail(req);
  if (!steps[4].completed)
    return cadre_fail(req, 409, "admission_not_decided",
                      "Hợp đồng ký căn cứ danh sách trúng tuyển: lớp chưa có quyết định công nhận "
                      "trúng tuyển.");
  int64_t agency = cadre_int(req, "agency_id", 0);
  int64_t in_class = 0;
  if (cadre_db_int(req, &in_class,
                   "SELECT COUNT(*) FROM llct_learner WHERE class_id = ? AND sending_agency_id = ?"
                   " AND state IN ('admitted','enrolled','studying','graduated')",
                   CV_ARGS(CV_INT(c.id), CV_INT(agency))) < 0)
    return cadre_db_fail(req);
  if (in_class == 0)
    return cadre_fail(req, 422, "unit_not_in_class", "Đơn vị này không có học viên trúng tuyển trong lớp.");
  const char *signed_on = cadre_str(req, "signed_on");
  const char *paid_on = cadre_str(req, "paid_on");
  if (llct_day(signed_on) < steps[4].done_on)
    return cadre_fail(req, 422, "contract_before_admission",
                      "Ngày ký hợp đồng trước ngày quyết định công nhận trúng tuyển.");
  if (paid_on && strcmp(paid_on, signed_on) < 0)
    return cadre_fail(req, 422, "paid_before_signed", "Ngày nộp kinh phí trước ngày ký hợp đồng.");
  if (llct_day(signed_on) > llct_today(req) || (paid_on && llct_day(paid_on) > llct_today(req)))
    return cadre_fail(req, 422, "date_in_future", "Ngày ký hoặc ngày nộp kinh phí chưa tới.");
  json_t *before = cadre_db_row(req, "SELECT * FROM llct_contract WHERE class_id = ? AND agency_id = ?",
                                CV_ARGS(CV_INT(c.id), CV_INT(agency)));
  if (cadre_db_exec(req,
                    "INSERT INTO llct_contract (class_id, agency_id, contract_no, signed_on,"
                    " fee_amount, paid_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON DUPLICATE KEY UPDATE contract_no = VALUES(contract_no),"
                    " signed_on = VALUES(signed_on), fee_amount = VALUES(fee_amount),"
                    " paid_on = VALUES(paid_on), note = VALUES(note)",
                    CV_ARGS(CV_INT(c.id), CV_INT(agency), CV_FIELD(req, "contract_no"), CV_STR(signed_on),
                            CV_FIELD(req, "fee_amount"), CV_STR(paid_on), CV_FIELD(req, "note"))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req, "SELECT * FROM llct_contract WHERE class_id = ? AND agency_id = ?",
                               CV_ARGS(CV_INT(c.id), CV_INT(agency)));
  if (!after || cadre_audit(req, "llct.contract", cadre_jint(after, "id", 0), before ? "update" : "create",
                            before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int llct_contract_save(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int st = cadre_tx(req, contract_tx, &id);
  return st ? st : cadre_reply_ok(req, id);
}

/* ---- deadlines ------------------------------------------------------------------ */

static const struct cadre_column due_cols[] = {
    {"class_code", "Lớp", CC_TEXT, 12},      {"step", "Bước", CC_INT, 6},
    {"title", "Nội dung", CC_TEXT, 40},      {"due_on", "Hạn", CC_DATE, 12},
    {"days_left", "Còn (ngày)", CC_INT, 10}, {"status_title", "Tình trạng", CC_TEXT, 16},
};

static const char *due_title(llct_due_status s) {
  switch (s) {
  case LLCT_DUE_SOON: return "Sắp đến hạn";
  case LLCT_DUE_MISSED: return "Quá hạn";
  case LLCT_DUE_OPEN: return "Chưa đến hạn";
  case LLCT_DUE_DONE: return "Đã xong";
  case LLCT_DUE_DONE_LATE: return "Xong muộn";
  default: return "Chưa có hạn";
  }
}

int llct_deadlines(cadre_req *req) {
  int64_t root = cadre_scope_root(req);
  int64_t plan = cadre_int(req, "plan", 0);
  int window = (int)cadre_int(req, "days", 14);
  const char *want = cadre_str(req, "status");
  json_t *classes =
      cadre_db_rows(req,
                    "SELECT c.id, c.code, c.opening_on, c.enrolment_on, c.end_on, c.first_module_end_on,"
                    " c.mode, p.announce_max_days, p.dossier_min_days, p.review_max_days, p.report_max_days,"
                    " p.notice_min_days, p.late_max_days"
                    " FROM llct_class c JOIN llct_plan p ON p.id = c.plan_id"
                    " WHERE (" CADRE_SCOPE_EXISTS("c.school_agency_id") " OR " CADRE_SCOPE_EXISTS(
                        "p.agency_id") ") AND (? = 0 OR c.plan_id = ?) AND c.status <> 'cancelled'"
                                       " ORDER BY c.id",
                    CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(plan), CV_INT(plan)));
  if (!classes)
    return cadre_db_fail(req);
  int64_t today = llct_today(req);
  json_t *out = cadre_json_arr(req);
  size_t i;
  json_t *c;
  json_array_foreach(classes, i, c) {
    llct_step_dates st[LLCT_STEPS + 1];
    if (llct_steps_load(req, cadre_jint(c, "id", 0), st) < 0)
      return cadre_db_fail(req);
    llct_step_rules rules;
    llct_rules_from_row(c, &rules);
    llct_class_dates cd;
    llct_class_dates_of(c, &cd);
    for (int k = 1; k <= LLCT_STEPS; k++) {
      if (st[k].completed)
        continue;
      int64_t due = llct_step_due(&rules, &cd, st, k);
      llct_due_status ds = llct_due_classify(due, LLCT_NO_DAY, today, window);
      if (ds == LLCT_DUE_NONE)
        continue;
      if (want ? strcmp(want, "all") != 0 && strcmp(want, llct_due_status_code(ds)) != 0
               : ds == LLCT_DUE_OPEN)
        continue;
      json_array_append_new(out,
                            json_pack("{s:I, s:s, s:i, s:s, s:o, s:I, s:s, s:s}", "class_id",
                                      (json_int_t)cadre_jint(c, "id", 0), "class_code", cadre_jstr(c, "code"),
                                      "step", k, "title", llct_step_title(k), "due_on",
                                      llct_day_json(req, due), "days_left", (json_int_t)(due - today),
                                      "status", llct_due_status_code(ds), "status_title", due_title(ds)));
    }
  }
  int st = llct_maybe_export(req, "han-cac-buoc", "Hạn các bước tuyển sinh", due_cols,
                             sizeof(due_cols) / sizeof(due_cols[0]), out);
  return st ? st : cadre_reply_json(req, 200, out);
}
