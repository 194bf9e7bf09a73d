/*
 * The request pipeline. Everything a handler would otherwise repeat happens
 * here, in this order, and any step can end the request with an answer:
 *
 *   limits on params/query/cookies → method → path and route (404/405) →
 *   session (401) → module enabled for the caller (404) → roles (403) →
 *   origin and CSRF on unsafe methods (403) → body size (413) → body type
 *   (415) → parsing (400) → field validation (422) → handler → answer,
 *   metrics and one log line.
 *
 * Nothing reaches a handler that its route did not declare.
 */
#include "dispatch.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth_internal.h"
#include "clock.h"
#include "log.h"
#include "metrics.h"
#include "parse.h"
#include "router.h"
#include "validate.h"

#define DEFAULT_BODY_MAX (64 * 1024)

const char *cadre_env_get(char **env, const char *name) {
  size_t n = strlen(name);
  for (char **e = env; e && *e; e++)
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
      return *e + n + 1;
  return NULL;
}

/* FastCGI params have no total cap in libfcgi: enforce ours. */
static int check_param_limits(cadre_req *req) {
  size_t count = 0, bytes = 0;
  for (char **e = req->env; e && *e; e++) {
    count++;
    bytes += strlen(*e);
  }
  if (count > req->conf->max_params || bytes > req->conf->max_params_bytes)
    return cadre_fail(req, 431, "headers_too_large", "Tiêu đề yêu cầu quá lớn.");
  const char *cookie = cadre_env_get(req->env, "HTTP_COOKIE");
  if (cookie && strlen(cookie) > req->conf->max_cookie_bytes)
    return cadre_fail(req, 431, "headers_too_large", "Cookie gửi lên quá lớn.");
  return 0;
}

static int read_body(cadre_req *req, FCGX_Stream *in, size_t max) {
  const char *cl = cadre_env_get(req->env, "CONTENT_LENGTH");
  size_t len = 0;
  if (cl && *cl) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(cl, &end, 10);
    if (errno || *end)
      return cadre_fail(req, 400, "bad_content_length", "Độ dài nội dung không hợp lệ.");
    if (v > max)
      return cadre_fail(req, 413, "body_too_large", "Dữ liệu gửi lên vượt quá dung lượng cho phép (%zu KB).",
                        max / 1024);
    len = (size_t)v;
  }
  req->content_length = len;
  if (len == 0) {
    req->body = "";
    req->body_len = 0;
    return 0;
  }
  char *buf = cadre_arena_alloc(req->arena, len + 1);
  if (!buf)
    return cadre_fail(req, 413, "body_too_large", "Dữ liệu gửi lên quá lớn.");
  size_t got = 0;
  while (got < len) {
    int n = FCGX_GetStr(buf + got, (int)((len - got) > (1 << 30) ? (1 << 30) : (len - got)), in);
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  if (got != len)
    return cadre_fail(req, 400, "body_truncated", "Nội dung yêu cầu bị cắt cụt.");
  buf[len] = '\0';
  req->body = buf;
  req->body_len = len;
  return 0;
}

static int parse_error(cadre_req *req, enum cadre_parse_err e, const char *detail) {
  switch (e) {
  case CADRE_PARSE_BAD_UTF8:
    return cadre_fail(req, 400, "invalid_utf8", "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.");
  case CADRE_PARSE_NUL:
    return cadre_fail(req, 400, "invalid_characters", "Dữ liệu gửi lên chứa ký tự không hợp lệ.");
  case CADRE_PARSE_TOO_MANY:
    return cadre_fail(req, 413, "too_many_fields", "Số trường hoặc tệp gửi lên vượt quá giới hạn.");
  case CADRE_PARSE_TOO_LARGE:
    return cadre_fail(req, 413, "file_too_large", "Tệp gửi lên vượt quá dung lượng cho phép.");
  case CADRE_PARSE_NOMEM: return cadre_fail(req, 413, "body_too_large", "Dữ liệu gửi lên quá lớn.");
  default:
    if (detail && *detail)
      return cadre_fail(req, 400, "malformed_body", "Nội dung yêu cầu không đúng định dạng: %s.", detail);
    return cadre_fail(req, 400, "malformed_body", "Nội dung yêu cầu không đúng định dạng.");
  }
}

