/* cadre-admin migrate: core first, then each loaded plugin, then the module
 * list the admin pages show is brought in step with the loaded plugins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "cadre/db.h"
#include "cli_context.h"
#include "migrate.h"

static int sync_modules(struct admin *a) {
  cadre_req *req = cadre_cli_begin(a->conf, a->now);
  if (!req)
    return 1;
  int rc = 0;
  for (size_t i = 0; i < a->plugins.n; i++) {
    const struct cadre_plugin *p = a->plugins.items[i].desc;
    if (strcmp(p->name, "core") == 0)
      continue;
    if (cadre_db_exec(req,
                      "INSERT INTO module (name, title, ui_path) VALUES (?, ?, ?)"
                      " ON DUPLICATE KEY UPDATE title = VALUES(title), ui_path = VALUES(ui_path)",
                      CV_ARGS(CV_STR(p->name), CV_STR(p->title), CV_STR(p->ui_path))) < 0)
      rc = 1;
  }
  cadre_cli_end(req);
  return rc;
}

int admin_migrate(struct admin *a, int argc, char **argv) {
  bool status = argc > 1 && strcmp(argv[1], "--status") == 0;
  const char **mods = calloc(a->plugins.n + 1, sizeof(char *));
  size_t n = 0;
  mods[n++] = "core";
  for (size_t i = 0; i < a->plugins.n; i++) {
    const struct cadre_plugin *p = a->plugins.items[i].desc;
    if (p->migrations && strcmp(p->migrations, "core") != 0)
      mods[n++] = p->migrations;
  }
  int rc = cadre_migrate(a->conf, mods, n, status, stdout);
  free(mods);
  if (rc == 0 && !status)
    rc = sync_modules(a);
  return rc;
}
