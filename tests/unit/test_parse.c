/* Unit tests of the input parsers (lib/parse_form.c, lib/parse_body.c):
 * urlencoded query strings and bodies, cookies, Content-Type parameters,
 * multipart/form-data and JSON bodies — normal, boundary, malformed and
 * oversized input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

static cadre_arena *A;

static int setup(void **state) {
  (void)state;
  A = cadre_arena_new(0);
  return A ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  return 0;
}

static enum cadre_parse_err urlenc(const char *s, struct cadre_pairs *p, size_t max) {
  cadre_pairs_init(p, max);
  return cadre_parse_urlencoded(A, s, strlen(s), p);
}

static void expect_pair(const struct cadre_pairs *p, size_t i, const char *name, const char *value) {
  assert_true(i < p->n);
  assert_string_equal(p->items[i].name, name);
  assert_string_equal(p->items[i].value, value);
  assert_int_equal(p->items[i].len, strlen(value));
  assert_null(p->items[i].file);
  assert_null(p->items[i].json);
}

/* ---- urlencoded ----------------------------------------------------------- */

static void test_urlencoded_basic(void **state) {
  (void)state;
  struct cadre_pairs p;
  assert_int_equal(urlenc("a=1&b=x+y%21&c=%C4%90%e1%bb%97", &p, 10), CADRE_PARSE_OK);
  assert_int_equal(p.n, 3);
  expect_pair(&p, 0, "a", "1");
  expect_pair(&p, 1, "b", "x y!");
  expect_pair(&p, 2, "c", "Đỗ");
  /* encoded names, '=' inside a value, '+' and %2B */
  assert_int_equal(urlenc("ho%5Bten%5D=A%3DB=C&p=1%2B1+2", &p, 10), CADRE_PARSE_OK);
  expect_pair(&p, 0, "ho[ten]", "A=B=C");
  expect_pair(&p, 1, "p", "1+1 2");
  /* repeated names are kept in order (CF_MULTI) */
  assert_int_equal(urlenc("t=1&t=2&t=3", &p, 10), CADRE_PARSE_OK);
  assert_int_equal(p.n, 3);
  expect_pair(&p, 2, "t", "3");
  /* empty input */
  assert_int_equal(urlenc("", &p, 10), CADRE_PARSE_OK);
  assert_int_equal(p.n, 0);
}

static void test_urlencoded_empty_segments_and_bare_names(void **state) {
  (void)state;
  struct cadre_pairs p;
  assert_int_equal(urlenc("&&a=1&&b=2&", &p, 10), CADRE_PARSE_OK);
  assert_int_equal(p.n, 2);
  expect_pair(&p, 0, "a", "1");
  expect_pair(&p, 1, "b", "2");
  assert_int_equal(urlenc("flag&x=&y", &p, 10), CADRE_PARSE_OK);
  assert_int_equal(p.n, 3);
  expect_pair(&p, 0, "flag", "");
  expect_pair(&p, 1, "x", "");
  expect_pair(&p, 2, "y", "");
  /* a value without a name is malformed */
  assert_int_equal(urlenc("=x", &p, 10), CADRE_PARSE_MALFORMED);
  assert_int_equal(urlenc("a=1&=x", &p, 10), CADRE_PARSE_MALFORMED);
}

