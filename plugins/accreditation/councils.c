/*
 * Councils: the provincial evaluation council (formed by the province) and
 * the central council (formed by the Academy), their members, the conflicts
 * of interest members declare, and which council evaluates which cycle.
 */
#include <string.h>

#include "accreditation.h"

/* Manager of a council: the province for its provincial council, the
 * Academy (national scope) for any. */
static bool manages(cadre_req *req, json_t *council) {
  if (cadre_user_id(req) == -1)
    return true;
  if (cadre_has_role(req, ACCR_ROLE_ACADEMY) && cadre_scope_national(req))
    return true;
  const char *level = cadre_jstr(council, "level");
  int64_t agency = cadre_jint(council, "agency_id", 0);
  return level && strcmp(level, "provincial") == 0 && cadre_has_role(req, ACCR_ROLE_PROVINCE) &&
         cadre_in_scope(req, agency) == 1;
}

static bool is_member(cadre_req *req, int64_t council_id) {
  int64_t one = 0;
  return cadre_db_int(req, &one,
                      "SELECT 1 FROM accreditation_council_member WHERE council_id = ?"
                      " AND user_id = ?",
                      CV_ARGS(CV_INT(council_id), CV_INT(cadre_user_id(req)))) == 1;
}

/* Loads a council the caller manages or sits on; answers 404 otherwise. */
static int load_council(cadre_req *req, int64_t id, bool must_manage, json_t **out) {
  json_t *c = cadre_db_row(req,
                           "SELECT k.id, k.level, k.agency_id, a.name AS agency_name, k.name,"
                           " k.decision_no, k.decision_date, k.created_at"
                           " FROM accreditation_council k JOIN agency a ON a.id = k.agency_id"
                           " WHERE k.id = ?",
                           CV_ARGS(CV_INT(id)));
  if (!c && cadre_db_errno(req))
    return cadre_db_fail(req);
  bool mgr = c && manages(req, c);
  if (!c || (!mgr && !is_member(req, id)))
    return cadre_fail(req, 404, "not_found", "Không tìm thấy hội đồng.");
  if (must_manage && !mgr)
    return cadre_fail(req, 403, "council_manager_only",
                      "Chỉ cơ quan thành lập hội đồng mới được thay đổi thành phần hội đồng.");
  json_object_set_new(c, "can_manage", json_boolean(mgr));
  *out = c;
  return 0;
}

int accr_councils_list(cadre_req *req) {
  bool academy = cadre_has_role(req, ACCR_ROLE_ACADEMY) && cadre_scope_national(req);
  bool province = cadre_has_role(req, ACCR_ROLE_PROVINCE);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT k.id, k.level, k.agency_id, a.name AS agency_name, k.name, k.decision_no,"
                    " k.decision_date,"
                    " (SELECT COUNT(*) FROM accreditation_council_member m WHERE m.council_id = k.id)"
                    " AS members,"
                    " (SELECT COUNT(*) FROM accreditation_cycle c WHERE c.provincial_council_id = k.id"
                    " OR c.central_council_id = k.id) AS cycles,"
                    " EXISTS (SELECT 1 FROM accreditation_council_member m WHERE m.council_id = k.id"
                    " AND m.user_id = ?) AS is_member"
                    " FROM accreditation_council k JOIN agency a ON a.id = k.agency_id"
                    " WHERE ? = 1 OR (? = 1 AND k.level = 'provincial' AND EXISTS (SELECT 1"
                    " FROM agency_closure s WHERE s.descendant = k.agency_id AND s.ancestor = ?))"
                    " OR EXISTS (SELECT 1 FROM accreditation_council_member m WHERE m.council_id = k.id"
                    " AND m.user_id = ?) ORDER BY k.level DESC, a.code, k.id",
                    CV_ARGS(CV_INT(cadre_user_id(req)), CV_INT(academy), CV_INT(province),
                            CV_INT(cadre_scope_root(req)), CV_INT(cadre_user_id(req))));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

