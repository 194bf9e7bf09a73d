/*
 * User administration, within the administrator's scope: list and search,
 * create (an initial password the user must change), edit details and
 * roles, reset a password, disable and enable. Passwords never appear in
 * answers or in the audit log.
 */
#include <string.h>

#include "core.h"

static const struct cadre_column user_columns[] = {
    {"login", "Tên đăng nhập", CC_TEXT, 20}, {"full_name", "Họ và tên", CC_TEXT, 28},
    {"agency_name", "Đơn vị", CC_TEXT, 36},  {"roles_text", "Vai trò", CC_TEXT, 24},
    {"email", "Thư điện tử", CC_TEXT, 28},   {"phone", "Điện thoại", CC_TEXT, 14},
    {"state", "Trạng thái", CC_TEXT, 12},    {"last_login_at", "Đăng nhập gần nhất", CC_DATETIME, 18},
};

int core_users(cadre_req *req) {
  int64_t agency = cadre_int(req, "agency", 0);
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  if (agency) {
    int st = cadre_require_scope(req, agency);
    if (st)
      return st;
  }
  /* an export is the whole filtered list, not one page of it */
  int64_t per = export ? 100000 : cadre_int(req, "per_page", 50),
          page = export ? 1 : cadre_int(req, "page", 1);
  /* u.login is an ascii column: compared as it is with a term holding
   * Vietnamese letters ("Nguyễn") it is a collation error, hence CONVERT. */
  const char *like = cadre_like_contains(cadre_arena_of(req), cadre_str(req, "q"));
  json_t *items = cadre_db_rows(
      req,
      "SELECT u.id, u.login, u.full_name, u.email, u.phone, u.agency_id, a.name AS agency_name, a.code AS "
      "agency_code,"
      " u.must_change_password, u.disabled_at, u.last_login_at,"
      " (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id) AS roles"
      " FROM app_user u JOIN agency a ON a.id = u.agency_id" CADRE_SCOPE_JOIN(
          "u.agency_id") " WHERE (? = 0 OR u.agency_id = ?) AND (? IS NULL OR u.full_name LIKE ?"
                         " OR CONVERT(u.login USING utf8mb4) LIKE ? OR u.email LIKE ?)"
                         " ORDER BY u.full_name, u.id LIMIT ? OFFSET ?",
      CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(agency), CV_INT(agency), CV_STR(like), CV_STR(like),
              CV_STR(like), CV_STR(like), CV_INT(per), CV_INT((page - 1) * per)));
  int64_t total = 0;
  if (!items ||
      cadre_db_int(req, &total,
                   "SELECT COUNT(*) FROM app_user u" CADRE_SCOPE_JOIN(
                       "u.agency_id") " WHERE (? = 0 OR u.agency_id = ?) AND (? IS NULL OR u.full_name LIKE ?"
                                      " OR CONVERT(u.login USING utf8mb4) LIKE ? OR u.email LIKE ?)",
                   CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(agency), CV_INT(agency), CV_STR(like),
                           CV_STR(like), CV_STR(like), CV_STR(like))) < 0)
    return cadre_db_fail(req);
  size_t i;
  json_t *u;
  json_array_foreach(items, i, u) {
    const char *roles = json_string_value(json_object_get(u, "roles"));
    json_t *list = json_array();
    char *copy = cadre_printf(req, "%s", roles ? roles : "");
    char *save = NULL;
    for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save))
      json_array_append_new(list, json_string(r));
    /* roles_text first: replacing "roles" frees the string roles points to */
    json_object_set_new(u, "roles_text", json_string(roles ? roles : ""));
    json_object_set_new(u, "roles", list);
    bool disabled = !json_is_null(json_object_get(u, "disabled_at"));
    json_object_set_new(u, "disabled", json_boolean(disabled));
    json_object_set_new(u, "state", json_string(disabled ? "Đã khóa" : "Đang hoạt động"));
  }
  if (export)
    return cadre_reply_table(req, format, "nguoi-dung", "Danh sách người dùng", user_columns,
                             sizeof(user_columns) / sizeof(user_columns[0]), items);
  json_t *out = cadre_keep(req, json_pack("{s:O, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                                          "page", (json_int_t)page, "per_page", (json_int_t)per));
  return cadre_reply_json(req, 200, out);
}

static json_t *user_snapshot(cadre_req *req, int64_t id) {
  return cadre_db_row(
      req,
      "SELECT u.id, u.login, u.full_name, u.email, u.phone, u.agency_id, u.disabled_at,"
      " (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id) AS roles"
      " FROM app_user u WHERE u.id = ?",
      CV_ARGS(CV_INT(id)));
}

/* The user must be in the administrator's scope; answers 404 otherwise. */
static int require_user_in_scope(cadre_req *req, int64_t id) {
  int64_t agency = 0;
  int rc = cadre_db_int(req, &agency, "SELECT agency_id FROM app_user WHERE id = ?", CV_ARGS(CV_INT(id)));
  if (rc < 0)
    return cadre_db_fail(req);
  if (rc == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy người dùng.");
  return cadre_require_scope(req, agency);
}

static const char *const *requested_roles(cadre_req *req) {
  const char **roles = NULL;
  cadre_strs(req, "roles", &roles);
  return roles;
}

/* Roles must exist; an unknown one is a field error, not a 500. */
static int check_roles(cadre_req *req, const char *const *roles) {
  for (const char *const *r = roles; r && *r; r++) {
    int64_t one = 0;
    int rc = cadre_db_int(req, &one, "SELECT 1 FROM role WHERE code = ?", CV_ARGS(CV_STR(*r)));
    if (rc < 0)
      return cadre_db_fail(req);
    if (rc == 0) {
      cadre_field_error(req, "roles", "unknown_role", "Vai trò «%s» không tồn tại.", *r);
      return cadre_fail(req, 422, "unknown_role", "Vai trò không tồn tại.");
    }
  }
  return 0;
}

static int create_tx(cadre_req *req, void *arg) {
  int64_t *id = arg;
  int st = cadre_require_scope(req, cadre_int(req, "agency_id", 0));
  if (st)
    return st;
  const char *const *roles = requested_roles(req);
  if ((st = check_roles(req, roles)) != 0)
    return st;
  const char *problem = cadre_password_problem(cadre_str(req, "password"), cadre_str(req, "login"));
  if (problem) {
    cadre_field_error(req, "password", "weak_password", "%s", problem);
    return cadre_fail(req, 422, "weak_password", "%s", problem);
  }
  struct cadre_new_user u = {.login = cadre_str(req, "login"),
                             .full_name = cadre_str(req, "full_name"),
                             .email = cadre_str(req, "email"),
                             .phone = cadre_str(req, "phone"),
                             .agency_id = cadre_int(req, "agency_id", 0),
                             .roles = roles,
                             .password = cadre_str(req, "password"),
                             .must_change_password = true};
  *id = cadre_user_insert(req, &u);
  if (*id == 0) {
    cadre_field_error(req, "login", "duplicate", "Tên đăng nhập «%s» đã có người dùng.", u.login);
    return cadre_fail(req, 409, "duplicate_login", "Tên đăng nhập đã có người dùng.");
  }
  if (*id < 0)
    return cadre_db_fail(req);
  return cadre_audit(req, "core.user", *id, "create", NULL, user_snapshot(req, *id)) ? cadre_db_fail(req) : 0;
}

int core_user_create(cadre_req *req) {
  int64_t id = 0;
  int st = cadre_tx(req, create_tx, &id);
  return st ? st : cadre_reply_ok(req, id);
}

static int update_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0);
  int st = require_user_in_scope(req, id);
  if (st || (st = cadre_require_scope(req, cadre_int(req, "agency_id", 0))) != 0)
    return st;
  const char *const *roles = requested_roles(req);
  if ((st = check_roles(req, roles)) != 0)
    return st;
  json_t *before = user_snapshot(req, id);
  if (!before ||
      cadre_db_exec(req,
                    "UPDATE app_user SET full_name = ?, email = ?, phone = ?, agency_id = ? WHERE id = ?",
                    CV_ARGS(CV_FIELD(req, "full_name"), CV_FIELD(req, "email"), CV_FIELD(req, "phone"),
                            CV_INT(cadre_int(req, "agency_id", 0)), CV_INT(id))) < 0 ||
      cadre_user_set_roles(req, id, roles) != 0)
    return cadre_db_fail(req);
  return cadre_audit(req, "core.user", id, "update", before, user_snapshot(req, id)) ? cadre_db_fail(req) : 0;
}

