/*
 * The request as the host and libcadre see it. Plugins only see the opaque
 * `cadre_req` through include/cadre/; this header is shared by lib/ and
 * cgi-bin/ only.
 */
#ifndef CADRE_REQUEST_INTERNAL_H
#define CADRE_REQUEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "cadre/cadre.h"
#include "config.h"

struct cadre_conn;

/* Where an answer goes: FastCGI stdout for the host, stdout or a buffer for
 * commands and tests. */
struct cadre_sink {
  int (*write)(void *ctx, const void *data, size_t len);
  void *ctx;
};

/* One declared, validated value. */
struct cadre_param {
  const char *name;
  const char *value; /* normalised text; NULL for CF_JSON and CF_FILE */
  json_t *json;      /* CF_JSON value, borrowed from the parsed body */
};

/* A raw name/value pair as parsed from query string or body. */
struct cadre_pair {
  const char *name;
  const char *value;
  size_t len;
  json_t *json;             /* set for JSON bodies (the member value) */
  const cadre_upload *file; /* set for multipart file parts */
};

struct cadre_identity {
  int64_t user_id; /* 0 anonymous, -1 system */
  int64_t session_id;
  const char *login;
  const char *full_name;
  const char *email;
  int64_t agency_id;
  const char *agency_kind;
  const char *agency_code;
  const char *agency_name;
  int64_t scope_root;
  bool national;
  bool must_change_password;
  const char **roles; /* NULL-terminated */
  const char *csrf_token;
  const char *expires_at;
  /* The module whose switch was read with the session (NULL: none), and
   * that switch, so the dispatcher's module check needs no statement. */
  const char *module_read;
  bool module_enabled;
};

struct cadre_answer {
  int status;
  bool ready;     /* an answer is buffered */
  bool streaming; /* headers already sent; body went straight out */
  const char *content_type;
  const char *download_name;
  cadre_buf body;
  cadre_buf headers; /* extra header lines, each ending in \r\n */
};

struct cadre_req {
  cadre_arena *arena;
  const struct cadre_config *conf;
  char request_id[24];

  /* what came in */
  enum cadre_method method;
  const char *method_name;
  const char *path;
  const char *query;
  const char *content_type;
  const char *remote_addr;
  const char *user_agent;
  const char *cookie_header;
  char **env; /* CGI environment (NULL for commands) */
  size_t content_length;
  bool https;

  /* routing */
  const struct cadre_plugin *plugin;
  const struct cadre_route *route;
  int route_id; /* global index for metrics, -1 if none */

  /* inputs */
  struct cadre_pair *pairs; /* raw, before validation */
  size_t npairs;
  struct cadre_param *params; /* validated, declared only */
  size_t nparams;
  cadre_upload *files;
  size_t nfiles;
  const char *body;
  size_t body_len;
  json_t *json_body;
  json_t *field_errors; /* object: field -> {code, message} */

  /* identity */
  struct cadre_identity who;

  /* database */
  struct cadre_conn *conn;
  unsigned db_errno;
  bool db_unavailable; /* pool timeout or lost connection */
  bool in_tx;
  bool tx_conflict; /* a deadlock/lock timeout happened in this attempt */
  /* The connection is always inside a transaction (lib/batch.c): cadre_tx
   * sends no START and ends with COMMIT AND CHAIN / ROLLBACK AND CHAIN. */
  bool tx_chained;
  int64_t last_insert_id;
  int tx_attempt;
  double db_wait_ms;

  /* clock: business rules follow `now` (X-Cadre-Now in tests); sessions and
   * login throttling follow `auth_now` (X-Cadre-Session-Now in tests), so a
   * test can stand in another campaign year without its session expiring */
  time_t now;
  char today[11];
  char now_text[20];
  time_t auth_now;
  char auth_now_text[20];

  /* answer */
  struct cadre_sink sink;
  struct cadre_answer ans;
  const char *idem_key; /* set while an idempotent request runs */

  struct timespec started;
};

/* Lifecycle (lib/request.c) */
void cadre_req_init(cadre_req *req, cadre_arena *arena, const struct cadre_config *conf,
                    struct cadre_sink sink);
void cadre_req_set_now(cadre_req *req, time_t now);
void cadre_req_new_id(cadre_req *req);
/* Adds a header line ("Set-Cookie: …") to the answer. */
void cadre_req_add_header(cadre_req *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Discards any buffered answer and field errors (transaction retry). */
void cadre_req_discard_answer(cadre_req *req);
/* Writes the buffered answer (or a generic one for `status`) to the sink.
 * Returns the status written. */
int cadre_req_flush(cadre_req *req, int status);
/* Generic error answer for a status with no handler answer. */
int cadre_req_generic(cadre_req *req, int status);
/* Status line reason phrase. */
const char *cadre_status_reason(int status);

/* Releases per-request resources (pooled connection). Called by the host
 * before the arena is reset. */
void cadre_req_finish(cadre_req *req);

#endif
