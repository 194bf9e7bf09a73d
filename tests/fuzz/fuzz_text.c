/* The text and date helpers: UTF-8 checks, folding, tidying, tag
 * stripping, counts, dates and clock moments, with the properties they
 * promise (idempotence, no growth, round trips). */
#include "fuzz.h"

#include "cadre/date.h"
#include "cadre/text.h"
#include "clock.h"

static bool collapsed(const char *s) {
  size_t n = strlen(s);
  if (n && (s[0] == ' ' || s[n - 1] == ' '))
    return false;
  return !strstr(s, "  ");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *raw = (const char *)data;
  bool valid = cadre_utf8_valid(raw, size);
  if (valid)
    CHECK(cadre_utf8_len(raw, size) <= size);
  bool c1 = cadre_has_control(raw, size, true), c2 = cadre_has_control(raw, size, false);
  CHECK(!c1 || c2); /* allowing newlines never finds more */

  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  char *s = cadre_arena_strndup(a, raw, size);
  if (!s) {
    cadre_arena_free(a);
    return 0;
  }
  size_t len = strlen(s);
  bool svalid = cadre_utf8_valid(s, len);

  char *fold = cadre_fold(a, s), *tidy = cadre_tidy(a, s), *strip = cadre_strip_tags(a, s);
  CHECK(fold && tidy && strip);
  CHECK(strlen(fold) <= len && strlen(tidy) <= len && strlen(strip) <= len);
  CHECK(collapsed(tidy));
  for (const char *p = fold; *p; p++)
    CHECK(!(*p >= 'A' && *p <= 'Z'));
  if (svalid) {
    CHECK(collapsed(fold));
    CHECK(cadre_utf8_valid(fold, strlen(fold)));
    CHECK(cadre_utf8_valid(tidy, strlen(tidy)));
    CHECK(cadre_utf8_valid(strip, strlen(strip)));
    CHECK(strcmp(cadre_fold(a, fold), fold) == 0);
    CHECK(strcmp(cadre_tidy(a, tidy), tidy) == 0);
    CHECK(cadre_fold_eq(a, s, fold));
  }

  long count;
  if (cadre_parse_count(s, &count)) {
    CHECK(count >= 0);
    char digits[32];
    snprintf(digits, sizeof(digits), "%ld", count);
    long again = -1;
    CHECK(cadre_parse_count(digits, &again) && again == count);
  }

  cadre_date d;
  if (cadre_date_parse(s, &d)) {
    CHECK(cadre_date_valid(d.y, d.m, d.d));
    char iso[11], vn[11];
    cadre_date_iso(d, iso);
    cadre_date_vn(d, vn);
    cadre_date e, f;
    CHECK(cadre_date_parse(iso, &e) && cadre_date_cmp(d, e) == 0);
    CHECK(cadre_date_parse(vn, &f) && cadre_date_cmp(d, f) == 0);
    cadre_date g = cadre_date_from_days(cadre_date_days(d));
    CHECK(g.y == d.y && g.m == d.m && g.d == d.d);
  }

  time_t t;
  if (cadre_clock_parse(s, &t)) {
    char text[20];
    cadre_clock_format(t, text);
    time_t back;
    CHECK(cadre_clock_parse(text, &back) && back == t);
  }
  cadre_arena_free(a);
  return 0;
}