/* Query string + body → req->pairs. */
static int parse_inputs(cadre_req *req) {
  struct cadre_pairs pairs;
  cadre_pairs_init(&pairs, req->conf->max_fields);
  if (strlen(req->query) > req->conf->max_query_bytes)
    return cadre_fail(req, 414, "query_too_long", "Địa chỉ truy vấn quá dài.");
  enum cadre_parse_err e = cadre_parse_urlencoded(req->arena, req->query, strlen(req->query), &pairs);
  if (e == CADRE_PARSE_MALFORMED)
    return cadre_fail(req, 400, "malformed_query", "Tham số trên địa chỉ yêu cầu không đúng định dạng.");
  if (e)
    return parse_error(req, e, NULL);
  const struct cadre_route *r = req->route;
  if (req->body_len > 0) {
    const char *ct = req->content_type;
    if (r->flags & CADRE_RF_RAW_BODY) {
      if (!cadre_utf8_valid(req->body, req->body_len) && !(r->flags & CADRE_RF_MULTIPART))
        return parse_error(req, CADRE_PARSE_BAD_UTF8, NULL);
    } else if (cadre_ctype_is(ct, "application/json")) {
      char detail[200] = "";
      e = cadre_parse_json_body(req->arena, req->body, req->body_len, &pairs, &req->json_body, detail,
                                sizeof(detail));
      if (e == CADRE_PARSE_MALFORMED && !cadre_utf8_valid(req->body, req->body_len))
        e = CADRE_PARSE_BAD_UTF8;
      if (e)
        return parse_error(req, e, detail);
    } else if (cadre_ctype_is(ct, "application/x-www-form-urlencoded")) {
      e = cadre_parse_urlencoded(req->arena, req->body, req->body_len, &pairs);
      if (e)
        return parse_error(req, e, NULL);
    } else if (cadre_ctype_is(ct, "multipart/form-data") && (r->flags & CADRE_RF_MULTIPART)) {
      const char *boundary = cadre_ctype_param(req->arena, ct, "boundary");
      e = cadre_parse_multipart(req->arena, req->body, req->body_len, boundary, req->conf->max_upload_bytes,
                                req->conf->max_files, &pairs, &req->files, &req->nfiles);
      if (e)
        return parse_error(req, e, NULL);
    } else {
      return cadre_fail(req, 415, "unsupported_media_type",
                        "Định dạng dữ liệu gửi lên không được hỗ trợ (%s).", ct && *ct ? ct : "không rõ");
    }
  }
  req->pairs = pairs.items;
  req->npairs = pairs.n;
  return 0;
}

static bool is_unsafe(enum cadre_method m) { return m != CADRE_GET; }

static const char *methods_text(cadre_req *req, unsigned allowed) {
  cadre_buf b;
  cadre_buf_init(&b, req->arena);
  static const struct {
    unsigned bit;
    const char *name;
  } names[] = {{CADRE_GET, "GET, HEAD"},
               {CADRE_POST, "POST"},
               {CADRE_PUT, "PUT"},
               {CADRE_PATCH, "PATCH"},
               {CADRE_DELETE, "DELETE"}};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (allowed & names[i].bit) {
      if (b.len)
        cadre_buf_puts(&b, ", ");
      cadre_buf_puts(&b, names[i].name);
    }
  return b.data;
}

