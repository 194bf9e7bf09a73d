/* cadre_parse_json_body(): the object's members become pairs. */
#include "fuzz.h"

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  struct cadre_pairs p;
  cadre_pairs_init(&p, 64);
  json_t *root = NULL;
  char err[200];
  err[0] = '\0';
  enum cadre_parse_err e = cadre_parse_json_body(a, (const char *)data, size, &p, &root, err, sizeof(err));
  CHECK(strlen(err) < sizeof(err));
  if (e == CADRE_PARSE_OK) {
    CHECK(json_is_object(root));
    CHECK(p.n == json_object_size(root));
    for (size_t i = 0; i < p.n; i++) {
      const struct cadre_pair *x = &p.items[i];
      CHECK(x->name && cadre_utf8_valid(x->name, strlen(x->name)));
      CHECK(x->json);
      if (x->value) {
        CHECK(strlen(x->value) == x->len);
        CHECK(cadre_utf8_valid(x->value, x->len));
      } else {
        CHECK(json_is_null(x->json) || json_is_array(x->json) || json_is_object(x->json));
      }
    }
  } else {
    CHECK(p.n == 0 || e == CADRE_PARSE_TOO_MANY || e == CADRE_PARSE_NUL);
  }
  cadre_arena_free(a);
  return 0;
}
