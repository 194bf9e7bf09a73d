/*
 * Uploaded files (evidence, essays, attachments): stored once under the
 * configured [files] dir, named by their SHA-256, with their metadata in the
 * `file` table. A file is only ever served through a handler that has checked
 * the caller may see the object it belongs to.
 */
#ifndef CADRE_FILES_H
#define CADRE_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "cadre/request.h"

/* Stores an upload; returns the file id (> 0), or -1 on error (answered as
 * 500/503 by cadre_db_fail). Identical content is stored once on disk, but
 * each upload gets its own metadata row (name, uploader, agency). */
int64_t cadre_file_store(cadre_req *req, const cadre_upload *up, int64_t owner_agency);

/* Sends a stored file as an attachment. The caller has checked access.
 * Answers 404 when the id is unknown. */
int cadre_reply_file(cadre_req *req, int64_t file_id);

/* MIME type sniffed from content: application/pdf, image/png, image/jpeg,
 * application/vnd.openxmlformats-officedocument.* (by zip entries),
 * application/zip, application/msword (OLE), text/plain (valid UTF-8 text),
 * text/csv is reported as text/plain; else application/octet-stream. */
const char *cadre_sniff_mime(const unsigned char *data, size_t len, const char *filename);

/* Common allow-lists for CF_FILE .choices */
extern const char *const cadre_mime_documents[]; /* pdf, docx, doc, odt, jpg, png */
extern const char *const cadre_mime_tables[];    /* csv/plain text, xlsx */
extern const char *const cadre_mime_text[];      /* plain UTF-8 text */

#endif
