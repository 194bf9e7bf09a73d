/*
 * What the plan's own text declares, before its appendices: the title and
 * year, the issuing body, the number of learners (in all, full-time and
 * part-time), the classes and learners of each appendix ("15 lớp/1.046 học
 * viên (lớp hệ tập trung 5 lớp/250 học viên, …)"), the class caps ("không quá
 * 50 học viên/lớp") and the full-time ratio ("tối thiểu là 1/3").
 *
 * Nothing here is hard-coded from a particular plan: every figure is read
 * from the text, so the import report can hold the tables against what the
 * plan itself says. Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llct.h"

void llct_declared_clear(llct_declared *d) {
  d->classes = d->learners = LLCT_NONE;
  d->ft_classes = d->ft_learners = LLCT_NONE;
  d->pt_classes = d->pt_learners = LLCT_NONE;
}

/* The folded text since the last delimiter before `pos`: the words that say
 * what a figure counts ("lớp hệ không tập trung 10 lớp" → "lop he khong tap
 * trung"). */
static const char *segment_before(cadre_arena *a, const char *s, size_t pos) {
  size_t b = pos;
  while (b > 0 && !strchr("(),;:\n", s[b - 1]))
    b--;
  return cadre_arena_strndup(a, s + b, pos - b);
}

typedef enum { FIG_TOTAL, FIG_FT, FIG_PT } figure_kind;

static figure_kind kind_of(const char *segment) {
  if (strstr(segment, "khong tap trung"))
    return FIG_PT;
  if (strstr(segment, "tap trung"))
    return FIG_FT;
  return FIG_TOTAL;
}

static bool starts_number(const char *s, size_t i) {
  return isdigit((unsigned char)s[i]) && (i == 0 || (!isdigit((unsigned char)s[i - 1]) && s[i - 1] != '.' &&
                                                     s[i - 1] != ',' && s[i - 1] != '/'));
}

/* Reads "N lớp/M học viên" at s+i; on success sets *classes, *learners and
 * *end. */
static bool read_classes_learners(const char *s, size_t i, long *classes, long *learners, size_t *end) {
  const char *p = s + i;
  if (!llct_read_count(&p, classes))
    return false;
  if (strncmp(p, " lop", 4) != 0)
    return false;
  p += 4;
  while (*p == ' ')
    p++;
  if (*p != '/')
    return false;
  p++;
  while (*p == ' ')
    p++;
  if (!llct_read_count(&p, learners))
    return false;
  if (strncmp(p, " hoc vien", 9) != 0)
    return false;
  *end = (size_t)(p - s) + 9;
  return true;
}

static bool read_learners(const char *s, size_t i, long *learners, size_t *end) {
  const char *p = s + i;
  if (!llct_read_count(&p, learners))
    return false;
  if (strncmp(p, " hoc vien", 9) != 0)
    return false;
  *end = (size_t)(p - s) + 9;
  return true;
}

/* The "Số lượng" section: overall learners, then one bullet per appendix. */
static void read_quantities(cadre_arena *a, const char *s, size_t from, size_t to, llct_pplan *out) {
  int bullet = -1; /* index of the appendix the current bullet describes */
  for (size_t i = from; i < to; i++) {
    if (!starts_number(s, i))
      continue;
    long classes, learners;
    size_t end;
    const char *seg = segment_before(a, s, i);
    figure_kind kind = seg ? kind_of(seg) : FIG_TOTAL;
    if (read_classes_learners(s, i, &classes, &learners, &end)) {
      if (kind == FIG_TOTAL) {
        if (++bullet >= LLCT_MAX_APPENDIX)
          return;
        out->app[bullet].declared.classes = classes;
        out->app[bullet].declared.learners = learners;
      } else if (bullet >= 0) {
        llct_declared *d = &out->app[bullet].declared;
        if (kind == FIG_FT) {
          d->ft_classes = classes;
          d->ft_learners = learners;
        } else {
          d->pt_classes = classes;
          d->pt_learners = learners;
        }
      }
      i = end - 1;
    } else if (bullet < 0 && read_learners(s, i, &learners, &end)) {
      /* before the first bullet: the plan's overall figures */
      if (kind == FIG_FT && out->target_ft == LLCT_NONE)
        out->target_ft = learners;
      else if (kind == FIG_PT && out->target_pt == LLCT_NONE)
        out->target_pt = learners;
      else if (kind == FIG_TOTAL && out->target_total == LLCT_NONE)
        out->target_total = learners;
      i = end - 1;
    }
  }
}

/* "không quá 50 học viên" under "tập trung" / "không tập trung". */
static void read_caps(cadre_arena *a, const char *s, llct_pplan *out) {
  static const char phrase[] = "khong qua ";
  for (const char *q = strstr(s, phrase); q; q = strstr(q + 1, phrase)) {
    size_t i = (size_t)(q - s) + strlen(phrase);
    long n;
    size_t end;
    if (!read_learners(s, i, &n, &end) || n <= 0 || n > 1000)
      continue;
    const char *seg = segment_before(a, s, (size_t)(q - s));
    figure_kind kind = seg ? kind_of(seg) : FIG_TOTAL;
    if (kind == FIG_FT) {
      out->cap_ft = (int)n;
      out->caps_from_text = true;
    } else if (kind == FIG_PT) {
      out->cap_pt = (int)n;
      out->caps_from_text = true;
    }
  }
}

