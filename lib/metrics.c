/*
 * Request metrics shared by all worker processes: counters live in an
 * anonymous shared mapping created by the master before it forks, updated
 * with atomic adds, so any worker can render the whole service's numbers
 * for /api/core/metrics (Prometheus text format).
 */
#include "metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static const int tracked_status[METRICS_NSTATUS] = {200, 201, 204, 400, 401, 403, 404, 405,
                                                    409, 413, 415, 422, 429, 500, 503, 0};
static const double bucket_ms[METRICS_NBUCKETS] = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

struct route_metrics {
  _Atomic uint64_t by_status[METRICS_NSTATUS];
  _Atomic uint64_t buckets[METRICS_NBUCKETS + 1]; /* last: +Inf */
  _Atomic uint64_t sum_us;
  _Atomic uint64_t count;
};

struct worker_gauges {
  _Atomic int pid;
  _Atomic int pool_size;
  _Atomic int pool_in_use;
  _Atomic uint64_t pool_timeouts;
  _Atomic uint64_t accepted;
};

/* A named batch's slot: claimed once (claimed 0 → 1), named, then ready. */
struct batch_metrics {
  _Atomic int claimed, ready;
  char name[48];
  _Atomic uint64_t runs, carried, done;
};

struct metrics_area {
  struct batch_metrics batches[METRICS_MAX_BATCHES];
  int nroutes; /* route slots; the last one counts unmatched requests */
  int nworkers;
  _Atomic uint64_t started_at;
  struct worker_gauges workers[METRICS_MAX_WORKERS];
  struct route_metrics routes[];
};

static struct metrics_area *area;
static size_t area_size;
static const char *const *route_labels; /* "plugin method path" per route */

int cadre_metrics_init(int nroutes, const char *const *labels) {
  if (area)
    munmap(area, area_size);
  area_size = sizeof(struct metrics_area) + (size_t)(nroutes + 1) * sizeof(struct route_metrics);
  void *p = mmap(NULL, area_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    area = NULL;
    return -1;
  }
  area = p;
  memset(area, 0, area_size);
  area->nroutes = nroutes + 1;
  route_labels = labels;
  return 0;
}

static int status_slot(int status) {
  for (int i = 0; i < METRICS_NSTATUS - 1; i++)
    if (tracked_status[i] == status)
      return i;
  return METRICS_NSTATUS - 1;
}

void cadre_metrics_record(int route_id, int status, double ms) {
  if (!area)
    return;
  int slot = (route_id >= 0 && route_id < area->nroutes - 1) ? route_id : area->nroutes - 1;
  struct route_metrics *m = &area->routes[slot];
  atomic_fetch_add_explicit(&m->by_status[status_slot(status)], 1, memory_order_relaxed);
  int b = 0;
  while (b < METRICS_NBUCKETS && ms > bucket_ms[b])
    b++;
  atomic_fetch_add_explicit(&m->buckets[b], 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&m->sum_us, (uint64_t)(ms * 1000.0), memory_order_relaxed);
  atomic_fetch_add_explicit(&m->count, 1, memory_order_relaxed);
}

void cadre_metrics_worker(int index, int pid, int pool_size, int in_use, uint64_t timeouts) {
  if (!area || index < 0 || index >= METRICS_MAX_WORKERS)
    return;
  struct worker_gauges *w = &area->workers[index];
  atomic_store_explicit(&w->pid, pid, memory_order_relaxed);
  atomic_store_explicit(&w->pool_size, pool_size, memory_order_relaxed);
  atomic_store_explicit(&w->pool_in_use, in_use, memory_order_relaxed);
  atomic_store_explicit(&w->pool_timeouts, timeouts, memory_order_relaxed);
}

