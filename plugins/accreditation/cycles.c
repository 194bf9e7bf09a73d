/*
 * Assessment cycles: a school's dossier against one version of the standard
 * at a target level. Listing, opening, reading (with the criteria, the
 * three layers of results and the evidence), and starting a new cycle from
 * a finished one with its statuses reset.
 */
#include <string.h>

#include "accreditation.h"

static void add_state_titles(json_t *rows) {
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    enum accr_state s;
    if (accr_state_parse(cadre_jstr(r, "state"), &s))
      json_object_set_new(r, "state_title", json_string(accr_state_title(s)));
  }
}

int accr_cycles_list(cadre_req *req) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT c.id, c.title, c.state, c.target_level, c.school_agency_id, s.name AS school_name,"
      " v.code AS version, v.is_sample, c.provincial_council_id, c.central_council_id,"
      " c.submitted_at, c.updated_at FROM accreditation_cycle c"
      " JOIN agency s ON s.id = c.school_agency_id"
      " JOIN accreditation_version v ON v.id = c.version_id"
      " WHERE (? IS NULL OR c.school_agency_id = ?) AND (? IS NULL OR c.state = ?)"
      " AND" ACCR_CYCLE_VISIBLE("c") " ORDER BY c.updated_at DESC, c.id DESC",
      CV_ARGS(CV_FIELD(req, "school"), CV_FIELD(req, "school"), CV_FIELD(req, "state"),
              CV_FIELD(req, "state"), ACCR_VIS_ARGS(req)));
  if (!rows)
    return cadre_db_fail(req);
  add_state_titles(rows);
  return cadre_reply_json(req, 200, rows);
}

/* ---- Creating (and cloning) ----------------------------------------------- */

/* Carries a finished cycle forward: the evidence links (by criterion code,
 * so a newer version picks up what still applies) and what each criterion
 * was found to be, shown as "previous" while the new results start empty. */
static int copy_from(cadre_req *req, int64_t new_id, int64_t version_id, int64_t from) {
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_assessment (cycle_id, version_id, criterion_id, layer,"
                    " prev_result, prev_score)"
                    " SELECT ?, ?, nc.id, 'self', COALESCE(ax.result, ap.result, s.result),"
                    " COALESCE(ax.score, ap.score, s.score)"
                    " FROM accreditation_assessment s"
                    " JOIN accreditation_criterion oc ON oc.id = s.criterion_id"
                    " JOIN accreditation_criterion nc ON nc.version_id = ? AND nc.code = oc.code"
                    " LEFT JOIN accreditation_assessment ap ON ap.cycle_id = s.cycle_id"
                    " AND ap.criterion_id = s.criterion_id AND ap.layer = 'provincial'"
                    " LEFT JOIN accreditation_assessment ax ON ax.cycle_id = s.cycle_id"
                    " AND ax.criterion_id = s.criterion_id AND ax.layer = 'central'"
                    " WHERE s.cycle_id = ? AND s.layer = 'self'",
                    CV_ARGS(CV_INT(new_id), CV_INT(version_id), CV_INT(version_id), CV_INT(from))) < 0)
    return -1;
  return cadre_db_exec(req,
                       "INSERT INTO accreditation_evidence_link (cycle_id, criterion_id, evidence_id,"
                       " school_agency_id, version_id, created_by)"
                       " SELECT ?, nc.id, l.evidence_id, l.school_agency_id, ?, ?"
                       " FROM accreditation_evidence_link l"
                       " JOIN accreditation_criterion oc ON oc.id = l.criterion_id"
                       " JOIN accreditation_criterion nc ON nc.version_id = ? AND nc.code = oc.code"
                       " WHERE l.cycle_id = ?",
                       CV_ARGS(CV_INT(new_id), CV_INT(version_id), ACCR_USER(req), CV_INT(version_id),
                               CV_INT(from))) < 0
             ? -1
             : 0;
}

