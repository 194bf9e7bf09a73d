/* Proposals (kiến nghị, đề xuất) added up for the organization boards: the
 * essays carry proposals by topic, and a board (or the Academy) wants to
 * know how many were made on each topic, where, and to read them topic by
 * topic. Returned essays are left out: their proposals come back with the
 * resubmission.
 *
 *   GET /reports/proposals        per province (national) or per unit of
 *                                 a subtree: essays received, essays with
 *                                 proposals, proposals per topic (t1 … tN)
 *   GET /reports/proposals/list   the proposals themselves, in scope,
 *                                 optionally one topic, for reading or
 *                                 export
 */
#include "course.h"

#include <string.h>

#define NOT_RETURNED " AND e.status <> 'returned'"

/* Essays received and essays with at least one proposal, per unit. */
static json_t *unit_rows(cadre_req *req, int64_t cid, bool national, int64_t parent) {
  if (national)
    return cadre_db_rows(req,
                         "SELECT p.id, p.code, p.name, COALESCE(x.essays, 0) AS essays,"
                         " COALESCE(x.with_proposals, 0) AS with_proposals FROM agency p"
                         " LEFT JOIN (SELECT r.province_id, COUNT(*) AS essays,"
                         " CAST(SUM(EXISTS (SELECT 1 FROM course_essay_proposal pr"
                         " WHERE pr.essay_id = e.id)) AS SIGNED) AS with_proposals"
                         " FROM course_essay e JOIN course_registration r ON r.id = e.registration_id"
                         " WHERE e.course_id = ?" NOT_RETURNED " GROUP BY r.province_id) x"
                         " ON x.province_id = p.id WHERE p.kind = 'province' ORDER BY p.code",
                         CV_ARGS(CV_INT(cid)));
  return cadre_db_rows(req,
                       "SELECT u.id, u.code, u.name, u.kind, COUNT(e.id) AS essays,"
                       " CAST(COALESCE(SUM(EXISTS (SELECT 1 FROM course_essay_proposal pr"
                       " WHERE pr.essay_id = e.id)), 0) AS SIGNED) AS with_proposals"
                       " FROM agency_closure c JOIN agency u ON u.id = c.descendant"
                       " JOIN course_bridge_point bp ON bp.agency_id = u.id AND bp.course_id = ?"
                       " JOIN course_registration r ON r.bridge_point_id = bp.id"
                       " LEFT JOIN course_essay e ON e.registration_id = r.id" NOT_RETURNED
                       " WHERE c.ancestor = ? GROUP BY u.id, u.code, u.name, u.kind"
                       " ORDER BY u.kind = 'commune', u.code",
                       CV_ARGS(CV_INT(cid), CV_INT(parent)));
}

/* Proposals per (unit, topic), the unit as unit_rows names it. */
static json_t *topic_counts(cadre_req *req, int64_t cid, bool national, int64_t parent) {
  if (national)
    return cadre_db_rows(req,
                         "SELECT r.province_id AS unit_id, pr.topic_no, COUNT(*) AS n"
                         " FROM course_essay_proposal pr JOIN course_essay e ON e.id = pr.essay_id"
                         " JOIN course_registration r ON r.id = e.registration_id"
                         " WHERE e.course_id = ?" NOT_RETURNED " GROUP BY r.province_id, pr.topic_no",
                         CV_ARGS(CV_INT(cid)));
  return cadre_db_rows(req,
                       "SELECT bp.agency_id AS unit_id, pr.topic_no, COUNT(*) AS n"
                       " FROM course_essay_proposal pr JOIN course_essay e ON e.id = pr.essay_id"
                       " JOIN course_registration r ON r.id = e.registration_id"
                       " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                       " JOIN agency_closure c ON c.descendant = bp.agency_id AND c.ancestor = ?"
                       " WHERE e.course_id = ?" NOT_RETURNED " GROUP BY bp.agency_id, pr.topic_no",
                       CV_ARGS(CV_INT(parent), CV_INT(cid)));
}

/* Spreads the counts into their unit rows as t<topic> and a total, with a
 * 0 for every topic nobody wrote on. */
static void spread_counts(cadre_req *req, json_t *rows, json_t *topics, json_t *counts) {
  size_t i, j;
  json_t *row, *t, *c;
  json_array_foreach(rows, i, row) {
    json_array_foreach(topics, j, t) {
      json_object_set_new(row, cadre_printf(req, "t%lld", (long long)course_jint(t, "no")), json_integer(0));
    }
    json_object_set_new(row, "proposals", json_integer(0));
  }
  json_array_foreach(counts, j, c) {
    int64_t unit = course_jint(c, "unit_id"), n = course_jint(c, "n");
    const char *key = cadre_printf(req, "t%lld", (long long)course_jint(c, "topic_no"));
    json_array_foreach(rows, i, row) {
      if (course_jint(row, "id") != unit)
        continue;
      json_object_set_new(row, key, json_integer(course_jint(row, key) + n));
      json_object_set_new(row, "proposals", json_integer(course_jint(row, "proposals") + n));
      break;
    }
  }
}

