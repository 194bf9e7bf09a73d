/*
 * Small helpers every llct handler uses: day numbers to and from the API's
 * yyyy-mm-dd (also read from a row's date column), the plan's limits, exports.
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

int64_t llct_jday(const json_t *o, const char *key) { return llct_day(cadre_jstr(o, key)); }

json_t *llct_day_json(cadre_req *req, int64_t day) {
  const char *s = llct_iso(req, day);
  return s ? json_string(s) : json_null();
}

void llct_rules_from_row(json_t *row, llct_step_rules *r) {
  llct_step_rules_default(r);
  r->announce_max_days = (int)cadre_jint(row, "announce_max_days", r->announce_max_days);
  r->dossier_min_days = (int)cadre_jint(row, "dossier_min_days", r->dossier_min_days);
  r->review_max_days = (int)cadre_jint(row, "review_max_days", r->review_max_days);
  r->report_max_days = (int)cadre_jint(row, "report_max_days", r->report_max_days);
  r->notice_min_days = (int)cadre_jint(row, "notice_min_days", r->notice_min_days);
  r->late_max_days = (int)cadre_jint(row, "late_max_days", r->late_max_days);
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
