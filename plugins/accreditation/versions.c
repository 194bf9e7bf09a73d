/*
 * The standards as data: versions (11-QĐ/TW, 396-QĐ/TW, …) and their tree
 * of groups → criteria → indicators, kept by the Academy.
 */
#include <string.h>

#include "accreditation.h"

/* ---- Versions ------------------------------------------------------------ */

int accr_versions_list(cadre_req *req) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT v.id, v.code, v.title, v.issued_date, v.status, v.is_sample, v.note,"
      " v.replaces_id, (SELECT COUNT(*) FROM accreditation_criterion c"
      " WHERE c.version_id = v.id) AS criteria,"
      " (SELECT COUNT(*) FROM accreditation_criterion c WHERE c.version_id = v.id"
      " AND c.kind <> 'group' AND NOT EXISTS (SELECT 1 FROM accreditation_criterion k"
      " WHERE k.parent_id = c.id)) AS assessable,"
      " (SELECT COUNT(*) FROM accreditation_cycle y WHERE y.version_id = v.id) AS cycles"
      " FROM accreditation_version v ORDER BY v.issued_date IS NULL, v.issued_date DESC, v.id DESC",
      CV_NONE);
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, rows);
}

struct version_ctx {
  int64_t id;
};

static int version_write(cadre_req *req, void *arg) {
  struct version_ctx *ctx = arg;
  json_t *before = NULL;
  int64_t n;
  if (ctx->id) {
    before = accr_row(req, "SELECT * FROM accreditation_version WHERE id = ? FOR UPDATE", ctx->id);
    if (!before)
      return cadre_db_errno(req) ? cadre_db_fail(req)
                                 : cadre_fail(req, 404, "not_found", "Không tìm thấy phiên bản.");
    n = cadre_db_exec(req,
                      "UPDATE accreditation_version SET code = ?, title = ?, issued_date = ?,"
                      " status = ?, is_sample = ?, note = ?, replaces_id = ? WHERE id = ?",
                      CV_ARGS(CV_FIELD(req, "code"), CV_FIELD(req, "title"), CV_FIELD(req, "issued_date"),
                              CV_STR(accr_str_or(req, "status", "draft")),
                              CV_INT(cadre_bool(req, "is_sample", false)), CV_FIELD(req, "note"),
                              CV_FIELD(req, "replaces_id"), CV_INT(ctx->id)));
  } else {
    n = cadre_db_exec(req,
                      "INSERT INTO accreditation_version (code, title, issued_date, status,"
                      " is_sample, note, replaces_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(CV_FIELD(req, "code"), CV_FIELD(req, "title"), CV_FIELD(req, "issued_date"),
                              CV_STR(accr_str_or(req, "status", "draft")),
                              CV_INT(cadre_bool(req, "is_sample", false)), CV_FIELD(req, "note"),
                              CV_FIELD(req, "replaces_id")));
    if (n > 0)
      ctx->id = cadre_db_last_id(req);
  }
  if (n < 0)
    return accr_db_refused(req, "version_code_taken", "Mã phiên bản tiêu chuẩn này đã có.");
  json_t *after = accr_row(req, "SELECT * FROM accreditation_version WHERE id = ?", ctx->id);
  if (!after || accr_audit(req, "version", ctx->id, before ? "update" : "create", before, after))
    return cadre_db_fail(req);
  return 0;
}

static int version_save(cadre_req *req, int64_t id) {
  if (cadre_int(req, "replaces_id", 0) && cadre_int(req, "replaces_id", 0) == id)
    return cadre_fail(req, 422, "version_replaces_itself", "Một phiên bản không thể thay thế chính nó.");
  struct version_ctx ctx = {id};
  int rc = cadre_tx(req, version_write, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, id ? 200 : 201,
                          accr_row(req, "SELECT * FROM accreditation_version WHERE id = ?", ctx.id));
}

int accr_version_create(cadre_req *req) { return version_save(req, 0); }
int accr_version_update(cadre_req *req) { return version_save(req, cadre_int(req, "id", 0)); }

/* ---- Criteria: the tree in reading order ---------------------------------- */

/* Appends the children of `parent` (0 = roots) depth-first. Rows come sorted
 * by seq and code, so each level keeps that order. */
/* NOLINTNEXTLINE(misc-no-recursion): depth is bounded below */
static void walk(json_t *rows, json_t *out, int64_t parent, int depth) {
  if (depth > 8) /* groups → criteria → indicators: anything deeper is bad data */
    return;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    if (cadre_jint(r, "parent_id", 0) != parent)
      continue;
    json_object_set_new(r, "depth", json_integer(depth));
    json_array_append(out, r);
    walk(rows, out, cadre_jint(r, "id", 0), depth + 1);
  }
}

