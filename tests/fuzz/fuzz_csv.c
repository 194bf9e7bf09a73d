/* cadre_csv_next() over any bytes, and the round trip through
 * cadre_csv_put(): every record read, written back and read again, gives
 * the same fields (with the formula guard's leading quote). The first byte
 * picks the separator (0 = detect). */
#include "fuzz.h"

#include "cadre/export.h"

static bool guarded(const char *f) {
  return f[0] == '=' || f[0] == '+' || f[0] == '@' || (f[0] == '-' && f[1] && (f[1] < '0' || f[1] > '9'));
}

enum { MAXF = 16 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static const char seps[] = {0, ',', ';', '\t'};
  char sep = seps[data[0] % 4];
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  cadre_csv r, small;
  cadre_csv_init(&r, (const char *)data + 1, size - 1, sep);
  CHECK(r.sep == ',' || r.sep == ';' || r.sep == '\t');
  /* A second reader allowing only SMALL fields walks the same input in
   * lockstep: a record with too many fields (-2) must end exactly where
   * the full read of that record ends, or the reader is out of sync. */
  cadre_csv_init(&small, (const char *)data + 1, size - 1, sep);
  enum { SMALL = 2 };
  char *f[MAXF], *sf[SMALL];
  long last_line = 0;
  for (int rec = 0; rec < 100000; rec++) {
    const char *before = r.p;
    int n = cadre_csv_next(&r, a, f, MAXF);
    int sn = cadre_csv_next(&small, a, sf, SMALL);
    if (n >= 0 && n <= SMALL)
      CHECK(sn == n);
    else if (n > SMALL)
      CHECK(sn == -2);
    if (n != -1 && sn != -1) {
      CHECK(small.p == r.p);
      CHECK(small.line == r.line);
    }
    if (n == 0) {
      CHECK(r.p >= r.end);
      break;
    }
    CHECK(r.p > before && r.p <= r.end); /* always progresses, never past the end */
    CHECK(r.line > last_line);
    last_line = r.line;
    if (n == -1)
      break; /* unterminated quote: the rest is one broken field */
    if (n == -2)
      continue;
    CHECK(n >= 1 && n <= MAXF);
    /* round trip */
    if (n == 1 && f[0][0] == '\0')
      continue; /* a blank line */
    if (strncmp(f[0], "\xEF\xBB\xBF", 3) == 0)
      continue; /* would be taken for a BOM when read back */
    cadre_buf b;
    cadre_buf_init(&b, a);
    for (int i = 0; i < n; i++) {
      if (i)
        cadre_buf_putc(&b, r.sep);
      cadre_csv_put(&b, f[i], r.sep);
    }
    cadre_buf_puts(&b, "\r\n");
    CHECK(!b.failed);
    cadre_csv back;
    cadre_csv_init(&back, b.data, b.len, r.sep);
    char *g[MAXF];
    int m = cadre_csv_next(&back, a, g, MAXF);
    if (m != n) {
      fprintf(stderr, "round trip: %d fields, then %d (written: %s)\n", n, m, b.data);
      abort();
    }
    for (int i = 0; i < n; i++) {
      if (guarded(f[i])) {
        CHECK(g[i][0] == '\'' && strcmp(g[i] + 1, f[i]) == 0);
      } else if (strcmp(g[i], f[i]) != 0) {
        fprintf(stderr, "round trip: field %d \"%s\" came back \"%s\"\n", i, f[i], g[i]);
        abort();
      }
    }
    CHECK(cadre_csv_next(&back, a, g, MAXF) == 0);
  }
  cadre_arena_free(a);
  return 0;
}
