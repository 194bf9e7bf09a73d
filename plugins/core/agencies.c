/*
 * The agency tree: browse and search within the caller's scope, create and
 * edit (admins, within their scope), confirm or merge the pending agencies
 * that imports create from names they could not match.
 */
#include <string.h>

#include "core.h"

#define AGENCY_COLUMNS                                                                                       \
  "a.id, a.parent_id, a.kind, a.code, a.name, a.short_name, a.scope, a.status, p.name AS parent_name,"       \
  " (SELECT COUNT(*) FROM agency c WHERE c.parent_id = a.id) AS children"

int core_agencies(cadre_req *req) {
  const char *q = cadre_str(req, "q");
  int64_t parent = cadre_int(req, "parent", 0);
  int64_t limit = cadre_int(req, "limit", 200);
  json_t *rows;
  /* A search (a term, or a kind/status filter without a parent) looks in the
   * whole scope: "all pending agencies" is an administrator's work queue. */
  if (q || (!parent && (cadre_has(req, "kind") || cadre_has(req, "status")))) {
    const char *like = q ? cadre_like_contains(cadre_arena_of(req), q) : "%";
    /* the column collation is accent-insensitive: "ha noi" finds "Hà Nội" */
    rows = cadre_db_rows(
        req,
        "SELECT " AGENCY_COLUMNS " FROM agency a" CADRE_SCOPE_JOIN(
            "a.id") " LEFT JOIN agency p ON p.id = a.parent_id"
                    " WHERE (a.name LIKE ? OR a.code LIKE ? OR COALESCE(a.short_name, '') LIKE ?)"
                    " AND (? IS NULL OR a.kind = ?) AND (? IS NULL OR a.status = ?)"
                    " ORDER BY a.status = 'active', a.name LIMIT ?",
        CV_ARGS(CV_INT(cadre_scope_root(req)), CV_STR(like), CV_STR(like), CV_STR(like),
                CV_FIELD(req, "kind"), CV_FIELD(req, "kind"), CV_FIELD(req, "status"),
                CV_FIELD(req, "status"), CV_INT(limit)));
  } else if (parent) {
    int st = cadre_require_scope(req, parent);
    if (st)
      return st;
    rows =
        cadre_db_rows(req,
                      "SELECT " AGENCY_COLUMNS " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id"
                      " WHERE a.parent_id = ? AND (? IS NULL OR a.kind = ?) AND (? IS NULL OR a.status = ?)"
                      " ORDER BY a.kind <> 'province_board', a.kind <> 'political_school', a.code LIMIT ?",
                      CV_ARGS(CV_INT(parent), CV_FIELD(req, "kind"), CV_FIELD(req, "kind"),
                              CV_FIELD(req, "status"), CV_FIELD(req, "status"), CV_INT(limit)));
  } else {
    rows = cadre_db_rows(req,
                         "SELECT " AGENCY_COLUMNS " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id"
                         " WHERE a.id = ?",
                         CV_ARGS(CV_INT(cadre_scope_root(req))));
  }
  if (!rows)
    return cadre_db_fail(req);
  return cadre_reply_json(req, 200, rows);
}

int core_agency(cadre_req *req) {
  int64_t id = cadre_int(req, "id", 0);
  int st = cadre_require_scope(req, id);
  if (st)
    return st;
  json_t *a = cadre_db_row(req,
                           "SELECT " AGENCY_COLUMNS ", a.created_at, a.updated_at FROM agency a"
                           " LEFT JOIN agency p ON p.id = a.parent_id WHERE a.id = ?",
                           CV_ARGS(CV_INT(id)));
  if (!a)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy đơn vị.");
  json_t *path = cadre_db_rows(req,
                               "SELECT x.id, x.code, x.name, x.kind FROM agency_closure c JOIN agency x"
                               " ON x.id = c.ancestor WHERE c.descendant = ? ORDER BY c.depth DESC",
                               CV_ARGS(CV_INT(id)));
  if (!path)
    return cadre_db_fail(req);
  json_object_set(a, "path", path);
  return cadre_reply_json(req, 200, a);
}

