/*
 * Notifications go to the people of an agency: every active user of it with
 * an e-mail address, through the outbox (so in the same transaction as the
 * change, and never twice for the same dedupe key).
 */
#include "llct.h"

int llct_notify_agency(cadre_req *req, int64_t agency, const char *subject, const char *body,
                       const char *dedupe_prefix) {
  json_t *users = cadre_db_rows(req,
                                "SELECT id, email FROM app_user WHERE agency_id = ?"
                                " AND email IS NOT NULL AND email <> '' AND disabled_at IS NULL",
                                CV_ARGS(CV_INT(agency)));
  if (!users)
    return -1;
  int queued = 0;
  size_t i;
  json_t *u;
  json_array_foreach(users, i, u) {
    const char *key = cadre_printf(req, "%s-u%lld", dedupe_prefix, (long long)llct_jint(u, "id", 0));
    int r = cadre_outbox_email(req, llct_jstr(u, "email"), subject, body, key);
    if (r < 0)
      return -1;
    queued += r;
  }
  return queued;
}
