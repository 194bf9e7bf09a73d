/*
 * Per-address rate limit for public forms: a fixed table of per-minute
 * counters in the worker's memory, so the check costs a hash and a mutex,
 * not a database round trip (a shared counter row would serialise every
 * registration from one commune office on one lock). Each worker counts on
 * its own; the limit is per worker, which is documented with the setting.
 * Commune offices sit behind NAT, so [public] rate_per_minute is generous:
 * it stops a runaway script, not a room of cadres registering together.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "auth_internal.h"

#define SLOTS 4096

struct slot {
  uint64_t key;   /* hash of plugin + address; 0 = empty */
  int64_t minute; /* the minute this count belongs to */
  int hits;
};

static struct slot table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t hash(const char *a, const char *b) {
  uint64_t h = 1469598103934665603ULL;
  for (const char *p = a; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  h = (h ^ '|') * 1099511628211ULL;
  for (const char *p = b; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return h ? h : 1;
}

/* Counts one hit; returns the count for this minute. A slot of an older
 * minute is taken over, so the table never needs sweeping. */
static int count_hit(uint64_t key, int64_t minute) {
  pthread_mutex_lock(&lock);
  size_t i = key % SLOTS;
  for (int probe = 0; probe < 8; probe++, i = (i + 1) % SLOTS) {
    struct slot *s = &table[i];
    if (s->key == key && s->minute == minute) {
      int n = ++s->hits;
      pthread_mutex_unlock(&lock);
      return n;
    }
    if (s->key == 0 || s->minute != minute) {
      *s = (struct slot){.key = key, .minute = minute, .hits = 1};
      pthread_mutex_unlock(&lock);
      return 1;
    }
  }
  /* the neighbourhood is full of live counters: share the first one */
  int n = ++table[key % SLOTS].hits;
  pthread_mutex_unlock(&lock);
  return n;
}

int cadre_rate_check(cadre_req *req) {
  int limit = req->conf->public_rate_per_minute;
  if (limit <= 0)
    return 0;
  uint64_t key = hash(req->plugin ? req->plugin->name : "core", cadre_remote_addr(req));
  if (count_hit(key, (int64_t)(req->auth_now / 60)) > limit)
    return cadre_fail(req, 429, "too_many_requests",
                      "Có quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau một phút.");
  return 0;
}
