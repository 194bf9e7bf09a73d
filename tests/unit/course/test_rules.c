/* Unit tests of the course module's time windows and state machines: every
 * boundary one second before, at, and after. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/course/course.h"

static int64_t at(const char *s) {
  int64_t v = 0;
  assert_true(course_dt_parse(s, &v));
  return v;
}

static void test_dt_parse_and_format(void **state) {
  (void)state;
  int64_t v;
  assert_true(course_dt_parse("2026-05-23 08:00:00", &v));
  char out[20];
  course_dt_format(v, out);
  assert_string_equal(out, "2026-05-23 08:00:00");
  assert_true(course_dt_parse("2026-05-23 08:00", &v));
  course_dt_format(v + 59 * 60 + 61, out);
  assert_string_equal(out, "2026-05-23 09:00:01");
  /* Across a month end and a leap day. */
  course_dt_format(at("2028-02-28 23:30:00") + 3600, out);
  assert_string_equal(out, "2028-02-29 00:30:00");
  assert_int_equal(at("2026-05-24 00:00:00") - at("2026-05-23 00:00:00"), 86400);
}

static void test_dt_parse_rejects(void **state) {
  (void)state;
  int64_t v;
  assert_false(course_dt_parse(NULL, &v));
  assert_false(course_dt_parse("", &v));
  assert_false(course_dt_parse("2026-05-23", &v));
  assert_false(course_dt_parse("2026-02-30 08:00:00", &v));
  assert_false(course_dt_parse("2026-05-23 24:00:00", &v));
  assert_false(course_dt_parse("2026-05-23 08:60:00", &v));
  assert_false(course_dt_parse("2026-05-23 08:00:00x", &v));
  assert_false(course_dt_parse("23/05/2026 08:00", &v));
}

static void test_registration_window(void **state) {
  (void)state;
  int64_t o = at("2026-05-15 00:00:00"), c = at("2026-05-22 17:00:00");
  assert_int_equal(course_window_at(o - 1, o, c), COURSE_BEFORE);
  assert_int_equal(course_window_at(o, o, c), COURSE_OPEN);
  assert_int_equal(course_window_at(c, o, c), COURSE_OPEN);
  assert_int_equal(course_window_at(c + 1, o, c), COURSE_AFTER);
}

static void test_essay_timing(void **state) {
  (void)state;
  int64_t open = at("2026-05-24 16:30:00"), due = at("2026-06-07 23:59:59"), cut = at("2026-06-14 23:59:59");
  assert_int_equal(course_essay_timing_at(open - 1, open, due, cut), COURSE_ESSAY_NOT_OPEN);
  assert_int_equal(course_essay_timing_at(open, open, due, cut), COURSE_ESSAY_ON_TIME);
  assert_int_equal(course_essay_timing_at(due, open, due, cut), COURSE_ESSAY_ON_TIME);
  assert_int_equal(course_essay_timing_at(due + 1, open, due, cut), COURSE_ESSAY_LATE);
  assert_int_equal(course_essay_timing_at(cut, open, due, cut), COURSE_ESSAY_LATE);
  assert_int_equal(course_essay_timing_at(cut + 1, open, due, cut), COURSE_ESSAY_CLOSED);
  /* Cut-off equal to the due date: no late window at all. */
  assert_int_equal(course_essay_timing_at(due + 1, open, due, due), COURSE_ESSAY_CLOSED);
}

static void test_checkin(void **state) {
  (void)state;
  int64_t s = at("2026-05-23 08:00:00"), e = at("2026-05-23 11:30:00");
  assert_int_equal(course_checkin_at(s - 3600 - 1, s, e, 60, 15), COURSE_CHECKIN_TOO_EARLY);
  assert_int_equal(course_checkin_at(s - 3600, s, e, 60, 15), COURSE_CHECKIN_PRESENT);
  assert_int_equal(course_checkin_at(s + 15 * 60, s, e, 60, 15), COURSE_CHECKIN_PRESENT);
  assert_int_equal(course_checkin_at(s + 15 * 60 + 1, s, e, 60, 15), COURSE_CHECKIN_LATE);
  assert_int_equal(course_checkin_at(e, s, e, 60, 15), COURSE_CHECKIN_LATE);
  assert_int_equal(course_checkin_at(e + 1, s, e, 60, 15), COURSE_CHECKIN_CLOSED);
}

