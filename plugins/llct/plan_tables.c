/*
 * The appendix tables of a plan as a PDF extraction leaves them: one text
 * line per table row with TAB between cells, the header row repeated after
 * every page break, a row with an empty "TT" that continues the line above
 * (a sub-line that fell onto the next page), and a total row at the end.
 * This file gathers each line's raw cells; plan_build.c turns them into
 * classes. Pure.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "llct.h"

enum { MAX_CELLS = 16 };

/* ---- rows and cells -------------------------------------------------------- */

static int split_cells(cadre_arena *a, char *row, char **cells) {
  int n = 0;
  char *p = row;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (tab)
      *tab = '\0';
    if (n == MAX_CELLS)
      return -1;
    char *plain = llct_strip_marks(a, p);
    cells[n++] = plain ? cadre_tidy(a, plain) : NULL;
    if (!cells[n - 1])
      return -1;
    if (!tab)
      break;
    p = tab + 1;
  }
  /* trailing empty cells say nothing */
  while (n > 0 && cells[n - 1][0] == '\0')
    n--;
  return n;
}

static const char *cell_at(char **cells, int n, int col) { return (col >= 0 && col < n) ? cells[col] : ""; }

/* Maps header names to columns. False when a required column is missing. */
static bool map_header(cadre_arena *a, llct_pappendix *ap, char **cells, int n) {
  ap->col_tt = ap->col_code = ap->col_month = ap->col_host = -1;
  ap->col_coord = ap->col_learners = ap->col_location = -1;
  for (int i = 0; i < n; i++) {
    const char *f = cadre_fold(a, cells[i]);
    if (!f)
      continue;
    if (strcmp(f, "tt") == 0 || strcmp(f, "stt") == 0)
      ap->col_tt = i;
    else if (strstr(f, "ky hieu") || strstr(f, "ma lop"))
      ap->col_code = i;
    else if (strncmp(f, "thoi gian", 9) == 0)
      ap->col_month = i;
    else if (strstr(f, "chu tri"))
      ap->col_host = i;
    else if (strstr(f, "phoi hop"))
      ap->col_coord = i;
    else if (strstr(f, "hoc vien"))
      ap->col_learners = i;
    else if (strncmp(f, "dia diem", 8) == 0)
      ap->col_location = i;
  }
  ap->ncols = n;
  return ap->col_tt >= 0 && ap->col_month >= 0 && ap->col_coord >= 0 && ap->col_learners >= 0;
}

static bool is_header(cadre_arena *a, char **cells, int n) {
  const char *f = n > 0 ? cadre_fold(a, cells[0]) : NULL;
  return f && (strcmp(f, "tt") == 0 || strcmp(f, "stt") == 0);
}

/* ---- growable arrays ------------------------------------------------------- */

static void *grow(cadre_arena *a, void *v, int n, int *cap, size_t size) {
  if (n < *cap)
    return v;
  int ncap = *cap ? *cap * 2 : 8;
  void *nv = cadre_arena_calloc(a, (size_t)ncap, size);
  if (!nv)
    return NULL;
  if (n)
    memcpy(nv, v, (size_t)n * size);
  *cap = ncap;
  return nv;
}

static void append_strs(cadre_arena *a, char ***v, int *n, char **items, int k) {
  char **nv = cadre_arena_calloc(a, (size_t)(*n + k + 1), sizeof(char *));
  if (!nv)
    return;
  if (*n)
    memcpy(nv, *v, (size_t)*n * sizeof(char *));
  memcpy(nv + *n, items, (size_t)k * sizeof(char *));
  *v = nv;
  *n += k;
}

static void append_counts(cadre_arena *a, llct_pline *l, const long *c, int k) {
  long *nv = cadre_arena_calloc(a, (size_t)(l->ncounts + k + 1), sizeof(long));
  if (!nv)
    return;
  if (l->ncounts)
    memcpy(nv, l->counts, (size_t)l->ncounts * sizeof(long));
  memcpy(nv + l->ncounts, c, (size_t)k * sizeof(long));
  l->counts = nv;
  l->ncounts += k;
}

static void append_allot(cadre_arena *a, llct_pline *l, const llct_allot_item *it, int k) {
  llct_allot_item *nv = cadre_arena_calloc(a, (size_t)(l->nallot + k + 1), sizeof(*nv));
  if (!nv)
    return;
  if (l->nallot)
    memcpy(nv, l->allot, (size_t)l->nallot * sizeof(*nv));
  memcpy(nv + l->nallot, it, (size_t)k * sizeof(*nv));
  l->allot = nv;
  l->nallot += k;
}

