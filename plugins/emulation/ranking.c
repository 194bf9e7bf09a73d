/*
 * Totals, gaps and ranking of a cluster's score table. Ties share a rank and
 * the next rank skips ("1, 2, 2, 4", as fll-sw shows ties); a school that is
 * not ranked gets no rank at all rather than a rank 0 that sorts first.
 */
#include "rules.h"

#include <string.h>

bool em_crit_kind_parse(const char *s, enum em_crit_kind *out) {
  static const struct {
    const char *code;
    enum em_crit_kind kind;
  } kinds[] = {{"score", EM_CRIT_SCORE}, {"bonus", EM_CRIT_BONUS}, {"penalty", EM_CRIT_PENALTY}};
  for (size_t i = 0; s && i < sizeof kinds / sizeof kinds[0]; i++) {
    if (strcmp(s, kinds[i].code) == 0) {
      *out = kinds[i].kind;
      return true;
    }
  }
  return false;
}

const char *em_crit_kind_code(enum em_crit_kind k) {
  return k == EM_CRIT_BONUS ? "bonus" : k == EM_CRIT_PENALTY ? "penalty" : "score";
}

static em_pts signed_points(enum em_crit_kind kind, em_pts p) { return kind == EM_CRIT_PENALTY ? -p : p; }

em_pts em_total(const struct em_line *lines, size_t n, bool cross) {
  em_pts sum = 0;
  for (size_t i = 0; i < n; i++) {
    const struct em_line *l = &lines[i];
    if (cross ? l->has_cross : l->has_self)
      sum += signed_points(l->kind, cross ? l->cross : l->self);
  }
  return sum;
}

em_pts em_final_total(const struct em_line *lines, size_t n) {
  em_pts sum = 0;
  for (size_t i = 0; i < n; i++) {
    const struct em_line *l = &lines[i];
    if (l->has_cross)
      sum += signed_points(l->kind, l->cross);
    else if (l->has_self)
      sum += signed_points(l->kind, l->self);
  }
  return sum;
}

static em_pts abs_pts(em_pts p) { return p < 0 ? -p : p; }

bool em_gap_large(const struct em_line *line, int pct) {
  if (!line->has_self || !line->has_cross)
    return false;
  return abs_pts(line->self - line->cross) * 100 > (em_pts)pct * line->max;
}

bool em_total_gap_large(em_pts self_total, em_pts cross_total, em_pts limit) {
  return abs_pts(self_total - cross_total) > limit;
}

void em_rank(const em_pts *totals, const bool *ranked, size_t n, int *rank) {
  for (size_t i = 0; i < n; i++) {
    if (!ranked[i]) {
      rank[i] = 0;
      continue;
    }
    int better = 0;
    for (size_t j = 0; j < n; j++)
      if (ranked[j] && totals[j] > totals[i])
        better++;
    rank[i] = better + 1;
  }
}

enum em_award em_award_for_rank(int rank, int flag_slots, int merit_slots) {
  if (rank <= 0)
    return EM_AWARD_NONE;
  if (rank <= flag_slots)
    return EM_AWARD_FLAG;
  if (rank <= flag_slots + merit_slots)
    return EM_AWARD_MERIT;
  return EM_AWARD_NONE;
}

const char *em_award_code(enum em_award a) {
  return a == EM_AWARD_FLAG ? "co_thi_dua" : a == EM_AWARD_MERIT ? "bang_khen" : "none";
}

bool em_award_overflows(const int *rank, size_t n, enum em_award award, int flag_slots, int merit_slots) {
  if (award == EM_AWARD_NONE)
    return false;
  int slots = award == EM_AWARD_FLAG ? flag_slots : merit_slots;
  int given = 0;
  for (size_t i = 0; i < n; i++)
    if (em_award_for_rank(rank[i], flag_slots, merit_slots) == award)
      given++;
  return given > slots;
}
