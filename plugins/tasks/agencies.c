/*
 * Unit names from the file → agencies. A name matches an agency whose name
 * or short name has the same key (accents, case, spaces and punctuation
 * ignored: "Cục bảo vệ chính trị nội bộ" = "Cục Bảo vệ chính trị nội bộ").
 * Among several, one inside the programme owner's tree wins, then an active
 * one. A name this programme already placed (on an earlier import, maybe
 * merged by an admin since) keeps its agency, so re-importing creates
 * nothing. An unknown name becomes a pending agency (kind 'other') for an
 * admin to confirm or merge: under the owner when it reads like one of its
 * departments (Vụ …, Cục …), else under the root.
 *
 * Creating the pending agency writes the core `agency` table directly (the
 * closure trigger adds its paths); see docs/requests/tasks.md for the core
 * helper this should become.
 */
#include "tasks.h"

#include <stdio.h>
#include <string.h>

#define BUCKETS 2048u

typedef struct entry {
  const char *key;
  int64_t id;
  const char *name, *code, *status;
  bool under_owner;
  bool alias; /* placed by an earlier import of this programme */
  struct entry *next;
} entry;

struct tasks_agencies {
  cadre_arena *a;
  entry *buckets[BUCKETS];
  int64_t owner_id, root_id;
  json_t *units; /* report: one object per distinct name */
  json_t *seen;  /* key → index in units */
  int matched, pending, created;
};

static unsigned hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h % BUCKETS;
}

static entry *find(tasks_agencies *ix, const char *key) {
  for (entry *e = ix->buckets[hash(key)]; e; e = e->next)
    if (strcmp(e->key, key) == 0)
      return e;
  return NULL;
}

/* Keeps the better of two agencies for one key. */
static bool better(const entry *x, const entry *y) {
  if (x->alias != y->alias)
    return x->alias;
  if (x->under_owner != y->under_owner)
    return x->under_owner;
  bool xa = strcmp(x->status, "active") == 0, ya = strcmp(y->status, "active") == 0;
  if (xa != ya)
    return xa;
  return x->id < y->id;
}

static void put(tasks_agencies *ix, const char *key, const entry *tmpl) {
  if (!key || !*key)
    return;
  entry *e = find(ix, key);
  if (e) {
    if (better(tmpl, e)) {
      entry *next = e->next;
      *e = *tmpl;
      e->key = key;
      e->next = next;
    }
    return;
  }
  e = cadre_arena_alloc(ix->a, sizeof *e);
  if (!e)
    return;
  *e = *tmpl;
  e->key = key;
  unsigned h = hash(key);
  e->next = ix->buckets[h];
  ix->buckets[h] = e;
}

static const char *str(json_t *row, const char *k) {
  const char *s = json_string_value(json_object_get(row, k));
  return s ? s : "";
}

tasks_agencies *tasks_agencies_load(cadre_req *req, int64_t owner_id, int64_t programme_id) {
  tasks_agencies *ix = cadre_arena_calloc(cadre_arena_of(req), 1, sizeof *ix);
  if (!ix)
    return NULL;
  ix->a = cadre_arena_of(req);
  ix->owner_id = owner_id;
  ix->units = cadre_json_arr(req);
  ix->seen = cadre_json_obj(req);
  int64_t root = 0;
  if (cadre_db_int(req, &root, "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1", CV_NONE) <
      0)
    return NULL;
  ix->root_id = root;
  json_t *rows = cadre_db_rows(req,
                               "SELECT a.id, a.name, a.short_name, a.code, a.status,"
                               " EXISTS (SELECT 1 FROM agency_closure c WHERE c.ancestor = ?"
                               "  AND c.descendant = a.id) AS under_owner"
                               " FROM agency a WHERE a.status <> 'disabled'",
                               CV_ARGS(CV_INT(owner_id)));
  if (!rows)
    return NULL;
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    entry t = {.id = json_integer_value(json_object_get(row, "id")),
               .name = cadre_arena_strdup(ix->a, str(row, "name")),
               .code = cadre_arena_strdup(ix->a, str(row, "code")),
               .status = cadre_arena_strdup(ix->a, str(row, "status")),
               .under_owner = json_integer_value(json_object_get(row, "under_owner")) != 0};
    put(ix, tasks_unit_key(ix->a, t.name), &t);
    if (*str(row, "short_name"))
      put(ix, tasks_unit_key(ix->a, str(row, "short_name")), &t);
  }
  /* names this programme placed before keep their agency */
  if (programme_id) {
    json_t *aliases =
        cadre_db_rows(req,
                      "SELECT DISTINCT tu.name_text AS name, a.id, a.name AS agency_name, a.code, a.status"
                      " FROM tasks_task_unit tu JOIN tasks_task t ON t.id = tu.task_id"
                      " JOIN agency a ON a.id = tu.agency_id WHERE t.programme_id = ?"
                      " UNION SELECT DISTINCT s.lead_text, a.id, a.name, a.code, a.status"
                      " FROM tasks_section s JOIN agency a ON a.id = s.lead_agency_id"
                      " WHERE s.programme_id = ? AND s.lead_text IS NOT NULL",
                      CV_ARGS(CV_INT(programme_id), CV_INT(programme_id)));
    if (!aliases)
      return NULL;
    json_array_foreach(aliases, i, row) {
      entry t = {.id = json_integer_value(json_object_get(row, "id")),
                 .name = cadre_arena_strdup(ix->a, str(row, "agency_name")),
                 .code = cadre_arena_strdup(ix->a, str(row, "code")),
                 .status = cadre_arena_strdup(ix->a, str(row, "status")),
                 .alias = true};
      put(ix, tasks_unit_key(ix->a, str(row, "name")), &t);
    }
  }
  return ix;
}

