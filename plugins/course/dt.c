/* Date-times on the Vietnam wall clock, as the database and the API write
 * them ("yyyy-mm-dd hh:mm:ss"). Rules compare and add minutes; counting
 * seconds from 1970 on the same wall clock keeps that arithmetic exact
 * without any time-zone conversion. */
#include "course.h"

#include <stdio.h>
#include <string.h>

static bool two_digits(const char *p, int *out) {
  if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
    return false;
  *out = (p[0] - '0') * 10 + (p[1] - '0');
  return true;
}

bool course_dt_parse(const char *s, int64_t *secs) {
  if (!s || strlen(s) < 16 || (s[10] != ' ' && s[10] != 'T'))
    return false;
  char day[11];
  memcpy(day, s, 10);
  day[10] = '\0';
  cadre_date d;
  if (day[4] != '-' || !cadre_date_parse(day, &d))
    return false;
  int hh, mm, ss = 0;
  if (!two_digits(s + 11, &hh) || s[13] != ':' || !two_digits(s + 14, &mm))
    return false;
  size_t len = strlen(s);
  if (len == 19) {
    if (s[16] != ':' || !two_digits(s + 17, &ss))
      return false;
  } else if (len != 16) {
    return false;
  }
  if (hh > 23 || mm > 59 || ss > 59)
    return false;
  *secs = cadre_date_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
  return true;
}

void course_dt_format(int64_t secs, char *out) {
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    days--;
  }
  cadre_date d = cadre_date_from_days(days);
  /* Bounded fields keep the compiler's truncation analysis quiet. */
  snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
           (unsigned)d.d % 100u, (unsigned)(rem / 3600) % 100u, (unsigned)(rem / 60 % 60),
           (unsigned)(rem % 60));
}
