/*
 * The task list: filters (programme, part, section, unit and its role,
 * status, timeliness, month/quarter/year of the deadline, text without
 * accents), overdue as of any day, paging, and export to CSV (with BOM) and
 * XLSX. Timeliness depends on the day asked, so it is computed here (the
 * same pure code as reminders use) and its filter applies after the query;
 * a programme holds hundreds of tasks, not millions.
 */
#include "tasks.h"

#include <string.h>

#define LIST_SQL                                                                                             \
  "SELECT" TASKS_TASK_COLUMNS "," TASKS_LAST_REPORT ", t.search_text,"                                       \
  " (SELECT pr.note FROM tasks_progress pr WHERE pr.task_id = t.id"                                          \
  "  AND pr.reported_on <= ? ORDER BY pr.reported_on DESC, pr.id DESC LIMIT 1)"                              \
  "  AS last_note" TASKS_TASK_FROM " WHERE" TASKS_VISIBLE_SQL(                                               \
      "t") " AND (? IS NULL OR t.programme_id = ?)"                                                          \
           " AND (? IS NULL OR t.part = ?)"                                                                  \
           " AND (? IS NULL OR t.section_id = ?)"                                                            \
           " AND (? IS NULL OR EXISTS (SELECT 1 FROM tasks_task_unit fu"                                     \
           "   JOIN agency_closure fc ON fc.descendant = fu.agency_id AND fc.ancestor = ?"                   \
           "   WHERE fu.task_id = t.id AND (? IS NULL OR fu.role = ?)))"                                     \
           " AND (? IS NULL OR YEAR(t.due_date) = ?)"                                                        \
           " AND (? IS NULL OR QUARTER(t.due_date) = ?)"                                                     \
           " AND (? IS NULL OR MONTH(t.due_date) = ?)"

static const char *const order_programme = LIST_SQL " ORDER BY t.programme_id, t.part, s.seq, t.seq";
static const char *const order_due =
    LIST_SQL " ORDER BY t.due_date IS NULL, t.due_date, t.programme_id, t.part, t.seq";

/* Every word of the folded query must appear in the task's folded text. */
static bool matches(cadre_arena *a, const char *search_text, const char *q) {
  if (!q)
    return true;
  char *words = cadre_fold(a, q);
  if (!words)
    return false;
  char *save = NULL;
  for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
    if (!search_text || !strstr(search_text, w))
      return false;
  return true;
}

static bool in_multi(cadre_req *req, const char *field, const char *value) {
  const char **vals = NULL;
  size_t n = cadre_strs(req, field, &vals);
  if (n == 0)
    return true;
  for (size_t i = 0; i < n; i++)
    if (value && strcmp(vals[i], value) == 0)
      return true;
  return false;
}

/* Labels the export and the print view show. */
static void add_labels(cadre_req *req, json_t *row) {
  const char *numeral = cadre_jstr(row, "section_numeral");
  const char *stitle = cadre_jstr(row, "section_title");
  json_object_set_new(row, "section_label",
                      json_string(numeral && *numeral
                                      ? cadre_printf(req, "%s. %s", numeral, stitle ? stitle : "")
                                      : (stitle ? stitle : "")));
  const char *lead = cadre_jstr(row, "lead_text");
  const char *group = cadre_jstr(row, "group_lead");
  json_object_set_new(row, "lead_label", json_string(lead && *lead ? lead : group ? group : ""));
}

json_t *tasks_fetch(cadre_req *req, cadre_date as_of, const char *as_of_text) {
  int64_t scope = cadre_scope_root(req);
  const char *unit = cadre_str(req, "unit");
  const char *role = cadre_str(req, "role");
  /* "my unit's tasks as lead": a role without a unit means the caller's */
  if (!unit && role)
    unit = cadre_printf(req, "%lld", (long long)cadre_user_agency(req));
  bool by_due = cadre_str(req, "sort") && strcmp(cadre_str(req, "sort"), "due") == 0;
  json_t *rows =
      cadre_db_rows(req, by_due ? order_due : order_programme,
                    CV_ARGS(CV_STR(as_of_text), CV_STR(as_of_text), CV_INT(scope), CV_INT(scope),
                            CV_FIELD(req, "programme"), CV_FIELD(req, "programme"), CV_FIELD(req, "part"),
                            CV_FIELD(req, "part"), CV_FIELD(req, "section"), CV_FIELD(req, "section"),
                            CV_STR(unit), CV_STR(unit), CV_STR(role), CV_STR(role), CV_FIELD(req, "year"),
                            CV_FIELD(req, "year"), CV_FIELD(req, "quarter"), CV_FIELD(req, "quarter"),
                            CV_FIELD(req, "month"), CV_FIELD(req, "month")));
  if (!rows)
    return NULL;
  json_t *out = cadre_json_arr(req);
  const char *q = cadre_str(req, "q");
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    enum tasks_timeliness tl = tasks_row_decorate(row, as_of);
    const char *search = cadre_jstr(row, "search_text");
    if (!matches(cadre_arena_of(req), search, q) || !in_multi(req, "status", cadre_jstr(row, "status")) ||
        !in_multi(req, "timeliness", tasks_tl_code(tl)))
      continue;
    json_object_del(row, "search_text");
    add_labels(req, row);
    json_array_append(out, row);
  }
  return out;
}

