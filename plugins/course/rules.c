/* The course's business rules as pure functions of time and state, so that
 * every boundary (a second before, at, after) is unit-tested and handlers
 * only translate the outcome into an answer. */
#include "course.h"

#include <string.h>

enum course_window course_window_at(int64_t now, int64_t opens, int64_t closes) {
  if (now < opens)
    return COURSE_BEFORE;
  if (now > closes)
    return COURSE_AFTER;
  return COURSE_OPEN;
}

enum course_essay_timing course_essay_timing_at(int64_t now, int64_t opens, int64_t due, int64_t cutoff) {
  if (now < opens)
    return COURSE_ESSAY_NOT_OPEN;
  if (now <= due)
    return COURSE_ESSAY_ON_TIME;
  if (now <= cutoff)
    return COURSE_ESSAY_LATE;
  return COURSE_ESSAY_CLOSED;
}

enum course_checkin course_checkin_at(int64_t now, int64_t starts, int64_t ends, int opens_before_min,
                                      int late_after_min) {
  if (now < starts - (int64_t)opens_before_min * 60)
    return COURSE_CHECKIN_TOO_EARLY;
  if (now > ends)
    return COURSE_CHECKIN_CLOSED;
  if (now <= starts + (int64_t)late_after_min * 60)
    return COURSE_CHECKIN_PRESENT;
  return COURSE_CHECKIN_LATE;
}

enum course_mark_edit course_mark_edit_at(int64_t now, int64_t starts, int64_t ends, int opens_before_min,
                                          int grace_min) {
  if (now < starts - (int64_t)opens_before_min * 60)
    return COURSE_MARK_TOO_EARLY;
  if (now <= ends + (int64_t)grace_min * 60)
    return COURSE_MARK_OPEN;
  return COURSE_MARK_PROVINCE_ONLY;
}

struct transition {
  const char *from, *action, *to;
};

static const char *next_state(const struct transition *t, const char *state, const char *action) {
  if (!state || !action)
    return NULL;
  for (; t->from; t++)
    if (strcmp(t->from, state) == 0 && strcmp(t->action, action) == 0)
      return t->to;
  return NULL;
}

const char *course_bp_next(const char *state, const char *action) {
  static const struct transition bp[] = {
      {"submitted", "approve", "approved"},
      {"submitted", "return", "returned"},
      {"returned", "submit", "submitted"},
      {NULL, NULL, NULL},
  };
  return next_state(bp, state, action);
}

const char *course_essay_next(const char *state, const char *action) {
  static const struct transition essay[] = {
      {"submitted", "acknowledge", "acknowledged"},
      {"submitted", "return", "returned"},
      {"returned", "resubmit", "submitted"},
      {NULL, NULL, NULL},
  };
  return next_state(essay, state, action);
}

const char *course_level_of_kind(const char *kind) {
  if (!kind)
    return NULL;
  if (strcmp(kind, "academy") == 0)
    return "academy";
  if (strcmp(kind, "province") == 0)
    return "province";
  if (strcmp(kind, "commune") == 0)
    return "commune";
  return NULL;
}

bool course_line_ok(const char *s, size_t min, size_t max) {
  if (!s)
    return min == 0;
  size_t len = strlen(s);
  if (!cadre_utf8_valid(s, len) || cadre_has_control(s, len, false))
    return false;
  /* Count code points between the first and last non-blank bytes. */
  const char *b = s, *e = s + len;
  while (b < e && (*b == ' ' || *b == '\t'))
    b++;
  while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
    e--;
  size_t n = cadre_utf8_len(b, (size_t)(e - b));
  return n >= min && n <= max;
}
