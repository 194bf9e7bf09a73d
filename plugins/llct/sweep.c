/*
 * `cadre-admin llct sweep [--days N]`, for a daily cron job:
 *  - admitted learners who did not enrol within the allowed delay become
 *    drop-outs (admission cancelled, reported to their unit and the board);
 *  - the school's people get one reminder per step that falls due within N
 *    days (default 3), and one when it is missed; the outbox's dedupe keys
 *    make a second run the same day send nothing new.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llct.h"

typedef struct sweep_ctx {
  int64_t class_id;
  long dropped;
} sweep_ctx;

static int drop_tx(cadre_req *ctx, void *p) {
  sweep_ctx *s = p;
  llct_class_ref c;
  int st = llct_class_open(ctx, s->class_id, true, &c);
  return st ? st : llct_drop_no_shows(ctx, &c, &s->dropped);
}

static int remind(cadre_req *ctx, json_t *c, int window, long *sent) {
  llct_step_dates st[LLCT_STEPS + 1];
  if (llct_steps_load(ctx, cadre_jint(c, "id", 0), st) < 0)
    return -1;
  llct_step_rules rules;
  llct_rules_from_row(c, &rules);
  llct_class_dates cd;
  llct_class_dates_of(c, &cd);
  int64_t today = llct_today(ctx);
  for (int k = 1; k <= LLCT_STEPS; k++) {
    if (st[k].completed)
      continue;
    int64_t due = llct_step_due(&rules, &cd, st, k);
    llct_due_status ds = llct_due_classify(due, LLCT_NO_DAY, today, window);
    if (ds != LLCT_DUE_SOON && ds != LLCT_DUE_MISSED)
      continue;
    const char *due_text = llct_iso(ctx, due);
    const char *subject = cadre_printf(ctx, "%s: lớp %s, bước %d (%s) — hạn %s",
                                       ds == LLCT_DUE_MISSED ? "Quá hạn" : "Sắp đến hạn",
                                       cadre_jstr(c, "code"), k, llct_step_title(k), due_text);
    const char *body = cadre_printf(
        ctx, "Lớp trung cấp lý luận chính trị %s: bước %d \"%s\" %s ngày %s.\n", cadre_jstr(c, "code"), k,
        llct_step_title(k), ds == LLCT_DUE_MISSED ? "đã quá hạn từ" : "cần hoàn thành trước", due_text);
    const char *key = cadre_printf(ctx, "llct-due-%lld-%d-%s-%s", (long long)cadre_jint(c, "id", 0), k,
                                   due_text, llct_due_status_code(ds));
    int n = cadre_outbox_email_agency(ctx, cadre_jint(c, "school_agency_id", 0), NULL, subject, body, key);
    if (n < 0)
      return -1;
    *sent += n;
  }
  return 0;
}

static int remind_tx(cadre_req *ctx, void *p) {
  int *window = p;
  json_t *classes =
      cadre_db_rows(ctx,
                    "SELECT c.id, c.code, c.school_agency_id, c.opening_on, c.enrolment_on, c.end_on,"
                    " c.first_module_end_on, c.mode, p.announce_max_days, p.dossier_min_days,"
                    " p.review_max_days, p.report_max_days, p.notice_min_days, p.late_max_days"
                    " FROM llct_class c JOIN llct_plan p ON p.id = c.plan_id"
                    " WHERE c.status IN ('planned', 'admitting', 'opened')",
                    CV_NONE);
  if (!classes)
    return cadre_db_fail(ctx);
  long sent = 0;
  size_t i;
  json_t *c;
  json_array_foreach(classes, i, c) if (remind(ctx, c, *window, &sent) < 0) return cadre_db_fail(ctx);
  printf("Nhắc hạn: %ld thư mới vào hàng đợi.\n", sent);
  return 0;
}

int llct_sweep_command(cadre_req *ctx, int argc, char **argv) {
  int window = 3;
  for (int i = 0; i < argc; i++)
    if (strcmp(argv[i], "--days") == 0 && i + 1 < argc)
      window = (int)strtol(argv[++i], NULL, 10);
  if (window < 0 || window > 365) {
    fprintf(stderr, "Cách dùng: cadre-admin llct sweep [--days N] (0 ≤ N ≤ 365)\n");
    return 2;
  }
  json_t *due = cadre_db_rows(ctx,
                              "SELECT c.id FROM llct_class c JOIN llct_plan p ON p.id = c.plan_id"
                              " WHERE c.enrolment_on IS NOT NULL AND EXISTS (SELECT 1 FROM"
                              " llct_learner l WHERE l.class_id = c.id AND l.state = 'admitted')",
                              CV_NONE);
  if (!due)
    return 1;
  long dropped = 0;
  size_t i;
  json_t *r;
  json_array_foreach(due, i, r) {
    sweep_ctx s = {.class_id = cadre_jint(r, "id", 0)};
    if (cadre_tx(ctx, drop_tx, &s)) {
      fprintf(stderr, "Lớp %lld: không xử lý được người không nhập học.\n", (long long)s.class_id);
      return 1;
    }
    dropped += s.dropped;
  }
  printf("Không nhập học (coi như bỏ học, đã báo cáo): %ld người.\n", dropped);
  return cadre_tx(ctx, remind_tx, &window) ? 1 : 0;
}
