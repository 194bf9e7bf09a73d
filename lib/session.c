/*
 * Sessions, stored in the database so that any host can serve any request.
 *
 * The cookie carries 256 random bits (base64url); the database keeps only
 * their SHA-256, so a leaked table does not leak live sessions. A session
 * ends on logout, after [session] idle_minutes without a request, after
 * [session] absolute_hours in any case, when the user is disabled, or when
 * the user ends it from their session list.
 */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth_internal.h"
#include "cadre/db.h"
#include "cadre/session.h"
#include "clock.h"
#include "log.h"
#include "parse.h"
#include "request_internal.h"

#define TOKEN_BYTES 32
#define TOUCH_AFTER_SECONDS 60

/* Cookies marked Secure carry the __Host- prefix (bound to this host, path
 * /, no Domain) — OWASP ASVS 3.4.4. */
static bool cookie_secure(const cadre_req *req) {
  const char *mode = req->conf->cookie_secure;
  return strcmp(mode, "on") == 0 || (strcmp(mode, "auto") == 0 && req->https);
}

static const char *cookie_name(cadre_req *req, bool secure) {
  return secure ? cadre_printf(req, "__Host-%s", req->conf->cookie_name) : req->conf->cookie_name;
}

static const char *read_token(cadre_req *req) {
  const char *t = cadre_cookie_get(req->arena, req->cookie_header, cookie_name(req, true));
  if (!t)
    t = cadre_cookie_get(req->arena, req->cookie_header, cookie_name(req, false));
  return t;
}

