/* The deadline grammar: every form the programme uses, its variants
 * (case, accents, spacing, separators), and malformed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/tasks/tasks.h"

static cadre_arena *arena;

static int setup(void **state) {
  (void)state;
  arena = cadre_arena_new(1 << 14);
  return 0;
}
static int teardown(void **state) {
  (void)state;
  cadre_arena_free(arena);
  return 0;
}

static tasks_deadline parse(const char *text) {
  tasks_deadline d;
  tasks_deadline_parse(arena, text, &d);
  return d;
}

/* Asserts a fixed deadline: kind, start and due as yyyy-mm-dd. */
static void expect_fixed(const char *text, enum tasks_dl_kind kind, const char *start, const char *due,
                         bool ongoing) {
  tasks_deadline d = parse(text);
  char s[11], e[11];
  if (d.kind != kind)
    fail_msg("“%s”: kind %s, expected %s", text, tasks_dl_kind_code(d.kind), tasks_dl_kind_code(kind));
  assert_true(d.has_due);
  cadre_date_iso(d.start, s);
  cadre_date_iso(d.due, e);
  assert_string_equal(s, start);
  assert_string_equal(e, due);
  assert_int_equal(d.ongoing, ongoing);
}

static void expect_kind(const char *text, enum tasks_dl_kind kind) {
  tasks_deadline d = parse(text);
  if (d.kind != kind)
    fail_msg("“%s”: kind %s, expected %s", text, tasks_dl_kind_code(d.kind), tasks_dl_kind_code(kind));
}

static void expect_invalid(const char *text, const char *message_part) {
  tasks_deadline d = parse(text);
  if (d.kind != TASKS_DL_INVALID)
    fail_msg("“%s”: kind %s, expected invalid", text, tasks_dl_kind_code(d.kind));
  assert_false(d.has_due);
  if (!strstr(d.error, message_part))
    fail_msg("“%s”: message “%s” lacks “%s”", text, d.error, message_part);
}

static void test_month(void **state) {
  (void)state;
  expect_fixed("Tháng 4/2026", TASKS_DL_MONTH, "2026-04-01", "2026-04-30", false);
  expect_fixed("Tháng 02/2026", TASKS_DL_MONTH, "2026-02-01", "2026-02-28", false);
  expect_fixed("Tháng 2/2028", TASKS_DL_MONTH, "2028-02-01", "2028-02-29", false);
  expect_fixed("Tháng 12/2026", TASKS_DL_MONTH, "2026-12-01", "2026-12-31", false);
  expect_fixed("tháng 10 năm 2026", TASKS_DL_MONTH, "2026-10-01", "2026-10-31", false);
  expect_fixed("THÁNG 7-2026", TASKS_DL_MONTH, "2026-07-01", "2026-07-31", false);
  expect_fixed("Thang 6/2026", TASKS_DL_MONTH, "2026-06-01", "2026-06-30", false);
  expect_fixed("  Tháng   9 / 2026 . ", TASKS_DL_MONTH, "2026-09-01", "2026-09-30", false);
  expect_fixed("Trước tháng 5/2026", TASKS_DL_MONTH, "2026-05-01", "2026-05-31", false);
  expect_fixed("Chậm nhất tháng 11/2026", TASKS_DL_MONTH, "2026-11-01", "2026-11-30", false);
  expect_fixed("3/2026", TASKS_DL_MONTH, "2026-03-01", "2026-03-31", false);
  expect_fixed("Tháng 4/2026 (dự kiến)", TASKS_DL_MONTH, "2026-04-01", "2026-04-30", false);
}

static void test_quarter(void **state) {
  (void)state;
  expect_fixed("Quý I/2026", TASKS_DL_QUARTER, "2026-01-01", "2026-03-31", false);
  expect_fixed("Quý II/2026", TASKS_DL_QUARTER, "2026-04-01", "2026-06-30", false);
  expect_fixed("Quý III/2026", TASKS_DL_QUARTER, "2026-07-01", "2026-09-30", false);
  expect_fixed("Quý IV/2026", TASKS_DL_QUARTER, "2026-10-01", "2026-12-31", false);
  expect_fixed("quý iv năm 2027", TASKS_DL_QUARTER, "2027-10-01", "2027-12-31", false);
  expect_fixed("Quy 2/2026", TASKS_DL_QUARTER, "2026-04-01", "2026-06-30", false);
  expect_fixed("QUÝ I - 2027", TASKS_DL_QUARTER, "2027-01-01", "2027-03-31", false);
}