int core_agency_kinds(cadre_req *req) {
  json_t *rows = cadre_db_rows(
      req, "SELECT code, title FROM agency_kind WHERE code <> 'national' ORDER BY sort", CV_NONE);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

static json_t *agency_snapshot(cadre_req *req, int64_t id) {
  return cadre_db_row(
      req, "SELECT id, parent_id, kind, code, name, short_name, scope, status FROM agency WHERE id = ?",
      CV_ARGS(CV_INT(id)));
}

/* Only a national administrator may hand out national scope. */
static int check_scope_grant(cadre_req *req) {
  const char *scope = cadre_str(req, "scope");
  if (scope && strcmp(scope, "national") == 0 && !cadre_scope_national(req))
    return cadre_fail(req, 403, "forbidden", "Chỉ quản trị viên cấp Trung ương được cấp phạm vi toàn quốc.");
  return 0;
}

static int duplicate_code(cadre_req *req) {
  cadre_field_error(req, "code", "duplicate", "Mã đơn vị «%s» đã được dùng.", cadre_str(req, "code"));
  return cadre_fail(req, 409, "duplicate_code", "Mã đơn vị đã được dùng cho một đơn vị khác.");
}

static int create_tx(cadre_req *req, void *arg) {
  int64_t *id = arg;
  int st = cadre_require_scope(req, cadre_int(req, "parent_id", 0));
  if (st)
    return st;
  if ((st = check_scope_grant(req)) != 0)
    return st;
  const char *scope = cadre_str(req, "scope");
  if (cadre_db_exec(
          req,
          "INSERT INTO agency (parent_id, kind, code, name, short_name, scope) VALUES (?, ?, ?, ?, ?, ?)",
          CV_ARGS(CV_INT(cadre_int(req, "parent_id", 0)), CV_FIELD(req, "kind"), CV_FIELD(req, "code"),
                  CV_FIELD(req, "name"), CV_FIELD(req, "short_name"), CV_STR(scope ? scope : "own"))) != 1)
    return cadre_db_is_duplicate(req) ? duplicate_code(req) : cadre_db_fail(req);
  *id = cadre_db_last_id(req);
  return cadre_audit(req, "core.agency", *id, "create", NULL, agency_snapshot(req, *id)) ? cadre_db_fail(req)
                                                                                         : 0;
}

int core_agency_create(cadre_req *req) {
  int64_t id = 0;
  int st = cadre_tx(req, create_tx, &id);
  return st ? st : cadre_reply_ok(req, id);
}

/* Re-hangs a subtree: the paths from the old ancestors are removed and
 * paths from the new parent's ancestors added, in one transaction. */
static int move_subtree(cadre_req *req, int64_t id, int64_t parent) {
  if (cadre_db_exec(
          req,
          "DELETE c FROM agency_closure c"
          " JOIN agency_closure up ON up.ancestor = c.ancestor AND up.descendant = ? AND up.depth > 0"
          " JOIN agency_closure down ON down.descendant = c.descendant AND down.ancestor = ?",
          CV_ARGS(CV_INT(id), CV_INT(id))) < 0)
    return -1;
  return cadre_db_exec(
             req,
             "INSERT INTO agency_closure (ancestor, descendant, depth)"
             " SELECT sup.ancestor, sub.descendant, sup.depth + sub.depth + 1"
             " FROM agency_closure sup JOIN agency_closure sub ON sub.ancestor = ? WHERE sup.descendant = ?",
             CV_ARGS(CV_INT(id), CV_INT(parent))) < 0
             ? -1
             : 0;
}

static int update_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0), parent = cadre_int(req, "parent_id", 0);
  int st = cadre_require_scope(req, id);
  if (st)
    return st;
  if (id == cadre_scope_root(req) || id == cadre_user_agency(req))
    return cadre_fail(req, 403, "forbidden", "Không thể sửa đơn vị gốc trong phạm vi quản trị của bạn.");
  if ((st = cadre_require_scope(req, parent)) != 0 || (st = check_scope_grant(req)) != 0)
    return st;
  int cycle = cadre_agency_within(req, parent, id);
  if (cycle < 0)
    return cadre_db_fail(req);
  if (cycle) {
    cadre_field_error(req, "parent_id", "cycle",
                      "Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm cấp trên.");
    return cadre_fail(req, 422, "agency_cycle", "Đơn vị cấp trên không hợp lệ.");
  }
  json_t *before = agency_snapshot(req, id);
  if (!before)
    return cadre_db_fail(req);
  const char *scope = cadre_str(req, "scope");
  if (cadre_db_exec(req,
                    "UPDATE agency SET parent_id = ?, kind = ?, code = ?, name = ?, short_name = ?,"
                    " scope = COALESCE(?, scope) WHERE id = ?",
                    CV_ARGS(CV_INT(parent), CV_FIELD(req, "kind"), CV_FIELD(req, "code"),
                            CV_FIELD(req, "name"), CV_FIELD(req, "short_name"), CV_STR(scope), CV_INT(id))) <
      0)
    return cadre_db_is_duplicate(req) ? duplicate_code(req) : cadre_db_fail(req);
  if (json_integer_value(json_object_get(before, "parent_id")) != parent &&
      move_subtree(req, id, parent) != 0)
    return cadre_db_fail(req);
  return cadre_audit(req, "core.agency", id, "update", before, agency_snapshot(req, id)) ? cadre_db_fail(req)
                                                                                         : 0;
}

