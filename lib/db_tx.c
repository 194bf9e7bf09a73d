/*
 * Transactions with whole-unit retry. InnoDB answers a deadlock (1213) or a
 * lock wait timeout (1205) — and Galera a certification failure, reported
 * as 1213 — by rolling back; the only correct reaction is to run the whole
 * unit again, which is what this does, a bounded number of times with a
 * little random backoff so that the colliding transactions do not collide
 * again in lockstep.
 */
#include <errmsg.h>
#include <mysqld_error.h>
#include <sodium.h>
#include <time.h>

#include "cadre/db.h"
#include "db_pool.h"
#include "log.h"
#include "request_internal.h"

#define TX_MAX_ATTEMPTS 5

static bool retryable(unsigned err) { return err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT; }

static int simple(cadre_req *req, const char *sql) {
  /* Constant statements without parameters go through the same helper. */
  return cadre_db_exec(req, sql, CV_NONE) < 0 ? -1 : 0;
}

static void backoff(int attempt) {
  long ms = (long)(randombytes_uniform(5) + 1) * attempt;
  struct timespec ts = {.tv_sec = 0, .tv_nsec = ms * 1000000L};
  nanosleep(&ts, NULL);
}

/* After a failed attempt. A chained connection starts its next transaction
 * at once (its errno is kept: it decides whether to retry). */
static void roll_back(cadre_req *req) {
  if (!req->conn || req->conn->broken)
    return;
  if (req->tx_chained) {
    unsigned err = req->db_errno;
    if (simple(req, "ROLLBACK AND CHAIN") != 0)
      req->conn->broken = true;
    req->db_errno = err;
  } else if (mysql_rollback(req->conn->my) != 0) {
    req->conn->broken = true;
  }
}

int cadre_tx(cadre_req *req, cadre_tx_fn fn, void *ctx) {
  if (req->in_tx) /* nested: part of the caller's unit */
    return fn(req, ctx);
  for (int attempt = 1; attempt <= TX_MAX_ATTEMPTS; attempt++) {
    req->tx_attempt = attempt;
    req->tx_conflict = false;
    if (!req->tx_chained && simple(req, "START TRANSACTION") != 0)
      return cadre_db_fail(req);
    req->in_tx = true;
    int rc = fn(req, ctx);
    bool committed =
        rc == 0 && !req->tx_conflict && simple(req, req->tx_chained ? "COMMIT AND CHAIN" : "COMMIT") == 0;
    req->in_tx = false;
    if (committed)
      return 0;
    bool conflict = req->tx_conflict || retryable(req->db_errno);
    roll_back(req);
    if (!conflict) /* a business refusal, or a failure that retrying won't cure */
      return rc != 0 ? rc : cadre_db_fail(req);
    if (attempt == TX_MAX_ATTEMPTS)
      break;
    cadre_log(req, "info", "transaction retry %d after error %u", attempt, req->db_errno);
    cadre_req_discard_answer(req);
    req->db_errno = 0;
    backoff(attempt);
  }
  cadre_req_discard_answer(req);
  req->db_errno = ER_LOCK_DEADLOCK;
  return cadre_db_fail(req);
}

int cadre_tx_attempt(const cadre_req *req) { return req->tx_attempt; }
bool cadre_in_tx(const cadre_req *req) { return req->in_tx; }
