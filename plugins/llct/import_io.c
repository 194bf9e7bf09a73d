/*
 * The two ways in for a plan file: the upload form (POST /api/llct/import)
 * and `cadre-admin llct import FILE [--dry-run]`. Both parse the file as it
 * is, refuse it whole with the list of problems when it is malformed, and
 * otherwise hand it to the importer, answering with the report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"

/* 422 with the parser's problems and the partial report. */
static int refuse_file(cadre_req *req, llct_import_job *j) {
  json_t *report = cadre_keep(req, llct_report_of(&j->plan));
  json_t *extra =
      cadre_keep(req, json_pack("{s:O, s:O}", "errors", json_object_get(report, "errors"), "report", report));
  return cadre_fail_with(req, 422, "import_invalid", extra,
                         "Tệp kế hoạch có %d lỗi, chưa nhập gì. Lỗi đầu: %s", j->plan.errors.n,
                         j->plan.errors.v[0].text);
}

int llct_import_route(cadre_req *req) {
  const cadre_upload *up = cadre_file(req, "file");
  if (!up)
    return cadre_fail(req, 422, "validation_failed", "Cần chọn tệp kế hoạch.");
  llct_import_job j = {
      .req = req,
      .filename = up->filename,
      .data = (const char *)up->data,
      .len = up->size,
      .dry_run = cadre_bool(req, "dry_run", false),
      .owner_opt = cadre_int(req, "agency_id", 0),
      .school_opt = cadre_int(req, "school_id", 0),
  };
  if (llct_parse_plan(cadre_arena_of(req), j.data, j.len, &j.plan) > 0)
    return refuse_file(req, &j);
  int st = llct_import_run(&j);
  if (st)
    return st;
  return cadre_reply_json(req, (!j.dry_run && j.created.plans) ? 201 : 200, j.report);
}

/* ---- the command line ----------------------------------------------------------- */

