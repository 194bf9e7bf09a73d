/* Reporting periods, recurring due points and timeliness as of a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/tasks/tasks.h"

static cadre_date D(const char *iso) {
  cadre_date d;
  if (!cadre_date_parse(iso, &d))
    fail_msg("bad date in test: %s", iso);
  return d;
}

static void assert_date(cadre_date got, const char *want) {
  char s[11];
  cadre_date_iso(got, s);
  assert_string_equal(s, want);
}

static void test_periods(void **state) {
  (void)state;
  tasks_recur q = {.period = TASKS_P_QUARTER};
  assert_date(tasks_recur_next(&q, D("2026-02-10")), "2026-03-31");
  assert_date(tasks_recur_next(&q, D("2026-03-31")), "2026-03-31");
  assert_date(tasks_recur_next(&q, D("2026-04-01")), "2026-06-30");
  assert_date(tasks_recur_prev(&q, D("2026-04-01")), "2026-03-31");
  assert_date(tasks_recur_prev(&q, D("2026-03-31")), "2025-12-31");
  assert_date(tasks_recur_start(&q, D("2026-09-30")), "2026-07-01");
  tasks_recur m = {.period = TASKS_P_MONTH};
  assert_date(tasks_recur_next(&m, D("2028-02-03")), "2028-02-29");
  assert_date(tasks_recur_prev(&m, D("2026-01-15")), "2025-12-31");
  assert_date(tasks_recur_start(&m, D("2026-02-28")), "2026-02-01");
  tasks_recur h = {.period = TASKS_P_HALF};
  assert_date(tasks_recur_next(&h, D("2026-07-01")), "2026-12-31");
  assert_date(tasks_recur_prev(&h, D("2026-07-01")), "2026-06-30");
  tasks_recur y = {.period = TASKS_P_YEAR};
  assert_date(tasks_recur_next(&y, D("2026-07-01")), "2026-12-31");
  assert_date(tasks_recur_start(&y, D("2026-12-31")), "2026-01-01");
}

static void test_anniversary(void **state) {
  (void)state;
  tasks_recur a = {.anniversary = true, .month = 2, .day = 3};
  assert_date(tasks_recur_next(&a, D("2026-01-10")), "2026-02-03");
  assert_date(tasks_recur_next(&a, D("2026-02-03")), "2026-02-03");
  assert_date(tasks_recur_next(&a, D("2026-02-04")), "2027-02-03");
  assert_date(tasks_recur_prev(&a, D("2026-02-03")), "2025-02-03");
  assert_date(tasks_recur_prev(&a, D("2026-02-04")), "2026-02-03");
  assert_date(tasks_recur_start(&a, D("2027-02-03")), "2026-02-04");
  tasks_recur leap = {.anniversary = true, .month = 2, .day = 29};
  assert_date(tasks_recur_next(&leap, D("2027-01-01")), "2027-02-28");
  assert_date(tasks_recur_next(&leap, D("2028-01-01")), "2028-02-29");
}

static void test_codes(void **state) {
  (void)state;
  for (int s = 0; s < TASKS_ST_COUNT; s++) {
    enum tasks_status back;
    assert_true(tasks_status_from_code(tasks_status_code((enum tasks_status)s), &back));
    assert_int_equal(back, s);
  }
  for (int t = 0; t < TASKS_TL_COUNT; t++) {
    enum tasks_timeliness back;
    assert_true(tasks_tl_from_code(tasks_tl_code((enum tasks_timeliness)t), &back));
    assert_int_equal(back, t);
  }
  enum tasks_period p;
  assert_true(tasks_period_from_code("half", &p));
  assert_int_equal(p, TASKS_P_HALF);
  assert_false(tasks_period_from_code("week", &p));
  enum tasks_status st;
  assert_false(tasks_status_from_code("done", &st));
  assert_false(tasks_status_from_code(NULL, &st));
}

static tasks_clock fixed(const char *due) {
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .has_due = true,
                   .due = D(due),
                   .reporting_start = D("2026-01-01"),
                   .due_soon_days = 7};
  return c;
}

static void test_fixed(void **state) {
  (void)state;
  tasks_clock c = fixed("2026-04-30");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-01")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-22")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-23")), TASKS_TL_DUE_SOON);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-30")), TASKS_TL_DUE_SOON);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-05-01")), TASKS_TL_OVERDUE);
  /* finished on time, late; and seen from before it was finished */
  c.status = TASKS_ST_COMPLETED;
  c.has_finished = true;
  c.finished_on = D("2026-04-30");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-06-01")), TASKS_TL_ON_TIME);
  c.finished_on = D("2026-05-10");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-06-01")), TASKS_TL_DONE_LATE);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-05-05")), TASKS_TL_OVERDUE);
  /* a claim counts as finished on its day */
  c.status = TASKS_ST_CLAIMED;
  c.finished_on = D("2026-04-20");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-05-05")), TASKS_TL_ON_TIME);
  /* cancelled, or no deadline at all */
  c.status = TASKS_ST_CANCELLED;
  assert_int_equal(tasks_timeliness_of(&c, D("2026-05-05")), TASKS_TL_NONE);
  tasks_clock none = {.status = TASKS_ST_NOT_STARTED, .due_soon_days = 7};
  assert_int_equal(tasks_timeliness_of(&none, D("2026-05-05")), TASKS_TL_NONE);
  /* due soon window is configurable */
  c = fixed("2026-04-30");
  c.due_soon_days = 0;
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-29")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-30")), TASKS_TL_DUE_SOON);
}

