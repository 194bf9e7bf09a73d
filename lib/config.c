/*
 * Configuration loading with inih. Every key of the core sections is known
 * here; an unknown key in a core section is an error (a typo must not
 * silently fall back to a default). Sections the core does not know
 * ([webhooks], a plugin's own) are kept for cadre_config_get().
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct cadre_config *current_config;

void cadre_config_set_current(const struct cadre_config *c) { current_config = c; }
const struct cadre_config *cadre_config_current(void) { return current_config; }

enum kind { K_STR, K_INT, K_SIZE, K_BOOL, K_OCTAL, K_U64 };

struct keydef {
  const char *section;
  const char *key;
  enum kind kind;
  size_t offset;
  const char *dflt;
};

#define OFF(f) offsetof(struct cadre_config, f)

static const struct keydef keys[] = {
    {"server", "root", K_STR, OFF(root), NULL},
    {"server", "listen", K_STR, OFF(listen), "var/run/cadre.sock"},
    {"server", "socket_mode", K_OCTAL, OFF(socket_mode), "0660"},
    {"server", "socket_group", K_STR, OFF(socket_group), ""},
    {"server", "workers", K_INT, OFF(workers), "0"},
    {"server", "threads", K_INT, OFF(threads), "32"},
    {"server", "pidfile", K_STR, OFF(pidfile), "var/run/cadre.pid"},
    {"server", "data_dir", K_STR, OFF(data_dir), "data"},
    {"server", "allowed_origins", K_STR, OFF(allowed_origins), ""},
    {"server", "max_params_bytes", K_SIZE, OFF(max_params_bytes), "65536"},
    {"server", "max_params", K_SIZE, OFF(max_params), "256"},
    {"server", "max_query_bytes", K_SIZE, OFF(max_query_bytes), "8192"},
    {"server", "max_cookie_bytes", K_SIZE, OFF(max_cookie_bytes), "8192"},
    {"server", "max_body_bytes", K_SIZE, OFF(max_body_bytes), "33554432"},
    {"server", "max_fields", K_SIZE, OFF(max_fields), "512"},
    {"server", "max_files", K_SIZE, OFF(max_files), "16"},
    {"server", "drain_seconds", K_INT, OFF(drain_seconds), "20"},
    {"database", "socket", K_STR, OFF(db_socket), ""},
    {"database", "host", K_STR, OFF(db_host), ""},
    {"database", "port", K_INT, OFF(db_port), "3306"},
    {"database", "user", K_STR, OFF(db_user), "cadre"},
    {"database", "password", K_STR, OFF(db_password), ""},
    {"database", "name", K_STR, OFF(db_name), "cadre"},
    {"database", "pool_wait_ms", K_INT, OFF(pool_wait_ms), "2000"},
    {"database", "pool_size", K_INT, OFF(pool_size), "0"},
    {"database", "connect_timeout", K_INT, OFF(connect_timeout), "3"},
    {"database", "read_timeout", K_INT, OFF(read_timeout), "30"},
    {"database", "write_timeout", K_INT, OFF(write_timeout), "30"},
    {"database", "max_age_seconds", K_INT, OFF(max_age_seconds), "3600"},
    {"database", "ping_after_idle_seconds", K_INT, OFF(ping_after_idle_seconds), "30"},
    {"plugins", "dir", K_STR, OFF(plugins_dir), "build/plugins"},
    {"plugins", "enabled", K_STR, OFF(plugins_enabled), "core"},
    {"plugins", "sql_dir", K_STR, OFF(sql_dir), "sql"},
    {"session", "idle_minutes", K_INT, OFF(idle_minutes), "30"},
    {"session", "absolute_hours", K_INT, OFF(absolute_hours), "12"},
    {"session", "cookie_secure", K_STR, OFF(cookie_secure), "auto"},
    {"session", "cookie_name", K_STR, OFF(cookie_name), "cadre_session"},
    {"session", "login_max_failures_account", K_INT, OFF(login_max_failures_account), "10"},
    {"session", "login_max_failures_address", K_INT, OFF(login_max_failures_address), "50"},
    {"session", "login_window_minutes", K_INT, OFF(login_window_minutes), "15"},
    {"session", "pwhash_opslimit", K_U64, OFF(pwhash_opslimit), "2"},
    {"session", "pwhash_memlimit_kib", K_SIZE, OFF(pwhash_memlimit), "19456"},
    {"files", "dir", K_STR, OFF(files_dir), "var/files"},
    {"files", "max_upload_bytes", K_SIZE, OFF(max_upload_bytes), "20971520"},
    {"outbox", "smtp_url", K_STR, OFF(smtp_url), ""},
    {"outbox", "smtp_from", K_STR, OFF(smtp_from), "cadre@localhost"},
    {"outbox", "smtp_user", K_STR, OFF(smtp_user), ""},
    {"outbox", "smtp_password", K_STR, OFF(smtp_password), ""},
    {"outbox", "max_attempts", K_INT, OFF(outbox_max_attempts), "8"},
    {"outbox", "backoff_seconds", K_INT, OFF(outbox_backoff_seconds), "30"},
    {"outbox", "timeout_seconds", K_INT, OFF(outbox_timeout_seconds), "20"},
    {"public", "rate_per_minute", K_INT, OFF(public_rate_per_minute), "120"},
    {"log", "level", K_STR, 0, "info"}, /* handled specially */
    {"dev", "allow_clock_override", K_BOOL, OFF(allow_clock_override), "false"},
    {"dev", "debug_routes", K_BOOL, OFF(debug_routes), "false"},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const core_sections[] = {"server", "database", "plugins", "session", "files",
                                            "outbox", "public",   "log",     "dev"};

