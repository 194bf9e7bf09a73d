/*
 * Routing. Paths are decoded once, here, and refused when they could mean
 * two things ("..", "//", an encoded '/', NUL, bad escapes or UTF-8), so no
 * later layer has to think about normalisation.
 */
#include "router.h"

#include <ctype.h>
#include <string.h>

enum cadre_method cadre_method_parse(const char *name) {
  if (!name)
    return 0;
  if (!strcmp(name, "GET") || !strcmp(name, "HEAD"))
    return CADRE_GET;
  if (!strcmp(name, "POST"))
    return CADRE_POST;
  if (!strcmp(name, "PUT"))
    return CADRE_PUT;
  if (!strcmp(name, "PATCH"))
    return CADRE_PATCH;
  if (!strcmp(name, "DELETE"))
    return CADRE_DELETE;
  return 0;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = tolower(c);
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

enum cadre_route_result cadre_path_clean(cadre_arena *a, const char *uri, const char **path,
                                         const char **query) {
  if (!uri || uri[0] != '/')
    return CADRE_ROUTE_BAD_PATH;
  const char *q = strchr(uri, '?');
  size_t len = q ? (size_t)(q - uri) : strlen(uri);
  *query = q ? q + 1 : "";
  char *out = cadre_arena_alloc(a, len + 1);
  if (!out)
    return CADRE_ROUTE_BAD_PATH;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    char c = uri[i];
    if (c == '%') {
      if (i + 2 >= len)
        return CADRE_ROUTE_BAD_PATH;
      int hi = hexval((unsigned char)uri[i + 1]), lo = hexval((unsigned char)uri[i + 2]);
      if (hi < 0 || lo < 0)
        return CADRE_ROUTE_BAD_PATH;
      c = (char)(hi * 16 + lo);
      if (c == '\0' || c == '/' || c == '\\')
        return CADRE_ROUTE_BAD_PATH;
      i += 2;
    } else if (c == '\0') {
      return CADRE_ROUTE_BAD_PATH;
    }
    if (c == '/' && o > 0 && out[o - 1] == '/')
      return CADRE_ROUTE_BAD_PATH;
    out[o++] = c;
  }
  out[o] = '\0';
  if (!cadre_utf8_valid(out, o))
    return CADRE_ROUTE_BAD_PATH;
  /* a "." or ".." segment */
  for (const char *s = out; (s = strstr(s, "/.")) != NULL; s++)
    if (s[2] == '/' || s[2] == '\0' || (s[2] == '.' && (s[3] == '/' || s[3] == '\0')))
      return CADRE_ROUTE_BAD_PATH;
  *path = out;
  return CADRE_ROUTE_OK;
}

/* Compares a route pattern with a path; captures {params}. */
static bool match_pattern(cadre_arena *a, const char *pat, const char *path, struct cadre_route_match *m) {
  m->nparams = 0;
  while (*pat && *path) {
    if (*pat != '/' || *path != '/')
      return false;
    pat++;
    path++;
    const char *pe = strchr(pat, '/');
    const char *se = strchr(path, '/');
    size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
    size_t sl = se ? (size_t)(se - path) : strlen(path);
    if (pl >= 2 && pat[0] == '{' && pat[pl - 1] == '}') {
      if (sl == 0 || m->nparams >= CADRE_MAX_PATH_PARAMS)
        return false;
      struct cadre_pair *p = &m->params[m->nparams++];
      p->name = cadre_arena_strndup(a, pat + 1, pl - 2);
      p->value = cadre_arena_strndup(a, path, sl);
      p->len = sl;
      p->json = NULL;
      p->file = NULL;
    } else if (pl != sl || strncmp(pat, path, pl) != 0) {
      return false;
    }
    pat += pl;
    path += sl;
  }
  return *pat == '\0' && *path == '\0';
}

enum cadre_route_result cadre_route_find(cadre_arena *a, const char *path, enum cadre_method m,
                                         struct cadre_route_match *out) {
  memset(out, 0, sizeof(*out));
  out->route_id = -1;
  if (strncmp(path, "/api/", 5) != 0)
    return CADRE_ROUTE_NOT_FOUND;
  const char *name = path + 5;
  const char *slash = strchr(name, '/');
  size_t nlen = slash ? (size_t)(slash - name) : strlen(name);
  if (nlen == 0 || nlen > 31)
    return CADRE_ROUTE_NOT_FOUND;
  char pname[32];
  memcpy(pname, name, nlen);
  pname[nlen] = '\0';
  const struct cadre_registered *pl = cadre_registry_find(pname);
  if (!pl)
    return CADRE_ROUTE_NOT_FOUND;
  const char *rest = slash ? slash : "/";
  unsigned allowed = 0;
  int k = 0;
  for (const struct cadre_route *r = pl->desc->routes; r && r->path; r++, k++) {
    struct cadre_route_match trial = {0};
    if (!match_pattern(a, r->path, rest, &trial))
      continue;
    allowed |= (unsigned)r->method;
    /* A literal segment beats a {param}: "/tasks/export" over "/tasks/{id}". */
    if (r->method != m || (out->route && trial.nparams >= out->nparams))
      continue;
    *out = trial;
    out->route = r;
    out->route_id = pl->first_route_id + k;
  }
  out->allowed = allowed;
  out->plugin = pl;
  if (out->route)
    return CADRE_ROUTE_OK;
  return out->allowed ? CADRE_ROUTE_BAD_METHOD : CADRE_ROUTE_NOT_FOUND;
}
