/*
 * Scores as whole hundredths of a point. Officials type "9,5" as often as
 * "9.5"; both mean 950. Parsing is done here rather than through a double so
 * that "0.1 + 0.2" can never turn a tie into a win.
 */
#include "rules.h"

#include <ctype.h>
#include <stdio.h>

bool em_pts_parse(const char *s, em_pts *out) {
  if (!s)
    return false;
  while (*s == ' ')
    s++;
  em_pts whole = 0;
  int digits = 0;
  for (; isdigit((unsigned char)*s); s++, digits++) {
    whole = whole * 10 + (*s - '0');
    if (whole > EM_PTS_MAX / 100)
      return false;
  }
  em_pts frac = 0;
  int decimals = 0;
  if (*s == '.' || *s == ',') {
    s++;
    for (; isdigit((unsigned char)*s); s++, decimals++) {
      if (decimals == 2)
        return false; /* 9.125 cannot be stored exactly: refuse, don't round */
      frac = frac * 10 + (*s - '0');
    }
    if (decimals == 0)
      return false; /* "9." */
  }
  while (*s == ' ')
    s++;
  if (*s != '\0' || digits == 0)
    return false;
  if (decimals == 1)
    frac *= 10;
  *out = whole * 100 + frac;
  return true;
}

void em_pts_format(em_pts p, char *buf, size_t size) {
  const char *sign = "";
  if (p < 0) {
    sign = "-";
    p = -p;
  }
  long long whole = (long long)(p / 100), frac = (long long)(p % 100);
  if (frac == 0)
    snprintf(buf, size, "%s%lld", sign, whole);
  else if (frac % 10 == 0)
    snprintf(buf, size, "%s%lld.%lld", sign, whole, frac / 10);
  else
    snprintf(buf, size, "%s%lld.%02lld", sign, whole, frac);
}