json_t *accr_criteria_tree(cadre_req *req, int64_t version_id) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT c.id, c.parent_id, p.code AS parent_code, c.kind, c.code, c.seq, c.title,"
      " c.levels, CASE c.levels WHEN 1 THEN '1' WHEN 2 THEN '2' ELSE '1,2' END AS levels_text,"
      " c.max_score, c.weight, c.mandatory, IF(c.mandatory, 'x', '') AS mandatory_text,"
      " c.guidance, c.expected_evidence, c.staff_role, c.staff_qualification,"
      " c.staff_min_count, c.staff_min_percent,"
      " (c.kind <> 'group' AND NOT EXISTS (SELECT 1 FROM accreditation_criterion k"
      " WHERE k.parent_id = c.id)) AS assessable"
      " FROM accreditation_criterion c LEFT JOIN accreditation_criterion p ON p.id = c.parent_id"
      " WHERE c.version_id = ? ORDER BY c.seq, c.code",
      CV_ARGS(CV_INT(version_id)));
  if (!rows)
    return NULL;
  json_t *out = cadre_json_arr(req);
  walk(rows, out, 0, 0);
  return out;
}

static const struct cadre_column catalogue_columns[] = {
    {"code", "Mã", CC_TEXT, 12},
    {"parent_code", "Mã cấp trên", CC_TEXT, 12},
    {"kind", "Loại", CC_TEXT, 10},
    {"seq", "Thứ tự", CC_INT, 8},
    {"title", "Nội dung", CC_TEXT, 60},
    {"levels_text", "Mức", CC_TEXT, 6},
    {"max_score", "Điểm tối đa", CC_NUM, 10},
    {"weight", "Trọng số", CC_NUM, 10},
    {"mandatory_text", "Bắt buộc", CC_TEXT, 8},
    {"guidance", "Hướng dẫn", CC_TEXT, 40},
    {"expected_evidence", "Minh chứng gợi ý", CC_TEXT, 40},
    {"staff_role", "Đối tượng đội ngũ", CC_TEXT, 12},
    {"staff_qualification", "Yêu cầu trình độ", CC_TEXT, 16},
    {"staff_min_count", "Số người tối thiểu", CC_INT, 10},
    {"staff_min_percent", "Tỷ lệ tối thiểu (%)", CC_NUM, 10},
};

int accr_criteria_list(cadre_req *req) {
  int64_t version_id = cadre_int(req, "id", 0);
  json_t *version = accr_row(req,
                             "SELECT id, code, title, is_sample FROM accreditation_version"
                             " WHERE id = ?",
                             version_id);
  if (!version)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy phiên bản.");
  json_t *tree = accr_criteria_tree(req, version_id);
  if (!tree)
    return cadre_db_fail(req);
  const char *format = accr_format(req);
  if (strcmp(format, "json") != 0) {
    const char *code = cadre_jstr(version, "code");
    bool sample = cadre_jtrue(version, "is_sample");
    return cadre_reply_table(
        req, format, "bo-tieu-chi",
        cadre_printf(req, "Bộ tiêu chí %s%s", code, sample ? " (MẪU — không phải văn bản quy định)" : ""),
        catalogue_columns, sizeof(catalogue_columns) / sizeof(catalogue_columns[0]), tree);
  }
  json_t *out = cadre_json_obj(req);
  json_object_set(out, "version", version);
  json_object_set(out, "items", tree);
  return cadre_reply_json(req, 200, out);
}

/* ---- Criteria: create, update, delete ------------------------------------ */

struct criterion_input {
  unsigned levels;
  const char *staff_role;
  const char *staff_qual;
};

/* Rules the field declarations cannot state on their own. */
static int criterion_input(cadre_req *req, enum accr_kind kind, struct criterion_input *in) {
  in->levels = accr_levels_parse(cadre_str(req, "levels"));
  if (!in->levels)
    in->levels = ACCR_LEVEL_BIT(1) | ACCR_LEVEL_BIT(2);
  in->staff_role = cadre_str(req, "staff_role");
  in->staff_qual = cadre_str(req, "staff_qualification");
  bool any = in->staff_role || in->staff_qual || cadre_has(req, "staff_min_count") ||
             cadre_has(req, "staff_min_percent");
  if (!any)
    return 0;
  if (kind == ACCR_K_GROUP)
    return cadre_fail(req, 422, "staff_rule_on_group",
                      "Yêu cầu về đội ngũ đặt ở tiêu chí hoặc chỉ báo, không đặt ở tiêu chuẩn.");
  if (!in->staff_role || !in->staff_qual ||
      (!cadre_has(req, "staff_min_count") && !cadre_has(req, "staff_min_percent")))
    return cadre_fail(req, 422, "staff_rule_incomplete",
                      "Yêu cầu về đội ngũ cần đối tượng, trình độ và số người hoặc tỷ lệ tối "
                      "thiểu.");
  return 0;
}

