/* An attachment of a progress report, served only to those who may see
 * its task (404 otherwise, as if it did not exist). */
#include "tasks.h"

int tasks_h_attachment(cadre_req *req) {
  json_t *row = cadre_db_row(req,
                             "SELECT ta.file_id, pr.task_id FROM tasks_attachment ta"
                             " JOIN tasks_progress pr ON pr.id = ta.progress_id WHERE ta.id = ?",
                             CV_ARGS(CV_INT(cadre_int(req, "id", 0))));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy tệp đính kèm.");
  }
  tasks_access acc;
  int rc = tasks_access_load(req, cadre_jint(row, "task_id", 0), &acc);
  if (rc)
    return rc;
  return cadre_reply_file(req, cadre_jint(row, "file_id", 0));
}
