/* Accounts: login, logout, the session payload, my sessions, my password. */
#include <string.h>

#include "core.h"

static int login_refused(cadre_req *req, const char *login) {
  cadre_login_record(req, login, false);
  return cadre_fail(req, 401, "bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
}

/* Logins are ASCII: app_user.login and login_attempt.login are ascii
 * columns, and comparing one with a string holding other characters is a
 * collation error (1267), not a mismatch. A login typed with Vietnamese
 * letters names no account: it is throttled and recorded under a stand-in
 * with '?' for every non-ASCII byte, and never looked up. */
static const char *ascii_login(cadre_req *req, const char *login, bool *is_ascii) {
  *is_ascii = true;
  for (const unsigned char *p = (const unsigned char *)login; *p; p++)
    if (*p >= 0x80)
      *is_ascii = false;
  if (*is_ascii)
    return login;
  char *out = cadre_printf(req, "%s", login);
  if (!out)
    return NULL;
  for (char *p = out; *p; p++)
    if ((unsigned char)*p >= 0x80)
      *p = '?';
  return out;
}

int core_login(cadre_req *req) {
  bool is_ascii;
  const char *login = ascii_login(req, cadre_str(req, "login"), &is_ascii);
  const char *password = cadre_str(req, "password");
  if (!login)
    return cadre_fail(req, 500, "internal_error", "Đã có lỗi hệ thống. Vui lòng thử lại sau.");
  int wait = cadre_login_wait(req, login);
  if (wait < 0)
    return cadre_db_fail(req);
  if (wait > 0)
    return cadre_fail(req, 429, "too_many_attempts",
                      "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.", (wait + 59) / 60);
  json_t *u = is_ascii
                  ? cadre_db_row(req, "SELECT id, password_hash, disabled_at FROM app_user WHERE login = ?",
                                 CV_ARGS(CV_STR(login)))
                  : NULL;
  if (!u) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    /* the same argon2id work as a real check, so response time does not
     * reveal which logins exist */
    (void)cadre_password_hash(req, password);
    return login_refused(req, login);
  }
  if (!cadre_password_verify(json_string_value(json_object_get(u, "password_hash")), password))
    return login_refused(req, login);
  if (!json_is_null(json_object_get(u, "disabled_at"))) {
    cadre_login_record(req, login, false);
    return cadre_fail(req, 403, "account_disabled", "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.");
  }
  cadre_login_record(req, login, true);
  if (cadre_session_start(req, json_integer_value(json_object_get(u, "id"))) != 0)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, cadre_session_payload(req));
}

int core_logout(cadre_req *req) {
  if (cadre_session_end_current(req, "logout") != 0)
    return cadre_db_fail(req);
  return cadre_reply_ok(req, 0);
}

int core_session(cadre_req *req) { return cadre_reply_json(req, 200, cadre_session_payload(req)); }

int core_sessions(cadre_req *req) {
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT id, created_at, last_seen_at, expires_at, ip, user_agent, (id = ?) AS current"
                    " FROM user_session WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?"
                    " ORDER BY last_seen_at DESC",
                    CV_ARGS(CV_INT(cadre_session_id(req)), CV_INT(cadre_user_id(req)),
                            CV_STR(cadre_session_now_text(req))));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r)
      json_object_set_new(r, "current", json_boolean(json_integer_value(json_object_get(r, "current"))));
  return cadre_reply_json(req, 200, rows);
}

int core_session_end(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int64_t n =
      cadre_db_exec(req,
                    "UPDATE user_session SET ended_at = ?, end_reason = 'ended_by_user'"
                    " WHERE id = ? AND user_id = ? AND ended_at IS NULL",
                    CV_ARGS(CV_STR(cadre_session_now_text(req)), CV_INT(id), CV_INT(cadre_user_id(req))));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy phiên đăng nhập này.");
  if (id == cadre_session_id(req))
    cadre_session_end_current(req, "ended_by_user");
  return cadre_reply_ok(req, id);
}

static int change_password_tx(cadre_req *req, void *arg) {
  (void)arg;
  const char *hash = cadre_db_str(req, "SELECT password_hash FROM app_user WHERE id = ? FOR UPDATE",
                                  CV_ARGS(CV_INT(cadre_user_id(req))));
  if (!hash)
    return cadre_db_fail(req);
  if (!cadre_password_verify(hash, cadre_str(req, "current_password"))) {
    cadre_field_error(req, "current_password", "wrong_password", "Mật khẩu hiện tại không đúng.");
    return cadre_fail(req, 422, "wrong_password", "Mật khẩu hiện tại không đúng.");
  }
  const char *next = cadre_str(req, "new_password");
  const char *problem = cadre_password_problem(next, cadre_user_login(req));
  if (!problem && strcmp(next, cadre_str(req, "current_password")) == 0)
    problem = "Mật khẩu mới phải khác mật khẩu hiện tại.";
  if (problem) {
    cadre_field_error(req, "new_password", "weak_password", "%s", problem);
    return cadre_fail(req, 422, "weak_password", "%s", problem);
  }
  if (cadre_user_set_password(req, cadre_user_id(req), next, false) != 0 ||
      cadre_session_end_user(req, cadre_user_id(req), "password_changed", true) != 0 ||
      cadre_audit(req, "core.user", cadre_user_id(req), "password_change", NULL, NULL) != 0)
    return cadre_db_fail(req);
  return 0;
}

int core_password(cadre_req *req) {
  int st = cadre_tx(req, change_password_tx, NULL);
  if (st)
    return st;
  return cadre_reply_ok(req, 0);
}
