/* Unit tests of field validation (lib/validate.c) through cadre_validate():
 * a hand-built route and request, pairs as the parsers would produce them,
 * and the answer read back from the request's sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "validate.h"

/* ---- harness -------------------------------------------------------------- */

struct sinkbuf {
  char data[1 << 16];
  size_t len;
};

static int sink_write(void *ctx, const void *data, size_t len) {
  struct sinkbuf *s = ctx;
  if (s->len + len >= sizeof(s->data))
    return -1;
  memcpy(s->data + s->len, data, len);
  s->len += len;
  s->data[s->len] = '\0';
  return 0;
}

static int handler(cadre_req *req) {
  (void)req;
  return 200;
}

static struct cadre_config conf;
static cadre_arena *A;
static cadre_req req;
static struct cadre_route route;
static struct sinkbuf sink;
static struct cadre_pair pairs[64];
static size_t npairs;
static cadre_upload uploads[8];
static size_t nuploads;

static int setup(void **state) {
  (void)state;
  memset(&conf, 0, sizeof(conf));
  conf.max_upload_bytes = 1024;
  A = cadre_arena_new(0);
  return A ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  return 0;
}

/* A fresh request for a route declaring `fields`. */
static void begin(const struct cadre_field *fields) {
  cadre_arena_reset(A);
  sink.len = 0;
  sink.data[0] = '\0';
  cadre_req_init(&req, A, &conf, (struct cadre_sink){.write = sink_write, .ctx = &sink});
  req.method = CADRE_POST;
  req.method_name = "POST";
  route = (struct cadre_route){
      .method = CADRE_POST, .path = "/x", .handler = handler, .fields = fields, .flags = CADRE_RF_MULTIPART};
  req.route = &route;
  npairs = 0;
  nuploads = 0;
}

static void add(const char *name, const char *value) {
  assert_true(npairs < 64);
  pairs[npairs++] = (struct cadre_pair){.name = name, .value = value, .len = value ? strlen(value) : 0};
}

static void add_json(const char *name, json_t *v) {
  assert_true(npairs < 64);
  json_t *kept = cadre_keep(&req, v);
  const char *text = json_is_string(kept) ? json_string_value(kept) : NULL;
  pairs[npairs++] =
      (struct cadre_pair){.name = name, .value = text, .len = text ? strlen(text) : 0, .json = kept};
}

static void add_file(const char *name, const char *filename, const void *data, size_t size) {
  assert_true(nuploads < 8);
  uploads[nuploads] =
      (cadre_upload){.field = name, .filename = filename, .data = (const unsigned char *)data, .size = size};
  pairs[npairs++] = (struct cadre_pair){
      .name = name, .value = filename, .len = strlen(filename), .file = &uploads[nuploads]};
  nuploads++;
}

static int run_with_path(struct cadre_pair *path, size_t npath) {
  req.pairs = pairs;
  req.npairs = npairs;
  req.files = uploads;
  req.nfiles = nuploads;
  return cadre_validate(&req, path, npath);
}

static int run(void) { return run_with_path(NULL, 0); }

/* The field error code recorded for `name`, or NULL. */
static const char *error_code(const char *name) {
  if (!req.field_errors)
    return NULL;
  json_t *e = json_object_get(req.field_errors, name);
  return e ? json_string_value(json_object_get(e, "code")) : NULL;
}

/* Flushes the answer and parses its JSON body; *status gets the status line's code. */
static json_t *answer(int st, int *status) {
  cadre_req_flush(&req, st);
  const char *body = strstr(sink.data, "\r\n\r\n");
  assert_non_null(body);
  assert_int_equal(sscanf(sink.data, "Status: %d", status), 1);
  assert_non_null(strstr(sink.data, "Content-Type: application/json"));
  json_error_t jerr;
  json_t *doc = json_loads(body + 4, 0, &jerr);
  if (!doc)
    fail_msg("answer is not JSON: %s (%s)", jerr.text, body + 4);
  return cadre_keep(&req, doc);
}

