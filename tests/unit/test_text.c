/* Unit tests of the Vietnamese text helpers (lib/text.c): strict UTF-8,
 * code point counting, control characters, accent folding (NFC and NFD),
 * tidying of pasted text, tag stripping and counts with thousands
 * separators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadre/text.h"

static cadre_arena *A;

static int setup(void **state) {
  (void)state;
  A = cadre_arena_new(0);
  return A ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  return 0;
}

#define VALID(s) cadre_utf8_valid((s), sizeof(s) - 1)

/* ---- UTF-8 ---------------------------------------------------------------- */

static void test_utf8_valid_accepts(void **state) {
  (void)state;
  assert_true(VALID(""));
  assert_true(VALID("plain ASCII ~\x7f"));
  assert_true(VALID("Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc"));
  assert_true(VALID("Đặng Thị Ngọc Hạnh, Nguyễn Văn Ước, Trương Mỹ Ỷ"));
  assert_true(VALID("\xC2\x80"));         /* U+0080, smallest 2-byte */
  assert_true(VALID("\xDF\xBF"));         /* U+07FF */
  assert_true(VALID("\xE0\xA0\x80"));     /* U+0800, smallest 3-byte */
  assert_true(VALID("\xED\x9F\xBF"));     /* U+D7FF, just below surrogates */
  assert_true(VALID("\xEE\x80\x80"));     /* U+E000, just above */
  assert_true(VALID("\xEF\xBF\xBD"));     /* U+FFFD */
  assert_true(VALID("\xF0\x90\x80\x80")); /* U+10000 */
  assert_true(VALID("\xF4\x8F\xBF\xBF")); /* U+10FFFF, the last code point */
  assert_true(VALID("😀"));
  /* an embedded NUL is a valid code point; callers check NULs separately */
  assert_true(cadre_utf8_valid("a\0b", 3));
}

static void test_utf8_valid_rejects(void **state) {
  (void)state;
  /* overlong encodings */
  assert_false(VALID("\xC0\xAF")); /* '/' in 2 bytes */
  assert_false(VALID("\xC1\xBF"));
  assert_false(VALID("\xE0\x80\xAF"));     /* '/' in 3 bytes */
  assert_false(VALID("\xE0\x9F\xBF"));     /* U+07FF in 3 bytes */
  assert_false(VALID("\xF0\x80\x80\xAF")); /* '/' in 4 bytes */
  assert_false(VALID("\xF0\x8F\xBF\xBF")); /* U+FFFF in 4 bytes */
  /* UTF-16 surrogates */
  assert_false(VALID("\xED\xA0\x80"));             /* U+D800 */
  assert_false(VALID("\xED\xBF\xBF"));             /* U+DFFF */
  assert_false(VALID("\xED\xA0\xBD\xED\xB8\x80")); /* CESU-8 pair */
  /* above U+10FFFF and 5/6-byte forms */
  assert_false(VALID("\xF4\x90\x80\x80"));
  assert_false(VALID("\xF7\xBF\xBF\xBF"));
  assert_false(VALID("\xF8\x88\x80\x80\x80"));
  assert_false(VALID("\xFC\x84\x80\x80\x80\x80"));
  assert_false(VALID("\xFE"));
  assert_false(VALID("\xFF"));
  /* lone continuation bytes, truncated sequences */
  assert_false(VALID("\x80"));
  assert_false(VALID("a\xBF"));
  assert_false(VALID("\xC3"));
  assert_false(VALID("\xE1\xBB"));     /* "ễ" cut short */
  assert_false(VALID("\xF0\x9F\x98")); /* emoji cut short */
  assert_false(VALID("Nguy\xE1\xBB"));
  assert_false(VALID("\xC3("));            /* a non-continuation where one is needed */
  assert_false(VALID("\xE1\xBB\x85\xE1")); /* good then truncated */
  /* Latin-1 text is not UTF-8 */
  assert_false(VALID("Nguy\xEAn"));
  /* the length is honoured: a valid prefix of an invalid buffer */
  assert_true(cadre_utf8_valid("ab\xFF", 2));
  assert_false(cadre_utf8_valid("\xE1\xBB\x85", 2));
}

