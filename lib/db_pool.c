/* See db_pool.h. */
#include "db_pool.h"

#include <errmsg.h>
#include <errno.h>
#include <mysqld_error.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "metrics.h"

struct cadre_pool {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  const struct cadre_config *conf;
  int size;
  int open; /* connections existing (idle + in use) + slots being opened */
  int in_use;
  struct cadre_conn *idle; /* LIFO: the most recently used is warmest */
  uint64_t checkouts, timeouts, connect_failures, replaced;
  int metrics_index; /* worker whose gauges this pool keeps; -1: none */
};

/* Called with p->mu held, after in_use or timeouts changed. */
static void publish(struct cadre_pool *p) {
  if (p->metrics_index >= 0)
    cadre_metrics_pool(p->metrics_index, p->size, p->in_use, p->timeouts);
}

void cadre_pool_publish_to(struct cadre_pool *p, int index) {
  pthread_mutex_lock(&p->mu);
  p->metrics_index = index;
  publish(p);
  pthread_mutex_unlock(&p->mu);
}

static struct cadre_pool *global_pool;
void cadre_pool_set_global(struct cadre_pool *p) { global_pool = p; }
struct cadre_pool *cadre_pool_global(void) {
  return global_pool;
}

bool cadre_db_errno_is_lost(unsigned err) {
  return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
         err == CR_CONN_HOST_ERROR || err == CR_SERVER_LOST_EXTENDED || err == ER_CONNECTION_KILLED ||
         err == ER_SERVER_SHUTDOWN || err == CR_COMMANDS_OUT_OF_SYNC;
}

MYSQL *cadre_db_connect(const struct cadre_config *conf, char *err, size_t errlen) {
  MYSQL *my = mysql_init(NULL);
  if (!my) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  unsigned ct = conf->connect_timeout, rt = conf->read_timeout, wt = conf->write_timeout;
  unsigned zero = 0;
  my_bool no = 0;
  mysql_optionsv(my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
  mysql_optionsv(my, MYSQL_OPT_READ_TIMEOUT, &rt);
  mysql_optionsv(my, MYSQL_OPT_WRITE_TIMEOUT, &wt);
  mysql_optionsv(my, MYSQL_OPT_LOCAL_INFILE, &zero);
  mysql_optionsv(my, MYSQL_OPT_RECONNECT, &no);
  mysql_optionsv(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  /* Vietnam time for NOW()/CURRENT_TIMESTAMP, strict writes, bounded waits. */
  mysql_optionsv(my, MYSQL_INIT_COMMAND,
                 "SET time_zone = '+07:00', collation_connection = 'utf8mb4_uca1400_ai_ci',"
                 " sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                 "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',"
                 " innodb_lock_wait_timeout = 10");
  mysql_optionsv(my, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", "cadre");
  const char *host = conf->db_socket[0] ? "localhost" : conf->db_host;
  const char *sock = conf->db_socket[0] ? conf->db_socket : NULL;
  char *sockpath = sock ? cadre_config_path(conf, sock) : NULL;
  if (!mysql_real_connect(my, host, conf->db_user, conf->db_password, conf->db_name, sock ? 0 : conf->db_port,
                          sockpath, 0)) {
    snprintf(err, errlen, "%u %s", mysql_errno(my), mysql_error(my));
    free(sockpath);
    mysql_close(my);
    return NULL;
  }
  free(sockpath);
  return my;
}

struct cadre_pool *cadre_pool_new(const struct cadre_config *conf, int size) {
  struct cadre_pool *p = calloc(1, sizeof(*p));
  if (!p)
    return NULL;
  pthread_mutex_init(&p->mu, NULL);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&p->cv, &ca);
  pthread_condattr_destroy(&ca);
  p->conf = conf;
  p->size = size > 0 ? size : 1;
  p->metrics_index = -1;
  return p;
}

void cadre_conn_clear_statements(struct cadre_conn *c) {
  for (size_t i = 0; i < c->nstmts; i++) {
    if (c->stmts[i].stmt)
      mysql_stmt_close(c->stmts[i].stmt);
    free(c->stmts[i].sql);
  }
  c->nstmts = 0;
}

static void conn_destroy(struct cadre_conn *c) {
  cadre_conn_clear_statements(c);
  if (c->my)
    mysql_close(c->my);
  free(c);
}

void cadre_conn_close(struct cadre_conn *c) {
  if (c)
    conn_destroy(c);
}

void cadre_pool_free(struct cadre_pool *p) {
  if (!p)
    return;
  while (p->idle) {
    struct cadre_conn *c = p->idle;
    p->idle = c->next;
    conn_destroy(c);
  }
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->cv);
  free(p);
}

static struct cadre_conn *conn_open(struct cadre_pool *p) { return cadre_conn_open(p->conf); }

struct cadre_conn *cadre_conn_open(const struct cadre_config *conf) {
  char err[512];
  MYSQL *my = cadre_db_connect(conf, err, sizeof(err));
  if (!my) {
    cadre_logf("warn", "database connect failed: %s", err);
    return NULL;
  }
  struct cadre_conn *c = calloc(1, sizeof(*c));
  if (!c) {
    mysql_close(my);
    return NULL;
  }
  c->my = my;
  c->created = c->last_used = time(NULL);
  return c;
}

/* A connection idle for long may have been closed by the server
 * (wait_timeout) or a restart; one too old is retired before that. */
static bool conn_fresh(struct cadre_pool *p, struct cadre_conn *c) {
  time_t now = time(NULL);
  if (p->conf->max_age_seconds > 0 && now - c->created > p->conf->max_age_seconds)
    return false;
  if (now - c->last_used > p->conf->ping_after_idle_seconds)
    return mysql_ping(c->my) == 0;
  return true;
}

static void deadline_after(struct timespec *ts, int ms) {
  clock_gettime(CLOCK_MONOTONIC, ts);
  ts->tv_sec += ms / 1000;
  ts->tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts->tv_nsec >= 1000000000L) {
    ts->tv_sec++;
    ts->tv_nsec -= 1000000000L;
  }
}

