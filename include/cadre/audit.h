/*
 * The audit log: every change writes who, which agency, what, when and the
 * before/after state, on the request's connection and therefore inside the
 * same transaction as the change. A refused or rolled-back change leaves no
 * audit row; a committed one always has one.
 */
#ifndef CADRE_AUDIT_H
#define CADRE_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "cadre/plugin.h"

/* entity: "tasks.task"; action: "create", "update", "transition", …;
 * before/after are borrowed (NULL allowed). Returns 0, or -1 on error (the
 * caller then rolls back by returning cadre_db_fail(req)). */
int cadre_audit(cadre_req *req, const char *entity, int64_t entity_id, const char *action, json_t *before,
                json_t *after);

/* One audit row per change, written in one statement: for a unit of work
 * that carries several requests' changes (include/cadre/batch.h). Each row
 * is attributed to its own request (NULL: req). Same return as above. */
struct cadre_audit_row {
  cadre_req *req;
  int64_t entity_id;
  json_t *before, *after;
};
int cadre_audit_many(cadre_req *req, const char *entity, const char *action,
                     const struct cadre_audit_row *rows, size_t n);

#endif
