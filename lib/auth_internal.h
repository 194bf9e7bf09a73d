/* Host-side identity checks run by the dispatcher before a handler. */
#ifndef CADRE_AUTH_INTERNAL_H
#define CADRE_AUTH_INTERNAL_H

#include <stdbool.h>

#include "request_internal.h"

/* Loads the session named by the cookie into req->who. 0, or the status
 * answered: 401 not_logged_in / session_expired. With a module name, the
 * same statement reads whether that module is enabled for the caller's
 * agency, which cadre_module_enabled() then answers from memory. */
int cadre_session_load(cadre_req *req, const char *module);
/* 1 enabled, 0 not, -1 database error, for the caller's agency. */
int cadre_module_enabled(cadre_req *req, const char *module);
/* The query behind it: the nearest agency_module row on the path from
 * agency_id (a column or "?") up to the root decides; no row means off.
 * Binds the module name last. */
#define CADRE_MODULE_SWITCH(agency_id)                                                                       \
  "SELECT m.enabled FROM agency_module m JOIN agency_closure c ON c.ancestor = m.agency_id"                  \
  " WHERE c.descendant = " agency_id " AND m.module = ? ORDER BY c.depth LIMIT 1"
/* Origin/Referer must be the site itself (or [server] allowed_origins).
 * `strict`: a missing Origin and Referer is refused (session requests). */
int cadre_origin_check(cadre_req *req, bool strict);
/* X-CSRF-Token must equal the session's token. */
int cadre_csrf_check(cadre_req *req);
/* Per-address rate limit for public forms. */
int cadre_rate_check(cadre_req *req);

/* Idempotent routes (lib/idempotency.c): before the handler, 0 to run it
 * or the status of the replayed (or refused) answer; after it, keep the
 * answer of a success, forget the key otherwise. */
int cadre_idem_begin(cadre_req *req);
void cadre_idem_end(cadre_req *req, int status);

#endif
