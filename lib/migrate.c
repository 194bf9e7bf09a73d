/*
 * Migrations: plain SQL files applied once, in name order, per module.
 * Each applied file is recorded with its SHA-256 so that an edited file is
 * caught — changing history silently would leave databases that ran the old
 * text and databases that ran the new one disagreeing forever.
 */
#include "migrate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db_pool.h"
#include "sql_script.h"

static const char *const bootstrap =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " name VARCHAR(191) NOT NULL PRIMARY KEY,"
    " checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
    " created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
    " updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"
    ") ENGINE=InnoDB";

static void sha256_hex(const char *data, size_t len, char out[65]) {
  unsigned char h[32];
  crypto_hash_sha256(h, (const unsigned char *)data, len);
  sodium_bin2hex(out, 65, h, sizeof(h));
}

/* The checksum recorded for name, "" when not applied; -1 on error. */
static int recorded(MYSQL *my, const char *name, char out[65]) {
  out[0] = '\0';
  MYSQL_STMT *st = mysql_stmt_init(my);
  const char *sql = "SELECT checksum FROM schema_migration WHERE name = ?";
  if (!st || mysql_stmt_prepare(st, sql, strlen(sql)))
    return -1;
  unsigned long nlen = strlen(name), clen = 0;
  MYSQL_BIND in = {
      .buffer_type = MYSQL_TYPE_STRING, .buffer = (void *)name, .buffer_length = nlen, .length = &nlen};
  char buf[65] = "";
  MYSQL_BIND res = {
      .buffer_type = MYSQL_TYPE_STRING, .buffer = buf, .buffer_length = sizeof(buf), .length = &clen};
  int rc = -1;
  if (!mysql_stmt_bind_param(st, &in) && !mysql_stmt_execute(st) && !mysql_stmt_bind_result(st, &res) &&
      !mysql_stmt_store_result(st)) {
    if (mysql_stmt_fetch(st) == 0) {
      snprintf(out, 65, "%.*s", (int)clen, buf);
    }
    rc = 0;
  }
  mysql_stmt_close(st);
  return rc;
}

static int record(MYSQL *my, const char *name, const char *sum) {
  MYSQL_STMT *st = mysql_stmt_init(my);
  const char *sql = "INSERT INTO schema_migration (name, checksum) VALUES (?, ?)";
  if (!st || mysql_stmt_prepare(st, sql, strlen(sql)))
    return -1;
  unsigned long l1 = strlen(name), l2 = strlen(sum);
  MYSQL_BIND b[2] = {
      {.buffer_type = MYSQL_TYPE_STRING, .buffer = (void *)name, .buffer_length = l1, .length = &l1},
      {.buffer_type = MYSQL_TYPE_STRING, .buffer = (void *)sum, .buffer_length = l2, .length = &l2}};
  int rc = (mysql_stmt_bind_param(st, b) || mysql_stmt_execute(st)) ? -1 : 0;
  mysql_stmt_close(st);
  return rc;
}

struct pending {
  char name[300];
  char path[4096];
  char sum[65];
};

/* Checks every file first: nothing runs if any applied file was edited. */
static int plan(MYSQL *my, const char *root, const char *const *mods, size_t n, struct pending **out,
                size_t *nout, FILE *log) {
  size_t cap = 64, k = 0;
  struct pending *list = calloc(cap, sizeof(*list));
  int bad = 0;
  for (size_t m = 0; m < n; m++) {
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/%s", root, mods[m]);
    char **files = cadre_sql_files(dir);
    for (char **f = files; f && *f; f++) {
      struct pending p;
      if (snprintf(p.name, sizeof(p.name), "%s/%s", mods[m], *f) >= (int)sizeof(p.name) ||
          snprintf(p.path, sizeof(p.path), "%s/%s", dir, *f) >= (int)sizeof(p.path)) {
        fprintf(log, "migration name too long: %s/%s\n", mods[m], *f);
        bad = 1;
        continue;
      }
      size_t len;
      char *text = cadre_read_file(p.path, &len);
      if (!text) {
        fprintf(log, "cannot read %s\n", p.path);
        bad = 1;
        continue;
      }
      sha256_hex(text, len, p.sum);
      free(text);
      char have[65];
      if (recorded(my, p.name, have) != 0) {
        fprintf(log, "cannot read schema_migration: %s\n", mysql_error(my));
        bad = 1;
        break;
      }
      if (have[0]) {
        if (strcmp(have, p.sum) != 0) {
          fprintf(log,
                  "refusing: %s was changed after it was applied (recorded %.12s…, file %.12s…);"
                  " add a new migration instead of editing an applied one\n",
                  p.name, have, p.sum);
          bad = 1;
        }
        continue;
      }
      if (k == cap) {
        cap *= 2;
        list = realloc(list, cap * sizeof(*list));
      }
      list[k++] = p;
    }
    cadre_free_list(files);
  }
  *out = list;
  *nout = k;
  return bad ? -1 : 0;
}

int cadre_migrate(const struct cadre_config *conf, const char *const *modules, size_t nmodules,
                  bool status_only, FILE *out) {
  char err[1024];
  MYSQL *my = cadre_db_connect(conf, err, sizeof(err));
  if (!my) {
    fprintf(out, "cannot connect to the database: %s\n", err);
    return 1;
  }
  int rc = 1;
  struct pending *todo = NULL;
  size_t ntodo = 0;
  char *root = cadre_config_path(conf, conf->sql_dir);
  if (mysql_real_query(my, bootstrap, strlen(bootstrap)) != 0) {
    fprintf(out, "cannot create schema_migration: %s\n", mysql_error(my));
    goto done;
  }
  if (plan(my, root, modules, nmodules, &todo, &ntodo, out) != 0)
    goto done;
  if (status_only) {
    fprintf(out, "%zu migration(s) pending\n", ntodo);
    for (size_t i = 0; i < ntodo; i++)
      fprintf(out, "  pending %s\n", todo[i].name);
    rc = 0;
    goto done;
  }
  for (size_t i = 0; i < ntodo; i++) {
    size_t len;
    char *text = cadre_read_file(todo[i].path, &len);
    if (!text || cadre_sql_run_script(my, text, len, err, sizeof(err)) != 0) {
      fprintf(out, "migration %s failed: %s\n", todo[i].name, text ? err : "cannot read");
      free(text);
      goto done;
    }
    free(text);
    if (record(my, todo[i].name, todo[i].sum) != 0) {
      fprintf(out, "cannot record %s: %s\n", todo[i].name, mysql_error(my));
      goto done;
    }
    fprintf(out, "applied %s\n", todo[i].name);
  }
  fprintf(out, "migrations: %zu applied, database up to date\n", ntodo);
  rc = 0;
done:
  free(todo);
  free(root);
  mysql_close(my);
  return rc;
}
