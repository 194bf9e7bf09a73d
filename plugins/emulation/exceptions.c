/*
 * Lock exceptions (gia hạn): after a deadline's lock date only a school with
 * an exception may still submit, until the exception's own date. The
 * cluster head grants them to its schools; the board to anyone, and alone to
 * a cluster's own submissions. Every grant (and re-grant) is audited and
 * mailed to the school.
 */
#include "emulation.h"

#include <string.h>

struct grant {
  struct em_year y;
  struct em_cluster c;
  json_t *deadline;
  int64_t school; /* 0: the cluster's own submission */
  int64_t id;
};

static int grant_tx(cadre_req *req, void *p) {
  struct grant *g = p;
  int64_t deadline_id = cadre_jint(g->deadline, "id", 0);
  json_t *before = cadre_db_row(req,
                                "SELECT id, until_date, reason, granted_by_login "
                                "FROM emulation_exception WHERE deadline_id = ? AND cluster_id = ? "
                                " AND owner_school = ? FOR UPDATE",
                                CV_ARGS(CV_INT(deadline_id), CV_INT(g->c.id), CV_INT(g->school)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_exception (deadline_id, cluster_id, school_id, "
                    " until_date, reason, granted_by, granted_by_login) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
                    " until_date = VALUES(until_date), reason = VALUES(reason), "
                    " granted_by = VALUES(granted_by), granted_by_login = VALUES(granted_by_login)",
                    CV_ARGS(CV_INT(deadline_id), CV_INT(g->c.id), CV_INT_IF(g->school, g->school),
                            CV_FIELD(req, "until"), CV_FIELD(req, "reason"), EM_USER(req),
                            CV_STR(cadre_user_login(req)))) < 0)
    return em_db_conflict(req, NULL, NULL, "not_a_member", "Trường không thuộc cụm thi đua này.");
  g->id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:I, s:s, s:s}", "kind", cadre_jstr(g->deadline, "kind"), "school_id",
                            (json_int_t)g->school, "until_date", cadre_str0(req, "until"), "reason",
                            cadre_str0(req, "reason"));
  int rc = cadre_audit(req, "emulation.exception", g->id, "grant", before, after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  int64_t notify = g->school ? g->school : g->c.head;
  cadre_date until;
  char until_vn[11];
  cadre_date_parse(cadre_str0(req, "until"), &until);
  cadre_date_vn(until, until_vn);
  const char *subject =
      cadre_printf(req, "[Thi đua %d] Gia hạn hồ sơ “%s”", g->y.year, cadre_jstr(g->deadline, "title"));
  const char *body =
      cadre_printf(req, "Hồ sơ “%s” năm %d được gia hạn đến hết ngày %s.\nLý do: %s\n",
                   cadre_jstr(g->deadline, "title"), g->y.year, until_vn, cadre_str0(req, "reason"));
  if (notify && em_notify_school(req, notify, subject, body,
                                 cadre_printf(req, "emulation:exception:%lld:%s", (long long)g->id,
                                              cadre_now_text(req))) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_exception_grant(cadre_req *req) {
  struct grant g = {.school = cadre_int(req, "school", 0)};
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &g.c);
  if (rc || (rc = em_year_load_id(req, g.c.year_id, &g.y)) ||
      (rc = em_deadline_load(req, g.y.id, cadre_str0(req, "kind"), &g.deadline)))
    return rc;
  struct em_actor a;
  if (em_actor_load(req, g.y.id, &a) < 0)
    return cadre_db_fail(req);
  bool school_level = strcmp(cadre_jstr(g.deadline, "level"), "school") == 0;
  if (school_level) {
    if (!g.school) {
      cadre_field_error(req, "school", "required", "Chọn trường được gia hạn.");
      return cadre_fail(req, 422, "school_required", "Chọn trường được gia hạn.");
    }
    if ((rc = em_require_head(req, &a, &g.c)))
      return rc;
  } else {
    if (g.school)
      return cadre_fail(req, 422, "cluster_level_kind",
                        "Hồ sơ “%s” là hồ sơ của cụm, không gia hạn riêng cho trường.",
                        cadre_jstr(g.deadline, "title"));
    if ((rc = em_require_board(req)))
      return rc;
  }
  const char *until = cadre_str0(req, "until");
  if (strcmp(until, cadre_today(req)) < 0)
    return cadre_fail(req, 422, "exception_in_past", "Ngày gia hạn phải từ hôm nay trở đi.");
  if (strcmp(until, cadre_jstr(g.deadline, "lock_date")) <= 0)
    return cadre_fail(req, 422, "exception_not_needed",
                      "Ngày gia hạn phải sau ngày khóa của hồ sơ; trước ngày khóa trường vẫn "
                      "nộp được.");
  if ((rc = cadre_tx(req, grant_tx, &g)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "id", json_integer(g.id));
  return cadre_reply_json(req, 201, out);
}

int em_h_exceptions_list(cadre_req *req) {
  struct em_cluster c;
  struct em_actor a;
  enum em_viewer viewer;
  int rc = em_cluster_open(req, &c, NULL, &a, &viewer);
  if (rc)
    return rc;
  bool all = viewer == EM_VIEW_BOARD || viewer == EM_VIEW_HEAD;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT e.id, d.kind, d.title, d.lock_date, e.school_id, ag.name AS school_name, "
                    " e.until_date, e.reason, e.granted_by_login, e.created_at, e.updated_at "
                    "FROM emulation_exception e JOIN emulation_deadline d ON d.id = e.deadline_id "
                    "LEFT JOIN agency ag ON ag.id = e.school_id "
                    "WHERE e.cluster_id = ? AND (? OR e.school_id <=> ? OR e.school_id IS NULL "
                    " OR EXISTS (SELECT 1 FROM agency_closure s WHERE s.descendant = e.school_id "
                    "   AND s.ancestor = ? AND ? = 0)) "
                    "ORDER BY d.sort, ag.name",
                    CV_ARGS(CV_INT(c.id), CV_INT(all), CV_INT(a.school), CV_INT(cadre_scope_root(req)),
                            CV_INT(viewer == EM_VIEW_MEMBER)));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}
