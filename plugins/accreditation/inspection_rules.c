/*
 * Inspections of maintenance after recognition: what outcome the findings
 * allow. The team decides, but it cannot call a school "maintained" while a
 * critical finding is still open; withdrawing recognition is always its call.
 */
#include <string.h>

#include "logic.h"

static const char *const severities[] = {"minor", "major", "critical"};
static const char *const outcomes[] = {"maintained", "warning", "withdrawn"};

bool accr_severity_parse(const char *code, enum accr_severity *out) {
  for (int i = 0; code && i < 3; i++)
    if (strcmp(code, severities[i]) == 0) {
      *out = (enum accr_severity)i;
      return true;
    }
  return false;
}

bool accr_outcome_parse(const char *code, enum accr_outcome *out) {
  for (int i = 0; code && i < 3; i++)
    if (strcmp(code, outcomes[i]) == 0) {
      *out = (enum accr_outcome)i;
      return true;
    }
  return false;
}

const char *accr_outcome_code(enum accr_outcome o) {
  return (unsigned)o <= ACCR_O_WITHDRAWN ? outcomes[o] : "";
}

enum accr_outcome accr_outcome_floor(const struct accr_finding_tally *t) {
  return t->critical_unresolved > 0 ? ACCR_O_WARNING : ACCR_O_MAINTAINED;
}

bool accr_outcome_allowed(const struct accr_finding_tally *t, enum accr_outcome chosen) {
  return chosen >= accr_outcome_floor(t);
}
