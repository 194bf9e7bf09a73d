/* Unit tests of CSV reading and writing (lib/csv.c): BOM, separator
 * detection, RFC 4180 quoting, line counting, malformed records, the
 * too-many-fields resync, and the formula-injection guard on output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadre/export.h"

static cadre_arena *A;

static int setup(void **state) {
  (void)state;
  A = cadre_arena_new(0);
  return A ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  return 0;
}

static void init(cadre_csv *r, const char *s, char sep) { cadre_csv_init(r, s, strlen(s), sep); }

/* Reads one record and checks it field by field. */
static void expect_record(cadre_csv *r, long line, int n, ...) {
  char *f[16];
  int got = cadre_csv_next(r, A, f, 16);
  if (got != n)
    fail_msg("record at line %ld: %d fields, expected %d", line, got, n);
  assert_int_equal(r->line, line);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    const char *want = va_arg(ap, const char *);
    if (strcmp(f[i], want) != 0)
      fail_msg("line %ld field %d: \"%s\", expected \"%s\"", line, i, f[i], want);
  }
  va_end(ap);
}

static void expect_end(cadre_csv *r) {
  char *f[4];
  assert_int_equal(cadre_csv_next(r, A, f, 4), 0);
  assert_int_equal(cadre_csv_next(r, A, f, 4), 0);
}

static void test_simple_records_and_bom(void **state) {
  (void)state;
  cadre_csv r;
  init(&r, "\xEF\xBB\xBFHọ tên,Ngày sinh\nNguyễn Văn A,05/03/1990\nTrần B,\n", 0);
  assert_int_equal(r.sep, ',');
  expect_record(&r, 1, 2, "Họ tên", "Ngày sinh"); /* no BOM in the first field */
  expect_record(&r, 2, 2, "Nguyễn Văn A", "05/03/1990");
  expect_record(&r, 3, 2, "Trần B", "");
  expect_end(&r);
}

static void test_separator_detection(void **state) {
  (void)state;
  cadre_csv r;
  init(&r, "a;b;c\n1;2,5;3\n", 0);
  assert_int_equal(r.sep, ';');
  expect_record(&r, 1, 3, "a", "b", "c");
  expect_record(&r, 2, 3, "1", "2,5", "3");

  init(&r, "a\tb,c\tx\n", 0);
  assert_int_equal(r.sep, '\t');
  expect_record(&r, 1, 3, "a", "b,c", "x");

  /* the BOM does not hide the first line; only the first line counts */
  init(&r,
       "\xEF\xBB\xBF"
       "a,b\nc;d;e;f\n",
       0);
  assert_int_equal(r.sep, ',');

  /* nothing to count: comma */
  init(&r, "abc\n", 0);
  assert_int_equal(r.sep, ',');
  init(&r, "", 0);
  assert_int_equal(r.sep, ',');
  expect_end(&r);

  /* an explicit separator is used as given */
  init(&r, "a;b,c\n", ',');
  assert_int_equal(r.sep, ',');
  expect_record(&r, 1, 2, "a;b", "c");
}

static void test_quoting(void **state) {
  (void)state;
  cadre_csv r;
  init(&r,
       "\"Nguyễn, Văn A\",\"nói \"\"xin chào\"\"\",plain\n"
       "\"\",\"\"\"\",x\n"
       "\"a\"b,c\n",
       ',');
  expect_record(&r, 1, 3, "Nguyễn, Văn A", "nói \"xin chào\"", "plain");
  expect_record(&r, 2, 3, "", "\"", "x");
  expect_record(&r, 3, 2, "ab", "c"); /* text after the closing quote is kept */
  expect_end(&r);
}

static void test_newlines_inside_quotes_and_line_numbers(void **state) {
  (void)state;
  cadre_csv r;
  init(&r,
       "h1,h2\n"
       "1,\"dòng một\ndòng hai\ndòng ba\"\n"
       "2,x\n"
       "3,\"a\r\nb\"\r\n"
       "4,y\n",
       ',');
  expect_record(&r, 1, 2, "h1", "h2");
  char *f[4];
  assert_int_equal(cadre_csv_next(&r, A, f, 4), 2);
  assert_string_equal(f[1], "dòng một\ndòng hai\ndòng ba");
  /* the next record starts on line 5: the embedded newlines were counted */
  expect_record(&r, 5, 2, "2", "x");
  assert_int_equal(cadre_csv_next(&r, A, f, 4), 2);
  assert_string_equal(f[1], "a\r\nb"); /* kept verbatim inside quotes */
  expect_record(&r, 8, 2, "4", "y");
  expect_end(&r);
}

static void test_crlf_empty_fields_and_last_line(void **state) {
  (void)state;
  cadre_csv r;
  init(&r, "a,b\r\n,\r\n,,\r\n\r\nlast,no-newline", ',');
  expect_record(&r, 1, 2, "a", "b");
  expect_record(&r, 2, 2, "", "");
  expect_record(&r, 3, 3, "", "", "");
  expect_record(&r, 4, 1, ""); /* a blank line is one empty field */
  expect_record(&r, 5, 2, "last", "no-newline");
  expect_end(&r);

  init(&r, "x,", ',');
  expect_record(&r, 1, 2, "x", "");
  expect_end(&r);
}

