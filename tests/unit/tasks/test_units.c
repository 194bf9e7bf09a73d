/* Unit names in a cell: where a comma or "và" ends a name and where it is
 * part of it, collective numbered lists, matching keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/tasks/tasks.h"

static cadre_arena *arena;

static int setup(void **state) {
  (void)state;
  arena = cadre_arena_new(1 << 14);
  return 0;
}
static int teardown(void **state) {
  (void)state;
  cadre_arena_free(arena);
  return 0;
}

/* Splits and compares with a NULL-terminated list of expected names. */
static void expect_split(const char *cell, const char *const *want) {
  const char *got[16];
  size_t n = tasks_split_units(arena, cell, got, 16);
  size_t w = 0;
  while (want[w])
    w++;
  if (n != w) {
    for (size_t i = 0; i < n; i++)
      print_message("  got[%zu] = “%s”\n", i, got[i]);
    fail_msg("“%s”: %zu names, expected %zu", cell, n, w);
  }
  for (size_t i = 0; i < n; i++)
    assert_string_equal(got[i], want[i]);
}

#define SPLIT(cell, ...) expect_split(cell, (const char *const[]){__VA_ARGS__, NULL})

static void test_single_names_with_commas(void **state) {
  (void)state;
  SPLIT("Vụ Tổ chức - Điều lệ", "Vụ Tổ chức - Điều lệ");
  SPLIT("Vụ Cơ sở đảng, đảng viên", "Vụ Cơ sở đảng, đảng viên");
  SPLIT("Cục Đào tạo, bồi dưỡng cán bộ", "Cục Đào tạo, bồi dưỡng cán bộ");
  SPLIT("Vụ Nghiên cứu khoa học tổ chức, cán bộ", "Vụ Nghiên cứu khoa học tổ chức, cán bộ");
  SPLIT("Ban Tuyên giáo và Dân vận Trung ương", "Ban Tuyên giáo và Dân vận Trung ương");
  SPLIT("Ban Chính sách, chiến lược Trung ương", "Ban Chính sách, chiến lược Trung ương");
  SPLIT("Các vụ, cục, đơn vị", "Các vụ, cục, đơn vị");
  SPLIT("  Văn phòng Ban. ", "Văn phòng Ban");
}

static void test_several(void **state) {
  (void)state;
  SPLIT("Vụ Cán bộ; Vụ Cơ sở đảng, đảng viên; Cục Đào tạo, bồi dưỡng cán bộ; Cục Bảo vệ "
        "chính trị nội bộ và các vụ địa bàn",
        "Vụ Cán bộ", "Vụ Cơ sở đảng, đảng viên", "Cục Đào tạo, bồi dưỡng cán bộ",
        "Cục Bảo vệ chính trị nội bộ", "các vụ địa bàn");
  SPLIT("Vụ Cán bộ, các vụ địa bàn", "Vụ Cán bộ", "các vụ địa bàn");
  SPLIT("Đảng ủy Chính phủ, Bộ Nội vụ, Ban Tổ chức Trung ương", "Đảng ủy Chính phủ", "Bộ Nội vụ",
        "Ban Tổ chức Trung ương");
  SPLIT("Đảng ủy Quốc hội, các cơ quan liên quan", "Đảng ủy Quốc hội", "các cơ quan liên quan");
  SPLIT("Vụ Nghiên cứu khoa học tổ chức, cán bộ; các vụ, cục, đơn vị",
        "Vụ Nghiên cứu khoa học tổ chức, cán bộ", "các vụ, cục, đơn vị");
  SPLIT("Vụ Nghiên cứu khoa học cứu trợ, cán bộ và các vụ, cục, đơn vị liên quan",
        "Vụ Nghiên cứu khoa học cứu trợ, cán bộ", "các vụ, cục, đơn vị liên quan");
  SPLIT("Vụ Cán bộ\nVụ V", "Vụ Cán bộ", "Vụ V");
}

static void test_numbered_lists(void **state) {
  (void)state;
  SPLIT("Các vụ địa bàn I, II, III, V", "Vụ I", "Vụ II", "Vụ III", "Vụ V");
  SPLIT("Các vụ I, II, III", "Vụ I", "Vụ II", "Vụ III");
  SPLIT("các vụ I, II và III", "Vụ I", "Vụ II", "Vụ III");
  /* not numerals: left as written */
  SPLIT("Các vụ địa bàn", "Các vụ địa bàn");
  SPLIT("Các vụ I, II, ba", "Các vụ I, II, ba");
}

static void test_empty(void **state) {
  (void)state;
  const char *out[4];
  assert_int_equal(tasks_split_units(arena, "", out, 4), 0);
  assert_int_equal(tasks_split_units(arena, NULL, out, 4), 0);
  assert_int_equal(tasks_split_units(arena, " ; , ", out, 4), 0);
  /* max is respected */
  assert_int_equal(tasks_split_units(arena, "Vụ A; Vụ B; Vụ C", out, 2), 2);
}

static void test_key(void **state) {
  (void)state;
  assert_string_equal(tasks_unit_key(arena, "Vụ Tổ chức - Điều lệ"), "vutochucdieule");
  assert_string_equal(tasks_unit_key(arena, "vụ tổ chức – điều lệ"), "vutochucdieule");
  assert_string_equal(tasks_unit_key(arena, "Cục bảo vệ chính trị nội bộ"),
                      tasks_unit_key(arena, "Cục Bảo vệ chính trị nội bộ"));
  assert_string_equal(tasks_unit_key(arena, "Học viện chính trị quốc gia Hồ Chí Minh"),
                      tasks_unit_key(arena, "Học viện Chính trị quốc gia Hồ Chí Minh"));
  assert_string_not_equal(tasks_unit_key(arena, "Vụ I"), tasks_unit_key(arena, "Vụ II"));
}

static void test_internal(void **state) {
  (void)state;
  assert_true(tasks_unit_is_internal("Vụ V"));
  assert_true(tasks_unit_is_internal("Cục Bảo vệ chính trị nội bộ"));
  assert_true(tasks_unit_is_internal("Văn phòng Ban"));
  assert_true(tasks_unit_is_internal("các vụ địa bàn"));
  assert_false(tasks_unit_is_internal("Đảng ủy Chính phủ"));
  assert_false(tasks_unit_is_internal("Văn phòng Trung ương Đảng"));
  assert_false(tasks_unit_is_internal("Bộ Nội vụ"));
  assert_false(tasks_unit_is_internal(""));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_single_names_with_commas, setup, teardown),
      cmocka_unit_test_setup_teardown(test_several, setup, teardown),
      cmocka_unit_test_setup_teardown(test_numbered_lists, setup, teardown),
      cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
      cmocka_unit_test_setup_teardown(test_key, setup, teardown),
      cmocka_unit_test_setup_teardown(test_internal, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
