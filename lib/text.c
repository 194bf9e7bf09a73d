/*
 * Vietnamese text helpers. Folding maps every precomposed Vietnamese letter
 * (and the common Latin-1/Extended-A accented letters) to its ASCII base and
 * drops combining marks, so both NFC and NFD input fold the same way.
 */
#include "cadre/text.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Decodes one code point; returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  if (len == 0)
    return 0;
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    v = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    v = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    v = c & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (len < n)
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return n;
}

bool cadre_utf8_valid(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    if (p[i] < 0x80) { /* fast path for ASCII runs */
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = utf8_decode(p + i, len - i, &cp);
    if (n == 0)
      return false;
    i += n;
  }
  return true;
}

size_t cadre_utf8_len(const char *s, size_t len) {
  size_t count = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      count++;
  return count;
}

bool cadre_has_control(const char *s, size_t len, bool allow_newlines) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = p[i];
    if (c < 0x20 || c == 0x7F) {
      if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      return true;
    }
    /* C1 controls U+0080–U+009F are encoded as C2 80 … C2 9F */
    if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
      return true;
  }
  return false;
}

/* ---- folding table ---------------------------------------------------- */

#define FOLD_MAX 0x2000
static unsigned char fold_table[FOLD_MAX]; /* 0 = keep as is */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static const struct {
  char base;
  const char *letters;
} fold_groups[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậäåāąÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄ"},
    {'e', "èéẻẽẹêềếểễệëēęěÈÉẺẼẸÊỀẾỂỄỆËĒĘĚ"},
    {'i', "ìíỉĩịîïīÌÍỈĨỊÎÏĪ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợöøōÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ"},
    {'u', "ùúủũụưừứửữựûüūůÙÚỦŨỤƯỪỨỬỮỰÛÜŪŮ"},
    {'y', "ỳýỷỹỵÿỲÝỶỸỴŸ"},
    {'d', "đĐðÐ"},
    {'c', "çćčÇĆČ"},
    {'n', "ñńňÑŃŇ"},
    {'s', "śšşŚŠŞ"},
    {'z', "źżžŹŻŽ"},
    {'r', "řŘ"},
    {'t', "ťţŤŢ"},
    {'l', "łŁ"},
    {'g', "ğĞ"},
};

static void fold_init(void) {
  for (size_t g = 0; g < sizeof(fold_groups) / sizeof(fold_groups[0]); g++) {
    const unsigned char *p = (const unsigned char *)fold_groups[g].letters;
    size_t len = strlen((const char *)p);
    size_t i = 0;
    while (i < len) {
      uint32_t cp;
      size_t n = utf8_decode(p + i, len - i, &cp);
      if (n == 0)
        break;
      if (cp < FOLD_MAX)
        fold_table[cp] = (unsigned char)fold_groups[g].base;
      i += n;
    }
  }
}

static bool is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static bool is_combining(uint32_t cp) { return (cp >= 0x0300 && cp <= 0x036F); }

/* Shared walker: tidy (collapse spaces, trim) with optional folding. */
static char *walk(cadre_arena *a, const char *s, bool fold) {
  if (!s)
    return NULL;
  if (fold)
    pthread_once(&fold_once, fold_init);
  size_t len = strlen(s);
  char *out = cadre_arena_alloc(a, len + 1);
  if (!out)
    return NULL;
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, o = 0;
  bool pending_space = false;
  while (i < len) {
    uint32_t cp;
    size_t n = utf8_decode(p + i, len - i, &cp);
    if (n == 0) { /* invalid byte: keep it, the caller validated earlier */
      cp = p[i];
      n = 1;
    }
    if (is_space_cp(cp)) {
      pending_space = o > 0;
      i += n;
      continue;
    }
    if (fold && is_combining(cp)) {
      i += n;
      continue;
    }
    if (pending_space) {
      out[o++] = ' ';
      pending_space = false;
    }
    if (fold && cp < 0x80) {
      out[o++] = (char)tolower((int)cp);
    } else if (fold && cp < FOLD_MAX && fold_table[cp]) {
      out[o++] = (char)fold_table[cp];
    } else {
      memcpy(out + o, p + i, n);
      o += n;
    }
    i += n;
  }
  out[o] = '\0';
  return out;
}

