/*
 * Uploaded files: type sniffing from content, content-addressed storage
 * (<files dir>/ab/cdef…: the SHA-256 hex split after two characters), and
 * serving after the caller's handler has checked access.
 */
#include "cadre/files.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cadre/auth.h"
#include "cadre/db.h"
#include "log.h"
#include "request_internal.h"

#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define MIME_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define MIME_PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#define MIME_ODT "application/vnd.oasis.opendocument.text"

const char *const cadre_mime_documents[] = {
    "application/pdf", MIME_DOCX, "application/msword", MIME_ODT, "image/jpeg", "image/png", NULL};
const char *const cadre_mime_tables[] = {"text/plain", MIME_XLSX, NULL};
const char *const cadre_mime_text[] = {"text/plain", NULL};

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n) {
  return len >= n && memcmp(d, magic, n) == 0;
}

/* An OOXML/ODF package is a zip whose entry names tell the kind. */
static const char *zip_kind(const unsigned char *d, size_t len) {
  if (memmem(d, len, "mimetypeapplication/vnd.oasis.opendocument.text", 47))
    return MIME_ODT;
  if (memmem(d, len, "word/", 5))
    return MIME_DOCX;
  if (memmem(d, len, "xl/", 3))
    return MIME_XLSX;
  if (memmem(d, len, "ppt/", 4))
    return MIME_PPTX;
  return "application/zip";
}

const char *cadre_sniff_mime(const unsigned char *d, size_t len, const char *filename) {
  (void)filename; /* the browser's name is never trusted for the type */
  if (starts(d, len, "%PDF-", 5))
    return "application/pdf";
  if (starts(d, len, "\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (starts(d, len, "\xFF\xD8\xFF", 3))
    return "image/jpeg";
  if (starts(d, len, "PK\x03\x04", 4))
    return zip_kind(d, len);
  if (starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return "application/msword";
  if (len > 0 && cadre_utf8_valid((const char *)d, len) && !memchr(d, '\0', len))
    return "text/plain";
  return "application/octet-stream";
}

static int mkdir_p(const char *path) {
  char tmp[4096];
  snprintf(tmp, sizeof(tmp), "%s", path);
  for (char *p = tmp + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
        return -1;
      *p = '/';
    }
  }
  if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
    return -1;
  return 0;
}

static char *file_path(cadre_req *req, const char *hex) {
  char *dir = cadre_config_path(req->conf, req->conf->files_dir);
  if (!dir)
    return NULL;
  char *p = cadre_printf(req, "%s/%.2s/%s", dir, hex, hex + 2);
  free(dir);
  return p;
}

/* Writes to a temporary name and renames, so a reader never sees half. */
static int write_once(cadre_req *req, const char *path, const unsigned char *data, size_t len) {
  struct stat st;
  if (stat(path, &st) == 0 && (size_t)st.st_size == len)
    return 0; /* same content already stored */
  char *dir = cadre_arena_strdup(req->arena, path);
  char *slash = strrchr(dir, '/');
  *slash = '\0';
  if (mkdir_p(dir) != 0)
    return -1;
  char *tmp = cadre_printf(req, "%s.tmp.%s", path, req->request_id);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0)
    return -1;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      close(fd);
      unlink(tmp);
      return -1;
    }
    off += (size_t)w;
  }
  if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

int64_t cadre_file_store(cadre_req *req, const cadre_upload *up, int64_t owner_agency) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, up->data, up->size);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
  char *path = file_path(req, hex);
  if (!path || write_once(req, path, up->data, up->size) != 0) {
    cadre_log(req, "error", "cannot store upload %s: %s", hex, strerror(errno));
    req->db_errno = 0;
    return -1;
  }
  int64_t uid = cadre_user_id(req);
  int64_t n =
      cadre_db_exec(req,
                    "INSERT INTO file (sha256, size, mime, filename, module, owner_agency_id, uploaded_by)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(hex), CV_INT((int64_t)up->size),
                            CV_STR(up->mime ? up->mime : "application/octet-stream"), CV_STR(up->filename),
                            CV_STR(cadre_plugin_name(req)), CV_INT_IF(owner_agency > 0, owner_agency),
                            CV_INT_IF(uid > 0, uid)));
  if (n != 1)
    return -1;
  return cadre_db_last_id(req);
}

int cadre_reply_file(cadre_req *req, int64_t file_id) {
  json_t *row = cadre_db_row(req, "SELECT sha256, mime, filename, size FROM file WHERE id = ?",
                             CV_ARGS(CV_INT(file_id)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy tệp.");
  }
  const char *hex = json_string_value(json_object_get(row, "sha256"));
  char *path = file_path(req, hex);
  FILE *f = path ? fopen(path, "rb") : NULL;
  if (!f) {
    cadre_log(req, "error", "stored file %s missing", hex);
    return cadre_fail(req, 404, "file_missing", "Tệp không còn trên máy chủ lưu trữ.");
  }
  size_t size = (size_t)json_integer_value(json_object_get(row, "size"));
  unsigned char *buf = cadre_arena_alloc(req->arena, size ? size : 1);
  size_t got = buf ? fread(buf, 1, size, f) : 0;
  fclose(f);
  if (got != size)
    return cadre_fail(req, 500, "file_read_error", "Không đọc được tệp lưu trữ.");
  return cadre_reply_bytes(req, 200, json_string_value(json_object_get(row, "mime")), buf, size,
                           json_string_value(json_object_get(row, "filename")));
}