/* The summary's columns: the unit, its essays, one per topic, the total. */
static const struct cadre_column *summary_columns(cadre_req *req, json_t *topics, size_t *ncols) {
  *ncols = 4 + json_array_size(topics) + 1;
  struct cadre_column *cols = cadre_arena_calloc(cadre_arena_of(req), *ncols, sizeof *cols);
  if (!cols)
    return NULL;
  cols[0] = (struct cadre_column){"code", "Mã", CC_TEXT, 12};
  cols[1] = (struct cadre_column){"name", "Đơn vị", CC_TEXT, 32};
  cols[2] = (struct cadre_column){"essays", "Bài đã nhận", CC_INT, 10};
  cols[3] = (struct cadre_column){"with_proposals", "Bài có kiến nghị", CC_INT, 12};
  size_t j;
  json_t *t;
  json_array_foreach(topics, j, t) {
    long long no = (long long)course_jint(t, "no");
    cols[4 + j] = (struct cadre_column){cadre_printf(req, "t%lld", no),
                                        cadre_printf(req, "Chuyên đề %lld", no), CC_INT, 12};
  }
  cols[*ncols - 1] = (struct cadre_column){"proposals", "Tổng số kiến nghị", CC_INT, 12};
  return cols;
}

int course_h_report_proposals(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent, cid = course_jint(course, "id");
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  json_t *topics = cadre_db_rows(req, "SELECT no, title FROM course_topic WHERE course_id = ? ORDER BY no",
                                 CV_ARGS(CV_INT(cid)));
  json_t *rows = topics ? unit_rows(req, cid, national, parent) : NULL;
  json_t *counts = rows ? topic_counts(req, cid, national, parent) : NULL;
  if (!counts)
    return cadre_db_fail(req);
  spread_counts(req, rows, topics, counts);
  size_t ncols;
  const struct cadre_column *cols = summary_columns(req, topics, &ncols);
  if (!cols)
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  return course_report_answer(req, rows, national, parent, "kien-nghi-theo-chuyen-de",
                              "Kiến nghị, đề xuất theo chuyên đề", cols, ncols,
                              cadre_keep(req, json_pack("{s:O}", "topics", topics)));
}

static const struct cadre_column LIST_COLUMNS[] = {
    {"topic_no", "Chuyên đề", CC_INT, 10},
    {"body", "Kiến nghị, đề xuất", CC_TEXT, 70},
    {"full_name", "Người đề xuất", CC_TEXT, 26},
    {"position", "Chức vụ", CC_TEXT, 24},
    {"unit_name", "Đơn vị", CC_TEXT, 26},
    {"bridge_point_name", "Điểm cầu", CC_TEXT, 26},
    {"province_name", "Tỉnh, thành phố", CC_TEXT, 20},
    {"receipt", "Số biên nhận bài", CC_TEXT, 16},
};

int course_h_report_proposals_list(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t parent, cid = course_jint(course, "id"), topic = cadre_int(req, "topic", 0);
  bool national;
  if ((rc = course_report_level(req, &parent, &national)))
    return rc;
  json_t *rows = cadre_db_rows(
      req,
      "SELECT pr.id, pr.topic_no, t.title AS topic_title, pr.body, r.full_name,"
      " r.position, r.unit_name, bp.name AS bridge_point_name,"
      " p.name AS province_name, e.receipt, e.status AS essay_status"
      " FROM course_essay_proposal pr JOIN course_essay e ON e.id = pr.essay_id"
      " JOIN course_registration r ON r.id = e.registration_id"
      " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
      " LEFT JOIN agency p ON p.id = r.province_id"
      " LEFT JOIN course_topic t ON t.course_id = e.course_id AND t.no = pr.topic_no"
      " WHERE e.course_id = ?" NOT_RETURNED " AND (? = 0 OR pr.topic_no = ?)"
      " AND (? = 1 OR EXISTS (SELECT 1 FROM agency_closure pc"
      " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"
      " ORDER BY pr.topic_no, p.code, bp.code, r.full_name, pr.id LIMIT 100000",
      CV_ARGS(CV_INT(cid), CV_INT(topic), CV_INT(topic), CV_INT(national ? 1 : 0), CV_INT(parent)));
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_list(req, "kien-nghi-de-xuat", "Kiến nghị, đề xuất của học viên", LIST_COLUMNS,
                          sizeof LIST_COLUMNS / sizeof *LIST_COLUMNS, rows, NULL);
}
