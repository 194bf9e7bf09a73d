/*
 * Views for the people who follow the campaign: the cluster dashboard (who
 * submitted what, on time or late, who has an exception, who is not
 * evaluated) and the Academy's overview across clusters. Both answer JSON
 * for the pages and CSV (with BOM) or XLSX for officials' spreadsheets.
 */
#include "emulation.h"

#include <string.h>

static const char *state_label(const char *s) {
  static const char *const map[][2] = {{"not_submitted", "Chưa nộp"},
                                       {"submitted", "Đã nộp"},
                                       {"returned", "Trả lại bổ sung"},
                                       {"resubmitted", "Đã nộp lại"},
                                       {"accepted", "Đã tiếp nhận"}};
  for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], s) == 0)
      return map[i][1];
  return s ? s : "";
}

static const char *timeliness_label(const char *t) {
  static const char *const map[][2] = {{"pending", "Chưa đến hạn"},
                                       {"overdue", "Quá hạn, chưa nộp"},
                                       {"on_time", "Đúng hạn"},
                                       {"late", "Trễ hạn"}};
  for (size_t i = 0; t && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], t) == 0)
      return map[i][1];
  return t ? t : "";
}

/* ---- the cluster dashboard -------------------------------------------------------------- */

static json_t *school_cells(cadre_req *req, int64_t cluster_id) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT m.school_id, d.kind, d.title, d.due_date, d.lock_date, s.id AS submission_id, "
      " COALESCE(s.state, 'not_submitted') AS state, s.first_submitted_at, s.by_exception, "
      " e.until_date AS exception_until "
      "FROM emulation_member m "
      "JOIN emulation_deadline d ON d.year_id = m.year_id AND d.level = 'school' "
      "LEFT JOIN emulation_submission s ON s.deadline_id = d.id AND s.cluster_id = m.cluster_id "
      "  AND s.owner_school = m.school_id "
      "LEFT JOIN emulation_exception e ON e.deadline_id = d.id AND e.cluster_id = m.cluster_id "
      "  AND e.owner_school = m.school_id "
      "WHERE m.cluster_id = ? ORDER BY m.sort, d.sort, d.id",
      CV_ARGS(CV_INT(cluster_id)));
  if (!rows)
    return NULL;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) em_annotate_item(req, r);
  return rows;
}

static int dashboard_export(cadre_req *req, const char *format, const struct em_year *y,
                            const struct em_cluster *c, json_t *schools, json_t *cluster_items) {
  json_t *flat = cadre_json_arr(req);
  size_t i, j;
  json_t *s, *cell;
  json_array_foreach(schools, i, s) {
    json_array_foreach(json_object_get(s, "cells"), j, cell) {
      json_t *row =
          json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "owner", cadre_jstr(s, "name"), "title",
                    cadre_jstr(cell, "title"), "due_date", cadre_jstr(cell, "due_date"), "lock_date",
                    cadre_jstr(cell, "lock_date"), "state", state_label(cadre_jstr(cell, "state")),
                    "timeliness", timeliness_label(cadre_jstr(cell, "timeliness")));
      em_set(row, "submitted_at", json_incref(json_object_get(cell, "first_submitted_at")));
      em_set(row, "exception_until", json_incref(json_object_get(cell, "exception_until")));
      em_set(row, "evaluation",
             json_string(strcmp(cadre_jstr(s, "evaluation"), "not_evaluated") == 0 ? "Không được bình xét"
                                                                                   : ""));
      json_array_append_new(flat, row);
    }
  }
  json_array_foreach(cluster_items, j, cell) {
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "owner", "Cụm (Cụm trưởng lập)", "title",
                            cadre_jstr(cell, "title"), "due_date", cadre_jstr(cell, "due_date"), "lock_date",
                            cadre_jstr(cell, "lock_date"), "state", state_label(cadre_jstr(cell, "state")),
                            "timeliness", timeliness_label(cadre_jstr(cell, "timeliness")), "evaluation", "");
    em_set(row, "submitted_at", json_incref(json_object_get(cell, "first_submitted_at")));
    em_set(row, "exception_until", json_incref(json_object_get(cell, "exception_until")));
    json_array_append_new(flat, row);
  }
  static const struct cadre_column cols[] = {
      {"owner", "Đơn vị", CC_TEXT, 36},        {"title", "Hồ sơ", CC_TEXT, 50},
      {"due_date", "Hạn nộp", CC_DATE, 12},    {"lock_date", "Ngày khóa", CC_DATE, 12},
      {"state", "Trạng thái", CC_TEXT, 16},    {"submitted_at", "Ngày nộp", CC_DATETIME, 18},
      {"timeliness", "Tiến độ", CC_TEXT, 18},  {"exception_until", "Gia hạn đến", CC_DATE, 12},
      {"evaluation", "Bình xét", CC_TEXT, 20},
  };
  return cadre_reply_table(
      req, format, cadre_printf(req, "theo-doi-ho-so-%s-%d", cadre_jstr(c->row, "code"), y->year),
      cadre_printf(req, "Theo dõi hồ sơ thi đua năm %d — %s", y->year, cadre_jstr(c->row, "name")), cols,
      sizeof cols / sizeof cols[0], flat);
}

