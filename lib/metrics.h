/* Service-wide request metrics in shared memory (see lib/metrics.c). */
#ifndef CADRE_METRICS_H
#define CADRE_METRICS_H

#include <stdint.h>

#include "cadre/arena.h"

#define METRICS_NSTATUS 16
#define METRICS_NBUCKETS 12
#define METRICS_MAX_WORKERS 256

/* In the master, before forking: one slot per route (labels borrowed for
 * the life of the process) plus one for unmatched requests. */
int cadre_metrics_init(int nroutes, const char *const *labels);
void cadre_metrics_record(int route_id, int status, double ms);
void cadre_metrics_worker(int index, int pid, int pool_size, int in_use, uint64_t timeouts);
/* The pool gauges of worker `index` alone (the pool calls it under its own
 * lock whenever they change; relaxed stores, no lock of their own). */
void cadre_metrics_pool(int index, int pool_size, int in_use, uint64_t timeouts);
/* A combined unit of work (lib/batch.c) finished: its name, the items it
 * carried and how many of them it did. At most METRICS_MAX_BATCHES names. */
#define METRICS_MAX_BATCHES 8
void cadre_metrics_batch(const char *name, uint64_t carried, uint64_t done);
/* A connection accepted by worker `index` (with keep-alive, fewer than
 * requests). */
void cadre_metrics_accepted(int index);
void cadre_metrics_render(cadre_buf *b);

#endif
