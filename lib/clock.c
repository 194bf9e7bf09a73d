/*
 * "Now" for business rules. Deadlines, locks, windows and session expiry are
 * tested by injecting a moment with the X-Cadre-Now header (or cadre-admin
 * --now), which the host honours only when [dev] allow_clock_override is on.
 */
#include "clock.h"

#include <stdio.h>
#include <string.h>

#include "cadre/date.h"

bool cadre_clock_parse(const char *s, time_t *out) {
  if (!s)
    return false;
  char date[11];
  int h = 0, m = 0, sec = 0;
  size_t len = strlen(s);
  if (len < 10)
    return false;
  memcpy(date, s, 10);
  date[10] = '\0';
  cadre_date d;
  if (!cadre_date_parse(date, &d))
    return false;
  if (len > 10) {
    int consumed = 0;
    if ((s[10] != ' ' && s[10] != 'T') ||
        sscanf(s + 11, "%2d:%2d%n", &h, &m, &consumed) != 2)
      return false;
    const char *rest = s + 11 + consumed;
    if (*rest == ':' && sscanf(rest, ":%2d%n", &sec, &consumed) == 1)
      rest += consumed;
    if (*rest || h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
      return false;
  }
  /* Vietnam local time is UTC+7 all year. */
  *out = (time_t)(cadre_date_days(d) * 86400 + h * 3600 + m * 60 + sec - 7 * 3600);
  return true;
}

void cadre_clock_format(time_t t, char *out) {
  cadre_date d = cadre_date_of(t);
  char iso[11];
  cadre_date_iso(d, iso);
  long secs = (long)(((int64_t)t + 7 * 3600) % 86400);
  if (secs < 0)
    secs += 86400;
  snprintf(out, 20, "%s %02ld:%02ld:%02ld", iso, (secs / 3600) % 24, (secs / 60) % 60, secs % 60);
}

void cadre_clock_apply_override(cadre_req *req) {
  if (!req->conf->allow_clock_override)
    return;
  const char *v = cadre_header(req, "HTTP_X_CADRE_NOW");
  time_t t;
  if (v && cadre_clock_parse(v, &t))
    cadre_req_set_now(req, t);
}
