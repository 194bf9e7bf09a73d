/* Agency lookups, pending agencies and merging (include/cadre/agency.h). */
#include "cadre/agency.h"

#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "cadre/audit.h"
#include "cadre/db.h"
#include "cadre/text.h"
#include "request_internal.h"

int64_t cadre_agency_by_code(cadre_req *req, const char *code) {
  int64_t id = 0;
  int rc = cadre_db_int(req, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code)));
  return rc < 0 ? -1 : rc == 1 ? id : 0;
}

/* Names as documents write them: dashes of every kind become " - ", runs
 * of space one space, so the collation can do the rest (case, accents). */
static const char *normalise_name(cadre_req *req, const char *name) {
  cadre_buf b;
  cadre_buf_init(&b, req->arena);
  const char *s = cadre_tidy(req->arena, name);
  for (const char *p = s; p && *p; p++) {
    if (*p == '-' || strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0) {
      while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
      cadre_buf_puts(&b, " - ");
      if (*p != '-')
        p += 2;
      while (p[1] == ' ')
        p++;
      continue;
    }
    cadre_buf_putc(&b, *p);
  }
  return b.data ? b.data : "";
}

int64_t cadre_agency_match(cadre_req *req, const char *name, int64_t within) {
  const char *n = normalise_name(req, name);
  if (!*n)
    return 0;
  int64_t id = 0;
  int rc =
      cadre_db_int(req, &id,
                   "SELECT a.id FROM agency a WHERE a.status IN ('active', 'pending')"
                   " AND (REPLACE(REPLACE(a.name, ' - ', '-'), '-', ' - ') = ? OR a.short_name = ?"
                   " OR EXISTS (SELECT 1 FROM agency_alias al WHERE al.agency_id = a.id AND al.name = ?))"
                   " AND (? = 0 OR EXISTS (SELECT 1 FROM agency_closure c WHERE c.ancestor = ?"
                   " AND c.descendant = a.id))"
                   " ORDER BY a.status = 'active' DESC, a.id LIMIT 1",
                   CV_ARGS(CV_STR(n), CV_STR(n), CV_STR(n), CV_INT(within), CV_INT(within)));
  return rc < 0 ? -1 : rc == 1 ? id : 0;
}

