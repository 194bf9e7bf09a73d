/* An organiser's participant list as a CSV file: header mapping, per-row
 * validation and duplicates within the file. Nothing here touches the
 * database; import.c compares the valid rows with existing registrations.
 *
 * Files come from Excel in a Vietnamese locale (';' separator, BOM or not),
 * from LibreOffice and from Google Sheets, with columns named in Vietnamese
 * with or without diacritics; the header is matched accent-insensitively. */
#include "course.h"

#include <string.h>

enum pcol { C_NAME, C_CCCD, C_PHONE, C_EMAIL, C_POSITION, C_UNIT, C_CATEGORY, C_COUNT };

struct alias {
  const char *folded;
  enum pcol col;
};

static const struct alias ALIASES[] = {
    {"ho va ten", C_NAME},
    {"ho ten", C_NAME},
    {"full_name", C_NAME},
    {"ten", C_NAME},
    {"cccd", C_CCCD},
    {"so cccd", C_CCCD},
    {"can cuoc cong dan", C_CCCD},
    {"so can cuoc cong dan", C_CCCD},
    {"so can cuoc", C_CCCD},
    {"so dinh danh", C_CCCD},
    {"so dinh danh ca nhan", C_CCCD},
    {"citizen_id", C_CCCD},
    {"cccd/cmnd", C_CCCD},
    {"dien thoai", C_PHONE},
    {"so dien thoai", C_PHONE},
    {"sdt", C_PHONE},
    {"phone", C_PHONE},
    {"email", C_EMAIL},
    {"thu dien tu", C_EMAIL},
    {"e-mail", C_EMAIL},
    {"chuc vu", C_POSITION},
    {"position", C_POSITION},
    {"don vi", C_UNIT},
    {"don vi cong tac", C_UNIT},
    {"co quan", C_UNIT},
    {"noi cong tac", C_UNIT},
    {"unit", C_UNIT},
    {"unit_name", C_UNIT},
    {"doi tuong", C_CATEGORY},
    {"loai doi tuong", C_CATEGORY},
    {"nhom doi tuong", C_CATEGORY},
    {"category", C_CATEGORY},
};

static const char *const COL_LABEL[C_COUNT] = {
    "Họ và tên", "Số CCCD", "Số điện thoại", "Thư điện tử", "Chức vụ", "Đơn vị", "Đối tượng",
};

#define MAX_COLS 64

static int column_of(cadre_arena *a, const char *header) {
  char *f = cadre_fold(a, header);
  if (!f)
    return -1;
  /* "Số CCCD (12 số)" → "so cccd": drop a trailing remark in brackets. */
  char *paren = strchr(f, '(');
  if (paren) {
    *paren = '\0';
    f = cadre_tidy(a, f);
  }
  for (size_t i = 0; i < sizeof ALIASES / sizeof *ALIASES; i++)
    if (strcmp(f, ALIASES[i].folded) == 0)
      return (int)ALIASES[i].col;
  return -1;
}

static int file_error(struct course_pfile *out, const char *code, const char *msg) {
  out->error_code = code;
  out->error_message = msg;
  return -1;
}

/* Adds "problem" to the row's list of problems (the first code wins). */
static void row_problem(cadre_arena *a, struct course_prow *r, const char *code, const char *msg) {
  if (!r->error_code) {
    r->error_code = code;
    r->error_message = msg;
  } else {
    r->error_message = cadre_arena_printf(a, "%s %s", r->error_message, msg);
  }
}

static const char *cell(cadre_arena *a, char **fields, int n, int idx) {
  if (idx < 0 || idx >= n || !fields[idx])
    return NULL;
  char *t = cadre_tidy(a, fields[idx]);
  return t && *t ? t : NULL;
}

static void validate_row(cadre_arena *a, struct course_prow *r) {
  const char *msg;
  if (!r->full_name)
    row_problem(a, r, "name_required", "Chưa nhập họ và tên.");
  else if (!course_line_ok(r->full_name, 2, 200))
    row_problem(a, r, "name_invalid",
                "Họ và tên phải từ 2 đến 200 ký tự và không chứa ký tự điều "
                "khiển.");
  const char *cccd;
  const char *code = course_norm_cccd(a, r->cccd, &cccd, &msg);
  if (code)
    row_problem(a, r, code, msg);
  else
    r->cccd = cccd;
  const char *phone;
  code = course_norm_phone(a, r->phone, &phone, &msg);
  if (code)
    row_problem(a, r, code, msg);
  else
    r->phone = phone;
  const char *email;
  code = course_norm_email(a, r->email, &email, &msg);
  if (code)
    row_problem(a, r, code, msg);
  else
    r->email = email;
  if (r->position && !course_line_ok(r->position, 1, 200))
    row_problem(a, r, "position_invalid", "Chức vụ quá dài hoặc chứa ký tự không hợp lệ.");
  if (r->unit_name && !course_line_ok(r->unit_name, 1, 255))
    row_problem(a, r, "unit_invalid", "Đơn vị quá dài hoặc chứa ký tự không hợp lệ.");
  const char *cat = course_category_parse(a, r->category);
  if (!cat)
    row_problem(a, r, "category_invalid",
                "Đối tượng không hợp lệ (Cán bộ lãnh đạo, quản lý cấp xã; "
                "Giảng viên trường chính trị; Khác).");
  else
    r->category = cat;
}

/* Marks rows whose citizen ID already appeared on an earlier row. A small
 * open-addressing table keeps this linear for the largest allowed file. */