/* One field of type t checked against one value: the normalised value, or
 * NULL with *code set to the error code. */
static const char *check(enum cadre_ftype t, unsigned flags, int64_t min, int64_t max,
                         const char *const *choices, const char *value, const char **code) {
  static struct cadre_field f[2];
  f[0] = (struct cadre_field){"f", t, flags, min, max, choices, "Trường thử"};
  f[1] = (struct cadre_field){0};
  begin(f);
  add("f", value);
  int st = run();
  *code = error_code("f");
  if (st == 0) {
    assert_null(*code);
    return cadre_str0(&req, "f");
  }
  assert_int_equal(st, 422);
  assert_non_null(*code);
  return NULL;
}

static void expect_ok(enum cadre_ftype t, int64_t min, int64_t max, const char *const *choices,
                      const char *in, const char *out) {
  const char *code = NULL;
  const char *v = check(t, 0, min, max, choices, in, &code);
  if (!v)
    fail_msg("type %d: \"%s\" refused (%s), expected \"%s\"", (int)t, in, code, out);
  if (strcmp(v, out) != 0)
    fail_msg("type %d: \"%s\" normalised to \"%s\", expected \"%s\"", (int)t, in, v, out);
}

static void expect_bad(enum cadre_ftype t, int64_t min, int64_t max, const char *const *choices,
                       const char *in, const char *want_code) {
  const char *code = NULL;
  const char *v = check(t, 0, min, max, choices, in, &code);
  if (v)
    fail_msg("type %d: \"%s\" accepted as \"%s\", expected %s", (int)t, in, v, want_code);
  if (strcmp(code, want_code) != 0)
    fail_msg("type %d: \"%s\" refused with %s, expected %s", (int)t, in, code, want_code);
}

/* ---- types -------------------------------------------------------------- */

