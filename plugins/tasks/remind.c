/*
 * `cadre-admin tasks remind --date YYYY-MM-DD` (daily, from cron): chasing.
 *
 * For every open task, schedule.c says which reminders fall on the day
 * (T-30, T-7, T-0, T+1 to the lead unit; every 7 days while overdue, an
 * escalation to the supervising unit). Each (task, person, day) is recorded
 * once in tasks_reminder (a unique key), and each person gets one digest
 * through the outbox listing their new reminders, sorted by due date. A
 * second run on the same day sends nothing; a person with nothing due gets
 * nothing. Tasks due with nobody to tell are listed on stdout so an admin
 * can name focal persons.
 */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

typedef struct remind_ctx {
  cadre_date day;
  char day_iso[11], day_vn[11];
  bool dry_run;
  /* per attempt */
  json_t *digests; /* user id → {email, name, items: [...]} */
  json_t *nobody;  /* tasks due with no recipient */
  int reminders, sent;
  json_int_t order; /* tasks come in the programme's order */
} remind_ctx;

static const char *kind_heading(enum tasks_remind_kind k) {
  switch (k) {
  case TASKS_R_ESCALATION: return "Quá hạn, đề nghị đơn vị đôn đốc";
  case TASKS_R_T_PLUS_1: return "Đã quá hạn 1 ngày";
  case TASKS_R_T_0: return "Đến hạn hôm nay";
  case TASKS_R_T_MINUS_7: return "Còn 7 ngày đến hạn";
  case TASKS_R_T_MINUS_30: return "Còn 30 ngày đến hạn";
  }
  return "";
}

static int add_item(cadre_req *req, remind_ctx *c, json_t *task, json_t *person,
                    const tasks_remind_event *ev) {
  int64_t uid = cadre_jint(person, "user_id", 0);
  int64_t task_id = cadre_jint(task, "id", 0);
  char due[11];
  cadre_date_iso(ev->due, due);
  int64_t n = cadre_db_exec(req,
                            "INSERT IGNORE INTO tasks_reminder (task_id, user_id, remind_on, kind, due_ref)"
                            " VALUES (?, ?, ?, ?, ?)",
                            CV_ARGS(CV_INT(task_id), CV_INT(uid), CV_STR(c->day_iso),
                                    CV_STR(tasks_remind_code(ev->kind)), CV_STR(due)));
  if (n < 0)
    return -1;
  if (n == 0)
    return 0; /* already reminded about this task today */
  c->reminders++;
  const char *key = cadre_printf(req, "%lld", (long long)uid);
  json_t *d = json_object_get(c->digests, key);
  if (!d) {
    d = json_pack("{s:I, s:O, s:O, s:[]}", "user_id", (json_int_t)uid, "email",
                  json_object_get(person, "email"), "name", json_object_get(person, "full_name"), "items");
    json_object_set_new(c->digests, key, d);
  }
  const char *lead = cadre_jstr(task, "lead_text");
  if (!lead || !*lead)
    lead = cadre_jstr(task, "group_lead");
  json_array_append_new(json_object_get(d, "items"),
                        json_pack("{s:I, s:I, s:s, s:i, s:s, s:O, s:O, s:O, s:O, s:s?, s:O}", "task_id",
                                  (json_int_t)task_id, "order", (json_int_t)c->order++, "due", due, "kind",
                                  (int)ev->kind, "code", tasks_remind_code(ev->kind), "part",
                                  json_object_get(task, "part"), "number",
                                  json_object_get(task, "number_text"), "name", json_object_get(task, "name"),
                                  "deadline_text", json_object_get(task, "deadline_text"), "lead", lead,
                                  "status", json_object_get(task, "status")));
  return 0;
}

/* Items sorted by due date, then kind (most urgent first), then the
 * programme's order, so a digest always reads the same. */