static char *read_file(cadre_req *ctx, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "Không mở được tệp %s: %s\n", path, strerror(errno));
    return NULL;
  }
  enum { LIMIT = 8 * 1024 * 1024 };
  char *buf = cadre_arena_alloc(cadre_arena_of(ctx), LIMIT + 1);
  size_t n = buf ? fread(buf, 1, LIMIT + 1, f) : 0;
  bool failed = !buf || ferror(f);
  fclose(f);
  if (failed || n > LIMIT) {
    fprintf(stderr, "Không đọc được tệp %s (tối đa 8 MB).\n", path);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* 1046 → "1.046" */
static const char *num(cadre_req *ctx, json_t *v) {
  if (!json_is_integer(v))
    return "—";
  long long n = json_integer_value(v);
  char digits[32], out[48];
  snprintf(digits, sizeof(digits), "%lld", n < 0 ? -n : n);
  size_t len = strlen(digits), o = 0;
  if (n < 0)
    out[o++] = '-';
  for (size_t i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      out[o++] = '.';
    out[o++] = digits[i];
  }
  out[o] = '\0';
  return cadre_printf(ctx, "%s", out);
}

static json_t *at(json_t *o, const char *a, const char *b) {
  return json_object_get(json_object_get(o, a), b);
}

static void print_checks(cadre_req *ctx, json_t *checks) {
  size_t i;
  json_t *c;
  json_array_foreach(checks, i, c) {
    const char *st = cadre_jstr(c, "status");
    const char *against = cadre_jstr(c, "against");
    const char *mark = strcmp(st, "ok") == 0     ? "khớp"
                       : strcmp(st, "open") == 0 ? "chưa xác định hết, vẫn có thể khớp"
                                                 : "KHÔNG KHỚP";
    printf("    %-30s %8s / %8s %-18s %s\n", cadre_jstr(c, "title"), num(ctx, json_object_get(c, "computed")),
           num(ctx, json_object_get(c, "declared")),
           against && strcmp(against, "table_total") == 0 ? "(dòng tổng bảng)" : "(văn bản)", mark);
  }
}

static void print_tally(cadre_req *ctx, json_t *t) {
  printf("%s lớp, %s học viên (tập trung %s lớp/%s HV; không tập trung %s lớp/%s HV; chưa xác "
         "định %s lớp/%s HV)\n",
         num(ctx, json_object_get(t, "classes")), num(ctx, json_object_get(t, "learners")),
         num(ctx, at(t, "full_time", "classes")), num(ctx, at(t, "full_time", "learners")),
         num(ctx, at(t, "part_time", "classes")), num(ctx, at(t, "part_time", "learners")),
         num(ctx, at(t, "undecided", "classes")), num(ctx, at(t, "undecided", "learners")));
}

static void print_msgs(json_t *list, const char *label) {
  size_t i;
  json_t *m;
  json_array_foreach(list, i, m) printf("%s: %s\n", label, cadre_jstr(m, "message"));
}

/* "2024-02-21" → "21/02/2024" */
static const char *vn_date(cadre_req *ctx, const char *iso) {
  cadre_date d;
  if (!iso || !cadre_date_parse(iso, &d))
    return "—";
  char buf[16];
  cadre_date_vn(d, buf);
  return cadre_printf(ctx, "%s", buf);
}

static const char *ratio_title(const char *status) {
  if (status && strcmp(status, "ok") == 0)
    return "đạt";
  if (status && strcmp(status, "violated") == 0)
    return "KHÔNG ĐẠT";
  return "tùy các lớp chưa xác định hình thức";
}

static void print_report(cadre_req *ctx, json_t *r) {
  json_t *plan = json_object_get(r, "plan");
  printf("%sKế hoạch số %s ngày %s — %s — năm %lld\n",
         json_is_true(json_object_get(r, "dry_run")) ? "[CHẠY THỬ: không ghi gì] " : "",
         cadre_jstr(plan, "number"), vn_date(ctx, cadre_jstr(plan, "issued_on")), cadre_jstr(plan, "issuer"),
         (long long)cadre_jint(plan, "year", 0));
  size_t i;
  json_t *ap;
  json_array_foreach(json_object_get(r, "appendices"), i, ap) {
    printf("Phụ lục %s: %s dòng, ", num(ctx, json_object_get(ap, "appendix")),
           num(ctx, json_object_get(ap, "lines")));
    print_tally(ctx, ap);
    print_checks(ctx, json_object_get(ap, "checks"));
  }
  printf("Toàn kế hoạch: ");
  print_tally(ctx, json_object_get(r, "overall"));
  print_checks(ctx, at(r, "overall", "checks"));
  print_checks(ctx, json_object_get(r, "text_checks"));
  json_t *ratio = json_object_get(r, "ratio");
  printf("Tỷ lệ lớp tập trung/không tập trung: %s/%s, %s lớp chưa xác định (tối thiểu %s/%s): %s\n",
         num(ctx, json_object_get(ratio, "full_time")), num(ctx, json_object_get(ratio, "part_time")),
         num(ctx, json_object_get(ratio, "undecided")), num(ctx, json_object_get(ratio, "num")),
         num(ctx, json_object_get(ratio, "den")), ratio_title(cadre_jstr(ratio, "status")));
  print_msgs(json_object_get(r, "warnings"), "Cảnh báo");
  json_t *c = json_object_get(r, "created"), *e = json_object_get(r, "existing");
  printf("Tạo mới: %s kế hoạch, %s dòng, %s lớp, %s chỉ tiêu đơn vị, %s đơn vị chờ xác nhận; "
         "đã có: %s dòng, %s lớp\n",
         num(ctx, json_object_get(c, "plans")), num(ctx, json_object_get(c, "lines")),
         num(ctx, json_object_get(c, "classes")), num(ctx, json_object_get(c, "allotments")),
         num(ctx, json_object_get(c, "agencies_pending")), num(ctx, json_object_get(e, "lines")),
         num(ctx, json_object_get(e, "classes")));
  json_t *ch;
  json_array_foreach(json_object_get(r, "changed"), i, ch)
      printf("Khác dữ liệu đã có (không ghi đè): %s %s: đã có %s, tệp ghi %s\n", cadre_jstr(ch, "what"),
             cadre_jstr(ch, "key"), cadre_jstr(ch, "stored"), cadre_jstr(ch, "file"));
  printf("Đối chiếu với số liệu kế hoạch: %s\n",
         cadre_jint(r, "mismatch_count", 0) == 0
             ? "khớp"
             : cadre_printf(ctx, "%s chỉ tiêu KHÔNG KHỚP", num(ctx, json_object_get(r, "mismatch_count"))));
}

typedef struct cli_opts {
  const char *file, *agency, *school;
  bool dry_run, json;
} cli_opts;

static bool parse_opts(int argc, char **argv, const char *verb, cli_opts *o) {
  memset(o, 0, sizeof(*o));
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (i == 0 && strcmp(a, verb) == 0)
      continue;
    if (strcmp(a, "--dry-run") == 0)
      o->dry_run = true;
    else if (strcmp(a, "--json") == 0)
      o->json = true;
    else if ((strcmp(a, "--agency") == 0 || strcmp(a, "--school") == 0 || strcmp(a, "--file") == 0) &&
             i + 1 < argc)
      *(a[2] == 'a' ? &o->agency : a[2] == 's' ? &o->school : &o->file) = argv[++i];
    else if (a[0] != '-' && !o->file)
      o->file = a;
    else
      return false;
  }
  return true;
}

