/*
 * Roles and modules: the role catalogue, the loaded modules, and which
 * modules each agency uses. A setting on an agency applies to its subtree
 * unless a lower agency has its own; "inherit" removes the agency's own.
 */
#include <string.h>

#include "core.h"

int core_roles(cadre_req *req) {
  json_t *rows =
      cadre_db_rows(req, "SELECT code, title, module, description FROM role ORDER BY sort, code", CV_NONE);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

int core_modules(cadre_req *req) {
  json_t *all = cadre_host_modules(req), *out = cadre_json_arr(req);
  size_t i;
  json_t *m;
  json_array_foreach(all, i, m) if (strcmp(json_string_value(json_object_get(m, "name")), "core") != 0)
      json_array_append(out, m);
  return cadre_reply_json(req, 200, out);
}

int core_agency_modules(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int st = cadre_require_scope(req, id);
  if (st)
    return st;
  /* every setting on the path to the root, nearest first */
  json_t *settings =
      cadre_db_rows(req,
                    "SELECT m.module, m.enabled, c.depth, a.id AS agency_id, a.name AS agency_name"
                    " FROM agency_module m JOIN agency_closure c ON c.ancestor = m.agency_id"
                    " JOIN agency a ON a.id = m.agency_id WHERE c.descendant = ?"
                    " ORDER BY m.module, c.depth",
                    CV_ARGS(CV_INT(id)));
  if (!settings)
    return cadre_db_fail(req);
  json_t *out = cadre_json_arr(req), *mods = cadre_host_modules(req);
  size_t i, k;
  json_t *m, *s;
  json_array_foreach(mods, i, m) {
    const char *name = json_string_value(json_object_get(m, "name"));
    if (strcmp(name, "core") == 0)
      continue;
    json_t *row = json_pack("{s:s, s:O, s:b, s:n, s:n}", "name", name, "title", json_object_get(m, "title"),
                            "enabled", 0, "own_setting", "inherited_from");
    json_array_foreach(settings, k, s) {
      if (strcmp(json_string_value(json_object_get(s, "module")), name) != 0)
        continue;
      json_object_set_new(row, "enabled", json_boolean(json_integer_value(json_object_get(s, "enabled"))));
      if (json_integer_value(json_object_get(s, "depth")) == 0)
        json_object_set(row, "own_setting", json_object_get(row, "enabled"));
      else
        json_object_set_new(row, "inherited_from",
                            json_pack("{s:O, s:O}", "id", json_object_get(s, "agency_id"), "name",
                                      json_object_get(s, "agency_name")));
      break;
    }
    json_array_append_new(out, row);
  }
  return cadre_reply_json(req, 200, out);
}

static int module_set_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0);
  const char *module = cadre_str(req, "module");
  json_t *enabled = cadre_json_field(req, "enabled");
  int st = cadre_require_scope(req, id);
  if (st)
    return st;
  if (!cadre_host_plugin(module) || strcmp(module, "core") == 0) {
    cadre_field_error(req, "module", "unknown_module", "Phân hệ «%s» không tồn tại.", module);
    return cadre_fail(req, 422, "unknown_module", "Phân hệ không tồn tại.");
  }
  if (enabled && !json_is_boolean(enabled) && !json_is_null(enabled) && !json_is_integer(enabled)) {
    cadre_field_error(req, "enabled", "invalid_bool", "«Bật/tắt» phải là true, false hoặc null (kế thừa).");
    return cadre_fail(req, 422, "validation_failed", "Dữ liệu chưa hợp lệ.");
  }
  json_t *before = cadre_db_row(req, "SELECT enabled FROM agency_module WHERE agency_id = ? AND module = ?",
                                CV_ARGS(CV_INT(id), CV_STR(module)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  int64_t n;
  if (!enabled || json_is_null(enabled))
    n = cadre_db_exec(req, "DELETE FROM agency_module WHERE agency_id = ? AND module = ?",
                      CV_ARGS(CV_INT(id), CV_STR(module)));
  else
    n = cadre_db_exec(req,
                      "INSERT INTO agency_module (agency_id, module, enabled, updated_by) VALUES (?, ?, ?, ?)"
                      " ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), updated_by = VALUES(updated_by)",
                      CV_ARGS(CV_INT(id), CV_STR(module),
                              CV_INT(json_is_true(enabled) || json_integer_value(enabled)),
                              CV_INT(cadre_user_id(req))));
  if (n < 0)
    return cadre_db_fail(req);
  json_t *after =
      cadre_keep(req, json_pack("{s:s, s:O}", "module", module, "enabled", enabled ? enabled : json_null()));
  return cadre_audit(req, "core.agency_module", id, "set", before, after) ? cadre_db_fail(req) : 0;
}

int core_agency_module_set(cadre_req *req) {
  int st = cadre_tx(req, module_set_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

int core_routes(cadre_req *req) { return cadre_reply_json(req, 200, cadre_host_routes(req)); }
