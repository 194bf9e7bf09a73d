/*
 * Report exports: one set of rows as CSV (UTF-8 with BOM, so Excel opens
 * Vietnamese text correctly), XLSX (libxlsxwriter, with a title row, bold
 * frozen headers and real dates/numbers), PDF to print and sign
 * (export_pdf.c) or JSON.
 */
#include "cadre/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cadre/date.h"
#include "export_internal.h"
#include "log.h"
#include "request_internal.h"

const char *const cadre_export_formats[] = {"json", "csv", "xlsx", "pdf", NULL};

bool cadre_export_date_of(const char *s, cadre_date *d) {
  if (!s || strlen(s) < 10)
    return false;
  char day[11];
  memcpy(day, s, 10);
  day[10] = '\0';
  return cadre_date_parse(day, d);
}

const char *cadre_export_when(cadre_req *req, const char *s, bool with_time) {
  cadre_date d;
  if (!cadre_export_date_of(s, &d))
    return s;
  char vn[11];
  cadre_date_vn(d, vn);
  return with_time && strlen(s) >= 16 ? cadre_printf(req, "%s %.5s", vn, s + 11)
                                      : cadre_printf(req, "%s", vn);
}

/* The cell text of a value as people read it: dates dd/mm/yyyy. */
const char *cadre_export_cell_text(cadre_req *req, json_t *v, enum cadre_coltype t) {
  if (!v || json_is_null(v))
    return "";
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    return t == CC_DATE || t == CC_DATETIME ? cadre_export_when(req, s, t == CC_DATETIME) : s;
  }
  if (json_is_integer(v))
    return cadre_printf(req, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  if (json_is_real(v))
    return cadre_printf(req, "%g", json_real_value(v));
  if (json_is_true(v))
    return "Có";
  if (json_is_false(v))
    return "Không";
  const char *s = cadre_json_text(req, v);
  return s ? s : "";
}

static int reply_csv(cadre_req *req, const char *filename, const struct cadre_column *cols, size_t ncols,
                     json_t *rows) {
  cadre_buf b;
  cadre_buf_init(&b, req->arena);
  cadre_buf_puts(&b, "\xEF\xBB\xBF");
  for (size_t c = 0; c < ncols; c++) {
    if (c)
      cadre_buf_putc(&b, ',');
    cadre_csv_put(&b, cols[c].header, ',');
  }
  cadre_buf_puts(&b, "\r\n");
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    for (size_t c = 0; c < ncols; c++) {
      if (c)
        cadre_buf_putc(&b, ',');
      cadre_csv_put(&b, cadre_export_cell_text(req, json_object_get(row, cols[c].key), cols[c].type), ',');
    }
    cadre_buf_puts(&b, "\r\n");
  }
  if (b.failed)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp xuất dữ liệu.");
  return cadre_reply_bytes(req, 200, "text/csv; charset=utf-8", b.data, b.len,
                           cadre_printf(req, "%s.csv", filename));
}

static void write_cell(cadre_req *req, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, json_t *v,
                       enum cadre_coltype t, lxw_format *datefmt) {
  if (!v || json_is_null(v))
    return;
  if ((t == CC_INT || t == CC_NUM) && json_is_number(v)) {
    worksheet_write_number(ws, r, c, json_number_value(v), NULL);
    return;
  }
  if (t == CC_DATE && json_is_string(v)) {
    cadre_date d;
    if (cadre_date_parse(json_string_value(v), &d)) {
      lxw_datetime dt = {.year = d.y, .month = d.m, .day = d.d};
      worksheet_write_datetime(ws, r, c, &dt, datefmt);
      return;
    }
  }
  worksheet_write_string(ws, r, c, cadre_export_cell_text(req, v, t), NULL);
}

static int reply_xlsx(cadre_req *req, const char *filename, const char *title,
                      const struct cadre_column *cols, size_t ncols, json_t *rows) {
  char path[] = "/tmp/cadre-export-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp xuất dữ liệu.");
  close(fd);
  lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
  lxw_workbook *wb = workbook_new_opt(path, &opts);
  if (!wb) {
    unlink(path);
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp xuất dữ liệu.");
  }
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Dữ liệu");
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format *titlefmt = workbook_add_format(wb);
  format_set_bold(titlefmt);
  format_set_font_size(titlefmt, 14);
  lxw_format *datefmt = workbook_add_format(wb);
  format_set_num_format(datefmt, "dd/mm/yyyy");
  lxw_row_t r = 0;
  if (title) {
    worksheet_write_string(ws, r++, 0, title, titlefmt);
    r++;
  }
  for (size_t c = 0; c < ncols; c++) {
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width ? cols[c].width : 18, NULL);
    worksheet_write_string(ws, r, (lxw_col_t)c, cols[c].header, bold);
  }
  worksheet_freeze_panes(ws, r + 1, 0);
  r++;
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    for (size_t c = 0; c < ncols; c++)
      write_cell(req, ws, r, (lxw_col_t)c, json_object_get(row, cols[c].key), cols[c].type, datefmt);
    r++;
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    cadre_log(req, "error", "xlsx export: %s", lxw_strerror(err));
    unlink(path);
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp Excel.");
  }
  FILE *f = fopen(path, "rb");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0) {
    if (f)
      fclose(f);
    unlink(path);
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp Excel.");
  }
  unsigned char *data = cadre_arena_alloc(req->arena, (size_t)st.st_size + 1);
  size_t got = data ? fread(data, 1, (size_t)st.st_size, f) : 0;
  fclose(f);
  unlink(path);
  if (got != (size_t)st.st_size)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp Excel.");
  return cadre_reply_bytes(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           data, got, cadre_printf(req, "%s.xlsx", filename));
}

int cadre_reply_table(cadre_req *req, const char *format, const char *filename, const char *title,
                      const struct cadre_column *cols, size_t ncols, json_t *rows) {
  if (!format || strcmp(format, "json") == 0)
    return cadre_reply_json(req, 200, rows);
  if (strcmp(format, "csv") == 0)
    return reply_csv(req, filename, cols, ncols, rows);
  if (strcmp(format, "xlsx") == 0)
    return reply_xlsx(req, filename, title, cols, ncols, rows);
  if (strcmp(format, "pdf") == 0)
    return cadre_export_pdf(req, filename, title, cols, ncols, rows);
  return cadre_fail(req, 400, "bad_format",
                    "Định dạng xuất không được hỗ trợ (chọn csv, xlsx, pdf hoặc json).");
}

int cadre_reply_list(cadre_req *req, const char *filename, const char *title, const struct cadre_column *cols,
                     size_t ncols, json_t *rows, json_t *extra) {
  const char *format = cadre_str(req, "format");
  if (format && strcmp(format, "json") != 0)
    return cadre_reply_table(req, format, filename, title, cols, ncols, rows);
  json_t *body = cadre_json_obj(req);
  if (!body || json_object_set(body, "items", rows) != 0 ||
      json_object_set_new(body, "total", json_integer((json_int_t)json_array_size(rows))) != 0 ||
      (extra && json_object_update(body, extra) != 0))
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  return cadre_reply_json(req, 200, body);
}
