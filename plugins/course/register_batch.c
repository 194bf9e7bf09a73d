/* Public registrations combined into one transaction (include/cadre/batch.h).
 *
 * At the opening of a national course thousands of people press "Đăng ký"
 * in the same minute. Alone, each registration is five statements and a
 * durable commit; combined, a batch of them is four round trips and one
 * commit whatever its size, on the batch's own connection kept inside a
 * chained transaction (lib/batch.c):
 *
 *   UPDATE   every named point's seat counter, by k seats at once
 *   INSERT   the registrations (INSERT IGNORE … SELECT FROM JSON_TABLE …
 *            RETURNING id, ticket: who is already registered, or replays a
 *            token, is skipped, not an error)
 *   INSERT   their audit rows (cadre_audit_many)
 *   [INSERT  a confirmation e-mail per address given]
 *   COMMIT AND CHAIN
 *
 * The batch only ever does the common case: new people at points with
 * seats left, in an open window, as the worker remembers them. Anything
 * else leaves the item not done, and its request then registers alone
 * (register.c), which decides and words the refusal: a person already
 * registered or twice in the batch (the seat taken for a skipped row is
 * given back in the same transaction), a point that changed, is full or
 * would be overfilled by the batch, any failure. A point's seats are taken
 * all or none: when one point cannot take its k, the whole batch rolls
 * back and every item goes alone, so nothing is ever oversold and no
 * refusal is decided here.
 *
 * IGNORE downgrades more than duplicate keys (a too-long text would be cut,
 * a bad category emptied), which is why only items whose every field the
 * route has already validated against the columns' limits come here, and
 * why an item the RETURNING does not name is never taken as done. The rows
 * travel as one JSON array, so no statement's text depends on the batch. */
#include "course.h"

#include <string.h>

#include "cadre/batch.h"

#define ITEM_COLUMNS                                                                                         \
  "COLUMNS(i INT PATH '$.i', c BIGINT PATH '$.c', bp BIGINT PATH '$.bp',"                                    \
  " prov BIGINT PATH '$.prov', cccd VARCHAR(12) CHARACTER SET ascii PATH '$.cccd',"                          \
  " n VARCHAR(200) CHARACTER SET utf8mb4 PATH '$.n',"                                                        \
  " p VARCHAR(200) CHARACTER SET utf8mb4 PATH '$.p',"                                                        \
  " u VARCHAR(255) CHARACTER SET utf8mb4 PATH '$.u',"                                                        \
  " ph VARCHAR(20) CHARACTER SET ascii PATH '$.ph',"                                                         \
  " e VARCHAR(254) CHARACTER SET utf8mb4 PATH '$.e', cat VARCHAR(20) PATH '$.cat',"                          \
  " idem VARCHAR(64) CHARACTER SET ascii PATH '$.idem',"                                                     \
  " t VARCHAR(10) CHARACTER SET ascii PATH '$.t', now VARCHAR(19) PATH '$.now')) j"

/* As register.c's SEAT_IF_UNCHANGED, k seats per point; the JSON drives the
 * join so that only the named points are read and locked. A point named
 * twice (two moments) is updated once, so the row count tells. */
#define SEATS                                                                                                \
  "UPDATE JSON_TABLE(?, '$[*]' COLUMNS(bp BIGINT PATH '$.bp', v BIGINT PATH '$.v',"                          \
  " k INT PATH '$.k', now VARCHAR(19) PATH '$.now',"                                                         \
  " t VARCHAR(500) CHARACTER SET utf8mb4 PATH '$.t')) j"                                                     \
  " STRAIGHT_JOIN course_bridge_point bp ON bp.id = j.bp"                                                    \
  " STRAIGHT_JOIN course_course c ON c.id = bp.course_id"                                                    \
  " SET bp.registered = bp.registered + j.k"                                                                 \
  " WHERE bp.version = j.v AND bp.status = 'approved'"                                                       \
  " AND bp.registered + j.k <= bp.seats AND c.status = 'open'"                                               \
  " AND c.reg_opens_at <= j.now AND c.reg_closes_at >= j.now AND c.title = BINARY j.t"

