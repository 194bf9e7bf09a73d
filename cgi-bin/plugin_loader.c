/*
 * Plugin loading. Each enabled name maps to <dir>/<name>.so, opened with
 * RTLD_NOW (every symbol resolved now, not at the first request) and
 * RTLD_LOCAL (plugins cannot see each other), then checked before use.
 */
#include "plugin_loader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_check.h"
#include "log.h"

static const char *method_name(enum cadre_method m) {
  switch (m) {
  case CADRE_GET: return "GET";
  case CADRE_POST: return "POST";
  case CADRE_PUT: return "PUT";
  case CADRE_PATCH: return "PATCH";
  case CADRE_DELETE: return "DELETE";
  }
  return "?";
}

static int count_routes(const struct cadre_plugin *p) {
  int n = 0;
  for (const struct cadre_route *r = p->routes; r && r->path; r++)
    n++;
  return n;
}

static bool already_loaded(const struct cadre_plugins *pl, const char *name) {
  for (size_t i = 0; i < pl->n; i++)
    if (strcmp(pl->items[i].desc->name, name) == 0)
      return true;
  return false;
}

/* Opens and checks one plugin; NULL (with a log line) when refused. */
static const struct cadre_plugin *open_one(const char *dir, const char *name, void **handle_out) {
  char path[4096];
  snprintf(path, sizeof(path), "%s/%s.so", dir, name);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    cadre_logf("error", "plugin %s refused: cannot load %s: %s", name, path, dlerror());
    return NULL;
  }
  cadre_plugin_entry entry;
  *(void **)&entry = dlsym(h, "cadre_plugin_v1");
  if (!entry) {
    cadre_logf("error", "plugin %s refused: %s exports no cadre_plugin_v1()", name, path);
    dlclose(h);
    return NULL;
  }
  const struct cadre_plugin *p = entry();
  char why[512];
  if (cadre_abi_check(p ? &p->abi : NULL, why, sizeof(why)) != 0) {
    cadre_logf("error", "plugin %s refused: %s", name, why);
    dlclose(h);
    return NULL;
  }
  if (cadre_plugin_check(p, why, sizeof(why)) != 0) {
    cadre_logf("error", "plugin %s refused: %s", name, why);
    dlclose(h);
    return NULL;
  }
  if (strcmp(p->name, name) != 0) {
    cadre_logf("error", "plugin %s refused: its descriptor is named '%s'", name, p->name);
    dlclose(h);
    return NULL;
  }
  *handle_out = h;
  return p;
}

int cadre_plugins_load(const struct cadre_config *conf, struct cadre_plugins *pl) {
  memset(pl, 0, sizeof(*pl));
  char *dir = cadre_config_path(conf, conf->plugins_dir);
  char *list = strdup(conf->plugins_enabled);
  /* one slot per name: count every separator strtok_r() splits on below
   * (a tab-separated list used to overflow these arrays) */
  size_t cap = 1;
  for (const char *p = list; *p; p++)
    if (*p == ' ' || *p == ',' || *p == '\t')
      cap++;
  pl->handles = calloc(cap, sizeof(void *));
  pl->items = calloc(cap, sizeof(*pl->items));
  char *save = NULL;
  for (char *name = strtok_r(list, " ,\t", &save); name; name = strtok_r(NULL, " ,\t", &save)) {
    if (already_loaded(pl, name)) {
      cadre_logf("error", "plugin %s refused: listed twice in [plugins] enabled", name);
      pl->refused++;
      continue;
    }
    void *h = NULL;
    const struct cadre_plugin *p = open_one(dir, name, &h);
    if (!p) {
      pl->refused++;
      continue;
    }
    pl->handles[pl->n] = h;
    pl->items[pl->n] =
        (struct cadre_registered){.desc = p, .first_route_id = pl->total_routes, .nroutes = count_routes(p)};
    pl->total_routes += pl->items[pl->n].nroutes;
    pl->n++;
    cadre_logf("info", "plugin %s %s loaded (%d routes)", p->name, p->version ? p->version : "",
               count_routes(p));
  }
  free(list);
  free(dir);
  pl->route_labels = calloc((size_t)pl->total_routes + 1, sizeof(char *));
  for (size_t i = 0; i < pl->n; i++) {
    int k = pl->items[i].first_route_id;
    for (const struct cadre_route *r = pl->items[i].desc->routes; r && r->path; r++, k++) {
      size_t len = strlen(pl->items[i].desc->name) + strlen(r->path) + 16;
      pl->route_labels[k] = malloc(len);
      snprintf(pl->route_labels[k], len, "%s %s %s", pl->items[i].desc->name, method_name(r->method),
               r->path);
    }
  }
  return pl->refused ? -1 : 0;
}

void cadre_plugins_init(struct cadre_plugins *pl, const struct cadre_config *conf) {
  (void)conf;
  for (size_t i = 0; i < pl->n; i++) {
    const struct cadre_plugin *p = pl->items[i].desc;
    if (p->init && p->init((const struct cadre_host *)conf) != 0) {
      cadre_logf("error", "plugin %s refused: its init() failed", p->name);
      pl->refused++;
      /* keep its route ids (metrics labels) but hide it from the router */
      memmove(&pl->items[i], &pl->items[i + 1], (pl->n - i - 1) * sizeof(pl->items[0]));
      dlclose(pl->handles[i]);
      memmove(&pl->handles[i], &pl->handles[i + 1], (pl->n - i - 1) * sizeof(void *));
      pl->n--;
      i--;
    }
  }
}

void cadre_plugins_register(struct cadre_plugins *pl) {
  cadre_registry_set(pl->items, pl->n, pl->total_routes);
}

void cadre_plugins_unload(struct cadre_plugins *pl) {
  cadre_registry_set(NULL, 0, 0);
  for (size_t i = 0; i < pl->n; i++) {
    if (pl->items[i].desc->fini)
      pl->items[i].desc->fini();
    dlclose(pl->handles[i]);
  }
  for (int k = 0; k < pl->total_routes; k++)
    free(pl->route_labels[k]);
  free(pl->route_labels);
  free(pl->handles);
  free(pl->items);
  memset(pl, 0, sizeof(*pl));
}
