/*
 * `cadre-admin accreditation remind` (daily, from cron): tells schools about
 * evidence expiring within the warning window and corrective actions past
 * their due date, and the Academy about recognitions expiring within six
 * months. Each reminder is queued once (dedupe key per object and date).
 */
#include <stdio.h>

#include "accreditation.h"

/* One kind of reminder: the mail each row becomes, and who receives it. */
struct reminder {
  const char *kind;     /* in the dedupe key */
  const char *date_col; /* the date the reminder is about */
  const char *subject;
  /* the body for row r, whose date is `date` */
  const char *(*body)(cadre_req *ctx, json_t *r, const char *date);
  struct {
    const char *role; /* NULL: no further recipient */
    enum accr_audience aud;
  } to[2];
};

/* Queues a reminder for each row (id, school_agency_id, the date column)
 * and counts them in *sent. The dedupe key names the object and its date,
 * so the daily run queues each once. 0, or -1 on a database error. */
static int remind_rows(cadre_req *ctx, json_t *rows, const struct reminder *k, int *sent) {
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *date = cadre_jstr(r, k->date_col);
    const char *body = k->body(ctx, r, date);
    const char *key = cadre_printf(ctx, "accr:%s:%lld:%s", k->kind, (long long)cadre_jint(r, "id", 0), date);
    int64_t school = cadre_jint(r, "school_agency_id", 0);
    for (size_t j = 0; j < 2 && k->to[j].role; j++)
      if (accr_notify(ctx, k->to[j].role, school, k->to[j].aud, k->subject, body, key) < 0)
        return -1;
    (*sent)++;
  }
  return 0;
}

static const char *evidence_body(cadre_req *ctx, json_t *r, const char *until) {
  return cadre_printf(ctx,
                      "Minh chứng %s “%s” hết hiệu lực ngày %s. Đề nghị cập"
                      " nhật văn bản mới vào thư viện minh chứng.",
                      cadre_jstr(r, "code"), cadre_jstr(r, "title"), until);
}

static int expiring_evidence(cadre_req *ctx, int *sent) {
  static const struct reminder k = {"expiry",
                                    "valid_until",
                                    "[Trường chuẩn] Minh chứng sắp hết hiệu lực",
                                    evidence_body,
                                    {{ACCR_ROLE_SCHOOL, ACCR_AUD_AT}}};
  const char *today = cadre_today(ctx);
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT e.id, e.school_agency_id, e.code, e.title, e.valid_until"
                               " FROM accreditation_evidence e WHERE e.valid_until >= ?"
                               " AND e.valid_until <= DATE_ADD(?, INTERVAL ? DAY)",
                               CV_ARGS(CV_STR(today), CV_STR(today), CV_INT(ACCR_EXPIRY_WARNING_DAYS)));
  return remind_rows(ctx, rows, &k, sent);
}

static const char *action_body(cadre_req *ctx, json_t *r, const char *due) {
  return cadre_printf(ctx, "Biện pháp khắc phục “%s” (phụ trách: %s) quá hạn từ %s.",
                      cadre_jstr(r, "description"), cadre_jstr(r, "owner"), due);
}

static int overdue_actions(cadre_req *ctx, int *sent) {
  static const struct reminder k = {"action",
                                    "due_date",
                                    "[Trường chuẩn] Biện pháp khắc phục quá hạn",
                                    action_body,
                                    {{ACCR_ROLE_HEAD, ACCR_AUD_AT}}};
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT a.id, a.description, a.owner, a.due_date, r.school_agency_id"
                               " FROM accreditation_action a JOIN accreditation_finding f"
                               " ON f.id = a.finding_id JOIN accreditation_inspection i"
                               " ON i.id = f.inspection_id JOIN accreditation_recognition r"
                               " ON r.id = i.recognition_id WHERE a.status = 'open' AND a.due_date < ?",
                               CV_ARGS(CV_STR(cadre_today(ctx))));
  return remind_rows(ctx, rows, &k, sent);
}

static const char *recognition_body(cadre_req *ctx, json_t *r, const char *until) {
  return cadre_printf(ctx, "Quyết định công nhận %s của %s hết hiệu lực ngày %s.",
                      cadre_jstr(r, "decision_no"), cadre_jstr(r, "name"), until);
}

static int expiring_recognitions(cadre_req *ctx, int *sent) {
  /* The school's head and the Academy both hear of it. */
  static const struct reminder k = {"recognition",
                                    "valid_until",
                                    "[Trường chuẩn] Công nhận sắp hết hiệu lực",
                                    recognition_body,
                                    {{ACCR_ROLE_HEAD, ACCR_AUD_AT}, {ACCR_ROLE_ACADEMY, ACCR_AUD_NATIONAL}}};
  const char *today = cadre_today(ctx);
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT r.id, r.school_agency_id, s.name, r.decision_no, r.valid_until"
                               " FROM accreditation_recognition r JOIN agency s"
                               " ON s.id = r.school_agency_id WHERE r.status <> 'withdrawn'"
                               " AND r.valid_until >= ? AND r.valid_until <= DATE_ADD(?, INTERVAL 6 MONTH)",
                               CV_ARGS(CV_STR(today), CV_STR(today)));
  return remind_rows(ctx, rows, &k, sent);
}

static int remind_tx(cadre_req *ctx, void *arg) {
  int *counts = arg;
  counts[0] = counts[1] = counts[2] = 0;
  if (expiring_evidence(ctx, &counts[0]) || overdue_actions(ctx, &counts[1]) ||
      expiring_recognitions(ctx, &counts[2]))
    return cadre_db_fail(ctx);
  return 0;
}

int accr_cmd_remind(cadre_req *ctx, int argc, char **argv) {
  (void)argc;
  (void)argv;
  int counts[3];
  if (cadre_tx(ctx, remind_tx, counts)) {
    fprintf(stderr, "Không gửi được nhắc việc.\n");
    return 1;
  }
  printf("Minh chứng sắp hết hiệu lực: %d; biện pháp quá hạn: %d; công nhận sắp hết hạn: %d.\n", counts[0],
         counts[1], counts[2]);
  return 0;
}
