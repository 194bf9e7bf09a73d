/*
 * Who the caller is for a task: a lead unit (its agency is, or is inside, a
 * lead unit, with a role that does the work), a supervising unit (inside a
 * supervising unit, or inside the programme's owner when the task names no
 * supervisor, with a reviewing role), the programme's administrator (an
 * admin inside the owner agency), or just a reader within scope.
 *
 * A task is visible when one of its units, or the programme's owner, is in
 * the caller's scope; anything else answers 404 as if it did not exist.
 */
#include "tasks.h"

#include <string.h>

const char *tasks_as_of(cadre_req *req, cadre_date *out) {
  const char *s = cadre_str(req, "as_of");
  if (!s)
    s = cadre_today(req);
  if (!cadre_date_parse(s, out))
    *out = cadre_date_of(cadre_now(req));
  return s;
}

int tasks_programme_admin(cadre_req *req, int64_t owner_agency_id) {
  if (cadre_user_id(req) == -1)
    return 1; /* cadre-admin: the system user */
  if (!cadre_has_role(req, "admin"))
    return 0;
  return cadre_agency_within(req, cadre_user_agency(req), owner_agency_id);
}

int tasks_access_load(cadre_req *req, int64_t task_id, tasks_access *acc) {
  memset(acc, 0, sizeof *acc);
  cadre_date as_of;
  const char *day = tasks_as_of(req, &as_of);
  int64_t me = cadre_user_agency(req);
  int64_t scope = cadre_scope_root(req);
  json_t *row =
      cadre_db_row(req,
                   "SELECT" TASKS_TASK_COLUMNS "," TASKS_LAST_REPORT ","
                   " EXISTS (SELECT 1 FROM tasks_task_unit u JOIN agency_closure c"
                   "   ON c.ancestor = u.agency_id AND c.descendant = ?"
                   "   WHERE u.task_id = t.id AND u.role = 'lead') AS is_lead,"
                   " EXISTS (SELECT 1 FROM tasks_task_unit u JOIN agency_closure c"
                   "   ON c.ancestor = u.agency_id AND c.descendant = ?"
                   "   WHERE u.task_id = t.id AND u.role = 'supervising') AS is_supervising,"
                   " EXISTS (SELECT 1 FROM tasks_task_unit u"
                   "   WHERE u.task_id = t.id AND u.role = 'supervising') AS has_supervisor,"
                   " EXISTS (SELECT 1 FROM agency_closure c"
                   "   WHERE c.ancestor = p.owner_agency_id AND c.descendant = ?) AS in_owner,"
                   " p.owner_agency_id = ? AS at_owner," TASKS_VISIBLE_SQL("t") " AS visible" TASKS_TASK_FROM
                                                                                " WHERE t.id = ?",
                   CV_ARGS(CV_STR(day), CV_INT(me), CV_INT(me), CV_INT(me), CV_INT(me), CV_INT(scope),
                           CV_INT(scope), CV_INT(task_id)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nhiệm vụ.");
  }
  bool system = cadre_user_id(req) == -1;
  if (!system && !cadre_jtrue(row, "visible"))
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nhiệm vụ.");

  acc->task = row;
  acc->task_id = task_id;
  acc->programme_id = cadre_jint(row, "programme_id", 0);
  acc->owner_agency_id = cadre_jint(row, "owner_agency_id", 0);
  (void)tasks_status_from_code(cadre_jstr(row, "status"), &acc->status);
  if (system) {
    acc->actors = TASKS_ACTOR_ADMIN;
  } else {
    if (cadre_jtrue(row, "is_lead") && cadre_has_any_role(req, "officer admin tasks_focal"))
      acc->actors |= TASKS_ACTOR_LEAD;
    /* a task that names no supervisor is supervised by the owner agency
     * itself (its departments lead tasks; they do not confirm each
     * other's), and by the owner's admins (TASKS_ACTOR_ADMIN) */
    bool supervises = cadre_jtrue(row, "is_supervising") ||
                      (!cadre_jtrue(row, "has_supervisor") && cadre_jtrue(row, "at_owner"));
    if (supervises && cadre_has_any_role(req, "reviewer admin"))
      acc->actors |= TASKS_ACTOR_SUPERVISOR;
    if (cadre_jtrue(row, "in_owner") && cadre_has_role(req, "admin"))
      acc->actors |= TASKS_ACTOR_ADMIN;
  }
  json_object_del(row, "visible");
  return 0;
}

static const char *refusal_message(const char *code) {
  if (strcmp(code, "not_lead_unit") == 0)
    return "Chỉ đơn vị chủ trì nhiệm vụ mới được cập nhật nhiệm vụ này.";
  if (strcmp(code, "self_review") == 0)
    return "Đơn vị chủ trì không tự xác nhận, trả lại hay quyết định gia hạn cho "
           "nhiệm vụ của mình.";
  if (strcmp(code, "not_programme_admin") == 0)
    return "Chỉ quản trị của đơn vị chủ quản chương trình mới được làm việc này.";
  if (strcmp(code, "not_supervisor") == 0)
    return "Chỉ đơn vị được giao đôn đốc nhiệm vụ (hoặc quản trị chương trình) mới "
           "được làm việc này.";
  return "Bạn không có quyền thực hiện thao tác này.";
}

int tasks_require_actor(cadre_req *req, const tasks_access *acc, enum tasks_action action) {
  const char *code = tasks_actor_refusal(action, acc->actors);
  if (!code)
    return 0;
  return cadre_fail(req, 403, code, "%s", refusal_message(code));
}
