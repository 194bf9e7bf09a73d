/*
 * The evidence library of each school (document number and date, issuer,
 * validity, file) and its links to criteria in a cycle: one piece of
 * evidence serves many criteria and, through cloning, many cycles. Files are
 * served only after the caller is shown to see the school they belong to.
 */
#include <string.h>

#include "accreditation.h"

static void add_validity(cadre_req *req, json_t *rows) {
  const char *today = cadre_today(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    enum accr_evidence_state st = accr_evidence_state_on(
        today, cadre_jstr(r, "valid_from"), cadre_jstr(r, "valid_until"), ACCR_EXPIRY_WARNING_DAYS);
    json_object_set_new(r, "validity", json_string(accr_evidence_state_code(st)));
  }
}

int accr_evidence_list(cadre_req *req) {
  int64_t school = cadre_int(req, "id", 0);
  int rc = accr_require_school_visible(req, school);
  if (rc)
    return rc;
  const char *q = cadre_str(req, "q");
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT e.id, e.code, e.title, e.doc_number, e.doc_date, e.issuer, e.valid_from,"
                    " e.valid_until, e.note, e.file_id, f.filename, f.size, f.mime, e.updated_at,"
                    " (SELECT COUNT(*) FROM accreditation_evidence_link l WHERE l.evidence_id = e.id)"
                    " AS links FROM accreditation_evidence e LEFT JOIN file f ON f.id = e.file_id"
                    " WHERE e.school_agency_id = ? AND (? IS NULL OR e.title LIKE CONCAT('%', ?, '%')"
                    " OR e.code LIKE CONCAT(?, '%') OR e.doc_number = ?) ORDER BY e.code",
                    CV_ARGS(CV_INT(school), CV_STR(q), CV_STR(q), CV_STR(q), CV_STR(q)));
  if (!rows)
    return cadre_db_fail(req);
  add_validity(req, rows);
  const char *only = cadre_str(req, "validity");
  if (only) {
    json_t *kept = cadre_json_arr(req);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) if (strcmp(cadre_jstr(r, "validity"), only) == 0)
        json_array_append(kept, r);
    rows = kept;
  }
  return cadre_reply_json(req, 200, rows);
}

/* Evidence that a cycle under review relies on is frozen with the dossier. */
static int check_not_frozen(cadre_req *req, int64_t evidence_id) {
  int64_t n = 0;
  if (cadre_db_int(req, &n,
                   "SELECT COUNT(*) FROM accreditation_evidence_link l"
                   " JOIN accreditation_cycle c ON c.id = l.cycle_id WHERE l.evidence_id = ?"
                   " AND c.state NOT IN ('draft', 'self_assessing', 'changes_requested',"
                   " 'recognised', 'not_recognised')",
                   CV_ARGS(CV_INT(evidence_id))) < 0)
    return cadre_db_fail(req);
  if (n > 0)
    return cadre_fail(req, 409, "evidence_locked",
                      "Minh chứng đang thuộc hồ sơ đã nộp, chưa sửa hay xóa được cho đến khi hồ "
                      "sơ được trả lại hoặc có kết quả.");
  return 0;
}

static int check_dates(cadre_req *req) {
  const char *from = cadre_str(req, "valid_from"), *until = cadre_str(req, "valid_until");
  if (from && until && strcmp(until, from) < 0)
    return cadre_fail(req, 422, "validity_reversed", "Ngày hết hiệu lực không được trước ngày có hiệu lực.");
  return 0;
}

struct evidence_ctx {
  int64_t school;
  int64_t id;
  int op; /* 0 create, 1 update, 2 delete */
};

static json_t *evidence_row(cadre_req *req, int64_t id) {
  return accr_row(req, "SELECT * FROM accreditation_evidence WHERE id = ?", id);
}

static int store_file(cadre_req *req, int64_t school, int64_t *file_id) {
  const cadre_upload *up = cadre_file(req, "file");
  *file_id = 0;
  if (!up)
    return 0;
  *file_id = cadre_file_store(req, up, school);
  return *file_id > 0 ? 0 : cadre_db_fail(req);
}

