/*
 * Submissions (hồ sơ) against the year's deadlines: a school's plan, report
 * and score sheet; a cluster's plan, officers list, conferences, reports and
 * year-end dossier. Files and fields are gathered while the submission is
 * editable (not yet submitted, or returned), then submitting locks it:
 *
 *   not_submitted → submitted → returned ↔ resubmitted → accepted
 *
 * The due date decides whether it was on time; the lock date ends the
 * window, which only an exception granted to that school reopens. Nothing is
 * ever changed by a refused request: every check happens inside the
 * transaction, before the first write or with a rollback after it.
 */
#include "emulation.h"

#include <stdlib.h>
#include <string.h>

/* ---- whose submission, of which kind --------------------------------------------- */

struct sub_target {
  struct em_year y;
  const struct em_kind *kind;
  json_t *deadline;
  int64_t deadline_id;
  struct em_actor a;
  int64_t cluster_id;
  int64_t school_id; /* 0 for a cluster's own submission */
  int64_t owner_agency;
  /* set inside the transaction */
  int64_t id;
  json_t *row;
  enum em_state state;
  enum em_window window;
};

/* The caller's own submission of the kind in the path: a school's for
 * school-level kinds, the cluster's (made by its head) for the others. */
static int target_resolve(cadre_req *req, struct sub_target *t) {
  memset(t, 0, sizeof *t);
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &t->y);
  if (rc)
    return rc;
  t->kind = em_kind_find(cadre_str(req, "kind"));
  if (!t->kind)
    return cadre_fail(req, 404, "unknown_kind", "Không có loại hồ sơ này.");
  if ((rc = em_deadline_load(req, t->y.id, t->kind->code, &t->deadline)))
    return rc;
  t->deadline_id = cadre_jint(t->deadline, "id", 0);
  if (em_actor_load(req, t->y.id, &t->a) < 0)
    return cadre_db_fail(req);
  if ((rc = em_require_member(req, &t->y, &t->a)))
    return rc;
  t->cluster_id = t->a.cluster;
  t->owner_agency = t->a.school;
  if (t->kind->level == EM_LEVEL_SCHOOL) {
    t->school_id = t->a.school;
    return 0;
  }
  if (!t->a.head)
    return cadre_fail(req, 403, "head_only", "Hồ sơ “%s” do Cụm trưởng lập và gửi cho cả cụm.",
                      cadre_jstr(t->deadline, "title"));
  return 0;
}

#define SUB_COLUMNS                                                                                          \
  "SELECT id, deadline_id, cluster_id, school_id, state, note, data_json, revision, "                        \
  " first_submitted_at, last_submitted_at, by_exception, returned_reason, returned_at, "                     \
  " accepted_at FROM emulation_submission "

/* Reads submission t->id locked for this transaction, with its state and
 * today's window (the exception in force counted). */
static int target_read_locked(cadre_req *req, struct sub_target *t) {
  t->row = cadre_db_row(req, SUB_COLUMNS "WHERE id = ? FOR UPDATE", CV_ARGS(CV_INT(t->id)));
  if (!t->row || !em_state_parse(cadre_jstr(t->row, "state"), &t->state))
    return cadre_db_fail(req);
  const char *until = em_exception_until(req, t->deadline_id, t->cluster_id, t->school_id);
  t->window = em_window_at(cadre_today(req), cadre_jstr(t->deadline, "due_date"),
                           cadre_jstr(t->deadline, "lock_date"), until);
  return 0;
}

/* Creates the submission row if needed and locks it for this transaction. */
static int target_lock(cadre_req *req, struct sub_target *t) {
  if (cadre_db_exec(
          req,
          "INSERT INTO emulation_submission (deadline_id, cluster_id, school_id) "
          "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
          CV_ARGS(CV_INT(t->deadline_id), CV_INT(t->cluster_id), CV_INT_IF(t->school_id, t->school_id))) < 0)
    return cadre_db_fail(req);
  t->id = cadre_db_last_id(req);
  return target_read_locked(req, t);
}

static int fail_locked_state(cadre_req *req, struct sub_target *t) {
  return cadre_fail(req, 409, "submission_locked",
                    "Hồ sơ “%s” đã nộp nên đã khóa; chỉ sửa được khi được trả lại để bổ sung.",
                    cadre_jstr(t->deadline, "title"));
}

