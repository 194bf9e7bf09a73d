/* Unit tests of configuration loading (lib/config.c) from temporary files:
 * defaults, refusals that name section, key and line, sizes, clamping,
 * unknown sections kept for plugins, and path resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char dir[256];  /* <tmp>/ (the root), holding conf/ */
static char path[300]; /* <tmp>/conf/cadre.conf */
static char err[1024];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof(dir), "%s/cadre-conf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(dir))
    return -1;
  char *real = realpath(dir, NULL); /* the loader reports the resolved root */
  snprintf(dir, sizeof(dir), "%s", real);
  free(real);
  char conf_dir[300];
  snprintf(conf_dir, sizeof(conf_dir), "%s/conf", dir);
  snprintf(path, sizeof(path), "%s/conf/cadre.conf", dir);
  return mkdir(conf_dir, 0700);
}

static int teardown(void **state) {
  (void)state;
  char p[300];
  unlink(path);
  snprintf(p, sizeof(p), "%s/conf", dir);
  rmdir(p);
  rmdir(dir);
  return 0;
}

/* Writes `text` as the config file and loads it. */
static struct cadre_config *load(const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  err[0] = '\0';
  return cadre_config_load(path, err, sizeof(err));
}

#define DB "[database]\nsocket = var/run/mariadb.sock\n"

static void expect_refused(const char *text, const char *needle) {
  struct cadre_config *c = load(text);
  if (c) {
    cadre_config_free(c);
    fail_msg("accepted:\n%s", text);
  }
  if (!strstr(err, needle))
    fail_msg("error \"%s\" does not mention \"%s\"", err, needle);
}

static void test_defaults(void **state) {
  (void)state;
  struct cadre_config *c = load(DB);
  assert_non_null(c);
  assert_string_equal(c->path, path);
  assert_string_equal(c->root, dir); /* the directory holding conf/ */
  assert_string_equal(c->listen, "var/run/cadre.sock");
  assert_int_equal(c->socket_mode, 0660);
  assert_string_equal(c->socket_group, "");
  assert_int_equal(c->threads, 32);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  assert_int_equal(c->workers, ncpu > 0 ? ncpu : 1); /* 0 = one per core */
  assert_int_equal(c->pool_size, 32);                /* 0 = one per thread */
  assert_int_equal(c->max_body_bytes, 33554432);
  assert_int_equal(c->max_fields, 512);
  assert_int_equal(c->max_files, 16);
  assert_int_equal(c->max_upload_bytes, 20971520);
  assert_string_equal(c->db_socket, "var/run/mariadb.sock");
  assert_string_equal(c->db_host, "");
  assert_int_equal(c->db_port, 3306);
  assert_string_equal(c->db_user, "cadre");
  assert_string_equal(c->db_name, "cadre");
  assert_int_equal(c->pool_wait_ms, 2000);
  assert_string_equal(c->plugins_dir, "build/plugins");
  assert_string_equal(c->plugins_enabled, "core");
  assert_string_equal(c->cookie_secure, "auto");
  assert_string_equal(c->cookie_name, "cadre_session");
  assert_int_equal(c->idle_minutes, 30);
  assert_int_equal(c->pwhash_opslimit, 2);
  assert_int_equal(c->pwhash_memlimit, 19456u * 1024u); /* configured in KiB */
  assert_string_equal(c->files_dir, "var/files");
  assert_int_equal(c->outbox_max_attempts, 8);
  assert_int_equal(c->public_rate_per_minute, 120);
  assert_false(c->log_debug);
  assert_false(c->allow_clock_override);
  assert_false(c->debug_routes);
  cadre_config_free(c);
}