static int evidence_tx(cadre_req *req, void *arg) {
  struct evidence_ctx *ctx = arg;
  json_t *before = NULL;
  int rc;
  if (ctx->op) {
    before = accr_row(req, "SELECT * FROM accreditation_evidence WHERE id = ? FOR UPDATE", ctx->id);
    if (!before)
      return cadre_db_fail(req); /* checked to exist before the transaction */
    if ((rc = check_not_frozen(req, ctx->id)))
      return rc;
  }
  int64_t file_id = 0, n;
  if (ctx->op < 2 && (rc = store_file(req, ctx->school, &file_id)))
    return rc;
  if (ctx->op == 0) {
    n = cadre_db_exec(req,
                      "INSERT INTO accreditation_evidence (school_agency_id, code, title,"
                      " doc_number, doc_date, issuer, valid_from, valid_until, file_id, note,"
                      " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(CV_INT(ctx->school), CV_FIELD(req, "code"), CV_FIELD(req, "title"),
                              CV_FIELD(req, "doc_number"), CV_FIELD(req, "doc_date"), CV_FIELD(req, "issuer"),
                              CV_FIELD(req, "valid_from"), CV_FIELD(req, "valid_until"),
                              CV_INT_IF(file_id > 0, file_id), CV_FIELD(req, "note"), ACCR_USER(req)));
    if (n > 0)
      ctx->id = cadre_db_last_id(req);
  } else if (ctx->op == 1) {
    /* Without a new file the current one stays. */
    n = cadre_db_exec(req,
                      "UPDATE accreditation_evidence SET code = ?, title = ?, doc_number = ?,"
                      " doc_date = ?, issuer = ?, valid_from = ?, valid_until = ?,"
                      " file_id = COALESCE(?, file_id), note = ? WHERE id = ?",
                      CV_ARGS(CV_FIELD(req, "code"), CV_FIELD(req, "title"), CV_FIELD(req, "doc_number"),
                              CV_FIELD(req, "doc_date"), CV_FIELD(req, "issuer"), CV_FIELD(req, "valid_from"),
                              CV_FIELD(req, "valid_until"), CV_INT_IF(file_id > 0, file_id),
                              CV_FIELD(req, "note"), CV_INT(ctx->id)));
  } else {
    n = cadre_db_exec(req, "DELETE FROM accreditation_evidence WHERE id = ?", CV_ARGS(CV_INT(ctx->id)));
    if (n < 0 && cadre_db_errno(req) == 1451)
      return cadre_fail(req, 409, "evidence_in_use",
                        "Minh chứng đang gắn với tiêu chí trong kỳ đánh giá; gỡ liên kết trước "
                        "khi xóa.");
  }
  if (n < 0)
    return accr_db_refused(req, "evidence_code_taken", "Mã minh chứng này trường đã dùng.");
  json_t *after = ctx->op == 2 ? NULL : evidence_row(req, ctx->id);
  static const char *const actions[] = {"create", "update", "delete"};
  if ((ctx->op < 2 && !after) || accr_audit(req, "evidence", ctx->id, actions[ctx->op], before, after))
    return cadre_db_fail(req);
  return 0;
}

static int evidence_run(cadre_req *req, struct evidence_ctx *ctx) {
  int rc;
  if (ctx->op) {
    int64_t school = 0;
    if (cadre_db_int(req, &school, "SELECT school_agency_id FROM accreditation_evidence WHERE id = ?",
                     CV_ARGS(CV_INT(ctx->id))) != 1)
      return cadre_db_errno(req) ? cadre_db_fail(req)
                                 : cadre_fail(req, 404, "not_found", "Không tìm thấy minh chứng.");
    ctx->school = school;
  }
  if ((rc = accr_require_school_staff(req, ctx->school)))
    return rc;
  if (ctx->op < 2 && (rc = check_dates(req)))
    return rc;
  if ((rc = cadre_tx(req, evidence_tx, ctx)))
    return rc;
  if (ctx->op == 2)
    return cadre_reply_ok(req, ctx->id);
  return cadre_reply_json(req, ctx->op ? 200 : 201, evidence_row(req, ctx->id));
}

int accr_evidence_create(cadre_req *req) {
  struct evidence_ctx ctx = {.school = cadre_int(req, "id", 0), .op = 0};
  return evidence_run(req, &ctx);
}

int accr_evidence_update(cadre_req *req) {
  struct evidence_ctx ctx = {.id = cadre_int(req, "id", 0), .op = 1};
  return evidence_run(req, &ctx);
}

int accr_evidence_delete(cadre_req *req) {
  struct evidence_ctx ctx = {.id = cadre_int(req, "id", 0), .op = 2};
  return evidence_run(req, &ctx);
}

/* ---- Files ------------------------------------------------------------------------ */

/* Sends the file of a piece of evidence the caller may see; anything else,
 * including a file of another school, is "not found". */
