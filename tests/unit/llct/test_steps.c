/*
 * The seven admission steps and the plan's rules on their dates: each rule
 * at its boundary (the day that passes and the day that does not), the
 * order between steps, completion conditions, warnings versus refusals,
 * and the deadlines of steps not yet done.
 */
#include "llct_test.h"

static int64_t D(const char *iso) { return llct_day(iso); }

static llct_step_rules R;
static llct_class_dates C;
static llct_step_dates S[LLCT_STEPS + 1];
static llct_step_facts F;
static int64_t TODAY;
static llct_violation V[32];

static void done(int k, const char *on) {
  S[k].done_on = D(on);
  S[k].completed = true;
  S[k].has_doc = true;
}

/* A class that went through all seven steps by the rules. */
static int reset(void **state) {
  (void)state;
  llct_step_rules_default(&R);
  C = (llct_class_dates){D("2024-05-06"), D("2024-05-06"), D("2024-11-06"), D("2024-06-06"), true};
  for (int k = 0; k <= LLCT_STEPS; k++)
    S[k] = (llct_step_dates){LLCT_NO_DAY, LLCT_NO_DAY, LLCT_NO_DAY, LLCT_NO_DAY,
                             LLCT_NO_DAY, LLCT_NO_DAY, false,       false};
  done(1, "2024-03-25");           /* 42 days before opening */
  done(2, "2024-04-01");           /* dossiers closed */
  S[3].start_on = D("2024-04-16"); /* 15 days later */
  done(3, "2024-04-17");           /* two days of review */
  S[4].report_on = D("2024-04-19");
  S[4].appraisal_on = D("2024-04-20");
  done(4, "2024-04-20");
  done(5, "2024-04-21");
  done(6, "2024-04-21"); /* 15 days before enrolment */
  done(7, "2024-05-06");
  F = (llct_step_facts){.units_admitted = 3,
                        .units_contracted = 3,
                        .learners_enrolled = 40,
                        .dossiers_pending = 0,
                        .learners_eligible = 40};
  TODAY = D("2024-05-10");
  return 0;
}

static int check(void) { return llct_check_steps(&R, &C, S, &F, TODAY, V, 32); }

static const llct_violation *find(const char *code) {
  int n = check();
  for (int i = 0; i < n; i++)
    if (strcmp(V[i].code, code) == 0)
      return &V[i];
  return NULL;
}

static const llct_violation *find_at(const char *code, int step) {
  int n = check();
  for (int i = 0; i < n; i++)
    if (strcmp(V[i].code, code) == 0 && V[i].step == step)
      return &V[i];
  return NULL;
}

static void refused(const char *code, int step) {
  const llct_violation *v = find_at(code, step);
  if (!v) {
    int n = check();
    for (int i = 0; i < n; i++)
      print_error("got %s: %s\n", V[i].code, V[i].message);
  }
  assert_non_null(v);
  assert_int_equal(v->severity, LLCT_SEV_REFUSAL);
  assert_int_equal(v->step, step);
  assert_true(strlen(v->message) > 10);
}

static void test_by_the_rules_passes(void **state) {
  (void)state;
  int n = check();
  for (int i = 0; i < n; i++)
    print_error("unexpected %s: %s\n", V[i].code, V[i].message);
  assert_int_equal(n, 0);
}

static void test_announcement_window(void **state) {
  (void)state;
  S[1].done_on = C.opening_on - 45; /* the 45th day before: allowed */
  assert_null(find("announce_too_early"));
  S[1].done_on = C.opening_on - 46;
  refused("announce_too_early", 1);
  S[1].done_on = C.opening_on + 1;
  refused("announce_after_opening", 1);
}

static void test_planned_announcement_is_held_to_the_rule_too(void **state) {
  (void)state;
  S[1].completed = false;
  S[1].done_on = LLCT_NO_DAY;
  S[1].planned_on = C.opening_on - 50;
  S[2].completed = S[3].completed = false; /* nothing after it done yet */
  S[4].completed = S[5].completed = S[6].completed = S[7].completed = false;
  refused("announce_too_early", 1);
}

static void test_dossiers_fifteen_days_before_review(void **state) {
  (void)state;
  S[3].start_on = S[2].done_on + 15;
  S[3].done_on = S[3].start_on + 1;
  assert_null(find("dossier_window_short"));
  S[3].start_on = S[2].done_on + 14;
  refused("dossier_window_short", 3);
}

