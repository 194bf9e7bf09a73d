/*
 * Idempotent form posts. A double-clicked "Gửi" or a retry after a dropped
 * answer carries the same key; the first request runs, later ones get its
 * answer back (status and body), marked with Idempotent-Replayed. Only
 * successes are kept: after a refusal the user corrects the form and sends
 * the same key again, and that must run.
 */
#include <string.h>

#include "auth_internal.h"
#include "cadre/db.h"
#include "clock.h"

#define ABANDONED_AFTER_SECONDS 60

static const char *find_key(cadre_req *req) {
  const char *k = cadre_header(req, "HTTP_IDEMPOTENCY_KEY");
  for (size_t i = 0; !k && i < req->npairs; i++)
    if (strcmp(req->pairs[i].name, "idempotency_key") == 0)
      k = req->pairs[i].value;
  return k && *k ? k : NULL;
}

static bool valid_key(const char *k) {
  size_t n = strlen(k);
  if (n < 8 || n > 64)
    return false;
  return strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") == n;
}

static int replay(cadre_req *req, json_t *row) {
  const char *answer = json_string_value(json_object_get(row, "answer"));
  int status = (int)json_integer_value(json_object_get(row, "status"));
  cadre_req_add_header(req, "Idempotent-Replayed: true");
  return cadre_reply_bytes(req, status, "application/json; charset=utf-8", answer ? answer : "{}",
                           answer ? strlen(answer) : 2, NULL);
}

int cadre_idem_begin(cadre_req *req) {
  const char *sent = find_key(req);
  if (!sent)
    return 0;
  if (!valid_key(sent))
    return cadre_fail(req, 400, "bad_idempotency_key",
                      "Mã chống gửi trùng không hợp lệ (8–64 ký tự chữ, số, - _ . :).");
  /* Keys belong to their sender: another user (or an anonymous visitor)
   * who happens to send the same key never gets someone else's answer. */
  const char *key = cadre_printf(req, "%lld:%s", (long long)req->who.user_id, sent);
  const char *module = cadre_plugin_name(req);
  if (cadre_db_exec(req, "INSERT INTO idempotency (module, idem_key, created_at) VALUES (?, ?, ?)",
                    CV_ARGS(CV_STR(module), CV_STR(key), CV_STR(req->now_text))) == 1) {
    req->idem_key = key;
    return 0;
  }
  if (!cadre_db_is_duplicate(req))
    return cadre_db_fail(req);
  json_t *row = cadre_db_row(
      req, "SELECT status, answer, created_at FROM idempotency WHERE module = ? AND idem_key = ?",
      CV_ARGS(CV_STR(module), CV_STR(key)));
  if (!row)
    return cadre_db_fail(req);
  if (!json_is_null(json_object_get(row, "status")))
    return replay(req, row);
  /* A first request that died before answering leaves its key in progress;
   * after a while, a repeat may run in its place. */
  char stale[20];
  cadre_clock_format(req->now - ABANDONED_AFTER_SECONDS, stale);
  if (cadre_db_exec(
          req,
          "UPDATE idempotency SET created_at = ? WHERE module = ? AND idem_key = ? AND status IS NULL"
          " AND created_at < ?",
          CV_ARGS(CV_STR(req->now_text), CV_STR(module), CV_STR(key), CV_STR(stale))) == 1) {
    req->idem_key = key;
    return 0;
  }
  cadre_req_add_header(req, "Retry-After: 2");
  return cadre_fail(req, 409, "request_in_progress",
                    "Yêu cầu này đang được xử lý. Vui lòng chờ trong giây lát rồi tải lại trang.");
}

void cadre_idem_end(cadre_req *req, int status) {
  if (!req->idem_key)
    return;
  const char *module = cadre_plugin_name(req);
  if (status >= 200 && status < 300 && req->ans.ready && !req->ans.streaming)
    cadre_db_exec(req, "UPDATE idempotency SET status = ?, answer = ? WHERE module = ? AND idem_key = ?",
                  CV_ARGS(CV_INT(status), CV_STR(req->ans.body.data), CV_STR(module), CV_STR(req->idem_key)));
  else
    cadre_db_exec(req, "DELETE FROM idempotency WHERE module = ? AND idem_key = ? AND status IS NULL",
                  CV_ARGS(CV_STR(module), CV_STR(req->idem_key)));
  req->idem_key = NULL;
}
