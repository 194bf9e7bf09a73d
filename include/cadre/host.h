/*
 * What the host tells plugins about itself: the loaded modules, service
 * metrics, database health. Used by the core plugin (health, metrics,
 * navigation); business plugins rarely need it.
 */
#ifndef CADRE_HOST_H
#define CADRE_HOST_H

#include <stdbool.h>

#include <jansson.h>

#include "cadre/plugin.h"

/* Loaded modules as [{name, title, ui_path, version}] (request-owned). */
json_t *cadre_host_modules(cadre_req *req);
/* Every route of every loaded module as [{module, method, path, roles,
 * summary}] (roles null = public, "*" = any logged-in user). */
json_t *cadre_host_routes(cadre_req *req);
/* Prometheus text for the whole service. */
int cadre_reply_metrics(cadre_req *req);
/* True when a trivial query succeeds on a pooled connection. */
bool cadre_host_db_ok(cadre_req *req);
/* A file shipped with the suite under [server] data_dir ("data" in the
 * repository, PREFIX/share/cadre/data when installed), e.g.
 * cadre_data_path(req, "seeds/003_2d9491622f365655.txt"). Request-owned. */
const char *cadre_data_path(cadre_req *req, const char *relative);
/* A module by name, NULL when not loaded. */
const struct cadre_plugin *cadre_host_plugin(const char *name);

#endif
