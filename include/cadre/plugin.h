/*
 * The plugin ABI: what a module shared object exports and what the host checks
 * before it trusts it.
 *
 * A plugin exports exactly one function, cadre_plugin_v1(), returning a
 * pointer to a constant descriptor (a function, because dlsym() is only
 * guaranteed for functions). The descriptor starts with an ABI block that the
 * host compares field by field, naming the first field that differs, the way
 * PostgreSQL checks PG_MODULE_MAGIC and nginx its module signature.
 *
 * Routes, their fields and their access rules are data in the descriptor: the
 * host enforces them before the handler runs, so a handler never re-checks
 * what its declaration already states.
 */
#ifndef CADRE_PLUGIN_H
#define CADRE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <jansson.h>
#include <mysql.h>

#include "cadre/version.h"

typedef struct cadre_req cadre_req;

/* ---- ABI block ---------------------------------------------------------- */

#define CADRE_ABI_MAGIC 0x52444143u /* "CADR" little-endian */

/* Bumped when any struct in include/cadre/ changes layout or a function
 * changes its meaning. Minor: additions only. */
#define CADRE_ABI_MAJOR 1
#define CADRE_ABI_MINOR 0

struct cadre_abi {
  uint32_t magic;
  uint16_t major;
  uint16_t minor;
  uint32_t descriptor_size; /* sizeof(struct cadre_plugin) at build time */
  uint16_t route_size;      /* sizeof(struct cadre_route) */
  uint16_t field_size;      /* sizeof(struct cadre_field) */
  uint8_t pointer_size;
  uint8_t long_size;
  uint8_t time_t_size;
  uint8_t off_t_size;
  uint16_t jansson_major;
  uint16_t mariadb_major;
};

#define CADRE_ABI_BLOCK                                                                                      \
  {                                                                                                          \
    .magic = CADRE_ABI_MAGIC, .major = CADRE_ABI_MAJOR, .minor = CADRE_ABI_MINOR,                            \
    .descriptor_size = (uint32_t)sizeof(struct cadre_plugin),                                                \
    .route_size = (uint16_t)sizeof(struct cadre_route), .field_size = (uint16_t)sizeof(struct cadre_field),  \
    .pointer_size = (uint8_t)sizeof(void *), .long_size = (uint8_t)sizeof(long),                             \
    .time_t_size = (uint8_t)sizeof(time_t), .off_t_size = (uint8_t)sizeof(off_t),                            \
    .jansson_major = JANSSON_MAJOR_VERSION, .mariadb_major = (uint16_t)(MARIADB_PACKAGE_VERSION_ID / 10000)  \
  }

/* ---- Fields ------------------------------------------------------------- */

/* What a route accepts. The host parses query string, urlencoded, multipart
 * and JSON bodies alike into named values, validates and normalises them per
 * these declarations, answers 422 with per-field Vietnamese messages when any
 * is wrong, and drops every field the route did not declare. */
enum cadre_ftype {
  CF_STRING = 1, /* one line of text; min/max = length in characters */
  CF_TEXT,       /* multi-line text (newlines and tabs allowed) */
  CF_INT,        /* integer; min/max = value range (both 0: any int64) */
  CF_ID,         /* positive integer id (1 … 2^53) */
  CF_NUM,        /* decimal number, e.g. a score "9.5" or "9,5"; min/max range */
  CF_BOOL,       /* 1/0, true/false, on/off, co/khong; normalised to "1"/"0" */
  CF_DATE,       /* dd/mm/yyyy or yyyy-mm-dd; normalised to yyyy-mm-dd */
  CF_DATETIME,   /* yyyy-mm-dd[T ]hh:mm[:ss] or dd/mm/yyyy hh:mm; normalised to
                    "yyyy-mm-dd hh:mm:ss" */
  CF_EMAIL,      /* normalised to lower case */
  CF_PHONE,      /* Vietnamese phone; spaces/dots removed, +84 → 0 */
  CF_CCCD,       /* citizen ID: exactly 12 digits after removing spaces */
  CF_ENUM,       /* one of .choices */
  CF_CODE,       /* [A-Za-z0-9._-] only, e.g. a bridge-point code */
  CF_FILE,       /* a multipart file part; max = size limit in bytes */
  CF_JSON,       /* any JSON value in a JSON body (arrays, objects) */
  CF_YEAR,       /* 2000 … 2100 */
};

#define CF_REQUIRED 0x01u /* absent or empty → 422 "required" */
#define CF_MULTI 0x02u    /* may repeat (query/urlencoded) or be an array (JSON) */
#define CF_PATH 0x04u     /* taken from the {name} segment of the path */

