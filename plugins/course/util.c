/* Small helpers every handler of the module uses: reading typed values from
 * result rows, "now", the course a request is about, and the two questions
 * about the caller's level that the rules ask ("above this unit?", "the
 * province or higher?"). */
#include "course.h"

#include <stdlib.h>
#include <string.h>

/* cadre_jint, plus DECIMAL results (SUM …), which the db layer hands over
 * as text. */
int64_t course_jint(json_t *row, const char *key) {
  const char *text = cadre_jstr(row, key);
  return text ? strtoll(text, NULL, 10) : cadre_jint(row, key, 0);
}

const char *course_jstr(json_t *row, const char *key) { return cadre_jstr(row, key); }

int64_t course_now(cadre_req *req) {
  int64_t s = 0;
  course_dt_parse(cadre_now_text(req), &s);
  return s;
}

int64_t course_jdt(json_t *row, const char *key) {
  int64_t s = 0;
  course_dt_parse(course_jstr(row, key), &s);
  return s;
}

#define COURSE_COLUMNS                                                                                       \
  "SELECT id, code, title, plan_no, plan_date, host_agency_id, start_date,"                                  \
  " end_date, opens_at, closes_at, venue, mode_in_person, mode_online, chair,"                               \
  " audience, contacts, bridge_reg_closes_at, reg_opens_at, reg_closes_at,"                                  \
  " checkin_opens_minutes, late_after_minutes, grace_minutes, essay_opens_at,"                               \
  " essay_due_at, essay_cutoff_at, status FROM course_course"

int course_load(cadre_req *req, json_t **out) {
  json_t *row;
  if (cadre_has(req, "course"))
    row = cadre_db_row(req, COURSE_COLUMNS " WHERE id = ?", CV_ARGS(CV_INT(cadre_int(req, "course", 0))));
  else
    row = cadre_db_row(req, COURSE_COLUMNS " ORDER BY start_date DESC, id DESC LIMIT 1", CV_NONE);
  *out = row;
  if (row)
    return 0;
  if (cadre_db_errno(req))
    return cadre_db_fail(req);
  return cadre_fail(req, 404, "course_not_found", "Không tìm thấy lớp bồi dưỡng.");
}

int course_caller_above(cadre_req *req, int64_t agency_id) {
  int64_t root = cadre_scope_root(req);
  if (root <= 0 || root == agency_id)
    return 0;
  return cadre_agency_within(req, agency_id, root);
}

int course_caller_is_province_for(cadre_req *req, int64_t agency_id) {
  int inside = cadre_in_scope(req, agency_id);
  if (inside <= 0)
    return inside;
  if (cadre_scope_national(req))
    return 1;
  const char *kind =
      cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(cadre_scope_root(req))));
  if (!kind)
    return cadre_db_errno(req) ? -1 : 0;
  return strcmp(kind, "province") == 0;
}