char *cadre_fold(cadre_arena *a, const char *s) { return walk(a, s, true); }

char *cadre_tidy(cadre_arena *a, const char *s) { return walk(a, s, false); }

bool cadre_fold_eq(cadre_arena *a, const char *x, const char *y) {
  char *fx = cadre_fold(a, x), *fy = cadre_fold(a, y);
  return fx && fy && strcmp(fx, fy) == 0;
}

/* ---- HTML tags -------------------------------------------------------- */

static const struct {
  const char *name;
  const char *text;
} entities[] = {
    {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},   {"&quot;", "\""},
    {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "},
};

/* Tag names whose boundary separates words (a space is put in their place). */
static bool tag_breaks(const char *tag, size_t n) {
  static const char *const breaking[] = {"br",  "p",  "/p",  "div", "/div", "li",
                                         "/li", "tr", "/tr", "td",  "/td"};
  for (size_t k = 0; k < sizeof(breaking) / sizeof(breaking[0]); k++) {
    size_t bl = strlen(breaking[k]);
    if (n >= bl && strncasecmp(tag, breaking[k], bl) == 0 &&
        (n == bl || tag[bl] == ' ' || tag[bl] == '/' || tag[bl] == '>'))
      return true;
  }
  return false;
}

char *cadre_strip_tags(cadre_arena *a, const char *s) {
  if (!s)
    return NULL;
  size_t len = strlen(s);
  char *out = cadre_arena_alloc(a, len + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    if (s[i] == '<' && i + 1 < len &&
        (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      const char *close = memchr(s + i, '>', len - i);
      if (close) {
        size_t tn = (size_t)(close - (s + i + 1));
        if (tag_breaks(s + i + 1, tn))
          out[o++] = ' ';
        i = (size_t)(close - s) + 1;
        continue;
      }
    }
    if (s[i] == '&') {
      bool done = false;
      for (size_t k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
        size_t el = strlen(entities[k].name);
        if (strncmp(s + i, entities[k].name, el) == 0) {
          size_t tl = strlen(entities[k].text);
          memcpy(out + o, entities[k].text, tl);
          o += tl;
          i += el;
          done = true;
          break;
        }
      }
      if (done)
        continue;
    }
    out[o++] = s[i++];
  }
  out[o] = '\0';
  return out;
}

/* ---- numbers as officials write them ------------------------------------ */

bool cadre_parse_count(const char *s, long *out) {
  if (!s)
    return false;
  while (*s == ' ')
    s++;
  size_t len = strlen(s);
  while (len && s[len - 1] == ' ')
    len--;
  if (len == 0)
    return false;
  long v = 0;
  int group = 0; /* digits since the last separator */
  bool seen_sep = false;
  char sep = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (v > (LONG_MAX - 9) / 10)
        return false;
      v = v * 10 + (c - '0');
      group++;
      continue;
    }
    if (c == '.' || c == ',' || c == ' ') {
      /* Thousands separators: the first group 1–3 digits, then exactly 3. */
      if ((seen_sep && group != 3) || (!seen_sep && (group == 0 || group > 3)))
        return false;
      if (sep && c != sep)
        return false;
      sep = c;
      seen_sep = true;
      group = 0;
      continue;
    }
    return false;
  }
  if (seen_sep && group != 3)
    return false;
  *out = v;
  return true;
}

char *cadre_like_contains(cadre_arena *a, const char *q) {
  if (!q)
    return NULL;
  cadre_buf b;
  cadre_buf_init(&b, a);
  cadre_buf_putc(&b, '%');
  for (const char *p = q; *p; p++) {
    if (*p == '%' || *p == '_' || *p == '\\')
      cadre_buf_putc(&b, '\\');
    cadre_buf_putc(&b, *p);
  }
  cadre_buf_putc(&b, '%');
  return b.failed ? NULL : b.data;
}
