/*
 * Agencies named in a plan. Names are matched to the core agency tree
 * accent- and case-insensitively (the collation of agency.name does that),
 * as written and with abbreviations expanded; an unknown name becomes a core
 * agency with status 'pending', for an administrator to confirm or merge.
 * The pending agency's code is derived from its folded name, so a second
 * import, or a second spelling that folds the same way, finds it again
 * instead of creating another.
 *
 * Creating agencies is core's business; core offers plugins no call for it
 * yet, so this inserts the row itself (see docs/requests/llct.md).
 */
#include <string.h>

#include "llct.h"

int64_t llct_agency_by_code(cadre_req *req, const char *code) {
  int64_t id = 0;
  int r = cadre_db_int(req, &id, "SELECT id FROM agency WHERE code = ?",
                       CV_ARGS(CV_STR(code)));
  return r == 1 ? id : 0;
}

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
  return llct_jint(json_array_get(rows, 0), "id", 0);
}

static int64_t find(cadre_req *req, const char *written, const char *expanded,
                    int64_t prefer_under) {
  int64_t id = 0;
  int r = cadre_db_int(
      req, &id,
      "SELECT a.id FROM agency a"
      " LEFT JOIN agency_closure pc ON pc.descendant = a.id AND pc.ancestor = ?"
      " WHERE a.status <> 'disabled'"
      " AND (a.name = ? OR a.name = ? OR a.short_name = ? OR a.short_name = ?)"
      " ORDER BY (pc.ancestor IS NOT NULL) DESC, (a.status = 'active') DESC, a.id LIMIT 1",
      CV_ARGS(CV_INT(prefer_under), CV_STR(written), CV_STR(expanded), CV_STR(written),
              CV_STR(expanded)));
  if (r < 0)
    return -1;
  return r == 1 ? id : 0;
}

static int64_t create_pending(cadre_req *req, const char *written, const char *expanded,
                              int64_t parent, bool *created) {
  cadre_arena *a = cadre_arena_of(req);
  char code[20];
  llct_pending_code(a, written, code);
  const char *kind = llct_kind_for_name(a, expanded);
  /* short_name keeps the spelling the plan used when it differs */
  const char *short_name = strcmp(written, expanded) != 0 ? written : NULL;
  int64_t n = cadre_db_exec(req,
                            "INSERT INTO agency (parent_id, kind, code, name, short_name, scope,"
                            " status) VALUES (?, ?, ?, ?, ?, 'own', 'pending')",
                            CV_ARGS(CV_INT(parent), CV_STR(kind), CV_STR(code),
                                    CV_STR(expanded), CV_STR(short_name)));
  if (n < 0 && !cadre_db_is_duplicate(req))
    return 0;
  if (n < 0) /* created meanwhile under the same folded name */
    return llct_agency_by_code(req, code);
  int64_t id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s, s:s, s:s?, s:I, s:s}", "code", code, "name", expanded,
                            "kind", kind, "short_name", short_name, "parent_id",
                            (json_int_t)parent, "status", "pending");
  int rc = cadre_audit(req, "core.agency", id, "create_pending", NULL, after);
  json_decref(after);
  if (rc < 0)
    return 0;
  *created = true;
  return id;
}

int64_t llct_agency_resolve(cadre_req *req, const char *written, int64_t prefer_under,
                            int64_t parent_for_new, bool *created) {
  cadre_arena *a = cadre_arena_of(req);
  *created = false;
  const char *w = cadre_tidy(a, written);
  const char *expanded = llct_expand_abbrev(a, w);
  if (!w || !expanded || !*w)
    return 0;
  int64_t id = find(req, w, expanded, prefer_under);
  if (id < 0)
    return 0;
  if (id > 0)
    return id;
  return create_pending(req, w, expanded, parent_for_new, created);
}
