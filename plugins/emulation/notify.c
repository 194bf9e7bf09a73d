/*
 * Emails to a school's people through the outbox, in the transaction of the
 * change that causes them: a return, an exception, a finalised table.
 */
#include "emulation.h"

struct notify_ctx {
  const char *subject, *body, *prefix;
  int failed;
};

static int queue_one(cadre_req *req, json_t *row, void *ctx) {
  struct notify_ctx *n = ctx;
  const char *email = cadre_jstr(row, "email");
  if (!email)
    return 0;
  const char *key = cadre_printf(req, "%s:%s", n->prefix, email);
  if (cadre_outbox_email(req, email, n->subject, n->body, key) < 0) {
    n->failed = 1;
    return 1;
  }
  return 0;
}

int em_notify_school(cadre_req *req, int64_t school_id, const char *subject, const char *body,
                     const char *dedupe_prefix) {
  struct notify_ctx n = {subject, body, dedupe_prefix, 0};
  int64_t rows = cadre_db_each(req,
                               "SELECT DISTINCT u.email FROM app_user u "
                               "JOIN agency_closure c ON c.descendant = u.agency_id AND c.ancestor = ? "
                               "WHERE u.email IS NOT NULL AND u.email <> '' AND u.disabled_at IS NULL",
                               CV_ARGS(CV_INT(school_id)), queue_one, &n);
  return rows < 0 || n.failed ? -1 : 0;
}
