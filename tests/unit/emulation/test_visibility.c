/* Scores hidden from members until the cluster finalises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

static struct em_card_view card(enum em_viewer viewer, bool cross) {
  struct em_card_view v = {.viewer = viewer, .cross = cross, .self_submitted = true};
  return v;
}

static void board_sees_everything(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_BOARD, true);
  assert_true(em_card_visible(&v));
  v.self_submitted = false;
  v.cross = false;
  assert_true(em_card_visible(&v));
  assert_true(em_ranking_visible(EM_VIEW_BOARD, false));
}

static void a_school_sees_its_self_score_not_the_cross_check(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_MEMBER, false);
  v.viewer_is_scored = true;
  v.self_submitted = false;
  assert_true(em_card_visible(&v)); /* its own draft */
  v.cross = true;
  assert_false(em_card_visible(&v)); /* hidden until the decision */
  v.finalized = true;
  assert_true(em_card_visible(&v));
}

static void the_checker_sees_what_it_verifies(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_MEMBER, false);
  v.viewer_is_checker = true;
  assert_true(em_card_visible(&v));
  v.self_submitted = false; /* nothing submitted yet: a draft is private */
  assert_false(em_card_visible(&v));
  v.cross = true;
  assert_true(em_card_visible(&v)); /* its own cross-check */
}

static void other_members_see_nothing_before_finalisation(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_MEMBER, false);
  assert_false(em_card_visible(&v));
  v.cross = true;
  assert_false(em_card_visible(&v));
  assert_false(em_ranking_visible(EM_VIEW_MEMBER, false));
  v.finalized = true;
  assert_true(em_card_visible(&v));
  assert_true(em_ranking_visible(EM_VIEW_MEMBER, true));
}

static void the_head_runs_the_table(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_HEAD, false);
  assert_true(em_card_visible(&v));
  v.self_submitted = false; /* but not another school's draft */
  assert_false(em_card_visible(&v));
  v.cross = true;
  assert_true(em_card_visible(&v));
  assert_true(em_ranking_visible(EM_VIEW_HEAD, false));
}

static void outsiders_wait_for_the_decision(void **state) {
  (void)state;
  struct em_card_view v = card(EM_VIEW_OUTSIDE, false);
  assert_false(em_card_visible(&v));
  assert_false(em_ranking_visible(EM_VIEW_OUTSIDE, false));
  v.finalized = true;
  assert_true(em_card_visible(&v));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(board_sees_everything),
      cmocka_unit_test(a_school_sees_its_self_score_not_the_cross_check),
      cmocka_unit_test(the_checker_sees_what_it_verifies),
      cmocka_unit_test(other_members_see_nothing_before_finalisation),
      cmocka_unit_test(the_head_runs_the_table),
      cmocka_unit_test(outsiders_wait_for_the_decision),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
