/*
 * The request object: accessors for validated fields, the clock, and the
 * buffered answer. Answers are buffered until the handler returns, so that a
 * transaction retried after a deadlock (or failing at COMMIT) can replace
 * what an earlier attempt had prepared; only streaming goes out directly.
 */
#include "request_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "clock.h"
#include "log.h"

void cadre_req_init(cadre_req *req, cadre_arena *arena, const struct cadre_config *conf,
                    struct cadre_sink sink) {
  memset(req, 0, sizeof(*req));
  req->arena = arena;
  req->conf = conf;
  req->sink = sink;
  req->route_id = -1;
  cadre_buf_init(&req->ans.body, arena);
  cadre_buf_init(&req->ans.headers, arena);
  clock_gettime(CLOCK_MONOTONIC, &req->started);
  cadre_req_new_id(req);
  cadre_req_set_now(req, time(NULL));
  req->auth_now = req->now;
  memcpy(req->auth_now_text, req->now_text, sizeof(req->auth_now_text));
}

/* Request ids only need to be unique enough to find one request in the
 * logs and the audit trail, not secret: each thread draws them from its own
 * xorshift128+ generator, seeded once from the system's random source, so a
 * request costs no getrandom(2). (Threads of a worker start after the fork,
 * so no two processes share a state.) */
static _Thread_local uint64_t id_state[2];

static uint64_t next_id_bits(void) {
  if (!(id_state[0] | id_state[1])) {
    randombytes_buf(id_state, sizeof(id_state));
    id_state[0] |= 1;
  }
  uint64_t a = id_state[0];
  const uint64_t b = id_state[1];
  id_state[0] = b;
  a ^= a << 23;
  id_state[1] = a ^ b ^ (a >> 17) ^ (b >> 26);
  return id_state[1] + b;
}

void cadre_req_new_id(cadre_req *req) {
  /* 10 bytes (80 bits), hex. */
  unsigned char raw[10];
  uint64_t x = next_id_bits(), y = next_id_bits();
  memcpy(raw, &x, 8);
  memcpy(raw + 8, &y, 2);
  sodium_bin2hex(req->request_id, sizeof(req->request_id), raw, sizeof(raw));
}

void cadre_req_set_now(cadre_req *req, time_t now) {
  req->now = now;
  cadre_clock_format(now, req->now_text);
  memcpy(req->today, req->now_text, 10);
  req->today[10] = '\0';
}

/* ---- simple accessors ---------------------------------------------------- */

cadre_arena *cadre_arena_of(cadre_req *req) { return req->arena; }
const char *cadre_request_id(const cadre_req *req) { return req->request_id; }
const char *cadre_method_name(const cadre_req *req) { return req->method_name; }
const char *cadre_path(const cadre_req *req) { return req->path; }
const char *cadre_remote_addr(const cadre_req *req) { return req->remote_addr ? req->remote_addr : ""; }
const char *cadre_user_agent(const cadre_req *req) { return req->user_agent ? req->user_agent : ""; }
const char *cadre_plugin_name(const cadre_req *req) { return req->plugin ? req->plugin->name : "core"; }

const char *cadre_header(const cadre_req *req, const char *cgi_name) {
  if (!req->env)
    return NULL;
  size_t n = strlen(cgi_name);
  for (char **e = req->env; *e; e++)
    if (strncmp(*e, cgi_name, n) == 0 && (*e)[n] == '=')
      return *e + n + 1;
  return NULL;
}

time_t cadre_now(const cadre_req *req) { return req->now; }
const char *cadre_today(cadre_req *req) { return req->today; }
const char *cadre_now_text(cadre_req *req) { return req->now_text; }

/* ---- fields --------------------------------------------------------------- */

static const struct cadre_param *find_param(const cadre_req *req, const char *name) {
  for (size_t i = 0; i < req->nparams; i++)
    if (strcmp(req->params[i].name, name) == 0)
      return &req->params[i];
  return NULL;
}

const char *cadre_str(const cadre_req *req, const char *name) {
  const struct cadre_param *p = find_param(req, name);
  if (!p || !p->value || !p->value[0])
    return NULL;
  return p->value;
}

const char *cadre_str0(const cadre_req *req, const char *name) {
  const char *v = cadre_str(req, name);
  return v ? v : "";
}

bool cadre_has(const cadre_req *req, const char *name) {
  const struct cadre_param *p = find_param(req, name);
  if (!p)
    return false;
  if (p->json)
    return !json_is_null(p->json);
  return p->value && p->value[0];
}

