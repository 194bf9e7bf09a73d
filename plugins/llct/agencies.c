/*
 * Agencies named in a plan. Matching and pending-agency creation are core's
 * (cadre_agency_match, cadre_agency_match_or_create: accent-, case- and
 * spacing-insensitive, a stable code per folded name so a second import
 * finds what the first created); this file adds what plan tables need on
 * top: the name as written and with its abbreviations expanded, a
 * preference for agencies under the plan's own province, and the audit row
 * for each agency an import creates.
 */
#include <string.h>

#include "llct.h"

int64_t llct_agency_up(cadre_req *req, int64_t agency, const char *kind) {
  int64_t id = 0;
  int r = cadre_db_int(req, &id,
                       "SELECT a.id FROM agency_closure c JOIN agency a ON a.id = c.ancestor"
                       " WHERE c.descendant = ? AND a.kind = ? ORDER BY c.depth LIMIT 1",
                       CV_ARGS(CV_INT(agency), CV_STR(kind)));
  return r == 1 ? id : 0;
}

int64_t llct_agency_child(cadre_req *req, int64_t parent, const char *kind) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT id FROM agency WHERE parent_id = ? AND kind = ?"
                               " AND status = 'active' LIMIT 2",
                               CV_ARGS(CV_INT(parent), CV_STR(kind)));
  if (!rows || json_array_size(rows) != 1)
    return 0;
  return cadre_jint(json_array_get(rows, 0), "id", 0);
}

/* As written or expanded, under `within` (0: anywhere). */
static int64_t match_either(cadre_req *req, const char *written, const char *expanded, int64_t within) {
  int64_t id = cadre_agency_match(req, expanded, within);
  if (id == 0 && strcmp(written, expanded) != 0)
    id = cadre_agency_match(req, written, within);
  return id;
}

int64_t llct_agency_resolve(cadre_req *req, const char *written, int64_t prefer_under, int64_t parent_for_new,
                            bool *created) {
  cadre_arena *a = cadre_arena_of(req);
  *created = false;
  const char *w = cadre_tidy(a, written);
  const char *expanded = w ? llct_expand_abbrev(a, w) : NULL;
  if (!w || !expanded || !*w)
    return 0;
  int64_t id = prefer_under > 0 ? match_either(req, w, expanded, prefer_under) : 0;
  if (id == 0)
    id = match_either(req, w, expanded, 0);
  if (id < 0)
    return 0;
  if (id > 0)
    return id;
  const char *kind = llct_kind_for_name(a, expanded);
  /* a pending agency it creates is audited by core as core.agency/create_pending */
  id = cadre_agency_match_or_create(req, expanded, 0, parent_for_new, kind, created);
  return id > 0 ? id : 0;
}