static int fail_past_lock(cadre_req *req, struct sub_target *t) {
  char vn[11];
  cadre_date d;
  cadre_date_parse(cadre_jstr(t->deadline, "lock_date"), &d);
  cadre_date_vn(d, vn);
  return cadre_fail(req, 422, "past_lock_date",
                    "Đã quá ngày khóa %s của hồ sơ “%s”. Đề nghị Cụm trưởng gia hạn cho trường "
                    "nếu có lý do chính đáng.",
                    vn, cadre_jstr(t->deadline, "title"));
}

/* Contents may change: the state allows it and the window is open. */
static int target_check_editable(cadre_req *req, struct sub_target *t) {
  if (!em_state_editable(t->state))
    return fail_locked_state(req, t);
  if (!em_window_open(t->window))
    return fail_past_lock(req, t);
  return 0;
}

/* target_lock, then answers unless the contents may still change. */
static int target_lock_editable(cadre_req *req, struct sub_target *t) {
  int rc = target_lock(req, t);
  return rc ? rc : target_check_editable(req, t);
}

/* ---- fields and files ------------------------------------------------------------------ */

/* The kind's structured fields, merged into data_json; the note apart. */
static int apply_fields(cadre_req *req, struct sub_target *t) {
  json_t *data = json_object_get(t->row, "data_json");
  json_t *merged = json_is_object(data) ? json_deep_copy(data) : json_object();
  cadre_keep(req, merged);
  bool changed = false;
  const struct {
    unsigned bit;
    const char *name;
  } fields[] = {
      {EM_DATA_REGISTRATION, "registration"}, {EM_DATA_HELD_ON, "held_on"}, {EM_DATA_PLACE, "place"}};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    if (!(t->kind->data & fields[i].bit) || !cadre_has(req, fields[i].name))
      continue;
    json_object_set_new(merged, fields[i].name, json_string(cadre_str0(req, fields[i].name)));
    changed = true;
  }
  if (changed) {
    char *text = json_dumps(merged, JSON_COMPACT);
    int64_t n = cadre_db_exec(req, "UPDATE emulation_submission SET data_json = ? WHERE id = ?",
                              CV_ARGS(CV_STR(text), CV_INT(t->id)));
    free(text);
    if (n < 0)
      return cadre_db_fail(req);
    json_object_set(t->row, "data_json", merged);
  }
  if (cadre_has(req, "note") && cadre_db_exec(req, "UPDATE emulation_submission SET note = ? WHERE id = ?",
                                              CV_ARGS(CV_FIELD(req, "note"), CV_INT(t->id))) < 0)
    return cadre_db_fail(req);
  return 0;
}

static int attach_file(cadre_req *req, struct sub_target *t) {
  const cadre_upload *up = cadre_file(req, "file");
  if (!up)
    return 0;
  const char *part = cadre_str(req, "part");
  if (!part && t->kind->parts[0].code && !t->kind->parts[1].code)
    part = t->kind->parts[0].code; /* one part only: no need to say which */
  if (!part || !em_part_find(t->kind, part)) {
    cadre_field_error(req, "part", "unknown_part", "Thành phần không thuộc hồ sơ này.");
    return cadre_fail(req, 422, "unknown_part", "Hồ sơ “%s” không có thành phần “%s”.",
                      cadre_jstr(t->deadline, "title"), part ? part : "");
  }
  int64_t file_id = cadre_file_store(req, up, t->owner_agency);
  if (file_id < 0)
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_submission_file "
                    "(submission_id, file_id, part, revision, uploaded_by) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(t->id), CV_INT(file_id), CV_STR(part),
                            CV_INT(cadre_jint(t->row, "revision", 0)), EM_USER(req))) < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:I, s:s, s:s, s:I}", "file_id", (json_int_t)file_id, "part", part, "filename",
                            up->filename ? up->filename : "", "size", (json_int_t)up->size);
  int rc = cadre_audit(req, "emulation.submission", t->id, "attach_file", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

/* ---- what a kind needs before it can be submitted ------------------------------------- */

static int check_parts(cadre_req *req, struct sub_target *t) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT part, COUNT(*) AS n FROM emulation_submission_file "
                               "WHERE submission_id = ? AND removed_at IS NULL GROUP BY part",
                               CV_ARGS(CV_INT(t->id)));
  if (!rows)
    return cadre_db_fail(req);
  int counts[EM_MAX_PARTS] = {0};
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    for (size_t p = 0; p < EM_MAX_PARTS && t->kind->parts[p].code; p++)
      if (strcmp(t->kind->parts[p].code, cadre_jstr(r, "part")) == 0)
        counts[p] = (int)cadre_jint(r, "n", 0);
  }
  const struct em_part *missing = em_parts_missing(t->kind, counts);
  if (!missing)
    return 0;
  return cadre_fail(req, 422, "missing_parts", "Hồ sơ còn thiếu: %s (cần %d tệp).", missing->label,
                    missing->min_files);
}

