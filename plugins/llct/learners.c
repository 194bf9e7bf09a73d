/*
 * Learners and their dossiers: nomination by a sending unit within its
 * allotment, review, admission, enrolment (on time, late with the sending
 * unit's confirmation and the principal's decision, or supplementary until
 * the end of the first module), study, graduation — or ineligibility,
 * withdrawal, drop-out. The state machine is learner_state.c; this file
 * supplies its facts, applies its answers and keeps the history.
 *
 * A dossier counts against its unit's allotment and its class's cap while
 * active; the triggers on llct_learner keep both counters and their CHECK
 * constraints refuse the write that would pass either limit.
 */
#include <string.h>

#include "llct.h"

/* ---- the list --------------------------------------------------------------------- */

static const struct cadre_column learner_cols[] = {
    {"full_name", "Họ và tên", CC_TEXT, 26},           {"birth_date", "Ngày sinh", CC_DATE, 12},
    {"sending_agency_name", "Đơn vị cử", CC_TEXT, 30}, {"position", "Chức vụ", CC_TEXT, 24},
    {"state_title", "Trạng thái", CC_TEXT, 18},        {"submitted_on", "Nộp hồ sơ", CC_DATE, 12},
    {"admitted_on", "Trúng tuyển", CC_DATE, 12},       {"enrolled_on", "Nhập học", CC_DATE, 12},
    {"late_days", "Chậm (ngày)", CC_INT, 8},           {"state_reason", "Lý do", CC_TEXT, 30},
    {"diploma_serial", "Số hiệu bằng", CC_TEXT, 14},
};

#define LEARNER_COLUMNS                                                                                      \
  "SELECT l.id, l.class_id, l.allotment_id, l.sending_agency_id, a.name AS sending_agency_name,"             \
  " l.full_name, l.birth_date, l.gender, l.cccd, l.ethnicity, l.party_joined_on, l.position,"                \
  " l.workplace, l.education, l.phone, l.email, l.state, l.state_reason, l.supplement_due,"                  \
  " l.supplementary, l.submitted_on, l.admitted_on, l.admission_doc, l.enrolled_on,"                         \
  " l.late_days, l.late_reason, l.unit_confirmation, l.principal_decision_no, l.dropped_on,"                 \
  " l.cancel_reported_at, l.graduated_on, u.series AS diploma_series,"                                       \
  " u.number AS diploma_number, bs.width AS diploma_width, u.used_on AS diploma_on,"                         \
  " u.register_no AS diploma_register_no"                                                                    \
  " FROM llct_learner l JOIN agency a ON a.id = l.sending_agency_id"                                         \
  " LEFT JOIN llct_blank_used u ON u.learner_id = l.id"                                                      \
  " LEFT JOIN llct_blank_series bs ON bs.series = u.series"

static void decorate(json_t *r) {
  int s = llct_state_from_code(cadre_jstr(r, "state"));
  json_object_set_new(r, "state_title", json_string(s >= 0 ? llct_state_title((llct_state)s) : ""));
  if (cadre_jstr(r, "diploma_series")) {
    char buf[48];
    llct_serial_format(cadre_jstr(r, "diploma_series"), cadre_jint(r, "diploma_number", 0),
                       (int)cadre_jint(r, "diploma_width", 1), buf, sizeof(buf));
    json_object_set_new(r, "diploma_serial", json_string(buf));
  }
}

