/*
 * The import report: what the tables hold, appendix by appendix and
 * overall, held against what the plan declares in its text and in each
 * table's total row. Every difference is listed as a mismatch; nothing is
 * smoothed over. Pure (jansson only), so the unit tests read the same
 * report the CLI prints and the upload form shows.
 */
#include <string.h>

#include "llct.h"

static json_t *count_or_null(long v) { return v >= 0 ? json_integer(v) : json_null(); }

static json_t *mode_pair(long classes, long learners) {
  return json_pack("{s:o, s:o}", "classes", count_or_null(classes), "learners", count_or_null(learners));
}

json_t *llct_tally_json(const llct_tally *t) {
  return json_pack("{s:I, s:I, s:o, s:o, s:o}", "classes", (json_int_t)t->classes, "learners",
                   (json_int_t)t->learners, "full_time", mode_pair(t->ft_classes, t->ft_learners),
                   "part_time", mode_pair(t->pt_classes, t->pt_learners), "undecided",
                   mode_pair(t->und_classes, t->und_learners));
}

json_t *llct_declared_json(const llct_declared *d) {
  return json_pack("{s:o, s:o, s:o, s:o}", "classes", count_or_null(d->classes), "learners",
                   count_or_null(d->learners), "full_time", mode_pair(d->ft_classes, d->ft_learners),
                   "part_time", mode_pair(d->pt_classes, d->pt_learners));
}

static const char *metric_title(const char *metric) {
  static const struct {
    const char *m, *t;
  } titles[] = {
      {"classes", "Số lớp"},
      {"learners", "Số học viên"},
      {"ft_classes", "Số lớp tập trung"},
      {"ft_learners", "Học viên hệ tập trung"},
      {"pt_classes", "Số lớp không tập trung"},
      {"pt_learners", "Học viên hệ không tập trung"},
  };
  for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
    if (strcmp(titles[i].m, metric) == 0)
      return titles[i].t;
  return metric;
}

/* Appends the checks against one source of declared figures. */
void llct_checks_json(json_t *into, const llct_tally *t, const llct_declared *d, const char *against,
                      int cap_ft, int cap_pt, bool totals_only) {
  llct_check ch[6];
  int n = llct_compare(t, d, cap_ft, cap_pt, ch);
  for (int i = 0; i < n; i++) {
    if (ch[i].status == LLCT_CHECK_NOT_DECLARED)
      continue;
    if (totals_only && i >= 2)
      break;
    json_array_append_new(into, json_pack("{s:s, s:s, s:s, s:I, s:I, s:s}", "metric", ch[i].metric, "title",
                                          metric_title(ch[i].metric), "against", against, "computed",
                                          (json_int_t)ch[i].computed, "declared", (json_int_t)ch[i].declared,
                                          "status", llct_check_status_code(ch[i].status)));
  }
}

json_t *llct_split_json(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt) {
  if (t->und_classes == 0)
    return json_null();
  llct_split s = llct_undecided_split(t, d, cap_ft, cap_pt);
  if (!s.feasible)
    return json_pack("{s:b}", "feasible", 0);
  return json_pack("{s:b, s:o, s:o}", "feasible", 1, "full_time", mode_pair(s.ft_classes, s.ft_learners),
                   "part_time", mode_pair(s.pt_classes, s.pt_learners));
}

static json_t *undecided_lines(const llct_pappendix *ap) {
  json_t *v = json_array();
  for (int i = 0; i < ap->nlines; i++) {
    const llct_pline *l = &ap->lines[i];
    if (!l->classes || l->split_decided)
      continue;
    json_array_append_new(v, json_pack("{s:i, s:i, s:I, s:s?, s:I}", "seq", l->seq, "classes", l->nclasses,
                                       "learners", (json_int_t)l->learners, "location", l->location_text,
                                       "source_line", (json_int_t)l->source_line));
  }
  return v;
}

