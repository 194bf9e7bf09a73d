/*
 * Importing the Academy's yearly letter (công văn hướng dẫn thi đua): the
 * board uploads it, or an operator runs `cadre-admin emulation import-letter
 * FILE`; both call em_letter_apply() so they behave the same. A dry run
 * shows what was read without writing anything.
 */
#include "emulation.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const target_keys[] = {"t_ldtt_min_pct",
                                          "t_cstd_min_pct",
                                          "t_cstd_max_pct",
                                          "t_units_ldxs_min",
                                          "t_commended_min_pct",
                                          "t_party_good_min_pct",
                                          "t_party_excellent_min_pct",
                                          "t_prof_good_over_pct",
                                          "t_dept_min_pct"};

static int target_value(const struct em_thresholds *t, size_t i) {
  const int values[] = {t->ldtt_min_pct,
                        t->cstd_min_pct,
                        t->cstd_max_pct,
                        t->units_ldxs_min,
                        t->commended_min_pct,
                        t->party_good_min_pct,
                        t->party_excellent_min_pct,
                        t->prof_good_over_pct,
                        t->dept_min_pct};
  return values[i];
}

static const char *iso(cadre_req *req, int y, int m, int d) {
  if (!y)
    return NULL;
  char buf[11];
  cadre_date_iso((cadre_date){y, m, d}, buf);
  return cadre_printf(req, "%s", buf);
}

json_t *em_letter_report(cadre_req *req, const struct em_letter *l) {
  json_t *r = cadre_json_obj(req);
  em_set(r, "year", json_integer(l->year));
  em_set(r, "number", l->number ? json_string(l->number) : NULL);
  const char *date = iso(req, l->date_y, l->date_m, l->date_d);
  em_set(r, "date", date ? json_string(date) : NULL);
  em_set(r, "theme", l->theme ? json_string(l->theme) : NULL);
  em_set(r, "content_items", json_integer(l->content_items));
  json_t *targets = json_object();
  for (size_t i = 0; i < sizeof target_keys / sizeof target_keys[0]; i++)
    json_object_set_new(targets, target_keys[i], json_integer(target_value(&l->targets, i)));
  em_set(r, "targets", targets);
  em_set(r, "targets_found", json_integer(l->targets_found_count));
  em_set(r, "targets_expected", json_integer(9));
  json_t *dates = json_array(), *missing = json_array();
  for (size_t i = 0; i < EM_KIND_COUNT; i++) {
    const struct em_letter_date *d = em_letter_date_of(l, em_kinds[i].code);
    if (!d) {
      json_array_append_new(missing, json_string(em_kinds[i].code));
      continue;
    }
    json_array_append_new(dates,
                          json_pack("{s:s, s:s, s:s, s:I}", "kind", d->kind, "title", em_kinds[i].title,
                                    "due_date", iso(req, d->y, d->m, d->d), "line", (json_int_t)d->line));
  }
  em_set(r, "deadlines", dates);
  em_set(r, "deadlines_found", json_integer(l->dates_found));
  em_set(r, "deadlines_missing", missing);
  em_set(r, "forms", json_string(l->forms ? l->forms : ""));
  em_set(r, "forms_count", json_integer(l->forms_count));
  em_set(r, "achievement_reports", json_integer(l->achievement_reports));
  return r;
}

static int upsert_year(cadre_req *req, const struct em_letter *l, int64_t *year_id) {
  const struct em_thresholds *t = &l->targets;
  const char *theme = l->theme ? l->theme : cadre_printf(req, "Phong trào thi đua năm %d", l->year);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_year (year, theme, content, letter_no, letter_date, "
                    " t_ldtt_min_pct, t_cstd_min_pct, t_cstd_max_pct, t_units_ldxs_min, "
                    " t_commended_min_pct, t_party_good_min_pct, t_party_excellent_min_pct, "
                    " t_prof_good_over_pct, t_dept_min_pct) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), theme = VALUES(theme), "
                    " content = COALESCE(VALUES(content), content), "
                    " letter_no = COALESCE(VALUES(letter_no), letter_no), "
                    " letter_date = COALESCE(VALUES(letter_date), letter_date), "
                    " t_ldtt_min_pct = VALUES(t_ldtt_min_pct), t_cstd_min_pct = VALUES(t_cstd_min_pct), "
                    " t_cstd_max_pct = VALUES(t_cstd_max_pct), "
                    " t_units_ldxs_min = VALUES(t_units_ldxs_min), "
                    " t_commended_min_pct = VALUES(t_commended_min_pct), "
                    " t_party_good_min_pct = VALUES(t_party_good_min_pct), "
                    " t_party_excellent_min_pct = VALUES(t_party_excellent_min_pct), "
                    " t_prof_good_over_pct = VALUES(t_prof_good_over_pct), "
                    " t_dept_min_pct = VALUES(t_dept_min_pct)",
                    CV_ARGS(CV_INT(l->year), CV_STR(theme), CV_STR(l->content), CV_STR(l->number),
                            CV_STR(iso(req, l->date_y, l->date_m, l->date_d)), CV_INT(t->ldtt_min_pct),
                            CV_INT(t->cstd_min_pct), CV_INT(t->cstd_max_pct), CV_INT(t->units_ldxs_min),
                            CV_INT(t->commended_min_pct), CV_INT(t->party_good_min_pct),
                            CV_INT(t->party_excellent_min_pct), CV_INT(t->prof_good_over_pct),
                            CV_INT(t->dept_min_pct))) < 0)
    return -1;
  *year_id = cadre_db_last_id(req);
  return 0;
}

