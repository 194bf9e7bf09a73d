/* The audit log (include/cadre/audit.h). */
#include "cadre/audit.h"

#include <stdlib.h>

#include "cadre/db.h"
#include "request_internal.h"

static const char *dump(cadre_req *req, json_t *v) {
  if (!v)
    return NULL;
  char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!s)
    return NULL;
  char *copy = cadre_arena_strdup(req->arena, s);
  free(s);
  return copy;
}

int cadre_audit(cadre_req *req, const char *entity, int64_t entity_id, const char *action,
                json_t *before, json_t *after) {
  int64_t uid = req->who.user_id;
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO audit_log (at, user_id, user_login, agency_id, request_id, ip, module, entity,"
      " entity_id, action, before_json, after_json) VALUES (NOW(3), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_INT_IF(uid > 0, uid), CV_STR(uid == -1 ? "system" : req->who.login),
              CV_INT_IF(req->who.agency_id > 0, req->who.agency_id), CV_STR(req->request_id),
              CV_STR(req->remote_addr), CV_STR(cadre_plugin_name(req)), CV_STR(entity),
              CV_INT_IF(entity_id != 0, entity_id), CV_STR(action), CV_STR(dump(req, before)),
              CV_STR(dump(req, after))));
  return n == 1 ? 0 : -1;
}
