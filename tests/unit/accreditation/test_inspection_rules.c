/* What outcome an inspection's findings allow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

static void test_no_findings(void **state) {
  (void)state;
  struct accr_finding_tally t = {0};
  assert_int_equal(accr_outcome_floor(&t), ACCR_O_MAINTAINED);
  assert_true(accr_outcome_allowed(&t, ACCR_O_MAINTAINED));
  assert_true(accr_outcome_allowed(&t, ACCR_O_WARNING));
  assert_true(accr_outcome_allowed(&t, ACCR_O_WITHDRAWN));
}

static void test_minor_and_major_allow_maintained(void **state) {
  (void)state;
  struct accr_finding_tally t = {.minor = 3, .major = 2};
  assert_true(accr_outcome_allowed(&t, ACCR_O_MAINTAINED));
}

static void test_open_critical_rules_out_maintained(void **state) {
  (void)state;
  struct accr_finding_tally t = {.critical = 1, .critical_unresolved = 1};
  assert_int_equal(accr_outcome_floor(&t), ACCR_O_WARNING);
  assert_false(accr_outcome_allowed(&t, ACCR_O_MAINTAINED));
  assert_true(accr_outcome_allowed(&t, ACCR_O_WARNING));
  assert_true(accr_outcome_allowed(&t, ACCR_O_WITHDRAWN));
  /* once its corrective actions are done, it no longer does */
  t.critical_unresolved = 0;
  assert_true(accr_outcome_allowed(&t, ACCR_O_MAINTAINED));
}

static void test_codes(void **state) {
  (void)state;
  enum accr_outcome o;
  assert_true(accr_outcome_parse("withdrawn", &o));
  assert_int_equal(o, ACCR_O_WITHDRAWN);
  assert_false(accr_outcome_parse("revoked", &o));
  assert_string_equal(accr_outcome_code(ACCR_O_WARNING), "warning");
  enum accr_severity s;
  assert_true(accr_severity_parse("critical", &s));
  assert_int_equal(s, ACCR_SEV_CRITICAL);
  assert_false(accr_severity_parse(NULL, &s));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_findings),
      cmocka_unit_test(test_minor_and_major_allow_maintained),
      cmocka_unit_test(test_open_critical_rules_out_maintained),
      cmocka_unit_test(test_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
