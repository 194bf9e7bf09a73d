/* Import of the official list of administrative units into the one agency
 * tree (provinces and cities under the national root, communes, wards and
 * special zones under their province). Shared by the admin form and
 * `cadre-admin course import-units FILE [--dry-run]`.
 *
 * All or nothing: a file with an invalid row, an unknown province or a code
 * that already names an agency elsewhere in the tree changes nothing.
 * Existing codes under the same parent are kept (their name is updated);
 * moving an agency is an administrator's decision, not an import's.
 * The tree itself is written through cadre_agency_upsert (one call per new
 * or renamed unit, provinces first), inside one transaction. */
#include "course.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct units {
  struct course_ufile file;
  bool dry_run;
  const char **province_code; /* per row: resolved province code (communes) */
  const char **problem_code, **problem_msg;
  size_t add_p, add_c, rename, same, problems;
  json_t *new_provinces, *new_communes, *renames;
  int64_t root;
};

static void problem(cadre_req *req, struct units *u, size_t i, const char *code, const char *msg) {
  if (!u->problem_code[i])
    u->problems++;
  u->problem_code[i] = code;
  u->problem_msg[i] = msg;
  (void)req;
}

/* Province of a commune row: a province of the file or of the tree, by code
 * or by name ("Thành phố Hà Nội" matches "Thành ủy Hà Nội"). */
static const char *resolve_province(cadre_req *req, struct units *u, json_t *db_provinces, const char *text) {
  cadre_arena *a = cadre_arena_of(req);
  const char *key = course_province_key(a, text);
  for (size_t k = 0; k < u->file.nrows; k++) {
    struct course_urow *p = &u->file.rows[k];
    if (p->error_code || strcmp(p->kind, "province") != 0)
      continue;
    if (strcmp(p->code, text) == 0 || strcmp(course_province_key(a, p->name), key) == 0)
      return p->code;
  }
  size_t i;
  json_t *row;
  json_array_foreach(db_provinces, i, row) {
    if (strcmp(course_jstr(row, "code"), text) == 0 ||
        strcmp(course_province_key(a, course_jstr(row, "name")), key) == 0)
      return course_jstr(row, "code");
  }
  return NULL;
}

static int plan_units(cadre_req *req, struct units *u) {
  cadre_arena *a = cadre_arena_of(req);
  size_t n = u->file.nrows;
  u->province_code = cadre_arena_calloc(a, n + 1, sizeof(char *));
  u->problem_code = cadre_arena_calloc(a, n + 1, sizeof(char *));
  u->problem_msg = cadre_arena_calloc(a, n + 1, sizeof(char *));
  json_t *provinces =
      cadre_db_rows(req, "SELECT id, code, name FROM agency WHERE kind = 'province'", CV_NONE);
  json_t *codes = cadre_json_arr(req);
  for (size_t i = 0; i < n; i++)
    if (u->file.rows[i].code)
      json_array_append_new(codes, json_pack("{s:s}", "c", u->file.rows[i].code));
  char *text = json_dumps(codes, JSON_COMPACT);
  json_t *existing = cadre_db_rows(req,
                                   "SELECT a.code, a.name, a.kind, p.code AS parent_code FROM JSON_TABLE(?,"
                                   " '$[*]' COLUMNS (c VARCHAR(64) PATH '$.c')) j JOIN agency a"
                                   " ON a.code = j.c LEFT JOIN agency p ON p.id = a.parent_id",
                                   CV_ARGS(CV_STR(text)));
  free(text);
  if (!provinces || !existing ||
      cadre_db_int(req, &u->root,
                   "SELECT id FROM agency WHERE kind = 'national'"
                   " ORDER BY id LIMIT 1",
                   CV_NONE) <= 0)
    return -1;
  json_t *by_code = cadre_json_obj(req);
  size_t k;
  json_t *row;
  json_array_foreach(existing, k, row) json_object_set(by_code, course_jstr(row, "code"), row);
  u->new_provinces = cadre_json_arr(req);
  u->new_communes = cadre_json_arr(req);
  u->renames = cadre_json_arr(req);
  for (size_t i = 0; i < n; i++) {
    struct course_urow *r = &u->file.rows[i];
    if (r->error_code) {
      problem(req, u, i, r->error_code, r->error_message);
      continue;
    }
    bool commune = strcmp(r->kind, "commune") == 0;
    const char *parent_code = NULL;
    if (commune) {
      parent_code = resolve_province(req, u, provinces, r->province);
      if (!parent_code) {
        problem(req, u, i, "unit_province_unknown",
                cadre_printf(req, "Không tìm thấy tỉnh, thành phố \"%s\".", r->province));
        continue;
      }
      u->province_code[i] = parent_code;
    }
    json_t *ex = json_object_get(by_code, r->code);
    if (!ex) {
      json_t *o = json_pack("{s:s,s:s}", "c", r->code, "n", r->name);
      if (commune)
        json_object_set_new(o, "p", json_string(parent_code));
      json_array_append_new(commune ? u->new_communes : u->new_provinces, o);
      if (commune)
        u->add_c++;
      else
        u->add_p++;
      continue;
    }
    const char *ex_parent = course_jstr(ex, "parent_code");
    bool same_place = strcmp(course_jstr(ex, "kind"), r->kind) == 0 &&
                      (!commune || (ex_parent && strcmp(ex_parent, parent_code) == 0));
    if (!same_place) {
      problem(req, u, i, "unit_code_taken",
              cadre_printf(req,
                           "Mã %s đã là của đơn vị \"%s\" ở vị trí khác trong "
                           "cây đơn vị.",
                           r->code, course_jstr(ex, "name")));
    } else if (strcmp(course_jstr(ex, "name"), r->name) != 0) {
      json_t *o = json_pack("{s:s,s:s,s:s}", "c", r->code, "n", r->name, "k", r->kind);
      if (commune)
        json_object_set_new(o, "p", json_string(parent_code));
      json_array_append_new(u->renames, o);
      u->rename++;
    } else {
      u->same++;
    }
  }
  return 0;
}

