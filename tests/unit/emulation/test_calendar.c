/* The kinds of submission: codes, levels, required parts, 2023 dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

static void the_2023_calendar(void **state) {
  (void)state;
  const struct {
    const char *code;
    enum em_level level;
    int m, d;
  } want[] = {
      {"plan", EM_LEVEL_SCHOOL, 3, 5},
      {"cluster_plan", EM_LEVEL_CLUSTER, 3, 15},
      {"officers", EM_LEVEL_CLUSTER, 3, 15},
      {"midyear_conference", EM_LEVEL_CLUSTER, 7, 30},
      {"midyear_report", EM_LEVEL_CLUSTER, 8, 10},
      {"school_report", EM_LEVEL_SCHOOL, 11, 5},
      {"score_sheet", EM_LEVEL_SCHOOL, 11, 5},
      {"conference_plan", EM_LEVEL_CLUSTER, 11, 10},
      {"cluster_dossier", EM_LEVEL_CLUSTER, 11, 30},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const struct em_kind *k = em_kind_find(want[i].code);
    assert_non_null(k);
    assert_int_equal(k->level, want[i].level);
    assert_int_equal(k->month, want[i].m);
    assert_int_equal(k->day, want[i].d);
  }
  assert_null(em_kind_find("mid_year"));
  assert_null(em_kind_find(NULL));
  /* the plan has no grace: a school that misses 05/3 is not evaluated */
  assert_int_equal(em_kind_find("plan")->lock_grace, 0);
}

static void the_cluster_dossier_needs_its_forms(void **state) {
  (void)state;
  const struct em_kind *k = em_kind_find("cluster_dossier");
  assert_non_null(em_part_find(k, "m06"));
  assert_non_null(em_part_find(k, "m07"));
  assert_non_null(em_part_find(k, "m08"));
  assert_int_equal(em_part_find(k, "m09")->min_files, 2); /* two Mẫu 09 */
  assert_null(em_part_find(k, "main"));
  assert_true(k->needs & EM_NEEDS_FINALIZED);
  assert_true(k->needs & EM_NEEDS_NEXT_TERM);

  /* parts in declaration order: m06, m07, score_table, m08, m09 */
  int counts[EM_MAX_PARTS] = {1, 1, 0, 1, 1};
  const struct em_part *missing = em_parts_missing(k, counts);
  assert_non_null(missing);
  assert_string_equal(missing->code, "m09");
  counts[4] = 2;
  assert_null(em_parts_missing(k, counts));
  counts[0] = 0;
  assert_string_equal(em_parts_missing(k, counts)->code, "m06");
}

static void optional_parts_are_never_missing(void **state) {
  (void)state;
  const struct em_kind *k = em_kind_find("score_sheet");
  int counts[EM_MAX_PARTS] = {0};
  assert_null(em_parts_missing(k, counts));
  assert_true(k->needs & EM_NEEDS_SCORES);
  k = em_kind_find("plan");
  assert_string_equal(em_parts_missing(k, counts)->code, "main");
  assert_true(k->data & EM_DATA_REGISTRATION);
}

static void every_kind_is_complete(void **state) {
  (void)state;
  for (size_t i = 0; i < EM_KIND_COUNT; i++) {
    const struct em_kind *k = &em_kinds[i];
    assert_non_null(k->title);
    assert_true(cadre_date_valid(2023, k->month, k->day));
    assert_non_null(k->parts[0].code); /* something to attach */
    for (size_t j = i + 1; j < EM_KIND_COUNT; j++)
      assert_string_not_equal(k->code, em_kinds[j].code);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_2023_calendar),
      cmocka_unit_test(the_cluster_dossier_needs_its_forms),
      cmocka_unit_test(optional_parts_are_never_missing),
      cmocka_unit_test(every_kind_is_complete),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
