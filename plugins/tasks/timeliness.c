/*
 * Time for tasks: reporting periods, the due points of recurring tasks, and
 * timeliness (on time, due soon, overdue, done late) as of any day.
 *
 * A fixed task is due on its due date (after approved extensions). A
 * recurring task ("Thực hiện thường xuyên", "… 03/02 hằng năm") never
 * closes: each reporting period (or each year up to the anniversary) wants
 * a progress report, and the task is overdue when the last period that
 * ended has none ("overdue means a missing report"). A task with both
 * ("Quý I/2026 và thực hiện thường xuyên") takes the worse of the two.
 */
#include "tasks.h"

#include <string.h>

/* ---- periods -------------------------------------------------------------- */

static const char *const period_codes[] = {"month", "quarter", "half", "year"};

const char *tasks_period_code(enum tasks_period p) { return (unsigned)p < 4 ? period_codes[p] : "quarter"; }

bool tasks_period_from_code(const char *code, enum tasks_period *out) {
  for (int i = 0; code && i < 4; i++)
    if (strcmp(code, period_codes[i]) == 0) {
      *out = (enum tasks_period)i;
      return true;
    }
  return false;
}

static int period_months(enum tasks_period p) {
  switch (p) {
  case TASKS_P_MONTH: return 1;
  case TASKS_P_QUARTER: return 3;
  case TASKS_P_HALF: return 6;
  case TASKS_P_YEAR: return 12;
  }
  return 3;
}

/* The end of the period containing d. */
static cadre_date period_end(cadre_date d, enum tasks_period p) {
  int len = period_months(p);
  int last_month = ((d.m - 1) / len + 1) * len;
  return cadre_month_end(d.y, last_month);
}

/* The anniversary in year y (29/02 falls on 28/02 in other years). */
static cadre_date anniversary(int y, int m, int d) {
  int dim = cadre_days_in_month(y, m);
  return (cadre_date){y, m, d > dim ? dim : d};
}

cadre_date tasks_recur_next(const tasks_recur *r, cadre_date d) {
  if (!r->anniversary)
    return period_end(d, r->period);
  cadre_date a = anniversary(d.y, r->month, r->day);
  return cadre_date_cmp(a, d) >= 0 ? a : anniversary(d.y + 1, r->month, r->day);
}

cadre_date tasks_recur_prev(const tasks_recur *r, cadre_date d) {
  if (!r->anniversary) {
    /* the day before the period containing d starts */
    cadre_date end = period_end(d, r->period);
    cadre_date first = {end.y, end.m - period_months(r->period) + 1, 1};
    return cadre_date_add(first, -1);
  }
  cadre_date a = anniversary(d.y, r->month, r->day);
  return cadre_date_cmp(a, d) < 0 ? a : anniversary(d.y - 1, r->month, r->day);
}

cadre_date tasks_recur_start(const tasks_recur *r, cadre_date end) {
  if (!r->anniversary) {
    cadre_date first = {end.y, end.m - period_months(r->period) + 1, 1};
    return first;
  }
  return cadre_date_add(anniversary(end.y - 1, r->month, r->day), 1);
}

/* ---- status and timeliness codes ---------------------------------------- */

static const char *const status_codes[TASKS_ST_COUNT] = {"not_started", "in_progress", "claimed",
                                                         "completed",   "returned",    "cancelled"};
static const char *const status_labels[TASKS_ST_COUNT] = {
    "Chưa triển khai", "Đang thực hiện", "Đã báo cáo hoàn thành", "Hoàn thành", "Bị trả lại", "Đã hủy"};

const char *tasks_status_code(enum tasks_status s) {
  return (unsigned)s < TASKS_ST_COUNT ? status_codes[s] : "not_started";
}
const char *tasks_status_label(enum tasks_status s) {
  return (unsigned)s < TASKS_ST_COUNT ? status_labels[s] : status_labels[0];
}
bool tasks_status_from_code(const char *code, enum tasks_status *out) {
  for (int i = 0; code && i < TASKS_ST_COUNT; i++)
    if (strcmp(code, status_codes[i]) == 0) {
      *out = (enum tasks_status)i;
      return true;
    }
  return false;
}

