/*
 * The MariaDB connection pool: one per worker process, shared by its
 * threads, size = threads. Connections are opened lazily, checked out with a
 * deadline, pinged after idling, retired by age, replaced when broken (never
 * MYSQL_OPT_RECONNECT: a silent reconnect invalidates every prepared
 * statement and the open transaction), and rolled back on release.
 */
#ifndef CADRE_DB_POOL_H
#define CADRE_DB_POOL_H

#include <mysql.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"

struct cadre_stmt_slot {
  uint64_t hash;
  char *sql;
  MYSQL_STMT *stmt;
  uint64_t last_use;
};

#define CADRE_STMT_CACHE_MAX 256

struct cadre_conn {
  MYSQL *my;
  struct cadre_stmt_slot stmts[CADRE_STMT_CACHE_MAX];
  size_t nstmts;
  uint64_t use_counter;
  time_t created;
  time_t last_used;
  bool broken; /* set on a lost connection: destroyed on release */
  struct cadre_conn *next;
};

struct cadre_pool;

/* Pool statistics for /metrics. */
struct cadre_pool_stats {
  int size;
  int in_use;
  int open;
  uint64_t checkouts;
  uint64_t timeouts;
  uint64_t connect_failures;
  uint64_t replaced;
};

enum cadre_pool_result {
  CADRE_POOL_OK = 0,
  CADRE_POOL_TIMEOUT = -1, /* every connection busy until the deadline */
  CADRE_POOL_CONNECT_FAILED = -2,
};

struct cadre_pool *cadre_pool_new(const struct cadre_config *conf, int size);
void cadre_pool_free(struct cadre_pool *p);
enum cadre_pool_result cadre_pool_get(struct cadre_pool *p, int wait_ms, struct cadre_conn **out);
/* Returns a connection: rolls back an open transaction, destroys a broken
 * one (the slot is reopened lazily by the next checkout). */
void cadre_pool_put(struct cadre_pool *p, struct cadre_conn *c);
void cadre_pool_stats(struct cadre_pool *p, struct cadre_pool_stats *out);
/* From now on the pool keeps worker `index`'s gauges in the shared metrics
 * (size, in use, timeouts) up to date itself, at each checkout and release,
 * so nothing has to copy them after every request. */
void cadre_pool_publish_to(struct cadre_pool *p, int index);

/* The pool of this process (set by the worker or the command runner). */
void cadre_pool_set_global(struct cadre_pool *p);
struct cadre_pool *cadre_pool_global(void);

/* Opens one configured connection outside any pool (migrations, health). */
MYSQL *cadre_db_connect(const struct cadre_config *conf, char *err, size_t errlen);
/* Closes a connection's cached statements (after a reset or error). */
void cadre_conn_clear_statements(struct cadre_conn *c);

/* A connection outside any pool (lib/batch.c keeps one per running batch),
 * NULL when the server cannot be reached (logged); closed with its
 * statements by cadre_conn_close. */
struct cadre_conn *cadre_conn_open(const struct cadre_config *conf);
void cadre_conn_close(struct cadre_conn *c);
/* True for client errors meaning the connection is gone. */
bool cadre_db_errno_is_lost(unsigned err);

#endif
