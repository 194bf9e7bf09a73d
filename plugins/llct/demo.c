/*
 * `cadre-admin llct demo`: Hanoi's 2024 plan imported from the repository's
 * seed (with Hanoi, P01, as the issuing province and its school P01-TCT),
 * and an example of the diploma-blank stock: a batch received by the
 * Academy, parts allocated to two schools, one blank voided with minutes.
 * Run twice, it changes nothing the second time.
 */
#include <stdio.h>
#include <string.h>

#include "blanks.h"

static const char seed_name[] = "002_6031bf76cc89670a.txt";

static int blanks_tx(cadre_req *ctx, void *p) {
  (void)p;
  int64_t exists = 0;
  if (cadre_db_int(ctx, &exists, "SELECT COUNT(*) FROM llct_blank_series WHERE series = 'LL'", CV_NONE) < 0)
    return cadre_db_fail(ctx);
  if (exists)
    return 0;
  int64_t academy = cadre_agency_by_code(ctx, "HVCTQG");
  int64_t hanoi = cadre_agency_by_code(ctx, "P01-TCT");
  int64_t hue = cadre_agency_by_code(ctx, "P02-TCT");
  if (academy < 0 || hanoi < 0 || hue < 0)
    return cadre_db_fail(ctx);
  if (!academy || !hanoi)
    return 0; /* no core demo agencies: nothing to show the stock with */
  int64_t move;
  llct_blank_range_in batch = {"LL000001", "LL002000", "2024-03-01", "PN-01/2024",
                               "Lô phôi bằng mẫu (dữ liệu thử)"};
  int st = llct_blank_receive(ctx, &batch, academy, &move);
  llct_blank_range_in to_hanoi = {"LL000001", "LL000500", "2024-03-15", "QĐ 123/QĐ-HVCTQG",
                                  "Cấp phát năm 2024"};
  if (!st)
    st = llct_blank_move(ctx, &to_hanoi, academy, hanoi, &move);
  llct_blank_range_in to_hue = {"LL000501", "LL000800", "2024-03-15", "QĐ 124/QĐ-HVCTQG",
                                "Cấp phát năm 2024"};
  if (!st && hue)
    st = llct_blank_move(ctx, &to_hue, academy, hue, &move);
  if (!st)
    st = llct_blank_void(ctx, "LL000500", hanoi, "damaged", "Phôi in lỗi, nhòe mực", "BB-01/2024",
                         "2024-04-02", "2024-04-02");
  return st;
}

int llct_demo_command(cadre_req *ctx, int argc, char **argv) {
  const char *file = NULL;
  for (int i = 0; i < argc; i++)
    if (strcmp(argv[i], "--file") == 0 && i + 1 < argc)
      file = argv[++i];
  if (!file)
    file = llct_find_seed(ctx, seed_name);
  if (!file) {
    fprintf(stderr, "Không tìm thấy tệp mẫu seeds/%s trong [server] data_dir (hoặc dùng --file).\n",
            seed_name);
    return 1;
  }
  int rc = llct_demo_import(ctx, file);
  if (rc)
    return rc;
  int st = cadre_tx(ctx, blanks_tx, NULL);
  if (st) {
    fprintf(stderr, "Không tạo được kho phôi bằng mẫu (mã %d).\n", st);
    return 1;
  }
  printf("Kho phôi bằng mẫu: ký hiệu LL, 2.000 phôi (Học viện), cấp phát cho P01-TCT và "
         "P02-TCT.\n");
  return 0;
}
