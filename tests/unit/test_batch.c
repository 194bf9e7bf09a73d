/* Unit tests of the request combiner (lib/batch.c) with real threads: every
 * item is finished exactly once, by a batch no larger than the limit, never
 * with more batches running than allowed, and concurrent submissions do get
 * combined; what the batch function leaves on the leader is discarded.
 * (Without a database server: the batch's own connection cannot be opened,
 * and the batch runs on the leader's request as it is.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <mysql.h>

#include "cadre/batch.h"
#include "request_internal.h"

#define THREADS 24
#define PER_THREAD 200
#define MAX_ITEMS 8

static int discard_sink(void *ctx, const void *data, size_t len) {
  (void)ctx;
  (void)data;
  (void)len;
  return 0;
}

struct payload {
  int thread, seq;
  int times_run; /* how many batches carried it */
};

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static int running_now, running_max;
static size_t largest, batches;

static void pause_briefly(void) {
  struct timespec ts = {0, 200000}; /* 0.2 ms: time for others to queue */
  nanosleep(&ts, NULL);
}

/* Marks every item; even-numbered items are done, odd ones "go alone". It
 * also leaves an answer on the leader, which the combiner must discard. */
static void run(cadre_req *leader, struct cadre_batch_item **items, size_t n) {
  pthread_mutex_lock(&stats_mu);
  running_now++;
  if (running_now > running_max)
    running_max = running_now;
  if (n > largest)
    largest = n;
  batches++;
  pthread_mutex_unlock(&stats_mu);
  pause_briefly();
  for (size_t i = 0; i < n; i++) {
    struct payload *p = items[i]->data;
    p->times_run++;
    items[i]->done = p->seq % 2 == 0;
  }
  cadre_fail(leader, 500, "x", "bỏ");
  pthread_mutex_lock(&stats_mu);
  running_now--;
  pthread_mutex_unlock(&stats_mu);
}

static cadre_batch one_at_a_time = CADRE_BATCH_INIT("test.one", run, MAX_ITEMS, 1);
static cadre_batch two_at_a_time = CADRE_BATCH_INIT("test.two", run, MAX_ITEMS, 2);

struct worker {
  int thread;
  cadre_batch *batch;
  struct payload items[PER_THREAD];
  int wrong_done, leftover_answers;
};

static void *submitter(void *arg) {
  struct worker *w = arg;
  struct cadre_config conf = {0};
  cadre_arena *a = cadre_arena_new(0);
  for (int i = 0; i < PER_THREAD; i++) {
    cadre_req req;
    cadre_arena_reset(a);
    cadre_req_init(&req, a, &conf, (struct cadre_sink){.write = discard_sink});
    w->items[i] = (struct payload){.thread = w->thread, .seq = i};
    struct cadre_batch_item it = {.data = &w->items[i]};
    cadre_batch_submit(w->batch, &req, &it);
    if (it.done != (i % 2 == 0))
      w->wrong_done++;
    if (req.ans.ready)
      w->leftover_answers++;
  }
  cadre_arena_free(a);
  return NULL;
}

static void run_threads(cadre_batch *b) {
  static struct worker workers[THREADS];
  pthread_t t[THREADS];
  running_now = running_max = 0;
  largest = batches = 0;
  for (int i = 0; i < THREADS; i++) {
    memset(&workers[i], 0, sizeof workers[i]);
    workers[i].thread = i;
    workers[i].batch = b;
    assert_int_equal(pthread_create(&t[i], NULL, submitter, &workers[i]), 0);
  }
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < THREADS; i++) {
    assert_int_equal(workers[i].wrong_done, 0);
    assert_int_equal(workers[i].leftover_answers, 0);
    for (int k = 0; k < PER_THREAD; k++)
      assert_int_equal(workers[i].items[k].times_run, 1);
  }
}

static void test_each_item_once_in_batches_within_limits(void **state) {
  (void)state;
  run_threads(&one_at_a_time);
  assert_int_equal(running_max, 1);
  assert_true(largest <= MAX_ITEMS);
  /* 24 threads submitting while each batch sleeps: they were combined */
  assert_true(batches < (size_t)THREADS * PER_THREAD / 2);
  assert_true(largest > 1);
}

static void test_two_batches_may_run_at_once_but_never_three(void **state) {
  (void)state;
  run_threads(&two_at_a_time);
  assert_true(running_max <= 2);
  assert_true(largest <= MAX_ITEMS);
}

static void test_a_lone_request_runs_its_own_batch_at_once(void **state) {
  (void)state;
  struct worker w = {.thread = 0, .batch = &one_at_a_time};
  batches = 0;
  largest = 0;
  submitter(&w);
  assert_int_equal(batches, PER_THREAD);
  assert_int_equal(largest, 1);
  assert_int_equal(w.wrong_done, 0);
}

int main(void) {
  /* The combiner opens a connection per running batch; there is no server
   * here, so every batch runs on the leader's own (absent) one. */
  mysql_library_init(0, NULL, NULL);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_item_once_in_batches_within_limits),
      cmocka_unit_test(test_two_batches_may_run_at_once_but_never_three),
      cmocka_unit_test(test_a_lone_request_runs_its_own_batch_at_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
