/*
 * cadre.fcgi — the Cadre Suite FastCGI host.
 *
 *   cadre.fcgi -c /etc/cadre/cadre.conf        run (foreground; systemd or run.sh)
 *   cadre.fcgi -c … --check-config              validate config and plugins, exit 0/1
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/version.h"
#include "config.h"
#include "log.h"
#include "master.h"
#include "plugin_loader.h"

static void usage(FILE *f) {
  fprintf(f, "usage: cadre.fcgi [-c CONF] [--check-config] [--version]\n"
             "  -c, --config FILE   configuration (default: $CADRE_CONF or /etc/cadre/cadre.conf)\n"
             "      --check-config  load the configuration and plugins, report, exit\n");
}

static int check_config(const char *path) {
  char err[512];
  struct cadre_config *c = cadre_config_load(path, err, sizeof(err));
  if (!c) {
    fprintf(stderr, "configuration error: %s\n", err);
    return 1;
  }
  struct cadre_plugins pl;
  int rc = cadre_plugins_load(c, &pl);
  printf("configuration %s: ok\nroot: %s\nlisten: %s\nworkers: %d x %d threads\nplugins:", path, c->root,
         c->listen, c->workers, c->threads);
  for (size_t i = 0; i < pl.n; i++)
    printf(" %s", pl.items[i].desc->name);
  printf("\n");
  if (rc != 0)
    fprintf(stderr, "%d plugin(s) refused (see the log lines above)\n", pl.refused);
  cadre_plugins_unload(&pl);
  cadre_config_free(c);
  return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *conf = getenv("CADRE_CONF");
  int check = 0;
  static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                       {"check-config", no_argument, NULL, 'k'},
                                       {"version", no_argument, NULL, 'v'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  int ch;
  while ((ch = getopt_long(argc, argv, "c:hv", opts, NULL)) != -1) {
    switch (ch) {
    case 'c': conf = optarg; break;
    case 'k': check = 1; break;
    case 'v': printf("cadre.fcgi %s\n", CADRE_VERSION); return 0;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (!conf)
    conf = "/etc/cadre/cadre.conf";
  if (check)
    return check_config(conf);
  return cadre_master_run(conf);
}
