/*
 * Calendar arithmetic on civil dates (days from civil, after Howard
 * Hinnant's public-domain algorithm), with no time zone involved: business
 * dates are Vietnam dates, and "now" is shifted to UTC+7 once, here.
 */
#include "cadre/date.h"

#include <stdlib.h>
#include <string.h>

#define VN_UTC_OFFSET (7 * 3600)

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int cadre_days_in_month(int y, int m) {
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  return m == 2 && leap(y) ? 29 : dim[m - 1];
}

bool cadre_date_valid(int y, int m, int d) {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= cadre_days_in_month(y, m);
}

int64_t cadre_date_days(cadre_date dt) {
  int64_t y = dt.y - (dt.m <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (dt.m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

cadre_date cadre_date_from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  cadre_date r = {(int)(y + (m <= 2)), (int)m, (int)d};
  return r;
}

cadre_date cadre_date_add(cadre_date d, int days) { return cadre_date_from_days(cadre_date_days(d) + days); }

int64_t cadre_date_diff(cadre_date a, cadre_date b) { return cadre_date_days(b) - cadre_date_days(a); }

int cadre_date_cmp(cadre_date a, cadre_date b) {
  int64_t x = cadre_date_days(a), y = cadre_date_days(b);
  return x < y ? -1 : x > y;
}

/* Reads 1–max digits; returns digits read. */
static int read_num(const char *s, int max, int *out) {
  int n = 0, v = 0;
  while (n < max && s[n] >= '0' && s[n] <= '9') {
    v = v * 10 + (s[n] - '0');
    n++;
  }
  *out = v;
  return n;
}

bool cadre_date_parse(const char *s, cadre_date *out) {
  if (!s)
    return false;
  int a, b, c, n;
  /* yyyy-mm-dd */
  if ((n = read_num(s, 4, &a)) == 4 && s[4] == '-') {
    const char *p = s + 5;
    int k = read_num(p, 2, &b);
    if (k != 2 || p[2] != '-')
      return false;
    p += 3;
    k = read_num(p, 2, &c);
    if (k != 2 || p[2] != '\0')
      return false;
    if (!cadre_date_valid(a, b, c))
      return false;
    *out = (cadre_date){a, b, c};
    return true;
  }
  /* d/m/yyyy with /, - or . */
  n = read_num(s, 2, &a);
  if (n == 0 || (s[n] != '/' && s[n] != '-' && s[n] != '.'))
    return false;
  char sep = s[n];
  const char *p = s + n + 1;
  int k = read_num(p, 2, &b);
  if (k == 0 || p[k] != sep)
    return false;
  p += k + 1;
  k = read_num(p, 4, &c);
  if (k != 4 || p[4] != '\0')
    return false;
  if (!cadre_date_valid(c, b, a))
    return false;
  *out = (cadre_date){c, b, a};
  return true;
}

/* Fields are written digit by digit: dates here are always within
 * 1900–2200 (cadre_date_valid), which the compiler cannot know. */
static void put_digits(char *p, unsigned v, int width) {
  for (int i = width - 1; i >= 0; i--) {
    p[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

void cadre_date_iso(cadre_date d, char *buf) {
  put_digits(buf, (unsigned)d.y, 4);
  buf[4] = '-';
  put_digits(buf + 5, (unsigned)d.m, 2);
  buf[7] = '-';
  put_digits(buf + 8, (unsigned)d.d, 2);
  buf[10] = '\0';
}

void cadre_date_vn(cadre_date d, char *buf) {
  put_digits(buf, (unsigned)d.d, 2);
  buf[2] = '/';
  put_digits(buf + 3, (unsigned)d.m, 2);
  buf[5] = '/';
  put_digits(buf + 6, (unsigned)d.y, 4);
  buf[10] = '\0';
}

cadre_date cadre_date_of(time_t t) {
  int64_t secs = (int64_t)t + VN_UTC_OFFSET;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  return cadre_date_from_days(days);
}

cadre_date cadre_month_end(int y, int m) {
  cadre_date d = {y, m, cadre_days_in_month(y, m)};
  return d;
}

cadre_date cadre_quarter_end(int y, int q) { return cadre_month_end(y, q * 3); }
