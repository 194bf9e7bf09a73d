/*
 * Before the host trusts a plugin it compares the plugin's ABI block with its
 * own, field by field, and names the field that differs — the way
 * PostgreSQL checks PG_MODULE_MAGIC — then checks the route table is well
 * formed, so a mistake in a declaration is a refused plugin at start, not a
 * surprise in production.
 */
#include "abi_check.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct cadre_abi cadre_host_abi(void) {
  struct cadre_abi a = CADRE_ABI_BLOCK;
  return a;
}

#define CHECK(field)                                                                                         \
  do {                                                                                                       \
    if (got->field != host.field) {                                                                          \
      snprintf(why, n, "abi." #field " is %lu, host expects %lu", (unsigned long)got->field,                 \
               (unsigned long)host.field);                                                                   \
      return -1;                                                                                             \
    }                                                                                                        \
  } while (0)

int cadre_abi_check(const struct cadre_abi *got, char *why, size_t n) {
  struct cadre_abi host = cadre_host_abi();
  if (!got) {
    snprintf(why, n, "descriptor is NULL");
    return -1;
  }
  if (got->magic != host.magic) {
    snprintf(why, n, "abi.magic is 0x%08lx, host expects 0x%08lx (not a Cadre plugin descriptor)",
             (unsigned long)got->magic, (unsigned long)host.magic);
    return -1;
  }
  CHECK(major);
  if (got->minor > host.minor) {
    snprintf(why, n, "abi.minor is %u, newer than the host's %u", got->minor, host.minor);
    return -1;
  }
  CHECK(descriptor_size);
  CHECK(route_size);
  CHECK(field_size);
  CHECK(pointer_size);
  CHECK(long_size);
  CHECK(time_t_size);
  CHECK(off_t_size);
  CHECK(jansson_major);
  CHECK(mariadb_major);
  return 0;
}

static bool valid_name(const char *s) {
  if (!s || !*s || strlen(s) > 31)
    return false;
  for (const char *p = s; *p; p++)
    if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
      return false;
  return isalpha((unsigned char)s[0]);
}

static const struct cadre_field *find_field(const struct cadre_field *fields, const char *name, size_t len) {
  for (const struct cadre_field *f = fields; f && f->name; f++)
    if (strlen(f->name) == len && strncmp(f->name, name, len) == 0)
      return f;
  return NULL;
}

/* Every {param} in the path must be a declared CF_PATH field. */
static int check_path(const struct cadre_route *r, char *why, size_t n) {
  const char *p = r->path;
  if (!p || p[0] != '/') {
    snprintf(why, n, "route %s: path must start with '/'", p ? p : "(null)");
    return -1;
  }
  int params = 0;
  while ((p = strchr(p, '{')) != NULL) {
    const char *end = strchr(p, '}');
    if (!end || p[-1] != '/' || (end[1] != '/' && end[1] != '\0')) {
      snprintf(why, n, "route %s: a {param} must be a whole path segment", r->path);
      return -1;
    }
    const struct cadre_field *f = find_field(r->fields, p + 1, (size_t)(end - p - 1));
    if (!f || !(f->flags & CF_PATH)) {
      snprintf(why, n, "route %s: {%.*s} is not declared as a CF_PATH field", r->path, (int)(end - p - 1),
               p + 1);
      return -1;
    }
    params++;
    p = end;
  }
  int declared = 0;
  for (const struct cadre_field *f = r->fields; f && f->name; f++)
    if (f->flags & CF_PATH)
      declared++;
  if (declared != params) {
    snprintf(why, n, "route %s: a CF_PATH field is not in the path", r->path);
    return -1;
  }
  return 0;
}

static int check_fields(const struct cadre_route *r, char *why, size_t n) {
  for (const struct cadre_field *f = r->fields; f && f->name; f++) {
    if (f->type < CF_STRING || f->type > CF_YEAR) {
      snprintf(why, n, "route %s: field %s has an unknown type", r->path, f->name);
      return -1;
    }
    if (f->type == CF_ENUM && !f->choices) {
      snprintf(why, n, "route %s: enum field %s has no choices", r->path, f->name);
      return -1;
    }
    if (f->type == CF_FILE && !(r->flags & CADRE_RF_MULTIPART)) {
      snprintf(why, n, "route %s: file field %s needs CADRE_RF_MULTIPART", r->path, f->name);
      return -1;
    }
    for (const struct cadre_field *g = f + 1; g->name; g++)
      if (strcmp(f->name, g->name) == 0) {
        snprintf(why, n, "route %s: field %s declared twice", r->path, f->name);
        return -1;
      }
  }
  return 0;
}

int cadre_plugin_check(const struct cadre_plugin *p, char *why, size_t n) {
  if (!valid_name(p->name)) {
    snprintf(why, n, "name must be lower-case letters, digits and '_'");
    return -1;
  }
  if (!p->title || !*p->title) {
    snprintf(why, n, "title is empty");
    return -1;
  }
  for (const struct cadre_route *r = p->routes; r && r->path; r++) {
    if (!r->handler) {
      snprintf(why, n, "route %s has no handler", r->path);
      return -1;
    }
    unsigned m = (unsigned)r->method;
    if (m == 0 || (m & (m - 1)) || m > CADRE_DELETE) {
      snprintf(why, n, "route %s: method must be exactly one CADRE_<method> flag", r->path);
      return -1;
    }
    if (check_path(r, why, n) != 0 || check_fields(r, why, n) != 0)
      return -1;
    for (const struct cadre_route *s = r + 1; s->path; s++)
      if (s->method == r->method && strcmp(s->path, r->path) == 0) {
        snprintf(why, n, "route %s declared twice for the same method", r->path);
        return -1;
      }
  }
  for (const struct cadre_command *c = p->commands; c && c->verb; c++)
    if (!c->run) {
      snprintf(why, n, "command %s has no function", c->verb);
      return -1;
    }
  return 0;
}
