/* Deadline windows, the submission state machine, and who is evaluated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

static void window_around_due_and_lock(void **state) {
  (void)state;
  const char *due = "2023-11-05", *lock = "2023-11-15";
  assert_int_equal(em_window_at("2023-11-04", due, lock, NULL), EM_WIN_ON_TIME);
  assert_int_equal(em_window_at("2023-11-05", due, lock, NULL), EM_WIN_ON_TIME);
  assert_int_equal(em_window_at("2023-11-06", due, lock, NULL), EM_WIN_LATE);
  assert_int_equal(em_window_at("2023-11-15", due, lock, NULL), EM_WIN_LATE);
  assert_int_equal(em_window_at("2023-11-16", due, lock, NULL), EM_WIN_LOCKED);
  assert_false(em_window_open(EM_WIN_LOCKED));
  assert_true(em_window_open(EM_WIN_LATE));
}

static void exception_reopens_until_its_date(void **state) {
  (void)state;
  const char *due = "2023-03-05", *lock = "2023-03-05";
  assert_int_equal(em_window_at("2023-03-06", due, lock, "2023-03-10"), EM_WIN_EXCEPTION);
  assert_int_equal(em_window_at("2023-03-10", due, lock, "2023-03-10"), EM_WIN_EXCEPTION);
  assert_int_equal(em_window_at("2023-03-11", due, lock, "2023-03-10"), EM_WIN_LOCKED);
  assert_int_equal(em_window_at("2023-03-06", due, lock, ""), EM_WIN_LOCKED);
  /* an exception does not make a late submission on time */
  assert_int_equal(em_window_at("2023-03-05", due, lock, "2023-03-10"), EM_WIN_ON_TIME);
  assert_string_equal(em_window_code(EM_WIN_EXCEPTION), "exception");
  assert_string_equal(em_window_code(EM_WIN_LOCKED), "locked");
}

static void on_time_compares_the_date_part(void **state) {
  (void)state;
  assert_true(em_on_time("2023-03-05 23:59:59", "2023-03-05"));
  assert_false(em_on_time("2023-03-06 00:00:00", "2023-03-05"));
  assert_true(em_on_time("2023-03-01", "2023-03-05"));
  assert_false(em_on_time(NULL, "2023-03-05"));
}

static void submitted_work_is_locked_until_returned(void **state) {
  (void)state;
  enum em_state to;
  assert_true(em_transition(EM_ST_NOT_SUBMITTED, EM_ACT_EDIT, &to));
  assert_true(em_transition(EM_ST_NOT_SUBMITTED, EM_ACT_SUBMIT, &to));
  assert_int_equal(to, EM_ST_SUBMITTED);
  assert_false(em_transition(EM_ST_SUBMITTED, EM_ACT_EDIT, &to));
  assert_false(em_transition(EM_ST_SUBMITTED, EM_ACT_SUBMIT, &to));
  assert_true(em_transition(EM_ST_SUBMITTED, EM_ACT_RETURN, &to));
  assert_int_equal(to, EM_ST_RETURNED);
  assert_true(em_transition(EM_ST_RETURNED, EM_ACT_EDIT, &to));
  assert_true(em_transition(EM_ST_RETURNED, EM_ACT_SUBMIT, &to));
  assert_int_equal(to, EM_ST_RESUBMITTED);
  assert_true(em_transition(EM_ST_RESUBMITTED, EM_ACT_RETURN, &to));
  assert_true(em_transition(EM_ST_RESUBMITTED, EM_ACT_ACCEPT, &to));
  assert_int_equal(to, EM_ST_ACCEPTED);
  assert_false(em_transition(EM_ST_ACCEPTED, EM_ACT_RETURN, &to));
  assert_false(em_transition(EM_ST_ACCEPTED, EM_ACT_EDIT, &to));
  assert_false(em_transition(EM_ST_NOT_SUBMITTED, EM_ACT_ACCEPT, &to));
  assert_false(em_transition(EM_ST_RETURNED, EM_ACT_RETURN, &to));
}

static void state_codes_round_trip(void **state) {
  (void)state;
  const char *codes[] = {"not_submitted", "submitted", "returned", "resubmitted", "accepted"};
  for (size_t i = 0; i < 5; i++) {
    enum em_state s;
    assert_true(em_state_parse(codes[i], &s));
    assert_string_equal(em_state_code(s), codes[i]);
  }
  enum em_state s;
  assert_false(em_state_parse("draft", &s));
  assert_false(em_state_parse(NULL, &s));
}

static void plan_decides_who_is_evaluated(void **state) {
  (void)state;
  const char *lock = "2023-03-05";
  assert_int_equal(em_evaluated("2023-03-01", lock, NULL, NULL), EM_EVAL_PENDING);
  assert_int_equal(em_evaluated("2023-03-05", lock, NULL, NULL), EM_EVAL_PENDING);
  assert_int_equal(em_evaluated("2023-03-06", lock, NULL, NULL), EM_EVAL_NO);
  assert_int_equal(em_evaluated("2023-03-06", lock, NULL, "2023-03-05 16:00:00"), EM_EVAL_YES);
  assert_int_equal(em_evaluated("2023-03-02", lock, NULL, "2023-03-01 08:00:00"), EM_EVAL_YES);
  /* an exception keeps the verdict open, and a plan under it counts */
  assert_int_equal(em_evaluated("2023-03-08", lock, "2023-03-10", NULL), EM_EVAL_PENDING);
  assert_int_equal(em_evaluated("2023-03-11", lock, "2023-03-10", NULL), EM_EVAL_NO);
  assert_int_equal(em_evaluated("2023-03-11", lock, "2023-03-10", "2023-03-09 10:00:00"), EM_EVAL_YES);
  /* a plan after the exception's date does not */
  assert_int_equal(em_evaluated("2023-04-01", lock, "2023-03-10", "2023-03-12 10:00:00"), EM_EVAL_NO);
  assert_string_equal(em_eval_code(EM_EVAL_NO), "not_evaluated");
  assert_string_equal(em_eval_code(EM_EVAL_YES), "evaluated");
  assert_string_equal(em_eval_code(EM_EVAL_PENDING), "pending");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(window_around_due_and_lock),
      cmocka_unit_test(exception_reopens_until_its_date),
      cmocka_unit_test(on_time_compares_the_date_part),
      cmocka_unit_test(submitted_work_is_locked_until_returned),
      cmocka_unit_test(state_codes_round_trip),
      cmocka_unit_test(plan_decides_who_is_evaluated),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
