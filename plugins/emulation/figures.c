/*
 * The year-end figures behind the targets (phụ lục báo cáo, Mẫu số 04) and
 * the targets computed from them: met or not, with the numbers behind each
 * verdict. The figures belong to the school's report: they can change while
 * the report can (not yet submitted, or returned, and the window open).
 */
#include "emulation.h"

#include <string.h>

static const char *const figure_names[] = {
    "staff_total", "ldtt",      "cstd",           "units_total", "units_ldtt",
    "units_ldxs",  "commended", "party_total",    "party_good",  "party_excellent",
    "prof_total",  "prof_good", "prof_excellent", "dept_total",  "dept_joined"};
#define FIGURE_COUNT (sizeof figure_names / sizeof figure_names[0])

static void figures_from_json(json_t *row, struct em_figures *f) {
  int64_t *slots[] = {
      &f->staff_total, &f->ldtt,      &f->cstd,           &f->units_total, &f->units_ldtt,
      &f->units_ldxs,  &f->commended, &f->party_total,    &f->party_good,  &f->party_excellent,
      &f->prof_total,  &f->prof_good, &f->prof_excellent, &f->dept_total,  &f->dept_joined};
  for (size_t i = 0; i < FIGURE_COUNT; i++)
    *slots[i] = cadre_jint(row, figure_names[i], 0);
}

static void figures_from_req(cadre_req *req, struct em_figures *f) {
  int64_t *slots[] = {
      &f->staff_total, &f->ldtt,      &f->cstd,           &f->units_total, &f->units_ldtt,
      &f->units_ldxs,  &f->commended, &f->party_total,    &f->party_good,  &f->party_excellent,
      &f->prof_total,  &f->prof_good, &f->prof_excellent, &f->dept_total,  &f->dept_joined};
  for (size_t i = 0; i < FIGURE_COUNT; i++)
    *slots[i] = cadre_int(req, figure_names[i], 0);
}

static const char *cmp_code(enum em_target_cmp c) {
  switch (c) {
  case EM_CMP_AT_LEAST: return "at_least";
  case EM_CMP_OVER: return "over";
  case EM_CMP_BETWEEN: return "between";
  default: return "count";
  }
}

json_t *em_targets_json(cadre_req *req, const struct em_thresholds *t, json_t *figures) {
  if (!figures)
    return json_null();
  struct em_figures f;
  figures_from_json(figures, &f);
  struct em_target out[EM_TARGET_COUNT];
  em_targets_compute(&f, t, out);
  json_t *arr = json_array();
  for (int i = 0; i < EM_TARGET_COUNT; i++) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:s}", "code", out[i].code, "label",
                          out[i].label, "cmp", cmp_code(out[i].cmp), "lo", out[i].lo, "hi", out[i].hi, "num",
                          (json_int_t)out[i].num, "den", (json_int_t)out[i].den, "state",
                          em_target_state_code(out[i].state));
    json_object_set_new(o, "percent",
                        out[i].cmp == EM_CMP_COUNT
                            ? json_null()
                            : em_permille_json(em_ratio_permille(out[i].num, out[i].den)));
    json_array_append_new(arr, o);
  }
  (void)req;
  return arr;
}

#define FIGURES_SELECT                                                                                       \
  "SELECT staff_total, ldtt, cstd, units_total, units_ldtt, units_ldxs, commended, "                         \
  " party_total, party_good, party_excellent, prof_total, prof_good, prof_excellent, "                       \
  " dept_total, dept_joined, updated_at FROM emulation_figures "

/* ---- one school ------------------------------------------------------------------------ */

int em_h_figures_get(cadre_req *req) {
  struct em_year y;
  struct em_actor a;
  int rc = em_year_actor(req, &y, &a);
  if (rc)
    return rc;
  int64_t school = cadre_int(req, "school", a.school);
  json_t *member =
      cadre_db_row(req,
                   "SELECT m.cluster_id, a.name, a.code, a.kind, c.head_school_id FROM emulation_member m "
                   "JOIN agency a ON a.id = m.school_id JOIN emulation_cluster c ON c.id = m.cluster_id "
                   "WHERE m.year_id = ? AND m.school_id = ?",
                   CV_ARGS(CV_INT(y.id), CV_INT(school)));
  if (!member)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 404, "not_found", "Trường không thuộc cụm thi đua nào năm %d.", y.year);
  bool head_of_it = a.head && a.cluster == cadre_jint(member, "cluster_id", 0);
  if (!a.board && school != a.school && !head_of_it && em_school_in_scope(req, school) != 1)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy số liệu của trường.");
  json_t *fig = cadre_db_row(req, FIGURES_SELECT "WHERE year_id = ? AND school_id = ?",
                             CV_ARGS(CV_INT(y.id), CV_INT(school)));
  if (!fig && cadre_db_errno(req))
    return cadre_db_fail(req);
  json_t *out = cadre_json_obj(req);
  em_set(out, "school_id", json_integer(school));
  em_set(out, "school_name", json_string(cadre_jstr(member, "name")));
  em_set(out, "figures", fig ? json_incref(fig) : NULL);
  em_set(out, "targets", em_targets_json(req, &y.targets, fig));
  return cadre_reply_json(req, 200, out);
}

