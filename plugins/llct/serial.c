/*
 * Diploma-blank serials (phôi bằng): parsing what officials type ("LL
 * 000123"), cutting a held range when part of it moves, merging ranges for
 * display, and closing a reconciliation. Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llct.h"

bool llct_serial_parse(const char *s, llct_serial *out) {
  memset(out, 0, sizeof(*out));
  if (!s)
    return false;
  while (*s == ' ')
    s++;
  size_t n = 0;
  while (isalpha((unsigned char)*s)) {
    if (n + 1 >= sizeof(out->series))
      return false;
    out->series[n++] = (char)toupper((unsigned char)*s++);
  }
  out->series[n] = '\0';
  if (*s == ' ' || *s == '-')
    s++;
  int width = 0;
  int64_t v = 0;
  while (isdigit((unsigned char)*s)) {
    if (width == 15) /* a serial is at most 15 digits */
      return false;
    v = v * 10 + (*s++ - '0');
    width++;
  }
  while (*s == ' ')
    s++;
  if (width == 0 || *s)
    return false;
  out->number = v;
  out->width = width;
  return true;
}

void llct_serial_format(const char *series, int64_t number, int width, char *buf, size_t size) {
  snprintf(buf, size, "%s%0*lld", series ? series : "", width > 0 && width < 20 ? width : 1,
           (long long)number);
}

bool llct_range_overlaps(llct_range a, llct_range b) { return a.first <= b.last && b.first <= a.last; }

bool llct_range_cut(llct_range whole, llct_range part, llct_range *left, llct_range *right, int *pieces) {
  if (part.first > part.last || part.first < whole.first || part.last > whole.last)
    return false;
  *left = (llct_range){whole.first, part.first - 1};
  *right = (llct_range){part.last + 1, whole.last};
  *pieces = (left->first <= left->last) + (right->first <= right->last);
  return true;
}

static int cmp_range(const void *x, const void *y) {
  const llct_range *a = x, *b = y;
  return (a->first > b->first) - (a->first < b->first);
}

int llct_range_merge(llct_range *v, int n) {
  if (n <= 1)
    return n;
  qsort(v, (size_t)n, sizeof(*v), cmp_range);
  int w = 0;
  for (int i = 1; i < n; i++) {
    if (v[i].first <= v[w].last + 1) {
      if (v[i].last > v[w].last)
        v[w].last = v[i].last;
    } else {
      v[++w] = v[i];
    }
  }
  return w + 1;
}

void llct_recon_close(llct_recon *r) {
  r->closing = r->opening + r->received - r->moved_out - r->issued - r->voided;
  r->balanced = r->on_hand == LLCT_NONE || r->on_hand == r->closing;
}
