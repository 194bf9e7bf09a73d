/*
 * From the raw sub-lines of each table line to classes: how many classes a
 * line holds, how many learners each has, which units send them, and the
 * mode each class takes when the plan does not say. Pure.
 *
 * A line of appendix 1 holds one class per coordinating unit listed in its
 * cell ("- Huyện ủy Hoài Đức - Quận ủy Cầu Giấy …" with "50 80"), or, when
 * its location says "(05 lớp)", that many classes sharing one total whose
 * split into classes and modes the plan leaves open. A line of appendix 2 is
 * one class whose coordinating cell lists each sending unit's allotment.
 */
#include <stdio.h>
#include <string.h>

#include "llct.h"

const char *llct_mode_code(llct_mode m) {
  switch (m) {
  case LLCT_MODE_FULL_TIME: return "full_time";
  case LLCT_MODE_PART_TIME: return "part_time";
  default: return NULL;
  }
}

const char *llct_mode_title(llct_mode m) {
  switch (m) {
  case LLCT_MODE_FULL_TIME: return "Tập trung";
  case LLCT_MODE_PART_TIME: return "Không tập trung";
  default: return "Chưa xác định";
  }
}

const char *llct_basis_code(llct_basis b) {
  switch (b) {
  case LLCT_BASIS_INFERRED: return "inferred";
  case LLCT_BASIS_FORCED: return "forced";
  case LLCT_BASIS_SET: return "set";
  default: return NULL;
  }
}

llct_mode llct_mode_from_code(const char *s) {
  if (s && strcmp(s, "full_time") == 0)
    return LLCT_MODE_FULL_TIME;
  if (s && strcmp(s, "part_time") == 0)
    return LLCT_MODE_PART_TIME;
  return LLCT_MODE_UNDECIDED;
}

llct_mode llct_infer_mode(long learners, int cap_ft, int cap_pt, llct_basis *basis) {
  *basis = LLCT_BASIS_NONE;
  if (learners < 0 || learners > cap_pt)
    return LLCT_MODE_UNDECIDED;
  if (learners > cap_ft) {
    *basis = LLCT_BASIS_FORCED;
    return LLCT_MODE_PART_TIME;
  }
  /* A class no larger than the full-time cap is taken as full-time: the
   * plan's own per-mode totals are how officials size full-time classes. The
   * basis says it was inferred, and a person can change it. */
  *basis = LLCT_BASIS_INFERRED;
  return LLCT_MODE_FULL_TIME;
}

/* Units of one coordinating item: notes split off, joint units split. */
static int units_of_item(cadre_arena *a, const char *item, llct_punit **out) {
  char *note;
  char *name = llct_take_note(a, item, &note);
  char **parts;
  int n = llct_split_joint_units(a, name ? name : item, &parts);
  llct_punit *u = cadre_arena_calloc(a, (size_t)(n ? n : 1), sizeof(*u));
  if (!u)
    return 0;
  for (int i = 0; i < n; i++) {
    u[i].written = parts[i];
    u[i].name = llct_expand_abbrev(a, parts[i]);
    u[i].note = note;
    u[i].allotted = LLCT_NONE;
    u[i].generic = llct_name_is_generic(a, parts[i]);
  }
  *out = u;
  return n;
}

static void set_code(llct_pclass *c, const llct_pline *l, int nclasses) {
  if (l->code) {
    snprintf(c->code, sizeof(c->code), "%s", l->code);
  } else if (nclasses == 1) {
    snprintf(c->code, sizeof(c->code), "PL%d-%d", l->appendix, l->seq);
  } else {
    snprintf(c->code, sizeof(c->code), "PL%d-%d.%d", l->appendix, l->seq, c->seq);
  }
}

static void finish_class(llct_pplan *p, llct_pclass *c) {
  c->mode = llct_infer_mode(c->learners, p->cap_ft, p->cap_pt, &c->basis);
  /* a single named unit sends all of the class's learners */
  int named = 0;
  for (int i = 0; i < c->nunits; i++)
    named += !c->units[i].generic;
  if (named == 1 && c->learners >= 0)
    for (int i = 0; i < c->nunits; i++)
      if (!c->units[i].generic && c->units[i].allotted == LLCT_NONE)
        c->units[i].allotted = c->learners;
}

/* Appendix 2 style: one class, allotments per unit. */
static void build_allotted(cadre_arena *a, llct_pplan *p, llct_pline *l) {
  if (l->ncounts != 1) {
    llct_msg_add(&p->errors, l->source_line, "bad_total",
                 "Dòng %ld (Phụ lục %d, %s): cần đúng một tổng số học viên, có %d.", l->source_line,
                 l->appendix, l->code ? l->code : "", l->ncounts);
    return;
  }
  llct_pclass *c = cadre_arena_calloc(a, 1, sizeof(*c));
  llct_punit *u = cadre_arena_calloc(a, (size_t)l->nallot, sizeof(*u));
  if (!c || !u)
    return;
  long sum = 0;
  for (int i = 0; i < l->nallot; i++) {
    u[i].written = l->allot[i].name;
    u[i].name = llct_expand_abbrev(a, l->allot[i].name);
    u[i].allotted = l->allot[i].count;
    u[i].generic = llct_name_is_generic(a, l->allot[i].name);
    sum += l->allot[i].count;
  }
  c->seq = 1;
  c->learners = l->counts[0];
  c->units = u;
  c->nunits = l->nallot;
  c->location = l->nloc ? l->loc_items[0] : NULL;
  set_code(c, l, 1);
  finish_class(p, c);
  l->classes = c;
  l->nclasses = 1;
  l->split_decided = true;
  l->learners = c->learners;
  if (sum != c->learners)
    llct_msg_add(&p->warnings, l->source_line, "allotment_sum_mismatch",
                 "Dòng %ld (%s): tổng chỉ tiêu các đơn vị là %ld nhưng tổng số học viên ghi %ld.",
                 l->source_line, c->code, sum, c->learners);
}

