/* Unit tests of routing (cgi-bin/router.c): path cleaning and decoding,
 * route matching against fake plugin descriptors registered with
 * cadre_registry_set(), 404/405 and method names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../cgi-bin/router.h"

static cadre_arena *A;

static int h_list(cadre_req *r) { return (void)r, 200; }
static int h_get(cadre_req *r) { return (void)r, 200; }
static int h_export(cadre_req *r) { return (void)r, 200; }
static int h_update(cadre_req *r) { return (void)r, 200; }
static int h_delete(cadre_req *r) { return (void)r, 200; }
static int h_file(cadre_req *r) { return (void)r, 200; }
static int h_root(cadre_req *r) { return (void)r, 200; }
static int h_create(cadre_req *r) { return (void)r, 200; }

static const struct cadre_field f_id[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
                                          {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_id_fid[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
                                              {"fid", CF_ID, CF_PATH, 0, 0, NULL, "Tệp"},
                                              {NULL, 0, 0, 0, 0, NULL, NULL}};

/* The {id} route is declared before the literal one on purpose: the literal
 * must win whatever the order. */
static const struct cadre_route task_routes[] = {
    {CADRE_GET, "/", h_root, NULL, NULL, 0, 0, "root"},
    {CADRE_GET, "/tasks", h_list, NULL, NULL, 0, 0, "list"},
    {CADRE_POST, "/tasks", h_create, NULL, NULL, 0, 0, "create"},
    {CADRE_GET, "/tasks/{id}", h_get, NULL, f_id, 0, 0, "get"},
    {CADRE_GET, "/tasks/export", h_export, NULL, NULL, 0, 0, "export"},
    {CADRE_PUT, "/tasks/{id}", h_update, NULL, f_id, 0, 0, "update"},
    {CADRE_DELETE, "/tasks/{id}", h_delete, NULL, f_id, 0, 0, "delete"},
    {CADRE_GET, "/tasks/{id}/files/{fid}", h_file, NULL, f_id_fid, 0, 0, "file"},
    {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

static const struct cadre_route other_routes[] = {
    {CADRE_POST, "/ping", h_list, NULL, NULL, 0, 0, "ping"},
    {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

static const struct cadre_plugin tasks_plugin = {
    .abi = CADRE_ABI_BLOCK, .name = "tasks", .title = "Nhiệm vụ", .routes = task_routes};
static const struct cadre_plugin other_plugin = {
    .abi = CADRE_ABI_BLOCK, .name = "other", .title = "Khác", .routes = other_routes};
static const struct cadre_registered registered[] = {
    {.desc = &other_plugin, .first_route_id = 0, .nroutes = 1},
    {.desc = &tasks_plugin, .first_route_id = 1, .nroutes = 8},
};

static int setup(void **state) {
  (void)state;
  A = cadre_arena_new(0);
  cadre_registry_set(registered, 2, 9);
  return A ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cadre_registry_set(NULL, 0, 0);
  cadre_arena_free(A);
  return 0;
}

/* ---- path cleaning ---------------------------------------------------------- */

static void expect_clean(const char *uri, const char *path, const char *query) {
  const char *p = NULL, *q = NULL;
  if (cadre_path_clean(A, uri, &p, &q) != CADRE_ROUTE_OK)
    fail_msg("\"%s\" refused", uri);
  assert_string_equal(p, path);
  assert_string_equal(q, query);
}

static void test_path_clean_accepts_and_decodes(void **state) {
  (void)state;
  expect_clean("/api/tasks/tasks", "/api/tasks/tasks", "");
  expect_clean("/api/tasks/tasks?page=2&q=a%20b", "/api/tasks/tasks", "page=2&q=a%20b");
  expect_clean("/api/tasks/tasks/?", "/api/tasks/tasks/", "");
  expect_clean("/a?b?c", "/a", "b?c"); /* the first '?' splits */
  expect_clean("/api/x/%C4%90%E1%BB%97", "/api/x/Đỗ", "");
  expect_clean("/api/x/%41%62c", "/api/x/Abc", "");
  expect_clean("/api/x/a+b", "/api/x/a+b", ""); /* '+' is only a space in queries */
  expect_clean("/api/x/a%20b", "/api/x/a b", "");
  expect_clean("/", "/", "");
  /* dots inside names are fine */
  expect_clean("/api/x/file.v2.pdf", "/api/x/file.v2.pdf", "");
  expect_clean("/api/x/.hidden", "/api/x/.hidden", "");
  expect_clean("/api/x/...", "/api/x/...", "");
  expect_clean("/api/x/a..b", "/api/x/a..b", "");
  /* a malformed query is the parser's business, not the router's */
  expect_clean("/api/x?%zz", "/api/x", "%zz");
}

static void test_path_clean_refuses(void **state) {
  (void)state;
  static const char *const bad[] = {
      "", /* not absolute */
      "api/x",
      "/api/../etc/passwd", /* dot segments */
      "/api/x/..",
      "/api/x/../y",
      "/api/x/.",
      "/api/./x",
      "/api/x/%2e%2e/y", /* … also when encoded */
      "/api/x/%2E%2E",
      "/api/x/.%2e/y",
      "/api/x/%2e/y",
      "//api/x", /* empty segments */
      "/api//x",
      "/api/x//",
      "/api/x/%2F/y", /* encoded separators and NUL */
      "/api/x/a%2fb",
      "/api/x/a%5Cb",
      "/api/x/a%5cb",
      "/api/x/a%00b",
      "/api/x/%", /* bad escapes */
      "/api/x/%4",
      "/api/x/%zz",
      "/api/x/%G0",
      "/api/x/%4?q=1",
      "/api/x/%C3%28",    /* invalid UTF-8 after decoding */
      "/api/x/%C0%AF",    /* overlong '/' */
      "/api/x/%ED%A0%80", /* surrogate */
      "/api/x/\xC3(",     /* raw invalid UTF-8 */
      "/api/x/Nguy\xEAn",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    const char *p = NULL, *q = NULL;
    if (cadre_path_clean(A, bad[i], &p, &q) != CADRE_ROUTE_BAD_PATH)
      fail_msg("\"%s\" accepted as \"%s\"", bad[i], p ? p : "(null)");
  }
  const char *p, *q;
  assert_int_equal(cadre_path_clean(A, NULL, &p, &q), CADRE_ROUTE_BAD_PATH);
}

/* ---- matching ---------------------------------------------------------------- */

static enum cadre_route_result find(const char *path, enum cadre_method m, struct cadre_route_match *out) {
  return cadre_route_find(A, path, m, out);
}

static void test_route_literal_and_params(void **state) {
  (void)state;
  struct cadre_route_match m;
  assert_int_equal(find("/api/tasks/tasks", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_list);
  assert_ptr_equal(m.plugin->desc, &tasks_plugin);
  assert_int_equal(m.route_id, 1 + 1); /* plugin's first id + index */
  assert_int_equal(m.nparams, 0);

  assert_int_equal(find("/api/tasks/tasks", CADRE_POST, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_create);
  assert_int_equal(m.route_id, 1 + 2);

  /* {id} captures the segment as text (validation comes later) */
  assert_int_equal(find("/api/tasks/tasks/42", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_get);
  assert_int_equal(m.nparams, 1);
  assert_string_equal(m.params[0].name, "id");
  assert_string_equal(m.params[0].value, "42");
  assert_int_equal(m.params[0].len, 2);
  assert_null(m.params[0].file);
  assert_int_equal(find("/api/tasks/tasks/Đỗ Văn", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_string_equal(m.params[0].value, "Đỗ Văn");

  /* the literal segment beats {id}, though declared after it */
  assert_int_equal(find("/api/tasks/tasks/export", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_export);
  assert_int_equal(m.nparams, 0);
  assert_int_equal(m.route_id, 1 + 4);
  /* … but only for its own method */
  assert_int_equal(find("/api/tasks/tasks/export", CADRE_PUT, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_update);
  assert_string_equal(m.params[0].value, "export");

  /* two params */
  assert_int_equal(find("/api/tasks/tasks/7/files/9", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_file);
  assert_int_equal(m.nparams, 2);
  assert_string_equal(m.params[0].name, "id");
  assert_string_equal(m.params[0].value, "7");
  assert_string_equal(m.params[1].name, "fid");
  assert_string_equal(m.params[1].value, "9");

  /* the plugin root */
  assert_int_equal(find("/api/tasks/", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_root);
  assert_int_equal(find("/api/tasks", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.route->handler, h_root);

  /* the other plugin's routes are its own */
  assert_int_equal(find("/api/other/ping", CADRE_POST, &m), CADRE_ROUTE_OK);
  assert_ptr_equal(m.plugin->desc, &other_plugin);
  assert_int_equal(m.route_id, 0);
  assert_int_equal(find("/api/other/tasks", CADRE_GET, &m), CADRE_ROUTE_NOT_FOUND);
}

static void test_route_not_found(void **state) {
  (void)state;
  struct cadre_route_match m;
  static const char *const missing[] = {
      "/api/tasks/tasks/", /* trailing slash is another address */
      "/api/tasks/tasks/42/",
      "/api/tasks/task",
      "/api/tasks/tasksx",
      "/api/tasks/tasks/42/extra",
      "/api/tasks/tasks/7/files",
      "/api/tasks/tasks/7/files/",
      "/api/tasks/TASKS",
      "/api/nope/tasks", /* unknown plugin */
      "/api/task/tasks",
      "/api/tasksx/tasks",
      "/api/",
      "/api",
      "/apix/tasks/tasks",
      "/tasks/tasks",
      "/api/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x", /* name too long */
  };
  for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
    enum cadre_route_result r = find(missing[i], CADRE_GET, &m);
    if (r != CADRE_ROUTE_NOT_FOUND)
      fail_msg("\"%s\": %d, expected not found", missing[i], (int)r);
    assert_null(m.route);
    assert_int_equal(m.route_id, -1);
  }
  /* an unknown plugin has no plugin in the match */
  find("/api/nope/tasks", CADRE_GET, &m);
  assert_null(m.plugin);
}

static void test_route_bad_method_lists_allowed(void **state) {
  (void)state;
  struct cadre_route_match m;
  assert_int_equal(find("/api/tasks/tasks", CADRE_DELETE, &m), CADRE_ROUTE_BAD_METHOD);
  assert_null(m.route);
  assert_int_equal(m.allowed, CADRE_GET | CADRE_POST);
  assert_int_equal(find("/api/tasks/tasks/5", CADRE_POST, &m), CADRE_ROUTE_BAD_METHOD);
  assert_int_equal(m.allowed, CADRE_GET | CADRE_PUT | CADRE_DELETE);
  /* /tasks/export matches both the literal and {id} routes */
  assert_int_equal(find("/api/tasks/tasks/export", CADRE_PATCH, &m), CADRE_ROUTE_BAD_METHOD);
  assert_int_equal(m.allowed, CADRE_GET | CADRE_PUT | CADRE_DELETE);
  assert_int_equal(find("/api/other/ping", CADRE_GET, &m), CADRE_ROUTE_BAD_METHOD);
  assert_int_equal(m.allowed, CADRE_POST);
}

static void test_too_many_params_do_not_overflow(void **state) {
  (void)state;
  /* a route with more {params} than the match can hold never matches */
  static const struct cadre_route many[] = {
      {CADRE_GET, "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", h_list, NULL, NULL, 0, 0, "nine"},
      {CADRE_GET, "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}", h_get, NULL, NULL, 0, 0, "eight"},
      {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
  };
  static const struct cadre_plugin p = {.abi = CADRE_ABI_BLOCK, .name = "many", .title = "x", .routes = many};
  static const struct cadre_registered reg[] = {{.desc = &p, .first_route_id = 0, .nroutes = 2}};
  cadre_registry_set(reg, 1, 2);
  struct cadre_route_match m;
  assert_int_equal(find("/api/many/1/2/3/4/5/6/7/8/9", CADRE_GET, &m), CADRE_ROUTE_NOT_FOUND);
  assert_int_equal(find("/api/many/1/2/3/4/5/6/7/8", CADRE_GET, &m), CADRE_ROUTE_OK);
  assert_int_equal(m.nparams, CADRE_MAX_PATH_PARAMS);
  assert_string_equal(m.params[7].value, "8");
  cadre_registry_set(registered, 2, 9);
}

static void test_method_parse(void **state) {
  (void)state;
  assert_int_equal(cadre_method_parse("GET"), CADRE_GET);
  assert_int_equal(cadre_method_parse("HEAD"), CADRE_GET);
  assert_int_equal(cadre_method_parse("POST"), CADRE_POST);
  assert_int_equal(cadre_method_parse("PUT"), CADRE_PUT);
  assert_int_equal(cadre_method_parse("PATCH"), CADRE_PATCH);
  assert_int_equal(cadre_method_parse("DELETE"), CADRE_DELETE);
  static const char *const bad[] = {"get", "Get", "OPTIONS", "TRACE", "CONNECT", "", "GETX", "GET "};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    assert_int_equal(cadre_method_parse(bad[i]), 0);
  assert_int_equal(cadre_method_parse(NULL), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_path_clean_accepts_and_decodes),
      cmocka_unit_test(test_path_clean_refuses),
      cmocka_unit_test(test_route_literal_and_params),
      cmocka_unit_test(test_route_not_found),
      cmocka_unit_test(test_route_bad_method_lists_allowed),
      cmocka_unit_test(test_too_many_params_do_not_overflow),
      cmocka_unit_test(test_method_parse),
  };
  return cmocka_run_group_tests_name("router", tests, setup, teardown);
}
