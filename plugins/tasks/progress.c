/*
 * Work on a task: the lead unit posts progress (text, percentage, result
 * document, attachments) or claims completion; the supervising unit
 * confirms the claim or returns it. Each write checks the status it read
 * (UPDATE … WHERE status = ?), so two people acting at once cannot both
 * win; history, audit and notifications go in the same transaction.
 */
#include "tasks.h"

#include <string.h>

static json_t *task_ref(const tasks_access *acc) {
  json_t *t = acc->task;
  return json_pack("{s:O, s:O, s:O}", "part", json_object_get(t, "part"), "number",
                   json_object_get(t, "number_text"), "name", json_object_get(t, "name"));
}

/* "A.16 — Sửa đổi, bổ sung …" for mail subjects and bodies. */
static const char *label(cadre_req *req, const tasks_access *acc) {
  json_t *t = acc->task;
  const char *name = cadre_jstr(t, "name");
  return cadre_printf(req, "%s.%s — %s", cadre_jstr(t, "part"), cadre_jstr(t, "number_text"),
                      tasks_clip(cadre_arena_of(req), name, 300));
}

static int state_conflict(cadre_req *req) {
  return cadre_fail(req, 409, "state_changed",
                    "Nhiệm vụ vừa được người khác cập nhật; hãy tải lại trang và thử lại.");
}

/* ---- progress ------------------------------------------------------------- */

typedef struct progress_ctx {
  tasks_access *acc;
  bool claim;
  int next;
  int64_t progress_id;
} progress_ctx;