static void hash_token(const char *token, unsigned char out[32]) {
  crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

static void set_cookie(cadre_req *req, const char *token) {
  bool secure = cookie_secure(req);
  if (token)
    cadre_req_add_header(req, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s", cookie_name(req, secure),
                         token, secure ? "; Secure" : "");
  else
    cadre_req_add_header(req, "Set-Cookie: %s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
                         cookie_name(req, secure), secure ? "; Secure" : "");
}

static int64_t root_agency(cadre_req *req) {
  static _Atomic int64_t cached;
  int64_t id = cached;
  if (id)
    return id;
  if (cadre_db_int(req, &id, "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1", CV_NONE) ==
      1)
    cached = id;
  return id;
}

static const char **split_roles(cadre_req *req, const char *csv) {
  size_t n = 1;
  for (const char *p = csv; p && *p; p++)
    if (*p == ',')
      n++;
  const char **roles = cadre_arena_calloc(req->arena, n + 1, sizeof(char *));
  if (!roles || !csv || !*csv)
    return roles;
  char *copy = cadre_arena_strdup(req->arena, csv);
  size_t k = 0;
  char *save = NULL;
  for (char *r = strtok_r(copy, ",", &save); r && k < n; r = strtok_r(NULL, ",", &save))
    roles[k++] = r;
  return roles;
}

static const char *jstr(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static int64_t jint(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

#define IDENTITY_SELECT                                                                                      \
  "SELECT u.id AS user_id, u.login, u.full_name, u.email, u.agency_id, u.must_change_password,"              \
  " u.disabled_at, a.kind AS agency_kind, a.code AS agency_code, a.name AS agency_name,"                     \
  " a.scope AS agency_scope, a.parent_id AS agency_parent,"                                                  \
  " (SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id) AS roles"

/* Fills req->who from an identity row. */
static void load_identity(cadre_req *req, json_t *row) {
  struct cadre_identity *w = &req->who;
  w->user_id = jint(row, "user_id");
  w->login = jstr(row, "login");
  w->full_name = jstr(row, "full_name");
  w->email = jstr(row, "email");
  w->agency_id = jint(row, "agency_id");
  w->agency_kind = jstr(row, "agency_kind");
  w->agency_code = jstr(row, "agency_code");
  w->agency_name = jstr(row, "agency_name");
  w->must_change_password = jint(row, "must_change_password") != 0;
  w->roles = split_roles(req, jstr(row, "roles"));
  const char *scope = jstr(row, "agency_scope");
  if (scope && strcmp(scope, "national") == 0) {
    w->national = true;
    w->scope_root = root_agency(req);
  } else if (scope && strcmp(scope, "parent") == 0 && jint(row, "agency_parent")) {
    w->scope_root = jint(row, "agency_parent");
  } else {
    w->scope_root = w->agency_id;
  }
}

static int expired(cadre_req *req, int64_t session_id, const char *reason) {
  cadre_db_exec(req, "UPDATE user_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
                CV_ARGS(CV_STR(req->auth_now_text), CV_STR(reason), CV_INT(session_id)));
  set_cookie(req, NULL);
  if (strcmp(reason, "disabled") == 0)
    return cadre_fail(req, 401, "account_disabled", "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.");
  return cadre_fail(req, 401, "session_expired", "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
}

#define SESSION_SELECT                                                                                       \
  IDENTITY_SELECT ", s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, s.ended_at"
#define SESSION_FROM                                                                                         \
  " FROM user_session s JOIN app_user u ON u.id = s.user_id"                                                 \
  " JOIN agency a ON a.id = u.agency_id WHERE s.token_hash = ?"

/* The session row, with the module's switch for the user's agency when a
 * module is named: one statement either way. */
static json_t *session_row(cadre_req *req, const unsigned char h[32], const char *module) {
  if (!module || strcmp(module, "core") == 0)
    return cadre_db_row(req, SESSION_SELECT SESSION_FROM, CV_ARGS(CV_BLOB(h, 32)));
  return cadre_db_row(
      req, SESSION_SELECT ", (" CADRE_MODULE_SWITCH("u.agency_id") ") AS module_enabled" SESSION_FROM,
      CV_ARGS(CV_STR(module), CV_BLOB(h, 32)));
}

int cadre_session_load(cadre_req *req, const char *module) {
  const char *token = read_token(req);
  if (!token || strlen(token) > 64)
    return cadre_fail(req, 401, "not_logged_in", "Bạn cần đăng nhập để tiếp tục.");
  unsigned char h[32];
  hash_token(token, h);
  json_t *row = session_row(req, h, module);
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    set_cookie(req, NULL);
    return cadre_fail(req, 401, "not_logged_in",
                      "Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.");
  }
  int64_t sid = jint(row, "session_id");
  if (!json_is_null(json_object_get(row, "ended_at")))
    return expired(req, sid, "ended");
  if (!json_is_null(json_object_get(row, "disabled_at")))
    return expired(req, sid, "disabled");
  time_t last = 0, until = 0;
  cadre_clock_parse(jstr(row, "last_seen_at"), &last);
  cadre_clock_parse(jstr(row, "expires_at"), &until);
  if (req->auth_now >= until)
    return expired(req, sid, "absolute_timeout");
  if (req->auth_now - last >= (time_t)req->conf->idle_minutes * 60)
    return expired(req, sid, "idle_timeout");
  load_identity(req, row);
  req->who.session_id = sid;
  req->who.csrf_token = jstr(row, "csrf_token");
  req->who.expires_at = jstr(row, "expires_at");
  if (module && strcmp(module, "core") != 0) {
    req->who.module_read = module;
    req->who.module_enabled = jint(row, "module_enabled") != 0;
  }
  if (req->auth_now - last >= TOUCH_AFTER_SECONDS)
    cadre_db_exec(req, "UPDATE user_session SET last_seen_at = ? WHERE id = ?",
                  CV_ARGS(CV_STR(req->auth_now_text), CV_INT(sid)));
  return 0;
}

int cadre_session_start(cadre_req *req, int64_t user_id) {
  unsigned char raw[TOKEN_BYTES], h[32], csrf_raw[32];
  char token[sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  char csrf[65];
  randombytes_buf(raw, sizeof(raw));
  randombytes_buf(csrf_raw, sizeof(csrf_raw));
  sodium_bin2base64(token, sizeof(token), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_bin2hex(csrf, sizeof(csrf), csrf_raw, sizeof(csrf_raw));
  hash_token(token, h);
  char until[20];
  cadre_clock_format(req->auth_now + (time_t)req->conf->absolute_hours * 3600, until);
  const char *expires = cadre_printf(req, "%s", until);
  const char *ua = req->user_agent ? cadre_printf(req, "%.250s", req->user_agent) : NULL;
  if (ua && !cadre_utf8_valid(ua, strlen(ua)))
    ua = NULL;
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at,"
      " expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_BLOB(h, sizeof(h)), CV_INT(user_id), CV_STR(csrf), CV_STR(req->auth_now_text),
              CV_STR(req->auth_now_text), CV_STR(expires), CV_STR(req->remote_addr), CV_STR(ua)));
  if (n != 1)
    return -1;
  int64_t sid = cadre_db_last_id(req);
  json_t *row =
      cadre_db_row(req, IDENTITY_SELECT " FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = ?",
                   CV_ARGS(CV_INT(user_id)));
  if (!row)
    return -1;
  load_identity(req, row);
  req->who.session_id = sid;
  req->who.csrf_token = cadre_arena_strdup(req->arena, csrf);
  req->who.expires_at = expires;
  cadre_db_exec(req, "UPDATE app_user SET last_login_at = ? WHERE id = ?",
                CV_ARGS(CV_STR(req->auth_now_text), CV_INT(user_id)));
  set_cookie(req, token);
  return 0;
}

int cadre_session_end_current(cadre_req *req, const char *reason) {
  set_cookie(req, NULL);
  if (!req->who.session_id)
    return 0;
  return cadre_db_exec(
             req, "UPDATE user_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
             CV_ARGS(CV_STR(req->auth_now_text), CV_STR(reason), CV_INT(req->who.session_id))) < 0
             ? -1
             : 0;
}

int cadre_session_end_user(cadre_req *req, int64_t user_id, const char *reason, bool keep_current) {
  int64_t keep = keep_current ? req->who.session_id : 0;
  return cadre_db_exec(req,
                       "UPDATE user_session SET ended_at = ?, end_reason = ?"
                       " WHERE user_id = ? AND ended_at IS NULL AND id <> ?",
                       CV_ARGS(CV_STR(req->auth_now_text), CV_STR(reason), CV_INT(user_id), CV_INT(keep))) < 0
             ? -1
             : 0;
}

int64_t cadre_session_id(const cadre_req *req) { return req->who.session_id; }

const char *cadre_session_now_text(const cadre_req *req) { return req->auth_now_text; }

json_t *cadre_session_payload(cadre_req *req) {
  const struct cadre_identity *w = &req->who;
  json_t *roles = json_array();
  for (const char **r = w->roles; r && *r; r++)
    json_array_append_new(roles, json_string(*r));
  json_t *modules = cadre_modules_for_agency(req, w->agency_id);
  json_t *payload =
      json_pack("{s:{s:I, s:s, s:s, s:s?, s:{s:I, s:s?, s:s?, s:s?}, s:o, s:b, s:b}, s:s?, s:O, s:s?}",
                "user", "id", (json_int_t)w->user_id, "login", w->login ? w->login : "", "full_name",
                w->full_name ? w->full_name : "", "email", w->email, "agency", "id", (json_int_t)w->agency_id,
                "code", w->agency_code, "name", w->agency_name, "kind", w->agency_kind, "roles", roles,
                "must_change_password", w->must_change_password, "national_scope", w->national, "csrf_token",
                w->csrf_token, "modules", modules ? modules : json_array(), "expires_at", w->expires_at);
  return cadre_keep(req, payload);
}

/* ---- CSRF and origin ---------------------------------------------------------- */

int cadre_csrf_check(cadre_req *req) {
  const char *sent = cadre_header(req, "HTTP_X_CSRF_TOKEN");
  const char *want = req->who.csrf_token;
  if (!sent || !want || strlen(sent) != strlen(want) || sodium_memcmp(sent, want, strlen(want)) != 0)
    return cadre_fail(
        req, 403, "csrf_failed",
        "Yêu cầu không hợp lệ (thiếu hoặc sai mã chống giả mạo). Vui lòng tải lại trang và thử lại.");
  return 0;
}

/* scheme://host[:port] of an Origin or Referer value. */
static const char *origin_of(cadre_req *req, const char *url) {
  const char *p = strstr(url, "://");
  if (!p)
    return NULL;
  const char *end = strchr(p + 3, '/');
  return end ? cadre_arena_strndup(req->arena, url, (size_t)(end - url)) : url;
}

static bool origin_allowed(cadre_req *req, const char *origin) {
  const char *host = cadre_header(req, "HTTP_HOST");
  if (host) {
    if (strcmp(origin, cadre_printf(req, "%s://%s", req->https ? "https" : "http", host)) == 0)
      return true;
  }
  const char *list = req->conf->allowed_origins;
  size_t olen = strlen(origin);
  for (const char *p = list; p && *p;) {
    while (*p == ' ' || *p == ',')
      p++;
    size_t n = strcspn(p, " ,");
    if (n == olen && strncmp(p, origin, n) == 0)
      return true;
    p += n;
  }
  return false;
}

int cadre_origin_check(cadre_req *req, bool strict) {
  const char *origin = cadre_header(req, "HTTP_ORIGIN");
  if (!origin || !*origin || strcmp(origin, "null") == 0) {
    const char *ref = cadre_header(req, "HTTP_REFERER");
    origin = ref ? origin_of(req, ref) : NULL;
  }
  if (!origin)
    return strict ? cadre_fail(req, 403, "bad_origin",
                               "Yêu cầu bị từ chối vì không xác định được trang gửi đến.")
                  : 0;
  if (!origin_allowed(req, origin))
    return cadre_fail(req, 403, "bad_origin", "Yêu cầu bị từ chối vì được gửi từ một trang web khác.");
  return 0;
}

/* ---- login throttling ----------------------------------------------------------- */

int cadre_login_wait(cadre_req *req, const char *login) {
  char window_start[20];
  cadre_clock_format(req->auth_now - (time_t)req->conf->login_window_minutes * 60, window_start);
  const char *since = cadre_printf(req, "%s", window_start);
  int64_t by_login = 0, by_addr = 0;
  /* failures since the later of the window start and the last success */
  if (cadre_db_int(
          req, &by_login,
          "SELECT COUNT(*) FROM login_attempt WHERE login = ? AND ok = 0 AND at <= ? AND at > GREATEST(?,"
          " COALESCE((SELECT MAX(at) FROM login_attempt WHERE login = ? AND ok = 1 AND at <= ?), ?))",
          CV_ARGS(CV_STR(login), CV_STR(req->auth_now_text), CV_STR(since), CV_STR(login),
                  CV_STR(req->auth_now_text), CV_STR(since))) < 0)
    return -1;
  if (cadre_db_int(req, &by_addr,
                   "SELECT COUNT(*) FROM login_attempt WHERE ip = ? AND ok = 0 AND at > ? AND at <= ?",
                   CV_ARGS(CV_STR(cadre_remote_addr(req)), CV_STR(since), CV_STR(req->auth_now_text))) < 0)
    return -1;
  if (by_login >= req->conf->login_max_failures_account || by_addr >= req->conf->login_max_failures_address)
    return req->conf->login_window_minutes * 60;
  return 0;
}

void cadre_login_record(cadre_req *req, const char *login, bool ok) {
  cadre_db_exec(req, "INSERT INTO login_attempt (at, login, ip, ok) VALUES (?, ?, ?, ?)",
                CV_ARGS(CV_STR(req->auth_now_text), CV_STR(cadre_printf(req, "%.64s", login)),
                        CV_STR(cadre_remote_addr(req)), CV_INT(ok ? 1 : 0)));
}