int accr_council_get(cadre_req *req) {
  json_t *c = NULL;
  int64_t id = cadre_int(req, "id", 0);
  int rc = load_council(req, id, false, &c);
  if (rc)
    return rc;
  json_t *members = cadre_db_rows(req,
                                  "SELECT u.id AS user_id, u.login, u.full_name, a.name AS"
                                  " agency_name, m.member_role FROM accreditation_council_member m"
                                  " JOIN app_user u ON u.id = m.user_id"
                                  " JOIN agency a ON a.id = u.agency_id WHERE m.council_id = ?"
                                  " ORDER BY FIELD(m.member_role, 'chair', 'vice_chair',"
                                  " 'secretary', 'member'), u.full_name",
                                  CV_ARGS(CV_INT(id)));
  json_t *conflicts = cadre_db_rows(req,
                                    "SELECT x.id, x.user_id, u.full_name, x.school_agency_id,"
                                    " s.name AS school_name, x.reason, x.created_at"
                                    " FROM accreditation_conflict x JOIN app_user u"
                                    " ON u.id = x.user_id JOIN agency s ON s.id = x.school_agency_id"
                                    " WHERE x.council_id = ? ORDER BY x.id",
                                    CV_ARGS(CV_INT(id)));
  json_t *cycles =
      cadre_db_rows(req,
                    "SELECT c.id, c.title, c.state, c.target_level, s.name AS"
                    " school_name FROM accreditation_cycle c JOIN agency s"
                    " ON s.id = c.school_agency_id WHERE (c.provincial_council_id = ?"
                    " OR c.central_council_id = ?) AND" ACCR_CYCLE_VISIBLE("c") " ORDER BY c.id DESC",
                    CV_ARGS(CV_INT(id), CV_INT(id), ACCR_VIS_ARGS(req)));
  if (!members || !conflicts || !cycles)
    return cadre_db_fail(req);
  json_object_set(c, "members", members);
  json_object_set(c, "conflicts", conflicts);
  json_object_set(c, "cycles", cycles);
  return cadre_reply_json(req, 200, c);
}

/* ---- Create ----------------------------------------------------------------- */

struct council_ctx {
  int64_t id;
  int64_t agency;
  int64_t user;
  const char *level;
};

static int council_insert(cadre_req *req, void *arg) {
  struct council_ctx *ctx = arg;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_council (level, agency_id, name, decision_no,"
                    " decision_date) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(ctx->level), CV_INT(ctx->agency), CV_FIELD(req, "name"),
                            CV_FIELD(req, "decision_no"), CV_FIELD(req, "decision_date"))) < 0)
    return accr_db_refused(req, NULL, NULL);
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_council WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "council", ctx->id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

/* The body forming a provincial council: the province asked for (or the
 * caller's own scope root), which must be a province in scope. */
static int provincial_agency(cadre_req *req, int64_t *out) {
  int64_t agency = cadre_int(req, "agency_id", cadre_scope_root(req));
  int rc = cadre_require_scope(req, agency);
  if (rc)
    return rc;
  const char *kind = cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(agency)));
  if (!kind || strcmp(kind, "province") != 0)
    return cadre_fail(req, 422, "not_a_province",
                      "Hội đồng đánh giá cấp tỉnh do tỉnh ủy, thành ủy thành lập.");
  *out = agency;
  return 0;
}

int accr_council_create(cadre_req *req) {
  struct council_ctx ctx = {0};
  ctx.level = cadre_str(req, "level");
  int rc;
  if (strcmp(ctx.level, "central") == 0) {
    if (!(cadre_has_role(req, ACCR_ROLE_ACADEMY) && cadre_scope_national(req)))
      return cadre_fail(req, 403, "forbidden_council_level",
                        "Hội đồng cấp Trung ương do Học viện thành lập.");
    ctx.agency = cadre_user_agency(req);
  } else {
    if (!cadre_has_role(req, ACCR_ROLE_PROVINCE) && !cadre_has_role(req, ACCR_ROLE_ACADEMY))
      return cadre_fail(req, 403, "forbidden_council_level",
                        "Hội đồng đánh giá cấp tỉnh do tỉnh ủy, thành ủy thành lập.");
    if ((rc = provincial_agency(req, &ctx.agency)))
      return rc;
  }
  if ((rc = cadre_tx(req, council_insert, &ctx)))
    return rc;
  json_t *c = NULL;
  if ((rc = load_council(req, ctx.id, false, &c)))
    return rc;
  return cadre_reply_json(req, 201, c);
}

/* ---- Members ---------------------------------------------------------------- */

