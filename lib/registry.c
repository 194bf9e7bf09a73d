/* See registry.h. Set once per process before threads start; read-only after. */
#include "registry.h"

#include <string.h>

static const struct cadre_registered *items;
static size_t count;
static int routes_total;

void cadre_registry_set(const struct cadre_registered *plugins, size_t n, int total_routes) {
  items = plugins;
  count = n;
  routes_total = total_routes;
}

size_t cadre_registry_count(void) { return count; }

const struct cadre_registered *cadre_registry_at(size_t i) { return i < count ? &items[i] : NULL; }

const struct cadre_registered *cadre_registry_find(const char *name) {
  for (size_t i = 0; i < count; i++)
    if (strcmp(items[i].desc->name, name) == 0)
      return &items[i];
  return NULL;
}

int cadre_registry_total_routes(void) { return routes_total; }