int em_h_dashboard(cadre_req *req) {
  struct em_cluster c;
  struct em_year y;
  struct em_actor a;
  enum em_viewer viewer;
  int rc = em_cluster_open(req, &c, &y, &a, &viewer);
  if (rc)
    return rc;
  json_t *members = em_members(req, c.id);
  json_t *cells = school_cells(req, c.id);
  json_t *cluster_items = em_owner_items(req, y.id, c.id, 0, "cluster");
  json_t *deadlines = cadre_db_rows(req,
                                    "SELECT id, kind, form, title, due_date, lock_date, level "
                                    "FROM emulation_deadline WHERE year_id = ? AND level = 'school' "
                                    "ORDER BY sort, id",
                                    CV_ARGS(CV_INT(y.id)));
  if (!members || !cells || !cluster_items || !deadlines)
    return cadre_db_fail(req);
  json_t *schools = cadre_json_arr(req);
  size_t i, j;
  json_t *m, *cell;
  json_array_foreach(members, i, m) {
    int64_t school = cadre_jint(m, "school_id", 0);
    /* An outside viewer (a province) sees only its own schools' rows. */
    if (viewer == EM_VIEW_OUTSIDE && em_school_in_scope(req, school) != 1)
      continue;
    json_t *mine = json_array();
    json_array_foreach(cells, j, cell) if (cadre_jint(cell, "school_id", 0) == school)
        json_array_append(mine, cell);
    em_set(m, "cells", mine);
    json_array_append(schools, m);
  }
  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0)
    return dashboard_export(req, format, &y, &c, schools, cluster_items);
  json_t *out = cadre_json_obj(req);
  em_set(out, "cluster", json_incref(c.row));
  em_set(out, "year", json_integer(y.year));
  em_set(out, "today", json_string(cadre_today(req)));
  em_set(out, "viewer",
         json_string(viewer == EM_VIEW_BOARD    ? "board"
                     : viewer == EM_VIEW_HEAD   ? "head"
                     : viewer == EM_VIEW_MEMBER ? "member"
                                                : "outside"));
  em_set(out, "deadlines", json_incref(deadlines));
  em_set(out, "schools", json_incref(schools));
  em_set(out, "cluster_items", json_incref(cluster_items));
  return cadre_reply_json(req, 200, out);
}

/* ---- the Academy's overview -------------------------------------------------------------- */

struct tally {
  int members, not_evaluated, plan_on_time, plan_late, reports, sheets, overdue;
  int cluster_done, cluster_total;
};

static void tally_cells(json_t *cells, struct tally *t) {
  size_t i;
  json_t *c;
  json_array_foreach(cells, i, c) {
    const char *kind = cadre_jstr(c, "kind"), *timeliness = cadre_jstr(c, "timeliness");
    bool sent = strcmp(cadre_jstr(c, "state"), "not_submitted") != 0;
    if (strcmp(timeliness, "overdue") == 0)
      t->overdue++;
    if (strcmp(kind, EM_KIND_PLAN) == 0 && sent)
      *(strcmp(timeliness, "on_time") == 0 ? &t->plan_on_time : &t->plan_late) += 1;
    if (strcmp(kind, EM_KIND_SCHOOL_REPORT) == 0 && sent)
      t->reports++;
    if (strcmp(kind, EM_KIND_SCORE_SHEET) == 0 && sent)
      t->sheets++;
  }
}

