/*
 * Campaign years: theme and content, targets, the calendar of deadlines, and
 * the scoring sheets. A new year starts from the built-in 2023 calendar and
 * sample sheets, or as a copy of an earlier year (its dates moved on, its
 * sheets and clusters copied, and the head and deputy the Academy confirmed
 * from that year's proposals put in place).
 */
#include "emulation.h"

#include <string.h>

/* ---- the caller's place in a year --------------------------------------------- */

int em_h_me(cadre_req *req) {
  int64_t year = cadre_int(req, "year", 0);
  if (!year && cadre_db_int(req, &year, "SELECT MAX(year) FROM emulation_year", CV_NONE) < 0)
    return cadre_db_fail(req);
  json_t *out = cadre_json_obj(req);
  em_set(out, "board", json_boolean(em_is_board(req)));
  em_set(out, "year", year ? json_integer(year) : json_null());
  if (!year)
    return cadre_reply_json(req, 200, out);
  struct em_year y;
  int rc = em_year_load(req, (int)year, &y);
  if (rc)
    return rc;
  struct em_actor a;
  if (em_actor_load(req, y.id, &a) < 0)
    return cadre_db_fail(req);
  em_set(out, "head", json_boolean(a.head));
  em_set(out, "deputy", json_boolean(a.deputy));
  if (!a.school)
    return cadre_reply_json(req, 200, out);
  json_t *school =
      cadre_db_row(req,
                   "SELECT a.id, a.code, a.name, a.kind, c.id AS cluster_id, c.code AS cluster_code, "
                   " c.name AS cluster_name, c.state AS cluster_state, m.cross_checker_school_id "
                   "FROM agency a JOIN emulation_member m ON m.school_id = a.id AND m.year_id = ? "
                   "JOIN emulation_cluster c ON c.id = m.cluster_id WHERE a.id = ?",
                   CV_ARGS(CV_INT(y.id), CV_INT(a.school)));
  json_t *checks =
      cadre_db_rows(req,
                    "SELECT a.id, a.code, a.name FROM emulation_member m JOIN agency a ON a.id = m.school_id "
                    "WHERE m.cluster_id = ? AND m.cross_checker_school_id = ? ORDER BY a.name",
                    CV_ARGS(CV_INT(a.cluster), CV_INT(a.school)));
  if (!school || !checks)
    return cadre_db_fail(req);
  em_set(out, "school", json_incref(school));
  em_set(out, "checks", json_incref(checks));
  em_set(out, "evaluation", json_string(em_eval_code(em_school_evaluated(req, &y, a.cluster, a.school))));
  return cadre_reply_json(req, 200, out);
}

/* ---- list and read ------------------------------------------------------------------ */

int em_h_years_list(cadre_req *req) {
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT y.id, y.year, y.theme, y.letter_no, y.letter_date, "
                    " (SELECT COUNT(*) FROM emulation_cluster c WHERE c.year_id = y.id) AS clusters, "
                    " (SELECT COUNT(*) FROM emulation_member m WHERE m.year_id = y.id) AS schools "
                    "FROM emulation_year y ORDER BY y.year DESC",
                    CV_NONE);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

static json_t *deadlines_of(cadre_req *req, int64_t year_id) {
  return cadre_db_rows(req,
                       "SELECT id, kind, level, form, title, due_date, lock_date, sort "
                       "FROM emulation_deadline WHERE year_id = ? ORDER BY sort, due_date, id",
                       CV_ARGS(CV_INT(year_id)));
}

