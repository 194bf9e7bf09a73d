/* include/cadre/host.h: what plugins may learn about the host. */
#include "cadre/host.h"

#include <stdlib.h>

#include "cadre/db.h"
#include "cadre/request.h"
#include "db_pool.h"
#include "metrics.h"
#include "registry.h"
#include "request_internal.h"

json_t *cadre_host_modules(cadre_req *req) {
  json_t *arr = cadre_json_arr(req);
  for (size_t i = 0; i < cadre_registry_count(); i++) {
    const struct cadre_plugin *p = cadre_registry_at(i)->desc;
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s?}", "name", p->name, "title", p->title,
                                         "ui_path", p->ui_path, "version", p->version));
  }
  return arr;
}

static const char *method_text(enum cadre_method m) {
  switch (m) {
  case CADRE_GET: return "GET";
  case CADRE_POST: return "POST";
  case CADRE_PUT: return "PUT";
  case CADRE_PATCH: return "PATCH";
  case CADRE_DELETE: return "DELETE";
  }
  return "?";
}

json_t *cadre_host_routes(cadre_req *req) {
  json_t *arr = cadre_json_arr(req);
  for (size_t i = 0; i < cadre_registry_count(); i++) {
    const struct cadre_plugin *p = cadre_registry_at(i)->desc;
    for (const struct cadre_route *r = p->routes; r && r->path; r++)
      json_array_append_new(arr, json_pack("{s:s, s:s, s:s++, s:s?, s:s?}", "module", p->name, "method",
                                           method_text(r->method), "path", "/api/", p->name, r->path, "roles",
                                           r->roles, "summary", r->summary));
  }
  return arr;
}

const struct cadre_plugin *cadre_host_plugin(const char *name) {
  const struct cadre_registered *r = cadre_registry_find(name);
  return r ? r->desc : NULL;
}

int cadre_reply_metrics(cadre_req *req) {
  cadre_buf b;
  cadre_buf_init(&b, req->arena);
  cadre_metrics_render(&b);
  return cadre_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len, NULL);
}

const char *cadre_data_path(cadre_req *req, const char *relative) {
  char *dir = cadre_config_path(req->conf, req->conf->data_dir);
  const char *out = cadre_printf(req, "%s/%s", dir ? dir : "data", relative);
  free(dir);
  return out;
}

bool cadre_host_db_ok(cadre_req *req) {
  int64_t one = 0;
  return cadre_db_int(req, &one, "SELECT 1", CV_NONE) == 1 && one == 1;
}
