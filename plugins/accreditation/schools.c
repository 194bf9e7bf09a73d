/*
 * Schools as this module sees them (political schools of the provinces and
 * sector schools), with their roadmap (target level, year, milestones).
 */
#include <string.h>

#include "accreditation.h"

int accr_schools_list(cadre_req *req) {
  const char *q = cadre_str(req, "q");
  json_t *rows = cadre_db_rows(
      req,
      "SELECT a.id, a.code, a.name, a.short_name, a.kind, p.id AS parent_id,"
      " p.name AS parent_name, c.id AS cycle_id, c.state AS cycle_state,"
      " c.target_level AS cycle_level, r.id AS recognition_id, r.level AS recognised_level,"
      " r.decision_no, r.decision_date, r.valid_until, r.status AS recognition_status,"
      " (SELECT m.target_year FROM accreditation_roadmap m WHERE m.school_agency_id = a.id"
      " AND m.target_level = 1) AS target_year_level1,"
      " (SELECT m.target_year FROM accreditation_roadmap m WHERE m.school_agency_id = a.id"
      " AND m.target_level = 2) AS target_year_level2"
      " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id"
      " LEFT JOIN accreditation_cycle c ON c.id = (SELECT MAX(c2.id) FROM accreditation_cycle c2"
      " WHERE c2.school_agency_id = a.id)"
      " LEFT JOIN accreditation_recognition r ON r.id = (SELECT MAX(r2.id)"
      " FROM accreditation_recognition r2 WHERE r2.school_agency_id = a.id"
      " AND r2.status <> 'withdrawn')"
      " WHERE a.kind IN ('political_school', 'sector_school') AND a.status = 'active'"
      " AND (? IS NULL OR a.name LIKE CONCAT('%', ?, '%') OR a.code = ?)"
      " AND" ACCR_SCHOOL_VISIBLE("a.id") " ORDER BY a.kind DESC, a.code",
      CV_ARGS(CV_STR(q), CV_STR(q), CV_STR(q), ACCR_VIS_ARGS(req)));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

static json_t *roadmaps_of(cadre_req *req, int64_t school) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT id, target_level, target_year, note, updated_at"
                               " FROM accreditation_roadmap WHERE school_agency_id = ?"
                               " ORDER BY target_level",
                               CV_ARGS(CV_INT(school)));
  json_t *ms = cadre_db_rows(req,
                             "SELECT m.id, m.roadmap_id, m.title, m.due_date, m.done_date,"
                             " (m.done_date IS NULL AND m.due_date < ?) AS overdue"
                             " FROM accreditation_milestone m JOIN accreditation_roadmap r"
                             " ON r.id = m.roadmap_id WHERE r.school_agency_id = ?"
                             " ORDER BY m.due_date, m.id",
                             CV_ARGS(CV_STR(cadre_today(req)), CV_INT(school)));
  if (!rows || !ms)
    return NULL;
  size_t i, j;
  json_t *r, *m;
  json_array_foreach(rows, i, r) {
    json_t *list = json_array();
    int64_t id = cadre_jint(r, "id", 0);
    json_array_foreach(ms, j, m) if (cadre_jint(m, "roadmap_id", 0) == id) json_array_append(list, m);
    json_object_set_new(r, "milestones", list);
  }
  return rows;
}

