/* cadre-admin subcommands (one file each). */
#ifndef CADRE_ADMIN_H
#define CADRE_ADMIN_H

#include <time.h>

#include "config.h"
#include "plugin_loader.h"

struct admin {
  struct cadre_config *conf;
  struct cadre_plugins plugins;
  time_t now; /* --now, 0 = real clock */
};

int admin_migrate(struct admin *a, int argc, char **argv);
int admin_demo(struct admin *a, int argc, char **argv);
int admin_user(struct admin *a, int argc, char **argv);
int admin_outbox(struct admin *a, int argc, char **argv);
int admin_plugin_command(struct admin *a, const struct cadre_plugin *p, int argc, char **argv);

#endif
