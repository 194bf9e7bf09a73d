/*
 * Commands run with the same helpers as handlers (db, tx, audit, outbox), so
 * an import behaves the same from the browser and from cron. Their caller is
 * the system user; audit rows record it as "system".
 */
#include "cli_context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cadre/db.h"
#include "db_pool.h"

struct cli {
  cadre_req req;
  struct cadre_pool *pool;
  time_t now;
};

static int stdout_write(void *ctx, const void *data, size_t len) {
  (void)ctx;
  return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

static void set_system_identity(cadre_req *req) {
  req->who.user_id = -1;
  req->who.login = "system";
  req->who.full_name = "Hệ thống";
  req->who.national = true;
  int64_t root = 0;
  if (cadre_db_int(req, &root, "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                   CV_NONE) == 1)
    req->who.scope_root = root;
}

cadre_req *cadre_cli_begin(const struct cadre_config *conf, time_t now) {
  struct cli *c = calloc(1, sizeof(*c));
  if (!c)
    return NULL;
  c->pool = cadre_pool_new(conf, 1);
  cadre_pool_set_global(c->pool);
  c->now = now;
  cadre_arena *a = cadre_arena_new(1 << 20);
  cadre_req_init(&c->req, a, conf, (struct cadre_sink){.write = stdout_write});
  if (now)
    cadre_req_set_now(&c->req, now);
  set_system_identity(&c->req);
  if (c->req.db_unavailable) {
    cadre_cli_end(&c->req);
    return NULL;
  }
  return &c->req;
}

void cadre_cli_reset(cadre_req *req) {
  struct cli *c = (struct cli *)req;
  struct cadre_identity who = req->who;
  struct cadre_conn *conn = req->conn;
  const struct cadre_config *conf = req->conf;
  cadre_arena *a = req->arena;
  cadre_arena_reset(a);
  /* identity strings are literals, so they survive the reset */
  cadre_req_init(req, a, conf, (struct cadre_sink){.write = stdout_write});
  req->who = who;
  req->who.roles = NULL;
  req->conn = conn;
  if (c->now)
    cadre_req_set_now(req, c->now);
}

void cadre_cli_end(cadre_req *req) {
  struct cli *c = (struct cli *)req;
  cadre_req_finish(req);
  cadre_arena_free(req->arena);
  cadre_pool_free(c->pool);
  cadre_pool_set_global(NULL);
  free(c);
}