static void test_phone(void **state) {
  (void)state;
  expect_ok(CF_PHONE, 0, 0, NULL, "0912345678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "0912 345 678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "0912.345.678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "(024) 3825-1234", "02438251234");
  expect_ok(CF_PHONE, 0, 0, NULL, "+84 912 345 678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "+84912345678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "84912345678", "0912345678");
  expect_ok(CF_PHONE, 0, 0, NULL, "+84 24 3825 1234", "02438251234");
  /* the trunk 0 written after the country code is not doubled */
  expect_ok(CF_PHONE, 0, 0, NULL, "+84 (0) 912 345 678", "0912345678");
  static const char *const bad[] = {
      "091234567", "091234567890",  "1912345678",  "0912a45678",
      "+",         "++84912345678", "0912+345678", "phone",
      "84 912",    "0084912345678", "00912345678", "0912345678912345678912345678901234567890"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    expect_bad(CF_PHONE, 0, 0, NULL, bad[i], "invalid_phone");
}

static void test_cccd(void **state) {
  (void)state;
  expect_ok(CF_CCCD, 0, 0, NULL, "001234567890", "001234567890");
  expect_ok(CF_CCCD, 0, 0, NULL, "001 234 567 890", "001234567890");
  expect_ok(CF_CCCD, 0, 0, NULL, "001.234.567-890", "001234567890");
  static const char *const bad[] = {"000000000000",  "000 000 000 000", "00123456789",
                                    "0012345678901", "00123456789a",    "",
                                    "00123456789O",  "+01234567890"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    if (!bad[i][0])
      continue; /* empty is "required" territory, tested separately */
    expect_bad(CF_CCCD, 0, 0, NULL, bad[i], "invalid_cccd");
  }
}

static void test_email(void **state) {
  (void)state;
  /* the whole address is lower-cased (one spelling per person) */
  expect_ok(CF_EMAIL, 0, 0, NULL, "Nguyen.Van.A@Example.GOV.VN", "nguyen.van.a@example.gov.vn");
  expect_ok(CF_EMAIL, 0, 0, NULL, "  a@b.vn  ", "a@b.vn");
  expect_ok(CF_EMAIL, 0, 0, NULL, "x+tag@mail.example.com", "x+tag@mail.example.com");
  char local64[80], local65[80];
  memset(local64, 'a', 64);
  strcpy(local64 + 64, "@x.vn");
  memset(local65, 'a', 65);
  strcpy(local65 + 65, "@x.vn");
  expect_ok(CF_EMAIL, 0, 0, NULL, local64, local64);
  static const char *const bad[] = {"a@b",           "@b.vn",     "a@",      "a@@b.vn", "a@b@c.vn",
                                    "a b@c.vn",      "a@.b.vn",   "a@b.vn.", "a@b..vn", "<a@b.vn>",
                                    "a@b.vn,c@d.vn", "a\"b@c.vn", "ab.vn",   "a@b;c.vn"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    expect_bad(CF_EMAIL, 0, 0, NULL, bad[i], "invalid_email");
  expect_bad(CF_EMAIL, 0, 0, NULL, local65, "invalid_email");
  char huge[300];
  memset(huge, 'd', sizeof(huge));
  memcpy(huge, "a@", 2);
  strcpy(huge + 290, ".vn");
  expect_bad(CF_EMAIL, 0, 0, NULL, huge, "invalid_email");
}

static void test_dates(void **state) {
  (void)state;
  expect_ok(CF_DATE, 0, 0, NULL, "05/03/2024", "2024-03-05");
  expect_ok(CF_DATE, 0, 0, NULL, "5/3/2024", "2024-03-05");
  expect_ok(CF_DATE, 0, 0, NULL, "2024-03-05", "2024-03-05");
  expect_ok(CF_DATE, 0, 0, NULL, " 29.02.2024 ", "2024-02-29");
  expect_bad(CF_DATE, 0, 0, NULL, "31/02/2024", "invalid_date");
  expect_bad(CF_DATE, 0, 0, NULL, "29/02/2023", "invalid_date");
  expect_bad(CF_DATE, 0, 0, NULL, "2024-03-05 10:00", "invalid_date");
  expect_bad(CF_DATE, 0, 0, NULL, "hôm nay", "invalid_date");

  expect_ok(CF_DATETIME, 0, 0, NULL, "2024-03-05 08:30", "2024-03-05 08:30:00");
  expect_ok(CF_DATETIME, 0, 0, NULL, "2024-03-05T08:30:15", "2024-03-05 08:30:15");
  expect_ok(CF_DATETIME, 0, 0, NULL, "05/03/2024 8:30", "2024-03-05 08:30:00");
  expect_ok(CF_DATETIME, 0, 0, NULL, "05/03/2024  23:59:59 ", "2024-03-05 23:59:59");
  static const char *const bad[] = {"2024-03-05",          "2024-03-05 24:00",    "2024-03-05 08:60",
                                    "2024-03-05 08:30:60", "2024-03-05 08:30x",   "2024-03-05 08",
                                    "31/02/2024 08:00",    "2024-03-05T",         "T08:30",
                                    "2024-03-05 +8:30",    "2024-03-05 08:+3",    "2024-03-05 -0:30",
                                    "2024-03-05 08: 30",   "2024-03-05 08:30:+1", "2024-03-05 08:30:"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    expect_bad(CF_DATETIME, 0, 0, NULL, bad[i], "invalid_datetime");
}

static void test_numbers(void **state) {
  (void)state;
  expect_ok(CF_NUM, 0, 0, NULL, "9,5", "9.5");
  expect_ok(CF_NUM, 0, 0, NULL, "9.5", "9.5");
  expect_ok(CF_NUM, 0, 0, NULL, " 10 ", "10");
  expect_ok(CF_NUM, 0, 0, NULL, "-2,25", "-2.25");
  expect_ok(CF_NUM, 0, 10, NULL, "0", "0");
  expect_ok(CF_NUM, 0, 10, NULL, "10", "10");
  expect_ok(CF_NUM, 0, 10, NULL, "10,0", "10.0");
  expect_bad(CF_NUM, 0, 10, NULL, "10,01", "out_of_range");
  expect_bad(CF_NUM, 0, 10, NULL, "-0,5", "out_of_range");
  expect_bad(CF_NUM, 1, 10, NULL, "0,99", "out_of_range");
  static const char *const bad[] = {"abc", ".",   ",5", "5.",   "1,000.5", "1.2.3", "1e5",
                                    "-",   "--1", "1-", "0x10", "inf",     "nan",   "9,5 điểm"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    expect_bad(CF_NUM, 0, 0, NULL, bad[i], "invalid_number");

  expect_ok(CF_INT, 0, 0, NULL, "-42", "-42");
  expect_ok(CF_INT, 0, 0, NULL, " 007 ", "7");
  expect_ok(CF_INT, 0, 0, NULL, "9223372036854775807", "9223372036854775807");
  expect_ok(CF_INT, 1, 500, NULL, "500", "500");
  expect_bad(CF_INT, 1, 500, NULL, "501", "out_of_range");
  expect_bad(CF_INT, 1, 500, NULL, "0", "out_of_range");
  expect_bad(CF_INT, 0, 0, NULL, "9223372036854775808", "invalid_int");
  expect_bad(CF_INT, 0, 0, NULL, "1.5", "invalid_int");
  expect_bad(CF_INT, 0, 0, NULL, "12abc", "invalid_int");
  expect_bad(CF_INT, 0, 0, NULL, "1 000", "invalid_int");

  expect_ok(CF_ID, 0, 0, NULL, "1", "1");
  expect_ok(CF_ID, 0, 0, NULL, "9007199254740992", "9007199254740992");
  expect_bad(CF_ID, 0, 0, NULL, "9007199254740993", "invalid_id");
  expect_bad(CF_ID, 0, 0, NULL, "0", "invalid_id");
  expect_bad(CF_ID, 0, 0, NULL, "-1", "invalid_id");
  expect_bad(CF_ID, 0, 0, NULL, "abc", "invalid_int");

  expect_ok(CF_YEAR, 0, 0, NULL, "2024", "2024");
  expect_ok(CF_YEAR, 0, 0, NULL, "2000", "2000");
  expect_ok(CF_YEAR, 0, 0, NULL, "2100", "2100");
  expect_bad(CF_YEAR, 0, 0, NULL, "1999", "out_of_range");
  expect_bad(CF_YEAR, 0, 0, NULL, "2101", "out_of_range");
  expect_bad(CF_YEAR, 0, 0, NULL, "20a4", "invalid_int");
  expect_ok(CF_YEAR, 2020, 2030, NULL, "2030", "2030");
  expect_bad(CF_YEAR, 2020, 2030, NULL, "2019", "out_of_range");
}

static void test_bool_enum_code(void **state) {
  (void)state;
  static const char *const yes[] = {"1", "true", "TRUE", "on", "yes", "co", "có", "Có", " on "};
  static const char *const no[] = {"0", "false", "off", "No", "khong", "không", "KHONG"};
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
    expect_ok(CF_BOOL, 0, 0, NULL, yes[i], "1");
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
    expect_ok(CF_BOOL, 0, 0, NULL, no[i], "0");
  expect_bad(CF_BOOL, 0, 0, NULL, "2", "invalid_bool");
  expect_bad(CF_BOOL, 0, 0, NULL, "maybe", "invalid_bool");
  expect_bad(CF_BOOL, 0, 0, NULL, "truee", "invalid_bool");

  static const char *const choices[] = {"draft", "open", "closed", NULL};
  expect_ok(CF_ENUM, 0, 0, choices, "open", "open");
  expect_ok(CF_ENUM, 0, 0, choices, " closed ", "closed");
  expect_bad(CF_ENUM, 0, 0, choices, "Open", "invalid_choice");
  expect_bad(CF_ENUM, 0, 0, choices, "ope", "invalid_choice");
  expect_bad(CF_ENUM, 0, 0, choices, "opened", "invalid_choice");

  expect_ok(CF_CODE, 0, 0, NULL, "HN-01_a.b", "HN-01_a.b");
  expect_ok(CF_CODE, 0, 0, NULL, " X1 ", "X1");
  expect_bad(CF_CODE, 0, 0, NULL, "HN 01", "invalid_code");
  expect_bad(CF_CODE, 0, 0, NULL, "mã", "invalid_code");
  expect_bad(CF_CODE, 0, 0, NULL, "a/b", "invalid_code");
  char c64[65], c65[66];
  memset(c64, 'c', 64);
  c64[64] = '\0';
  memset(c65, 'c', 65);
  c65[65] = '\0';
  expect_ok(CF_CODE, 0, 0, NULL, c64, c64);
  expect_bad(CF_CODE, 0, 0, NULL, c65, "invalid_code");
  expect_ok(CF_CODE, 2, 4, NULL, "abcd", "abcd");
  expect_bad(CF_CODE, 2, 4, NULL, "abcde", "invalid_code");
  expect_bad(CF_CODE, 2, 4, NULL, "a", "invalid_code");
}

/* ---- text: length in characters, controls, required ------------------------- */

static void test_string_lengths_in_characters(void **state) {
  (void)state;
  const char *ten = "Nguyễn Văn"; /* 10 characters, 13 bytes */
  assert_int_equal(cadre_utf8_len(ten, strlen(ten)), 10);
  expect_ok(CF_STRING, 0, 10, NULL, ten, ten);
  expect_bad(CF_STRING, 0, 10, NULL, "Nguyễn Văn A", "too_long");
  expect_ok(CF_STRING, 3, 0, NULL, "Đỗ Á", "Đỗ Á");
  expect_bad(CF_STRING, 5, 0, NULL, "Đỗ Á", "too_short");
  /* white space is collapsed before counting */
  expect_ok(CF_STRING, 0, 5, NULL, "  a    b  c ", "a b c");
  /* the default caps: 500 for STRING, 20000 for TEXT (inputs live outside
   * the arena, which every check resets) */
  static char s500[501], s501[502];
  memset(s500, 'x', 500);
  memset(s501, 'x', 501);
  expect_ok(CF_STRING, 0, 0, NULL, s500, s500);
  expect_bad(CF_STRING, 0, 0, NULL, s501, "too_long");
  char *t20001 = malloc(20002);
  memset(t20001, 'y', 20001);
  t20001[20001] = '\0';
  expect_bad(CF_TEXT, 0, 0, NULL, t20001, "too_long");
  t20001[20000] = '\0';
  const char *code;
  assert_non_null(check(CF_TEXT, 0, 0, 0, NULL, t20001, &code));
  free(t20001);
}

static void test_text_newlines_and_controls(void **state) {
  (void)state;
  expect_ok(CF_TEXT, 0, 0, NULL, "\n  dòng 1\r\ndòng 2\rdòng 3\t\n\n", "dòng 1\ndòng 2\ndòng 3");
  expect_bad(CF_STRING, 0, 0, NULL, "dòng 1\ndòng 2", "control_characters");
  expect_bad(CF_STRING, 0, 0, NULL, "a\tb", "control_characters");
  expect_bad(CF_TEXT, 0, 0, NULL, "a\x01z", "control_characters");
  expect_bad(CF_TEXT, 0, 0, NULL, "a\x7fz", "control_characters");
  expect_bad(CF_STRING, 0, 0, NULL, "a\xC2\x85z", "control_characters"); /* C1 NEL */
  expect_bad(CF_EMAIL, 0, 0, NULL, "a\x1b@b.vn", "control_characters");
  expect_bad(CF_INT, 0, 0, NULL, "1\x08", "control_characters");
}

static const struct cadre_field required_fields[] = {
    {"ho_ten", CF_STRING, CF_REQUIRED, 0, 0, NULL, "Họ và tên"},
    {"ngay", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày"},
    {"ghi_chu", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_required(void **state) {
  (void)state;
  /* absent, empty, blank, NBSP only */
  static const char *const empties[] = {NULL, "", "   ", "\t\n", "\xC2\xA0"};
  for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
    begin(required_fields);
    if (empties[i])
      add("ho_ten", empties[i]);
    add("ngay", "01/01/2024");
    assert_int_equal(run(), 422);
    assert_string_equal(error_code("ho_ten"), "required");
    assert_null(error_code("ngay"));
    assert_null(error_code("ghi_chu")); /* optional and absent is fine */
  }
  /* a JSON null is absent */
  begin(required_fields);
  add_json("ho_ten", json_null());
  add("ngay", "01/01/2024");
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("ho_ten"), "required");
  /* all present */
  begin(required_fields);
  add("ho_ten", " Lê  Thị B ");
  add("ngay", "2024-01-01");
  assert_int_equal(run(), 0);
  assert_string_equal(cadre_str(&req, "ho_ten"), "Lê Thị B");
  assert_string_equal(cadre_str(&req, "ngay"), "2024-01-01");
  assert_null(cadre_str(&req, "ghi_chu"));
  assert_false(cadre_has(&req, "ghi_chu"));
}

/* ---- multiple values, undeclared fields ------------------------------------- */

static const struct cadre_field multi_fields[] = {
    {"tag", CF_CODE, CF_MULTI, 0, 0, NULL, "Nhãn"},
    {"one", CF_INT, 0, 0, 0, NULL, "Một"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_multi_and_not_multiple(void **state) {
  (void)state;
  begin(multi_fields);
  add("tag", "a");
  add("evil", "<script>");
  add("tag", "b");
  add("tag", "   "); /* blank repeats are skipped */
  add("tag", "c");
  add("one", "5");
  assert_int_equal(run(), 0);
  const char **tags;
  assert_int_equal(cadre_strs(&req, "tag", &tags), 3);
  assert_string_equal(tags[0], "a");
  assert_string_equal(tags[1], "b");
  assert_string_equal(tags[2], "c");
  assert_null(tags[3]);
  assert_int_equal(cadre_int(&req, "one", 0), 5);
  /* undeclared fields never reach the handler */
  assert_false(cadre_has(&req, "evil"));
  assert_null(cadre_str(&req, "evil"));
  for (size_t i = 0; i < req.nparams; i++)
    assert_string_not_equal(req.params[i].name, "evil");

  begin(multi_fields);
  add("one", "5");
  add("one", "6");
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("one"), "not_multiple");

  /* one bad value among several refuses the field */
  begin(multi_fields);
  add("tag", "a");
  add("tag", "b c");
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("tag"), "invalid_code");

  /* a JSON array for a CF_MULTI field */
  begin(multi_fields);
  add_json("tag", json_pack("[s, i, s]", "x", 7, "y"));
  assert_int_equal(run(), 0);
  assert_int_equal(cadre_strs(&req, "tag", &tags), 3);
  assert_string_equal(tags[1], "7");
  begin(multi_fields);
  add_json("tag", json_pack("[s, {}]", "x"));
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("tag"), "invalid_type");
  /* an array for a single-valued field */
  begin(multi_fields);
  add_json("one", json_pack("[i]", 1));
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("one"), "invalid_type");
}

static const struct cadre_field json_fields[] = {
    {"cfg", CF_JSON, 0, 0, 0, NULL, "Cấu hình"},
    {"n", CF_INT, 0, 0, 0, NULL, "Số"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_json_field(void **state) {
  (void)state;
  begin(json_fields);
  json_t *obj = json_pack("{s:i}", "k", 1);
  add_json("cfg", obj);
  add_json("n", json_integer(3)); /* a JSON body gives numbers as text too */
  pairs[npairs - 1].value = "3";
  assert_int_equal(run(), 0);
  assert_ptr_equal(cadre_json_field(&req, "cfg"), obj);
  assert_int_equal(cadre_int(&req, "n", 0), 3);
}

/* ---- files ------------------------------------------------------------------ */

static const char *const pdf_only[] = {"application/pdf", NULL};
static const struct cadre_field file_fields[] = {
    {"doc", CF_FILE, CF_REQUIRED, 0, 0, pdf_only, "Tài liệu"},
    {"small", CF_FILE, 0, 0, 10, NULL, "Tệp nhỏ"},
    {"note", CF_STRING, 0, 0, 0, NULL, "Ghi chú"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_files(void **state) {
  (void)state;
  static const char pdf[] = "%PDF-1.7 minh chung";
  begin(file_fields);
  add_file("doc", "Hồ sơ.pdf", pdf, sizeof(pdf) - 1);
  add_file("small", "a.txt", "0123456789", 10);
  assert_int_equal(run(), 0);
  const cadre_upload *u = cadre_file(&req, "doc");
  assert_non_null(u);
  assert_string_equal(u->mime, "application/pdf");
  assert_string_equal(u->filename, "Hồ sơ.pdf");
  assert_int_equal(u->size, sizeof(pdf) - 1);
  assert_string_equal(cadre_file(&req, "small")->mime, "text/plain");
  assert_string_equal(cadre_str(&req, "doc"), "Hồ sơ.pdf");

  /* the sniffed type decides, not the name */
  begin(file_fields);
  add_file("doc", "fake.pdf", "just text", 9);
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("doc"), "file_type");
  assert_null(cadre_file(&req, "doc"));

  /* per-field and configured size limits */
  begin(file_fields);
  add_file("doc", "a.pdf", pdf, sizeof(pdf) - 1);
  add_file("small", "b.txt", "01234567890", 11);
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("small"), "file_too_large");
  static char big[1025] = "%PDF-";
  begin(file_fields);
  add_file("doc", "big.pdf", big, sizeof(big)); /* conf.max_upload_bytes is 1024 */
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("doc"), "file_too_large");

  /* text where a file is expected, a file where text is expected */
  begin(file_fields);
  add("doc", "not a file");
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("doc"), "file_expected");
  begin(file_fields);
  add_file("doc", "a.pdf", pdf, sizeof(pdf) - 1);
  add_file("note", "x.txt", "abc", 3);
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("note"), "file_unexpected");
  /* a required file that is absent */
  begin(file_fields);
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("doc"), "required");
  /* two files for a single file field */
  begin(file_fields);
  add_file("doc", "a.pdf", pdf, sizeof(pdf) - 1);
  add_file("doc", "b.pdf", pdf, sizeof(pdf) - 1);
  assert_int_equal(run(), 422);
  assert_string_equal(error_code("doc"), "not_multiple");
}

/* ---- the answers -------------------------------------------------------- */

static const struct cadre_field form_fields[] = {
    {"ho_ten", CF_STRING, CF_REQUIRED, 0, 20, NULL, "Họ và tên"},
    {"email", CF_EMAIL, 0, 0, 0, NULL, "Thư điện tử"},
    {"diem", CF_NUM, 0, 0, 10, NULL, "Điểm"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_422_answer_shape(void **state) {
  (void)state;
  begin(form_fields);
  add("email", "khong-phai-email");
  add("diem", "11");
  add("ignored", "x");
  int st = run();
  assert_int_equal(st, 422);
  int status = 0;
  json_t *doc = answer(st, &status);
  assert_int_equal(status, 422);
  assert_non_null(strstr(sink.data, "Status: 422 Unprocessable Entity\r\n"));
  assert_string_equal(json_string_value(json_object_get(doc, "error")), "validation_failed");
  const char *msg = json_string_value(json_object_get(doc, "message"));
  assert_non_null(msg);
  assert_true(strlen(msg) > 0);
  json_t *fields = json_object_get(doc, "fields");
  assert_true(json_is_object(fields));
  assert_int_equal(json_object_size(fields), 3);
  static const struct {
    const char *name, *code, *label;
  } want[] = {{"ho_ten", "required", "Họ và tên"},
              {"email", "invalid_email", "Thư điện tử"},
              {"diem", "out_of_range", "Điểm"}};
  for (size_t i = 0; i < 3; i++) {
    json_t *f = json_object_get(fields, want[i].name);
    assert_true(json_is_object(f));
    assert_int_equal(json_object_size(f), 2);
    assert_string_equal(json_string_value(json_object_get(f, "code")), want[i].code);
    const char *m = json_string_value(json_object_get(f, "message"));
    assert_non_null(m);
    /* the message names the field by its Vietnamese label */
    if (!strstr(m, want[i].label))
      fail_msg("message for %s does not name «%s»: %s", want[i].name, want[i].label, m);
  }
  assert_null(json_object_get(fields, "ignored"));
  /* nothing validated is handed on when the answer is 422 */
  assert_null(cadre_str(&req, "ignored"));
}

static void test_valid_request_answers_nothing(void **state) {
  (void)state;
  begin(form_fields);
  add("ho_ten", "Phạm Văn Đồng");
  add("email", "PVD@Gov.VN");
  add("diem", "9,75");
  assert_int_equal(run(), 0);
  assert_false(req.ans.ready);
  assert_int_equal(sink.len, 0);
  assert_string_equal(cadre_str(&req, "email"), "pvd@gov.vn");
  assert_true(cadre_num(&req, "diem", 0) == 9.75);
}

static const struct cadre_field path_fields[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {"q", CF_STRING, 0, 0, 3, NULL, "Từ khóa"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

static void test_path_parameter(void **state) {
  (void)state;
  struct cadre_pair path[1] = {{.name = "id", .value = "42", .len = 2}};
  begin(path_fields);
  add("id", "999"); /* a query value never overrides the path */
  assert_int_equal(run_with_path(path, 1), 0);
  assert_int_equal(cadre_int(&req, "id", 0), 42);

  /* malformed in the path: the address does not exist */
  static const char *const bad[] = {"abc", "0", "-1", "1.5", "9007199254740993"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    path[0].value = bad[i];
    path[0].len = strlen(bad[i]);
    begin(path_fields);
    add("q", "this is too long"); /* a field error too: the 404 wins */
    int st = run_with_path(path, 1);
    assert_int_equal(st, 404);
    int status = 0;
    json_t *doc = answer(st, &status);
    assert_int_equal(status, 404);
    assert_string_equal(json_string_value(json_object_get(doc, "error")), "not_found");
    assert_null(json_object_get(doc, "fields")); /* nothing about the route's fields */
  }
  /* a body field error alone is still a 422 */
  path[0].value = "7";
  begin(path_fields);
  add("q", "this is too long");
  int st = run_with_path(path, 1);
  assert_int_equal(st, 422);
  int status = 0;
  json_t *doc = answer(st, &status);
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(json_object_get(doc, "fields"), "q"), "code")),
      "too_long");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_phone),
      cmocka_unit_test(test_cccd),
      cmocka_unit_test(test_email),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_bool_enum_code),
      cmocka_unit_test(test_string_lengths_in_characters),
      cmocka_unit_test(test_text_newlines_and_controls),
      cmocka_unit_test(test_required),
      cmocka_unit_test(test_multi_and_not_multiple),
      cmocka_unit_test(test_json_field),
      cmocka_unit_test(test_files),
      cmocka_unit_test(test_422_answer_shape),
      cmocka_unit_test(test_valid_request_answers_nothing),
      cmocka_unit_test(test_path_parameter),
  };
  return cmocka_run_group_tests_name("validate", tests, setup, teardown);
}