static int by_due(const void *x, const void *y) {
  json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
  int c = strcmp(cadre_jstr(a, "due"), cadre_jstr(b, "due"));
  if (c)
    return c;
  json_int_t ka = cadre_jint(a, "kind", 0);
  json_int_t kb = cadre_jint(b, "kind", 0);
  if (ka != kb)
    return ka > kb ? -1 : 1;
  json_int_t ia = cadre_jint(a, "order", 0);
  json_int_t ib = cadre_jint(b, "order", 0);
  return (ia > ib) - (ia < ib);
}

static const char *digest_body(cadre_req *req, remind_ctx *c, json_t *d, json_t **sorted, size_t n) {
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(req));
  cadre_buf_printf(&b, "Kính gửi %s,\n\nNgày %s, các nhiệm vụ sau cần được quan tâm:\n",
                   cadre_jstr(d, "name"), c->day_vn);
  for (int kind = TASKS_R_ESCALATION; kind >= TASKS_R_T_MINUS_30; kind--) {
    bool heading = false;
    for (size_t i = 0; i < n; i++) {
      json_t *it = sorted[i];
      if (cadre_jint(it, "kind", 0) != kind)
        continue;
      if (!heading) {
        cadre_buf_printf(&b, "\n%s:\n", kind_heading((enum tasks_remind_kind)kind));
        heading = true;
      }
      cadre_date due;
      char vn[11];
      cadre_date_parse(cadre_jstr(it, "due"), &due);
      cadre_date_vn(due, vn);
      enum tasks_status st;
      (void)tasks_status_from_code(cadre_jstr(it, "status"), &st);
      cadre_buf_printf(&b,
                       "- [%s.%s] %s\n  Hạn: %s (%s). Chủ trì: %s. Trạng thái: %s.\n"
                       "  Xem: /tasks/task.html?id=%lld\n",
                       cadre_jstr(it, "part"), cadre_jstr(it, "number"),
                       tasks_clip(cadre_arena_of(req), cadre_jstr(it, "name"), 300), vn,
                       cadre_jstr(it, "deadline_text"), cadre_jstr(it, "lead") ? cadre_jstr(it, "lead") : "",
                       tasks_status_label(st), (long long)cadre_jint(it, "task_id", 0));
    }
  }
  cadre_buf_puts(&b, "\nĐây là thư tự động của hệ thống theo dõi, đôn đốc nhiệm vụ.\n");
  return b.data;
}

static int send_digests(cadre_req *req, remind_ctx *c) {
  const char *key;
  json_t *d;
  json_object_foreach(c->digests, key, d) {
    json_t *items = json_object_get(d, "items");
    size_t n = json_array_size(items);
    json_t **sorted = cadre_arena_calloc(cadre_arena_of(req), n ? n : 1, sizeof *sorted);
    if (!sorted)
      return -1;
    for (size_t i = 0; i < n; i++)
      sorted[i] = json_array_get(items, i);
    qsort(sorted, n, sizeof *sorted, by_due);
    const char *subject = cadre_printf(req, "Nhắc việc ngày %s: %zu nhiệm vụ cần theo dõi", c->day_vn, n);
    /* the digest is named by its first task: a later run the same day
     * (after new tasks were imported) only has other tasks, so its own key */
    const char *dedupe = cadre_printf(req, "tasks:digest:%s:%s:%lld", key, c->day_iso,
                                      (long long)cadre_jint(sorted[0], "task_id", 0));
    int rc =
        cadre_outbox_email(req, cadre_jstr(d, "email"), subject, digest_body(req, c, d, sorted, n), dedupe);
    if (rc < 0)
      return -1;
    c->sent += rc;
    printf("%s <%s>: %zu nhiệm vụ\n", cadre_jstr(d, "name"), cadre_jstr(d, "email"), n);
  }
  return 0;
}