static int send_evidence_file(cadre_req *req, const char *sql, int64_t id) {
  json_t *row = cadre_db_row(req, sql, CV_ARGS(CV_INT(id), ACCR_VIS_ARGS(req)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy tệp minh chứng.");
  }
  return cadre_reply_file(req, cadre_jint(row, "file_id", 0));
}

int accr_evidence_file(cadre_req *req) {
  return send_evidence_file(req,
                            "SELECT e.file_id FROM accreditation_evidence e WHERE e.id = ?"
                            " AND e.file_id IS NOT NULL AND" ACCR_SCHOOL_VISIBLE("e.school_agency_id"),
                            cadre_int(req, "id", 0));
}

int accr_file_get(cadre_req *req) {
  return send_evidence_file(req,
                            "SELECT e.file_id FROM accreditation_evidence e WHERE e.file_id = ?"
                            " AND" ACCR_SCHOOL_VISIBLE("e.school_agency_id") " LIMIT 1",
                            cadre_int(req, "id", 0));
}

/* ---- Links between evidence and criteria in a cycle --------------------------------- */

struct link_ctx {
  int64_t cycle;
  int64_t criterion;
  int64_t evidence;
  bool remove;
};

static int link_tx(cadre_req *req, void *arg) {
  struct link_ctx *ctx = arg;
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, ctx->cycle, true, &cy);
  if (rc)
    return rc;
  if (!(accr_actor_mask(req, &cy, NULL) & ACCR_ACT_SCHOOL))
    return cadre_fail(req, 403, "school_staff_only", "Chỉ cán bộ của trường mới gắn minh chứng vào hồ sơ.");
  if (!accr_layer_editable(cy.state, ACCR_L_SELF))
    return cadre_fail(req, 409, "dossier_locked",
                      "Hồ sơ đang ở trạng thái “%s”: không thay đổi minh chứng được.",
                      accr_state_title(cy.state));
  json_t *key = cadre_keep(req, json_pack("{sI sI}", "criterion_id", (json_int_t)ctx->criterion,
                                          "evidence_id", (json_int_t)ctx->evidence));
  if (ctx->remove) {
    int64_t n = cadre_db_exec(req,
                              "DELETE FROM accreditation_evidence_link WHERE cycle_id = ?"
                              " AND criterion_id = ? AND evidence_id = ?",
                              CV_ARGS(CV_INT(ctx->cycle), CV_INT(ctx->criterion), CV_INT(ctx->evidence)));
    if (n < 0)
      return cadre_db_fail(req);
    if (n == 0)
      return cadre_fail(req, 404, "not_found", "Minh chứng chưa gắn với tiêu chí này.");
    return accr_audit(req, "evidence_link", ctx->cycle, "remove", key, NULL) ? cadre_db_fail(req) : 0;
  }
  /* The evidence must be this school's: another school's id is unknown here. */
  int64_t ok = 0;
  if (cadre_db_int(req, &ok, "SELECT 1 FROM accreditation_evidence WHERE id = ? AND school_agency_id = ?",
                   CV_ARGS(CV_INT(ctx->evidence), CV_INT(cy.school_id))) != 1)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "evidence_not_found",
                                            "Không tìm thấy minh chứng trong thư viện của trường.");
  if (cadre_db_int(req, &ok,
                   "SELECT 1 FROM accreditation_criterion c WHERE c.id = ? AND c.version_id = ?"
                   " AND c.kind <> 'group' AND NOT EXISTS (SELECT 1 FROM accreditation_criterion k"
                   " WHERE k.parent_id = c.id)",
                   CV_ARGS(CV_INT(ctx->criterion), CV_INT(cy.version_id))) != 1)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "criterion_not_found",
                                            "Tiêu chí không thuộc bộ tiêu chí của kỳ đánh giá.");
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_evidence_link (cycle_id, criterion_id, evidence_id,"
                    " school_agency_id, version_id, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->cycle), CV_INT(ctx->criterion), CV_INT(ctx->evidence),
                            CV_INT(cy.school_id), CV_INT(cy.version_id), ACCR_USER(req))) < 0)
    return accr_db_refused(req, "already_linked", "Minh chứng đã gắn với tiêu chí này.");
  return accr_audit(req, "evidence_link", ctx->cycle, "add", NULL, key) ? cadre_db_fail(req) : 0;
}

static int link_run(cadre_req *req, bool remove) {
  struct link_ctx ctx = {cadre_int(req, "id", 0), cadre_int(req, "criterion", 0),
                         cadre_int(req, remove ? "evidence" : "evidence_id", 0), remove};
  int rc = cadre_tx(req, link_tx, &ctx);
  return rc ? rc : cadre_reply_ok(req, ctx.evidence);
}

int accr_link_add(cadre_req *req) { return link_run(req, false); }
int accr_link_remove(cadre_req *req) { return link_run(req, true); }