static void test_unterminated_quote(void **state) {
  (void)state;
  cadre_csv r;
  init(&r, "ok,1\n\"never closed,2\n3,4\n", ',');
  expect_record(&r, 1, 2, "ok", "1");
  char *f[4];
  assert_int_equal(cadre_csv_next(&r, A, f, 4), -1);
  assert_int_equal(r.line, 2); /* where the broken record started */
  /* the rest of the input was swallowed by the open quote: nothing follows */
  assert_int_equal(cadre_csv_next(&r, A, f, 4), 0);

  init(&r, "\"", ',');
  assert_int_equal(cadre_csv_next(&r, A, f, 4), -1);
  init(&r, "a,\"b\"\"", ',');
  assert_int_equal(cadre_csv_next(&r, A, f, 4), -1);
}

static void test_too_many_fields_keeps_reader_in_sync(void **state) {
  (void)state;
  cadre_csv r;
  char *f[2];
  init(&r, "a,b\n1,2,3,4\nc,d\n", ',');
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 2);
  assert_int_equal(cadre_csv_next(&r, A, f, 2), -2);
  assert_int_equal(r.line, 2);
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 2);
  assert_int_equal(r.line, 3);
  assert_string_equal(f[0], "c");
  assert_string_equal(f[1], "d");
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 0);

  /* the extra fields hold quoted separators and newlines: the skip must
   * respect the quotes, or the next record would start inside one */
  init(&r, "1,2,\"x,\ny\",\"p\nq\"\nc,d\n\"e\nf\",g\n", ',');
  assert_int_equal(cadre_csv_next(&r, A, f, 2), -2);
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 2);
  assert_string_equal(f[0], "c");
  assert_string_equal(f[1], "d");
  assert_int_equal(r.line, 4);
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 2);
  assert_string_equal(f[0], "e\nf");
  assert_string_equal(f[1], "g");
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 0);

  /* an unterminated quote among the extra fields is still -1 */
  init(&r, "1,2,3,\"open\n", ',');
  int rc = cadre_csv_next(&r, A, f, 2);
  assert_true(rc == -1 || rc == -2);
  assert_int_equal(cadre_csv_next(&r, A, f, 2), 0);

  /* max 0 */
  init(&r, "a\n", ',');
  assert_int_equal(cadre_csv_next(&r, A, f, 0), -2);
  assert_int_equal(cadre_csv_next(&r, A, f, 0), 0);
}

/* ---- writing -------------------------------------------------------------- */

static const char *put(const char *field, char sep) {
  cadre_buf b;
  cadre_buf_init(&b, A);
  cadre_csv_put(&b, field, sep);
  return b.data;
}

static void test_put_quoting(void **state) {
  (void)state;
  assert_string_equal(put("Nguyễn Văn A", ','), "Nguyễn Văn A");
  assert_string_equal(put("", ','), "");
  assert_string_equal(put(NULL, ','), "");
  assert_string_equal(put("a,b", ','), "\"a,b\"");
  assert_string_equal(put("a,b", ';'), "a,b");
  assert_string_equal(put("a;b", ';'), "\"a;b\"");
  assert_string_equal(put("a\tb", '\t'), "\"a\tb\"");
  assert_string_equal(put("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
  assert_string_equal(put("two\nlines", ','), "\"two\nlines\"");
  assert_string_equal(put("cr\ronly", ','), "\"cr\ronly\"");
}

static void test_put_formula_guard(void **state) {
  (void)state;
  assert_string_equal(put("=1+2", ','), "\"'=1+2\"");
  assert_string_equal(put("=HYPERLINK(\"http://x\",\"y\")", ','),
                      "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  assert_string_equal(put("+84912345678", ','), "\"'+84912345678\"");
  assert_string_equal(put("@SUM(A1)", ','), "\"'@SUM(A1)\"");
  assert_string_equal(put("-cmd", ','), "\"'-cmd\"");
  assert_string_equal(put("- gạch đầu dòng", ','), "\"'- gạch đầu dòng\"");
  /* negative numbers stay numbers */
  assert_string_equal(put("-5", ','), "-5");
  assert_string_equal(put("-12.5", ','), "-12.5");
  assert_string_equal(put("-", ','), "-");
  /* a formula character later in the text is harmless */
  assert_string_equal(put("a=b", ','), "a=b");
  assert_string_equal(put("x@y.vn", ','), "x@y.vn");
}

static void test_put_then_read_round_trip(void **state) {
  (void)state;
  static const char *const fields[] = {"Đặng, Thị", "nói \"có\"", "a\nb", "", "-5", "thường"};
  enum { N = sizeof(fields) / sizeof(fields[0]) };
  cadre_buf b;
  cadre_buf_init(&b, A);
  for (int i = 0; i < N; i++) {
    if (i)
      cadre_buf_putc(&b, ';');
    cadre_csv_put(&b, fields[i], ';');
  }
  cadre_buf_puts(&b, "\r\n");
  cadre_csv r;
  cadre_csv_init(&r, b.data, b.len, ';');
  char *f[8];
  assert_int_equal(cadre_csv_next(&r, A, f, 8), N);
  for (int i = 0; i < N; i++)
    assert_string_equal(f[i], fields[i]);
  assert_int_equal(cadre_csv_next(&r, A, f, 8), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_simple_records_and_bom),
      cmocka_unit_test(test_separator_detection),
      cmocka_unit_test(test_quoting),
      cmocka_unit_test(test_newlines_inside_quotes_and_line_numbers),
      cmocka_unit_test(test_crlf_empty_fields_and_last_line),
      cmocka_unit_test(test_unterminated_quote),
      cmocka_unit_test(test_too_many_fields_keeps_reader_in_sync),
      cmocka_unit_test(test_put_quoting),
      cmocka_unit_test(test_put_formula_guard),
      cmocka_unit_test(test_put_then_read_round_trip),
  };
  return cmocka_run_group_tests_name("csv", tests, setup, teardown);
}
