/* The year's targets at their exact boundaries, in integer arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

/* A school meeting every 2023 target comfortably; tests change one figure. */
static struct em_figures good(void) {
  struct em_figures f = {.staff_total = 100,
                         .ldtt = 90,
                         .cstd = 12,
                         .units_total = 10,
                         .units_ldtt = 8,
                         .units_ldxs = 2,
                         .commended = 10,
                         .party_total = 10,
                         .party_good = 6,
                         .party_excellent = 3,
                         .prof_total = 10,
                         .prof_good = 8,
                         .prof_excellent = 2,
                         .dept_total = 8,
                         .dept_joined = 8};
  return f;
}

static const struct em_target *find(const struct em_target *t, const char *code) {
  for (int i = 0; i < EM_TARGET_COUNT; i++)
    if (strcmp(t[i].code, code) == 0)
      return &t[i];
  fail_msg("no target %s", code);
  return NULL;
}

static enum em_target_state state_of(const struct em_figures *f, const char *code) {
  struct em_target t[EM_TARGET_COUNT];
  em_targets_compute(f, &em_thresholds_2023, t);
  return find(t, code)->state;
}

static void all_met_for_a_good_school(void **state) {
  (void)state;
  struct em_figures f = good();
  struct em_target t[EM_TARGET_COUNT];
  em_targets_compute(&f, &em_thresholds_2023, t);
  for (int i = 0; i < EM_TARGET_COUNT; i++)
    assert_int_equal(t[i].state, EM_TARGET_MET);
  /* the numbers behind the verdict are kept */
  assert_int_equal(find(t, "ldtt")->num, 90);
  assert_int_equal(find(t, "ldtt")->den, 100);
  assert_int_equal(find(t, "cstd")->den, 90);
  assert_int_equal(find(t, "party_good")->num, 9);  /* tốt + xuất sắc */
  assert_int_equal(find(t, "commended")->den, 110); /* cá nhân + tập thể */
}

static void ldtt_exactly_80_percent_is_met(void **state) {
  (void)state;
  struct em_figures f = good();
  f.staff_total = 10, f.ldtt = 8, f.cstd = 1;
  assert_int_equal(state_of(&f, "ldtt"), EM_TARGET_MET);
  f.staff_total = 100, f.ldtt = 79, f.cstd = 10;
  assert_int_equal(state_of(&f, "ldtt"), EM_TARGET_NOT_MET);
  f.staff_total = 100, f.ldtt = 80;
  assert_int_equal(state_of(&f, "ldtt"), EM_TARGET_MET);
  /* 4/5 = 80%: a double would give 0.8000000000000000444; integers don't care */
  f.staff_total = 5, f.ldtt = 4, f.cstd = 0;
  assert_int_equal(state_of(&f, "ldtt"), EM_TARGET_MET);
  /* 799/1000 just under */
  f.staff_total = 1000, f.ldtt = 799;
  assert_int_equal(state_of(&f, "ldtt"), EM_TARGET_NOT_MET);
}

static void cstd_between_10_and_15_percent_inclusive(void **state) {
  (void)state;
  struct em_figures f = good();
  f.staff_total = 200;
  f.ldtt = 100;
  f.cstd = 10; /* exactly 10% */
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_MET);
  f.cstd = 15; /* exactly 15% */
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_MET);
  f.cstd = 9;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_NOT_MET);
  f.cstd = 16; /* above the cap is not met either */
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_NOT_MET);
  /* 3/20 = 15% and 2/20 = 10% with a small staff */
  f.ldtt = 20, f.cstd = 3;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_MET);
  f.cstd = 2;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_MET);
  f.cstd = 1;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_NOT_MET);
  /* 1/7 = 14.28…% is inside, 1/6 = 16.6…% is not */
  f.ldtt = 7, f.cstd = 1;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_MET);
  f.ldtt = 6;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_NOT_MET);
  /* nobody Lao động tiên tiến: nothing to measure, never "met" */
  f.ldtt = 0, f.cstd = 0;
  assert_int_equal(state_of(&f, "cstd"), EM_TARGET_NO_DATA);
}

static void at_least_one_excellent_unit(void **state) {
  (void)state;
  struct em_figures f = good();
  f.units_ldxs = 1;
  assert_int_equal(state_of(&f, "units_ldxs"), EM_TARGET_MET);
  f.units_ldxs = 0;
  assert_int_equal(state_of(&f, "units_ldxs"), EM_TARGET_NOT_MET);
}

static void commended_at_least_5_percent(void **state) {
  (void)state;
  struct em_figures f = good();
  f.staff_total = 90, f.ldtt = 80, f.units_total = 10; /* 100 in all */
  f.commended = 5;
  assert_int_equal(state_of(&f, "commended"), EM_TARGET_MET);
  f.commended = 4;
  assert_int_equal(state_of(&f, "commended"), EM_TARGET_NOT_MET);
}