int llct_learners_list(cadre_req *req) {
  llct_class_ref c;
  int st = llct_class_open(req, cadre_int(req, "id", 0), false, &c);
  if (st)
    return st;
  const char *state = cadre_str(req, "state");
  json_t *rows = cadre_db_rows(
      req,
      LEARNER_COLUMNS " WHERE l.class_id = ? AND (? = 1 OR " CADRE_SCOPE_EXISTS(
          "l.sending_agency_id") ") AND (? IS NULL OR l.state = ?) ORDER BY a.name, l.full_name, l.id",
      CV_ARGS(CV_INT(c.id), CV_INT(c.manage), CV_INT(cadre_scope_root(req)), CV_STR(state), CV_STR(state)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) decorate(r);
  char *title = cadre_printf(req, "Hồ sơ học viên lớp %s", cadre_jstr(c.row, "code"));
  if ((st = llct_maybe_export(req, "ho-so-hoc-vien", title, learner_cols,
                              sizeof(learner_cols) / sizeof(learner_cols[0]), rows)))
    return st;
  return cadre_reply_json(req, 200, rows);
}

/* ---- nominating ---------------------------------------------------------------------- */

typedef struct create_ctx {
  int64_t class_id, id;
  bool supplementary;
} create_ctx;

/* Dossiers are received between the announcement and the end of the
 * reception; after the admission decision, a supplementary round runs until
 * the end of the first module. */
static int reception_open(cadre_req *req, llct_class_ref *c, bool *supplementary) {
  llct_step_dates st[LLCT_STEPS + 1];
  if (llct_steps_load(req, c->id, st) < 0)
    return cadre_db_fail(req);
  *supplementary = false;
  const char *status = cadre_jstr(c->row, "status");
  if (status && (strcmp(status, "closed") == 0 || strcmp(status, "cancelled") == 0))
    return cadre_fail(req, 409, "class_closed", "Lớp đã kết thúc hoặc bị hủy.");
  if (!st[1].completed)
    return cadre_fail(req, 409, "admission_not_open",
                      "Lớp chưa thông báo tuyển sinh: chưa nhận hồ sơ dự tuyển.");
  if (!st[2].completed)
    return 0;
  if (!st[4].completed)
    return cadre_fail(req, 409, "reception_closed",
                      "Đã hết hạn nhận hồ sơ dự tuyển của lớp (đang xét tuyển).");
  int64_t end = llct_jday(c->row, "first_module_end_on");
  if (end != LLCT_NO_DAY && llct_today(req) > end)
    return cadre_fail(req, 409, "supplementary_closed",
                      "Đã hết thời hạn nhập học bổ sung (kết thúc học phần thứ nhất).");
  *supplementary = true;
  return 0;
}

/* Which limit a refused nomination hit (a locking read: the latest counts,
 * not the transaction's snapshot). */
static int over_limit(cadre_req *req, int64_t allotment_id, llct_class_ref *c) {
  json_t *a = cadre_db_row(req,
                           "SELECT allotted, nominated FROM llct_allotment WHERE id = ?"
                           " LOCK IN SHARE MODE",
                           CV_ARGS(CV_INT(allotment_id)));
  if (a && cadre_jint(a, "nominated", 0) >= cadre_jint(a, "allotted", 0))
    return cadre_fail(req, 422, "allotment_full",
                      "Đơn vị đã cử đủ chỉ tiêu được giao (%lld người) cho lớp này.",
                      (long long)cadre_jint(a, "allotted", 0));
  return cadre_fail(req, 422, "class_full", "Lớp đã đủ sĩ số tối đa (%lld học viên).",
                    (long long)cadre_jint(c->row, "cap", 0));
}

static int create_tx(cadre_req *req, void *p) {
  create_ctx *x = p;
  llct_class_ref c;
  int st = llct_class_open(req, x->class_id, true, &c);
  if (st)
    return st;
  int64_t agency = cadre_int(req, "agency_id", 0);
  if (!c.manage) {
    int in = cadre_in_scope(req, agency);
    if (in < 0)
      return cadre_db_fail(req);
    if (!in)
      return cadre_fail(req, 403, "forbidden", "Đơn vị chỉ được cử người của đơn vị mình.");
  }
  json_t *allot = cadre_db_row(req,
                               "SELECT id, allotted FROM llct_allotment WHERE class_id = ?"
                               " AND agency_id = ?",
                               CV_ARGS(CV_INT(c.id), CV_INT(agency)));
  if (!allot && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (!allot)
    return cadre_fail(req, 422, "no_allotment", "Đơn vị này không được giao chỉ tiêu trong lớp.");
  if (!json_is_integer(json_object_get(allot, "allotted")))
    return cadre_fail(req, 422, "allotment_undecided",
                      "Chỉ tiêu của đơn vị trong lớp chưa được xác định: cần giao chỉ tiêu trước.");
  if ((st = reception_open(req, &c, &x->supplementary)))
    return st;
  const char *submitted = cadre_has(req, "submitted_on") ? cadre_str(req, "submitted_on") : cadre_today(req);
  if (llct_day(submitted) > llct_today(req))
    return cadre_fail(req, 422, "date_in_future", "Ngày nộp hồ sơ chưa tới.");
  int64_t allotment_id = cadre_jint(allot, "id", 0);
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO llct_learner (class_id, allotment_id, sending_agency_id, full_name,"
      " birth_date, gender, cccd, ethnicity, party_joined_on, position, workplace, education,"
      " phone, email, supplementary, submitted_on)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_INT(c.id), CV_INT(allotment_id), CV_INT(agency), CV_FIELD(req, "full_name"),
              CV_FIELD(req, "birth_date"), CV_FIELD(req, "gender"), CV_FIELD(req, "cccd"),
              CV_FIELD(req, "ethnicity"), CV_FIELD(req, "party_joined_on"), CV_FIELD(req, "position"),
              CV_FIELD(req, "workplace"), CV_FIELD(req, "education"), CV_FIELD(req, "phone"),
              CV_FIELD(req, "email"), CV_INT(x->supplementary), CV_STR(submitted)));
  if (n < 0 && cadre_db_is_duplicate(req))
    return cadre_fail(req, 409, "duplicate_learner", "Người có số CCCD này đã có hồ sơ trong lớp.");
  if (n < 0 && llct_db_is_check_failure(req))
    return over_limit(req, allotment_id, &c);
  if (n < 0)
    return cadre_db_fail(req);
  x->id = cadre_db_last_id(req);
  if (cadre_db_exec(req,
                    "INSERT INTO llct_learner_event (learner_id, from_state, to_state, on_date,"
                    " reason, user_id) VALUES (?, NULL, 'submitted', ?, ?, ?)",
                    CV_ARGS(CV_INT(x->id), CV_STR(submitted),
                            CV_STR(x->supplementary ? "Hồ sơ bổ sung" : NULL), CV_INT(cadre_user_id(req)))) <
      0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:b}", "class_id", (json_int_t)c.id, "agency_id",
                            (json_int_t)agency, "full_name", cadre_str(req, "full_name"), "cccd",
                            cadre_str(req, "cccd"), "supplementary", x->supplementary);
  int rc = cadre_audit(req, "llct.learner", x->id, "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int llct_learner_create(cadre_req *req) {
  create_ctx x = {.class_id = cadre_int(req, "id", 0)};
  int st = cadre_tx(req, create_tx, &x);
  if (st)
    return st;
  json_t *body =
      json_pack("{s:b, s:I, s:b}", "ok", 1, "id", (json_int_t)x.id, "supplementary", x.supplementary);
  int rc = cadre_reply_json(req, 201, body);
  json_decref(body);
  return rc;
}

/* ---- one dossier ----------------------------------------------------------------------- */

/* The learner row (locked if asked) if the caller may see it: the class's
 * managing side, or the learner's own sending unit. */
static json_t *open_learner(cadre_req *req, int64_t id, bool lock, llct_class_ref *c, int *status) {
  int64_t class_id = 0;
  int r = cadre_db_int(req, &class_id, "SELECT class_id FROM llct_learner WHERE id = ?", CV_ARGS(CV_INT(id)));
  if (r <= 0) {
    *status = r < 0 ? cadre_db_fail(req) : cadre_fail(req, 404, "not_found", "Không tìm thấy hồ sơ.");
    return NULL;
  }
  if ((*status = llct_class_open(req, class_id, lock, c)))
    return NULL;
  /* lock the dossier alone, not the rows it is read with */
  int64_t locked;
  if (lock && cadre_db_int(req, &locked, "SELECT id FROM llct_learner WHERE id = ? FOR UPDATE",
                           CV_ARGS(CV_INT(id))) < 0) {
    *status = cadre_db_fail(req);
    return NULL;
  }
  json_t *row = cadre_db_row(req, LEARNER_COLUMNS " WHERE l.id = ?", CV_ARGS(CV_INT(id)));
  if (!row) {
    *status = cadre_db_fail(req);
    return NULL;
  }
  if (!c->manage) {
    int in = cadre_in_scope(req, cadre_jint(row, "sending_agency_id", 0));
    if (in <= 0) {
      *status = in < 0 ? cadre_db_fail(req) : cadre_fail(req, 404, "not_found", "Không tìm thấy hồ sơ.");
      return NULL;
    }
  }
  return row;
}

int llct_learner_get(cadre_req *req) {
  llct_class_ref c;
  int st;
  json_t *row = open_learner(req, cadre_int(req, "id", 0), false, &c, &st);
  if (!row)
    return st;
  json_t *events = cadre_db_rows(req,
                                 "SELECT e.from_state, e.to_state, e.on_date, e.reason, e.doc_no,"
                                 " e.created_at, u.full_name AS by_name FROM llct_learner_event e"
                                 " LEFT JOIN app_user u ON u.id = e.user_id"
                                 " WHERE e.learner_id = ? ORDER BY e.id",
                                 CV_ARGS(CV_INT(cadre_jint(row, "id", 0))));
  if (!events)
    return cadre_db_fail(req);
  decorate(row);
  json_object_set(row, "events", events);
  json_object_set(row, "class_code", json_object_get(c.row, "code"));
  json_object_set_new(row, "can_manage", json_boolean(c.manage));
  return cadre_reply_json(req, 200, row);
}

/* ---- transitions ------------------------------------------------------------------------ */

typedef struct move_ctx {
  int64_t id;
  const char *to;
  int late_days;
  const char *final_state;
} move_ctx;

/* A drop-out's admission is cancelled and reported: to the sending unit
 * and to the province's organization board (plan part II.4, step 6). */
static int report_drop(cadre_req *req, llct_class_ref *c, json_t *l, const char *reason) {
  const char *subject = cadre_printf(req, "Hủy kết quả xét tuyển: %s (lớp %s)", cadre_jstr(l, "full_name"),
                                     cadre_jstr(c->row, "code"));
  const char *body = cadre_printf(
      req,
      "Học viên %s (%s), trúng tuyển lớp trung cấp lý luận chính trị %s, bị coi là bỏ học: %s.\n"
      "Nhà trường hủy kết quả xét tuyển và thông báo để cơ quan, đơn vị xử lý theo thẩm quyền.\n",
      cadre_jstr(l, "full_name"), cadre_jstr(l, "sending_agency_name"), cadre_jstr(c->row, "code"), reason);
  const char *key = cadre_printf(req, "llct-drop-%lld", (long long)cadre_jint(l, "id", 0));
  if (cadre_outbox_email_agency(req, cadre_jint(l, "sending_agency_id", 0), NULL, subject, body, key) < 0)
    return -1;
  int64_t board = llct_agency_child(req, c->owner_id, "province_board");
  if (board &&
      cadre_outbox_email_agency(req, board, NULL, subject, body, cadre_printf(req, "%s-btc", key)) < 0)
    return -1;
  return 0;
}

static int apply_move(cadre_req *req, llct_class_ref *c, json_t *l, llct_state to, const char *on,
                      move_ctx *m) {
  const char *reason = cadre_str(req, "reason");
  const char *doc = cadre_str(req, "doc_no");
  llct_state from = (llct_state)llct_state_from_code(cadre_jstr(l, "state"));
  bool enrolling = to == LLCT_ST_ENROLLED;
  llct_step_dates st[LLCT_STEPS + 1];
  if (llct_steps_load(req, c->id, st) < 0)
    return cadre_db_fail(req);
  /* an enrolment after the opening decision goes straight into the class */
  llct_state final = enrolling && st[7].completed ? LLCT_ST_STUDYING : to;
  bool cancel = to == LLCT_ST_DROPPED && from == LLCT_ST_ADMITTED;
  int64_t n = cadre_db_exec(
      req,
      "UPDATE llct_learner SET state = ?, state_reason = COALESCE(?, state_reason),"
      " supplement_due = COALESCE(?, supplement_due), admitted_on = COALESCE(?, admitted_on),"
      " admission_doc = COALESCE(?, admission_doc), enrolled_on = COALESCE(?, enrolled_on),"
      " late_days = COALESCE(?, late_days), late_reason = COALESCE(?, late_reason),"
      " unit_confirmation = COALESCE(?, unit_confirmation),"
      " principal_decision_no = COALESCE(?, principal_decision_no),"
      " dropped_on = COALESCE(?, dropped_on), cancel_reported_at = COALESCE(?, cancel_reported_at),"
      " graduated_on = COALESCE(?, graduated_on) WHERE id = ?",
      CV_ARGS(CV_STR(llct_state_code(final)), CV_STR(enrolling ? NULL : reason),
              CV_STR(to == LLCT_ST_NEEDS_SUPPLEMENT ? cadre_str(req, "supplement_due") : NULL),
              CV_STR(to == LLCT_ST_ADMITTED ? on : NULL), CV_STR(to == LLCT_ST_ADMITTED ? doc : NULL),
              CV_STR(enrolling ? on : NULL), CV_INT_IF(enrolling, m->late_days),
              CV_STR(enrolling && m->late_days > 0 ? reason : NULL),
              CV_STR(enrolling && m->late_days > 0 ? cadre_str(req, "unit_confirmation") : NULL),
              CV_STR(enrolling && m->late_days > 0 ? doc : NULL), CV_STR(to == LLCT_ST_DROPPED ? on : NULL),
              CV_STR(cancel ? cadre_now_text(req) : NULL), CV_STR(to == LLCT_ST_GRADUATED ? on : NULL),
              CV_INT(cadre_jint(l, "id", 0))));
  if (n < 0 && llct_db_is_check_failure(req))
    return over_limit(req, cadre_jint(l, "allotment_id", 0), c);
  if (n < 0)
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "INSERT INTO llct_learner_event (learner_id, from_state, to_state, on_date,"
                    " reason, doc_no, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(cadre_jint(l, "id", 0)), CV_STR(llct_state_code(from)),
                            CV_STR(llct_state_code(final)), CV_STR(on), CV_STR(reason), CV_STR(doc),
                            CV_INT(cadre_user_id(req)))) < 0)
    return cadre_db_fail(req);
  if (cancel && report_drop(req, c, l, reason ? reason : "không nhập học") < 0)
    return cadre_db_fail(req);
  m->final_state = llct_state_code(final);
  json_t *after = json_pack("{s:s, s:s, s:s?, s:i}", "state", m->final_state, "on", on, "reason", reason,
                            "late_days", m->late_days);
  json_t *before = json_pack("{s:s}", "state", llct_state_code(from));
  int rc = cadre_audit(req, "llct.learner", cadre_jint(l, "id", 0), "transition", before, after);
  json_decref(after);
  json_decref(before);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

