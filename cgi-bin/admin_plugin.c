/* cadre-admin <plugin> <verb> …: a plugin's command with a system context. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "cli_context.h"

int admin_plugin_command(struct admin *a, const struct cadre_plugin *p, int argc, char **argv) {
  if (argc < 1) {
    fprintf(stderr, "usage: cadre-admin %s VERB …; verbs:\n", p->name);
    for (const struct cadre_command *c = p->commands; c && c->verb; c++)
      fprintf(stderr, "  %s %s\n", p->name, c->usage ? c->usage : c->verb);
    return 2;
  }
  for (const struct cadre_command *c = p->commands; c && c->verb; c++) {
    if (strcmp(c->verb, argv[0]) != 0)
      continue;
    cadre_req *req = cadre_cli_begin(a->conf, a->now);
    if (!req) {
      fprintf(stderr, "cannot connect to the database\n");
      return 1;
    }
    req->plugin = p;
    int rc = c->run(req, argc, argv);
    fflush(stdout);
    cadre_cli_end(req);
    return rc;
  }
  fprintf(stderr, "%s has no command '%s'\n", p->name, argv[0]);
  return 2;
}
