/*
 * After recognition: the register of recognised schools and inspections of
 * maintenance (team, date, findings per criterion with severity, corrective
 * actions with owner and due date), closing with an outcome that moves the
 * recognition to maintained, warning or withdrawn.
 */
#include <string.h>

#include "accreditation.h"

static const struct cadre_column register_columns[] = {
    {"school_name", "Trường", CC_TEXT, 36},
    {"province_name", "Tỉnh, thành phố / Bộ, ngành", CC_TEXT, 28},
    {"level", "Mức", CC_INT, 6},
    {"decision_no", "Số quyết định", CC_TEXT, 18},
    {"decision_date", "Ngày quyết định", CC_DATE, 14},
    {"valid_until", "Hiệu lực đến", CC_DATE, 14},
    {"status_title", "Tình trạng", CC_TEXT, 20},
    {"inspections", "Số lần kiểm tra", CC_INT, 10},
    {"last_inspection", "Kiểm tra gần nhất", CC_DATE, 14},
};

const char *accr_recognition_standing(const char *status, bool expired) {
  if (strcmp(status, "withdrawn") == 0)
    return "Đã thu hồi công nhận";
  if (expired)
    return "Hết hiệu lực";
  if (strcmp(status, "warning") == 0)
    return "Cảnh báo (khắc phục)";
  return "Đang duy trì";
}

int accr_register(cadre_req *req) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT r.id, r.cycle_id, r.school_agency_id, s.name AS school_name,"
      " p.name AS province_name, r.level, r.decision_no, r.decision_date, r.valid_until,"
      " r.status, r.status_date, r.status_note, (r.valid_until < ?) AS expired,"
      " (SELECT COUNT(*) FROM accreditation_inspection i WHERE i.recognition_id = r.id)"
      " AS inspections, (SELECT MAX(i.inspection_date) FROM accreditation_inspection i"
      " WHERE i.recognition_id = r.id) AS last_inspection"
      " FROM accreditation_recognition r JOIN agency s ON s.id = r.school_agency_id"
      " LEFT JOIN agency p ON p.id = s.parent_id"
      " WHERE (? IS NULL OR r.level = ?) AND" ACCR_SCHOOL_VISIBLE(
          "r.school_agency_id") " ORDER BY r.decision_date DESC, r.id DESC",
      CV_ARGS(CV_STR(cadre_today(req)), CV_FIELD(req, "level"), CV_FIELD(req, "level"), ACCR_VIS_ARGS(req)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) json_object_set_new(
      r, "status_title",
      json_string(accr_recognition_standing(cadre_jstr(r, "status"), cadre_jtrue(r, "expired"))));
  const char *format = accr_format(req);
  if (strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, "so-cong-nhan-truong-chuan",
                             "Sổ theo dõi công nhận trường chính trị đạt chuẩn", register_columns,
                             sizeof(register_columns) / sizeof(register_columns[0]), rows);
  return cadre_reply_json(req, 200, rows);
}

/* GET /recognitions/{id}: one decision with its inspections. */
int accr_recognition_get(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  json_t *rec =
      cadre_db_row(req,
                   "SELECT r.id, r.cycle_id, r.school_agency_id, s.name AS school_name, r.level,"
                   " r.decision_no, r.decision_date, r.valid_until, r.status, r.status_date, r.status_note,"
                   " (r.valid_until < ?) AS expired FROM accreditation_recognition r"
                   " JOIN agency s ON s.id = r.school_agency_id WHERE r.id = ? AND" ACCR_SCHOOL_VISIBLE(
                       "r.school_agency_id"),
                   CV_ARGS(CV_STR(cadre_today(req)), CV_INT(id), ACCR_VIS_ARGS(req)));
  if (!rec)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy quyết định công nhận.");
  json_t *inspections = cadre_db_rows(req,
                                      "SELECT i.id, i.inspection_date, i.team, i.status, i.outcome,"
                                      " i.conclusion, (SELECT COUNT(*) FROM accreditation_finding f"
                                      " WHERE f.inspection_id = i.id) AS findings"
                                      " FROM accreditation_inspection i WHERE i.recognition_id = ?"
                                      " ORDER BY i.inspection_date DESC, i.id DESC",
                                      CV_ARGS(CV_INT(id)));
  if (!inspections)
    return cadre_db_fail(req);
  json_object_set_new(
      rec, "status_title",
      json_string(accr_recognition_standing(cadre_jstr(rec, "status"), cadre_jint(rec, "expired", 0))));
  json_object_set(rec, "inspections", inspections);
  return cadre_reply_json(req, 200, rec);
}

/* ---- Loading ---------------------------------------------------------------------- */

/* An inspection (with its recognition's school and version) the caller may
 * see; answers 404 otherwise. With `open`, 409 when it is closed. */
