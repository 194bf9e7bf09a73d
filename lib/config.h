/*
 * Host configuration (conf/cadre.conf, INI read with inih). One immutable
 * struct per load; SIGHUP loads a new one and new workers use it.
 */
#ifndef CADRE_CONFIG_H
#define CADRE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cadre_conf_entry {
  char *section;
  char *key;
  char *value;
};

struct cadre_config {
  char *path; /* the file it came from */
  char *root; /* relative paths resolve against this */

  /* [server] */
  char *listen;
  unsigned socket_mode;
  char *socket_group;
  int workers;
  int threads;
  char *pidfile;
  char *data_dir; /* shipped data: seeds for demo imports */
  char *allowed_origins;
  size_t max_params_bytes;
  size_t max_params;
  size_t max_query_bytes;
  size_t max_cookie_bytes;
  size_t max_body_bytes;
  size_t max_fields;
  size_t max_files;
  int drain_seconds;

  /* [database] */
  char *db_socket;
  char *db_host;
  unsigned db_port;
  char *db_user;
  char *db_password;
  char *db_name;
  int pool_wait_ms;
  int pool_size; /* 0 = threads */
  unsigned connect_timeout;
  unsigned read_timeout;
  unsigned write_timeout;
  int max_age_seconds;
  int ping_after_idle_seconds;

  /* [plugins] */
  char *plugins_dir;
  char *plugins_enabled; /* space separated */
  char *sql_dir;         /* migrations root (default: root/sql) */

  /* [session] */
  int idle_minutes;
  int absolute_hours;
  char *cookie_secure; /* auto|on|off */
  char *cookie_name;
  int login_max_failures_account;
  int login_max_failures_address;
  int login_window_minutes;
  unsigned long long pwhash_opslimit;
  size_t pwhash_memlimit;

  /* [files] */
  char *files_dir;
  size_t max_upload_bytes;

  /* [outbox] */
  char *smtp_url;
  char *smtp_from;
  char *smtp_user;
  char *smtp_password;
  int outbox_max_attempts;
  int outbox_backoff_seconds;
  int outbox_timeout_seconds;

  /* [public] */
  int public_rate_per_minute;

  /* [log] */
  bool log_debug;

  /* [dev] */
  bool allow_clock_override;
  bool debug_routes; /* /api/core/debug/… for the test suite */

  /* every key as read, for cadre_host_conf() and [webhooks] */
  struct cadre_conf_entry *entries;
  size_t nentries;
};

/* Loads and validates; on failure returns NULL and writes a message naming
 * the file, line or key into err. */
struct cadre_config *cadre_config_load(const char *path, char *err, size_t errlen);
void cadre_config_free(struct cadre_config *c);
/* Raw lookup ("webhooks", "livestream"); NULL when absent. */
const char *cadre_config_get(const struct cadre_config *c, const char *section, const char *key);
/* Resolves a possibly relative path against root; malloc'd. */
char *cadre_config_path(const struct cadre_config *c, const char *p);

/* The configuration the process runs with (set once by the host/admin). */
void cadre_config_set_current(const struct cadre_config *c);
const struct cadre_config *cadre_config_current(void);

#endif
