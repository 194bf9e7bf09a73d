/* Staff review: who is in a rule's population, who has the qualification,
 * and whether counts and shares meet the rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

static const struct accr_staff staff[] = {
    /* 0 */ {ACCR_SK_LECTURER, ACCR_DEG_DOCTOR, ACCR_TTL_ASSOCIATE, ACCR_TH_ADVANCED, ACCR_RK_SENIOR, true},
    /* 1 */ {ACCR_SK_LECTURER, ACCR_DEG_MASTER, ACCR_TTL_NONE, ACCR_TH_BACHELOR, ACCR_RK_MAIN, true},
    /* 2 */
    {ACCR_SK_LECTURER, ACCR_DEG_BACHELOR, ACCR_TTL_NONE, ACCR_TH_INTERMEDIATE, ACCR_RK_LECTURER, false},
    /* 3 */ {ACCR_SK_MANAGER, ACCR_DEG_MASTER, ACCR_TTL_NONE, ACCR_TH_ADVANCED, ACCR_RK_NONE, false},
    /* 4 */ {ACCR_SK_BOTH, ACCR_DEG_DOCTOR, ACCR_TTL_NONE, ACCR_TH_ADVANCED, ACCR_RK_MAIN, true},
};
#define N (sizeof(staff) / sizeof(staff[0]))

static void test_qualifications(void **state) {
  (void)state;
  assert_true(accr_staff_has(&staff[1], ACCR_Q_MASTER));
  assert_true(accr_staff_has(&staff[0], ACCR_Q_MASTER)); /* a doctor is above a master */
  assert_false(accr_staff_has(&staff[2], ACCR_Q_MASTER));
  assert_false(accr_staff_has(&staff[1], ACCR_Q_DOCTOR));
  assert_true(accr_staff_has(&staff[0], ACCR_Q_PROFESSOR_TITLE));
  assert_false(accr_staff_has(&staff[4], ACCR_Q_PROFESSOR_TITLE));
  assert_true(accr_staff_has(&staff[1], ACCR_Q_ADVANCED_THEORY)); /* bachelor counts */
  assert_false(accr_staff_has(&staff[2], ACCR_Q_ADVANCED_THEORY));
  assert_true(accr_staff_has(&staff[1], ACCR_Q_MAIN_LECTURER));
  assert_true(accr_staff_has(&staff[0], ACCR_Q_MAIN_LECTURER));
  assert_false(accr_staff_has(&staff[1], ACCR_Q_SENIOR_LECTURER));
  assert_false(accr_staff_has(&staff[3], ACCR_Q_PEDAGOGY));
  assert_true(accr_staff_has(&staff[2], ACCR_Q_ANY));
  assert_false(accr_staff_has(&staff[2], ACCR_Q_COUNT));
}

static void test_roles(void **state) {
  (void)state;
  assert_true(accr_staff_in_role(&staff[4], ACCR_RR_LECTURERS)); /* both */
  assert_true(accr_staff_in_role(&staff[4], ACCR_RR_MANAGERS));
  assert_false(accr_staff_in_role(&staff[3], ACCR_RR_LECTURERS));
  assert_false(accr_staff_in_role(&staff[0], ACCR_RR_MANAGERS));
  assert_true(accr_staff_in_role(&staff[3], ACCR_RR_ALL));
}

static void test_rule_count(void **state) {
  (void)state;
  struct accr_staff_tally t;
  struct accr_staff_rule doctors = {ACCR_RR_LECTURERS, ACCR_Q_DOCTOR, 2, -1};
  accr_staff_rule_eval(&doctors, staff, N, &t);
  assert_int_equal(t.population, 4); /* 0,1,2,4 */
  assert_int_equal(t.matching, 2);   /* 0,4 */
  assert_true(t.met);
  doctors.min_count = 3;
  accr_staff_rule_eval(&doctors, staff, N, &t);
  assert_false(t.met);
}

static void test_rule_percent(void **state) {
  (void)state;
  struct accr_staff_tally t;
  /* masters among lecturers: 0,1,4 of 4 = 75% */
  struct accr_staff_rule r = {ACCR_RR_LECTURERS, ACCR_Q_MASTER, -1, 75};
  accr_staff_rule_eval(&r, staff, N, &t);
  assert_int_equal(t.matching, 3);
  assert_true(t.met); /* exactly on the threshold */
  r.min_percent = 75.01;
  accr_staff_rule_eval(&r, staff, N, &t);
  assert_false(t.met);
  /* both a count and a share */
  struct accr_staff_rule both = {ACCR_RR_MANAGERS, ACCR_Q_ADVANCED_THEORY, 2, 100};
  accr_staff_rule_eval(&both, staff, N, &t);
  assert_int_equal(t.population, 2);
  assert_int_equal(t.matching, 2);
  assert_true(t.met);
  both.min_count = 3;
  accr_staff_rule_eval(&both, staff, N, &t);
  assert_false(t.met);
}

static void test_empty_population(void **state) {
  (void)state;
  struct accr_staff_tally t;
  struct accr_staff_rule share = {ACCR_RR_LECTURERS, ACCR_Q_MASTER, -1, 50};
  accr_staff_rule_eval(&share, NULL, 0, &t);
  assert_int_equal(t.population, 0);
  assert_false(t.met);
  struct accr_staff_rule zero = {ACCR_RR_LECTURERS, ACCR_Q_MASTER, 0, -1};
  accr_staff_rule_eval(&zero, NULL, 0, &t);
  assert_true(t.met);
}

static void test_codes(void **state) {
  (void)state;
  enum accr_qual q;
  for (int i = 0; i < ACCR_Q_COUNT; i++) {
    assert_true(accr_qual_parse(accr_qual_code((enum accr_qual)i), &q));
    assert_int_equal(q, i);
  }
  assert_false(accr_qual_parse("phd", &q));
  enum accr_degree d;
  assert_true(accr_degree_parse("doctor", &d));
  assert_int_equal(d, ACCR_DEG_DOCTOR);
  assert_false(accr_degree_parse("Doctor", &d));
  enum accr_rank rk;
  assert_true(accr_rank_parse("senior_lecturer", &rk));
  assert_int_equal(rk, ACCR_RK_SENIOR);
  enum accr_rule_role rr;
  assert_true(accr_rule_role_parse("managers", &rr));
  assert_false(accr_rule_role_parse(NULL, &rr));
  enum accr_staff_kind k;
  assert_true(accr_staff_kind_parse("both", &k));
  assert_int_equal(k, ACCR_SK_BOTH);
  enum accr_theory th;
  assert_true(accr_theory_parse("bachelor", &th));
  assert_int_equal(th, ACCR_TH_BACHELOR);
  enum accr_title tt;
  assert_false(accr_title_parse("", &tt));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qualifications),   cmocka_unit_test(test_roles),
      cmocka_unit_test(test_rule_count),       cmocka_unit_test(test_rule_percent),
      cmocka_unit_test(test_empty_population), cmocka_unit_test(test_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