static tasks_clock ongoing(void) {
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .recurring = true,
                   .recur = {.period = TASKS_P_QUARTER},
                   .reporting_start = D("2026-03-01"),
                   .due_soon_days = 7};
  return c;
}

static void test_recurring(void **state) {
  (void)state;
  tasks_clock c = ongoing();
  /* before the programme starts nothing is owed */
  assert_int_equal(tasks_timeliness_of(&c, D("2026-02-01")), TASKS_TL_ON_TIME);
  /* first quarter: due soon near its end, overdue once it ends unreported */
  assert_int_equal(tasks_timeliness_of(&c, D("2026-03-10")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-03-25")), TASKS_TL_DUE_SOON);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-01")), TASKS_TL_OVERDUE);
  /* a report in Q1 satisfies Q1 */
  c.has_last_report = true;
  c.last_report = D("2026-03-20");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-03-25")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-01")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-06-25")), TASKS_TL_DUE_SOON);
  assert_int_equal(tasks_timeliness_of(&c, D("2026-07-01")), TASKS_TL_OVERDUE);
  /* a late report for Q1, posted in Q2, clears the overdue */
  c.last_report = D("2026-04-05");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-10")), TASKS_TL_ON_TIME);
  /* a report after the day asked does not count for that day */
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-02")), TASKS_TL_OVERDUE);
  /* completed: owes nothing */
  c.status = TASKS_ST_COMPLETED;
  c.has_finished = true;
  c.finished_on = D("2026-04-05");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-08-01")), TASKS_TL_ON_TIME);
}

static void test_fixed_and_recurring(void **state) {
  (void)state;
  /* "Quý I/2026 và thực hiện thường xuyên": the worse of both */
  tasks_clock c = ongoing();
  c.has_due = true;
  c.due = D("2026-03-31");
  c.has_last_report = true;
  c.last_report = D("2026-04-02");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-10")), TASKS_TL_OVERDUE);
  c.status = TASKS_ST_CLAIMED;
  c.has_finished = true;
  c.finished_on = D("2026-04-02");
  assert_int_equal(tasks_timeliness_of(&c, D("2026-04-10")), TASKS_TL_DONE_LATE);
  /* the 02/04 report also counts for Q2, so only the late claim shows */
  assert_int_equal(tasks_timeliness_of(&c, D("2026-06-28")), TASKS_TL_DONE_LATE);
  /* Q3 unreported near its end: due soon outweighs done late */
  assert_int_equal(tasks_timeliness_of(&c, D("2026-09-25")), TASKS_TL_DUE_SOON);
}

static void test_anniversary_timeliness(void **state) {
  (void)state;
  tasks_clock c = {.status = TASKS_ST_NOT_STARTED,
                   .recurring = true,
                   .recur = {.anniversary = true, .month = 2, .day = 3},
                   .reporting_start = D("2026-03-01"),
                   .due_soon_days = 7};
  assert_int_equal(tasks_timeliness_of(&c, D("2026-06-01")), TASKS_TL_ON_TIME);
  assert_int_equal(tasks_timeliness_of(&c, D("2027-01-30")), TASKS_TL_DUE_SOON);
  assert_int_equal(tasks_timeliness_of(&c, D("2027-02-04")), TASKS_TL_OVERDUE);
  c.has_last_report = true;
  c.last_report = D("2027-02-03");
  assert_int_equal(tasks_timeliness_of(&c, D("2027-02-04")), TASKS_TL_ON_TIME);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_periods),
      cmocka_unit_test(test_anniversary),
      cmocka_unit_test(test_codes),
      cmocka_unit_test(test_fixed),
      cmocka_unit_test(test_recurring),
      cmocka_unit_test(test_fixed_and_recurring),
      cmocka_unit_test(test_anniversary_timeliness),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
