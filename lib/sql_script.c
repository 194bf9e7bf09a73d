/* See sql_script.h. */
#include "sql_script.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

char *cadre_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (n < cap - 1)
      break;
    cap *= 2;
    char *nb = realloc(buf, cap);
    if (!nb) {
      free(buf);
      buf = NULL;
    }
    buf = nb;
  }
  int failed = ferror(f);
  fclose(f);
  if (!buf || failed) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  if (len)
    *len = n;
  return buf;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

char **cadre_sql_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return NULL;
  size_t n = 0, cap = 16;
  char **list = calloc(cap + 1, sizeof(char *));
  struct dirent *e;
  while (list && (e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0 || e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap *= 2;
      char **nl = realloc(list, (cap + 1) * sizeof(char *));
      if (!nl)
        break;
      list = nl;
    }
    list[n++] = strdup(e->d_name);
    list[n] = NULL;
  }
  closedir(d);
  if (list)
    qsort(list, n, sizeof(char *), by_name);
  return list;
}

void cadre_free_list(char **list) {
  for (char **p = list; p && *p; p++)
    free(*p);
  free(list);
}

static int is_comment_line(const char *line, size_t len) {
  size_t i = 0;
  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i + 1 < len && line[i] == '-' && line[i + 1] == '-';
}

static int is_blank_line(const char *line, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return 0;
  return 1;
}

int cadre_sql_run_script(MYSQL *my, const char *text, size_t len, char *err, size_t errlen) {
  const char *stmt = text;
  int line_no = 1, stmt_line = 1;
  bool in_stmt = false; /* a line of SQL seen since the last terminator */
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = eol ? eol : end;
    /* Errors name the statement's first line of SQL, not the blank lines
     * and comments before it (a file's header comment is line 1). */
    if (!in_stmt) {
      if (is_blank_line(p, (size_t)(line_end - p)) || is_comment_line(p, (size_t)(line_end - p)))
        stmt_line = line_no + 1;
      else
        in_stmt = true;
    }
    const char *q = line_end;
    while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
      q--;
    bool terminator = q > p && q[-1] == ';' && !is_comment_line(p, (size_t)(line_end - p));
    if (terminator) {
      size_t n = (size_t)(q - 1 - stmt);
      if (mysql_real_query(my, stmt, n) != 0) {
        snprintf(err, errlen, "statement at line %d: %u %s", stmt_line, mysql_errno(my), mysql_error(my));
        return -1;
      }
      /* drain any result (a SELECT in a data script) */
      do {
        MYSQL_RES *r = mysql_store_result(my);
        if (r)
          mysql_free_result(r);
      } while (mysql_next_result(my) == 0);
      stmt = line_end + (eol ? 1 : 0);
      stmt_line = line_no + 1;
      in_stmt = false;
    }
    p = line_end + (eol ? 1 : 0);
    line_no++;
  }
  /* trailing text that is not only blank or comments means a missing ';' */
  for (const char *s = stmt; s < end;) {
    const char *eol = memchr(s, '\n', (size_t)(end - s));
    const char *le = eol ? eol : end;
    const char *t = s;
    while (t < le && (*t == ' ' || *t == '\t' || *t == '\r'))
      t++;
    if (t < le && !is_comment_line(s, (size_t)(le - s))) {
      snprintf(err, errlen, "statement at line %d has no terminating ';'", stmt_line);
      return -1;
    }
    s = le + (eol ? 1 : 0);
  }
  return 0;
}