static void test_utf8_len(void **state) {
  (void)state;
  assert_int_equal(cadre_utf8_len("", 0), 0);
  assert_int_equal(cadre_utf8_len("abc", 3), 3);
  const char *s = "Nguyễn Văn";
  assert_int_equal(strlen(s), 13);
  assert_int_equal(cadre_utf8_len(s, strlen(s)), 10);
  assert_int_equal(cadre_utf8_len("Đ", strlen("Đ")), 1);
  assert_int_equal(cadre_utf8_len("😀x", strlen("😀x")), 2);
  /* NFD: base letter + combining marks are separate code points */
  assert_int_equal(cadre_utf8_len("e\xCC\x82\xCC\x83", 5), 3);
}

/* ---- control characters --------------------------------------------------- */

static void test_has_control(void **state) {
  (void)state;
  assert_false(cadre_has_control("Nguyễn Văn A", strlen("Nguyễn Văn A"), false));
  assert_false(cadre_has_control("", 0, false));
  for (int c = 1; c < 0x20; c++) {
    char s[4] = {'a', (char)c, 'b', 0};
    bool nl_ok = c == '\t' || c == '\n' || c == '\r';
    assert_true(cadre_has_control(s, 3, false));
    assert_int_equal(cadre_has_control(s, 3, true), !nl_ok);
  }
  assert_true(cadre_has_control("a\0b", 3, true)); /* NUL is C0 too */
  assert_true(cadre_has_control("a\x7f", 2, false));
  assert_true(cadre_has_control("a\x7f", 2, true));
  /* C1 controls U+0080..U+009F */
  assert_true(cadre_has_control("a\xC2\x80", 3, false));
  assert_true(cadre_has_control("a\xC2\x85", 3, true)); /* NEL */
  assert_true(cadre_has_control("\xC2\x9F", 2, false));
  /* neighbours are printable */
  assert_false(cadre_has_control("\xC2\xA0", 2, false)); /* NBSP */
  assert_false(cadre_has_control("\xC2\xA9", 2, false)); /* © */
  assert_false(cadre_has_control("\xC3\x80", 2, false)); /* À */
  assert_false(cadre_has_control("\xE1\xBB\x85", 3, false));
  /* the length is honoured */
  assert_false(cadre_has_control("ab\x01", 2, false));
  assert_false(cadre_has_control("a\xC2", 2, false));
}

/* ---- folding --------------------------------------------------------------- */

static void test_fold_names(void **state) {
  (void)state;
  assert_string_equal(cadre_fold(A, "  Nguyễn  Văn A "), "nguyen van a");
  assert_string_equal(cadre_fold(A, "ĐẶNG THỊ ĐÀO"), "dang thi dao");
  assert_string_equal(cadre_fold(A, "đường Đồng Khởi"), "duong dong khoi");
  assert_string_equal(cadre_fold(A, "Trương\tMỹ\n\nỶ"), "truong my y");
  assert_string_equal(cadre_fold(A, ""), "");
  assert_string_equal(cadre_fold(A, "   "), "");
  assert_string_equal(cadre_fold(A, "ABC-123"), "abc-123");
  assert_null(cadre_fold(A, NULL));
  assert_true(cadre_fold_eq(A, "Nguyễn Văn Á", "nguyen  van a"));
  assert_true(cadre_fold_eq(A, "ĐỖ", "do"));
  assert_false(cadre_fold_eq(A, "Nguyễn", "Nguyên Văn"));
  assert_false(cadre_fold_eq(A, "Lê", "Lệnh"));
  assert_false(cadre_fold_eq(A, NULL, "a"));
}

static void test_fold_nfd_equals_nfc(void **state) {
  (void)state;
  /* "Nguyễn Văn Ước" decomposed: e + circumflex + tilde, a + breve,
   * U + horn + acute, o + horn */
  const char *nfd = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n U\xCC\x9B\xCC\x81o\xCC\x9B\x63";
  const char *nfc = "Nguyễn Văn Ước";
  assert_string_equal(cadre_fold(A, nfd), "nguyen van uoc");
  assert_string_equal(cadre_fold(A, nfd), cadre_fold(A, nfc));
  /* dot below (U+0323) and hook above (U+0309) */
  assert_string_equal(cadre_fold(A, "Ha\xCC\xA3nh Thu\xCC\x89y"), "hanh thuy");
  assert_true(cadre_fold_eq(A, "Hạnh Thủy", "Ha\xCC\xA3nh Thu\xCC\x89y"));
}

