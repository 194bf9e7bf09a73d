/*
 * The deadline grammar: "Thời gian thực hiện" as officials write it.
 *
 *   deadline  := fixed [ joiner ongoing ] [ note ] | ongoing [ note ] | yearly
 *   fixed     := [ "trước" | "chậm nhất" | "hạn" ] ( month | quarter | year | range | day )
 *   month     := "tháng" M sep YYYY             → last day of the month
 *   quarter   := "quý" (I–IV | 1–4) sep YYYY    → last day of the quarter
 *   half      := ("6" | "sáu") "tháng" ("đầu" | "cuối") "năm" YYYY → 30/06 | 31/12
 *   year      := "năm" YYYY | YYYY              → 31/12
 *   range     := [ "giai đoạn" ] YYYY "-" YYYY  → 31/12 of the second year
 *   day       := [ "ngày" ] D "/" M "/" YYYY
 *   sep       := "/" | "-" | "." | "năm"
 *   joiner    := "và" | "," | ";"
 *   ongoing   := [ "thực hiện" ] "thường xuyên"
 *   yearly    := … D "/" M ( "hằng năm" | "hàng năm" ) …   (anywhere in the text)
 *   note      := "(" … ")"
 *
 * Matching is done on the folded text (lower case, no diacritics), so
 * "QUÝ I/2026", "quy i/2026" and "Quý I/2026" are the same. A text that
 * has a known shape but an impossible value ("Tháng 13/2026", "Quý V/2026",
 * "31/02/2026", "2030-2026") is INVALID, with a message; anything else
 * not understood is UNPARSED, kept for an official to set by hand.
 */
#include "tasks.h"

#include <stdio.h>
#include <string.h>

typedef struct cursor {
  const char *p;
} cursor;

static void skip_ws(cursor *c) {
  while (*c->p == ' ')
    c->p++;
}

/* Matches a lower-case word (or phrase) followed by a non-letter. */
static bool word(cursor *c, const char *w) {
  cursor save = *c;
  skip_ws(c);
  size_t n = strlen(w);
  if (strncmp(c->p, w, n) == 0) {
    char next = c->p[n];
    if (!(next >= 'a' && next <= 'z')) {
      c->p += n;
      return true;
    }
  }
  *c = save;
  return false;
}

/* Reads 1..max digits; returns how many (0: none, and nothing consumed). */
static int digits(cursor *c, int max, int *out) {
  int n = 0, v = 0;
  while (c->p[n] >= '0' && c->p[n] <= '9') {
    if (n == max)
      return 0; /* too many digits: not this form */
    v = v * 10 + (c->p[n] - '0');
    n++;
  }
  if (n)
    c->p += n;
  *out = v;
  return n;
}

/* A 4-digit year. */
static bool year4(cursor *c, int *y) {
  cursor save = *c;
  skip_ws(c);
  if (digits(c, 4, y) == 4)
    return true;
  *c = save;
  return false;
}

/* "/" "-" "." or "năm" between a month/quarter and its year. */
static bool year_sep(cursor *c) {
  cursor save = *c;
  skip_ws(c);
  if (*c->p == '/' || *c->p == '-' || *c->p == '.') {
    c->p++;
    return true;
  }
  if (word(c, "nam"))
    return true;
  *c = save;
  return false;
}

static bool at_end(cursor *c) {
  skip_ws(c);
  return *c->p == '\0';
}

static int roman_or_digit(cursor *c) {
  skip_ws(c);
  int v;
  cursor save = *c;
  if (digits(c, 2, &v))
    return v;
  *c = save;
  char buf[8];
  size_t n = 0;
  while (n < sizeof buf - 1 && c->p[n] && strchr("ivxlc", c->p[n]))
    buf[n] = c->p[n], n++;
  if (n == 0 || (c->p[n] >= 'a' && c->p[n] <= 'z'))
    return -1;
  buf[n] = '\0';
  c->p += n;
  return tasks_roman_value(buf);
}

static bool year_ok(int y) { return y >= 2000 && y <= 2100; }

