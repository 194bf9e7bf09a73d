/*
 * The plan parser on small made-up plans: what a malformed file gets (a
 * stable code and the line it is about, nothing usable), and how a file
 * whose tables disagree with its text is reported rather than smoothed.
 */
#include "llct_test.h"

#define HEAD                                                                                                               \
  "KẾ HOẠCH\n\nĐào tạo trung cấp lý luận chính trị năm 2025\n\n"                                          \
  "Căn cứ …, Ban Thường vụ Tỉnh ủy Thử Nghiệm ban hành Kế hoạch như sau:\n\n"                      \
  "1. Số lượng: Tổ chức đào tạo cho **130** học viên (hệ tập trung 50 học viên, hệ không tập " \
  "trung 80 học viên), trong đó:\n"                                                                                   \
  "- Cấp tỉnh: **2 lớp/130 học viên** (lớp hệ tập trung 1 lớp/50 học viên, lớp hệ không tập "   \
  "trung 1 lớp/80 học viên).\n(Chi tiết tại Phụ lục 1 kèm theo)\n\n"                                         \
  "PHỤ LỤC 1\n\nBIỂU KẾ HOẠCH THỬ\n\n"                                                                         \
  "(Ban hành kèm theo Kế hoạch số 12 -KH/TU, ngày 05/01/2025 của Ban Thường vụ Tỉnh ủy)\n\n"

#define HEADER "TT\tThời gian\tĐơn vị chủ trì\tĐơn vị phối hợp\tSố lượng học viên\tĐịa điểm mở lớp\n"
#define ROW1 "1\tTháng 3\t- Ban Tổ chức Tỉnh ủy\t- Huyện ủy An Phú\t50\t- TTCT huyện An Phú\n"
#define ROW2 "2\tTháng 4\t- Ban Tổ chức Tỉnh ủy\t- Huyện ủy Bình Minh\t80\t- TTCT huyện Bình Minh\n"
#define TOTAL "\tTổng cộng\t\t2 lớp\t130 học viên\t\n"

static llct_pplan P;

static void assert_error(const char *text, const char *code, long line) {
  int n = parse_text(text, &P);
  const llct_msg *m = find_msg(&P.errors, code);
  if (!m)
    for (int i = 0; i < P.errors.n; i++)
      print_error("got: %s %s\n", P.errors.v[i].code, P.errors.v[i].text);
  assert_true(n > 0);
  assert_non_null(m);
  if (line > 0)
    assert_int_equal(m->line, line);
  assert_true(strlen(m->text) > 10);
}

/* line of the first row after HEAD + HEADER */
static long first_row_line(void) {
  long n = 1;
  for (const char *p = HEAD HEADER; *p; p++)
    n += *p == '\n';
  return n;
}

static void test_well_formed_plan(void **state) {
  (void)state;
  assert_int_equal(parse_text(HEAD HEADER ROW1 ROW2 TOTAL, &P), 0);
  assert_string_equal(P.number, "12-KH/TU");
  assert_string_equal(P.issued_on, "2025-01-05");
  assert_int_equal(P.year, 2025);
  assert_int_equal(P.app[0].nlines, 2);
  json_t *r = llct_report_of(&P);
  assert_int_equal(json_integer_value(json_object_get(r, "mismatch_count")), 0);
  json_decref(r);
}

static void test_not_utf8(void **state) {
  (void)state;
  assert_error("KẾ HOẠCH \xC3\x28 bad", "bad_encoding", 0);
}

static void test_no_appendix(void **state) {
  (void)state;
  assert_error("KẾ HOẠCH\nKhông có phụ lục nào.\n", "no_tables", 0);
}

static void test_bad_month(void **state) {
  (void)state;
  assert_error(HEAD HEADER "1\tĐầu năm\t- Ban Tổ chức\t- Huyện ủy A\t50\t- A\n", "bad_month",
               first_row_line());
}

static void test_orphan_continuation(void **state) {
  (void)state;
  assert_error(HEAD HEADER "\t\t\t- Huyện ủy A\t50\t- A\n", "orphan_row", first_row_line());
}

static void test_count_not_a_number(void **state) {
  (void)state;
  assert_error(HEAD HEADER "1\tTháng 3\t- Ban Tổ chức\t- Huyện ủy A\tnăm mươi\t- A\n", "bad_count",
               first_row_line());
}

static void test_counts_and_units_disagree(void **state) {
  (void)state;
  assert_error(HEAD HEADER "1\tTháng 3\t- Ban Tổ chức\t- Huyện ủy A - Huyện ủy B\t50\t- A\n",
               "line_items_mismatch", first_row_line());
}

static void test_missing_column(void **state) {
  (void)state;
  assert_error(HEAD "TT\tThời gian\tĐơn vị chủ trì\tĐịa điểm mở lớp\n1\tTháng 3\t- X\t- A\n",
               "missing_column", first_row_line() - 1);
}

static void test_header_changed_after_page_break(void **state) {
  (void)state;
  assert_error(HEAD HEADER ROW1 "\nTT\tThời gian\tSố lượng học viên\tĐơn vị phối hợp\n" ROW2,
               "header_changed", first_row_line() + 2);
}

static void test_row_before_header(void **state) {
  (void)state;
  assert_error(HEAD ROW1, "row_before_header", first_row_line() - 1);
}

static void test_duplicate_line_number(void **state) {
  (void)state;
  assert_error(HEAD HEADER ROW1 ROW1, "duplicate_line", first_row_line() + 1);
}

static void test_class_over_cap(void **state) {
  (void)state;
  assert_error(HEAD HEADER "1\tTháng 3\t- Ban Tổ chức\t- Huyện ủy A\t90\t- A\n", "class_over_cap",
               first_row_line());
}

