/*
 * Programmes: the list a caller may see (owner in scope, or any task with a
 * unit in scope), one programme with its parts, sections and last import
 * report, and the few settings its administrator may change.
 */
#include "tasks.h"

#define PROGRAMME_VISIBLE                                                                                    \
  " (EXISTS (SELECT 1 FROM agency_closure oc WHERE oc.descendant ="                                          \
  " p.owner_agency_id AND oc.ancestor = ?) OR EXISTS (SELECT 1 FROM tasks_task t"                            \
  " WHERE t.programme_id = p.id AND" TASKS_VISIBLE_SQL("t") ")) "

#define PROGRAMME_COLUMNS                                                                                    \
  " p.id, p.code, p.title, p.owner_agency_id, a.name AS owner_name,"                                         \
  " a.code AS owner_code, p.report_period, p.starts_on, p.part_a_title,"                                     \
  " p.part_b_title, p.source_name, p.created_at, p.updated_at,"                                              \
  " (SELECT COUNT(*) FROM tasks_task t WHERE t.programme_id = p.id) AS tasks "

static int set_admin_flag(cadre_req *req, json_t *row) {
  int admin = tasks_programme_admin(req, cadre_jint(row, "owner_agency_id", 0));
  if (admin < 0)
    return -1;
  json_object_set_new(row, "can_admin", json_boolean(admin));
  return 0;
}

int tasks_h_programmes(cadre_req *req) {
  int64_t scope = cadre_scope_root(req);
  json_t *rows = cadre_db_rows(req,
                               "SELECT" PROGRAMME_COLUMNS " FROM tasks_programme p"
                               " JOIN agency a ON a.id = p.owner_agency_id WHERE" PROGRAMME_VISIBLE
                               " ORDER BY p.id DESC",
                               CV_ARGS(CV_INT(scope), CV_INT(scope), CV_INT(scope)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    if (set_admin_flag(req, row) < 0)
      return cadre_db_fail(req);
  }
  return cadre_reply_json(req, 200, rows);
}

static json_t *load_programme(cadre_req *req, int64_t id) {
  int64_t scope = cadre_scope_root(req);
  return cadre_db_row(req,
                      "SELECT" PROGRAMME_COLUMNS ", p.preamble FROM tasks_programme p"
                      " JOIN agency a ON a.id = p.owner_agency_id WHERE p.id = ? AND" PROGRAMME_VISIBLE,
                      CV_ARGS(CV_INT(id), CV_INT(scope), CV_INT(scope), CV_INT(scope)));
}

int tasks_h_programme(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  json_t *p = load_programme(req, id);
  if (!p) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy chương trình.");
  }
  if (set_admin_flag(req, p) < 0)
    return cadre_db_fail(req);
  json_t *sections =
      cadre_db_rows(req,
                    "SELECT s.id, s.part, s.numeral, s.title, s.lead_text, s.lead_agency_id, s.seq,"
                    " a.name AS lead_agency_name, a.status AS lead_agency_status,"
                    " (SELECT COUNT(*) FROM tasks_task t WHERE t.section_id = s.id) AS tasks"
                    " FROM tasks_section s LEFT JOIN agency a ON a.id = s.lead_agency_id"
                    " WHERE s.programme_id = ? ORDER BY s.part, s.seq",
                    CV_ARGS(CV_INT(id)));
  json_t *last_import =
      cadre_db_row(req,
                   "SELECT i.id, i.filename, i.checksum, i.tasks_created, i.tasks_updated, i.created_at,"
                   " u.full_name AS user_name, i.report_json FROM tasks_import i"
                   " LEFT JOIN app_user u ON u.id = i.user_id WHERE i.programme_id = ?"
                   " ORDER BY i.id DESC LIMIT 1",
                   CV_ARGS(CV_INT(id)));
  if (!sections || (!last_import && cadre_db_errno(req)))
    return cadre_db_fail(req);
  /* units still waiting for an admin to confirm or merge them */
  json_t *pending =
      cadre_db_rows(req,
                    "SELECT DISTINCT a.id, a.code, a.name, pa.name AS parent_name FROM agency a"
                    " LEFT JOIN agency pa ON pa.id = a.parent_id WHERE a.status = 'pending' AND a.id IN"
                    " (SELECT tu.agency_id FROM tasks_task_unit tu JOIN tasks_task t ON t.id = tu.task_id"
                    "  WHERE t.programme_id = ? UNION SELECT s.lead_agency_id FROM tasks_section s"
                    "  WHERE s.programme_id = ?) ORDER BY a.name",
                    CV_ARGS(CV_INT(id), CV_INT(id)));
  if (!pending)
    return cadre_db_fail(req);
  json_object_set(p, "sections", sections);
  json_object_set(p, "last_import", last_import ? last_import : json_null());
  json_object_set(p, "pending_units", pending);
  return cadre_reply_json(req, 200, p);
}

typedef struct update_ctx {
  int64_t id;
  json_t *before;
} update_ctx;

static int update_tx(cadre_req *req, void *arg) {
  update_ctx *c = arg;
  if (cadre_db_exec(req,
                    "UPDATE tasks_programme SET title = COALESCE(?, title),"
                    " report_period = COALESCE(?, report_period), starts_on = COALESCE(?, starts_on)"
                    " WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "report_period"),
                            CV_FIELD(req, "starts_on"), CV_INT(c->id))) < 0)
    return cadre_db_fail(req);
  json_t *after =
      cadre_db_row(req, "SELECT title, report_period, starts_on FROM tasks_programme WHERE id = ?",
                   CV_ARGS(CV_INT(c->id)));
  if (!after || cadre_audit(req, "tasks.programme", c->id, "update", c->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int tasks_h_programme_update(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  json_t *p = load_programme(req, id);
  if (!p) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy chương trình.");
  }
  int admin = tasks_programme_admin(req, cadre_jint(p, "owner_agency_id", 0));
  if (admin < 0)
    return cadre_db_fail(req);
  if (!admin)
    return cadre_fail(req, 403, "not_programme_admin",
                      "Chỉ quản trị của đơn vị chủ quản chương trình mới được sửa chương trình.");
  update_ctx c = {.id = id,
                  .before = json_pack("{s:O, s:O, s:O}", "title", json_object_get(p, "title"),
                                      "report_period", json_object_get(p, "report_period"), "starts_on",
                                      json_object_get(p, "starts_on"))};
  cadre_keep(req, c.before);
  int rc = cadre_tx(req, update_tx, &c);
  if (rc)
    return rc;
  return cadre_reply_ok(req, id);
}
