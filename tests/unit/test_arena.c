/* Unit tests of the request arena (lib/arena.c) and its growable buffer:
 * alignment, zeroing, growth across blocks, oversized requests, reset and
 * free with deferred cleanups in LIFO order, string helpers, cadre_buf
 * growth and its sticky failure flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadre/arena.h"

#define ALIGN_OF_MAX (_Alignof(max_align_t))

static int aligned(const void *p) { return ((uintptr_t)p % ALIGN_OF_MAX) == 0; }

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i])
      return 0;
  return 1;
}

/* ---- allocation ----------------------------------------------------------- */

static void test_alloc_alignment_and_zeroing(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  assert_non_null(a);
  static const size_t sizes[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 100, 255, 1000};
  unsigned char *prev = NULL;
  size_t prev_size = 0;
  for (int round = 0; round < 20; round++) {
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
      unsigned char *p = cadre_arena_alloc(a, sizes[i]);
      assert_non_null(p);
      assert_true(aligned(p));
      assert_true(all_zero(p, sizes[i]));
      /* no overlap with the previous allocation */
      if (prev)
        assert_true(p >= prev + prev_size || p + sizes[i] <= prev);
      memset(p, 0xAB, sizes[i]);
      prev = p;
      prev_size = sizes[i];
    }
  }
  /* size 0 still gives a distinct, usable pointer */
  void *z1 = cadre_arena_alloc(a, 0), *z2 = cadre_arena_alloc(a, 0);
  assert_non_null(z1);
  assert_non_null(z2);
  assert_ptr_not_equal(z1, z2);
  cadre_arena_free(a);
}

static void test_growth_across_blocks_keeps_contents(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(64); /* rounded up to the minimum block */
  enum { N = 400, SZ = 100 };
  unsigned char *ptrs[N];
  for (int i = 0; i < N; i++) {
    ptrs[i] = cadre_arena_alloc(a, SZ);
    assert_non_null(ptrs[i]);
    assert_true(aligned(ptrs[i]));
    memset(ptrs[i], i & 0xFF, SZ);
  }
  /* 40 KB in a 4 KB first block: several blocks, nothing overwritten */
  for (int i = 0; i < N; i++)
    for (int k = 0; k < SZ; k++)
      assert_int_equal(ptrs[i][k], i & 0xFF);
  assert_true(cadre_arena_used(a) >= (size_t)N * SZ);
  cadre_arena_free(a);
}

static void test_large_allocations(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  unsigned char *small = cadre_arena_alloc(a, 10);
  memcpy(small, "123456789", 10);
  /* one larger than the first block, one larger than the 8 MiB growth cap */
  size_t sizes[] = {1u << 20, (8u << 20) + 12345, 3 * 4096 + 1};
  for (size_t i = 0; i < 3; i++) {
    unsigned char *big = cadre_arena_alloc(a, sizes[i]);
    assert_non_null(big);
    assert_true(aligned(big));
    assert_true(all_zero(big, sizes[i]));
    memset(big, 0x5A, sizes[i]);
    assert_int_equal(big[sizes[i] - 1], 0x5A);
  }
  assert_string_equal((char *)small, "123456789");
  /* small allocations still work afterwards */
  char *s = cadre_arena_strdup(a, "sau khối lớn");
  assert_string_equal(s, "sau khối lớn");
  assert_true(cadre_arena_used(a) >= (1u << 20) + (8u << 20));
  cadre_arena_free(a);
}

static void test_overflowing_sizes_return_null(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  assert_null(cadre_arena_alloc(a, SIZE_MAX));
  assert_null(cadre_arena_alloc(a, SIZE_MAX / 2 + 1));
  assert_null(cadre_arena_calloc(a, SIZE_MAX / 2, 4));
  assert_null(cadre_arena_calloc(a, 3, SIZE_MAX / 2));
  /* the arena is still usable after refusing */
  int *v = cadre_arena_calloc(a, 16, sizeof(int));
  assert_non_null(v);
  assert_true(all_zero((unsigned char *)v, 16 * sizeof(int)));
  cadre_arena_free(a);
}

