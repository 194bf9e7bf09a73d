/*
 * What almost every handler needs first: the year, the caller as the module
 * sees them (board, a member school, the cluster head), the cluster and the
 * caller's view of it, and a few JSON helpers.
 *
 * Cluster membership is this module's data, so it is what lets a school see
 * the other schools of its cluster; the core agency scope still lets a
 * province (or a national department) look at the clusters of its schools,
 * read-only and with scores hidden until the cluster finalises.
 */
#include "emulation.h"

#include <string.h>

/* ---- JSON helpers ---------------------------------------------------------- */

json_t *em_pts_json(cadre_req *req, em_pts p) {
  (void)req;
  char buf[24];
  em_pts_format(p, buf, sizeof buf);
  return json_string(buf);
}

json_t *em_permille_json(int64_t permille) {
  if (permille < 0)
    return json_null();
  return json_real((double)permille / 10.0);
}

void em_set(json_t *obj, const char *key, json_t *value) {
  json_object_set_new(obj, key, value ? value : json_null());
}

/* MariaDB error numbers the db helpers leave on the request (cadre_db_errno). */
enum {
  ER_ROW_IS_REFERENCED = 1451, /* a row still refers to the one deleted */
  ER_NO_REFERENCED_ROW = 1452, /* the row refers to one that does not exist */
  ER_CONSTRAINT_FAILED = 4025, /* a CHECK constraint refused the row */
};

int em_db_conflict(cadre_req *req, const char *dup_code, const char *dup_msg, const char *fk_code,
                   const char *fk_msg) {
  unsigned e = cadre_db_errno(req);
  if (dup_code && cadre_db_is_duplicate(req))
    return cadre_fail(req, 409, dup_code, "%s", dup_msg);
  if ((e == ER_ROW_IS_REFERENCED || e == ER_NO_REFERENCED_ROW) && fk_code)
    return cadre_fail(req, e == ER_ROW_IS_REFERENCED ? 409 : 422, fk_code, "%s", fk_msg);
  if (e == ER_CONSTRAINT_FAILED) /* the handler's checks should catch it first */
    return cadre_fail(req, 422, "invalid_data", "Dữ liệu không hợp lệ theo quy tắc của năm thi đua.");
  return cadre_db_fail(req);
}

/* ---- the year --------------------------------------------------------------- */

#define YEAR_COLUMNS                                                                                         \
  "SELECT id, year, theme, content, letter_no, letter_date, t_ldtt_min_pct, "                                \
  "t_cstd_min_pct, t_cstd_max_pct, t_units_ldxs_min, t_commended_min_pct, "                                  \
  "t_party_good_min_pct, t_party_excellent_min_pct, t_prof_good_over_pct, "                                  \
  "t_dept_min_pct, gap_criterion_pct, "                                                                      \
  "CAST(ROUND(gap_total_points * 100) AS SIGNED) AS gap_total_h, "                                           \
  "award_flag_slots, award_merit_slots, created_at, updated_at "                                             \
  "FROM emulation_year "

static void year_fill(json_t *row, struct em_year *out) {
  out->row = row;
  out->id = cadre_jint(row, "id", 0);
  out->year = (int)cadre_jint(row, "year", 0);
  out->targets.ldtt_min_pct = (int)cadre_jint(row, "t_ldtt_min_pct", 0);
  out->targets.cstd_min_pct = (int)cadre_jint(row, "t_cstd_min_pct", 0);
  out->targets.cstd_max_pct = (int)cadre_jint(row, "t_cstd_max_pct", 0);
  out->targets.units_ldxs_min = (int)cadre_jint(row, "t_units_ldxs_min", 0);
  out->targets.commended_min_pct = (int)cadre_jint(row, "t_commended_min_pct", 0);
  out->targets.party_good_min_pct = (int)cadre_jint(row, "t_party_good_min_pct", 0);
  out->targets.party_excellent_min_pct = (int)cadre_jint(row, "t_party_excellent_min_pct", 0);
  out->targets.prof_good_over_pct = (int)cadre_jint(row, "t_prof_good_over_pct", 0);
  out->targets.dept_min_pct = (int)cadre_jint(row, "t_dept_min_pct", 0);
  out->gap_pct = (int)cadre_jint(row, "gap_criterion_pct", 0);
  out->gap_total = cadre_jint(row, "gap_total_h", 0);
  out->flag_slots = (int)cadre_jint(row, "award_flag_slots", 0);
  out->merit_slots = (int)cadre_jint(row, "award_merit_slots", 0);
}

