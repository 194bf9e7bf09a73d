/*
 * The plans a caller may see, one plan with its figures held against what
 * it declares (as classes are decided, the tally moves), its lines with
 * their classes as in the appendices, and the plan's time limits.
 *
 * A plan is visible to its province's and its school's users (and the
 * Academy's), and to a unit that sends learners to one of its classes.
 */
#include <string.h>

#include "llct.h"

#define PLAN_VISIBLE                                                                                         \
  " (" CADRE_SCOPE_EXISTS("p.agency_id") " OR " CADRE_SCOPE_EXISTS(                                          \
      "p.school_agency_id") " OR EXISTS (SELECT 1 FROM llct_class vc JOIN llct_allotment va ON va.class_id " \
                            "= vc.id"                                                                        \
                            "   WHERE vc.plan_id = p.id AND " CADRE_SCOPE_EXISTS("va.agency_id") ")) "

int llct_plans_list(cadre_req *req) {
  int64_t root = cadre_scope_root(req);
  int64_t year = cadre_int(req, "year", 0);
  json_t *rows = cadre_db_rows(
      req,
      "SELECT p.id, p.number, p.year, p.title, p.issued_on, p.issuer, p.agency_id,"
      " a.name AS agency_name, p.school_agency_id, s.name AS school_name, p.target_total,"
      " p.target_full_time, p.target_part_time,"
      " (SELECT COUNT(*) FROM llct_class c WHERE c.plan_id = p.id) AS classes,"
      " (SELECT COALESCE(SUM(l.learners), 0) FROM llct_line l WHERE l.plan_id = p.id) AS learners,"
      " (SELECT COUNT(*) FROM llct_class c JOIN llct_step st ON st.class_id = c.id"
      "   AND st.step = 7 AND st.completed = 1 WHERE c.plan_id = p.id) AS classes_opened"
      " FROM llct_plan p JOIN agency a ON a.id = p.agency_id"
      " JOIN agency s ON s.id = p.school_agency_id"
      " WHERE" PLAN_VISIBLE " AND (? = 0 OR p.year = ?)"
      " ORDER BY p.year DESC, p.id DESC",
      CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(root), CV_INT(year), CV_INT(year)));
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, rows);
}

json_t *llct_plan_open(cadre_req *req, int64_t id, int *status) {
  int64_t root = cadre_scope_root(req);
  json_t *row = cadre_db_row(
      req,
      "SELECT p.*, a.name AS agency_name, a.code AS agency_code, s.name AS school_name,"
      " s.code AS school_code,"
      " (" CADRE_SCOPE_EXISTS("p.agency_id") " OR " CADRE_SCOPE_EXISTS(
          "p.school_agency_id") ") AS can_manage"
                                " FROM llct_plan p JOIN agency a ON a.id = p.agency_id"
                                " JOIN agency s ON s.id = p.school_agency_id WHERE p.id = ? AND" PLAN_VISIBLE,
      CV_ARGS(CV_INT(root), CV_INT(root), CV_INT(id), CV_INT(root), CV_INT(root), CV_INT(root)));
  if (!row) {
    *status = cadre_db_errno(req) ? cadre_db_fail(req)
                                  : cadre_fail(req, 404, "not_found", "Không tìm thấy kế hoạch.");
    return NULL;
  }
  *status = 0;
  return row;
}

/* ---- the live tally ------------------------------------------------------------- */

typedef struct line_acc {
  int64_t id;
  int appendix;
  bool split;
  long learners, planned;
} line_acc;

/* Tallies each appendix from the classes as they stand now: a decided class
 * counts in its mode; the learners a line has not yet split among its
 * classes count as undecided. */