int em_h_year_get(cadre_req *req) {
  struct em_year y;
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &y);
  if (rc)
    return rc;
  json_t *deadlines = deadlines_of(req, y.id);
  json_t *sheets =
      cadre_db_rows(req,
                    "SELECT s.id, s.form, s.school_kind, s.title, s.is_sample, "
                    " (SELECT COUNT(*) FROM emulation_criterion c WHERE c.sheet_id = s.id) AS criteria "
                    "FROM emulation_sheet s WHERE s.year_id = ? ORDER BY s.form",
                    CV_ARGS(CV_INT(y.id)));
  if (!deadlines || !sheets)
    return cadre_db_fail(req);
  json_t *out = json_deep_copy(y.row);
  cadre_keep(req, out);
  json_object_del(out, "gap_total_h");
  em_set(out, "gap_total_points", em_pts_json(req, y.gap_total));
  em_set(out, "today", json_string(cadre_today(req)));
  /* Each deadline with its window today, so pages need no clock of their own. */
  size_t i;
  json_t *d;
  json_array_foreach(deadlines, i, d) {
    const struct em_kind *k = em_kind_find(cadre_jstr(d, "kind"));
    enum em_window w =
        em_window_at(cadre_today(req), cadre_jstr(d, "due_date"), cadre_jstr(d, "lock_date"), NULL);
    em_set(d, "window", json_string(em_window_code(w)));
    json_t *parts = json_array();
    for (size_t p = 0; k && p < EM_MAX_PARTS && k->parts[p].code; p++)
      json_array_append_new(parts, json_pack("{s:s, s:s, s:i}", "code", k->parts[p].code, "label",
                                             k->parts[p].label, "min_files", k->parts[p].min_files));
    em_set(d, "parts", parts);
    em_set(d, "needs_figures", json_boolean(k && (k->needs & EM_NEEDS_FIGURES)));
    em_set(d, "needs_scores", json_boolean(k && (k->needs & EM_NEEDS_SCORES)));
    em_set(d, "needs_held_on", json_boolean(k && (k->needs & EM_NEEDS_HELD_ON)));
    em_set(d, "has_registration", json_boolean(k && (k->data & EM_DATA_REGISTRATION)));
    em_set(d, "has_place", json_boolean(k && (k->data & EM_DATA_PLACE)));
  }
  em_set(out, "deadlines", json_incref(deadlines));
  em_set(out, "sheets", json_incref(sheets));
  return cadre_reply_json(req, 200, out);
}

/* ---- defaults: the calendar and the sample sheets ------------------------------------- */

int em_deadlines_default(cadre_req *req, int64_t year_id, int year) {
  for (size_t i = 0; i < EM_KIND_COUNT; i++) {
    const struct em_kind *k = &em_kinds[i];
    cadre_date due = {year, k->month, k->day};
    cadre_date lock = cadre_date_add(due, k->lock_grace);
    char due_s[11], lock_s[11];
    cadre_date_iso(due, due_s);
    cadre_date_iso(lock, lock_s);
    if (cadre_db_exec(req,
                      "INSERT IGNORE INTO emulation_deadline "
                      "(year_id, kind, level, form, title, due_date, lock_date, sort) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(CV_INT(year_id), CV_STR(k->code),
                              CV_STR(k->level == EM_LEVEL_SCHOOL ? "school" : "cluster"), CV_STR(k->form),
                              CV_STR(k->title), CV_STR(due_s), CV_STR(lock_s),
                              CV_INT((int64_t)(i + 1) * 10))) < 0)
      return -1;
  }
  return 0;
}

static int sample_sheet(cadre_req *req, int64_t year_id, const struct em_sample_sheet *s) {
  int64_t n =
      cadre_db_exec(req,
                    "INSERT IGNORE INTO emulation_sheet "
                    "(year_id, form, school_kind, title, note, is_sample) "
                    "VALUES (?, ?, ?, ?, ?, 1)",
                    CV_ARGS(CV_INT(year_id), CV_STR(s->form), CV_STR(s->school_kind), CV_STR(s->title),
                            CV_STR("Phiếu minh họa: công văn 3552-CV/HVCTQG nêu tên "
                                   "mẫu phiếu nhưng không kèm tiêu chí. Ban Thi đua - "
                                   "Khen thưởng thay bằng tiêu chí chính thức.")));
  if (n <= 0)
    return (int)n; /* 0: the year has this sheet already */
  int64_t sheet_id = cadre_db_last_id(req);
  for (size_t i = 0; i < s->count; i++) {
    const struct em_sample_criterion *c = &s->criteria[i];
    char max[16];
    em_pts_format(c->max, max, sizeof max);
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_criterion "
                      "(sheet_id, seq, code, section, title, kind, max_points, levels_json, "
                      " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(CV_INT(sheet_id), CV_INT((int64_t)(i + 1) * 10), CV_STR(c->code),
                              CV_STR(c->section), CV_STR(c->title), CV_STR(em_crit_kind_code(c->kind)),
                              CV_STR(max), CV_STR(em_sample_levels_json(cadre_arena_of(req), c)),
                              CV_STR(c->evidence))) < 0)
      return -1;
  }
  return 1;
}

int em_sheets_sample(cadre_req *req, int64_t year_id) {
  for (size_t i = 0; i < sizeof em_sample_sheets / sizeof em_sample_sheets[0]; i++)
    if (sample_sheet(req, year_id, &em_sample_sheets[i]) < 0)
      return -1;
  return 0;
}

