/*
 * Deadline windows and the submission state machine.
 *
 * Two dates per deadline, as DHIS2 separates them (its users confuse the two
 * when they are one setting): the due date says whether a submission was on
 * time, the lock date says whether anything can still be changed. Between
 * them a school may still submit, late. After the lock only an exception the
 * cluster head granted reopens the window, until the exception's own date.
 */
#include "rules.h"

#include <string.h>

enum em_window em_window_at(const char *today, const char *due, const char *lock,
                            const char *exception_until) {
  if (strcmp(today, due) <= 0)
    return EM_WIN_ON_TIME;
  if (strcmp(today, lock) <= 0)
    return EM_WIN_LATE;
  if (exception_until && *exception_until && strcmp(today, exception_until) <= 0)
    return EM_WIN_EXCEPTION;
  return EM_WIN_LOCKED;
}

bool em_window_open(enum em_window w) { return w != EM_WIN_LOCKED; }

const char *em_window_code(enum em_window w) {
  switch (w) {
  case EM_WIN_ON_TIME: return "on_time";
  case EM_WIN_LATE: return "late";
  case EM_WIN_EXCEPTION: return "exception";
  default: return "locked";
  }
}

bool em_on_time(const char *submitted_on, const char *due) {
  /* submitted_on may be a date-time; its first ten characters are the date. */
  return submitted_on && strncmp(submitted_on, due, 10) <= 0;
}

static const char *const state_codes[] = {"not_submitted", "submitted", "returned", "resubmitted",
                                          "accepted"};

bool em_state_parse(const char *s, enum em_state *out) {
  for (size_t i = 0; s && i < sizeof state_codes / sizeof state_codes[0]; i++) {
    if (strcmp(s, state_codes[i]) == 0) {
      *out = (enum em_state)i;
      return true;
    }
  }
  return false;
}

const char *em_state_code(enum em_state s) {
  return (size_t)s < sizeof state_codes / sizeof state_codes[0] ? state_codes[s] : "?";
}

bool em_state_editable(enum em_state s) { return s == EM_ST_NOT_SUBMITTED || s == EM_ST_RETURNED; }

bool em_transition(enum em_state from, enum em_action act, enum em_state *to) {
  switch (act) {
  case EM_ACT_EDIT:
    if (!em_state_editable(from))
      return false;
    *to = from;
    return true;
  case EM_ACT_SUBMIT:
    if (from == EM_ST_NOT_SUBMITTED)
      *to = EM_ST_SUBMITTED;
    else if (from == EM_ST_RETURNED)
      *to = EM_ST_RESUBMITTED;
    else
      return false;
    return true;
  case EM_ACT_RETURN:
  case EM_ACT_ACCEPT:
    if (from != EM_ST_SUBMITTED && from != EM_ST_RESUBMITTED)
      return false;
    *to = act == EM_ACT_RETURN ? EM_ST_RETURNED : EM_ST_ACCEPTED;
    return true;
  }
  return false;
}