#define INSERT_ALL                                                                                           \
  "INSERT IGNORE INTO course_registration (course_id, bridge_point_id, province_id, cccd,"                   \
  " full_name, position, unit_name, phone, email, category, source, idem_key, ticket,"                       \
  " created_at, updated_at)"                                                                                 \
  " SELECT j.c, j.bp, j.prov, j.cccd, j.n, j.p, j.u, j.ph, j.e, j.cat, 'self', j.idem, j.t,"                 \
  " j.now, j.now FROM JSON_TABLE(?, '$[*]' " ITEM_COLUMNS " RETURNING id, ticket"

/* A seat taken for a row the INSERT skipped, given back. */
#define SEAT_BACK "UPDATE course_bridge_point SET registered = registered - 1 WHERE id = ?"

struct run {
  struct cadre_batch_item **items;
  size_t n;
  bool *twice; /* a person (or ticket) already earlier in the batch: alone */
  bool *alone; /* this attempt's verdict */
};

static struct course_reg_item *item(const struct run *run, size_t i) { return run->items[i]->data; }

static bool same_person(const struct course_reg_item *a, const struct course_reg_item *b) {
  if (a->course_id != b->course_id)
    return false;
  return strcmp(a->cccd, b->cccd) == 0 || strcmp(a->ticket, b->ticket) == 0 ||
         (a->idem && b->idem && strcmp(a->idem, b->idem) == 0);
}

static int set_str(json_t *o, const char *k, const char *v) {
  return v ? json_object_set_new(o, k, json_string(v)) : 0;
}

static json_t *item_json(size_t i, const struct course_reg_item *it) {
  json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "i", (json_int_t)i, "c",
                        (json_int_t)it->course_id, "bp", (json_int_t)it->bp_id, "cccd", it->cccd, "n",
                        it->full_name, "p", it->position, "u", it->unit, "ph", it->phone, "cat", it->category,
                        "t", it->ticket, "now", it->now);
  if (!o)
    return NULL;
  int bad = set_str(o, "e", it->email) | set_str(o, "idem", it->idem);
  if (it->province_id > 0)
    bad |= json_object_set_new(o, "prov", json_integer(it->province_id));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* The items still in the batch, as JSON text in the leader's arena; *count
 * gets their number. */
static const char *items_text(cadre_req *req, const struct run *run, size_t *count) {
  json_t *all = cadre_keep(req, json_array());
  *count = 0;
  for (size_t i = 0; all && i < run->n; i++) {
    if (run->alone[i])
      continue;
    json_t *o = item_json(i, item(run, i));
    if (!o || json_array_append_new(all, o) != 0)
      return NULL;
    ++*count;
  }
  return all ? cadre_json_text(req, all) : NULL;
}

/* Seats per (point, moment): [{bp, v, t, now, k}]; *groups gets the count. */
static const char *seats_text(cadre_req *req, const struct run *run, size_t *groups) {
  json_t *all = cadre_keep(req, json_array());
  *groups = 0;
  for (size_t i = 0; all && i < run->n; i++) {
    if (run->alone[i])
      continue;
    const struct course_reg_item *it = item(run, i);
    json_t *g = NULL;
    size_t k;
    json_t *each;
    json_array_foreach(all, k, each) {
      if (cadre_jint(each, "bp", -1) == it->bp_id && strcmp(cadre_jstr(each, "now"), it->now) == 0) {
        g = each;
        break;
      }
    }
    if (g) {
      json_object_set_new(g, "k", json_integer(cadre_jint(g, "k", 0) + 1));
      continue;
    }
    g = json_pack("{s:I,s:I,s:s,s:s,s:i}", "bp", (json_int_t)it->bp_id, "v", (json_int_t)it->version, "t",
                  it->course_title, "now", it->now, "k", 1);
    if (!g || json_array_append_new(all, g) != 0)
      return NULL;
    ++*groups;
  }
  return all ? cadre_json_text(req, all) : NULL;
}