static const struct cadre_column export_columns[] = {
    {"programme_code", "Chương trình", CC_TEXT, 14},
    {"part", "Phần", CC_TEXT, 6},
    {"section_label", "Mục", CC_TEXT, 30},
    {"display_number", "TT", CC_TEXT, 6},
    {"basis", "Cơ sở thực hiện", CC_TEXT, 40},
    {"name", "Tên đề án, nhiệm vụ cụ thể", CC_TEXT, 60},
    {"submit_to", "Cấp trình", CC_TEXT, 18},
    {"lead_label", "Đơn vị chủ trì", CC_TEXT, 28},
    {"coord_text", "Cơ quan phối hợp", CC_TEXT, 24},
    {"supervise_text", "Đôn đốc", CC_TEXT, 22},
    {"deadline_text", "Thời gian thực hiện", CC_TEXT, 22},
    {"due_date", "Hạn", CC_DATE, 12},
    {"original_due", "Hạn ban đầu", CC_DATE, 12},
    {"status_label", "Trạng thái", CC_TEXT, 18},
    {"percent", "Tỷ lệ hoàn thành (%)", CC_INT, 10},
    {"timeliness_label", "So với hạn", CC_TEXT, 16},
    {"last_note", "Tình hình thực hiện", CC_TEXT, 50},
    {"result_doc", "Văn bản kết quả", CC_TEXT, 20},
    {"completed_on", "Ngày hoàn thành", CC_DATE, 12},
};

static json_t *counts(json_t *rows) {
  json_t *by_tl = json_object(), *by_status = json_object();
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    const char *keys[2] = {"timeliness", "status"};
    json_t *maps[2] = {by_tl, by_status};
    for (int k = 0; k < 2; k++) {
      const char *v = cadre_jstr(row, keys[k]);
      if (!v)
        continue;
      json_t *n = json_object_get(maps[k], v);
      json_object_set_new(maps[k], v, json_integer(n ? json_integer_value(n) + 1 : 1));
    }
  }
  return json_pack("{s:o, s:o}", "timeliness", by_tl, "status", by_status);
}

int tasks_h_list(cadre_req *req) {
  cadre_date as_of;
  const char *day = tasks_as_of(req, &as_of);
  json_t *rows = tasks_fetch(req, as_of, day);
  if (!rows)
    return cadre_db_fail(req);
  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0) {
    char vn[11];
    cadre_date_vn(as_of, vn);
    return cadre_reply_table(req, format, cadre_printf(req, "nhiem-vu-%s", day),
                             cadre_printf(req, "Danh sách nhiệm vụ (tính đến ngày %s)", vn), export_columns,
                             sizeof export_columns / sizeof export_columns[0], rows);
  }
  int64_t page = cadre_int(req, "page", 1), per_page = cadre_int(req, "per_page", 50);
  size_t total = json_array_size(rows);
  json_t *items = cadre_json_arr(req);
  for (size_t i = (size_t)((page - 1) * per_page); i < total && i < (size_t)(page * per_page); i++)
    json_array_append(items, json_array_get(rows, i));
  json_t *body =
      json_pack("{s:O, s:I, s:I, s:I, s:s, s:o}", "items", items, "total", (json_int_t)total, "page",
                (json_int_t)page, "per_page", (json_int_t)per_page, "as_of", day, "counts", counts(rows));
  cadre_keep(req, body);
  return cadre_reply_json(req, 200, body);
}
