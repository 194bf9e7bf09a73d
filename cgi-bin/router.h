/* Matching a request path to a plugin route (see router.c). */
#ifndef CADRE_ROUTER_H
#define CADRE_ROUTER_H

#include <stddef.h>

#include "cadre/arena.h"
#include "registry.h"
#include "request_internal.h"

#define CADRE_MAX_PATH_PARAMS 8

enum cadre_route_result {
  CADRE_ROUTE_OK,
  CADRE_ROUTE_NOT_FOUND,
  CADRE_ROUTE_BAD_METHOD, /* the path exists for other methods */
  CADRE_ROUTE_BAD_PATH,   /* "..", "//", encoded '/' or NUL, bad escape or UTF-8 */
};

struct cadre_route_match {
  const struct cadre_registered *plugin;
  const struct cadre_route *route;
  int route_id;
  struct cadre_pair params[CADRE_MAX_PATH_PARAMS];
  size_t nparams;
  unsigned allowed; /* methods the path accepts, for 405's Allow header */
};

/* Splits the request URI into a decoded, checked path and the raw query. */
enum cadre_route_result cadre_path_clean(cadre_arena *a, const char *uri, const char **path,
                                         const char **query);
/* Matches "/api/<plugin>/<route path>". */
enum cadre_route_result cadre_route_find(cadre_arena *a, const char *path, enum cadre_method m,
                                         struct cadre_route_match *out);
/* "GET" → CADRE_GET; 0 when unknown. HEAD is served as GET. */
enum cadre_method cadre_method_parse(const char *name);

#endif