/* Every Vietnamese vowel with every tone, lower and upper case, folds to its
 * ASCII base letter. */
static void test_fold_every_vietnamese_vowel(void **state) {
  (void)state;
  static const struct {
    char base;
    const char *lower, *upper;
  } rows[] = {
      {'a', "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ", "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ"},
      {'e', "e è é ẻ ẽ ẹ ê ề ế ể ễ ệ", "E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ"},
      {'i', "i ì í ỉ ĩ ị", "I Ì Í Ỉ Ĩ Ị"},
      {'o', "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ", "O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ"},
      {'u', "u ù ú ủ ũ ụ ư ừ ứ ử ữ ự", "U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự"},
      {'y', "y ỳ ý ỷ ỹ ỵ", "Y Ỳ Ý Ỷ Ỹ Ỵ"},
      {'d', "d đ", "D Đ"},
  };
  int letters = 0;
  for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
    for (int pass = 0; pass < 2; pass++) {
      const char *s = pass ? rows[r].upper : rows[r].lower;
      char *f = cadre_fold(A, s);
      assert_non_null(f);
      /* "x x x …": the base letter once per input letter */
      size_t words = 1;
      for (const char *p = s; *p; p++)
        words += *p == ' ';
      assert_int_equal(strlen(f), 2 * words - 1);
      for (size_t i = 0; i < words; i++) {
        if (f[2 * i] != rows[r].base)
          fail_msg("fold(\"%s\") = \"%s\": letter %zu is '%c', expected '%c'", s, f, i, f[2 * i],
                   rows[r].base);
        if (i + 1 < words)
          assert_int_equal(f[2 * i + 1], ' ');
      }
      letters += (int)words;
    }
  }
  assert_int_equal(letters, 2 * (18 + 12 + 6 + 18 + 12 + 6 + 2));
}

static void test_fold_keeps_other_text(void **state) {
  (void)state;
  /* unknown letters and symbols pass through; invalid bytes are kept */
  assert_string_equal(cadre_fold(A, "Ωmega €5"), "Ωmega €5");
  assert_string_equal(cadre_fold(A, "a\x80 b"), "a\x80 b");
  assert_string_equal(cadre_fold(A, "Çà Nẵng"), "ca nang");
}

/* ---- tidy ---------------------------------------------------------------- */

static void test_tidy_unicode_spaces(void **state) {
  (void)state;
  assert_string_equal(cadre_tidy(A, "  Nguyễn   Văn\tA  "), "Nguyễn Văn A");
  /* NBSP, em space, narrow NBSP, ideographic space, BOM, zero-width space */
  assert_string_equal(cadre_tidy(A, "\xC2\xA0Trần\xC2\xA0\xC2\xA0Thị\xE2\x80\x83Mai\xC2\xA0"),
                      "Trần Thị Mai");
  assert_string_equal(cadre_tidy(A, "a\xE2\x80\xAF"
                                    "b\xE3\x80\x80"
                                    "c\xEF\xBB\xBF"
                                    "d\xE2\x80\x8B"
                                    "e"),
                      "a b c d e");
  assert_string_equal(cadre_tidy(A, "dòng 1\r\ndòng 2"), "dòng 1 dòng 2");
  assert_string_equal(cadre_tidy(A, "\xC2\xA0 \xC2\xA0"), "");
  /* tidying never folds */
  assert_string_equal(cadre_tidy(A, "ĐẶNG"), "ĐẶNG");
  assert_null(cadre_tidy(A, NULL));
}

/* ---- strip tags -------------------------------------------------------- */