int64_t accr_cycle_insert(cadre_req *req, int64_t school_id, int64_t version_id, int level, const char *title,
                          int64_t cloned_from) {
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_cycle (school_agency_id, version_id, target_level,"
                    " title, cloned_from_id, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(school_id), CV_INT(version_id), CV_INT(level), CV_STR(title),
                            CV_INT_IF(cloned_from > 0, cloned_from), ACCR_USER(req))) < 0)
    return -1;
  int64_t id = cadre_db_last_id(req);
  if (cloned_from > 0 && copy_from(req, id, version_id, cloned_from) < 0)
    return -1;
  json_t *after = accr_row(req, "SELECT * FROM accreditation_cycle WHERE id = ?", id);
  if (!after || accr_audit(req, "cycle", id, cloned_from ? "clone" : "create", NULL, after))
    return -1;
  return id;
}

struct create_ctx {
  int64_t school;
  int64_t version;
  int level;
  const char *title;
  int64_t from;
  int64_t id;
};

static int create_tx(cadre_req *req, void *arg) {
  struct create_ctx *ctx = arg;
  ctx->id = accr_cycle_insert(req, ctx->school, ctx->version, ctx->level, ctx->title, ctx->from);
  if (ctx->id > 0)
    return 0;
  return accr_db_refused(req, "open_cycle_exists",
                         "Trường đang có một kỳ đánh giá chưa kết thúc; hoàn thành kỳ đó trước "
                         "khi mở kỳ mới.");
}

/* The version asked for, which must be in force; or the newest in force. */
static int pick_version(cadre_req *req, int64_t asked, int64_t *out) {
  json_t *v = cadre_db_row(req,
                           "SELECT id, status FROM accreditation_version"
                           " WHERE (? IS NULL AND status = 'active') OR id = ?"
                           " ORDER BY issued_date DESC, id DESC LIMIT 1",
                           CV_ARGS(CV_INT_IF(asked > 0, asked), CV_INT(asked)));
  if (!v)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 422, "version_not_found", "Chưa có phiên bản tiêu chuẩn đang áp dụng.");
  if (strcmp(cadre_jstr(v, "status"), "active") != 0)
    return cadre_fail(req, 422, "version_not_active", "Chỉ đánh giá theo phiên bản tiêu chuẩn đang áp dụng.");
  *out = cadre_jint(v, "id", 0);
  return 0;
}

static const char *default_title(cadre_req *req, int level) {
  return cadre_printf(req, "Đánh giá mức %d năm %.4s", level, cadre_today(req));
}

int accr_cycle_create(cadre_req *req) {
  struct create_ctx ctx = {.school = cadre_int(req, "school_id", 0),
                           .level = (int)cadre_int(req, "target_level", 1)};
  int rc = accr_require_school_staff(req, ctx.school);
  if (rc)
    return rc;
  int school = accr_is_school(req, ctx.school);
  if (school <= 0)
    return school < 0 ? cadre_db_fail(req)
                      : cadre_fail(req, 422, "not_a_school", "Kỳ đánh giá được mở cho trường chính trị.");
  if ((rc = pick_version(req, cadre_int(req, "version_id", 0), &ctx.version)))
    return rc;
  ctx.title = cadre_str(req, "title") ? cadre_str(req, "title") : default_title(req, ctx.level);
  if ((rc = cadre_tx(req, create_tx, &ctx)))
    return rc;
  return cadre_reply_json(req, 201, accr_row(req, "SELECT * FROM accreditation_cycle WHERE id = ?", ctx.id));
}