/* The letter's dates replace the year's; the lock keeps each kind's grace. */
static int upsert_deadlines(cadre_req *req, const struct em_letter *l, int64_t year_id) {
  for (size_t i = 0; i < EM_KIND_COUNT; i++) {
    const struct em_kind *k = &em_kinds[i];
    const struct em_letter_date *d = em_letter_date_of(l, k->code);
    if (!d)
      continue;
    cadre_date due = {d->y, d->m, d->d};
    char due_s[11], lock_s[11];
    cadre_date_iso(due, due_s);
    cadre_date_iso(cadre_date_add(due, k->lock_grace), lock_s);
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_deadline "
                      "(year_id, kind, level, form, title, due_date, lock_date, sort) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                      "ON DUPLICATE KEY UPDATE due_date = VALUES(due_date), "
                      " lock_date = VALUES(lock_date)",
                      CV_ARGS(CV_INT(year_id), CV_STR(k->code),
                              CV_STR(k->level == EM_LEVEL_SCHOOL ? "school" : "cluster"), CV_STR(k->form),
                              CV_STR(k->title), CV_STR(due_s), CV_STR(lock_s),
                              CV_INT((int64_t)(i + 1) * 10))) < 0)
      return -1;
  }
  /* kinds the letter does not date keep the built-in calendar */
  return em_deadlines_default(req, year_id, l->year);
}

int em_letter_apply(cadre_req *req, const struct em_letter *l, bool dry_run, json_t *report) {
  int64_t existing = 0;
  if (cadre_db_int(req, &existing, "SELECT id FROM emulation_year WHERE year = ?", CV_ARGS(CV_INT(l->year))) <
      0)
    return cadre_db_fail(req);
  em_set(report, "dry_run", json_boolean(dry_run));
  em_set(report, "year_existed", json_boolean(existing > 0));
  if (dry_run)
    return 0;
  int64_t year_id;
  if (upsert_year(req, l, &year_id) < 0 || upsert_deadlines(req, l, year_id) < 0 ||
      em_sheets_sample(req, year_id) < 0)
    return cadre_db_fail(req);
  em_set(report, "year_id", json_integer(year_id));
  if (cadre_audit(req, "emulation.year", year_id, "import_letter", NULL, report) < 0)
    return cadre_db_fail(req);
  return 0;
}

/* ---- the upload route --------------------------------------------------------------- */

struct import_ctx {
  const struct em_letter *letter;
  bool dry_run;
  json_t *report;
};

static int import_tx(cadre_req *req, void *p) {
  struct import_ctx *c = p;
  return em_letter_apply(req, c->letter, c->dry_run, c->report);
}

static int not_a_letter(cadre_req *req) {
  return cadre_fail(req, 422, "not_a_letter",
                    "Không đọc được năm thi đua trong tệp: cần văn bản công văn hướng dẫn thi "
                    "đua có câu “chủ đề phong trào thi đua năm …”.");
}

int em_h_import_letter(cadre_req *req) {
  const cadre_upload *up = cadre_file(req, "file");
  char *text = cadre_arena_strndup(cadre_arena_of(req), (const char *)up->data, up->size);
  struct em_letter l;
  if (!em_letter_parse(cadre_arena_of(req), text, &l))
    return not_a_letter(req);
  struct import_ctx c = {&l, cadre_bool(req, "dry_run", false), em_letter_report(req, &l)};
  int rc = cadre_tx(req, import_tx, &c);
  return rc ? rc : cadre_reply_json(req, 200, c.report);
}

/* ---- the command ----------------------------------------------------------------------- */

static char *slurp(cadre_req *ctx, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(ctx));
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    cadre_buf_append(&b, chunk, n);
  fclose(f);
  return b.failed ? NULL : b.data;
}

int em_import_file(cadre_req *ctx, const char *path, bool dry_run) {
  char *text = slurp(ctx, path);
  if (!text) {
    fprintf(stderr, "emulation: không đọc được tệp %s: %s\n", path, strerror(errno));
    return 1;
  }
  struct em_letter l;
  if (!em_letter_parse(cadre_arena_of(ctx), text, &l)) {
    fprintf(stderr, "emulation: %s không phải công văn hướng dẫn thi đua (không thấy năm)\n", path);
    return 1;
  }
  struct import_ctx c = {&l, dry_run, em_letter_report(ctx, &l)};
  if (cadre_tx(ctx, import_tx, &c)) {
    fprintf(stderr, "emulation: không ghi được năm thi đua %d\n", l.year);
    return 1;
  }
  char *out = json_dumps(c.report, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  if (out) {
    printf("%s\n", out);
    free(out);
  }
  return 0;
}

int em_cmd_import_letter(cadre_req *ctx, int argc, char **argv) {
  const char *path = NULL;
  bool dry_run = false;
  for (int i = 0; i < argc; i++) {
    if (i == 0 && strcmp(argv[i], "import-letter") == 0)
      continue; /* whether the host passes the verb as argv[0] or not */
    if (strcmp(argv[i], "--dry-run") == 0)
      dry_run = true;
    else if (!path)
      path = argv[i];
  }
  if (!path) {
    fprintf(stderr, "usage: cadre-admin emulation import-letter FILE [--dry-run]\n");
    return 2;
  }
  return em_import_file(ctx, path, dry_run);
}
