/* cadre-admin user add / passwd. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "cadre/audit.h"
#include "cadre/db.h"
#include "cadre/session.h"
#include "cli_context.h"

struct user_args {
  const char *login, *agency, *roles, *password, *name, *email;
};

static int parse(int argc, char **argv, struct user_args *u) {
  u->login = argc > 2 ? argv[2] : NULL;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--agency"))
      u->agency = argv[i + 1];
    else if (!strcmp(argv[i], "--roles"))
      u->roles = argv[i + 1];
    else if (!strcmp(argv[i], "--password"))
      u->password = argv[i + 1];
    else if (!strcmp(argv[i], "--name"))
      u->name = argv[i + 1];
    else if (!strcmp(argv[i], "--email"))
      u->email = argv[i + 1];
    else {
      fprintf(stderr, "unknown option %s\n", argv[i]);
      return -1;
    }
  }
  return u->login ? 0 : -1;
}

static const char *const *split(cadre_req *req, const char *roles) {
  size_t n = 1;
  for (const char *p = roles; p && *p; p++)
    n += *p == ' ' || *p == ',';
  const char **out = cadre_arena_calloc(cadre_arena_of(req), n + 1, sizeof(char *));
  char *copy = cadre_arena_strdup(cadre_arena_of(req), roles ? roles : "");
  size_t k = 0;
  char *save = NULL;
  for (char *r = strtok_r(copy, " ,", &save); r; r = strtok_r(NULL, " ,", &save))
    out[k++] = r;
  return out;
}

struct add_ctx {
  struct user_args *u;
  int64_t id;
};

static int add_tx(cadre_req *req, void *arg) {
  struct add_ctx *c = arg;
  int64_t agency = 0;
  if (cadre_db_int(req, &agency, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(c->u->agency))) !=
      1) {
    fprintf(stderr, "unknown agency code: %s\n", c->u->agency);
    return 404;
  }
  struct cadre_new_user nu = {.login = c->u->login,
                              .full_name = c->u->name ? c->u->name : c->u->login,
                              .email = c->u->email,
                              .agency_id = agency,
                              .roles = split(req, c->u->roles),
                              .password = c->u->password};
  c->id = cadre_user_insert(req, &nu);
  if (c->id == 0) {
    fprintf(stderr, "login already exists: %s\n", c->u->login);
    return 409;
  }
  if (c->id < 0) {
    fprintf(stderr, "cannot create the user (unknown role?)\n");
    return 500;
  }
  json_t *after = json_pack("{s:s, s:s, s:s}", "login", nu.login, "agency", c->u->agency, "roles",
                            c->u->roles ? c->u->roles : "");
  int rc = cadre_audit(req, "core.user", c->id, "create", NULL, after);
  json_decref(after);
  return rc == 0 ? 0 : 500;
}

static int passwd_tx(cadre_req *req, void *arg) {
  struct add_ctx *c = arg;
  int64_t id = 0;
  if (cadre_db_int(req, &id, "SELECT id FROM app_user WHERE login = ?", CV_ARGS(CV_STR(c->u->login))) != 1) {
    fprintf(stderr, "unknown login: %s\n", c->u->login);
    return 404;
  }
  if (cadre_user_set_password(req, id, c->u->password, false) != 0 ||
      cadre_audit(req, "core.user", id, "password_reset", NULL, NULL) != 0)
    return 500;
  c->id = id;
  return 0;
}

int admin_user(struct admin *a, int argc, char **argv) {
  struct user_args u = {0};
  bool add = argc > 1 && !strcmp(argv[1], "add");
  bool passwd = argc > 1 && !strcmp(argv[1], "passwd");
  if ((!add && !passwd) || parse(argc, argv, &u) != 0 || !u.password || (add && !u.agency)) {
    fprintf(stderr, "usage: cadre-admin user add LOGIN --agency CODE --roles \"admin officer\" --password PW"
                    " [--name \"Họ tên\"] [--email E]\n       cadre-admin user passwd LOGIN --password PW\n");
    return 2;
  }
  cadre_req *req = cadre_cli_begin(a->conf, a->now);
  if (!req) {
    fprintf(stderr, "cannot connect to the database\n");
    return 1;
  }
  struct add_ctx c = {.u = &u};
  int rc = cadre_tx(req, add ? add_tx : passwd_tx, &c);
  cadre_cli_end(req);
  if (rc == 0)
    printf("%s %s (id %" PRId64 ")\n", add ? "created" : "password set for", u.login, c.id);
  return rc == 0 ? 0 : 1;
}
