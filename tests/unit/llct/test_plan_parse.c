/*
 * The plan parser on the repository's seed (Hanoi's 2024 plan): the figures
 * its text declares, its two appendix tables as they came out of the PDF
 * (repeated headers, a sub-line carried over a page break, "80 80" in one
 * cell, "(05 lớp)" with one total, allotments written as prose), and the
 * tallies held against the declared figures.
 */
#include "llct_test.h"

static llct_pplan P;

static int parse_seed(void **state) {
  if (arena_setup(state))
    return -1;
  size_t len;
  char *text = read_seed(&len);
  return text && llct_parse_plan(A, text, len, &P) == 0 ? 0 : -1;
}

/* ---- the plan's text ------------------------------------------------------------- */

static void test_seed_has_no_errors(void **state) {
  (void)state;
  for (int i = 0; i < P.errors.n; i++)
    print_error("unexpected error: %s\n", P.errors.v[i].text);
  assert_int_equal(P.errors.n, 0);
  assert_int_equal(P.napp, 2);
}

static void test_heading_and_issuer(void **state) {
  (void)state;
  assert_string_equal(P.title, "Đào tạo trung cấp lý luận chính trị năm 2024");
  assert_int_equal(P.year, 2024);
  assert_string_equal(P.issuer, "Ban Thường vụ Thành ủy Hà Nội");
}

static void test_number_from_first_appendix_and_mismatch_reported(void **state) {
  (void)state;
  /* Appendix 1 cites "245 -KH/TU", appendix 2 "215 -KH/TU": the first wins,
   * the disagreement is a warning, not silently dropped */
  assert_string_equal(P.number, "245-KH/TU");
  assert_string_equal(P.issued_on, "2024-02-21");
  assert_string_equal(P.app[0].cited_number, "245-KH/TU");
  assert_string_equal(P.app[1].cited_number, "215-KH/TU");
  const llct_msg *w = find_msg(&P.warnings, "plan_number_mismatch");
  assert_non_null(w);
  assert_non_null(strstr(w->text, "215-KH/TU"));
}

static void test_declared_totals_read_from_text(void **state) {
  (void)state;
  assert_int_equal(P.target_total, 2206);
  assert_int_equal(P.target_ft, 450);
  assert_int_equal(P.target_pt, 1756);
  const llct_declared *d1 = &P.app[0].declared, *d2 = &P.app[1].declared;
  assert_int_equal(d1->classes, 15);
  assert_int_equal(d1->learners, 1046);
  assert_int_equal(d1->ft_classes, 5);
  assert_int_equal(d1->ft_learners, 250);
  assert_int_equal(d1->pt_classes, 10);
  assert_int_equal(d1->pt_learners, 796);
  assert_int_equal(d2->classes, 16);
  assert_int_equal(d2->learners, 1160);
  assert_int_equal(d2->ft_classes, 4);
  assert_int_equal(d2->ft_learners, 200);
  assert_int_equal(d2->pt_classes, 12);
  assert_int_equal(d2->pt_learners, 960);
}

static void test_caps_ratio_and_limits_from_text(void **state) {
  (void)state;
  assert_true(P.caps_from_text);
  assert_int_equal(P.cap_ft, 50);
  assert_int_equal(P.cap_pt, 80);
  assert_true(P.ratio_from_text);
  assert_int_equal(P.ratio_num, 1);
  assert_int_equal(P.ratio_den, 3);
  assert_int_equal(P.rules_from_text, 6);
  assert_int_equal(P.rules.announce_max_days, 45);
  assert_int_equal(P.rules.dossier_min_days, 15);
  assert_int_equal(P.rules.review_max_days, 2);
  assert_int_equal(P.rules.report_max_days, 5);
  assert_int_equal(P.rules.notice_min_days, 15);
  assert_int_equal(P.rules.late_max_days, 5);
}

/* ---- the tables ------------------------------------------------------------------ */

static void test_table_total_rows(void **state) {
  (void)state;
  assert_int_equal(P.app[0].table_classes, 15);
  assert_int_equal(P.app[0].table_learners, 1046);
  assert_int_equal(P.app[1].table_classes, 16);
  assert_int_equal(P.app[1].table_learners, 1160);
  assert_int_equal(P.app[0].nlines, 7);
  assert_int_equal(P.app[1].nlines, 16);
}

