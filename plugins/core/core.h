/* The core plugin's handlers, one file per area. */
#ifndef CADRE_CORE_PLUGIN_H
#define CADRE_CORE_PLUGIN_H

#include <cadre/cadre.h>

/* service.c */
int core_health(cadre_req *req);
int core_metrics(cadre_req *req);
int core_hello(cadre_req *req);
int core_debug_sleep(cadre_req *req);
int core_debug_webhook(cadre_req *req);
/* account.c */
int core_login(cadre_req *req);
int core_logout(cadre_req *req);
int core_session(cadre_req *req);
int core_sessions(cadre_req *req);
int core_session_end(cadre_req *req);
int core_password(cadre_req *req);
/* agencies.c */
int core_agencies(cadre_req *req);
int core_agency(cadre_req *req);
int core_agency_create(cadre_req *req);
int core_agency_update(cadre_req *req);
int core_agency_confirm(cadre_req *req);
int core_agency_merge(cadre_req *req);
int core_agency_kinds(cadre_req *req);
/* users.c */
int core_users(cadre_req *req);
int core_user_create(cadre_req *req);
int core_user_update(cadre_req *req);
int core_user_reset_password(cadre_req *req);
int core_user_disable(cadre_req *req);
int core_user_enable(cadre_req *req);
/* modules.c */
int core_roles(cadre_req *req);
int core_modules(cadre_req *req);
int core_routes(cadre_req *req);
int core_agency_modules(cadre_req *req);
int core_agency_module_set(cadre_req *req);
/* audit_view.c */
int core_audit(cadre_req *req);

#endif
