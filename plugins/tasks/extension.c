/*
 * Extensions: the lead unit asks for a later date with a reason; the
 * supervising unit (or the programme's administrator) approves or rejects.
 * An approval moves the task's due date; the programme's own date stays in
 * original_due, so reports show both. One request at a time waits for a
 * decision (a unique key on the pending task).
 */
#include "tasks.h"

#include <string.h>

typedef struct ext_ctx {
  tasks_access *acc;
  int64_t id;
  const char *old_due, *new_due;
  bool approve;
} ext_ctx;

static const char *task_label(cadre_req *req, json_t *task) {
  return cadre_printf(req, "%s.%s", cadre_jstr(task, "part"), cadre_jstr(task, "number_text"));
}

static int request_tx(cadre_req *req, void *arg) {
  ext_ctx *c = arg;
  int64_t agency = cadre_user_agency(req), uid = cadre_user_id(req);
  if (cadre_db_exec(req,
                    "INSERT INTO tasks_extension (task_id, agency_id, requested_by, old_due, new_due,"
                    " reason) VALUES (?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(c->acc->task_id), CV_INT_IF(agency > 0, agency), CV_INT_IF(uid > 0, uid),
                            CV_STR(c->old_due), CV_STR(c->new_due), CV_FIELD(req, "reason"))) < 0) {
    if (cadre_db_is_duplicate(req))
      return cadre_fail(req, 409, "extension_pending",
                        "Nhiệm vụ đã có một đề nghị gia hạn đang chờ quyết định.");
    return cadre_db_fail(req);
  }
  c->id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s, s:s}", "old_due", c->old_due, "new_due", c->new_due, "reason",
                            cadre_str0(req, "reason"));
  int rc = cadre_audit(req, "tasks.extension", c->id, "request", NULL, after);
  if (rc == 0)
    rc = tasks_history_add(req, c->acc->task_id, "extension_request", NULL, NULL, cadre_str(req, "reason"),
                           after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  char vn_old[11], vn_new[11];
  cadre_date d;
  cadre_date_parse(c->old_due, &d);
  cadre_date_vn(d, vn_old);
  cadre_date_parse(c->new_due, &d);
  cadre_date_vn(d, vn_new);
  if (tasks_notify_units(req, c->acc->task_id, "supervising",
                         cadre_printf(req, "Đề nghị gia hạn nhiệm vụ %s", task_label(req, c->acc->task)),
                         cadre_printf(req,
                                      "Đơn vị chủ trì đề nghị gia hạn nhiệm vụ %s từ %s đến %s.\n"
                                      "Lý do: %s\n\nXem và quyết định tại /tasks/task.html?id=%lld",
                                      task_label(req, c->acc->task), vn_old, vn_new,
                                      cadre_str0(req, "reason"), (long long)c->acc->task_id),
                         cadre_printf(req, "tasks:extension:%lld", (long long)c->id)) < 0)
    return cadre_db_fail(req);
  return 0;
}

int tasks_h_extension_request(cadre_req *req) {
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_int(req, "id", 0), &acc);
  if (rc)
    return rc;
  if ((rc = tasks_require_actor(req, &acc, TASKS_A_REQUEST_EXTENSION)) != 0)
    return rc;
  if (tasks_next_status(acc.status, TASKS_A_REQUEST_EXTENSION) < 0)
    return cadre_fail(req, 409, "wrong_state", "Nhiệm vụ đang ở trạng thái “%s”, không đề nghị gia hạn được.",
                      tasks_status_label(acc.status));
  const char *due = cadre_jstr(acc.task, "due_date");
  if (!due)
    return cadre_fail(req, 422, "no_due_date",
                      "Nhiệm vụ chưa có hạn cụ thể (thực hiện thường xuyên hoặc chưa đặt hạn) "
                      "nên không gia hạn được.");
  const char *new_due = cadre_str(req, "new_due");
  if (strcmp(new_due, due) <= 0) {
    cadre_field_error(req, "new_due", "not_later", "Hạn mới phải sau hạn hiện tại.");
    return cadre_fail(req, 422, "extension_not_later", "Hạn mới đề nghị phải sau hạn hiện tại của nhiệm vụ.");
  }
  ext_ctx c = {.acc = &acc, .old_due = due, .new_due = new_due};
  if ((rc = cadre_tx(req, request_tx, &c)) != 0)
    return rc;
  return cadre_reply_ok(req, c.id);
}