static const char *const tl_codes[TASKS_TL_COUNT] = {"none", "on_time", "done_late", "due_soon", "overdue"};
static const char *const tl_labels[TASKS_TL_COUNT] = {"Chưa có hạn", "Đúng hạn", "Hoàn thành muộn",
                                                      "Sắp đến hạn", "Quá hạn"};

const char *tasks_tl_code(enum tasks_timeliness t) {
  return (unsigned)t < TASKS_TL_COUNT ? tl_codes[t] : "none";
}
const char *tasks_tl_label(enum tasks_timeliness t) {
  return (unsigned)t < TASKS_TL_COUNT ? tl_labels[t] : tl_labels[0];
}
bool tasks_tl_from_code(const char *code, enum tasks_timeliness *out) {
  for (int i = 0; code && i < TASKS_TL_COUNT; i++)
    if (strcmp(code, tl_codes[i]) == 0) {
      *out = (enum tasks_timeliness)i;
      return true;
    }
  return false;
}

/* ---- timeliness ------------------------------------------------------------ */

static enum tasks_timeliness fixed_timeliness(const tasks_clock *c, cadre_date as_of) {
  if (c->has_finished && cadre_date_cmp(c->finished_on, as_of) <= 0)
    return cadre_date_cmp(c->finished_on, c->due) <= 0 ? TASKS_TL_ON_TIME : TASKS_TL_DONE_LATE;
  int64_t left = cadre_date_diff(as_of, c->due);
  if (left < 0)
    return TASKS_TL_OVERDUE;
  if (left <= c->due_soon_days)
    return TASKS_TL_DUE_SOON;
  return TASKS_TL_ON_TIME;
}

/* Reports are what a recurring task owes: the period that ended last must
 * have one, the current one is due soon near its end. */
static enum tasks_timeliness recurring_timeliness(const tasks_clock *c, cadre_date as_of) {
  if (cadre_date_cmp(as_of, c->reporting_start) < 0)
    return TASKS_TL_ON_TIME;
  cadre_date next = tasks_recur_next(&c->recur, as_of);
  cadre_date cur_start = tasks_recur_start(&c->recur, next);
  bool reported_now = c->has_last_report && cadre_date_cmp(c->last_report, cur_start) >= 0 &&
                      cadre_date_cmp(c->last_report, as_of) <= 0;
  if (reported_now)
    return TASKS_TL_ON_TIME;
  cadre_date prev = tasks_recur_prev(&c->recur, as_of);
  if (cadre_date_cmp(prev, c->reporting_start) >= 0) {
    cadre_date prev_start = tasks_recur_start(&c->recur, prev);
    /* a late report for the previous period still counts for it */
    bool reported_prev = c->has_last_report && cadre_date_cmp(c->last_report, prev_start) >= 0 &&
                         cadre_date_cmp(c->last_report, as_of) <= 0;
    if (!reported_prev)
      return TASKS_TL_OVERDUE;
  }
  if (cadre_date_diff(as_of, next) <= c->due_soon_days)
    return TASKS_TL_DUE_SOON;
  return TASKS_TL_ON_TIME;
}

enum tasks_timeliness tasks_timeliness_of(const tasks_clock *c, cadre_date as_of) {
  if (c->status == TASKS_ST_CANCELLED)
    return TASKS_TL_NONE;
  enum tasks_timeliness worst = TASKS_TL_NONE;
  if (c->has_due) {
    enum tasks_timeliness t = fixed_timeliness(c, as_of);
    if (t > worst)
      worst = t;
  }
  /* a completed recurring task owes nothing more */
  bool done =
      c->status == TASKS_ST_COMPLETED && c->has_finished && cadre_date_cmp(c->finished_on, as_of) <= 0;
  if (c->recurring) {
    enum tasks_timeliness t = done ? TASKS_TL_ON_TIME : recurring_timeliness(c, as_of);
    if (t > worst)
      worst = t;
  }
  return worst;
}
