/*
 * The loaded plugins, as the rest of the process sees them: the host (or
 * cadre-admin) loads them and registers the descriptors here; lib/ reads
 * them for navigation, metrics labels and the outbox reply hooks.
 */
#ifndef CADRE_REGISTRY_H
#define CADRE_REGISTRY_H

#include <stddef.h>

#include "cadre/plugin.h"

struct cadre_registered {
  const struct cadre_plugin *desc;
  int first_route_id; /* global index of its first route */
  int nroutes;
};

void cadre_registry_set(const struct cadre_registered *plugins, size_t n, int total_routes);
size_t cadre_registry_count(void);
const struct cadre_registered *cadre_registry_at(size_t i);
const struct cadre_registered *cadre_registry_find(const char *name);
int cadre_registry_total_routes(void);

#endif