static const char *join_text(cadre_arena *a, const char *prev, const char *add) {
  if (!add || !*add)
    return prev;
  if (!prev || !*prev)
    return add;
  return cadre_arena_printf(a, "%s %s", prev, add);
}

/* ---- rows ------------------------------------------------------------------ */

/* "Tổng cộng … 15 lớp … 1.046 học viên": the table's own totals. */
static bool read_total_row(cadre_arena *a, llct_pappendix *ap, char **cells, int n, long lineno) {
  bool is_total = false;
  for (int i = 0; i < n; i++) {
    const char *f = cadre_fold(a, cells[i]);
    if (f && (strncmp(f, "tong cong", 9) == 0 || strncmp(f, "tong so", 7) == 0))
      is_total = true;
  }
  if (!is_total)
    return false;
  for (int i = 0; i < n; i++) {
    const char *f = cadre_fold(a, cells[i]);
    for (const char *p = f; p && *p; p++) {
      if (!isdigit((unsigned char)*p) || (p > f && isdigit((unsigned char)p[-1])))
        continue;
      const char *q = p;
      long v;
      if (!llct_read_count(&q, &v))
        continue;
      if (strncmp(q, " lop", 4) == 0)
        ap->table_classes = v;
      else if (strncmp(q, " hoc vien", 9) == 0 ||
               (*q == '\0' && ap->table_learners < 0 && i == ap->col_learners))
        ap->table_learners = v;
      p = q - 1;
    }
  }
  ap->total_row_line = lineno;
  return true;
}

static llct_pline *new_line(cadre_arena *a, llct_pappendix *ap) {
  llct_pline *v = grow(a, ap->lines, ap->nlines, &ap->cap, sizeof(llct_pline));
  if (!v)
    return NULL;
  ap->lines = v;
  llct_pline *l = &ap->lines[ap->nlines++];
  memset(l, 0, sizeof(*l));
  l->appendix = ap->number;
  l->learners = LLCT_NONE;
  return l;
}

static void read_cells_into(cadre_arena *a, llct_pplan *p, llct_pappendix *ap, llct_pline *l, char **cells,
                            int n, long lineno) {
  const char *coord = cell_at(cells, n, ap->col_coord);
  if (*coord) {
    llct_allot_item *items;
    const char *err;
    int k = llct_parse_allotments(a, coord, &items, &err);
    if (k < 0) {
      llct_msg_add(&p->errors, lineno, "bad_allotment",
                   "Dòng %ld (Phụ lục %d): cột đơn vị phối hợp không đọc được: %s.", lineno, ap->number, err);
    } else if (k > 0) {
      append_allot(a, l, items, k);
    } else {
      char **its;
      int m = llct_split_items(a, coord, &its);
      append_strs(a, &l->coord_items, &l->ncoord, its, m);
    }
    l->coord_text = join_text(a, l->coord_text, coord);
  }
  const char *learners = cell_at(cells, n, ap->col_learners);
  if (*learners) {
    long *c;
    int k = llct_parse_counts(a, learners, &c);
    if (k < 0)
      llct_msg_add(&p->errors, lineno, "bad_count",
                   "Dòng %ld (Phụ lục %d): số học viên \"%s\" không phải là số.", lineno, ap->number,
                   learners);
    else
      append_counts(a, l, c, k);
  }
  const char *loc = cell_at(cells, n, ap->col_location);
  if (*loc) {
    char *rest;
    int declared = llct_take_class_count(a, loc, &rest);
    if (declared > 0)
      l->declared_nclasses += declared;
    char **its;
    int m = llct_split_items(a, rest, &its);
    append_strs(a, &l->loc_items, &l->nloc, its, m);
    l->location_text = join_text(a, l->location_text, loc);
  }
  const char *host = cell_at(cells, n, ap->col_host);
  if (*host) {
    char **hs;
    int m = llct_split_semicolons(a, host, &hs);
    append_strs(a, &l->hosts, &l->nhosts, hs, m);
    l->host_text = join_text(a, l->host_text, host);
  }
}

