/* Shared by the report exporters (export.c: CSV, XLSX; export_pdf.c). */
#ifndef CADRE_EXPORT_INTERNAL_H
#define CADRE_EXPORT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "cadre/date.h"
#include "cadre/export.h"

/* The date of "yyyy-mm-dd[ hh:mm…]" (false when it is not one). */
bool cadre_export_date_of(const char *s, cadre_date *d);
/* "yyyy-mm-dd[ hh:mm…]" as "dd/mm/yyyy[ hh:mm]"; anything else as it is. */
const char *cadre_export_when(cadre_req *req, const char *s, bool with_time);

/* A value as people read it in a cell: dates dd/mm/yyyy, booleans Có/Không. */
const char *cadre_export_cell_text(cadre_req *req, json_t *v, enum cadre_coltype t);

/* The rows as a PDF document with the official heading and signature block;
 * refuses (422 too_many_rows_for_pdf) a list too long to print. */
int cadre_export_pdf(cadre_req *req, const char *filename, const char *title, const struct cadre_column *cols,
                     size_t ncols, json_t *rows);

#endif
