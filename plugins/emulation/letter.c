/*
 * Reading the Academy's yearly letter on the emulation movement (seed 004,
 * công văn 3552-CV/HVCTQG of 20/02/2023) into a campaign year: number, date,
 * theme, content, targets and the calendar of submissions.
 *
 * The letter is prose, one paragraph per line, with ** for bold. Each line is
 * matched on its accent-folded form ("truoc ngay 05/3/2023"), so NFC and NFD
 * text, bold marks and odd spacing all read the same. The rules are keyed to
 * the wording the Academy uses every year; what they do not find is left
 * unset and reported, never guessed.
 */
#include "rules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bits of em_letter.targets_found, one per threshold. */
enum {
  T_LDTT = 1u << 0,
  T_CSTD_MIN = 1u << 1,
  T_CSTD_MAX = 1u << 2,
  T_UNITS = 1u << 3,
  T_COMMENDED = 1u << 4,
  T_PARTY_GOOD = 1u << 5,
  T_PARTY_EXC = 1u << 6,
  T_PROF = 1u << 7,
  T_DEPT = 1u << 8,
};

/* A line of the letter: as written (bold marks removed) and folded. */
struct line {
  const char *raw;
  const char *fold;
  long no;
};

static char *unstar(cadre_arena *a, const char *s, size_t n) {
  char *out = cadre_arena_alloc(a, n + 1);
  size_t j = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != '*' && s[i] != '\r')
      out[j++] = s[i];
  out[j] = '\0';
  return out;
}

static bool has(const struct line *l, const char *needle) { return strstr(l->fold, needle) != NULL; }

static bool starts(const struct line *l, const char *prefix) {
  return strncmp(l->fold, prefix, strlen(prefix)) == 0;
}

/* A section heading: "1.1. …", "4. …", "5.2. …", "ii. …". */
static bool is_heading(const struct line *l) {
  const char *p = l->fold;
  if (isdigit((unsigned char)*p)) {
    while (isdigit((unsigned char)*p) || *p == '.')
      p++;
    return p > l->fold && p[-1] == '.' && *p == ' ';
  }
  static const char *const roman[] = {"i. ", "ii. ", "iii. ", "iv. ", "v. "};
  for (size_t i = 0; i < sizeof roman / sizeof roman[0]; i++)
    if (strncmp(p, roman[i], strlen(roman[i])) == 0)
      return true;
  return false;
}

/* ---- numbers ------------------------------------------------------------ */

/* Percent values in order of appearance; "10-15%" and "10 – 15%" give both. */
static int percents(const char *s, int *out, int max) {
  int n = 0;
  const char *p = s;
  while (*p && n < max) {
    if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1]))) {
      p++;
      continue;
    }
    char *end;
    long v = strtol(p, &end, 10);
    const char *q = end;
    while (*q == ' ')
      q++;
    if (*q == '%') {
      out[n++] = (int)v;
      p = q + 1;
      continue;
    }
    /* a range: "-" or an en dash (E2 80 93) then the upper bound and % */
    const char *r = NULL;
    if (*q == '-')
      r = q + 1;
    else if ((unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 && (unsigned char)q[2] == 0x93)
      r = q + 3;
    if (r) {
      while (*r == ' ')
        r++;
      char *end2;
      long hi = strtol(r, &end2, 10);
      const char *t = end2;
      while (*t == ' ')
        t++;
      if (end2 > r && *t == '%' && n + 2 <= max) {
        out[n++] = (int)v;
        out[n++] = (int)hi;
        p = t + 1;
        continue;
      }
    }
    p = end;
  }
  return n;
}

/* The number right after the first `key` that has one ("it nhat 01" → 1),
 * or -1. */
static int number_after(const char *s, const char *key) {
  for (const char *p = strstr(s, key); p; p = strstr(p, key)) {
    p += strlen(key);
    while (*p == ' ')
      p++;
    if (isdigit((unsigned char)*p))
      return (int)strtol(p, NULL, 10);
  }
  return -1;
}

/* "dd/mm/yyyy" starting at p (d and m may have one digit). */
static bool date_at(const char *p, int *y, int *m, int *d) {
  int dd, mm, yy, used = 0;
  if (sscanf(p, "%2d/%2d/%4d%n", &dd, &mm, &yy, &used) != 3 || used < 8)
    return false;
  if (!cadre_date_valid(yy, mm, dd))
    return false;
  *y = yy;
  *m = mm;
  *d = dd;
  return true;
}

