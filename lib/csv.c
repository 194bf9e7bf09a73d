/* CSV reading and writing (RFC 4180), used by importers and exports. */
#include "cadre/export.h"

#include <string.h>

void cadre_csv_init(cadre_csv *r, const char *data, size_t len, char sep) {
  r->p = data;
  r->end = data + len;
  r->line = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    r->p += 3;
  if (sep == 0) {
    /* The separator is whichever of , ; TAB appears most on the first line
     * (Excel in a Vietnamese locale writes ';'). */
    size_t counts[3] = {0, 0, 0};
    static const char cands[3] = {',', ';', '\t'};
    for (const char *q = r->p; q < r->end && *q != '\n'; q++)
      for (int k = 0; k < 3; k++)
        if (*q == cands[k])
          counts[k]++;
    int best = 0;
    for (int k = 1; k < 3; k++)
      if (counts[k] > counts[best])
        best = k;
    sep = cands[best];
  }
  r->sep = sep;
}

int cadre_csv_next(cadre_csv *r, cadre_arena *a, char **fields, int max) {
  if (r->p >= r->end)
    return 0;
  r->line++;
  long start_line = r->line;
  cadre_buf field;
  int n = 0;
  bool overflow = false; /* more than max fields: read on to the record's end */
  const char *p = r->p;
  for (;;) {
    cadre_buf_init(&field, a);
    if (p < r->end && *p == '"') {
      p++;
      for (;;) {
        if (p >= r->end) {
          r->p = p;
          r->line = start_line;
          return -1;
        }
        if (*p == '"') {
          if (p + 1 < r->end && p[1] == '"') {
            cadre_buf_putc(&field, '"');
            p += 2;
            continue;
          }
          p++;
          break;
        }
        if (*p == '\n')
          r->line++;
        cadre_buf_putc(&field, *p++);
      }
      /* text after the closing quote up to the separator is kept verbatim */
      while (p < r->end && *p != r->sep && *p != '\n' && *p != '\r')
        cadre_buf_putc(&field, *p++);
    } else {
      while (p < r->end && *p != r->sep && *p != '\n' && *p != '\r')
        cadre_buf_putc(&field, *p++);
    }
    /* Extra fields are parsed like the others (not skipped to the next
     * '\n', which may sit inside a quoted field) so the reader stays in
     * sync with the next record. */
    if (n >= max)
      overflow = true;
    else
      fields[n++] = field.data ? field.data : (char *)"";
    if (p < r->end && *p == r->sep) {
      p++;
      continue;
    }
    if (p < r->end && *p == '\r')
      p++;
    if (p < r->end && *p == '\n')
      p++;
    break;
  }
  r->p = p;
  return overflow ? -2 : n;
}

void cadre_csv_put(cadre_buf *b, const char *field, char sep) {
  if (!field)
    field = "";
  bool quote = strchr(field, '"') || strchr(field, sep) || strchr(field, '\n') || strchr(field, '\r');
  /* A leading = + - @ would be read by Excel as a formula: prefix a quote
   * mark so exported names cannot inject formulas. */
  bool formula = field[0] == '=' || field[0] == '+' || field[0] == '@' ||
                 (field[0] == '-' && field[1] && (field[1] < '0' || field[1] > '9'));
  if (!quote && !formula) {
    cadre_buf_puts(b, field);
    return;
  }
  cadre_buf_putc(b, '"');
  if (formula)
    cadre_buf_putc(b, '\'');
  for (const char *p = field; *p; p++) {
    if (*p == '"')
      cadre_buf_putc(b, '"');
    cadre_buf_putc(b, *p);
  }
  cadre_buf_putc(b, '"');
}
