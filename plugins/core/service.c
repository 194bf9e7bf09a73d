/* Service routes: health for load balancers, metrics for Prometheus, and a
 * minimal route for benchmarking the host itself. */
#include "core.h"

int core_health(cadre_req *req) {
  if (!cadre_host_db_ok(req))
    return cadre_fail(req, 503, "db_unavailable",
                      "Không kết nối được cơ sở dữ liệu. Dịch vụ tạm thời không sẵn sàng.");
  json_t *o = cadre_keep(req, json_pack("{s:s, s:s, s:s}", "status", "ok", "database", "ok", "version",
                                        CADRE_VERSION));
  return cadre_reply_json(req, 200, o);
}

int core_metrics(cadre_req *req) { return cadre_reply_metrics(req); }

int core_hello(cadre_req *req) {
  json_t *o = cadre_keep(req, json_pack("{s:s}", "hello", "Xin chào"));
  return cadre_reply_json(req, 200, o);
}
