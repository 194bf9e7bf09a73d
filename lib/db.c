/*
 * Prepared statements for handlers: bind typed parameters, execute, and turn
 * result rows into JSON. Statements are cached per connection by SQL text.
 * Every error is logged once here (without parameter values, which may be
 * personal data) and remembered on the request.
 */
#include "cadre/db.h"

#include <errmsg.h>
#include <inttypes.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_pool.h"
#include "log.h"
#include "request_internal.h"

/* ---- connection for the request ----------------------------------------- */

static struct cadre_conn *conn_for(cadre_req *req) {
  if (req->conn)
    return req->conn->broken ? NULL : req->conn;
  struct cadre_pool *pool = cadre_pool_global();
  if (!pool) {
    req->db_unavailable = true;
    req->db_errno = CR_CONNECTION_ERROR;
    return NULL;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  enum cadre_pool_result r = cadre_pool_get(pool, req->conf->pool_wait_ms, &req->conn);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  req->db_wait_ms += (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  if (r != CADRE_POOL_OK) {
    req->conn = NULL;
    req->db_unavailable = true;
    req->db_errno = CR_CONNECTION_ERROR;
    cadre_log(req, "warn", "database connection unavailable (%s)",
              r == CADRE_POOL_TIMEOUT ? "pool exhausted" : "connect failed");
    return NULL;
  }
  return req->conn;
}

void cadre_req_finish(cadre_req *req) {
  if (req->conn) {
    cadre_pool_put(cadre_pool_global(), req->conn);
    req->conn = NULL;
  }
}

/* ---- statement cache -------------------------------------------------------- */

static uint64_t fnv1a(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ULL;
  }
  return h;
}

static void record_error(cadre_req *req, unsigned err, const char *msg, const char *sql) {
  req->db_errno = err;
  if (req->in_tx && (err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT))
    req->tx_conflict = true;
  if (cadre_db_errno_is_lost(err)) {
    req->db_unavailable = true;
    if (req->conn)
      req->conn->broken = true;
  }
  /* Duplicates and deadlocks are expected outcomes the caller handles. */
  const char *level =
      (err == ER_DUP_ENTRY || err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT) ? "debug" : "error";
  cadre_log(req, level, "sql error %u: %s [%.120s]", err, msg, sql);
}

static MYSQL_STMT *prepare_cached(cadre_req *req, struct cadre_conn *c, const char *sql) {
  uint64_t h = fnv1a(sql);
  c->use_counter++;
  for (size_t i = 0; i < c->nstmts; i++) {
    if (c->stmts[i].hash == h && strcmp(c->stmts[i].sql, sql) == 0) {
      c->stmts[i].last_use = c->use_counter;
      return c->stmts[i].stmt;
    }
  }
  MYSQL_STMT *st = mysql_stmt_init(c->my);
  if (!st) {
    record_error(req, mysql_errno(c->my), mysql_error(c->my), sql);
    return NULL;
  }
  if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
    record_error(req, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
    mysql_stmt_close(st);
    return NULL;
  }
  my_bool on = 1;
  mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
  size_t slot = c->nstmts;
  if (slot == CADRE_STMT_CACHE_MAX) {
    /* evict the least recently used statement */
    slot = 0;
    for (size_t i = 1; i < c->nstmts; i++)
      if (c->stmts[i].last_use < c->stmts[slot].last_use)
        slot = i;
    mysql_stmt_close(c->stmts[slot].stmt);
    free(c->stmts[slot].sql);
  } else {
    c->nstmts++;
  }
  c->stmts[slot] =
      (struct cadre_stmt_slot){.hash = h, .sql = strdup(sql), .stmt = st, .last_use = c->use_counter};
  if (!c->stmts[slot].sql) {
    mysql_stmt_close(st);
    c->nstmts--;
    return NULL;
  }
  return st;
}

static void forget_statement(struct cadre_conn *c, MYSQL_STMT *st) {
  for (size_t i = 0; i < c->nstmts; i++) {
    if (c->stmts[i].stmt == st) {
      mysql_stmt_close(st);
      free(c->stmts[i].sql);
      c->stmts[i] = c->stmts[--c->nstmts];
      return;
    }
  }
}

/* ---- binding and executing ------------------------------------------------ */

static int bind_args(cadre_req *req, MYSQL_STMT *st, const cadre_val *args, size_t n, const char *sql) {
  unsigned long expected = mysql_stmt_param_count(st);
  if (expected != n) {
    cadre_log(req, "error", "sql expects %lu parameters, got %zu [%.120s]", expected, n, sql);
    req->db_errno = CR_PARAMS_NOT_BOUND;
    return -1;
  }
  if (n == 0)
    return 0;
  MYSQL_BIND *b = cadre_arena_calloc(req->arena, n, sizeof(*b));
  my_bool *nulls = cadre_arena_calloc(req->arena, n, sizeof(*nulls));
  unsigned long *lens = cadre_arena_calloc(req->arena, n, sizeof(*lens));
  if (!b || !nulls || !lens)
    return -1;
  for (size_t i = 0; i < n; i++) {
    const cadre_val *v = &args[i];
    b[i].is_null = &nulls[i];
    b[i].length = &lens[i];
    switch (v->t) {
    case CADRE_V_INT:
      b[i].buffer_type = MYSQL_TYPE_LONGLONG;
      b[i].buffer = (void *)&v->i;
      break;
    case CADRE_V_DBL:
      b[i].buffer_type = MYSQL_TYPE_DOUBLE;
      b[i].buffer = (void *)&v->d;
      break;
    case CADRE_V_STR:
      if (!v->s) {
        b[i].buffer_type = MYSQL_TYPE_NULL;
        nulls[i] = 1;
        break;
      }
      b[i].buffer_type = MYSQL_TYPE_STRING;
      b[i].buffer = (void *)v->s;
      lens[i] = (unsigned long)strlen(v->s);
      b[i].buffer_length = lens[i];
      break;
    case CADRE_V_BLOB:
      b[i].buffer_type = MYSQL_TYPE_BLOB;
      b[i].buffer = (void *)v->s;
      lens[i] = (unsigned long)v->len;
      b[i].buffer_length = lens[i];
      break;
    case CADRE_V_NULL:
    default:
      b[i].buffer_type = MYSQL_TYPE_NULL;
      nulls[i] = 1;
      break;
    }
  }
  if (mysql_stmt_bind_param(st, b) != 0) {
    record_error(req, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
    return -1;
  }
  return 0;
}

/* Prepares (cached), binds and executes. A statement invalidated by a schema
 * change (ER_NEED_REPREPARE) is prepared again once. */
static MYSQL_STMT *run(cadre_req *req, const char *sql, const cadre_val *args, size_t n) {
  req->db_errno = 0;
  struct cadre_conn *c = conn_for(req);
  if (!c)
    return NULL;
  for (int attempt = 0; attempt < 2; attempt++) {
    MYSQL_STMT *st = prepare_cached(req, c, sql);
    if (!st)
      return NULL;
    if (bind_args(req, st, args, n, sql) != 0)
      return NULL;
    if (mysql_stmt_execute(st) == 0)
      return st;
    unsigned err = mysql_stmt_errno(st);
    if (err == ER_NEED_REPREPARE && attempt == 0) {
      forget_statement(c, st);
      continue;
    }
    record_error(req, err, mysql_stmt_error(st), sql);
    if (cadre_db_errno_is_lost(err))
      cadre_conn_clear_statements(c);
    else
      mysql_stmt_reset(st);
    return NULL;
  }
  return NULL;
}

/* ---- results -------------------------------------------------------------- */

struct colbuf {
  const char *name;
  enum enum_field_types type;
  bool is_unsigned;
  bool parse_json;
  long long ival;
  double dval;
  char *sval;
  unsigned long len;
  my_bool is_null;
  my_bool error;
};

static bool is_int_type(enum enum_field_types t) {
  return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG || t == MYSQL_TYPE_INT24 ||
         t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_YEAR;
}

static bool is_real_type(enum enum_field_types t) {
  return t == MYSQL_TYPE_FLOAT || t == MYSQL_TYPE_DOUBLE || t == MYSQL_TYPE_DECIMAL ||
         t == MYSQL_TYPE_NEWDECIMAL;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Binds result columns: integers as int64, DOUBLE as double, everything
 * else (DECIMAL, dates, text) as text sized by the stored max length. */
static struct colbuf *bind_results(cadre_req *req, MYSQL_STMT *st, unsigned *ncols) {
  MYSQL_RES *meta = mysql_stmt_result_metadata(st);
  if (!meta) {
    *ncols = 0;
    return NULL;
  }
  unsigned n = mysql_num_fields(meta);
  MYSQL_FIELD *fields = mysql_fetch_fields(meta);
  struct colbuf *cols = cadre_arena_calloc(req->arena, n, sizeof(*cols));
  MYSQL_BIND *b = cadre_arena_calloc(req->arena, n, sizeof(*b));
  if (!cols || !b) {
    mysql_free_result(meta);
    return NULL;
  }
  for (unsigned i = 0; i < n; i++) {
    struct colbuf *cb = &cols[i];
    cb->name = cadre_arena_strdup(req->arena, fields[i].name);
    cb->type = fields[i].type;
    cb->is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0;
    cb->parse_json = ends_with(fields[i].name, "_json");
    b[i].is_null = &cb->is_null;
    b[i].error = &cb->error;
    b[i].length = &cb->len;
    if (is_int_type(cb->type)) {
      b[i].buffer_type = MYSQL_TYPE_LONGLONG;
      b[i].buffer = &cb->ival;
      b[i].is_unsigned = cb->is_unsigned;
    } else if (cb->type == MYSQL_TYPE_DOUBLE || cb->type == MYSQL_TYPE_FLOAT) {
      b[i].buffer_type = MYSQL_TYPE_DOUBLE;
      b[i].buffer = &cb->dval;
    } else {
      unsigned long cap = fields[i].max_length + 1;
      if (cap < 32)
        cap = 32;
      cb->sval = cadre_arena_alloc(req->arena, cap);
      if (!cb->sval) {
        mysql_free_result(meta);
        return NULL;
      }
      b[i].buffer_type = MYSQL_TYPE_STRING;
      b[i].buffer = cb->sval;
      b[i].buffer_length = cap;
    }
  }
  mysql_free_result(meta);
  if (mysql_stmt_bind_result(st, b) != 0)
    return NULL;
  *ncols = n;
  return cols;
}

static json_t *column_value(struct colbuf *cb) {
  if (cb->is_null)
    return json_null();
  if (is_int_type(cb->type)) {
    if (cb->is_unsigned && (unsigned long long)cb->ival > (unsigned long long)INT64_MAX)
      return json_integer(INT64_MAX);
    return json_integer(cb->ival);
  }
  if (cb->type == MYSQL_TYPE_DOUBLE || cb->type == MYSQL_TYPE_FLOAT)
    return json_real(cb->dval);
  if (is_real_type(cb->type))
    return json_real(strtod(cb->sval, NULL));
  if (cb->parse_json) {
    json_t *j = json_loadb(cb->sval, cb->len, JSON_DECODE_ANY, NULL);
    if (j)
      return j;
  }
  if (cb->type == MYSQL_TYPE_DATETIME || cb->type == MYSQL_TYPE_TIMESTAMP) {
    /* "yyyy-mm-dd hh:mm:ss" without fractional seconds */
    size_t len = cb->len > 19 ? 19 : cb->len;
    return json_stringn(cb->sval, len);
  }
  return json_stringn(cb->sval, cb->len);
}

/* Fetches every row; for_each (optional) streams rows instead of
 * collecting them. */
static int64_t fetch_rows(cadre_req *req, MYSQL_STMT *st, json_t *into, cadre_row_fn fn, void *ctx,
                          const char *sql) {
  if (mysql_stmt_store_result(st) != 0) {
    record_error(req, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
    return -1;
  }
  unsigned ncols = 0;
  struct colbuf *cols = bind_results(req, st, &ncols);
  if (!cols && ncols) {
    mysql_stmt_free_result(st);
    return -1;
  }
  int64_t count = 0;
  json_t *row = fn ? json_object() : NULL;
  int rc;
  while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
    json_t *obj = fn ? row : json_object();
    for (unsigned i = 0; i < ncols; i++)
      json_object_set_new(obj, cols[i].name, column_value(&cols[i]));
    count++;
    if (fn) {
      if (fn(req, obj, ctx) != 0)
        break;
    } else {
      json_array_append_new(into, obj);
    }
  }
  if (row)
    json_decref(row);
  if (rc == 1) {
    record_error(req, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
    mysql_stmt_free_result(st);
    return -1;
  }
  mysql_stmt_free_result(st);
  return count;
}

json_t *cadre_db_rows(cadre_req *req, const char *sql, const cadre_val *args, size_t nargs) {
  MYSQL_STMT *st = run(req, sql, args, nargs);
  if (!st)
    return NULL;
  json_t *rows = cadre_json_arr(req);
  if (!rows)
    return NULL;
  if (fetch_rows(req, st, rows, NULL, NULL, sql) < 0)
    return NULL;
  return rows;
}

json_t *cadre_db_row(cadre_req *req, const char *sql, const cadre_val *args, size_t nargs) {
  json_t *rows = cadre_db_rows(req, sql, args, nargs);
  if (!rows || json_array_size(rows) == 0)
    return NULL;
  return json_array_get(rows, 0);
}

int cadre_db_int(cadre_req *req, int64_t *out, const char *sql, const cadre_val *args, size_t nargs) {
  json_t *row = cadre_db_row(req, sql, args, nargs);
  if (!row)
    return req->db_errno ? -1 : 0;
  const char *k;
  json_t *v;
  json_object_foreach(row, k, v) {
    if (json_is_integer(v)) {
      *out = json_integer_value(v);
      return 1;
    }
    if (json_is_real(v)) {
      *out = (int64_t)json_real_value(v);
      return 1;
    }
    if (json_is_string(v)) {
      *out = strtoll(json_string_value(v), NULL, 10);
      return 1;
    }
    return 0; /* NULL */
  }
  return 0;
}

const char *cadre_db_str(cadre_req *req, const char *sql, const cadre_val *args, size_t nargs) {
  json_t *row = cadre_db_row(req, sql, args, nargs);
  if (!row)
    return NULL;
  const char *k;
  json_t *v;
  json_object_foreach(row, k, v) {
    if (json_is_string(v))
      return json_string_value(v);
    if (json_is_integer(v))
      return cadre_printf(req, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    return NULL;
  }
  return NULL;
}

int64_t cadre_db_exec(cadre_req *req, const char *sql, const cadre_val *args, size_t nargs) {
  MYSQL_STMT *st = run(req, sql, args, nargs);
  if (!st)
    return -1;
  my_ulonglong n = mysql_stmt_affected_rows(st);
  my_ulonglong id = mysql_stmt_insert_id(st);
  if (id)
    req->last_insert_id = (int64_t)id;
  /* A statement that returned rows (SELECT … FOR UPDATE) must be drained. */
  if (mysql_stmt_field_count(st) > 0) {
    mysql_stmt_store_result(st);
    n = mysql_stmt_num_rows(st);
    mysql_stmt_free_result(st);
  }
  return n == (my_ulonglong)-1 ? -1 : (int64_t)n;
}

int64_t cadre_db_last_id(cadre_req *req) { return req->last_insert_id; }

int64_t cadre_db_each(cadre_req *req, const char *sql, const cadre_val *args, size_t nargs, cadre_row_fn fn,
                      void *ctx) {
  MYSQL_STMT *st = run(req, sql, args, nargs);
  if (!st)
    return -1;
  return fetch_rows(req, st, NULL, fn, ctx, sql);
}

unsigned cadre_db_errno(const cadre_req *req) { return req->db_errno; }
bool cadre_db_is_duplicate(const cadre_req *req) { return req->db_errno == ER_DUP_ENTRY; }

int cadre_db_fail(cadre_req *req) {
  if (req->db_unavailable)
    return cadre_req_generic(req, 503);
  if (req->db_errno == ER_LOCK_WAIT_TIMEOUT || req->db_errno == ER_LOCK_DEADLOCK)
    return cadre_fail(req, 503, "db_busy",
                      "Hệ thống đang bận xử lý cùng dữ liệu này, vui lòng thử lại sau giây lát.");
  return cadre_fail(req, 500, "db_error", "Đã có lỗi khi ghi hoặc đọc dữ liệu. Vui lòng thử lại sau.");
}
