/*
 * The table reader: an action programme as extracted from a PDF, i.e. prose
 * with two TAB-separated tables (Part A: TT | Cơ sở thực hiện | Tên đề án,
 * nhiệm vụ cụ thể | Cấp trình | Đơn vị chủ trì tham mưu | Thời gian thực
 * hiện; Part B: TT | Tên đề án, nhiệm vụ | Cơ quan phối hợp | Đôn đốc |
 * Thời gian hoàn thành), with the flaws of such text:
 *
 *   - the header row repeats at every page break: repeats are skipped;
 *   - a row split across pages continues on a row with an empty TT column:
 *     it is joined, column by column, to the task before it;
 *   - cells carry HTML tags (<b>, <p>, <i>): removed;
 *   - section rows have a roman numeral (I, II, …) in TT; in Part B they are
 *     groups "Các đề án, nhiệm vụ do <organisation> chủ trì";
 *   - numbers can be duplicated or missing (the first rows of the table may
 *     be lost): kept and reported.
 *
 * Nothing is dropped: prose outside the tables is kept verbatim as the
 * preamble, and a row that cannot be placed is listed as an issue with its
 * text. Errors (another encoding, wrong column count, an impossible date)
 * make the file unimportable, but reading goes on so that the report lists
 * every problem at once, each with its line.
 */
#include "tasks.h"

#include <stdio.h>
#include <string.h>

#define PART_INDEX(p) ((p) == 'B' ? 1 : 0)

static const int part_columns[2] = {6, 5};
static const char *const part_header[2] = {
    "TT, Cơ sở thực hiện, Tên đề án/nhiệm vụ cụ thể, Cấp trình, Đơn vị chủ trì "
    "tham mưu, Thời gian thực hiện",
    "TT, Tên đề án/nhiệm vụ, Cơ quan phối hợp, Đôn đốc, Thời gian hoàn thành"};

/* ---- small arena vectors ------------------------------------------------ */

static void *grow(cadre_arena *a, void *arr, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return arr;
  size_t ncap = *cap ? *cap * 2 : 16;
  void *fresh = cadre_arena_alloc(a, ncap * size);
  if (!fresh)
    return NULL;
  if (arr)
    memcpy(fresh, arr, n * size);
  *cap = ncap;
  return fresh;
}

#define PUSH(doc, arr, n, cap)                                                                               \
  ((doc)->arr = grow((doc)->arena, (doc)->arr, &(doc)->cap, (doc)->n, sizeof((doc)->arr[0])),                \
   (doc)->arr ? &(doc)->arr[(doc)->n++] : NULL)

static void issue(tasks_doc *doc, enum tasks_issue_level level, const char *code, long line, const char *text,
                  const char *message) {
  tasks_issue *is = PUSH(doc, issues, nissues, cap_issues);
  if (!is)
    return;
  is->level = level;
  is->code = code;
  is->line = line;
  is->text = text;
  is->message = message;
  if (level == TASKS_ERROR)
    doc->errors++;
}

/* ---- rows ----------------------------------------------------------------- */

int tasks_split_row(cadre_arena *a, const char *line, size_t len, const char **fields, int max) {
  int n = 0;
  const char *p = line, *end = line + len;
  for (;;) {
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *stop = tab ? tab : end;
    if (n < max) {
      char *raw = cadre_arena_strndup(a, p, (size_t)(stop - p));
      char *clean = cadre_tidy(a, cadre_strip_tags(a, raw));
      fields[n] = clean ? clean : "";
    }
    n++;
    if (!tab)
      break;
    p = tab + 1;
  }
  return n;
}

