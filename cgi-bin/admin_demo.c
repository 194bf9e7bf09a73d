/*
 * cadre-admin demo: the demo agency tree, demo users, every module enabled
 * at the root, then each plugin's demo SQL (sql/demo/<plugin>/NNNN.sql) and its
 * "demo" command. Idempotent: running it again adds nothing twice. Prints
 * the demo logins on stdout as LOGIN<TAB>PASSWORD<TAB>ROLES<TAB>AGENCY;
 * progress goes to stderr.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "cadre/db.h"
#include "cadre/session.h"
#include "cli_context.h"
#include "db_pool.h"
#include "demo_agencies.h"
#include "sql_script.h"

#define DEMO_PASSWORD "Demo@2026"

static int64_t id_of(cadre_req *req, const char *code) {
  int64_t id = 0;
  return cadre_db_int(req, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code))) == 1 ? id : 0;
}

static int add_agency(cadre_req *req, int64_t parent, const char *kind, const char *code, const char *name,
                      const char *short_name, const char *scope) {
  return cadre_db_exec(req,
                       "INSERT IGNORE INTO agency (parent_id, kind, code, name, short_name, scope)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       CV_ARGS(CV_INT(parent), CV_STR(kind), CV_STR(code), CV_STR(name), CV_STR(short_name),
                               CV_STR(scope))) < 0
             ? -1
             : 0;
}

static int add_communes(cadre_req *req, int pi, int64_t province) {
  const struct demo_province *p = &demo_provinces[pi];
  int n = 0, wards = p->communes / 5;
  for (int k = 0; k < p->communes; k++) {
    char code[32];
    snprintf(code, sizeof(code), "P%02d-X%04d", pi + 1, k + 1);
    const char *name;
    if (k < 4 && p->special[k])
      name = cadre_printf(req, "Đặc khu %s", p->special[k]);
    else if (k < wards)
      name = cadre_printf(req, "Phường số %02d (%s)", ++n, p->name);
    else
      name = cadre_printf(req, "Xã số %02d (%s)", ++n, p->name);
    if (add_agency(req, province, "commune", code, name, NULL, "own") != 0)
      return -1;
  }
  return 0;
}

static int agencies_tx(cadre_req *req, void *arg) {
  (void)arg;
  for (const struct demo_agency *a = demo_central; a->code; a++)
    if (add_agency(req, id_of(req, a->parent), a->kind, a->code, a->name, a->short_name, a->scope) != 0)
      return 500;
  int64_t root = id_of(req, "VN");
  for (int i = 0; i < 34; i++) {
    const struct demo_province *p = &demo_provinces[i];
    char code[16], board[20], school[20];
    snprintf(code, sizeof(code), "P%02d", i + 1);
    snprintf(board, sizeof(board), "P%02d-BTC", i + 1);
    snprintf(school, sizeof(school), "P%02d-TCT", i + 1);
    if (add_agency(req, root, "province", code, p->committee, p->name, "own") != 0)
      return 500;
    int64_t pid = id_of(req, code);
    if (add_agency(req, pid, "province_board", board, cadre_printf(req, "Ban Tổ chức %s", p->committee), NULL,
                   "parent") != 0 ||
        add_agency(req, pid, "political_school", school, p->school, NULL, "own") != 0 ||
        add_communes(req, i, pid) != 0)
      return 500;
  }
  /* every module on for the whole country; admins narrow it per agency */
  if (cadre_db_exec(
          req, "INSERT IGNORE INTO agency_module (agency_id, module, enabled) SELECT ?, name, 1 FROM module",
          CV_ARGS(CV_INT(root))) < 0)
    return 500;
  return 0;
}

static const char *const *split_roles(cadre_req *req, const char *roles) {
  const char **out = cadre_arena_calloc(cadre_arena_of(req), 8, sizeof(char *));
  char *copy = cadre_arena_strdup(cadre_arena_of(req), roles);
  size_t k = 0;
  char *save = NULL;
  for (char *r = strtok_r(copy, " ", &save); r && k < 7; r = strtok_r(NULL, " ", &save))
    out[k++] = r;
  return out;
}

