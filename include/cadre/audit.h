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
int cadre_audit(cadre_req *req, const char *entity, int64_t entity_id,
                const char *action, json_t *before, json_t *after);

#endif