static int decide_tx(cadre_req *req, void *arg) {
  ext_ctx *c = arg;
  const char *state = c->approve ? "approved" : "rejected";
  int64_t uid = cadre_user_id(req);
  int64_t n =
      cadre_db_exec(req,
                    "UPDATE tasks_extension SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?"
                    " WHERE id = ? AND state = 'pending'",
                    CV_ARGS(CV_STR(state), CV_INT_IF(uid > 0, uid), CV_STR(cadre_now_text(req)),
                            CV_FIELD(req, "note"), CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "extension_decided", "Đề nghị gia hạn này đã được quyết định trước đó.");
  if (c->approve &&
      cadre_db_exec(req, "UPDATE tasks_task SET due_date = ?, version = version + 1 WHERE id = ?",
                    CV_ARGS(CV_STR(c->new_due), CV_INT(c->acc->task_id))) < 0)
    return cadre_db_fail(req);
  json_t *before = json_pack("{s:s, s:s}", "state", "pending", "due_date", c->old_due);
  json_t *after = json_pack("{s:s, s:s, s:s?}", "state", state, "due_date",
                            c->approve ? c->new_due : c->old_due, "note", cadre_str(req, "note"));
  int rc = cadre_audit(req, "tasks.extension", c->id, state, before, after);
  if (rc == 0)
    rc = tasks_history_add(req, c->acc->task_id, c->approve ? "extension_approved" : "extension_rejected",
                           NULL, NULL, cadre_str(req, "note"), after);
  json_decref(before);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  if (tasks_notify_units(req, c->acc->task_id, "lead",
                         cadre_printf(req, "Đề nghị gia hạn nhiệm vụ %s %s", task_label(req, c->acc->task),
                                      c->approve ? "được chấp thuận" : "không được chấp thuận"),
                         cadre_printf(req,
                                      "Quyết định: %s.\nGhi chú: %s\n\nXem tại "
                                      "/tasks/task.html?id=%lld",
                                      c->approve ? "chấp thuận gia hạn" : "không chấp thuận",
                                      cadre_str(req, "note") ? cadre_str(req, "note") : "(không có)",
                                      (long long)c->acc->task_id),
                         cadre_printf(req, "tasks:extension-decision:%lld", (long long)c->id)) < 0)
    return cadre_db_fail(req);
  return 0;
}

int tasks_h_extension_decide(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  json_t *ext = cadre_db_row(req, "SELECT task_id, old_due, new_due, state FROM tasks_extension WHERE id = ?",
                             CV_ARGS(CV_INT(id)));
  if (!ext) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy đề nghị gia hạn.");
  }
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_jint(ext, "task_id", 0), &acc);
  if (rc)
    return rc;
  if ((rc = tasks_require_actor(req, &acc, TASKS_A_DECIDE_EXTENSION)) != 0)
    return rc;
  if (strcmp(cadre_jstr(ext, "state"), "pending") != 0)
    return cadre_fail(req, 409, "extension_decided", "Đề nghị gia hạn này đã được quyết định trước đó.");
  if (tasks_next_status(acc.status, TASKS_A_DECIDE_EXTENSION) < 0)
    return cadre_fail(req, 409, "wrong_state",
                      "Nhiệm vụ đang ở trạng thái “%s”, không quyết định gia hạn được.",
                      tasks_status_label(acc.status));
  ext_ctx c = {.acc = &acc,
               .id = id,
               .old_due = cadre_jstr(ext, "old_due"),
               .new_due = cadre_jstr(ext, "new_due"),
               .approve = strcmp(cadre_str0(req, "decision"), "approve") == 0};
  if ((rc = cadre_tx(req, decide_tx, &c)) != 0)
    return rc;
  return cadre_reply_ok(req, id);
}
