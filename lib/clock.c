/*
 * "Now" for business rules. Deadlines, locks, windows and session expiry are
 * tested by injecting a moment with the X-Cadre-Now header (or cadre-admin
 * --now), which the host honours only when [dev] allow_clock_override is on.
 */
#include "clock.h"

#include <stdio.h>
#include <string.h>

#include "cadre/date.h"

/* One or two digits, no sign, no blanks (sscanf's %d takes both). */
static int read_2digits(const char *s, int *out) {
  int n = 0, v = 0;
  while (n < 2 && s[n] >= '0' && s[n] <= '9')
    v = v * 10 + (s[n++] - '0');
  *out = v;
  return n;
}

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
    int k;
    if (s[10] != ' ' && s[10] != 'T')
      return false;
    const char *rest = s + 11;
    if ((k = read_2digits(rest, &h)) == 0 || rest[k] != ':')
      return false;
    rest += k + 1;
    if ((k = read_2digits(rest, &m)) == 0)
      return false;
    rest += k;
    if (*rest == ':') {
      if ((k = read_2digits(rest + 1, &sec)) == 0)
        return false;
      rest += k + 1;
    }
    if (*rest || h > 23 || m > 59 || sec > 59)
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
  v = cadre_header(req, "HTTP_X_CADRE_SESSION_NOW");
  if (v && cadre_clock_parse(v, &t)) {
    req->auth_now = t;
    cadre_clock_format(t, req->auth_now_text);
  }
}
