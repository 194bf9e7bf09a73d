/* urlencoded forms, query strings, cookies and Content-Type parameters. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

void cadre_pairs_init(struct cadre_pairs *p, size_t max) {
  p->items = NULL;
  p->n = p->cap = 0;
  p->max = max;
}

enum cadre_parse_err cadre_pairs_push(cadre_arena *a, struct cadre_pairs *p, struct cadre_pair pair) {
  if (p->n >= p->max)
    return CADRE_PARSE_TOO_MANY;
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 16;
    struct cadre_pair *items = cadre_arena_calloc(a, cap, sizeof(*items));
    if (!items)
      return CADRE_PARSE_NOMEM;
    if (p->n)
      memcpy(items, p->items, p->n * sizeof(*items));
    p->items = items;
    p->cap = cap;
  }
  p->items[p->n++] = pair;
  return CADRE_PARSE_OK;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = tolower(c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Decodes %XX and '+' into a fresh arena string; rejects bad escapes,
 * NUL bytes and invalid UTF-8. */
static enum cadre_parse_err url_decode(cadre_arena *a, const char *s, size_t len, char **out,
                                       size_t *outlen) {
  char *d = cadre_arena_alloc(a, len + 1);
  if (!d)
    return CADRE_PARSE_NOMEM;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == '+') {
      d[o++] = ' ';
    } else if (c == '%') {
      if (i + 2 >= len)
        return CADRE_PARSE_MALFORMED;
      int hi = hexval((unsigned char)s[i + 1]);
      int lo = hexval((unsigned char)s[i + 2]);
      if (hi < 0 || lo < 0)
        return CADRE_PARSE_MALFORMED;
      char v = (char)(hi * 16 + lo);
      if (v == '\0')
        return CADRE_PARSE_NUL;
      d[o++] = v;
      i += 2;
    } else if (c == '\0') {
      return CADRE_PARSE_NUL;
    } else {
      d[o++] = c;
    }
  }
  d[o] = '\0';
  if (!cadre_utf8_valid(d, o))
    return CADRE_PARSE_BAD_UTF8;
  *out = d;
  *outlen = o;
  return CADRE_PARSE_OK;
}

enum cadre_parse_err cadre_parse_urlencoded(cadre_arena *a, const char *s, size_t len,
                                            struct cadre_pairs *out) {
  size_t i = 0;
  while (i < len) {
    size_t start = i;
    while (i < len && s[i] != '&')
      i++;
    size_t seg = i - start;
    if (i < len)
      i++; /* skip '&' */
    if (seg == 0)
      continue; /* "a=1&&b=2" */
    const char *eq = memchr(s + start, '=', seg);
    size_t nlen = eq ? (size_t)(eq - (s + start)) : seg;
    const char *v = eq ? eq + 1 : s + start + seg;
    size_t vlen = eq ? seg - nlen - 1 : 0;
    if (nlen == 0)
      return CADRE_PARSE_MALFORMED;
    char *name, *value;
    size_t dn, dv;
    enum cadre_parse_err e = url_decode(a, s + start, nlen, &name, &dn);
    if (e)
      return e;
    e = url_decode(a, v, vlen, &value, &dv);
    if (e)
      return e;
    struct cadre_pair pair = {.name = name, .value = value, .len = dv};
    e = cadre_pairs_push(a, out, pair);
    if (e)
      return e;
  }
  return CADRE_PARSE_OK;
}

const char *cadre_cookie_get(cadre_arena *a, const char *header, const char *name) {
  if (!header)
    return NULL;
  size_t nlen = strlen(name);
  const char *p = header;
  while (*p) {
    while (*p == ' ' || *p == ';')
      p++;
    const char *end = strchr(p, ';');
    size_t seg = end ? (size_t)(end - p) : strlen(p);
    if (seg > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
      const char *v = p + nlen + 1;
      size_t vlen = seg - nlen - 1;
      if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
        v++;
        vlen -= 2;
      }
      return cadre_arena_strndup(a, v, vlen);
    }
    p += seg;
  }
  return NULL;
}

int cadre_ctype_is(const char *ctype, const char *media) {
  if (!ctype)
    return 0;
  while (*ctype == ' ')
    ctype++;
  size_t n = strlen(media);
  if (strncasecmp(ctype, media, n) != 0)
    return 0;
  char c = ctype[n];
  return c == '\0' || c == ';' || c == ' ';
}

const char *cadre_ctype_param(cadre_arena *a, const char *ctype, const char *param) {
  if (!ctype)
    return NULL;
  size_t plen = strlen(param);
  const char *p = strchr(ctype, ';');
  while (p) {
    p++;
    while (*p == ' ')
      p++;
    if (strncasecmp(p, param, plen) == 0 && p[plen] == '=') {
      const char *v = p + plen + 1;
      if (*v == '"') {
        const char *q = strchr(v + 1, '"');
        if (!q)
          return NULL;
        return cadre_arena_strndup(a, v + 1, (size_t)(q - v - 1));
      }
      size_t vlen = strcspn(v, "; ");
      return cadre_arena_strndup(a, v, vlen);
    }
    p = strchr(p, ';');
  }
  return NULL;
}
