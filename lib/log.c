/* Structured logging. A line is built in a local buffer and written with a
 * single write(2), so lines from threads and processes never interleave. */
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cadre/request.h"
#include "request_internal.h"

static bool debug_on;

void cadre_log_set_debug(bool on) { debug_on = on; }
bool cadre_log_debug_enabled(void) { return debug_on; }

/* Copies src into dst escaping control characters and quotes. */
static size_t escape_into(char *dst, size_t cap, const char *src) {
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *)src; *p && o + 5 < cap; p++) {
    if (*p == '"' || *p == '\\') {
      dst[o++] = '\\';
      dst[o++] = (char)*p;
    } else if (*p < 0x20 || *p == 0x7F) {
      o += (size_t)snprintf(dst + o, cap - o, "\\x%02x", *p);
    } else {
      dst[o++] = (char)*p;
    }
  }
  dst[o] = '\0';
  return o;
}

void cadre_vlogf(const char *level, const char *prefix, const char *fmt, va_list ap) {
  if (strcmp(level, "debug") == 0 && !debug_on)
    return;
  char msg[2048], esc[4096], line[4608];
  vsnprintf(msg, sizeof(msg), fmt, ap);
  escape_into(esc, sizeof(esc), msg);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  struct tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  int n =
      snprintf(line, sizeof(line), "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s pid=%d %s%smsg=\"%s\"\n",
               tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
               (long)(tv.tv_usec / 1000), level, (int)getpid(), prefix ? prefix : "",
               prefix && prefix[0] ? " " : "", esc);
  if (n > 0) {
    size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
    if (len == sizeof(line) - 1)
      line[len - 1] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w; /* nowhere to report a failed log write */
  }
}

void cadre_logf(const char *level, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cadre_vlogf(level, NULL, fmt, ap);
  va_end(ap);
}

void cadre_log(cadre_req *req, const char *level, const char *fmt, ...) {
  /* Expected outcomes (a duplicate key, a deadlock about to be retried) are
   * logged at debug: drop them before formatting anything. */
  if (!debug_on && strcmp(level, "debug") == 0)
    return;
  char prefix[160];
  snprintf(prefix, sizeof(prefix), "rid=%s plugin=%s", req->request_id,
           req->plugin ? req->plugin->name : "-");
  va_list ap;
  va_start(ap, fmt);
  cadre_vlogf(level, prefix, fmt, ap);
  va_end(ap);
}