int64_t cadre_int(const cadre_req *req, const char *name, int64_t dflt) {
  const char *v = cadre_str(req, name);
  if (!v)
    return dflt;
  errno = 0;
  char *end;
  long long n = strtoll(v, &end, 10);
  if (errno || *end)
    return dflt;
  return (int64_t)n;
}

double cadre_num(const cadre_req *req, const char *name, double dflt) {
  const char *v = cadre_str(req, name);
  if (!v)
    return dflt;
  char *end;
  double d = strtod(v, &end);
  if (*end || !isfinite(d))
    return dflt;
  return d;
}

bool cadre_bool(const cadre_req *req, const char *name, bool dflt) {
  const char *v = cadre_str(req, name);
  if (!v)
    return dflt;
  return strcmp(v, "1") == 0;
}

size_t cadre_strs(const cadre_req *req, const char *name, const char ***out) {
  size_t n = 0;
  for (size_t i = 0; i < req->nparams; i++)
    if (strcmp(req->params[i].name, name) == 0 && req->params[i].value)
      n++;
  const char **list = cadre_arena_calloc(req->arena, n + 1, sizeof(*list));
  if (!list) {
    *out = NULL;
    return 0;
  }
  size_t k = 0;
  for (size_t i = 0; i < req->nparams; i++)
    if (strcmp(req->params[i].name, name) == 0 && req->params[i].value)
      list[k++] = req->params[i].value;
  *out = list;
  return n;
}

json_t *cadre_json_field(const cadre_req *req, const char *name) {
  const struct cadre_param *p = find_param(req, name);
  return p ? p->json : NULL;
}

const cadre_upload *cadre_file(const cadre_req *req, const char *name) {
  for (size_t i = 0; i < req->nfiles; i++)
    if (strcmp(req->files[i].field, name) == 0)
      return &req->files[i];
  return NULL;
}

size_t cadre_files(const cadre_req *req, const char *name, const cadre_upload **out) {
  /* validation stores a field's files next to each other, in order */
  size_t first = req->nfiles, n = 0;
  for (size_t i = 0; i < req->nfiles; i++)
    if (strcmp(req->files[i].field, name) == 0) {
      if (first == req->nfiles)
        first = i;
      n++;
    }
  *out = n ? &req->files[first] : NULL;
  return n;
}

const char *cadre_body(const cadre_req *req, size_t *len) {
  if (len)
    *len = req->body_len;
  return req->body;
}

/* ---- request-owned JSON --------------------------------------------------- */

static void decref(void *p) { json_decref(p); }

const char *cadre_json_text(cadre_req *req, const json_t *value) {
  if (!value)
    return NULL;
  char *s = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!s)
    return NULL;
  char *copy = cadre_arena_strdup(req->arena, s);
  free(s);
  return copy;
}

json_t *cadre_keep(cadre_req *req, json_t *value) {
  if (!value)
    return NULL;
  if (cadre_arena_defer(req->arena, decref, value) != 0)
    return NULL;
  return value;
}

json_t *cadre_json_obj(cadre_req *req) { return cadre_keep(req, json_object()); }
json_t *cadre_json_arr(cadre_req *req) { return cadre_keep(req, json_array()); }

char *cadre_printf(cadre_req *req, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = cadre_arena_vprintf(req->arena, fmt, ap);
  va_end(ap);
  return s;
}

/* ---- answers -------------------------------------------------------------- */

void cadre_req_add_header(cadre_req *req, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *line = cadre_arena_vprintf(req->arena, fmt, ap);
  va_end(ap);
  if (!line)
    return;
  cadre_buf_puts(&req->ans.headers, line);
  cadre_buf_puts(&req->ans.headers, "\r\n");
}

void cadre_req_discard_answer(cadre_req *req) {
  req->ans.ready = false;
  req->ans.status = 0;
  req->ans.body.len = 0;
  if (req->ans.body.data)
    req->ans.body.data[0] = '\0';
  req->field_errors = NULL;
}

static void set_answer(cadre_req *req, int status, const char *ctype, const char *dl) {
  req->ans.ready = true;
  req->ans.status = status;
  req->ans.content_type = ctype;
  req->ans.download_name = dl;
  req->ans.body.len = 0;
  if (req->ans.body.data)
    req->ans.body.data[0] = '\0';
}

