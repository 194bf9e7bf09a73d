/*
 * Who may see and run a class. A class belongs to its school and to the
 * province whose plan it is: their users (and the Academy, whose scope is
 * national) manage it. A unit that sends learners to it sees it too, and may
 * nominate within its allotment, but runs none of the school's steps. Every
 * other caller gets 404, as if the class did not exist.
 */
#include <string.h>

#include "llct.h"

#define CLASS_COLUMNS                                                                                        \
  "SELECT c.id, c.plan_id, c.line_id, c.code, c.seq_in_line, c.school_agency_id,"                            \
  " c.mode, c.mode_basis, c.cap, c.planned_learners, c.month, c.year, c.location,"                           \
  " c.opening_on, c.enrolment_on, c.end_on, c.first_module_end_on, c.status,"                                \
  " c.allotted_total, c.active_count, p.agency_id AS owner_agency_id,"                                       \
  " p.number AS plan_number, p.year AS plan_year, p.cap_full_time, p.cap_part_time,"                         \
  " p.announce_max_days, p.dossier_min_days, p.review_max_days, p.report_max_days,"                          \
  " p.notice_min_days, p.late_max_days, s.name AS school_name,"                                              \
  " (" CADRE_SCOPE_EXISTS("c.school_agency_id") " OR " CADRE_SCOPE_EXISTS(                                   \
      "p.agency_id") ") AS can_manage"                                                                       \
                     " FROM llct_class c JOIN llct_plan p ON p.id = c.plan_id"                               \
                     " JOIN agency s ON s.id = c.school_agency_id WHERE c.id = ?"

static int sender_sees(cadre_req *req, int64_t class_id) {
  int64_t one = 0;
  int r = cadre_db_int(req, &one,
                       "SELECT 1 FROM llct_allotment al WHERE al.class_id = ? AND " CADRE_SCOPE_EXISTS(
                           "al.agency_id") " LIMIT 1",
                       CV_ARGS(CV_INT(class_id), CV_INT(cadre_scope_root(req))));
  return r;
}

int llct_class_open(cadre_req *req, int64_t class_id, bool lock, llct_class_ref *out) {
  memset(out, 0, sizeof(*out));
  if (lock) {
    /* lock only the class row: the plan's row stays free for its other
     * classes */
    int64_t id;
    int r = cadre_db_int(req, &id, "SELECT id FROM llct_class WHERE id = ? FOR UPDATE",
                         CV_ARGS(CV_INT(class_id)));
    if (r < 0)
      return cadre_db_fail(req);
    if (r == 0)
      return cadre_fail(req, 404, "not_found", "Không tìm thấy lớp.");
  }
  int64_t root = cadre_scope_root(req);
  json_t *row = cadre_db_row(req, CLASS_COLUMNS, CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(class_id)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy lớp.");
  }
  out->manage = cadre_jtrue(row, "can_manage");
  if (!out->manage) {
    int r = sender_sees(req, class_id);
    if (r < 0)
      return cadre_db_fail(req);
    if (r == 0)
      return cadre_fail(req, 404, "not_found", "Không tìm thấy lớp.");
  }
  out->id = class_id;
  out->plan_id = cadre_jint(row, "plan_id", 0);
  out->school_id = cadre_jint(row, "school_agency_id", 0);
  out->owner_id = cadre_jint(row, "owner_agency_id", 0);
  out->row = row;
  return 0;
}

int llct_class_manage(cadre_req *req, int64_t class_id, bool lock, llct_class_ref *out) {
  int st = llct_class_open(req, class_id, lock, out);
  if (st)
    return st;
  if (!out->manage)
    return cadre_fail(req, 403, "forbidden",
                      "Chỉ nhà trường và Ban Tổ chức tỉnh, thành ủy được thực hiện thao tác này "
                      "với lớp.");
  return 0;
}

void llct_class_dates_of(json_t *row, llct_class_dates *c) {
  c->opening_on = llct_jday(row, "opening_on");
  c->enrolment_on = llct_jday(row, "enrolment_on");
  c->end_on = llct_jday(row, "end_on");
  c->first_module_end_on = llct_jday(row, "first_module_end_on");
  c->mode_decided = cadre_jstr(row, "mode") != NULL;
}

int llct_steps_load(cadre_req *req, int64_t class_id, llct_step_dates st[LLCT_STEPS + 1]) {
  for (int k = 0; k <= LLCT_STEPS; k++)
    st[k] = (llct_step_dates){LLCT_NO_DAY, LLCT_NO_DAY, LLCT_NO_DAY, LLCT_NO_DAY,
                              LLCT_NO_DAY, LLCT_NO_DAY, false,       false};
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT step, planned_start, planned_on, start_on, done_on, report_on, appraisal_on,"
                    " completed, doc_number FROM llct_step WHERE class_id = ? ORDER BY step",
                    CV_ARGS(CV_INT(class_id)));
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int k = (int)cadre_jint(r, "step", 0);
    if (k < 1 || k > LLCT_STEPS)
      continue;
    st[k].planned_start = llct_jday(r, "planned_start");
    st[k].planned_on = llct_jday(r, "planned_on");
    st[k].start_on = llct_jday(r, "start_on");
    st[k].done_on = llct_jday(r, "done_on");
    st[k].report_on = llct_jday(r, "report_on");
    st[k].appraisal_on = llct_jday(r, "appraisal_on");
    st[k].completed = cadre_jtrue(r, "completed");
    const char *doc = cadre_jstr(r, "doc_number");
    st[k].has_doc = doc && *doc;
  }
  return 0;
}

int llct_step_facts_load(cadre_req *req, int64_t class_id, llct_step_facts *f) {
  memset(f, 0, sizeof(*f));
  json_t *row = cadre_db_row(
      req,
      "SELECT"
      " (SELECT COUNT(DISTINCT l.sending_agency_id) FROM llct_learner l"
      "   WHERE l.class_id = ? AND l.state IN ('admitted','enrolled','studying','graduated'))"
      "   AS units_admitted,"
      " (SELECT COUNT(DISTINCT l.sending_agency_id) FROM llct_learner l"
      "   JOIN llct_contract k ON k.class_id = l.class_id AND k.agency_id = l.sending_agency_id"
      "   WHERE l.class_id = ? AND k.paid_on IS NOT NULL"
      "   AND l.state IN ('admitted','enrolled','studying','graduated')) AS units_contracted,"
      " (SELECT COUNT(*) FROM llct_learner l WHERE l.class_id = ?"
      "   AND l.state IN ('enrolled','studying')) AS learners_enrolled,"
      " (SELECT COUNT(*) FROM llct_learner l WHERE l.class_id = ?"
      "   AND l.state IN ('submitted','under_review')) AS dossiers_pending,"
      " (SELECT COUNT(*) FROM llct_learner l WHERE l.class_id = ?"
      "   AND l.state IN ('eligible','admitted','enrolled','studying','graduated'))"
      "   AS learners_eligible",
      CV_ARGS(CV_INT(class_id), CV_INT(class_id), CV_INT(class_id), CV_INT(class_id), CV_INT(class_id)));
  if (!row)
    return -1;
  f->units_admitted = (long)cadre_jint(row, "units_admitted", 0);
  f->units_contracted = (long)cadre_jint(row, "units_contracted", 0);
  f->learners_enrolled = (long)cadre_jint(row, "learners_enrolled", 0);
  f->dossiers_pending = (long)cadre_jint(row, "dossiers_pending", 0);
  f->learners_eligible = (long)cadre_jint(row, "learners_eligible", 0);
  return 0;
}
