/* cadre_parse_multipart(). The first two bytes choose the limits (files
 * allowed, bytes per file); the rest is the body, with the boundary
 * "B0undary". */
#include "fuzz.h"

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  size_t max_files = data[0] % 8;
  size_t max_file = (size_t)data[1] * 64;
  const char *body = (const char *)data + 2;
  size_t len = size - 2;
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  struct cadre_pairs p;
  cadre_pairs_init(&p, 32);
  cadre_upload *files = NULL;
  size_t nfiles = 0;
  enum cadre_parse_err e =
      cadre_parse_multipart(a, body, len, "B0undary", max_file, max_files, &p, &files, &nfiles);
  if (e == CADRE_PARSE_OK) {
    CHECK(nfiles <= max_files);
    CHECK(nfiles <= p.n);
    for (size_t i = 0; i < nfiles; i++) {
      const cadre_upload *u = &files[i];
      CHECK(u->size > 0 && u->size <= max_file);
      CHECK((const char *)u->data >= body && (const char *)u->data + u->size <= body + len);
      size_t fl = strlen(u->filename);
      CHECK(fl > 0 && fl <= 200);
      CHECK(cadre_utf8_valid(u->filename, fl));
      CHECK(!strchr(u->filename, '/') && !strchr(u->filename, '\\'));
      CHECK(!cadre_has_control(u->filename, fl, false)); /* C0, DEL and C1 are dropped */
      CHECK(u->field && u->field[0]);
    }
    for (size_t i = 0; i < p.n; i++) {
      const struct cadre_pair *x = &p.items[i];
      CHECK(x->name && x->name[0] && cadre_utf8_valid(x->name, strlen(x->name)));
      if (x->file) {
        CHECK(x->file >= files && x->file < files + nfiles);
      } else {
        CHECK(strlen(x->value) == x->len);
        CHECK(cadre_utf8_valid(x->value, x->len));
      }
    }
  }
  /* the boundary as a browser sends it, through the Content-Type parser */
  char *ct = cadre_arena_strndup(a, body, len < 300 ? len : 300);
  if (ct) {
    const char *b = cadre_ctype_param(a, ct, "boundary");
    if (b && *b) {
      cadre_pairs_init(&p, 32);
      (void)cadre_parse_multipart(a, body, len, b, max_file, max_files, &p, &files, &nfiles);
    }
  }
  cadre_arena_free(a);
  return 0;
}
