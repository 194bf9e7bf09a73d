/* Unit tests of the SQL script runner (lib/sql_script.c) without a server.
 *
 * cadre_sql_run_script() only talks to MariaDB through mysql_real_query(),
 * mysql_store_result(), mysql_next_result(), mysql_errno() and
 * mysql_error(). This test binary defines those five functions itself: the
 * executable's definitions come first in symbol lookup, so libcadre's calls
 * land here (link-time interposition) and the fake records every statement
 * the splitter sends. Also covered: cadre_read_file() and cadre_sql_files(). */
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

#include "sql_script.h"

/* ---- the fake server ------------------------------------------------------ */

#define MAX_SENT 32
static char *sent[MAX_SENT];
static int nsent;
static unsigned fake_errno;

static void fake_reset(void) {
  for (int i = 0; i < nsent; i++)
    free(sent[i]);
  nsent = 0;
  fake_errno = 0;
}

/* A statement containing "FAIL" fails with a syntax error. */
int mysql_real_query(MYSQL *my, const char *q, unsigned long len) {
  (void)my;
  assert_true(nsent < MAX_SENT);
  sent[nsent] = strndup(q, len);
  assert_int_equal(strlen(sent[nsent]), len); /* no NUL inside */
  fake_errno = strstr(sent[nsent], "FAIL") ? 1064 : 0;
  nsent++;
  return fake_errno ? 1 : 0;
}
MYSQL_RES *mysql_store_result(MYSQL *my) { return (void)my, NULL; }
int mysql_next_result(MYSQL *my) { return (void)my, -1; }
unsigned int mysql_errno(MYSQL *my) { return (void)my, fake_errno; }
const char *mysql_error(MYSQL *my) {
  return (void)my, fake_errno ? "You have an error in your SQL syntax" : "";
}

static MYSQL *const MY = (MYSQL *)0x10; /* never dereferenced by the fake */

static char err[512];

static int run(const char *text) {
  fake_reset();
  err[0] = '\0';
  return cadre_sql_run_script(MY, text, strlen(text), err, sizeof(err));
}

static int teardown(void **state) {
  (void)state;
  fake_reset();
  return 0;
}

/* ---- splitting -------------------------------------------------------------- */

static void test_statements_split_at_line_end(void **state) {
  (void)state;
  assert_int_equal(run("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n"), 0);
  assert_int_equal(nsent, 2);
  assert_string_equal(sent[0], "CREATE TABLE a (x INT)");
  assert_string_equal(sent[1], "INSERT INTO a VALUES (1)");

  /* a statement over several lines is sent whole */
  assert_int_equal(run("CREATE TABLE t (\n  id INT,\n  name TEXT\n);\n"), 0);
  assert_int_equal(nsent, 1);
  assert_string_equal(sent[0], "CREATE TABLE t (\n  id INT,\n  name TEXT\n)");

  /* a ';' that does not end its line does not end the statement */
  assert_int_equal(run("INSERT INTO t VALUES ('a;b');\nINSERT INTO t VALUES ('c');\n"), 0);
  assert_int_equal(nsent, 2);
  assert_string_equal(sent[0], "INSERT INTO t VALUES ('a;b')");
  assert_int_equal(run("UPDATE t SET a = 1; -- not a terminator\nDELETE FROM t;\n"), 0);
  assert_int_equal(nsent, 1);
  assert_string_equal(sent[0], "UPDATE t SET a = 1; -- not a terminator\nDELETE FROM t");

  /* blanks and CR after the ';', no final newline */
  assert_int_equal(run("SELECT 1;  \t\r\nSELECT 2;\r\nSELECT 3;"), 0);
  assert_int_equal(nsent, 3);
  assert_string_equal(sent[0], "SELECT 1");
  assert_string_equal(sent[1], "SELECT 2");
  assert_string_equal(sent[2], "SELECT 3");
}

static void test_comments_and_blank_scripts(void **state) {
  (void)state;
  /* a comment line ending in ';' is not a terminator */
  assert_int_equal(run("-- create it;\n  -- really;\nCREATE TABLE c (x INT);\n"), 0);
  assert_int_equal(nsent, 1);
  assert_string_equal(sent[0], "-- create it;\n  -- really;\nCREATE TABLE c (x INT)");
  /* nothing but comments and blank lines: nothing is sent, no error */
  assert_int_equal(run(""), 0);
  assert_int_equal(nsent, 0);
  assert_int_equal(run("\n\n   \n-- only a comment\n\t-- another;\n\r\n"), 0);
  assert_int_equal(nsent, 0);
  /* trailing comments after the last statement are fine */
  assert_int_equal(run("SELECT 1;\n\n-- the end\n"), 0);
  assert_int_equal(nsent, 1);
}

static void test_missing_terminator(void **state) {
  (void)state;
  assert_int_equal(run("SELECT 1;\n\nSELECT 2\n-- trailing\n"), -1);
  assert_int_equal(nsent, 1); /* the complete statement ran */
  assert_string_equal(err, "statement at line 3 has no terminating ';'");
  assert_int_equal(run("SELECT 1"), -1);
  assert_string_equal(err, "statement at line 1 has no terminating ';'");
  assert_int_equal(nsent, 0);
}

