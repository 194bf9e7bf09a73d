/*
 * The request a handler receives and the answers it can give.
 *
 * By the time a handler runs, the host has matched the route, checked that
 * the module is enabled for the caller's agency, the session, the roles and
 * the CSRF token, and validated and normalised every declared field. The
 * accessors below therefore only read; a handler never re-validates what its
 * route declaration states.
 *
 * Memory: strings and JSON values returned here belong to the request and are
 * released when it ends. JSON a handler creates itself with cadre_json_*()
 * belongs to the request too; values made with plain jansson calls are the
 * handler's to release (or to hand over with cadre_keep()).
 */
#ifndef CADRE_REQUEST_H
#define CADRE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "cadre/arena.h"
#include "cadre/plugin.h"

/* ---- The request ---------------------------------------------------------- */

cadre_arena *cadre_arena_of(cadre_req *req);
const char *cadre_request_id(const cadre_req *req);
const char *cadre_method_name(const cadre_req *req);
const char *cadre_path(const cadre_req *req); /* "/api/tasks/tasks/12" */
const char *cadre_remote_addr(const cadre_req *req);
const char *cadre_user_agent(const cadre_req *req);
const char *cadre_plugin_name(const cadre_req *req);
/* A request header by its CGI name, e.g. "HTTP_IDEMPOTENCY_KEY". */
const char *cadre_header(const cadre_req *req, const char *cgi_name);

/* ---- Declared fields (already validated and normalised) ------------------ */

/* The value, or NULL when absent or empty. */
const char *cadre_str(const cadre_req *req, const char *name);
/* Like cadre_str but "" instead of NULL. */
const char *cadre_str0(const cadre_req *req, const char *name);
bool cadre_has(const cadre_req *req, const char *name);
int64_t cadre_int(const cadre_req *req, const char *name, int64_t dflt);
double cadre_num(const cadre_req *req, const char *name, double dflt);
bool cadre_bool(const cadre_req *req, const char *name, bool dflt);
/* All values of a CF_MULTI field; returns the count, *out NULL-terminated. */
size_t cadre_strs(const cadre_req *req, const char *name, const char ***out);
/* A CF_JSON field's value (borrowed), NULL when absent. */
json_t *cadre_json_field(const cadre_req *req, const char *name);

/* An uploaded file (CF_FILE). The host has checked size and sniffed type. */
typedef struct cadre_upload {
  const char *field;
  const char *filename; /* as sent by the browser, sanitised */
  const char *mime;     /* sniffed from the content, not the browser's claim */
  const unsigned char *data;
  size_t size;
} cadre_upload;
const cadre_upload *cadre_file(const cadre_req *req, const char *name);
/* Every file of a CF_FILE | CF_MULTI field; returns the count, *out points
 * to an array of that many uploads (request-owned). */
size_t cadre_files(const cadre_req *req, const char *name, const cadre_upload **out);

/* The raw body of a CADRE_RF_RAW_BODY route. */
const char *cadre_body(const cadre_req *req, size_t *len);

/* ---- Clock ---------------------------------------------------------------- */

/* "Now" for business rules. Tests may inject a date with the X-Cadre-Now
 * header (or cadre-admin --now) when [dev] allow_clock_override is on. */
time_t cadre_now(const cadre_req *req);
/* Today in Vietnam (UTC+7) as "yyyy-mm-dd". */
const char *cadre_today(cadre_req *req);
/* Now in Vietnam as "yyyy-mm-dd hh:mm:ss". */
const char *cadre_now_text(cadre_req *req);

/* ---- Answers -------------------------------------------------------------- */

/* Every answer function returns the HTTP status it sent, so a handler ends
 * with `return cadre_reply_json(req, 200, body);`. A handler that returns
 * a status without having answered gets the host's generic answer for it. */

/* JSON answer; `body` is borrowed (the caller keeps its reference). */
int cadre_reply_json(cadre_req *req, int status, json_t *body);
/* {"ok": true} plus an optional id. */
int cadre_reply_ok(cadre_req *req, int64_t id);

/* Error answer: {"error": code, "message": Vietnamese text, "fields": {…}}.
 * `code` is stable (clients and tests key on it); the message is for people.
 * Field errors recorded with cadre_field_error() are included. */
int cadre_fail(cadre_req *req, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* cadre_fail with extra members (an import report, the conflicting rows)
 * merged into the error object; `extra` is borrowed and may be NULL. */
int cadre_fail_with(cadre_req *req, int status, const char *code, json_t *extra, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void cadre_field_error(cadre_req *req, const char *field, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool cadre_has_field_errors(const cadre_req *req);

/* Bytes with a content type; with `download_name` set, as an attachment. */
int cadre_reply_bytes(cadre_req *req, int status, const char *content_type, const void *data, size_t len,
                      const char *download_name);

/* Streaming: begin, write any number of chunks, return the status. */
int cadre_stream_begin(cadre_req *req, int status, const char *content_type, const char *download_name);
int cadre_stream_write(cadre_req *req, const void *data, size_t len);

/* ---- Request-owned JSON ------------------------------------------------- */

json_t *cadre_json_obj(cadre_req *req);
json_t *cadre_json_arr(cadre_req *req);
/* Hands a new reference to the request, which releases it at the end. */
json_t *cadre_keep(cadre_req *req, json_t *value);
/* Compact JSON text of any value, in the request arena (NULL: no value or
 * no memory). */
const char *cadre_json_text(cadre_req *req, const json_t *value);

/* ---- Messages ----------------------------------------------------------- */

/* Formats into the request arena. */
char *cadre_printf(cadre_req *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Structured log line tagged with request id, plugin and route. */
void cadre_log(cadre_req *req, const char *level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
