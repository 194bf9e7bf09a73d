/*
 * Importing a catalogue of criteria from CSV (the upload form and
 * `cadre-admin accreditation import-criteria`): every row is checked first,
 * then all are written in one transaction, or none. Rows are matched to
 * existing criteria by code, so exporting, editing and re-importing works.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accreditation.h"

#define MAX_ROWS 5000

struct parsed {
  struct accr_criterion_row row;
  long line;
  bool exists;
};

static void add_message(cadre_req *req, struct accr_import_report *rep, long line, int column,
                        const char *msg) {
  json_t *m = json_object();
  json_object_set_new(m, "line", json_integer(line));
  if (column >= 0 && column < ACCR_C_COUNT)
    json_object_set_new(m, "column", json_string(accr_csv_headers[column]));
  json_object_set_new(m, "message", json_string(msg));
  json_array_append_new(rep->messages, m);
  rep->errors++;
  (void)req;
}

/* Kind of a code: from this file's earlier rows, else from the version. */
static bool kind_of(json_t *file_kinds, json_t *db_kinds, const char *code, enum accr_kind *out) {
  json_t *k = json_object_get(file_kinds, code);
  if (!k)
    k = json_object_get(db_kinds, code);
  return k && accr_kind_parse(json_string_value(k), out);
}

/* Pass 1: parse and check every row; nothing is written. */
static int check_rows(cadre_req *req, int64_t version_id, const char *data, size_t len, struct parsed **out,
                      int *count, struct accr_import_report *rep) {
  cadre_arena *a = cadre_arena_of(req);
  json_t *existing = cadre_db_rows(req,
                                   "SELECT code, kind FROM accreditation_criterion"
                                   " WHERE version_id = ?",
                                   CV_ARGS(CV_INT(version_id)));
  if (!existing)
    return cadre_db_fail(req);
  json_t *db_kinds = cadre_json_obj(req), *file_kinds = cadre_json_obj(req);
  size_t i;
  json_t *e;
  json_array_foreach(existing, i, e)
      json_object_set(db_kinds, cadre_jstr(e, "code"), json_object_get(e, "kind"));

  if (!cadre_utf8_valid(data, len)) {
    add_message(req, rep, 0, -1, "Tệp không phải văn bản UTF-8 (hãy lưu dạng CSV UTF-8).");
    return 0;
  }
  cadre_csv r;
  cadre_csv_init(&r, data, len, 0);
  char *fields[ACCR_C_COUNT + 8];
  int n = cadre_csv_next(&r, a, fields, ACCR_C_COUNT + 8);
  int bad = n > 0 ? accr_csv_header_check(a, fields, n) : 1;
  if (bad) {
    add_message(req, rep, 1, bad - 1,
                cadre_printf(req, "Dòng tiêu đề không đúng mẫu ở cột %d (cần: %s).", bad,
                             accr_csv_headers[bad - 1 < ACCR_C_COUNT ? bad - 1 : 0]));
    return 0;
  }
  struct parsed *rows = cadre_arena_calloc(a, MAX_ROWS, sizeof(*rows));
  int k = 0;
  while ((n = cadre_csv_next(&r, a, fields, ACCR_C_COUNT + 8)) != 0) {
    long line = r.line;
    if (n < 0) {
      add_message(req, rep, line, -1, n == -1 ? "Dấu ngoặc kép không được đóng." : "Dòng có quá nhiều cột.");
      if (n == -1)
        break;
      continue;
    }
    if (n == 1 && fields[0][0] == '\0')
      continue; /* blank line */
    if (k >= MAX_ROWS) {
      add_message(req, rep, line, -1, "Tệp có quá nhiều dòng (tối đa 5000).");
      break;
    }
    rep->rows++;
    struct parsed *p = &rows[k];
    int column = -1;
    const char *err = accr_criterion_row_parse(a, fields, n, &p->row, &column);
    if (err) {
      add_message(req, rep, line, column, err);
      continue;
    }
    p->line = line;
    if (json_object_get(file_kinds, p->row.code)) {
      add_message(req, rep, line, ACCR_C_CODE, cadre_printf(req, "Mã “%s” lặp lại trong tệp.", p->row.code));
      continue;
    }
    if (p->row.parent_code) {
      enum accr_kind pk;
      if (!kind_of(file_kinds, db_kinds, p->row.parent_code, &pk)) {
        add_message(req, rep, line, ACCR_C_PARENT,
                    cadre_printf(req,
                                 "Mã cấp trên “%s” chưa có (phải đứng trước trong tệp "
                                 "hoặc đã có trong phiên bản).",
                                 p->row.parent_code));
        continue;
      }
      if (!accr_kind_may_parent(pk, p->row.kind)) {
        add_message(req, rep, line, ACCR_C_KIND,
                    "Tiêu chí phải nằm dưới tiêu chuẩn, chỉ báo phải nằm dưới tiêu chí.");
        continue;
      }
    }
    if (p->row.seq == 0)
      p->row.seq = (int)line; /* keep the file's order */
    p->exists = json_object_get(db_kinds, p->row.code) != NULL;
    if (p->exists)
      rep->updated++;
    else
      rep->created++;
    json_object_set_new(file_kinds, p->row.code, json_string(accr_kind_code(p->row.kind)));
    k++;
  }
  *out = rows;
  *count = k;
  return 0;
}

