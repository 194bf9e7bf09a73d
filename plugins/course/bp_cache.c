/* A worker's memory of the bridge points the public form names, by (course,
 * code): the point's id and province (which never change) and its version,
 * name and course title (which an official may edit). It saves the public
 * registration its read of the point: the seat UPDATE itself checks that
 * the point still has this version and the course this title, so a stale
 * entry can never decide anything — the UPDATE then takes no seat and the
 * handler reads the point again (register.c).
 *
 * Direct-mapped (a colliding code replaces the entry), one mutex held for a
 * string compare and a few copies; each worker process fills its own. */
#include "course.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 8192

struct slot {
  int64_t course_id, bp_id, province_id, version;
  char *code, *name, *course_title; /* NULL code: empty slot */
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(int64_t course_id, const char *code) {
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)course_id;
  for (const char *p = code; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return (size_t)(h % SLOTS);
}

bool course_bp_cache_get(cadre_req *req, int64_t course_id, const char *code,
                         struct course_bp_seen *out) {
  if (!code)
    return false;
  cadre_arena *a = cadre_arena_of(req);
  bool hit = false;
  pthread_mutex_lock(&lock);
  struct slot *s = &slots[slot_of(course_id, code)];
  if (s->code && s->course_id == course_id && strcmp(s->code, code) == 0) {
    *out = (struct course_bp_seen){
        .bp_id = s->bp_id,
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
  struct slot *s = &slots[slot_of(course_id, in->code)];
  struct slot old = *s;
  *s = fresh;
  pthread_mutex_unlock(&lock);
  free(old.code);
  free(old.name);
  free(old.course_title);
}
