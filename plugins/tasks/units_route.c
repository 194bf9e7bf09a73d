/* The agencies that hold a role in visible tasks: the unit filter of the
 * list and the dashboard. */
#include "tasks.h"

#include <string.h>

int tasks_h_units(cadre_req *req) {
  int64_t scope = cadre_scope_root(req);
  json_t *rows = cadre_db_rows(
      req,
      "SELECT a.id, a.name, a.code, a.status, tu.role, COUNT(*) AS tasks"
      " FROM tasks_task_unit tu JOIN tasks_task t ON t.id = tu.task_id"
      " JOIN agency a ON a.id = tu.agency_id"
      " WHERE (? IS NULL OR t.programme_id = ?) AND (? IS NULL OR tu.role = ?) AND" TASKS_VISIBLE_SQL(
          "t") " GROUP BY a.id, a.name, a.code, a.status, tu.role ORDER BY a.name, a.id, tu.role",
      CV_ARGS(CV_FIELD(req, "programme"), CV_FIELD(req, "programme"), CV_FIELD(req, "role"),
              CV_FIELD(req, "role"), CV_INT(scope), CV_INT(scope)));
  if (!rows)
    return cadre_db_fail(req);
  /* one entry per agency, with its roles */
  json_t *out = cadre_json_arr(req);
  json_t *last = NULL;
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    json_int_t id = cadre_jint(row, "id", 0);
    if (!last || cadre_jint(last, "id", 0) != id) {
      last = json_pack("{s:I, s:O, s:O, s:O, s:[], s:{}}", "id", id, "name", json_object_get(row, "name"),
                       "code", json_object_get(row, "code"), "status", json_object_get(row, "status"),
                       "roles", "tasks");
      json_array_append_new(out, last);
    }
    json_array_append(json_object_get(last, "roles"), json_object_get(row, "role"));
    json_object_set(json_object_get(last, "tasks"), cadre_jstr(row, "role"), json_object_get(row, "tasks"));
  }
  return cadre_reply_json(req, 200, out);
}
