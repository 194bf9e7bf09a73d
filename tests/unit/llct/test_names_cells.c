/*
 * Names and cells as plan tables write them: abbreviations, joint units,
 * descriptions that name no agency, pending-agency codes; list items,
 * months, class counts, notes and prose allotments; counting and the
 * full-time ratio.
 */
#include "llct_test.h"

static void test_abbreviations_expand(void **state) {
  (void)state;
  assert_string_equal(llct_expand_abbrev(A, "ĐU khối Doanh nghiệp TW"),
                      "Đảng ủy khối Doanh nghiệp Trung ương");
  assert_string_equal(llct_expand_abbrev(A, "Ngân hàng NN VN"), "Ngân hàng Nhà nước Việt Nam");
  assert_string_equal(llct_expand_abbrev(A, "UBTW MTTQ VN"), "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam");
  /* words that merely look short stay */
  assert_string_equal(llct_expand_abbrev(A, "Bộ Y tế"), "Bộ Y tế");
  assert_string_equal(llct_expand_abbrev(A, "Viện Hàn lâm KH&HV"), "Viện Hàn lâm KH&HV");
  /* two spellings of one unit meet */
  assert_true(cadre_fold_eq(A, llct_expand_abbrev(A, "Ngân hàng NN VN"),
                            llct_expand_abbrev(A, "Ngân hàng Nhà nước VN")));
}

static void test_joint_units(void **state) {
  (void)state;
  char **v;
  assert_int_equal(llct_split_joint_units(A, "Quận ủy Hoàn Kiếm và quận ủy Ba Đình", &v), 2);
  assert_string_equal(v[0], "Quận ủy Hoàn Kiếm");
  assert_string_equal(v[1], "Quận ủy Ba Đình");
  assert_int_equal(llct_split_joint_units(A, "Bộ Kế hoạch và Đầu tư", &v), 1);
  assert_int_equal(llct_split_joint_units(A, "Bộ Thông tin và Truyền thông", &v), 1);
  assert_int_equal(llct_split_joint_units(A, "Huyện ủy A và huyện ủy B và đảng ủy C", &v), 3);
  assert_string_equal(v[2], "Đảng ủy C");
}

static void test_generic_descriptions(void **state) {
  (void)state;
  assert_true(llct_name_is_generic(A, "Các cơ quan, đơn vị liên quan"));
  assert_true(llct_name_is_generic(A, "  các đơn vị "));
  assert_false(llct_name_is_generic(A, "Liên hiệp các Hội VHNT"));
  assert_string_equal(llct_kind_for_name(A, "Bộ Tư pháp"), "ministry");
  assert_string_equal(llct_kind_for_name(A, "Kiểm toán Nhà nước"), "other");
}

static void test_list_items(void **state) {
  (void)state;
  char **v;
  assert_int_equal(llct_split_items(A, "- Huyện ủy Ba Vì - Huyện ủy Đông Anh và huyện ủy Mê Linh", &v), 2);
  assert_string_equal(v[1], "Huyện ủy Đông Anh và huyện ủy Mê Linh");
  assert_int_equal(llct_split_items(A, "Bộ Tài chính", &v), 1);
  assert_int_equal(llct_split_items(A, "", &v), 0);
  assert_int_equal(llct_split_semicolons(A, "- Ban Tổ chức Thành ủy; Trường Lê Hồng Phong", &v), 2);
  assert_string_equal(v[0], "Ban Tổ chức Thành ủy");
}

static void test_months(void **state) {
  (void)state;
  int m, y;
  assert_true(llct_parse_month(A, "Tháng 4/2024", 2000, &m, &y));
  assert_int_equal(m, 4);
  assert_int_equal(y, 2024);
  assert_true(llct_parse_month(A, "Tháng 2", 2024, &m, &y));
  assert_int_equal(m, 2);
  assert_int_equal(y, 2024);
  assert_true(llct_parse_month(A, "tháng 12 năm 2025 (dự kiến)", 2024, &m, &y));
  assert_int_equal(y, 2025);
  assert_false(llct_parse_month(A, "Tháng 13", 2024, &m, &y));
  assert_false(llct_parse_month(A, "Quý II", 2024, &m, &y));
  assert_false(llct_parse_month(A, "Tháng 4 và 5", 2024, &m, &y));
}

static void test_class_count_and_notes(void **state) {
  (void)state;
  char *rest, *note;
  assert_int_equal(llct_take_class_count(A, "- Trường ĐTCB Lê Hồng Phong (05 lớp)", &rest), 5);
  assert_string_equal(rest, "- Trường ĐTCB Lê Hồng Phong");
  assert_int_equal(llct_take_class_count(A, "Trường (Đơn vị tự túc)", &rest), 0);
  assert_string_equal(llct_take_note(A, "Trường Đại học Thương mại (Đơn vị tự túc kinh phí)", &note),
                      "Trường Đại học Thương mại");
  assert_string_equal(note, "Đơn vị tự túc kinh phí");
  assert_string_equal(llct_take_note(A, "Bộ Y tế", &note), "Bộ Y tế");
  assert_null(note);
}

static void test_prose_allotments(void **state) {
  (void)state;
  llct_allot_item *v;
  const char *err;
  int n = llct_parse_allotments(
      A, "Bảo hiểm xã hội VN: 40 đ/c Viện Kiểm sát ND tối cao: 18 Đài Truyền hình VN: 17 đ/c", &v, &err);
  assert_int_equal(n, 3);
  assert_string_equal(v[1].name, "Viện Kiểm sát ND tối cao");
  assert_int_equal(v[1].count, 18);
  assert_int_equal(v[2].count, 17);
  assert_int_equal(llct_parse_allotments(A, "Bộ Tài chính", &v, &err), 0);
  assert_int_equal(llct_parse_allotments(A, "Bộ A: nhiều", &v, &err), -1);
  assert_non_null(err);
  assert_int_equal(llct_parse_allotments(A, ": 12 đ/c", &v, &err), -1);
}

