/*
 * Who is calling, and what they may see.
 *
 * The host loads the caller's session, user, roles and agency before the
 * handler runs and has already enforced the route's declared roles. What is
 * left to a handler is data scope: business rows belong to agencies, and a
 * caller reads and writes only within their scope, which is the subtree of
 * their scope root:
 *   - an agency whose scope is 'national' (the Academy, the Central
 *     Organization Commission and their departments) sees the whole tree;
 *   - an agency whose scope is 'parent' (a provincial organization board)
 *     acts for its parent (the province);
 *   - every other agency sees itself and its subtree.
 *
 * The agency tree is stored with a closure table, agency_closure(ancestor,
 * descendant, depth), so a scoped list query joins it with CADRE_SCOPE_JOIN
 * and binds cadre_scope_root(req) as the parameter:
 *
 *   "SELECT t.* FROM tasks_task t" CADRE_SCOPE_JOIN("t.lead_agency_id")
 *   " WHERE t.programme_id = ?", CV_ARGS(CV_INT(cadre_scope_root(req)),
 *                                        CV_INT(programme))
 */
#ifndef CADRE_AUTH_H
#define CADRE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "cadre/plugin.h"

/* 0 when the caller is anonymous (public routes); -1 for the system user of
 * cadre-admin commands. */
int64_t cadre_user_id(const cadre_req *req);
const char *cadre_user_login(const cadre_req *req);
const char *cadre_user_name(const cadre_req *req);
const char *cadre_user_email(const cadre_req *req);
/* The caller's own agency (0 when anonymous). */
int64_t cadre_user_agency(const cadre_req *req);
const char *cadre_user_agency_kind(const cadre_req *req);
bool cadre_has_role(const cadre_req *req, const char *role);
/* Any of a space-separated list. */
bool cadre_has_any_role(const cadre_req *req, const char *roles);

/* The agency whose subtree the caller may see (0 when anonymous). */
int64_t cadre_scope_root(const cadre_req *req);
/* True when the caller's scope is the whole tree. */
bool cadre_scope_national(const cadre_req *req);
/* 1 when agency_id is inside the caller's scope, 0 when not, -1 on error. */
int cadre_in_scope(cadre_req *req, int64_t agency_id);
/* For single-object handlers: 0 when in scope; otherwise answers 404
 * ("not_found", as if the object did not exist, so foreign ids leak nothing)
 * or the database failure, and returns that status. */
int cadre_require_scope(cadre_req *req, int64_t agency_id);
/* 1 when `descendant` is `ancestor` or below it, 0 when not, -1 on error. */
int cadre_agency_within(cadre_req *req, int64_t descendant, int64_t ancestor);

/* SQL fragment joining the closure table on a column holding an agency id;
 * binds one parameter, the scope root. String literal concatenation only. */
#define CADRE_SCOPE_JOIN(col)                                                                                \
  " JOIN agency_closure cadre_scope ON cadre_scope.descendant = " col " AND cadre_scope.ancestor = ? "
/* The same as an EXISTS condition for WHERE clauses (one parameter). */
#define CADRE_SCOPE_EXISTS(col)                                                                              \
  " EXISTS (SELECT 1 FROM agency_closure cadre_scope WHERE cadre_scope.descendant = " col                    \
  " AND cadre_scope.ancestor = ?) "

#endif
