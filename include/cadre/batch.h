/*
 * Combining concurrent requests into one unit of database work — group
 * commit done by the application. A request that wants its small write
 * combined hands an item to a batch and waits; whichever waiting request
 * finds no batch running (or fewer than the limit) becomes the leader: it
 * takes the queued items, up to max_items, runs the batch function on its
 * own request and connection, and wakes the others. No timer: items
 * accumulate exactly while the previous batch is in the database, so an
 * idle server runs batches of one and a loaded one amortises statements
 * and the commit over many.
 *
 * Each running batch has a connection of its own, kept open between
 * batches and always inside a transaction: cadre_tx on it sends no START
 * and commits with COMMIT AND CHAIN, which saves one round trip per batch.
 * The batch function must therefore do its database work inside cadre_tx.
 * When that connection cannot be had, the leader's own pooled one is used.
 *
 * The batch function decides, per item, whether its work was done
 * (item->done) or must be run alone by its own request afterwards
 * (anything it cannot decide for the whole batch: a conflict, a full
 * site, a failure). Whatever answer the function left on the leader's
 * request is discarded; the leader answers for its own item like any
 * other. Items and everything they point to belong to the waiting
 * requests, which stay blocked until their item is finished.
 *
 * A batch is declared statically, once per process:
 *   static cadre_batch b = CADRE_BATCH_INIT("course.registration", run, 64, 1);
 * The name labels its counters in /api/core/metrics (cadre_batch_*_total:
 * runs, items carried, items done — carried / runs is the mean size).
 */
#ifndef CADRE_BATCH_H
#define CADRE_BATCH_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cadre/plugin.h"

struct cadre_batch_item {
  void *data; /* the plugin's own input and output */
  bool done;  /* set by the batch function: the work is committed */
  /* private */
  cadre_req *req;
  int state;
  pthread_cond_t wake; /* its request sleeps here: woken alone, not in a herd */
  struct cadre_batch_item *next;
};

typedef void (*cadre_batch_fn)(cadre_req *leader, struct cadre_batch_item **items, size_t n);

#define CADRE_BATCH_MAX_RUNNING 4

typedef struct cadre_batch {
  /* private: use CADRE_BATCH_INIT */
  pthread_mutex_t mu;
  /* a connection per running batch, kept inside a chained transaction */
  struct cadre_conn *conns[CADRE_BATCH_MAX_RUNNING];
  unsigned conns_busy;    /* bit i: conns[i] taken by a running batch */
  time_t conns_failed_at; /* the last failed connect: retried a second later */
  struct cadre_batch_item *head, *tail;
  unsigned running, max_running;
  size_t max_items;
  cadre_batch_fn fn;
  const char *name;
} cadre_batch;

#define CADRE_BATCH_INIT(name_, fn_, max_items_, max_running_)                                               \
  {                                                                                                          \
    .mu = PTHREAD_MUTEX_INITIALIZER, .name = (name_), .max_running = (max_running_),                         \
    .max_items = (max_items_), .fn = (fn_)                                                                   \
  }

/* Queues the item and returns once a batch has finished it (item->done
 * tells whether its work was done). The caller's request may be the one
 * that runs the batch. */
void cadre_batch_submit(cadre_batch *b, cadre_req *req, struct cadre_batch_item *item);

#endif
