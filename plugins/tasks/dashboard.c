/*
 * The dashboard: for each lead unit, its tasks counted by status and by
 * timeliness as of a day (and the status × timeliness matrix), plus the
 * same by section and by month of the deadline. A task with several lead
 * units counts for each of them; the totals count it once.
 */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

static void bump(json_t *obj, const char *key) {
  json_t *n = json_object_get(obj, key);
  json_object_set_new(obj, key, json_integer(n ? json_integer_value(n) + 1 : 1));
}

static json_t *new_bucket(void) {
  return json_pack("{s:i, s:{}, s:{}, s:{}}", "total", 0, "status", "timeliness", "matrix");
}

static void count(json_t *bucket, const char *status, const char *tl) {
  json_object_set_new(bucket, "total", json_integer(cadre_jint(bucket, "total", 0) + 1));
  bump(json_object_get(bucket, "status"), status);
  bump(json_object_get(bucket, "timeliness"), tl);
  json_t *matrix = json_object_get(bucket, "matrix");
  json_t *row = json_object_get(matrix, status);
  if (!row) {
    row = json_object();
    json_object_set_new(matrix, status, row);
  }
  bump(row, tl);
}

/* Finds or adds the bucket of `key` in `list` (an array) via `index`. */
static json_t *bucket_for(json_t *list, json_t *index, const char *key, json_t *init) {
  json_t *pos = json_object_get(index, key);
  if (pos) {
    json_decref(init);
    return json_array_get(list, (size_t)json_integer_value(pos));
  }
  json_t *b = new_bucket();
  json_object_update(b, init);
  json_decref(init);
  json_object_set_new(index, key, json_integer((json_int_t)json_array_size(list)));
  json_array_append_new(list, b);
  return b;
}

static int by_month(const void *x, const void *y) {
  const char *a = cadre_jstr(*(json_t *const *)x, "month");
  const char *b = cadre_jstr(*(json_t *const *)y, "month");
  bool an = strcmp(a, "none") == 0, bn = strcmp(b, "none") == 0;
  if (an != bn)
    return an ? 1 : -1;
  return strcmp(a, b);
}

static const struct cadre_column unit_columns[] = {
    {"name", "Đơn vị chủ trì", CC_TEXT, 40},
    {"total", "Tổng số", CC_INT, 10},
    {"st_not_started", "Chưa triển khai", CC_INT, 12},
    {"st_in_progress", "Đang thực hiện", CC_INT, 12},
    {"st_claimed", "Đã báo cáo hoàn thành", CC_INT, 14},
    {"st_completed", "Hoàn thành", CC_INT, 12},
    {"st_returned", "Bị trả lại", CC_INT, 10},
    {"st_cancelled", "Đã hủy", CC_INT, 10},
    {"tl_on_time", "Đúng hạn", CC_INT, 10},
    {"tl_due_soon", "Sắp đến hạn", CC_INT, 12},
    {"tl_overdue", "Quá hạn", CC_INT, 10},
    {"tl_done_late", "Hoàn thành muộn", CC_INT, 14},
    {"tl_none", "Chưa có hạn", CC_INT, 12},
};

static int export_units(cadre_req *req, const char *format, const char *day, json_t *units) {
  json_t *rows = cadre_json_arr(req);
  size_t i;
  json_t *u;
  json_array_foreach(units, i, u) {
    json_t *r =
        json_pack("{s:O, s:O}", "name", json_object_get(u, "name"), "total", json_object_get(u, "total"));
    for (int s = 0; s < TASKS_ST_COUNT; s++) {
      json_t *n = json_object_get(json_object_get(u, "status"), tasks_status_code(s));
      json_object_set_new(r, cadre_printf(req, "st_%s", tasks_status_code(s)),
                          json_integer(n ? json_integer_value(n) : 0));
    }
    for (int t = 0; t < TASKS_TL_COUNT; t++) {
      json_t *n = json_object_get(json_object_get(u, "timeliness"), tasks_tl_code(t));
      json_object_set_new(r, cadre_printf(req, "tl_%s", tasks_tl_code(t)),
                          json_integer(n ? json_integer_value(n) : 0));
    }
    json_array_append_new(rows, r);
  }
  return cadre_reply_table(req, format, cadre_printf(req, "tong-hop-theo-don-vi-%s", day),
                           cadre_printf(req, "Tổng hợp theo đơn vị chủ trì (tính đến %s)", day), unit_columns,
                           sizeof unit_columns / sizeof unit_columns[0], rows);
}