/* Marks the deadline invalid; the caller writes the message into d->error. */
static void invalid(tasks_deadline *d) {
  d->kind = TASKS_DL_INVALID;
  d->has_due = false;
}

/* A year outside 2000–2100 is a typo, not a plan. */
static bool check_year(tasks_deadline *d, int y) {
  if (year_ok(y))
    return true;
  invalid(d);
  snprintf(d->error, sizeof d->error, "Năm %d nằm ngoài khoảng 2000–2100", y);
  return false;
}

/* 1 matched, 0 not this form (nothing consumed), -1 invalid (d says why). */
static int parse_month(cursor *c, tasks_deadline *d) {
  cursor save = *c;
  int m, y;
  /* "Tháng 4/2026", "tháng 4 năm 2026", or a bare "4/2026" */
  bool named = word(c, "thang");
  skip_ws(c);
  if (!digits(c, 2, &m)) {
    *c = save;
    return 0;
  }
  if (named ? !year_sep(c) : *c->p != '/') {
    *c = save;
    return 0;
  }
  if (!named)
    c->p++;
  if (!year4(c, &y) || (*c->p >= '0' && *c->p <= '9') || *c->p == '/') {
    *c = save;
    return 0;
  }
  if (!check_year(d, y))
    return -1;
  if (m < 1 || m > 12) {
    invalid(d);
    snprintf(d->error, sizeof d->error, "Tháng %d/%d không tồn tại (tháng chỉ từ 1 đến 12)", m, y);
    return -1;
  }
  d->kind = TASKS_DL_MONTH;
  d->start = (cadre_date){y, m, 1};
  d->due = cadre_month_end(y, m);
  d->has_due = true;
  return 1;
}

static int parse_quarter(cursor *c, tasks_deadline *d) {
  cursor save = *c;
  int y;
  if (!word(c, "quy"))
    return 0;
  skip_ws(c);
  const char *token = c->p;
  int q = roman_or_digit(c);
  int token_len = (int)(c->p - token);
  if (q < 0 || !year_sep(c) || !year4(c, &y)) {
    *c = save;
    return 0;
  }
  if (!check_year(d, y))
    return -1;
  if (q < 1 || q > 4) {
    char shown[8] = "";
    for (int i = 0; i < token_len && i < 7; i++)
      shown[i] = (char)(token[i] >= 'a' && token[i] <= 'z' ? token[i] - 32 : token[i]);
    invalid(d);
    snprintf(d->error, sizeof d->error, "Quý %s/%d không tồn tại (quý chỉ từ I đến IV)", shown, y);
    return -1;
  }
  d->kind = TASKS_DL_QUARTER;
  d->start = (cadre_date){y, (q - 1) * 3 + 1, 1};
  d->due = cadre_quarter_end(y, q);
  d->has_due = true;
  return 1;
}

/* YYYY, "năm YYYY", YYYY-YYYY, "giai đoạn YYYY-YYYY", "năm YYYY-YYYY". */
static int parse_year_or_range(cursor *c, tasks_deadline *d) {
  cursor save = *c;
  bool named = word(c, "giai doan") || word(c, "nam");
  int y1, y2;
  if (!year4(c, &y1)) {
    *c = save;
    return 0;
  }
  /* a day form "2026/…" is not ours */
  if (*c->p == '/') {
    *c = save;
    return 0;
  }
  cursor mid = *c;
  skip_ws(c);
  if (*c->p == '-') {
    c->p++;
    if (year4(c, &y2)) {
      if (!check_year(d, y1) || !check_year(d, y2))
        return -1;
      if (y2 < y1) {
        invalid(d);
        snprintf(d->error, sizeof d->error, "Khoảng năm %d-%d không hợp lệ (năm kết thúc trước năm bắt đầu)",
                 y1, y2);
        return -1;
      }
      d->kind = TASKS_DL_RANGE;
      d->start = (cadre_date){y1, 1, 1};
      d->due = (cadre_date){y2, 12, 31};
      d->has_due = true;
      return 1;
    }
  }
  *c = mid;
  (void)named;
  if (!check_year(d, y1))
    return -1;
  d->kind = TASKS_DL_YEAR;
  d->start = (cadre_date){y1, 1, 1};
  d->due = (cadre_date){y1, 12, 31};
  d->has_due = true;
  return 1;
}