/* The parent id of a row: the national root for provinces, the province
 * (looked up once per code) for communes. */
static int64_t parent_of(cadre_req *req, struct units *u, json_t *ids, const char *province_code) {
  if (!province_code)
    return u->root;
  json_t *known = json_object_get(ids, province_code);
  if (known)
    return json_integer_value(known);
  int64_t id = cadre_agency_by_code(req, province_code);
  if (id > 0)
    json_object_set_new(ids, province_code, json_integer(id));
  return id;
}

static int upsert_all(cadre_req *req, struct units *u, json_t *ids, json_t *rows, const char *kind) {
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *k = course_jstr(r, "k");
    bool commune = strcmp(k ? k : kind, "commune") == 0;
    int64_t parent = parent_of(req, u, ids, commune ? course_jstr(r, "p") : NULL);
    if (parent <= 0)
      return parent < 0 ? cadre_db_fail(req)
                        : cadre_fail(req, 409, "unit_province_unknown", "Không tìm thấy tỉnh, thành phố %s.",
                                     course_jstr(r, "p"));
    bool created;
    int64_t id = cadre_agency_upsert(req, course_jstr(r, "c"), commune ? "commune" : "province",
                                     course_jstr(r, "n"), parent, &created);
    if (id == -2)
      return cadre_fail(req, 409, "unit_code_taken",
                        "Mã %s vừa được dùng ở vị trí khác trong cây đơn vị; "
                        "không có thay đổi nào.",
                        course_jstr(r, "c"));
    if (id < 0)
      return cadre_db_fail(req);
    if (!commune)
      json_object_set_new(ids, course_jstr(r, "c"), json_integer(id));
  }
  return 0;
}

