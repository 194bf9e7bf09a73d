/* A worker's memory of the bridge points the public form names, by (course,
 * code): the point's id and province (which never change) and its version,
 * name and course title (which an official may edit). It saves the public
 * registration its read of the point: the seat UPDATE itself checks that
 * the point still has this version and the course this title, so a stale
 * entry can never decide anything — the UPDATE then takes no seat and the
 * handler reads the point again (register.c).
 *
 * Four-way set-associative: a code lives in one set of four slots, and a
 * new code takes an empty slot of its set or, when all four are taken,
 * the next one in turn. A direct-mapped table of the same size kept
 * evicting a third of a national course's 3,400 points by their
 * neighbours' hashes; with four ways a set overflows only when five of the
 * points fall into it. One mutex held for a few string compares and
 * copies; each worker process fills its own. */
#include "course.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SETS 4096
#define WAYS 4

struct slot {
  int64_t course_id, bp_id, province_id, version;
  char *code, *name, *course_title; /* NULL code: empty slot */
};

static struct slot slots[SETS][WAYS];
static unsigned char next_victim[SETS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t set_of(int64_t course_id, const char *code) {
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)course_id;
  for (const char *p = code; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return (size_t)(h % SETS);
}

/* The slot holding (course, code) in its set, or NULL. */
static struct slot *find(size_t set, int64_t course_id, const char *code) {
  for (int w = 0; w < WAYS; w++) {
    struct slot *s = &slots[set][w];
    if (s->code && s->course_id == course_id && strcmp(s->code, code) == 0)
      return s;
  }
  return NULL;
}

/* Where a new entry goes: its own old slot, an empty one, or the next in
 * turn. */
static struct slot *place(size_t set, int64_t course_id, const char *code) {
  struct slot *s = find(set, course_id, code);
  if (s)
    return s;
  for (int w = 0; w < WAYS; w++)
    if (!slots[set][w].code)
      return &slots[set][w];
  unsigned char w = next_victim[set];
  next_victim[set] = (unsigned char)((w + 1) % WAYS);
  return &slots[set][w];
}

bool course_bp_cache_get(cadre_req *req, int64_t course_id, const char *code, struct course_bp_seen *out) {
  if (!code)
    return false;
  cadre_arena *a = cadre_arena_of(req);
  bool hit = false;
  pthread_mutex_lock(&lock);
  struct slot *s = find(set_of(course_id, code), course_id, code);
  if (s) {
    *out = (struct course_bp_seen){.bp_id = s->bp_id,
                                   .province_id = s->province_id,
                                   .version = s->version,
                                   .code = cadre_arena_strdup(a, s->code),
                                   .name = cadre_arena_strdup(a, s->name),
                                   .course_title = cadre_arena_strdup(a, s->course_title)};
    hit = out->code && out->name && out->course_title;
  }
  pthread_mutex_unlock(&lock);
  return hit;
}

void course_bp_cache_put(int64_t course_id, const struct course_bp_seen *in) {
  if (!in->code || !in->name || !in->course_title)
    return;
  struct slot fresh = {.course_id = course_id,
                       .bp_id = in->bp_id,
                       .province_id = in->province_id,
                       .version = in->version,
                       .code = strdup(in->code),
                       .name = strdup(in->name),
                       .course_title = strdup(in->course_title)};
  if (!fresh.code || !fresh.name || !fresh.course_title) {
    free(fresh.code);
    free(fresh.name);
    free(fresh.course_title);
    return;
  }
  pthread_mutex_lock(&lock);
  struct slot *s = place(set_of(course_id, in->code), course_id, in->code);
  struct slot old = *s;
  *s = fresh;
  pthread_mutex_unlock(&lock);
  free(old.code);
  free(old.name);
  free(old.course_title);
}