/* FNV-1a 64 of the key: a stable code for a pending agency. */
static uint64_t fnv64(const char *s) {
  uint64_t h = 14695981039346656037ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static int64_t create_pending(cadre_req *req, tasks_agencies *ix, const char *name, const char *key) {
  int64_t parent = tasks_unit_is_internal(name) ? ix->owner_id : ix->root_id;
  const char *code = cadre_printf(req, "TASKS-%012llx", (unsigned long long)(fnv64(key) & 0xffffffffffffull));
  /* agency.name holds 255 characters: cut longer names on a character
   * boundary so the text stays valid UTF-8 */
  char shortened[256];
  size_t cut = strlen(name);
  if (cut > sizeof shortened - 1) {
    cut = sizeof shortened - 1;
    while (cut && ((unsigned char)name[cut] & 0xC0) == 0x80)
      cut--;
  }
  memcpy(shortened, name, cut);
  shortened[cut] = '\0';
  int64_t n = cadre_db_exec(req,
                            "INSERT INTO agency (parent_id, kind, code, name, scope, status)"
                            " VALUES (?, 'other', ?, ?, 'own', 'pending')",
                            CV_ARGS(CV_INT(parent), CV_STR(code), CV_STR(shortened)));
  int64_t id = 0;
  if (n < 0) {
    /* the code exists (a pending agency disabled earlier): reuse it */
    if (!cadre_db_is_duplicate(req))
      return -1;
    if (cadre_db_int(req, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code))) != 1)
      return -1;
    return id;
  }
  id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s, s:I, s:s, s:s}", "code", code, "name", shortened, "parent_id",
                            (json_int_t)parent, "kind", "other", "status", "pending");
  int rc = cadre_audit(req, "agency", id, "create_pending", NULL, after);
  json_decref(after);
  return rc < 0 ? -1 : id;
}

static void note(tasks_agencies *ix, cadre_req *req, const char *name, const char *key, const entry *e,
                 const char *outcome) {
  if (json_object_get(ix->seen, key))
    return;
  json_object_set_new(ix->seen, key, json_true());
  json_t *o = json_pack("{s:s, s:s, s:I, s:s, s:s}", "name", name, "status", outcome, "agency_id",
                        (json_int_t)e->id, "agency_code", e->code, "agency_name", e->name);
  json_array_append_new(ix->units, o);
  if (strcmp(outcome, "created") == 0)
    ix->created++;
  else if (strcmp(outcome, "pending") == 0)
    ix->pending++;
  else
    ix->matched++;
  (void)req;
}

int64_t tasks_agencies_resolve(cadre_req *req, tasks_agencies *ix, const char *name) {
  const char *key = tasks_unit_key(ix->a, name);
  if (!key || !*key)
    return 0;
  entry *e = find(ix, key);
  if (e) {
    note(ix, req, name, key, e, strcmp(e->status, "pending") == 0 ? "pending" : "matched");
    return e->id;
  }
  int64_t id = create_pending(req, ix, name, key);
  if (id <= 0)
    return -1;
  entry t = {.id = id,
             .name = cadre_arena_strdup(ix->a, name),
             .code = "",
             .status = "pending",
             .under_owner = tasks_unit_is_internal(name)};
  const char *code = cadre_db_str(req, "SELECT code FROM agency WHERE id = ?", CV_ARGS(CV_INT(id)));
  t.code = code ? cadre_arena_strdup(ix->a, code) : "";
  put(ix, key, &t);
  note(ix, req, name, key, find(ix, key), "created");
  return id;
}

bool tasks_agencies_known(tasks_agencies *ix, const char *name) {
  const char *key = tasks_unit_key(ix->a, name);
  return key && *key && find(ix, key) != NULL;
}

json_t *tasks_agencies_report(tasks_agencies *ix) {
  json_t *o = json_pack("{s:O, s:i, s:i, s:i}", "list", ix->units, "matched", ix->matched, "pending",
                        ix->pending, "created", ix->created);
  return o;
}
