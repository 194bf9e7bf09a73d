/*
 * Outbox delivery: `cadre-admin outbox run [--loop]`.
 *
 * A message is claimed with a conditional UPDATE (pending and due, or a
 * claim whose lock expired), so two runners never send the same message at
 * the same time. A delivered message is marked sent; a failed one is
 * retried with exponential backoff up to [outbox] max_attempts, then marked
 * dead. If the process dies between delivering and marking, the claim
 * expires and the message is delivered again: receivers get the same
 * Message-ID / Idempotency-Key both times and can drop the repeat.
 *
 * Times come from the request clock, so tests can move time forward with
 * --now instead of sleeping through backoffs.
 */
#include "outbox_delivery.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cadre/db.h"
#include "clock.h"
#include "log.h"
#include "registry.h"

#define CLAIM_SECONDS 120

struct upload {
  const char *data;
  size_t len, off;
};

static size_t read_cb(char *buf, size_t size, size_t n, void *ctx) {
  struct upload *u = ctx;
  size_t room = size * n, left = u->len - u->off;
  size_t k = left < room ? left : room;
  memcpy(buf, u->data + u->off, k);
  u->off += k;
  return k;
}

static size_t collect_cb(char *data, size_t size, size_t n, void *ctx) {
  cadre_buf *b = ctx;
  if (b->len + size * n > (1u << 20))
    return 0; /* an answer over 1 MiB is not a webhook answer */
  cadre_buf_append(b, data, size * n);
  return size * n;
}

/* "=?UTF-8?B?…?=" so Vietnamese subjects survive every mail server. */
static const char *encode_subject(cadre_req *req, const char *s) {
  size_t len = strlen(s);
  size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
  char *b64 = cadre_arena_alloc(req->arena, cap);
  sodium_bin2base64(b64, cap, (const unsigned char *)s, len, sodium_base64_VARIANT_ORIGINAL);
  return cadre_printf(req, "=?UTF-8?B?%s?=", b64);
}

/* Body as base64 lines of 76 characters (RFC 2045). */
static const char *encode_body(cadre_req *req, const char *s) {
  size_t len = strlen(s);
  size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
  char *b64 = cadre_arena_alloc(req->arena, cap);
  sodium_bin2base64(b64, cap, (const unsigned char *)s, len, sodium_base64_VARIANT_ORIGINAL);
  cadre_buf out;
  cadre_buf_init(&out, req->arena);
  size_t n = strlen(b64);
  for (size_t i = 0; i < n; i += 76) {
    cadre_buf_append(&out, b64 + i, n - i < 76 ? n - i : 76);
    cadre_buf_puts(&out, "\r\n");
  }
  return out.data;
}

static int send_email(cadre_req *req, int64_t id, const char *to, const char *subject, const char *body,
                      char *err, size_t errlen) {
  const struct cadre_config *c = req->conf;
  if (!c->smtp_url[0]) {
    snprintf(err, errlen, "[outbox] smtp_url is not configured");
    return -1;
  }
  char host[256];
  if (gethostname(host, sizeof(host)) != 0)
    snprintf(host, sizeof(host), "cadre");
  host[sizeof(host) - 1] = '\0';
  char date[64];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
  const char *msg = cadre_printf(req,
                                 "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n"
                                 "Message-ID: <outbox-%" PRId64 "@%s>\r\nMIME-Version: 1.0\r\n"
                                 "Content-Type: text/plain; charset=UTF-8\r\n"
                                 "Content-Transfer-Encoding: base64\r\n\r\n%s",
                                 date, c->smtp_from, to, encode_subject(req, subject ? subject : ""), id,
                                 host, encode_body(req, body ? body : ""));
  CURL *h = curl_easy_init();
  if (!h) {
    snprintf(err, errlen, "curl init failed");
    return -1;
  }
  struct upload up = {.data = msg, .len = strlen(msg)};
  struct curl_slist *rcpt = curl_slist_append(NULL, to);
  curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->outbox_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, c->smtp_from);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  if (c->smtp_user[0]) {
    curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
    curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password);
    curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  }
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK)
    snprintf(err, errlen, "smtp: %s", curl_easy_strerror(rc));
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

static int post_webhook(cadre_req *req, int64_t id, const char *target, const char *body, cadre_buf *answer,
                        char *err, size_t errlen) {
  const char *url = cadre_config_get(req->conf, "webhooks", target);
  if (!url || !*url) {
    snprintf(err, errlen, "[webhooks] %s is not configured", target);
    return -1;
  }
  CURL *h = curl_easy_init();
  if (!h) {
    snprintf(err, errlen, "curl init failed");
    return -1;
  }
  struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
  hdr = curl_slist_append(hdr, cadre_printf(req, "Idempotency-Key: cadre-outbox-%" PRId64, id));
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)req->conf->outbox_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect_cb);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, answer);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(hdr);
  curl_easy_cleanup(h);
  if (rc != CURLE_OK) {
    snprintf(err, errlen, "webhook: %s", curl_easy_strerror(rc));
    return -1;
  }
  if (status < 200 || status > 299) {
    snprintf(err, errlen, "webhook answered HTTP %ld", status);
    return -1;
  }
  return 0;
}

struct reply_ctx {
  int64_t id;
  const char *module, *kind;
  int64_t ref;
  json_t *answer;
  const char *answer_text;
};

