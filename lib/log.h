/*
 * One-line structured logs on stderr: `ts=… level=… pid=… msg="…" k=v …`.
 * Values are escaped so that no input can forge a log line.
 */
#ifndef CADRE_LOG_H
#define CADRE_LOG_H

#include <stdarg.h>
#include <stdbool.h>

void cadre_log_set_debug(bool on);
bool cadre_log_debug_enabled(void);
/* level: "info", "warn", "error", "debug". fmt builds the message text. */
void cadre_logf(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cadre_vlogf(const char *level, const char *prefix, const char *fmt, va_list ap);

#endif
