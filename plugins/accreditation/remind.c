/*
 * `cadre-admin accreditation remind` (daily, from cron): tells schools about
 * evidence expiring within the warning window and corrective actions past
 * their due date, and the Academy about recognitions expiring within six
 * months. Each reminder is queued once (dedupe key per object and date).
 */
#include <stdio.h>

#include "accreditation.h"

static int expiring_evidence(cadre_req *ctx, int *sent) {
  const char *today = cadre_today(ctx);
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT e.id, e.school_agency_id, e.code, e.title, e.valid_until"
                               " FROM accreditation_evidence e WHERE e.valid_until >= ?"
                               " AND e.valid_until <= DATE_ADD(?, INTERVAL ? DAY)",
                               CV_ARGS(CV_STR(today), CV_STR(today), CV_INT(ACCR_EXPIRY_WARNING_DAYS)));
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *until = json_string_value(json_object_get(r, "valid_until"));
    const char *body = cadre_printf(ctx,
                                    "Minh chứng %s “%s” hết hiệu lực ngày %s. Đề nghị cập"
                                    " nhật văn bản mới vào thư viện minh chứng.",
                                    json_string_value(json_object_get(r, "code")),
                                    json_string_value(json_object_get(r, "title")), until);
    const char *key = cadre_printf(ctx, "accr:expiry:%lld:%s",
                                   (long long)json_integer_value(json_object_get(r, "id")), until);
    if (accr_notify(ctx, ACCR_ROLE_SCHOOL, json_integer_value(json_object_get(r, "school_agency_id")),
                    ACCR_AUD_AT, "[Trường chuẩn] Minh chứng sắp hết hiệu lực", body, key) < 0)
      return -1;
    (*sent)++;
  }
  return 0;
}

static int overdue_actions(cadre_req *ctx, int *sent) {
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT a.id, a.description, a.owner, a.due_date, r.school_agency_id"
                               " FROM accreditation_action a JOIN accreditation_finding f"
                               " ON f.id = a.finding_id JOIN accreditation_inspection i"
                               " ON i.id = f.inspection_id JOIN accreditation_recognition r"
                               " ON r.id = i.recognition_id WHERE a.status = 'open' AND a.due_date < ?",
                               CV_ARGS(CV_STR(cadre_today(ctx))));
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *due = json_string_value(json_object_get(r, "due_date"));
    const char *body = cadre_printf(ctx, "Biện pháp khắc phục “%s” (phụ trách: %s) quá hạn từ %s.",
                                    json_string_value(json_object_get(r, "description")),
                                    json_string_value(json_object_get(r, "owner")), due);
    const char *key = cadre_printf(ctx, "accr:action:%lld:%s",
                                   (long long)json_integer_value(json_object_get(r, "id")), due);
    if (accr_notify(ctx, ACCR_ROLE_HEAD, json_integer_value(json_object_get(r, "school_agency_id")),
                    ACCR_AUD_AT, "[Trường chuẩn] Biện pháp khắc phục quá hạn", body, key) < 0)
      return -1;
    (*sent)++;
  }
  return 0;
}

static int expiring_recognitions(cadre_req *ctx, int *sent) {
  const char *today = cadre_today(ctx);
  json_t *rows = cadre_db_rows(ctx,
                               "SELECT r.id, r.school_agency_id, s.name, r.decision_no, r.valid_until"
                               " FROM accreditation_recognition r JOIN agency s"
                               " ON s.id = r.school_agency_id WHERE r.status <> 'withdrawn'"
                               " AND r.valid_until >= ? AND r.valid_until <= DATE_ADD(?, INTERVAL 6 MONTH)",
                               CV_ARGS(CV_STR(today), CV_STR(today)));
  if (!rows)
    return -1;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *until = json_string_value(json_object_get(r, "valid_until"));
    const char *body = cadre_printf(ctx, "Quyết định công nhận %s của %s hết hiệu lực ngày %s.",
                                    json_string_value(json_object_get(r, "decision_no")),
                                    json_string_value(json_object_get(r, "name")), until);
    const char *key = cadre_printf(ctx, "accr:recognition:%lld:%s",
                                   (long long)json_integer_value(json_object_get(r, "id")), until);
    int64_t school = json_integer_value(json_object_get(r, "school_agency_id"));
    if (accr_notify(ctx, ACCR_ROLE_HEAD, school, ACCR_AUD_AT, "[Trường chuẩn] Công nhận sắp hết hiệu lực",
                    body, key) < 0 ||
        accr_notify(ctx, ACCR_ROLE_ACADEMY, school, ACCR_AUD_NATIONAL,
                    "[Trường chuẩn] Công nhận sắp hết hiệu lực", body, key) < 0)
      return -1;
    (*sent)++;
  }
  return 0;
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
