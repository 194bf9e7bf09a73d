/*
 * The provinces' standard-school projects (Đề án trường chính trị chuẩn):
 * number, date, approving body and when they went to the provincial
 * standing committee. The plan sets a deadline (before 01/4/2026 in the
 * seed); provinces that missed it, or have recorded nothing, are flagged.
 */
#include <string.h>

#include "accreditation.h"

/* on_time: before the deadline; late: on or after it; pending: not yet to
 * the committee but the deadline has not passed; missing: not yet and the
 * deadline has passed (or no plan sets one: then "pending"). */
#define DEADLINE_FLAG                                                                                        \
  " CASE WHEN p.standing_committee_date IS NOT NULL AND (? IS NULL"                                          \
  " OR p.standing_committee_date < ?) THEN 'on_time'"                                                        \
  " WHEN p.standing_committee_date IS NOT NULL THEN 'late'"                                                  \
  " WHEN ? IS NULL OR ? < ? THEN 'pending' ELSE 'missing' END"

static const char *deadline_of(json_t *plan) { return plan ? cadre_jstr(plan, "project_deadline") : NULL; }

#define FLAG_ARGS(req, d) CV_STR(d), CV_STR(d), CV_STR(d), CV_STR(cadre_today(req)), CV_STR(d)

static json_t *project_rows(cadre_req *req, const char *deadline) {
  return cadre_db_rows(req,
                       "SELECT a.id AS province_id, a.code AS province_code, a.name AS province_name,"
                       " p.id, p.number, p.project_date, p.title, p.approving_body,"
                       " p.standing_committee_date, p.status, p.note, p.updated_at," DEADLINE_FLAG " AS flag"
                       " FROM agency a" CADRE_SCOPE_JOIN(
                           "a.id") " LEFT JOIN accreditation_project p ON p.province_agency_id = a.id"
                                   " WHERE a.kind = 'province' AND a.status = 'active' ORDER BY a.code",
                       CV_ARGS(FLAG_ARGS(req, deadline), CV_INT(cadre_scope_root(req))));
}

json_t *accr_project_summary(cadre_req *req, json_t *plan) {
  json_t *rows = project_rows(req, deadline_of(plan));
  if (!rows)
    return NULL;
  int counts[4] = {0};
  static const char *const flags[4] = {"on_time", "late", "pending", "missing"};
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *f = cadre_jstr(r, "flag");
    for (int k = 0; k < 4; k++)
      if (f && strcmp(f, flags[k]) == 0)
        counts[k]++;
  }
  json_t *out = cadre_json_obj(req);
  json_object_set_new(out, "provinces", json_integer((json_int_t)json_array_size(rows)));
  for (int k = 0; k < 4; k++)
    json_object_set_new(out, flags[k], json_integer(counts[k]));
  json_object_set_new(out, "deadline", deadline_of(plan) ? json_string(deadline_of(plan)) : json_null());
  return out;
}

static const struct cadre_column project_columns[] = {
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 30},
    {"number", "Số Đề án", CC_TEXT, 16},
    {"project_date", "Ngày Đề án", CC_DATE, 12},
    {"approving_body", "Cơ quan phê duyệt", CC_TEXT, 30},
    {"standing_committee_date", "Ngày trình Ban Thường vụ", CC_DATE, 14},
    {"flag_title", "Đánh giá tiến độ", CC_TEXT, 30},
    {"note", "Ghi chú", CC_TEXT, 30},
};

static const char *flag_title(const char *flag) {
  if (!flag)
    return "";
  if (strcmp(flag, "on_time") == 0)
    return "Đã trình đúng hạn";
  if (strcmp(flag, "late") == 0)
    return "Trình sau thời hạn";
  if (strcmp(flag, "pending") == 0)
    return "Chưa trình (còn trong hạn)";
  return "Chưa trình — quá hạn";
}

int accr_projects_list(cadre_req *req) {
  json_t *plan = accr_current_plan(req);
  if (!plan && cadre_db_errno(req))
    return cadre_db_fail(req);
  json_t *rows = project_rows(req, deadline_of(plan));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r)
      json_object_set_new(r, "flag_title", json_string(flag_title(cadre_jstr(r, "flag"))));
  const char *format = accr_format(req);
  if (strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, "de-an-truong-chinh-tri-chuan",
                             "Đề án trường chính trị chuẩn của các tỉnh, thành phố", project_columns,
                             sizeof(project_columns) / sizeof(project_columns[0]), rows);
  json_t *out = cadre_json_obj(req);
  json_object_set_new(out, "deadline", deadline_of(plan) ? json_string(deadline_of(plan)) : json_null());
  json_object_set(out, "items", rows);
  return cadre_reply_json(req, 200, out);
}

struct project_ctx {
  int64_t province_id;
  int64_t id;
};

static int project_tx(cadre_req *req, void *arg) {
  struct project_ctx *ctx = arg;
  json_t *before = cadre_db_row(req,
                                "SELECT * FROM accreditation_project WHERE province_agency_id = ?"
                                " FOR UPDATE",
                                CV_ARGS(CV_INT(ctx->province_id)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  /* One project per province: the unique key makes this an upsert. */
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_project (province_agency_id, number, project_date,"
                    " title, approving_body, standing_committee_date, status, note)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    " number = VALUES(number), project_date = VALUES(project_date),"
                    " title = VALUES(title), approving_body = VALUES(approving_body),"
                    " standing_committee_date = VALUES(standing_committee_date),"
                    " status = VALUES(status), note = VALUES(note)",
                    CV_ARGS(CV_INT(ctx->province_id), CV_FIELD(req, "number"), CV_FIELD(req, "project_date"),
                            CV_FIELD(req, "title"), CV_FIELD(req, "approving_body"),
                            CV_FIELD(req, "standing_committee_date"),
                            CV_STR(accr_str_or(req, "status", "drafting")), CV_FIELD(req, "note"))) < 0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after = cadre_db_row(req, "SELECT * FROM accreditation_project WHERE province_agency_id = ?",
                               CV_ARGS(CV_INT(ctx->province_id)));
  if (!after)
    return cadre_db_fail(req);
  ctx->id = cadre_jint(after, "id", 0);
  if (accr_audit(req, "project", ctx->id, before ? "update" : "create", before, after))
    return cadre_db_fail(req);
  return 0;
}

int accr_project_save(cadre_req *req) {
  struct project_ctx ctx = {cadre_int(req, "id", 0), 0};
  /* The province records its own (scope), the Academy any. */
  int rc = cadre_require_scope(req, ctx.province_id);
  if (rc)
    return rc;
  const char *kind =
      cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(ctx.province_id)));
  if (!kind || strcmp(kind, "province") != 0)
    return cadre_fail(req, 422, "not_a_province", "Đề án được ghi cho tỉnh ủy, thành ủy.");
  const char *status = cadre_str(req, "status");
  if (status && strcmp(status, "drafting") != 0 && !cadre_has(req, "standing_committee_date"))
    return cadre_fail(req, 422, "standing_committee_date_required",
                      "Đề án đã trình hoặc đã phê duyệt cần ngày trình Ban Thường vụ.");
  if (status && strcmp(status, "approved") == 0 &&
      (!cadre_has(req, "number") || !cadre_has(req, "approving_body")))
    return cadre_fail(req, 422, "approval_details_required",
                      "Đề án đã phê duyệt cần số văn bản và cơ quan phê duyệt.");
  rc = cadre_tx(req, project_tx, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200,
                          accr_row(req,
                                   "SELECT * FROM accreditation_project"
                                   " WHERE id = ?",
                                   ctx.id));
}
