/*
 * A worker process runs `threads` request threads sharing one database pool.
 *
 * The threads take connections themselves and give libfcgi the connected
 * socket to read one request from. Why not FCGX_Accept_r's own accept: it
 * blocks in accept() with no way to be told to stop, and for unix sockets
 * it polls each new connection (up to 2 s) before reading it, all of which
 * would happen under the accept lock.
 *
 * One thread at a time (the one holding accept_lock) is the poller: it
 * waits in epoll on the listening socket, the wake pipe and every idle
 * kept connection, takes one connection with a request waiting — a new one
 * from the non-blocking listening socket, or a kept one that became
 * readable — lets go of the lock and reads and serves that request. So a
 * connection wakes one thread, not all, and a connection the web server
 * keeps open between requests (nginx: fastcgi_keep_conn with upstream
 * keepalive) pins no thread while it is idle: after the answer it goes back
 * into the epoll set (one-shot), and whichever thread polls next serves
 * its next request. Without keep-alive every connection is closed after
 * its answer, as before.
 *
 * SIGTERM writes to the pipe: every thread finishes the request it is
 * serving, sees the pipe readable and exits; idle kept connections close
 * with the process (nginx retries a request on a closed cached connection).
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
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "db_pool.h"
#include "dispatch.h"
#include "log.h"
#include "metrics.h"

#define ARENA_FIRST_BLOCK (64 * 1024)
#define THREAD_STACK (8u << 20) /* jansson recursion on deep JSON needs room */

#define READY_MAX 64

struct worker {
  const struct cadre_config *conf;
  int listen_fd;
  int wake[2];
  int epfd; /* listening socket, wake pipe, idle kept connections */
  /* Under accept_lock: kept connections epoll reported readable and no
   * thread has taken yet, and whether the listening socket was. */
  int ready[READY_MAX];
  int nready;
  bool listen_ready;
  int index;
  bool tcp; /* TCP listener: answers go out without Nagle's delay */
  atomic_bool stopping;
  pthread_mutex_t accept_lock; /* one poller per process: no herd */
  struct cadre_pool *pool;
};

/* Waits for the listening socket, a kept connection or the wake pipe, and
 * notes what is ready. Returns 0 when told to stop. Called under
 * accept_lock. */
static int wait_ready(struct worker *w) {
  struct epoll_event ev[READY_MAX];
  while (!atomic_load(&w->stopping)) {
    int n = epoll_wait(w->epfd, ev, READY_MAX - w->nready, 1000);
    if (n < 0 && errno != EINTR)
      return 0;
    for (int i = 0; i < n; i++) {
      int fd = ev[i].data.fd;
      if (fd == w->wake[0])
        return 0;
      if (fd == w->listen_fd)
        w->listen_ready = true;
      else
        w->ready[w->nready++] = fd;
    }
    if (n > 0)
      return 1;
  }
  return 0;
}

static void no_delay(struct worker *w, int fd) {
  if (w->tcp) {
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
}

/* The next connection with a request to read, or -1 when the worker is told
 * to stop: a kept connection that became readable first (it was waiting
 * already), else a new one. */
static int next_connection(struct worker *w) {
  pthread_mutex_lock(&w->accept_lock);
  int fd = -1;
  while (!atomic_load(&w->stopping)) {
    if (w->nready > 0) {
      fd = w->ready[--w->nready];
      break;
    }
    if (w->listen_ready) {
      fd = accept4(w->listen_fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd >= 0) {
        no_delay(w, fd);
        cadre_metrics_accepted(w->index);
        break;
      }
      if (errno == EMFILE || errno == ENFILE) {
        /* Out of descriptors: back off instead of spinning on a ready socket. */
        cadre_logf("warn", "accept: %s", strerror(errno));
        usleep(100000);
        continue;
      }
      /* EAGAIN (another process took it), or a connection that failed
       * while queued (ECONNABORTED, …) */
      if (errno != EINTR)
        w->listen_ready = false;
      continue;
    }
    if (!wait_ready(w))
      break;
  }
  pthread_mutex_unlock(&w->accept_lock);
  return fd;
}

/* A kept connection goes back into the epoll set until its next request. */
static bool keep_watching(struct worker *w, int fd) {
  struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = fd};
  if (epoll_ctl(w->epfd, EPOLL_CTL_MOD, fd, &ev) == 0)
    return true;
  return errno == ENOENT && epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev) == 0;
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

/* Ends the request. Returns the connection's fd when it stays open for the
 * web server's next request (it asked, with FCGI_KEEP_CONN, and the input
 * was read to its end), else -1: closed.
 *
 * Before closing, libfcgi shuts the socket down and then waits, up to 2 s,
 * for the web server to close its end, so that input still unread cannot
 * turn into a reset that loses the answer; the thread sits idle for that
 * time. When the input has been read to its end (a short tail is read
 * here: GETs carry only the end-of-input record) nothing can be unread,
 * and the socket is simply closed. */
static int finish_request(struct worker *w, FCGX_Request *fr) {
  enum { TAIL_MAX = 64 * 1024 };
  char buf[4096];
  size_t read_total = 0;
  while (!fr->in->isClosed && read_total < TAIL_MAX) {
    int n = FCGX_GetStr(buf, (int)sizeof buf, fr->in);
    if (n <= 0)
      break;
    read_total += (size_t)n;
  }
  bool read_all = fr->in->isClosed && !FCGX_GetError(fr->in);
  int fd = fr->ipcFd;
  /* keepConnection now holds the web server's FCGI_KEEP_CONN flag */
  fr->keepConnection = fr->keepConnection && read_all && !atomic_load(&w->stopping);
  fr->detached = read_all;
  FCGX_Finish_r(fr); /* closes unless kept (or an output error) */
  if (fr->ipcFd < 0)
    return -1;
  fr->ipcFd = -1; /* the request object serves other connections next */
  if (keep_watching(w, fd))
    return fd;
  close(fd);
  return -1;
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
    finish_request(w, &fr);
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
  w.epfd = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event lev = {.events = EPOLLIN, .data.fd = listen_fd};
  struct epoll_event wev = {.events = EPOLLIN, .data.fd = w.wake[0]};
  if (w.epfd < 0 || epoll_ctl(w.epfd, EPOLL_CTL_ADD, listen_fd, &lev) != 0 ||
      epoll_ctl(w.epfd, EPOLL_CTL_ADD, w.wake[0], &wev) != 0)
    return 1;
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