int em_h_overview(cadre_req *req) {
  struct em_year y;
  int rc = em_year_load(req, (int)cadre_int(req, "year", 0), &y);
  if (rc || (rc = em_require_board(req)))
    return rc;
  json_t *clusters =
      cadre_db_rows(req,
                    "SELECT c.id, c.code, c.name, c.is_sample, c.state, c.final_round, c.next_term_state, "
                    " h.name AS head_name, d.name AS deputy_name, "
                    " (SELECT GROUP_CONCAT(a.name ORDER BY a.name SEPARATOR '; ') FROM emulation_ranking r "
                    "   JOIN agency a ON a.id = r.school_id WHERE r.cluster_id = c.id "
                    "   AND r.round = c.final_round AND r.rank_no = 1) AS first_place "
                    "FROM emulation_cluster c LEFT JOIN agency h ON h.id = c.head_school_id "
                    "LEFT JOIN agency d ON d.id = c.deputy_school_id WHERE c.year_id = ? ORDER BY c.code",
                    CV_ARGS(CV_INT(y.id)));
  if (!clusters)
    return cadre_db_fail(req);
  size_t i, j;
  json_t *c;
  json_array_foreach(clusters, i, c) {
    int64_t id = cadre_jint(c, "id", 0);
    json_t *members = em_members(req, id), *cells = school_cells(req, id);
    json_t *own = em_owner_items(req, y.id, id, 0, "cluster");
    if (!members || !cells || !own)
      return cadre_db_fail(req);
    struct tally t = {.members = (int)json_array_size(members)};
    json_t *m;
    json_array_foreach(members, j, m) t.not_evaluated +=
        strcmp(cadre_jstr(m, "evaluation"), "not_evaluated") == 0;
    tally_cells(cells, &t);
    json_array_foreach(own, j, m) {
      t.cluster_total++;
      t.cluster_done += strcmp(cadre_jstr(m, "state"), "not_submitted") != 0;
      t.overdue += strcmp(cadre_jstr(m, "timeliness"), "overdue") == 0;
    }
    json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "members", t.members,
                               "not_evaluated", t.not_evaluated, "plan_on_time", t.plan_on_time, "plan_late",
                               t.plan_late, "reports", t.reports, "sheets", t.sheets, "overdue", t.overdue,
                               "cluster_done", t.cluster_done, "cluster_total", t.cluster_total);
    json_object_update(c, counts);
    json_decref(counts);
    em_set(c, "state_text",
           json_string(strcmp(cadre_jstr(c, "state"), "finalized") == 0 ? "Đã hoàn tất bảng điểm"
                                                                        : "Đang chấm điểm"));
    em_set(c, "cluster_docs", json_string(cadre_printf(req, "%d/%d", t.cluster_done, t.cluster_total)));
  }
  const char *format = cadre_str(req, "format");
  if (!format || strcmp(format, "json") == 0) {
    json_t *out = cadre_json_obj(req);
    em_set(out, "year", json_integer(y.year));
    em_set(out, "theme", json_string(cadre_jstr(y.row, "theme")));
    em_set(out, "today", json_string(cadre_today(req)));
    em_set(out, "clusters", json_incref(clusters));
    return cadre_reply_json(req, 200, out);
  }
  static const struct cadre_column cols[] = {
      {"code", "Mã cụm", CC_TEXT, 10},
      {"name", "Cụm thi đua", CC_TEXT, 36},
      {"head_name", "Cụm trưởng", CC_TEXT, 30},
      {"deputy_name", "Cụm phó", CC_TEXT, 30},
      {"members", "Số trường", CC_INT, 9},
      {"plan_on_time", "Mẫu 01 đúng hạn", CC_INT, 12},
      {"plan_late", "Mẫu 01 trễ hạn", CC_INT, 12},
      {"not_evaluated", "Không được bình xét", CC_INT, 12},
      {"reports", "Đã gửi báo cáo (Mẫu 04)", CC_INT, 14},
      {"sheets", "Đã gửi phiếu chấm", CC_INT, 12},
      {"cluster_docs", "Hồ sơ của cụm", CC_TEXT, 12},
      {"overdue", "Quá hạn chưa nộp", CC_INT, 12},
      {"state_text", "Bảng điểm", CC_TEXT, 20},
      {"first_place", "Xếp thứ nhất", CC_TEXT, 36},
  };
  return cadre_reply_table(req, format, cadre_printf(req, "tong-hop-thi-dua-%d", y.year),
                           cadre_printf(req, "Tổng hợp thi đua các cụm năm %d", y.year), cols,
                           sizeof cols / sizeof cols[0], clusters);
}