static int year_answer(cadre_req *req, json_t *row, struct em_year *out, int year) {
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    if (year)
      return cadre_fail(req, 404, "year_not_found", "Không có năm thi đua %d.", year);
    return cadre_fail(req, 404, "year_not_found", "Không tìm thấy năm thi đua.");
  }
  year_fill(row, out);
  return 0;
}

int em_year_load(cadre_req *req, int year, struct em_year *out) {
  json_t *row = cadre_db_row(req, YEAR_COLUMNS "WHERE year = ?", CV_ARGS(CV_INT(year)));
  return year_answer(req, row, out, year);
}

int em_year_load_id(cadre_req *req, int64_t year_id, struct em_year *out) {
  json_t *row = cadre_db_row(req, YEAR_COLUMNS "WHERE id = ?", CV_ARGS(CV_INT(year_id)));
  return year_answer(req, row, out, 0);
}

/* ---- the caller -------------------------------------------------------------- */

bool em_is_board(cadre_req *req) {
  if (cadre_user_id(req) == -1)
    return true; /* cadre-admin commands */
  return cadre_has_role(req, "emulation_board") && cadre_scope_national(req);
}

int em_actor_load(cadre_req *req, int64_t year_id, struct em_actor *out) {
  memset(out, 0, sizeof *out);
  out->board = em_is_board(req);
  int64_t agency = cadre_user_agency(req);
  if (agency <= 0)
    return 0;
  /* The nearest member school at or above the caller's agency: a school's
   * own departments act for the school. */
  json_t *row = cadre_db_row(req,
                             "SELECT m.school_id, m.cluster_id, "
                             " (c.head_school_id <=> m.school_id) AS is_head, "
                             " (c.deputy_school_id <=> m.school_id) AS is_deputy "
                             "FROM emulation_member m JOIN emulation_cluster c ON c.id = m.cluster_id "
                             "JOIN agency_closure ac ON ac.ancestor = m.school_id AND ac.descendant = ? "
                             "WHERE m.year_id = ? ORDER BY ac.depth LIMIT 1",
                             CV_ARGS(CV_INT(agency), CV_INT(year_id)));
  if (!row)
    return cadre_db_errno(req) ? -1 : 0;
  out->school = cadre_jint(row, "school_id", 0);
  out->cluster = cadre_jint(row, "cluster_id", 0);
  out->head = cadre_jtrue(row, "is_head");
  out->deputy = cadre_jtrue(row, "is_deputy");
  return 0;
}

/* ---- the cluster ---------------------------------------------------------------- */