int accr_cycle_clone(cadre_req *req) {
  struct accr_cycle from;
  int rc = accr_cycle_load(req, cadre_int(req, "id", 0), false, &from);
  if (rc)
    return rc;
  if (!(accr_actor_mask(req, &from, NULL) & ACCR_ACT_SCHOOL))
    return cadre_fail(req, 403, "school_staff_only", "Chỉ cán bộ của trường mới mở kỳ đánh giá mới.");
  if (!accr_state_terminal(from.state))
    return cadre_fail(req, 409, "cycle_still_open",
                      "Kỳ đánh giá này chưa kết thúc; chỉ sao chép từ kỳ đã có kết quả.");
  struct create_ctx ctx = {.school = from.school_id,
                           .level = (int)cadre_int(req, "target_level", from.target_level),
                           .from = from.id};
  if ((rc = pick_version(req, cadre_int(req, "version_id", from.version_id), &ctx.version)))
    return rc;
  ctx.title = cadre_str(req, "title") ? cadre_str(req, "title") : default_title(req, ctx.level);
  if ((rc = cadre_tx(req, create_tx, &ctx)))
    return rc;
  return cadre_reply_json(req, 201, accr_row(req, "SELECT * FROM accreditation_cycle WHERE id = ?", ctx.id));
}

/* ---- Reading one cycle ------------------------------------------------------ */

static json_t *cycle_details(cadre_req *req, const struct accr_cycle *cy) {
  return cadre_db_row(req,
                      "SELECT s.name AS school_name, s.code AS school_code, pa.name AS province_name,"
                      " v.code AS version_code, v.title AS version_title, v.is_sample,"
                      " kp.name AS provincial_council_name, kc.name AS central_council_name"
                      " FROM agency s LEFT JOIN agency pa ON pa.id = s.parent_id"
                      " JOIN accreditation_version v ON v.id = ?"
                      " LEFT JOIN accreditation_council kp ON kp.id = ?"
                      " LEFT JOIN accreditation_council kc ON kc.id = ? WHERE s.id = ?",
                      CV_ARGS(CV_INT(cy->version_id), CV_INT(cy->prov_council_id),
                              CV_INT(cy->central_council_id), CV_INT(cy->school_id)));
}

int accr_cycle_get(cadre_req *req) {
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, cadre_int(req, "id", 0), false, &cy);
  if (rc)
    return rc;
  json_t *details = cycle_details(req, &cy);
  json_t *events = cadre_db_rows(req,
                                 "SELECT id, action, from_state, to_state, user_name, note, at"
                                 " FROM accreditation_cycle_event WHERE cycle_id = ? ORDER BY id",
                                 CV_ARGS(CV_INT(cy.id)));
  json_t *visits = cadre_db_rows(req,
                                 "SELECT id, visit_date, team, notes, created_at"
                                 " FROM accreditation_site_visit WHERE cycle_id = ?"
                                 " ORDER BY visit_date, id",
                                 CV_ARGS(CV_INT(cy.id)));
  json_t *recognition = cadre_db_row(req,
                                     "SELECT id, level, decision_no, decision_date, valid_until,"
                                     " status FROM accreditation_recognition WHERE cycle_id = ?",
                                     CV_ARGS(CV_INT(cy.id)));
  json_t *leaves = accr_cycle_leaves(req, cy.id, cy.version_id);
  if (!details || !events || !visits || !leaves || (!recognition && cadre_db_errno(req)))
    return cadre_db_fail(req);
  json_t *out = cy.row;
  json_object_update(out, details);
  json_object_set_new(out, "state_title", json_string(accr_state_title(cy.state)));
  json_object_set_new(out, "locked", json_boolean(!accr_layer_editable(cy.state, ACCR_L_SELF)));
  json_object_set(out, "events", events);
  json_object_set(out, "site_visits", visits);
  json_object_set(out, "recognition", recognition ? recognition : json_null());
  struct accr_readiness r;
  accr_readiness_of(leaves, ACCR_L_COUNT, &r);
  json_object_set(out, "readiness", accr_readiness_json(req, &r));
  bool conflicted = false;
  unsigned mask = accr_actor_mask(req, &cy, &conflicted);
  json_object_set_new(out, "actor", json_integer(mask));
  json_object_set_new(out, "conflicted", json_boolean(conflicted));
  json_t *can = cadre_json_obj(req);
  for (int l = 0; l < ACCR_L_COUNT; l++) {
    static const unsigned actors[ACCR_L_COUNT] = {ACCR_ACT_SCHOOL, ACCR_ACT_PROV_COUNCIL,
                                                  ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY};
    json_object_set_new(
        can, accr_layer_code((enum accr_layer)l),
        json_boolean((mask & actors[l]) && accr_layer_editable(cy.state, (enum accr_layer)l)));
  }
  json_object_set_new(can, "site_visit",
                      json_boolean((mask & (ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY)) &&
                                   accr_site_visit_allowed(cy.state)));
  json_object_set_new(can, "assign_provincial",
                      json_boolean((mask & (ACCR_ACT_PROVINCE | ACCR_ACT_ACADEMY)) &&
                                   accr_council_assignable(cy.state, false)));
  json_object_set_new(can, "assign_central",
                      json_boolean((mask & ACCR_ACT_ACADEMY) && accr_council_assignable(cy.state, true)));
  json_object_set_new(can, "clone", json_boolean((mask & ACCR_ACT_SCHOOL) && accr_state_terminal(cy.state)));
  json_object_set(out, "can", can);
  json_object_set(out, "actions", accr_allowed_actions(req, &cy));
  return cadre_reply_json(req, 200, out);
}