static void test_tally_matches_what_the_plan_declares(void **state) {
  (void)state;
  for (int a = 0; a < 2; a++) {
    llct_tally t;
    llct_tally_appendix(&P.app[a], &t);
    assert_int_equal(t.classes, P.app[a].declared.classes);
    assert_int_equal(t.learners, P.app[a].declared.learners);
    assert_int_equal(t.classes, P.app[a].table_classes);
    assert_int_equal(t.learners, P.app[a].table_learners);
  }
  llct_tally t1, t2;
  llct_tally_appendix(&P.app[0], &t1);
  llct_tally_appendix(&P.app[1], &t2);
  assert_int_equal(t1.learners + t2.learners, P.target_total);
}

static void test_continuation_row_joins_line_above(void **state) {
  (void)state;
  /* line 6 runs over a page break: "Quận ủy Tây Hồ 50" is its second class */
  const llct_pline *l6 = &P.app[0].lines[5];
  assert_int_equal(l6->seq, 6);
  assert_int_equal(l6->nclasses, 2);
  assert_int_equal(l6->learners, 130);
  const llct_pclass *c = find_class(&P, "PL1-6.2");
  assert_non_null(c);
  assert_int_equal(c->learners, 50);
  assert_string_equal(c->location, "TTCT quận Tây Hồ");
  assert_string_equal(c->units[0].written, "Quận ủy Tây Hồ");
  /* the repeated header after the page break is not a line */
  assert_int_equal(P.app[0].lines[6].seq, 7);
}

static void test_two_counts_in_one_cell_are_two_classes(void **state) {
  (void)state;
  const llct_pline *l3 = &P.app[0].lines[2];
  assert_int_equal(l3->nclasses, 2);
  const llct_pclass *c = find_class(&P, "PL1-3.1");
  assert_non_null(c);
  assert_int_equal(c->learners, 80);
  /* "Huyện ủy Phú Xuyên và huyện ủy Thường Tín": two units, share undecided */
  assert_int_equal(c->nunits, 2);
  assert_string_equal(c->units[0].name, "Huyện ủy Phú Xuyên");
  assert_string_equal(c->units[1].name, "Huyện ủy Thường Tín");
  assert_int_equal(c->units[0].allotted, LLCT_NONE);
  assert_string_equal(find_class(&P, "PL1-3.2")->location, "TTCT quận Long Biên");
}

static void test_line_with_five_classes_is_undecided(void **state) {
  (void)state;
  const llct_pline *l4 = &P.app[0].lines[3];
  assert_false(l4->split_decided);
  assert_int_equal(l4->nclasses, 5);
  assert_int_equal(l4->learners, 340);
  const llct_pclass *c = find_class(&P, "PL1-4.5");
  assert_non_null(c);
  assert_int_equal(c->mode, LLCT_MODE_UNDECIDED);
  assert_int_equal(c->learners, LLCT_NONE);
  assert_true(c->units[0].generic); /* "Các cơ quan, đơn vị liên quan" */
  /* "(05 lớp)" is taken out of the location */
  assert_string_equal(c->location, "Trường Đào tạo cán bộ Lê Hồng Phong");
}

static void test_note_in_parentheses_kept_apart(void **state) {
  (void)state;
  const llct_pclass *c = find_class(&P, "PL1-2");
  assert_non_null(c);
  assert_string_equal(c->units[0].name, "Trường Đại học Thương mại");
  assert_string_equal(c->units[0].note, "Đơn vị tự túc kinh phí");
  assert_int_equal(c->units[0].allotted, 80);
}

static void test_allotments_of_a_central_class(void **state) {
  (void)state;
  const llct_pclass *c = find_class(&P, "TW 1");
  assert_non_null(c);
  assert_int_equal(c->learners, 80);
  assert_int_equal(c->nunits, 6);
  long sum = 0;
  for (int i = 0; i < c->nunits; i++)
    sum += c->units[i].allotted;
  assert_int_equal(sum, 80);
  assert_string_equal(c->units[0].written, "Bộ Ngoại giao");
  assert_int_equal(c->units[0].allotted, 39);
  assert_string_equal(c->units[4].name, "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh");
  /* counts without "đ/c" */
  const llct_pclass *tw9 = find_class(&P, "TW 9");
  assert_int_equal(tw9->nunits, 4);
  assert_string_equal(tw9->units[1].name, "Viện Hàn lâm Khoa học và Công nghệ Việt Nam");
  assert_int_equal(tw9->units[1].allotted, 24);
}

