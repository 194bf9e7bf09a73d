/* A task row from the database, read as the pure timeliness code needs it,
 * and decorated with what lists show (timeliness and labels). */
#include "tasks.h"

#include <stdio.h>
#include <string.h>

static bool row_date(json_t *row, const char *key, cadre_date *out) {
  const char *s = cadre_jstr(row, key);
  return s && cadre_date_parse(s, out);
}

void tasks_clock_from_row(json_t *row, tasks_clock *c) {
  memset(c, 0, sizeof *c);
  (void)tasks_status_from_code(cadre_jstr(row, "status"), &c->status);
  c->has_due = row_date(row, "due_date", &c->due);
  enum tasks_dl_kind kind = tasks_dl_kind_from_code(cadre_jstr(row, "deadline_kind"));
  if (kind == TASKS_DL_YEARLY) {
    c->recurring = true;
    c->recur.anniversary = true;
    c->recur.month = (int)cadre_jint(row, "yearly_month", 0);
    c->recur.day = (int)cadre_jint(row, "yearly_day", 0);
  } else if (cadre_jint(row, "ongoing", 0)) {
    c->recurring = true;
    if (!tasks_period_from_code(cadre_jstr(row, "report_period"), &c->recur.period))
      c->recur.period = TASKS_P_QUARTER;
  }
  if (c->status == TASKS_ST_COMPLETED)
    c->has_finished = row_date(row, "completed_on", &c->finished_on);
  else if (c->status == TASKS_ST_CLAIMED)
    c->has_finished = row_date(row, "claimed_on", &c->finished_on);
  c->has_last_report = row_date(row, "last_report_asof", &c->last_report);
  if (!row_date(row, "starts_on", &c->reporting_start))
    c->reporting_start = (cadre_date){2000, 1, 1};
  c->due_soon_days = tasks_due_soon_days();
}

enum tasks_timeliness tasks_row_decorate(json_t *row, cadre_date as_of) {
  tasks_clock c;
  tasks_clock_from_row(row, &c);
  enum tasks_timeliness tl = tasks_timeliness_of(&c, as_of);
  json_object_set_new(row, "timeliness", json_string(tasks_tl_code(tl)));
  json_object_set_new(row, "timeliness_label", json_string(tasks_tl_label(tl)));
  json_object_set_new(row, "status_label", json_string(tasks_status_label(c.status)));
  enum tasks_dl_kind kind = tasks_dl_kind_from_code(cadre_jstr(row, "deadline_kind"));
  json_object_set_new(row, "deadline_kind_label", json_string(tasks_dl_kind_label(kind)));
  json_object_set_new(row, "recurring", json_boolean(c.recurring));
  /* the next report a recurring task owes */
  if (c.recurring) {
    char next[11];
    cadre_date_iso(tasks_recur_next(&c.recur, as_of), next);
    json_object_set_new(row, "next_report_due", json_string(next));
  }
  if (c.has_due)
    json_object_set_new(row, "days_left", json_integer(cadre_date_diff(as_of, c.due)));
  /* "16" twice in the programme shows as "16" and "16 (2)" */
  int64_t dup = cadre_jint(row, "dup_seq", 0);
  const char *num = cadre_jstr(row, "number_text");
  if (num) {
    char shown[40];
    if (dup)
      snprintf(shown, sizeof shown, "%s (%lld)", num, (long long)dup + 1);
    else
      snprintf(shown, sizeof shown, "%s", num);
    json_object_set_new(row, "display_number", json_string(shown));
  }
  json_object_set_new(
      row, "extended",
      json_boolean(json_is_string(json_object_get(row, "due_date")) &&
                   json_is_string(json_object_get(row, "original_due")) &&
                   !json_equal(json_object_get(row, "due_date"), json_object_get(row, "original_due"))));
  return tl;
}
