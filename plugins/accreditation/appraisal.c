/*
 * Central appraisal: the central council's site visits to the school. A
 * visit is recorded while the dossier is under appraisal, and recognition
 * needs at least one.
 */
#include "accreditation.h"

struct visit_ctx {
  int64_t cycle;
  int64_t id;
};

static int visit_tx(cadre_req *req, void *arg) {
  struct visit_ctx *ctx = arg;
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, ctx->cycle, true, &cy);
  if (rc)
    return rc;
  bool conflicted = false;
  if (!(accr_actor_mask(req, &cy, &conflicted) & (ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY)))
    return conflicted
               ? cadre_fail(req, 403, "conflict_of_interest",
                            "Bạn đã khai báo xung đột lợi ích với trường này.")
               : cadre_fail(req, 403, "forbidden", "Chỉ Hội đồng cấp Trung ương ghi nhận khảo sát thực tế.");
  if (!accr_site_visit_allowed(cy.state))
    return cadre_fail(req, 409, "site_visit_not_allowed",
                      "Khảo sát thực tế được ghi khi hồ sơ đang được thẩm định (hiện: “%s”).",
                      accr_state_title(cy.state));
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_site_visit (cycle_id, visit_date, team, notes,"
                    " recorded_by) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->cycle), CV_FIELD(req, "visit_date"), CV_FIELD(req, "team"),
                            CV_FIELD(req, "notes"), ACCR_USER(req))) < 0)
    return accr_db_refused(req, NULL, NULL);
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_site_visit WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "site_visit", ctx->id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_site_visit_add(cadre_req *req) {
  struct visit_ctx ctx = {cadre_int(req, "id", 0), 0};
  int rc = cadre_tx(req, visit_tx, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 201,
                          accr_row(req, "SELECT * FROM accreditation_site_visit WHERE id = ?", ctx.id));
}
