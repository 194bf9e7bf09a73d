/*
 * The people of a task's units, and notifications to them through the
 * outbox. A unit's focal persons (role tasks_focal) hear about its tasks;
 * a unit without focal persons is reached through its officers (and, for a
 * supervising unit, its reviewers). A task that names no supervising unit
 * is supervised by the programme's owner.
 */
#include "tasks.h"

#include <string.h>

json_t *tasks_unit_people(cadre_req *req, int64_t task_id, const char *unit_role) {
  bool supervising = strcmp(unit_role, "supervising") == 0;
  const char *fallback2 = supervising ? "reviewer" : "officer";
  return cadre_db_rows(
      req,
      "SELECT DISTINCT u.id AS user_id, u.email, u.full_name, u.agency_id"
      " FROM (SELECT tu.agency_id FROM tasks_task_unit tu"
      "        WHERE tu.task_id = ? AND tu.role = ?"
      "       UNION SELECT p.owner_agency_id FROM tasks_task t"
      "        JOIN tasks_programme p ON p.id = t.programme_id"
      "        WHERE t.id = ? AND ? = 'supervising' AND NOT EXISTS"
      "         (SELECT 1 FROM tasks_task_unit x WHERE x.task_id = t.id"
      "          AND x.role = 'supervising')) ag"
      " JOIN app_user u ON u.agency_id = ag.agency_id AND u.disabled_at IS NULL"
      "  AND u.email IS NOT NULL AND u.email <> ''"
      " JOIN user_role r ON r.user_id = u.id"
      " WHERE r.role = 'tasks_focal' OR (r.role IN ('officer', ?) AND NOT EXISTS"
      "  (SELECT 1 FROM app_user u2 JOIN user_role r2 ON r2.user_id = u2.id"
      "   WHERE u2.agency_id = u.agency_id AND u2.disabled_at IS NULL"
      "   AND r2.role = 'tasks_focal'))"
      " ORDER BY u.id",
      CV_ARGS(CV_INT(task_id), CV_STR(unit_role), CV_INT(task_id), CV_STR(unit_role), CV_STR(fallback2)));
}

/* The agencies that hold `unit_role` on a task, each with whether it has an
 * active tasks focal person; a task that names no supervising unit is
 * supervised by the programme's owner. */
static json_t *unit_agencies(cadre_req *req, int64_t task_id, const char *unit_role) {
  return cadre_db_rows(
      req,
      "SELECT a.agency_id, EXISTS (SELECT 1 FROM app_user u JOIN user_role r ON r.user_id = u.id"
      "  WHERE u.agency_id = a.agency_id AND u.disabled_at IS NULL AND r.role = 'tasks_focal') AS has_focal"
      " FROM (SELECT tu.agency_id FROM tasks_task_unit tu WHERE tu.task_id = ? AND tu.role = ?"
      "  UNION SELECT p.owner_agency_id FROM tasks_task t"
      "  JOIN tasks_programme p ON p.id = t.programme_id"
      "  WHERE t.id = ? AND ? = 'supervising' AND NOT EXISTS"
      "   (SELECT 1 FROM tasks_task_unit x WHERE x.task_id = t.id AND x.role = 'supervising')) a",
      CV_ARGS(CV_INT(task_id), CV_STR(unit_role), CV_INT(task_id), CV_STR(unit_role)));
}

int tasks_notify_units(cadre_req *req, int64_t task_id, const char *unit_role, const char *subject,
                       const char *body, const char *dedupe_prefix) {
  json_t *agencies = unit_agencies(req, task_id, unit_role);
  if (!agencies)
    return -1;
  bool supervising = strcmp(unit_role, "supervising") == 0;
  size_t i;
  json_t *a;
  json_array_foreach(agencies, i, a) {
    int64_t agency = cadre_jint(a, "agency_id", 0);
    const char *roles = cadre_jtrue(a, "has_focal") ? "tasks_focal"
                        : supervising               ? "officer reviewer"
                                                    : "officer";
    if (cadre_outbox_email_agency(req, agency, roles, subject, body, dedupe_prefix) < 0)
      return -1;
  }
  return 0;
}
