/* The state machine: every action from every state, and who may act. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/tasks/tasks.h"

#define NS TASKS_ST_NOT_STARTED
#define IP TASKS_ST_IN_PROGRESS
#define CL TASKS_ST_CLAIMED
#define CO TASKS_ST_COMPLETED
#define RE TASKS_ST_RETURNED
#define CA TASKS_ST_CANCELLED
#define NO (-1)

/* expected[action][from] */
static const int expected[TASKS_A_COUNT][TASKS_ST_COUNT] = {
    /*                          NS  IP  CL  CO  RE  CA */
    [TASKS_A_REPORT] = {IP, IP, NO, NO, IP, NO},
    [TASKS_A_CLAIM] = {CL, CL, NO, NO, CL, NO},
    [TASKS_A_CONFIRM] = {NO, NO, CO, NO, NO, NO},
    [TASKS_A_RETURN] = {NO, NO, RE, NO, NO, NO},
    [TASKS_A_REQUEST_EXTENSION] = {NS, IP, NO, NO, RE, NO},
    [TASKS_A_DECIDE_EXTENSION] = {NS, IP, CL, NO, RE, NO},
    [TASKS_A_SET_DEADLINE] = {NS, IP, CL, CO, RE, CA},
    [TASKS_A_CANCEL] = {CA, CA, CA, NO, CA, NO},
    [TASKS_A_REOPEN] = {NO, NO, NO, IP, NO, IP},
};

static void test_transitions(void **state) {
  (void)state;
  for (int a = 0; a < TASKS_A_COUNT; a++)
    for (int s = 0; s < TASKS_ST_COUNT; s++) {
      int got = tasks_next_status((enum tasks_status)s, (enum tasks_action)a);
      if (got != expected[a][s])
        fail_msg("%s from %s: got %d, expected %d", tasks_action_code((enum tasks_action)a),
                 tasks_status_code((enum tasks_status)s), got, expected[a][s]);
    }
  assert_int_equal(tasks_next_status(NS, TASKS_A_COUNT), -1);
  assert_int_equal(tasks_next_status((enum tasks_status)99, TASKS_A_REPORT), -1);
}

static void test_actors(void **state) {
  (void)state;
  const unsigned L = TASKS_ACTOR_LEAD, S = TASKS_ACTOR_SUPERVISOR, A = TASKS_ACTOR_ADMIN;
  /* lead unit work */
  assert_null(tasks_actor_refusal(TASKS_A_REPORT, L));
  assert_null(tasks_actor_refusal(TASKS_A_CLAIM, L | A));
  assert_string_equal(tasks_actor_refusal(TASKS_A_REPORT, S), "not_lead_unit");
  assert_string_equal(tasks_actor_refusal(TASKS_A_REPORT, A), "not_lead_unit");
  assert_string_equal(tasks_actor_refusal(TASKS_A_REPORT, 0), "not_lead_unit");
  assert_string_equal(tasks_actor_refusal(TASKS_A_REQUEST_EXTENSION, S), "not_lead_unit");
  /* review: supervisor or admin, never one's own task */
  assert_null(tasks_actor_refusal(TASKS_A_CONFIRM, S));
  assert_null(tasks_actor_refusal(TASKS_A_RETURN, A));
  assert_null(tasks_actor_refusal(TASKS_A_DECIDE_EXTENSION, S | A));
  assert_string_equal(tasks_actor_refusal(TASKS_A_CONFIRM, 0), "not_supervisor");
  assert_string_equal(tasks_actor_refusal(TASKS_A_CONFIRM, L | S), "self_review");
  assert_string_equal(tasks_actor_refusal(TASKS_A_CONFIRM, L | A), "self_review");
  assert_string_equal(tasks_actor_refusal(TASKS_A_DECIDE_EXTENSION, L | S), "self_review");
  /* administration */
  assert_null(tasks_actor_refusal(TASKS_A_CANCEL, A));
  assert_null(tasks_actor_refusal(TASKS_A_SET_DEADLINE, L | A));
  assert_string_equal(tasks_actor_refusal(TASKS_A_SET_DEADLINE, S), "not_programme_admin");
  assert_string_equal(tasks_actor_refusal(TASKS_A_REOPEN, L | S), "not_programme_admin");
  assert_string_equal(tasks_actor_refusal(TASKS_A_COUNT, A), "forbidden");
}

static void test_codes(void **state) {
  (void)state;
  assert_string_equal(tasks_action_code(TASKS_A_CLAIM), "claim");
  assert_string_equal(tasks_action_code(TASKS_A_COUNT), "unknown");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_transitions),
      cmocka_unit_test(test_actors),
      cmocka_unit_test(test_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
