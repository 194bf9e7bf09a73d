/*
 * cadre-admin — the operator's tool.
 *
 *   cadre-admin [-c CONF] [--now "yyyy-mm-dd[ hh:mm]"] COMMAND …
 *     migrate [--status]              apply sql/core and each enabled plugin's migrations
 *     demo                            load demo data (idempotent) and print the demo logins
 *     user add LOGIN --agency CODE --roles "a b" --password PW [--name N] [--email E]
 *     user passwd LOGIN --password PW
 *     outbox run [--loop]             deliver queued email and webhooks
 *     plugins                         list loaded plugins and their commands
 *     <plugin> <verb> …               a plugin's own command (e.g. tasks import FILE)
 */
#include <curl/curl.h>
#include <getopt.h>
#include <mysql.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "cadre/version.h"
#include "clock.h"
#include "log.h"

static void usage(FILE *f) {
  fprintf(f, "usage: cadre-admin [-c CONF] [--now DATE] COMMAND …\n"
             "  migrate [--status]        apply database migrations\n"
             "  demo                      load demo data and print the demo logins\n"
             "  user add LOGIN --agency CODE --roles \"admin officer\" --password PW [--name N] [--email E]\n"
             "  user passwd LOGIN --password PW\n"
             "  outbox run [--loop]       deliver queued email and webhooks\n"
             "  plugins                   list plugins and their commands\n"
             "  PLUGIN VERB …             a plugin's command, e.g. tasks import FILE\n");
}

static int list_plugins(struct admin *a) {
  for (size_t i = 0; i < a->plugins.n; i++) {
    const struct cadre_plugin *p = a->plugins.items[i].desc;
    printf("%-14s %s (%s)\n", p->name, p->title, p->version ? p->version : "");
    for (const struct cadre_command *c = p->commands; c && c->verb; c++)
      printf("    %s %s — %s\n", p->name, c->usage ? c->usage : c->verb, c->summary ? c->summary : "");
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *conf_path = getenv("CADRE_CONF");
  const char *now_text = NULL;
  static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                       {"now", required_argument, NULL, 'n'},
                                       {"help", no_argument, NULL, 'h'},
                                       {"version", no_argument, NULL, 'v'},
                                       {NULL, 0, NULL, 0}};
  int ch;
  /* "+" stops at the first non-option: the command's own options follow. */
  while ((ch = getopt_long(argc, argv, "+c:n:hv", opts, NULL)) != -1) {
    switch (ch) {
    case 'c': conf_path = optarg; break;
    case 'n': now_text = optarg; break;
    case 'v': printf("cadre-admin %s\n", CADRE_VERSION); return 0;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return 2;
    }
  }
  if (optind >= argc) {
    usage(stderr);
    return 2;
  }
  if (!conf_path)
    conf_path = "/etc/cadre/cadre.conf";
  struct admin a = {0};
  if (now_text && !cadre_clock_parse(now_text, &a.now)) {
    fprintf(stderr, "--now: expected yyyy-mm-dd or \"yyyy-mm-dd hh:mm\"\n");
    return 2;
  }
  char err[512];
  a.conf = cadre_config_load(conf_path, err, sizeof(err));
  if (!a.conf) {
    fprintf(stderr, "configuration error: %s\n", err);
    return 1;
  }
  cadre_config_set_current(a.conf);
  signal(SIGPIPE, SIG_IGN);
  if (sodium_init() < 0 || mysql_library_init(0, NULL, NULL) != 0 ||
      curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "cannot initialise libraries\n");
    return 1;
  }
  cadre_plugins_load(a.conf, &a.plugins);
  cadre_plugins_register(&a.plugins);
  const char *cmd = argv[optind];
  int sub_argc = argc - optind;
  char **sub_argv = argv + optind;
  int rc;
  if (!strcmp(cmd, "migrate"))
    rc = admin_migrate(&a, sub_argc, sub_argv);
  else if (!strcmp(cmd, "demo"))
    rc = admin_demo(&a, sub_argc, sub_argv);
  else if (!strcmp(cmd, "user"))
    rc = admin_user(&a, sub_argc, sub_argv);
  else if (!strcmp(cmd, "outbox"))
    rc = admin_outbox(&a, sub_argc, sub_argv);
  else if (!strcmp(cmd, "plugins"))
    rc = list_plugins(&a);
  else {
    const struct cadre_registered *p = cadre_registry_find(cmd);
    if (!p) {
      fprintf(stderr, "unknown command or plugin: %s\n", cmd);
      usage(stderr);
      rc = 2;
    } else {
      rc = admin_plugin_command(&a, p->desc, sub_argc - 1, sub_argv + 1);
    }
  }
  cadre_plugins_unload(&a.plugins);
  cadre_config_free(a.conf);
  curl_global_cleanup();
  mysql_library_end();
  return rc;
}
