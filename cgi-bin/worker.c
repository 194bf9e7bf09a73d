/*
 * A worker process runs `threads` accept threads sharing one database pool.
 *
 * The threads accept connections themselves and give libfcgi the connected
 * socket to read the request from. Why not FCGX_Accept_r's own accept: it
 * blocks in accept() with no way to be told to stop, and for unix sockets
 * it polls each new connection (up to 2 s) before reading it, all of which
 * would happen under the accept lock. Here one thread at a time (the one
 * holding accept_lock) takes the next connection from the non-blocking
 * listening socket, polling it together with a wake pipe when nothing is
 * queued (one poller per process, so a connection wakes one thread, not
 * all), and reads the request after letting go of the lock. SIGTERM writes
 * to the pipe: every thread finishes the request it is serving, sees the
 * pipe readable and exits.
 *
 * One thread serves one FastCGI connection at a time and closes it after
 * the answer, which is why the shipped web server configurations do not
 * keep FastCGI connections alive.
 */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <mysql.h>
#include <poll.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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
  bool tcp; /* TCP listener: answers go out without Nagle's delay */
  atomic_bool stopping;
  pthread_mutex_t accept_lock; /* one poller per process: no herd */
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

/* The next connection, or -1 when the worker is told to stop. Under load
 * a connection is usually already queued, so the socket is tried first and
 * polled only when it has nothing (or another thread or process took it). */
static int next_connection(struct worker *w) {
  pthread_mutex_lock(&w->accept_lock);
  int fd = -1;
  while (!atomic_load(&w->stopping)) {
    fd = accept4(w->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd >= 0)
      break;
    if (errno == EMFILE || errno == ENFILE) {
      /* Out of descriptors: back off instead of spinning on a ready socket. */
      cadre_logf("warn", "accept: %s", strerror(errno));
      usleep(100000);
      continue;
    }
    /* EAGAIN, or a connection that failed while queued (ECONNABORTED, …):
     * wait until the socket is readable again (or we are stopped). */
    if (errno != EINTR && !wait_readable(w))
      break;
  }
  pthread_mutex_unlock(&w->accept_lock);
  if (fd >= 0 && w->tcp) {
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return fd;
}

/* Reads the request on connection fd into fr; 0 when one arrived. libfcgi
 * reads from fr->ipcFd when it is open; keepConnection keeps the leading
 * FCGX_Finish_r of FCGX_Accept_r from closing it, and listen_sock is -1 so
 * that a connection closed before its request makes FCGX_Accept_r return
 * an error (having closed fd) instead of accepting on its own. */
static int read_request(FCGX_Request *fr, int fd) {
  fr->ipcFd = fd;
  fr->keepConnection = 1;
  return FCGX_Accept_r(fr);
}

/* Ends the request and closes its connection (one request per connection,
 * even when the web server asked to keep it: a kept connection would pin
 * this thread). libfcgi's close shuts the socket down and then waits, up
 * to 2 s, for the web server to close its end, so that input still unread
 * cannot turn into a reset that loses the answer; the thread sits idle for
 * that time. When the input has been read to its end (a short tail is read
 * here: GETs carry only the end-of-input record) nothing can be unread,
 * and the socket is simply closed. */
static void finish_request(FCGX_Request *fr) {
  enum { TAIL_MAX = 64 * 1024 };
  char buf[4096];
  size_t read_total = 0;
  while (!fr->in->isClosed && read_total < TAIL_MAX) {
    int n = FCGX_GetStr(buf, (int)sizeof buf, fr->in);
    if (n <= 0)
      break;
    read_total += (size_t)n;
  }
  fr->keepConnection = 0;
  fr->detached = fr->in->isClosed && !FCGX_GetError(fr->in);
  FCGX_Finish_r(fr);
}

static void *serve(void *arg) {
  struct worker *w = arg;
  FCGX_Request fr;
  FCGX_InitRequest(&fr, -1, 0);
  cadre_arena *arena = cadre_arena_new(ARENA_FIRST_BLOCK);
  if (!arena)
    return NULL;
  int fd;
  while ((fd = next_connection(w)) >= 0) {
    if (read_request(&fr, fd) != 0)
      continue; /* closed or malformed before a request: libfcgi closed it */
    cadre_dispatch(&fr, arena, w->conf);
    finish_request(&fr);
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
  struct sockaddr_storage addr;
  socklen_t addr_len = sizeof addr;
  w.tcp = getsockname(listen_fd, (struct sockaddr *)&addr, &addr_len) == 0 &&
          (addr.ss_family == AF_INET || addr.ss_family == AF_INET6);
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
