/* A task's history as its users read it: who did what, when, from which
 * status to which, with their note. Written in the same transaction as the
 * change (the audit log keeps the full before/after). */
#include "tasks.h"

#include <stdlib.h>

int tasks_history_add(cadre_req *req, int64_t task_id, const char *action, const char *from_status,
                      const char *to_status, const char *note, json_t *data) {
  int64_t uid = cadre_user_id(req);
  int64_t agency = cadre_user_agency(req);
  const char *who = uid > 0 ? cadre_user_name(req) : "Hệ thống";
  char *json = data ? json_dumps(data, JSON_COMPACT) : NULL;
  const char *kept = json ? cadre_printf(req, "%s", json) : NULL;
  free(json);
  int64_t n = cadre_db_exec(req,
                            "INSERT INTO tasks_history (task_id, at, user_id, user_name, agency_id, action,"
                            " from_status, to_status, note, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            CV_ARGS(CV_INT(task_id), CV_STR(cadre_now_text(req)), CV_INT_IF(uid > 0, uid),
                                    CV_STR(who), CV_INT_IF(agency > 0, agency), CV_STR(action),
                                    CV_STR(from_status), CV_STR(to_status), CV_STR(note), CV_STR(kept)));
  return n < 0 ? -1 : 0;
}
