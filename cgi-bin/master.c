/*
 * The master process runs no requests. It loads the configuration and the
 * plugins, opens the socket, forks the workers and then only watches:
 *   - a worker that dies is replaced (with a growing delay if it keeps dying
 *     at once, so a crashing plugin does not spin the machine);
 *   - SIGTERM/SIGINT: workers drain (finish their requests), then exit; any
 *     still busy after [server] drain_seconds is killed;
 *   - SIGHUP: configuration and plugins are loaded again here, a new
 *     generation of workers is started with them, and the old generation is
 *     told to drain — plugins are never dlclose()d under live threads.
 */
#include "master.h"

#include <errno.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "listen.h"
#include "log.h"
#include "metrics.h"
#include "plugin_loader.h"
#include "worker.h"

#define MAX_WORKERS 256

struct slot {
  pid_t pid;
  int generation;
  time_t started;
  int quick_deaths; /* consecutive deaths within a second of starting */
  time_t respawn_at;
};

struct master {
  const char *conf_path;
  struct cadre_config *conf;
  struct cadre_plugins plugins;
  struct cadre_listener listener;
  struct slot slots[MAX_WORKERS];
  int nslots;
  int generation;
  pid_t retiring[MAX_WORKERS * 4]; /* old-generation workers draining */
  int nretiring;
};

static void noop(int sig) { (void)sig; }

static void write_pidfile(const struct cadre_config *c) {
  char *path = cadre_config_path(c, c->pidfile);
  FILE *f = path ? fopen(path, "w") : NULL;
  if (f) {
    fprintf(f, "%d\n", (int)getpid());
    fclose(f);
  } else {
    cadre_logf("warn", "cannot write pid file %s", path ? path : "?");
  }
  free(path);
}

static void remove_pidfile(const struct cadre_config *c) {
  char *path = cadre_config_path(c, c->pidfile);
  if (path)
    unlink(path);
  free(path);
}

static pid_t spawn(struct master *m, int index) {
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  /* child: signals stay blocked; the worker's main thread sigwaits */
  cadre_log_set_debug(m->conf->log_debug);
  int rc = cadre_worker_main(m->conf, m->listener.fd, index);
  _exit(rc);
}

static void start_generation(struct master *m) {
  m->generation++;
  m->nslots = m->conf->workers > MAX_WORKERS ? MAX_WORKERS : m->conf->workers;
  for (int i = 0; i < m->nslots; i++) {
    m->slots[i] = (struct slot){.generation = m->generation, .started = time(NULL)};
    m->slots[i].pid = spawn(m, i);
    if (m->slots[i].pid < 0)
      cadre_logf("error", "fork worker %d: %s", i, strerror(errno));
  }
}

static int setup_plugins(struct cadre_config *conf, struct cadre_plugins *pl) {
  cadre_plugins_load(conf, pl);
  cadre_plugins_init(pl, conf);
  cadre_plugins_register(pl);
  if (cadre_metrics_init(pl->total_routes, (const char *const *)pl->route_labels) != 0)
    cadre_logf("warn", "metrics disabled: cannot map shared memory");
  return 0;
}

static void reap(struct master *m, bool stopping) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    for (int i = 0; i < m->nretiring; i++)
      if (m->retiring[i] == pid) {
        m->retiring[i] = m->retiring[--m->nretiring];
        pid = 0;
        break;
      }
    if (pid == 0)
      continue;
    for (int i = 0; i < m->nslots; i++) {
      struct slot *s = &m->slots[i];
      if (s->pid != pid)
        continue;
      s->pid = 0;
      if (stopping)
        break;
      if (WIFSIGNALED(status))
        cadre_logf("error", "worker %d (pid %d) killed by signal %d; replacing it", i, (int)pid,
                   WTERMSIG(status));
      else
        cadre_logf("error", "worker %d (pid %d) exited with %d; replacing it", i, (int)pid,
                   WEXITSTATUS(status));
      time_t now = time(NULL);
      s->quick_deaths = (now - s->started <= 1) ? s->quick_deaths + 1 : 0;
      int delay = s->quick_deaths > 5 ? 5 : s->quick_deaths;
      s->respawn_at = now + delay;
    }
  }
}

static void respawn_due(struct master *m) {
  time_t now = time(NULL);
  for (int i = 0; i < m->nslots; i++) {
    struct slot *s = &m->slots[i];
    if (s->pid == 0 && s->respawn_at <= now) {
      s->started = now;
      s->pid = spawn(m, i);
    }
  }
}