static int load_inspection(cadre_req *req, int64_t id, bool open, json_t **out) {
  json_t *row = cadre_db_row(
      req,
      "SELECT i.id, i.recognition_id, i.inspection_date, i.team, i.status, i.outcome,"
      " i.conclusion, i.closed_at, r.school_agency_id, s.name AS school_name, r.level,"
      " r.decision_no, r.status AS recognition_status, c.version_id"
      " FROM accreditation_inspection i JOIN accreditation_recognition r ON r.id = i.recognition_id"
      " JOIN accreditation_cycle c ON c.id = r.cycle_id JOIN agency s ON s.id = r.school_agency_id"
      " WHERE i.id = ? AND" ACCR_SCHOOL_VISIBLE("r.school_agency_id"),
      CV_ARGS(CV_INT(id), ACCR_VIS_ARGS(req)));
  if (!row)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy đợt kiểm tra.");
  if (open && strcmp(cadre_jstr(row, "status"), "open") != 0)
    return cadre_fail(req, 409, "inspection_closed", "Đợt kiểm tra đã kết luận, không sửa được.");
  *out = row;
  return 0;
}

int accr_inspection_get(cadre_req *req) {
  json_t *insp = NULL;
  int64_t id = cadre_int(req, "id", 0);
  int rc = load_inspection(req, id, false, &insp);
  if (rc)
    return rc;
  json_t *findings = cadre_db_rows(req,
                                   "SELECT f.id, f.criterion_id, c.code AS criterion_code,"
                                   " c.title AS criterion_title, f.severity, f.description,"
                                   " f.root_cause FROM accreditation_finding f"
                                   " JOIN accreditation_criterion c ON c.id = f.criterion_id"
                                   " WHERE f.inspection_id = ? ORDER BY c.code, f.id",
                                   CV_ARGS(CV_INT(id)));
  json_t *actions = cadre_db_rows(req,
                                  "SELECT a.id, a.finding_id, a.description, a.owner, a.due_date,"
                                  " a.status, a.done_date, a.done_note,"
                                  " (a.status = 'open' AND a.due_date < ?) AS overdue"
                                  " FROM accreditation_action a JOIN accreditation_finding f"
                                  " ON f.id = a.finding_id WHERE f.inspection_id = ?"
                                  " ORDER BY a.due_date, a.id",
                                  CV_ARGS(CV_STR(cadre_today(req)), CV_INT(id)));
  if (!findings || !actions)
    return cadre_db_fail(req);
  size_t i, j;
  json_t *f, *a;
  json_array_foreach(findings, i, f) {
    json_t *list = json_array();
    json_array_foreach(actions, j, a) if (cadre_jint(a, "finding_id", 0) == cadre_jint(f, "id", 0))
        json_array_append(list, a);
    json_object_set_new(f, "actions", list);
  }
  json_object_set(insp, "findings", findings);
  struct accr_cycle fake = {.school_id = cadre_jint(insp, "school_agency_id", 0)};
  json_object_set_new(insp, "can_report", json_boolean(accr_actor_mask(req, &fake, NULL) & ACCR_ACT_SCHOOL));
  return cadre_reply_json(req, 200, insp);
}

/* ---- Create an inspection ------------------------------------------------------------ */

struct insp_ctx {
  int64_t parent; /* recognition / inspection / finding id */
  int64_t id;
  json_t *row;
};

static int inspection_insert(cadre_req *req, void *arg) {
  struct insp_ctx *ctx = arg;
  json_t *rec = cadre_db_row(req,
                             "SELECT r.id, r.status FROM accreditation_recognition r WHERE r.id = ?"
                             " AND" ACCR_SCHOOL_VISIBLE("r.school_agency_id") " FOR UPDATE",
                             CV_ARGS(CV_INT(ctx->parent), ACCR_VIS_ARGS(req)));
  if (!rec)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy quyết định công nhận.");
  if (strcmp(cadre_jstr(rec, "status"), "withdrawn") == 0)
    return cadre_fail(req, 409, "recognition_withdrawn",
                      "Công nhận đã bị thu hồi, không kiểm tra duy trì nữa.");
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_inspection (recognition_id, inspection_date, team,"
                    " created_by) VALUES (?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->parent), CV_FIELD(req, "inspection_date"), CV_FIELD(req, "team"),
                            ACCR_USER(req))) < 0)
    return accr_db_refused(req, NULL, NULL);
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_inspection WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "inspection", ctx->id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_inspection_create(cadre_req *req) {
  struct insp_ctx ctx = {.parent = cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, inspection_insert, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 201,
                          accr_row(req,
                                   "SELECT * FROM accreditation_inspection"
                                   " WHERE id = ?",
                                   ctx.id));
}

/* ---- Findings and corrective actions ---------------------------------------------------- */