static int parse_day(cursor *c, tasks_deadline *d) {
  cursor save = *c;
  (void)word(c, "ngay");
  skip_ws(c);
  int dd, mm, yy;
  if (!digits(c, 2, &dd) || *c->p != '/') {
    *c = save;
    return 0;
  }
  c->p++;
  if (!digits(c, 2, &mm) || *c->p != '/') {
    *c = save;
    return 0;
  }
  c->p++;
  if (digits(c, 4, &yy) != 4) {
    *c = save;
    return 0;
  }
  if (!check_year(d, yy))
    return -1;
  if (!cadre_date_valid(yy, mm, dd)) {
    invalid(d);
    snprintf(d->error, sizeof d->error, "Ngày %02d/%02d/%d không tồn tại", dd, mm, yy);
    return -1;
  }
  d->kind = TASKS_DL_DAY;
  d->start = d->due = (cadre_date){yy, mm, dd};
  d->has_due = true;
  return 1;
}

/* "6 tháng đầu năm 2026" (first half) / "sáu tháng cuối năm 2026" (second). */
static int parse_half(cursor *c, tasks_deadline *d) {
  cursor save = *c;
  skip_ws(c);
  bool six = word(c, "sau");
  if (!six && c->p[0] == '6' && !(c->p[1] >= '0' && c->p[1] <= '9')) {
    c->p++;
    six = true;
  }
  bool first = false;
  int y;
  if (!six || !word(c, "thang") || !((first = word(c, "dau")) || word(c, "cuoi")) || !word(c, "nam") ||
      !year4(c, &y)) {
    *c = save;
    return 0;
  }
  if (!check_year(d, y))
    return -1;
  d->kind = TASKS_DL_HALF;
  d->start = (cadre_date){y, first ? 1 : 7, 1};
  d->due = cadre_month_end(y, first ? 6 : 12);
  d->has_due = true;
  return 1;
}

static int parse_fixed(cursor *c, tasks_deadline *d) {
  /* words that only say "by": "trước", "chậm nhất", "hạn", "hoàn thành" */
  (void)(word(c, "truoc") || word(c, "cham nhat") || word(c, "han") || word(c, "hoan thanh"));
  (void)word(c, "trong");
  int r;
  if ((r = parse_half(c, d)) != 0)
    return r;
  if ((r = parse_month(c, d)) != 0)
    return r;
  if ((r = parse_quarter(c, d)) != 0)
    return r;
  if ((r = parse_day(c, d)) != 0)
    return r;
  return parse_year_or_range(c, d);
}

static bool parse_ongoing(cursor *c) {
  cursor save = *c;
  (void)word(c, "thuc hien");
  (void)word(c, "lien tuc");
  if (word(c, "thuong xuyen"))
    return true;
  *c = save;
  return false;
}

/* A trailing note in parentheses ("(dự kiến)") does not change the date. */
static bool note_then_end(cursor *c) {
  skip_ws(c);
  if (*c->p == '(') {
    const char *close = strchr(c->p, ')');
    if (close)
      c->p = close + 1;
  }
  return at_end(c);
}