static void test_line_over_cap_for_its_classes(void **state) {
  (void)state;
  assert_error(HEAD HEADER "1\tTháng 3\t- Ban Tổ chức\t- Các đơn vị\t170\t- Trường (02 lớp)\n",
               "line_over_cap", first_row_line());
}

static void test_allotment_without_number(void **state) {
  (void)state;
  assert_error(HEAD "TT\tKý hiệu lớp\tThời gian\tĐơn vị chủ trì\tĐơn vị phối hợp\tTổng số học "
                    "viên\tĐịa điểm\n1\tTW 1\tTháng 4/2025\tBan Tổ chức\tBộ A: 30 đ/c Bộ B\t30\tX\n",
               "bad_allotment", first_row_line());
}

static void test_tables_disagree_with_text_are_reported(void **state) {
  (void)state;
  /* the table holds 50 + 76 = 126, the text and the total row say 130 */
  const char *text =
      HEAD HEADER ROW1 "2\tTháng 4\t- Ban Tổ chức\t- Huyện ủy Bình Minh\t76\t- TTCT huyện Bình Minh\n" TOTAL;
  assert_int_equal(parse_text(text, &P), 0);
  json_t *r = llct_report_of(&P);
  assert_true(json_integer_value(json_object_get(r, "mismatch_count")) >= 2);
  assert_false(json_is_true(json_object_get(r, "consistent")));
  json_t *checks = json_object_get(json_array_get(json_object_get(r, "appendices"), 0), "checks");
  bool text_seen = false, table_seen = false;
  size_t i;
  json_t *c;
  json_array_foreach(checks, i, c) {
    if (strcmp(json_string_value(json_object_get(c, "metric")), "learners") != 0)
      continue;
    assert_int_equal(json_integer_value(json_object_get(c, "computed")), 126);
    assert_int_equal(json_integer_value(json_object_get(c, "declared")), 130);
    assert_string_equal(json_string_value(json_object_get(c, "status")), "mismatch");
    const char *against = json_string_value(json_object_get(c, "against"));
    text_seen |= strcmp(against, "text") == 0;
    table_seen |= strcmp(against, "table_total") == 0;
  }
  assert_true(text_seen && table_seen);
  json_decref(r);
}

static void test_allotment_sum_mismatch_is_a_warning(void **state) {
  (void)state;
  const char *text = HEAD "TT\tKý hiệu lớp\tThời gian\tĐơn vị chủ trì\tĐơn vị phối hợp\tTổng số "
                          "học viên\tĐịa điểm\n"
                          "1\tTW 1\tTháng 4/2025\tBan Tổ chức\tBộ A: 30 đ/c Bộ B: 10 đ/c\t50\tX\n";
  assert_int_equal(parse_text(text, &P), 0);
  assert_non_null(find_msg(&P.warnings, "allotment_sum_mismatch"));
}

static void test_caps_stated_lower_in_text(void **state) {
  (void)state;
  const char *text =
      "KẾ HOẠCH\n\nĐào tạo năm 2025\n\n3. Nguyên tắc\n- Tổ chức lớp với sĩ số: Lớp hệ tập trung "
      "không quá 40 học viên/lớp; lớp hệ không tập trung không quá 70 học viên/lớp.\n\n"
      "PHỤ LỤC 1\n(Ban hành kèm theo Kế hoạch số 1-KH/TU, ngày 05/01/2025)\n" HEADER
      "1\tTháng 3\t- Ban Tổ chức\t- Huyện ủy A\t45\t- A\n";
  assert_int_equal(parse_text(text, &P), 0);
  assert_int_equal(P.cap_ft, 40);
  assert_int_equal(P.cap_pt, 70);
  const llct_pclass *c = find_class(&P, "PL1-1");
  assert_int_equal(c->mode, LLCT_MODE_PART_TIME); /* 45 > 40: cannot be full-time */
  assert_int_equal(c->basis, LLCT_BASIS_FORCED);
}

static void test_count_with_space_thousands(void **state) {
  (void)state;
  /* one unit, one count written "1 046" would be two tokens: read as one */
  long *c;
  assert_int_equal(llct_parse_counts(A, "1.046 học viên", &c), 1);
  assert_int_equal(c[0], 1046);
  assert_int_equal(llct_parse_counts(A, "76 80", &c), 2);
  assert_int_equal(c[1], 80);
  assert_int_equal(llct_parse_counts(A, "15 lớp", &c), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_well_formed_plan),
      cmocka_unit_test(test_not_utf8),
      cmocka_unit_test(test_no_appendix),
      cmocka_unit_test(test_bad_month),
      cmocka_unit_test(test_orphan_continuation),
      cmocka_unit_test(test_count_not_a_number),
      cmocka_unit_test(test_counts_and_units_disagree),
      cmocka_unit_test(test_missing_column),
      cmocka_unit_test(test_header_changed_after_page_break),
      cmocka_unit_test(test_row_before_header),
      cmocka_unit_test(test_duplicate_line_number),
      cmocka_unit_test(test_class_over_cap),
      cmocka_unit_test(test_line_over_cap_for_its_classes),
      cmocka_unit_test(test_allotment_without_number),
      cmocka_unit_test(test_tables_disagree_with_text_are_reported),
      cmocka_unit_test(test_allotment_sum_mismatch_is_a_warning),
      cmocka_unit_test(test_caps_stated_lower_in_text),
      cmocka_unit_test(test_count_with_space_thousands),
  };
  return cmocka_run_group_tests(tests, arena_setup, arena_teardown);
}