static cadre_val opt_num(bool has, double v) { return has ? CV_DBL(v) : CV_NULL; }

static int write_row(cadre_req *req, int64_t version_id, const struct accr_criterion_row *c) {
  const struct accr_staff_rule *s = &c->staff_rule;
  bool rule = c->has_staff_rule;
  /* The parent is looked up by code in the same version; a group has none. */
  return cadre_db_exec(req,
                       "INSERT INTO accreditation_criterion (version_id, parent_id, kind, code, seq, title,"
                       " levels, max_score, weight, mandatory, guidance, expected_evidence, staff_role,"
                       " staff_qualification, staff_min_count, staff_min_percent)"
                       " VALUES (?, (SELECT p.id FROM accreditation_criterion p WHERE p.version_id = ?"
                       " AND p.code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), kind = VALUES(kind),"
                       " seq = VALUES(seq), title = VALUES(title), levels = VALUES(levels),"
                       " max_score = VALUES(max_score), weight = VALUES(weight),"
                       " mandatory = VALUES(mandatory), guidance = VALUES(guidance),"
                       " expected_evidence = VALUES(expected_evidence), staff_role = VALUES(staff_role),"
                       " staff_qualification = VALUES(staff_qualification),"
                       " staff_min_count = VALUES(staff_min_count),"
                       " staff_min_percent = VALUES(staff_min_percent)",
                       CV_ARGS(CV_INT(version_id), CV_INT(version_id), CV_STR(c->parent_code),
                               CV_STR(accr_kind_code(c->kind)), CV_STR(c->code), CV_INT(c->seq),
                               CV_STR(c->title), CV_INT(c->levels), opt_num(c->has_max, c->max_score),
                               opt_num(c->has_weight, c->weight), CV_INT(c->mandatory), CV_STR(c->guidance),
                               CV_STR(c->evidence), rule ? CV_STR(accr_rule_role_code(s->role)) : CV_NULL,
                               rule ? CV_STR(accr_qual_code(s->qual)) : CV_NULL,
                               rule && s->min_count >= 0 ? CV_INT(s->min_count) : CV_NULL,
                               rule && s->min_percent >= 0 ? CV_DBL(s->min_percent) : CV_NULL)) < 0
             ? -1
             : 0;
}

struct import_ctx {
  int64_t version_id;
  const char *data;
  size_t len;
  bool dry_run;
  struct accr_import_report *rep;
};

static int import_tx(cadre_req *req, void *arg) {
  struct import_ctx *ctx = arg;
  struct accr_import_report *rep = ctx->rep;
  /* A retried transaction starts its report afresh. */
  rep->rows = rep->created = rep->updated = rep->errors = 0;
  json_array_clear(rep->messages);
  const char *status = cadre_db_str(req,
                                    "SELECT status FROM accreditation_version WHERE id = ?"
                                    " FOR UPDATE",
                                    CV_ARGS(CV_INT(ctx->version_id)));
  if (!status)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy phiên bản.");
  if (strcmp(status, "retired") == 0)
    return cadre_fail(req, 409, "version_retired",
                      "Phiên bản tiêu chuẩn đã hết hiệu lực, không nhập được bộ tiêu chí.");
  struct parsed *rows = NULL;
  int count = 0;
  int rc = check_rows(req, ctx->version_id, ctx->data, ctx->len, &rows, &count, rep);
  if (rc)
    return rc;
  if (rep->errors || ctx->dry_run)
    return 422; /* roll back: nothing to keep (the caller tells which case) */
  json_t *codes = cadre_json_arr(req);
  for (int i = 0; i < count; i++) {
    if (write_row(req, ctx->version_id, &rows[i].row) < 0)
      return accr_db_refused(req, NULL, NULL);
    json_array_append_new(codes, json_string(rows[i].row.code));
  }
  json_t *after = cadre_json_obj(req);
  json_object_set_new(after, "rows", json_integer(rep->rows));
  json_object_set_new(after, "created", json_integer(rep->created));
  json_object_set_new(after, "updated", json_integer(rep->updated));
  json_object_set(after, "codes", codes);
  if (accr_audit(req, "version", ctx->version_id, "import", NULL, after))
    return cadre_db_fail(req);
  return 0;
}