static void test_modes_of_central_classes_match_declared(void **state) {
  (void)state;
  llct_tally t;
  llct_tally_appendix(&P.app[1], &t);
  assert_int_equal(t.und_classes, 0);
  assert_int_equal(t.ft_classes, P.app[1].declared.ft_classes);
  assert_int_equal(t.ft_learners, P.app[1].declared.ft_learners);
  assert_int_equal(t.pt_classes, P.app[1].declared.pt_classes);
  assert_int_equal(t.pt_learners, P.app[1].declared.pt_learners);
  assert_int_equal(find_class(&P, "TW 4")->basis, LLCT_BASIS_INFERRED);
  assert_int_equal(find_class(&P, "TW 2")->basis, LLCT_BASIS_FORCED);
}

static void test_undecided_split_of_appendix_1(void **state) {
  (void)state;
  llct_tally t;
  llct_tally_appendix(&P.app[0], &t);
  assert_int_equal(t.und_classes, 5);
  assert_int_equal(t.und_learners, 340);
  llct_split s = llct_undecided_split(&t, &P.app[0].declared, P.cap_ft, P.cap_pt);
  assert_true(s.feasible);
  /* the declared 5/250 full-time and 10/796 part-time leave exactly this
   * for the five undecided classes of line 4 */
  assert_int_equal(s.ft_classes, P.app[0].declared.ft_classes - t.ft_classes);
  assert_int_equal(s.ft_classes + s.pt_classes, 5);
  assert_int_equal(s.ft_learners + s.pt_learners, 340);
}

static void test_report_of_seed_is_consistent(void **state) {
  (void)state;
  json_t *r = llct_report_of(&P);
  assert_non_null(r);
  assert_int_equal(json_integer_value(json_object_get(r, "mismatch_count")), 0);
  assert_true(json_is_true(json_object_get(r, "consistent")));
  json_t *overall = json_object_get(r, "overall");
  assert_int_equal(json_integer_value(json_object_get(overall, "learners")), P.target_total);
  assert_int_equal(json_integer_value(json_object_get(overall, "classes")),
                   P.app[0].declared.classes + P.app[1].declared.classes);
  /* 7 full-time and 19 part-time classes decided, 5 undecided: the rule
   * holds only if at least one of the five is full-time, which the split the
   * text implies (2 of 5) satisfies */
  json_t *ratio = json_object_get(r, "ratio");
  assert_string_equal(json_string_value(json_object_get(ratio, "status")), "undetermined");
  llct_tally t;
  llct_tally_appendix(&P.app[0], &t);
  llct_split s = llct_undecided_split(&t, &P.app[0].declared, P.cap_ft, P.cap_pt);
  json_int_t needed = json_integer_value(json_object_get(ratio, "full_time_needed"));
  assert_true(needed >= 1 && needed <= s.ft_classes);
  assert_string_equal(json_string_value(json_object_get(json_object_get(ratio, "declared"), "status")), "ok");
  json_decref(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed_has_no_errors),
      cmocka_unit_test(test_heading_and_issuer),
      cmocka_unit_test(test_number_from_first_appendix_and_mismatch_reported),
      cmocka_unit_test(test_declared_totals_read_from_text),
      cmocka_unit_test(test_caps_ratio_and_limits_from_text),
      cmocka_unit_test(test_table_total_rows),
      cmocka_unit_test(test_tally_matches_what_the_plan_declares),
      cmocka_unit_test(test_continuation_row_joins_line_above),
      cmocka_unit_test(test_two_counts_in_one_cell_are_two_classes),
      cmocka_unit_test(test_line_with_five_classes_is_undecided),
      cmocka_unit_test(test_note_in_parentheses_kept_apart),
      cmocka_unit_test(test_allotments_of_a_central_class),
      cmocka_unit_test(test_modes_of_central_classes_match_declared),
      cmocka_unit_test(test_undecided_split_of_appendix_1),
      cmocka_unit_test(test_report_of_seed_is_consistent),
  };
  return cmocka_run_group_tests(tests, parse_seed, arena_teardown);
}
