/*
 * Agencies shared by every module: lookups by code or by the name written in
 * a document, and the pending agencies that imports create when a name
 * matches nothing (an administrator later confirms or merges them).
 *
 * Module tables that hold an agency id must declare a FOREIGN KEY to
 * agency(id): merging a pending agency moves exactly those references.
 */
#ifndef CADRE_AGENCY_H
#define CADRE_AGENCY_H

#include <stdbool.h>
#include <stdint.h>

#include "cadre/plugin.h"

/* The id of the agency with this code, 0 when none, -1 on error. */
int64_t cadre_agency_by_code(cadre_req *req, const char *code);
/* An agency whose name, short name or an alias equals `name` accent-, case- and
 * spacing-insensitively ("Vụ Tổ chức-Điều lệ" = "vụ to chuc - dieu le"),
 * preferring active over pending ones and, when `within` > 0, restricted to
 * that subtree. 0 when none, -1 on error. */
int64_t cadre_agency_match(cadre_req *req, const char *name, int64_t within);
/* cadre_agency_match, or a new agency with status 'pending' (kind `kind`,
 * under `parent`) when nothing matches; *created tells which. */
int64_t cadre_agency_match_or_create(cadre_req *req, const char *name, int64_t within, int64_t parent,
                                     const char *kind, bool *created);
/* Creates the agency with this code under `parent`, or brings an existing
 * one's kind and name up to date. Returns the id (*created says which), -2
 * when the code exists under another parent (a move is an administrator's
 * decision, not an import's), -1 on error. */
int64_t cadre_agency_upsert(cadre_req *req, const char *code, const char *kind, const char *name,
                            int64_t parent, bool *created);
/* Moves every foreign-key reference from `from` to `into`, keeps `from`'s
 * name as an alias of `into` (so a later import of the same document finds
 * `into`), and deletes `from` (which must have no children). Returns the number of rows moved,
 * -1 on error. Call inside cadre_tx. */
int64_t cadre_agency_merge(cadre_req *req, int64_t from, int64_t into);

#endif
