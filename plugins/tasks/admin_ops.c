/*
 * What the programme's administrator does to a task: set a deadline by hand
 * (for a deadline the importer could not read, or to correct one), cancel
 * a task, reopen a completed or cancelled one.
 */
#include "tasks.h"

#include <string.h>

typedef struct admin_ctx {
  tasks_access *acc;
  enum tasks_action action;
  int next;
} admin_ctx;

static int deadline_tx(cadre_req *req, void *arg) {
  admin_ctx *c = arg;
  const char *due = cadre_str(req, "due_date");
  int64_t n = cadre_db_exec(req,
                            "UPDATE tasks_task SET due_date = ?, original_due = COALESCE(original_due, ?),"
                            " start_date = COALESCE(start_date, ?),"
                            " deadline_kind = IF(deadline_kind = 'unparsed', 'manual', deadline_kind),"
                            " version = version + 1 WHERE id = ?",
                            CV_ARGS(CV_STR(due), CV_STR(due), CV_STR(due), CV_INT(c->acc->task_id)));
  if (n < 0)
    return cadre_db_fail(req);
  json_t *before = json_pack("{s:O, s:O}", "due_date", json_object_get(c->acc->task, "due_date"),
                             "deadline_kind", json_object_get(c->acc->task, "deadline_kind"));
  json_t *after = json_pack("{s:s}", "due_date", due);
  int rc = cadre_audit(req, "tasks.task", c->acc->task_id, "set_deadline", before, after);
  if (rc == 0)
    rc = tasks_history_add(req, c->acc->task_id, "set_deadline", NULL, NULL, cadre_str(req, "note"), after);
  json_decref(before);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

static int status_tx(cadre_req *req, void *arg) {
  admin_ctx *c = arg;
  const char *from = tasks_status_code(c->acc->status);
  const char *to = tasks_status_code((enum tasks_status)c->next);
  int64_t n = cadre_db_exec(
      req,
      c->action == TASKS_A_REOPEN
          ? "UPDATE tasks_task SET status = ?, completed_on = NULL, claimed_on = NULL,"
            " version = version + 1 WHERE id = ? AND status = ?"
          : "UPDATE tasks_task SET status = ?, version = version + 1 WHERE id = ? AND status = ?",
      CV_ARGS(CV_STR(to), CV_INT(c->acc->task_id), CV_STR(from)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "state_changed",
                      "Nhiệm vụ vừa được người khác cập nhật; hãy tải lại trang và thử lại.");
  const char *action = tasks_action_code(c->action);
  json_t *before = json_pack("{s:s}", "status", from);
  json_t *after = json_pack("{s:s, s:s?}", "status", to, "note", cadre_str(req, "note"));
  int rc = cadre_audit(req, "tasks.task", c->acc->task_id, action, before, after);
  if (rc == 0)
    rc = tasks_history_add(req, c->acc->task_id, action, from, to, cadre_str(req, "note"), NULL);
  json_decref(before);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

static int run(cadre_req *req, enum tasks_action action, cadre_tx_fn fn) {
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_int(req, "id", 0), &acc);
  if (rc)
    return rc;
  if ((rc = tasks_require_actor(req, &acc, action)) != 0)
    return rc;
  int next = tasks_next_status(acc.status, action);
  if (next < 0)
    return cadre_fail(req, 409, "wrong_state", "Nhiệm vụ đang ở trạng thái “%s”, không thể %s.",
                      tasks_status_label(acc.status), action == TASKS_A_CANCEL ? "hủy" : "mở lại");
  admin_ctx c = {.acc = &acc, .action = action, .next = next};
  if ((rc = cadre_tx(req, fn, &c)) != 0)
    return rc;
  return cadre_reply_ok(req, acc.task_id);
}

int tasks_h_set_deadline(cadre_req *req) { return run(req, TASKS_A_SET_DEADLINE, deadline_tx); }
int tasks_h_cancel(cadre_req *req) { return run(req, TASKS_A_CANCEL, status_tx); }
int tasks_h_reopen(cadre_req *req) { return run(req, TASKS_A_REOPEN, status_tx); }
