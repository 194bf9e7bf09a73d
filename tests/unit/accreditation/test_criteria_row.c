/* One catalogue CSV row: what is accepted, how it is typed, and the
 * message for what is not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

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

/* A row from 15 cells; unspecified cells are empty. */
static const char *parse(struct accr_criterion_row *row, int *col, const char *const cells[15]) {
  char *fields[ACCR_C_COUNT];
  for (int i = 0; i < ACCR_C_COUNT; i++)
    fields[i] = cadre_arena_strdup(arena, cells[i] ? cells[i] : "");
  return accr_criterion_row_parse(arena, fields, ACCR_C_COUNT, row, col);
}

static void test_header(void **state) {
  (void)state;
  char *codes[ACCR_C_COUNT], *vn[ACCR_C_COUNT];
  static const char *const vn_text[ACCR_C_COUNT] = {"Mã",
                                                    "Mã cấp trên",
                                                    "Loại",
                                                    "Thứ tự",
                                                    "Nội dung",
                                                    "Mức",
                                                    "Điểm tối đa",
                                                    "Trọng số",
                                                    "Bắt buộc",
                                                    "Hướng dẫn",
                                                    "Minh chứng gợi ý",
                                                    "Đối tượng đội ngũ",
                                                    "Yêu cầu trình độ",
                                                    "Số người tối thiểu",
                                                    "Tỷ lệ tối thiểu (%)"};
  for (int i = 0; i < ACCR_C_COUNT; i++) {
    codes[i] = (char *)accr_csv_headers[i];
    vn[i] = (char *)vn_text[i];
  }
  assert_int_equal(accr_csv_header_check(arena, codes, ACCR_C_COUNT), 0);
  assert_int_equal(accr_csv_header_check(arena, vn, ACCR_C_COUNT), 0);
  assert_int_equal(accr_csv_header_check(arena, codes, 5), 6); /* too short */
  codes[3] = (char *)"order";
  assert_int_equal(accr_csv_header_check(arena, codes, ACCR_C_COUNT), 4);
}

static void test_full_row(void **state) {
  (void)state;
  struct accr_criterion_row r;
  int col;
  const char *err = parse(&r, &col,
                          (const char *const[15]){"TC2.1", "TC2", "tiêu chí", "3",
                                                  "  Tỷ lệ giảng viên có trình độ thạc sĩ  ", "1,2", "10",
                                                  "1,5", "x", "Dòng 1\nDòng 2", "Danh sách giảng viên",
                                                  "giảng viên", "master", "", "50"});
  assert_null(err);
  assert_string_equal(r.code, "TC2.1");
  assert_string_equal(r.parent_code, "TC2");
  assert_int_equal(r.kind, ACCR_K_CRITERION);
  assert_int_equal(r.seq, 3);
  assert_string_equal(r.title, "Tỷ lệ giảng viên có trình độ thạc sĩ");
  assert_int_equal(r.levels, 3u);
  assert_true(r.has_max);
  assert_true(r.max_score > 9.99 && r.max_score < 10.01);
  assert_true(r.has_weight);
  assert_true(r.weight > 1.49 && r.weight < 1.51);
  assert_true(r.mandatory);
  assert_string_equal(r.guidance, "Dòng 1\nDòng 2"); /* line breaks kept */
  assert_true(r.has_staff_rule);
  assert_int_equal(r.staff_rule.role, ACCR_RR_LECTURERS);
  assert_int_equal(r.staff_rule.qual, ACCR_Q_MASTER);
  assert_int_equal(r.staff_rule.min_count, -1);
  assert_true(r.staff_rule.min_percent > 49.9 && r.staff_rule.min_percent < 50.1);
}

static void test_group_row(void **state) {
  (void)state;
  struct accr_criterion_row r;
  int col;
  assert_null(parse(&r, &col, (const char *const[15]){"TC1", NULL, "group", NULL, "Tổ chức bộ máy"}));
  assert_int_equal(r.kind, ACCR_K_GROUP);
  assert_null(r.parent_code);
  assert_int_equal(r.levels, 3u); /* a group without levels covers both */
  assert_false(r.has_max);
  assert_false(r.mandatory);
  assert_false(r.has_staff_rule);
}

static void expect_error(int want_col, const char *const cells[15]) {
  struct accr_criterion_row r;
  int col = -1;
  const char *err = parse(&r, &col, cells);
  assert_non_null(err);
  assert_true(strlen(err) > 10);
  assert_int_equal(col, want_col);
}