static void party_70_percent_good_and_20_percent_excellent(void **state) {
  (void)state;
  struct em_figures f = good();
  f.party_total = 10, f.party_excellent = 2, f.party_good = 5; /* 7/10, 2/10 */
  assert_int_equal(state_of(&f, "party_good"), EM_TARGET_MET);
  assert_int_equal(state_of(&f, "party_excellent"), EM_TARGET_MET);
  f.party_good = 4; /* 6/10 */
  assert_int_equal(state_of(&f, "party_good"), EM_TARGET_NOT_MET);
  f.party_excellent = 1, f.party_good = 8; /* 9/10 good, 1/10 excellent */
  assert_int_equal(state_of(&f, "party_good"), EM_TARGET_MET);
  assert_int_equal(state_of(&f, "party_excellent"), EM_TARGET_NOT_MET);
  f.party_total = 0, f.party_good = 0, f.party_excellent = 0;
  assert_int_equal(state_of(&f, "party_good"), EM_TARGET_NO_DATA);
}

static void professional_units_strictly_over_90_percent(void **state) {
  (void)state;
  struct em_figures f = good();
  f.prof_total = 10, f.prof_good = 9, f.prof_excellent = 0; /* exactly 90% */
  assert_int_equal(state_of(&f, "prof_good"), EM_TARGET_NOT_MET);
  f.prof_good = 8, f.prof_excellent = 2; /* 100% */
  assert_int_equal(state_of(&f, "prof_good"), EM_TARGET_MET);
  f.prof_total = 11, f.prof_good = 10, f.prof_excellent = 0; /* 90.9% */
  assert_int_equal(state_of(&f, "prof_good"), EM_TARGET_MET);
}

static void every_department_takes_part(void **state) {
  (void)state;
  struct em_figures f = good();
  f.dept_total = 8, f.dept_joined = 7;
  assert_int_equal(state_of(&f, "dept"), EM_TARGET_NOT_MET);
  f.dept_joined = 8;
  assert_int_equal(state_of(&f, "dept"), EM_TARGET_MET);
}

static void thresholds_are_the_years_not_constants(void **state) {
  (void)state;
  struct em_figures f = good();
  f.staff_total = 100, f.ldtt = 85, f.cstd = 10;
  struct em_thresholds t = em_thresholds_2023;
  t.ldtt_min_pct = 90;
  struct em_target out[EM_TARGET_COUNT];
  em_targets_compute(&f, &t, out);
  assert_int_equal(find(out, "ldtt")->state, EM_TARGET_NOT_MET);
  assert_int_equal(find(out, "ldtt")->lo, 90);
}

static void permille_for_display(void **state) {
  (void)state;
  assert_int_equal(em_ratio_permille(8, 10), 800);
  assert_int_equal(em_ratio_permille(1, 7), 143); /* 142.857 → 143 */
  assert_int_equal(em_ratio_permille(1, 8), 125);
  assert_int_equal(em_ratio_permille(1, 16), 63); /* 62.5 → 63, half up */
  assert_int_equal(em_ratio_permille(3, 0), -1);
  assert_string_equal(em_target_state_code(EM_TARGET_MET), "met");
  assert_string_equal(em_target_state_code(EM_TARGET_NOT_MET), "not_met");
  assert_string_equal(em_target_state_code(EM_TARGET_NO_DATA), "no_data");
}

static void inconsistent_figures_are_named(void **state) {
  (void)state;
  const char *msg;
  struct em_figures f = good();
  assert_null(em_figures_check(&f, &msg));
  f.ldtt = 101;
  assert_string_equal(em_figures_check(&f, &msg), "ldtt");
  assert_non_null(msg);
  f = good();
  f.cstd = 91;
  assert_string_equal(em_figures_check(&f, &msg), "cstd");
  f = good();
  f.units_ldxs = 9;
  assert_string_equal(em_figures_check(&f, &msg), "units_ldxs");
  f = good();
  f.party_excellent = 5; /* 6 + 5 > 10 */
  assert_string_equal(em_figures_check(&f, &msg), "party_good");
  f = good();
  f.prof_excellent = 3;
  assert_string_equal(em_figures_check(&f, &msg), "prof_good");
  f = good();
  f.dept_joined = 9;
  assert_string_equal(em_figures_check(&f, &msg), "dept_joined");
  f = good();
  f.commended = 111;
  assert_string_equal(em_figures_check(&f, &msg), "commended");
  f = good();
  f.units_total = -1;
  assert_string_equal(em_figures_check(&f, &msg), "units_total");
}

static void threshold_sanity(void **state) {
  (void)state;
  const char *msg;
  struct em_thresholds t = em_thresholds_2023;
  assert_null(em_thresholds_check(&t, &msg));
  t.cstd_min_pct = 16;
  assert_string_equal(em_thresholds_check(&t, &msg), "t_cstd_min_pct");
  t = em_thresholds_2023;
  t.ldtt_min_pct = 101;
  assert_string_equal(em_thresholds_check(&t, &msg), "t_ldtt_min_pct");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(all_met_for_a_good_school),
      cmocka_unit_test(ldtt_exactly_80_percent_is_met),
      cmocka_unit_test(cstd_between_10_and_15_percent_inclusive),
      cmocka_unit_test(at_least_one_excellent_unit),
      cmocka_unit_test(commended_at_least_5_percent),
      cmocka_unit_test(party_70_percent_good_and_20_percent_excellent),
      cmocka_unit_test(professional_units_strictly_over_90_percent),
      cmocka_unit_test(every_department_takes_part),
      cmocka_unit_test(thresholds_are_the_years_not_constants),
      cmocka_unit_test(permille_for_display),
      cmocka_unit_test(inconsistent_figures_are_named),
      cmocka_unit_test(threshold_sanity),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
