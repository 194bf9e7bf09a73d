/*
 * Counting classes and learners, and holding the counts against what the
 * plan declares. A class whose mode is not decided yet is counted apart, and
 * a declared per-mode figure is "open" (not a mismatch) while the undecided
 * classes can still be split so that it holds. Pure.
 */
#include <string.h>

#include "llct.h"

void llct_tally_clear(llct_tally *t) { memset(t, 0, sizeof(*t)); }

void llct_tally_add_class(llct_tally *t, llct_mode mode, long learners) {
  t->classes++;
  long l = learners > 0 ? learners : 0;
  t->learners += l;
  if (mode == LLCT_MODE_FULL_TIME) {
    t->ft_classes++;
    t->ft_learners += l;
  } else if (mode == LLCT_MODE_PART_TIME) {
    t->pt_classes++;
    t->pt_learners += l;
  } else {
    t->und_classes++;
    t->und_learners += l;
  }
}

void llct_tally_add_undecided(llct_tally *t, long classes, long learners) {
  t->classes += classes;
  t->learners += learners;
  t->und_classes += classes;
  t->und_learners += learners;
}

void llct_tally_appendix(const llct_pappendix *ap, llct_tally *t) {
  llct_tally_clear(t);
  for (int i = 0; i < ap->nlines; i++) {
    const llct_pline *l = &ap->lines[i];
    if (!l->classes)
      continue;
    if (!l->split_decided) {
      llct_tally_add_undecided(t, l->nclasses, l->learners);
      continue;
    }
    for (int j = 0; j < l->nclasses; j++)
      llct_tally_add_class(t, l->classes[j].mode, l->classes[j].learners);
  }
}

void llct_tally_sum(llct_tally *into, const llct_tally *t) {
  into->classes += t->classes;
  into->learners += t->learners;
  into->ft_classes += t->ft_classes;
  into->ft_learners += t->ft_learners;
  into->pt_classes += t->pt_classes;
  into->pt_learners += t->pt_learners;
  into->und_classes += t->und_classes;
  into->und_learners += t->und_learners;
}

const char *llct_check_status_code(llct_check_status s) {
  switch (s) {
  case LLCT_CHECK_OK: return "ok";
  case LLCT_CHECK_MISMATCH: return "mismatch";
  case LLCT_CHECK_OPEN: return "open";
  default: return "not_declared";
  }
}

llct_split llct_undecided_split(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt) {
  llct_split s = {0};
  if (d->ft_classes < 0 || d->pt_classes < 0 || d->ft_learners < 0 || d->pt_learners < 0)
    return s;
  s.ft_classes = d->ft_classes - t->ft_classes;
  s.pt_classes = d->pt_classes - t->pt_classes;
  s.ft_learners = d->ft_learners - t->ft_learners;
  s.pt_learners = d->pt_learners - t->pt_learners;
  s.feasible = s.ft_classes >= 0 && s.pt_classes >= 0 && s.ft_learners >= 0 && s.pt_learners >= 0 &&
               s.ft_classes + s.pt_classes == t->und_classes &&
               s.ft_learners + s.pt_learners == t->und_learners && s.ft_learners <= s.ft_classes * cap_ft &&
               s.pt_learners <= s.pt_classes * cap_pt && s.ft_learners >= s.ft_classes &&
               s.pt_learners >= s.pt_classes;
  return s;
}

static llct_check_status exact(long computed, long declared) {
  if (declared < 0)
    return LLCT_CHECK_NOT_DECLARED;
  return computed == declared ? LLCT_CHECK_OK : LLCT_CHECK_MISMATCH;
}

int llct_compare(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt, llct_check out[6]) {
  llct_split split = llct_undecided_split(t, d, cap_ft, cap_pt);
  const struct {
    const char *metric;
    long computed, declared;
    bool per_mode;
  } rows[6] = {
      {"classes", t->classes, d->classes, false},
      {"learners", t->learners, d->learners, false},
      {"ft_classes", t->ft_classes, d->ft_classes, true},
      {"ft_learners", t->ft_learners, d->ft_learners, true},
      {"pt_classes", t->pt_classes, d->pt_classes, true},
      {"pt_learners", t->pt_learners, d->pt_learners, true},
  };
  for (int i = 0; i < 6; i++) {
    out[i].metric = rows[i].metric;
    out[i].computed = rows[i].computed;
    out[i].declared = rows[i].declared;
    out[i].status = exact(rows[i].computed, rows[i].declared);
    if (rows[i].per_mode && t->und_classes > 0 && out[i].status == LLCT_CHECK_MISMATCH)
      out[i].status = split.feasible ? LLCT_CHECK_OPEN : LLCT_CHECK_MISMATCH;
  }
  return 6;
}

const char *llct_ratio_status_code(llct_ratio_status s) {
  switch (s) {
  case LLCT_RATIO_OK: return "ok";
  case LLCT_RATIO_VIOLATED: return "violated";
  default: return "undetermined";
  }
}

/* ceil(a / b) for b > 0 */
static long ceil_div(long a, long b) { return a <= 0 ? -((-a) / b) : (a + b - 1) / b; }

llct_ratio llct_ratio_check(long ft, long pt, long undecided, int num, int den) {
  llct_ratio r = {.ft = ft, .pt = pt, .undecided = undecided};
  if (num <= 0 || den <= 0) {
    r.status = LLCT_RATIO_OK;
    return r;
  }
  /* ft/pt ≥ num/den  ⇔  ft·den ≥ pt·num; x of the undecided become
   * full-time, the rest part-time: (ft+x)·den ≥ (pt+u−x)·num */
  long need = ceil_div((pt + undecided) * num - ft * den, (long)den + num);
  if (need < 0)
    need = 0;
  r.ft_needed = need;
  if (undecided == 0)
    r.status = ft * den >= pt * num ? LLCT_RATIO_OK : LLCT_RATIO_VIOLATED;
  else if (need == 0)
    r.status = LLCT_RATIO_OK;
  else if (need > undecided)
    r.status = LLCT_RATIO_VIOLATED;
  else
    r.status = LLCT_RATIO_UNDETERMINED;
  return r;
}