struct figures_put {
  struct em_year *y;
  struct em_actor *a;
};

static int figures_put_tx(cadre_req *req, void *p) {
  struct figures_put *f = p;
  int rc = em_lock_editable(req, f->y, EM_KIND_SCHOOL_REPORT, f->a->cluster, f->a->school);
  if (rc)
    return rc;
  json_t *before = cadre_db_row(req, FIGURES_SELECT "WHERE year_id = ? AND school_id = ? FOR UPDATE",
                                CV_ARGS(CV_INT(f->y->id), CV_INT(f->a->school)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (cadre_db_exec(
          req,
          "INSERT INTO emulation_figures (year_id, school_id, staff_total, ldtt, cstd, "
          " units_total, units_ldtt, units_ldxs, commended, party_total, party_good, "
          " party_excellent, prof_total, prof_good, prof_excellent, dept_total, dept_joined, "
          " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON DUPLICATE KEY UPDATE staff_total = VALUES(staff_total), ldtt = VALUES(ldtt), "
          " cstd = VALUES(cstd), units_total = VALUES(units_total), "
          " units_ldtt = VALUES(units_ldtt), units_ldxs = VALUES(units_ldxs), "
          " commended = VALUES(commended), party_total = VALUES(party_total), "
          " party_good = VALUES(party_good), party_excellent = VALUES(party_excellent), "
          " prof_total = VALUES(prof_total), prof_good = VALUES(prof_good), "
          " prof_excellent = VALUES(prof_excellent), dept_total = VALUES(dept_total), "
          " dept_joined = VALUES(dept_joined), updated_by = VALUES(updated_by)",
          CV_ARGS(CV_INT(f->y->id), CV_INT(f->a->school), CV_FIELD(req, "staff_total"), CV_FIELD(req, "ldtt"),
                  CV_FIELD(req, "cstd"), CV_FIELD(req, "units_total"), CV_FIELD(req, "units_ldtt"),
                  CV_FIELD(req, "units_ldxs"), CV_FIELD(req, "commended"), CV_FIELD(req, "party_total"),
                  CV_FIELD(req, "party_good"), CV_FIELD(req, "party_excellent"), CV_FIELD(req, "prof_total"),
                  CV_FIELD(req, "prof_good"), CV_FIELD(req, "prof_excellent"), CV_FIELD(req, "dept_total"),
                  CV_FIELD(req, "dept_joined"), EM_USER(req))) < 0)
    return em_db_conflict(req, NULL, NULL, NULL, NULL);
  json_t *after = cadre_db_row(req, FIGURES_SELECT "WHERE year_id = ? AND school_id = ?",
                               CV_ARGS(CV_INT(f->y->id), CV_INT(f->a->school)));
  if (!after ||
      cadre_audit(req, "emulation.figures", f->a->school, before ? "update" : "create", before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_figures_put(cadre_req *req) {
  struct em_year y;
  struct em_actor a;
  int rc = em_year_actor(req, &y, &a);
  if (rc || (rc = em_require_member(req, &y, &a)))
    return rc;
  struct em_figures f;
  figures_from_req(req, &f);
  const char *message;
  const char *bad = em_figures_check(&f, &message);
  if (bad) {
    cadre_field_error(req, bad, "figures_inconsistent", "%s", message);
    return cadre_fail(req, 422, "figures_inconsistent", "%s", message);
  }
  struct figures_put ctx = {&y, &a};
  if ((rc = cadre_tx(req, figures_put_tx, &ctx)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  json_t *fig = json_object();
  for (size_t i = 0; i < FIGURE_COUNT; i++)
    json_object_set_new(fig, figure_names[i], json_integer(cadre_int(req, figure_names[i], 0)));
  cadre_keep(req, fig);
  em_set(out, "targets", em_targets_json(req, &y.targets, fig));
  return cadre_reply_json(req, 200, out);
}

/* ---- a cluster's table of targets --------------------------------------------------------- */

static const char *verdict(cadre_req *req, json_t *t) {
  const char *state = cadre_jstr(t, "state");
  const char *word = strcmp(state, "met") == 0       ? "Đạt"
                     : strcmp(state, "not_met") == 0 ? "Không đạt"
                                                     : "Không có số liệu";
  if (strcmp(cadre_jstr(t, "cmp"), "count") == 0)
    return cadre_printf(req, "%lld — %s", (long long)cadre_jint(t, "num", 0), word);
  json_t *pct = json_object_get(t, "percent");
  if (!json_is_number(pct))
    return word;
  return cadre_printf(req, "%lld/%lld = %.1f%% — %s", (long long)cadre_jint(t, "num", 0),
                      (long long)cadre_jint(t, "den", 0), json_number_value(pct), word);
}

int em_h_targets(cadre_req *req) {
  struct em_cluster c;
  struct em_year y;
  struct em_actor a;
  enum em_viewer viewer;
  int rc = em_cluster_open(req, &c, &y, &a, &viewer);
  if (rc)
    return rc;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT m.school_id, ag.code, ag.name, f.staff_total, f.ldtt, f.cstd, f.units_total, "
                    " f.units_ldtt, f.units_ldxs, f.commended, f.party_total, f.party_good, "
                    " f.party_excellent, f.prof_total, f.prof_good, f.prof_excellent, f.dept_total, "
                    " f.dept_joined, (f.school_id IS NOT NULL) AS has_figures "
                    "FROM emulation_member m JOIN agency ag ON ag.id = m.school_id "
                    "LEFT JOIN emulation_figures f ON f.year_id = m.year_id AND f.school_id = m.school_id "
                    "WHERE m.cluster_id = ? ORDER BY m.sort, ag.name",
                    CV_ARGS(CV_INT(c.id)));
  if (!rows)
    return cadre_db_fail(req);
  json_t *out = cadre_json_arr(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int64_t school = cadre_jint(r, "school_id", 0);
    bool visible = viewer == EM_VIEW_BOARD || viewer == EM_VIEW_HEAD ||
                   (viewer == EM_VIEW_MEMBER && school == a.school) ||
                   (viewer == EM_VIEW_OUTSIDE && em_school_in_scope(req, school) == 1);
    if (!visible)
      continue;
    json_t *targets = em_targets_json(req, &y.targets, cadre_jtrue(r, "has_figures") ? r : NULL);
    json_t *row = json_pack("{s:I, s:s, s:s}", "school_id", (json_int_t)school, "code", cadre_jstr(r, "code"),
                            "name", cadre_jstr(r, "name"));
    int met = 0;
    size_t j;
    json_t *t;
    json_array_foreach(targets, j, t) {
      met += strcmp(cadre_jstr(t, "state"), "met") == 0;
      json_object_set_new(row, cadre_printf(req, "t_%s", cadre_jstr(t, "code")),
                          json_string(verdict(req, t)));
    }
    json_object_set_new(row, "met", json_integer(met));
    json_object_set_new(row, "targets", targets);
    json_array_append_new(out, row);
  }
  const char *format = cadre_str(req, "format");
  if (!format || strcmp(format, "json") == 0) {
    json_t *body = cadre_json_obj(req);
    em_set(body, "cluster", json_string(cadre_jstr(c.row, "name")));
    em_set(body, "year", json_integer(y.year));
    em_set(body, "rows", json_incref(out));
    return cadre_reply_json(req, 200, body);
  }
  /* Headers state the year's own thresholds. */
  const struct em_thresholds *t = &y.targets;
  const struct cadre_column cols[] = {
      {"code", "Mã trường", CC_TEXT, 12},
      {"name", "Trường", CC_TEXT, 40},
      {"t_ldtt", cadre_printf(req, "Lao động tiên tiến (≥ %d%%)", t->ldtt_min_pct), CC_TEXT, 26},
      {"t_cstd", cadre_printf(req, "Chiến sĩ thi đua cơ sở (%d–%d%%)", t->cstd_min_pct, t->cstd_max_pct),
       CC_TEXT, 26},
      {"t_units_ldxs", cadre_printf(req, "Tập thể LĐ xuất sắc (≥ %d)", t->units_ldxs_min), CC_TEXT, 20},
      {"t_commended", cadre_printf(req, "Được khen thưởng (≥ %d%%)", t->commended_min_pct), CC_TEXT, 26},
      {"t_party_good", cadre_printf(req, "Tổ chức đảng hoàn thành tốt (≥ %d%%)", t->party_good_min_pct),
       CC_TEXT, 26},
      {"t_party_excellent",
       cadre_printf(req, "Tổ chức đảng hoàn thành xuất sắc (≥ %d%%)", t->party_excellent_min_pct), CC_TEXT,
       26},
      {"t_prof_good", cadre_printf(req, "Đơn vị chuyên môn hoàn thành tốt (> %d%%)", t->prof_good_over_pct),
       CC_TEXT, 26},
      {"t_dept", cadre_printf(req, "Khoa, phòng hưởng ứng (%d%%)", t->dept_min_pct), CC_TEXT, 26},
      {"met", "Số chỉ tiêu đạt", CC_INT, 10},
  };
  return cadre_reply_table(
      req, format, cadre_printf(req, "chi-tieu-thi-dua-%d", y.year),
      cadre_printf(req, "Chỉ tiêu thi đua năm %d — %s", y.year, cadre_jstr(c.row, "name")), cols,
      sizeof cols / sizeof cols[0], out);
}
