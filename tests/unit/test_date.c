/* Unit tests of calendar dates (lib/date.c): the accepted spellings, leap
 * years, rejections, day counting round trips, arithmetic, period ends,
 * formatting and the Vietnam (UTC+7) date of a moment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadre/date.h"

static cadre_date D(int y, int m, int d) { return (cadre_date){y, m, d}; }

static void expect_date(const char *s, int y, int m, int d) {
  cadre_date out = {0, 0, 0};
  if (!cadre_date_parse(s, &out))
    fail_msg("cadre_date_parse(\"%s\") refused", s);
  if (out.y != y || out.m != m || out.d != d)
    fail_msg("cadre_date_parse(\"%s\") = %d-%d-%d, expected %d-%d-%d", s, out.y, out.m, out.d, y, m, d);
}

static void test_parse_forms(void **state) {
  (void)state;
  expect_date("2024-03-05", 2024, 3, 5);
  expect_date("05/03/2024", 2024, 3, 5);
  expect_date("5/3/2024", 2024, 3, 5);
  expect_date("5/03/2024", 2024, 3, 5);
  expect_date("05-03-2024", 2024, 3, 5);
  expect_date("05.03.2024", 2024, 3, 5);
  expect_date("31/12/2099", 2099, 12, 31);
  expect_date("01/01/1900", 1900, 1, 1);
  expect_date("2200-12-31", 2200, 12, 31);
}

static void test_parse_leap_years(void **state) {
  (void)state;
  expect_date("29/02/2000", 2000, 2, 29); /* divisible by 400 */
  expect_date("29/02/2024", 2024, 2, 29);
  expect_date("2028-02-29", 2028, 2, 29);
  cadre_date out;
  assert_false(cadre_date_parse("29/02/1900", &out)); /* divisible by 100 */
  assert_false(cadre_date_parse("29/02/2100", &out));
  assert_false(cadre_date_parse("2023-02-29", &out));
  assert_false(cadre_date_parse("29.02.2025", &out));
  assert_int_equal(cadre_days_in_month(2000, 2), 29);
  assert_int_equal(cadre_days_in_month(1900, 2), 28);
  assert_int_equal(cadre_days_in_month(2100, 2), 28);
  assert_int_equal(cadre_days_in_month(2024, 2), 29);
  assert_int_equal(cadre_days_in_month(2023, 2), 28);
  assert_int_equal(cadre_days_in_month(2024, 4), 30);
  assert_int_equal(cadre_days_in_month(2024, 12), 31);
  assert_int_equal(cadre_days_in_month(2024, 0), 0);
  assert_int_equal(cadre_days_in_month(2024, 13), 0);
}

static void test_parse_rejects(void **state) {
  (void)state;
  static const char *const bad[] = {
      "",
      "31/02/2024",
      "30/02/2024",
      "31/04/2024",
      "00/01/2024",
      "01/00/2024",
      "01/13/2024",
      "2024-13-01",
      "2024-00-10",
      "2024-01-32",
      "2024-1-05",
      "2024-01-5",
      "24-01-05",
      "01/02/24",
      "01/02/20245",
      "2024-01-05x",
      "05/03/2024 ",
      " 05/03/2024",
      "05/03-2024",
      "05.03/2024",
      "05/03/2024/",
      "001/02/2024",
      "01/002/2024",
      "1/2/",
      "abc",
      "//2024",
      "05\\03\\2024",
      "31/12/1899",
      "01/01/2201",
      "2024/03/05",
      "2024-03-05T00:00",
      "2024-03",
      "-1/03/2024",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    cadre_date out = {7, 7, 7};
    if (cadre_date_parse(bad[i], &out))
      fail_msg("cadre_date_parse(\"%s\") accepted as %d-%d-%d", bad[i], out.y, out.m, out.d);
  }
  cadre_date out;
  assert_false(cadre_date_parse(NULL, &out));
  assert_false(cadre_date_valid(2024, 2, 30));
  assert_true(cadre_date_valid(2024, 2, 29));
  assert_false(cadre_date_valid(2024, 0, 1));
  assert_false(cadre_date_valid(2024, 1, 0));
}

