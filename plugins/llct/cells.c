/*
 * The cells of the plan's appendix tables, as a PDF extraction leaves them:
 * list items run together ("- A - B"), several counts in one cell ("80 80"),
 * allotments written as prose ("Bộ Ngoại giao: 39 đ/c Văn phòng TW Đảng: 12
 * đ/c"), months with or without their year. Pure.
 */
#include <ctype.h>
#include <string.h>

#include "llct.h"

/* A growable array of strings in the arena. */
typedef struct strv {
  cadre_arena *a;
  char **v;
  int n, cap;
} strv;

static void strv_push(strv *s, char *item) {
  if (s->n + 1 >= s->cap) {
    int cap = s->cap ? s->cap * 2 : 8;
    char **v = cadre_arena_calloc(s->a, (size_t)cap, sizeof(char *));
    if (!v)
      return;
    if (s->n)
      memcpy(v, s->v, (size_t)s->n * sizeof(char *));
    s->v = v;
    s->cap = cap;
  }
  s->v[s->n++] = item;
}

/* Pushes the tidied text [b, e) unless it is empty. */
static void push_piece(strv *s, const char *b, const char *e) {
  char *raw = cadre_arena_strndup(s->a, b, (size_t)(e - b));
  char *t = raw ? cadre_tidy(s->a, raw) : NULL;
  if (t && *t)
    strv_push(s, t);
}

int llct_split_items(cadre_arena *a, const char *cell, char ***out) {
  strv s = {.a = a};
  char *t = cadre_tidy(a, cell ? cell : "");
  if (!t) {
    *out = NULL;
    return 0;
  }
  const char *p = t;
  if (p[0] == '-' && (p[1] == ' ' || p[1] == '\0')) {
    /* list style: every " - " starts an item */
    p += 1;
    const char *b = p;
    for (const char *q = strstr(p, " - "); q; q = strstr(b, " - ")) {
      push_piece(&s, b, q);
      b = q + 3;
    }
    push_piece(&s, b, b + strlen(b));
  } else {
    push_piece(&s, p, p + strlen(p));
  }
  *out = s.v;
  return s.n;
}

int llct_split_semicolons(cadre_arena *a, const char *cell, char ***out) {
  strv s = {.a = a};
  char *t = cadre_tidy(a, cell ? cell : "");
  if (!t) {
    *out = NULL;
    return 0;
  }
  if (t[0] == '-' && t[1] == ' ')
    t += 2;
  const char *b = t;
  for (const char *q = strchr(b, ';'); q; q = strchr(b, ';')) {
    push_piece(&s, b, q);
    b = q + 1;
  }
  push_piece(&s, b, b + strlen(b));
  *out = s.v;
  return s.n;
}

bool llct_parse_month(cadre_arena *a, const char *cell, int default_year, int *month, int *year) {
  const char *f = cadre_fold(a, cell ? cell : "");
  if (!f)
    return false;
  const char *p = f;
  if (strncmp(p, "thang ", 6) == 0)
    p += 6;
  else if (!isdigit((unsigned char)*p))
    return false;
  char *end;
  long m = strtol(p, &end, 10);
  if (end == p || m < 1 || m > 12)
    return false;
  p = end;
  long y = default_year;
  if (*p == '/' || *p == '-' || *p == '.') {
    p++;
    y = strtol(p, &end, 10);
    if (end == p || y < 2000 || y > 2100)
      return false;
    p = end;
  } else if (strncmp(p, " nam ", 5) == 0) {
    p += 5;
    y = strtol(p, &end, 10);
    if (end == p || y < 2000 || y > 2100)
      return false;
    p = end;
  }
  /* "(dự kiến)" and the like may follow */
  while (*p == ' ')
    p++;
  if (*p && *p != '(')
    return false;
  *month = (int)m;
  *year = (int)y;
  return true;
}

/* The last "( … )" of a text: its bounds, or false. */
static bool last_parens(const char *t, const char **open, const char **close) {
  const char *c = strrchr(t, ')');
  if (!c)
    return false;
  const char *o = NULL;
  for (const char *q = t; q < c; q++)
    if (*q == '(')
      o = q;
  if (!o)
    return false;
  *open = o;
  *close = c;
  return true;
}

