/*
 * Input parsers shared by the host and tests: urlencoded (query strings and
 * form bodies), cookies, multipart/form-data and JSON bodies. All of them
 * work on bounded input already in memory, write into the request arena,
 * and report malformed input rather than guessing.
 */
#ifndef CADRE_PARSE_H
#define CADRE_PARSE_H

#include <stddef.h>

#include "request_internal.h"

enum cadre_parse_err {
  CADRE_PARSE_OK = 0,
  CADRE_PARSE_MALFORMED, /* bad escape, bad structure */
  CADRE_PARSE_TOO_MANY,  /* more pairs than allowed */
  CADRE_PARSE_BAD_UTF8,  /* a name or value is not valid UTF-8 */
  CADRE_PARSE_NUL,       /* an embedded NUL byte */
  CADRE_PARSE_TOO_LARGE, /* a part is bigger than allowed */
  CADRE_PARSE_NOMEM,
};

struct cadre_pairs {
  struct cadre_pair *items;
  size_t n, cap, max;
};

void cadre_pairs_init(struct cadre_pairs *p, size_t max);
/* Appends a pair; TOO_MANY beyond max. */
enum cadre_parse_err cadre_pairs_push(cadre_arena *a, struct cadre_pairs *p, struct cadre_pair pair);

/* "a=1&b=x+y%21" → pairs. */
enum cadre_parse_err cadre_parse_urlencoded(cadre_arena *a, const char *s, size_t len,
                                            struct cadre_pairs *out);
/* The value of one cookie from a Cookie header, or NULL. */
const char *cadre_cookie_get(cadre_arena *a, const char *header, const char *name);
/* The parameter of a Content-Type ("boundary", "charset"), unquoted. */
const char *cadre_ctype_param(cadre_arena *a, const char *ctype, const char *param);
/* Case-insensitive match of the media type part of a Content-Type. */
int cadre_ctype_is(const char *ctype, const char *media);

/* multipart/form-data body → text pairs and files (each file ≤ max_file). */
enum cadre_parse_err cadre_parse_multipart(cadre_arena *a, const char *body, size_t len, const char *boundary,
                                           size_t max_file, size_t max_files, struct cadre_pairs *out,
                                           cadre_upload **files, size_t *nfiles);

/* A JSON object body → pairs (members); *root receives the parsed value
 * (owned by the arena). Non-object bodies are MALFORMED. */
enum cadre_parse_err cadre_parse_json_body(cadre_arena *a, const char *body, size_t len,
                                           struct cadre_pairs *out, json_t **root, char *err, size_t errlen);

#endif
