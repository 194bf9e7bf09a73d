/* The plan's figures read from the seed text (the repository's copy) and
 * from variants and broken texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/accreditation/logic.h"

#define SEED "data/seeds/000_5c26560af27bbbaf.txt"

static char *read_seed(void) {
  /* Unit tests run from the repository root; fall back to this file's path. */
  char path[4096];
  FILE *f = fopen(SEED, "rb");
  if (!f) {
    const char *me = __FILE__;
    const char *cut = strstr(me, "tests/unit/");
    if (cut) {
      snprintf(path, sizeof(path), "%.*s%s", (int)(cut - me), me, SEED);
      f = fopen(path, "rb");
    }
  }
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  buf[got] = '\0';
  fclose(f);
  return buf;
}

static void test_seed(void **state) {
  (void)state;
  char *text = read_seed();
  assert_non_null(text);
  cadre_arena *a = cadre_arena_new(1 << 16);
  struct accr_plan_facts p;
  const char *missing = "unset";
  assert_int_equal(accr_plan_parse(a, text, &p, &missing), 0);
  assert_null(missing);
  assert_int_equal(p.regulation_number, 396);
  assert_string_equal(p.regulation_date, "2026-01-06");
  assert_int_equal(p.year_from, 2026);
  assert_int_equal(p.year_to, 2030);
  assert_int_equal(p.target_level1, 19);
  assert_int_equal(p.target_level2_min, 15);
  assert_int_equal(p.target_level2_max, 20);
  assert_string_equal(p.project_deadline, "2026-04-01");
  cadre_arena_free(a);
  free(text);
}

/* The same facts written differently: other numbers, a single level-2
 * figure, "từ năm … đến năm …", and an earlier unrelated "trước ngày". */
static void test_variant(void **state) {
  (void)state;
  const char *text = "Căn cứ Quy định số 11-QĐ/TW ngày 19/5/2021. Báo cáo trước ngày 15/12/2021.\n"
                     "Thời gian thực hiện: từ năm 2021 đến năm 2025.\n"
                     "Học viện thẩm định, công   nhận\n\n 12 trường chính trị đạt chuẩn mức 1; "
                     "8 trường chính trị đạt chuẩn mức 2.\n"
                     "Trình Ban Thường vụ tỉnh ủy trước ngày 30/6/2021.";
  cadre_arena *a = cadre_arena_new(4096);
  struct accr_plan_facts p;
  const char *missing;
  assert_int_equal(accr_plan_parse(a, text, &p, &missing), 0);
  assert_int_equal(p.regulation_number, 11);
  assert_string_equal(p.regulation_date, "2021-05-19");
  assert_int_equal(p.year_from, 2021);
  assert_int_equal(p.year_to, 2025);
  assert_int_equal(p.target_level1, 12);
  assert_int_equal(p.target_level2_min, 8);
  assert_int_equal(p.target_level2_max, 8);
  assert_string_equal(p.project_deadline, "2021-06-30"); /* not 15/12/2021 */
  cadre_arena_free(a);
}

static void expect_missing(const char *text, const char *what) {
  cadre_arena *a = cadre_arena_new(4096);
  struct accr_plan_facts p;
  const char *missing = NULL;
  assert_int_equal(accr_plan_parse(a, text, &p, &missing), -1);
  assert_non_null(missing);
  assert_string_equal(missing, what);
  cadre_arena_free(a);
}

static void test_missing_facts(void **state) {
  (void)state;
  expect_missing("", "regulation");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026", "period");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2026-2030)", "target_level1");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2026-2030) công nhận 19 "
                 "trường chính trị đạt chuẩn mức 1",
                 "target_level2");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2026-2030) công nhận 19 "
                 "trường chính trị đạt chuẩn mức 1; khoảng 15 đến 20 trường chính trị đạt chuẩn "
                 "mức 2, trước ngày 01/4/2026",
                 "project_deadline"); /* a date, but not the standing committee's */
  /* impossible values */
  expect_missing("Quy định số 396-QĐ/TW ngày 31/02/2026", "regulation");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2030-2026)", "period");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2026-2030) công nhận 19 "
                 "trường chính trị đạt chuẩn mức 1; khoảng 20 đến 15 trường chính trị đạt chuẩn "
                 "mức 2",
                 "target_level2");
  expect_missing("Quy định số 396-QĐ/TW ngày 06/01/2026 (giai đoạn 2026-2030) công nhận 0 "
                 "trường chính trị đạt chuẩn mức 1",
                 "target_level1");
  cadre_arena *a = cadre_arena_new(64);
  struct accr_plan_facts p;
  const char *missing;
  assert_int_equal(accr_plan_parse(a, NULL, &p, &missing), -1);
  cadre_arena_free(a);
}

static void test_matcher(void **state) {
  (void)state;
  int x = 0, y = 0;
  char d[11] = "";
  assert_non_null(accr_match_at("ab 12 cd", "ab %d cd", (void *[]){&x}));
  assert_int_equal(x, 12);
  assert_null(accr_match_at("ab x cd", "ab %d cd", (void *[]){&x}));
  assert_null(accr_match_at("ab 1234567890 cd", "ab %d cd", (void *[]){&x})); /* too long */
  const char *end = accr_find("so 7 va 8", "%d va %d", (void *[]){&x, &y});
  assert_non_null(end);
  assert_int_equal(x, 7);
  assert_int_equal(y, 8);
  assert_string_equal(end, "");
  assert_non_null(accr_find("ngay 1.2.2027 x", "ngay %D", (void *[]){d}));
  assert_string_equal(d, "2027-02-01");
  assert_null(accr_find("ngay 1/2-2027", "ngay %D", (void *[]){d})); /* mixed separators */
  assert_null(accr_find("ngay 1/2/27", "ngay %D", (void *[]){d}));   /* two-digit year */
  assert_null(accr_find(NULL, "x", NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed),
      cmocka_unit_test(test_variant),
      cmocka_unit_test(test_missing_facts),
      cmocka_unit_test(test_matcher),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