static void test_reset_reuses_first_block_and_keeps_working(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(8192);
  void *first = cadre_arena_alloc(a, 32);
  for (int i = 0; i < 100; i++)
    assert_non_null(cadre_arena_alloc(a, 1000)); /* spill into new blocks */
  assert_true(cadre_arena_used(a) > 8192);
  cadre_arena_reset(a);
  assert_int_equal(cadre_arena_used(a), 0);
  unsigned char *again = cadre_arena_alloc(a, 32);
  assert_ptr_equal(again, first); /* the first block is kept */
  assert_true(all_zero(again, 32));
  for (int r = 0; r < 5; r++) {
    for (int i = 0; i < 50; i++) {
      unsigned char *p = cadre_arena_alloc(a, 3000);
      assert_non_null(p);
      assert_true(all_zero(p, 3000));
      memset(p, 0xFF, 3000);
    }
    cadre_arena_reset(a);
    assert_int_equal(cadre_arena_used(a), 0);
  }
  cadre_arena_reset(NULL); /* tolerated */
  cadre_arena_free(NULL);
  cadre_arena_free(a);
}

/* ---- deferred cleanups ---------------------------------------------------- */

static int order[16];
static int norder;

static void record(void *p) { order[norder++] = (int)(intptr_t)p; }

static void test_defer_runs_lifo_on_reset(void **state) {
  (void)state;
  norder = 0;
  cadre_arena *a = cadre_arena_new(0);
  for (int i = 1; i <= 5; i++) {
    assert_int_equal(cadre_arena_defer(a, record, (void *)(intptr_t)i), 0);
    cadre_arena_alloc(a, 2000); /* defers spread over several blocks */
  }
  assert_int_equal(norder, 0);
  cadre_arena_reset(a);
  assert_int_equal(norder, 5);
  for (int i = 0; i < 5; i++)
    assert_int_equal(order[i], 5 - i);
  /* a reset with nothing registered runs nothing again */
  cadre_arena_reset(a);
  assert_int_equal(norder, 5);
  /* registrations after a reset run at the next one, once */
  cadre_arena_defer(a, record, (void *)(intptr_t)7);
  cadre_arena_defer(a, record, (void *)(intptr_t)8);
  cadre_arena_free(a);
  assert_int_equal(norder, 7);
  assert_int_equal(order[5], 8);
  assert_int_equal(order[6], 7);
}

/* A cleanup that allocates from the arena while it runs must not crash. */
static cadre_arena *reentrant_arena;
static void allocating_cleanup(void *p) {
  record(p);
  assert_non_null(cadre_arena_alloc(reentrant_arena, 16));
}

static void test_defer_on_free_and_cleanup_may_allocate(void **state) {
  (void)state;
  norder = 0;
  cadre_arena *a = cadre_arena_new(0);
  reentrant_arena = a;
  cadre_arena_defer(a, record, (void *)(intptr_t)1);
  cadre_arena_defer(a, allocating_cleanup, (void *)(intptr_t)2);
  cadre_arena_defer(a, record, (void *)(intptr_t)3);
  cadre_arena_free(a);
  assert_int_equal(norder, 3);
  assert_int_equal(order[0], 3);
  assert_int_equal(order[1], 2);
  assert_int_equal(order[2], 1);
}

/* ---- strings -------------------------------------------------------------- */