int accr_school_get(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int rc = accr_require_school_visible(req, id);
  if (rc)
    return rc;
  json_t *school = cadre_db_row(req,
                                "SELECT a.id, a.code, a.name, a.short_name, a.kind,"
                                " p.id AS parent_id, p.name AS parent_name FROM agency a"
                                " LEFT JOIN agency p ON p.id = a.parent_id WHERE a.id = ?",
                                CV_ARGS(CV_INT(id)));
  json_t *roadmaps = roadmaps_of(req, id);
  json_t *cycles =
      cadre_db_rows(req,
                    "SELECT c.id, c.title, c.state, c.target_level, v.code AS version,"
                    " c.created_at, c.updated_at FROM accreditation_cycle c"
                    " JOIN accreditation_version v ON v.id = c.version_id"
                    " WHERE c.school_agency_id = ? AND" ACCR_CYCLE_VISIBLE("c") " ORDER BY c.id DESC",
                    CV_ARGS(CV_INT(id), ACCR_VIS_ARGS(req)));
  json_t *recognitions = cadre_db_rows(req,
                                       "SELECT id, cycle_id, level, decision_no, decision_date,"
                                       " valid_until, status, (valid_until < ?) AS expired"
                                       " FROM accreditation_recognition"
                                       " WHERE school_agency_id = ? ORDER BY decision_date DESC",
                                       CV_ARGS(CV_STR(cadre_today(req)), CV_INT(id)));
  if (!school || !roadmaps || !cycles || !recognitions)
    return cadre_db_fail(req);
  json_object_set(school, "roadmaps", roadmaps);
  json_object_set(school, "cycles", cycles);
  json_object_set(school, "recognitions", recognitions);
  bool conflicted = false;
  struct accr_cycle fake = {.school_id = id};
  unsigned mask = accr_actor_mask(req, &fake, &conflicted);
  json_object_set_new(school, "can_edit", json_boolean(mask & ACCR_ACT_SCHOOL));
  return cadre_reply_json(req, 200, school);
}

/* ---- Roadmap ---------------------------------------------------------------- */

struct roadmap_ctx {
  int64_t school;
  int level;
  int64_t id;
};

