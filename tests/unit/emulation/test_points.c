/* Scores as hundredths: what officials type, and what must be refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

static void parses_what_officials_type(void **state) {
  (void)state;
  em_pts p;
  assert_true(em_pts_parse("9", &p));
  assert_int_equal(p, 900);
  assert_true(em_pts_parse("9.5", &p));
  assert_int_equal(p, 950);
  assert_true(em_pts_parse("9,5", &p));
  assert_int_equal(p, 950);
  assert_true(em_pts_parse("0.25", &p));
  assert_int_equal(p, 25);
  assert_true(em_pts_parse(" 10 ", &p));
  assert_int_equal(p, 1000);
  assert_true(em_pts_parse("0", &p));
  assert_int_equal(p, 0);
  assert_true(em_pts_parse("9999.99", &p));
  assert_int_equal(p, EM_PTS_MAX);
}

static void refuses_what_cannot_be_stored_exactly(void **state) {
  (void)state;
  em_pts p = 42;
  const char *bad[] = {"",    " ",   "-1",    "+1",    "9.125", "9.", ".5",
                       "1e2", "abc", "9,5,1", "10000", "12 3",  NULL};
  for (size_t i = 0; bad[i]; i++)
    assert_false(em_pts_parse(bad[i], &p));
  assert_false(em_pts_parse(NULL, &p));
  assert_int_equal(p, 42); /* untouched on failure */
}

static void formats_without_trailing_zeros(void **state) {
  (void)state;
  char buf[16];
  em_pts_format(950, buf, sizeof buf);
  assert_string_equal(buf, "9.5");
  em_pts_format(1000, buf, sizeof buf);
  assert_string_equal(buf, "10");
  em_pts_format(25, buf, sizeof buf);
  assert_string_equal(buf, "0.25");
  em_pts_format(5, buf, sizeof buf);
  assert_string_equal(buf, "0.05");
  em_pts_format(-150, buf, sizeof buf);
  assert_string_equal(buf, "-1.5");
  em_pts_format(0, buf, sizeof buf);
  assert_string_equal(buf, "0");
}

static void round_trips(void **state) {
  (void)state;
  char buf[16];
  for (em_pts v = 0; v <= 2000; v += 7) {
    em_pts back;
    em_pts_format(v, buf, sizeof buf);
    assert_true(em_pts_parse(buf, &back));
    assert_int_equal(back, v);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parses_what_officials_type),
      cmocka_unit_test(refuses_what_cannot_be_stored_exactly),
      cmocka_unit_test(formats_without_trailing_zeros),
      cmocka_unit_test(round_trips),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
