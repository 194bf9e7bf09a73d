/* Which reminders a task gets on a given day: T-30, T-7, T-0, T+1 to the
 * lead unit, weekly escalation while overdue, nothing otherwise. */
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

/* "t_minus_7@2026-04-30 escalation@…" for the events of one day. */
static const char *events(const tasks_clock *c, const char *day, char *buf, size_t cap) {
  tasks_remind_event ev[4];
  size_t n = tasks_remind_events(c, D(day), ev, 4);
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    char due[11];
    cadre_date_iso(ev[i].due, due);
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%s%s@%s", i ? " " : "", tasks_remind_code(ev[i].kind), due);
  }
  return buf;
}

#define EXPECT(c, day, want)                                                                                 \
  do {                                                                                                       \
    char buf_[256];                                                                                          \
    assert_string_equal(events((c), (day), buf_, sizeof buf_), (want));                                      \
  } while (0)

static void test_fixed(void **state) {
  (void)state;
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .has_due = true,
                   .due = D("2026-04-30"),
                   .reporting_start = D("2026-01-01"),
                   .due_soon_days = 7};
  EXPECT(&c, "2026-03-31", "t_minus_30@2026-04-30");
  EXPECT(&c, "2026-04-01", "");
  EXPECT(&c, "2026-04-23", "t_minus_7@2026-04-30");
  EXPECT(&c, "2026-04-29", "");
  EXPECT(&c, "2026-04-30", "t_0@2026-04-30");
  EXPECT(&c, "2026-05-01", "t_plus_1@2026-04-30");
  EXPECT(&c, "2026-05-02", "");
  EXPECT(&c, "2026-05-06", "");
  EXPECT(&c, "2026-05-07", "escalation@2026-04-30");
  EXPECT(&c, "2026-05-14", "escalation@2026-04-30");
  EXPECT(&c, "2026-05-15", "");
  EXPECT(&c, "2026-07-30", "escalation@2026-04-30");
  /* done or waiting for confirmation: not chased */
  c.status = TASKS_ST_CLAIMED;
  EXPECT(&c, "2026-04-30", "");
  c.status = TASKS_ST_COMPLETED;
  EXPECT(&c, "2026-05-07", "");
  c.status = TASKS_ST_CANCELLED;
  EXPECT(&c, "2026-05-07", "");
  /* returned and not started are chased */
  c.status = TASKS_ST_RETURNED;
  EXPECT(&c, "2026-05-01", "t_plus_1@2026-04-30");
  c.status = TASKS_ST_NOT_STARTED;
  EXPECT(&c, "2026-04-23", "t_minus_7@2026-04-30");
}

static void test_recurring(void **state) {
  (void)state;
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .recurring = true,
                   .recur = {.period = TASKS_P_QUARTER},
                   .reporting_start = D("2026-03-01"),
                   .due_soon_days = 7};
  EXPECT(&c, "2026-03-01", "t_minus_30@2026-03-31");
  EXPECT(&c, "2026-03-24", "t_minus_7@2026-03-31");
  EXPECT(&c, "2026-03-31", "t_0@2026-03-31");
  EXPECT(&c, "2026-04-01", "t_plus_1@2026-03-31");
  EXPECT(&c, "2026-04-07", "escalation@2026-03-31");
  /* the period before the programme started owes nothing */
  EXPECT(&c, "2026-01-01", "");
  /* reported in Q1: nothing about Q1 */
  c.has_last_report = true;
  c.last_report = D("2026-03-10");
  EXPECT(&c, "2026-03-24", "");
  EXPECT(&c, "2026-04-01", "");
  /* Q2 unreported: reminded before its end */
  EXPECT(&c, "2026-06-23", "t_minus_7@2026-06-30");
  /* a late report stops the escalation */
  c.last_report = D("2026-04-03");
  EXPECT(&c, "2026-04-07", "");
}

static void test_fixed_and_recurring_same_day(void **state) {
  (void)state;
  /* both halves fall due on 31/03: one reminder, not two */
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .has_due = true,
                   .due = D("2026-03-31"),
                   .recurring = true,
                   .recur = {.period = TASKS_P_QUARTER},
                   .reporting_start = D("2026-01-01"),
                   .due_soon_days = 7};
  EXPECT(&c, "2026-03-31", "t_0@2026-03-31");
  /* and on 01/07 the fixed part is escalated while Q2 is one day late */
  EXPECT(&c, "2026-07-01", "t_plus_1@2026-06-30");
  EXPECT(&c, "2026-04-07", "escalation@2026-03-31");
}

static void test_anniversary(void **state) {
  (void)state;
  tasks_clock c = {.status = TASKS_ST_NOT_STARTED,
                   .recurring = true,
                   .recur = {.anniversary = true, .month = 2, .day = 3},
                   .reporting_start = D("2026-03-01"),
                   .due_soon_days = 7};
  EXPECT(&c, "2027-01-04", "t_minus_30@2027-02-03");
  EXPECT(&c, "2027-01-27", "t_minus_7@2027-02-03");
  EXPECT(&c, "2027-02-03", "t_0@2027-02-03");
  EXPECT(&c, "2027-02-04", "t_plus_1@2027-02-03");
  EXPECT(&c, "2026-02-03", "");
}

static void test_max(void **state) {
  (void)state;
  tasks_clock c = {.status = TASKS_ST_IN_PROGRESS,
                   .has_due = true,
                   .due = D("2026-04-30"),
                   .reporting_start = D("2026-01-01")};
  tasks_remind_event ev[1];
  assert_int_equal(tasks_remind_events(&c, D("2026-04-30"), ev, 0), 0);
  assert_int_equal(tasks_remind_events(&c, D("2026-04-30"), ev, 1), 1);
  assert_int_equal(ev[0].days, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixed),
      cmocka_unit_test(test_recurring),
      cmocka_unit_test(test_fixed_and_recurring_same_day),
      cmocka_unit_test(test_anniversary),
      cmocka_unit_test(test_max),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