/* The first date after the word "truoc" (before), as deadlines are worded. */
static bool deadline_in(const char *fold, int *y, int *m, int *d) {
  const char *p = strstr(fold, "truoc");
  if (!p)
    return false;
  for (; *p; p++)
    if (isdigit((unsigned char)*p) && (p == fold || !isdigit((unsigned char)p[-1])) && date_at(p, y, m, d))
      return true;
  return false;
}

/* ---- the parts of the letter ------------------------------------------------ */

static void read_number(cadre_arena *a, const struct line *l, struct em_letter *out) {
  if (out->number || !starts(l, "so ") || !strstr(l->fold, "cv/"))
    return;
  /* "Số 3552 -CV/HVCTQG" → "3552-CV/HVCTQG": the raw text minus the word. */
  const char *p = l->raw;
  while (*p && *p != ' ')
    p++;
  cadre_buf b;
  cadre_buf_init(&b, a);
  for (; *p; p++)
    if (*p != ' ')
      cadre_buf_putc(&b, *p);
  out->number = b.data;
}

static void read_date(const struct line *l, struct em_letter *out) {
  if (out->date_y)
    return;
  const char *p = strstr(l->fold, "ngay ");
  int d, m, y;
  if (p && sscanf(p, "ngay %d thang %d nam %d", &d, &m, &y) == 3 && cadre_date_valid(y, m, d)) {
    out->date_y = y;
    out->date_m = m;
    out->date_d = d;
  }
}

/* The text between the first “ and ” after `from` in the raw line. */
static const char *quoted(cadre_arena *a, const char *raw) {
  const char *open = strstr(raw, "là “");
  open = open ? strstr(open, "“") : strstr(raw, "“");
  if (!open)
    return NULL;
  open += strlen("“");
  const char *close = strstr(open, "”");
  if (!close)
    return NULL;
  return cadre_tidy(a, cadre_arena_strndup(a, open, (size_t)(close - open)));
}

static void read_theme(cadre_arena *a, const struct line *l, struct em_letter *out) {
  if (out->theme)
    return;
  int year = number_after(l->fold, "chu de phong trao thi dua nam");
  if (year < 2000 || year > 2100)
    return;
  out->year = year;
  out->theme = quoted(a, l->raw);
}

static void read_target(const struct line *l, struct em_letter *out) {
  struct em_thresholds *t = &out->targets;
  int pct[4];
  int n = percents(l->fold, pct, 4);
  if (has(l, "chien si thi dua co so")) {
    if (n >= 2) {
      t->cstd_min_pct = pct[0];
      t->cstd_max_pct = pct[1];
      out->targets_found |= T_CSTD_MIN | T_CSTD_MAX;
    }
  } else if (has(l, "tap the lao dong xuat sac")) {
    int count = number_after(l->fold, "it nhat");
    if (count >= 0) {
      t->units_ldxs_min = count;
      out->targets_found |= T_UNITS;
    }
  } else if (has(l, "lao dong tien tien") && has(l, "ca nhan")) {
    if (n >= 1) {
      t->ldtt_min_pct = pct[0];
      out->targets_found |= T_LDTT;
    }
  } else if (has(l, "khen thuong")) {
    if (n >= 1) {
      t->commended_min_pct = pct[0];
      out->targets_found |= T_COMMENDED;
    }
  } else if (has(l, "to chuc dang")) {
    if (n >= 1) {
      t->party_good_min_pct = pct[0];
      out->targets_found |= T_PARTY_GOOD;
    }
    if (n >= 2 && has(l, "xuat sac")) {
      t->party_excellent_min_pct = pct[1];
      out->targets_found |= T_PARTY_EXC;
    }
    int over = number_after(l->fold, "tren");
    if (over >= 0 && has(l, "chuyen mon")) {
      t->prof_good_over_pct = over;
      out->targets_found |= T_PROF;
    }
  } else if (has(l, "khoa, phong") && has(l, "huong ung")) {
    if (n >= 1) {
      t->dept_min_pct = pct[0];
      out->targets_found |= T_DEPT;
    }
  }
}

/* Which deadline a line states, by the words around its date. */
static const struct {
  const char *kind;
  const char *words;
  const char *heading; /* words the current heading must have, or NULL */
} date_rules[] = {
    {"plan", "mau so 01", NULL},
    {"cluster_plan", "mau so 02", NULL},
    {"officers", "mau so 03", NULL},
    {"midyear_conference", "thoi gian hoan thanh", "so ket"},
    {"midyear_report", "bao cao so ket", NULL},
    {"school_report", "gui ho so ve hoc vien", NULL},
    {"score_sheet", "gui ho so ve hoc vien", NULL},
    {"conference_plan", "giay moi hoi nghi tong ket", NULL},
    {"cluster_dossier", "de nghi khen thuong cua cum", NULL},
};

