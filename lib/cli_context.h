/* A request context for cadre-admin commands (see cli_context.c). */
#ifndef CADRE_CLI_CONTEXT_H
#define CADRE_CLI_CONTEXT_H

#include <time.h>

#include "request_internal.h"

/* A context whose caller is the system user (id -1, every role, national
 * scope), with a one-connection pool, answers written to stdout. `now` is
 * 0 for the real clock. NULL when the database is unreachable. */
cadre_req *cadre_cli_begin(const struct cadre_config *conf, time_t now);
/* Releases the connection and the arena. */
void cadre_cli_end(cadre_req *req);
/* Starts a fresh request-sized lifetime (arena and answer reset) on the
 * same connection, for long loops. */
void cadre_cli_reset(cadre_req *req);

#endif