static void roman_encode(int v, char *out) {
  static const struct {
    int v;
    const char *s;
  } r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
           {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  out[0] = '\0';
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
    while (v >= r[i].v) {
      strcat(out, r[i].s);
      v -= r[i].v;
    }
}

int tasks_roman_value(const char *s) {
  if (!s || !*s)
    return 0;
  char up[16];
  size_t n = 0;
  for (; s[n] && n < sizeof up - 1; n++) {
    char c = s[n];
    if (c >= 'a' && c <= 'z')
      c = (char)(c - 32);
    up[n] = c;
  }
  if (s[n] && !(s[n] == '.' && !s[n + 1]))
    return 0;
  if (n && up[n - 1] == '.')
    n--;
  up[n] = '\0';
  if (n == 0)
    return 0;
  static const char letters[] = "IVXLCDM";
  static const int values[] = {1, 5, 10, 50, 100, 500, 1000};
  int total = 0;
  for (size_t i = 0; i < n; i++) {
    const char *l = strchr(letters, up[i]);
    if (!l || !*l)
      return 0;
    int v = values[l - letters];
    int next = 0;
    if (i + 1 < n) {
      const char *l2 = strchr(letters, up[i + 1]);
      if (!l2 || !*l2)
        return 0;
      next = values[l2 - letters];
    }
    total += v < next ? -v : v;
  }
  if (total <= 0 || total > 3999)
    return 0;
  char canon[32];
  roman_encode(total, canon);
  return strcmp(canon, up) == 0 ? total : 0;
}

/* "5." or "16" → 5 / 16; -1 when TT is not a task number. */
static int task_number(const char *tt) {
  int v = 0, n = 0;
  for (; tt[n] >= '0' && tt[n] <= '9'; n++) {
    if (n >= 5)
      return -1;
    v = v * 10 + (tt[n] - '0');
  }
  if (n == 0)
    return -1;
  if (tt[n] == '.' || tt[n] == ')')
    n++;
  return tt[n] == '\0' ? v : -1;
}

static bool blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return false;
  return true;
}

static bool is_header(cadre_arena *a, const char *first) {
  char *f = cadre_fold(a, first);
  return f && (strcmp(f, "tt") == 0 || strcmp(f, "stt") == 0);
}

/* ---- reader state ------------------------------------------------------- */

typedef struct part_state {
  bool seen;          /* a header of this part was read */
  bool have_section;  /* a section row (or the implicit one) exists */
  size_t section;     /* current section index */
  int last_number;    /* highest task number so far in the numbering scope */
  size_t scope_first; /* index of the first task of the numbering scope */
  bool section_fresh; /* no task yet in the current section */
  bool any_section_row;
} part_state;

typedef struct reader {
  tasks_doc *doc;
  cadre_buf preamble;
  int part; /* -1 outside a table, else 0 (A) / 1 (B) */
  part_state parts[2];
  /* the item continuation rows join: a task or a section */
  bool last_is_task;
  size_t last_index;
  bool have_last;
  const char *title1, *title2;
} reader;

static char *append(cadre_arena *a, const char *x, const char *y) {
  if (!y || !*y)
    return (char *)(x ? x : "");
  if (!x || !*x)
    return cadre_arena_strdup(a, y);
  return cadre_arena_printf(a, "%s %s", x, y);
}

static const char **task_column(tasks_task_row *t, int part, int col) {
  if (part == 0) {
    const char **cols[6] = {NULL, &t->basis, &t->title, &t->submit_to, &t->lead, &t->deadline};
    return cols[col];
  }
  const char **cols[5] = {NULL, &t->title, &t->coordinating, &t->supervising, &t->deadline};
  return cols[col];
}

/* "Các đề án, nhiệm vụ do Đảng ủy Chính phủ chủ trì" → "Đảng ủy Chính phủ". */
static const char *group_lead(cadre_arena *a, const char *title) {
  const char *do_ = NULL;
  for (const char *p = title; (p = strstr(p, " do ")) != NULL; p++)
    do_ = p; /* the last " do " before "chủ trì" */
  if (!do_)
    return NULL;
  const char *name = do_ + 4;
  const char *end = strstr(name, " chủ trì");
  if (!end)
    end = strstr(name, " Chủ trì");
  if (!end)
    end = name + strlen(name);
  while (end > name && (end[-1] == ' ' || end[-1] == ':' || end[-1] == '.'))
    end--;
  if (end == name)
    return NULL;
  return cadre_arena_strndup(a, name, (size_t)(end - name));
}

