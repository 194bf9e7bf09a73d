/*
 * Calendar dates as officials write them (dd/mm/yyyy) and as the database
 * stores them (yyyy-mm-dd). Days are counted on the proleptic Gregorian
 * calendar; no time zone is involved (business dates are Vietnam dates).
 */
#ifndef CADRE_DATE_H
#define CADRE_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef struct cadre_date {
  int y, m, d;
} cadre_date;

bool cadre_date_valid(int y, int m, int d);
int cadre_days_in_month(int y, int m);
/* Accepts "yyyy-mm-dd", "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy". */
bool cadre_date_parse(const char *s, cadre_date *out);
/* Days since 1970-01-01. */
int64_t cadre_date_days(cadre_date d);
cadre_date cadre_date_from_days(int64_t days);
cadre_date cadre_date_add(cadre_date d, int days);
/* b - a in days. */
int64_t cadre_date_diff(cadre_date a, cadre_date b);
int cadre_date_cmp(cadre_date a, cadre_date b);
/* buf ≥ 11 bytes. */
void cadre_date_iso(cadre_date d, char *buf); /* yyyy-mm-dd */
void cadre_date_vn(cadre_date d, char *buf);  /* dd/mm/yyyy */
/* The Vietnam calendar date (UTC+7) of a moment. */
cadre_date cadre_date_of(time_t t);
/* Last day of a quarter (1–4) or a month. */
cadre_date cadre_quarter_end(int y, int q);
cadre_date cadre_month_end(int y, int m);

#endif
