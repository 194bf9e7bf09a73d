/* Readiness by level, score bounds, level parsing and evidence expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

#define L1 ACCR_LEVEL_BIT(1)
#define L2 ACCR_LEVEL_BIT(2)
#define BOTH (L1 | L2)

static void test_empty(void **state) {
  (void)state;
  struct accr_readiness r;
  accr_readiness_compute(NULL, 0, &r);
  assert_int_equal(r.level[0].total, 0);
  assert_false(r.level[0].ready); /* nothing to meet is not "ready" */
  assert_false(r.level[1].ready);
}

static void test_counts_by_level(void **state) {
  (void)state;
  const struct accr_item items[] = {
      {.levels = BOTH, .mandatory = true, .result = ACCR_R_MET},
      {.levels = BOTH, .result = ACCR_R_PARTIAL},
      {.levels = L1, .result = ACCR_R_MET},
      {.levels = L2, .mandatory = true, .result = ACCR_R_NOT_MET},
      {.levels = L2, .result = ACCR_R_NONE},
      {.levels = BOTH, .result = ACCR_R_NOT_APPLICABLE},
  };
  struct accr_readiness r;
  accr_readiness_compute(items, 6, &r);
  /* level 1: items 0,1,2 count, 5 is not applicable */
  assert_int_equal(r.level[0].total, 3);
  assert_int_equal(r.level[0].met, 2);
  assert_int_equal(r.level[0].partial, 1);
  assert_int_equal(r.level[0].assessed, 3);
  assert_int_equal(r.level[0].not_applicable, 1);
  assert_int_equal(r.level[0].mandatory_total, 1);
  assert_int_equal(r.level[0].unmet_mandatory, 0);
  assert_false(r.level[0].ready);
  /* level 2: items 0,1,3,4 */
  assert_int_equal(r.level[1].total, 4);
  assert_int_equal(r.level[1].met, 1);
  assert_int_equal(r.level[1].not_met, 1);
  assert_int_equal(r.level[1].assessed, 3);
  assert_int_equal(r.level[1].mandatory_total, 2);
  assert_int_equal(r.level[1].unmet_mandatory, 1);
}

static void test_ready_when_all_met(void **state) {
  (void)state;
  const struct accr_item items[] = {
      {.levels = L1, .mandatory = true, .result = ACCR_R_MET},
      {.levels = BOTH, .result = ACCR_R_MET},
      {.levels = BOTH, .result = ACCR_R_NOT_APPLICABLE},
      {.levels = L2, .result = ACCR_R_PARTIAL},
  };
  struct accr_readiness r;
  accr_readiness_compute(items, 4, &r);
  assert_true(r.level[0].ready);
  assert_false(r.level[1].ready);
}

/* A mandatory criterion cannot be waived by marking it not applicable. */
static void test_mandatory_not_applicable_is_unmet(void **state) {
  (void)state;
  const struct accr_item items[] = {
      {.levels = L1, .mandatory = true, .result = ACCR_R_NOT_APPLICABLE},
  };
  struct accr_readiness r;
  accr_readiness_compute(items, 1, &r);
  assert_int_equal(r.level[0].total, 1);
  assert_int_equal(r.level[0].not_met, 1);
  assert_int_equal(r.level[0].unmet_mandatory, 1);
  assert_false(r.level[0].ready);
}

static void test_scores(void **state) {
  (void)state;
  const struct accr_item items[] = {
      {.levels = BOTH,
       .result = ACCR_R_MET,
       .has_score = true,
       .score = 9.5,
       .has_max = true,
       .max_score = 10},
      {.levels = L1, .result = ACCR_R_NONE, .has_max = true, .max_score = 5},
      {.levels = L2, .result = ACCR_R_MET, .has_score = true, .score = 3}, /* no maximum */
  };
  struct accr_readiness r;
  accr_readiness_compute(items, 3, &r);
  assert_true(r.level[0].score > 9.49 && r.level[0].score < 9.51);
  assert_true(r.level[0].max_score > 14.99 && r.level[0].max_score < 15.01);
  assert_true(r.level[1].max_score > 9.99 && r.level[1].max_score < 10.01);
}