static void add_row(cadre_arena *a, llct_pplan *p, llct_pappendix *ap, char **cells, int n, long lineno) {
  if (n > ap->ncols) {
    llct_msg_add(&p->errors, lineno, "too_many_cells",
                 "Dòng %ld (Phụ lục %d) có %d ô, nhiều hơn %d cột của bảng.", lineno, ap->number, n,
                 ap->ncols);
    return;
  }
  if (read_total_row(a, ap, cells, n, lineno))
    return;
  const char *tt = cell_at(cells, n, ap->col_tt);
  llct_pline *l;
  if (*tt) {
    char *end;
    long seq = strtol(tt, &end, 10);
    if (*end == '.')
      end++;
    if (end == tt || *end || seq <= 0 || seq > 100000) {
      llct_msg_add(&p->errors, lineno, "bad_line_number",
                   "Dòng %ld (Phụ lục %d): số thứ tự \"%s\" không hợp lệ.", lineno, ap->number, tt);
      return;
    }
    for (int i = 0; i < ap->nlines; i++)
      if (ap->lines[i].seq == seq) {
        llct_msg_add(&p->errors, lineno, "duplicate_line",
                     "Dòng %ld (Phụ lục %d): số thứ tự %ld đã có ở dòng %ld.", lineno, ap->number, seq,
                     ap->lines[i].source_line);
        return;
      }
    l = new_line(a, ap);
    if (!l)
      return;
    l->seq = (int)seq;
    l->source_line = lineno;
    const char *month = cell_at(cells, n, ap->col_month);
    l->month_label = month;
    if (!llct_parse_month(a, month, p->year, &l->month, &l->year) || l->year == 0)
      llct_msg_add(&p->errors, lineno, "bad_month",
                   "Dòng %ld (Phụ lục %d): thời gian \"%s\" không đọc được (cần dạng "
                   "\"Tháng 4\" hoặc \"Tháng 4/2024\").",
                   lineno, ap->number, month);
    const char *code = cell_at(cells, n, ap->col_code);
    l->code = *code ? code : NULL;
  } else if (ap->nlines == 0) {
    llct_msg_add(&p->errors, lineno, "orphan_row",
                 "Dòng %ld (Phụ lục %d) không có số thứ tự và không có dòng nào ở trên để nối "
                 "vào.",
                 lineno, ap->number);
    return;
  } else {
    /* a sub-line carried over a page break: it belongs to the line above */
    l = &ap->lines[ap->nlines - 1];
  }
  read_cells_into(a, p, ap, l, cells, n, lineno);
}

/* "PHỤ LỤC 2" → 2; 0 when the line is not an appendix heading. */
static int appendix_heading(const char *folded) {
  if (strncmp(folded, "phu luc ", 8) != 0)
    return 0;
  const char *q = folded + 8;
  if (strncmp(q, "so ", 3) == 0)
    q += 3;
  char *end;
  long n = strtol(q, &end, 10);
  if (end == q || *end || n < 1 || n > 99)
    return 0;
  return (int)n;
}

/* "(Ban hành kèm theo Kế hoạch số 245 -KH/TU, ngày 21/02/2024 …)" */
static void read_citation(cadre_arena *a, llct_pappendix *ap, const char *line) {
  llct_folded f;
  if (!llct_fold_map(a, line, strlen(line), &f))
    return;
  long at = llct_folded_find(&f, "ke hoach so ", 0);
  if (at >= 0) {
    size_t b = (size_t)at + strlen("ke hoach so ");
    size_t e = b;
    while (e < f.len && f.s[e] != ',' && strncmp(f.s + e, " ngay", 5) != 0)
      e++;
    char *num = llct_folded_cut(a, &f, line, b, e);
    if (num) {
      /* "245 -KH/TU" → "245-KH/TU" */
      char *o = num;
      for (const char *q = num; *q; q++)
        if (*q != ' ')
          *o++ = *q;
      *o = '\0';
      ap->cited_number = num;
    }
  }
  long d = llct_folded_find(&f, "ngay ", 0);
  if (d >= 0) {
    cadre_date date;
    char buf[16];
    size_t b = (size_t)d + 5, k = 0;
    while (b + k < f.len && k + 1 < sizeof(buf) && (isdigit((unsigned char)f.s[b + k]) || f.s[b + k] == '/'))
      k++;
    memcpy(buf, f.s + b, k);
    buf[k] = '\0';
    if (cadre_date_parse(buf, &date))
      cadre_date_iso(date, ap->cited_date);
  }
}

/* Where the walk through the file stands. */
typedef struct walk {
  cadre_arena *a;
  llct_pplan *out;
  llct_pappendix *ap; /* the appendix being read */
  bool title_open;    /* lines after "PHỤ LỤC n" are its title */
  bool header_seen;   /* the appendix's table header has been read */
  long lineno;
} walk;

/* A line without TAB: an appendix heading, the citation under it, a line of
 * its title, or text that does not concern the tables. False to stop. */