static int tally_plan(cadre_req *req, int64_t plan_id, llct_tally t[LLCT_MAX_APPENDIX + 1]) {
  for (int i = 0; i <= LLCT_MAX_APPENDIX; i++)
    llct_tally_clear(&t[i]);
  json_t *lines = cadre_db_rows(req,
                                "SELECT id, appendix, split_decided, learners FROM llct_line"
                                " WHERE plan_id = ? ORDER BY appendix, seq",
                                CV_ARGS(CV_INT(plan_id)));
  json_t *classes = cadre_db_rows(req,
                                  "SELECT line_id, mode, planned_learners FROM llct_class"
                                  " WHERE plan_id = ?",
                                  CV_ARGS(CV_INT(plan_id)));
  if (!lines || !classes)
    return -1;
  size_t n = json_array_size(lines), i, k;
  line_acc *acc = cadre_arena_calloc(cadre_arena_of(req), n + 1, sizeof(*acc));
  if (!acc)
    return -1;
  json_t *r;
  json_array_foreach(lines, i, r) {
    acc[i].id = cadre_jint(r, "id", 0);
    acc[i].appendix = (int)cadre_jint(r, "appendix", 1);
    acc[i].split = cadre_jtrue(r, "split_decided");
    acc[i].learners = (long)cadre_jint(r, "learners", 0);
  }
  json_array_foreach(classes, k, r) {
    int64_t line = cadre_jint(r, "line_id", 0);
    for (i = 0; i < n && acc[i].id != line; i++)
      ;
    if (i == n || acc[i].appendix < 1 || acc[i].appendix > LLCT_MAX_APPENDIX)
      continue;
    long planned = (long)cadre_jint(r, "planned_learners", 0);
    acc[i].planned += planned;
    llct_tally_add_class(&t[acc[i].appendix - 1], llct_mode_from_code(cadre_jstr(r, "mode")), planned);
  }
  for (i = 0; i < n; i++) {
    if (acc[i].split || acc[i].appendix < 1 || acc[i].appendix > LLCT_MAX_APPENDIX)
      continue;
    long rest = acc[i].learners - acc[i].planned;
    if (rest > 0) {
      t[acc[i].appendix - 1].learners += rest;
      t[acc[i].appendix - 1].und_learners += rest;
    }
  }
  for (int a = 0; a < LLCT_MAX_APPENDIX; a++)
    llct_tally_sum(&t[LLCT_MAX_APPENDIX], &t[a]);
  return 0;
}

static llct_declared part_declared(json_t *part) {
  llct_declared d;
  d.classes = (long)cadre_jint(part, "declared_classes", LLCT_NONE);
  d.learners = (long)cadre_jint(part, "declared_learners", LLCT_NONE);
  d.ft_classes = (long)cadre_jint(part, "declared_ft_classes", LLCT_NONE);
  d.ft_learners = (long)cadre_jint(part, "declared_ft_learners", LLCT_NONE);
  d.pt_classes = (long)cadre_jint(part, "declared_pt_classes", LLCT_NONE);
  d.pt_learners = (long)cadre_jint(part, "declared_pt_learners", LLCT_NONE);
  return d;
}

