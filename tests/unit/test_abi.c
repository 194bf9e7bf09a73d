/* Unit tests of the plugin checks (cgi-bin/abi_check.c): the ABI block
 * compared field by field, the descriptor's routes and fields, and an
 * end-to-end load of fixture plugins (tests/fixtures/plugins/NAME.c, built
 * into $(B)/tests/fixtures/NAME.so) through cgi-bin/plugin_loader.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../cgi-bin/abi_check.h"
#include "../../cgi-bin/plugin_loader.h"

/* ---- ABI block ---------------------------------------------------------- */

static void test_host_abi_passes(void **state) {
  (void)state;
  struct cadre_abi a = cadre_host_abi();
  char why[256] = "untouched";
  assert_int_equal(cadre_abi_check(&a, why, sizeof(why)), 0);
  assert_int_equal(a.magic, CADRE_ABI_MAGIC);
  assert_int_equal(a.major, CADRE_ABI_MAJOR);
  assert_int_equal(a.descriptor_size, sizeof(struct cadre_plugin));
  assert_int_equal(a.pointer_size, sizeof(void *));
  /* the same block as a plugin compiles it */
  struct cadre_abi compiled = CADRE_ABI_BLOCK;
  assert_int_equal(cadre_abi_check(&compiled, why, sizeof(why)), 0);
  assert_int_equal(cadre_abi_check(NULL, why, sizeof(why)), -1);
}

/* Each field changed in turn is refused, and the message names it. */
static void test_each_abi_field_is_checked(void **state) {
  (void)state;
  static const char *const names[] = {"magic",       "major",      "minor",         "descriptor_size",
                                      "route_size",  "field_size", "pointer_size",  "long_size",
                                      "time_t_size", "off_t_size", "jansson_major", "mariadb_major"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    struct cadre_abi a = cadre_host_abi();
    switch (i) {
    case 0: a.magic ^= 0x01000000u; break;
    case 1: a.major++; break;
    case 2: a.minor++; break; /* a newer minor than the host's */
    case 3: a.descriptor_size += 8; break;
    case 4: a.route_size -= 8; break;
    case 5: a.field_size += 8; break;
    case 6: a.pointer_size = 4; break;
    case 7: a.long_size = a.long_size == 8 ? 4 : 8; break;
    case 8: a.time_t_size = 4; break;
    case 9: a.off_t_size = 4; break;
    case 10: a.jansson_major++; break;
    case 11: a.mariadb_major++; break;
    }
    char why[256] = "";
    assert_int_equal(cadre_abi_check(&a, why, sizeof(why)), -1);
    char want[64];
    snprintf(want, sizeof(want), "abi.%s ", names[i]);
    if (!strstr(why, want))
      fail_msg("changing %s gave \"%s\"", names[i], why);
  }
}

static void test_abi_message_shows_both_values_and_magic_first(void **state) {
  (void)state;
  struct cadre_abi a = cadre_host_abi();
  a.field_size = 1234;
  char why[256];
  cadre_abi_check(&a, why, sizeof(why));
  char want[80];
  snprintf(want, sizeof(want), "abi.field_size is 1234, host expects %u",
           (unsigned)sizeof(struct cadre_field));
  assert_string_equal(why, want);
  /* with a bad magic nothing else is reported */
  a = cadre_host_abi();
  a.magic = 0xDEADBEEF;
  a.major = 77;
  a.route_size = 1;
  cadre_abi_check(&a, why, sizeof(why));
  assert_non_null(strstr(why, "abi.magic is 0xdeadbeef"));
  assert_null(strstr(why, "major"));
  /* the first differing field is named */
  a = cadre_host_abi();
  a.long_size = 2;
  a.mariadb_major = 1;
  cadre_abi_check(&a, why, sizeof(why));
  assert_non_null(strstr(why, "abi.long_size"));
  /* an older or equal minor is fine */
  a = cadre_host_abi();
  if (a.minor > 0) {
    a.minor--;
    assert_int_equal(cadre_abi_check(&a, why, sizeof(why)), 0);
  }
  /* a short buffer is not overrun */
  a = cadre_host_abi();
  a.major = 9;
  char tiny[8];
  memset(tiny, 'x', sizeof(tiny));
  assert_int_equal(cadre_abi_check(&a, tiny, 5), -1);
  assert_int_equal(tiny[4], '\0');
  assert_int_equal(tiny[5], 'x');
}

/* ---- descriptor checks ------------------------------------------------------- */

static int handler(cadre_req *req) { return (void)req, 200; }
static int run_cmd(cadre_req *ctx, int argc, char **argv) { return (void)ctx, (void)argc, (void)argv, 0; }