static int users_tx(cadre_req *req, void *arg) {
  (void)arg;
  for (const struct demo_user *u = demo_users; u->login; u++) {
    int64_t exists = 0;
    if (cadre_db_int(req, &exists, "SELECT id FROM app_user WHERE login = ?", CV_ARGS(CV_STR(u->login))) == 1)
      continue;
    struct cadre_new_user nu = {.login = u->login,
                                .full_name = u->name,
                                .email = u->email,
                                .agency_id = id_of(req, u->agency),
                                .roles = split_roles(req, u->roles),
                                .password = DEMO_PASSWORD};
    if (cadre_user_insert(req, &nu) <= 0)
      return 500;
  }
  return 0;
}

/* sql/demo/<module>/NNNN_name.sql, run as trusted scripts. */
static int run_demo_sql(struct admin *a, const char *module) {
  char *root = cadre_config_path(a->conf, a->conf->sql_dir);
  char dir[4096];
  snprintf(dir, sizeof(dir), "%s/demo/%s", root, module);
  free(root);
  char **files = cadre_sql_files(dir);
  if (!files)
    return 0;
  char err[1024];
  MYSQL *my = cadre_db_connect(a->conf, err, sizeof(err));
  int rc = my ? 0 : -1;
  for (char **f = files; my && *f && rc == 0; f++) {
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s", dir, *f);
    size_t len;
    char *text = cadre_read_file(path, &len);
    if (!text || cadre_sql_run_script(my, text, len, err, sizeof(err)) != 0) {
      fprintf(stderr, "demo data %s/%s failed: %s\n", module, *f, text ? err : "cannot read");
      rc = -1;
    } else {
      fprintf(stderr, "demo data %s/%s loaded\n", module, *f);
    }
    free(text);
  }
  if (my)
    mysql_close(my);
  cadre_free_list(files);
  return rc;
}

static int run_demo_commands(struct admin *a) {
  int rc = 0;
  for (size_t i = 0; i < a->plugins.n; i++) {
    const struct cadre_plugin *p = a->plugins.items[i].desc;
    for (const struct cadre_command *c = p->commands; c && c->verb; c++) {
      if (strcmp(c->verb, "demo") != 0)
        continue;
      char *argv[] = {(char *)"demo", NULL};
      fflush(stdout);
      /* plugin output is progress, not the login table */
      int saved = dup(1);
      dup2(2, 1);
      int r = admin_plugin_command(a, p, 1, argv);
      fflush(stdout);
      dup2(saved, 1);
      close(saved);
      if (r != 0) {
        fprintf(stderr, "demo command of %s failed (%d)\n", p->name, r);
        rc = 1;
      }
    }
  }
  return rc;
}

int admin_demo(struct admin *a, int argc, char **argv) {
  (void)argc;
  (void)argv;
  cadre_req *req = cadre_cli_begin(a->conf, a->now);
  if (!req) {
    fprintf(stderr, "cannot connect to the database\n");
    return 1;
  }
  int rc = cadre_tx(req, agencies_tx, NULL);
  if (rc == 0)
    rc = cadre_tx(req, users_tx, NULL);
  cadre_cli_end(req);
  if (rc != 0) {
    fprintf(stderr, "demo agencies/users failed\n");
    return 1;
  }
  fprintf(stderr, "demo agencies and users ready\n");
  int status = run_demo_sql(a, "core") == 0 ? 0 : 1;
  for (size_t i = 0; i < a->plugins.n; i++)
    if (strcmp(a->plugins.items[i].desc->name, "core") != 0 &&
        run_demo_sql(a, a->plugins.items[i].desc->name) != 0)
      status = 1;
  if (run_demo_commands(a) != 0)
    status = 1;
  for (const struct demo_user *u = demo_users; u->login; u++)
    printf("%s\t%s\t%s\t%s\n", u->login, DEMO_PASSWORD, u->roles, u->agency);
  return status;
}