static void read_deadlines(const struct line *l, const char *heading, struct em_letter *out) {
  int y, m, d;
  if (!deadline_in(l->fold, &y, &m, &d))
    return;
  for (size_t i = 0; i < sizeof date_rules / sizeof date_rules[0]; i++) {
    if (!has(l, date_rules[i].words))
      continue;
    if (date_rules[i].heading && (!heading || !strstr(heading, date_rules[i].heading)))
      continue;
    if (em_letter_date_of(out, date_rules[i].kind))
      continue; /* the first statement of a deadline wins */
    struct em_letter_date *slot = &out->dates[out->dates_found++];
    slot->kind = date_rules[i].kind;
    slot->y = y;
    slot->m = m;
    slot->d = d;
    slot->line = l->no;
  }
}

/* Form codes ("01", "5.1") in order of first mention. */
struct forms {
  char codes[16][8];
  int n;
};

static void read_forms(const struct line *l, struct forms *f) {
  const char *p = l->fold;
  while ((p = strstr(p, "mau so ")) != NULL) {
    p += strlen("mau so ");
    char code[8];
    size_t n = 0;
    while ((isdigit((unsigned char)p[n]) || p[n] == '.') && n < sizeof code - 1) {
      code[n] = p[n];
      n++;
    }
    while (n > 0 && code[n - 1] == '.')
      n--;
    code[n] = '\0';
    if (n == 0)
      continue;
    bool seen = false;
    for (int i = 0; i < f->n; i++)
      seen = seen || strcmp(f->codes[i], code) == 0;
    if (!seen && f->n < 16)
      memcpy(f->codes[f->n++], code, n + 1);
  }
}

static void read_achievement_reports(const struct line *l, struct em_letter *out) {
  const char *p = strstr(l->fold, " ban bao cao thanh tich");
  if (!p || out->achievement_reports)
    return;
  const char *q = p;
  while (q > l->fold && isdigit((unsigned char)q[-1]))
    q--;
  if (q < p)
    out->achievement_reports = (int)strtol(q, NULL, 10);
}

/* ---- the walk ------------------------------------------------------------ */

enum section { SEC_NONE, SEC_CONTENT, SEC_TARGETS };

bool em_letter_parse(cadre_arena *a, const char *text, struct em_letter *out) {
  memset(out, 0, sizeof *out);
  out->targets = em_thresholds_2023;
  struct forms forms = {.n = 0};
  cadre_buf content;
  cadre_buf_init(&content, a);
  enum section sec = SEC_NONE;
  const char *heading = NULL;
  long no = 0;
  for (const char *p = text; *p;) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    struct line l = {.raw = unstar(a, p, n), .no = ++no};
    l.fold = cadre_fold(a, l.raw);
    p += n + (eol ? 1 : 0);
    if (!l.fold || !*l.fold)
      continue;
    if (is_heading(&l)) {
      heading = l.fold;
      sec = starts(&l, "1.1.") && has(&l, "noi dung")   ? SEC_CONTENT
            : starts(&l, "1.2.") && has(&l, "chi tieu") ? SEC_TARGETS
                                                        : SEC_NONE;
    }
    read_number(a, &l, out);
    read_date(&l, out);
    read_theme(a, &l, out);
    read_deadlines(&l, heading, out);
    read_forms(&l, &forms);
    read_achievement_reports(&l, out);
    if (l.raw[0] == '-' && sec == SEC_CONTENT) {
      if (content.len)
        cadre_buf_putc(&content, '\n');
      cadre_buf_puts(&content, cadre_tidy(a, l.raw + 1));
      out->content_items++;
    } else if (l.raw[0] == '-' && sec == SEC_TARGETS) {
      read_target(&l, out);
    }
  }
  out->content = out->content_items ? content.data : NULL;
  for (unsigned bits = out->targets_found; bits; bits &= bits - 1)
    out->targets_found_count++;
  if (!out->year && out->date_y)
    out->year = out->date_y;
  cadre_buf list;
  cadre_buf_init(&list, a);
  for (int i = 0; i < forms.n; i++)
    cadre_buf_printf(&list, "%s%s", i ? ", " : "", forms.codes[i]);
  out->forms = list.data;
  out->forms_count = forms.n;
  return out->year != 0;
}

const struct em_letter_date *em_letter_date_of(const struct em_letter *l, const char *kind) {
  for (int i = 0; i < l->dates_found; i++)
    if (strcmp(l->dates[i].kind, kind) == 0)
      return &l->dates[i];
  return NULL;
}
