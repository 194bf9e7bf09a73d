/* Service routes: health for load balancers, metrics for Prometheus, and a
 * minimal route for benchmarking the host itself. */
#include <string.h>

#include "core.h"

int core_health(cadre_req *req) {
  if (!cadre_host_db_ok(req))
    return cadre_fail(req, 503, "db_unavailable",
                      "Không kết nối được cơ sở dữ liệu. Dịch vụ tạm thời không sẵn sàng.");
  json_t *o = cadre_keep(
      req, json_pack("{s:s, s:s, s:s}", "status", "ok", "database", "ok", "version", CADRE_VERSION));
  return cadre_reply_json(req, 200, o);
}

int core_metrics(cadre_req *req) { return cadre_reply_metrics(req); }

int core_hello(cadre_req *req) {
  json_t *o = cadre_keep(req, json_pack("{s:s}", "hello", "Xin chào"));
  return cadre_reply_json(req, 200, o);
}

static bool debug_on(void) {
  const char *on = cadre_host_conf(NULL, "dev", "debug_routes");
  return on && (!strcmp(on, "true") || !strcmp(on, "1") || !strcmp(on, "on") || !strcmp(on, "yes"));
}

/* Queues a webhook to [webhooks] test (exists only with [dev] debug_routes),
 * so the suite can exercise delivery, retries and de-duplication. */
int core_debug_webhook(cadre_req *req) {
  if (!debug_on())
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nội dung yêu cầu.");
  json_t *payload = cadre_json_field(req, "payload");
  int rc = cadre_outbox_webhook(req, "test", payload ? payload : cadre_json_obj(req), NULL, 0,
                                cadre_str(req, "dedupe_key"));
  if (rc < 0)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, cadre_keep(req, json_pack("{s:b}", "queued", rc == 1)));
}

/* Holds a pooled connection for a while, so the test suite can exhaust the
 * pool. Exists only when [dev] debug_routes is on. */
int core_debug_sleep(cadre_req *req) {
  if (!debug_on())
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nội dung yêu cầu.");
  int64_t slept = 0;
  if (cadre_db_int(req, &slept, "SELECT SLEEP(?)",
                   CV_ARGS(CV_DBL((double)cadre_int(req, "ms", 100) / 1000.0))) < 0)
    return cadre_db_fail(req);
  return cadre_reply_ok(req, 0);
}
