/* Totals, gaps, ranking with ties, and the awards that follow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

static void totals_add_bonus_and_subtract_penalty(void **state) {
  (void)state;
  struct em_line lines[] = {
      {EM_CRIT_SCORE, 1000, true, true, 900, 800},
      {EM_CRIT_SCORE, 500, true, false, 450, 0},
      {EM_CRIT_BONUS, 500, true, true, 200, 100},
      {EM_CRIT_PENALTY, 500, true, true, 100, 300},
  };
  assert_int_equal(em_total(lines, 4, false), 900 + 450 + 200 - 100);
  assert_int_equal(em_total(lines, 4, true), 800 + 100 - 300);
  /* final: cross where scored, self otherwise */
  assert_int_equal(em_final_total(lines, 4), 800 + 450 + 100 - 300);
  assert_int_equal(em_total(lines, 0, false), 0);
}

static void penalties_can_make_a_total_negative(void **state) {
  (void)state;
  struct em_line lines[] = {{EM_CRIT_PENALTY, 500, true, false, 500, 0}};
  assert_int_equal(em_total(lines, 1, false), -500);
}

static void large_gaps_are_flagged(void **state) {
  (void)state;
  /* max 10 points, 20%: a gap of exactly 2 points is not large, 2.01 is */
  struct em_line l = {EM_CRIT_SCORE, 1000, true, true, 1000, 800};
  assert_false(em_gap_large(&l, 20));
  l.cross = 799;
  assert_true(em_gap_large(&l, 20));
  l.cross = 1201; /* the other direction counts too */
  assert_true(em_gap_large(&l, 20));
  l.has_cross = false;
  assert_false(em_gap_large(&l, 20));
  /* 0% flags any difference */
  struct em_line z = {EM_CRIT_SCORE, 1000, true, true, 1000, 999};
  assert_true(em_gap_large(&z, 0));
  z.cross = 1000;
  assert_false(em_gap_large(&z, 0));
  assert_false(em_total_gap_large(9000, 8500, 500));
  assert_true(em_total_gap_large(9000, 8499, 500));
  assert_true(em_total_gap_large(8499, 9000, 500));
}

static void ties_share_a_rank_and_the_next_is_skipped(void **state) {
  (void)state;
  em_pts totals[] = {9000, 9500, 9000, 8000, 9500};
  bool ranked[] = {true, true, true, true, true};
  int rank[5];
  em_rank(totals, ranked, 5, rank);
  assert_int_equal(rank[1], 1);
  assert_int_equal(rank[4], 1);
  assert_int_equal(rank[0], 3);
  assert_int_equal(rank[2], 3);
  assert_int_equal(rank[3], 5);
}

static void unranked_schools_get_no_rank_and_do_not_push_others(void **state) {
  (void)state;
  em_pts totals[] = {9000, 10000, 8000};
  bool ranked[] = {true, false, true};
  int rank[3];
  em_rank(totals, ranked, 3, rank);
  assert_int_equal(rank[1], 0);
  assert_int_equal(rank[0], 1);
  assert_int_equal(rank[2], 2);
}

static void hundredths_decide_not_rounding(void **state) {
  (void)state;
  em_pts totals[] = {9001, 9000};
  bool ranked[] = {true, true};
  int rank[2];
  em_rank(totals, ranked, 2, rank);
  assert_int_equal(rank[0], 1);
  assert_int_equal(rank[1], 2);
}

static void awards_follow_ranks(void **state) {
  (void)state;
  assert_int_equal(em_award_for_rank(1, 1, 1), EM_AWARD_FLAG);
  assert_int_equal(em_award_for_rank(2, 1, 1), EM_AWARD_MERIT);
  assert_int_equal(em_award_for_rank(3, 1, 1), EM_AWARD_NONE);
  assert_int_equal(em_award_for_rank(0, 1, 1), EM_AWARD_NONE);
  assert_int_equal(em_award_for_rank(3, 1, 2), EM_AWARD_MERIT);
  assert_int_equal(em_award_for_rank(1, 0, 2), EM_AWARD_MERIT);
  assert_string_equal(em_award_code(EM_AWARD_FLAG), "co_thi_dua");
  assert_string_equal(em_award_code(EM_AWARD_MERIT), "bang_khen");
  assert_string_equal(em_award_code(EM_AWARD_NONE), "none");
}

static void ties_over_the_slots_are_flagged(void **state) {
  (void)state;
  int tie_first[] = {1, 1, 3};
  assert_true(em_award_overflows(tie_first, 3, EM_AWARD_FLAG, 1, 1));
  assert_false(em_award_overflows(tie_first, 3, EM_AWARD_MERIT, 1, 1)); /* rank 3: none */
  int clean[] = {1, 2, 3};
  assert_false(em_award_overflows(clean, 3, EM_AWARD_FLAG, 1, 1));
  assert_false(em_award_overflows(clean, 3, EM_AWARD_MERIT, 1, 1));
  int tie_second[] = {1, 2, 2};
  assert_true(em_award_overflows(tie_second, 3, EM_AWARD_MERIT, 1, 1));
  assert_false(em_award_overflows(tie_second, 3, EM_AWARD_NONE, 1, 1));
}

static void criterion_kinds(void **state) {
  (void)state;
  enum em_crit_kind k;
  assert_true(em_crit_kind_parse("bonus", &k));
  assert_int_equal(k, EM_CRIT_BONUS);
  assert_true(em_crit_kind_parse("penalty", &k));
  assert_string_equal(em_crit_kind_code(k), "penalty");
  assert_false(em_crit_kind_parse("extra", &k));
  assert_false(em_crit_kind_parse(NULL, &k));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(totals_add_bonus_and_subtract_penalty),
      cmocka_unit_test(penalties_can_make_a_total_negative),
      cmocka_unit_test(large_gaps_are_flagged),
      cmocka_unit_test(ties_share_a_rank_and_the_next_is_skipped),
      cmocka_unit_test(unranked_schools_get_no_rank_and_do_not_push_others),
      cmocka_unit_test(hundredths_decide_not_rounding),
      cmocka_unit_test(awards_follow_ranks),
      cmocka_unit_test(ties_over_the_slots_are_flagged),
      cmocka_unit_test(criterion_kinds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