static void test_urlencoded_bad_escapes(void **state) {
  (void)state;
  struct cadre_pairs p;
  static const char *const bad[] = {"a=%", "a=%4", "a=%zz", "a=%4g",  "a=%g4",
                                    "%=1", "a%=1", "a=1%",  "a=%%41", "a=% 41"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    if (urlenc(bad[i], &p, 10) != CADRE_PARSE_MALFORMED)
      fail_msg("\"%s\" not refused as malformed", bad[i]);
  /* the escape may end exactly at the end of input */
  assert_int_equal(urlenc("a=%41", &p, 10), CADRE_PARSE_OK);
  expect_pair(&p, 0, "a", "A");
  assert_int_equal(urlenc("a=%4a%4A", &p, 10), CADRE_PARSE_OK);
  expect_pair(&p, 0, "a", "JJ");
}

static void test_urlencoded_nul_and_utf8(void **state) {
  (void)state;
  struct cadre_pairs p;
  assert_int_equal(urlenc("a=%00", &p, 10), CADRE_PARSE_NUL);
  assert_int_equal(urlenc("a%00b=1", &p, 10), CADRE_PARSE_NUL);
  cadre_pairs_init(&p, 10);
  assert_int_equal(cadre_parse_urlencoded(A, "a=x\0y", 5, &p), CADRE_PARSE_NUL);
  /* invalid UTF-8 after decoding, in a value or a name */
  assert_int_equal(urlenc("a=%C3%28", &p, 10), CADRE_PARSE_BAD_UTF8);
  assert_int_equal(urlenc("a=%C0%AF", &p, 10), CADRE_PARSE_BAD_UTF8);    /* overlong '/' */
  assert_int_equal(urlenc("a=%ED%A0%80", &p, 10), CADRE_PARSE_BAD_UTF8); /* surrogate */
  assert_int_equal(urlenc("a=%E1%BB", &p, 10), CADRE_PARSE_BAD_UTF8);
  assert_int_equal(urlenc("%FF=1", &p, 10), CADRE_PARSE_BAD_UTF8);
  assert_int_equal(urlenc("a=Nguy\xEAn", &p, 10), CADRE_PARSE_BAD_UTF8); /* raw Latin-1 */
  /* the length is honoured: bytes after len are not read */
  cadre_pairs_init(&p, 10);
  assert_int_equal(cadre_parse_urlencoded(A, "a=1&b=%ZZ", 3, &p), CADRE_PARSE_OK);
  expect_pair(&p, 0, "a", "1");
}

static void test_urlencoded_too_many_pairs(void **state) {
  (void)state;
  struct cadre_pairs p;
  assert_int_equal(urlenc("a=1&b=2", &p, 2), CADRE_PARSE_OK);
  assert_int_equal(urlenc("a=1&b=2&c=3", &p, 2), CADRE_PARSE_TOO_MANY);
  assert_int_equal(urlenc("a", &p, 0), CADRE_PARSE_TOO_MANY);
  /* many pairs grow the list past its first capacity */
  char big[4000];
  size_t o = 0;
  for (int i = 0; i < 300; i++)
    o += (size_t)snprintf(big + o, sizeof(big) - o, "%sk%d=%d", i ? "&" : "", i, i);
  assert_int_equal(urlenc(big, &p, 300), CADRE_PARSE_OK);
  assert_int_equal(p.n, 300);
  expect_pair(&p, 0, "k0", "0");
  expect_pair(&p, 17, "k17", "17");
  expect_pair(&p, 299, "k299", "299");
  assert_int_equal(urlenc(big, &p, 299), CADRE_PARSE_TOO_MANY);
}

/* ---- cookies and Content-Type --------------------------------------------- */

static void test_cookies(void **state) {
  (void)state;
  const char *h = "a_session=evil; session=abc123; theme=\"dark blue\"; empty=; last=z";
  assert_string_equal(cadre_cookie_get(A, h, "session"), "abc123");
  assert_string_equal(cadre_cookie_get(A, h, "a_session"), "evil");
  assert_string_equal(cadre_cookie_get(A, h, "theme"), "dark blue");
  assert_string_equal(cadre_cookie_get(A, h, "empty"), "");
  assert_string_equal(cadre_cookie_get(A, h, "last"), "z");
  assert_null(cadre_cookie_get(A, h, "sess"));
  assert_null(cadre_cookie_get(A, h, "ession"));
  assert_null(cadre_cookie_get(A, h, "missing"));
  /* a longer name with the same prefix comes first */
  assert_string_equal(cadre_cookie_get(A, "session_id=1;session=2", "session"), "2");
  assert_string_equal(cadre_cookie_get(A, "sessionx=1; session=2", "session"), "2");
  assert_null(cadre_cookie_get(A, "session_id=1", "session"));
  /* the first of two cookies with one name wins */
  assert_string_equal(cadre_cookie_get(A, "session=first; session=second", "session"), "first");
  /* a value holding '=' */
  assert_string_equal(cadre_cookie_get(A, "tok=a=b==", "tok"), "a=b==");
  /* a lone quote is not a quoted value */
  assert_string_equal(cadre_cookie_get(A, "q=\"", "q"), "\"");
  assert_null(cadre_cookie_get(A, NULL, "session"));
  assert_null(cadre_cookie_get(A, "", "session"));
  assert_null(cadre_cookie_get(A, ";;; ;", "session"));
}

static void test_content_type(void **state) {
  (void)state;
  assert_true(cadre_ctype_is("application/json", "application/json"));
  assert_true(cadre_ctype_is("application/json; charset=utf-8", "application/json"));
  assert_true(cadre_ctype_is("  Application/JSON;charset=UTF-8", "application/json"));
  assert_true(cadre_ctype_is("multipart/form-data ; boundary=x", "multipart/form-data"));
  assert_false(cadre_ctype_is("application/jsonx", "application/json"));
  assert_false(cadre_ctype_is("application/jso", "application/json"));
  assert_false(cadre_ctype_is("text/plain", "application/json"));
  assert_false(cadre_ctype_is(NULL, "application/json"));
  assert_false(cadre_ctype_is("", "application/json"));

  const char *ct = "multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4";
  assert_string_equal(cadre_ctype_param(A, ct, "boundary"), "----WebKitFormBoundary7MA4");
  assert_string_equal(cadre_ctype_param(A, ct, "charset"), "utf-8");
  assert_string_equal(cadre_ctype_param(A, "multipart/form-data; BOUNDARY=\"a b;c\"", "boundary"), "a b;c");
  assert_string_equal(cadre_ctype_param(A, "x/y; xboundary=1; boundary=2", "boundary"), "2");
  assert_string_equal(cadre_ctype_param(A, "x/y;boundary=abc ;q=1", "boundary"), "abc");
  assert_null(cadre_ctype_param(A, "x/y; boundary=\"unterminated", "boundary"));
  assert_null(cadre_ctype_param(A, "multipart/form-data", "boundary"));
  assert_null(cadre_ctype_param(A, "x/y; boundaryx=1", "boundary"));
  assert_null(cadre_ctype_param(A, NULL, "boundary"));
  assert_string_equal(cadre_ctype_param(A, "x/y; boundary=", "boundary"), "");
}

/* ---- multipart ------------------------------------------------------------ */

#define B "----cadreB0undary"
#define CRLF "\r\n"

static enum cadre_parse_err mp(const char *body, size_t len, size_t max_file, size_t max_files,
                               struct cadre_pairs *p, cadre_upload **files, size_t *nfiles) {
  cadre_pairs_init(p, 64);
  *files = NULL;
  *nfiles = 0;
  return cadre_parse_multipart(A, body, len, B, max_file, max_files, p, files, nfiles);
}

static const char form_body[] =
    "--" B CRLF "Content-Disposition: form-data; name=\"ho_ten\"" CRLF CRLF "Nguyễn Văn A" CRLF "--" B CRLF
    "content-disposition: form-data; name=\"ghi_chu\"" CRLF
    "Content-Type: text/plain; charset=utf-8" CRLF CRLF "dòng 1" CRLF "dòng 2" CRLF "--" B CRLF
    "Content-Disposition: form-data; name=\"minh_chung\"; filename=\"C:\\Users\\an\\Báo cáo.pdf\"" CRLF
    "Content-Type: application/pdf" CRLF CRLF "%PDF-1.4 \x00\x01\x02 binary" CRLF "--" B CRLF
    "Content-Disposition: form-data; name=\"anh\"; filename=\"../../etc/passwd\"" CRLF CRLF "x" CRLF
    "--" B CRLF "Content-Disposition: form-data; name=\"trong\"; filename=\"\"" CRLF
    "Content-Type: application/octet-stream" CRLF CRLF CRLF "--" B CRLF
    "Content-Disposition: form-data; name=\"rong\"" CRLF CRLF CRLF "--" B "--" CRLF;

static void test_multipart_fields_and_files(void **state) {
  (void)state;
  struct cadre_pairs p;
  cadre_upload *files;
  size_t nfiles;
  assert_int_equal(mp(form_body, sizeof(form_body) - 1, 1 << 20, 8, &p, &files, &nfiles), CADRE_PARSE_OK);
  assert_int_equal(p.n, 5); /* the empty file input is not a file */
  expect_pair(&p, 0, "ho_ten", "Nguyễn Văn A");
  expect_pair(&p, 1, "ghi_chu", "dòng 1\r\ndòng 2");
  assert_int_equal(nfiles, 2);
  /* file parts: the browser's path is cut to its last component */
  assert_string_equal(files[0].field, "minh_chung");
  assert_string_equal(files[0].filename, "Báo cáo.pdf");
  assert_int_equal(files[0].size, strlen("%PDF-1.4 ") + 3 + strlen(" binary"));
  assert_memory_equal(files[0].data, "%PDF-1.4 \x00\x01\x02 binary", files[0].size);
  assert_string_equal(files[1].field, "anh");
  assert_string_equal(files[1].filename, "passwd");
  assert_int_equal(files[1].size, 1);
  /* file pairs point at their upload and carry the name as value */
  assert_string_equal(p.items[2].name, "minh_chung");
  assert_ptr_equal(p.items[2].file, &files[0]);
  assert_string_equal(p.items[2].value, "Báo cáo.pdf");
  assert_ptr_equal(p.items[3].file, &files[1]);
  expect_pair(&p, 4, "rong", "");
}

static const char *one_file(const char *filename_param) {
  static char body[2048];
  snprintf(body, sizeof(body),
           "--" B CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"%s\"" CRLF CRLF "data" CRLF
           "--" B "--",
           filename_param);
  return body;
}

static void test_multipart_filename_sanitising(void **state) {
  (void)state;
  struct cadre_pairs p;
  cadre_upload *files;
  size_t nfiles;
  static const struct {
    const char *sent, *kept;
  } cases[] = {
      {"a/b/c.txt", "c.txt"},
      {"..\\..\\boot.ini", "boot.ini"},
      {"dir/", "tep-tai-len"},                                /* nothing left */
      {"t\x01\x1f\x7fn.txt", "tn.txt"},                       /* control characters dropped */
      {"a\302\205\302\237b\302\240c.txt", "ab\302\240c.txt"}, /* C1 too (not NBSP) */
      {"\xC3(.txt", "tep-tai-len"},                           /* invalid UTF-8 */
      {"Hồ sơ.docx", "Hồ sơ.docx"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const char *body = one_file(cases[i].sent);
    assert_int_equal(mp(body, strlen(body), 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
    assert_int_equal(nfiles, 1);
    if (strcmp(files[0].filename, cases[i].kept) != 0)
      fail_msg("filename \"%s\" kept as \"%s\", expected \"%s\"", cases[i].sent, files[0].filename,
               cases[i].kept);
  }
  /* a long name is cut to at most 200 bytes, on a character boundary */
  char name[400] = "ab";
  for (int i = 0; i < 60; i++)
    strcat(name, "Đề"); /* 5 bytes per pair: byte 200 falls inside a letter */
  const char *body = one_file(name);
  assert_int_equal(mp(body, strlen(body), 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  size_t kept = strlen(files[0].filename);
  assert_true(kept <= 200);
  assert_true(kept >= 195);
  assert_true(cadre_utf8_valid(files[0].filename, kept));
  assert_memory_equal(files[0].filename, name, kept);
}

static void test_multipart_malformed(void **state) {
  (void)state;
  struct cadre_pairs p;
  cadre_upload *files;
  size_t nfiles;
  static const char *const bad[] = {
      "",
      "--" B, /* delimiter only */
      "--wrong" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1" CRLF "--wrong--",
      "preamble" CRLF "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1" CRLF "--" B "--",
      /* truncated: no closing delimiter after the data */
      "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1234",
      /* truncated inside the headers */
      "--" B CRLF "Content-Disposition: form-data; name=\"a\"",
      /* a part without a name */
      "--" B CRLF "Content-Disposition: form-data" CRLF CRLF "1" CRLF "--" B "--",
      "--" B CRLF "Content-Disposition: form-data; name=\"\"" CRLF CRLF "1" CRLF "--" B "--",
      /* no headers at all */
      "--" B CRLF "Content-Type: text/plain" CRLF CRLF "1" CRLF "--" B "--",
      /* garbage after a delimiter */
      "--" B "xx" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1" CRLF "--" B "--",
      /* unterminated quoted name */
      "--" B CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "1" CRLF "--" B "--",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    if (mp(bad[i], strlen(bad[i]), 100, 4, &p, &files, &nfiles) != CADRE_PARSE_MALFORMED)
      fail_msg("multipart case %zu not refused as malformed", i);
  /* missing or absurd boundary */
  const char *ok = "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1" CRLF "--" B "--";
  cadre_pairs_init(&p, 8);
  assert_int_equal(cadre_parse_multipart(A, ok, strlen(ok), NULL, 100, 4, &p, &files, &nfiles),
                   CADRE_PARSE_MALFORMED);
  assert_int_equal(cadre_parse_multipart(A, ok, strlen(ok), "", 100, 4, &p, &files, &nfiles),
                   CADRE_PARSE_MALFORMED);
  char longb[300];
  memset(longb, 'b', sizeof(longb) - 1);
  longb[sizeof(longb) - 1] = '\0';
  assert_int_equal(cadre_parse_multipart(A, ok, strlen(ok), longb, 100, 4, &p, &files, &nfiles),
                   CADRE_PARSE_MALFORMED);
  /* the same body parses with the right boundary */
  assert_int_equal(mp(ok, strlen(ok), 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  expect_pair(&p, 0, "a", "1");
}

static void test_multipart_limits(void **state) {
  (void)state;
  struct cadre_pairs p;
  cadre_upload *files;
  size_t nfiles;
  const char *body = one_file("x.bin"); /* 4 bytes of data */
  assert_int_equal(mp(body, strlen(body), 4, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  assert_int_equal(mp(body, strlen(body), 3, 4, &p, &files, &nfiles), CADRE_PARSE_TOO_LARGE);

  char three[1024];
  snprintf(three, sizeof(three),
           "--" B CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"1\"" CRLF CRLF "a" CRLF
           "--" B CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"2\"" CRLF CRLF "b" CRLF
           "--" B CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"3\"" CRLF CRLF "c" CRLF "--" B
           "--");
  assert_int_equal(mp(three, strlen(three), 10, 3, &p, &files, &nfiles), CADRE_PARSE_OK);
  assert_int_equal(nfiles, 3);
  assert_int_equal(mp(three, strlen(three), 10, 2, &p, &files, &nfiles), CADRE_PARSE_TOO_MANY);
  assert_int_equal(mp(three, strlen(three), 10, 0, &p, &files, &nfiles), CADRE_PARSE_TOO_MANY);
  /* the pair limit applies to text parts too */
  cadre_pairs_init(&p, 2);
  assert_int_equal(cadre_parse_multipart(A, three, strlen(three), B, 10, 8, &p, &files, &nfiles),
                   CADRE_PARSE_TOO_MANY);
}

static void test_multipart_text_part_checks(void **state) {
  (void)state;
  struct cadre_pairs p;
  cadre_upload *files;
  size_t nfiles;
  static const char bad_utf8[] =
      "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "Nguy\xEAn" CRLF "--" B "--";
  assert_int_equal(mp(bad_utf8, sizeof(bad_utf8) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_BAD_UTF8);
  static const char nul[] =
      "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "x\0y" CRLF "--" B "--";
  assert_int_equal(mp(nul, sizeof(nul) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_NUL);
  static const char bad_name[] =
      "--" B CRLF "Content-Disposition: form-data; name=\"\xC3(\"" CRLF CRLF "1" CRLF "--" B "--";
  assert_int_equal(mp(bad_name, sizeof(bad_name) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_BAD_UTF8);
  /* a file part may hold anything */
  static const char bin[] = "--" B CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"b\"" CRLF CRLF
                            "\xFF\0\xC3(" CRLF "--" B "--";
  assert_int_equal(mp(bin, sizeof(bin) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  assert_int_equal(files[0].size, 4);
  /* "filename" is not mistaken for "name", whatever the order */
  static const char order[] =
      "--" B CRLF "Content-Disposition: form-data; filename=\"r.txt\"; name=\"real\"" CRLF CRLF "z" CRLF
      "--" B "--";
  assert_int_equal(mp(order, sizeof(order) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  assert_string_equal(files[0].field, "real");
  assert_string_equal(files[0].filename, "r.txt");
  /* a delimiter-like line inside the data that is not the boundary */
  static const char lookalike[] = "--" B CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "--" B
                                  "x is not it" CRLF "--" B "--";
  assert_int_equal(mp(lookalike, sizeof(lookalike) - 1, 100, 4, &p, &files, &nfiles), CADRE_PARSE_OK);
  expect_pair(&p, 0, "a", "--" B "x is not it");
}

/* ---- JSON ------------------------------------------------------------------ */

static enum cadre_parse_err js(const char *body, size_t len, struct cadre_pairs *p, json_t **root,
                               char *err) {
  cadre_pairs_init(p, 16);
  *root = NULL;
  err[0] = '\0';
  return cadre_parse_json_body(A, body, len, p, root, err, 200);
}

static const struct cadre_pair *find(const struct cadre_pairs *p, const char *name) {
  for (size_t i = 0; i < p->n; i++)
    if (strcmp(p->items[i].name, name) == 0)
      return &p->items[i];
  return NULL;
}

static void test_json_object(void **state) {
  (void)state;
  struct cadre_pairs p;
  json_t *root;
  char err[200];
  const char *body = "{\"ho_ten\":\"Nguyễn Văn A\",\"tuoi\":42,\"diem\":9.5,\"co\":true,"
                     "\"khong\":false,\"rong\":null,\"ds\":[1,2],\"obj\":{\"k\":1},\"am\":-7}";
  assert_int_equal(js(body, strlen(body), &p, &root, err), CADRE_PARSE_OK);
  assert_true(json_is_object(root));
  assert_int_equal(p.n, 9);
  const struct cadre_pair *x = find(&p, "ho_ten");
  assert_string_equal(x->value, "Nguyễn Văn A");
  assert_int_equal(x->len, strlen("Nguyễn Văn A"));
  assert_true(json_is_string(x->json));
  assert_string_equal(find(&p, "tuoi")->value, "42");
  assert_string_equal(find(&p, "diem")->value, "9.5");
  assert_string_equal(find(&p, "co")->value, "1");
  assert_string_equal(find(&p, "khong")->value, "0");
  assert_string_equal(find(&p, "am")->value, "-7");
  x = find(&p, "rong");
  assert_null(x->value);
  assert_true(json_is_null(x->json));
  x = find(&p, "ds");
  assert_null(x->value);
  assert_true(json_is_array(x->json));
  assert_true(json_is_object(find(&p, "obj")->json));
  /* empty object */
  assert_int_equal(js("{}", 2, &p, &root, err), CADRE_PARSE_OK);
  assert_int_equal(p.n, 0);
  /* surrounding white space is fine */
  assert_int_equal(js(" \n{\"a\":\"1\"}\n ", 13, &p, &root, err), CADRE_PARSE_OK);
  assert_int_equal(p.n, 1);
}

static void test_json_rejects(void **state) {
  (void)state;
  struct cadre_pairs p;
  json_t *root;
  char err[200];
  static const char *const bad[] = {
      "{\"a\":1,\"a\":2}", /* duplicate keys */
      "{\"a\":1,}",
      "{\"a\":1",
      "{'a':1}",
      "",
      "   ",
      "{\"a\":1}{\"b\":2}",
      "{\"a\":01}",
      "{\"a\":NaN}",
      "{\"a\":\"\\x41\"}",
      "{\"a\":\"\\ud800\"}", /* lone surrogate escape */
      "{\"a\":99999999999999999999999}",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    if (js(bad[i], strlen(bad[i]), &p, &root, err) != CADRE_PARSE_MALFORMED)
      fail_msg("JSON body %s not refused", bad[i]);
    assert_true(err[0] != '\0'); /* a detail for the 400 message */
  }
  /* valid JSON that is not an object */
  assert_int_equal(js("[1,2]", 5, &p, &root, err), CADRE_PARSE_MALFORMED);
  assert_non_null(strstr(err, "đối tượng"));
  assert_int_equal(p.n, 0);
  assert_int_equal(js("[{\"a\":1}]", 9, &p, &root, err), CADRE_PARSE_MALFORMED);
  assert_int_equal(p.n, 0);
  static const char *const scalars[] = {"\"text\"", "42", "null", "true"};
  for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
    assert_int_equal(js(scalars[i], strlen(scalars[i]), &p, &root, err), CADRE_PARSE_MALFORMED);
    assert_true(err[0] != '\0');
    assert_int_equal(p.n, 0);
  }
}

static void test_json_utf8_and_nul(void **state) {
  (void)state;
  struct cadre_pairs p;
  json_t *root;
  char err[200];
  static const char bad_utf8[] = "{\"a\":\"Nguy\xEAn\"}";
  assert_int_not_equal(js(bad_utf8, sizeof(bad_utf8) - 1, &p, &root, err), CADRE_PARSE_OK);
  static const char bad_key[] = "{\"\xC3(\":1}";
  assert_int_not_equal(js(bad_key, sizeof(bad_key) - 1, &p, &root, err), CADRE_PARSE_OK);
  /* NUL as an escape, in a value and in a key, and as a raw byte */
  static const char *const nul[] = {"{\"a\":\"x\\u0000y\"}", "{\"a\\u0000b\":1}"};
  for (size_t i = 0; i < 2; i++) {
    enum cadre_parse_err e = js(nul[i], strlen(nul[i]), &p, &root, err);
    if (e != CADRE_PARSE_MALFORMED && e != CADRE_PARSE_NUL)
      fail_msg("%s accepted", nul[i]);
  }
  static const char raw_nul[] = "{\"a\":\"x\0y\"}";
  assert_int_not_equal(js(raw_nul, sizeof(raw_nul) - 1, &p, &root, err), CADRE_PARSE_OK);
  /* escapes of valid characters are fine */
  const char *ok = "{\"a\":\"\\u0110\\u1ed7 \\\"q\\\" \\n\"}";
  assert_int_equal(js(ok, strlen(ok), &p, &root, err), CADRE_PARSE_OK);
  assert_string_equal(p.items[0].value, "Đỗ \"q\" \n");
}

static void test_json_too_many_members(void **state) {
  (void)state;
  struct cadre_pairs p;
  json_t *root;
  char err[200];
  cadre_pairs_init(&p, 2);
  const char *body = "{\"a\":1,\"b\":2,\"c\":3}";
  assert_int_equal(cadre_parse_json_body(A, body, strlen(body), &p, &root, err, sizeof(err)),
                   CADRE_PARSE_TOO_MANY);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_urlencoded_basic),
      cmocka_unit_test(test_urlencoded_empty_segments_and_bare_names),
      cmocka_unit_test(test_urlencoded_bad_escapes),
      cmocka_unit_test(test_urlencoded_nul_and_utf8),
      cmocka_unit_test(test_urlencoded_too_many_pairs),
      cmocka_unit_test(test_cookies),
      cmocka_unit_test(test_content_type),
      cmocka_unit_test(test_multipart_fields_and_files),
      cmocka_unit_test(test_multipart_filename_sanitising),
      cmocka_unit_test(test_multipart_malformed),
      cmocka_unit_test(test_multipart_limits),
      cmocka_unit_test(test_multipart_text_part_checks),
      cmocka_unit_test(test_json_object),
      cmocka_unit_test(test_json_rejects),
      cmocka_unit_test(test_json_utf8_and_nul),
      cmocka_unit_test(test_json_too_many_members),
  };
  return cmocka_run_group_tests_name("parse", tests, setup, teardown);
}