int llct_take_class_count(cadre_arena *a, const char *text, char **rest) {
  char *t = cadre_tidy(a, text ? text : "");
  *rest = t;
  const char *o, *c;
  if (!t || !last_parens(t, &o, &c))
    return 0;
  char *inside = cadre_arena_strndup(a, o + 1, (size_t)(c - o - 1));
  const char *f = inside ? cadre_fold(a, inside) : NULL;
  if (!f)
    return 0;
  char *end;
  long n = strtol(f, &end, 10);
  if (end == f || n <= 0 || n > 999 || strcmp(end, " lop") != 0)
    return 0;
  char *without = cadre_arena_printf(a, "%.*s%s", (int)(o - t), t, c + 1);
  *rest = without ? cadre_tidy(a, without) : t;
  return (int)n;
}

char *llct_take_note(cadre_arena *a, const char *text, char **note) {
  char *t = cadre_tidy(a, text ? text : "");
  *note = NULL;
  const char *o, *c;
  if (!t || !last_parens(t, &o, &c) || c[1] != '\0' || o == t)
    return t;
  *note = cadre_arena_strndup(a, o + 1, (size_t)(c - o - 1));
  if (*note)
    *note = cadre_tidy(a, *note);
  char *head = cadre_arena_strndup(a, t, (size_t)(o - t));
  return head ? cadre_tidy(a, head) : t;
}

/* Skips "đ/c" (đồng chí: comrades, i.e. persons) after a count. */
static const char *skip_persons(const char *p) {
  while (*p == ' ')
    p++;
  static const char *const words[] = {"đ/c", "Đ/c", "Đ/C", "d/c", "đc", "người", "học viên"};
  for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
    size_t n = strlen(words[k]);
    if (strncmp(p, words[k], n) == 0 && (p[n] == '\0' || p[n] == ' ' || p[n] == ',' || p[n] == ';'))
      return p + n;
  }
  return p;
}

int llct_parse_allotments(cadre_arena *a, const char *cell, llct_allot_item **out, const char **err) {
  *out = NULL;
  *err = NULL;
  char *t = cadre_tidy(a, cell ? cell : "");
  if (!t || !strchr(t, ':'))
    return 0;
  int cap = 4;
  for (const char *q = t; *q; q++)
    if (*q == ':')
      cap++;
  llct_allot_item *v = cadre_arena_calloc(a, (size_t)cap, sizeof(*v));
  if (!v)
    return -1;
  int n = 0;
  const char *name_start = t;
  if (name_start[0] == '-' && name_start[1] == ' ')
    name_start += 2;
  for (;;) {
    const char *colon = strchr(name_start, ':');
    if (!colon) {
      /* text after the last count: a name without its number */
      const char *rest = name_start;
      while (*rest == ' ' || *rest == ',' || *rest == ';' || *rest == '-')
        rest++;
      if (*rest) {
        *err = cadre_arena_printf(a, "đơn vị \"%s\" không ghi số học viên", rest);
        return -1;
      }
      break;
    }
    char *name = cadre_arena_strndup(a, name_start, (size_t)(colon - name_start));
    name = name ? cadre_tidy(a, name) : NULL;
    while (name && (*name == '-' || *name == ',' || *name == ';' || *name == ' '))
      name++;
    if (!name || !*name) {
      *err = "có số học viên nhưng thiếu tên đơn vị";
      return -1;
    }
    const char *p = colon + 1;
    while (*p == ' ')
      p++;
    long count;
    if (!llct_read_count(&p, &count)) {
      *err = cadre_arena_printf(a, "số học viên của \"%s\" không phải là một số", name);
      return -1;
    }
    v[n++] = (llct_allot_item){.name = name, .count = count};
    name_start = skip_persons(p);
    while (*name_start == ' ' || *name_start == ',' || *name_start == ';')
      name_start++;
    if (!*name_start)
      break;
  }
  *out = v;
  return n;
}

int llct_parse_counts(cadre_arena *a, const char *cell, long **out) {
  *out = NULL;
  const char *f = cadre_fold(a, cell ? cell : "");
  if (!f)
    return -1;
  long *v = cadre_arena_calloc(a, strlen(f) / 2 + 2, sizeof(long));
  if (!v)
    return -1;
  int n = 0;
  const char *p = f;
  while (*p) {
    while (*p == ' ' || *p == '-' || *p == ',' || *p == ';')
      p++;
    if (!*p)
      break;
    static const char *const words[] = {"hoc vien", "hv", "d/c", "nguoi"};
    bool word = false;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
      size_t wl = strlen(words[k]);
      if (strncmp(p, words[k], wl) == 0 && (p[wl] == '\0' || p[wl] == ' ')) {
        p += wl;
        word = true;
        break;
      }
    }
    if (word)
      continue;
    long c;
    if (!llct_read_count(&p, &c))
      return -1;
    if (*p && *p != ' ' && *p != ',' && *p != ';')
      return -1;
    v[n++] = c;
  }
  *out = v;
  return n;
}