static void test_errors(void **state) {
  (void)state;
  expect_error(ACCR_C_CODE, (const char *const[15]){"", NULL, "group", NULL, "X"});
  expect_error(ACCR_C_CODE, (const char *const[15]){"TC 1", NULL, "group", NULL, "X"});
  expect_error(ACCR_C_CODE, (const char *const[15]){"TC1.Đ", NULL, "group", NULL, "X"});
  expect_error(ACCR_C_KIND, (const char *const[15]){"TC1", NULL, "section", NULL, "X"});
  expect_error(ACCR_C_PARENT, (const char *const[15]){"TC1", "TC0", "group", NULL, "X"});
  expect_error(ACCR_C_PARENT, (const char *const[15]){"TC1.1", NULL, "criterion", NULL, "X", "1"});
  expect_error(ACCR_C_TITLE, (const char *const[15]){"TC1", NULL, "group", NULL, ""});
  expect_error(ACCR_C_TITLE, (const char *const[15]){"TC1", NULL, "group", NULL, "a\x01"});
  expect_error(ACCR_C_LEVELS, (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X"});
  expect_error(ACCR_C_LEVELS, (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "3"});
  expect_error(ACCR_C_MAX_SCORE, (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", "-1"});
  expect_error(ACCR_C_MAX_SCORE,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", "mười"});
  expect_error(ACCR_C_WEIGHT,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", "10", "1,2,3"});
  expect_error(ACCR_C_SEQ, (const char *const[15]){"TC1.1", "TC1", "criterion", "1.5", "X", "1"});
  expect_error(ACCR_C_MANDATORY,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL, NULL, "có lẽ"});
  /* staff rules */
  expect_error(ACCR_C_STAFF_ROLE, (const char *const[15]){"TC1", NULL, "group", NULL, "X", NULL, NULL, NULL,
                                                          NULL, NULL, NULL, "lecturers", "master", "2"});
  expect_error(ACCR_C_STAFF_ROLE,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL, NULL, NULL, NULL,
                                       NULL, "sinh viên", "master", "2"});
  expect_error(ACCR_C_STAFF_QUAL, (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL,
                                                          NULL, NULL, NULL, NULL, "lecturers", "phd", "2"});
  expect_error(ACCR_C_STAFF_MIN_COUNT,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL, NULL, NULL, NULL,
                                       NULL, "lecturers", "master"});
  expect_error(ACCR_C_STAFF_MIN_PERCENT,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL, NULL, NULL, NULL,
                                       NULL, "lecturers", "master", NULL, "101"});
  expect_error(ACCR_C_STAFF_MIN_COUNT,
               (const char *const[15]){"TC1.1", "TC1", "criterion", NULL, "X", "1", NULL, NULL, NULL, NULL,
                                       NULL, "lecturers", "master", "2.5"});
}

static void test_short_row(void **state) {
  (void)state;
  char *fields[3] = {(char *)"TC1", (char *)"", (char *)"group"};
  struct accr_criterion_row r;
  int col;
  const char *err = accr_criterion_row_parse(arena, fields, 3, &r, &col);
  assert_non_null(err); /* no title */
  assert_int_equal(col, ACCR_C_TITLE);
}

static void test_decimal_and_flag(void **state) {
  (void)state;
  double v;
  assert_true(accr_parse_decimal("9,5", &v));
  assert_true(v > 9.49 && v < 9.51);
  assert_true(accr_parse_decimal("10", &v));
  assert_false(accr_parse_decimal("1.000,5", &v));
  assert_false(accr_parse_decimal(",5", &v));
  assert_false(accr_parse_decimal("5.", &v));
  assert_false(accr_parse_decimal("", &v));
  assert_false(accr_parse_decimal("-1", &v));
  assert_false(accr_parse_decimal("1e3", &v));
  bool b = false;
  assert_true(accr_parse_flag(arena, "Có", &b));
  assert_true(b);
  assert_true(accr_parse_flag(arena, "KHÔNG", &b));
  assert_false(b);
  assert_true(accr_parse_flag(arena, NULL, &b));
  assert_false(b);
  assert_false(accr_parse_flag(arena, "maybe", &b));
}

static void test_kinds(void **state) {
  (void)state;
  assert_true(accr_kind_may_parent(ACCR_K_GROUP, ACCR_K_CRITERION));
  assert_true(accr_kind_may_parent(ACCR_K_CRITERION, ACCR_K_INDICATOR));
  assert_false(accr_kind_may_parent(ACCR_K_GROUP, ACCR_K_INDICATOR));
  assert_false(accr_kind_may_parent(ACCR_K_INDICATOR, ACCR_K_INDICATOR));
  assert_false(accr_kind_may_parent(ACCR_K_CRITERION, ACCR_K_GROUP));
  enum accr_kind k;
  assert_true(accr_kind_parse("indicator", &k));
  assert_false(accr_kind_parse("Indicator", &k));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_header),    cmocka_unit_test(test_full_row),
      cmocka_unit_test(test_group_row), cmocka_unit_test(test_errors),
      cmocka_unit_test(test_short_row), cmocka_unit_test(test_decimal_and_flag),
      cmocka_unit_test(test_kinds),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