static void test_mark_edit_window(void **state) {
  (void)state;
  int64_t s = at("2026-05-23 08:00:00"), e = at("2026-05-23 11:30:00");
  assert_int_equal(course_mark_edit_at(s - 3601, s, e, 60, 120), COURSE_MARK_TOO_EARLY);
  assert_int_equal(course_mark_edit_at(s, s, e, 60, 120), COURSE_MARK_OPEN);
  assert_int_equal(course_mark_edit_at(e + 120 * 60, s, e, 60, 120), COURSE_MARK_OPEN);
  assert_int_equal(course_mark_edit_at(e + 120 * 60 + 1, s, e, 60, 120), COURSE_MARK_PROVINCE_ONLY);
  assert_int_equal(course_mark_edit_at(e + 1, s, e, 60, 0), COURSE_MARK_PROVINCE_ONLY);
}

static void test_bridge_point_workflow(void **state) {
  (void)state;
  assert_string_equal(course_bp_next("submitted", "approve"), "approved");
  assert_string_equal(course_bp_next("submitted", "return"), "returned");
  assert_string_equal(course_bp_next("returned", "submit"), "submitted");
  assert_null(course_bp_next("approved", "approve"));
  assert_null(course_bp_next("approved", "return"));
  assert_null(course_bp_next("returned", "approve"));
  assert_null(course_bp_next("submitted", "submit"));
  assert_null(course_bp_next("draft", "approve"));
  assert_null(course_bp_next(NULL, "approve"));
  assert_null(course_bp_next("submitted", NULL));
}

static void test_essay_workflow(void **state) {
  (void)state;
  assert_string_equal(course_essay_next("submitted", "acknowledge"), "acknowledged");
  assert_string_equal(course_essay_next("submitted", "return"), "returned");
  assert_string_equal(course_essay_next("returned", "resubmit"), "submitted");
  assert_null(course_essay_next("acknowledged", "return"));
  assert_null(course_essay_next("acknowledged", "resubmit"));
  assert_null(course_essay_next("submitted", "resubmit"));
  assert_null(course_essay_next("returned", "acknowledge"));
}

static void test_levels_and_lines(void **state) {
  (void)state;
  assert_string_equal(course_level_of_kind("commune"), "commune");
  assert_string_equal(course_level_of_kind("province"), "province");
  assert_string_equal(course_level_of_kind("academy"), "academy");
  assert_null(course_level_of_kind("province_board"));
  assert_null(course_level_of_kind("political_school"));
  assert_null(course_level_of_kind(NULL));
  assert_true(course_line_ok("Nguyễn Văn An", 2, 200));
  assert_true(course_line_ok("  Lê Bá  ", 2, 200));
  assert_false(course_line_ok("A", 2, 200));
  assert_false(course_line_ok("Nguyễn\x01Văn", 2, 200));
  assert_false(course_line_ok("Nguyễn\nVăn", 2, 200));
  assert_false(course_line_ok("\xC3\x28", 0, 200)); /* invalid UTF-8 */
  /* Length is counted in code points, not bytes: 3 letters, 6+ bytes. */
  assert_true(course_line_ok("Đỗ Ý", 4, 4));
}

static void test_random_code(void **state) {
  (void)state;
  char a[11], b[11];
  course_random_code(a, 10);
  course_random_code(b, 10);
  assert_int_equal(strlen(a), 10);
  assert_string_not_equal(a, b);
  for (const char *p = a; *p; p++)
    assert_null(strchr("0O1IL", *p));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dt_parse_and_format),
      cmocka_unit_test(test_dt_parse_rejects),
      cmocka_unit_test(test_registration_window),
      cmocka_unit_test(test_essay_timing),
      cmocka_unit_test(test_checkin),
      cmocka_unit_test(test_mark_edit_window),
      cmocka_unit_test(test_bridge_point_workflow),
      cmocka_unit_test(test_essay_workflow),
      cmocka_unit_test(test_levels_and_lines),
      cmocka_unit_test(test_random_code),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