struct load_state {
  struct cadre_config *c;
  char *err;
  size_t errlen;
  bool failed;
  bool seen[NKEYS];
};

static bool is_core_section(const char *s) {
  for (size_t i = 0; i < sizeof(core_sections) / sizeof(core_sections[0]); i++)
    if (strcmp(core_sections[i], s) == 0)
      return true;
  return false;
}

static bool parse_bool(const char *v, bool *out) {
  if (!strcasecmp(v, "true") || !strcasecmp(v, "on") || !strcasecmp(v, "yes") || !strcmp(v, "1")) {
    *out = true;
    return true;
  }
  if (!strcasecmp(v, "false") || !strcasecmp(v, "off") || !strcasecmp(v, "no") || !strcmp(v, "0")) {
    *out = false;
    return true;
  }
  return false;
}

/* Sizes accept a K/M/G suffix. */
static bool parse_size(const char *v, size_t *out) {
  if (!isdigit((unsigned char)*v))
    return false; /* strtoull() would take "-1" as SIZE_MAX */
  errno = 0;
  char *end;
  unsigned long long n = strtoull(v, &end, 10);
  if (errno || end == v)
    return false;
  unsigned long long mult = 1;
  if (*end == 'K' || *end == 'k')
    mult = 1024, end++;
  else if (*end == 'M' || *end == 'm')
    mult = 1024 * 1024, end++;
  else if (*end == 'G' || *end == 'g')
    mult = 1024ull * 1024 * 1024, end++;
  if (*end != '\0' || n > SIZE_MAX / mult)
    return false;
  *out = (size_t)(n * mult);
  return true;
}

static bool set_value(struct cadre_config *c, const struct keydef *k, const char *v) {
  char *base = (char *)c;
  switch (k->kind) {
  case K_STR: {
    char **slot = (char **)(base + k->offset);
    free(*slot);
    *slot = strdup(v);
    return *slot != NULL;
  }
  case K_INT: {
    errno = 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < 0 || n > INT_MAX)
      return false;
    *(int *)(base + k->offset) = (int)n;
    return true;
  }
  case K_OCTAL: {
    errno = 0;
    char *end;
    long n = strtol(v, &end, 8);
    if (errno || end == v || *end || n < 0 || n > 07777)
      return false;
    *(unsigned *)(base + k->offset) = (unsigned)n;
    return true;
  }
  case K_SIZE: return parse_size(v, (size_t *)(base + k->offset));
  case K_U64: {
    size_t n;
    if (!parse_size(v, &n))
      return false;
    *(unsigned long long *)(base + k->offset) = n;
    return true;
  }
  case K_BOOL: return parse_bool(v, (bool *)(base + k->offset));
  }
  return false;
}

static int add_entry(struct cadre_config *c, const char *section, const char *key, const char *value) {
  struct cadre_conf_entry *e = realloc(c->entries, (c->nentries + 1) * sizeof(*e));
  if (!e)
    return -1;
  c->entries = e;
  e[c->nentries].section = strdup(section);
  e[c->nentries].key = strdup(key);
  e[c->nentries].value = strdup(value);
  c->nentries++;
  return 0;
}

static int on_key(void *user, const char *section, const char *name, const char *value) {
  struct load_state *st = user;
  /* inih goes on after an error and reports the first error's line: keep
   * the first message too, so that line and message agree. */
  if (st->failed)
    return 0;
  if (add_entry(st->c, section, name, value) != 0)
    return 0;
  if (!is_core_section(section))
    return 1;
  if (strcmp(section, "log") == 0 && strcmp(name, "level") == 0) {
    if (strcmp(value, "debug") && strcmp(value, "info")) {
      snprintf(st->err, st->errlen, "[log] level must be info or debug, not '%s'", value);
      st->failed = true;
      return 0;
    }
    st->c->log_debug = strcmp(value, "debug") == 0;
    return 1;
  }
  for (size_t i = 0; i < NKEYS; i++) {
    if (strcmp(keys[i].section, section) || strcmp(keys[i].key, name))
      continue;
    if (!set_value(st->c, &keys[i], value)) {
      snprintf(st->err, st->errlen, "[%s] %s: invalid value '%s'", section, name, value);
      st->failed = true;
      return 0;
    }
    st->seen[i] = true;
    return 1;
  }
  snprintf(st->err, st->errlen, "[%s] %s: unknown key", section, name);
  st->failed = true;
  return 0;
}

