/*
 * Reading the JSON rows the db helpers return: a column by name with a
 * default, without repeating json_object_get/json_is_* at every use.
 */
#ifndef CADRE_ROW_H
#define CADRE_ROW_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

/* The integer value of row[key] (reals truncated); dflt when absent, NULL
 * or not a number. row may be NULL. */
int64_t cadre_jint(const json_t *row, const char *key, int64_t dflt);
/* The string value of row[key], NULL when absent, NULL or not a string. */
const char *cadre_jstr(const json_t *row, const char *key);
/* The number value of row[key] (integers converted); dflt otherwise. */
double cadre_jnum(const json_t *row, const char *key, double dflt);
/* true for JSON true or a non-zero integer (TINYINT flags). */
bool cadre_jtrue(const json_t *row, const char *key);

#endif