static size_t add_section(reader *r, char part, const char *numeral, const char *title, long line) {
  tasks_doc *doc = r->doc;
  /* a repeated numeral gets its own key so both sections are kept */
  int repeats = 0;
  for (size_t i = 0; i < doc->nsections; i++)
    if (doc->sections[i].part == part && strcmp(doc->sections[i].numeral, numeral) == 0)
      repeats++;
  tasks_section_row *s = PUSH(doc, sections, nsections, cap_sections);
  if (!s)
    return 0;
  s->part = part;
  s->numeral = numeral;
  s->key = repeats ? cadre_arena_printf(doc->arena, "%s#%d", numeral, repeats + 1) : numeral;
  s->title = title;
  s->lead = part == 'B' && *numeral ? group_lead(doc->arena, title) : NULL;
  s->line = line;
  s->tasks = 0;
  if (repeats && *numeral)
    issue(doc, TASKS_WARNING, "duplicate_section", line, title,
          cadre_arena_printf(doc->arena, "Dòng %ld: mục %s lặp lại; giữ cả hai mục.", line, numeral));
  return doc->nsections - 1;
}

static void read_section(reader *r, const char **f, int nf, long line) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  char part = r->part ? 'B' : 'A';
  char *numeral = cadre_arena_strdup(a, f[0]);
  size_t nl = strlen(numeral);
  if (nl && numeral[nl - 1] == '.')
    numeral[--nl] = '\0';
  for (char *p = numeral; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = (char)(*p - 32);
  /* text in the other columns belongs to the title: keep it there */
  const char *title = f[1];
  for (int i = 2; i < nf; i++)
    title = append(a, title, f[i]);
  part_state *ps = &r->parts[r->part];
  ps->section = add_section(r, part, numeral, title, line);
  ps->have_section = true;
  ps->any_section_row = true;
  ps->section_fresh = true;
  r->have_last = true;
  r->last_is_task = false;
  r->last_index = ps->section;
  doc->section_rows++;
}

static void numbering(reader *r, tasks_task_row *t, size_t index) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  part_state *ps = &r->parts[r->part];
  /* Part B numbers restart in every group: a section whose first task is
   * number 1 starts a new numbering scope. */
  if (ps->section_fresh && t->number == 1 && ps->last_number > 0) {
    ps->last_number = 0;
    ps->scope_first = index;
  }
  ps->section_fresh = false;

  t->scope = ps->scope_first;
  long first_line = 0;
  for (size_t i = ps->scope_first; i < index; i++) {
    tasks_task_row *o = &doc->tasks[i];
    if (o->part != t->part || o->number != t->number)
      continue;
    if (!first_line)
      first_line = o->line;
    o->duplicate = t->duplicate = true;
    if (o->section == t->section)
      t->dup_seq++;
  }
  if (first_line) {
    issue(doc, TASKS_WARNING, "duplicate_number", t->line, t->title,
          cadre_arena_printf(a,
                             "Dòng %ld: số thứ tự %d trùng với dòng %ld; giữ cả hai "
                             "nhiệm vụ, đánh dấu trùng số.",
                             t->line, t->number, first_line));
  } else if (t->number > ps->last_number + 1) {
    tasks_gap *g = PUSH(doc, gaps, ngaps, cap_gaps);
    if (g) {
      g->part = t->part;
      g->section = t->section;
      g->from = ps->last_number + 1;
      g->to = t->number - 1;
      g->line = t->line;
    }
    issue(doc, TASKS_WARNING, "numbering_gap", t->line, NULL,
          g && g->from == g->to
              ? cadre_arena_printf(a, "Dòng %ld: thiếu nhiệm vụ số %d (phần %c).", t->line, g->from, t->part)
              : cadre_arena_printf(a, "Dòng %ld: thiếu các nhiệm vụ số %d–%d (phần %c).", t->line,
                                   ps->last_number + 1, t->number - 1, t->part));
  } else if (t->number <= ps->last_number) {
    issue(
        doc, TASKS_WARNING, "numbering_order", t->line, NULL,
        cadre_arena_printf(a, "Dòng %ld: số thứ tự %d đứng sau số %d.", t->line, t->number, ps->last_number));
  }
  if (t->number > ps->last_number)
    ps->last_number = t->number;
}

