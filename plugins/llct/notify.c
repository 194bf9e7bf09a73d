/*
 * Notifications go to the people of an agency: every active user of it with
 * an e-mail address, through the outbox (so in the same transaction as the
 * change, and never twice for the same dedupe key).
 */
#include "llct.h"

int llct_notify_agency(cadre_req *req, int64_t agency, const char *subject, const char *body,
                       const char *dedupe_prefix) {
  return cadre_outbox_email_agency(req, agency, NULL, subject, body, dedupe_prefix);
}
