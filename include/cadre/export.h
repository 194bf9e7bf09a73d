/*
 * Tabular exports for reports: the same rows as CSV (UTF-8 with BOM, so Excel
 * opens Vietnamese correctly), XLSX (libxlsxwriter) or JSON.
 */
#ifndef CADRE_EXPORT_H
#define CADRE_EXPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "cadre/request.h"

enum cadre_coltype { CC_TEXT, CC_INT, CC_NUM, CC_DATE, CC_DATETIME };

struct cadre_column {
  const char *key;         /* key in each row object */
  const char *header;      /* Vietnamese column header */
  enum cadre_coltype type; /* DATE is shown dd/mm/yyyy */
  int width;               /* XLSX column width in characters (0 = auto) */
};

/* The values of a route's "format" field (CF_ENUM choices): json, csv,
 * xlsx, pdf. */
extern const char *const cadre_export_formats[];

/* format: "csv", "xlsx", "pdf" or "json"; anything else answers 400 bad_format.
 * `rows` is an array of objects (borrowed); `filename` without extension;
 * `title` becomes the XLSX sheet title row (may be NULL). `ncols` columns. */
int cadre_reply_table(cadre_req *req, const char *format, const char *filename, const char *title,
                      const struct cadre_column *cols, size_t ncols, json_t *rows);

/* A whole list (not paginated): as a file when the request's "format" field
 * asks for one (csv, xlsx, pdf), else JSON {"items": rows, "total": n} with
 * the members of `extra` added (NULL for none; both borrowed). */
int cadre_reply_list(cadre_req *req, const char *filename, const char *title, const struct cadre_column *cols,
                     size_t ncols, json_t *rows, json_t *extra);

/* CSV reading for importers (RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes, CRLF or LF). A reader walks a buffer record by
 * record; a leading UTF-8 BOM is skipped. */
typedef struct cadre_csv {
  const char *p, *end;
  char sep;  /* ',' ';' or '\t'; 0 = detect from the first line */
  long line; /* line number where the last record started (1-based) */
} cadre_csv;

void cadre_csv_init(cadre_csv *r, const char *data, size_t len, char sep);
/* Reads the next record into fields[0..max) (strings in the arena).
 * Returns the number of fields, 0 at the end of input, -1 for an
 * unterminated quote, -2 when the record has more than max fields. */
int cadre_csv_next(cadre_csv *r, cadre_arena *a, char **fields, int max);
/* Appends one CSV field (quoted when needed) to a buffer. */
void cadre_csv_put(cadre_buf *b, const char *field, char sep);

#endif