static void test_days_known_values(void **state) {
  (void)state;
  assert_int_equal(cadre_date_days(D(1970, 1, 1)), 0);
  assert_int_equal(cadre_date_days(D(1970, 1, 2)), 1);
  assert_int_equal(cadre_date_days(D(1969, 12, 31)), -1);
  assert_int_equal(cadre_date_days(D(2000, 1, 1)), 10957);
  assert_int_equal(cadre_date_days(D(2000, 3, 1)), 11017);
  assert_int_equal(cadre_date_days(D(1900, 1, 1)), -25567);
  cadre_date d = cadre_date_from_days(19723);
  assert_int_equal(d.y, 2024);
  assert_int_equal(d.m, 1);
  assert_int_equal(d.d, 1);
}

/* Walks every day from 1900-01-01 to 2200-12-31 and checks that the day
 * count goes up by one, round-trips, and matches a naive calendar. */
static void test_days_round_trip(void **state) {
  (void)state;
  cadre_date d = D(1900, 1, 1);
  int64_t n = cadre_date_days(d);
  int count = 0;
  while (d.y <= 2200) {
    cadre_date back = cadre_date_from_days(n);
    if (back.y != d.y || back.m != d.m || back.d != d.d)
      fail_msg("day %lld: from_days gave %d-%d-%d, expected %d-%d-%d", (long long)n, back.y, back.m, back.d,
               d.y, d.m, d.d);
    if (cadre_date_days(d) != n)
      fail_msg("%d-%d-%d: days %lld, expected %lld", d.y, d.m, d.d, (long long)cadre_date_days(d),
               (long long)n);
    assert_true(cadre_date_valid(d.y, d.m, d.d));
    /* naive next day */
    if (++d.d > cadre_days_in_month(d.y, d.m)) {
      d.d = 1;
      if (++d.m > 12) {
        d.m = 1;
        d.y++;
      }
    }
    n++;
    count++;
  }
  /* 301 years, 73 leap years (1900 and 2100 are not) */
  assert_int_equal(count, 301 * 365 + 73);
}

static void test_add_diff_cmp(void **state) {
  (void)state;
  cadre_date d = cadre_date_add(D(2024, 2, 28), 1);
  assert_true(d.y == 2024 && d.m == 2 && d.d == 29);
  d = cadre_date_add(D(2023, 2, 28), 1);
  assert_true(d.y == 2023 && d.m == 3 && d.d == 1);
  d = cadre_date_add(D(2024, 1, 1), -1);
  assert_true(d.y == 2023 && d.m == 12 && d.d == 31);
  d = cadre_date_add(D(2024, 12, 31), 1);
  assert_true(d.y == 2025 && d.m == 1 && d.d == 1);
  d = cadre_date_add(D(2024, 3, 15), 0);
  assert_true(d.y == 2024 && d.m == 3 && d.d == 15);
  d = cadre_date_add(D(2024, 1, 31), 30);
  assert_true(d.y == 2024 && d.m == 3 && d.d == 1);
  d = cadre_date_add(D(2024, 1, 1), 366);
  assert_true(d.y == 2025 && d.m == 1 && d.d == 1);

  assert_int_equal(cadre_date_diff(D(2024, 1, 1), D(2025, 1, 1)), 366);
  assert_int_equal(cadre_date_diff(D(2023, 1, 1), D(2024, 1, 1)), 365);
  assert_int_equal(cadre_date_diff(D(2025, 1, 1), D(2024, 1, 1)), -366);
  assert_int_equal(cadre_date_diff(D(2024, 5, 5), D(2024, 5, 5)), 0);
  assert_int_equal(cadre_date_diff(D(1900, 2, 28), D(1900, 3, 1)), 1);
  assert_int_equal(cadre_date_diff(D(2100, 2, 28), D(2100, 3, 1)), 1);
  assert_int_equal(cadre_date_diff(D(2000, 2, 28), D(2000, 3, 1)), 2);

  assert_int_equal(cadre_date_cmp(D(2024, 1, 1), D(2024, 1, 2)), -1);
  assert_int_equal(cadre_date_cmp(D(2024, 1, 2), D(2024, 1, 1)), 1);
  assert_int_equal(cadre_date_cmp(D(2024, 1, 1), D(2024, 1, 1)), 0);
  assert_int_equal(cadre_date_cmp(D(2023, 12, 31), D(2024, 1, 1)), -1);
}