int tasks_h_dashboard(cadre_req *req) {
  cadre_date as_of;
  const char *day = tasks_as_of(req, &as_of);
  json_t *rows = tasks_fetch(req, as_of, day);
  json_t *leads = cadre_db_rows(req,
                                "SELECT tu.task_id, a.id AS agency_id, a.name, a.code, a.status"
                                " FROM tasks_task_unit tu JOIN tasks_task t ON t.id = tu.task_id"
                                " JOIN agency a ON a.id = tu.agency_id"
                                " WHERE tu.role = 'lead' AND (? IS NULL OR t.programme_id = ?)"
                                " ORDER BY a.name, a.id",
                                CV_ARGS(CV_FIELD(req, "programme"), CV_FIELD(req, "programme")));
  if (!rows || !leads)
    return cadre_db_fail(req);

  json_t *by_task = json_object();
  json_t *totals = new_bucket();
  json_t *sections = json_array(), *section_ix = json_object();
  json_t *months = json_array(), *month_ix = json_object();
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    const char *status = cadre_jstr(row, "status");
    const char *tl = cadre_jstr(row, "timeliness");
    json_object_set(by_task, cadre_printf(req, "%lld", (long long)cadre_jint(row, "id", 0)), row);
    count(totals, status, tl);
    json_t *sec = bucket_for(
        sections, section_ix, cadre_printf(req, "%lld", (long long)cadre_jint(row, "section_id", 0)),
        json_pack("{s:O, s:O, s:O, s:O}", "section_id", json_object_get(row, "section_id"), "part",
                  json_object_get(row, "part"), "numeral", json_object_get(row, "section_numeral"), "title",
                  json_object_get(row, "section_title")));
    count(sec, status, tl);
    const char *due = cadre_jstr(row, "due_date");
    const char *month = due ? cadre_printf(req, "%.7s", due) : "none";
    count(bucket_for(months, month_ix, month, json_pack("{s:s}", "month", month)), status, tl);
  }
  json_t *units = json_array(), *unit_ix = json_object();
  json_array_foreach(leads, i, row) {
    json_t *task =
        json_object_get(by_task, cadre_printf(req, "%lld", (long long)cadre_jint(row, "task_id", 0)));
    if (!task)
      continue; /* filtered out, or not visible */
    json_t *u =
        bucket_for(units, unit_ix, cadre_printf(req, "%lld", (long long)cadre_jint(row, "agency_id", 0)),
                   json_pack("{s:O, s:O, s:O, s:O}", "agency_id", json_object_get(row, "agency_id"), "name",
                             json_object_get(row, "name"), "code", json_object_get(row, "code"),
                             "agency_status", json_object_get(row, "status")));
    count(u, cadre_jstr(task, "status"), cadre_jstr(task, "timeliness"));
  }
  cadre_keep(req, by_task);
  cadre_keep(req, section_ix);
  cadre_keep(req, month_ix);
  cadre_keep(req, unit_ix);
  /* months in calendar order ("yyyy-mm" sorts as text), "none" last */
  size_t n = json_array_size(months);
  json_t **order = cadre_arena_calloc(cadre_arena_of(req), n ? n : 1, sizeof *order);
  if (!order)
    return cadre_fail(req, 500, "out_of_memory", "Hết bộ nhớ khi tổng hợp.");
  for (size_t k = 0; k < n; k++)
    order[k] = json_array_get(months, k);
  qsort(order, n, sizeof *order, by_month);
  json_t *sorted_months = json_array();
  for (size_t k = 0; k < n; k++)
    json_array_append(sorted_months, order[k]);
  json_decref(months);

  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0) {
    cadre_keep(req, units);
    cadre_keep(req, totals);
    cadre_keep(req, sections);
    cadre_keep(req, sorted_months);
    return export_units(req, format, day, units);
  }
  json_t *labels = json_object(), *st = json_object(), *tlab = json_object();
  for (int s = 0; s < TASKS_ST_COUNT; s++)
    json_object_set_new(st, tasks_status_code(s), json_string(tasks_status_label(s)));
  for (int t = 0; t < TASKS_TL_COUNT; t++)
    json_object_set_new(tlab, tasks_tl_code(t), json_string(tasks_tl_label(t)));
  json_object_set_new(labels, "status", st);
  json_object_set_new(labels, "timeliness", tlab);
  json_t *body = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "as_of", day, "totals", totals, "units", units,
                           "sections", sections, "months", sorted_months, "labels", labels);
  cadre_keep(req, body);
  return cadre_reply_json(req, 200, body);
}
