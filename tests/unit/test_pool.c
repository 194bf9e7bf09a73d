/* Unit tests of the connection pool (lib/db_pool.c) without a database
 * server: a socket path that does not exist, and a socket that accepts but
 * never greets, to check the slot accounting, the deadline and that
 * concurrent getters do not deadlock. Anything needing a live server is in
 * the integration tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errmsg.h>
#include <mysqld_error.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "db_pool.h"

static struct cadre_config conf;
static char sock_path[108];

static void watchdog(int sig) {
  (void)sig;
  static const char msg[] = "test_pool: deadlock (watchdog fired)\n";
  ssize_t w = write(STDERR_FILENO, msg, sizeof(msg) - 1);
  (void)w;
  _exit(2);
}

static int setup(void **state) {
  (void)state;
  if (mysql_library_init(0, NULL, NULL) != 0)
    return -1;
  memset(&conf, 0, sizeof(conf));
  snprintf(sock_path, sizeof(sock_path), "/tmp/cadre-pool-%d.sock", (int)getpid());
  conf.root = "/";
  conf.db_socket = "/nonexistent/cadre-test/mysqld.sock";
  conf.db_host = "";
  conf.db_user = "cadre";
  conf.db_password = "";
  conf.db_name = "cadre";
  conf.connect_timeout = 5;
  conf.read_timeout = 30;
  conf.write_timeout = 30;
  conf.max_age_seconds = 3600;
  conf.ping_after_idle_seconds = 30;
  /* a hang is a failure, not a stuck CI job */
  signal(SIGALRM, watchdog);
  alarm(120);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  alarm(0);
  unlink(sock_path);
  mysql_library_end();
  return 0;
}

static void expect_idle(struct cadre_pool *p) {
  struct cadre_pool_stats s;
  cadre_pool_stats(p, &s);
  assert_int_equal(s.in_use, 0);
  assert_int_equal(s.open, 0);
}

static void test_connect_failure_releases_the_slot(void **state) {
  (void)state;
  struct cadre_pool *p = cadre_pool_new(&conf, 2);
  assert_non_null(p);
  struct cadre_pool_stats s;
  cadre_pool_stats(p, &s);
  assert_int_equal(s.size, 2);
  assert_int_equal(s.checkouts, 0);
  for (int i = 1; i <= 5; i++) {
    struct cadre_conn *c = (struct cadre_conn *)0x1;
    assert_int_equal(cadre_pool_get(p, 100, &c), CADRE_POOL_CONNECT_FAILED);
    assert_ptr_equal(c, (struct cadre_conn *)0x1); /* not written on failure */
    cadre_pool_stats(p, &s);
    assert_int_equal(s.in_use, 0);
    assert_int_equal(s.open, 0);
    assert_int_equal(s.connect_failures, i);
    assert_int_equal(s.timeouts, 0);
  }
  cadre_pool_free(p);
}

static void test_size_zero_means_one_and_put_null_is_safe(void **state) {
  (void)state;
  struct cadre_pool *p = cadre_pool_new(&conf, 0);
  struct cadre_pool_stats s;
  cadre_pool_stats(p, &s);
  assert_int_equal(s.size, 1);
  cadre_pool_put(p, NULL);
  cadre_pool_stats(p, &s);
  assert_int_equal(s.in_use, 0);
  assert_int_equal(s.open, 0);
  cadre_pool_free(p);
  cadre_pool_free(NULL);
  /* the process-wide pool pointer */
  struct cadre_pool *g = cadre_pool_new(&conf, 1);
  cadre_pool_set_global(g);
  assert_ptr_equal(cadre_pool_global(), g);
  cadre_pool_set_global(NULL);
  assert_null(cadre_pool_global());
  cadre_pool_free(g);
}

static void test_db_connect_reports_the_error(void **state) {
  (void)state;
  char err[512] = "";
  MYSQL *my = cadre_db_connect(&conf, err, sizeof(err));
  assert_null(my);
  char want[16];
  snprintf(want, sizeof(want), "%u ", (unsigned)CR_CONNECTION_ERROR);
  if (strncmp(err, want, strlen(want)) != 0)
    fail_msg("error \"%s\" does not start with %s", err, want);
}

/* ---- concurrency ----------------------------------------------------------- */

struct getter {
  struct cadre_pool *pool;
  int wait_ms;
  int rounds;
  int failed, timed_out, ok;
};

static void *get_loop(void *arg) {
  struct getter *g = arg;
  for (int i = 0; i < g->rounds; i++) {
    struct cadre_conn *c = NULL;
    switch (cadre_pool_get(g->pool, g->wait_ms, &c)) {
    case CADRE_POOL_OK:
      g->ok++;
      cadre_pool_put(g->pool, c);
      break;
    case CADRE_POOL_TIMEOUT: g->timed_out++; break;
    case CADRE_POOL_CONNECT_FAILED: g->failed++; break;
    }
  }
  return NULL;
}

/* Size 1, eight threads, every connect fails: each failure hands the slot to
 * a waiter, nobody waits for the deadline and nobody is left stuck. */
