/*
 * One task: the row with its timeliness, its units (as agencies and as the
 * file named them), progress reports with attachments, extension requests,
 * the history, and what the caller may do with it (the page shows only the
 * forms that would be accepted).
 */
#include "tasks.h"

#include <string.h>

static bool can(const tasks_access *acc, enum tasks_action action) {
  return tasks_actor_refusal(action, acc->actors) == NULL && tasks_next_status(acc->status, action) >= 0;
}

int tasks_h_detail(cadre_req *req) {
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_int(req, "id", 0), &acc);
  if (rc)
    return rc;
  cadre_date as_of;
  const char *day = tasks_as_of(req, &as_of);
  json_t *task = acc.task;
  tasks_row_decorate(task, as_of);
  static const char *const internal[] = {"is_lead", "is_supervising", "has_supervisor", "in_owner",
                                         "at_owner"};
  for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++)
    json_object_del(task, internal[i]);

  json_t *units = cadre_db_rows(
      req,
      "SELECT tu.role, tu.agency_id, tu.name_text, a.name AS agency_name, a.code AS agency_code,"
      " a.status AS agency_status FROM tasks_task_unit tu JOIN agency a ON a.id = tu.agency_id"
      " WHERE tu.task_id = ? ORDER BY tu.role, tu.seq",
      CV_ARGS(CV_INT(acc.task_id)));
  json_t *progress =
      cadre_db_rows(req,
                    "SELECT pr.id, pr.status_after, pr.percent, pr.note, pr.result_doc, pr.result_date,"
                    " pr.reported_on, pr.created_at, u.full_name AS user_name, a.name AS agency_name"
                    " FROM tasks_progress pr LEFT JOIN app_user u ON u.id = pr.user_id"
                    " LEFT JOIN agency a ON a.id = pr.agency_id WHERE pr.task_id = ?"
                    " ORDER BY pr.id DESC",
                    CV_ARGS(CV_INT(acc.task_id)));
  json_t *files =
      cadre_db_rows(req,
                    "SELECT ta.id, ta.progress_id, f.filename, f.size, f.mime FROM tasks_attachment ta"
                    " JOIN tasks_progress pr ON pr.id = ta.progress_id JOIN file f ON f.id = ta.file_id"
                    " WHERE pr.task_id = ? ORDER BY ta.id",
                    CV_ARGS(CV_INT(acc.task_id)));
  json_t *extensions =
      cadre_db_rows(req,
                    "SELECT e.id, e.old_due, e.new_due, e.reason, e.state, e.decided_at, e.decision_note,"
                    " e.created_at, u.full_name AS requested_by_name, d.full_name AS decided_by_name"
                    " FROM tasks_extension e LEFT JOIN app_user u ON u.id = e.requested_by"
                    " LEFT JOIN app_user d ON d.id = e.decided_by WHERE e.task_id = ? ORDER BY e.id DESC",
                    CV_ARGS(CV_INT(acc.task_id)));
  json_t *history =
      cadre_db_rows(req,
                    "SELECT h.id, h.at, h.user_name, a.name AS agency_name, h.action, h.from_status,"
                    " h.to_status, h.note, h.data_json FROM tasks_history h"
                    " LEFT JOIN agency a ON a.id = h.agency_id WHERE h.task_id = ? ORDER BY h.id DESC",
                    CV_ARGS(CV_INT(acc.task_id)));
  if (!units || !progress || !files || !extensions || !history)
    return cadre_db_fail(req);

  /* attachments under their report */
  size_t i, k;
  json_t *p, *f;
  json_array_foreach(progress, i, p) {
    json_t *mine = json_array();
    json_array_foreach(files, k, f) {
      if (cadre_jint(f, "progress_id", 0) == cadre_jint(p, "id", 0))
        json_array_append(mine, f);
    }
    json_object_set_new(p, "attachments", mine);
  }
  json_t *h;
  json_array_foreach(history, i, h) {
    enum tasks_status st;
    const char *to = cadre_jstr(h, "to_status");
    if (to && tasks_status_from_code(to, &st))
      json_object_set_new(h, "to_status_label", json_string(tasks_status_label(st)));
  }

  bool pending_extension = false;
  json_t *e;
  json_array_foreach(extensions, i, e) {
    const char *state = cadre_jstr(e, "state");
    if (state && strcmp(state, "pending") == 0)
      pending_extension = true;
  }
  bool has_due = json_is_string(json_object_get(task, "due_date"));
  json_t *may =
      json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "report", can(&acc, TASKS_A_REPORT), "claim",
                can(&acc, TASKS_A_CLAIM), "review", can(&acc, TASKS_A_CONFIRM), "request_extension",
                can(&acc, TASKS_A_REQUEST_EXTENSION) && has_due && !pending_extension, "decide_extension",
                can(&acc, TASKS_A_DECIDE_EXTENSION) && pending_extension, "set_deadline",
                can(&acc, TASKS_A_SET_DEADLINE), "cancel", can(&acc, TASKS_A_CANCEL), "reopen",
                can(&acc, TASKS_A_REOPEN), "lead", (acc.actors & TASKS_ACTOR_LEAD) != 0);
  json_t *body = json_pack("{s:O, s:O, s:O, s:O, s:O, s:o, s:s}", "task", task, "units", units, "progress",
                           progress, "extensions", extensions, "history", history, "can", may, "as_of", day);
  cadre_keep(req, body);
  return cadre_reply_json(req, 200, body);
}
