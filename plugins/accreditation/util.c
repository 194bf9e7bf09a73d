/*
 * Small helpers shared by the handlers: export format, audit naming,
 * notifications to the people concerned, database refusals.
 */
#include <string.h>

#include "accreditation.h"

const char *accr_format(cadre_req *req) {
  const char *f = cadre_str(req, "format");
  return f ? f : "json";
}

const char *accr_str_or(cadre_req *req, const char *name, const char *dflt) {
  const char *v = cadre_str(req, name);
  return v ? v : dflt;
}

int accr_audit(cadre_req *req, const char *what, int64_t id, const char *action, json_t *before,
               json_t *after) {
  return cadre_audit(req, cadre_printf(req, "accreditation.%s", what), id, action, before, after);
}

json_t *accr_row(cadre_req *req, const char *sql, int64_t id) {
  return cadre_db_row(req, sql, CV_ARGS(CV_INT(id)));
}

/* Users with a role, by where they sit relative to a school:
 *   AT:       at the school or one of its departments;
 *   OVER:     a province (or its board) whose scope holds the school;
 *   NATIONAL: national-scope agencies (the Academy). */
static const char *const audience_sql[] = {
    [ACCR_AUD_AT] = "SELECT DISTINCT u.email FROM app_user u"
                    " JOIN user_role r ON r.user_id = u.id AND r.role = ?"
                    " JOIN agency_closure ac ON ac.descendant = u.agency_id AND ac.ancestor = ?"
                    " WHERE u.disabled_at IS NULL AND u.email IS NOT NULL AND u.email <> ''",
    [ACCR_AUD_OVER] = "SELECT DISTINCT u.email FROM app_user u"
                      " JOIN user_role r ON r.user_id = u.id AND r.role = ?"
                      " JOIN agency ua ON ua.id = u.agency_id AND ua.scope <> 'national'"
                      " JOIN agency_closure ac ON ac.ancestor = IF(ua.scope = 'parent', ua.parent_id, ua.id)"
                      " AND ac.descendant = ? AND ac.depth > 0"
                      " WHERE u.disabled_at IS NULL AND u.email IS NOT NULL AND u.email <> ''",
    [ACCR_AUD_NATIONAL] = "SELECT DISTINCT u.email FROM app_user u"
                          " JOIN user_role r ON r.user_id = u.id AND r.role = ?"
                          " JOIN agency ua ON ua.id = u.agency_id AND ua.scope = 'national'"
                          " WHERE ? > 0 AND u.disabled_at IS NULL AND u.email IS NOT NULL AND u.email <> ''",
};

static int send_all(cadre_req *req, json_t *rows, const char *subject, const char *body, const char *dedupe) {
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *to = cadre_jstr(r, "email");
    if (!to)
      continue;
    const char *key = dedupe ? cadre_printf(req, "%s:%s", dedupe, to) : NULL;
    if (cadre_outbox_email(req, to, subject, body, key) < 0)
      return -1;
  }
  return 0;
}

int accr_notify(cadre_req *req, const char *role, int64_t school_id, enum accr_audience aud,
                const char *subject, const char *body, const char *dedupe) {
  json_t *rows = cadre_db_rows(req, audience_sql[aud], CV_ARGS(CV_STR(role), CV_INT(school_id)));
  return send_all(req, rows, subject, body, dedupe);
}

int accr_notify_council(cadre_req *req, int64_t council_id, int64_t school_id, const char *subject,
                        const char *body, const char *dedupe) {
  if (council_id <= 0)
    return 0;
  /* Members who declared a conflict with the school are not told about it. */
  json_t *rows = cadre_db_rows(req,
                               "SELECT DISTINCT u.email FROM accreditation_council_member m"
                               " JOIN app_user u ON u.id = m.user_id"
                               " WHERE m.council_id = ? AND u.disabled_at IS NULL AND u.email IS NOT NULL"
                               " AND u.email <> '' AND NOT EXISTS (SELECT 1 FROM accreditation_conflict x"
                               " WHERE x.council_id = m.council_id AND x.user_id = m.user_id"
                               " AND x.school_agency_id = ?)",
                               CV_ARGS(CV_INT(council_id), CV_INT(school_id)));
  return send_all(req, rows, subject, body, dedupe);
}

int accr_db_refused(cadre_req *req, const char *dup_code, const char *dup_msg) {
  if (dup_code && cadre_db_is_duplicate(req))
    return cadre_fail(req, 409, dup_code, "%s", dup_msg);
  switch (cadre_db_errno(req)) {
  case 1451: /* a row refers to it */
    return cadre_fail(req, 409, "in_use", "Không thể xóa vì dữ liệu này đang được sử dụng ở nơi khác.");
  case 1452: /* it refers to a row that does not exist */
    return cadre_fail(req, 422, "reference_not_found", "Dữ liệu tham chiếu không tồn tại hoặc không khớp.");
  case 4025: /* CHECK constraint */
    return cadre_fail(req, 422, "constraint_failed",
                      "Dữ liệu không thỏa mãn ràng buộc (ngày tháng, điểm số hoặc mức).");
  default: return cadre_db_fail(req);
  }
}