int cadre_reply_json(cadre_req *req, int status, json_t *body) {
  if (req->ans.streaming)
    return req->ans.status;
  set_answer(req, status, "application/json; charset=utf-8", NULL);
  char *text = json_dumps(body, JSON_COMPACT);
  if (!text) {
    set_answer(req, 500, "application/json; charset=utf-8", NULL);
    cadre_buf_puts(&req->ans.body, "{\"error\":\"internal_error\",\"message\":\"Đã có lỗi hệ thống.\"}");
    return 500;
  }
  cadre_buf_puts(&req->ans.body, text);
  free(text);
  return status;
}

int cadre_reply_ok(cadre_req *req, int64_t id) {
  json_t *o = json_object();
  json_object_set_new(o, "ok", json_true());
  if (id > 0)
    json_object_set_new(o, "id", json_integer(id));
  int st = cadre_reply_json(req, 200, o);
  json_decref(o);
  return st;
}

void cadre_field_error(cadre_req *req, const char *field, const char *code, const char *fmt, ...) {
  if (!req->field_errors)
    req->field_errors = cadre_json_obj(req);
  if (!req->field_errors)
    return;
  if (json_object_get(req->field_errors, field))
    return; /* the first problem with a field is the one to show */
  va_list ap;
  va_start(ap, fmt);
  char *msg = cadre_arena_vprintf(req->arena, fmt, ap);
  va_end(ap);
  json_object_set_new(req->field_errors, field,
                      json_pack("{s:s, s:s}", "code", code, "message", msg ? msg : ""));
}

bool cadre_has_field_errors(const cadre_req *req) {
  return req->field_errors && json_object_size(req->field_errors) > 0;
}

static int fail_v(cadre_req *req, int status, const char *code, json_t *extra, const char *fmt, va_list ap) {
  char *msg = cadre_arena_vprintf(req->arena, fmt, ap);
  json_t *o = json_pack("{s:s, s:s}", "error", code, "message", msg ? msg : "");
  if (extra && json_is_object(extra)) {
    const char *k;
    json_t *v;
    json_object_foreach(extra, k, v) if (strcmp(k, "error") && strcmp(k, "message")) json_object_set(o, k, v);
  }
  if (req->field_errors && json_object_size(req->field_errors))
    json_object_set(o, "fields", req->field_errors);
  if (status == 503 || status == 429)
    cadre_req_add_header(req, "Retry-After: %d", status == 503 ? 5 : 60);
  int st = cadre_reply_json(req, status, o);
  json_decref(o);
  return st;
}

int cadre_fail(cadre_req *req, int status, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int st = fail_v(req, status, code, NULL, fmt, ap);
  va_end(ap);
  return st;
}

int cadre_fail_with(cadre_req *req, int status, const char *code, json_t *extra, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int st = fail_v(req, status, code, extra, fmt, ap);
  va_end(ap);
  return st;
}

int cadre_reply_bytes(cadre_req *req, int status, const char *content_type, const void *data, size_t len,
                      const char *download_name) {
  if (req->ans.streaming)
    return req->ans.status;
  set_answer(req, status, content_type, download_name);
  cadre_buf_append(&req->ans.body, data, len);
  return status;
}

const char *cadre_status_reason(int status) {
  switch (status) {
  case 200: return "OK";
  case 201: return "Created";
  case 204: return "No Content";
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 409: return "Conflict";
  case 410: return "Gone";
  case 413: return "Payload Too Large";
  case 414: return "URI Too Long";
  case 415: return "Unsupported Media Type";
  case 422: return "Unprocessable Entity";
  case 429: return "Too Many Requests";
  case 431: return "Request Header Fields Too Large";
  case 500: return "Internal Server Error";
  case 503: return "Service Unavailable";
  default: return "Status";
  }
}

/* Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
static void put_disposition(cadre_buf *h, const char *name) {
  cadre_buf_puts(h, "Content-Disposition: attachment; filename=\"");
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\' && *p != '/')
      cadre_buf_putc(h, (char)*p);
    else if (*p < 0x80 || (*p & 0xC0) == 0xC0)
      cadre_buf_putc(h, '_');
  }
  cadre_buf_puts(h, "\"; filename*=UTF-8''");
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
        *p == '-' || *p == '_') {
      cadre_buf_putc(h, (char)*p);
    } else {
      cadre_buf_putc(h, '%');
      cadre_buf_putc(h, hex[*p >> 4]);
      cadre_buf_putc(h, hex[*p & 15]);
    }
  }
  cadre_buf_puts(h, "\r\n");
}

static int write_head(cadre_req *req, int status, const char *ctype, const char *dl, long long length) {
  cadre_buf h;
  cadre_buf_init(&h, req->arena);
  cadre_buf_printf(&h, "Status: %d %s\r\n", status, cadre_status_reason(status));
  cadre_buf_printf(&h, "Content-Type: %s\r\n", ctype ? ctype : "application/octet-stream");
  if (length >= 0)
    cadre_buf_printf(&h, "Content-Length: %lld\r\n", length);
  /* X-Content-Type-Options and the other security headers come from the
   * web server configuration, which covers static pages too. */
  cadre_buf_puts(&h, "Cache-Control: no-store\r\n");
  cadre_buf_printf(&h, "X-Request-Id: %s\r\n", req->request_id);
  if (dl)
    put_disposition(&h, dl);
  if (req->ans.headers.len)
    cadre_buf_append(&h, req->ans.headers.data, req->ans.headers.len);
  cadre_buf_puts(&h, "\r\n");
  if (h.failed)
    return -1;
  return req->sink.write(req->sink.ctx, h.data, h.len);
}

int cadre_stream_begin(cadre_req *req, int status, const char *content_type, const char *download_name) {
  if (req->ans.streaming)
    return -1;
  req->ans.streaming = true;
  req->ans.ready = true;
  req->ans.status = status;
  if (write_head(req, status, content_type, download_name, -1) != 0)
    return -1;
  return status;
}

int cadre_stream_write(cadre_req *req, const void *data, size_t len) {
  if (!req->ans.streaming || len == 0)
    return 0;
  return req->sink.write(req->sink.ctx, data, len);
}

struct generic {
  int status;
  const char *code;
  const char *message;
};

static const struct generic generics[] = {
    {400, "bad_request", "Yêu cầu không hợp lệ."},
    {401, "not_logged_in", "Bạn cần đăng nhập để tiếp tục."},
    {403, "forbidden", "Bạn không có quyền thực hiện thao tác này."},
    {404, "not_found", "Không tìm thấy nội dung yêu cầu."},
    {405, "method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này."},
    {409, "conflict", "Dữ liệu đã thay đổi hoặc trùng lặp, vui lòng tải lại và thử lại."},
    {413, "body_too_large", "Dữ liệu gửi lên vượt quá dung lượng cho phép."},
    {415, "unsupported_media_type", "Định dạng dữ liệu gửi lên không được hỗ trợ."},
    {422, "validation_failed", "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các trường được đánh dấu."},
    {429, "too_many_requests", "Bạn đã gửi quá nhiều yêu cầu, vui lòng thử lại sau."},
    {431, "headers_too_large", "Tiêu đề yêu cầu quá lớn."},
    {500, "internal_error", "Đã có lỗi hệ thống. Vui lòng thử lại sau."},
    {503, "db_unavailable",
     "Hệ thống tạm thời không kết nối được cơ sở dữ liệu hoặc đang quá tải. Vui lòng thử lại sau ít phút."},
};

int cadre_req_generic(cadre_req *req, int status) {
  if (status < 400 || status > 599)
    status = 500;
  for (size_t i = 0; i < sizeof(generics) / sizeof(generics[0]); i++)
    if (generics[i].status == status)
      return cadre_fail(req, status, generics[i].code, "%s", generics[i].message);
  if (status != 500) /* a status without a generic answer: its class's */
    return cadre_req_generic(req, status < 500 ? 400 : 500);
  return cadre_req_generic(req, 500);
}

int cadre_req_flush(cadre_req *req, int status) {
  if (req->ans.streaming)
    return req->ans.status;
  if (!req->ans.ready) {
    if (status < 100 || status > 599)
      status = 500;
    if (status == 200 || status == 201 || status == 204) {
      /* A handler that returned success without an answer: say so. */
      cadre_log(req, "error", "handler returned %d without an answer", status);
      status = 500;
    }
    cadre_req_generic(req, status);
  }
  if (write_head(req, req->ans.status, req->ans.content_type, req->ans.download_name,
                 (long long)req->ans.body.len) != 0)
    return req->ans.status;
  if (req->ans.body.len && strcmp(req->method_name ? req->method_name : "", "HEAD") != 0)
    req->sink.write(req->sink.ctx, req->ans.body.data, req->ans.body.len);
  return req->ans.status;
}
