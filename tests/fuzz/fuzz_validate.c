/* The validator behind every route: the input is parsed the way the host
 * parses bodies (first byte: 0 urlencoded, 1 JSON, 2 multipart with
 * boundary "B0undary"), pairs named "id" become the {id} path parameter,
 * and cadre_validate() runs against a route declaring every field type.
 * Whatever it answers must be well-formed JSON with the documented shape,
 * and whatever it accepts must be normalised as documented. */
#include "fuzz.h"

#include <ctype.h>

#include "parse.h"
#include "validate.h"

static int handler(cadre_req *r) { return (void)r, 200; }

static const char *const choices[] = {"draft", "open", "closed", NULL};
static const char *const pdf[] = {"application/pdf", NULL};
static const struct cadre_field fields[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {"s", CF_STRING, 0, 2, 20, NULL, "Chuỗi"},
    {"t", CF_TEXT, 0, 0, 200, NULL, "Văn bản"},
    {"i", CF_INT, CF_MULTI, -50, 50, NULL, "Số nguyên"},
    {"n", CF_NUM, 0, 0, 10, NULL, "Điểm"},
    {"b", CF_BOOL, 0, 0, 0, NULL, "Có/không"},
    {"d", CF_DATE, 0, 0, 0, NULL, "Ngày"},
    {"dt", CF_DATETIME, 0, 0, 0, NULL, "Thời điểm"},
    {"e", CF_EMAIL, 0, 0, 0, NULL, "Thư"},
    {"p", CF_PHONE, 0, 0, 0, NULL, "Điện thoại"},
    {"c", CF_CCCD, 0, 0, 0, NULL, "CCCD"},
    {"en", CF_ENUM, 0, 0, 0, choices, "Trạng thái"},
    {"co", CF_CODE, CF_MULTI, 0, 8, NULL, "Mã"},
    {"f", CF_FILE, CF_MULTI, 0, 100, NULL, "Tệp"},
    {"pf", CF_FILE, 0, 0, 0, pdf, "PDF"},
    {"j", CF_JSON, 0, 0, 0, NULL, "JSON"},
    {"y", CF_YEAR, 0, 0, 0, NULL, "Năm"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static int sink_write(void *ctx, const void *d, size_t n) {
  cadre_buf_append(ctx, d, n);
  return 0;
}

static const struct cadre_field *field_of(const char *name) {
  for (const struct cadre_field *f = fields; f->name; f++)
    if (strcmp(f->name, name) == 0)
      return f;
  return NULL;
}

static bool all_digits(const char *s) {
  for (; *s; s++)
    if (!isdigit((unsigned char)*s))
      return false;
  return true;
}

/* What an accepted value of each type looks like. */
static void check_param(const struct cadre_param *p) {
  const struct cadre_field *f = field_of(p->name);
  CHECK(f); /* nothing undeclared */
  if (f->type == CF_JSON)
    return;
  const char *v = p->value;
  CHECK(v);
  size_t n = strlen(v);
  CHECK(cadre_utf8_valid(v, n));
  CHECK(!cadre_has_control(v, n, f->type == CF_TEXT));
  cadre_date d;
  switch (f->type) {
  case CF_STRING: CHECK(cadre_utf8_len(v, n) <= 20); break;
  case CF_ID: CHECK(all_digits(v) && v[0] != '0' && n <= 16); break;
  case CF_INT: CHECK(atoll(v) >= -50 && atoll(v) <= 50); break;
  case CF_NUM: CHECK(strtod(v, NULL) >= 0 && strtod(v, NULL) <= 10 && !strchr(v, ',')); break;
  case CF_BOOL: CHECK(strcmp(v, "0") == 0 || strcmp(v, "1") == 0); break;
  case CF_DATE: CHECK(n == 10 && v[4] == '-' && cadre_date_parse(v, &d)); break;
  case CF_DATETIME: CHECK(n == 19 && v[10] == ' ' && v[13] == ':' && v[16] == ':'); break;
  case CF_PHONE: CHECK(all_digits(v) && (n == 10 || n == 11) && v[0] == '0' && v[1] != '0'); break;
  case CF_CCCD: CHECK(all_digits(v) && n == 12 && strspn(v, "0") < 12); break;
  case CF_EMAIL: CHECK(strchr(v, '@') && strchr(v, '@') == strrchr(v, '@')); break;
  case CF_ENUM: CHECK(strcmp(v, "draft") == 0 || strcmp(v, "open") == 0 || strcmp(v, "closed") == 0); break;
  case CF_CODE:
    CHECK(n <= 8); /* "" when only Unicode blanks were sent */
    break;
  case CF_YEAR: CHECK(atoi(v) >= 2000 && atoi(v) <= 2100); break;
  default: break;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static struct cadre_config conf;
  conf.max_upload_bytes = 4096;
  cadre_arena *a = cadre_arena_new(0);
  if (!a)
    return 0;
  cadre_buf out;
  cadre_buf_init(&out, a);
  cadre_req req;
  cadre_req_init(&req, a, &conf, (struct cadre_sink){.write = sink_write, .ctx = &out});
  req.method = CADRE_POST;
  req.method_name = "POST";
  struct cadre_route route = {CADRE_POST, "/x/{id}", handler, NULL, fields, 0, CADRE_RF_MULTIPART, "fuzz"};
  req.route = &route;

  const char *body = (const char *)data + 1;
  size_t len = size - 1;
  struct cadre_pairs pairs;
  cadre_pairs_init(&pairs, 64);
  enum cadre_parse_err e;
  switch (data[0] % 3) {
  case 0: e = cadre_parse_urlencoded(a, body, len, &pairs); break;
  case 1: {
    char err[200];
    e = cadre_parse_json_body(a, body, len, &pairs, &req.json_body, err, sizeof(err));
    break;
  }
  default:
    e = cadre_parse_multipart(a, body, len, "B0undary", 4096, 8, &pairs, &req.files, &req.nfiles);
    break;
  }
  if (e != CADRE_PARSE_OK) {
    cadre_arena_free(a);
    return 0;
  }
  req.pairs = pairs.items;
  req.npairs = pairs.n;
  /* the router gives path parameters as text */
  struct cadre_pair path[1] = {{.name = "id", .value = "1", .len = 1}};
  for (size_t i = 0; i < pairs.n; i++)
    if (strcmp(pairs.items[i].name, "id") == 0 && pairs.items[i].value && !pairs.items[i].file) {
      path[0].value = pairs.items[i].value;
      path[0].len = strlen(path[0].value);
    }

  int st = cadre_validate(&req, path, 1);
  if (st == 0) {
    CHECK(!req.ans.ready);
    for (size_t i = 0; i < req.nparams; i++)
      check_param(&req.params[i]);
    for (size_t i = 0; i < req.nfiles; i++) {
      const cadre_upload *u = &req.files[i];
      CHECK(u->mime && (strcmp(u->field, "f") == 0 || strcmp(u->field, "pf") == 0));
      CHECK(strcmp(u->field, "f") != 0 || u->size <= 100);
      CHECK(strcmp(u->field, "pf") != 0 || strcmp(u->mime, "application/pdf") == 0);
    }
  } else {
    CHECK(st == 422 || st == 404);
    cadre_req_flush(&req, st);
    CHECK(!out.failed);
    const char *json = strstr(out.data, "\r\n\r\n");
    CHECK(json);
    json_error_t jerr;
    json_t *doc = json_loads(json + 4, 0, &jerr);
    CHECK(doc && json_is_object(doc));
    const char *code = json_string_value(json_object_get(doc, "error"));
    CHECK(code);
    CHECK(json_is_string(json_object_get(doc, "message")));
    json_t *fe = json_object_get(doc, "fields");
    if (st == 404) {
      CHECK(strcmp(code, "not_found") == 0 && !fe);
    } else {
      CHECK(strcmp(code, "validation_failed") == 0 && json_is_object(fe) && json_object_size(fe) > 0);
      const char *k;
      json_t *v;
      json_object_foreach(fe, k, v) {
        CHECK(field_of(k));
        CHECK(json_is_string(json_object_get(v, "code")) && json_is_string(json_object_get(v, "message")));
      }
    }
    json_decref(doc);
  }
  cadre_arena_free(a);
  return 0;
}
