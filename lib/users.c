/* Accounts: creating users, roles and passwords (include/cadre/session.h).
 * Shared by the admin pages (core plugin) and cadre-admin. */
#include "cadre/db.h"
#include "cadre/session.h"
#include "request_internal.h"

int cadre_user_set_roles(cadre_req *req, int64_t user_id, const char *const *roles) {
  if (cadre_db_exec(req, "DELETE FROM user_role WHERE user_id = ?", CV_ARGS(CV_INT(user_id))) < 0)
    return -1;
  for (const char *const *r = roles; r && *r; r++)
    if (cadre_db_exec(req, "INSERT IGNORE INTO user_role (user_id, role) VALUES (?, ?)",
                      CV_ARGS(CV_INT(user_id), CV_STR(*r))) < 0)
      return -1;
  return 0;
}

int cadre_user_set_password(cadre_req *req, int64_t user_id, const char *password, bool must_change) {
  const char *hash = cadre_password_hash(req, password);
  if (!hash)
    return -1;
  return cadre_db_exec(
             req,
             "UPDATE app_user SET password_hash = ?, must_change_password = ?, password_changed_at = ?"
             " WHERE id = ?",
             CV_ARGS(CV_STR(hash), CV_INT(must_change ? 1 : 0), CV_STR(req->now_text), CV_INT(user_id))) < 0
             ? -1
             : 0;
}

int64_t cadre_user_insert(cadre_req *req, const struct cadre_new_user *u) {
  const char *hash = cadre_password_hash(req, u->password);
  if (!hash)
    return -1;
  int64_t n = cadre_db_exec(req,
                            "INSERT INTO app_user (agency_id, login, full_name, email, phone, password_hash,"
                            " must_change_password, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            CV_ARGS(CV_INT(u->agency_id), CV_STR(u->login), CV_STR(u->full_name),
                                    CV_STR(u->email), CV_STR(u->phone), CV_STR(hash),
                                    CV_INT(u->must_change_password ? 1 : 0), CV_STR(req->now_text)));
  if (n != 1)
    return cadre_db_is_duplicate(req) ? 0 : -1;
  int64_t id = cadre_db_last_id(req);
  if (cadre_user_set_roles(req, id, u->roles) != 0)
    return -1;
  return id;
}