void cadre_metrics_pool(int index, int pool_size, int in_use, uint64_t timeouts) {
  if (!area || index < 0 || index >= METRICS_MAX_WORKERS)
    return;
  struct worker_gauges *w = &area->workers[index];
  atomic_store_explicit(&w->pool_size, pool_size, memory_order_relaxed);
  atomic_store_explicit(&w->pool_in_use, in_use, memory_order_relaxed);
  atomic_store_explicit(&w->pool_timeouts, timeouts, memory_order_relaxed);
}

void cadre_metrics_accepted(int index) {
  if (!area || index < 0 || index >= METRICS_MAX_WORKERS)
    return;
  atomic_fetch_add_explicit(&area->workers[index].accepted, 1, memory_order_relaxed);
}

static struct batch_metrics *batch_slot(const char *name) {
  for (int i = 0; i < METRICS_MAX_BATCHES; i++) {
    struct batch_metrics *m = &area->batches[i];
    if (atomic_load(&m->ready) && strcmp(m->name, name) == 0)
      return m;
    int free_slot = 0;
    if (atomic_compare_exchange_strong(&m->claimed, &free_slot, 1)) {
      snprintf(m->name, sizeof m->name, "%s", name);
      atomic_store(&m->ready, 1);
      return m;
    }
    while (!atomic_load(&m->ready)) /* another process is naming it */
      ;
    if (strcmp(m->name, name) == 0)
      return m;
  }
  return NULL;
}

void cadre_metrics_batch(const char *name, uint64_t carried, uint64_t done) {
  struct batch_metrics *m = area && name ? batch_slot(name) : NULL;
  if (!m)
    return;
  atomic_fetch_add_explicit(&m->runs, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&m->carried, carried, memory_order_relaxed);
  atomic_fetch_add_explicit(&m->done, done, memory_order_relaxed);
}

static void render_batches(cadre_buf *b) {
  static const char *const what[][2] = {
      {"runs", "Combined units of work run (one transaction each)."},
      {"items", "Requests carried by combined units of work."},
      {"done", "Requests whose work a combined unit did (the rest ran alone)."}};
  for (int k = 0; k < 3; k++) {
    cadre_buf_printf(b, "# HELP cadre_batch_%s_total %s\n# TYPE cadre_batch_%s_total counter\n", what[k][0],
                     what[k][1], what[k][0]);
    for (int i = 0; i < METRICS_MAX_BATCHES; i++) {
      struct batch_metrics *m = &area->batches[i];
      if (!atomic_load(&m->ready))
        continue;
      _Atomic uint64_t *v = k == 0 ? &m->runs : k == 1 ? &m->carried : &m->done;
      cadre_buf_printf(b, "cadre_batch_%s_total{batch=\"%s\"} %llu\n", what[k][0], m->name,
                       (unsigned long long)atomic_load_explicit(v, memory_order_relaxed));
    }
  }
}

static const char *label_of(int i) {
  if (route_labels && i < area->nroutes - 1 && route_labels[i])
    return route_labels[i];
  return "unmatched";
}

