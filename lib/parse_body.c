/* multipart/form-data and JSON request bodies. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

/* ---- multipart ------------------------------------------------------------ */

static const char *find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen) {
  if (nlen == 0 || hlen < nlen)
    return NULL;
  return memmem(hay, hlen, needle, nlen);
}

/* Extracts name="…" (or filename="…") from a Content-Disposition value. */
static const char *disp_param(cadre_arena *a, const char *line, size_t len, const char *key) {
  size_t klen = strlen(key);
  for (size_t i = 0; i + klen + 2 <= len; i++) {
    if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') && strncasecmp(line + i, key, klen) == 0 &&
        line[i + klen] == '=') {
      const char *v = line + i + klen + 1;
      size_t rest = len - (size_t)(v - line);
      if (rest && *v == '"') {
        const char *q = memchr(v + 1, '"', rest - 1);
        if (!q)
          return NULL;
        return cadre_arena_strndup(a, v + 1, (size_t)(q - v - 1));
      }
      size_t vlen = 0;
      while (vlen < rest && v[vlen] != ';' && v[vlen] != ' ')
        vlen++;
      return cadre_arena_strndup(a, v, vlen);
    }
  }
  return NULL;
}

/* Keeps only the last path component and drops control characters, so a
 * browser-sent name can be shown and stored safely. */
static const char *clean_filename(cadre_arena *a, const char *name) {
  const char *base = name;
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  char *out = cadre_arena_strdup(a, base);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; out[i]; i++) {
    unsigned char c = (unsigned char)out[i];
    if (c < 0x20 || c == 0x7F)
      continue;
    /* C1 controls U+0080–U+009F are C2 80 … C2 9F (out[i + 1] is at worst
     * the terminating NUL) */
    if (c == 0xC2 && (unsigned char)out[i + 1] >= 0x80 && (unsigned char)out[i + 1] <= 0x9F) {
      i++;
      continue;
    }
    out[o++] = out[i];
  }
  out[o] = '\0';
  if (o > 200) {
    /* Cut on a character boundary: a cut inside a multi-byte letter would
     * make the whole (valid) name fall back to "tep-tai-len" below. */
    o = 200;
    while (o > 0 && ((unsigned char)out[o] & 0xC0) == 0x80)
      o--;
    out[o] = '\0';
  }
  if (!cadre_utf8_valid(out, strlen(out)))
    return "tep-tai-len";
  return o ? out : "tep-tai-len";
}