static void mark_duplicates(cadre_arena *a, struct course_pfile *out) {
  size_t cap = 16;
  while (cap < out->nrows * 2)
    cap <<= 1;
  struct course_prow **slots = cadre_arena_calloc(a, cap, sizeof *slots);
  if (!slots)
    return;
  for (size_t i = 0; i < out->nrows; i++) {
    struct course_prow *r = &out->rows[i];
    if (!r->cccd || strlen(r->cccd) != 12 || (r->error_code && strncmp(r->error_code, "cccd", 4) == 0))
      continue;
    size_t h = 5381;
    for (const char *p = r->cccd; *p; p++)
      h = h * 33 + (unsigned char)*p;
    for (size_t k = h & (cap - 1);; k = (k + 1) & (cap - 1)) {
      if (!slots[k]) {
        slots[k] = r;
        break;
      }
      if (strcmp(slots[k]->cccd, r->cccd) == 0) {
        r->dup_of_line = slots[k]->line;
        bool was_valid = r->error_code == NULL;
        row_problem(a, r, "duplicate_in_file",
                    cadre_arena_printf(a, "Trùng số CCCD với dòng %ld của tệp.", slots[k]->line));
        if (was_valid)
          out->ninvalid++;
        out->nduplicates++;
        break;
      }
    }
  }
}

int course_parse_participants(cadre_arena *a, const char *data, size_t len, struct course_pfile *out) {
  memset(out, 0, sizeof *out);
  if (!data || len == 0)
    return file_error(out, "csv_empty", "Tệp rỗng.");
  if (!cadre_utf8_valid(data, len))
    return file_error(out, "csv_encoding",
                      "Tệp không phải văn bản UTF-8. Trong Excel hãy chọn "
                      "Lưu thành \"CSV UTF-8 (phân cách bằng dấu phẩy)\".");
  cadre_csv csv;
  cadre_csv_init(&csv, data, len, 0);
  char *fields[MAX_COLS];
  int n = cadre_csv_next(&csv, a, fields, MAX_COLS);
  if (n <= 0)
    return file_error(out, n < 0 ? "csv_malformed" : "csv_empty",
                      n < 0 ? "Dòng tiêu đề của tệp không đọc được." : "Tệp rỗng.");
  int map[C_COUNT];
  for (int c = 0; c < C_COUNT; c++)
    map[c] = -1;
  for (int i = 0; i < n; i++) {
    int c = column_of(a, fields[i]);
    if (c >= 0 && map[c] < 0)
      map[c] = i;
  }
  const enum pcol required[] = {C_NAME, C_CCCD, C_PHONE};
  cadre_buf missing;
  cadre_buf_init(&missing, a);
  for (size_t k = 0; k < sizeof required / sizeof *required; k++)
    if (map[required[k]] < 0)
      cadre_buf_printf(&missing, "%s%s", missing.len ? ", " : "", COL_LABEL[required[k]]);
  if (missing.len)
    return file_error(out, "csv_missing_columns",
                      cadre_arena_printf(a,
                                         "Tệp thiếu cột bắt buộc: %s. Dòng đầu "
                                         "tiên phải là tiêu đề cột.",
                                         missing.data));

  size_t cap = 64;
  out->rows = cadre_arena_calloc(a, cap, sizeof *out->rows);
  for (;;) {
    n = cadre_csv_next(&csv, a, fields, MAX_COLS);
    if (n == 0)
      break;
    if (n < 0)
      return file_error(out, "csv_malformed",
                        cadre_arena_printf(a,
                                           n == -1 ? "Dòng %ld: dấu ngoặc kép "
                                                     "không được đóng."
                                                   : "Dòng %ld có quá nhiều cột.",
                                           csv.line));
    bool empty = true;
    for (int i = 0; i < n && empty; i++)
      if (fields[i] && cadre_tidy(a, fields[i])[0])
        empty = false;
    if (empty)
      continue; /* blank lines at the end of spreadsheets */
    if (out->nrows == COURSE_CSV_MAX_ROWS)
      return file_error(out, "csv_too_many_rows",
                        cadre_arena_printf(a,
                                           "Tệp có hơn %d dòng; hãy chia nhỏ "
                                           "tệp.",
                                           COURSE_CSV_MAX_ROWS));
    if (out->nrows == cap) {
      struct course_prow *bigger = cadre_arena_calloc(a, cap * 2, sizeof *bigger);
      if (!bigger)
        return file_error(out, "csv_too_large", "Tệp quá lớn.");
      memcpy(bigger, out->rows, cap * sizeof *bigger);
      out->rows = bigger;
      cap *= 2;
    }
    struct course_prow *r = &out->rows[out->nrows++];
    r->line = csv.line;
    r->full_name = cell(a, fields, n, map[C_NAME]);
    r->cccd = cell(a, fields, n, map[C_CCCD]);
    r->phone = cell(a, fields, n, map[C_PHONE]);
    r->email = cell(a, fields, n, map[C_EMAIL]);
    r->position = cell(a, fields, n, map[C_POSITION]);
    r->unit_name = cell(a, fields, n, map[C_UNIT]);
    r->category = cell(a, fields, n, map[C_CATEGORY]);
    validate_row(a, r);
    if (r->error_code)
      out->ninvalid++;
  }
  if (out->nrows == 0)
    return file_error(out, "csv_empty", "Tệp không có dòng dữ liệu nào.");
  mark_duplicates(a, out);
  return 0;
}
