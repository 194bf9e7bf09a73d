/* Combining concurrent requests into one unit of work (include/cadre/batch.h).
 *
 * One mutex per batch and one condition variable per waiting item: a
 * finished batch wakes exactly its items, and the item at the head of the
 * queue to lead the next one. (A shared condition variable woke every
 * waiting thread of the worker at every batch, to find most of them still
 * waiting — on a virtual machine each of those wake-ups is a costly
 * context switch.) */
#include "cadre/batch.h"

#include "db_pool.h"
#include "log.h"
#include "metrics.h"
#include "request_internal.h"

enum { QUEUED, RUNNING, FINISHED };

/* Takes up to max_items queued items, in arrival order. */
static size_t take(cadre_batch *b, struct cadre_batch_item **out) {
  size_t n = 0;
  while (b->head && n < b->max_items) {
    struct cadre_batch_item *it = b->head;
    b->head = it->next;
    if (!b->head)
      b->tail = NULL;
    it->state = RUNNING;
    out[n++] = it;
  }
  return n;
}

static void lead(cadre_batch *b, cadre_req *req, struct cadre_batch_item **taken) {
  size_t n = take(b, taken);
  b->running++;
  pthread_mutex_unlock(&b->mu);

  b->fn(req, taken, n);
  /* The batch answered nobody: its refusals and failures are decided again
   * by each item's own request. */
  cadre_req_discard_answer(req);
  req->db_errno = 0;

  size_t done = 0;
  for (size_t i = 0; i < n; i++)
    done += taken[i]->done;
  cadre_metrics_batch(b->name, n, done);

  pthread_mutex_lock(&b->mu);
  for (size_t i = 0; i < n; i++) {
    taken[i]->state = FINISHED;
    pthread_cond_signal(&taken[i]->wake);
  }
  b->running--;
  if (b->head) /* the next leader */
    pthread_cond_signal(&b->head->wake);
}

void cadre_batch_submit(cadre_batch *b, cadre_req *req, struct cadre_batch_item *item) {
  item->req = req;
  item->done = false;
  item->next = NULL;
  item->state = QUEUED;
  struct cadre_batch_item **taken = cadre_arena_alloc(req->arena, b->max_items * sizeof *taken);
  if (!taken || pthread_cond_init(&item->wake, NULL) != 0)
    return; /* not done: the request runs its work alone */

  pthread_mutex_lock(&b->mu);
  if (b->max_running > CADRE_BATCH_MAX_RUNNING)
    b->max_running = CADRE_BATCH_MAX_RUNNING;
  if (b->tail)
    b->tail->next = item;
  else
    b->head = item;
  b->tail = item;
  while (item->state != FINISHED) {
    if (item->state == QUEUED && b->running < b->max_running)
      lead(b, req, taken); /* may carry other items only; then loop */
    else
      pthread_cond_wait(&item->wake, &b->mu);
  }
  pthread_mutex_unlock(&b->mu);
  pthread_cond_destroy(&item->wake);
}
