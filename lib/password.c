/* Password hashing (argon2id via libsodium) and the password policy. */
#include <ctype.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "cadre/session.h"
#include "request_internal.h"

const char *cadre_password_hash(cadre_req *req, const char *password) {
  char *out = cadre_arena_alloc(req->arena, crypto_pwhash_STRBYTES);
  if (!out)
    return NULL;
  if (crypto_pwhash_str_alg(out, password, strlen(password), req->conf->pwhash_opslimit,
                            req->conf->pwhash_memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return NULL;
  return out;
}

bool cadre_password_verify(const char *hash, const char *password) {
  if (!hash || !password)
    return false;
  return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *cadre_password_problem(const char *password, const char *login) {
  size_t len = strlen(password);
  if (len < 10)
    return "Mật khẩu phải có ít nhất 10 ký tự.";
  if (len > 200)
    return "Mật khẩu dài tối đa 200 ký tự.";
  bool letter = false, digit = false;
  for (const char *p = password; *p; p++) {
    if (isdigit((unsigned char)*p))
      digit = true;
    else if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
      letter = true;
  }
  if (!letter || !digit)
    return "Mật khẩu phải có cả chữ và số.";
  if (login && *login && strcasestr(password, login))
    return "Mật khẩu không được chứa tên đăng nhập.";
  if (strspn(password, password[0] == '\0' ? "" : (char[]){password[0], 0}) == len)
    return "Mật khẩu không được gồm một ký tự lặp lại.";
  return NULL;
}
