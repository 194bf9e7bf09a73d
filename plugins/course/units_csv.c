/* The official list of administrative units (code, name, kind, province) as
 * a CSV file: provinces and cities, and their communes, wards and special
 * zones. Parsing and per-row checks only; units.c writes the agency tree. */
#include "course.h"

#include <string.h>

enum ucol { U_CODE, U_NAME, U_KIND, U_PROVINCE, U_COUNT };

static const struct {
  const char *folded;
  enum ucol col;
} ALIASES[] = {
    {"code", U_CODE},
    {"ma", U_CODE},
    {"ma don vi", U_CODE},
    {"ma dvhc", U_CODE},
    {"ma so", U_CODE},
    {"name", U_NAME},
    {"ten", U_NAME},
    {"ten don vi", U_NAME},
    {"ten dvhc", U_NAME},
    {"kind", U_KIND},
    {"loai", U_KIND},
    {"cap", U_KIND},
    {"loai don vi", U_KIND},
    {"province", U_PROVINCE},
    {"tinh", U_PROVINCE},
    {"tinh, thanh pho", U_PROVINCE},
    {"tinh/thanh pho", U_PROVINCE},
    {"ma tinh", U_PROVINCE},
    {"tinh thanh", U_PROVINCE},
};

/* Folded kind text → agency kind. */
static const struct {
  const char *folded, *kind;
} KINDS[] = {
    {"province", "province"},
    {"tinh", "province"},
    {"thanh pho", "province"},
    {"thanh pho truc thuoc trung uong", "province"},
    {"tinh/thanh pho", "province"},
    {"commune", "commune"},
    {"ward", "commune"},
    {"special_zone", "commune"},
    {"xa", "commune"},
    {"phuong", "commune"},
    {"dac khu", "commune"},
    {"thi tran", "commune"},
};

static const char *kind_of(cadre_arena *a, const char *text) {
  char *f = cadre_fold(a, text);
  if (!f)
    return NULL;
  for (size_t i = 0; i < sizeof KINDS / sizeof *KINDS; i++)
    if (strcmp(f, KINDS[i].folded) == 0)
      return KINDS[i].kind;
  return NULL;
}

static bool code_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 64)
    return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
          *p == '_' || *p == '-'))
      return false;
  return true;
}

char *course_province_key(cadre_arena *a, const char *name) {
  static const char *const PREFIXES[] = {
      "thanh uy ", "tinh uy ", "thanh pho ", "tinh ", "tp. ", "tp ", "tp.",
  };
  char *f = cadre_fold(a, name);
  if (!f)
    return NULL;
  for (size_t i = 0; i < sizeof PREFIXES / sizeof *PREFIXES; i++) {
    size_t n = strlen(PREFIXES[i]);
    if (strncmp(f, PREFIXES[i], n) == 0)
      return cadre_tidy(a, f + n);
  }
  return f;
}

static int file_error(struct course_ufile *out, const char *code, const char *msg) {
  out->error_code = code;
  out->error_message = msg;
  return -1;
}

static void problem(cadre_arena *a, struct course_urow *r, const char *code, const char *msg) {
  if (!r->error_code) {
    r->error_code = code;
    r->error_message = msg;
  } else {
    r->error_message = cadre_arena_printf(a, "%s %s", r->error_message, msg);
  }
}

static const char *cell(cadre_arena *a, char **f, int n, int idx) {
  if (idx < 0 || idx >= n || !f[idx])
    return NULL;
  char *t = cadre_tidy(a, f[idx]);
  return t && *t ? t : NULL;
}

static void check_row(cadre_arena *a, struct course_urow *r) {
  if (!r->code || !code_ok(r->code))
    problem(a, r, "unit_code_invalid", "Mã đơn vị bắt buộc, chỉ gồm chữ, số và . _ - (tối đa 64 ký tự).");
  if (!r->name || !course_line_ok(r->name, 2, 255))
    problem(a, r, "unit_name_invalid",
            "Tên đơn vị bắt buộc, từ 2 đến 255 ký tự, không chứa ký tự điều "
            "khiển.");
  r->kind = r->kind_text ? kind_of(a, r->kind_text) : NULL;
  if (!r->kind)
    problem(a, r, "unit_kind_invalid", "Loại đơn vị phải là Tỉnh, Thành phố, Xã, Phường hoặc Đặc khu.");
  else if (strcmp(r->kind, "commune") == 0 && !r->province)
    problem(a, r, "unit_province_required", "Xã, phường, đặc khu phải ghi tỉnh, thành phố trực thuộc.");
  else if (strcmp(r->kind, "province") == 0)
    r->province = NULL;
}

