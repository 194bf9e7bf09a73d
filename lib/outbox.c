/* Queuing notifications in the caller's transaction (include/cadre/outbox.h).
 * Delivery is lib/outbox_delivery.c, run by `cadre-admin outbox run`. */
#include "cadre/outbox.h"

#include <stdlib.h>

#include "cadre/db.h"
#include "cadre/row.h"
#include "request_internal.h"

static int queue(cadre_req *req, const char *kind, const char *recipient, const char *subject,
                 const char *body, const char *reply_kind, int64_t ref, const char *dedupe) {
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO outbox (kind, module, recipient, subject, body, reply_kind, reply_ref,"
      " dedupe_key, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())",
      CV_ARGS(CV_STR(kind), CV_STR(cadre_plugin_name(req)), CV_STR(recipient), CV_STR(subject), CV_STR(body),
              CV_STR(reply_kind), CV_INT_IF(reply_kind != NULL, ref), CV_STR(dedupe)));
  if (n == 1)
    return 1;
  if (cadre_db_is_duplicate(req) && dedupe) {
    req->db_errno = 0; /* an expected outcome, not an error */
    return 0;
  }
  return -1;
}

int cadre_outbox_email(cadre_req *req, const char *to, const char *subject, const char *body,
                       const char *dedupe_key) {
  return queue(req, "email", to, subject, body, NULL, 0, dedupe_key);
}

int cadre_outbox_webhook(cadre_req *req, const char *target, json_t *payload, const char *reply_kind,
                         int64_t ref, const char *dedupe_key) {
  char *text = json_dumps(payload, JSON_COMPACT);
  if (!text)
    return -1;
  const char *body = cadre_arena_strdup(req->arena, text);
  free(text);
  return queue(req, "webhook", target, NULL, body, reply_kind, ref, dedupe_key);
}

int cadre_outbox_email_agency(cadre_req *req, int64_t agency_id, const char *roles, const char *subject,
                              const char *body, const char *dedupe_prefix) {
  /* roles is space-separated; FIND_IN_SET wants commas */
  json_t *users = cadre_db_rows(req,
                                "SELECT u.id, u.email FROM app_user u WHERE u.agency_id = ?"
                                " AND u.email IS NOT NULL AND u.email <> '' AND u.disabled_at IS NULL"
                                " AND (? IS NULL OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id"
                                " AND FIND_IN_SET(r.role, REPLACE(?, ' ', ',')) > 0)) ORDER BY u.id",
                                CV_ARGS(CV_INT(agency_id), CV_STR(roles), CV_STR(roles)));
  if (!users)
    return -1;
  int queued = 0;
  size_t i;
  json_t *u;
  json_array_foreach(users, i, u) {
    int64_t uid = cadre_jint(u, "id", 0);
    const char *key = dedupe_prefix ? cadre_printf(req, "%s-u%lld", dedupe_prefix, (long long)uid) : NULL;
    int r = cadre_outbox_email(req, cadre_jstr(u, "email"), subject, body, key);
    if (r < 0)
      return -1;
    queued += r;
  }
  return queued;
}