/* ---- create ------------------------------------------------------------------------- */

struct year_create {
  int year, copy_from;
  int64_t from_id, id;
};

static int copy_sheets(cadre_req *req, struct year_create *c) {
  json_t *sheets =
      cadre_db_rows(req, "SELECT id FROM emulation_sheet WHERE year_id = ?", CV_ARGS(CV_INT(c->from_id)));
  if (!sheets)
    return -1;
  size_t i;
  json_t *s;
  json_array_foreach(sheets, i, s) {
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_sheet (year_id, form, school_kind, title, note, "
                      " is_sample) SELECT ?, form, school_kind, title, note, is_sample "
                      "FROM emulation_sheet WHERE id = ?",
                      CV_ARGS(CV_INT(c->id), CV_INT(cadre_jint(s, "id", 0)))) < 0)
      return -1;
    int64_t sheet_id = cadre_db_last_id(req);
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_criterion (sheet_id, seq, code, section, title, "
                      " kind, max_points, levels_json, evidence) "
                      "SELECT ?, seq, code, section, title, kind, max_points, levels_json, "
                      " evidence FROM emulation_criterion WHERE sheet_id = ?",
                      CV_ARGS(CV_INT(sheet_id), CV_INT(cadre_jint(s, "id", 0)))) < 0)
      return -1;
  }
  return 0;
}

/* Clusters and members carry over; the head and deputy are those the Academy
 * confirmed from last year's proposals (Mẫu 08), otherwise left to set. */
static int copy_clusters(cadre_req *req, struct year_create *c) {
  json_t *clusters =
      cadre_db_rows(req,
                    "SELECT id, code, name, is_sample, next_term_state, next_head_school_id, "
                    " next_deputy_school_id FROM emulation_cluster WHERE year_id = ? ORDER BY id",
                    CV_ARGS(CV_INT(c->from_id)));
  if (!clusters)
    return -1;
  size_t i;
  json_t *old;
  json_array_foreach(clusters, i, old) {
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_cluster (year_id, code, name, is_sample) "
                      "VALUES (?, ?, ?, ?)",
                      CV_ARGS(CV_INT(c->id), CV_STR(cadre_jstr(old, "code")), CV_STR(cadre_jstr(old, "name")),
                              CV_INT(cadre_jint(old, "is_sample", 0)))) < 0)
      return -1;
    int64_t cluster_id = cadre_db_last_id(req);
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_member (year_id, cluster_id, school_id, sort) "
                      "SELECT ?, ?, school_id, sort FROM emulation_member WHERE cluster_id = ?",
                      CV_ARGS(CV_INT(c->id), CV_INT(cluster_id), CV_INT(cadre_jint(old, "id", 0)))) < 0)
      return -1;
    const char *state = cadre_jstr(old, "next_term_state");
    if (state && strcmp(state, "confirmed") == 0 &&
        cadre_db_exec(req,
                      "UPDATE emulation_cluster SET head_school_id = ?, deputy_school_id = ? "
                      "WHERE id = ?",
                      CV_ARGS(CV_INT(cadre_jint(old, "next_head_school_id", 0)),
                              CV_INT(cadre_jint(old, "next_deputy_school_id", 0)), CV_INT(cluster_id))) < 0)
      return -1;
  }
  return 0;
}