static void mark_duplicate_codes(cadre_arena *a, struct course_ufile *out) {
  for (size_t i = 1; i < out->nrows; i++) {
    struct course_urow *r = &out->rows[i];
    if (!r->code)
      continue;
    for (size_t j = 0; j < i; j++) {
      if (out->rows[j].code && strcmp(out->rows[j].code, r->code) == 0) {
        bool was_valid = !r->error_code;
        problem(a, r, "duplicate_in_file",
                cadre_arena_printf(a, "Trùng mã đơn vị với dòng %ld.", out->rows[j].line));
        if (was_valid)
          out->ninvalid++;
        break;
      }
    }
  }
}

int course_parse_units(cadre_arena *a, const char *data, size_t len, struct course_ufile *out) {
  memset(out, 0, sizeof *out);
  if (!data || len == 0)
    return file_error(out, "csv_empty", "Tệp rỗng.");
  if (!cadre_utf8_valid(data, len))
    return file_error(out, "csv_encoding", "Tệp không phải văn bản UTF-8 (hãy lưu dạng CSV UTF-8).");
  cadre_csv csv;
  cadre_csv_init(&csv, data, len, 0);
  char *f[32];
  int n = cadre_csv_next(&csv, a, f, 32);
  if (n <= 0)
    return file_error(out, n < 0 ? "csv_malformed" : "csv_empty", "Dòng tiêu đề của tệp không đọc được.");
  int map[U_COUNT] = {-1, -1, -1, -1};
  for (int i = 0; i < n; i++) {
    char *h = cadre_fold(a, f[i]);
    for (size_t k = 0; h && k < sizeof ALIASES / sizeof *ALIASES; k++)
      if (strcmp(h, ALIASES[k].folded) == 0 && map[ALIASES[k].col] < 0)
        map[ALIASES[k].col] = i;
  }
  if (map[U_CODE] < 0 || map[U_NAME] < 0 || map[U_KIND] < 0 || map[U_PROVINCE] < 0)
    return file_error(out, "csv_missing_columns",
                      "Tệp phải có các cột: Mã, Tên, Loại, Tỉnh (code, name, "
                      "kind, province).");
  size_t cap = 256;
  out->rows = cadre_arena_calloc(a, cap, sizeof *out->rows);
  while ((n = cadre_csv_next(&csv, a, f, 32)) != 0) {
    if (n < 0)
      return file_error(out, "csv_malformed", cadre_arena_printf(a, "Dòng %ld không đọc được.", csv.line));
    struct course_urow r = {.line = csv.line};
    r.code = cell(a, f, n, map[U_CODE]);
    r.name = cell(a, f, n, map[U_NAME]);
    r.kind_text = cell(a, f, n, map[U_KIND]);
    r.province = cell(a, f, n, map[U_PROVINCE]);
    if (!r.code && !r.name && !r.kind_text && !r.province)
      continue;
    if (out->nrows == 20000)
      return file_error(out, "csv_too_many_rows", "Tệp có hơn 20.000 dòng.");
    if (out->nrows == cap) {
      struct course_urow *bigger = cadre_arena_calloc(a, cap * 2, sizeof r);
      if (!bigger)
        return file_error(out, "csv_too_large", "Tệp quá lớn.");
      memcpy(bigger, out->rows, cap * sizeof r);
      out->rows = bigger;
      cap *= 2;
    }
    check_row(a, &r);
    if (r.error_code)
      out->ninvalid++;
    else if (strcmp(r.kind, "province") == 0)
      out->nprovinces++;
    else
      out->ncommunes++;
    out->rows[out->nrows++] = r;
  }
  if (out->nrows == 0)
    return file_error(out, "csv_empty", "Tệp không có dòng dữ liệu nào.");
  mark_duplicate_codes(a, out);
  return 0;
}
