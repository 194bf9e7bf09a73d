/* The public register of recognitions (sổ công nhận công khai): anyone —
 * a cadre choosing a school, a province checking a neighbour, the press —
 * can see which political schools are recognised as meeting the national
 * standard, at which level, by which decision and until when, without an
 * account. One row per school: its latest decision, with its standing as
 * of today (maintained, under warning, expired, withdrawn). Internal notes,
 * inspections and findings stay behind the login. */
#include "accreditation.h"

#include <string.h>

#include "cadre/text.h"

static const struct cadre_column public_columns[] = {
    {"school_name", "Trường chính trị", CC_TEXT, 40},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 24},
    {"level", "Mức chuẩn", CC_INT, 10},
    {"decision_no", "Quyết định số", CC_TEXT, 18},
    {"decision_date", "Ngày quyết định", CC_DATE, 14},
    {"valid_until", "Hiệu lực đến", CC_DATE, 14},
    {"standing", "Tình trạng", CC_TEXT, 22},
};

/* GET /public/register?q=&level=&format= */
int accr_public_register(cadre_req *req) {
  const char *like = cadre_like_contains(cadre_arena_of(req), cadre_str(req, "q"));
  json_t *rows = cadre_db_rows(
      req,
      "SELECT r.id, s.name AS school_name, p.name AS province_name, r.level, r.decision_no,"
      " r.decision_date, r.valid_until, r.status, (r.valid_until < ?) AS expired"
      " FROM accreditation_recognition r JOIN agency s ON s.id = r.school_agency_id"
      " LEFT JOIN agency p ON p.id = s.parent_id"
      " WHERE r.id = (SELECT r2.id FROM accreditation_recognition r2"
      " WHERE r2.school_agency_id = r.school_agency_id ORDER BY r2.decision_date DESC, r2.id DESC LIMIT 1)"
      " AND (? IS NULL OR r.level = ?)"
      " AND (? IS NULL OR s.name LIKE ? OR p.name LIKE ?)"
      " ORDER BY p.name, s.name",
      CV_ARGS(CV_STR(cadre_today(req)), CV_FIELD(req, "level"), CV_FIELD(req, "level"), CV_STR(like),
              CV_STR(like), CV_STR(like)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    json_object_set_new(
        r, "standing",
        json_string(accr_recognition_standing(cadre_jstr(r, "status"), cadre_jtrue(r, "expired"))));
    json_object_set_new(
        r, "in_force",
        json_boolean(strcmp(cadre_jstr(r, "status"), "withdrawn") != 0 && !cadre_jtrue(r, "expired")));
    json_object_del(r, "status");
    json_object_del(r, "expired");
  }
  return cadre_reply_list(req, "so-cong-nhan-cong-khai",
                          "Danh sách trường chính trị được công nhận đạt chuẩn", public_columns,
                          sizeof public_columns / sizeof *public_columns, rows,
                          cadre_keep(req, json_pack("{s:s}", "as_of", cadre_today(req))));
}