int core_user_update(cadre_req *req) {
  int st = cadre_tx(req, update_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

static int reset_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0);
  int st = require_user_in_scope(req, id);
  if (st)
    return st;
  const char *login = cadre_db_str(req, "SELECT login FROM app_user WHERE id = ?", CV_ARGS(CV_INT(id)));
  const char *problem = cadre_password_problem(cadre_str(req, "password"), login);
  if (problem) {
    cadre_field_error(req, "password", "weak_password", "%s", problem);
    return cadre_fail(req, 422, "weak_password", "%s", problem);
  }
  if (cadre_user_set_password(req, id, cadre_str(req, "password"), true) != 0 ||
      cadre_session_end_user(req, id, "password_reset", id == cadre_user_id(req)) != 0 ||
      cadre_audit(req, "core.user", id, "password_reset", NULL, NULL) != 0)
    return cadre_db_fail(req);
  /* Tell the owner, so a reset they did not ask for does not go unnoticed.
   * The new password itself is never mailed. */
  const char *email = cadre_db_str(req, "SELECT email FROM app_user WHERE id = ?", CV_ARGS(CV_INT(id)));
  if (email &&
      cadre_outbox_email(req, email, "Mật khẩu tài khoản Cadre Suite đã được đặt lại",
                         cadre_printf(req,
                                      "Mật khẩu của tài khoản %s vừa được quản trị viên %s đặt lại.\n"
                                      "Khi đăng nhập lần tới, bạn sẽ phải đổi mật khẩu.\n"
                                      "Nếu bạn không yêu cầu việc này, hãy báo ngay cho quản trị viên.",
                                      login, cadre_user_login(req)),
                         NULL) < 0)
    return cadre_db_fail(req);
  return 0;
}

