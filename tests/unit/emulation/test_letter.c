/* Reading the Academy's 2023 letter (seed 004) and variations of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/emulation/rules.h"

#define SEED "data/seeds/004_4d75d91a44a380aa.txt"

/* The repo copy of the seed, found from the working directory or from this
 * file's own path (make passes it relative to the repository root). */
static char *read_seed(void) {
  char path[4096];
  const char *here = __FILE__;
  const char *tail = strstr(here, "tests/unit/emulation/");
  const char *candidates[2] = {SEED, NULL};
  if (tail) {
    snprintf(path, sizeof path, "%.*s%s", (int)(tail - here), here, SEED);
    candidates[1] = path;
  }
  for (int i = 0; i < 2; i++) {
    if (!candidates[i])
      continue;
    FILE *f = fopen(candidates[i], "rb");
    if (!f)
      continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    return buf;
  }
  fail_msg("seed %s not found", SEED);
  return NULL;
}

static void expect_date(const struct em_letter *l, const char *kind, int y, int m, int d) {
  const struct em_letter_date *x = em_letter_date_of(l, kind);
  if (!x)
    fail_msg("no date for %s", kind);
  assert_int_equal(x->y, y);
  assert_int_equal(x->m, m);
  assert_int_equal(x->d, d);
  assert_true(x->line > 0);
}

static void reads_the_2023_letter(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(1 << 16);
  char *text = read_seed();
  struct em_letter l;
  assert_true(em_letter_parse(a, text, &l));
  assert_string_equal(l.number, "3552-CV/HVCTQG");
  assert_int_equal(l.date_y, 2023);
  assert_int_equal(l.date_m, 2);
  assert_int_equal(l.date_d, 20);
  assert_int_equal(l.year, 2023);
  /* as the letter spells it ("Kỹ cương"; the body writes "Kỷ cương") */
  assert_string_equal(l.theme, "Chủ động - Đồng bộ - Đột phá - Kỹ cương - Chất lượng - Hiệu quả");
  assert_int_equal(l.content_items, 6);
  assert_non_null(strstr(l.content, "Chủ động trong tham mưu"));
  assert_null(strstr(l.content, "**"));

  assert_int_equal(l.targets_found_count, 9);
  assert_int_equal(l.targets.ldtt_min_pct, 80);
  assert_int_equal(l.targets.cstd_min_pct, 10);
  assert_int_equal(l.targets.cstd_max_pct, 15);
  assert_int_equal(l.targets.units_ldxs_min, 1);
  assert_int_equal(l.targets.commended_min_pct, 5);
  assert_int_equal(l.targets.party_good_min_pct, 70);
  assert_int_equal(l.targets.party_excellent_min_pct, 20);
  assert_int_equal(l.targets.prof_good_over_pct, 90);
  assert_int_equal(l.targets.dept_min_pct, 100);

  assert_int_equal(l.dates_found, EM_KIND_COUNT);
  expect_date(&l, "plan", 2023, 3, 5);
  expect_date(&l, "cluster_plan", 2023, 3, 15);
  expect_date(&l, "officers", 2023, 3, 15);
  expect_date(&l, "midyear_conference", 2023, 7, 30);
  expect_date(&l, "midyear_report", 2023, 8, 10);
  expect_date(&l, "school_report", 2023, 11, 5);
  expect_date(&l, "score_sheet", 2023, 11, 5);
  expect_date(&l, "conference_plan", 2023, 11, 10);
  expect_date(&l, "cluster_dossier", 2023, 11, 30);

  assert_string_equal(l.forms, "01, 02, 03, 04, 5.1, 5.2, 06, 07, 08, 09");
  assert_int_equal(l.forms_count, 10);
  assert_int_equal(l.achievement_reports, 2);
  free(text);
  cadre_arena_free(a);
}

/* The calendar the parser finds must be the one calendar.c pre-fills. */
static void agrees_with_the_built_in_calendar(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(1 << 16);
  char *text = read_seed();
  struct em_letter l;
  assert_true(em_letter_parse(a, text, &l));
  for (size_t i = 0; i < EM_KIND_COUNT; i++)
    expect_date(&l, em_kinds[i].code, 2023, em_kinds[i].month, em_kinds[i].day);
  free(text);
  cadre_arena_free(a);
}

static const char variant[] =
    "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH\n"
    "Số 101-CV/HVCTQG\n"
    "Hà Nội, ngày 5 tháng 1 năm 2024\n"
    "Căn cứ chủ đề phong trào thi đua năm 2024 là “Đoàn kết - Sáng tạo” do Giám đốc phát động.\n"
    "1.1. Nội dung thi đua\n"
    "- Một nội dung.\n"
    "1.2. Chỉ tiêu thi đua\n"
    "- Có từ 85% trở lên cá nhân đạt danh hiệu “Lao động tiên tiến”;\n"
    "- Có từ 12 – 15% cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở”;\n"
    "2. Tổ chức thảo luận\n"
    /* decomposed (NFD) "Mẫu số" must read like the composed form */
    "3. Gửi Kế hoạch (Ma\xcc\x82\xcc\x83u so\xcc\x82\xcc\x81 01) trước ngày 1/3/2024.\n";

static void reads_variations_and_reports_what_is_missing(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(1 << 14);
  struct em_letter l;
  assert_true(em_letter_parse(a, variant, &l));
  assert_string_equal(l.number, "101-CV/HVCTQG");
  assert_int_equal(l.year, 2024);
  assert_int_equal(l.date_d, 5);
  assert_string_equal(l.theme, "Đoàn kết - Sáng tạo");
  assert_int_equal(l.content_items, 1);
  assert_int_equal(l.targets.ldtt_min_pct, 85);
  assert_int_equal(l.targets.cstd_min_pct, 12);
  assert_int_equal(l.targets.cstd_max_pct, 15);
  assert_int_equal(l.targets_found_count, 3);
  /* not found: the 2023 default stays, and is counted as not found */
  assert_int_equal(l.targets.commended_min_pct, 5);
  assert_int_equal(l.dates_found, 1);
  expect_date(&l, "plan", 2024, 3, 1);
  assert_null(em_letter_date_of(&l, "cluster_dossier"));
  cadre_arena_free(a);
}

static void refuses_text_that_is_not_a_letter(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(1 << 12);
  struct em_letter l;
  assert_false(em_letter_parse(a, "", &l));
  assert_false(em_letter_parse(a, "Danh sách học viên\nNguyễn Văn A\n", &l));
  assert_int_equal(l.dates_found, 0);
  /* a bad date is not a date */
  assert_true(em_letter_parse(a,
                              "Căn cứ chủ đề phong trào thi đua năm 2025 là “X”\n"
                              "- gửi Mẫu số 01 trước ngày 31/2/2025\n",
                              &l));
  assert_int_equal(l.dates_found, 0);
  cadre_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_the_2023_letter),
      cmocka_unit_test(agrees_with_the_built_in_calendar),
      cmocka_unit_test(reads_variations_and_reports_what_is_missing),
      cmocka_unit_test(refuses_text_that_is_not_a_letter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
