/* cadre_path_clean() on a request URI, then cadre_route_find() against a
 * fake plugin registry. The first byte picks the method. */
#include "fuzz.h"

#include "../../cgi-bin/router.h"

static int h(cadre_req *r) { return (void)r, 200; }

static const struct cadre_field f_id[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "id"},
                                          {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_two[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "id"},
                                           {"name", CF_STRING, CF_PATH, 0, 0, NULL, "name"},
                                           {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_route routes[] = {
    {CADRE_GET, "/", h, NULL, NULL, 0, 0, "root"},
    {CADRE_GET, "/tasks", h, NULL, NULL, 0, 0, "list"},
    {CADRE_POST, "/tasks", h, NULL, NULL, 0, 0, "create"},
    {CADRE_GET, "/tasks/{id}", h, NULL, f_id, 0, 0, "get"},
    {CADRE_GET, "/tasks/export", h, NULL, NULL, 0, 0, "export"},
    {CADRE_PUT, "/tasks/{id}", h, NULL, f_id, 0, 0, "put"},
    {CADRE_DELETE, "/tasks/{id}/files/{name}", h, NULL, f_two, 0, 0, "del"},
    {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
static const struct cadre_plugin plugin = {
    .abi = CADRE_ABI_BLOCK, .name = "tasks", .title = "t", .routes = routes};
static const struct cadre_plugin plugin2 = {
    .abi = CADRE_ABI_BLOCK, .name = "core", .title = "c", .routes = routes};
static const struct cadre_registered reg[] = {{.desc = &plugin2, .first_route_id = 0, .nroutes = 7},
                                              {.desc = &plugin, .first_route_id = 7, .nroutes = 7}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  cadre_registry_set(reg, 2, 14);
  static const enum cadre_method methods[] = {CADRE_GET, CADRE_POST, CADRE_PUT, CADRE_PATCH, CADRE_DELETE};
  enum cadre_method m = methods[data[0] % 5];
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  char *uri = cadre_arena_strndup(a, (const char *)data + 1, size - 1);
  const char *path = NULL, *query = NULL;
  if (uri && cadre_path_clean(a, uri, &path, &query) == CADRE_ROUTE_OK) {
    size_t pl = strlen(path);
    CHECK(path[0] == '/');
    CHECK(pl <= strlen(uri));
    CHECK(cadre_utf8_valid(path, pl));
    CHECK(!strstr(path, "//"));
    CHECK(!strstr(path, "/./") && !strstr(path, "/../"));
    CHECK(!(pl >= 2 && strcmp(path + pl - 2, "/.") == 0));
    CHECK(!(pl >= 3 && strcmp(path + pl - 3, "/..") == 0));
    CHECK(!strchr(path, '\\') || strchr(uri, '\\')); /* never made by decoding */
    CHECK(query != NULL);
    struct cadre_route_match match;
    enum cadre_route_result r = cadre_route_find(a, path, m, &match);
    if (r == CADRE_ROUTE_OK) {
      CHECK(match.route && match.route->method == m);
      CHECK(match.plugin);
      CHECK(match.route_id >= match.plugin->first_route_id &&
            match.route_id < match.plugin->first_route_id + match.plugin->nroutes);
      CHECK(match.nparams <= CADRE_MAX_PATH_PARAMS);
      for (size_t i = 0; i < match.nparams; i++) {
        CHECK(match.params[i].value[0] != '\0');
        CHECK(!strchr(match.params[i].value, '/'));
        CHECK(strlen(match.params[i].value) == match.params[i].len);
      }
      CHECK(match.allowed & (unsigned)m);
    } else if (r == CADRE_ROUTE_BAD_METHOD) {
      CHECK(match.allowed && !(match.allowed & (unsigned)m));
      CHECK(!match.route);
    } else {
      CHECK(r == CADRE_ROUTE_NOT_FOUND && !match.route);
    }
  }
  cadre_registry_set(NULL, 0, 0);
  cadre_arena_free(a);
  return 0;
}
