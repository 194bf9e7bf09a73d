/* Schema migrations (see migrate.c). */
#ifndef CADRE_MIGRATE_H
#define CADRE_MIGRATE_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"

/* Applies <sql_dir>/<module>/NNNN_*.sql for each module in order (core
 * first), recording name and SHA-256 in schema_migration. An applied file
 * whose content changed is refused (exit status 1) before anything else
 * runs. With status_only, reports without applying. Returns 0 on success. */
int cadre_migrate(const struct cadre_config *conf, const char *const *modules, size_t nmodules,
                  bool status_only, FILE *out);

#endif
