/* The assessment cycle's transition table: every allowed pair with the right
 * actor passes, every other actor is refused, and every pair not listed is
 * refused whoever asks. The expectations are written out here independently
 * of the table in plugins/accreditation/transition.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

struct expect {
  const char *from, *action, *to;
  unsigned actors;
};

#define SCH (ACCR_ACT_SCHOOL | ACCR_ACT_SCHOOL_HEAD)
static const struct expect allowed[] = {
    {"draft", "start", "self_assessing", SCH},
    {"self_assessing", "submit", "submitted_provincial", ACCR_ACT_SCHOOL_HEAD},
    {"submitted_provincial", "open_review", "provincial_review", ACCR_ACT_PROV_COUNCIL},
    {"provincial_review", "request_changes", "changes_requested", ACCR_ACT_PROV_COUNCIL},
    {"provincial_review", "endorse", "endorsed", ACCR_ACT_PROV_COUNCIL},
    {"changes_requested", "resubmit", "resubmitted", ACCR_ACT_SCHOOL_HEAD},
    {"resubmitted", "open_review", "provincial_review", ACCR_ACT_PROV_COUNCIL},
    {"resubmitted", "request_changes", "changes_requested", ACCR_ACT_PROV_COUNCIL},
    {"endorsed", "submit_central", "submitted_central", ACCR_ACT_PROVINCE},
    {"submitted_central", "open_appraisal", "central_appraisal", ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY},
    {"central_appraisal", "recognise", "recognised", ACCR_ACT_ACADEMY},
    {"central_appraisal", "reject", "not_recognised", ACCR_ACT_ACADEMY},
};
#define N_ALLOWED (sizeof(allowed) / sizeof(allowed[0]))
#define ALL_ACTORS 0x3Fu

static const struct expect *expected(enum accr_state s, enum accr_action a) {
  for (size_t i = 0; i < N_ALLOWED; i++)
    if (strcmp(allowed[i].from, accr_state_code(s)) == 0 &&
        strcmp(allowed[i].action, accr_action_code(a)) == 0)
      return &allowed[i];
  return NULL;
}

static void test_codes_round_trip(void **state) {
  (void)state;
  for (int s = 0; s < ACCR_S_COUNT; s++) {
    enum accr_state back;
    assert_true(accr_state_parse(accr_state_code((enum accr_state)s), &back));
    assert_int_equal(back, s);
    assert_true(strlen(accr_state_title((enum accr_state)s)) > 0);
  }
  for (int a = 0; a < ACCR_A_COUNT; a++) {
    enum accr_action back;
    assert_true(accr_action_parse(accr_action_code((enum accr_action)a), &back));
    assert_int_equal(back, a);
  }
  enum accr_state s;
  enum accr_action a;
  assert_false(accr_state_parse("recognized", &s)); /* US spelling is not a state */
  assert_false(accr_state_parse("", &s));
  assert_false(accr_state_parse(NULL, &s));
  assert_false(accr_action_parse("approve", &a));
  assert_false(accr_action_parse(NULL, &a));
  assert_string_equal(accr_state_code(ACCR_S_COUNT), "");
}

static void test_table_matches_expectations(void **state) {
  (void)state;
  const struct accr_transition *t;
  size_t n = accr_transition_table(&t);
  assert_int_equal(n, N_ALLOWED);
  for (size_t i = 0; i < n; i++) {
    const struct expect *e = expected(t[i].from, t[i].action);
    assert_non_null(e);
    assert_string_equal(accr_state_code(t[i].to), e->to);
    assert_int_equal(t[i].actors, e->actors);
  }
}

