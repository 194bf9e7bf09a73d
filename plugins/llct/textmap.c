/*
 * Text helpers for the plan parser: message lists, folded text that remembers
 * where each byte came from, Markdown marks and counts as officials write
 * them. Pure: no database, no request.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "llct.h"

void llct_msgs_init(llct_msgs *m, cadre_arena *a) {
  m->arena = a;
  m->v = NULL;
  m->n = m->cap = 0;
}

void llct_msg_add(llct_msgs *m, long line, const char *code, const char *fmt, ...) {
  if (m->n == m->cap) {
    int cap = m->cap ? m->cap * 2 : 8;
    llct_msg *v = cadre_arena_calloc(m->arena, (size_t)cap, sizeof(*v));
    if (!v)
      return;
    if (m->n)
      memcpy(v, m->v, (size_t)m->n * sizeof(*v));
    m->v = v;
    m->cap = cap;
  }
  va_list ap;
  va_start(ap, fmt);
  char *text = cadre_arena_vprintf(m->arena, fmt, ap);
  va_end(ap);
  m->v[m->n++] = (llct_msg){.line = line, .code = code, .text = text};
}

/* ---- folded text with offsets -------------------------------------------- */

static size_t utf8_seq_len(unsigned char c) {
  if (c < 0x80)
    return 1;
  if ((c & 0xE0) == 0xC0)
    return 2;
  if ((c & 0xF0) == 0xE0)
    return 3;
  if ((c & 0xF8) == 0xF0)
    return 4;
  return 1;
}

static bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool llct_fold_map(cadre_arena *a, const char *s, size_t len, llct_folded *out) {
  /* Folding never makes text longer: every code point folds to at most its
   * own bytes. */
  out->s = cadre_arena_alloc(a, len + 1);
  out->orig = cadre_arena_calloc(a, len + 1, sizeof(size_t));
  if (!out->s || !out->orig)
    return false;
  size_t o = 0;
  bool pending_space = false;
  size_t space_at = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    size_t n = utf8_seq_len(c);
    if (i + n > len)
      n = len - i;
    bool nbsp = n == 2 && c == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
    if (is_ascii_space(c) || nbsp) {
      if (o > 0 && !pending_space) {
        pending_space = true;
        space_at = i;
      }
      i += n;
      continue;
    }
    const char *piece;
    size_t plen;
    char one[2];
    if (c < 0x80) {
      one[0] = (char)tolower(c);
      one[1] = '\0';
      piece = one;
      plen = 1;
    } else {
      char cp[5];
      memcpy(cp, s + i, n);
      cp[n] = '\0';
      piece = cadre_fold(a, cp);
      if (!piece)
        return false;
      plen = strlen(piece);
    }
    if (plen == 0) { /* a combining mark or an exotic space: dropped */
      i += n;
      continue;
    }
    if (pending_space) {
      out->orig[o] = space_at;
      out->s[o++] = ' ';
      pending_space = false;
    }
    for (size_t k = 0; k < plen; k++) {
      out->orig[o] = i;
      out->s[o++] = piece[k];
    }
    i += n;
  }
  out->s[o] = '\0';
  out->orig[o] = len;
  out->len = o;
  return true;
}

long llct_folded_find(const llct_folded *f, const char *needle, size_t from) {
  if (from > f->len)
    return -1;
  const char *hit = strstr(f->s + from, needle);
  return hit ? (long)(hit - f->s) : -1;
}

char *llct_folded_cut(cadre_arena *a, const llct_folded *f, const char *orig, size_t fb, size_t fe) {
  if (fe > f->len)
    fe = f->len;
  if (fb >= fe)
    return cadre_arena_strdup(a, "");
  size_t ob = f->orig[fb];
  /* the end is the start of the byte after the last folded one, or the end
   * of the last original code point */
  size_t last = f->orig[fe - 1];
  size_t oe = last + utf8_seq_len((unsigned char)orig[last]);
  /* a folded run may end inside a multi-byte original (combining marks
   * after a base letter): extend over marks that folded away */
  if (fe < f->len && f->orig[fe] > oe)
    oe = f->orig[fe];
  char *raw = cadre_arena_strndup(a, orig + ob, oe - ob);
  return raw ? cadre_tidy(a, raw) : NULL;
}

char *llct_strip_marks(cadre_arena *a, const char *s) {
  size_t len = strlen(s);
  char *out = cadre_arena_alloc(a, len + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    /* "**bold**" and "*italic*" from a PDF-to-Markdown extraction; a lone
     * "*" line (a decorative asterisk) disappears too. */
    if (s[i] == '*')
      continue;
    out[o++] = s[i];
  }
  out[o] = '\0';
  return out;
}

bool llct_read_count(const char **pp, long *out) {
  const char *p = *pp;
  if (!isdigit((unsigned char)*p))
    return false;
  char buf[32];
  size_t n = 0;
  /* digits with '.' or ',' between groups of three: "1.046", "1,756" */
  while (n + 1 < sizeof(buf)) {
    bool digit = isdigit((unsigned char)*p);
    bool separator = (*p == '.' || *p == ',') && isdigit((unsigned char)p[1]) &&
                     isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                     !isdigit((unsigned char)p[4]);
    if (!digit && !separator)
      break;
    buf[n++] = *p++;
  }
  buf[n] = '\0';
  if (!cadre_parse_count(buf, out))
    return false;
  *pp = p;
  return true;
}