static int finding_insert(cadre_req *req, void *arg) {
  struct insp_ctx *ctx = arg;
  json_t *insp = NULL;
  int rc = load_inspection(req, ctx->parent, true, &insp);
  if (rc)
    return rc;
  int64_t ok = 0;
  if (cadre_db_int(req, &ok, "SELECT 1 FROM accreditation_criterion WHERE id = ? AND version_id = ?",
                   CV_ARGS(CV_FIELD(req, "criterion_id"), CV_INT(cadre_jint(insp, "version_id", 0)))) != 1)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 422, "criterion_not_found",
                                            "Tiêu chí không thuộc bộ tiêu chí đã công nhận.");
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_finding (inspection_id, criterion_id, severity,"
                    " description, root_cause) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->parent), CV_FIELD(req, "criterion_id"), CV_FIELD(req, "severity"),
                            CV_FIELD(req, "description"), CV_FIELD(req, "root_cause"))) < 0)
    return accr_db_refused(req, NULL, NULL);
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_finding WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "finding", ctx->id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_finding_add(cadre_req *req) {
  struct insp_ctx ctx = {.parent = cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, finding_insert, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 201,
                          accr_row(req, "SELECT * FROM accreditation_finding WHERE id = ?", ctx.id));
}

static int inspection_of(cadre_req *req, const char *sql, int64_t id, int64_t *out) {
  if (cadre_db_int(req, out, sql, CV_ARGS(CV_INT(id))) == 1)
    return 0;
  return cadre_db_errno(req) ? cadre_db_fail(req)
                             : cadre_fail(req, 404, "not_found", "Không tìm thấy nội dung kiểm tra.");
}

static int action_insert(cadre_req *req, void *arg) {
  struct insp_ctx *ctx = arg;
  int64_t inspection;
  json_t *insp = NULL;
  int rc = inspection_of(req, "SELECT inspection_id FROM accreditation_finding WHERE id = ?", ctx->parent,
                         &inspection);
  if (!rc)
    rc = load_inspection(req, inspection, true, &insp);
  if (rc)
    return rc;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_action (finding_id, description, owner, due_date)"
                    " VALUES (?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->parent), CV_FIELD(req, "description"), CV_FIELD(req, "owner"),
                            CV_FIELD(req, "due_date"))) < 0)
    return accr_db_refused(req, NULL, NULL);
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_action WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "action", ctx->id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_action_add(cadre_req *req) {
  struct insp_ctx ctx = {.parent = cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, action_insert, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 201, accr_row(req, "SELECT * FROM accreditation_action WHERE id = ?", ctx.id));
}

/* The school reports an action done; the Academy may also update it. */
static int action_change(cadre_req *req, void *arg) {
  struct insp_ctx *ctx = arg;
  int64_t inspection;
  json_t *insp = NULL;
  int rc = inspection_of(req,
                         "SELECT f.inspection_id FROM accreditation_action a"
                         " JOIN accreditation_finding f ON f.id = a.finding_id WHERE a.id = ?",
                         ctx->id, &inspection);
  if (!rc)
    rc = load_inspection(req, inspection, false, &insp);
  if (rc)
    return rc;
  struct accr_cycle fake = {.school_id = cadre_jint(insp, "school_agency_id", 0)};
  unsigned mask = accr_actor_mask(req, &fake, NULL);
  if (!(mask & (ACCR_ACT_SCHOOL | ACCR_ACT_ACADEMY)))
    return cadre_fail(req, 403, "forbidden", "Trường hoặc Học viện mới cập nhật được biện pháp khắc phục.");
  const char *status = accr_str_or(req, "status", "open");
  bool done = strcmp(status, "done") == 0;
  if (done && !cadre_has(req, "done_date"))
    return cadre_fail(req, 422, "done_date_required", "Cần ngày hoàn thành biện pháp khắc phục.");
  json_t *before = accr_row(req, "SELECT * FROM accreditation_action WHERE id = ? FOR UPDATE", ctx->id);
  if (!before)
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "UPDATE accreditation_action SET status = ?, done_date = ?, done_note = ?"
                    " WHERE id = ?",
                    CV_ARGS(CV_STR(status), done ? CV_FIELD(req, "done_date") : CV_NULL,
                            CV_FIELD(req, "done_note"), CV_INT(ctx->id))) < 0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_action WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "action", ctx->id, "update", before, after) ? cadre_db_fail(req) : 0;
}

int accr_action_update(cadre_req *req) {
  struct insp_ctx ctx = {.id = cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, action_change, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200, accr_row(req, "SELECT * FROM accreditation_action WHERE id = ?", ctx.id));
}

/* ---- Closing with an outcome ---------------------------------------------------------- */