static void test_strip_tags(void **state) {
  (void)state;
  assert_string_equal(cadre_strip_tags(A, "<b>Đậm</b> thường"), "Đậm thường");
  assert_string_equal(cadre_strip_tags(A, "một<br>hai<br/>ba<BR />bốn"), "một hai ba bốn");
  assert_string_equal(cadre_tidy(A, cadre_strip_tags(A, "<p>Đoạn 1</p><p>Đoạn 2</p>")), "Đoạn 1 Đoạn 2");
  assert_string_equal(cadre_strip_tags(A, "a</p>b"), "a b");
  assert_string_equal(cadre_strip_tags(A, "<p class=\"x\">a</p>"), " a ");
  assert_string_equal(cadre_strip_tags(A, "x<!-- ghi chú -->y"), "xy");
  assert_string_equal(cadre_strip_tags(A, "<span>a</span><span>b</span>"), "ab");
  /* a <pre> is not a <p>, a <brx> not a <br> */
  assert_string_equal(cadre_strip_tags(A, "a<pre>b</pre>c"), "abc");
  assert_string_equal(cadre_strip_tags(A, "a<brx>b"), "ab");
  /* entities */
  assert_string_equal(cadre_strip_tags(A, "Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &#39;y&apos;"),
                      "Tom & Jerry <3 > \"x\" 'y'");
  assert_string_equal(cadre_strip_tags(A, "a&nbsp;b"), "a b");
  assert_string_equal(cadre_strip_tags(A, "&amp;lt;"), "&lt;"); /* decoded once */
  assert_string_equal(cadre_strip_tags(A, "&copy; &unknown; & &"), "&copy; &unknown; & &");
  assert_string_equal(cadre_strip_tags(A, "&amp"), "&amp");
  /* a '<' that does not open a tag is text */
  assert_string_equal(cadre_strip_tags(A, "a < b"), "a < b");
  assert_string_equal(cadre_strip_tags(A, "1<2"), "1<2");
  assert_string_equal(cadre_strip_tags(A, "x<"), "x<");
  assert_string_equal(cadre_strip_tags(A, "<b unterminated"), "<b unterminated");
  assert_string_equal(cadre_strip_tags(A, ""), "");
  assert_null(cadre_strip_tags(A, NULL));
}

/* ---- counts -------------------------------------------------------------- */

static void test_parse_count(void **state) {
  (void)state;
  long v = -1;
  assert_true(cadre_parse_count("1.046", &v));
  assert_int_equal(v, 1046);
  assert_true(cadre_parse_count("1,046", &v));
  assert_int_equal(v, 1046);
  assert_true(cadre_parse_count("1046", &v));
  assert_int_equal(v, 1046);
  assert_true(cadre_parse_count("2.206", &v));
  assert_int_equal(v, 2206);
  assert_true(cadre_parse_count("0", &v));
  assert_int_equal(v, 0);
  assert_true(cadre_parse_count(" 12.345.678 ", &v));
  assert_int_equal(v, 12345678);
  assert_true(cadre_parse_count("1 046", &v));
  assert_int_equal(v, 1046);
  assert_true(cadre_parse_count("922337203685477580", &v));
  assert_int_equal(v, 922337203685477580L);

  v = 77;
  static const char *const bad[] = {
      "1.04",
      "1..046",
      "",
      "   ",
      "abc",
      "10.0000",
      "1.0460",
      ".046",
      "1.046.",
      "1046.000",
      "1.046,000",
      "1,046.000",
      "-5",
      "+5",
      "1 .046",
      "12a",
      "1.04 6",
      "1_046",
      "0x10",
      "1e3",
      "9223372036854775808",
      "99999999999999999999999",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    if (cadre_parse_count(bad[i], &v))
      fail_msg("cadre_parse_count(\"%s\") accepted (%ld)", bad[i], v);
  assert_int_equal(v, 77); /* untouched on failure */
  assert_false(cadre_parse_count(NULL, &v));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_valid_accepts),
      cmocka_unit_test(test_utf8_valid_rejects),
      cmocka_unit_test(test_utf8_len),
      cmocka_unit_test(test_has_control),
      cmocka_unit_test(test_fold_names),
      cmocka_unit_test(test_fold_nfd_equals_nfc),
      cmocka_unit_test(test_fold_every_vietnamese_vowel),
      cmocka_unit_test(test_fold_keeps_other_text),
      cmocka_unit_test(test_tidy_unicode_spaces),
      cmocka_unit_test(test_strip_tags),
      cmocka_unit_test(test_parse_count),
  };
  return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