/* Route → identity → module → CSRF. Returns 0 to go on. */
static int admit(cadre_req *req, struct cadre_route_match *m) {
  const struct cadre_route *r = m->route;
  bool needs_user = r->roles != NULL;
  if (needs_user) {
    /* The module's switch is read with the session (one statement). */
    int st = cadre_session_load(req, (r->flags & CADRE_RF_NO_MODULE_CHECK) ? NULL : m->plugin->desc->name);
    if (st)
      return st;
    /* A module switched off for the caller's agency does not exist for
     * them, whatever their roles: 404 comes before any 403. */
    if (!(r->flags & CADRE_RF_NO_MODULE_CHECK)) {
      int en = cadre_module_enabled(req, m->plugin->desc->name);
      if (en < 0)
        return cadre_db_fail(req);
      if (en == 0)
        return cadre_fail(req, 404, "module_not_enabled", "Phân hệ này chưa được bật cho đơn vị của bạn.");
    }
    if (req->who.must_change_password && !(r->flags & CADRE_RF_NO_MODULE_CHECK))
      return cadre_fail(req, 403, "password_change_required",
                        "Bạn cần đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.");
    if (strcmp(r->roles, CADRE_ANY_USER) != 0 && !cadre_has_any_role(req, r->roles))
      return cadre_fail(req, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này.");
  }
  if (is_unsafe(req->method)) {
    int st = cadre_origin_check(req, needs_user);
    if (st)
      return st;
    if (needs_user && (st = cadre_csrf_check(req)) != 0)
      return st;
  }
  return 0;
}

static void log_request(cadre_req *req, int status, double ms) {
  const char *route = req->route ? req->route->path : "-";
  if (status >= 500)
    cadre_log(req, "error", "%s %s route=%s status=%d ms=%.2f db_wait_ms=%.2f user=%" PRId64,
              req->method_name, req->path ? req->path : "-", route, status, ms, req->db_wait_ms,
              req->who.user_id);
  else if (cadre_log_debug_enabled() || status >= 400)
    cadre_log(req, status >= 400 ? "info" : "debug",
              "%s %s route=%s status=%d ms=%.2f db_wait_ms=%.2f user=%" PRId64, req->method_name,
              req->path ? req->path : "-", route, status, ms, req->db_wait_ms, req->who.user_id);
}

static int run_pipeline(cadre_req *req, FCGX_Request *fr) {
  int st = check_param_limits(req);
  if (st)
    return st;
  req->method_name = cadre_env_get(req->env, "REQUEST_METHOD");
  req->method = cadre_method_parse(req->method_name);
  if (!req->method_name)
    req->method_name = "?";
  const char *uri = cadre_env_get(req->env, "REQUEST_URI");
  if (!uri)
    uri = cadre_env_get(req->env, "SCRIPT_NAME");
  struct cadre_route_match m;
  enum cadre_route_result rr = cadre_path_clean(req->arena, uri, &req->path, &req->query);
  if (rr == CADRE_ROUTE_BAD_PATH)
    return cadre_fail(req, 400, "bad_path", "Địa chỉ yêu cầu không hợp lệ.");
  /* An unknown method (PROPFIND, TRACE…) is 0 and matches no route, so the
   * lookup answers 405 with the Allow header a 405 must carry (RFC 9110
   * 15.5.6) where the path exists, and 404 where it does not. */
  rr = cadre_route_find(req->arena, req->path, req->method, &m);
  req->plugin = m.plugin ? m.plugin->desc : NULL;
  if (rr == CADRE_ROUTE_NOT_FOUND)
    return cadre_req_generic(req, 404);
  if (rr == CADRE_ROUTE_BAD_METHOD) {
    cadre_req_add_header(req, "Allow: %s", methods_text(req, m.allowed));
    return cadre_req_generic(req, 405);
  }
  req->route = m.route;
  req->route_id = m.route_id;
  req->content_type = cadre_env_get(req->env, "CONTENT_TYPE");
  req->remote_addr = cadre_env_get(req->env, "REMOTE_ADDR");
  req->user_agent = cadre_env_get(req->env, "HTTP_USER_AGENT");
  req->cookie_header = cadre_env_get(req->env, "HTTP_COOKIE");
  const char *https = cadre_env_get(req->env, "HTTPS");
  req->https = https && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);
  cadre_clock_apply_override(req);
  if ((st = admit(req, &m)) != 0)
    return st;
  size_t max = m.route->body_max ? m.route->body_max : DEFAULT_BODY_MAX;
  if (max > req->conf->max_body_bytes)
    max = req->conf->max_body_bytes;
  if ((st = read_body(req, fr->in, max)) != 0)
    return st;
  if ((st = parse_inputs(req)) != 0)
    return st;
  if ((st = cadre_validate(req, m.params, m.nparams)) != 0)
    return st;
  if ((m.route->flags & CADRE_RF_RATE_LIMITED) && (st = cadre_rate_check(req)) != 0)
    return st;
  if (!(m.route->flags & CADRE_RF_IDEMPOTENT))
    return m.route->handler(req);
  if ((st = cadre_idem_begin(req)) != 0)
    return st;
  st = m.route->handler(req);
  cadre_idem_end(req, req->ans.ready ? req->ans.status : st);
  return st;
}

static int fcgi_write(void *ctx, const void *data, size_t len) {
  FCGX_Stream *out = ctx;
  const char *p = data;
  while (len > 0) {
    int chunk = len > (1 << 20) ? (1 << 20) : (int)len;
    if (FCGX_PutStr(p, chunk, out) != chunk)
      return -1;
    p += chunk;
    len -= (size_t)chunk;
  }
  return 0;
}

void cadre_dispatch(FCGX_Request *fr, cadre_arena *arena, const struct cadre_config *conf) {
  cadre_req req;
  cadre_req_init(&req, arena, conf, (struct cadre_sink){.write = fcgi_write, .ctx = fr->out});
  req.env = fr->envp;
  const char *rid = cadre_env_get(req.env, "HTTP_X_REQUEST_ID");
  if (rid && strlen(rid) < sizeof(req.request_id) && strspn(rid, "0123456789abcdefABCDEF-") == strlen(rid))
    snprintf(req.request_id, sizeof(req.request_id), "%s", rid);
  int status = run_pipeline(&req, fr);
  status = cadre_req_flush(&req, status);
  cadre_req_finish(&req);
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &end);
  double ms =
      (double)(end.tv_sec - req.started.tv_sec) * 1e3 + (double)(end.tv_nsec - req.started.tv_nsec) / 1e6;
  cadre_metrics_record(req.route_id, status, ms);
  log_request(&req, status, ms);
}
