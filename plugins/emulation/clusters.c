/*
 * Clusters (cụm thi đua) and their member schools, the head and deputy of
 * the year, and the proposal for next year's head and deputy that the
 * year-end dossier (Mẫu 08) carries and the Academy confirms.
 *
 * Membership rules live in the schema: one cluster per school a year, head,
 * deputy and proposed successors must be members (composite foreign keys).
 * The handlers translate the database's refusals into Vietnamese.
 */
#include "emulation.h"

#include <string.h>

/* ---- schools ---------------------------------------------------------------------- */

int em_h_schools(cadre_req *req) {
  int64_t year = cadre_int(req, "year", 0);
  const char *q = cadre_like_contains(cadre_arena_of(req), cadre_str(req, "q"));
  json_t *rows = cadre_db_rows(
      req,
      "SELECT a.id, a.code, a.name, a.short_name, a.kind, p.name AS parent_name, "
      " c.id AS cluster_id, c.code AS cluster_code, c.name AS cluster_name "
      "FROM agency a" CADRE_SCOPE_JOIN(
          "a.id") "LEFT JOIN agency p ON p.id = a.parent_id "
                  "LEFT JOIN emulation_year y ON y.year = ? "
                  "LEFT JOIN emulation_member m ON m.school_id = a.id AND m.year_id = y.id "
                  "LEFT JOIN emulation_cluster c ON c.id = m.cluster_id "
                  "WHERE a.kind IN ('political_school', 'sector_school') AND a.status = 'active' "
                  " AND (? IS NULL OR a.name LIKE ? OR a.short_name LIKE ? OR a.code LIKE ?) "
                  "ORDER BY a.kind, a.code",
      CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(year), CV_STR(q), CV_STR(q), CV_STR(q), CV_STR(q)));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

/* ---- clusters of a year --------------------------------------------------------------- */

int em_h_clusters_list(cadre_req *req) {
  struct em_year y;
  struct em_actor a;
  int rc = em_year_actor(req, &y, &a);
  if (rc)
    return rc;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT c.id, c.code, c.name, c.is_sample, c.state, c.final_round, c.next_term_state, "
                    " h.name AS head_name, d.name AS deputy_name, "
                    " (SELECT COUNT(*) FROM emulation_member m WHERE m.cluster_id = c.id) AS members "
                    "FROM emulation_cluster c "
                    "LEFT JOIN agency h ON h.id = c.head_school_id "
                    "LEFT JOIN agency d ON d.id = c.deputy_school_id "
                    "WHERE c.year_id = ? AND (? OR c.id = ? OR EXISTS (SELECT 1 FROM emulation_member m "
                    " JOIN agency_closure s ON s.descendant = m.school_id AND s.ancestor = ? "
                    " WHERE m.cluster_id = c.id)) "
                    "ORDER BY c.code",
                    CV_ARGS(CV_INT(y.id), CV_INT(a.board), CV_INT(a.cluster), CV_INT(cadre_scope_root(req))));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

static const char *viewer_code(enum em_viewer v) {
  switch (v) {
  case EM_VIEW_BOARD: return "board";
  case EM_VIEW_HEAD: return "head";
  case EM_VIEW_MEMBER: return "member";
  default: return "outside";
  }
}

int em_h_cluster_get(cadre_req *req) {
  struct em_cluster c;
  struct em_actor a;
  enum em_viewer viewer;
  int rc = em_cluster_open(req, &c, NULL, &a, &viewer);
  if (rc)
    return rc;
  json_t *members = em_members(req, c.id);
  if (!members)
    return cadre_db_fail(req);
  json_t *out = json_deep_copy(c.row);
  cadre_keep(req, out);
  em_set(out, "viewer", json_string(viewer_code(viewer)));
  em_set(out, "my_school", a.cluster == c.id ? json_integer(a.school) : NULL);
  em_set(out, "members", json_incref(members));
  return cadre_reply_json(req, 200, out);
}

/* ---- board: create, rename, head and deputy --------------------------------------------- */

struct cluster_create {
  int64_t year_id, id;
};

static int cluster_create_tx(cadre_req *req, void *p) {
  struct cluster_create *c = p;
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_cluster (year_id, code, name, is_sample) "
                    "VALUES (?, ?, ?, ?)",
                    CV_ARGS(CV_INT(c->year_id), CV_FIELD(req, "code"), CV_FIELD(req, "name"),
                            CV_INT(cadre_bool(req, "is_sample", false)))) < 0)
    return em_db_conflict(
        req, "cluster_code_exists",
        cadre_printf(req, "Mã cụm “%s” đã có trong năm thi đua này.", cadre_str0(req, "code")), NULL, NULL);
  c->id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s}", "code", cadre_str0(req, "code"), "name", cadre_str0(req, "name"));
  int rc = cadre_audit(req, "emulation.cluster", c->id, "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_cluster_create(cadre_req *req) {
  struct em_year y;
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &y);
  if (rc || (rc = em_require_board(req)))
    return rc;
  struct cluster_create c = {.year_id = y.id};
  if ((rc = cadre_tx(req, cluster_create_tx, &c)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "id", json_integer(c.id));
  return cadre_reply_json(req, 201, out);
}