static void test_failing_statement_stops_the_script(void **state) {
  (void)state;
  const char *script = "CREATE TABLE a (x INT);\n"    /* 1 */
                       "INSERT INTO a\n"              /* 2 */
                       "VALUES (1);\n"                /* 3 */
                       "FAIL TO PARSE;\n"             /* 4 */
                       "INSERT INTO a VALUES (2);\n"; /* 5 */
  assert_int_equal(run(script), -1);
  assert_int_equal(nsent, 3); /* nothing after the failure */
  assert_string_equal(sent[2], "FAIL TO PARSE");
  assert_string_equal(err, "statement at line 4: 1064 You have an error in your SQL syntax");
}

/* The line reported is where the statement's text starts, not the blank
 * lines or comments before it. */
static void test_error_line_skips_leading_comments(void **state) {
  (void)state;
  const char *script = "-- 0007_widgets.sql\n"      /* 1 */
                       "-- Widgets for the demo.\n" /* 2 */
                       "\n"                         /* 3 */
                       "FAIL CREATE TABLE w (\n"    /* 4 */
                       "  id INT\n"                 /* 5 */
                       ");\n";                      /* 6 */
  assert_int_equal(run(script), -1);
  assert_string_equal(err, "statement at line 4: 1064 You have an error in your SQL syntax");
  script = "SELECT 1;\n" /* 1 */
           "\n"          /* 2 */
           "-- next\n"   /* 3 */
           "FAIL 2;\n";  /* 4 */
  assert_int_equal(run(script), -1);
  assert_string_equal(err, "statement at line 4: 1064 You have an error in your SQL syntax");
  assert_int_equal(run("SELECT 1;\n\n-- a comment\nSELECT 2\n"), -1);
  assert_string_equal(err, "statement at line 4 has no terminating ';'");
}

/* ---- files ------------------------------------------------------------------ */

static char dir[256];

static void write_file(const char *name, const char *data, size_t len) {
  char p[512];
  snprintf(p, sizeof(p), "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
}

static int files_setup(void **state) {
  (void)state;
  snprintf(dir, sizeof(dir), "/tmp/cadre-sql-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int files_teardown(void **state) {
  (void)state;
  char cmd[512];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_read_file(void **state) {
  (void)state;
  /* sizes around the reader's first buffer (64 KiB) */
  static const size_t sizes[] = {0, 1, 65534, 65535, 65536, 65537, 300000};
  for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
    size_t n = sizes[i];
    char *data = malloc(n + 1);
    for (size_t k = 0; k < n; k++)
      data[k] = (char)('a' + (k * 7 + i) % 26);
    write_file("f.sql", data, n);
    char p[512];
    snprintf(p, sizeof(p), "%s/f.sql", dir);
    size_t len = 12345;
    char *got = cadre_read_file(p, &len);
    assert_non_null(got);
    assert_int_equal(len, n);
    assert_memory_equal(got, data, n);
    assert_int_equal(got[n], '\0');
    free(got);
    free(data);
  }
  char p[512];
  snprintf(p, sizeof(p), "%s/missing.sql", dir);
  assert_null(cadre_read_file(p, NULL));
  assert_null(cadre_read_file(dir, NULL)); /* a directory cannot be read */
}

static void test_sql_files_sorted_and_filtered(void **state) {
  (void)state;
  char sub[512];
  snprintf(sub, sizeof(sub), "%s/m", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  char saved[256];
  snprintf(saved, sizeof(saved), "%s", dir);
  snprintf(dir, sizeof(dir), "%.250s", sub);
  /* empty directory: an empty list, not NULL */
  char **list = cadre_sql_files(dir);
  assert_non_null(list);
  assert_null(list[0]);
  cadre_free_list(list);
  /* 20 migrations (more than the first allocation) plus files to ignore */
  for (int i = 20; i >= 1; i--) {
    char name[32];
    snprintf(name, sizeof(name), "%04d_step.sql", i);
    write_file(name, "SELECT 1;\n", 10);
  }
  write_file(".0000_hidden.sql", "", 0);
  write_file("notes.txt", "", 0);
  write_file("0021_old.sql.bak", "", 0);
  write_file(".sql", "", 0);
  write_file("0021_upper.SQL", "", 0);
  list = cadre_sql_files(dir);
  assert_non_null(list);
  int n = 0;
  for (; list[n]; n++) {
    char want[32];
    snprintf(want, sizeof(want), "%04d_step.sql", n + 1);
    assert_string_equal(list[n], want);
  }
  assert_int_equal(n, 20);
  cadre_free_list(list);
  cadre_free_list(NULL);
  snprintf(dir, sizeof(dir), "%.250s", saved);
  snprintf(sub, sizeof(sub), "%s/none", dir);
  assert_null(cadre_sql_files(sub));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_statements_split_at_line_end, teardown),
      cmocka_unit_test_teardown(test_comments_and_blank_scripts, teardown),
      cmocka_unit_test_teardown(test_missing_terminator, teardown),
      cmocka_unit_test_teardown(test_failing_statement_stops_the_script, teardown),
      cmocka_unit_test_teardown(test_error_line_skips_leading_comments, teardown),
      cmocka_unit_test(test_read_file),
      cmocka_unit_test(test_sql_files_sorted_and_filtered),
  };
  return cmocka_run_group_tests_name("sql_script", tests, files_setup, files_teardown);
}