static void test_year_and_range(void **state) {
  (void)state;
  expect_fixed("Năm 2027", TASKS_DL_YEAR, "2027-01-01", "2027-12-31", false);
  expect_fixed("năm 2029", TASKS_DL_YEAR, "2029-01-01", "2029-12-31", false);
  expect_fixed("2026", TASKS_DL_YEAR, "2026-01-01", "2026-12-31", false);
  expect_fixed("2026-2030", TASKS_DL_RANGE, "2026-01-01", "2030-12-31", false);
  expect_fixed("2026 - 2029", TASKS_DL_RANGE, "2026-01-01", "2029-12-31", false);
  expect_fixed("2026–2030", TASKS_DL_RANGE, "2026-01-01", "2030-12-31", false);
  expect_fixed("Giai đoạn 2026-2031", TASKS_DL_RANGE, "2026-01-01", "2031-12-31", false);
  expect_fixed("2026-2026", TASKS_DL_RANGE, "2026-01-01", "2026-12-31", false);
}

static void test_half_year(void **state) {
  (void)state;
  expect_fixed("6 tháng đầu năm 2026", TASKS_DL_HALF, "2026-01-01", "2026-06-30", false);
  expect_fixed("Sáu tháng cuối năm 2026", TASKS_DL_HALF, "2026-07-01", "2026-12-31", false);
  expect_fixed("Trước 6 tháng cuối năm 2027 và thực hiện thường xuyên", TASKS_DL_HALF, "2027-07-01",
               "2027-12-31", true);
  expect_invalid("6 tháng đầu năm 1990", "1990");
  expect_kind("6 tháng đầu năm", TASKS_DL_UNPARSED);
  expect_kind("16 tháng đầu năm 2026", TASKS_DL_UNPARSED);
  expect_kind("6 tháng giữa năm 2026", TASKS_DL_UNPARSED);
}

static void test_day(void **state) {
  (void)state;
  expect_fixed("30/6/2026", TASKS_DL_DAY, "2026-06-30", "2026-06-30", false);
  expect_fixed("Trước ngày 15/03/2026", TASKS_DL_DAY, "2026-03-15", "2026-03-15", false);
  expect_fixed("29/02/2028", TASKS_DL_DAY, "2028-02-29", "2028-02-29", false);
}

static void test_ongoing(void **state) {
  (void)state;
  tasks_deadline d = parse("Thực hiện thường xuyên");
  assert_int_equal(d.kind, TASKS_DL_ONGOING);
  assert_true(d.ongoing);
  assert_false(d.has_due);
  expect_kind("Thường xuyên", TASKS_DL_ONGOING);
  expect_kind("THỰC HIỆN THƯỜNG XUYÊN", TASKS_DL_ONGOING);
  expect_kind("thuc hien thuong xuyen", TASKS_DL_ONGOING);
  expect_kind("Thực hiện thường xuyên.", TASKS_DL_ONGOING);
}

static void test_fixed_and_ongoing(void **state) {
  (void)state;
  expect_fixed("Quý I/2026 và thực hiện thường xuyên", TASKS_DL_QUARTER, "2026-01-01", "2026-03-31", true);
  expect_fixed("Tháng 6/2026, thực hiện thường xuyên", TASKS_DL_MONTH, "2026-06-01", "2026-06-30", true);
  expect_fixed("Năm 2026 và thường xuyên", TASKS_DL_YEAR, "2026-01-01", "2026-12-31", true);
}