static bool text_line(walk *w, char *line) {
  char *plain = cadre_tidy(w->a, llct_strip_marks(w->a, line));
  const char *f = plain ? cadre_fold(w->a, plain) : NULL;
  if (!f || !*f)
    return true;
  int number = appendix_heading(f);
  if (number) {
    llct_pplan *out = w->out;
    if (out->napp == LLCT_MAX_APPENDIX) {
      llct_msg_add(&out->errors, w->lineno, "too_many_appendices", "Dòng %ld: kế hoạch có quá %d phụ lục.",
                   w->lineno, LLCT_MAX_APPENDIX);
      return false;
    }
    for (int i = 0; i < out->napp; i++)
      if (out->app[i].number == number)
        llct_msg_add(&out->errors, w->lineno, "duplicate_appendix", "Dòng %ld: Phụ lục %d xuất hiện hai lần.",
                     w->lineno, number);
    w->ap = &out->app[out->napp++];
    w->ap->number = number;
    w->ap->table_classes = w->ap->table_learners = LLCT_NONE;
    w->title_open = true;
    w->header_seen = false;
    return true;
  }
  if (w->ap && strncmp(f, "(ban hanh kem theo", 18) == 0) {
    read_citation(w->a, w->ap, plain);
    w->title_open = false;
  } else if (w->ap && w->title_open) {
    w->ap->title = w->ap->title ? cadre_arena_printf(w->a, "%s %s", w->ap->title, plain) : plain;
  }
  return true;
}

/* A header row: the first of the appendix, or the same one repeated after a
 * page break. */
static void header_row(walk *w, char **cells, int nc) {
  llct_pappendix *ap = w->ap;
  llct_pappendix probe = *ap;
  if (!map_header(w->a, &probe, cells, nc)) {
    llct_msg_add(&w->out->errors, w->lineno, "missing_column",
                 "Dòng %ld (Phụ lục %d): tiêu đề bảng thiếu cột bắt buộc (TT, Thời gian, "
                 "Đơn vị phối hợp, số học viên).",
                 w->lineno, ap->number);
  } else if (w->header_seen && (probe.col_coord != ap->col_coord || probe.col_learners != ap->col_learners ||
                                probe.ncols != ap->ncols)) {
    llct_msg_add(&w->out->errors, w->lineno, "header_changed",
                 "Dòng %ld (Phụ lục %d): tiêu đề bảng lặp lại sau ngắt trang nhưng khác "
                 "tiêu đề đầu.",
                 w->lineno, ap->number);
  } else {
    *ap = probe;
  }
  w->header_seen = true;
}

/* A line with TAB: a row of the current appendix's table. */
static void table_row(walk *w, char *line) {
  llct_pplan *out = w->out;
  w->title_open = false;
  if (!w->ap) {
    llct_msg_add(&out->warnings, w->lineno, "row_outside_appendix",
                 "Dòng %ld có dạng bảng nhưng nằm ngoài các phụ lục: bỏ qua.", w->lineno);
    return;
  }
  char *cells[MAX_CELLS];
  int nc = split_cells(w->a, line, cells);
  if (nc < 0) {
    llct_msg_add(&out->errors, w->lineno, "too_many_cells", "Dòng %ld (Phụ lục %d) có quá nhiều ô.",
                 w->lineno, w->ap->number);
    return;
  }
  if (nc == 0)
    return;
  if (is_header(w->a, cells, nc)) {
    header_row(w, cells, nc);
    return;
  }
  if (!w->header_seen) {
    llct_msg_add(&out->errors, w->lineno, "row_before_header",
                 "Dòng %ld (Phụ lục %d): dòng dữ liệu đứng trước tiêu đề bảng.", w->lineno, w->ap->number);
    return;
  }
  add_row(w->a, out, w->ap, cells, nc, w->lineno);
}

void llct_parse_tables(cadre_arena *a, const char *text, size_t len, llct_pplan *out) {
  walk w = {.a = a, .out = out};
  /* line numbers count from the start of `text` */
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    w.lineno++;
    size_t n = (size_t)(le - p);
    if (n && p[n - 1] == '\r')
      n--;
    char *line = cadre_arena_strndup(a, p, n);
    p = nl ? nl + 1 : end;
    if (!line)
      return;
    if (strchr(line, '\t'))
      table_row(&w, line);
    else if (!text_line(&w, line))
      return;
  }
}

size_t llct_body_length(cadre_arena *a, const char *text, size_t len) {
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    char *line = cadre_arena_strndup(a, p, (size_t)(le - p));
    if (line && !strchr(line, '\t')) {
      const char *f = cadre_fold(a, llct_strip_marks(a, line));
      if (f && appendix_heading(f))
        return (size_t)(p - text);
    }
    p = nl ? nl + 1 : end;
  }
  return len;
}
