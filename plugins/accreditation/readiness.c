/*
 * Readiness of a school against a standard: for each level, how many of the
 * criteria that apply are met, which mandatory ones are not, and the score.
 * Criteria marked "not applicable" leave the total, as auditors count them;
 * a mandatory criterion is unmet until it is met, whatever else it says.
 */
#include <string.h>

#include <cadre/date.h>

#include "logic.h"

static const struct {
  const char *code;
  const char *title;
} results[] = {
    [ACCR_R_NONE] = {"", "Chưa đánh giá"},
    [ACCR_R_MET] = {"met", "Đạt"},
    [ACCR_R_PARTIAL] = {"partial", "Đạt một phần"},
    [ACCR_R_NOT_MET] = {"not_met", "Không đạt"},
    [ACCR_R_NOT_APPLICABLE] = {"not_applicable", "Không áp dụng"},
};

const char *accr_result_code(enum accr_result r) {
  return (unsigned)r <= ACCR_R_NOT_APPLICABLE ? results[r].code : "";
}

const char *accr_result_title(enum accr_result r) {
  return (unsigned)r <= ACCR_R_NOT_APPLICABLE ? results[r].title : "";
}

bool accr_result_parse(const char *code, enum accr_result *out) {
  if (!code || !*code) {
    *out = ACCR_R_NONE;
    return true;
  }
  for (int i = ACCR_R_MET; i <= ACCR_R_NOT_APPLICABLE; i++)
    if (strcmp(code, results[i].code) == 0) {
      *out = (enum accr_result)i;
      return true;
    }
  return false;
}

bool accr_applies(unsigned levels, int level) {
  return level >= 1 && level <= 2 && (levels & ACCR_LEVEL_BIT(level)) != 0;
}

unsigned accr_levels_parse(const char *text) {
  if (!text)
    return 0;
  unsigned bits = 0;
  int digits = 0;
  for (const char *p = text; *p; p++) {
    if (*p == '1' || *p == '2') {
      bits |= ACCR_LEVEL_BIT(*p - '0');
      digits++;
    } else if (*p >= '0' && *p <= '9') {
      return 0; /* a level other than 1 or 2 */
    } else if (!strchr(" ,;+/&", *p)) {
      break;
    }
  }
  if (digits > 0)
    return bits;
  /* Words: "cả hai" (both), "ca hai" */
  if (strcmp(text, "cả hai") == 0 || strcmp(text, "ca hai") == 0 || strcmp(text, "Cả hai") == 0)
    return ACCR_LEVEL_BIT(1) | ACCR_LEVEL_BIT(2);
  return 0;
}

static void count_item(const struct accr_item *it, struct accr_level_readiness *r) {
  if (it->mandatory) {
    r->mandatory_total++;
    if (it->result != ACCR_R_MET)
      r->unmet_mandatory++;
  }
  if (it->result == ACCR_R_NOT_APPLICABLE && !it->mandatory) {
    r->not_applicable++;
    return;
  }
  r->total++;
  switch (it->result) {
  case ACCR_R_MET:
    r->met++;
    r->assessed++;
    break;
  case ACCR_R_PARTIAL:
    r->partial++;
    r->assessed++;
    break;
  case ACCR_R_NOT_MET:
  case ACCR_R_NOT_APPLICABLE: /* mandatory cannot be waived: it is unmet */
    r->not_met++;
    r->assessed++;
    break;
  case ACCR_R_NONE: break;
  }
  if (it->has_max) {
    r->max_score += it->max_score;
    if (it->has_score)
      r->score += it->score;
  }
}

void accr_readiness_compute(const struct accr_item *items, size_t n, struct accr_readiness *out) {
  memset(out, 0, sizeof(*out));
  for (size_t i = 0; i < n; i++)
    for (int level = 1; level <= 2; level++)
      if (accr_applies(items[i].levels, level))
        count_item(&items[i], &out->level[level - 1]);
  for (int l = 0; l < 2; l++) {
    struct accr_level_readiness *r = &out->level[l];
    r->ready = r->total > 0 && r->met == r->total && r->unmet_mandatory == 0;
  }
}

bool accr_score_valid(double score, bool has_max, double max_score) {
  if (!(score >= 0.0)) /* also refuses NaN */
    return false;
  /* Scores are entered with at most two decimals: compare with a tolerance
   * far below that so 9.95 ≤ 9.95 holds after decimal conversions. */
  return !has_max || score <= max_score + 1e-9;
}

/* Days from one yyyy-mm-dd to another (0 when either is malformed). */
static int days_between(const char *from, const char *to) {
  cadre_date a, b;
  if (!cadre_date_parse(from, &a) || !cadre_date_parse(to, &b))
    return 0;
  return (int)cadre_date_diff(a, b);
}

/* Dates are yyyy-mm-dd, which compare correctly as strings. */
enum accr_evidence_state accr_evidence_state_on(const char *today, const char *valid_from,
                                                const char *valid_until, int warn_days) {
  if (valid_from && *valid_from && strcmp(today, valid_from) < 0)
    return ACCR_E_NOT_YET;
  if (valid_until && *valid_until) {
    if (strcmp(valid_until, today) < 0)
      return ACCR_E_EXPIRED;
    if (days_between(today, valid_until) <= warn_days)
      return ACCR_E_EXPIRING;
  }
  return ACCR_E_VALID;
}

const char *accr_evidence_state_code(enum accr_evidence_state s) {
  switch (s) {
  case ACCR_E_VALID: return "valid";
  case ACCR_E_EXPIRING: return "expiring";
  case ACCR_E_EXPIRED: return "expired";
  case ACCR_E_NOT_YET: return "not_yet_valid";
  }
  return "";
}