static void test_score_valid(void **state) {
  (void)state;
  assert_true(accr_score_valid(0, true, 10));
  assert_true(accr_score_valid(10, true, 10));
  assert_true(accr_score_valid(9.95, true, 9.95));
  assert_false(accr_score_valid(10.01, true, 10));
  assert_false(accr_score_valid(-0.5, true, 10));
  assert_false(accr_score_valid(-1, false, 0));
  assert_true(accr_score_valid(1000, false, 0));
  double nan = 0.0 / 0.0;
  assert_false(accr_score_valid(nan, true, 10));
}

static void test_levels_parse(void **state) {
  (void)state;
  assert_int_equal(accr_levels_parse("1"), L1);
  assert_int_equal(accr_levels_parse("2"), L2);
  assert_int_equal(accr_levels_parse("1,2"), BOTH);
  assert_int_equal(accr_levels_parse("1 + 2"), BOTH);
  assert_int_equal(accr_levels_parse("2;1"), BOTH);
  assert_int_equal(accr_levels_parse("cả hai"), BOTH);
  assert_int_equal(accr_levels_parse("3"), 0u);
  assert_int_equal(accr_levels_parse("1,3"), 0u);
  assert_int_equal(accr_levels_parse(""), 0u);
  assert_int_equal(accr_levels_parse("mức"), 0u);
  assert_int_equal(accr_levels_parse(NULL), 0u);
  assert_true(accr_applies(BOTH, 2));
  assert_false(accr_applies(L1, 2));
  assert_false(accr_applies(BOTH, 3));
  assert_false(accr_applies(BOTH, 0));
}

static void test_result_codes(void **state) {
  (void)state;
  enum accr_result r;
  assert_true(accr_result_parse("met", &r));
  assert_int_equal(r, ACCR_R_MET);
  assert_true(accr_result_parse("not_applicable", &r));
  assert_int_equal(r, ACCR_R_NOT_APPLICABLE);
  assert_true(accr_result_parse("", &r));
  assert_int_equal(r, ACCR_R_NONE);
  assert_false(accr_result_parse("passed", &r));
  assert_string_equal(accr_result_title(ACCR_R_PARTIAL), "Đạt một phần");
}

static void test_evidence_expiry(void **state) {
  (void)state;
  const char *today = "2026-06-15";
  assert_int_equal(accr_evidence_state_on(today, NULL, NULL, 30), ACCR_E_VALID);
  assert_int_equal(accr_evidence_state_on(today, "2026-01-01", "2027-01-01", 30), ACCR_E_VALID);
  assert_int_equal(accr_evidence_state_on(today, NULL, "2026-07-15", 30), ACCR_E_EXPIRING);
  assert_int_equal(accr_evidence_state_on(today, NULL, "2026-07-16", 30), ACCR_E_VALID);
  assert_int_equal(accr_evidence_state_on(today, NULL, "2026-06-15", 30), ACCR_E_EXPIRING);
  assert_int_equal(accr_evidence_state_on(today, NULL, "2026-06-14", 30), ACCR_E_EXPIRED);
  assert_int_equal(accr_evidence_state_on(today, "2026-06-16", NULL, 30), ACCR_E_NOT_YET);
  assert_string_equal(accr_evidence_state_code(ACCR_E_EXPIRED), "expired");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_counts_by_level),
      cmocka_unit_test(test_ready_when_all_met),
      cmocka_unit_test(test_mandatory_not_applicable_is_unmet),
      cmocka_unit_test(test_scores),
      cmocka_unit_test(test_score_valid),
      cmocka_unit_test(test_levels_parse),
      cmocka_unit_test(test_result_codes),
      cmocka_unit_test(test_evidence_expiry),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
