/*
 * The two ways in to the importer: `cadre-admin tasks import FILE` and the
 * upload form (POST /api/tasks/import). Both run tasks_import_run(), so the
 * file is read, checked and written the same way.
 */
#include "tasks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE (20L * 1024 * 1024)

/* The caller's organisation: a department acts for its parent (the
 * Commission, the Academy), anything else for itself. */
static int64_t default_owner(cadre_req *req) {
  int64_t id = 0;
  if (cadre_db_int(req, &id,
                   "SELECT IF(a.kind = 'department' AND a.parent_id IS NOT NULL,"
                   " a.parent_id, a.id) FROM agency a WHERE a.id = ?",
                   CV_ARGS(CV_INT(cadre_user_agency(req)))) < 0)
    return -1;
  return id;
}

int tasks_h_import(cadre_req *req) {
  const cadre_upload *up = cadre_file(req, "file");
  tasks_import_opts opts = {
      .filename = up->filename,
      .code = cadre_str(req, "code"),
      .title = cadre_str(req, "title"),
      .report_period = cadre_str(req, "report_period"),
      .starts_on = cadre_str(req, "starts_on"),
      .dry_run = cadre_bool(req, "dry_run", false),
  };
  if (cadre_has(req, "owner")) {
    opts.owner_agency_id = cadre_int(req, "owner", 0);
    opts.owner_explicit = true;
    int rc = cadre_require_scope(req, opts.owner_agency_id);
    if (rc)
      return rc;
  } else {
    opts.owner_agency_id = default_owner(req);
    if (opts.owner_agency_id < 0)
      return cadre_db_fail(req);
  }
  int admin = tasks_programme_admin(req, opts.owner_agency_id);
  if (admin < 0)
    return cadre_db_fail(req);
  if (!admin)
    return cadre_fail(req, 403, "not_programme_admin",
                      "Chỉ quản trị của đơn vị chủ quản mới được nhập chương trình cho "
                      "đơn vị đó.");
  int status = 0;
  json_t *report = tasks_import_run(req, up->data, up->size, &opts, &status);
  if (!report)
    return status;
  if (status == 422) {
    json_t *errors = json_object_get(report, "errors");
    json_t *body = json_pack("{s:s, s:s, s:O}", "error", "import_invalid", "message",
                             cadre_printf(req,
                                          "Tệp có %zu lỗi nên chưa nhập gì; xem danh sách lỗi theo dòng, sửa "
                                          "tệp rồi nhập lại.",
                                          json_array_size(errors)),
                             "report", report);
    cadre_keep(req, body);
    return cadre_reply_json(req, 422, body);
  }
  if (status)
    return status;
  return cadre_reply_json(req, 200, report);
}

/* ---- CLI ----------------------------------------------------------------- */

static char *slurp(cadre_req *ctx, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(ctx));
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= (size_t)MAX_FILE)
    cadre_buf_append(&b, chunk, n);
  bool err = ferror(f);
  fclose(f);
  if (err || b.failed || b.len > (size_t)MAX_FILE) {
    errno = err ? EIO : EFBIG;
    return NULL;
  }
  *len = b.len;
  return b.data ? b.data : cadre_arena_strdup(cadre_arena_of(ctx), "");
}

static int64_t agency_by_code(cadre_req *ctx, const char *code) {
  int64_t id = 0;
  int rc = cadre_db_int(ctx, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code)));
  return rc == 1 ? id : rc == 0 ? 0 : -1;
}

int tasks_run_import_file(cadre_req *ctx, const char *path, tasks_import_opts *opts, const char *owner_code) {
  if (owner_code) {
    opts->owner_agency_id = agency_by_code(ctx, owner_code);
    if (opts->owner_agency_id <= 0) {
      fprintf(stderr, "Không có đơn vị mã %s.\n", owner_code);
      return 2;
    }
    opts->owner_explicit = true;
  } else if (!opts->owner_agency_id) {
    /* no owner named: the root, until an admin moves it */
    if (cadre_db_int(ctx, &opts->owner_agency_id,
                     "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1", CV_NONE) != 1) {
      fprintf(stderr, "Chưa có đơn vị gốc trong cơ sở dữ liệu (đã chạy migrate chưa?).\n");
      return 3;
    }
  }
  size_t len = 0;
  char *data = slurp(ctx, path, &len);
  if (!data) {
    fprintf(stderr, "Không đọc được tệp %s: %s\n", path, strerror(errno));
    return 2;
  }
  const char *slash = strrchr(path, '/');
  opts->filename = slash ? slash + 1 : path;
  int status = 0;
  json_t *report = tasks_import_run(ctx, (const unsigned char *)data, len, opts, &status);
  if (report)
    tasks_report_print(report, stdout);
  if (status == 422) {
    fprintf(stderr, "Tệp có lỗi (xem trên): chưa nhập gì.\n");
    return 1;
  }
  if (status) {
    fprintf(stderr, "Nhập không thành công (mã %d): không có gì được ghi.\n", status);
    return 3;
  }
  return 0;
}

int tasks_cmd_import(cadre_req *ctx, int argc, char **argv) {
  tasks_import_opts opts = {0};
  const char *path = NULL, *owner = NULL;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--dry-run") == 0) {
      opts.dry_run = true;
    } else if ((strcmp(a, "--code") == 0 || strcmp(a, "--owner") == 0 || strcmp(a, "--title") == 0 ||
                strcmp(a, "--period") == 0 || strcmp(a, "--starts") == 0) &&
               i + 1 < argc) {
      const char *v = argv[++i];
      if (strcmp(a, "--code") == 0)
        opts.code = v;
      else if (strcmp(a, "--owner") == 0)
        owner = v;
      else if (strcmp(a, "--title") == 0)
        opts.title = v;
      else if (strcmp(a, "--period") == 0)
        opts.report_period = v;
      else
        opts.starts_on = v;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "Không hiểu tùy chọn %s.\n", a);
      return 2;
    } else if (i == 0 && strcmp(a, "import") == 0) {
      continue; /* the verb itself, when the host passes it */
    } else if (!path) {
      path = a;
    } else {
      fprintf(stderr, "Thừa tham số %s.\n", a);
      return 2;
    }
  }
  if (!path) {
    fprintf(stderr, "Cách dùng: cadre-admin tasks import FILE [--dry-run] [--code CODE] "
                    "[--owner AGENCY_CODE] [--title TEXT] [--period quarter] "
                    "[--starts YYYY-MM-DD]\n");
    return 2;
  }
  cadre_date start;
  if (opts.starts_on && !cadre_date_parse(opts.starts_on, &start)) {
    fprintf(stderr, "Ngày bắt đầu theo dõi “%s” không hợp lệ (cần YYYY-MM-DD).\n", opts.starts_on);
    return 2;
  }
  enum tasks_period p;
  if (opts.report_period && !tasks_period_from_code(opts.report_period, &p)) {
    fprintf(stderr, "Kỳ báo cáo phải là month, quarter, half hoặc year.\n");
    return 2;
  }
  return tasks_run_import_file(ctx, path, &opts, owner);
}