int64_t cadre_agency_match_or_create(cadre_req *req, const char *name, int64_t within, int64_t parent,
                                     const char *kind, bool *created) {
  *created = false;
  int64_t id = cadre_agency_match(req, name, within);
  if (id != 0)
    return id;
  /* A stable code from the folded name, so re-importing the same file finds
   * the pending agency it created the first time. */
  const char *folded = cadre_fold(req->arena, normalise_name(req, name));
  unsigned char h[crypto_generichash_BYTES_MIN];
  crypto_generichash(h, sizeof(h), (const unsigned char *)folded, strlen(folded), NULL, 0);
  char hex[sizeof(h) * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
  const char *code = cadre_printf(req, "PENDING-%.16s", hex);
  int64_t n =
      cadre_db_exec(req,
                    "INSERT INTO agency (parent_id, kind, code, name, status) VALUES (?, ?, ?, ?, 'pending')"
                    " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
                    CV_ARGS(CV_INT(parent), CV_STR(kind ? kind : "other"), CV_STR(code),
                            CV_STR(cadre_printf(req, "%.255s", normalise_name(req, name)))));
  if (n < 0)
    return -1;
  *created = n == 1;
  id = cadre_db_last_id(req);
  if (*created) {
    json_t *after = json_pack("{s:s, s:s, s:I}", "name", name, "code", code, "parent_id", (json_int_t)parent);
    int rc = cadre_audit(req, "core.agency", id, "create_pending", NULL, after);
    json_decref(after);
    if (rc != 0)
      return -1;
  }
  return id;
}

int64_t cadre_agency_upsert(cadre_req *req, const char *code, const char *kind, const char *name,
                            int64_t parent, bool *created) {
  *created = false;
  json_t *row = cadre_db_row(req, "SELECT id, parent_id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code)));
  if (!row) {
    if (cadre_db_errno(req))
      return -1;
    if (cadre_db_exec(req, "INSERT INTO agency (parent_id, kind, code, name) VALUES (?, ?, ?, ?)",
                      CV_ARGS(CV_INT(parent), CV_STR(kind), CV_STR(code), CV_STR(name))) != 1)
      return -1;
    *created = true;
    return cadre_db_last_id(req);
  }
  int64_t id = json_integer_value(json_object_get(row, "id"));
  if (json_integer_value(json_object_get(row, "parent_id")) != parent)
    return -2;
  if (cadre_db_exec(req, "UPDATE agency SET kind = ?, name = ? WHERE id = ?",
                    CV_ARGS(CV_STR(kind), CV_STR(name), CV_INT(id))) < 0)
    return -1;
  return id;
}

static bool safe_identifier(const char *s) {
  if (!s || !*s || strlen(s) > 64)
    return false;
  for (const char *p = s; *p; p++)
    if (!(isalnum((unsigned char)*p) || *p == '_'))
      return false;
  return true;
}

/* Statement text for one referencing column. The identifiers come from the
 * server's own catalog (checked to be plain names), never from a request;
 * the agency ids are bound parameters. */
static const char *quoted_join(cadre_req *req, const char *const *parts) {
  cadre_buf b;
  cadre_buf_init(&b, req->arena);
  for (const char *const *p = parts; *p; p++)
    cadre_buf_puts(&b, *p);
  return b.data;
}

static const char *update_ref_sql(cadre_req *req, const char *t, const char *c) {
  const char *parts[] = {"UPDATE IGNORE `", t, "` SET `", c, "` = ? WHERE `", c, "` = ?", NULL};
  return quoted_join(req, parts);
}

static const char *delete_ref_sql(cadre_req *req, const char *t, const char *c) {
  const char *parts[] = {"DELETE FROM `", t, "` WHERE `", c, "` = ?", NULL};
  return quoted_join(req, parts);
}

int64_t cadre_agency_merge(cadre_req *req, int64_t from, int64_t into) {
  int64_t children = 0;
  if (cadre_db_int(req, &children, "SELECT COUNT(*) FROM agency WHERE parent_id = ?", CV_ARGS(CV_INT(from))) <
      0)
    return -1;
  if (children > 0) {
    req->db_errno = 0;
    return -1;
  }
  json_t *refs =
      cadre_db_rows(req,
                    "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE"
                    " WHERE REFERENCED_TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = 'agency'"
                    " AND REFERENCED_COLUMN_NAME = 'id' AND TABLE_NAME <> 'agency_closure'"
                    " AND NOT (TABLE_NAME = 'agency' AND COLUMN_NAME = 'parent_id')",
                    CV_NONE);
  if (!refs)
    return -1;
  int64_t moved = 0;
  size_t i;
  json_t *r;
  json_array_foreach(refs, i, r) {
    const char *t = json_string_value(json_object_get(r, "t"));
    const char *c = json_string_value(json_object_get(r, "c"));
    if (!safe_identifier(t) || !safe_identifier(c))
      return -1;
    /* IGNORE: a row that would duplicate one already pointing at `into`
     * stays behind and is removed below as the duplicate it is. */
    int64_t n = cadre_db_exec(req, update_ref_sql(req, t, c), CV_ARGS(CV_INT(into), CV_INT(from)));
    if (n < 0 || cadre_db_exec(req, delete_ref_sql(req, t, c), CV_ARGS(CV_INT(from))) < 0)
      return -1;
    moved += n;
  }
  /* the merged name now means `into` (its own aliases moved with the other
   * references above) */
  if (cadre_db_exec(req,
                    "INSERT IGNORE INTO agency_alias (agency_id, name)"
                    " SELECT ?, REPLACE(REPLACE(name, ' - ', '-'), '-', ' - ') FROM agency WHERE id = ?",
                    CV_ARGS(CV_INT(into), CV_INT(from))) < 0)
    return -1;
  if (cadre_db_exec(req, "DELETE FROM agency WHERE id = ?", CV_ARGS(CV_INT(from))) != 1)
    return -1;
  return moved;
}