int em_cluster_load(cadre_req *req, int64_t id, struct em_cluster *out) {
  json_t *row = cadre_db_row(req,
                             "SELECT c.id, c.year_id, y.year, c.code, c.name, c.is_sample, c.head_school_id, "
                             " c.deputy_school_id, c.next_head_school_id, c.next_deputy_school_id, "
                             " c.next_term_state, c.next_term_confirmed_at, c.state, c.final_round, "
                             " c.finalized_at, h.name AS head_name, d.name AS deputy_name, "
                             " nh.name AS next_head_name, nd.name AS next_deputy_name "
                             "FROM emulation_cluster c JOIN emulation_year y ON y.id = c.year_id "
                             "LEFT JOIN agency h ON h.id = c.head_school_id "
                             "LEFT JOIN agency d ON d.id = c.deputy_school_id "
                             "LEFT JOIN agency nh ON nh.id = c.next_head_school_id "
                             "LEFT JOIN agency nd ON nd.id = c.next_deputy_school_id "
                             "WHERE c.id = ?",
                             CV_ARGS(CV_INT(id)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy cụm thi đua.");
  }
  out->row = row;
  out->id = cadre_jint(row, "id", 0);
  out->year_id = cadre_jint(row, "year_id", 0);
  out->finalized = strcmp(cadre_jstr(row, "state") ? cadre_jstr(row, "state") : "", "finalized") == 0;
  out->final_round = (int)cadre_jint(row, "final_round", 0);
  out->head = cadre_jint(row, "head_school_id", 0);
  out->deputy = cadre_jint(row, "deputy_school_id", 0);
  return 0;
}

int em_school_in_scope(cadre_req *req, int64_t school_id) {
  if (cadre_user_id(req) == -1)
    return 1;
  return cadre_in_scope(req, school_id);
}

int em_cluster_viewer(cadre_req *req, const struct em_actor *a, const struct em_cluster *c,
                      enum em_viewer *viewer) {
  if (a->board) {
    *viewer = EM_VIEW_BOARD;
    return 0;
  }
  if (a->cluster == c->id) {
    *viewer = a->head ? EM_VIEW_HEAD : EM_VIEW_MEMBER;
    return 0;
  }
  int64_t found = 0;
  int rc = cadre_db_int(
      req, &found,
      "SELECT 1 FROM emulation_member m" CADRE_SCOPE_JOIN("m.school_id") " WHERE m.cluster_id = ? LIMIT 1",
      CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(c->id)));
  if (rc < 0)
    return cadre_db_fail(req);
  if (rc == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy cụm thi đua.");
  *viewer = EM_VIEW_OUTSIDE;
  return 0;
}

/* ---- a route's year or cluster, and the caller ---------------------------------- */

int em_year_actor(cadre_req *req, struct em_year *y, struct em_actor *a) {
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), y);
  if (rc)
    return rc;
  return em_actor_load(req, y->id, a) < 0 ? cadre_db_fail(req) : 0;
}

int em_cluster_actor(cadre_req *req, struct em_cluster *c, struct em_year *y, struct em_actor *a) {
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), c);
  if (rc || (y && (rc = em_year_load_id(req, c->year_id, y))))
    return rc;
  return em_actor_load(req, c->year_id, a) < 0 ? cadre_db_fail(req) : 0;
}

int em_cluster_open(cadre_req *req, struct em_cluster *c, struct em_year *y, struct em_actor *a,
                    enum em_viewer *viewer) {
  int rc = em_cluster_actor(req, c, y, a);
  return rc ? rc : em_cluster_viewer(req, a, c, viewer);
}

int em_require_head(cadre_req *req, const struct em_actor *a, const struct em_cluster *c) {
  if (a->board || (a->head && a->cluster == c->id))
    return 0;
  return cadre_fail(req, 403, "head_only",
                    "Chỉ Cụm trưởng (hoặc Ban Thi đua - Khen thưởng của Học viện) được "
                    "thực hiện thao tác này.");
}

int em_require_member(cadre_req *req, const struct em_year *y, const struct em_actor *a) {
  if (a->school)
    return 0;
  return cadre_fail(req, 403, "not_a_member",
                    "Đơn vị của bạn không phải trường thành viên của cụm thi đua năm %d.", y->year);
}

int em_require_board(cadre_req *req) {
  if (em_is_board(req))
    return 0;
  return cadre_fail(req, 403, "board_only",
                    "Chỉ Ban Thi đua - Khen thưởng của Học viện được thực hiện thao tác này.");
}

/* ---- deadlines, exceptions, evaluation ------------------------------------------ */