static void reload(struct master *m) {
  char err[512];
  struct cadre_config *next = cadre_config_load(m->conf_path, err, sizeof(err));
  if (!next) {
    cadre_logf("error", "reload refused, keeping the running configuration: %s", err);
    return;
  }
  if (strcmp(next->listen, m->conf->listen) != 0)
    cadre_logf("warn", "reload: [server] listen changed; it takes effect at the next restart");
  for (int i = 0; i < m->nslots; i++)
    if (m->slots[i].pid > 0 && m->nretiring < (int)(sizeof(m->retiring) / sizeof(m->retiring[0]))) {
      m->retiring[m->nretiring++] = m->slots[i].pid;
      m->slots[i].pid = 0;
    }
  /* The master runs no requests, so it may unload and load plugins here. */
  cadre_plugins_unload(&m->plugins);
  struct cadre_config *old = m->conf;
  char *keep_listen = strdup(old->listen);
  m->conf = next;
  free(m->conf->listen);
  m->conf->listen = keep_listen;
  cadre_config_set_current(m->conf);
  cadre_log_set_debug(m->conf->log_debug);
  setup_plugins(m->conf, &m->plugins);
  start_generation(m);
  for (int i = 0; i < m->nretiring; i++)
    kill(m->retiring[i], SIGTERM);
  cadre_config_free(old);
  cadre_logf("info", "reloaded: generation %d", m->generation);
}

static void drain_all(struct master *m) {
  for (int i = 0; i < m->nslots; i++)
    if (m->slots[i].pid > 0)
      kill(m->slots[i].pid, SIGTERM);
  for (int i = 0; i < m->nretiring; i++)
    kill(m->retiring[i], SIGTERM);
  time_t deadline = time(NULL) + m->conf->drain_seconds;
  for (;;) {
    reap(m, true);
    bool alive = m->nretiring > 0;
    for (int i = 0; i < m->nslots; i++)
      alive = alive || m->slots[i].pid > 0;
    if (!alive)
      return;
    if (time(NULL) >= deadline) {
      cadre_logf("warn", "drain deadline passed; killing the workers still busy");
      for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid > 0)
          kill(m->slots[i].pid, SIGKILL);
      for (int i = 0; i < m->nretiring; i++)
        kill(m->retiring[i], SIGKILL);
      deadline = time(NULL) + 5;
    }
    usleep(50000);
  }
}

static int init_process(void) {
  signal(SIGPIPE, SIG_IGN);
  /* Own (no-op) handlers first, so libfcgi does not install its own. */
  struct sigaction sa = {.sa_handler = noop};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGCHLD, &sa, NULL);
  if (sodium_init() < 0 || mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0)
    return -1;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGUSR1);
  return sigprocmask(SIG_BLOCK, &set, NULL);
}

int cadre_master_run(const char *conf_path) {
  struct master m = {.conf_path = conf_path};
  char err[512];
  m.conf = cadre_config_load(conf_path, err, sizeof(err));
  if (!m.conf) {
    cadre_logf("error", "configuration: %s", err);
    return 1;
  }
  cadre_config_set_current(m.conf);
  cadre_log_set_debug(m.conf->log_debug);
  if (init_process() != 0) {
    cadre_logf("error", "cannot initialise libraries");
    return 1;
  }
  if (cadre_listen_open(m.conf, &m.listener, err, sizeof(err)) != 0) {
    cadre_logf("error", "listen: %s", err);
    return 1;
  }
  setup_plugins(m.conf, &m.plugins);
  write_pidfile(m.conf);
  start_generation(&m);
  cadre_logf("info", "cadre %s serving on %s with %d workers x %d threads", CADRE_VERSION, m.conf->listen,
             m.nslots, m.conf->threads);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGCHLD);
  for (;;) {
    struct timespec tick = {.tv_sec = 1};
    int sig = sigtimedwait(&set, NULL, &tick);
    if (sig == SIGTERM || sig == SIGINT) {
      cadre_logf("info", "stopping: draining workers");
      break;
    }
    if (sig == SIGHUP)
      reload(&m);
    reap(&m, false);
    respawn_due(&m);
  }
  drain_all(&m);
  cadre_listen_close(&m.listener);
  remove_pidfile(m.conf);
  cadre_plugins_unload(&m.plugins);
  cadre_config_free(m.conf);
  mysql_library_end();
  cadre_logf("info", "stopped");
  return 0;
}