static int roadmap_tx(cadre_req *req, void *arg) {
  struct roadmap_ctx *ctx = arg;
  int year = (int)cadre_int(req, "target_year", 0);
  /* Level 2 comes after level 1: its year cannot be earlier. */
  int64_t other = 0;
  int found = cadre_db_int(req, &other,
                           "SELECT target_year FROM accreditation_roadmap"
                           " WHERE school_agency_id = ? AND target_level = ? FOR UPDATE",
                           CV_ARGS(CV_INT(ctx->school), CV_INT(ctx->level == 1 ? 2 : 1)));
  if (found < 0)
    return cadre_db_fail(req);
  if (found && ((ctx->level == 2 && year < other) || (ctx->level == 1 && year > other)))
    return cadre_fail(req, 422, "roadmap_order",
                      "Năm đạt chuẩn mức 2 không được sớm hơn năm đạt chuẩn mức 1 (%lld).", (long long)other);
  json_t *before = cadre_db_row(req,
                                "SELECT * FROM accreditation_roadmap WHERE school_agency_id = ?"
                                " AND target_level = ? FOR UPDATE",
                                CV_ARGS(CV_INT(ctx->school), CV_INT(ctx->level)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_roadmap (school_agency_id, target_level,"
                    " target_year, note) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    " target_year = VALUES(target_year), note = VALUES(note)",
                    CV_ARGS(CV_INT(ctx->school), CV_INT(ctx->level), CV_INT(year), CV_FIELD(req, "note"))) <
      0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after = cadre_db_row(req,
                               "SELECT * FROM accreditation_roadmap WHERE school_agency_id = ?"
                               " AND target_level = ?",
                               CV_ARGS(CV_INT(ctx->school), CV_INT(ctx->level)));
  if (!after)
    return cadre_db_fail(req);
  ctx->id = cadre_jint(after, "id", 0);
  return accr_audit(req, "roadmap", ctx->id, before ? "update" : "create", before, after) ? cadre_db_fail(req)
                                                                                          : 0;
}

int accr_roadmap_save(cadre_req *req) {
  struct roadmap_ctx ctx = {cadre_int(req, "id", 0), (int)cadre_int(req, "level", 0), 0};
  int rc = accr_require_school_staff(req, ctx.school);
  if (rc)
    return rc;
  rc = cadre_tx(req, roadmap_tx, &ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200,
                          accr_row(req,
                                   "SELECT * FROM accreditation_roadmap"
                                   " WHERE id = ?",
                                   ctx.id));
}

/* ---- Milestones ------------------------------------------------------------- */

/* The school a roadmap or milestone belongs to (0 when unknown). */
static int64_t school_of(cadre_req *req, const char *sql, int64_t id) {
  int64_t school = 0;
  return cadre_db_int(req, &school, sql, CV_ARGS(CV_INT(id))) == 1 ? school : 0;
}

static int require_staff_of(cadre_req *req, const char *sql, int64_t id) {
  int64_t school = school_of(req, sql, id);
  if (!school)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy lộ trình.");
  return accr_require_school_staff(req, school);
}

#define ROADMAP_SCHOOL "SELECT school_agency_id FROM accreditation_roadmap WHERE id = ?"
#define MILESTONE_SCHOOL                                                                                     \
  "SELECT r.school_agency_id FROM accreditation_milestone m"                                                 \
  " JOIN accreditation_roadmap r ON r.id = m.roadmap_id WHERE m.id = ?"

struct milestone_ctx {
  int64_t id;
  int op; /* 0 create (id = roadmap), 1 update, 2 delete */
};

static int milestone_tx(cadre_req *req, void *arg) {
  struct milestone_ctx *ctx = arg;
  json_t *before = NULL;
  if (ctx->op) {
    before = accr_row(req, "SELECT * FROM accreditation_milestone WHERE id = ? FOR UPDATE", ctx->id);
    if (!before)
      return cadre_db_errno(req) ? cadre_db_fail(req)
                                 : cadre_fail(req, 404, "not_found", "Không tìm thấy mốc.");
  }
  int64_t n;
  if (ctx->op == 0) {
    n = cadre_db_exec(req,
                      "INSERT INTO accreditation_milestone (roadmap_id, title, due_date,"
                      " done_date) VALUES (?, ?, ?, ?)",
                      CV_ARGS(CV_INT(ctx->id), CV_FIELD(req, "title"), CV_FIELD(req, "due_date"),
                              CV_FIELD(req, "done_date")));
    if (n > 0)
      ctx->id = cadre_db_last_id(req);
  } else if (ctx->op == 1) {
    n = cadre_db_exec(req,
                      "UPDATE accreditation_milestone SET title = ?, due_date = ?, done_date = ?"
                      " WHERE id = ?",
                      CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "due_date"), CV_FIELD(req, "done_date"),
                              CV_INT(ctx->id)));
  } else {
    n = cadre_db_exec(req, "DELETE FROM accreditation_milestone WHERE id = ?", CV_ARGS(CV_INT(ctx->id)));
  }
  if (n < 0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after =
      ctx->op == 2 ? NULL : accr_row(req, "SELECT * FROM accreditation_milestone WHERE id = ?", ctx->id);
  static const char *const actions[] = {"create", "update", "delete"};
  return accr_audit(req, "milestone", ctx->id, actions[ctx->op], before, after) ? cadre_db_fail(req) : 0;
}

static int milestone_run(cadre_req *req, int op, const char *school_sql) {
  struct milestone_ctx ctx = {cadre_int(req, "id", 0), op};
  int rc = require_staff_of(req, school_sql, ctx.id);
  if (!rc)
    rc = cadre_tx(req, milestone_tx, &ctx);
  if (rc)
    return rc;
  if (op == 2)
    return cadre_reply_ok(req, ctx.id);
  return cadre_reply_json(req, op == 0 ? 201 : 200,
                          accr_row(req, "SELECT * FROM accreditation_milestone WHERE id = ?", ctx.id));
}

int accr_milestone_create(cadre_req *req) { return milestone_run(req, 0, ROADMAP_SCHOOL); }
int accr_milestone_update(cadre_req *req) { return milestone_run(req, 1, MILESTONE_SCHOOL); }
int accr_milestone_delete(cadre_req *req) { return milestone_run(req, 2, MILESTONE_SCHOOL); }
