/* cadre_parse_urlencoded() on query strings and form bodies; the same bytes
 * as a Cookie header and a Content-Type. */
#include "fuzz.h"

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  struct cadre_pairs p;
  cadre_pairs_init(&p, 64);
  enum cadre_parse_err e = cadre_parse_urlencoded(a, (const char *)data, size, &p);
  CHECK(p.n <= 64);
  if (e == CADRE_PARSE_OK) {
    for (size_t i = 0; i < p.n; i++) {
      const struct cadre_pair *x = &p.items[i];
      CHECK(x->name && x->name[0]);
      CHECK(x->value && strlen(x->value) == x->len); /* no NUL inside */
      CHECK(x->len <= size);
      CHECK(cadre_utf8_valid(x->name, strlen(x->name)));
      CHECK(cadre_utf8_valid(x->value, x->len));
    }
  }
  /* header parsers work on NUL-terminated text */
  char *s = cadre_arena_strndup(a, (const char *)data, size);
  if (s) {
    const char *names[] = {"session", "a", "cadre_session", ""};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
      const char *v = cadre_cookie_get(a, s, names[i]);
      if (v)
        CHECK(strlen(v) <= strlen(s));
    }
    const char *b = cadre_ctype_param(a, s, "boundary");
    if (b)
      CHECK(strlen(b) <= strlen(s));
    (void)cadre_ctype_param(a, s, "charset");
    (void)cadre_ctype_is(s, "multipart/form-data");
    (void)cadre_ctype_is(s, "application/json");
  }
  cadre_arena_free(a);
  return 0;
}