static int member_insert(cadre_req *req, void *arg) {
  struct council_ctx *ctx = arg;
  if (cadre_db_exec(
          req,
          "INSERT INTO accreditation_council_member (council_id, user_id, member_role)"
          " VALUES (?, ?, ?)",
          CV_ARGS(CV_INT(ctx->id), CV_INT(ctx->user), CV_STR(accr_str_or(req, "member_role", "member")))) < 0)
    return accr_db_refused(req, "already_member", "Người này đã là thành viên hội đồng.");
  json_t *after = cadre_db_row(req,
                               "SELECT * FROM accreditation_council_member WHERE council_id = ?"
                               " AND user_id = ?",
                               CV_ARGS(CV_INT(ctx->id), CV_INT(ctx->user)));
  return !after || accr_audit(req, "council_member", ctx->id, "add", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_council_member_add(cadre_req *req) {
  json_t *c = NULL;
  struct council_ctx ctx = {.id = cadre_int(req, "id", 0)};
  int rc = load_council(req, ctx.id, true, &c);
  if (rc)
    return rc;
  const char *level = cadre_jstr(c, "level");
  const char *role = strcmp(level, "central") == 0 ? ACCR_ROLE_CENTRAL_COUNCIL : ACCR_ROLE_PROV_COUNCIL;
  json_t *u = cadre_db_row(req,
                           "SELECT u.id, EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id"
                           " AND r.role = ?) AS has_role FROM app_user u WHERE u.login = ?"
                           " AND u.disabled_at IS NULL",
                           CV_ARGS(CV_STR(role), CV_FIELD(req, "login")));
  if (!u)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 422, "user_not_found", "Không tìm thấy người dùng “%s”.",
                                            cadre_str0(req, "login"));
  if (!cadre_jint(u, "has_role", 0))
    return cadre_fail(req, 422, "member_lacks_role", "Người dùng chưa được giao vai trò %s.",
                      strcmp(role, ACCR_ROLE_PROV_COUNCIL) == 0 ? "Thành viên Hội đồng đánh giá cấp tỉnh"
                                                                : "Thành viên Hội đồng cấp Trung ương");
  ctx.user = cadre_jint(u, "id", 0);
  if ((rc = cadre_tx(req, member_insert, &ctx)))
    return rc;
  return accr_council_get(req);
}

static int member_delete(cadre_req *req, void *arg) {
  struct council_ctx *ctx = arg;
  json_t *before = cadre_db_row(req,
                                "SELECT * FROM accreditation_council_member WHERE council_id = ?"
                                " AND user_id = ? FOR UPDATE",
                                CV_ARGS(CV_INT(ctx->id), CV_INT(ctx->user)));
  if (!before)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 404, "not_found", "Người này không phải thành viên hội đồng.");
  if (cadre_db_exec(req, "DELETE FROM accreditation_council_member WHERE council_id = ? AND user_id = ?",
                    CV_ARGS(CV_INT(ctx->id), CV_INT(ctx->user))) < 0)
    return cadre_db_fail(req);
  return accr_audit(req, "council_member", ctx->id, "remove", before, NULL) ? cadre_db_fail(req) : 0;
}

int accr_council_member_remove(cadre_req *req) {
  json_t *c = NULL;
  struct council_ctx ctx = {.id = cadre_int(req, "id", 0)};
  ctx.user = cadre_int(req, "user_id", 0);
  int rc = load_council(req, ctx.id, true, &c);
  if (!rc)
    rc = cadre_tx(req, member_delete, &ctx);
  return rc ? rc : accr_council_get(req);
}

/* ---- Conflicts of interest ---------------------------------------------------- */

struct conflict_ctx {
  int64_t council;
  int64_t user;
  int64_t school;
  int64_t id;
};

static int conflict_insert(cadre_req *req, void *arg) {
  struct conflict_ctx *ctx = arg;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_conflict (council_id, user_id, school_agency_id,"
                    " reason, declared_by) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(ctx->council), CV_INT(ctx->user), CV_INT(ctx->school),
                            CV_FIELD(req, "reason"), ACCR_USER(req))) < 0) {
    if (cadre_db_errno(req) == 1452)
      return cadre_fail(req, 422, "not_a_member", "Người này không phải thành viên hội đồng.");
    return accr_db_refused(req, "conflict_already_declared",
                           "Xung đột lợi ích với trường này đã được khai báo.");
  }
  ctx->id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_conflict WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "conflict", ctx->id, "declare", NULL, after) ? cadre_db_fail(req) : 0;
}

int accr_conflict_declare(cadre_req *req) {
  json_t *c = NULL;
  struct conflict_ctx ctx = {.council = cadre_int(req, "id", 0)};
  int rc = load_council(req, ctx.council, false, &c);
  if (rc)
    return rc;
  ctx.user = cadre_int(req, "user_id", cadre_user_id(req));
  /* Members declare their own conflicts; the council's manager may record
   * one for any member. */
  if (ctx.user != cadre_user_id(req) && !cadre_jtrue(c, "can_manage"))
    return cadre_fail(req, 403, "council_manager_only",
                      "Thành viên chỉ tự khai báo xung đột lợi ích của mình.");
  ctx.school = cadre_int(req, "school_id", 0);
  int school = accr_is_school(req, ctx.school);
  if (school < 0)
    return cadre_db_fail(req);
  if (!school)
    return cadre_fail(req, 422, "not_a_school", "Xung đột lợi ích được khai báo với một trường.");
  if ((rc = cadre_tx(req, conflict_insert, &ctx)))
    return rc;
  return cadre_reply_json(req, 201,
                          accr_row(req, "SELECT * FROM accreditation_conflict WHERE id = ?", ctx.id));
}

