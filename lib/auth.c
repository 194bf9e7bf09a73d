/* The caller's identity, roles and data scope (include/cadre/auth.h). */
#include "cadre/auth.h"

#include <string.h>

#include "cadre/db.h"
#include "request_internal.h"

int64_t cadre_user_id(const cadre_req *req) { return req->who.user_id; }
const char *cadre_user_login(const cadre_req *req) { return req->who.login; }
const char *cadre_user_name(const cadre_req *req) { return req->who.full_name; }
const char *cadre_user_email(const cadre_req *req) { return req->who.email; }
int64_t cadre_user_agency(const cadre_req *req) { return req->who.agency_id; }
const char *cadre_user_agency_kind(const cadre_req *req) { return req->who.agency_kind; }
int64_t cadre_scope_root(const cadre_req *req) { return req->who.scope_root; }
bool cadre_scope_national(const cadre_req *req) { return req->who.national; }

bool cadre_has_role(const cadre_req *req, const char *role) {
  if (req->who.user_id == -1) /* the system user of cadre-admin holds every role */
    return true;
  for (const char **r = req->who.roles; r && *r; r++)
    if (strcmp(*r, role) == 0)
      return true;
  return false;
}

bool cadre_has_any_role(const cadre_req *req, const char *roles) {
  if (!roles)
    return false;
  char one[64];
  for (const char *p = roles; *p;) {
    while (*p == ' ')
      p++;
    size_t n = strcspn(p, " ");
    if (n && n < sizeof(one)) {
      memcpy(one, p, n);
      one[n] = '\0';
      if (cadre_has_role(req, one))
        return true;
    }
    p += n;
  }
  return false;
}

int cadre_agency_within(cadre_req *req, int64_t descendant, int64_t ancestor) {
  if (descendant <= 0 || ancestor <= 0)
    return 0;
  if (descendant == ancestor)
    return 1;
  int64_t one = 0;
  int rc = cadre_db_int(req, &one, "SELECT 1 FROM agency_closure WHERE ancestor = ? AND descendant = ?",
                        CV_ARGS(CV_INT(ancestor), CV_INT(descendant)));
  return rc < 0 ? -1 : rc;
}

int cadre_in_scope(cadre_req *req, int64_t agency_id) {
  if (req->who.national)
    return agency_id > 0 ? 1 : 0;
  return cadre_agency_within(req, agency_id, req->who.scope_root);
}

int cadre_require_scope(cadre_req *req, int64_t agency_id) {
  int in = cadre_in_scope(req, agency_id);
  if (in < 0)
    return cadre_db_fail(req);
  if (in == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy nội dung yêu cầu.");
  return 0;
}