static void test_strdup_strndup_printf(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  const char *src = "Nguyễn Văn A";
  char *d = cadre_arena_strdup(a, src);
  assert_string_equal(d, src);
  assert_ptr_not_equal(d, src);
  assert_null(cadre_arena_strdup(a, NULL));
  assert_null(cadre_arena_strndup(a, NULL, 3));
  assert_string_equal(cadre_arena_strndup(a, "abcdef", 3), "abc");
  assert_string_equal(cadre_arena_strndup(a, "ab", 10), "ab"); /* stops at the NUL */
  assert_string_equal(cadre_arena_strndup(a, "abc", 0), "");
  assert_true(aligned(cadre_arena_strdup(a, "x")));

  assert_string_equal(cadre_arena_printf(a, "%s-%d-%05.1f", "mã", 42, 3.14159), "mã-42-003.1");
  assert_string_equal(cadre_arena_printf(a, "%s", ""), "");
  /* output larger than a block */
  char big[20000];
  memset(big, 'x', sizeof(big) - 1);
  big[sizeof(big) - 1] = '\0';
  char *p = cadre_arena_printf(a, "[%s]", big);
  assert_int_equal(strlen(p), sizeof(big) + 1);
  assert_int_equal(p[0], '[');
  assert_int_equal(p[sizeof(big)], ']');
  cadre_arena_free(a);
}

/* ---- cadre_buf ------------------------------------------------------------ */

static void test_buf_growth(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  cadre_buf b;
  cadre_buf_init(&b, a);
  assert_int_equal(b.failed, 0);
  assert_int_equal(b.len, 0);
  assert_string_equal(b.data, "");
  for (int i = 0; i < 1000; i++)
    cadre_buf_putc(&b, (char)('a' + i % 26));
  assert_int_equal(b.len, 1000);
  assert_true(b.cap > 1000);
  assert_int_equal(b.data[1000], '\0');
  for (int i = 0; i < 1000; i++)
    assert_int_equal(b.data[i], 'a' + i % 26);

  cadre_buf_puts(&b, "|đ|");
  cadre_buf_printf(&b, "%d-%s", 7, "bảy");
  assert_int_equal(b.len, 1000 + strlen("|đ|") + strlen("7-bảy"));
  assert_string_equal(b.data + 1000, "|đ|7-bảy");

  /* binary data with a NUL byte keeps its length */
  cadre_buf c;
  cadre_buf_init(&c, a);
  cadre_buf_append(&c, "a\0b", 3);
  assert_int_equal(c.len, 3);
  assert_memory_equal(c.data, "a\0b", 3);
  assert_int_equal(c.data[3], '\0');
  cadre_buf_append(&c, "", 0);
  assert_int_equal(c.len, 3);

  /* a printf larger than the current capacity */
  cadre_buf d;
  cadre_buf_init(&d, a);
  cadre_buf_printf(&d, "%0500d", 1);
  assert_int_equal(d.len, 500);
  assert_int_equal(d.data[499], '1');
  assert_int_equal(d.data[0], '0');
  assert_int_equal(d.data[500], '\0');
  cadre_arena_free(a);
}

static void test_buf_failure_flag_is_sticky(void **state) {
  (void)state;
  cadre_arena *a = cadre_arena_new(0);
  cadre_buf b;
  cadre_buf_init(&b, a);
  cadre_buf_puts(&b, "ok");
  /* a size that cannot be reserved sets the flag without touching the data */
  cadre_buf_append(&b, "x", SIZE_MAX / 2);
  assert_int_equal(b.failed, 1);
  assert_int_equal(b.len, 2);
  assert_string_equal(b.data, "ok");
  /* every later append is a no-op */
  cadre_buf_puts(&b, "more");
  cadre_buf_putc(&b, 'c');
  cadre_buf_printf(&b, "%d", 12345);
  assert_int_equal(b.len, 2);
  assert_string_equal(b.data, "ok");
  cadre_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_alloc_alignment_and_zeroing),
      cmocka_unit_test(test_growth_across_blocks_keeps_contents),
      cmocka_unit_test(test_large_allocations),
      cmocka_unit_test(test_overflowing_sizes_return_null),
      cmocka_unit_test(test_reset_reuses_first_block_and_keeps_working),
      cmocka_unit_test(test_defer_runs_lifo_on_reset),
      cmocka_unit_test(test_defer_on_free_and_cleanup_may_allocate),
      cmocka_unit_test(test_strdup_strndup_printf),
      cmocka_unit_test(test_buf_growth),
      cmocka_unit_test(test_buf_failure_flag_is_sticky),
  };
  return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