static int check_scores(cadre_req *req, struct sub_target *t) {
  if (em_school_evaluated(req, &t->y, t->cluster_id, t->school_id) == EM_EVAL_NO)
    return cadre_fail(req, 422, "school_not_evaluated",
                      "Trường không gửi Kế hoạch và đăng ký thi đua (Mẫu số 01) đúng hạn nên "
                      "không được bình xét thi đua năm %d.",
                      t->y.year);
  json_t *row =
      cadre_db_row(req,
                   "SELECT COUNT(cr.id) AS total, COUNT(sc.criterion_id) AS scored "
                   "FROM agency a JOIN emulation_sheet sh ON sh.school_kind = a.kind AND sh.year_id = ? "
                   "JOIN emulation_criterion cr ON cr.sheet_id = sh.id AND cr.kind = 'score' "
                   "LEFT JOIN emulation_scorecard card ON card.year_id = sh.year_id "
                   "  AND card.school_id = a.id AND card.role = 'self' "
                   "LEFT JOIN emulation_score sc ON sc.scorecard_id = card.id AND sc.criterion_id = cr.id "
                   "WHERE a.id = ?",
                   CV_ARGS(CV_INT(t->y.id), CV_INT(t->school_id)));
  if (!row)
    return cadre_db_fail(req);
  int64_t left = cadre_jint(row, "total", 0) - cadre_jint(row, "scored", 0);
  if (cadre_jint(row, "total", 0) == 0)
    return cadre_fail(req, 409, "no_sheet", "Năm thi đua chưa có phiếu chấm điểm cho loại trường này.");
  if (left > 0)
    return cadre_fail(req, 422, "score_incomplete",
                      "Còn %lld tiêu chí chưa chấm điểm; chấm đủ các tiêu chí trước khi gửi "
                      "phiếu.",
                      (long long)left);
  return 0;
}

static int check_needs(cadre_req *req, struct sub_target *t) {
  int rc = check_parts(req, t);
  if (rc)
    return rc;
  unsigned needs = t->kind->needs;
  if (needs & EM_NEEDS_FIGURES) {
    int64_t found = 0;
    if (cadre_db_int(req, &found, "SELECT 1 FROM emulation_figures WHERE year_id = ? AND school_id = ?",
                     CV_ARGS(CV_INT(t->y.id), CV_INT(t->school_id))) < 0)
      return cadre_db_fail(req);
    if (!found)
      return cadre_fail(req, 422, "missing_figures",
                        "Chưa nhập số liệu phụ lục báo cáo (số liệu tính chỉ tiêu thi đua).");
  }
  if ((needs & EM_NEEDS_SCORES) && (rc = check_scores(req, t)))
    return rc;
  if (needs & EM_NEEDS_HELD_ON) {
    json_t *data = json_object_get(t->row, "data_json");
    if (!cadre_jstr(data, "held_on"))
      return cadre_fail(req, 422, "missing_held_on", "Chưa nhập ngày tổ chức hội nghị.");
  }
  if (needs & (EM_NEEDS_FINALIZED | EM_NEEDS_NEXT_TERM)) {
    json_t *c = cadre_db_row(req, "SELECT state, next_term_state FROM emulation_cluster WHERE id = ?",
                             CV_ARGS(CV_INT(t->cluster_id)));
    if (!c)
      return cadre_db_fail(req);
    if ((needs & EM_NEEDS_FINALIZED) && strcmp(cadre_jstr(c, "state"), "finalized") != 0)
      return cadre_fail(req, 409, "cluster_not_finalized",
                        "Cụm chưa hoàn tất bảng tổng hợp điểm các trường.");
    if ((needs & EM_NEEDS_NEXT_TERM) && strcmp(cadre_jstr(c, "next_term_state"), "none") == 0)
      return cadre_fail(req, 422, "next_term_missing",
                        "Chưa đề xuất Cụm trưởng, Cụm phó năm sau (Mẫu số 08).");
  }
  return 0;
}