static void read_task(reader *r, const char **f, int number, long line) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  part_state *ps = &r->parts[r->part];
  char part = r->part ? 'B' : 'A';
  if (!ps->have_section) {
    /* The first rows of the table (its first section) are missing: keep the
     * tasks in a section of their own rather than guess. */
    ps->section = add_section(r, part, "", "Chưa xác định mục (phần đầu bảng không có trong tệp)", line);
    ps->have_section = true;
    ps->section_fresh = true;
  }
  tasks_task_row *t = PUSH(doc, tasks, ntasks, cap_tasks);
  if (!t)
    return;
  memset(t, 0, sizeof *t);
  t->part = part;
  t->section = ps->section;
  t->line = line;
  t->lines = cadre_arena_printf(a, "%ld", line);
  t->number = number;
  t->number_text = cadre_arena_printf(a, "%d", number);
  int ncols = part_columns[r->part];
  for (int c = 1; c < ncols; c++)
    *task_column(t, r->part, c) = f[c];
  const char **cols[] = {&t->basis,        &t->title,       &t->submit_to, &t->lead,
                         &t->coordinating, &t->supervising, &t->deadline};
  for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
    if (!*cols[c])
      *cols[c] = "";
  doc->sections[t->section].tasks++;
  if (!*doc->sections[t->section].numeral)
    issue(doc, TASKS_WARNING, "no_section", line, NULL,
          cadre_arena_printf(a,
                             "Dòng %ld: nhiệm vụ số %d đứng trước mọi dòng tiêu đề "
                             "mục; xếp vào mục “chưa xác định”.",
                             line, number));
  numbering(r, t, doc->ntasks - 1);
  r->have_last = true;
  r->last_is_task = true;
  r->last_index = doc->ntasks - 1;
  doc->task_rows++;
}

static void read_continuation(reader *r, const char **f, int nf, long line, const char *text) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  if (!r->have_last) {
    doc->unplaced_rows++;
    issue(doc, TASKS_WARNING, "continuation_without_task", line, text,
          cadre_arena_printf(a,
                             "Dòng %ld: dòng tiếp nối (cột TT trống) không có nhiệm "
                             "vụ nào phía trên để ghép; giữ lại trong báo cáo.",
                             line));
    return;
  }
  tasks_join *j = PUSH(doc, joins, njoins, cap_joins);
  if (r->last_is_task) {
    tasks_task_row *t = &doc->tasks[r->last_index];
    for (int c = 1; c < nf; c++) {
      const char **col = task_column(t, r->part, c);
      *col = append(a, *col, f[c]);
    }
    t->lines = cadre_arena_printf(a, "%s, %ld", t->lines, line);
    t->joined++;
    if (j) {
      j->line = line;
      j->task = r->last_index;
      j->section = t->section;
    }
  } else {
    tasks_section_row *s = &doc->sections[r->last_index];
    for (int c = 1; c < nf; c++)
      s->title = append(a, s->title, f[c]);
    if (s->part == 'B' && *s->numeral)
      s->lead = group_lead(a, s->title);
    if (j) {
      j->line = line;
      j->task = SIZE_MAX;
      j->section = r->last_index;
    }
  }
  doc->continuation_rows++;
}

static void read_header(reader *r, int nf, long line, const char *text) {
  tasks_doc *doc = r->doc;
  doc->rows_read++;
  doc->header_rows++;
  int part = nf == part_columns[0] ? 0 : nf == part_columns[1] ? 1 : -1;
  if (part < 0) {
    issue(doc, TASKS_ERROR, "unknown_header", line, text,
          cadre_arena_printf(doc->arena,
                             "Dòng %ld: dòng tiêu đề bảng có %d cột; bảng phần A có "
                             "6 cột (%s), phần B có 5 cột (%s).",
                             line, nf, part_header[0], part_header[1]));
    r->part = -1;
    return;
  }
  if (r->part == part || r->parts[part].seen) {
    doc->repeated_headers++; /* page break: the same table goes on */
  } else if (r->part != part) {
    r->have_last = false; /* a new table: nothing to join to yet */
  }
  r->part = part;
  r->parts[part].seen = true;
}

/* A line with no TAB: prose. Inside a table it is either a heading that
 * ends the table ("**B. THEO DÕI …**", "## …") or a stray fragment. */
static bool heading_like(const char *s) {
  while (*s == ' ')
    s++;
  if (*s == '#' || *s == '*')
    return true;
  return (*s >= 'A' && *s <= 'Z') && s[1] == '.' && s[2] == ' ';
}

/* "**B. THEO DÕI …**" → part 1 with its title. */
static void maybe_part_title(reader *r, const char *line) {
  const char *s = line;
  while (*s == '#' || *s == '*' || *s == ' ')
    s++;
  if ((s[0] == 'A' || s[0] == 'B') && s[1] == '.' && s[2] == ' ') {
    char *t = cadre_tidy(r->doc->arena, s);
    size_t n = t ? strlen(t) : 0;
    while (n && (t[n - 1] == '*' || t[n - 1] == ' '))
      t[--n] = '\0';
    if (t && !r->doc->part_title[PART_INDEX(s[0])])
      r->doc->part_title[PART_INDEX(s[0])] = t;
  }
}