static void test_yearly(void **state) {
  (void)state;
  tasks_deadline d = parse("Dịp kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam 03/02 hằng năm");
  assert_int_equal(d.kind, TASKS_DL_YEARLY);
  assert_int_equal(d.month, 2);
  assert_int_equal(d.day, 3);
  assert_false(d.has_due);
  d = parse("Ngày 19/5 hàng năm");
  assert_int_equal(d.kind, TASKS_DL_YEARLY);
  assert_int_equal(d.month, 5);
  assert_int_equal(d.day, 19);
  d = parse("29/02 hằng năm");
  assert_int_equal(d.kind, TASKS_DL_YEARLY);
  expect_invalid("Dịp 31/02 hằng năm", "31/02");
  expect_invalid("Ngày 3/13 hằng năm", "03/13");
}

static void test_invalid(void **state) {
  (void)state;
  expect_invalid("Tháng 13/2026", "Tháng 13/2026 không tồn tại");
  expect_invalid("Tháng 0/2026", "Tháng 0/2026");
  expect_invalid("tháng 13 năm 2026", "Tháng 13/2026");
  expect_invalid("Quý V/2026", "Quý V/2026 không tồn tại");
  expect_invalid("Quý 5/2026", "Quý 5/2026");
  expect_invalid("Quý IIII/2026", "Quý IIII/2026");
  expect_invalid("31/02/2026", "31/02/2026 không tồn tại");
  expect_invalid("29/02/2027", "29/02/2027");
  expect_invalid("2030-2026", "2030-2026");
  expect_invalid("Năm 1899", "1899");
  expect_invalid("Tháng 4/2226", "2226");
}

static void test_unparsed(void **state) {
  (void)state;
  expect_kind("", TASKS_DL_UNPARSED);
  expect_kind(NULL, TASKS_DL_UNPARSED);
  expect_kind("   ", TASKS_DL_UNPARSED);
  expect_kind("Theo kế hoạch của Ban Bí thư", TASKS_DL_UNPARSED);
  expect_kind("Tháng", TASKS_DL_UNPARSED);
  expect_kind("Tháng 4", TASKS_DL_UNPARSED);
  expect_kind("Tháng 4/26", TASKS_DL_UNPARSED);
  expect_kind("Quý I", TASKS_DL_UNPARSED);
  expect_kind("Quý A/2026", TASKS_DL_UNPARSED);
  expect_kind("Năm", TASKS_DL_UNPARSED);
  expect_kind("20260", TASKS_DL_UNPARSED);
  expect_kind("Tháng 4/2026 hoặc tháng 5/2026", TASKS_DL_UNPARSED);
  expect_kind("Hằng năm", TASKS_DL_UNPARSED);
  expect_kind("Tháng 4/2026 và", TASKS_DL_UNPARSED);
  expect_kind("thường", TASKS_DL_UNPARSED);
  expect_kind("Thực hiện thường xuyên theo quý I", TASKS_DL_UNPARSED);
  expect_kind("12/2026/2027", TASKS_DL_UNPARSED);
  expect_kind("Tháng 4//2026", TASKS_DL_UNPARSED);
  /* a good date followed by text that is not a deadline */
  expect_kind("Quý I/2026 và thực hiện thường xuyên 13/2026", TASKS_DL_UNPARSED);
}

static void test_kind_codes(void **state) {
  (void)state;
  static const enum tasks_dl_kind all[] = {
      TASKS_DL_UNPARSED, TASKS_DL_DAY,     TASKS_DL_MONTH,  TASKS_DL_QUARTER, TASKS_DL_YEAR,
      TASKS_DL_RANGE,    TASKS_DL_ONGOING, TASKS_DL_YEARLY, TASKS_DL_MANUAL,  TASKS_DL_INVALID};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const char *code = tasks_dl_kind_code(all[i]);
    assert_int_equal(tasks_dl_kind_from_code(code), all[i]);
    assert_non_null(tasks_dl_kind_label(all[i]));
  }
  assert_int_equal(tasks_dl_kind_from_code("nonsense"), TASKS_DL_UNPARSED);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_month, setup, teardown),
      cmocka_unit_test_setup_teardown(test_quarter, setup, teardown),
      cmocka_unit_test_setup_teardown(test_year_and_range, setup, teardown),
      cmocka_unit_test_setup_teardown(test_half_year, setup, teardown),
      cmocka_unit_test_setup_teardown(test_day, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ongoing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_fixed_and_ongoing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_yearly, setup, teardown),
      cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unparsed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_kind_codes, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