static void test_review_at_most_two_days(void **state) {
  (void)state;
  S[3].done_on = S[3].start_on + 1;
  assert_null(find("review_too_long"));
  S[3].done_on = S[3].start_on + 2;
  refused("review_too_long", 3);
  S[3].done_on = S[3].start_on - 1;
  refused("step_date_order", 3);
}

static void test_report_late_is_a_warning(void **state) {
  (void)state;
  /* an earlier review leaves room for a late report before the contracts */
  S[2].done_on = D("2024-03-26");
  S[3].start_on = D("2024-04-10");
  S[3].done_on = D("2024-04-11");
  S[4].report_on = S[3].done_on + 5;
  S[4].appraisal_on = S[4].done_on = S[3].done_on + 6;
  assert_null(find("report_late"));
  S[4].report_on = S[3].done_on + 6;
  const llct_violation *v = find("report_late");
  assert_non_null(v);
  assert_int_equal(v->severity, LLCT_SEV_WARNING);
  /* a warning alone does not refuse: no refusal comes first */
  int n = check();
  assert_true(n >= 1);
  assert_int_equal(V[0].severity, LLCT_SEV_WARNING);
}

static void test_decision_after_appraisal(void **state) {
  (void)state;
  S[4].done_on = S[4].appraisal_on - 1;
  refused("decision_before_appraisal", 4);
  reset(state);
  S[4].appraisal_on = S[4].report_on - 1;
  refused("appraisal_before_report", 4);
  reset(state);
  S[4].report_on = LLCT_NO_DAY;
  refused("appraisal_required", 4);
}

static void test_step_cannot_complete_before_its_dependency(void **state) {
  (void)state;
  S[2].completed = false;
  S[2].done_on = LLCT_NO_DAY;
  refused("step_dependency", 3);
  reset(state);
  S[6].completed = false; /* 7 depends on 5 and 6 */
  refused("step_dependency", 7);
  reset(state);
  S[5].done_on = S[4].done_on - 1;
  refused("step_date_order", 5);
}

static void test_completion_not_in_the_future(void **state) {
  (void)state;
  TODAY = S[7].done_on - 1;
  refused("date_in_future", 7);
}

static void test_contracts_with_every_sending_unit(void **state) {
  (void)state;
  F.units_contracted = 2;
  refused("contracts_incomplete", 5);
  F.units_admitted = 0;
  F.units_contracted = 0;
  refused("no_admitted_learners", 5);
}

static void test_enrolment_notice_fifteen_days(void **state) {
  (void)state;
  S[6].done_on = C.enrolment_on - 15;
  assert_null(find("notice_too_late"));
  S[6].done_on = C.enrolment_on - 14;
  refused("notice_too_late", 6);
  reset(state);
  C.enrolment_on = LLCT_NO_DAY;
  refused("enrolment_date_required", 6);
}

static void test_opening_decision_conditions(void **state) {
  (void)state;
  F.learners_enrolled = 0;
  refused("no_enrolled_learners", 7);
  reset(state);
  S[7].done_on = C.enrolment_on - 1;
  refused("opening_before_enrolment", 7);
  reset(state);
  C.mode_decided = false;
  refused("mode_undecided", 7);
  refused("mode_undecided", 1);
  reset(state);
  C.end_on = LLCT_NO_DAY;
  refused("opening_period_required", 7);
}

static void test_review_and_admission_need_their_dossiers(void **state) {
  (void)state;
  F.dossiers_pending = 2;
  refused("dossiers_pending", 3);
  reset(state);
  F.learners_eligible = 0;
  refused("no_eligible_learners", 4);
}

static void test_document_numbers_required(void **state) {
  (void)state;
  S[4].has_doc = false;
  refused("doc_number_required", 4);
  reset(state);
  S[2].has_doc = false; /* reception needs no document of its own */
  assert_null(find("doc_number_required"));
}