static json_t *appendix_json(const llct_pplan *p, const llct_pappendix *ap, llct_tally *t) {
  llct_tally_appendix(ap, t);
  json_t *checks = json_array();
  llct_checks_json(checks, t, &ap->declared, "text", p->cap_ft, p->cap_pt, false);
  llct_declared table;
  llct_declared_clear(&table);
  table.classes = ap->table_classes;
  table.learners = ap->table_learners;
  llct_checks_json(checks, t, &table, "table_total", p->cap_ft, p->cap_pt, true);
  json_t *o = llct_tally_json(t);
  json_object_set_new(o, "appendix", json_integer(ap->number));
  json_object_set_new(o, "title", ap->title ? json_string(ap->title) : json_null());
  json_object_set_new(o, "cited_number", ap->cited_number ? json_string(ap->cited_number) : json_null());
  json_object_set_new(o, "cited_on", ap->cited_date[0] ? json_string(ap->cited_date) : json_null());
  json_object_set_new(o, "lines", json_integer(ap->nlines));
  json_object_set_new(o, "declared", llct_declared_json(&ap->declared));
  json_object_set_new(o, "table_total", mode_pair(ap->table_classes, ap->table_learners));
  json_object_set_new(o, "checks", checks);
  json_object_set_new(o, "undecided_split", llct_split_json(t, &ap->declared, p->cap_ft, p->cap_pt));
  json_object_set_new(o, "undecided_lines", undecided_lines(ap));
  return o;
}

/* What the text declares for the whole plan: its learner targets, and the
 * classes its parts declare (summed). */
static llct_declared overall_declared(const llct_pplan *p) {
  llct_declared d;
  llct_declared_clear(&d);
  d.learners = p->target_total;
  d.ft_learners = p->target_ft;
  d.pt_learners = p->target_pt;
  long c = 0, fc = 0, pc = 0;
  bool has_c = p->napp > 0, has_fc = p->napp > 0, has_pc = p->napp > 0;
  for (int i = 0; i < p->napp; i++) {
    const llct_declared *x = &p->app[i].declared;
    has_c &= x->classes >= 0;
    has_fc &= x->ft_classes >= 0;
    has_pc &= x->pt_classes >= 0;
    c += x->classes;
    fc += x->ft_classes;
    pc += x->pt_classes;
  }
  d.classes = has_c ? c : LLCT_NONE;
  d.ft_classes = has_fc ? fc : LLCT_NONE;
  d.pt_classes = has_pc ? pc : LLCT_NONE;
  return d;
}

/* The text's own arithmetic: parts add up to the whole, modes to the total. */
static json_t *text_checks(const llct_pplan *p) {
  json_t *v = json_array();
  long sum = 0;
  bool all = p->napp > 0;
  for (int i = 0; i < p->napp; i++) {
    all &= p->app[i].declared.learners >= 0;
    sum += p->app[i].declared.learners;
  }
  if (all && p->target_total >= 0)
    json_array_append_new(v, json_pack("{s:s, s:s, s:I, s:I, s:s}", "metric", "parts_learners", "title",
                                       "Tổng học viên các phần so với tổng kế hoạch", "computed",
                                       (json_int_t)sum, "declared", (json_int_t)p->target_total, "status",
                                       sum == p->target_total ? "ok" : "mismatch"));
  if (p->target_ft >= 0 && p->target_pt >= 0 && p->target_total >= 0) {
    long s = p->target_ft + p->target_pt;
    json_array_append_new(v, json_pack("{s:s, s:s, s:I, s:I, s:s}", "metric", "modes_learners", "title",
                                       "Tập trung + không tập trung so với tổng kế hoạch", "computed",
                                       (json_int_t)s, "declared", (json_int_t)p->target_total, "status",
                                       s == p->target_total ? "ok" : "mismatch"));
  }
  return v;
}

static json_t *msgs_json(const llct_msgs *m) {
  json_t *v = json_array();
  for (int i = 0; i < m->n; i++)
    json_array_append_new(v, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)m->v[i].line, "code",
                                       m->v[i].code, "message", m->v[i].text));
  return v;
}