/* A row the INSERT wrote: its ticket names the item. */
static int take_id(cadre_req *req, json_t *row, void *ctx) {
  (void)req;
  struct run *run = ctx;
  const char *ticket = cadre_jstr(row, "ticket");
  for (size_t i = 0; ticket && i < run->n; i++)
    if (!run->alone[i] && strcmp(item(run, i)->ticket, ticket) == 0)
      item(run, i)->id = cadre_jint(row, "id", 0);
  return 0;
}

/* Items the INSERT skipped (already registered, a replayed token) go alone;
 * the seats taken for them are given back. */
static int give_back_skipped(cadre_req *req, const struct run *run, size_t *count) {
  for (size_t i = 0; i < run->n; i++) {
    struct course_reg_item *it = item(run, i);
    if (run->alone[i] || it->id > 0)
      continue;
    run->alone[i] = true;
    --*count;
    if (cadre_db_exec(req, SEAT_BACK, CV_ARGS(CV_INT(it->bp_id))) != 1)
      return -1;
  }
  return 0;
}

static int audit_and_mail(cadre_req *req, const struct run *run, size_t count) {
  if (count == 0) /* everyone was already registered: nothing to record */
    return 0;
  struct cadre_audit_row *rows = cadre_arena_alloc(cadre_arena_of(req), count * sizeof *rows);
  if (!rows)
    return -1;
  size_t m = 0;
  for (size_t i = 0; i < run->n; i++) {
    if (run->alone[i])
      continue;
    struct course_reg_item *it = item(run, i);
    rows[m++] = (struct cadre_audit_row){.req = run->items[i]->req, .entity_id = it->id, .after = it->after};
    if (it->email && cadre_outbox_email(req, it->email, it->mail_subject, it->mail_text,
                                        cadre_printf(req, "course-reg-%lld", (long long)it->id)) < 0)
      return -1;
  }
  return cadre_audit_many(req, "course.registration", "create", rows, m);
}

static int batch_tx(cadre_req *req, void *ctx) {
  struct run *run = ctx;
  for (size_t i = 0; i < run->n; i++) {
    run->alone[i] = run->twice[i];
    item(run, i)->id = 0;
  }
  size_t count, groups;
  const char *seats = seats_text(req, run, &groups);
  if (!seats)
    return -1;
  if (groups == 0)
    return 0;
  if (cadre_db_exec(req, SEATS, CV_ARGS(CV_STR(seats))) != (int64_t)groups)
    return -1; /* a point changed, closed or lacks seats: everyone alone */
  const char *text = items_text(req, run, &count);
  if (!text || cadre_db_each(req, INSERT_ALL, CV_ARGS(CV_STR(text)), take_id, run) < 0 ||
      give_back_skipped(req, run, &count) != 0)
    return -1;
  return audit_and_mail(req, run, count);
}

static void run_batch(cadre_req *leader, struct cadre_batch_item **items, size_t n) {
  cadre_arena *a = cadre_arena_of(leader);
  struct run run = {.items = items,
                    .n = n,
                    .twice = cadre_arena_alloc(a, n * sizeof(bool)),
                    .alone = cadre_arena_alloc(a, n * sizeof(bool))};
  if (!run.twice || !run.alone)
    return;
  for (size_t i = 0; i < n; i++) {
    run.twice[i] = false;
    for (size_t j = 0; j < i && !run.twice[i]; j++)
      run.twice[i] = same_person(item(&run, i), item(&run, j));
  }
  if (cadre_tx(leader, batch_tx, &run) != 0) {
    /* Expected when a point is full or changed; anything else is worth a look. */
    cadre_log(leader, "info", "registration batch of %zu not done (database error %u): each alone", n,
              cadre_db_errno(leader));
    return;
  }
  for (size_t i = 0; i < n; i++)
    items[i]->done = !run.alone[i];
}

/* One batch running per worker process at a time: items queue while it is
 * in the database, which is what makes the next one large. */
static cadre_batch registrations = CADRE_BATCH_INIT("course.registration", run_batch, 64, 1);

bool course_register_batched(cadre_req *req, struct course_reg_item *it) {
  struct cadre_batch_item b = {.data = it};
  cadre_batch_submit(&registrations, req, &b);
  return b.done && it->id > 0;
}