static int mark_sent(cadre_req *req, int64_t id, const char *answer) {
  return cadre_db_exec(
             req,
             "UPDATE outbox SET status = 'sent', sent_at = ?, locked_until = NULL, last_error = NULL,"
             " answer = ? WHERE id = ?",
             CV_ARGS(CV_STR(req->now_text), CV_STR(answer), CV_INT(id))) == 1
             ? 0
             : -1;
}

/* The module's reply hook and the "sent" mark commit together. */
static int apply_reply(cadre_req *req, void *arg) {
  struct reply_ctx *r = arg;
  const struct cadre_registered *p = cadre_registry_find(r->module);
  if (p && p->desc->outbox_reply) {
    const struct cadre_plugin *saved = req->plugin;
    req->plugin = p->desc;
    int rc = p->desc->outbox_reply(req, r->kind, r->ref, r->answer);
    req->plugin = saved;
    if (rc != 0)
      return rc;
  }
  return mark_sent(req, r->id, r->answer_text) == 0 ? 0 : 500;
}

static void mark_failed(cadre_req *req, int64_t id, int attempts, const char *err) {
  const struct cadre_config *c = req->conf;
  if (attempts >= c->outbox_max_attempts) {
    cadre_db_exec(req, "UPDATE outbox SET status = 'dead', locked_until = NULL, last_error = ? WHERE id = ?",
                  CV_ARGS(CV_STR(cadre_printf(req, "%.900s", err)), CV_INT(id)));
    cadre_logf("error", "outbox %" PRId64 " given up after %d attempts: %s", id, attempts, err);
    return;
  }
  long delay = (long)c->outbox_backoff_seconds << (attempts > 10 ? 10 : attempts - 1);
  char when[20];
  cadre_clock_format(req->now + delay, when);
  cadre_db_exec(
      req,
      "UPDATE outbox SET status = 'pending', locked_until = NULL, next_attempt_at = ?, last_error = ?"
      " WHERE id = ?",
      CV_ARGS(CV_STR(when), CV_STR(cadre_printf(req, "%.900s", err)), CV_INT(id)));
  cadre_logf("warn", "outbox %" PRId64 " attempt %d failed, next at %s: %s", id, attempts, when, err);
}

/* Claims a message: returns its attempt count, or 0 when someone else has it. */
static int claim(cadre_req *req, int64_t id) {
  char until[20];
  cadre_clock_format(req->now + CLAIM_SECONDS, until);
  int64_t n = cadre_db_exec(req,
                            "UPDATE outbox SET status = 'sending', locked_until = ?, attempts = attempts + 1"
                            " WHERE id = ? AND ((status = 'pending' AND next_attempt_at <= ?)"
                            " OR (status = 'sending' AND locked_until < ?))",
                            CV_ARGS(CV_STR(until), CV_INT(id), CV_STR(req->now_text), CV_STR(req->now_text)));
  if (n != 1)
    return 0;
  int64_t attempts = 0;
  cadre_db_int(req, &attempts, "SELECT attempts FROM outbox WHERE id = ?", CV_ARGS(CV_INT(id)));
  return (int)attempts;
}

static void deliver(cadre_req *req, json_t *m) {
  int64_t id = json_integer_value(json_object_get(m, "id"));
  int attempts = claim(req, id);
  if (!attempts)
    return;
  const char *kind = json_string_value(json_object_get(m, "kind"));
  const char *recipient = json_string_value(json_object_get(m, "recipient"));
  const char *body = json_string_value(json_object_get(m, "body"));
  char err[512] = "";
  cadre_buf answer;
  cadre_buf_init(&answer, req->arena);
  int rc;
  if (strcmp(kind, "email") == 0)
    rc = send_email(req, id, recipient, json_string_value(json_object_get(m, "subject")), body, err,
                    sizeof(err));
  else
    rc = post_webhook(req, id, recipient, body ? body : "{}", &answer, err, sizeof(err));
  if (rc != 0) {
    mark_failed(req, id, attempts, err);
    return;
  }
  const char *reply_kind = json_string_value(json_object_get(m, "reply_kind"));
  if (!reply_kind) {
    mark_sent(req, id, answer.len ? answer.data : NULL);
    cadre_logf("info", "outbox %" PRId64 " %s delivered", id, kind);
    return;
  }
  json_t *parsed = json_loadb(answer.data ? answer.data : "", answer.len, 0, NULL);
  if (!parsed) {
    mark_failed(req, id, attempts, "webhook answer is not JSON");
    return;
  }
  struct reply_ctx r = {.id = id,
                        .module = json_string_value(json_object_get(m, "module")),
                        .kind = reply_kind,
                        .ref = json_integer_value(json_object_get(m, "reply_ref")),
                        .answer = parsed,
                        .answer_text = answer.data};
  int st = cadre_tx(req, apply_reply, &r);
  json_decref(parsed);
  if (st != 0)
    mark_failed(req, id, attempts, "the module could not store the webhook answer");
  else
    cadre_logf("info", "outbox %" PRId64 " webhook delivered, answer stored", id);
}

int cadre_outbox_pass(cadre_req *req) {
  json_t *due =
      cadre_db_rows(req,
                    "SELECT id, kind, module, recipient, subject, body, reply_kind, reply_ref FROM outbox"
                    " WHERE (status = 'pending' AND next_attempt_at <= ?)"
                    " OR (status = 'sending' AND locked_until < ?) ORDER BY id LIMIT 50",
                    CV_ARGS(CV_STR(req->now_text), CV_STR(req->now_text)));
  if (!due)
    return -1;
  size_t i;
  json_t *m;
  json_array_foreach(due, i, m) deliver(req, m);
  return (int)json_array_size(due);
}