/* ---- Assigning a council to a cycle ----------------------------------------- */

struct assign_ctx {
  int64_t cycle;
  int64_t council;
  bool central;
};

static int check_council_for(cadre_req *req, const struct accr_cycle *cy, int64_t council, bool central) {
  json_t *k = cadre_db_row(req,
                           "SELECT k.level, (SELECT 1 FROM agency_closure s"
                           " WHERE s.ancestor = k.agency_id AND s.descendant = ?) AS covers"
                           " FROM accreditation_council k WHERE k.id = ?",
                           CV_ARGS(CV_INT(cy->school_id), CV_INT(council)));
  if (!k)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 422, "council_not_found", "Không tìm thấy hội đồng.");
  const char *level = cadre_jstr(k, "level");
  if (strcmp(level, central ? "central" : "provincial") != 0)
    return cadre_fail(req, 422, "council_level_mismatch",
                      central ? "Cần chọn Hội đồng cấp Trung ương." : "Cần chọn Hội đồng đánh giá cấp tỉnh.");
  if (!central && !cadre_jint(k, "covers", 0))
    return cadre_fail(req, 422, "council_not_for_school",
                      "Hội đồng cấp tỉnh này không thuộc tỉnh của trường.");
  return 0;
}

static int assign_tx(cadre_req *req, void *arg) {
  struct assign_ctx *ctx = arg;
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, ctx->cycle, true, &cy);
  if (rc)
    return rc;
  unsigned mask = accr_actor_mask(req, &cy, NULL);
  if (!(mask & (ctx->central ? ACCR_ACT_ACADEMY : (ACCR_ACT_PROVINCE | ACCR_ACT_ACADEMY))))
    return cadre_fail(req, 403, "forbidden",
                      ctx->central ? "Học viện phân công Hội đồng cấp Trung ương."
                                   : "Tỉnh ủy, thành ủy phân công Hội đồng đánh giá cấp tỉnh.");
  if (!accr_council_assignable(cy.state, ctx->central))
    return cadre_fail(req, 409, "council_locked", "Không đổi được hội đồng khi hồ sơ đang ở trạng thái “%s”.",
                      accr_state_title(cy.state));
  if ((rc = check_council_for(req, &cy, ctx->council, ctx->central)))
    return rc;
  json_t *before = json_pack("{sI}", ctx->central ? "central_council_id" : "provincial_council_id",
                             (json_int_t)(ctx->central ? cy.central_council_id : cy.prov_council_id));
  cadre_keep(req, before);
  if (cadre_db_exec(req,
                    ctx->central ? "UPDATE accreditation_cycle SET central_council_id = ? WHERE id = ?"
                                 : "UPDATE accreditation_cycle SET provincial_council_id = ?"
                                   " WHERE id = ?",
                    CV_ARGS(CV_INT(ctx->council), CV_INT(ctx->cycle))) < 0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after =
      cadre_keep(req, json_pack("{sI}", ctx->central ? "central_council_id" : "provincial_council_id",
                                (json_int_t)ctx->council));
  if (accr_audit(req, "cycle", ctx->cycle, "assign_council", before, after))
    return cadre_db_fail(req);
  const char *title = cadre_jstr(cy.row, "title");
  if (accr_notify_council(
          req, ctx->council, cy.school_id, "Phân công đánh giá hồ sơ trường chuẩn",
          cadre_printf(req,
                       "Hội đồng được phân công đánh giá hồ sơ “%s”. Xem tại mục"
                       " Trường chính trị chuẩn.",
                       title ? title : ""),
          cadre_printf(req, "accr:assign:%lld:%lld", (long long)ctx->cycle, (long long)ctx->council)) < 0)
    return cadre_db_fail(req);
  return 0;
}

int accr_cycle_assign_council(cadre_req *req) {
  struct assign_ctx ctx = {cadre_int(req, "id", 0), cadre_int(req, "council_id", 0),
                           strcmp(cadre_str0(req, "level"), "central") == 0};
  int rc = cadre_tx(req, assign_tx, &ctx);
  return rc ? rc : accr_cycle_get(req);
}