static void test_values_sizes_and_booleans(void **state) {
  (void)state;
  struct cadre_config *c = load("; comment\n"
                                "[server]\n"
                                "workers = 3\n"
                                "threads = 8\n"
                                "socket_mode = 0600\n"
                                "max_body_bytes = 2M\n"
                                "max_query_bytes = 16k\n"
                                "max_params_bytes = 1G\n"
                                "max_fields = 100\n"
                                "[files]\n"
                                "max_upload_bytes = 512K\n"
                                "[database]\n"
                                "host = db.internal\n"
                                "port = 3307\n"
                                "pool_size = 4\n"
                                "[session]\n"
                                "cookie_secure = on\n"
                                "pwhash_memlimit_kib = 64M\n"
                                "[log]\n"
                                "level = debug\n"
                                "[dev]\n"
                                "allow_clock_override = yes\n"
                                "debug_routes = ON\n");
  assert_non_null(c);
  assert_int_equal(c->workers, 3);
  assert_int_equal(c->threads, 8);
  assert_int_equal(c->socket_mode, 0600);
  assert_int_equal(c->max_body_bytes, 2u << 20);
  assert_int_equal(c->max_query_bytes, 16u << 10);
  assert_int_equal(c->max_params_bytes, (size_t)1 << 30);
  assert_int_equal(c->max_fields, 100);
  assert_int_equal(c->max_upload_bytes, 512u << 10);
  assert_string_equal(c->db_host, "db.internal");
  assert_int_equal(c->db_port, 3307);
  assert_int_equal(c->pool_size, 4);
  assert_string_equal(c->cookie_secure, "on");
  assert_int_equal(c->pwhash_memlimit, (size_t)64 << 30); /* 64 Mi KiB */
  assert_true(c->log_debug);
  assert_true(c->allow_clock_override);
  assert_true(c->debug_routes);
  cadre_config_free(c);
}

static void test_pool_size_clamped_to_threads(void **state) {
  (void)state;
  struct cadre_config *c = load(DB "pool_size = 10\n[server]\nthreads = 4\n");
  assert_non_null(c);
  assert_int_equal(c->pool_size, 4);
  cadre_config_free(c);
  c = load(DB "pool_size = 2\n[server]\nthreads = 4\n");
  assert_int_equal(c->pool_size, 2);
  cadre_config_free(c);
  c = load(DB "pool_size = 0\n[server]\nthreads = 4\n");
  assert_int_equal(c->pool_size, 4);
  cadre_config_free(c);
}

static void test_unknown_key_in_core_section(void **state) {
  (void)state;
  /* the message names the file, the line, the section and the key */
  char want[400];
  snprintf(want, sizeof(want), "%s:4: [server] wrokers: unknown key", path);
  expect_refused(DB "[server]\nwrokers = 2\n", want);
  expect_refused("[session]\nidle_minutes = 5\ncookie_secur = on\n" DB,
                 "[session] cookie_secur: unknown key");
  expect_refused(DB "[log]\nlevel = verbose\n", "[log] level must be info or debug");
}

static void test_bad_values(void **state) {
  (void)state;
  expect_refused(DB "[server]\nworkers = 999\n", "workers must be at most 256");
  expect_refused(DB "[server]\nthreads = 0\n", "threads must be between 1 and 1024");
  expect_refused(DB "[server]\nthreads = 1025\n", "threads must be between 1 and 1024");
  expect_refused(DB "[session]\ncookie_secure = maybe\n", "cookie_secure must be auto, on or off");
  expect_refused(DB "[session]\nidle_minutes = 0\n", "idle_minutes");
  expect_refused(DB "[session]\npwhash_memlimit_kib = 4096\n", "pwhash limits");
  expect_refused("[server]\nthreads = 2\n", "[database] needs socket or host");
  static const struct {
    const char *text, *needle;
  } invalid[] = {
      {DB "[server]\nsocket_mode = 0999\n", "[server] socket_mode: invalid value '0999'"},
      {DB "[server]\nsocket_mode = 17777\n", "socket_mode: invalid value"},
      {DB "[server]\nsocket_mode = rw\n", "socket_mode: invalid value"},
      {DB "[server]\nthreads = abc\n", "[server] threads: invalid value 'abc'"},
      {DB "[server]\nthreads = -1\n", "threads: invalid value"},
      {DB "[server]\nthreads = 4x\n", "threads: invalid value"},
      {DB "[server]\nthreads = \n", "threads: invalid value"},
      {DB "port = 99999999999\n", "[database] port: invalid value"},
      {DB "[server]\nmax_body_bytes = 10X\n", "max_body_bytes: invalid value"},
      {DB "[server]\nmax_body_bytes = M\n", "max_body_bytes: invalid value"},
      {DB "[server]\nmax_body_bytes = 99999999999999999999\n", "max_body_bytes: invalid value"},
      {DB "[server]\nmax_body_bytes = 99999999999G\n", "max_body_bytes: invalid value"},
      {DB "[server]\nmax_body_bytes = -1\n", "max_body_bytes: invalid value"},
      {DB "[files]\nmax_upload_bytes = -5M\n", "max_upload_bytes: invalid value"},
      {DB "[dev]\nallow_clock_override = maybe\n", "[dev] allow_clock_override: invalid value"},
  };
  for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
    expect_refused(invalid[i].text, invalid[i].needle);
}

