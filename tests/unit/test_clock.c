/* Unit tests of the business clock text forms (lib/clock.c): parsing and
 * formatting in Vietnam time (UTC+7) round-trip, and malformed moments are
 * refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"

static time_t utc(int y, int m, int d, int hh, int mm, int ss) {
  return (time_t)(cadre_date_days((cadre_date){y, m, d}) * 86400 + hh * 3600 + mm * 60 + ss);
}

static void test_parse_is_vietnam_time(void **state) {
  (void)state;
  time_t t = 0;
  assert_true(cadre_clock_parse("2024-01-02", &t));
  assert_int_equal(t, utc(2024, 1, 1, 17, 0, 0)); /* midnight in Hanoi */
  assert_true(cadre_clock_parse("2024-01-02 00:00", &t));
  assert_int_equal(t, utc(2024, 1, 1, 17, 0, 0));
  assert_true(cadre_clock_parse("2024-01-01 23:59:59", &t));
  assert_int_equal(t, utc(2024, 1, 1, 16, 59, 59));
  assert_true(cadre_clock_parse("2024-06-15T08:30", &t));
  assert_int_equal(t, utc(2024, 6, 15, 1, 30, 0));
  assert_true(cadre_clock_parse("2024-06-15T08:30:45", &t));
  assert_int_equal(t, utc(2024, 6, 15, 1, 30, 45));
  assert_true(cadre_clock_parse("1970-01-01 07:00:00", &t));
  assert_int_equal(t, 0);
}

static void test_format(void **state) {
  (void)state;
  char out[20];
  cadre_clock_format(0, out);
  assert_string_equal(out, "1970-01-01 07:00:00");
  cadre_clock_format(utc(2024, 1, 1, 16, 59, 59), out);
  assert_string_equal(out, "2024-01-01 23:59:59");
  cadre_clock_format(utc(2024, 1, 1, 17, 0, 0), out);
  assert_string_equal(out, "2024-01-02 00:00:00");
  cadre_clock_format(utc(2028, 2, 28, 17, 30, 5), out);
  assert_string_equal(out, "2028-02-29 00:30:05");
  cadre_clock_format((time_t)-1, out); /* before the epoch */
  assert_string_equal(out, "1970-01-01 06:59:59");
  cadre_clock_format((time_t)(-7 * 3600 - 1), out);
  assert_string_equal(out, "1969-12-31 23:59:59");
}

static void test_round_trip(void **state) {
  (void)state;
  /* every 7 hours 13 minutes 17 seconds over about three years */
  char out[20];
  for (time_t t = utc(2023, 12, 25, 0, 0, 0); t < utc(2027, 1, 1, 0, 0, 0); t += 7 * 3600 + 13 * 60 + 17) {
    cadre_clock_format(t, out);
    time_t back = 0;
    if (!cadre_clock_parse(out, &back) || back != t)
      fail_msg("round trip of %lld via \"%s\" gave %lld", (long long)t, out, (long long)back);
  }
}

static void test_parse_rejects(void **state) {
  (void)state;
  static const char *const bad[] = {
      "",
      "2024",
      "2024-01-0",
      "2024-13-01",
      "2024-02-30",
      "2024-01-01x",
      "2024-01-01 ",
      "2024-01-01 24:00",
      "2024-01-01 12:60",
      "2024-01-01 12:00:60",
      "2024-01-01 12",
      "2024-01-01 12:",
      "2024-01-01 12:00:",
      "2024-01-01 12:00:00Z",
      "2024-01-01 12:00:00+07:00",
      "2024-01-01_12:00",
      "2024-01-01 -1:00",
      "2024-01-01 ab:cd",
      "2024-01-01 12:00:00.5",
      /* sscanf's %d would take signs and skip blanks: none of these is a time */
      "2024-01-01 +1:00",
      "2024-01-01 12:+5",
      "2024-01-01 12:00:+5",
      "2024-01-01 -0:30",
      "2024-01-01  12:00",
      "2024-01-01 12: 05",
      "2024-01-01 12:00: 05",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    time_t t = 12345;
    if (cadre_clock_parse(bad[i], &t))
      fail_msg("cadre_clock_parse(\"%s\") accepted (%lld)", bad[i], (long long)t);
    assert_int_equal(t, 12345);
  }
  time_t t;
  assert_false(cadre_clock_parse(NULL, &t));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_is_vietnam_time),
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_parse_rejects),
  };
  return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