static const char *const choices[] = {"a", "b", NULL};
static const struct cadre_field f_ok[] = {
    {"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
    {"kind", CF_ENUM, 0, 0, 0, choices, "Loại"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_file[] = {{"doc", CF_FILE, 0, 0, 0, NULL, "Tệp"},
                                            {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_not_path[] = {{"id", CF_ID, 0, 0, 0, NULL, "Mã"},
                                                {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_path_only[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
                                                 {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_two_path[] = {{"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
                                                {"sub", CF_ID, CF_PATH, 0, 0, NULL, "Mã con"},
                                                {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_dup[] = {{"q", CF_STRING, 0, 0, 0, NULL, "A"},
                                           {"n", CF_INT, 0, 0, 0, NULL, "B"},
                                           {"q", CF_INT, 0, 0, 0, NULL, "C"},
                                           {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_enum[] = {{"k", CF_ENUM, 0, 0, 0, NULL, "Loại"},
                                            {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_type0[] = {{"k", 0, 0, 0, 0, NULL, "x"}, {NULL, 0, 0, 0, 0, NULL, NULL}};
static const struct cadre_field f_type99[] = {{"k", 99, 0, 0, 0, NULL, "x"}, {NULL, 0, 0, 0, 0, NULL, NULL}};

static struct cadre_route routes[4];
static struct cadre_command commands[2];
static struct cadre_plugin plugin;

/* A valid plugin with two routes and a command; tests break one thing. */
static void reset_plugin(void) {
  memset(routes, 0, sizeof(routes));
  routes[0] = (struct cadre_route){CADRE_GET, "/things/{id}", handler, NULL, f_ok, 0, 0, "get"};
  routes[1] =
      (struct cadre_route){CADRE_POST, "/things", handler, "admin", f_file, 0, CADRE_RF_MULTIPART, "create"};
  routes[2] = (struct cadre_route){CADRE_PUT, "/things/{id}", handler, "admin", f_path_only, 0, 0, "update"};
  memset(commands, 0, sizeof(commands));
  commands[0] = (struct cadre_command){"import", run_cmd, "import FILE", "Nhập"};
  plugin = (struct cadre_plugin){
      .abi = CADRE_ABI_BLOCK, .name = "things", .title = "Đồ vật", .routes = routes, .commands = commands};
}

static void expect_refused(const char *needle) {
  char why[512] = "";
  assert_int_equal(cadre_plugin_check(&plugin, why, sizeof(why)), -1);
  if (!strstr(why, needle))
    fail_msg("refusal \"%s\" does not mention \"%s\"", why, needle);
}

static void test_plugin_check_valid(void **state) {
  (void)state;
  reset_plugin();
  char why[256] = "";
  assert_int_equal(cadre_plugin_check(&plugin, why, sizeof(why)), 0);
  /* no routes and no commands is a valid (if useless) plugin */
  plugin.routes = NULL;
  plugin.commands = NULL;
  assert_int_equal(cadre_plugin_check(&plugin, why, sizeof(why)), 0);
  /* names: lower case, digits, underscore, starting with a letter, ≤ 31 */
  static const char *const good[] = {"a", "tasks", "llct2", "a_b_c", "abcdefghijklmnopqrstuvwxyz01234"};
  for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
    reset_plugin();
    plugin.name = good[i];
    if (cadre_plugin_check(&plugin, why, sizeof(why)) != 0)
      fail_msg("name \"%s\" refused: %s", good[i], why);
  }
}

static void test_plugin_check_names_and_title(void **state) {
  (void)state;
  static const char *const bad[] = {"",
                                    "Tasks",
                                    "1abc",
                                    "_x",
                                    "ta-sks",
                                    "a b",
                                    "tåsks",
                                    "a.b",
                                    "a/b",
                                    "x\n",
                                    "abcdefghijklmnopqrstuvwxyz012345"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    reset_plugin();
    plugin.name = bad[i];
    expect_refused("name");
  }
  reset_plugin();
  plugin.name = NULL;
  expect_refused("name");
  reset_plugin();
  plugin.title = "";
  expect_refused("title");
  reset_plugin();
  plugin.title = NULL;
  expect_refused("title");
}

static void test_plugin_check_routes(void **state) {
  (void)state;
  reset_plugin();
  routes[1].handler = NULL;
  expect_refused("/things has no handler");

  reset_plugin();
  routes[0].method = CADRE_GET | CADRE_POST;
  expect_refused("method must be exactly one");
  reset_plugin();
  routes[0].method = 0;
  expect_refused("method");
  reset_plugin();
  routes[0].method = 32;
  expect_refused("method");

  reset_plugin();
  routes[1].path = "things";
  expect_refused("must start with '/'");

  reset_plugin();
  routes[0].fields = f_not_path; /* {id} declared, but not CF_PATH */
  expect_refused("{id} is not declared as a CF_PATH field");
  reset_plugin();
  routes[0].fields = NULL; /* {id} not declared at all */
  expect_refused("{id} is not declared");
  reset_plugin();
  routes[0].path = "/things/{id}/parts/{sub}";
  expect_refused("{sub} is not declared");

  reset_plugin();
  routes[1].fields = f_path_only; /* CF_PATH field, no {id} in "/things" */
  expect_refused("a CF_PATH field is not in the path");
  reset_plugin();
  routes[0].fields = f_two_path; /* {id} in the path, {sub} missing */
  expect_refused("a CF_PATH field is not in the path");

  static const char *const partial[] = {"/things/x{id}", "/things/{id}x", "/things/{id", "/{id}{id}"};
  for (size_t i = 0; i < sizeof(partial) / sizeof(partial[0]); i++) {
    reset_plugin();
    routes[0].path = partial[i];
    expect_refused("route");
  }

  /* the same method and path twice; the same path with other methods is fine */
  reset_plugin();
  routes[2].method = CADRE_GET;
  expect_refused("/things/{id} declared twice");
  reset_plugin();
  routes[2] = routes[0];
  routes[2].method = CADRE_DELETE;
  char why[256];
  assert_int_equal(cadre_plugin_check(&plugin, why, sizeof(why)), 0);
}

static void test_plugin_check_fields(void **state) {
  (void)state;
  reset_plugin();
  routes[1].fields = f_dup;
  expect_refused("field q declared twice");
  reset_plugin();
  routes[1].fields = f_enum;
  expect_refused("enum field k has no choices");
  reset_plugin();
  routes[1].flags = 0; /* CF_FILE without multipart */
  expect_refused("file field doc needs CADRE_RF_MULTIPART");
  reset_plugin();
  routes[1].fields = f_type0;
  expect_refused("unknown type");
  reset_plugin();
  routes[1].fields = f_type99;
  expect_refused("unknown type");
  reset_plugin();
  commands[0].run = NULL;
  expect_refused("command import has no function");
}

/* ---- loading real shared objects ------------------------------------------- */

static char fixtures[4200];

static bool fixtures_present(void) {
  char exe[4000];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0)
    return false;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/'); /* …/$(B)/tests/unit/test_abi */
  if (!slash)
    return false;
  *slash = '\0';
  snprintf(fixtures, sizeof(fixtures), "%s/../fixtures", exe);
  static const char *const names[] = {"good", "good_two", "wrong_abi", "init_fails"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char so[4300];
    snprintf(so, sizeof(so), "%s/%s.so", fixtures, names[i]);
    if (access(so, R_OK) != 0)
      return false;
  }
  return true;
}

#define SKIP_WITHOUT_FIXTURES()                                                                              \
  do {                                                                                                       \
    if (!fixtures_present()) {                                                                               \
      print_message("fixture plugins not built (%s/NAME.so missing): build them with the "                   \
                    "$(B)/tests/fixtures/%%.so rule; skipping\n",                                            \
                    fixtures[0] ? fixtures : "$(B)/tests/fixtures");                                         \
      skip();                                                                                                \
    }                                                                                                        \
  } while (0)

/* Runs cadre_plugins_load() with stderr (the log) captured into `log`. */
static int load_capturing(const char *enabled, struct cadre_plugins *pl, char *log, size_t loglen) {
  static char dir[4200], list[256];
  snprintf(dir, sizeof(dir), "%s", fixtures);
  snprintf(list, sizeof(list), "%s", enabled);
  struct cadre_config conf;
  memset(&conf, 0, sizeof(conf));
  conf.plugins_dir = dir;
  conf.plugins_enabled = list;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  fflush(stderr);
  int saved = dup(STDERR_FILENO);
  dup2(fds[1], STDERR_FILENO);
  close(fds[1]);
  int rc = cadre_plugins_load(&conf, pl);
  dup2(saved, STDERR_FILENO);
  close(saved);
  size_t got = 0;
  ssize_t n;
  while (got + 1 < loglen && (n = read(fds[0], log + got, loglen - 1 - got)) > 0)
    got += (size_t)n;
  log[got] = '\0';
  close(fds[0]);
  return rc;
}

static void test_loader_accepts_good_and_refuses_wrong_abi(void **state) {
  (void)state;
  SKIP_WITHOUT_FIXTURES();
  struct cadre_plugins pl;
  char log[16384];
  int rc = load_capturing("good wrong_abi", &pl, log, sizeof(log));
  assert_int_equal(rc, -1); /* not every configured plugin loaded */
  assert_int_equal(pl.n, 1);
  assert_int_equal(pl.refused, 1);
  assert_string_equal(pl.items[0].desc->name, "good");
  assert_string_equal(pl.items[0].desc->version, "1.2.3");
  assert_int_equal(pl.items[0].first_route_id, 0);
  assert_int_equal(pl.items[0].nroutes, 2);
  assert_int_equal(pl.total_routes, 2);
  assert_string_equal(pl.route_labels[0], "good GET /hello");
  assert_string_equal(pl.route_labels[1], "good GET /items/{id}");
  /* the refusal names the plugin and the ABI field */
  char want[128];
  snprintf(want, sizeof(want), "plugin wrong_abi refused: abi.route_size is %u, host expects %u",
           (unsigned)sizeof(struct cadre_route) + 8, (unsigned)sizeof(struct cadre_route));
  if (!strstr(log, want))
    fail_msg("log does not contain \"%s\":\n%s", want, log);
  assert_non_null(strstr(log, "level=error"));
  assert_non_null(strstr(log, "plugin good 1.2.3 loaded (2 routes)"));

  /* registered, the router's registry sees it */
  cadre_plugins_register(&pl);
  assert_int_equal(cadre_registry_count(), 1);
  assert_non_null(cadre_registry_find("good"));
  assert_null(cadre_registry_find("wrong_abi"));
  cadre_plugins_unload(&pl);
  assert_int_equal(cadre_registry_count(), 0);
  assert_int_equal(pl.n, 0);
}

static void test_loader_refusals(void **state) {
  (void)state;
  SKIP_WITHOUT_FIXTURES();
  struct cadre_plugins pl;
  char log[16384];
  /* missing file, a name listed twice */
  int rc = load_capturing("good absent good", &pl, log, sizeof(log));
  assert_int_equal(rc, -1);
  assert_int_equal(pl.n, 1);
  assert_int_equal(pl.refused, 2);
  assert_non_null(strstr(log, "plugin absent refused: cannot load"));
  assert_non_null(strstr(log, "plugin good refused: listed twice"));
  cadre_plugins_unload(&pl);
  /* all good */
  rc = load_capturing("good,good_two", &pl, log, sizeof(log));
  assert_int_equal(rc, 0);
  assert_int_equal(pl.n, 2);
  assert_int_equal(pl.items[1].first_route_id, 2);
  assert_string_equal(pl.route_labels[2], "good_two POST /ping");
  cadre_plugins_unload(&pl);
}

/* [plugins] enabled may separate names with tabs as well as spaces and
 * commas (strtok splits on all three): the lists must be sized for that. */
static void test_loader_tab_separated_list(void **state) {
  (void)state;
  SKIP_WITHOUT_FIXTURES();
  struct cadre_plugins pl;
  char log[16384];
  int rc = load_capturing("good\tgood_two\tinit_fails", &pl, log, sizeof(log));
  assert_int_equal(rc, 0);
  assert_int_equal(pl.n, 3);
  assert_string_equal(pl.items[0].desc->name, "good");
  assert_string_equal(pl.items[1].desc->name, "good_two");
  assert_string_equal(pl.items[2].desc->name, "init_fails");
  assert_int_equal(pl.total_routes, 4);
  /* init() failing refuses that plugin only; route ids stay stable */
  fflush(stderr);
  cadre_plugins_init(&pl, NULL);
  assert_int_equal(pl.n, 2);
  assert_int_equal(pl.refused, 1);
  assert_string_equal(pl.items[0].desc->name, "good");
  assert_string_equal(pl.items[1].desc->name, "good_two");
  assert_int_equal(pl.items[1].first_route_id, 2);
  assert_string_equal(pl.route_labels[3], "init_fails GET /hello");
  cadre_plugins_unload(&pl);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_host_abi_passes),
      cmocka_unit_test(test_each_abi_field_is_checked),
      cmocka_unit_test(test_abi_message_shows_both_values_and_magic_first),
      cmocka_unit_test(test_plugin_check_valid),
      cmocka_unit_test(test_plugin_check_names_and_title),
      cmocka_unit_test(test_plugin_check_routes),
      cmocka_unit_test(test_plugin_check_fields),
      cmocka_unit_test(test_loader_accepts_good_and_refuses_wrong_abi),
      cmocka_unit_test(test_loader_refusals),
      cmocka_unit_test(test_loader_tab_separated_list),
  };
  return cmocka_run_group_tests_name("abi", tests, NULL, NULL);
}