static json_t *figures(cadre_req *req, json_t *plan, json_t *parts, llct_tally t[LLCT_MAX_APPENDIX + 1]) {
  int cap_ft = (int)cadre_jint(plan, "cap_full_time", 50);
  int cap_pt = (int)cadre_jint(plan, "cap_part_time", 80);
  json_t *apps = json_array();
  llct_declared overall;
  llct_declared_clear(&overall);
  overall.learners = (long)cadre_jint(plan, "target_total", LLCT_NONE);
  overall.ft_learners = (long)cadre_jint(plan, "target_full_time", LLCT_NONE);
  overall.pt_learners = (long)cadre_jint(plan, "target_part_time", LLCT_NONE);
  long dc = 0, dfc = 0, dpc = 0;
  bool hc = true, hfc = true, hpc = true;
  size_t i;
  json_t *part;
  json_array_foreach(parts, i, part) {
    int a = (int)cadre_jint(part, "appendix", 0);
    if (a < 1 || a > LLCT_MAX_APPENDIX)
      continue;
    llct_declared d = part_declared(part);
    hc &= d.classes >= 0, hfc &= d.ft_classes >= 0, hpc &= d.pt_classes >= 0;
    dc += d.classes, dfc += d.ft_classes, dpc += d.pt_classes;
    json_t *o = llct_tally_json(&t[a - 1]);
    json_t *checks = json_array();
    llct_checks_json(checks, &t[a - 1], &d, "text", cap_ft, cap_pt, false);
    json_object_set_new(o, "appendix", json_integer(a));
    json_object_set(o, "title", json_object_get(part, "title"));
    json_object_set_new(o, "declared", llct_declared_json(&d));
    json_object_set_new(o, "checks", checks);
    json_object_set_new(o, "undecided_split", llct_split_json(&t[a - 1], &d, cap_ft, cap_pt));
    json_array_append_new(apps, o);
  }
  if (json_array_size(parts)) {
    overall.classes = hc ? dc : LLCT_NONE;
    overall.ft_classes = hfc ? dfc : LLCT_NONE;
    overall.pt_classes = hpc ? dpc : LLCT_NONE;
  }
  llct_tally *all = &t[LLCT_MAX_APPENDIX];
  json_t *o = llct_tally_json(all);
  json_t *checks = json_array();
  llct_checks_json(checks, all, &overall, "text", cap_ft, cap_pt, false);
  json_object_set_new(o, "declared", llct_declared_json(&overall));
  json_object_set_new(o, "checks", checks);
  json_object_set_new(o, "undecided_split", llct_split_json(all, &overall, cap_ft, cap_pt));
  int num = (int)cadre_jint(plan, "ratio_num", 1), den = (int)cadre_jint(plan, "ratio_den", 3);
  llct_ratio r = llct_ratio_check(all->ft_classes, all->pt_classes, all->und_classes, num, den);
  json_t *ratio =
      json_pack("{s:s, s:i, s:i, s:I, s:I, s:I, s:I}", "status", llct_ratio_status_code(r.status), "num", num,
                "den", den, "full_time", (json_int_t)r.ft, "part_time", (json_int_t)r.pt, "undecided",
                (json_int_t)r.undecided, "full_time_needed", (json_int_t)r.ft_needed);
  return cadre_keep(req, json_pack("{s:o, s:o, s:o}", "appendices", apps, "overall", o, "ratio", ratio));
}

int llct_plan_get(cadre_req *req) {
  int st;
  json_t *plan = llct_plan_open(req, cadre_int(req, "id", 0), &st);
  if (!plan)
    return st;
  int64_t id = cadre_jint(plan, "id", 0);
  json_t *parts = cadre_db_rows(req, "SELECT * FROM llct_plan_part WHERE plan_id = ? ORDER BY appendix",
                                CV_ARGS(CV_INT(id)));
  llct_tally t[LLCT_MAX_APPENDIX + 1];
  if (!parts || tally_plan(req, id, t) < 0)
    return cadre_db_fail(req);
  json_object_set(plan, "parts", parts);
  json_object_set(plan, "figures", figures(req, plan, parts, t));
  /* the report of the last import, as the importer wrote it */
  json_t *last = json_object_get(plan, "last_import_json");
  if (last) {
    json_object_set(plan, "last_import", last);
    json_object_del(plan, "last_import_json");
  }
  return cadre_reply_json(req, 200, plan);
}