static void test_refusals_come_before_warnings(void **state) {
  (void)state;
  S[2].done_on = D("2024-03-26");
  S[3].start_on = D("2024-04-10");
  S[3].done_on = D("2024-04-11");
  S[4].report_on = S[3].done_on + 7; /* warning */
  S[4].appraisal_on = S[4].done_on = S[4].report_on;
  S[5].done_on = S[6].done_on = S[4].done_on;
  S[6].done_on = C.enrolment_on - 3; /* refusal */
  S[5].done_on = S[6].done_on;
  int n = check();
  assert_true(n >= 2);
  assert_int_equal(V[0].severity, LLCT_SEV_REFUSAL);
  assert_int_equal(V[n - 1].severity, LLCT_SEV_WARNING);
}

static void test_deadlines_of_open_steps(void **state) {
  (void)state;
  for (int k = 2; k <= LLCT_STEPS; k++) {
    S[k].completed = false;
    S[k].done_on = LLCT_NO_DAY;
  }
  S[3].start_on = LLCT_NO_DAY;
  S[3].planned_start = D("2024-04-16");
  assert_int_equal(llct_step_due(&R, &C, S, 2), D("2024-04-16") - R.dossier_min_days);
  assert_int_equal(llct_step_due(&R, &C, S, 3), D("2024-04-17"));
  assert_int_equal(llct_step_due(&R, &C, S, 6), C.enrolment_on - R.notice_min_days);
  assert_int_equal(llct_step_due(&R, &C, S, 7), C.enrolment_on + R.late_max_days);
  llct_class_dates no_enrol = C;
  no_enrol.enrolment_on = LLCT_NO_DAY;
  assert_int_equal(llct_step_due(&R, &no_enrol, S, 7), C.opening_on);
  S[6].planned_on = D("2024-04-18"); /* a planned date wins */
  assert_int_equal(llct_step_due(&R, &C, S, 6), D("2024-04-18"));
  S[3].planned_start = LLCT_NO_DAY;
  assert_int_equal(llct_step_due(&R, &C, S, 2), LLCT_NO_DAY);
}

static void test_due_classification(void **state) {
  (void)state;
  int64_t t = D("2024-04-10");
  assert_int_equal(llct_due_classify(t, LLCT_NO_DAY, t, 7), LLCT_DUE_SOON);
  assert_int_equal(llct_due_classify(t + 7, LLCT_NO_DAY, t, 7), LLCT_DUE_SOON);
  assert_int_equal(llct_due_classify(t + 8, LLCT_NO_DAY, t, 7), LLCT_DUE_OPEN);
  assert_int_equal(llct_due_classify(t - 1, LLCT_NO_DAY, t, 7), LLCT_DUE_MISSED);
  assert_int_equal(llct_due_classify(t, t, t + 3, 7), LLCT_DUE_DONE);
  assert_int_equal(llct_due_classify(t, t + 1, t + 3, 7), LLCT_DUE_DONE_LATE);
  assert_int_equal(llct_due_classify(LLCT_NO_DAY, LLCT_NO_DAY, t, 7), LLCT_DUE_NONE);
  assert_string_equal(llct_due_status_code(LLCT_DUE_MISSED), "missed");
}

static void test_dependencies_table(void **state) {
  (void)state;
  assert_int_equal(llct_step_depends(1), 0);
  assert_int_equal(llct_step_depends(2), 1u << 0);
  assert_int_equal(llct_step_depends(6), 1u << 3);
  assert_int_equal(llct_step_depends(7), (1u << 4) | (1u << 5));
  assert_string_equal(llct_step_title(7), "Quyết định mở lớp");
}

int main(void) {
#define T(f) cmocka_unit_test_setup(f, reset)
  const struct CMUnitTest tests[] = {
      T(test_by_the_rules_passes),
      T(test_announcement_window),
      T(test_planned_announcement_is_held_to_the_rule_too),
      T(test_dossiers_fifteen_days_before_review),
      T(test_review_at_most_two_days),
      T(test_report_late_is_a_warning),
      T(test_decision_after_appraisal),
      T(test_step_cannot_complete_before_its_dependency),
      T(test_completion_not_in_the_future),
      T(test_contracts_with_every_sending_unit),
      T(test_enrolment_notice_fifteen_days),
      T(test_opening_decision_conditions),
      T(test_review_and_admission_need_their_dossiers),
      T(test_document_numbers_required),
      T(test_refusals_come_before_warnings),
      T(test_deadlines_of_open_steps),
      T(test_due_classification),
      T(test_dependencies_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
