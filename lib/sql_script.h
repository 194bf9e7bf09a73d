/*
 * Running trusted SQL files (migrations, demo data) that ship with the
 * project. They are never built from input, so they are sent as plain
 * statements on a dedicated connection: DDL and triggers cannot be prepared.
 */
#ifndef CADRE_SQL_SCRIPT_H
#define CADRE_SQL_SCRIPT_H

#include <mysql.h>
#include <stddef.h>

/* Splits on ';' at the end of a line (comment lines ignored) and runs each
 * statement. Returns 0, or -1 with the failing statement's first line
 * number and the server's error in err. */
int cadre_sql_run_script(MYSQL *my, const char *text, size_t len, char *err, size_t errlen);
/* Reads a whole file (malloc'd, NUL-terminated); NULL on error. */
char *cadre_read_file(const char *path, size_t *len);
/* Sorted list of "*.sql" names in dir (malloc'd array of malloc'd names,
 * NULL-terminated); NULL when the directory does not exist. */
char **cadre_sql_files(const char *dir);
void cadre_free_list(char **list);

#endif