static void test_period_ends(void **state) {
  (void)state;
  static const int q_end[5][2] = {{0, 0}, {3, 31}, {6, 30}, {9, 30}, {12, 31}};
  for (int q = 1; q <= 4; q++) {
    cadre_date e = cadre_quarter_end(2024, q);
    assert_int_equal(e.y, 2024);
    assert_int_equal(e.m, q_end[q][0]);
    assert_int_equal(e.d, q_end[q][1]);
  }
  cadre_date e = cadre_month_end(2024, 2);
  assert_true(e.y == 2024 && e.m == 2 && e.d == 29);
  e = cadre_month_end(2100, 2);
  assert_int_equal(e.d, 28);
  e = cadre_month_end(2025, 11);
  assert_int_equal(e.d, 30);
  e = cadre_month_end(2025, 1);
  assert_int_equal(e.d, 31);
}

static void test_formatting(void **state) {
  (void)state;
  char buf[11];
  memset(buf, 'x', sizeof(buf));
  cadre_date_iso(D(2024, 3, 5), buf);
  assert_string_equal(buf, "2024-03-05");
  memset(buf, 'x', sizeof(buf));
  cadre_date_vn(D(2024, 3, 5), buf);
  assert_string_equal(buf, "05/03/2024");
  cadre_date_iso(D(1900, 12, 31), buf);
  assert_string_equal(buf, "1900-12-31");
  cadre_date_vn(D(2200, 1, 1), buf);
  assert_string_equal(buf, "01/01/2200");
  /* parse ∘ format is the identity */
  cadre_date back;
  cadre_date_vn(D(2028, 2, 29), buf);
  assert_true(cadre_date_parse(buf, &back));
  assert_true(back.y == 2028 && back.m == 2 && back.d == 29);
}

static time_t utc(int y, int m, int d, int hh, int mm, int ss) {
  return (time_t)(cadre_date_days(D(y, m, d)) * 86400 + hh * 3600 + mm * 60 + ss);
}

static void test_vietnam_midnight_boundary(void **state) {
  (void)state;
  /* 17:00 UTC is midnight in Vietnam */
  cadre_date d = cadre_date_of(utc(2024, 1, 1, 16, 59, 59));
  assert_true(d.y == 2024 && d.m == 1 && d.d == 1);
  d = cadre_date_of(utc(2024, 1, 1, 17, 0, 0));
  assert_true(d.y == 2024 && d.m == 1 && d.d == 2);
  /* across a year end */
  d = cadre_date_of(utc(2024, 12, 31, 16, 59, 59));
  assert_true(d.y == 2024 && d.m == 12 && d.d == 31);
  d = cadre_date_of(utc(2024, 12, 31, 17, 0, 0));
  assert_true(d.y == 2025 && d.m == 1 && d.d == 1);
  /* early in the UTC day it is already the same Vietnam day */
  d = cadre_date_of(utc(2024, 6, 15, 0, 0, 0));
  assert_true(d.y == 2024 && d.m == 6 && d.d == 15);
  /* before the epoch the rounding goes down, not towards zero */
  d = cadre_date_of((time_t)(-7 * 3600 - 1));
  assert_true(d.y == 1969 && d.m == 12 && d.d == 31);
  d = cadre_date_of((time_t)(-7 * 3600));
  assert_true(d.y == 1970 && d.m == 1 && d.d == 1);
  d = cadre_date_of((time_t)-1);
  assert_true(d.y == 1970 && d.m == 1 && d.d == 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_forms),
      cmocka_unit_test(test_parse_leap_years),
      cmocka_unit_test(test_parse_rejects),
      cmocka_unit_test(test_days_known_values),
      cmocka_unit_test(test_days_round_trip),
      cmocka_unit_test(test_add_diff_cmp),
      cmocka_unit_test(test_period_ends),
      cmocka_unit_test(test_formatting),
      cmocka_unit_test(test_vietnam_midnight_boundary),
  };
  return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
