/* The audit log (include/cadre/audit.h). */
#include "cadre/audit.h"

#include "cadre/db.h"
#include "request_internal.h"

int cadre_audit(cadre_req *req, const char *entity, int64_t entity_id, const char *action, json_t *before,
                json_t *after) {
  int64_t uid = req->who.user_id;
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO audit_log (at, user_id, user_login, agency_id, request_id, ip, module, entity,"
      " entity_id, action, before_json, after_json) VALUES (NOW(3), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_INT_IF(uid > 0, uid), CV_STR(uid == -1 ? "system" : req->who.login),
              CV_INT_IF(req->who.agency_id > 0, req->who.agency_id), CV_STR(req->request_id),
              CV_STR(req->remote_addr), CV_STR(cadre_plugin_name(req)), CV_STR(entity),
              CV_INT_IF(entity_id != 0, entity_id), CV_STR(action), CV_STR(cadre_json_text(req, before)),
              CV_STR(cadre_json_text(req, after))));
  return n == 1 ? 0 : -1;
}

/* Many rows in one statement: the rows travel as one JSON array, which
 * JSON_TABLE turns back into rows, so the statement's text never depends on
 * the count. Each row names its own request (who, address, request id). */
#define AUDIT_MANY                                                                                           \
  "INSERT INTO audit_log (at, user_id, user_login, agency_id, request_id, ip, module, entity,"               \
  " entity_id, action, before_json, after_json)"                                                             \
  " SELECT NOW(3), j.uid, j.login, j.agency, j.rid, j.ip, ?, ?, j.eid, ?, j.b, j.a"                          \
  " FROM JSON_TABLE(?, '$[*]' COLUMNS(uid BIGINT PATH '$.uid', login VARCHAR(64) PATH '$.login',"            \
  " agency BIGINT PATH '$.agency', rid VARCHAR(40) PATH '$.rid', ip VARCHAR(45) PATH '$.ip',"                \
  " eid BIGINT PATH '$.eid', b LONGTEXT PATH '$.b', a LONGTEXT PATH '$.a')) j"

static json_t *audit_row_json(cadre_req *req, const struct cadre_audit_row *row) {
  const cadre_req *r = row->req ? row->req : req;
  int64_t uid = r->who.user_id;
  json_t *o = json_object();
  if (!o)
    return NULL;
  int bad = 0;
  if (uid > 0)
    bad |= json_object_set_new(o, "uid", json_integer(uid));
  const char *login = uid == -1 ? "system" : r->who.login;
  if (login)
    bad |= json_object_set_new(o, "login", json_string(login));
  if (r->who.agency_id > 0)
    bad |= json_object_set_new(o, "agency", json_integer(r->who.agency_id));
  bad |= json_object_set_new(o, "rid", json_string(r->request_id));
  if (r->remote_addr)
    bad |= json_object_set_new(o, "ip", json_string(r->remote_addr));
  if (row->entity_id != 0)
    bad |= json_object_set_new(o, "eid", json_integer(row->entity_id));
  const char *before = cadre_json_text(req, row->before), *after = cadre_json_text(req, row->after);
  if (before)
    bad |= json_object_set_new(o, "b", json_string(before));
  if (after)
    bad |= json_object_set_new(o, "a", json_string(after));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int cadre_audit_many(cadre_req *req, const char *entity, const char *action,
                     const struct cadre_audit_row *rows, size_t n) {
  if (n == 0)
    return 0;
  json_t *all = cadre_keep(req, json_array());
  if (!all)
    return -1;
  for (size_t i = 0; i < n; i++) {
    json_t *o = audit_row_json(req, &rows[i]);
    if (!o || json_array_append_new(all, o) != 0)
      return -1;
  }
  const char *text = cadre_json_text(req, all);
  if (!text)
    return -1;
  int64_t got = cadre_db_exec(
      req, AUDIT_MANY, CV_ARGS(CV_STR(cadre_plugin_name(req)), CV_STR(entity), CV_STR(action), CV_STR(text)));
  return got == (int64_t)n ? 0 : -1;
}