/* GET /cycles/{id}/criteria: the version's tree with, on each leaf, the three
 * layers' results and the evidence linked to it in this cycle. */
int accr_cycle_criteria(cadre_req *req) {
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, cadre_int(req, "id", 0), false, &cy);
  if (rc)
    return rc;
  json_t *tree = accr_criteria_tree(req, cy.version_id);
  json_t *leaves = accr_cycle_leaves(req, cy.id, cy.version_id);
  json_t *links = cadre_db_rows(req,
                                "SELECT l.criterion_id, e.id, e.code, e.title, e.doc_number,"
                                " e.doc_date, e.issuer, e.valid_from, e.valid_until,"
                                " e.file_id IS NOT NULL AS has_file"
                                " FROM accreditation_evidence_link l JOIN accreditation_evidence e"
                                " ON e.id = l.evidence_id WHERE l.cycle_id = ? ORDER BY e.code",
                                CV_ARGS(CV_INT(cy.id)));
  if (!tree || !leaves || !links)
    return cadre_db_fail(req);
  const char *today = cadre_today(req);
  size_t i, j;
  json_t *node, *leaf, *link;
  json_array_foreach(tree, i, node) {
    int64_t id = cadre_jint(node, "id", 0);
    json_array_foreach(leaves, j, leaf) if (cadre_jint(leaf, "id", 0) == id) {
      static const char *const keys[] = {"self_result",      "self_score",         "self_comment",
                                         "prev_result",      "prev_score",         "provincial_result",
                                         "provincial_score", "provincial_comment", "stale",
                                         "central_result",   "central_score",      "central_comment"};
      for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        json_object_set(node, keys[k], json_object_get(leaf, keys[k]));
    }
    json_t *evidence = json_array();
    json_array_foreach(links, j, link) {
      if (cadre_jint(link, "criterion_id", 0) != id)
        continue;
      enum accr_evidence_state st = accr_evidence_state_on(
          today, cadre_jstr(link, "valid_from"), cadre_jstr(link, "valid_until"), ACCR_EXPIRY_WARNING_DAYS);
      json_t *e = json_deep_copy(link);
      json_object_del(e, "criterion_id");
      json_object_set_new(e, "validity", json_string(accr_evidence_state_code(st)));
      json_array_append_new(evidence, e);
    }
    json_object_set_new(node, "evidence", evidence);
  }
  return cadre_reply_json(req, 200, tree);
}