/* ---- save, upload, submit ---------------------------------------------------------------- */

static int save_tx(cadre_req *req, void *p) {
  struct sub_target *t = p;
  int rc = target_lock_editable(req, t);
  if (rc)
    return rc;
  json_t *before = json_deep_copy(t->row);
  cadre_keep(req, before);
  if ((rc = apply_fields(req, t)))
    return rc;
  json_t *after = cadre_db_row(req, SUB_COLUMNS "WHERE id = ?", CV_ARGS(CV_INT(t->id)));
  if (!after || cadre_audit(req, "emulation.submission", t->id, "update", before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

static int upload_tx(cadre_req *req, void *p) {
  struct sub_target *t = p;
  int rc = target_lock_editable(req, t);
  return rc ? rc : attach_file(req, t);
}

static int submit_tx(cadre_req *req, void *p) {
  struct sub_target *t = p;
  int rc = target_lock(req, t);
  if (rc)
    return rc;
  enum em_state to;
  if (!em_transition(t->state, EM_ACT_SUBMIT, &to))
    return fail_locked_state(req, t);
  if (!em_window_open(t->window))
    return fail_past_lock(req, t);
  json_t *before = json_deep_copy(t->row);
  cadre_keep(req, before);
  if ((rc = apply_fields(req, t)) || (rc = attach_file(req, t)) || (rc = check_needs(req, t)))
    return rc;
  const char *now = cadre_now_text(req);
  if (cadre_db_exec(req,
                    "UPDATE emulation_submission SET state = ?, revision = revision + 1, "
                    " first_submitted_at = COALESCE(first_submitted_at, ?), "
                    " last_submitted_at = ?, submitted_by = ?, by_exception = ? WHERE id = ?",
                    CV_ARGS(CV_STR(em_state_code(to)), CV_STR(now), CV_STR(now), EM_USER(req),
                            CV_INT(t->window == EM_WIN_EXCEPTION), CV_INT(t->id))) < 0)
    return cadre_db_fail(req);
  if ((t->kind->needs & EM_NEEDS_SCORES) &&
      cadre_db_exec(req,
                    "UPDATE emulation_scorecard SET state = 'submitted', submitted_at = ?, "
                    " submitted_by = ? WHERE year_id = ? AND school_id = ? AND role = 'self'",
                    CV_ARGS(CV_STR(now), EM_USER(req), CV_INT(t->y.id), CV_INT(t->school_id))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req, SUB_COLUMNS "WHERE id = ?", CV_ARGS(CV_INT(t->id)));
  if (!after || cadre_audit(req, "emulation.submission", t->id, "submit", before, after) < 0)
    return cadre_db_fail(req);
  t->row = after;
  return 0;
}

static int reply_submission(cadre_req *req, struct sub_target *t, int status) {
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "id", json_integer(t->id));
  em_set(out, "state", json_string(cadre_jstr(t->row, "state")));
  em_set(out, "window", json_string(em_window_code(t->window)));
  const char *first = cadre_jstr(t->row, "first_submitted_at");
  if (first)
    em_set(out, "timeliness",
           json_string(em_on_time(first, cadre_jstr(t->deadline, "due_date")) ? "on_time" : "late"));
  return cadre_reply_json(req, status, out);
}

/* Save, upload and submit differ only in what their transaction writes. */
static int write_submission(cadre_req *req, cadre_tx_fn write, int status) {
  struct sub_target t;
  int rc = target_resolve(req, &t);
  if (rc || (rc = cadre_tx(req, write, &t)))
    return rc;
  return reply_submission(req, &t, status);
}

int em_h_submission_save(cadre_req *req) { return write_submission(req, save_tx, 200); }

int em_h_submission_upload(cadre_req *req) { return write_submission(req, upload_tx, 201); }

int em_h_submission_submit(cadre_req *req) { return write_submission(req, submit_tx, 200); }

/* ---- one submission by id: read, files, return, accept ------------------------------------- */

struct sub_ref {
  int64_t id;
  json_t *row; /* with kind, level, title, due/lock, year, cluster */
  struct em_year y;
  struct em_cluster c;
  struct em_actor a;
  enum em_viewer viewer;
  int64_t owner_school; /* 0 for a cluster's own submission */
};

static int ref_load(cadre_req *req, struct sub_ref *r) {
  memset(r, 0, sizeof *r);
  r->id = cadre_int(req, "id", 0);
  r->row =
      cadre_db_row(req,
                   "SELECT s.id, s.deadline_id, s.cluster_id, s.school_id, s.state, s.note, s.data_json, "
                   " s.revision, s.first_submitted_at, s.last_submitted_at, s.by_exception, "
                   " s.returned_reason, s.returned_at, s.accepted_at, d.kind, d.level, d.form, d.title, "
                   " d.due_date, d.lock_date, d.year_id, a.name AS school_name, a.code AS school_code "
                   "FROM emulation_submission s JOIN emulation_deadline d ON d.id = s.deadline_id "
                   "LEFT JOIN agency a ON a.id = s.school_id WHERE s.id = ?",
                   CV_ARGS(CV_INT(r->id)));
  if (!r->row)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy hồ sơ.");
  int rc;
  if ((rc = em_year_load_id(req, cadre_jint(r->row, "year_id", 0), &r->y)) ||
      (rc = em_cluster_load(req, cadre_jint(r->row, "cluster_id", 0), &r->c)))
    return rc;
  if (em_actor_load(req, r->y.id, &r->a) < 0)
    return cadre_db_fail(req);
  r->owner_school = cadre_jint(r->row, "school_id", 0);
  if ((rc = em_cluster_viewer(req, &r->a, &r->c, &r->viewer)))
    return rc;
  /* Within the cluster a school reads its own submissions and the cluster's;
   * the head and the board read all; an outside viewer only its schools'. */
  bool ok;
  switch (r->viewer) {
  case EM_VIEW_BOARD:
  case EM_VIEW_HEAD: ok = true; break;
  case EM_VIEW_MEMBER: ok = r->owner_school == 0 || r->owner_school == r->a.school; break;
  default: ok = r->owner_school != 0 && em_school_in_scope(req, r->owner_school) == 1;
  }
  if (!ok)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy hồ sơ.");
  return 0;
}

static json_t *files_of(cadre_req *req, int64_t submission_id) {
  return cadre_db_rows(req,
                       "SELECT sf.file_id, sf.part, sf.revision, sf.created_at, sf.removed_at, "
                       " f.filename, f.size, f.mime FROM emulation_submission_file sf "
                       "JOIN file f ON f.id = sf.file_id WHERE sf.submission_id = ? "
                       "ORDER BY sf.part, sf.id",
                       CV_ARGS(CV_INT(submission_id)));
}

int em_h_submission_get(cadre_req *req) {
  struct sub_ref r;
  int rc = ref_load(req, &r);
  if (rc)
    return rc;
  json_t *files = files_of(req, r.id);
  if (!files)
    return cadre_db_fail(req);
  const char *until = em_exception_until(req, cadre_jint(r.row, "deadline_id", 0), r.c.id, r.owner_school);
  enum em_window w =
      em_window_at(cadre_today(req), cadre_jstr(r.row, "due_date"), cadre_jstr(r.row, "lock_date"), until);
  json_t *out = json_deep_copy(r.row);
  cadre_keep(req, out);
  em_set(out, "files", json_incref(files));
  em_set(out, "window", json_string(em_window_code(w)));
  em_set(out, "exception_until", until ? json_string(until) : NULL);
  const char *first = cadre_jstr(r.row, "first_submitted_at");
  em_set(out, "timeliness",
         first ? json_string(em_on_time(first, cadre_jstr(r.row, "due_date")) ? "on_time" : "late") : NULL);
  em_set(out, "cluster_name", json_string(cadre_jstr(r.c.row, "name")));
  em_set(out, "year", json_integer(r.y.year));
  return cadre_reply_json(req, 200, out);
}

int em_h_submission_file_get(cadre_req *req) {
  struct sub_ref r;
  int rc = ref_load(req, &r);
  if (rc)
    return rc;
  int64_t file_id = cadre_int(req, "file", 0), found = 0;
  if (cadre_db_int(req, &found,
                   "SELECT 1 FROM emulation_submission_file WHERE submission_id = ? AND file_id = ?",
                   CV_ARGS(CV_INT(r.id), CV_INT(file_id))) < 0)
    return cadre_db_fail(req);
  if (!found)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy tệp trong hồ sơ.");
  return cadre_reply_file(req, file_id);
}

/* Removing a file needs the same standing as adding one. */
struct file_remove {
  struct sub_ref *r;
  struct sub_target t;
  int64_t file_id;
};

static int file_remove_tx(cadre_req *req, void *p) {
  struct file_remove *f = p;
  struct sub_target *t = &f->t;
  int rc = target_read_locked(req, t);
  if (rc || (rc = target_check_editable(req, t)))
    return rc;
  int64_t n =
      cadre_db_exec(req,
                    "UPDATE emulation_submission_file SET removed_at = ?, removed_by = ? "
                    "WHERE submission_id = ? AND file_id = ? AND removed_at IS NULL",
                    CV_ARGS(CV_STR(cadre_now_text(req)), EM_USER(req), CV_INT(t->id), CV_INT(f->file_id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy tệp trong hồ sơ.");
  json_t *before = json_pack("{s:I}", "file_id", (json_int_t)f->file_id);
  rc = cadre_audit(req, "emulation.submission", t->id, "remove_file", before, NULL);
  json_decref(before);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_submission_file_remove(cadre_req *req) {
  struct sub_ref r;
  int rc = ref_load(req, &r);
  if (rc)
    return rc;
  bool owner = r.owner_school ? r.owner_school == r.a.school : (r.a.head && r.a.cluster == r.c.id);
  if (!owner)
    return cadre_fail(req, 403, "not_owner", "Chỉ đơn vị lập hồ sơ được sửa hồ sơ.");
  struct file_remove f = {.r = &r, .file_id = cadre_int(req, "file", 0)};
  f.t.y = r.y;
  f.t.kind = em_kind_find(cadre_jstr(r.row, "kind"));
  f.t.deadline = r.row;
  f.t.deadline_id = cadre_jint(r.row, "deadline_id", 0);
  f.t.cluster_id = r.c.id;
  f.t.school_id = r.owner_school;
  f.t.id = r.id;
  rc = cadre_tx(req, file_remove_tx, &f);
  return rc ? rc : cadre_reply_ok(req, r.id);
}

/* The head reviews its schools' submissions; the board reviews everything,
 * and alone the clusters' own. */
static int require_reviewer(cadre_req *req, struct sub_ref *r) {
  if (r->owner_school)
    return em_require_head(req, &r->a, &r->c);
  return em_require_board(req);
}

struct review_ctx {
  struct sub_ref *r;
  enum em_action act;
};

static int review_tx(cadre_req *req, void *p) {
  struct review_ctx *x = p;
  struct sub_ref *r = x->r;
  json_t *before = cadre_db_row(req, SUB_COLUMNS "WHERE id = ? FOR UPDATE", CV_ARGS(CV_INT(r->id)));
  enum em_state from, to;
  if (!before || !em_state_parse(cadre_jstr(before, "state"), &from))
    return cadre_db_fail(req);
  if (!em_transition(from, x->act, &to))
    return cadre_fail(req, 409, "invalid_transition",
                      x->act == EM_ACT_RETURN ? "Chỉ trả lại được hồ sơ đã nộp và chưa được tiếp nhận."
                                              : "Chỉ tiếp nhận được hồ sơ đã nộp.");
  const char *kind = cadre_jstr(r->row, "kind");
  bool sheet = strcmp(kind, EM_KIND_SCORE_SHEET) == 0;
  if (sheet && x->act == EM_ACT_RETURN && r->c.finalized)
    return cadre_fail(req, 409, "cluster_finalized",
                      "Cụm đã hoàn tất bảng điểm; Học viện mở lại bảng điểm trước khi trả lại "
                      "phiếu chấm.");
  const char *now = cadre_now_text(req);
  int64_t n =
      x->act == EM_ACT_RETURN
          ? cadre_db_exec(req,
                          "UPDATE emulation_submission SET state = ?, returned_reason = ?, "
                          " returned_at = ?, returned_by = ? WHERE id = ?",
                          CV_ARGS(CV_STR(em_state_code(to)), CV_FIELD(req, "reason"), CV_STR(now),
                                  EM_USER(req), CV_INT(r->id)))
          : cadre_db_exec(req,
                          "UPDATE emulation_submission SET state = ?, accepted_at = ?, "
                          " accepted_by = ? WHERE id = ?",
                          CV_ARGS(CV_STR(em_state_code(to)), CV_STR(now), EM_USER(req), CV_INT(r->id)));
  if (n < 0)
    return cadre_db_fail(req);
  /* A returned score sheet can be scored again. */
  if (sheet && x->act == EM_ACT_RETURN &&
      cadre_db_exec(req,
                    "UPDATE emulation_scorecard SET state = 'draft' "
                    "WHERE year_id = ? AND school_id = ? AND role = 'self'",
                    CV_ARGS(CV_INT(r->y.id), CV_INT(r->owner_school))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req, SUB_COLUMNS "WHERE id = ?", CV_ARGS(CV_INT(r->id)));
  if (!after || cadre_audit(req, "emulation.submission", r->id, x->act == EM_ACT_RETURN ? "return" : "accept",
                            before, after) < 0)
    return cadre_db_fail(req);
  if (x->act == EM_ACT_RETURN) {
    int64_t notify = r->owner_school ? r->owner_school : r->c.head;
    const char *subject =
        cadre_printf(req, "[Thi đua %d] Hồ sơ “%s” được trả lại", r->y.year, cadre_jstr(r->row, "title"));
    const char *body = cadre_printf(req, "Hồ sơ “%s” năm %d được trả lại để bổ sung.\nLý do: %s\n",
                                    cadre_jstr(r->row, "title"), r->y.year, cadre_str0(req, "reason"));
    if (notify && em_notify_school(req, notify, subject, body,
                                   cadre_printf(req, "emulation:return:%lld:%lld", (long long)r->id,
                                                (long long)cadre_jint(before, "revision", 0))) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

static int review(cadre_req *req, enum em_action act) {
  struct sub_ref r;
  int rc = ref_load(req, &r);
  if (rc || (rc = require_reviewer(req, &r)))
    return rc;
  struct review_ctx x = {&r, act};
  rc = cadre_tx(req, review_tx, &x);
  return rc ? rc : cadre_reply_ok(req, r.id);
}

int em_h_submission_return(cadre_req *req) { return review(req, EM_ACT_RETURN); }
int em_h_submission_accept(cadre_req *req) { return review(req, EM_ACT_ACCEPT); }

/* ---- my submissions ------------------------------------------------------------------------- */

/* Deadlines of one level with the owner's submission, timeliness and files. */
json_t *em_owner_items(cadre_req *req, int64_t year_id, int64_t cluster_id, int64_t school_id,
                       const char *level) {
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT d.id AS deadline_id, d.kind, d.form, d.title, d.due_date, d.lock_date, "
                    " s.id AS submission_id, COALESCE(s.state, 'not_submitted') AS state, "
                    " s.first_submitted_at, s.last_submitted_at, s.revision, s.note, s.data_json, "
                    " s.returned_reason, s.by_exception, e.until_date AS exception_until, "
                    " e.reason AS exception_reason "
                    "FROM emulation_deadline d "
                    "LEFT JOIN emulation_submission s ON s.deadline_id = d.id AND s.cluster_id = ? "
                    "  AND s.owner_school = ? "
                    "LEFT JOIN emulation_exception e ON e.deadline_id = d.id AND e.cluster_id = ? "
                    "  AND e.owner_school = ? "
                    "WHERE d.year_id = ? AND d.level = ? ORDER BY d.sort, d.id",
                    CV_ARGS(CV_INT(cluster_id), CV_INT(school_id), CV_INT(cluster_id), CV_INT(school_id),
                            CV_INT(year_id), CV_STR(level)));
  json_t *files = cadre_db_rows(
      req,
      "SELECT sf.submission_id, sf.file_id, sf.part, f.filename, f.size, f.mime, sf.created_at "
      "FROM emulation_submission s JOIN emulation_submission_file sf ON sf.submission_id = s.id "
      "JOIN file f ON f.id = sf.file_id "
      "WHERE s.cluster_id = ? AND s.owner_school = ? AND sf.removed_at IS NULL ORDER BY sf.id",
      CV_ARGS(CV_INT(cluster_id), CV_INT(school_id)));
  if (!rows || !files)
    return NULL;
  size_t i, j;
  json_t *r, *f;
  json_array_foreach(rows, i, r) {
    em_annotate_item(req, r);
    json_t *mine = json_array();
    json_array_foreach(files, j, f) if (cadre_jint(f, "submission_id", 0) ==
                                        cadre_jint(r, "submission_id", 0)) json_array_append(mine, f);
    em_set(r, "files", mine);
    const struct em_kind *k = em_kind_find(cadre_jstr(r, "kind"));
    json_t *parts = json_array();
    for (size_t p = 0; k && p < EM_MAX_PARTS && k->parts[p].code; p++)
      json_array_append_new(parts, json_pack("{s:s, s:s, s:i}", "code", k->parts[p].code, "label",
                                             k->parts[p].label, "min_files", k->parts[p].min_files));
    em_set(r, "parts", parts);
    em_set(r, "needs_figures", json_boolean(k && (k->needs & EM_NEEDS_FIGURES)));
    em_set(r, "needs_scores", json_boolean(k && (k->needs & EM_NEEDS_SCORES)));
    em_set(r, "needs_held_on", json_boolean(k && (k->needs & EM_NEEDS_HELD_ON)));
    em_set(r, "has_registration", json_boolean(k && (k->data & EM_DATA_REGISTRATION)));
    em_set(r, "has_place", json_boolean(k && (k->data & EM_DATA_PLACE)));
  }
  return rows;
}

void em_annotate_item(cadre_req *req, json_t *r) {
  const char *today = cadre_today(req), *due = cadre_jstr(r, "due_date");
  enum em_window w = em_window_at(today, due, cadre_jstr(r, "lock_date"), cadre_jstr(r, "exception_until"));
  em_set(r, "window", json_string(em_window_code(w)));
  const char *first = cadre_jstr(r, "first_submitted_at");
  const char *timeliness;
  if (first)
    timeliness = em_on_time(first, due) ? "on_time" : "late";
  else
    timeliness = strcmp(today, due) <= 0 ? "pending" : "overdue";
  em_set(r, "timeliness", json_string(timeliness));
}

int em_h_my(cadre_req *req) {
  struct em_year y;
  struct em_actor a;
  int rc = em_year_actor(req, &y, &a);
  if (rc || (rc = em_require_member(req, &y, &a)))
    return rc;
  json_t *school_items = em_owner_items(req, y.id, a.cluster, a.school, "school");
  json_t *cluster_items = em_owner_items(req, y.id, a.cluster, 0, "cluster");
  if (!school_items || !cluster_items)
    return cadre_db_fail(req);
  json_t *out = cadre_json_obj(req);
  em_set(out, "year", json_integer(y.year));
  em_set(out, "today", json_string(cadre_today(req)));
  em_set(out, "school_id", json_integer(a.school));
  em_set(out, "cluster_id", json_integer(a.cluster));
  em_set(out, "head", json_boolean(a.head));
  em_set(out, "evaluation", json_string(em_eval_code(em_school_evaluated(req, &y, a.cluster, a.school))));
  em_set(out, "school_items", json_incref(school_items));
  em_set(out, "cluster_items", json_incref(cluster_items));
  return cadre_reply_json(req, 200, out);
}

/* ---- used by figures and self-scores ------------------------------------------------------ */

int em_lock_editable(cadre_req *req, const struct em_year *y, const char *kind, int64_t cluster_id,
                     int64_t school_id) {
  struct sub_target t;
  memset(&t, 0, sizeof t);
  t.y = *y;
  t.kind = em_kind_find(kind);
  int rc = em_deadline_load(req, y->id, kind, &t.deadline);
  if (rc)
    return rc;
  t.deadline_id = cadre_jint(t.deadline, "id", 0);
  t.cluster_id = cluster_id;
  t.school_id = school_id;
  return target_lock_editable(req, &t);
}

bool em_kind_editable_now(cadre_req *req, const struct em_year *y, const char *kind, int64_t cluster_id,
                          int64_t school_id) {
  json_t *row = cadre_db_row(req,
                             "SELECT d.due_date, d.lock_date, COALESCE(s.state, 'not_submitted') AS state, "
                             " e.until_date AS exception_until FROM emulation_deadline d "
                             "LEFT JOIN emulation_submission s ON s.deadline_id = d.id AND s.cluster_id = ? "
                             "  AND s.owner_school = ? "
                             "LEFT JOIN emulation_exception e ON e.deadline_id = d.id AND e.cluster_id = ? "
                             "  AND e.owner_school = ? "
                             "WHERE d.year_id = ? AND d.kind = ?",
                             CV_ARGS(CV_INT(cluster_id), CV_INT(school_id), CV_INT(cluster_id),
                                     CV_INT(school_id), CV_INT(y->id), CV_STR(kind)));
  enum em_state state;
  if (!row || !em_state_parse(cadre_jstr(row, "state"), &state))
    return false;
  return em_state_editable(state) &&
         em_window_open(em_window_at(cadre_today(req), cadre_jstr(row, "due_date"),
                                     cadre_jstr(row, "lock_date"), cadre_jstr(row, "exception_until")));
}