/* "… 03/02 hằng năm" anywhere: yearly on that day. 1 / 0 / -1. */
static int parse_yearly(const char *s, tasks_deadline *d) {
  for (const char *p = s; *p; p++) {
    if (!(*p >= '0' && *p <= '9') || (p > s && p[-1] >= '0' && p[-1] <= '9'))
      continue;
    cursor c = {p};
    int dd, mm;
    if (!digits(&c, 2, &dd) || *c.p != '/')
      continue;
    c.p++;
    if (!digits(&c, 2, &mm) || *c.p == '/' || (*c.p >= '0' && *c.p <= '9'))
      continue;
    if (!word(&c, "hang nam"))
      continue;
    /* 29/02 is a real anniversary; in other years it falls on 28/02. */
    if (!cadre_date_valid(2000, mm, dd)) {
      invalid(d);
      snprintf(d->error, sizeof d->error, "Ngày %02d/%02d hằng năm không tồn tại", dd, mm);
      return -1;
    }
    d->kind = TASKS_DL_YEARLY;
    d->month = mm;
    d->day = dd;
    d->has_due = false;
    return 1;
  }
  return 0;
}

/* Folded text with dashes unified and trailing punctuation dropped. */
static char *normalise(cadre_arena *a, const char *text) {
  char *f = cadre_fold(a, text ? text : "");
  if (!f)
    return NULL;
  char *o = f;
  for (const char *p = f; *p;) {
    /* en dash, em dash, minus sign → '-' */
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
      *o++ = '-';
      p += 3;
    } else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) {
      *o++ = '-';
      p += 3;
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  while (o > f && (o[-1] == '.' || o[-1] == ';' || o[-1] == ',' || o[-1] == ' '))
    *--o = '\0';
  return f;
}

void tasks_deadline_parse(cadre_arena *a, const char *text, tasks_deadline *out) {
  memset(out, 0, sizeof *out);
  out->kind = TASKS_DL_UNPARSED;
  char *s = normalise(a, text);
  if (!s || !*s)
    return;

  int r = parse_yearly(s, out);
  if (r != 0)
    return;

  cursor c = {s};
  if (parse_ongoing(&c)) {
    if (note_then_end(&c)) {
      out->kind = TASKS_DL_ONGOING;
      out->ongoing = true;
    }
    return;
  }

  tasks_deadline fixed = *out;
  r = parse_fixed(&c, &fixed);
  if (r < 0) {
    *out = fixed;
    return;
  }
  if (r == 0)
    return;
  if (note_then_end(&c)) {
    *out = fixed;
    return;
  }
  /* "<fixed> và thực hiện thường xuyên" */
  skip_ws(&c);
  if (*c.p == ',' || *c.p == ';' || *c.p == '-')
    c.p++;
  (void)word(&c, "va");
  if (parse_ongoing(&c) && note_then_end(&c)) {
    *out = fixed;
    out->ongoing = true;
  }
  /* anything else after a date: not understood as a whole */
}

static const struct {
  enum tasks_dl_kind kind;
  const char *code, *label;
} kinds[] = {
    {TASKS_DL_UNPARSED, "unparsed", "Chưa xác định được hạn"},
    {TASKS_DL_DAY, "day", "Theo ngày"},
    {TASKS_DL_MONTH, "month", "Theo tháng"},
    {TASKS_DL_QUARTER, "quarter", "Theo quý"},
    {TASKS_DL_HALF, "half", "Theo sáu tháng"},
    {TASKS_DL_YEAR, "year", "Theo năm"},
    {TASKS_DL_RANGE, "range", "Theo giai đoạn"},
    {TASKS_DL_ONGOING, "ongoing", "Thường xuyên"},
    {TASKS_DL_YEARLY, "yearly", "Hằng năm"},
    {TASKS_DL_MANUAL, "manual", "Đặt bằng tay"},
    {TASKS_DL_INVALID, "invalid", "Thời hạn không hợp lệ"},
};

const char *tasks_dl_kind_code(enum tasks_dl_kind kind) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i].kind == kind)
      return kinds[i].code;
  return "unparsed";
}

const char *tasks_dl_kind_label(enum tasks_dl_kind kind) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i].kind == kind)
      return kinds[i].label;
  return kinds[0].label;
}

enum tasks_dl_kind tasks_dl_kind_from_code(const char *code) {
  for (size_t i = 0; code && i < sizeof kinds / sizeof kinds[0]; i++)
    if (strcmp(kinds[i].code, code) == 0)
      return kinds[i].kind;
  return TASKS_DL_UNPARSED;
}