/* "tỷ lệ lớp hệ tập trung trên số lớp hệ không tập trung tối thiểu là 1/3" */
static void read_ratio(const char *s, llct_pplan *out) {
  const char *q = strstr(s, "toi thieu la ");
  if (!q)
    return;
  const char *p = q + strlen("toi thieu la ");
  int num, den, used = 0;
  if (sscanf(p, "%d/%d%n", &num, &den, &used) == 2 && used > 0 && num > 0 && den > 0 && num <= den) {
    out->ratio_num = num;
    out->ratio_den = den;
    out->ratio_from_text = true;
  }
}

/* The workflow's limits as the text of each step states them: the number of
 * days after a phrase only that rule uses ("trước khi xét tuyển 15 ngày"),
 * optionally followed by words that must come next ("sau khi xét tuyển"). */
static bool days_after(const char *s, const char *phrase, const char *then, int *out) {
  for (const char *q = strstr(s, phrase); q; q = strstr(q + 1, phrase)) {
    int n, used = 0;
    const char *p = q + strlen(phrase);
    if (sscanf(p, "%d ngay%n", &n, &used) != 1 || used == 0 || n <= 0 || n >= 1000)
      continue;
    if (then && strncmp(p + used, then, strlen(then)) != 0)
      continue;
    *out = n;
    return true;
  }
  return false;
}

static void read_step_rules(const char *s, llct_pplan *out) {
  llct_step_rules *r = &out->rules;
  int n = 0;
  n += days_after(s, "truoc khi khai giang khong qua ", NULL, &r->announce_max_days);
  n += days_after(s, "truoc khi xet tuyen ", NULL, &r->dossier_min_days);
  n += days_after(s, "trong thoi gian khong qua ", NULL, &r->review_max_days);
  n += days_after(s, "trong thoi gian ", " sau khi xet tuyen", &r->report_max_days);
  n += days_after(s, "truoc thoi diem nhap hoc ", NULL, &r->notice_min_days);
  n += days_after(s, "nhap hoc cham khong qua ", NULL, &r->late_max_days);
  out->rules_from_text = n;
}

/* The title line after the "KẾ HOẠCH" heading, the year in it, and the
 * issuing body ("…, Ban Thường vụ Thành ủy Hà Nội ban hành Kế hoạch …"). */
static void read_heading(cadre_arena *a, const char *text, size_t len, llct_pplan *out) {
  const char *p = text, *end = text + len;
  bool after_heading = false;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    char *line = cadre_arena_strndup(a, p, (size_t)(le - p));
    char *plain = line ? cadre_tidy(a, llct_strip_marks(a, line)) : NULL;
    const char *f = plain ? cadre_fold(a, plain) : NULL;
    if (f && *f) {
      if (!out->title && after_heading) {
        out->title = plain;
        const char *y = strstr(f, "nam ");
        while (y && !(isdigit((unsigned char)y[4]) && isdigit((unsigned char)y[7])))
          y = strstr(y + 1, "nam ");
        if (y && out->year == 0)
          out->year = (int)strtol(y + 4, NULL, 10);
      }
      if (strcmp(f, "ke hoach") == 0)
        after_heading = true;
      const char *issue = strstr(f, " ban hanh ke hoach");
      if (issue && !out->issuer) {
        llct_folded fm;
        if (llct_fold_map(a, plain, strlen(plain), &fm)) {
          long at = llct_folded_find(&fm, " ban hanh ke hoach", 0);
          size_t b = (size_t)at;
          while (b > 0 && fm.s[b - 1] != ',')
            b--;
          out->issuer = llct_folded_cut(a, &fm, plain, b, (size_t)at);
        }
      }
    }
    p = nl ? nl + 1 : end;
  }
}

void llct_parse_plan_text(cadre_arena *a, const char *text, size_t len, llct_pplan *out) {
  read_heading(a, text, len, out);
  char *raw = cadre_arena_strndup(a, text, len);
  char *plain = raw ? llct_strip_marks(a, raw) : NULL;
  llct_folded f;
  if (!plain || !llct_fold_map(a, plain, strlen(plain), &f))
    return;
  /* "1. Số lượng: …" up to the next numbered part; the whole text when the
   * heading is missing */
  long from = llct_folded_find(&f, "so luong", 0);
  if (from < 0)
    from = 0;
  long to = llct_folded_find(&f, "chi tiet tai phu luc", (size_t)from);
  if (to < 0)
    to = llct_folded_find(&f, " 2. ", (size_t)from);
  if (to < 0)
    to = (long)f.len;
  read_quantities(a, f.s, (size_t)from, (size_t)to, out);
  read_caps(a, f.s, out);
  read_ratio(f.s, out);
  read_step_rules(f.s, out);
}
