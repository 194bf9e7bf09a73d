/* The business clock, with the test override (see clock.c). */
#ifndef CADRE_CLOCK_H
#define CADRE_CLOCK_H

#include <stdbool.h>
#include <time.h>

#include "request_internal.h"

/* Parses "yyyy-mm-dd" or "yyyy-mm-dd hh:mm[:ss]" (Vietnam time) into *out. */
bool cadre_clock_parse(const char *s, time_t *out);
/* "yyyy-mm-dd hh:mm:ss" in Vietnam time; out ≥ 20 bytes. */
void cadre_clock_format(time_t t, char *out);
/* Applies X-Cadre-Now when [dev] allow_clock_override is on. */
void cadre_clock_apply_override(cadre_req *req);

#endif