struct cluster_update {
  struct em_cluster *c;
};

static int cluster_update_tx(cadre_req *req, void *p) {
  struct cluster_update *u = p;
  int64_t head = cadre_int(req, "head_school", 0), deputy = cadre_int(req, "deputy_school", 0);
  if (cadre_db_exec(req,
                    "UPDATE emulation_cluster SET name = ?, head_school_id = ?, "
                    " deputy_school_id = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "name"), CV_INT_IF(head, head), CV_INT_IF(deputy, deputy),
                            CV_INT(u->c->id))) < 0)
    return em_db_conflict(req, NULL, NULL, "head_not_member",
                          "Cụm trưởng, Cụm phó phải là trường thành viên của cụm.");
  struct em_cluster after;
  int rc = em_cluster_load(req, u->c->id, &after);
  if (rc)
    return rc;
  return cadre_audit(req, "emulation.cluster", u->c->id, "update", u->c->row, after.row) < 0
             ? cadre_db_fail(req)
             : 0;
}

int em_h_cluster_update(cadre_req *req) {
  struct em_cluster c;
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &c);
  if (rc || (rc = em_require_board(req)))
    return rc;
  int64_t head = cadre_int(req, "head_school", 0), deputy = cadre_int(req, "deputy_school", 0);
  if (head && head == deputy)
    return cadre_fail(req, 422, "head_deputy_same", "Cụm trưởng và Cụm phó phải là hai trường khác nhau.");
  struct cluster_update u = {&c};
  rc = cadre_tx(req, cluster_update_tx, &u);
  return rc ? rc : cadre_reply_ok(req, c.id);
}

/* ---- members ------------------------------------------------------------------------------ */

struct member_ctx {
  struct em_cluster *c;
  int64_t school;
};

static int member_add_tx(cadre_req *req, void *p) {
  struct member_ctx *m = p;
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_member (year_id, cluster_id, school_id, sort) "
                    "SELECT ?, ?, ?, COALESCE(MAX(sort), 0) + 10 FROM emulation_member "
                    "WHERE cluster_id = ?",
                    CV_ARGS(CV_INT(m->c->year_id), CV_INT(m->c->id), CV_INT(m->school), CV_INT(m->c->id))) <
      0) {
    if (!cadre_db_is_duplicate(req))
      return cadre_db_fail(req);
    const char *other =
        cadre_db_str(req,
                     "SELECT c.name FROM emulation_member m JOIN emulation_cluster c ON c.id = m.cluster_id "
                     "WHERE m.year_id = ? AND m.school_id = ?",
                     CV_ARGS(CV_INT(m->c->year_id), CV_INT(m->school)));
    return cadre_fail(req, 409, "school_in_other_cluster",
                      "Trường đã thuộc %s trong năm thi đua này; mỗi trường chỉ thuộc một cụm.",
                      other ? other : "một cụm khác");
  }
  json_t *after =
      json_pack("{s:I, s:I}", "cluster_id", (json_int_t)m->c->id, "school_id", (json_int_t)m->school);
  int rc = cadre_audit(req, "emulation.member", cadre_db_last_id(req), "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_member_add(cadre_req *req) {
  struct em_cluster c;
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &c);
  if (rc || (rc = em_require_board(req)))
    return rc;
  struct member_ctx m = {&c, cadre_int(req, "school", 0)};
  const char *kind = cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(m.school)));
  if (!kind || (strcmp(kind, "political_school") != 0 && strcmp(kind, "sector_school") != 0))
    return cadre_fail(req, 422, "not_a_school",
                      "Chỉ trường chính trị tỉnh, thành phố và trường bộ, ngành được tham gia "
                      "cụm thi đua.");
  rc = cadre_tx(req, member_add_tx, &m);
  return rc ? rc : cadre_reply_ok(req, m.school);
}