/* Provinces first, so that communes of a new province find it. */
static int units_tx(cadre_req *req, void *vctx) {
  struct units *u = vctx;
  json_t *ids = cadre_json_obj(req);
  int rc;
  if ((rc = upsert_all(req, u, ids, u->new_provinces, "province")) ||
      (rc = upsert_all(req, u, ids, u->new_communes, "commune")) ||
      (rc = upsert_all(req, u, ids, u->renames, NULL)))
    return rc;
  json_t *after = cadre_keep(
      req, json_pack("{s:I,s:I,s:I,s:O,s:O,s:O}", "provinces_added", (json_int_t)u->add_p, "communes_added",
                     (json_int_t)u->add_c, "renamed", (json_int_t)u->rename, "new_provinces",
                     u->new_provinces, "new_communes", u->new_communes, "renames", u->renames));
  if (cadre_audit(req, "course.units_import", 0, "import", NULL, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

static json_t *units_report(cadre_req *req, struct units *u) {
  json_t *problems = cadre_json_arr(req);
  for (size_t i = 0; i < u->file.nrows; i++)
    if (u->problem_code[i])
      json_array_append_new(problems,
                            json_pack("{s:I,s:s?,s:s,s:s}", "line", (json_int_t)u->file.rows[i].line, "code",
                                      u->file.rows[i].code, "error", u->problem_code[i], "message",
                                      u->problem_msg[i]));
  return cadre_keep(
      req, json_pack("{s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:O}", "dry_run", u->dry_run, "total",
                     (json_int_t)u->file.nrows, "provinces", (json_int_t)u->file.nprovinces, "communes",
                     (json_int_t)u->file.ncommunes, "provinces_to_add", (json_int_t)u->add_p,
                     "communes_to_add", (json_int_t)u->add_c, "to_rename", (json_int_t)u->rename, "unchanged",
                     (json_int_t)u->same, "problems", (json_int_t)u->problems, "rows", problems));
}

/* 0 done (or dry run), 422 refused (report says why), else a failure status
 * already answered. */
static int import_units(cadre_req *req, const char *data, size_t len, struct units *u, json_t **report) {
  *report = NULL;
  if (course_parse_units(cadre_arena_of(req), data, len, &u->file) < 0)
    return cadre_fail(req, 422, u->file.error_code, "%s", u->file.error_message);
  if (plan_units(req, u) < 0)
    return cadre_db_fail(req);
  if (u->problems || u->dry_run) {
    *report = units_report(req, u);
    return u->problems && !u->dry_run ? 422 : 0;
  }
  int rc = cadre_tx(req, units_tx, u);
  if (rc)
    return rc;
  *report = units_report(req, u);
  return 0;
}

int course_h_units_import(cadre_req *req) {
  if (!cadre_scope_national(req))
    return cadre_fail(req, 403, "forbidden",
                      "Chỉ quản trị cấp Trung ương nhập danh mục đơn vị hành "
                      "chính.");
  struct units u = {.dry_run = cadre_bool(req, "dry_run", false)};
  const cadre_upload *up = cadre_file(req, "file");
  json_t *report;
  int rc = import_units(req, (const char *)up->data, up->size, &u, &report);
  if (rc == 422 && report) {
    json_object_set_new(report, "error", json_string("units_import_invalid"));
    json_object_set_new(report, "message",
                        json_string(cadre_printf(req,
                                                 "Danh mục có %zu dòng không nhập được; không "
                                                 "có thay đổi nào.",
                                                 u.problems)));
    return cadre_reply_json(req, 422, report);
  }
  if (rc)
    return rc;
  return cadre_reply_json(req, 200, report);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *bigger = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
      if (!bigger) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

int course_cmd_import_units(cadre_req *ctx, int argc, char **argv) {
  const char *path = NULL;
  struct units u = {0};
  for (int i = 1; i < argc; i++) { /* argv[0] is the verb */
    if (strcmp(argv[i], "--dry-run") == 0)
      u.dry_run = true;
    else if (!path)
      path = argv[i];
  }
  if (!path) {
    fprintf(stderr, "usage: cadre-admin course import-units FILE [--dry-run]\n");
    return 2;
  }
  size_t len = 0;
  char *data = read_file(path, &len);
  if (!data) {
    fprintf(stderr, "Không đọc được tệp %s: %s\n", path, strerror(errno));
    return 1;
  }
  json_t *report;
  int rc = import_units(ctx, data, len, &u, &report);
  free(data);
  if (report) {
    printf("Danh mục %s: %zu dòng (%zu tỉnh, thành phố; %zu xã, phường, đặc "
           "khu)\n",
           path, u.file.nrows, u.file.nprovinces, u.file.ncommunes);
    printf("%s: thêm %zu tỉnh, %zu xã; đổi tên %zu; giữ nguyên %zu; lỗi %zu\n",
           u.dry_run ? "Chạy thử" : "Kết quả", u.add_p, u.add_c, u.rename, u.same, u.problems);
    for (size_t i = 0; i < u.file.nrows; i++)
      if (u.problem_code[i])
        printf("  dòng %ld: %s — %s\n", u.file.rows[i].line, u.problem_code[i], u.problem_msg[i]);
  } else {
    fprintf(stderr, "%s: %s\n", u.file.error_code ? u.file.error_code : "error",
            u.file.error_message ? u.file.error_message : "lỗi cơ sở dữ liệu");
  }
  return rc == 0 ? 0 : 1;
}
