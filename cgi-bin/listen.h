/* The FastCGI listening socket (see listen.c). */
#ifndef CADRE_LISTEN_H
#define CADRE_LISTEN_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

struct cadre_listener {
  int fd;
  bool created_path; /* we created a unix socket file (unlink on exit) */
  char path[512];
};

/* Opens per [server] listen: a unix socket path the host creates (mode and
 * group from config, stale file replaced, live one refused), "fd:N" for an
 * inherited socket (spawn-fcgi), "systemd" (LISTEN_FDS), or
 * "tcp:127.0.0.1:PORT". The socket is set non-blocking so that accept
 * threads can poll it together with a wake pipe. */
int cadre_listen_open(const struct cadre_config *conf, struct cadre_listener *out, char *err, size_t errlen);
void cadre_listen_close(struct cadre_listener *l);

#endif