int accr_import_csv(cadre_req *req, int64_t version_id, const char *data, size_t len, bool dry_run,
                    struct accr_import_report *report) {
  memset(report, 0, sizeof(*report));
  report->messages = cadre_json_arr(req);
  struct import_ctx ctx = {version_id, data, len, dry_run, report};
  int rc = cadre_tx(req, import_tx, &ctx);
  if (rc == 422 && !report->errors && dry_run)
    return 0; /* a clean dry run */
  return rc;
}

static json_t *report_json(cadre_req *req, const struct accr_import_report *rep, bool dry_run) {
  json_t *o = cadre_json_obj(req);
  json_object_set_new(o, "dry_run", json_boolean(dry_run));
  json_object_set_new(o, "rows", json_integer(rep->rows));
  json_object_set_new(o, "created", json_integer(rep->created));
  json_object_set_new(o, "updated", json_integer(rep->updated));
  json_object_set_new(o, "errors", json_integer(rep->errors));
  json_object_set(o, "messages", rep->messages);
  return o;
}

int accr_catalogue_import(cadre_req *req) {
  const cadre_upload *up = cadre_file(req, "file");
  bool dry_run = cadre_bool(req, "dry_run", false);
  struct accr_import_report rep;
  int rc = accr_import_csv(req, cadre_int(req, "id", 0), (const char *)up->data, up->size, dry_run, &rep);
  json_t *body = report_json(req, &rep, dry_run);
  if (rc == 422 && rep.errors)
    return cadre_fail_with(req, 422, "import_invalid", body, "Tệp có %d lỗi; chưa nhập dòng nào.",
                           rep.errors);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200, body);
}

int accr_catalogue_template(cadre_req *req) {
  /* The sample catalogue doubles as the import template. */
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(req));
  cadre_buf_puts(&b, "\xEF\xBB\xBF");
  cadre_buf_puts(&b, accr_sample_catalogue_396);
  return cadre_reply_bytes(req, 200, "text/csv; charset=utf-8", b.data, b.len, "mau-bo-tieu-chi.csv");
}

/* ---- cadre-admin accreditation import-criteria VERSION_CODE FILE [--dry-run] */

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      cap = cap ? cap * 2 : 131072;
      char *bigger = realloc(buf, cap);
      if (!bigger) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = bigger;
    }
    size_t got = fread(buf + n, 1, 65536, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

char *accr_slurp(const char *path, size_t *len) { return slurp(path, len); }

static void print_report(const struct accr_import_report *rep) {
  printf("Dòng: %d, thêm mới: %d, cập nhật: %d, lỗi: %d\n", rep->rows, rep->created, rep->updated,
         rep->errors);
  size_t i;
  json_t *m;
  json_array_foreach(rep->messages, i, m) {
    const char *col = cadre_jstr(m, "column");
    fprintf(stderr, "dòng %lld%s%s: %s\n", (long long)cadre_jint(m, "line", 0), col ? ", cột " : "",
            col ? col : "", cadre_jstr(m, "message"));
  }
}

int accr_cmd_import_criteria(cadre_req *ctx, int argc, char **argv) {
  /* argv[0] is the verb itself */
  argc--, argv++;
  const char *code = NULL, *path = NULL;
  bool dry_run = false;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--dry-run") == 0)
      dry_run = true;
    else if (!code)
      code = argv[i];
    else if (!path)
      path = argv[i];
  }
  if (!code || !path) {
    fprintf(stderr, "cách dùng: import-criteria MÃ_PHIÊN_BẢN TỆP.csv [--dry-run]\n");
    return 2;
  }
  int64_t version_id = 0;
  if (cadre_db_int(ctx, &version_id, "SELECT id FROM accreditation_version WHERE code = ?",
                   CV_ARGS(CV_STR(code))) != 1) {
    fprintf(stderr, "Không tìm thấy phiên bản tiêu chuẩn “%s”.\n", code);
    return 1;
  }
  size_t len = 0;
  char *data = slurp(path, &len);
  if (!data) {
    fprintf(stderr, "Không đọc được tệp %s.\n", path);
    return 1;
  }
  struct accr_import_report rep;
  int rc = accr_import_csv(ctx, version_id, data, len, dry_run, &rep);
  free(data);
  print_report(&rep);
  if (rc)
    return 1;
  printf(dry_run ? "Kiểm tra xong, chưa ghi gì (--dry-run).\n" : "Đã nhập bộ tiêu chí.\n");
  return 0;
}