static int transition_tx(cadre_req *req, void *p) {
  move_ctx *m = p;
  llct_class_ref c;
  int st;
  json_t *l = open_learner(req, m->id, true, &c, &st);
  if (!l)
    return st;
  int to = llct_state_from_code(m->to);
  int from = llct_state_from_code(cadre_jstr(l, "state"));
  /* a sending unit may only withdraw its own nomination */
  if (!c.manage && to != LLCT_ST_WITHDRAWN)
    return cadre_fail(req, 403, "forbidden",
                      "Đơn vị cử đi học chỉ được rút hồ sơ; các bước khác do nhà trường thực hiện.");
  const char *on = cadre_has(req, "on") ? cadre_str(req, "on") : cadre_today(req);
  int64_t day = llct_day(on);
  if (day > llct_today(req))
    return cadre_fail(req, 422, "date_in_future", "Ngày %s chưa tới.", on);
  if (day < llct_jday(l, "submitted_on"))
    return cadre_fail(req, 422, "date_before_submission", "Ngày trước ngày nộp hồ sơ.");
  llct_step_dates steps[LLCT_STEPS + 1];
  if (llct_steps_load(req, c.id, steps) < 0)
    return cadre_db_fail(req);
  const char *reason = cadre_str(req, "reason");
  const char *doc = cadre_str(req, "doc_no");
  const char *confirm = cadre_str(req, "unit_confirmation");
  llct_transition_ctx ctx = {
      .admission_decided = steps[4].completed,
      .class_opened = steps[7].completed,
      .is_admin = cadre_has_role(req, "admin"),
      .has_reason = reason && *reason,
      .has_supplement_due = cadre_has(req, "supplement_due"),
      .has_doc = doc && *doc,
      .supplementary = cadre_jtrue(l, "supplementary"),
      .unit_confirmed = confirm && *confirm,
      .on = day,
      .enrolment_on = llct_jday(c.row, "enrolment_on"),
      .first_module_end_on = llct_jday(c.row, "first_module_end_on"),
      .late_max_days = (int)cadre_jint(c.row, "late_max_days", 5),
  };
  llct_verdict v = llct_transition_check((llct_state)from, (llct_state)to, &ctx);
  if (v.status)
    return cadre_fail(req, v.status, v.code, "%s", v.message);
  if (v.late_days > 0 && !cadre_has_any_role(req, "admin reviewer"))
    return cadre_fail(req, 403, "principal_role_required",
                      "Cho nhập học chậm là quyết định của Hiệu trưởng: cần tài khoản có quyền "
                      "phê duyệt.");
  m->late_days = v.late_days;
  return apply_move(req, &c, l, (llct_state)to, on, m);
}