static int progress_tx(cadre_req *req, void *arg) {
  progress_ctx *c = arg;
  tasks_access *acc = c->acc;
  const char *today = cadre_today(req);
  const char *from = tasks_status_code(acc->status);
  const char *to = tasks_status_code((enum tasks_status)c->next);
  bool has_percent = cadre_has(req, "percent");
  int64_t percent = cadre_int(req, "percent", c->claim ? 100 : 0);
  int64_t n = cadre_db_exec(
      req,
      "UPDATE tasks_task SET status = ?, percent = ?, last_report_on = ?,"
      " claimed_on = IF(?, ?, claimed_on), result_doc = COALESCE(?, result_doc),"
      " result_date = COALESCE(?, result_date), version = version + 1"
      " WHERE id = ? AND status = ?",
      CV_ARGS(CV_STR(to),
              has_percent || c->claim ? CV_INT(percent) : CV_INT(cadre_jint(acc->task, "percent", 0)),
              CV_STR(today), CV_INT(c->claim), CV_STR(today), CV_FIELD(req, "result_doc"),
              CV_FIELD(req, "result_date"), CV_INT(acc->task_id), CV_STR(from)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return state_conflict(req);
  int64_t agency = cadre_user_agency(req), uid = cadre_user_id(req);
  if (cadre_db_exec(req,
                    "INSERT INTO tasks_progress (task_id, agency_id, user_id, status_after, percent,"
                    " note, result_doc, result_date, reported_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(acc->task_id), CV_INT_IF(agency > 0, agency), CV_INT_IF(uid > 0, uid),
                            CV_STR(to), CV_INT_IF(has_percent || c->claim, percent), CV_FIELD(req, "note"),
                            CV_FIELD(req, "result_doc"), CV_FIELD(req, "result_date"), CV_STR(today))) < 0)
    return cadre_db_fail(req);
  c->progress_id = cadre_db_last_id(req);

  json_t *files = json_array();
  const cadre_upload *ups = NULL;
  size_t nups = cadre_files(req, "attachment", &ups);
  for (size_t i = 0; i < nups; i++) {
    int64_t fid = cadre_file_store(req, &ups[i], agency > 0 ? agency : acc->owner_agency_id);
    if (fid < 0 || cadre_db_exec(req, "INSERT INTO tasks_attachment (progress_id, file_id) VALUES (?, ?)",
                                 CV_ARGS(CV_INT(c->progress_id), CV_INT(fid))) < 0) {
      json_decref(files);
      return cadre_db_fail(req);
    }
    json_array_append_new(files, json_string(ups[i].filename));
  }
  json_t *data =
      json_pack("{s:I, s:s?, s:s?, s:o}", "percent", (json_int_t)percent, "result_doc",
                cadre_str(req, "result_doc"), "result_date", cadre_str(req, "result_date"), "files", files);
  json_t *before = json_pack("{s:s, s:O}", "status", from, "percent", json_object_get(acc->task, "percent"));
  json_t *after = json_pack("{s:s, s:I, s:I}", "status", to, "percent", (json_int_t)percent, "progress_id",
                            (json_int_t)c->progress_id);
  int rc = tasks_history_add(req, acc->task_id, c->claim ? "claim" : "report", from, to,
                             cadre_str(req, "note"), data);
  if (rc == 0)
    rc = cadre_audit(req, "tasks.task", acc->task_id, c->claim ? "claim" : "progress", before, after);
  json_decref(data);
  json_decref(before);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  if (c->claim &&
      tasks_notify_units(req, acc->task_id, "supervising",
                         cadre_printf(req, "Đề nghị xác nhận hoàn thành nhiệm vụ %s.%s",
                                      cadre_jstr(acc->task, "part"), cadre_jstr(acc->task, "number_text")),
                         cadre_printf(req,
                                      "Đơn vị chủ trì đã báo cáo hoàn thành nhiệm vụ:\n%s\n\n"
                                      "Văn bản kết quả: %s\nNội dung: %s\n\n"
                                      "Đề nghị đơn vị đôn đốc xem xét, xác nhận hoặc trả lại "
                                      "tại /tasks/task.html?id=%lld",
                                      label(req, acc), cadre_str0(req, "result_doc"), cadre_str0(req, "note"),
                                      (long long)acc->task_id),
                         cadre_printf(req, "tasks:claim:%lld", (long long)c->progress_id)) < 0)
    return cadre_db_fail(req);
  return 0;
}

int tasks_h_progress(cadre_req *req) {
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_int(req, "id", 0), &acc);
  if (rc)
    return rc;
  const char *status = cadre_str(req, "status");
  bool claim = status && strcmp(status, "claimed") == 0;
  enum tasks_action action = claim ? TASKS_A_CLAIM : TASKS_A_REPORT;
  if ((rc = tasks_require_actor(req, &acc, action)) != 0)
    return rc;
  int next = tasks_next_status(acc.status, action);
  if (next < 0)
    return cadre_fail(req, 409, "wrong_state", "Nhiệm vụ đang ở trạng thái “%s”, không thể %s.",
                      tasks_status_label(acc.status), claim ? "báo cáo hoàn thành" : "báo cáo tiến độ");
  const cadre_upload *ups = NULL;
  bool has_file = cadre_files(req, "attachment", &ups) > 0;
  if (claim && !cadre_str(req, "result_doc") && !has_file) {
    cadre_field_error(req, "result_doc", "required",
                      "Báo cáo hoàn thành cần số văn bản kết quả hoặc tệp đính kèm.");
    return cadre_fail(req, 422, "result_required",
                      "Báo cáo hoàn thành cần nêu văn bản kết quả (số văn bản) hoặc đính kèm "
                      "tệp.");
  }
  progress_ctx c = {.acc = &acc, .claim = claim, .next = next};
  if ((rc = cadre_tx(req, progress_tx, &c)) != 0)
    return rc;
  json_t *body = json_pack("{s:b, s:I, s:s, s:o}", "ok", 1, "id", (json_int_t)c.progress_id, "status",
                           tasks_status_code((enum tasks_status)next), "task", task_ref(&acc));
  cadre_keep(req, body);
  return cadre_reply_json(req, 200, body);
}

