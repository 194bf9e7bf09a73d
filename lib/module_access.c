/*
 * Which modules an agency uses. The nearest agency_module row on the path
 * from the agency up to the root decides, so enabling a module for a
 * province enables it for its communes unless one of them is switched off.
 */
#include <string.h>

#include "auth_internal.h"
#include "cadre/db.h"
#include "cadre/session.h"
#include "registry.h"

#define NEAREST_SETTINGS                                                                                     \
  "SELECT m.module, m.enabled, c.depth FROM agency_module m"                                                 \
  " JOIN agency_closure c ON c.ancestor = m.agency_id WHERE c.descendant = ?"                                \
  " ORDER BY m.module, c.depth"

int cadre_module_enabled(cadre_req *req, const char *module) {
  if (req->who.user_id == -1 || strcmp(module, "core") == 0)
    return 1;
  if (req->who.module_read && strcmp(req->who.module_read, module) == 0)
    return req->who.module_enabled ? 1 : 0;
  int64_t enabled = 0;
  int rc = cadre_db_int(req, &enabled, CADRE_MODULE_SWITCH("?"),
                        CV_ARGS(CV_INT(req->who.agency_id), CV_STR(module)));
  if (rc < 0)
    return -1;
  return rc == 1 && enabled ? 1 : 0;
}

json_t *cadre_modules_for_agency(cadre_req *req, int64_t agency_id) {
  json_t *out = cadre_json_arr(req);
  json_t *rows = cadre_db_rows(req, NEAREST_SETTINGS, CV_ARGS(CV_INT(agency_id)));
  if (!rows || !out)
    return NULL;
  /* Walk the loaded plugins in their configured order; for each, the first
   * (nearest) row decides. */
  for (size_t i = 0; i < cadre_registry_count(); i++) {
    const struct cadre_plugin *p = cadre_registry_at(i)->desc;
    if (strcmp(p->name, "core") == 0)
      continue;
    size_t k;
    json_t *row;
    json_array_foreach(rows, k, row) {
      if (strcmp(json_string_value(json_object_get(row, "module")), p->name) != 0)
        continue;
      if (json_integer_value(json_object_get(row, "enabled")))
        json_array_append_new(
            out, json_pack("{s:s, s:s, s:s?}", "name", p->name, "title", p->title, "ui_path", p->ui_path));
      break;
    }
  }
  return out;
}