static int member_remove_tx(cadre_req *req, void *p) {
  struct member_ctx *m = p;
  int64_t n = cadre_db_exec(req, "DELETE FROM emulation_member WHERE cluster_id = ? AND school_id = ?",
                            CV_ARGS(CV_INT(m->c->id), CV_INT(m->school)));
  if (n < 0)
    return em_db_conflict(req, NULL, NULL, "member_has_data",
                          "Trường đã có hồ sơ, số liệu, điểm, hoặc đang là Cụm trưởng, Cụm phó, "
                          "trường kiểm tra chéo: không thể rút khỏi cụm.");
  if (n == 0)
    return cadre_fail(req, 404, "not_found", "Trường không thuộc cụm này.");
  json_t *before =
      json_pack("{s:I, s:I}", "cluster_id", (json_int_t)m->c->id, "school_id", (json_int_t)m->school);
  int rc = cadre_audit(req, "emulation.member", m->school, "delete", before, NULL);
  json_decref(before);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_member_remove(cadre_req *req) {
  struct em_cluster c;
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &c);
  if (rc || (rc = em_require_board(req)))
    return rc;
  struct member_ctx m = {&c, cadre_int(req, "school", 0)};
  rc = cadre_tx(req, member_remove_tx, &m);
  return rc ? rc : cadre_reply_ok(req, m.school);
}

/* ---- next year's head and deputy ---------------------------------------------------------- */

static int next_term_tx(cadre_req *req, void *p) {
  struct em_cluster *c = p;
  int64_t n =
      cadre_db_exec(req,
                    "UPDATE emulation_cluster SET next_head_school_id = ?, "
                    " next_deputy_school_id = ?, next_term_state = 'proposed' "
                    "WHERE id = ? AND next_term_state <> 'confirmed'",
                    CV_ARGS(CV_FIELD(req, "head_school"), CV_FIELD(req, "deputy_school"), CV_INT(c->id)));
  if (n < 0)
    return em_db_conflict(req, NULL, NULL, "next_term_not_member",
                          "Cụm trưởng, Cụm phó năm sau phải là trường thành viên của cụm.");
  if (n == 0)
    return cadre_fail(req, 409, "next_term_confirmed",
                      "Học viện đã xác nhận Cụm trưởng, Cụm phó năm sau; không thể thay đổi.");
  json_t *after = json_pack("{s:s, s:s}", "next_head_school_id", cadre_str0(req, "head_school"),
                            "next_deputy_school_id", cadre_str0(req, "deputy_school"));
  int rc = cadre_audit(req, "emulation.cluster", c->id, "propose_next_term", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_next_term_propose(cadre_req *req) {
  struct em_cluster c;
  struct em_actor a;
  int rc = em_cluster_actor(req, &c, NULL, &a);
  if (rc || (rc = em_require_head(req, &a, &c)))
    return rc;
  if (cadre_int(req, "head_school", 0) == cadre_int(req, "deputy_school", 0))
    return cadre_fail(req, 422, "head_deputy_same", "Cụm trưởng và Cụm phó phải là hai trường khác nhau.");
  rc = cadre_tx(req, next_term_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}

struct confirm_ctx {
  struct em_cluster *c;
  bool applied;
};

static int confirm_tx(cadre_req *req, void *p) {
  struct confirm_ctx *x = p;
  int64_t n = cadre_db_exec(req,
                            "UPDATE emulation_cluster SET next_term_state = 'confirmed', "
                            " next_term_confirmed_by = ?, next_term_confirmed_at = ? "
                            "WHERE id = ? AND next_term_state = 'proposed'",
                            CV_ARGS(EM_USER(req), CV_STR(cadre_now_text(req)), CV_INT(x->c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "next_term_not_proposed",
                      "Cụm chưa đề xuất Cụm trưởng, Cụm phó năm sau (hoặc đã được xác nhận).");
  /* If next year's cluster of the same code exists and has both schools,
   * they take office there now; otherwise when the year is created. */
  n = cadre_db_exec(req,
                    "UPDATE emulation_cluster nc "
                    "JOIN emulation_year ny ON ny.id = nc.year_id "
                    "JOIN emulation_cluster c ON c.id = ? JOIN emulation_year y ON y.id = c.year_id "
                    "SET nc.head_school_id = c.next_head_school_id, "
                    " nc.deputy_school_id = c.next_deputy_school_id "
                    "WHERE ny.year = y.year + 1 AND nc.code = c.code "
                    " AND EXISTS (SELECT 1 FROM emulation_member m WHERE m.cluster_id = nc.id "
                    "   AND m.school_id = c.next_head_school_id) "
                    " AND EXISTS (SELECT 1 FROM emulation_member m WHERE m.cluster_id = nc.id "
                    "   AND m.school_id = c.next_deputy_school_id)",
                    CV_ARGS(CV_INT(x->c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  x->applied = n > 0;
  json_t *after = json_pack("{s:s, s:b}", "next_term_state", "confirmed", "applied_to_next_year", x->applied);
  int rc = cadre_audit(req, "emulation.cluster", x->c->id, "confirm_next_term", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_next_term_confirm(cadre_req *req) {
  struct em_cluster c;
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &c);
  if (rc || (rc = em_require_board(req)))
    return rc;
  struct confirm_ctx x = {&c, false};
  if ((rc = cadre_tx(req, confirm_tx, &x)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "applied_to_next_year", json_boolean(x.applied));
  return cadre_reply_json(req, 200, out);
}