static int remind_tx(cadre_req *req, void *arg) {
  remind_ctx *c = arg;
  c->digests = cadre_keep(req, json_object());
  c->nobody = cadre_keep(req, json_array());
  c->reminders = c->sent = 0;
  c->order = 0;
  json_t *tasks = cadre_db_rows(req,
                                "SELECT" TASKS_TASK_COLUMNS "," TASKS_LAST_REPORT TASKS_TASK_FROM
                                " WHERE t.status IN ('not_started', 'in_progress', 'returned')"
                                " ORDER BY t.programme_id, t.part, s.seq, t.seq",
                                CV_ARGS(CV_STR(c->day_iso)));
  if (!tasks)
    return cadre_db_fail(req);
  size_t i;
  json_t *task;
  json_array_foreach(tasks, i, task) {
    tasks_clock clock;
    tasks_clock_from_row(task, &clock);
    tasks_remind_event ev[4];
    size_t nev = tasks_remind_events(&clock, c->day, ev, 4);
    for (size_t k = 0; k < nev; k++) {
      const char *role = ev[k].kind == TASKS_R_ESCALATION ? "supervising" : "lead";
      json_t *people = tasks_unit_people(req, cadre_jint(task, "id", 0), role);
      if (!people)
        return cadre_db_fail(req);
      if (json_array_size(people) == 0)
        json_array_append_new(c->nobody,
                              json_pack("{s:O, s:O, s:O, s:s, s:s}", "id", json_object_get(task, "id"),
                                        "part", json_object_get(task, "part"), "number",
                                        json_object_get(task, "number_text"), "role", role, "kind",
                                        tasks_remind_code(ev[k].kind)));
      size_t p;
      json_t *person;
      json_array_foreach(people, p, person) {
        if (add_item(req, c, task, person, &ev[k]) < 0)
          return cadre_db_fail(req);
      }
    }
  }
  if (send_digests(req, c) < 0)
    return cadre_db_fail(req);
  json_t *audit = json_pack("{s:s, s:i, s:i, s:I}", "date", c->day_iso, "reminders", c->reminders, "digests",
                            c->sent, "unreached", (json_int_t)json_array_size(c->nobody));
  int rc = c->reminders ? cadre_audit(req, "tasks.reminder", 0, "remind", NULL, audit) : 0;
  json_decref(audit);
  if (rc < 0)
    return cadre_db_fail(req);
  return c->dry_run ? CADRE_TX_ROLLBACK : 0;
}

int tasks_cmd_remind(cadre_req *ctx, int argc, char **argv) {
  remind_ctx c = {0};
  const char *date = NULL;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
      date = argv[++i];
    else if (strcmp(argv[i], "--dry-run") == 0)
      c.dry_run = true;
    else if (i == 0 && strcmp(argv[i], "remind") == 0)
      continue;
    else {
      fprintf(stderr, "Cách dùng: cadre-admin tasks remind --date YYYY-MM-DD [--dry-run]\n");
      return 2;
    }
  }
  if (!date)
    date = cadre_today(ctx);
  if (!cadre_date_parse(date, &c.day)) {
    fprintf(stderr, "Ngày “%s” không hợp lệ (cần YYYY-MM-DD).\n", date);
    return 2;
  }
  cadre_date_iso(c.day, c.day_iso);
  cadre_date_vn(c.day, c.day_vn);
  int rc = cadre_tx(ctx, remind_tx, &c);
  if (rc != 0 && !(c.dry_run && rc == CADRE_TX_ROLLBACK)) {
    fprintf(stderr, "Nhắc việc không thành công (mã %d): không có gì được gửi.\n", rc);
    return 3;
  }
  size_t i;
  json_t *t;
  json_array_foreach(c.nobody, i, t) {
    printf("Không có người nhận: nhiệm vụ %s.%s (%s, đơn vị %s)\n", cadre_jstr(t, "part"),
           cadre_jstr(t, "number"), cadre_jstr(t, "kind"),
           strcmp(cadre_jstr(t, "role"), "lead") == 0 ? "chủ trì" : "đôn đốc");
  }
  printf("Ngày %s: %d nhắc việc trong %d thư tổng hợp%s; %zu lượt không có người nhận.\n", c.day_vn,
         c.reminders, c.sent, c.dry_run ? " (chạy thử, không gửi)" : "", json_array_size(c.nobody));
  return 0;
}
