/*
 * Staff review: the lecturers and managers of each school (after mergers)
 * with the qualifications the criteria ask for, counted per school against
 * each criterion that carries a staffing rule.
 */
#include <string.h>

#include "accreditation.h"

int accr_staff_list(cadre_req *req) {
  int64_t school = cadre_int(req, "id", 0);
  int rc = accr_require_school_visible(req, school);
  if (rc)
    return rc;
  json_t *rows = cadre_db_rows(req,
                               "SELECT id, full_name, kind, position, degree, academic_title,"
                               " political_theory, lecturer_rank, pedagogy, origin_school, active,"
                               " note, updated_at FROM accreditation_staff"
                               " WHERE school_agency_id = ? ORDER BY active DESC, full_name",
                               CV_ARGS(CV_INT(school)));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

struct staff_ctx {
  int64_t school;
  int64_t id;
};

#define STAFF_VALUES(req)                                                                                    \
  CV_FIELD(req, "full_name"), CV_FIELD(req, "kind"), CV_FIELD(req, "position"),                              \
      CV_STR(accr_str_or(req, "degree", "none")), CV_STR(accr_str_or(req, "academic_title", "none")),        \
      CV_STR(accr_str_or(req, "political_theory", "none")),                                                  \
      CV_STR(accr_str_or(req, "lecturer_rank", "none")), CV_INT(cadre_bool(req, "pedagogy", false)),         \
      CV_FIELD(req, "origin_school"), CV_INT(cadre_bool(req, "active", true)), CV_FIELD(req, "note")

static int staff_tx(cadre_req *req, void *arg) {
  struct staff_ctx *ctx = arg;
  json_t *before = NULL;
  int64_t n;
  if (ctx->id) {
    before = accr_row(req, "SELECT * FROM accreditation_staff WHERE id = ? FOR UPDATE", ctx->id);
    if (!before)
      return cadre_db_fail(req);
    n = cadre_db_exec(req,
                      "UPDATE accreditation_staff SET full_name = ?, kind = ?, position = ?,"
                      " degree = ?, academic_title = ?, political_theory = ?, lecturer_rank = ?,"
                      " pedagogy = ?, origin_school = ?, active = ?, note = ? WHERE id = ?",
                      CV_ARGS(STAFF_VALUES(req), CV_INT(ctx->id)));
  } else {
    n = cadre_db_exec(req,
                      "INSERT INTO accreditation_staff (full_name, kind, position, degree,"
                      " academic_title, political_theory, lecturer_rank, pedagogy, origin_school,"
                      " active, note, school_agency_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(STAFF_VALUES(req), CV_INT(ctx->school)));
    if (n > 0)
      ctx->id = cadre_db_last_id(req);
  }
  if (n < 0)
    return accr_db_refused(req, NULL, NULL);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_staff WHERE id = ?", ctx->id);
  return !after || accr_audit(req, "staff", ctx->id, before ? "update" : "create", before, after)
             ? cadre_db_fail(req)
             : 0;
}

static int staff_save(cadre_req *req, struct staff_ctx *ctx) {
  int rc = accr_require_school_staff(req, ctx->school);
  if (!rc)
    rc = cadre_tx(req, staff_tx, ctx);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200, accr_row(req, "SELECT * FROM accreditation_staff WHERE id = ?", ctx->id));
}

int accr_staff_create(cadre_req *req) {
  struct staff_ctx ctx = {cadre_int(req, "id", 0), 0};
  return staff_save(req, &ctx);
}

int accr_staff_update(cadre_req *req) {
  struct staff_ctx ctx = {0, cadre_int(req, "id", 0)};
  if (cadre_db_int(req, &ctx.school, "SELECT school_agency_id FROM accreditation_staff WHERE id = ?",
                   CV_ARGS(CV_INT(ctx.id))) != 1)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy cán bộ.");
  return staff_save(req, &ctx);
}

/* ---- The review --------------------------------------------------------------------- */

static void staff_of(json_t *row, struct accr_staff *s) {
  memset(s, 0, sizeof(*s));
  accr_staff_kind_parse(cadre_jstr(row, "kind"), &s->kind);
  accr_degree_parse(cadre_jstr(row, "degree"), &s->degree);
  accr_title_parse(cadre_jstr(row, "academic_title"), &s->title);
  accr_theory_parse(cadre_jstr(row, "political_theory"), &s->theory);
  accr_rank_parse(cadre_jstr(row, "lecturer_rank"), &s->rank);
  s->pedagogy = cadre_jtrue(row, "pedagogy");
}

static bool rule_of(json_t *crit, struct accr_staff_rule *r) {
  if (!accr_rule_role_parse(cadre_jstr(crit, "staff_role"), &r->role) ||
      !accr_qual_parse(cadre_jstr(crit, "staff_qualification"), &r->qual))
    return false;
  json_t *count = json_object_get(crit, "staff_min_count");
  json_t *pct = json_object_get(crit, "staff_min_percent");
  r->min_count = json_is_integer(count) ? (int)json_integer_value(count) : -1;
  r->min_percent = json_is_number(pct) ? json_number_value(pct) : -1;
  return true;
}

static const char *requirement_text(cadre_req *req, const struct accr_staff_rule *r) {
  const char *who = r->role == ACCR_RR_LECTURERS  ? "giảng viên"
                    : r->role == ACCR_RR_MANAGERS ? "cán bộ quản lý"
                                                  : "cán bộ, giảng viên";
  const char *count = r->min_count >= 0 ? cadre_printf(req, "tối thiểu %d người", r->min_count) : "";
  const char *pct = r->min_percent >= 0
                        ? cadre_printf(req, "%stối thiểu %g%%", r->min_count >= 0 ? ", " : "", r->min_percent)
                        : "";
  return cadre_printf(req, "%s %s: %s%s", who, accr_qual_title(r->qual), count, pct);
}

static const struct cadre_column review_columns[] = {
    {"school_name", "Trường", CC_TEXT, 34},
    {"criterion_code", "Tiêu chí", CC_TEXT, 10},
    {"criterion_title", "Nội dung", CC_TEXT, 46},
    {"requirement", "Yêu cầu", CC_TEXT, 40},
    {"population", "Số người thuộc đối tượng", CC_INT, 12},
    {"matching", "Số người đạt yêu cầu", CC_INT, 12},
    {"met_text", "Kết quả", CC_TEXT, 10},
};

int accr_staff_review(cadre_req *req) {
  int64_t version = cadre_int(req, "version", 0);
  if (!version && cadre_db_int(req, &version,
                               "SELECT id FROM accreditation_version WHERE status = 'active'"
                               " ORDER BY issued_date DESC, id DESC LIMIT 1",
                               CV_NONE) < 0)
    return cadre_db_fail(req);
  json_t *criteria = cadre_db_rows(req,
                                   "SELECT id, code, title, levels, staff_role, staff_qualification,"
                                   " staff_min_count, staff_min_percent FROM accreditation_criterion"
                                   " WHERE version_id = ? AND staff_role IS NOT NULL"
                                   " ORDER BY seq, code",
                                   CV_ARGS(CV_INT(version)));
  json_t *schools = cadre_db_rows(
      req,
      "SELECT a.id, a.name FROM agency a WHERE a.kind IN"
      " ('political_school', 'sector_school') AND a.status = 'active'"
      " AND (? IS NULL OR a.id = ?) AND" ACCR_SCHOOL_VISIBLE("a.id") " ORDER BY a.kind DESC, a.code",
      CV_ARGS(CV_FIELD(req, "school"), CV_FIELD(req, "school"), ACCR_VIS_ARGS(req)));
  json_t *staff = cadre_db_rows(
      req,
      "SELECT t.school_agency_id, t.kind, t.degree, t.academic_title,"
      " t.political_theory, t.lecturer_rank, t.pedagogy"
      " FROM accreditation_staff t WHERE t.active = 1"
      " AND (? IS NULL OR t.school_agency_id = ?) AND" ACCR_SCHOOL_VISIBLE("t.school_agency_id"),
      CV_ARGS(CV_FIELD(req, "school"), CV_FIELD(req, "school"), ACCR_VIS_ARGS(req)));
  if (!criteria || !schools || !staff)
    return cadre_db_fail(req);
  size_t nstaff = json_array_size(staff);
  struct accr_staff *all = cadre_arena_calloc(cadre_arena_of(req), nstaff + 1, sizeof(*all));
  int64_t *owner = cadre_arena_calloc(cadre_arena_of(req), nstaff + 1, sizeof(*owner));
  struct accr_staff *mine = cadre_arena_calloc(cadre_arena_of(req), nstaff + 1, sizeof(*mine));
  for (size_t i = 0; i < nstaff; i++) {
    staff_of(json_array_get(staff, i), &all[i]);
    owner[i] = cadre_jint(json_array_get(staff, i), "school_agency_id", 0);
  }
  json_t *out = cadre_json_arr(req);
  size_t si, ci;
  json_t *school, *crit;
  json_array_foreach(schools, si, school) {
    int64_t sid = cadre_jint(school, "id", 0);
    size_t n = 0;
    for (size_t i = 0; i < nstaff; i++)
      if (owner[i] == sid)
        mine[n++] = all[i];
    json_array_foreach(criteria, ci, crit) {
      struct accr_staff_rule rule;
      if (!rule_of(crit, &rule))
        continue;
      struct accr_staff_tally t;
      accr_staff_rule_eval(&rule, mine, n, &t);
      json_t *row =
          json_pack("{sI ss sI ss ss sI ss si si sb ss}", "school_id", (json_int_t)sid, "school_name",
                    cadre_jstr(school, "name"), "criterion_id", (json_int_t)cadre_jint(crit, "id", 0),
                    "criterion_code", cadre_jstr(crit, "code"), "criterion_title", cadre_jstr(crit, "title"),
                    "levels", (json_int_t)cadre_jint(crit, "levels", 0), "requirement",
                    requirement_text(req, &rule), "population", t.population, "matching", t.matching, "met",
                    t.met, "met_text", t.met ? "Đạt" : "Chưa đạt");
      json_array_append_new(out, row);
    }
  }
  const char *format = accr_format(req);
  if (strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, "ra-soat-doi-ngu",
                             "Rà soát đội ngũ cán bộ, giảng viên theo tiêu chí", review_columns,
                             sizeof(review_columns) / sizeof(review_columns[0]), out);
  return cadre_reply_json(req, 200, out);
}