struct cadre_field {
  const char *name;
  enum cadre_ftype type;
  unsigned flags;
  int64_t min;                /* meaning depends on type (see above); 0 = no lower bound */
  int64_t max;                /* 0 = the type's default cap (STRING 500, TEXT 20000) */
  const char *const *choices; /* CF_ENUM: NULL-terminated; CF_FILE: allowed
                                 MIME types (NULL = any sniffed type) */
  const char *label;          /* Vietnamese label used in messages */
};

/* ---- Routes ------------------------------------------------------------- */

enum cadre_method {
  CADRE_GET = 1,
  CADRE_POST = 2,
  CADRE_PUT = 4,
  CADRE_PATCH = 8,
  CADRE_DELETE = 16,
};

/* Access: NULL roles = public (no session needed); CADRE_ANY_USER = any
 * logged-in user; otherwise a space-separated list of role codes, any of
 * which grants access ("admin officer"). */
#define CADRE_PUBLIC NULL
#define CADRE_ANY_USER "*"

/* Route flags */
#define CADRE_RF_MULTIPART 0x01u /* accepts multipart/form-data bodies */
#define CADRE_RF_RAW_BODY 0x02u  /* body kept as-is (cadre_body()), no field parsing */
#define CADRE_RF_NO_MODULE_CHECK                                                                             \
  0x04u                             /* reachable even where the module is off                                \
                                       (used by core for login, nav, …) */
#define CADRE_RF_RATE_LIMITED 0x08u /* public form: per-address rate limit */
/* A repeat with the same key (Idempotency-Key header or idempotency_key
 * field) gets the first successful answer back instead of running again. */
#define CADRE_RF_IDEMPOTENT 0x10u

typedef int (*cadre_handler)(cadre_req *req);

struct cadre_route {
  enum cadre_method method;
  const char *path; /* relative to /api/<plugin>, e.g. "/tasks/{id}" */
  cadre_handler handler;
  const char *roles;
  const struct cadre_field *fields; /* terminated by an entry with name NULL */
  size_t body_max;                  /* bytes; 0 = 64 KiB */
  unsigned flags;
  const char *summary; /* one line, for logs and the route listing */
};

/* ---- Command-line verbs (cadre-admin <plugin> <verb> …) ------------------ */

/* A command runs with a request context whose caller is the system user; it
 * can use every db/audit/outbox helper a handler can. argv[0] is the verb
 * itself ("import"), its arguments follow. Output goes to stdout, errors to
 * stderr; it returns a process exit status. */
typedef int (*cadre_command_fn)(cadre_req *ctx, int argc, char **argv);

struct cadre_command {
  const char *verb;
  cadre_command_fn run;
  const char *usage; /* "import FILE [--dry-run]" */
  const char *summary;
};

/* ---- The descriptor ------------------------------------------------------- */

struct cadre_host; /* opaque: configuration accessors for init() */

struct cadre_plugin {
  struct cadre_abi abi;
  const char *name;                     /* lower-case identifier: "tasks" */
  const char *title;                    /* Vietnamese title for navigation: "Theo dõi nhiệm vụ" */
  const char *version;                  /* the plugin's own version string */
  const struct cadre_route *routes;     /* terminated by { .path = NULL } */
  const struct cadre_command *commands; /* terminated by { .verb = NULL } */
  const char *migrations;               /* folder under sql/ ("tasks"), NULL if none */
  const char *ui_path;                  /* browser entry point ("/tasks/"), NULL if none */
  /* Runs once in the master before workers fork; non-zero refuses the plugin. */
  int (*init)(const struct cadre_host *host);
  void (*fini)(void);
  /* Called by the outbox loop with the JSON answer of a webhook this plugin
   * queued with a reply kind; runs inside a transaction. 0 = stored. */
  int (*outbox_reply)(cadre_req *ctx, const char *kind, int64_t ref, json_t *answer);
  /* Extra role codes this module defines (NULL-terminated), shown on the
   * admin pages; the roles themselves are rows inserted by its migrations. */
  const char *const *roles;
  void *reserved[8];
};

#if defined(__GNUC__)
#define CADRE_EXPORT __attribute__((visibility("default")))
#else
#define CADRE_EXPORT
#endif

/* In exactly one file of a plugin:  CADRE_PLUGIN(my_descriptor); */
#define CADRE_PLUGIN(desc)                                                                                   \
  CADRE_EXPORT const struct cadre_plugin *cadre_plugin_v1(void);                                             \
  CADRE_EXPORT const struct cadre_plugin *cadre_plugin_v1(void) { return &(desc); }

typedef const struct cadre_plugin *(*cadre_plugin_entry)(void);

/* Host configuration as seen by init(): "[section] key" lookups. */
const char *cadre_host_conf(const struct cadre_host *host, const char *section, const char *key);

#endif
