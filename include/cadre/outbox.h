/*
 * Notifications leave through the outbox: a row written on the request's
 * connection, so in the same transaction as the change that causes it, and
 * delivered later by `cadre-admin outbox run` (SMTP email and JSON webhooks
 * with libcurl, retries with backoff). A notification is never lost with a
 * committed change, never sent for a rolled-back one, and never sent twice:
 * `dedupe_key`, when given, is unique across the outbox.
 */
#ifndef CADRE_OUTBOX_H
#define CADRE_OUTBOX_H

#include <stdint.h>

#include <jansson.h>

#include "cadre/plugin.h"

/* Returns 1 queued, 0 already queued under the same dedupe_key, -1 error. */
int cadre_outbox_email(cadre_req *req, const char *to, const char *subject, const char *body,
                       const char *dedupe_key);

/* One email to every active user of an agency who has an address (only
 * those holding one of `roles`, space-separated, when roles is not NULL).
 * dedupe_prefix (may be NULL) + the user id makes each message's key.
 * Returns the number queued, -1 on error. */
int cadre_outbox_email_agency(cadre_req *req, int64_t agency_id, const char *roles, const char *subject,
                              const char *body, const char *dedupe_prefix);

/* A JSON POST to the endpoint configured as [webhooks] <target> = URL.
 * When reply_kind is set, the delivery loop hands the JSON answer to the
 * plugin's outbox_reply(ctx, reply_kind, ref, answer) in a transaction. */
int cadre_outbox_webhook(cadre_req *req, const char *target, json_t *payload, const char *reply_kind,
                         int64_t ref, const char *dedupe_key);

#endif
