/*
 * The dossier state machine: which moves exist, what each needs (reason,
 * supplement deadline, admission decision, opening decision), and the
 * enrolment rules — on time, late up to the limit with the sending unit's
 * confirmation and the principal's decision, beyond it a drop-out, and
 * supplementary enrolment until the end of the first module.
 */
#include "llct_test.h"

static llct_transition_ctx X;

static int reset(void **state) {
  (void)state;
  X = (llct_transition_ctx){
      .admission_decided = true,
      .class_opened = false,
      .is_admin = false,
      .has_reason = false,
      .has_supplement_due = false,
      .has_doc = false,
      .supplementary = false,
      .unit_confirmed = false,
      .on = llct_day("2024-05-06"),
      .enrolment_on = llct_day("2024-05-06"),
      .first_module_end_on = llct_day("2024-06-06"),
      .late_max_days = 5,
  };
  return 0;
}

static void allowed(llct_state from, llct_state to) {
  llct_verdict v = llct_transition_check(from, to, &X);
  if (v.status)
    print_error("%s → %s refused: %s\n", llct_state_code(from), llct_state_code(to), v.code);
  assert_int_equal(v.status, 0);
}

static void refused(llct_state from, llct_state to, int status, const char *code) {
  llct_verdict v = llct_transition_check(from, to, &X);
  assert_int_equal(v.status, status);
  assert_string_equal(v.code, code);
  assert_non_null(v.message);
}

static void test_review_path(void **state) {
  (void)state;
  allowed(LLCT_ST_SUBMITTED, LLCT_ST_UNDER_REVIEW);
  allowed(LLCT_ST_UNDER_REVIEW, LLCT_ST_ELIGIBLE);
  refused(LLCT_ST_UNDER_REVIEW, LLCT_ST_INELIGIBLE, 422, "reason_required");
  X.has_reason = true;
  allowed(LLCT_ST_UNDER_REVIEW, LLCT_ST_INELIGIBLE);
  refused(LLCT_ST_UNDER_REVIEW, LLCT_ST_NEEDS_SUPPLEMENT, 422, "supplement_due_required");
  X.has_supplement_due = true;
  allowed(LLCT_ST_UNDER_REVIEW, LLCT_ST_NEEDS_SUPPLEMENT);
  allowed(LLCT_ST_NEEDS_SUPPLEMENT, LLCT_ST_UNDER_REVIEW);
}

static void test_moves_that_do_not_exist(void **state) {
  (void)state;
  refused(LLCT_ST_SUBMITTED, LLCT_ST_ADMITTED, 409, "bad_transition");
  refused(LLCT_ST_SUBMITTED, LLCT_ST_ENROLLED, 409, "bad_transition");
  refused(LLCT_ST_GRADUATED, LLCT_ST_STUDYING, 409, "bad_transition");
  refused(LLCT_ST_DROPPED, LLCT_ST_ADMITTED, 409, "bad_transition");
  refused(LLCT_ST_WITHDRAWN, LLCT_ST_SUBMITTED, 409, "bad_transition");
  refused(LLCT_ST_ADMITTED, LLCT_ST_WITHDRAWN, 409, "bad_transition");
  refused(LLCT_ST_ELIGIBLE, LLCT_ST_ELIGIBLE, 409, "bad_transition");
}

static void test_admission_needs_the_decision(void **state) {
  (void)state;
  X.admission_decided = false;
  refused(LLCT_ST_ELIGIBLE, LLCT_ST_ADMITTED, 409, "admission_not_decided");
  X.admission_decided = true;
  allowed(LLCT_ST_ELIGIBLE, LLCT_ST_ADMITTED);
  /* a supplementary admission carries its own decision number */
  X.supplementary = true;
  refused(LLCT_ST_ELIGIBLE, LLCT_ST_ADMITTED, 422, "principal_decision_required");
  X.has_doc = true;
  allowed(LLCT_ST_ELIGIBLE, LLCT_ST_ADMITTED);
}

static void test_enrolment_on_time(void **state) {
  (void)state;
  X.on = X.enrolment_on;
  llct_verdict v = llct_transition_check(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, &X);
  assert_int_equal(v.status, 0);
  assert_int_equal(v.late_days, 0);
  X.on = X.enrolment_on - 2; /* early is on time */
  assert_int_equal(llct_transition_check(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, &X).status, 0);
}