int em_deadline_load(cadre_req *req, int64_t year_id, const char *kind, json_t **row) {
  *row = cadre_db_row(req,
                      "SELECT id, year_id, kind, level, form, title, due_date, lock_date, sort "
                      "FROM emulation_deadline WHERE year_id = ? AND kind = ?",
                      CV_ARGS(CV_INT(year_id), CV_STR(kind)));
  if (*row)
    return 0;
  if (cadre_db_errno(req))
    return cadre_db_fail(req);
  return cadre_fail(req, 404, "unknown_kind", "Năm thi đua không có loại hồ sơ “%s”.", kind);
}

const char *em_exception_until(cadre_req *req, int64_t deadline_id, int64_t cluster_id, int64_t school_id) {
  return cadre_db_str(req,
                      "SELECT until_date FROM emulation_exception "
                      "WHERE deadline_id = ? AND cluster_id = ? AND owner_school = ?",
                      CV_ARGS(CV_INT(deadline_id), CV_INT(cluster_id), CV_INT(school_id)));
}

enum em_eval em_school_evaluated(cadre_req *req, const struct em_year *y, int64_t cluster_id,
                                 int64_t school_id) {
  json_t *row = cadre_db_row(
      req,
      "SELECT d.lock_date, s.first_submitted_at, e.until_date "
      "FROM emulation_deadline d "
      "LEFT JOIN emulation_submission s ON s.deadline_id = d.id AND s.cluster_id = ? "
      "  AND s.owner_school = ? "
      "LEFT JOIN emulation_exception e ON e.deadline_id = d.id AND e.cluster_id = ? "
      "  AND e.owner_school = ? "
      "WHERE d.year_id = ? AND d.kind = 'plan'",
      CV_ARGS(CV_INT(cluster_id), CV_INT(school_id), CV_INT(cluster_id), CV_INT(school_id), CV_INT(y->id)));
  if (!row)
    return EM_EVAL_YES; /* a year without a plan deadline evaluates everyone */
  return em_evaluated(cadre_today(req), cadre_jstr(row, "lock_date"), cadre_jstr(row, "until_date"),
                      cadre_jstr(row, "first_submitted_at"));
}

/* ---- members with their evaluation ------------------------------------------------ */

json_t *em_members(cadre_req *req, int64_t cluster_id) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT m.school_id, a.code, a.name, a.short_name, a.kind, m.sort, "
                               " m.cross_checker_school_id, ck.name AS checker_name, "
                               " (c.head_school_id <=> m.school_id) AS is_head, "
                               " (c.deputy_school_id <=> m.school_id) AS is_deputy, "
                               " d.lock_date AS plan_lock, s.first_submitted_at AS plan_submitted_at, "
                               " e.until_date AS plan_exception_until "
                               "FROM emulation_member m JOIN agency a ON a.id = m.school_id "
                               "JOIN emulation_cluster c ON c.id = m.cluster_id "
                               "LEFT JOIN agency ck ON ck.id = m.cross_checker_school_id "
                               "LEFT JOIN emulation_deadline d ON d.year_id = m.year_id AND d.kind = 'plan' "
                               "LEFT JOIN emulation_submission s ON s.deadline_id = d.id "
                               "  AND s.cluster_id = m.cluster_id AND s.owner_school = m.school_id "
                               "LEFT JOIN emulation_exception e ON e.deadline_id = d.id "
                               "  AND e.cluster_id = m.cluster_id AND e.owner_school = m.school_id "
                               "WHERE m.cluster_id = ? ORDER BY m.sort, a.name, a.id",
                               CV_ARGS(CV_INT(cluster_id)));
  if (!rows)
    return NULL;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    enum em_eval e = EM_EVAL_YES;
    if (cadre_jstr(r, "plan_lock"))
      e = em_evaluated(cadre_today(req), cadre_jstr(r, "plan_lock"), cadre_jstr(r, "plan_exception_until"),
                       cadre_jstr(r, "plan_submitted_at"));
    em_set(r, "evaluation", json_string(em_eval_code(e)));
    json_object_set_new(r, "is_head", json_boolean(cadre_jtrue(r, "is_head")));
    json_object_set_new(r, "is_deputy", json_boolean(cadre_jtrue(r, "is_deputy")));
  }
  return rows;
}