static void test_tally_and_compare(void **state) {
  (void)state;
  llct_tally t;
  llct_tally_clear(&t);
  llct_tally_add_class(&t, LLCT_MODE_FULL_TIME, 50);
  llct_tally_add_class(&t, LLCT_MODE_PART_TIME, 80);
  llct_tally_add_undecided(&t, 2, 130);
  llct_declared d = {.classes = 4,
                     .learners = 260,
                     .ft_classes = 2,
                     .ft_learners = 100,
                     .pt_classes = 2,
                     .pt_learners = 160};
  llct_check ch[6];
  llct_compare(&t, &d, 50, 80, ch);
  assert_int_equal(ch[0].status, LLCT_CHECK_OK);
  assert_int_equal(ch[1].status, LLCT_CHECK_OK);
  assert_int_equal(ch[2].status, LLCT_CHECK_OPEN); /* 1 of 2 full-time classes decided */
  d.ft_learners = 180, d.pt_learners = 80;         /* 130 more full-time: > 1 class × 50 */
  d.ft_classes = 3, d.pt_classes = 1;
  llct_compare(&t, &d, 50, 80, ch);
  assert_int_equal(ch[2].status, LLCT_CHECK_MISMATCH);
  llct_declared none;
  llct_declared_clear(&none);
  llct_compare(&t, &none, 50, 80, ch);
  assert_int_equal(ch[0].status, LLCT_CHECK_NOT_DECLARED);
}

static void test_full_time_ratio(void **state) {
  (void)state;
  llct_ratio r = llct_ratio_check(4, 12, 0, 1, 3); /* exactly one third */
  assert_int_equal(r.status, LLCT_RATIO_OK);
  r = llct_ratio_check(3, 12, 0, 1, 3);
  assert_int_equal(r.status, LLCT_RATIO_VIOLATED);
  /* 3 + x full-time against 14 − x part-time: x ≥ 1.25, so both undecided
   * classes must be full-time */
  r = llct_ratio_check(3, 12, 2, 1, 3);
  assert_int_equal(r.status, LLCT_RATIO_UNDETERMINED);
  assert_int_equal(r.ft_needed, 2);
  r = llct_ratio_check(4, 12, 2, 1, 3); /* 4·3 ≥ 14 − x needs x ≥ 0.5: one of two */
  assert_int_equal(r.status, LLCT_RATIO_UNDETERMINED);
  assert_int_equal(r.ft_needed, 1);
  r = llct_ratio_check(0, 12, 2, 1, 3); /* even both full-time cannot reach 4 */
  assert_int_equal(r.status, LLCT_RATIO_VIOLATED);
  r = llct_ratio_check(0, 0, 0, 1, 3);
  assert_int_equal(r.status, LLCT_RATIO_OK);
}

static void test_mode_inference(void **state) {
  (void)state;
  llct_basis b;
  assert_int_equal(llct_infer_mode(50, 50, 80, &b), LLCT_MODE_FULL_TIME);
  assert_int_equal(b, LLCT_BASIS_INFERRED);
  assert_int_equal(llct_infer_mode(51, 50, 80, &b), LLCT_MODE_PART_TIME);
  assert_int_equal(b, LLCT_BASIS_FORCED);
  assert_int_equal(llct_infer_mode(81, 50, 80, &b), LLCT_MODE_UNDECIDED);
  assert_int_equal(llct_infer_mode(LLCT_NONE, 50, 80, &b), LLCT_MODE_UNDECIDED);
  assert_int_equal(b, LLCT_BASIS_NONE);
}

static void test_read_count(void **state) {
  (void)state;
  const char *p = "2.206 học viên";
  long v;
  assert_true(llct_read_count(&p, &v));
  assert_int_equal(v, 2206);
  assert_string_equal(p, " học viên");
  p = "21/02/2024";
  assert_true(llct_read_count(&p, &v));
  assert_int_equal(v, 21);
  p = "abc";
  assert_false(llct_read_count(&p, &v));
}

static void test_folded_map_cuts_original(void **state) {
  (void)state;
  const char *s = "Căn cứ, Ban Thường vụ Thành ủy Hà Nội ban hành Kế hoạch";
  llct_folded f;
  assert_true(llct_fold_map(A, s, strlen(s), &f));
  long at = llct_folded_find(&f, "ban thuong vu", 0);
  assert_true(at > 0);
  long end = llct_folded_find(&f, " ban hanh", (size_t)at);
  assert_string_equal(llct_folded_cut(A, &f, s, (size_t)at, (size_t)end), "Ban Thường vụ Thành ủy Hà Nội");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_abbreviations_expand),
      cmocka_unit_test(test_joint_units),
      cmocka_unit_test(test_generic_descriptions),
      cmocka_unit_test(test_list_items),
      cmocka_unit_test(test_months),
      cmocka_unit_test(test_class_count_and_notes),
      cmocka_unit_test(test_prose_allotments),
      cmocka_unit_test(test_tally_and_compare),
      cmocka_unit_test(test_full_time_ratio),
      cmocka_unit_test(test_mode_inference),
      cmocka_unit_test(test_read_count),
      cmocka_unit_test(test_folded_map_cuts_original),
  };
  return cmocka_run_group_tests(tests, arena_setup, arena_teardown);
}
