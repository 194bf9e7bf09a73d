/* Loading the configured plugins (dlopen) and registering them. */
#ifndef CADRE_PLUGIN_LOADER_H
#define CADRE_PLUGIN_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "registry.h"

struct cadre_plugins {
  void **handles;
  struct cadre_registered *items;
  size_t n;
  int total_routes;
  char **route_labels; /* "plugin METHOD /path" per global route id */
  int refused;         /* plugins that failed a check */
};

/* Loads [plugins] enabled from [plugins] dir; a plugin that fails to load or
 * fails its checks is refused with a log line and skipped. Returns 0 when
 * every configured plugin loaded, -1 otherwise (the rest still load). */
int cadre_plugins_load(const struct cadre_config *conf, struct cadre_plugins *out);
/* Runs each plugin's init(); refuses (unloads) those that fail. */
void cadre_plugins_init(struct cadre_plugins *pl, const struct cadre_config *conf);
/* Calls fini() and dlclose()s. Only in a process with no request threads. */
void cadre_plugins_unload(struct cadre_plugins *pl);
/* Makes them visible to lib/ (cadre_registry_*). */
void cadre_plugins_register(struct cadre_plugins *pl);

#endif