struct criterion_ctx {
  int64_t version_id;
  int64_t id;
};

static int version_editable(cadre_req *req, int64_t version_id) {
  const char *status =
      cadre_db_str(req, "SELECT status FROM accreditation_version WHERE id = ?", CV_ARGS(CV_INT(version_id)));
  if (!status)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy phiên bản.");
  if (strcmp(status, "retired") == 0)
    return cadre_fail(req, 409, "version_retired",
                      "Phiên bản tiêu chuẩn đã hết hiệu lực, không sửa được bộ tiêu chí.");
  return 0;
}

static int check_parent(cadre_req *req, int64_t version_id, enum accr_kind kind) {
  int64_t parent = cadre_int(req, "parent_id", 0);
  if (kind == ACCR_K_GROUP)
    return parent ? cadre_fail(req, 422, "kind_mismatch",
                               "Tiêu chuẩn (nhóm) là cấp cao nhất, không có cấp trên.")
                  : 0;
  json_t *p = cadre_db_row(req,
                           "SELECT kind, EXISTS (SELECT 1 FROM accreditation_assessment a"
                           " WHERE a.criterion_id = c.id) AS assessed"
                           " FROM accreditation_criterion c WHERE c.id = ? AND c.version_id = ?",
                           CV_ARGS(CV_INT(parent), CV_INT(version_id)));
  if (!p)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 422, "parent_not_found", "Không tìm thấy mục cấp trên trong phiên bản này.");
  enum accr_kind pk = ACCR_K_GROUP;
  accr_kind_parse(cadre_jstr(p, "kind"), &pk);
  if (!accr_kind_may_parent(pk, kind))
    return cadre_fail(req, 422, "kind_mismatch", "Tiêu chí nằm dưới tiêu chuẩn, chỉ báo nằm dưới tiêu chí.");
  if (cadre_jint(p, "assessed", 0))
    return cadre_fail(req, 409, "criterion_in_use",
                      "Tiêu chí cấp trên đã có kết quả đánh giá; không thêm chỉ báo con được.");
  return 0;
}

static int criterion_insert(cadre_req *req, void *arg) {
  struct criterion_ctx *ctx = arg;
  enum accr_kind kind = ACCR_K_GROUP;
  accr_kind_parse(cadre_str(req, "kind"), &kind);
  struct criterion_input in;
  int rc = version_editable(req, ctx->version_id);
  if (!rc)
    rc = check_parent(req, ctx->version_id, kind);
  if (!rc)
    rc = criterion_input(req, kind, &in);
  if (rc)
    return rc;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_criterion (version_id, parent_id, kind, code, seq,"
                    " title, levels, max_score, weight, mandatory, guidance, expected_evidence,"
                    " staff_role, staff_qualification, staff_min_count, staff_min_percent)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->version_id), CV_FIELD(req, "parent_id"), CV_FIELD(req, "kind"),
                            CV_FIELD(req, "code"), CV_INT(cadre_int(req, "seq", 0)), CV_FIELD(req, "title"),
                            CV_INT(in.levels), CV_FIELD(req, "max_score"), CV_FIELD(req, "weight"),
                            CV_INT(cadre_bool(req, "mandatory", false)), CV_FIELD(req, "guidance"),
                            CV_FIELD(req, "expected_evidence"), CV_STR(in.staff_role), CV_STR(in.staff_qual),
                            CV_FIELD(req, "staff_min_count"), CV_FIELD(req, "staff_min_percent"))) < 0)
    return accr_db_refused(req, "criterion_code_taken", "Mã tiêu chí này đã có trong phiên bản tiêu chuẩn.");
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_criterion WHERE id = ?", ctx->id);
  if (!after || accr_audit(req, "criterion", ctx->id, "create", NULL, after))
    return cadre_db_fail(req);
  return 0;
}

