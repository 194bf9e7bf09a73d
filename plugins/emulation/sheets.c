/*
 * Scoring sheets (phiếu chấm điểm, Mẫu số 5.1 and 5.2): criteria with their
 * maximum points, kind (score, bonus, penalty), evidence and a text per
 * score level. The Academy's board edits them; once any school has scored
 * against a sheet, its structure (maximum, kind, the list of criteria) is
 * frozen so that scores already given keep their meaning; wording can still
 * be corrected.
 */
#include "emulation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int em_h_sheets_list(cadre_req *req) {
  struct em_year y;
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &y);
  if (rc)
    return rc;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT s.id, s.form, s.school_kind, s.title, s.is_sample, "
                    " (SELECT COUNT(*) FROM emulation_criterion c WHERE c.sheet_id = s.id) AS criteria "
                    "FROM emulation_sheet s WHERE s.year_id = ? ORDER BY s.form",
                    CV_ARGS(CV_INT(y.id)));
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

/* Criteria with max points as text ("10", "7.5") and totals per kind. */
json_t *em_criteria(cadre_req *req, int64_t sheet_id) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT id, seq, code, section, title, kind, "
                               " CAST(ROUND(max_points * 100) AS SIGNED) AS max_h, levels_json, evidence "
                               "FROM emulation_criterion WHERE sheet_id = ? ORDER BY seq, id",
                               CV_ARGS(CV_INT(sheet_id)));
  if (!rows)
    return NULL;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    em_set(r, "max_points", em_pts_json(req, cadre_jint(r, "max_h", 0)));
    json_object_set(r, "levels", json_object_get(r, "levels_json"));
    json_object_del(r, "levels_json");
  }
  return rows;
}

int em_h_sheet_get(cadre_req *req) {
  json_t *sheet = cadre_db_row(req,
                               "SELECT s.id, s.year_id, y.year, s.form, s.school_kind, s.title, "
                               " s.note, s.is_sample FROM emulation_sheet s "
                               "JOIN emulation_year y ON y.id = s.year_id WHERE s.id = ?",
                               CV_ARGS(CV_INT(cadre_int(req, "id", 0))));
  if (!sheet)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy phiếu chấm điểm.");
  json_t *criteria = em_criteria(req, cadre_jint(sheet, "id", 0));
  if (!criteria)
    return cadre_db_fail(req);
  em_pts total = 0, bonus = 0, penalty = 0;
  size_t i;
  json_t *c;
  json_array_foreach(criteria, i, c) {
    enum em_crit_kind k = EM_CRIT_SCORE;
    em_crit_kind_parse(cadre_jstr(c, "kind"), &k);
    em_pts max = cadre_jint(c, "max_h", 0);
    *(k == EM_CRIT_BONUS ? &bonus : k == EM_CRIT_PENALTY ? &penalty : &total) += max;
  }
  em_set(sheet, "criteria", json_incref(criteria));
  em_set(sheet, "max_total", em_pts_json(req, total));
  em_set(sheet, "max_bonus", em_pts_json(req, bonus));
  em_set(sheet, "max_penalty", em_pts_json(req, penalty));
  return cadre_reply_json(req, 200, sheet);
}

static int sheet_in_use(cadre_req *req, int64_t sheet_id) {
  int64_t used = 0;
  if (cadre_db_int(req, &used,
                   "SELECT 1 FROM emulation_scorecard card JOIN emulation_score sc "
                   " ON sc.scorecard_id = card.id WHERE card.sheet_id = ? LIMIT 1",
                   CV_ARGS(CV_INT(sheet_id))) < 0)
    return -1;
  return used ? 1 : 0;
}

static int fail_in_use(cadre_req *req) {
  return cadre_fail(req, 409, "sheet_in_use",
                    "Đã có trường chấm điểm theo phiếu này: không thể thêm, bớt tiêu chí hay đổi "
                    "điểm tối đa, loại điểm (chỉ sửa được câu chữ).");
}

/* ---- the sheet itself ---------------------------------------------------------------- */

