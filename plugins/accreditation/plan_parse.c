/*
 * Reads the plan's figures from its text, so the dashboard's targets come
 * from the document the Academy issued rather than from constants in code:
 *
 *   "… công nhận 19 trường chính trị đạt chuẩn mức 1; khoảng 15 đến 20
 *    trường chính trị đạt chuẩn mức 2 (dự kiến)"
 *   "… trình ban thường vụ tỉnh ủy, thành ủy trước ngày 01/4/2026"
 *   "(giai đoạn 2026-2030)", "Quy định số 396-QĐ/TW ngày 06/01/2026"
 *
 * The text is folded first (lower case, no diacritics, white space
 * collapsed), because the extracted PDF breaks lines and pages anywhere.
 */
#include <stdio.h>
#include <string.h>

#include <cadre/date.h>
#include <cadre/text.h>

#include "logic.h"

static const char *match_int(const char *s, int *out) {
  int v = 0, n = 0;
  while (*s >= '0' && *s <= '9') {
    if (n++ >= 9)
      return NULL; /* not a count anyone writes */
    v = v * 10 + (*s++ - '0');
  }
  if (n == 0)
    return NULL;
  *out = v;
  return s;
}

/* d/m/yyyy (also with - or .) → yyyy-mm-dd */
static const char *match_date(const char *s, char *out) {
  int d, m, y;
  const char *p = match_int(s, &d);
  if (!p || (*p != '/' && *p != '-' && *p != '.'))
    return NULL;
  char sep = *p;
  p = match_int(p + 1, &m);
  if (!p || *p != sep)
    return NULL;
  const char *year = p + 1;
  p = match_int(year, &y);
  if (!p || p - year != 4 || !cadre_date_valid(y, m, d))
    return NULL;
  cadre_date_iso((cadre_date){y, m, d}, out);
  return p;
}

const char *accr_match_at(const char *s, const char *pattern, void **outs) {
  int k = 0;
  for (const char *p = pattern; *p; p++) {
    if (p[0] == '%' && p[1] == 'd') {
      s = match_int(s, outs[k++]);
      p++;
    } else if (p[0] == '%' && p[1] == 'D') {
      s = match_date(s, outs[k++]);
      p++;
    } else {
      s = *s == *p ? s + 1 : NULL;
    }
    if (!s)
      return NULL;
  }
  return s;
}

const char *accr_find(const char *s, const char *pattern, void **outs) {
  for (; s && *s; s++) {
    const char *end = accr_match_at(s, pattern, outs);
    if (end)
      return end;
  }
  return NULL;
}

static bool year_ok(int y) { return y >= 2000 && y <= 2100; }

static bool find_period(const char *f, struct accr_plan_facts *out) {
  static const char *const patterns[] = {"giai doan %d-%d", "giai doan %d - %d", "tu nam %d-%d",
                                         "tu nam %d den nam %d"};
  for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
    if (accr_find(f, patterns[i], (void *[]){&out->year_from, &out->year_to}))
      return year_ok(out->year_from) && year_ok(out->year_to) && out->year_from <= out->year_to;
  return false;
}

static bool find_level2(const char *f, struct accr_plan_facts *out) {
  if (accr_find(f, "khoang %d den %d truong chinh tri dat chuan muc 2",
                (void *[]){&out->target_level2_min, &out->target_level2_max}))
    return out->target_level2_min > 0 && out->target_level2_min <= out->target_level2_max;
  if (accr_find(f, "%d truong chinh tri dat chuan muc 2", (void *[]){&out->target_level2_min})) {
    out->target_level2_max = out->target_level2_min;
    return out->target_level2_min > 0;
  }
  return false;
}

static bool find_deadline(const char *f, struct accr_plan_facts *out) {
  /* The deadline that matters is the one attached to the standing committee,
   * not any earlier "trước ngày" in the text. */
  const char *from = strstr(f, "ban thuong vu");
  return from && accr_find(from, "truoc ngay %D", (void *[]){out->project_deadline});
}

int accr_plan_parse(cadre_arena *a, const char *text, struct accr_plan_facts *out, const char **missing) {
  memset(out, 0, sizeof(*out));
  const char *f = text ? cadre_fold(a, text) : NULL;
  if (!f) {
    *missing = "text";
    return -1;
  }
  if (!accr_find(f, "quy dinh so %d-qd/tw ngay %D",
                 (void *[]){&out->regulation_number, out->regulation_date})) {
    *missing = "regulation";
    return -1;
  }
  if (!find_period(f, out)) {
    *missing = "period";
    return -1;
  }
  if (!accr_find(f, "cong nhan %d truong chinh tri dat chuan muc 1", (void *[]){&out->target_level1}) ||
      out->target_level1 <= 0) {
    *missing = "target_level1";
    return -1;
  }
  if (!find_level2(f, out)) {
    *missing = "target_level2";
    return -1;
  }
  if (!find_deadline(f, out)) {
    *missing = "project_deadline";
    return -1;
  }
  *missing = NULL;
  return 0;
}
