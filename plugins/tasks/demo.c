/*
 * `cadre-admin demo` runs this after the demo SQL (which adds the
 * Commission's departments the seed names and enables the module): the
 * seed programme (data/seeds/003_…) imported unchanged, owned by the
 * Central Organization Commission (BTCTW). Running it again changes
 * nothing (the import is idempotent).
 */
#include "tasks.h"

#include <string.h>

#define SEED "seeds/003_2d9491622f365655.txt" /* under [server] data_dir */
#define DEMO_CODE "BTCTW-CTHD-DHXIV"

int tasks_cmd_demo(cadre_req *ctx, int argc, char **argv) {
  const char *path = NULL;
  for (int i = 0; i < argc; i++) {
    if (i == 0 && strcmp(argv[i], "demo") == 0)
      continue;
    path = argv[i];
  }
  if (!path)
    path = cadre_data_path(ctx, SEED);
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