int llct_plan_lines(cadre_req *req) {
  int st;
  json_t *plan = llct_plan_open(req, cadre_int(req, "id", 0), &st);
  if (!plan)
    return st;
  int64_t id = cadre_jint(plan, "id", 0);
  json_t *lines = cadre_db_rows(
      req,
      "SELECT l.id, l.appendix, l.seq, l.month, l.year, l.month_label, l.code, l.host_text,"
      " l.coord_text, l.location_text, l.learners, l.class_count, l.split_decided, l.source_line"
      " FROM llct_line l WHERE l.plan_id = ? ORDER BY l.appendix, l.seq",
      CV_ARGS(CV_INT(id)));
  json_t *classes =
      cadre_db_rows(req,
                    "SELECT c.id, c.line_id, c.code, c.seq_in_line, c.mode, c.mode_basis, c.cap,"
                    " c.planned_learners, c.location, c.status, c.allotted_total, c.active_count,"
                    " c.opening_on,"
                    " (SELECT COUNT(*) FROM llct_step st WHERE st.class_id = c.id AND st.completed = 1)"
                    "   AS steps_done,"
                    " (SELECT GROUP_CONCAT(CONCAT(al.name_text, IF(al.allotted IS NULL, '',"
                    "   CONCAT(': ', al.allotted))) ORDER BY al.seq SEPARATOR '; ')"
                    "   FROM llct_allotment al WHERE al.class_id = c.id) AS units"
                    " FROM llct_class c WHERE c.plan_id = ? ORDER BY c.line_id, c.seq_in_line",
                    CV_ARGS(CV_INT(id)));
  if (!lines || !classes)
    return cadre_db_fail(req);
  size_t i, k;
  json_t *l, *c;
  json_array_foreach(lines, i, l) {
    json_t *mine = json_array();
    int64_t lid = cadre_jint(l, "id", 0);
    json_array_foreach(classes, k, c) if (cadre_jint(c, "line_id", 0) == lid) json_array_append(mine, c);
    json_object_set_new(l, "classes", mine);
  }
  return cadre_reply_json(req, 200, lines);
}

/* ---- the procedure's time limits ---------------------------------------------- */

typedef struct rules_ctx {
  int64_t id;
  json_t *before;
} rules_ctx;

static int rules_tx(cadre_req *req, void *p) {
  rules_ctx *r = p;
  r->before = cadre_db_row(req,
                           "SELECT announce_max_days, dossier_min_days, review_max_days,"
                           " report_max_days, notice_min_days, late_max_days FROM llct_plan"
                           " WHERE id = ? FOR UPDATE",
                           CV_ARGS(CV_INT(r->id)));
  if (!r->before)
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "UPDATE llct_plan SET announce_max_days = ?, dossier_min_days = ?,"
                    " review_max_days = ?, report_max_days = ?, notice_min_days = ?,"
                    " late_max_days = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "announce_max_days"), CV_FIELD(req, "dossier_min_days"),
                            CV_FIELD(req, "review_max_days"), CV_FIELD(req, "report_max_days"),
                            CV_FIELD(req, "notice_min_days"), CV_FIELD(req, "late_max_days"),
                            CV_INT(r->id))) < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "announce_max_days",
                            (json_int_t)cadre_int(req, "announce_max_days", 0), "dossier_min_days",
                            (json_int_t)cadre_int(req, "dossier_min_days", 0), "review_max_days",
                            (json_int_t)cadre_int(req, "review_max_days", 0), "report_max_days",
                            (json_int_t)cadre_int(req, "report_max_days", 0), "notice_min_days",
                            (json_int_t)cadre_int(req, "notice_min_days", 0), "late_max_days",
                            (json_int_t)cadre_int(req, "late_max_days", 0));
  int rc = cadre_audit(req, "llct.plan", r->id, "rules", r->before, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int llct_plan_rules_update(cadre_req *req) {
  int st;
  json_t *plan = llct_plan_open(req, cadre_int(req, "id", 0), &st);
  if (!plan)
    return st;
  if (!cadre_jtrue(plan, "can_manage"))
    return cadre_fail(req, 403, "forbidden", "Chỉ đơn vị ban hành hoặc nhà trường được sửa.");
  rules_ctx r = {.id = cadre_jint(plan, "id", 0)};
  if ((st = cadre_tx(req, rules_tx, &r)))
    return st;
  return cadre_reply_ok(req, r.id);
}
