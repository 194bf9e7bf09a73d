/* The import report as text, for `cadre-admin tasks import`. */
#include "tasks.h"

#include <string.h>

/* A text member, "" when absent: the report prints it as it is. */
static const char *txt(json_t *o, const char *k) {
  const char *s = cadre_jstr(o, k);
  return s ? s : "";
}

static void print_issues(cadre_arena *a, FILE *out, json_t *list, const char *heading) {
  if (!json_array_size(list))
    return;
  fprintf(out, "%s (%zu):\n", heading, json_array_size(list));
  size_t i;
  json_t *is;
  json_array_foreach(list, i, is) {
    fprintf(out, "  - %s\n", txt(is, "message"));
    const char *text = txt(is, "text");
    if (*text)
      fprintf(out, "      «%s»\n", tasks_clip(a, text, 200));
  }
}

static void print_parts(FILE *out, json_t *parts) {
  size_t i, k;
  json_t *part, *s;
  json_array_foreach(parts, i, part) {
    fprintf(out, "%s: %lld nhiệm vụ\n", txt(part, "title"), (long long)cadre_jint(part, "tasks", 0));
    json_array_foreach(json_object_get(part, "sections"), k, s) {
      const char *numeral = txt(s, "numeral");
      const char *lead = txt(s, "lead");
      fprintf(out, "  %s%s%s: %lld nhiệm vụ%s%s%s\n", *numeral ? numeral : "", *numeral ? ". " : "",
              txt(s, "title"), (long long)cadre_jint(s, "tasks", 0), *lead ? " (chủ trì: " : "", lead,
              *lead ? ")" : "");
    }
  }
}

void tasks_report_print(json_t *r, FILE *out) {
  fprintf(out, "Tệp: %s (%lld dòng; mã chương trình %s%s)\n", txt(r, "file"),
          (long long)cadre_jint(r, "lines", 0), txt(r, "code"),
          json_is_true(json_object_get(r, "dry_run")) ? "; CHẠY THỬ, không ghi gì" : "");
  json_t *prog = json_object_get(r, "programme");
  if (prog) {
    json_t *owner = json_object_get(prog, "owner");
    fprintf(out, "Chương trình #%lld, đơn vị chủ quản: %s (%s)\n", (long long)cadre_jint(prog, "id", 0),
            txt(owner, "name"), txt(owner, "code"));
  }
  fprintf(out,
          "Dòng bảng đã đọc: %lld (tiêu đề bảng %lld, trong đó %lld lặp lại ở đầu trang; "
          "dòng mục %lld; dòng nhiệm vụ %lld; dòng nối trang %lld; không xếp được %lld)\n",
          (long long)cadre_jint(r, "rows_read", 0), (long long)cadre_jint(r, "header_rows", 0),
          (long long)cadre_jint(r, "repeated_headers", 0), (long long)cadre_jint(r, "section_rows", 0),
          (long long)cadre_jint(r, "task_rows", 0), (long long)cadre_jint(r, "continuation_rows", 0),
          (long long)cadre_jint(r, "unplaced_rows", 0));
  fprintf(out, "Văn bản ngoài bảng: %lld dòng (giữ nguyên trong phần mở đầu)\n",
          (long long)cadre_jint(r, "prose_lines", 0));
  print_parts(out, json_object_get(r, "parts"));
  fprintf(out, "Tổng số nhiệm vụ: %lld\n", (long long)cadre_jint(r, "tasks_total", 0));

  size_t i;
  json_t *x;
  json_t *joins = json_object_get(r, "joins");
  if (json_array_size(joins)) {
    fprintf(out, "Dòng nối trang đã ghép (%zu):", json_array_size(joins));
    json_array_foreach(joins, i, x) {
      json_t *task = json_object_get(x, "task");
      fprintf(out, "%s dòng %lld → %s", i ? "," : "", (long long)cadre_jint(x, "line", 0),
              task ? json_string_value(task) : "tiêu đề mục");
    }
    fprintf(out, "\n");
  }
  json_array_foreach(json_object_get(r, "duplicates"), i, x) {
    fprintf(out, "Số thứ tự trùng (giữ cả hai, đánh dấu): phần %s số %lld, dòng", txt(x, "part"),
            (long long)cadre_jint(x, "number", 0));
    size_t k;
    json_t *l;
    json_array_foreach(json_object_get(x, "lines"), k, l)
        fprintf(out, " %lld", (long long)json_integer_value(l));
    fprintf(out, "\n");
  }
  json_array_foreach(json_object_get(r, "gaps"), i, x) {
    fprintf(out, "Số thứ tự bị thiếu: phần %s, số %lld–%lld (trước dòng %lld)\n", txt(x, "part"),
            (long long)cadre_jint(x, "from", 0), (long long)cadre_jint(x, "to", 0),
            (long long)cadre_jint(x, "line", 0));
  }
  json_t *unparsed = json_object_get(r, "unparsed_deadlines");
  fprintf(out, "Thời hạn chưa hiểu được: %zu\n", json_array_size(unparsed));
  json_array_foreach(unparsed, i, x) {
    fprintf(out, "  - dòng %lld, nhiệm vụ %s: «%s»\n", (long long)cadre_jint(x, "line", 0), txt(x, "task"),
            txt(x, "text"));
  }
  json_t *units = json_object_get(r, "units");
  if (units) {
    fprintf(out,
            "Đơn vị: %lld khớp với đơn vị có sẵn, %lld đang chờ xác nhận, %lld tạo mới "
            "chờ xác nhận\n",
            (long long)cadre_jint(units, "matched", 0), (long long)cadre_jint(units, "pending", 0),
            (long long)cadre_jint(units, "created", 0));
    json_array_foreach(json_object_get(units, "list"), i, x) {
      if (strcmp(txt(x, "status"), "matched") != 0)
        fprintf(out, "  - «%s» → %s (%s, chờ xác nhận)\n", txt(x, "name"), txt(x, "agency_code"),
                txt(x, "agency_name"));
    }
  }
  if (json_object_get(r, "created"))
    fprintf(out,
            "Nhiệm vụ: %lld tạo mới, %lld cập nhật, %lld không đổi, %zu có trong cơ "
            "sở dữ liệu nhưng không có trong tệp (giữ nguyên)\n",
            (long long)cadre_jint(r, "created", 0), (long long)cadre_jint(r, "updated", 0),
            (long long)cadre_jint(r, "unchanged", 0),
            json_array_size(json_object_get(r, "missing_from_file")));
  cadre_arena *a = cadre_arena_new(4096);
  if (!a)
    return;
  print_issues(a, out, json_object_get(r, "unplaced"), "Dòng không xếp được (giữ lại)");
  print_issues(a, out, json_object_get(r, "warnings"), "Cảnh báo");
  print_issues(a, out, json_object_get(r, "errors"), "LỖI");
  cadre_arena_free(a);
}
