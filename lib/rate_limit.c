/*
 * Per-address rate limit for public forms, counted in the database per
 * minute so that every host and worker shares the count. Commune offices sit
 * behind NAT, so the limit ([public] rate_per_minute) is generous: it stops
 * a runaway script, not a room of cadres registering together.
 */
#include "auth_internal.h"
#include "cadre/db.h"
#include "clock.h"

int cadre_rate_check(cadre_req *req) {
  int limit = req->conf->public_rate_per_minute;
  if (limit <= 0)
    return 0;
  char minute[20];
  cadre_clock_format(req->now - req->now % 60, minute);
  const char *bucket = cadre_printf(req, "%s:%s", req->plugin ? req->plugin->name : "core",
                                    cadre_remote_addr(req));
  if (cadre_db_exec(req,
                    "INSERT INTO rate_bucket (bucket, window_start, hits) VALUES (?, ?, 1)"
                    " ON DUPLICATE KEY UPDATE hits = hits + 1",
                    CV_ARGS(CV_STR(bucket), CV_STR(minute))) < 0)
    return 0; /* never refuse a citizen because the counter failed */
  int64_t hits = 0;
  if (cadre_db_int(req, &hits, "SELECT hits FROM rate_bucket WHERE bucket = ? AND window_start = ?",
                   CV_ARGS(CV_STR(bucket), CV_STR(minute))) == 1 &&
      hits > limit)
    return cadre_fail(req, 429, "too_many_requests",
                      "Có quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau một phút.");
  return 0;
}