static void maybe_title(reader *r, const char *line) {
  const char *s = line;
  int level = 0;
  while (*s == '#')
    s++, level++;
  if (level == 0 || *s != ' ')
    return;
  while (*s == ' ' || *s == '*')
    s++;
  char *t = cadre_tidy(r->doc->arena, s);
  size_t n = t ? strlen(t) : 0;
  while (n && (t[n - 1] == '*' || t[n - 1] == ' '))
    t[--n] = '\0';
  if (!t || !*t)
    return;
  if (!r->title1 && level <= 2)
    r->title1 = t;
  else if (r->title1 && !r->title2 && level == 3)
    r->title2 = t;
}

static void read_prose(reader *r, const char *line, long lineno) {
  tasks_doc *doc = r->doc;
  if (r->part >= 0) {
    if (heading_like(line)) {
      r->part = -1; /* the table has ended */
    } else {
      doc->unplaced_rows++;
      issue(doc, TASKS_WARNING, "text_in_table", lineno, line,
            cadre_arena_printf(doc->arena,
                               "Dòng %ld: dòng văn bản không có cột nằm giữa bảng; "
                               "không ghép được vào nhiệm vụ nào, giữ lại trong báo "
                               "cáo.",
                               lineno));
      return;
    }
  }
  doc->prose_lines++;
  cadre_buf_puts(&r->preamble, line);
  cadre_buf_putc(&r->preamble, '\n');
  maybe_part_title(r, line);
  maybe_title(r, line);
}

static void read_table_row(reader *r, const char *line, size_t len, long lineno) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  /* every cell starts empty: a short row leaves the rest "" */
  const char *f[12] = {"", "", "", "", "", "", "", "", "", "", "", ""};
  int nf = tasks_split_row(a, line, len, f, 12);
  const char *text = cadre_arena_strndup(a, line, len);

  if (is_header(a, f[0])) {
    read_header(r, nf, lineno, text);
    return;
  }
  doc->rows_read++;
  if (r->part < 0) {
    doc->unplaced_rows++;
    issue(doc, TASKS_WARNING, "row_outside_table", lineno, text,
          cadre_arena_printf(a,
                             "Dòng %ld: dòng có cột nằm ngoài bảng (chưa gặp dòng "
                             "tiêu đề “TT …”); giữ lại trong báo cáo.",
                             lineno));
    return;
  }
  int want = part_columns[r->part];
  bool extra_empty = nf > want;
  for (int i = want; i < nf && i < 12; i++)
    if (*f[i])
      extra_empty = false;
  if (nf != want && !(extra_empty && nf <= 12)) {
    doc->unplaced_rows++;
    bool last = doc->no_final_newline && lineno == doc->lines;
    issue(doc, TASKS_ERROR, "wrong_columns", lineno, text,
          cadre_arena_printf(a, "Dòng %ld: có %d cột, bảng phần %c cần %d cột (%s)%s.", lineno, nf,
                             r->part ? 'B' : 'A', want, part_header[r->part],
                             last ? "; tệp có thể bị cắt cụt" : ""));
    return;
  }
  nf = want;

  int number = task_number(f[0]);
  if (!*f[0]) {
    bool empty = true;
    for (int i = 1; i < nf; i++)
      if (*f[i])
        empty = false;
    if (empty) {
      doc->blank_lines++;
      doc->rows_read--;
      return;
    }
    read_continuation(r, f, nf, lineno, text);
  } else if (number >= 0) {
    read_task(r, f, number, lineno);
  } else if (tasks_roman_value(f[0]) > 0) {
    read_section(r, f, nf, lineno);
  } else {
    doc->unplaced_rows++;
    issue(doc, TASKS_WARNING, "unknown_row", lineno, text,
          cadre_arena_printf(a,
                             "Dòng %ld: cột TT “%s” không phải số thứ tự hay số La "
                             "Mã; giữ lại trong báo cáo.",
                             lineno, f[0]));
  }
}

/* After every row is read: deadlines (continuations may have completed
 * them) and units. */