static bool apply_defaults(struct load_state *st) {
  for (size_t i = 0; i < NKEYS; i++) {
    if (st->seen[i] || !keys[i].dflt || keys[i].offset == 0)
      continue;
    if (!set_value(st->c, &keys[i], keys[i].dflt))
      return false;
  }
  return true;
}

static char *default_root(const char *path) {
  /* The directory holding the config file's directory: conf/cadre.conf and
   * var/cadre.conf both resolve against the project or install prefix. */
  char *abs = realpath(path, NULL);
  if (!abs)
    return strdup(".");
  char *slash = strrchr(abs, '/');
  if (slash)
    *slash = '\0';
  slash = strrchr(abs, '/');
  if (slash && slash != abs)
    *slash = '\0';
  return abs;
}

static bool validate(struct cadre_config *c, char *err, size_t errlen) {
  if (c->threads < 1 || c->threads > 1024) {
    snprintf(err, errlen, "[server] threads must be between 1 and 1024");
    return false;
  }
  if (c->workers > 256) {
    snprintf(err, errlen, "[server] workers must be at most 256");
    return false;
  }
  if (strcmp(c->cookie_secure, "auto") && strcmp(c->cookie_secure, "on") && strcmp(c->cookie_secure, "off")) {
    snprintf(err, errlen, "[session] cookie_secure must be auto, on or off");
    return false;
  }
  if (c->idle_minutes < 1 || c->absolute_hours < 1) {
    snprintf(err, errlen, "[session] idle_minutes and absolute_hours must be at least 1");
    return false;
  }
  if (!c->db_socket[0] && !c->db_host[0]) {
    snprintf(err, errlen, "[database] needs socket or host");
    return false;
  }
  if (c->pwhash_memlimit < 8192 || c->pwhash_opslimit < 1) {
    snprintf(err, errlen, "[session] pwhash limits are below the safe minimum");
    return false;
  }
  if (c->pwhash_memlimit > SIZE_MAX / 1024) {
    snprintf(err, errlen, "[session] pwhash_memlimit_kib is too large");
    return false;
  }
  c->pwhash_memlimit *= 1024; /* configured in KiB */
  return true;
}

struct cadre_config *cadre_config_load(const char *path, char *err, size_t errlen) {
  struct cadre_config *c = calloc(1, sizeof(*c));
  if (!c) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  struct load_state st = {.c = c, .err = err, .errlen = errlen};
  c->path = strdup(path);
  int rc = ini_parse(path, on_key, &st);
  if (rc < 0) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    cadre_config_free(c);
    return NULL;
  }
  if (st.failed || rc > 0) {
    if (!st.failed)
      snprintf(err, errlen, "%s:%d: syntax error", path, rc);
    else {
      char tmp[512];
      snprintf(tmp, sizeof(tmp), "%s", err);
      snprintf(err, errlen, "%s:%d: %s", path, rc, tmp);
    }
    cadre_config_free(c);
    return NULL;
  }
  if (!apply_defaults(&st)) {
    snprintf(err, errlen, "internal: bad default");
    cadre_config_free(c);
    return NULL;
  }
  if (!c->root || !c->root[0]) {
    free(c->root);
    c->root = default_root(path);
  }
  if (!validate(c, err, errlen)) {
    cadre_config_free(c);
    return NULL;
  }
  if (c->pool_size == 0 || c->pool_size > c->threads)
    c->pool_size = c->threads; /* more connections than threads could never be used */
  if (c->workers == 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    c->workers = n > 0 ? (int)n : 1;
  }
  return c;
}

void cadre_config_free(struct cadre_config *c) {
  if (!c)
    return;
  for (size_t i = 0; i < NKEYS; i++)
    if (keys[i].kind == K_STR && keys[i].offset)
      free(*(char **)((char *)c + keys[i].offset));
  for (size_t i = 0; i < c->nentries; i++) {
    free(c->entries[i].section);
    free(c->entries[i].key);
    free(c->entries[i].value);
  }
  free(c->entries);
  free(c->path);
  free(c);
}

const char *cadre_config_get(const struct cadre_config *c, const char *section, const char *key) {
  /* The last value wins, as in the struct. */
  for (size_t i = c->nentries; i-- > 0;)
    if (!strcmp(c->entries[i].section, section) && !strcmp(c->entries[i].key, key))
      return c->entries[i].value;
  return NULL;
}

char *cadre_config_path(const struct cadre_config *c, const char *p) {
  if (!p)
    return NULL;
  if (p[0] == '/' || !c->root)
    return strdup(p);
  size_t n = strlen(c->root) + strlen(p) + 2;
  char *out = malloc(n);
  if (out)
    snprintf(out, n, "%s/%s", c->root, p);
  return out;
}