static int tally(cadre_req *req, int64_t inspection, struct accr_finding_tally *t) {
  json_t *row = cadre_db_row(
      req,
      "SELECT COALESCE(SUM(f.severity = 'minor'), 0) AS minor,"
      " COALESCE(SUM(f.severity = 'major'), 0) AS major,"
      " COALESCE(SUM(f.severity = 'critical'), 0) AS critical,"
      " COALESCE(SUM(f.severity = 'critical' AND (NOT EXISTS (SELECT 1 FROM accreditation_action a"
      " WHERE a.finding_id = f.id) OR EXISTS (SELECT 1 FROM accreditation_action a"
      " WHERE a.finding_id = f.id AND a.status <> 'done'))), 0) AS critical_unresolved"
      " FROM accreditation_finding f WHERE f.inspection_id = ?",
      CV_ARGS(CV_INT(inspection)));
  if (!row)
    return -1;
  t->minor = (int)cadre_jnum(row, "minor", 0);
  t->major = (int)cadre_jnum(row, "major", 0);
  t->critical = (int)cadre_jnum(row, "critical", 0);
  t->critical_unresolved = (int)cadre_jnum(row, "critical_unresolved", 0);
  return 0;
}

static const char *const recognition_status[] = {
    [ACCR_O_MAINTAINED] = "active", [ACCR_O_WARNING] = "warning", [ACCR_O_WITHDRAWN] = "withdrawn"};

static int close_tx(cadre_req *req, void *arg) {
  struct insp_ctx *ctx = arg;
  json_t *insp = NULL;
  int rc = load_inspection(req, ctx->id, true, &insp);
  if (rc)
    return rc;
  enum accr_outcome outcome = ACCR_O_MAINTAINED;
  accr_outcome_parse(cadre_str(req, "outcome"), &outcome);
  struct accr_finding_tally t;
  if (tally(req, ctx->id, &t))
    return cadre_db_fail(req);
  if (!accr_outcome_allowed(&t, outcome))
    return cadre_fail(req, 422, "outcome_not_allowed",
                      "Còn %d phát hiện nghiêm trọng chưa khắc phục xong: không kết luận “duy trì”"
                      " được.",
                      t.critical_unresolved);
  int64_t rec = cadre_jint(insp, "recognition_id", 0);
  json_t *before = accr_row(req, "SELECT * FROM accreditation_recognition WHERE id = ? FOR UPDATE", rec);
  if (!before ||
      cadre_db_exec(req,
                    "UPDATE accreditation_inspection SET status = 'closed', outcome = ?,"
                    " conclusion = ?, closed_at = ? WHERE id = ? AND status = 'open'",
                    CV_ARGS(CV_STR(accr_outcome_code(outcome)), CV_FIELD(req, "conclusion"),
                            CV_STR(cadre_now_text(req)), CV_INT(ctx->id))) != 1 ||
      cadre_db_exec(req,
                    "UPDATE accreditation_recognition SET status = ?, status_date = ?,"
                    " status_note = ? WHERE id = ?",
                    CV_ARGS(CV_STR(recognition_status[outcome]), CV_STR(cadre_today(req)),
                            CV_FIELD(req, "conclusion"), CV_INT(rec))) < 0)
    return cadre_db_fail(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_recognition WHERE id = ?", rec);
  json_t *closed = accr_row(req, "SELECT * FROM accreditation_inspection WHERE id = ?", ctx->id);
  if (!after || !closed || accr_audit(req, "inspection", ctx->id, "close", insp, closed) ||
      accr_audit(req, "recognition", rec, accr_outcome_code(outcome), before, after))
    return cadre_db_fail(req);
  int64_t school = cadre_jint(insp, "school_agency_id", 0);
  const char *subject = "[Trường chuẩn] Kết luận kiểm tra duy trì tiêu chí";
  const char *body =
      cadre_printf(req, "Kết luận đợt kiểm tra ngày %s: %s.\n\n%s", cadre_jstr(insp, "inspection_date"),
                   outcome == ACCR_O_MAINTAINED ? "duy trì đạt chuẩn"
                   : outcome == ACCR_O_WARNING  ? "cảnh báo, yêu cầu khắc phục"
                                                : "thu hồi công nhận",
                   cadre_str0(req, "conclusion"));
  const char *key = cadre_printf(req, "accr:inspection:%lld", (long long)ctx->id);
  if (accr_notify(req, ACCR_ROLE_HEAD, school, ACCR_AUD_AT, subject, body, key) < 0 ||
      accr_notify(req, ACCR_ROLE_PROVINCE, school, ACCR_AUD_OVER, subject, body, key) < 0)
    return cadre_db_fail(req);
  return 0;
}

int accr_inspection_close(cadre_req *req) {
  struct insp_ctx ctx = {.id = cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, close_tx, &ctx);
  return rc ? rc : accr_inspection_get(req);
}
