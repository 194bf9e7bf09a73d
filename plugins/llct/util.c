/*
 * Small helpers every llct handler uses: day numbers to and from the API's
 * yyyy-mm-dd, reading members of database rows, the plan's limits, exports.
 */
#include <string.h>

#include "llct.h"

int64_t llct_day(const char *iso) {
  cadre_date d;
  if (!iso || !cadre_date_parse(iso, &d))
    return LLCT_NO_DAY;
  return cadre_date_days(d);
}

const char *llct_iso(cadre_req *req, int64_t day) {
  if (day == LLCT_NO_DAY)
    return NULL;
  char buf[16];
  cadre_date_iso(cadre_date_from_days(day), buf);
  return cadre_printf(req, "%s", buf);
}

int64_t llct_today(cadre_req *req) { return llct_day(cadre_today(req)); }

int64_t llct_jint(json_t *o, const char *key, int64_t dflt) {
  json_t *v = o ? json_object_get(o, key) : NULL;
  if (json_is_integer(v))
    return (int64_t)json_integer_value(v);
  if (json_is_real(v))
    return (int64_t)json_real_value(v);
  return dflt;
}

const char *llct_jstr(json_t *o, const char *key) {
  json_t *v = o ? json_object_get(o, key) : NULL;
  return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t llct_jday(json_t *o, const char *key) { return llct_day(llct_jstr(o, key)); }

bool llct_jtrue(json_t *o, const char *key) {
  json_t *v = o ? json_object_get(o, key) : NULL;
  return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

json_t *llct_day_json(cadre_req *req, int64_t day) {
  const char *s = llct_iso(req, day);
  return s ? json_string(s) : json_null();
}

void llct_rules_from_row(json_t *row, llct_step_rules *r) {
  llct_step_rules_default(r);
  r->announce_max_days = (int)llct_jint(row, "announce_max_days", r->announce_max_days);
  r->dossier_min_days = (int)llct_jint(row, "dossier_min_days", r->dossier_min_days);
  r->review_max_days = (int)llct_jint(row, "review_max_days", r->review_max_days);
  r->report_max_days = (int)llct_jint(row, "report_max_days", r->report_max_days);
  r->notice_min_days = (int)llct_jint(row, "notice_min_days", r->notice_min_days);
  r->late_max_days = (int)llct_jint(row, "late_max_days", r->late_max_days);
}

bool llct_db_is_check_failure(const cadre_req *req) {
  /* ER_CONSTRAINT_FAILED: a CHECK constraint refused the row (caps,
   * allotments: see sql/llct/0001_schema.sql) */
  return cadre_db_errno(req) == 4025;
}

int llct_maybe_export(cadre_req *req, const char *filename, const char *title,
                      const struct cadre_column *cols, size_t ncols, json_t *rows) {
  const char *format = cadre_str(req, "format");
  if (!format || strcmp(format, "json") == 0)
    return 0;
  return cadre_reply_table(req, format, filename, title, cols, ncols, rows);
}