/* A line with one total for several classes: "(05 lớp)". */
static void build_undecided(cadre_arena *a, llct_pplan *p, llct_pline *l, int nclasses) {
  llct_pclass *cs = cadre_arena_calloc(a, (size_t)nclasses, sizeof(*cs));
  if (!cs)
    return;
  llct_punit *units = NULL;
  int nunits = l->ncoord ? units_of_item(a, l->coord_items[0], &units) : 0;
  for (int i = 0; i < nclasses; i++) {
    llct_pclass *c = &cs[i];
    c->seq = i + 1;
    c->learners = LLCT_NONE;
    c->mode = LLCT_MODE_UNDECIDED;
    c->basis = LLCT_BASIS_NONE;
    c->location = l->nloc ? l->loc_items[0] : NULL;
    c->units = units;
    c->nunits = nunits;
    set_code(c, l, nclasses);
  }
  l->classes = cs;
  l->nclasses = nclasses;
  l->split_decided = false;
  l->learners = l->counts[0];
  if (l->learners > (long)nclasses * p->cap_pt)
    llct_msg_add(&p->errors, l->source_line, "line_over_cap",
                 "Dòng %ld (Phụ lục %d): %ld học viên không thể xếp vào %d lớp (mỗi lớp tối đa "
                 "%d).",
                 l->source_line, l->appendix, l->learners, nclasses, p->cap_pt);
  if (l->learners < nclasses)
    llct_msg_add(&p->errors, l->source_line, "line_under_classes",
                 "Dòng %ld (Phụ lục %d): %ld học viên ít hơn số lớp (%d).", l->source_line, l->appendix,
                 l->learners, nclasses);
}

/* Appendix 1 style: one class per coordinating item. */
static void build_items(cadre_arena *a, llct_pplan *p, llct_pline *l) {
  int k = l->ncoord;
  if (k == 0) {
    llct_msg_add(&p->errors, l->source_line, "missing_units",
                 "Dòng %ld (Phụ lục %d): không có đơn vị phối hợp.", l->source_line, l->appendix);
    return;
  }
  if (k == 1 && l->ncounts == 1 && l->declared_nclasses > 1) {
    build_undecided(a, p, l, l->declared_nclasses);
    return;
  }
  if (l->ncounts != k || (l->nloc > 1 && l->nloc != k)) {
    llct_msg_add(&p->errors, l->source_line, "line_items_mismatch",
                 "Dòng %ld (Phụ lục %d): %d đơn vị phối hợp, %d con số học viên và %d địa "
                 "điểm không khớp nhau.",
                 l->source_line, l->appendix, k, l->ncounts, l->nloc);
    return;
  }
  llct_pclass *cs = cadre_arena_calloc(a, (size_t)k, sizeof(*cs));
  if (!cs)
    return;
  long sum = 0;
  for (int i = 0; i < k; i++) {
    llct_pclass *c = &cs[i];
    c->seq = i + 1;
    c->learners = l->counts[i];
    c->location = l->nloc > 1 ? l->loc_items[i] : (l->nloc ? l->loc_items[0] : NULL);
    c->nunits = units_of_item(a, l->coord_items[i], &c->units);
    set_code(c, l, k);
    finish_class(p, c);
    sum += c->learners;
  }
  l->classes = cs;
  l->nclasses = k;
  l->split_decided = true;
  l->learners = sum;
}

static void check_caps(llct_pplan *p, llct_pline *l) {
  for (int i = 0; i < l->nclasses; i++) {
    const llct_pclass *c = &l->classes[i];
    if (c->learners > p->cap_pt)
      llct_msg_add(&p->errors, l->source_line, "class_over_cap",
                   "Dòng %ld (%s): lớp %ld học viên vượt sĩ số tối đa %d của lớp không tập "
                   "trung.",
                   l->source_line, c->code, c->learners, p->cap_pt);
    else if (c->learners == 0)
      llct_msg_add(&p->errors, l->source_line, "empty_class", "Dòng %ld (%s): lớp không có học viên.",
                   l->source_line, c->code);
  }
}

void llct_build_classes(cadre_arena *a, llct_pplan *p) {
  for (int i = 0; i < p->napp; i++) {
    llct_pappendix *ap = &p->app[i];
    for (int j = 0; j < ap->nlines; j++) {
      llct_pline *l = &ap->lines[j];
      if (l->ncounts == 0) {
        llct_msg_add(&p->errors, l->source_line, "missing_count", "Dòng %ld (Phụ lục %d): thiếu số học viên.",
                     l->source_line, l->appendix);
        continue;
      }
      if (l->nallot > 0)
        build_allotted(a, p, l);
      else
        build_items(a, p, l);
      check_caps(p, l);
    }
  }
}