int accr_criterion_create(cadre_req *req) {
  struct criterion_ctx ctx = {cadre_int(req, "id", 0), 0};
  int rc = cadre_tx(req, criterion_insert, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 201,
                          accr_row(req,
                                   "SELECT * FROM accreditation_criterion"
                                   " WHERE id = ?",
                                   ctx.id));
}

static int criterion_change(cadre_req *req, void *arg) {
  struct criterion_ctx *ctx = arg;
  json_t *before = accr_row(req, "SELECT * FROM accreditation_criterion WHERE id = ? FOR UPDATE", ctx->id);
  if (!before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy tiêu chí.");
  enum accr_kind kind = ACCR_K_GROUP;
  accr_kind_parse(cadre_jstr(before, "kind"), &kind);
  struct criterion_input in;
  int rc = version_editable(req, cadre_jint(before, "version_id", 0));
  if (!rc)
    rc = criterion_input(req, kind, &in);
  if (rc)
    return rc;
  if (cadre_has(req, "max_score")) {
    /* Lowering a maximum must not leave recorded scores above it. */
    int64_t above = 0;
    if (cadre_db_int(req, &above,
                     "SELECT COUNT(*) FROM accreditation_assessment WHERE criterion_id = ?"
                     " AND score > ?",
                     CV_ARGS(CV_INT(ctx->id), CV_FIELD(req, "max_score"))) < 0)
      return cadre_db_fail(req);
    if (above > 0)
      return cadre_fail(req, 409, "scores_above_new_max", "Đã có %lld kết quả chấm cao hơn điểm tối đa mới.",
                        (long long)above);
  }
  if (cadre_db_exec(req,
                    "UPDATE accreditation_criterion SET code = ?, seq = ?, title = ?, levels = ?,"
                    " max_score = ?, weight = ?, mandatory = ?, guidance = ?,"
                    " expected_evidence = ?, staff_role = ?, staff_qualification = ?,"
                    " staff_min_count = ?, staff_min_percent = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "code"), CV_INT(cadre_int(req, "seq", 0)), CV_FIELD(req, "title"),
                            CV_INT(in.levels), CV_FIELD(req, "max_score"), CV_FIELD(req, "weight"),
                            CV_INT(cadre_bool(req, "mandatory", false)), CV_FIELD(req, "guidance"),
                            CV_FIELD(req, "expected_evidence"), CV_STR(in.staff_role), CV_STR(in.staff_qual),
                            CV_FIELD(req, "staff_min_count"), CV_FIELD(req, "staff_min_percent"),
                            CV_INT(ctx->id))) < 0)
    return accr_db_refused(req, "criterion_code_taken", "Mã tiêu chí này đã có trong phiên bản tiêu chuẩn.");
  json_t *after = accr_row(req, "SELECT * FROM accreditation_criterion WHERE id = ?", ctx->id);
  if (!after || accr_audit(req, "criterion", ctx->id, "update", before, after))
    return cadre_db_fail(req);
  return 0;
}

int accr_criterion_update(cadre_req *req) {
  struct criterion_ctx ctx = {0, cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, criterion_change, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200,
                          accr_row(req,
                                   "SELECT * FROM accreditation_criterion"
                                   " WHERE id = ?",
                                   ctx.id));
}

static int criterion_remove(cadre_req *req, void *arg) {
  struct criterion_ctx *ctx = arg;
  json_t *before = accr_row(req, "SELECT * FROM accreditation_criterion WHERE id = ? FOR UPDATE", ctx->id);
  if (!before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy tiêu chí.");
  int rc = version_editable(req, cadre_jint(before, "version_id", 0));
  if (rc)
    return rc;
  /* Children, results, evidence links and findings all refer to it by
   * foreign key: the database refuses, we explain. */
  if (cadre_db_exec(req, "DELETE FROM accreditation_criterion WHERE id = ?", CV_ARGS(CV_INT(ctx->id))) < 0) {
    if (cadre_db_errno(req) == 1451)
      return cadre_fail(req, 409, "criterion_in_use",
                        "Tiêu chí có mục con, kết quả đánh giá, minh chứng hoặc kết luận kiểm "
                        "tra; không xóa được.");
    return cadre_db_fail(req);
  }
  if (accr_audit(req, "criterion", ctx->id, "delete", before, NULL))
    return cadre_db_fail(req);
  return 0;
}

int accr_criterion_delete(cadre_req *req) {
  struct criterion_ctx ctx = {0, cadre_int(req, "id", 0)};
  int rc = cadre_tx(req, criterion_remove, &ctx);
  return rc ? rc : cadre_reply_ok(req, ctx.id);
}