int core_agency_update(cadre_req *req) {
  int st = cadre_tx(req, update_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

static int confirm_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0);
  int st = cadre_require_scope(req, id);
  if (st)
    return st;
  json_t *before = agency_snapshot(req, id);
  if (!before)
    return cadre_db_fail(req);
  if (cadre_db_exec(req, "UPDATE agency SET status = 'active' WHERE id = ? AND status = 'pending'",
                    CV_ARGS(CV_INT(id))) != 1)
    return cadre_fail(req, 409, "not_pending", "Đơn vị này không ở trạng thái chờ xác nhận.");
  return cadre_audit(req, "core.agency", id, "confirm", before, agency_snapshot(req, id)) ? cadre_db_fail(req)
                                                                                          : 0;
}

int core_agency_confirm(cadre_req *req) {
  int st = cadre_tx(req, confirm_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "id", 0));
}

static int merge_tx(cadre_req *req, void *arg) {
  (void)arg;
  int64_t id = cadre_int(req, "id", 0), into = cadre_int(req, "into_id", 0);
  int st = cadre_require_scope(req, id);
  if (st || (st = cadre_require_scope(req, into)) != 0)
    return st;
  if (id == into)
    return cadre_fail(req, 422, "merge_into_self", "Không thể gộp một đơn vị vào chính nó.");
  json_t *before = agency_snapshot(req, id);
  if (!before)
    return cadre_db_fail(req);
  if (strcmp(json_string_value(json_object_get(before, "status")), "pending") != 0)
    return cadre_fail(req, 409, "not_pending", "Chỉ gộp được đơn vị đang chờ xác nhận.");
  int64_t children = 0;
  if (cadre_db_int(req, &children, "SELECT COUNT(*) FROM agency WHERE parent_id = ?", CV_ARGS(CV_INT(id))) <
      0)
    return cadre_db_fail(req);
  if (children)
    return cadre_fail(req, 409, "has_children", "Đơn vị chờ này đã có đơn vị cấp dưới, không thể gộp.");
  int64_t moved = cadre_agency_merge(req, id, into);
  if (moved < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(
      req, json_pack("{s:I, s:I}", "merged_into", (json_int_t)into, "references_moved", (json_int_t)moved));
  return cadre_audit(req, "core.agency", id, "merge", before, after) ? cadre_db_fail(req) : 0;
}

int core_agency_merge(cadre_req *req) {
  int st = cadre_tx(req, merge_tx, NULL);
  return st ? st : cadre_reply_ok(req, cadre_int(req, "into_id", 0));
}
