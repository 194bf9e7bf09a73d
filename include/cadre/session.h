/*
 * Authentication primitives for the core plugin's account routes (login,
 * logout, password change, session list). Business plugins never need them:
 * the host loads the session before their handlers run.
 */
#ifndef CADRE_SESSION_H
#define CADRE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "cadre/plugin.h"

/* argon2id (libsodium crypto_pwhash_str) with the configured cost. Returns
 * the encoded hash in the request arena, NULL when out of memory. */
const char *cadre_password_hash(cadre_req *req, const char *password);
bool cadre_password_verify(const char *hash, const char *password);
/* NULL when acceptable, else a Vietnamese reason (length ≥ 10, letters and
 * digits, not the login). */
const char *cadre_password_problem(const char *password, const char *login);

/* Seconds to wait before another attempt is allowed for this login or the
 * caller's address (0 = go ahead), -1 on database error. */
int cadre_login_wait(cadre_req *req, const char *login);
/* Records an attempt (outside any transaction, so failures are kept). */
void cadre_login_record(cadre_req *req, const char *login, bool ok);

/* Starts a session for the user: a new 256-bit token (stored hashed), the
 * cookie, a fresh CSRF token; loads the identity into the request. */
int cadre_session_start(cadre_req *req, int64_t user_id);
/* Ends the caller's session and clears the cookie. */
int cadre_session_end_current(cadre_req *req, const char *reason);
/* Ends every session of a user, except the caller's own when keep_current. */
int cadre_session_end_user(cadre_req *req, int64_t user_id, const char *reason, bool keep_current);
/* The caller's session as the API returns it (user, csrf_token, modules,
 * expires_at); request-owned. */
json_t *cadre_session_payload(cadre_req *req);
/* The caller's session id (0 when none). */
int64_t cadre_session_id(const cadre_req *req);
/* "Now" for sessions ("yyyy-mm-dd hh:mm:ss"): the real clock, which tests
 * move with X-Cadre-Session-Now independently of the business clock. */
const char *cadre_session_now_text(const cadre_req *req);

/* Modules enabled for an agency, [{name, title, ui_path}] (request-owned). */
json_t *cadre_modules_for_agency(cadre_req *req, int64_t agency_id);

/* ---- accounts ------------------------------------------------------------ */

struct cadre_new_user {
  const char *login;
  const char *full_name;
  const char *email; /* may be NULL */
  const char *phone; /* may be NULL */
  int64_t agency_id;
  const char *const *roles; /* NULL-terminated role codes */
  const char *password;     /* plain text, hashed here */
  bool must_change_password;
};

/* Inserts a user and their roles on the request's connection (call inside
 * cadre_tx). Returns the new id; 0 when the login exists (1062); -1 on
 * other errors (an unknown role is a foreign-key error). */
int64_t cadre_user_insert(cadre_req *req, const struct cadre_new_user *u);
/* Replaces a user's roles. 0 or -1. */
int cadre_user_set_roles(cadre_req *req, int64_t user_id, const char *const *roles);
/* Sets a new password hash; must_change forces a change at next login. */
int cadre_user_set_password(cadre_req *req, int64_t user_id, const char *password, bool must_change);

#endif