void cadre_metrics_render(cadre_buf *b) {
  if (!area) {
    cadre_buf_puts(b, "# metrics not initialised\n");
    return;
  }
  cadre_buf_puts(b, "# HELP cadre_requests_total Requests by route and status.\n"
                    "# TYPE cadre_requests_total counter\n");
  for (int i = 0; i < area->nroutes; i++) {
    for (int s = 0; s < METRICS_NSTATUS; s++) {
      uint64_t v = atomic_load_explicit(&area->routes[i].by_status[s], memory_order_relaxed);
      if (!v)
        continue;
      if (tracked_status[s])
        cadre_buf_printf(b, "cadre_requests_total{route=\"%s\",status=\"%d\"} %llu\n", label_of(i),
                         tracked_status[s], (unsigned long long)v);
      else
        cadre_buf_printf(b, "cadre_requests_total{route=\"%s\",status=\"other\"} %llu\n", label_of(i),
                         (unsigned long long)v);
    }
  }
  cadre_buf_puts(b, "# HELP cadre_request_duration_ms Request latency in milliseconds.\n"
                    "# TYPE cadre_request_duration_ms histogram\n");
  for (int i = 0; i < area->nroutes; i++) {
    struct route_metrics *m = &area->routes[i];
    uint64_t count = atomic_load_explicit(&m->count, memory_order_relaxed);
    if (!count)
      continue;
    uint64_t cum = 0;
    for (int k = 0; k <= METRICS_NBUCKETS; k++) {
      cum += atomic_load_explicit(&m->buckets[k], memory_order_relaxed);
      if (k < METRICS_NBUCKETS)
        cadre_buf_printf(b, "cadre_request_duration_ms_bucket{route=\"%s\",le=\"%g\"} %llu\n", label_of(i),
                         bucket_ms[k], (unsigned long long)cum);
      else
        cadre_buf_printf(b, "cadre_request_duration_ms_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", label_of(i),
                         (unsigned long long)cum);
    }
    cadre_buf_printf(b, "cadre_request_duration_ms_sum{route=\"%s\"} %.3f\n", label_of(i),
                     (double)atomic_load_explicit(&m->sum_us, memory_order_relaxed) / 1000.0);
    cadre_buf_printf(b, "cadre_request_duration_ms_count{route=\"%s\"} %llu\n", label_of(i),
                     (unsigned long long)count);
  }
  render_batches(b);
  cadre_buf_puts(b, "# HELP cadre_connections_accepted_total FastCGI connections accepted, per worker"
                    " (kept ones serve many requests).\n"
                    "# TYPE cadre_connections_accepted_total counter\n");
  for (int w = 0; w < METRICS_MAX_WORKERS; w++) {
    if (!atomic_load_explicit(&area->workers[w].pid, memory_order_relaxed))
      continue;
    cadre_buf_printf(
        b, "cadre_connections_accepted_total{worker=\"%d\"} %llu\n", w,
        (unsigned long long)atomic_load_explicit(&area->workers[w].accepted, memory_order_relaxed));
  }
  cadre_buf_puts(b, "# HELP cadre_db_pool_in_use Database connections checked out, per worker.\n"
                    "# TYPE cadre_db_pool_in_use gauge\n");
  for (int w = 0; w < METRICS_MAX_WORKERS; w++) {
    int pid = atomic_load_explicit(&area->workers[w].pid, memory_order_relaxed);
    if (!pid)
      continue;
    cadre_buf_printf(b, "cadre_db_pool_in_use{worker=\"%d\"} %d\n", w,
                     atomic_load_explicit(&area->workers[w].pool_in_use, memory_order_relaxed));
  }
  cadre_buf_puts(b, "# HELP cadre_db_pool_size Database pool size, per worker.\n"
                    "# TYPE cadre_db_pool_size gauge\n");
  for (int w = 0; w < METRICS_MAX_WORKERS; w++) {
    int pid = atomic_load_explicit(&area->workers[w].pid, memory_order_relaxed);
    if (!pid)
      continue;
    cadre_buf_printf(b, "cadre_db_pool_size{worker=\"%d\"} %d\n", w,
                     atomic_load_explicit(&area->workers[w].pool_size, memory_order_relaxed));
  }
  cadre_buf_puts(b, "# HELP cadre_db_pool_timeouts_total Checkouts that gave up waiting (503).\n"
                    "# TYPE cadre_db_pool_timeouts_total counter\n");
  for (int w = 0; w < METRICS_MAX_WORKERS; w++) {
    int pid = atomic_load_explicit(&area->workers[w].pid, memory_order_relaxed);
    if (!pid)
      continue;
    cadre_buf_printf(
        b, "cadre_db_pool_timeouts_total{worker=\"%d\"} %llu\n", w,
        (unsigned long long)atomic_load_explicit(&area->workers[w].pool_timeouts, memory_order_relaxed));
  }
}