enum cadre_pool_result cadre_pool_get(struct cadre_pool *p, int wait_ms, struct cadre_conn **out) {
  struct timespec deadline;
  deadline_after(&deadline, wait_ms);
  pthread_mutex_lock(&p->mu);
  for (;;) {
    if (p->idle) {
      struct cadre_conn *c = p->idle;
      p->idle = c->next;
      p->in_use++;
      p->checkouts++;
      publish(p);
      pthread_mutex_unlock(&p->mu);
      if (conn_fresh(p, c)) {
        *out = c;
        return CADRE_POOL_OK;
      }
      /* stale: replace it in place, outside the lock */
      conn_destroy(c);
      struct cadre_conn *n = conn_open(p);
      pthread_mutex_lock(&p->mu);
      p->replaced++;
      if (n) {
        pthread_mutex_unlock(&p->mu);
        *out = n;
        return CADRE_POOL_OK;
      }
      p->in_use--;
      p->open--;
      p->connect_failures++;
      publish(p);
      pthread_cond_signal(&p->cv);
      pthread_mutex_unlock(&p->mu);
      return CADRE_POOL_CONNECT_FAILED;
    }
    if (p->open < p->size) {
      p->open++;
      p->in_use++;
      p->checkouts++;
      publish(p);
      pthread_mutex_unlock(&p->mu);
      struct cadre_conn *c = conn_open(p);
      if (c) {
        *out = c;
        return CADRE_POOL_OK;
      }
      pthread_mutex_lock(&p->mu);
      p->open--;
      p->in_use--;
      p->connect_failures++;
      publish(p);
      pthread_cond_signal(&p->cv);
      pthread_mutex_unlock(&p->mu);
      return CADRE_POOL_CONNECT_FAILED;
    }
    if (pthread_cond_timedwait(&p->cv, &p->mu, &deadline) == ETIMEDOUT && !p->idle && p->open >= p->size) {
      p->timeouts++;
      publish(p);
      pthread_mutex_unlock(&p->mu);
      return CADRE_POOL_TIMEOUT;
    }
  }
}

void cadre_pool_put(struct cadre_pool *p, struct cadre_conn *c) {
  if (!c)
    return;
  unsigned status = 0;
  if (!c->broken && mariadb_get_infov(c->my, MARIADB_CONNECTION_SERVER_STATUS, &status) == 0 &&
      (status & SERVER_STATUS_IN_TRANS)) {
    /* A handler left a transaction open: nothing it did may survive. */
    if (mysql_rollback(c->my) != 0)
      c->broken = true;
  }
  c->last_used = time(NULL);
  pthread_mutex_lock(&p->mu);
  p->in_use--;
  publish(p);
  if (c->broken) {
    p->open--;
    p->replaced++;
    pthread_mutex_unlock(&p->mu);
    conn_destroy(c);
    pthread_mutex_lock(&p->mu);
  } else {
    c->next = p->idle;
    p->idle = c;
  }
  pthread_cond_signal(&p->cv);
  pthread_mutex_unlock(&p->mu);
}

void cadre_pool_stats(struct cadre_pool *p, struct cadre_pool_stats *out) {
  pthread_mutex_lock(&p->mu);
  out->size = p->size;
  out->in_use = p->in_use;
  out->open = p->open;
  out->checkouts = p->checkouts;
  out->timeouts = p->timeouts;
  out->connect_failures = p->connect_failures;
  out->replaced = p->replaced;
  pthread_mutex_unlock(&p->mu);
}
