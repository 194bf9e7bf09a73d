/* cadre-admin outbox run [--loop]: deliver queued notifications. Without
 * --loop it delivers everything due now (pass after pass while a pass finds
 * a full batch), then exits: the form for cron and for tests. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "cli_context.h"
#include "log.h"
#include "outbox_delivery.h"

static volatile sig_atomic_t stop;
static void on_stop(int sig) {
  (void)sig;
  stop = 1;
}

int admin_outbox(struct admin *a, int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "run") != 0) {
    fprintf(stderr, "usage: cadre-admin outbox run [--loop]\n");
    return 2;
  }
  bool loop = argc > 2 && strcmp(argv[2], "--loop") == 0;
  signal(SIGTERM, on_stop);
  signal(SIGINT, on_stop);
  cadre_req *req = cadre_cli_begin(a->conf, a->now);
  if (!req) {
    fprintf(stderr, "cannot connect to the database\n");
    return 1;
  }
  int rc = 0, due = 0;
  do {
    cadre_cli_reset(req);
    due = cadre_outbox_pass(req);
    if (due < 0) {
      rc = 1;
      if (!loop)
        break;
      cadre_req_finish(req); /* drop a broken connection; the next pass reconnects */
    }
    if (loop && due < 50 && !stop)
      sleep(2);
  } while (!stop && (loop || due >= 50));
  cadre_cli_end(req);
  return rc;
}