/* Every (state, action) pair: 11 × 10. */
static void test_every_pair(void **state) {
  (void)state;
  int ok = 0, wrong_state = 0, wrong_role = 0;
  for (int s = 0; s < ACCR_S_COUNT; s++)
    for (int a = 0; a < ACCR_A_COUNT; a++) {
      const struct expect *e = expected((enum accr_state)s, (enum accr_action)a);
      enum accr_state to = ACCR_S_COUNT;
      if (!e) {
        /* Refused whoever asks, even someone holding every role. */
        assert_int_equal(accr_transition_check(s, a, ALL_ACTORS, &to), ACCR_T_WRONG_STATE);
        assert_int_equal(to, ACCR_S_COUNT); /* untouched */
        assert_null(accr_transition_find(s, a));
        wrong_state++;
        continue;
      }
      for (unsigned bit = 1; bit <= 0x20u; bit <<= 1) {
        to = ACCR_S_COUNT;
        enum accr_verdict v = accr_transition_check(s, a, bit, &to);
        if (e->actors & bit) {
          assert_int_equal(v, ACCR_T_OK);
          assert_string_equal(accr_state_code(to), e->to);
          ok++;
        } else {
          assert_int_equal(v, ACCR_T_WRONG_ROLE);
          assert_int_equal(to, ACCR_S_COUNT);
          wrong_role++;
        }
      }
      /* Nobody at all */
      assert_int_equal(accr_transition_check(s, a, 0, NULL), ACCR_T_WRONG_ROLE);
    }
  assert_int_equal(wrong_state, ACCR_S_COUNT * ACCR_A_COUNT - (int)N_ALLOWED);
  assert_int_equal(ok + wrong_role, (int)N_ALLOWED * 6);
}

static void test_terminal_states_have_no_exit(void **state) {
  (void)state;
  for (int a = 0; a < ACCR_A_COUNT; a++) {
    assert_null(accr_transition_find(ACCR_S_RECOGNISED, a));
    assert_null(accr_transition_find(ACCR_S_NOT_RECOGNISED, a));
  }
  assert_true(accr_state_terminal(ACCR_S_RECOGNISED));
  assert_true(accr_state_terminal(ACCR_S_NOT_RECOGNISED));
  assert_false(accr_state_terminal(ACCR_S_CENTRAL_APPRAISAL));
}

/* Where each layer may be written: the school's dossier is locked once
 * submitted and reopens only when the council asks for changes. */
static void test_layer_editable(void **state) {
  (void)state;
  for (int s = 0; s < ACCR_S_COUNT; s++) {
    bool self = s == ACCR_S_SELF_ASSESSING || s == ACCR_S_CHANGES_REQUESTED;
    assert_int_equal(accr_layer_editable(s, ACCR_L_SELF), self);
    assert_int_equal(accr_layer_editable(s, ACCR_L_PROVINCIAL), s == ACCR_S_PROVINCIAL_REVIEW);
    assert_int_equal(accr_layer_editable(s, ACCR_L_CENTRAL), s == ACCR_S_CENTRAL_APPRAISAL);
    assert_int_equal(accr_site_visit_allowed(s), s == ACCR_S_CENTRAL_APPRAISAL);
  }
  assert_false(accr_layer_editable(ACCR_S_SELF_ASSESSING, ACCR_L_COUNT));
  enum accr_layer l;
  assert_true(accr_layer_parse("provincial", &l));
  assert_int_equal(l, ACCR_L_PROVINCIAL);
  assert_false(accr_layer_parse("national", &l));
}

static void test_council_assignable(void **state) {
  (void)state;
  assert_true(accr_council_assignable(ACCR_S_DRAFT, false));
  assert_true(accr_council_assignable(ACCR_S_SUBMITTED_PROVINCIAL, false));
  assert_true(accr_council_assignable(ACCR_S_RESUBMITTED, false));
  assert_false(accr_council_assignable(ACCR_S_PROVINCIAL_REVIEW, false));
  assert_false(accr_council_assignable(ACCR_S_ENDORSED, false));
  assert_false(accr_council_assignable(ACCR_S_RECOGNISED, false));
  assert_true(accr_council_assignable(ACCR_S_SUBMITTED_CENTRAL, true));
  assert_false(accr_council_assignable(ACCR_S_CENTRAL_APPRAISAL, true));
  assert_false(accr_council_assignable(ACCR_S_NOT_RECOGNISED, true));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_codes_round_trip), cmocka_unit_test(test_table_matches_expectations),
      cmocka_unit_test(test_every_pair),       cmocka_unit_test(test_terminal_states_have_no_exit),
      cmocka_unit_test(test_layer_editable),   cmocka_unit_test(test_council_assignable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