static void finish(reader *r) {
  tasks_doc *doc = r->doc;
  cadre_arena *a = doc->arena;
  for (size_t i = 0; i < doc->ntasks; i++) {
    tasks_task_row *t = &doc->tasks[i];
    tasks_deadline_parse(a, t->deadline, &t->dl);
    if (t->dl.kind == TASKS_DL_INVALID)
      issue(doc, TASKS_ERROR, "invalid_deadline", t->line, t->deadline,
            cadre_arena_printf(a, "Dòng %ld: thời hạn “%s” không hợp lệ: %s.", t->line, t->deadline,
                               t->dl.error));
    else if (t->dl.kind == TASKS_DL_UNPARSED)
      issue(doc, TASKS_WARNING, "unparsed_deadline", t->line, t->deadline,
            cadre_arena_printf(a,
                               "Dòng %ld: chưa hiểu được thời hạn “%s”; cần đặt hạn "
                               "bằng tay.",
                               t->line, *t->deadline ? t->deadline : "(trống)"));
    const char *lead = t->part == 'A' ? t->lead : doc->sections[t->section].lead;
    if (!lead || !*lead)
      issue(doc, TASKS_WARNING, "no_lead_unit", t->line, NULL,
            cadre_arena_printf(a, "Dòng %ld: nhiệm vụ số %d không có đơn vị chủ trì.", t->line, t->number));
  }
  if (doc->ntasks == 0 && doc->errors == 0)
    issue(doc, TASKS_ERROR, "no_table", 0, NULL,
          "Không tìm thấy bảng nhiệm vụ nào (dòng tiêu đề bảng bắt đầu bằng “TT”).");
  if (r->title1)
    doc->title = r->title2 ? cadre_arena_printf(a, "%s — %s", r->title1, r->title2) : r->title1;
  doc->preamble = r->preamble.data ? r->preamble.data : "";
}

static bool utf16(const char *data, size_t len) {
  const unsigned char *u = (const unsigned char *)data;
  return len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

long tasks_doc_read(tasks_doc *doc, cadre_arena *a, const char *data, size_t len) {
  memset(doc, 0, sizeof *doc);
  doc->arena = a;
  reader r = {.doc = doc, .part = -1};
  cadre_buf_init(&r.preamble, a);

  if (utf16(data, len)) {
    issue(doc, TASKS_ERROR, "invalid_encoding", 0, NULL,
          "Tệp ở bảng mã UTF-16, không đọc được; hãy lưu lại tệp dạng văn bản "
          "UTF-8 (Unicode).");
    return doc->errors;
  }
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    len -= 3;
  }
  /* count lines first, so the reader knows which one is last */
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n')
      doc->lines++;
  doc->no_final_newline = len > 0 && data[len - 1] != '\n';
  if (doc->no_final_newline)
    doc->lines++;

  const char *p = data, *end = data + len;
  long lineno = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    size_t n = (size_t)(stop - p);
    if (n && p[n - 1] == '\r')
      n--;
    lineno++;
    if (!cadre_utf8_valid(p, n) || memchr(p, '\0', n)) {
      bool last = lineno == doc->lines && doc->no_final_newline;
      doc->unplaced_rows++;
      issue(doc, TASKS_ERROR, "invalid_encoding", lineno, NULL,
            cadre_arena_printf(a,
                               "Dòng %ld: không phải văn bản UTF-8%s; hãy lưu lại tệp "
                               "dạng UTF-8 (Unicode), không dùng TCVN3, VNI hay "
                               "Windows-1258.",
                               lineno, last ? " (tệp có thể bị cắt cụt)" : ""));
    } else if (blank(p, n)) {
      doc->blank_lines++;
      if (r.part < 0)
        cadre_buf_putc(&r.preamble, '\n');
    } else if (memchr(p, '\t', n)) {
      read_table_row(&r, p, n, lineno);
    } else {
      read_prose(&r, cadre_arena_strndup(a, p, n), lineno);
    }
    p = nl ? nl + 1 : end;
  }
  finish(&r);
  return doc->errors;
}

size_t tasks_doc_part_tasks(const tasks_doc *doc, char part) {
  size_t n = 0;
  for (size_t i = 0; i < doc->ntasks; i++)
    if (doc->tasks[i].part == part)
      n++;
  return n;
}
