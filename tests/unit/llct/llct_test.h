/*
 * Helpers shared by the llct unit tests: an arena per test, the repository's
 * seed file, and a parsed plan from a literal.
 */
#ifndef LLCT_TEST_H
#define LLCT_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/llct/llct.h"

static cadre_arena *A;

static inline int arena_setup(void **state) {
  (void)state;
  A = cadre_arena_new(1 << 16);
  return A ? 0 : -1;
}

static inline int arena_teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  A = NULL;
  return 0;
}

#define SEED_NAME "002_6031bf76cc89670a.txt"

/* The seed as the repository holds it, whatever directory the test runs in. */
static inline char *read_seed(size_t *len) {
  static const char *const dirs[] = {"data/seeds/", "../data/seeds/", "../../data/seeds/",
                                     "../../../data/seeds/", "../../../../data/seeds/"};
  for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
    char path[256];
    snprintf(path, sizeof(path), "%s%s", dirs[i], SEED_NAME);
    FILE *f = fopen(path, "rb");
    if (!f)
      continue;
    char *buf = cadre_arena_alloc(A, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
  }
  fail_msg("seed %s not found from the working directory", SEED_NAME);
  return NULL;
}

static inline int parse_text(const char *text, llct_pplan *p) {
  return llct_parse_plan(A, text, strlen(text), p);
}

/* The first message with this code, or NULL. */
static inline const llct_msg *find_msg(const llct_msgs *m, const char *code) {
  for (int i = 0; i < m->n; i++)
    if (strcmp(m->v[i].code, code) == 0)
      return &m->v[i];
  return NULL;
}

static inline const llct_pclass *find_class(const llct_pplan *p, const char *code) {
  for (int a = 0; a < p->napp; a++)
    for (int l = 0; l < p->app[a].nlines; l++)
      for (int c = 0; c < p->app[a].lines[l].nclasses; c++)
        if (strcmp(p->app[a].lines[l].classes[c].code, code) == 0)
          return &p->app[a].lines[l].classes[c];
  return NULL;
}

#endif
