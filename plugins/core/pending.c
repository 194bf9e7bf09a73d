/* Administration routes not written yet: they answer 501 until they are. */
#include "core.h"

static int not_yet(cadre_req *req) {
  return cadre_fail(req, 501, "not_implemented", "Chức năng đang được xây dựng.");
}
int core_agencies(cadre_req *req) { return not_yet(req); }
int core_agency(cadre_req *req) { return not_yet(req); }
int core_agency_create(cadre_req *req) { return not_yet(req); }
int core_agency_update(cadre_req *req) { return not_yet(req); }
int core_agency_confirm(cadre_req *req) { return not_yet(req); }
int core_agency_merge(cadre_req *req) { return not_yet(req); }
int core_agency_kinds(cadre_req *req) { return not_yet(req); }
int core_users(cadre_req *req) { return not_yet(req); }
int core_user_create(cadre_req *req) { return not_yet(req); }
int core_user_update(cadre_req *req) { return not_yet(req); }
int core_user_reset_password(cadre_req *req) { return not_yet(req); }
int core_user_disable(cadre_req *req) { return not_yet(req); }
int core_user_enable(cadre_req *req) { return not_yet(req); }
int core_roles(cadre_req *req) { return not_yet(req); }
int core_modules(cadre_req *req) { return not_yet(req); }
int core_agency_modules(cadre_req *req) { return not_yet(req); }
int core_agency_module_set(cadre_req *req) { return not_yet(req); }
int core_audit(cadre_req *req) { return not_yet(req); }