static int sheet_update_tx(cadre_req *req, void *p) {
  int64_t id = *(int64_t *)p;
  json_t *before = cadre_db_row(req,
                                "SELECT title, note, is_sample FROM emulation_sheet "
                                "WHERE id = ? FOR UPDATE",
                                CV_ARGS(CV_INT(id)));
  if (!before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy phiếu chấm điểm.");
  if (cadre_db_exec(req, "UPDATE emulation_sheet SET title = ?, note = ?, is_sample = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "title"), CV_FIELD(req, "note"),
                            CV_INT(cadre_bool(req, "is_sample", cadre_jtrue(before, "is_sample"))),
                            CV_INT(id))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req, "SELECT title, note, is_sample FROM emulation_sheet WHERE id = ?",
                               CV_ARGS(CV_INT(id)));
  if (!after || cadre_audit(req, "emulation.sheet", id, "update", before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_sheet_update(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int rc = cadre_tx(req, sheet_update_tx, &id);
  return rc ? rc : cadre_reply_ok(req, id);
}

/* ---- criteria -------------------------------------------------------------------------- */

struct criterion_in {
  em_pts max;
  const char *levels; /* normalised JSON text or NULL */
};

/* Levels: an array of {points, text}, each within the maximum. Normalised to
 * points as text so that "7,5" and 7.5 read the same later. */
static int read_levels(cadre_req *req, em_pts max, const char **out) {
  json_t *levels = cadre_json_field(req, "levels");
  *out = NULL;
  if (!levels || json_is_null(levels))
    return 0;
  const char *bad = NULL;
  if (!json_is_array(levels) || json_array_size(levels) > 10)
    bad = "Mức điểm là danh sách (tối đa 10 mức) gồm điểm và mô tả.";
  json_t *norm = json_array();
  size_t i;
  json_t *l;
  json_array_foreach(levels, i, l) {
    if (bad)
      break;
    json_t *pv = json_object_get(l, "points"), *tv = json_object_get(l, "text");
    char num[32];
    const char *ptext = NULL;
    if (json_is_string(pv))
      ptext = json_string_value(pv);
    else if (json_is_number(pv)) {
      snprintf(num, sizeof num, "%.2f", json_number_value(pv));
      ptext = num;
    }
    em_pts p;
    if (!ptext || !em_pts_parse(ptext, &p) || p > max)
      bad = "Điểm của mỗi mức phải là số không âm, không vượt điểm tối đa của tiêu chí.";
    else if (!json_is_string(tv) || !*json_string_value(tv) || strlen(json_string_value(tv)) > 1000)
      bad = "Mỗi mức điểm cần một mô tả (tối đa 1000 ký tự).";
    else {
      char ps[24];
      em_pts_format(p, ps, sizeof ps);
      json_array_append_new(norm, json_pack("{s:s, s:s}", "points", ps, "text", json_string_value(tv)));
    }
  }
  if (bad) {
    json_decref(norm);
    cadre_field_error(req, "levels", "invalid_levels", "%s", bad);
    return cadre_fail(req, 422, "invalid_levels", "%s", bad);
  }
  char *text = json_dumps(norm, JSON_COMPACT);
  json_decref(norm);
  *out = cadre_printf(req, "%s", text ? text : "[]");
  free(text);
  return 0;
}

static int read_criterion(cadre_req *req, struct criterion_in *in) {
  if (!em_pts_parse(cadre_str(req, "max_points"), &in->max) || in->max <= 0) {
    cadre_field_error(req, "max_points", "invalid_points",
                      "Điểm tối đa là số dương, tối đa hai chữ số thập phân.");
    return cadre_fail(req, 422, "invalid_points", "Điểm tối đa là số dương, tối đa hai chữ số thập phân.");
  }
  return read_levels(req, in->max, &in->levels);
}

struct crit_ctx {
  int64_t sheet_id, id;
  struct criterion_in in;
};

static int criterion_create_tx(cadre_req *req, void *p) {
  struct crit_ctx *c = p;
  int used = sheet_in_use(req, c->sheet_id);
  if (used < 0)
    return cadre_db_fail(req);
  if (used)
    return fail_in_use(req);
  char max[24];
  em_pts_format(c->in.max, max, sizeof max);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_criterion (sheet_id, seq, code, section, title, kind, "
                    " max_points, levels_json, evidence) "
                    "SELECT ?, COALESCE(?, COALESCE(MAX(seq), 0) + 10), ?, COALESCE(?, ''), ?, ?, "
                    " ?, ?, ? FROM emulation_criterion WHERE sheet_id = ?",
                    CV_ARGS(CV_INT(c->sheet_id), CV_FIELD(req, "seq"), CV_FIELD(req, "code"),
                            CV_FIELD(req, "section"), CV_FIELD(req, "title"), CV_FIELD(req, "kind"),
                            CV_STR(max), CV_STR(c->in.levels), CV_FIELD(req, "evidence"),
                            CV_INT(c->sheet_id))) < 0)
    return em_db_conflict(req, "criterion_code_exists", "Mã tiêu chí đã có trong phiếu.", "not_found",
                          "Không tìm thấy phiếu chấm điểm.");
  c->id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "code", cadre_str0(req, "code"), "title",
                            cadre_str0(req, "title"), "kind", cadre_str0(req, "kind"), "max_points", max);
  int rc = cadre_audit(req, "emulation.criterion", c->id, "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_criterion_create(cadre_req *req) {
  struct crit_ctx c = {.sheet_id = cadre_int(req, "id", 0)};
  int rc = read_criterion(req, &c.in);
  if (rc || (rc = cadre_tx(req, criterion_create_tx, &c)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "id", json_integer(c.id));
  return cadre_reply_json(req, 201, out);
}

#define CRITERION_SELECT                                                                                     \
  "SELECT sheet_id, seq, code, section, title, kind, "                                                       \
  " CAST(ROUND(max_points * 100) AS SIGNED) AS max_h, levels_json, evidence "                                \
  "FROM emulation_criterion "

static int criterion_update_tx(cadre_req *req, void *p) {
  struct crit_ctx *c = p;
  json_t *before = cadre_db_row(req, CRITERION_SELECT "WHERE id = ? FOR UPDATE", CV_ARGS(CV_INT(c->id)));
  if (!before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy tiêu chí.");
  bool structural = cadre_jint(before, "max_h", 0) != c->in.max ||
                    strcmp(cadre_jstr(before, "kind"), cadre_str0(req, "kind")) != 0 ||
                    strcmp(cadre_jstr(before, "code"), cadre_str0(req, "code")) != 0;
  int used = sheet_in_use(req, cadre_jint(before, "sheet_id", 0));
  if (used < 0)
    return cadre_db_fail(req);
  if (used && structural)
    return fail_in_use(req);
  char max[24];
  em_pts_format(c->in.max, max, sizeof max);
  if (cadre_db_exec(req,
                    "UPDATE emulation_criterion SET seq = COALESCE(?, seq), code = ?, "
                    " section = COALESCE(?, ''), title = ?, kind = ?, max_points = ?, "
                    " levels_json = ?, evidence = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "seq"), CV_FIELD(req, "code"), CV_FIELD(req, "section"),
                            CV_FIELD(req, "title"), CV_FIELD(req, "kind"), CV_STR(max), CV_STR(c->in.levels),
                            CV_FIELD(req, "evidence"), CV_INT(c->id))) < 0)
    return em_db_conflict(req, "criterion_code_exists", "Mã tiêu chí đã có trong phiếu.", NULL, NULL);
  json_t *after = cadre_db_row(req, CRITERION_SELECT "WHERE id = ?", CV_ARGS(CV_INT(c->id)));
  if (!after || cadre_audit(req, "emulation.criterion", c->id, "update", before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_criterion_update(cadre_req *req) {
  struct crit_ctx c = {.id = cadre_int(req, "id", 0)};
  int rc = read_criterion(req, &c.in);
  if (rc || (rc = cadre_tx(req, criterion_update_tx, &c)))
    return rc;
  return cadre_reply_ok(req, c.id);
}

static int criterion_delete_tx(cadre_req *req, void *p) {
  int64_t id = *(int64_t *)p;
  json_t *before = cadre_db_row(req, CRITERION_SELECT "WHERE id = ? FOR UPDATE", CV_ARGS(CV_INT(id)));
  if (!before)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy tiêu chí.");
  int used = sheet_in_use(req, cadre_jint(before, "sheet_id", 0));
  if (used < 0)
    return cadre_db_fail(req);
  if (used)
    return fail_in_use(req);
  if (cadre_db_exec(req, "DELETE FROM emulation_criterion WHERE id = ?", CV_ARGS(CV_INT(id))) < 0)
    return em_db_conflict(req, NULL, NULL, "sheet_in_use", "Tiêu chí đã có điểm chấm, không thể xóa.");
  return cadre_audit(req, "emulation.criterion", id, "delete", before, NULL) < 0 ? cadre_db_fail(req) : 0;
}

int em_h_criterion_delete(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int rc = cadre_tx(req, criterion_delete_tx, &id);
  return rc ? rc : cadre_reply_ok(req, id);
}
