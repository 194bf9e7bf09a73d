/*
 * A worker process runs `threads` accept threads sharing one database pool.
 *
 * FCGX_Accept_r blocks in accept() with no timeout, so a thread waiting in
 * it could never be told to stop. Instead one thread at a time (the one
 * holding accept_lock) polls the non-blocking listening socket together with
 * a wake pipe; when a connection is ready it calls FCGX_Accept_r, which gets
 * it or, if another process took it first, fails with EAGAIN and goes back
 * to polling. SIGTERM writes to the wake pipe: every thread finishes the
 * request it is serving, sees the pipe readable and exits.
 *
 * One thread serves one FastCGI connection at a time and libfcgi keeps a
 * thread bound to a kept-alive connection, which is why the shipped web
 * server configurations do not keep FastCGI connections alive.
 */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_pool.h"
#include "dispatch.h"
#include "log.h"
#include "metrics.h"

#define ARENA_FIRST_BLOCK (64 * 1024)
#define THREAD_STACK (8u << 20) /* jansson recursion on deep JSON needs room */

struct worker {
  const struct cadre_config *conf;
  int listen_fd;
  int wake[2];
  int index;
  atomic_bool stopping;
  pthread_mutex_t accept_lock;
  struct cadre_pool *pool;
};

/* Waits until the socket is readable or the worker is told to stop.
 * Returns 1 readable, 0 stop. */
static int wait_readable(struct worker *w) {
  struct pollfd fds[2] = {{.fd = w->listen_fd, .events = POLLIN}, {.fd = w->wake[0], .events = POLLIN}};
  for (;;) {
    if (atomic_load(&w->stopping))
      return 0;
    int n = poll(fds, 2, 1000);
    if (n < 0 && errno != EINTR)
      return 0;
    if (fds[1].revents)
      return 0;
    if (n > 0 && (fds[0].revents & POLLIN))
      return 1;
  }
}

/* Accepts the next request; 1 got one, 0 stop. Under load a connection is
 * usually already queued, so the socket (non-blocking) is tried first and
 * polled only when it has nothing: one poll(2) less per request. */
static int accept_next(struct worker *w, FCGX_Request *fr) {
  pthread_mutex_lock(&w->accept_lock);
  int got = 0;
  while (!atomic_load(&w->stopping)) {
    int rc = FCGX_Accept_r(fr);
    if (rc == 0) {
      got = 1;
      break;
    }
    if (rc == -EMFILE || rc == -ENFILE) {
      /* Out of descriptors: back off instead of spinning on a ready socket. */
      cadre_logf("warn", "accept: %s", strerror(-rc));
      usleep(100000);
      continue;
    }
    /* EAGAIN: nothing queued, or another process won the race; anything
     * else: a connection that failed before its params arrived. Either
     * way, wait until the socket is readable again (or we are stopped). */
    if (!wait_readable(w))
      break;
  }
  pthread_mutex_unlock(&w->accept_lock);
  return got;
}

static void *serve(void *arg) {
  struct worker *w = arg;
  FCGX_Request fr;
  FCGX_InitRequest(&fr, w->listen_fd, 0);
  cadre_arena *arena = cadre_arena_new(ARENA_FIRST_BLOCK);
  if (!arena)
    return NULL;
  while (accept_next(w, &fr)) {
    cadre_dispatch(&fr, arena, w->conf);
    FCGX_Finish_r(&fr);
    cadre_arena_reset(arena);
  }
  FCGX_Free(&fr, 1);
  cadre_arena_free(arena);
  return NULL;
}

/* The main thread waits for SIGTERM/SIGINT (blocked in every thread). */
static void wait_for_stop(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) == 0 && (sig == SIGTERM || sig == SIGINT))
      return;
  }
}

int cadre_worker_main(const struct cadre_config *conf, int listen_fd, int index) {
  struct worker w = {.conf = conf, .listen_fd = listen_fd, .index = index};
  if (pipe2(w.wake, O_CLOEXEC) != 0)
    return 1;
  pthread_mutex_init(&w.accept_lock, NULL);
  w.pool = cadre_pool_new(conf, conf->pool_size);
  if (!w.pool)
    return 1;
  cadre_pool_set_global(w.pool);
  cadre_metrics_worker(index, (int)getpid(), conf->pool_size, 0, 0);
  /* The pool keeps its gauges itself: no lock or getpid() per request. */
  cadre_pool_publish_to(w.pool, index);
  int nthreads = conf->threads;
  pthread_t *threads = calloc((size_t)nthreads, sizeof(pthread_t));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, THREAD_STACK);
  int started = 0;
  for (int i = 0; i < nthreads; i++)
    if (pthread_create(&threads[i], &attr, serve, &w) == 0)
      started++;
  pthread_attr_destroy(&attr);
  cadre_logf("info", "worker %d ready: %d threads, pool %d", index, started, conf->pool_size);
  wait_for_stop();
  cadre_logf("info", "worker %d draining", index);
  atomic_store(&w.stopping, true);
  ssize_t wr = write(w.wake[1], "x", 1);
  (void)wr;
  for (int i = 0; i < started; i++)
    pthread_join(threads[i], NULL);
  free(threads);
  cadre_pool_free(w.pool);
  cadre_pool_set_global(NULL);
  cadre_logf("info", "worker %d stopped", index);
  return 0;
}
