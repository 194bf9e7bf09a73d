/* The attendance matrix: one row per participant, one column per session,
 * with the number of sessions attended (present or late), for a bridge
 * point or a unit's subtree; paginated on screen, whole in exports. */
#include "course.h"

#include <stdlib.h>
#include <string.h>

static const char *mark_title(const char *status) {
  if (!status)
    return "";
  if (strcmp(status, "present") == 0)
    return "Có mặt";
  if (strcmp(status, "late") == 0)
    return "Đến muộn";
  if (strcmp(status, "excused") == 0)
    return "Vắng có phép";
  return "Vắng";
}

/* "1:present,3:late" → row.s1 = "present", row.s3 = "late" (and titles in
 * row.t1… for exports); returns how many sessions were attended. */
static int spread_marks(cadre_req *req, json_t *row, bool titles) {
  const char *marks = course_jstr(row, "marks");
  int attended = 0;
  if (marks) {
    char *copy = cadre_arena_strdup(cadre_arena_of(req), marks), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
      char *colon = strchr(tok, ':');
      if (!colon)
        continue;
      *colon = '\0';
      const char *status = colon + 1;
      json_object_set_new(row, cadre_printf(req, "s%s", tok),
                          json_string(titles ? mark_title(status) : status));
      if (strcmp(status, "present") == 0 || strcmp(status, "late") == 0)
        attended++;
    }
  }
  json_object_del(row, "marks");
  json_object_set_new(row, "attended", json_integer(attended));
  return attended;
}

int course_h_report_matrix(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t cid = course_jint(course, "id");
  int64_t bp_id = cadre_int(req, "bridge_point", 0);
  int64_t parent = cadre_int(req, "parent", 0);
  if (bp_id > 0) {
    json_t *bp;
    if ((rc = course_bp_in_scope(req, bp_id, &bp)))
      return rc;
  } else if (parent > 0) {
    if ((rc = cadre_require_scope(req, parent)))
      return rc;
  } else {
    parent = cadre_scope_root(req);
  }
  json_t *sessions =
      cadre_db_rows(req, "SELECT id, seq, title FROM course_session WHERE course_id = ? ORDER BY seq",
                    CV_ARGS(CV_INT(cid)));
  if (!sessions)
    return cadre_db_fail(req);
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  int64_t per_page = export ? 100000 : cadre_int(req, "per_page", 100);
  int64_t page = export ? 1 : cadre_int(req, "page", 1);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT r.id, r.full_name, r.position, r.unit_name,"
                    " bp.code AS bridge_point_code, bp.name AS bridge_point_name,"
                    " GROUP_CONCAT(CONCAT(s.seq, ':', a.status) ORDER BY s.seq) AS marks"
                    " FROM course_registration r"
                    " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                    " LEFT JOIN course_attendance a ON a.registration_id = r.id"
                    " LEFT JOIN course_session s ON s.id = a.session_id"
                    " WHERE r.course_id = ? AND r.status = 'confirmed'"
                    " AND (? = 0 OR r.bridge_point_id = ?)"
                    " AND (? = 0 OR EXISTS (SELECT 1 FROM agency_closure pc"
                    " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"
                    " GROUP BY r.id ORDER BY bp.code, r.full_name, r.id LIMIT ? OFFSET ?",
                    CV_ARGS(CV_INT(cid), CV_INT(bp_id), CV_INT(bp_id), CV_INT(bp_id > 0 ? 0 : parent),
                            CV_INT(bp_id > 0 ? 0 : parent), CV_INT(per_page), CV_INT((page - 1) * per_page)));
  if (!rows)
    return cadre_db_fail(req);
  size_t nsessions = json_array_size(sessions);
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    int attended = spread_marks(req, row, export);
    json_object_set_new(row, "complete", json_boolean(nsessions > 0 && (size_t)attended == nsessions));
  }
  if (export) {
    size_t ncols = 5 + nsessions + 1;
    struct cadre_column *cols = cadre_arena_calloc(cadre_arena_of(req), ncols, sizeof *cols);
    cols[0] = (struct cadre_column){"full_name", "Họ và tên", CC_TEXT, 28};
    cols[1] = (struct cadre_column){"position", "Chức vụ", CC_TEXT, 22};
    cols[2] = (struct cadre_column){"unit_name", "Đơn vị", CC_TEXT, 26};
    cols[3] = (struct cadre_column){"bridge_point_code", "Mã điểm cầu", CC_TEXT, 14};
    cols[4] = (struct cadre_column){"bridge_point_name", "Điểm cầu", CC_TEXT, 26};
    json_t *s;
    json_array_foreach(sessions, i, s) {
      cols[5 + i] = (struct cadre_column){cadre_printf(req, "s%lld", (long long)course_jint(s, "seq")),
                                          course_jstr(s, "title"), CC_TEXT, 14};
    }
    cols[ncols - 1] = (struct cadre_column){"attended", "Số buổi tham dự", CC_INT, 10};
    return cadre_reply_table(req, format, "bang-diem-danh", "Bảng điểm danh học viên theo buổi", cols, ncols,
                             rows);
  }
  json_t *body = cadre_json_obj(req);
  json_object_set(body, "sessions", sessions);
  json_object_set(body, "items", rows);
  return cadre_reply_json(req, 200, body);
}