/* ---- review --------------------------------------------------------------- */

typedef struct review_ctx {
  tasks_access *acc;
  bool confirm;
} review_ctx;

static int review_tx(cadre_req *req, void *arg) {
  review_ctx *c = arg;
  tasks_access *acc = c->acc;
  const char *to = c->confirm ? "completed" : "returned";
  int64_t n =
      cadre_db_exec(req,
                    c->confirm ? "UPDATE tasks_task SET status = 'completed', completed_on = claimed_on,"
                                 " percent = 100, version = version + 1 WHERE id = ? AND status = 'claimed'"
                               : "UPDATE tasks_task SET status = 'returned', claimed_on = NULL,"
                                 " version = version + 1 WHERE id = ? AND status = 'claimed'",
                    CV_ARGS(CV_INT(acc->task_id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return state_conflict(req);
  json_t *before =
      json_pack("{s:s, s:O}", "status", "claimed", "claimed_on", json_object_get(acc->task, "claimed_on"));
  json_t *after = json_pack("{s:s, s:s?}", "status", to, "note", cadre_str(req, "note"));
  int rc = tasks_history_add(req, acc->task_id, c->confirm ? "confirm" : "return", "claimed", to,
                             cadre_str(req, "note"), NULL);
  if (rc == 0)
    rc = cadre_audit(req, "tasks.task", acc->task_id, c->confirm ? "confirm" : "return", before, after);
  json_decref(before);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  const char *what = c->confirm ? "đã được xác nhận hoàn thành" : "bị trả lại";
  if (tasks_notify_units(
          req, acc->task_id, "lead",
          cadre_printf(req, "Nhiệm vụ %s.%s %s", cadre_jstr(acc->task, "part"),
                       cadre_jstr(acc->task, "number_text"), what),
          cadre_printf(
              req,
              "Nhiệm vụ:\n%s\n\n%s.\nÝ kiến của đơn vị đôn đốc: %s\n\n"
              "Xem tại /tasks/task.html?id=%lld",
              label(req, acc), c->confirm ? "Đã xác nhận hoàn thành" : "Báo cáo hoàn thành bị trả lại",
              cadre_str(req, "note") ? cadre_str(req, "note") : "(không có)", (long long)acc->task_id),
          cadre_printf(req, "tasks:review:%lld:%s:%s", (long long)acc->task_id, to, cadre_now_text(req))) < 0)
    return cadre_db_fail(req);
  return 0;
}

int tasks_h_review(cadre_req *req) {
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_int(req, "id", 0), &acc);
  if (rc)
    return rc;
  bool confirm = strcmp(cadre_str0(req, "decision"), "confirm") == 0;
  enum tasks_action action = confirm ? TASKS_A_CONFIRM : TASKS_A_RETURN;
  if ((rc = tasks_require_actor(req, &acc, action)) != 0)
    return rc;
  if (tasks_next_status(acc.status, action) < 0)
    return cadre_fail(req, 409, "wrong_state",
                      "Nhiệm vụ đang ở trạng thái “%s”; chỉ xác nhận hoặc trả lại được khi "
                      "đơn vị chủ trì đã báo cáo hoàn thành.",
                      tasks_status_label(acc.status));
  if (!confirm && !cadre_str(req, "note")) {
    cadre_field_error(req, "note", "required", "Cần nêu lý do trả lại.");
    return cadre_fail(req, 422, "note_required", "Cần nêu lý do trả lại báo cáo hoàn thành.");
  }
  review_ctx c = {.acc = &acc, .confirm = confirm};
  if ((rc = cadre_tx(req, review_tx, &c)) != 0)
    return rc;
  json_t *body = json_pack("{s:b, s:I, s:s}", "ok", 1, "id", (json_int_t)acc.task_id, "status",
                           confirm ? "completed" : "returned");
  cadre_keep(req, body);
  return cadre_reply_json(req, 200, body);
}