static int year_create_tx(cadre_req *req, void *p) {
  struct year_create *c = p;
  int64_t n;
  if (c->copy_from) {
    n = cadre_db_exec(
        req,
        "INSERT INTO emulation_year (year, theme, content, t_ldtt_min_pct, t_cstd_min_pct, "
        " t_cstd_max_pct, t_units_ldxs_min, t_commended_min_pct, t_party_good_min_pct, "
        " t_party_excellent_min_pct, t_prof_good_over_pct, t_dept_min_pct, gap_criterion_pct, "
        " gap_total_points, award_flag_slots, award_merit_slots) "
        "SELECT ?, ?, ?, t_ldtt_min_pct, t_cstd_min_pct, t_cstd_max_pct, t_units_ldxs_min, "
        " t_commended_min_pct, t_party_good_min_pct, t_party_excellent_min_pct, "
        " t_prof_good_over_pct, t_dept_min_pct, gap_criterion_pct, gap_total_points, "
        " award_flag_slots, award_merit_slots FROM emulation_year WHERE id = ?",
        CV_ARGS(CV_INT(c->year), CV_FIELD(req, "theme"), CV_FIELD(req, "content"), CV_INT(c->from_id)));
  } else {
    n = cadre_db_exec(req, "INSERT INTO emulation_year (year, theme, content) VALUES (?, ?, ?)",
                      CV_ARGS(CV_INT(c->year), CV_FIELD(req, "theme"), CV_FIELD(req, "content")));
  }
  if (n < 0)
    return em_db_conflict(req, "year_exists", cadre_printf(req, "Năm thi đua %d đã có.", c->year), NULL,
                          NULL);
  c->id = cadre_db_last_id(req);
  int rc;
  if (c->copy_from) {
    rc = cadre_db_exec(req,
                       "INSERT INTO emulation_deadline (year_id, kind, level, form, title, "
                       " due_date, lock_date, sort) "
                       "SELECT ?, kind, level, form, title, due_date + INTERVAL ? YEAR, "
                       " lock_date + INTERVAL ? YEAR, sort FROM emulation_deadline "
                       "WHERE year_id = ?",
                       CV_ARGS(CV_INT(c->id), CV_INT(c->year - c->copy_from), CV_INT(c->year - c->copy_from),
                               CV_INT(c->from_id))) < 0
             ? -1
             : 0;
    if (rc == 0)
      rc = em_deadlines_default(req, c->id, c->year); /* kinds the old year lacked */
    if (rc == 0)
      rc = copy_sheets(req, c);
    if (rc == 0)
      rc = copy_clusters(req, c);
  } else {
    rc = em_deadlines_default(req, c->id, c->year);
  }
  if (rc == 0)
    rc = em_sheets_sample(req, c->id); /* only when no sheet was copied */
  if (rc < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:i, s:s, s:i}", "year", c->year, "theme", cadre_str0(req, "theme"),
                            "copy_from", c->copy_from);
  rc = cadre_audit(req, "emulation.year", c->id, "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_year_create(cadre_req *req) {
  struct year_create c = {.year = (int)cadre_int(req, "year", 0),
                          .copy_from = (int)cadre_int(req, "copy_from", 0)};
  if (c.copy_from) {
    struct em_year from;
    int rc = em_year_load(req, c.copy_from, &from);
    if (rc)
      return rc;
    c.from_id = from.id;
  }
  int rc = cadre_tx(req, year_create_tx, &c);
  if (rc)
    return rc;
  cadre_log(req, "info", "emulation year %d created (copy of %d)", c.year, c.copy_from);
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "id", json_integer(c.id));
  em_set(out, "year", json_integer(c.year));
  return cadre_reply_json(req, 201, out);
}

/* ---- update --------------------------------------------------------------------------- */

static int int_or(cadre_req *req, const char *name, int current) {
  return (int)cadre_int(req, name, current);
}

struct year_update {
  struct em_year *y;
  struct em_thresholds t;
  em_pts gap_total;
};

static int year_update_tx(cadre_req *req, void *p) {
  struct year_update *u = p;
  char gap[24];
  em_pts_format(u->gap_total, gap, sizeof gap);
  if (cadre_db_exec(
          req,
          "UPDATE emulation_year SET theme = COALESCE(?, theme), content = COALESCE(?, content), "
          " letter_no = COALESCE(?, letter_no), letter_date = COALESCE(?, letter_date), "
          " t_ldtt_min_pct = ?, t_cstd_min_pct = ?, t_cstd_max_pct = ?, t_units_ldxs_min = ?, "
          " t_commended_min_pct = ?, t_party_good_min_pct = ?, t_party_excellent_min_pct = ?, "
          " t_prof_good_over_pct = ?, t_dept_min_pct = ?, gap_criterion_pct = ?, "
          " gap_total_points = ?, award_flag_slots = ?, award_merit_slots = ? WHERE id = ?",
          CV_ARGS(CV_FIELD(req, "theme"), CV_FIELD(req, "content"), CV_FIELD(req, "letter_no"),
                  CV_FIELD(req, "letter_date"), CV_INT(u->t.ldtt_min_pct), CV_INT(u->t.cstd_min_pct),
                  CV_INT(u->t.cstd_max_pct), CV_INT(u->t.units_ldxs_min), CV_INT(u->t.commended_min_pct),
                  CV_INT(u->t.party_good_min_pct), CV_INT(u->t.party_excellent_min_pct),
                  CV_INT(u->t.prof_good_over_pct), CV_INT(u->t.dept_min_pct),
                  CV_INT(int_or(req, "gap_criterion_pct", u->y->gap_pct)), CV_STR(gap),
                  CV_INT(int_or(req, "award_flag_slots", u->y->flag_slots)),
                  CV_INT(int_or(req, "award_merit_slots", u->y->merit_slots)), CV_INT(u->y->id))) < 0)
    return em_db_conflict(req, NULL, NULL, NULL, NULL);
  struct em_year after;
  int rc = em_year_load_id(req, u->y->id, &after);
  if (rc)
    return rc;
  return cadre_audit(req, "emulation.year", u->y->id, "update", u->y->row, after.row) < 0 ? cadre_db_fail(req)
                                                                                          : 0;
}