enum cadre_parse_err cadre_parse_multipart(cadre_arena *a, const char *body, size_t len, const char *boundary,
                                           size_t max_file, size_t max_files, struct cadre_pairs *out,
                                           cadre_upload **files, size_t *nfiles) {
  if (!boundary || !*boundary || strlen(boundary) > 200)
    return CADRE_PARSE_MALFORMED;
  char *delim = cadre_arena_printf(a, "\r\n--%s", boundary);
  if (!delim)
    return CADRE_PARSE_NOMEM;
  size_t dlen = strlen(delim);
  cadre_upload *list = cadre_arena_calloc(a, max_files ? max_files : 1, sizeof(*list));
  if (!list)
    return CADRE_PARSE_NOMEM;
  size_t nf = 0;

  /* The body starts with the delimiter minus its leading CRLF. */
  if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
    return CADRE_PARSE_MALFORMED;
  const char *p = body + (dlen - 2);
  const char *end = body + len;
  for (;;) {
    if (end - p >= 2 && p[0] == '-' && p[1] == '-')
      break; /* closing delimiter */
    if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
      return CADRE_PARSE_MALFORMED;
    p += 2;
    const char *hend = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
    if (!hend)
      return CADRE_PARSE_MALFORMED;
    const char *name = NULL, *filename = NULL;
    for (const char *line = p; line < hend;) {
      const char *eol = find_bytes(line, (size_t)(hend - line) + 2, "\r\n", 2);
      size_t llen = (size_t)(eol - line);
      if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
        name = disp_param(a, line + 20, llen - 20, "name");
        filename = disp_param(a, line + 20, llen - 20, "filename");
      }
      line = eol + 2;
    }
    const char *data = hend + 4;
    const char *next = find_bytes(data, (size_t)(end - data), delim, dlen);
    if (!next || !name || !*name)
      return CADRE_PARSE_MALFORMED;
    size_t dsize = (size_t)(next - data);
    if (!cadre_utf8_valid(name, strlen(name)))
      return CADRE_PARSE_BAD_UTF8;
    if (filename) {
      if (nf >= max_files)
        return CADRE_PARSE_TOO_MANY;
      if (dsize > max_file)
        return CADRE_PARSE_TOO_LARGE;
      /* A file input left empty sends a part with no data: not a file. */
      if (dsize > 0) {
        const char *fname = clean_filename(a, filename);
        if (!fname)
          return CADRE_PARSE_NOMEM;
        list[nf] = (cadre_upload){
            .field = name, .filename = fname, .data = (const unsigned char *)data, .size = dsize};
        struct cadre_pair pair = {
            .name = name, .value = list[nf].filename, .len = strlen(list[nf].filename), .file = &list[nf]};
        nf++;
        enum cadre_parse_err e = cadre_pairs_push(a, out, pair);
        if (e)
          return e;
      }
    } else {
      if (memchr(data, '\0', dsize))
        return CADRE_PARSE_NUL;
      if (!cadre_utf8_valid(data, dsize))
        return CADRE_PARSE_BAD_UTF8;
      char *value = cadre_arena_strndup(a, data, dsize);
      if (!value)
        return CADRE_PARSE_NOMEM;
      enum cadre_parse_err e =
          cadre_pairs_push(a, out, (struct cadre_pair){.name = name, .value = value, .len = dsize});
      if (e)
        return e;
    }
    p = next + dlen;
  }
  *files = list;
  *nfiles = nf;
  return CADRE_PARSE_OK;
}

/* ---- JSON ----------------------------------------------------------------- */

static void decref(void *p) { json_decref(p); }

static const char *scalar_text(cadre_arena *a, json_t *v) {
  switch (json_typeof(v)) {
  case JSON_STRING: return json_string_value(v);
  case JSON_INTEGER: return cadre_arena_printf(a, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  case JSON_REAL:
    /* 15 significant digits: 0.1 stays "0.1", not "0.10000000000000001" */
    return cadre_arena_printf(a, "%.15g", json_real_value(v));
  case JSON_TRUE: return "1";
  case JSON_FALSE: return "0";
  default: return NULL;
  }
}

enum cadre_parse_err cadre_parse_json_body(cadre_arena *a, const char *body, size_t len,
                                           struct cadre_pairs *out, json_t **root, char *err, size_t errlen) {
  json_error_t jerr;
  /* jansson rejects invalid UTF-8 and, with this flag, duplicate keys. */
  json_t *doc = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
  if (!doc) {
    /* jansson's own text is English and may quote the input: position only */
    snprintf(err, errlen, "dòng %d, cột %d", jerr.line, jerr.column);
    return CADRE_PARSE_MALFORMED;
  }
  if (cadre_arena_defer(a, decref, doc) != 0)
    return CADRE_PARSE_NOMEM;
  *root = doc;
  if (!json_is_object(doc)) {
    snprintf(err, errlen, "nội dung JSON phải là một đối tượng");
    return CADRE_PARSE_MALFORMED;
  }
  const char *key;
  json_t *value;
  json_object_foreach(doc, key, value) {
    if (memchr(key, '\0', strlen(key)) != NULL)
      return CADRE_PARSE_NUL;
    struct cadre_pair pair = {.name = key, .json = value};
    if (json_is_string(value)) {
      pair.value = json_string_value(value);
      pair.len = json_string_length(value);
      if (memchr(pair.value, '\0', pair.len))
        return CADRE_PARSE_NUL;
    } else {
      pair.value = scalar_text(a, value);
      pair.len = pair.value ? strlen(pair.value) : 0;
    }
    enum cadre_parse_err e = cadre_pairs_push(a, out, pair);
    if (e)
      return e;
  }
  return CADRE_PARSE_OK;
}