int core_user_reset_password(cadre_req *req) {
  int st = cadre_tx(req, reset_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

static int set_disabled(cadre_req *req, bool disable) {
  int64_t id = cadre_int(req, "id", 0);
  int st = require_user_in_scope(req, id);
  if (st)
    return st;
  if (disable && id == cadre_user_id(req))
    return cadre_fail(req, 422, "cannot_disable_self", "Không thể tự khóa tài khoản của chính mình.");
  json_t *before = user_snapshot(req, id);
  if (!before ||
      cadre_db_exec(req, "UPDATE app_user SET disabled_at = IF(?, ?, NULL) WHERE id = ?",
                    CV_ARGS(CV_INT(disable), CV_STR(cadre_now_text(req)), CV_INT(id))) < 0 ||
      (disable && cadre_session_end_user(req, id, "disabled", false) != 0))
    return cadre_db_fail(req);
  return cadre_audit(req, "core.user", id, disable ? "disable" : "enable", before, user_snapshot(req, id))
             ? cadre_db_fail(req)
             : 0;
}

static int disable_tx(cadre_req *req, void *arg) {
  (void)arg;
  return set_disabled(req, true);
}
static int enable_tx(cadre_req *req, void *arg) {
  (void)arg;
  return set_disabled(req, false);
}

int core_user_disable(cadre_req *req) {
  int st = cadre_tx(req, disable_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

int core_user_enable(cadre_req *req) {
  int st = cadre_tx(req, enable_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}