/* The agency an --agency/--school option names (> 0), or 0/-1 with the
 * reason on stderr. */
static int64_t agency_option(cadre_req *ctx, const char *code) {
  int64_t id = cadre_agency_by_code(ctx, code);
  if (id < 0)
    fprintf(stderr, "Không đọc được đơn vị mã %s (lỗi cơ sở dữ liệu).\n", code);
  else if (id == 0)
    fprintf(stderr, "Không có đơn vị mã %s.\n", code);
  return id;
}

static int run_import(cadre_req *ctx, const cli_opts *o, bool quiet) {
  llct_import_job j = {.req = ctx, .filename = o->file, .dry_run = o->dry_run};
  j.data = read_file(ctx, o->file, &j.len);
  if (!j.data)
    return 1;
  const char *slash = strrchr(o->file, '/');
  j.filename = slash ? slash + 1 : o->file;
  if ((o->agency && (j.owner_opt = agency_option(ctx, o->agency)) <= 0) ||
      (o->school && (j.school_opt = agency_option(ctx, o->school)) <= 0))
    return 1;
  if (llct_parse_plan(cadre_arena_of(ctx), j.data, j.len, &j.plan) > 0) {
    fprintf(stderr, "Tệp %s có %d lỗi, chưa nhập gì:\n", o->file, j.plan.errors.n);
    for (int i = 0; i < j.plan.errors.n; i++)
      fprintf(stderr, "  [%s] %s\n", j.plan.errors.v[i].code, j.plan.errors.v[i].text);
    return 1;
  }
  int st = llct_import_run(&j);
  if (st) {
    fprintf(stderr, "Không nhập được kế hoạch (mã trả về %d).\n", st);
    return 1;
  }
  if (o->json) {
    char *text = json_dumps(j.report, JSON_INDENT(2));
    if (text)
      puts(text);
    free(text);
  } else if (!quiet) {
    print_report(ctx, j.report);
  }
  return 0;
}

int llct_import_command(cadre_req *ctx, int argc, char **argv) {
  cli_opts o;
  if (!parse_opts(argc, argv, "import", &o) || !o.file) {
    fprintf(stderr, "Cách dùng: cadre-admin llct import FILE [--dry-run] [--agency MÃ] "
                    "[--school MÃ] [--json]\n");
    return 2;
  }
  return run_import(ctx, &o, false);
}

/* The demo imports the shipped copy of the seed ([server] data_dir). */
const char *llct_find_seed(cadre_req *ctx, const char *name) {
  const char *p = cadre_data_path(ctx, cadre_printf(ctx, "seeds/%s", name));
  FILE *f = fopen(p, "rb");
  if (!f)
    return NULL;
  fclose(f);
  return p;
}

int llct_demo_import(cadre_req *ctx, const char *file) {
  cli_opts o = {.file = file};
  if (cadre_agency_by_code(ctx, "P01") > 0)
    o.agency = "P01";
  if (cadre_agency_by_code(ctx, "P01-TCT") > 0)
    o.school = "P01-TCT";
  return run_import(ctx, &o, false);
}
