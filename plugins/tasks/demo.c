/*
 * `cadre-admin demo` runs this after the demo SQL (which adds the
 * Commission's departments the seed names and enables the module): the
 * seed programme (data/seeds/003_…) imported unchanged, owned by the
 * Central Organization Commission (BTCTW). Running it again changes
 * nothing (the import is idempotent).
 */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEED "data/seeds/003_2d9491622f365655.txt"
#define DEMO_CODE "BTCTW-CTHD-DHXIV"

static const char *seed_path(cadre_req *ctx) {
  const char *root = tasks_root_dir();
  if (root) {
    const char *p = cadre_printf(ctx, "%s/%s", root, SEED);
    if (access(p, R_OK) == 0)
      return p;
  }
  const char *env = getenv("CADRE_ROOT");
  if (env) {
    const char *p = cadre_printf(ctx, "%s/%s", env, SEED);
    if (access(p, R_OK) == 0)
      return p;
  }
  return SEED; /* relative to the working directory */
}

int tasks_cmd_demo(cadre_req *ctx, int argc, char **argv) {
  const char *path = NULL;
  for (int i = 0; i < argc; i++) {
    if (i == 0 && strcmp(argv[i], "demo") == 0)
      continue;
    path = argv[i];
  }
  if (!path)
    path = seed_path(ctx);
  tasks_import_opts opts = {
      .code = DEMO_CODE,
      .title = "Chương trình hành động thực hiện Nghị quyết Đại hội XIV của Đảng về công tác "
               "tổ chức xây dựng Đảng",
      .report_period = "quarter",
      /* the programme follows Thông báo 21-TB/VPTW of March 2026: reports
       * are owed from its first quarter */
      .starts_on = "2026-03-01",
  };
  printf("Nhập chương trình mẫu từ %s\n", path);
  return tasks_run_import_file(ctx, path, &opts, "BTCTW");
}