static void test_concurrent_getters_do_not_deadlock(void **state) {
  (void)state;
  struct cadre_pool *p = cadre_pool_new(&conf, 1);
  enum { T = 8, ROUNDS = 25 };
  pthread_t th[T];
  struct getter g[T];
  for (int i = 0; i < T; i++) {
    g[i] = (struct getter){.pool = p, .wait_ms = 60000, .rounds = ROUNDS};
    assert_int_equal(pthread_create(&th[i], NULL, get_loop, &g[i]), 0);
  }
  for (int i = 0; i < T; i++)
    pthread_join(th[i], NULL);
  int failed = 0;
  for (int i = 0; i < T; i++) {
    assert_int_equal(g[i].ok, 0);
    assert_int_equal(g[i].timed_out, 0);
    failed += g[i].failed;
  }
  assert_int_equal(failed, T * ROUNDS);
  struct cadre_pool_stats s;
  cadre_pool_stats(p, &s);
  assert_int_equal(s.connect_failures, T * ROUNDS);
  assert_int_equal(s.checkouts, T * ROUNDS);
  expect_idle(p);
  cadre_pool_free(p);
}

/* A server socket that accepts connections and never greets: a connect to
 * it holds its pool slot until the test closes the connection. */
static int listen_unix(void) {
  unlink(sock_path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock_path);
  assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
  assert_int_equal(listen(fd, 8), 0);
  return fd;
}

static void test_full_pool_times_out_then_recovers(void **state) {
  (void)state;
  int lfd = listen_unix();
  struct cadre_config c2 = conf;
  c2.db_socket = sock_path;
  struct cadre_pool *p = cadre_pool_new(&c2, 1);

  /* A takes the only slot and blocks in the handshake */
  struct getter a = {.pool = p, .wait_ms = 0, .rounds = 1};
  pthread_t ta;
  assert_int_equal(pthread_create(&ta, NULL, get_loop, &a), 0);
  int s1 = accept(lfd, NULL, NULL); /* returns once A is connecting */
  assert_true(s1 >= 0);
  struct cadre_pool_stats s;
  cadre_pool_stats(p, &s);
  assert_int_equal(s.open, 1); /* a slot being opened counts */
  assert_int_equal(s.in_use, 1);

  /* the pool is full: no wait allowed means an immediate timeout */
  struct cadre_conn *c = NULL;
  assert_int_equal(cadre_pool_get(p, 0, &c), CADRE_POOL_TIMEOUT);
  assert_null(c);
  cadre_pool_stats(p, &s);
  assert_int_equal(s.timeouts, 1);
  assert_int_equal(s.in_use, 1);

  /* B waits (long deadline) for the slot A holds */
  struct getter b = {.pool = p, .wait_ms = 60000, .rounds = 1};
  pthread_t tb;
  assert_int_equal(pthread_create(&tb, NULL, get_loop, &b), 0);

  /* A's handshake fails: the slot goes to B, which connects in turn */
  close(s1);
  pthread_join(ta, NULL);
  assert_int_equal(a.failed, 1);
  int s2 = accept(lfd, NULL, NULL);
  assert_true(s2 >= 0);
  close(s2);
  pthread_join(tb, NULL);
  assert_int_equal(b.failed, 1);
  assert_int_equal(b.timed_out, 0);

  cadre_pool_stats(p, &s);
  assert_int_equal(s.connect_failures, 2);
  assert_int_equal(s.timeouts, 1);
  expect_idle(p);
  cadre_pool_free(p);
  close(lfd);
  unlink(sock_path);
}

/* ---- error classification -------------------------------------------------- */

static void test_errno_is_lost(void **state) {
  (void)state;
  static const unsigned lost[] = {CR_SERVER_GONE_ERROR, CR_SERVER_LOST,          CR_CONNECTION_ERROR,
                                  CR_CONN_HOST_ERROR,   CR_SERVER_LOST_EXTENDED, ER_CONNECTION_KILLED,
                                  ER_SERVER_SHUTDOWN,   CR_COMMANDS_OUT_OF_SYNC};
  for (size_t i = 0; i < sizeof(lost) / sizeof(lost[0]); i++)
    if (!cadre_db_errno_is_lost(lost[i]))
      fail_msg("%u not classified as lost", lost[i]);
  static const unsigned not_lost[] = {0,
                                      ER_DUP_ENTRY,
                                      ER_LOCK_DEADLOCK,
                                      ER_LOCK_WAIT_TIMEOUT,
                                      ER_PARSE_ERROR,
                                      ER_NO_SUCH_TABLE,
                                      ER_ACCESS_DENIED_ERROR,
                                      ER_BAD_DB_ERROR,
                                      CR_OUT_OF_MEMORY,
                                      ER_DATA_TOO_LONG};
  for (size_t i = 0; i < sizeof(not_lost) / sizeof(not_lost[0]); i++)
    if (cadre_db_errno_is_lost(not_lost[i]))
      fail_msg("%u classified as lost", not_lost[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_connect_failure_releases_the_slot),
      cmocka_unit_test(test_size_zero_means_one_and_put_null_is_safe),
      cmocka_unit_test(test_db_connect_reports_the_error),
      cmocka_unit_test(test_concurrent_getters_do_not_deadlock),
      cmocka_unit_test(test_full_pool_times_out_then_recovers),
      cmocka_unit_test(test_errno_is_lost),
  };
  return cmocka_run_group_tests_name("pool", tests, setup, teardown);
}