static void test_late_enrolment_within_five_days(void **state) {
  (void)state;
  X.on = X.enrolment_on + 5;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 422, "late_reason_unconfirmed");
  X.has_reason = true;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 422, "late_reason_unconfirmed");
  X.unit_confirmed = true;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 422, "principal_decision_required");
  X.has_doc = true;
  llct_verdict v = llct_transition_check(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, &X);
  assert_int_equal(v.status, 0);
  assert_int_equal(v.late_days, 5);
}

static void test_later_than_five_days_is_a_drop_out(void **state) {
  (void)state;
  X.has_reason = X.unit_confirmed = X.has_doc = true;
  X.on = X.enrolment_on + 6;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 422, "enrolment_too_late");
  /* dropping needs a reason */
  X.has_reason = false;
  refused(LLCT_ST_ADMITTED, LLCT_ST_DROPPED, 422, "reason_required");
  X.has_reason = true;
  allowed(LLCT_ST_ADMITTED, LLCT_ST_DROPPED);
  X.late_max_days = 7; /* the limit is the plan's */
  X.has_doc = true;
  assert_int_equal(llct_transition_check(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, &X).status, 0);
}

static void test_supplementary_until_first_module_ends(void **state) {
  (void)state;
  X.supplementary = true;
  X.on = X.first_module_end_on;
  allowed(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED);
  X.on = X.first_module_end_on + 1;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 422, "supplementary_closed");
}

static void test_enrolment_needs_a_date_on_the_notice(void **state) {
  (void)state;
  X.enrolment_on = LLCT_NO_DAY;
  refused(LLCT_ST_ADMITTED, LLCT_ST_ENROLLED, 409, "enrolment_date_missing");
}

static void test_studying_needs_the_opening_decision(void **state) {
  (void)state;
  refused(LLCT_ST_ENROLLED, LLCT_ST_STUDYING, 409, "class_not_opened");
  X.class_opened = true;
  allowed(LLCT_ST_ENROLLED, LLCT_ST_STUDYING);
  allowed(LLCT_ST_STUDYING, LLCT_ST_GRADUATED);
}

static void test_reopening_an_ineligible_dossier(void **state) {
  (void)state;
  X.has_reason = true;
  refused(LLCT_ST_INELIGIBLE, LLCT_ST_UNDER_REVIEW, 403, "reopen_admin_only");
  X.is_admin = true;
  allowed(LLCT_ST_INELIGIBLE, LLCT_ST_UNDER_REVIEW);
  X.has_reason = false;
  refused(LLCT_ST_INELIGIBLE, LLCT_ST_UNDER_REVIEW, 422, "reason_required");
}

static void test_state_codes_and_activity(void **state) {
  (void)state;
  for (int s = 0; s < LLCT_ST_COUNT; s++) {
    assert_int_equal(llct_state_from_code(llct_state_code((llct_state)s)), s);
    assert_true(strlen(llct_state_title((llct_state)s)) > 0);
  }
  assert_int_equal(llct_state_from_code("nonsense"), -1);
  assert_int_equal(llct_state_from_code(NULL), -1);
  assert_false(llct_state_active(LLCT_ST_INELIGIBLE));
  assert_false(llct_state_active(LLCT_ST_DROPPED));
  assert_false(llct_state_active(LLCT_ST_WITHDRAWN));
  assert_true(llct_state_active(LLCT_ST_SUBMITTED));
  assert_true(llct_state_active(LLCT_ST_GRADUATED));
}

int main(void) {
#define T(f) cmocka_unit_test_setup(f, reset)
  const struct CMUnitTest tests[] = {
      T(test_review_path),
      T(test_moves_that_do_not_exist),
      T(test_admission_needs_the_decision),
      T(test_enrolment_on_time),
      T(test_late_enrolment_within_five_days),
      T(test_later_than_five_days_is_a_drop_out),
      T(test_supplementary_until_first_module_ends),
      T(test_enrolment_needs_a_date_on_the_notice),
      T(test_studying_needs_the_opening_decision),
      T(test_reopening_an_ineligible_dossier),
      T(test_state_codes_and_activity),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
