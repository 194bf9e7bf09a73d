/*
 * Unit names in a table cell. The programme writes several units in one
 * cell ("Vụ Cán bộ; Vụ Cơ sở đảng, đảng viên; Cục Đào tạo, bồi dưỡng cán bộ
 * và các vụ địa bàn"), and unit names themselves contain commas ("Cục Đào
 * tạo, bồi dưỡng cán bộ") and "và" ("Ban Tuyên giáo và Dân vận Trung
 * ương"). So a comma or "và" ends a name only when what follows starts a
 * new one: a capitalised word that begins unit names (Vụ, Cục, Ban, Đảng
 * ủy, Bộ …) or the collective "các …".
 */
#include "tasks.h"

#include <string.h>

/* Folded beginnings of unit names. */
static const char *const unit_words[] = {
    "vu ",       "cuc ",      "ban ",      "van phong", "dang uy",   "dang doan", "bo ",  "hoc vien",
    "tieu ban",  "trung tam", "vien ",     "uy ban",    "tinh uy",   "thanh uy",  "cac ", "tap chi",
    "bao ",      "truong ",   "tong cuc",  "mat tran",  "cong doan", "doan ",     "hoi ", "to cong tac",
    "ngan hang", "toa an",    "kiem toan", "thanh tra", "chinh phu", "quoc hoi",
};

/* First code point of s is an upper-case letter (ASCII or Vietnamese). */
static bool starts_upper(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  unsigned cp;
  if (p[0] < 0x80)
    return p[0] >= 'A' && p[0] <= 'Z';
  if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
    cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  else if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
    cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  else
    return false;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
    return true; /* À … Þ */
  if (cp >= 0x100 && cp <= 0x17F)
    return cp % 2 == 0; /* Ă, Đ, Ĩ, Ũ … (even code points are capitals) */
  if (cp == 0x1A0 || cp == 0x1AF)
    return true; /* Ơ, Ư */
  if (cp >= 0x1EA0 && cp <= 0x1EF9)
    return cp % 2 == 0; /* Ạ … Ỹ */
  return false;
}

static bool starts_unit(cadre_arena *a, const char *s) {
  while (*s == ' ')
    s++;
  char *f = cadre_fold(a, s);
  if (!f)
    return false;
  if (strncmp(f, "cac ", 4) == 0)
    return true; /* "các vụ địa bàn", even in lower case */
  if (!starts_upper(s))
    return false;
  for (size_t i = 0; i < sizeof unit_words / sizeof unit_words[0]; i++)
    if (strncmp(f, unit_words[i], strlen(unit_words[i])) == 0)
      return true;
  return false;
}

/* Trimmed copy of [b, e) without trailing punctuation; NULL when empty. */
static const char *piece(cadre_arena *a, const char *b, const char *e) {
  while (b < e && (*b == ' ' || *b == ',' || *b == '.'))
    b++;
  while (e > b && (e[-1] == ' ' || e[-1] == ',' || e[-1] == '.'))
    e--;
  if (e == b)
    return NULL;
  return cadre_tidy(a, cadre_arena_strndup(a, b, (size_t)(e - b)));
}

/* "Các vụ (địa bàn) I, II, III, V" → "Vụ I", "Vụ II", … Returns the count
 * written, 0 when the name is not such a list. */
static size_t expand_numbered(cadre_arena *a, const char *name, const char **out, size_t max) {
  char *f = cadre_fold(a, name);
  if (!f || strncmp(f, "cac vu ", 7) != 0)
    return 0;
  const char *p = f + 7;
  if (strncmp(p, "dia ban ", 8) == 0)
    p += 8;
  const char *list = p;
  /* every token must be a roman numeral, separated by ", " or " va " */
  size_t n = 0;
  while (*p) {
    char tok[8];
    size_t k = 0;
    while (*p && *p != ',' && *p != ' ' && k < sizeof tok - 1)
      tok[k++] = *p++;
    tok[k] = '\0';
    if (k == 0 || tasks_roman_value(tok) == 0)
      return 0;
    n++;
    while (*p == ',' || *p == ' ')
      p++;
    if (strncmp(p, "va ", 3) == 0)
      p += 3;
  }
  if (n == 0 || n > max)
    return 0;
  size_t w = 0;
  p = list;
  while (*p && w < max) {
    char tok[8];
    size_t k = 0;
    while (*p && *p != ',' && *p != ' ' && k < sizeof tok - 1) {
      char ch = *p++;
      tok[k++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
    }
    tok[k] = '\0';
    out[w++] = cadre_arena_printf(a, "Vụ %s", tok);
    while (*p == ',' || *p == ' ')
      p++;
    if (strncmp(p, "va ", 3) == 0)
      p += 3;
  }
  return w;
}

static size_t emit(cadre_arena *a, const char *name, const char **out, size_t n, size_t max) {
  if (!name || n >= max)
    return n;
  size_t k = expand_numbered(a, name, out + n, max - n);
  if (k)
    return n + k;
  out[n++] = name;
  return n;
}

static const char VA[] = " và ";
#define VA_LEN (sizeof VA - 1)

/* Splits one ';'-free segment at commas and "và" that start a new name. */
static size_t split_segment(cadre_arena *a, const char *b, const char *e, const char **out, size_t n,
                            size_t max) {
  const char *start = b;
  for (const char *p = b; p < e; p++) {
    const char *rest = NULL;
    if (*p == ',')
      rest = p + 1;
    else if ((size_t)(e - p) >= VA_LEN && strncmp(p, VA, VA_LEN) == 0)
      rest = p + VA_LEN;
    if (!rest)
      continue;
    const char *r = rest;
    while (r < e && *r == ' ')
      r++;
    char *tail = cadre_arena_strndup(a, r, (size_t)(e - r));
    if (tail && starts_unit(a, tail)) {
      n = emit(a, piece(a, start, p), out, n, max);
      start = r;
      p = r - 1;
    }
  }
  return emit(a, piece(a, start, e), out, n, max);
}

size_t tasks_split_units(cadre_arena *a, const char *text, const char **out, size_t max) {
  if (!text)
    return 0;
  size_t n = 0;
  const char *seg = text;
  for (const char *p = text;; p++) {
    if (*p == ';' || *p == '\n' || *p == '\0') {
      n = split_segment(a, seg, p, out, n, max);
      if (*p == '\0')
        break;
      seg = p + 1;
    }
  }
  return n;
}

char *tasks_unit_key(cadre_arena *a, const char *name) {
  char *f = cadre_fold(a, name ? name : "");
  if (!f)
    return NULL;
  char *o = f;
  for (const char *p = f; *p; p++)
    if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
      *o++ = *p;
  *o = '\0';
  return f;
}

bool tasks_unit_is_internal(const char *name) {
  static const char *const internal[] = {"vu ", "cuc ", "van phong ban", "cac vu", "cac cuc"};
  cadre_arena *a = cadre_arena_new(256);
  if (!a)
    return false;
  char *f = cadre_fold(a, name ? name : "");
  bool yes = false;
  for (size_t i = 0; f && i < sizeof internal / sizeof internal[0]; i++)
    if (strncmp(f, internal[i], strlen(internal[i])) == 0)
      yes = true;
  cadre_arena_free(a);
  return yes;
}
