/*
 * The field rules, for values that do not arrive as request fields: rows of
 * an uploaded CSV, lines of an imported document. Same checks, same
 * normalisation, same Vietnamese messages as a form field of that type.
 */
#ifndef CADRE_VALIDATE_PUBLIC_H
#define CADRE_VALIDATE_PUBLIC_H

#include "cadre/arena.h"
#include "cadre/plugin.h"

/* Returns NULL when `value` is valid for field `f` (*out: the normalised
 * value, in the arena; NULL for an empty optional value), otherwise the
 * stable error code ("invalid_cccd", "required", …) with the message in
 * *msg. CF_FILE and CF_JSON are not checkable this way. */
const char *cadre_check_value(cadre_arena *a, const struct cadre_field *f, const char *value,
                              const char **out, const char **msg);

#endif