static json_t *ratio_json(const llct_pplan *p, const llct_tally *t) {
  llct_ratio r = llct_ratio_check(t->ft_classes, t->pt_classes, t->und_classes, p->ratio_num, p->ratio_den);
  json_t *o = json_pack("{s:s, s:i, s:i, s:I, s:I, s:I, s:I}", "status", llct_ratio_status_code(r.status),
                        "num", p->ratio_num, "den", p->ratio_den, "full_time", (json_int_t)r.ft, "part_time",
                        (json_int_t)r.pt, "undecided", (json_int_t)r.undecided, "full_time_needed",
                        (json_int_t)r.ft_needed);
  /* with the figures the text declares for each mode */
  llct_declared d = overall_declared(p);
  if (d.ft_classes >= 0 && d.pt_classes >= 0) {
    llct_ratio dr = llct_ratio_check(d.ft_classes, d.pt_classes, 0, p->ratio_num, p->ratio_den);
    json_object_set_new(o, "declared",
                        json_pack("{s:s, s:I, s:I}", "status", llct_ratio_status_code(dr.status), "full_time",
                                  (json_int_t)d.ft_classes, "part_time", (json_int_t)d.pt_classes));
  }
  return o;
}

json_t *llct_report_of(const llct_pplan *p) {
  json_t *apps = json_array();
  llct_tally total;
  llct_tally_clear(&total);
  for (int i = 0; i < p->napp; i++) {
    llct_tally t;
    json_array_append_new(apps, appendix_json(p, &p->app[i], &t));
    llct_tally_sum(&total, &t);
  }
  llct_declared od = overall_declared(p);
  json_t *overall = llct_tally_json(&total);
  json_t *checks = json_array();
  llct_checks_json(checks, &total, &od, "text", p->cap_ft, p->cap_pt, false);
  json_object_set_new(overall, "declared", llct_declared_json(&od));
  json_object_set_new(overall, "checks", checks);
  json_object_set_new(overall, "undecided_split", llct_split_json(&total, &od, p->cap_ft, p->cap_pt));
  json_t *plan =
      json_pack("{s:s?, s:s?, s:s?, s:s?, s:i, s:{s:o, s:o, s:o}, s:{s:i, s:i, s:b}, s:{s:i, s:i, s:b},"
                " s:{s:i, s:i, s:i, s:i, s:i, s:i, s:i}}",
                "title", p->title, "issuer", p->issuer, "number", p->number, "issued_on",
                p->issued_on[0] ? p->issued_on : NULL, "year", p->year, "targets", "total",
                count_or_null(p->target_total), "full_time", count_or_null(p->target_ft), "part_time",
                count_or_null(p->target_pt), "caps", "full_time", p->cap_ft, "part_time", p->cap_pt,
                "from_text", p->caps_from_text, "ratio", "num", p->ratio_num, "den", p->ratio_den,
                "from_text", p->ratio_from_text, "rules", "announce_max_days", p->rules.announce_max_days,
                "dossier_min_days", p->rules.dossier_min_days, "review_max_days", p->rules.review_max_days,
                "report_max_days", p->rules.report_max_days, "notice_min_days", p->rules.notice_min_days,
                "late_max_days", p->rules.late_max_days, "from_text", p->rules_from_text);
  json_t *report =
      json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "plan", plan, "appendices", apps, "overall", overall,
                "text_checks", text_checks(p), "ratio", ratio_json(p, &total), "warnings",
                msgs_json(&p->warnings), "errors", msgs_json(&p->errors));
  int mismatches = llct_report_mismatches(report);
  json_object_set_new(report, "mismatch_count", json_integer(mismatches));
  json_object_set_new(report, "consistent", json_boolean(mismatches == 0 && p->errors.n == 0));
  return report;
}

static int count_in(json_t *checks) {
  int n = 0;
  size_t i;
  json_t *c;
  json_array_foreach(checks, i, c) {
    const char *s = cadre_jstr(c, "status");
    n += s && strcmp(s, "mismatch") == 0;
  }
  return n;
}

int llct_report_mismatches(json_t *report) {
  int n = count_in(json_object_get(json_object_get(report, "overall"), "checks"));
  n += count_in(json_object_get(report, "text_checks"));
  size_t i;
  json_t *ap;
  json_array_foreach(json_object_get(report, "appendices"), i, ap) n +=
      count_in(json_object_get(ap, "checks"));
  return n;
}