int em_h_year_update(cadre_req *req) {
  struct em_year y;
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &y);
  if (rc)
    return rc;
  struct year_update u = {.y = &y, .t = y.targets, .gap_total = y.gap_total};
  u.t.ldtt_min_pct = int_or(req, "t_ldtt_min_pct", y.targets.ldtt_min_pct);
  u.t.cstd_min_pct = int_or(req, "t_cstd_min_pct", y.targets.cstd_min_pct);
  u.t.cstd_max_pct = int_or(req, "t_cstd_max_pct", y.targets.cstd_max_pct);
  u.t.units_ldxs_min = int_or(req, "t_units_ldxs_min", y.targets.units_ldxs_min);
  u.t.commended_min_pct = int_or(req, "t_commended_min_pct", y.targets.commended_min_pct);
  u.t.party_good_min_pct = int_or(req, "t_party_good_min_pct", y.targets.party_good_min_pct);
  u.t.party_excellent_min_pct = int_or(req, "t_party_excellent_min_pct", y.targets.party_excellent_min_pct);
  u.t.prof_good_over_pct = int_or(req, "t_prof_good_over_pct", y.targets.prof_good_over_pct);
  u.t.dept_min_pct = int_or(req, "t_dept_min_pct", y.targets.dept_min_pct);
  const char *message;
  const char *bad = em_thresholds_check(&u.t, &message);
  if (bad) {
    cadre_field_error(req, bad, "invalid_threshold", "%s", message);
    return cadre_fail(req, 422, "invalid_threshold", "%s", message);
  }
  if (cadre_has(req, "gap_total_points") && !em_pts_parse(cadre_str(req, "gap_total_points"), &u.gap_total)) {
    cadre_field_error(req, "gap_total_points", "invalid_points",
                      "Điểm ghi tối đa hai chữ số thập phân, không âm.");
    return cadre_fail(req, 422, "invalid_points", "Ngưỡng chênh lệch tổng điểm không hợp lệ.");
  }
  rc = cadre_tx(req, year_update_tx, &u);
  return rc ? rc : cadre_reply_ok(req, y.id);
}

/* ---- deadlines ------------------------------------------------------------------------ */

struct deadline_update {
  int64_t id;
  json_t *before;
};

static int deadline_update_tx(cadre_req *req, void *p) {
  struct deadline_update *d = p;
  if (cadre_db_exec(req,
                    "UPDATE emulation_deadline SET title = COALESCE(?, title), due_date = ?, "
                    " lock_date = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "due_date"), CV_FIELD(req, "lock_date"),
                            CV_INT(d->id))) < 0)
    return em_db_conflict(req, NULL, NULL, NULL, NULL);
  json_t *after = cadre_db_row(req,
                               "SELECT kind, title, due_date, lock_date FROM emulation_deadline "
                               "WHERE id = ?",
                               CV_ARGS(CV_INT(d->id)));
  if (!after || cadre_audit(req, "emulation.deadline", d->id, "update", d->before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_deadline_update(cadre_req *req) {
  struct deadline_update d = {.id = cadre_int(req, "id", 0)};
  d.before = cadre_db_row(req,
                          "SELECT kind, title, due_date, lock_date FROM emulation_deadline "
                          "WHERE id = ?",
                          CV_ARGS(CV_INT(d.id)));
  if (!d.before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy hạn nộp.");
  /* Both dates are normalised yyyy-mm-dd, so text order is date order. */
  if (strcmp(cadre_str0(req, "lock_date"), cadre_str0(req, "due_date")) < 0) {
    cadre_field_error(req, "lock_date", "deadline_order", "Ngày khóa phải bằng hoặc sau hạn nộp.");
    return cadre_fail(req, 422, "deadline_order", "Ngày khóa phải bằng hoặc sau hạn nộp.");
  }
  int rc = cadre_tx(req, deadline_update_tx, &d);
  return rc ? rc : cadre_reply_ok(req, d.id);
}
