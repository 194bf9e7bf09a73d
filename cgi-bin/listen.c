/*
 * The listening socket is created here rather than with FCGX_OpenSocket,
 * which binds ":port" to every interface, calls exit() on failure and leaves
 * the permissions of a unix socket to the umask.
 */
#include "listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define BACKLOG 1024

/* A whole decimal number in [lo, hi], or -1: "fd:abc" must not become fd 0. */
static long parse_number(const char *s, long lo, long hi) {
  if (!s || !*s)
    return -1;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < lo || v > hi)
    return -1;
  return v;
}

static int set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int is_listening(int fd) {
  int v = 0;
  socklen_t len = sizeof(v);
  return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v;
}

/* A socket file left by a crashed instance is removed; one that still
 * accepts connections belongs to a running instance and is refused. */
static int clear_stale(const char *path, char *err, size_t n) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return 0;
  if (!S_ISSOCK(st.st_mode)) {
    snprintf(err, n, "%s exists and is not a socket", path);
    return -1;
  }
  int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
  int live = connect(probe, (struct sockaddr *)&sa, sizeof(sa)) == 0;
  close(probe);
  if (live) {
    snprintf(err, n, "%s is in use by another running instance", path);
    return -1;
  }
  unlink(path);
  return 0;
}

static int open_unix(const struct cadre_config *conf, const char *path, struct cadre_listener *out, char *err,
                     size_t n) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof(sa.sun_path)) {
    snprintf(err, n, "socket path too long: %s", path);
    return -1;
  }
  if (clear_stale(path, err, n) != 0)
    return -1;
  snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    snprintf(err, n, "socket: %s", strerror(errno));
    return -1;
  }
  mode_t old = umask(0177); /* nobody can connect before the chmod below */
  int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
  umask(old);
  if (rc != 0) {
    snprintf(err, n, "bind %s: %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  if (conf->socket_group && conf->socket_group[0]) {
    struct group *g = getgrnam(conf->socket_group);
    if (!g || chown(path, (uid_t)-1, g->gr_gid) != 0) {
      snprintf(err, n, "cannot give %s to group %s", path, conf->socket_group);
      close(fd);
      unlink(path);
      return -1;
    }
  }
  if (chmod(path, conf->socket_mode) != 0 || listen(fd, BACKLOG) != 0) {
    snprintf(err, n, "listen %s: %s", path, strerror(errno));
    close(fd);
    unlink(path);
    return -1;
  }
  out->fd = fd;
  out->created_path = true;
  snprintf(out->path, sizeof(out->path), "%s", path);
  return 0;
}

static int open_tcp(const char *spec, struct cadre_listener *out, char *err, size_t n) {
  char host[64];
  int port = 0;
  const char *colon = strrchr(spec, ':');
  if (!colon || (size_t)(colon - spec) >= sizeof(host) ||
      (port = (int)parse_number(colon + 1, 1, 65535)) < 0) {
    snprintf(err, n, "listen tcp: expected tcp:HOST:PORT");
    return -1;
  }
  memcpy(host, spec, (size_t)(colon - spec));
  host[colon - spec] = '\0';
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
    snprintf(err, n, "listen tcp: bad address %s", host);
    return -1;
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    snprintf(err, n, "socket: %s", strerror(errno));
    return -1;
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, BACKLOG) != 0) {
    snprintf(err, n, "listen %s: %s", spec, strerror(errno));
    close(fd);
    return -1;
  }
  out->fd = fd;
  return 0;
}

int cadre_listen_open(const struct cadre_config *conf, struct cadre_listener *out, char *err, size_t errlen) {
  memset(out, 0, sizeof(*out));
  out->fd = -1;
  const char *spec = conf->listen;
  int rc;
  if (strncmp(spec, "fd:", 3) == 0) {
    out->fd = (int)parse_number(spec + 3, 0, 65535);
    rc = out->fd >= 0 && is_listening(out->fd) ? 0 : -1;
    if (rc)
      snprintf(err, errlen, "fd %d is not a listening socket", out->fd);
  } else if (strcmp(spec, "systemd") == 0) {
    const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
    if (parse_number(pid, 1, 0x7fffffff) != (long)getpid() || parse_number(fds, 1, 1024) < 1) {
      snprintf(err, errlen, "listen = systemd, but no socket was passed (LISTEN_FDS)");
      return -1;
    }
    out->fd = 3; /* SD_LISTEN_FDS_START */
    rc = is_listening(out->fd) ? 0 : -1;
    if (rc)
      snprintf(err, errlen, "systemd fd 3 is not a listening socket");
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
  } else if (strncmp(spec, "tcp:", 4) == 0) {
    rc = open_tcp(spec + 4, out, err, errlen);
  } else {
    char *path = cadre_config_path(conf, spec);
    rc = open_unix(conf, path, out, err, errlen);
    free(path);
  }
  if (rc == 0 && set_nonblock(out->fd) != 0) {
    snprintf(err, errlen, "cannot make the listening socket non-blocking: %s", strerror(errno));
    return -1;
  }
  return rc;
}

void cadre_listen_close(struct cadre_listener *l) {
  if (l->fd >= 0)
    close(l->fd);
  if (l->created_path)
    unlink(l->path);
  l->fd = -1;
}