/* With several mistakes, the message is about the first one and its line. */
static void test_first_error_is_reported(void **state) {
  (void)state;
  char want[400];
  snprintf(want, sizeof(want), "%s:4: [server] wrokers: unknown key", path);
  expect_refused(DB "[server]\nwrokers = 2\nthreads = abc\nbogus = 1\n", want);
  snprintf(want, sizeof(want), "%s:5: [server] threads: invalid value 'abc'", path);
  expect_refused(DB "[server]\nthreads = 4\nthreads = abc\n[log]\nlevel = loud\n", want);
}

static void test_unreadable_and_syntax(void **state) {
  (void)state;
  char missing[400];
  snprintf(missing, sizeof(missing), "%s/conf/none.conf", dir);
  err[0] = '\0';
  assert_null(cadre_config_load(missing, err, sizeof(err)));
  assert_non_null(strstr(err, "cannot open"));
  assert_non_null(strstr(err, missing));
  char want[400];
  snprintf(want, sizeof(want), "%s:3: syntax error", path);
  expect_refused(DB "[server\n", want);
  snprintf(want, sizeof(want), "%s:3: syntax error", path);
  expect_refused(DB "just words\n", want);
}

static void test_unknown_sections_are_kept(void **state) {
  (void)state;
  struct cadre_config *c = load(DB "[webhooks]\n"
                                   "livestream = https://stream.example.vn/hook\n"
                                   "[tasks]\n"
                                   "reminder_days = 3\n"
                                   "reminder_days = 5\n"
                                   "Any_Key = Giá trị tiếng Việt\n"
                                   "[server]\n"
                                   "threads = 6\n");
  assert_non_null(c);
  assert_string_equal(cadre_config_get(c, "webhooks", "livestream"), "https://stream.example.vn/hook");
  assert_string_equal(cadre_config_get(c, "tasks", "reminder_days"), "5"); /* the last wins */
  assert_string_equal(cadre_config_get(c, "tasks", "Any_Key"), "Giá trị tiếng Việt");
  assert_string_equal(cadre_config_get(c, "server", "threads"), "6");
  assert_string_equal(cadre_config_get(c, "database", "socket"), "var/run/mariadb.sock");
  assert_null(cadre_config_get(c, "tasks", "any_key")); /* keys are case-sensitive */
  assert_null(cadre_config_get(c, "tasks", "missing"));
  assert_null(cadre_config_get(c, "missing", "livestream"));
  assert_null(cadre_config_get(c, "server", "workers")); /* defaults are not entries */
  cadre_config_free(c);
}

static void test_path_resolution(void **state) {
  (void)state;
  struct cadre_config *c = load(DB);
  assert_non_null(c);
  char want[400];
  char *p = cadre_config_path(c, c->files_dir);
  snprintf(want, sizeof(want), "%s/var/files", dir);
  assert_string_equal(p, want);
  free(p);
  p = cadre_config_path(c, "/var/lib/cadre/files");
  assert_string_equal(p, "/var/lib/cadre/files");
  free(p);
  assert_null(cadre_config_path(c, NULL));
  cadre_config_free(c);

  c = load("[server]\nroot = /srv/cadre\n" DB);
  assert_non_null(c);
  assert_string_equal(c->root, "/srv/cadre");
  p = cadre_config_path(c, c->db_socket);
  assert_string_equal(p, "/srv/cadre/var/run/mariadb.sock");
  free(p);
  cadre_config_free(c);
}

static void test_current_config(void **state) {
  (void)state;
  struct cadre_config *c = load(DB);
  cadre_config_set_current(c);
  assert_ptr_equal(cadre_config_current(), c);
  cadre_config_set_current(NULL);
  assert_null(cadre_config_current());
  cadre_config_free(c);
  cadre_config_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_values_sizes_and_booleans),
      cmocka_unit_test(test_pool_size_clamped_to_threads),
      cmocka_unit_test(test_unknown_key_in_core_section),
      cmocka_unit_test(test_bad_values),
      cmocka_unit_test(test_first_error_is_reported),
      cmocka_unit_test(test_unreadable_and_syntax),
      cmocka_unit_test(test_unknown_sections_are_kept),
      cmocka_unit_test(test_path_resolution),
      cmocka_unit_test(test_current_config),
  };
  return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
