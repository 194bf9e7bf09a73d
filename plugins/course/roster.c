/* A roster submission: the marks of a bridge point's participants for one
 * session, checked before any statement runs and turned into the compact
 * JSON that one INSERT … SELECT FROM JSON_TABLE(?) consumes, so a roster of
 * any size costs the same few statements. */
#include "course.h"

#include <stdlib.h>
#include <string.h>

bool course_status_valid(const char *s) {
  return s && (strcmp(s, "present") == 0 || strcmp(s, "late") == 0 || strcmp(s, "excused") == 0 ||
               strcmp(s, "absent") == 0);
}

static int fail(struct course_roster *out, size_t i, const char *code, const char *msg) {
  out->bad_index = i;
  out->error_code = code;
  out->error_message = msg;
  if (out->canonical) {
    json_decref(out->canonical);
    out->canonical = NULL;
  }
  return -1;
}

static int cmp_id(const void *x, const void *y) {
  json_int_t a = *(const json_int_t *)x, b = *(const json_int_t *)y;
  return (a > b) - (a < b);
}

int course_roster_parse(json_t *entries, struct course_roster *out) {
  memset(out, 0, sizeof *out);
  if (!json_is_array(entries) || json_array_size(entries) == 0)
    return fail(out, 0, "roster_empty", "Danh sách điểm danh trống.");
  size_t n = json_array_size(entries);
  if (n > COURSE_ROSTER_MAX)
    return fail(out, 0, "roster_too_large", "Danh sách điểm danh có quá nhiều người (tối đa 2.000).");
  json_int_t *ids = malloc(n * sizeof *ids);
  if (!ids)
    return fail(out, 0, "roster_too_large", "Không đủ bộ nhớ.");
  out->canonical = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(entries, i);
    json_t *id = json_object_get(e, "registration_id");
    const char *st = json_string_value(json_object_get(e, "status"));
    if (!json_is_integer(id) || json_integer_value(id) <= 0) {
      free(ids);
      return fail(out, i, "roster_entry_invalid", "Mỗi dòng điểm danh phải có mã đăng ký hợp lệ.");
    }
    if (!course_status_valid(st)) {
      free(ids);
      return fail(out, i, "status_invalid",
                  "Trạng thái điểm danh phải là có mặt, đi muộn, vắng có phép "
                  "hoặc vắng.");
    }
    ids[i] = json_integer_value(id);
    json_array_append_new(out->canonical, json_pack("{s:I,s:s}", "r", ids[i], "s", st));
  }
  qsort(ids, n, sizeof *ids, cmp_id);
  for (size_t i = 1; i < n; i++)
    if (ids[i] == ids[i - 1]) {
      free(ids);
      return fail(out, i, "roster_duplicate", "Một người xuất hiện hai lần trong danh sách điểm danh.");
    }
  free(ids);
  out->n = n;
  return 0;
}