int llct_learner_transition(cadre_req *req) {
  move_ctx m = {.id = cadre_int(req, "id", 0), .to = cadre_str(req, "to")};
  int st = cadre_tx(req, transition_tx, &m);
  if (st)
    return st;
  json_t *body = json_pack("{s:b, s:I, s:s, s:i}", "ok", 1, "id", (json_int_t)m.id, "state", m.final_state,
                           "late_days", m.late_days);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}

/* ---- no-shows ----------------------------------------------------------------------------- */

/* Admitted learners who did not enrol: past the late window (or, for a
 * supplementary admission, past the first module) they are drop-outs. */
int llct_drop_no_shows(cadre_req *req, llct_class_ref *c, long *dropped) {
  *dropped = 0;
  int late = (int)cadre_jint(c->row, "late_max_days", 5);
  int64_t enrol = llct_jday(c->row, "enrolment_on");
  int64_t first_end = llct_jday(c->row, "first_module_end_on");
  int64_t today = llct_today(req);
  json_t *rows = cadre_db_rows(req,
                               /* the class row is locked: its dossiers change under it */
                               LEARNER_COLUMNS " WHERE l.class_id = ? AND l.state = 'admitted'"
                                               " ORDER BY l.id",
                               CV_ARGS(CV_INT(c->id)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *l;
  json_array_foreach(rows, i, l) {
    bool supp = cadre_jtrue(l, "supplementary");
    bool past = supp ? (first_end != LLCT_NO_DAY && today > first_end)
                     : (enrol != LLCT_NO_DAY && today > enrol + late);
    if (!past)
      continue;
    const char *reason =
        supp ? "Không nhập học bổ sung trước khi kết thúc học phần thứ nhất"
             : cadre_printf(req, "Không nhập học trong %d ngày kể từ ngày nhập học theo giấy báo", late);
    if (cadre_db_exec(req,
                      "UPDATE llct_learner SET state = 'dropped', state_reason = ?, dropped_on = ?,"
                      " cancel_reported_at = ? WHERE id = ?",
                      CV_ARGS(CV_STR(reason), CV_STR(cadre_today(req)), CV_STR(cadre_now_text(req)),
                              CV_INT(cadre_jint(l, "id", 0)))) < 0 ||
        cadre_db_exec(req,
                      "INSERT INTO llct_learner_event (learner_id, from_state, to_state, on_date,"
                      " reason, user_id) VALUES (?, 'admitted', 'dropped', ?, ?, ?)",
                      CV_ARGS(CV_INT(cadre_jint(l, "id", 0)), CV_STR(cadre_today(req)), CV_STR(reason),
                              CV_INT(cadre_user_id(req)))) < 0 ||
        report_drop(req, c, l, reason) < 0)
      return cadre_db_fail(req);
    json_t *after = json_pack("{s:s, s:s}", "state", "dropped", "reason", reason);
    int rc = cadre_audit(req, "llct.learner", cadre_jint(l, "id", 0), "no_show", NULL, after);
    json_decref(after);
    if (rc < 0)
      return cadre_db_fail(req);
    (*dropped)++;
  }
  return 0;
}

typedef struct noshow_ctx {
  int64_t class_id;
  long dropped;
} noshow_ctx;

static int no_shows_tx(cadre_req *req, void *p) {
  noshow_ctx *x = p;
  llct_class_ref c;
  int st = llct_class_manage(req, x->class_id, true, &c);
  if (st)
    return st;
  int64_t enrol = llct_jday(c.row, "enrolment_on");
  if (enrol == LLCT_NO_DAY)
    return cadre_fail(req, 409, "enrolment_date_missing", "Lớp chưa có ngày nhập học.");
  if (llct_today(req) <= enrol + cadre_jint(c.row, "late_max_days", 5))
    return cadre_fail(req, 409, "too_early",
                      "Chưa hết %lld ngày nhập học chậm được phép kể từ ngày nhập học.",
                      (long long)cadre_jint(c.row, "late_max_days", 5));
  return llct_drop_no_shows(req, &c, &x->dropped);
}

int llct_no_shows(cadre_req *req) {
  noshow_ctx x = {.class_id = cadre_int(req, "id", 0)};
  int st = cadre_tx(req, no_shows_tx, &x);
  if (st)
    return st;
  json_t *body = json_pack("{s:b, s:I}", "ok", 1, "dropped", (json_int_t)x.dropped);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}
