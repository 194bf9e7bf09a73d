/*
 * Unit names from the file → agencies, through the core helpers
 * (include/cadre/agency.h): a name matches an agency whose name or short
 * name is the same ignoring accents, case and spacing, one inside the
 * programme owner's tree first; an unknown name becomes a pending agency of
 * kind 'other' for an admin to confirm or merge — under the owner when it
 * reads like one of its departments (Vụ …, Cục …), else under the root.
 *
 * What this file adds for the module: a name this programme already placed
 * (on an earlier import, perhaps merged by an admin since) keeps its agency,
 * so re-importing the same file creates nothing; each distinct name is
 * looked up once per import; and the report lists every name with what
 * became of it.
 */
#include "tasks.h"

#include <string.h>

#define BUCKETS 1024u

typedef struct entry {
  const char *key;
  int64_t id;
  const char *name, *code, *status;
  struct entry *next;
} entry;

struct tasks_agencies {
  cadre_arena *a;
  entry *buckets[BUCKETS];
  int64_t owner_id, root_id;
  json_t *units; /* report: one object per distinct name */
  json_t *seen;  /* key → true */
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

/* A text column, "" when null (the report lists it as it is). */
static const char *str(json_t *row, const char *k) {
  const char *s = cadre_jstr(row, k);
  return s ? s : "";
}

static entry *put(tasks_agencies *ix, const char *key, int64_t id, json_t *agency) {
  entry *e = find(ix, key);
  if (e)
    return e; /* the first placement wins (ordered by the query) */
  e = cadre_arena_alloc(ix->a, sizeof *e);
  if (!e)
    return NULL;
  e->key = key;
  e->id = id;
  e->name = cadre_arena_strdup(ix->a, str(agency, "name"));
  e->code = cadre_arena_strdup(ix->a, str(agency, "code"));
  e->status = cadre_arena_strdup(ix->a, str(agency, "status"));
  unsigned h = hash(key);
  e->next = ix->buckets[h];
  ix->buckets[h] = e;
  return e;
}

tasks_agencies *tasks_agencies_load(cadre_req *req, int64_t owner_id, int64_t programme_id) {
  tasks_agencies *ix = cadre_arena_calloc(cadre_arena_of(req), 1, sizeof *ix);
  if (!ix)
    return NULL;
  ix->a = cadre_arena_of(req);
  ix->owner_id = owner_id;
  ix->units = cadre_json_arr(req);
  ix->seen = cadre_json_obj(req);
  if (cadre_db_int(req, &ix->root_id, "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                   CV_NONE) < 0)
    return NULL;
  if (!programme_id)
    return ix;
  /* names this programme placed before keep their agency */
  json_t *aliases = cadre_db_rows(req,
                                  "SELECT tu.name_text AS alias, a.id, a.name, a.code, a.status"
                                  " FROM tasks_task_unit tu JOIN tasks_task t ON t.id = tu.task_id"
                                  " JOIN agency a ON a.id = tu.agency_id WHERE t.programme_id = ?"
                                  " UNION SELECT s.lead_text, a.id, a.name, a.code, a.status"
                                  " FROM tasks_section s JOIN agency a ON a.id = s.lead_agency_id"
                                  " WHERE s.programme_id = ? AND s.lead_text IS NOT NULL ORDER BY id",
                                  CV_ARGS(CV_INT(programme_id), CV_INT(programme_id)));
  if (!aliases)
    return NULL;
  size_t i;
  json_t *row;
  json_array_foreach(aliases, i, row) {
    const char *key = tasks_unit_key(ix->a, str(row, "alias"));
    if (key && *key && !put(ix, key, cadre_jint(row, "id", 0), row))
      return NULL;
  }
  return ix;
}

static void note(tasks_agencies *ix, const char *name, const char *key, const entry *e, const char *outcome) {
  if (json_object_get(ix->seen, key))
    return;
  json_object_set_new(ix->seen, key, json_true());
  json_array_append_new(ix->units,
                        json_pack("{s:s, s:s, s:I, s:s, s:s}", "name", name, "status", outcome, "agency_id",
                                  (json_int_t)e->id, "agency_code", e->code, "agency_name", e->name));
  if (strcmp(outcome, "created") == 0)
    ix->created++;
  else if (strcmp(outcome, "pending") == 0)
    ix->pending++;
  else
    ix->matched++;
}

int64_t tasks_agencies_resolve(cadre_req *req, tasks_agencies *ix, const char *name) {
  const char *key = tasks_unit_key(ix->a, name);
  if (!key || !*key)
    return 0;
  entry *e = find(ix, key);
  if (e) {
    note(ix, name, key, e, strcmp(e->status, "pending") == 0 ? "pending" : "matched");
    return e->id;
  }
  /* the owner's own departments first, then anywhere, else a new pending
   * agency where an admin will look for it */
  bool created = false;
  int64_t id = cadre_agency_match(req, name, ix->owner_id);
  if (id == 0)
    id = cadre_agency_match_or_create(req, name, 0, tasks_unit_is_internal(name) ? ix->owner_id : ix->root_id,
                                      "other", &created);
  if (id <= 0)
    return -1;
  json_t *agency =
      cadre_db_row(req, "SELECT name, code, status FROM agency WHERE id = ?", CV_ARGS(CV_INT(id)));
  if (!agency || !(e = put(ix, key, id, agency)))
    return -1;
  note(ix, name, key, e, created ? "created" : strcmp(e->status, "pending") == 0 ? "pending" : "matched");
  return id;
}

int tasks_agencies_known(cadre_req *req, tasks_agencies *ix, const char *name) {
  const char *key = tasks_unit_key(ix->a, name);
  if (!key || !*key)
    return 0;
  if (find(ix, key))
    return 1;
  int64_t id = cadre_agency_match(req, name, 0);
  return id < 0 ? -1 : id > 0;
}

json_t *tasks_agencies_report(tasks_agencies *ix) {
  return json_pack("{s:O, s:i, s:i, s:i}", "list", ix->units, "matched", ix->matched, "pending", ix->pending,
                   "created", ix->created);
}
