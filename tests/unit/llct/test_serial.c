/*
 * Diploma-blank serials: what officials type, range cuts when part of a
 * holding moves, merging for display, and the reconciliation identity.
 */
#include "llct_test.h"

static void test_parse_forms(void **state) {
  (void)state;
  llct_serial s;
  assert_true(llct_serial_parse("LL000123", &s));
  assert_string_equal(s.series, "LL");
  assert_int_equal(s.number, 123);
  assert_int_equal(s.width, 6);
  assert_true(llct_serial_parse(" ll-000123 ", &s));
  assert_string_equal(s.series, "LL");
  assert_int_equal(s.number, 123);
  assert_true(llct_serial_parse("TC 0042", &s));
  assert_int_equal(s.width, 4);
  assert_true(llct_serial_parse("0000001", &s));
  assert_string_equal(s.series, "");
  assert_int_equal(s.number, 1);
}

static void test_parse_refuses(void **state) {
  (void)state;
  llct_serial s;
  assert_false(llct_serial_parse("", &s));
  assert_false(llct_serial_parse("LL", &s));
  assert_false(llct_serial_parse("LL12x", &s));
  assert_false(llct_serial_parse("12 34", &s));
  assert_false(llct_serial_parse("ABCDEFGHIJKLMNOPQ1", &s)); /* series too long */
  assert_false(llct_serial_parse("LL1234567890123456", &s)); /* 16 digits */
  assert_false(llct_serial_parse(NULL, &s));
}

static void test_format_round_trip(void **state) {
  (void)state;
  char buf[48];
  llct_serial_format("LL", 123, 6, buf, sizeof(buf));
  assert_string_equal(buf, "LL000123");
  llct_serial s;
  assert_true(llct_serial_parse(buf, &s));
  assert_int_equal(s.number, 123);
  llct_serial_format("", 7, 3, buf, sizeof(buf));
  assert_string_equal(buf, "007");
}

static void test_cut_middle_and_edges(void **state) {
  (void)state;
  llct_range l, r;
  int pieces;
  assert_true(llct_range_cut((llct_range){1, 1000}, (llct_range){101, 300}, &l, &r, &pieces));
  assert_int_equal(pieces, 2);
  assert_int_equal(l.first, 1);
  assert_int_equal(l.last, 100);
  assert_int_equal(r.first, 301);
  assert_int_equal(r.last, 1000);
  assert_int_equal(llct_range_len(l) + llct_range_len(r) + 200, 1000);
  assert_true(llct_range_cut((llct_range){1, 1000}, (llct_range){1, 1000}, &l, &r, &pieces));
  assert_int_equal(pieces, 0);
  assert_true(llct_range_cut((llct_range){1, 1000}, (llct_range){1, 10}, &l, &r, &pieces));
  assert_int_equal(pieces, 1);
  assert_true(l.first > l.last);
  assert_int_equal(r.first, 11);
}

static void test_cut_outside_refused(void **state) {
  (void)state;
  llct_range l, r;
  int pieces;
  assert_false(llct_range_cut((llct_range){100, 200}, (llct_range){99, 150}, &l, &r, &pieces));
  assert_false(llct_range_cut((llct_range){100, 200}, (llct_range){150, 201}, &l, &r, &pieces));
  assert_false(llct_range_cut((llct_range){100, 200}, (llct_range){160, 150}, &l, &r, &pieces));
}

static void test_overlap(void **state) {
  (void)state;
  assert_true(llct_range_overlaps((llct_range){1, 10}, (llct_range){10, 20}));
  assert_false(llct_range_overlaps((llct_range){1, 10}, (llct_range){11, 20}));
  assert_true(llct_range_overlaps((llct_range){5, 6}, (llct_range){1, 100}));
}

static void test_merge_for_display(void **state) {
  (void)state;
  llct_range v[] = {{301, 400}, {1, 100}, {101, 200}, {500, 600}, {550, 700}};
  int n = llct_range_merge(v, 5);
  assert_int_equal(n, 3);
  assert_int_equal(v[0].first, 1);
  assert_int_equal(v[0].last, 200);
  assert_int_equal(v[1].first, 301);
  assert_int_equal(v[2].last, 700);
}

static void test_reconciliation_identity(void **state) {
  (void)state;
  llct_recon r = {
      .opening = 300, .received = 200, .moved_out = 50, .issued = 120, .voided = 3, .on_hand = 327};
  llct_recon_close(&r);
  assert_int_equal(r.closing, 300 + 200 - 50 - 120 - 3);
  assert_true(r.balanced);
  r.on_hand = 326; /* one blank missing from the shelves */
  llct_recon_close(&r);
  assert_false(r.balanced);
  r.on_hand = LLCT_NONE; /* nothing to compare with */
  llct_recon_close(&r);
  assert_true(r.balanced);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_forms),         cmocka_unit_test(test_parse_refuses),
      cmocka_unit_test(test_format_round_trip),   cmocka_unit_test(test_cut_middle_and_edges),
      cmocka_unit_test(test_cut_outside_refused), cmocka_unit_test(test_overlap),
      cmocka_unit_test(test_merge_for_display),   cmocka_unit_test(test_reconciliation_identity),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
