/*
 * When to chase (đôn đốc): the reminders a task gets on a given day.
 *
 * The lead unit hears 30 and 7 days before a due point, on the day and the
 * day after; while the task stays overdue, the supervising unit gets an
 * escalation every 7 days (T+7, T+14, …). A due point is the due date of a
 * fixed task, or the end of a reporting period (or the anniversary) of a
 * recurring one that has no report for it yet. Tasks claimed, completed or
 * cancelled are not chased: their lead unit has nothing left to do.
 */
#include "tasks.h"

static const char *const remind_codes[] = {"t_minus_30", "t_minus_7", "t_0", "t_plus_1", "escalation"};

const char *tasks_remind_code(enum tasks_remind_kind k) {
  return (unsigned)k <= TASKS_R_ESCALATION ? remind_codes[k] : "t_0";
}

static size_t add(tasks_remind_event *out, size_t n, size_t max, enum tasks_remind_kind kind, cadre_date due,
                  int days) {
  for (size_t i = 0; i < n; i++)
    if (out[i].kind == kind && cadre_date_cmp(out[i].due, due) == 0)
      return n; /* the same reminder from both halves of a task */
  if (n < max)
    out[n++] = (tasks_remind_event){kind, due, days};
  return n;
}

/* Reminders about one due point, `days` = day - due. */
static size_t about(tasks_remind_event *out, size_t n, size_t max, cadre_date due, int64_t days) {
  switch (days) {
  case -30: return add(out, n, max, TASKS_R_T_MINUS_30, due, -30);
  case -7: return add(out, n, max, TASKS_R_T_MINUS_7, due, -7);
  case 0: return add(out, n, max, TASKS_R_T_0, due, 0);
  case 1: return add(out, n, max, TASKS_R_T_PLUS_1, due, 1);
  default:
    if (days >= 7 && days % 7 == 0)
      return add(out, n, max, TASKS_R_ESCALATION, due, (int)days);
    return n;
  }
}

static bool reported_since(const tasks_clock *c, cadre_date from, cadre_date day) {
  return c->has_last_report && cadre_date_cmp(c->last_report, from) >= 0 &&
         cadre_date_cmp(c->last_report, day) <= 0;
}

size_t tasks_remind_events(const tasks_clock *c, cadre_date day, tasks_remind_event *out, size_t max) {
  if (c->status == TASKS_ST_CLAIMED || c->status == TASKS_ST_COMPLETED || c->status == TASKS_ST_CANCELLED)
    return 0;
  size_t n = 0;
  if (c->has_due)
    n = about(out, n, max, c->due, cadre_date_diff(c->due, day));
  if (c->recurring) {
    /* the period running now: before and on its end */
    cadre_date next = tasks_recur_next(&c->recur, day);
    if (cadre_date_cmp(next, c->reporting_start) >= 0 &&
        !reported_since(c, tasks_recur_start(&c->recur, next), day)) {
      int64_t days = cadre_date_diff(next, day);
      if (days <= 0)
        n = about(out, n, max, next, days);
    }
    /* the period that ended: after its end, until reported */
    cadre_date prev = tasks_recur_prev(&c->recur, day);
    if (cadre_date_cmp(prev, c->reporting_start) >= 0 &&
        !reported_since(c, tasks_recur_start(&c->recur, prev), day)) {
      int64_t days = cadre_date_diff(prev, day);
      if (days > 0)
        n = about(out, n, max, prev, days);
    }
  }
  return n;
}
