/* Column readers for JSON rows (include/cadre/row.h). */
#include "cadre/row.h"

static json_t *get(const json_t *row, const char *key) { return row ? json_object_get(row, key) : NULL; }

int64_t cadre_jint(const json_t *row, const char *key, int64_t dflt) {
  json_t *v = get(row, key);
  if (json_is_integer(v))
    return (int64_t)json_integer_value(v);
  if (json_is_real(v))
    return (int64_t)json_real_value(v);
  return dflt;
}

const char *cadre_jstr(const json_t *row, const char *key) {
  json_t *v = get(row, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

double cadre_jnum(const json_t *row, const char *key, double dflt) {
  json_t *v = get(row, key);
  return json_is_number(v) ? json_number_value(v) : dflt;
}

bool cadre_jtrue(const json_t *row, const char *key) {
  json_t *v = get(row, key);
  return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}
