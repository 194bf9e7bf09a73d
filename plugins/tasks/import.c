/*
 * Importing a programme file: read it (table.c), and when it has no errors
 * write it in one transaction — the programme (by code), its sections, its
 * tasks (by section, number and duplicate sequence) and their units — so
 * that a second import of the same file creates nothing, and a corrected
 * file updates the text of the tasks it changes without touching their
 * progress. Tasks missing from a new file are kept and listed. A dry run
 * does all of it and rolls back, so its report is exactly what an import
 * would do. Shared by `cadre-admin tasks import` and the upload form.
 */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

typedef struct unit_ref {
  const char *role;
  int64_t agency_id;
  const char *name;
} unit_ref;

typedef struct import_ctx {
  tasks_doc *doc;
  const tasks_import_opts *opts;
  const char *code, *checksum;
  json_t *report;
  /* per attempt (the transaction may run again after a deadlock) */
  int64_t programme_id, owner_id;
  int64_t *section_ids;
  tasks_agencies *agencies;
  int created, updated, unchanged;
  json_t *missing;
} import_ctx;

static const char *s_or(const char *s, const char *dflt) { return s && *s ? s : dflt; }

/* ---- the programme ---------------------------------------------------------- */

static int upsert_programme(cadre_req *req, import_ctx *c) {
  const tasks_doc *doc = c->doc;
  const char *title = s_or(c->opts->title, s_or(doc->title, c->code));
  json_t *row =
      cadre_db_row(req, "SELECT id, owner_agency_id, title FROM tasks_programme WHERE code = ? FOR UPDATE",
                   CV_ARGS(CV_STR(c->code)));
  if (!row && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (row) {
    c->programme_id = cadre_jint(row, "id", 0);
    c->owner_id = cadre_jint(row, "owner_agency_id", 0);
    int admin = tasks_programme_admin(req, c->owner_id);
    if (admin < 0)
      return cadre_db_fail(req);
    if (!admin)
      return cadre_fail(req, 403, "not_programme_admin",
                        "Chương trình mã %s thuộc đơn vị khác; chỉ quản trị của đơn vị "
                        "chủ quản mới được nhập lại.",
                        c->code);
    /* the owner changes only when asked for by name, never by default */
    if (c->opts->owner_explicit && c->opts->owner_agency_id)
      c->owner_id = c->opts->owner_agency_id;
    if (cadre_db_exec(req,
                      "UPDATE tasks_programme SET title = ?, owner_agency_id = ?, part_a_title = ?,"
                      " part_b_title = ?, preamble = ?, source_name = ?,"
                      " report_period = COALESCE(?, report_period), starts_on = COALESCE(?, starts_on)"
                      " WHERE id = ?",
                      CV_ARGS(CV_STR(c->opts->title ? c->opts->title : cadre_jstr(row, "title")),
                              CV_INT(c->owner_id), CV_STR(doc->part_title[0]), CV_STR(doc->part_title[1]),
                              CV_STR(doc->preamble), CV_STR(c->opts->filename),
                              CV_STR(c->opts->report_period), CV_STR(c->opts->starts_on),
                              CV_INT(c->programme_id))) < 0)
      return cadre_db_fail(req);
    return 0;
  }
  c->owner_id = c->opts->owner_agency_id;
  if (cadre_db_exec(req,
                    "INSERT INTO tasks_programme (code, title, owner_agency_id, report_period,"
                    " starts_on, part_a_title, part_b_title, preamble, source_name)"
                    " VALUES (?, ?, ?, COALESCE(?, 'quarter'), ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(c->code), CV_STR(title), CV_INT(c->owner_id),
                            CV_STR(c->opts->report_period),
                            CV_STR(c->opts->starts_on ? c->opts->starts_on : cadre_today(req)),
                            CV_STR(doc->part_title[0]), CV_STR(doc->part_title[1]), CV_STR(doc->preamble),
                            CV_STR(c->opts->filename))) < 0) {
    if (cadre_db_is_duplicate(req))
      return cadre_fail(req, 409, "import_conflict",
                        "Chương trình mã %s đang được nhập đồng thời; hãy thử lại.", c->code);
    return cadre_db_fail(req);
  }
  c->programme_id = cadre_db_last_id(req);
  json_t *after = json_pack("{s:s, s:s, s:I}", "code", c->code, "title", title, "owner_agency_id",
                            (json_int_t)c->owner_id);
  int rc = cadre_audit(req, "tasks.programme", c->programme_id, "create", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

/* ---- sections --------------------------------------------------------------- */

static int upsert_sections(cadre_req *req, import_ctx *c) {
  const tasks_doc *doc = c->doc;
  c->section_ids = cadre_arena_calloc(cadre_arena_of(req), doc->nsections + 1, sizeof(int64_t));
  if (!c->section_ids)
    return cadre_fail(req, 500, "out_of_memory", "Hết bộ nhớ khi nhập.");
  for (size_t i = 0; i < doc->nsections; i++) {
    const tasks_section_row *s = &doc->sections[i];
    int64_t lead = 0;
    if (s->lead) {
      lead = tasks_agencies_resolve(req, c->agencies, s->lead);
      if (lead < 0)
        return cadre_db_fail(req);
    }
    char part[2] = {s->part, '\0'};
    if (cadre_db_exec(req,
                      "INSERT INTO tasks_section (programme_id, part, numeral, skey, seq, title,"
                      " lead_text, lead_agency_id, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      " ON DUPLICATE KEY UPDATE numeral = VALUES(numeral), seq = VALUES(seq),"
                      " title = VALUES(title), lead_text = VALUES(lead_text),"
                      " lead_agency_id = VALUES(lead_agency_id), source_line = VALUES(source_line)",
                      CV_ARGS(CV_INT(c->programme_id), CV_STR(part), CV_STR(s->numeral), CV_STR(s->key),
                              CV_INT(i), CV_STR(s->title), CV_STR(s->lead), CV_INT_IF(lead > 0, lead),
                              CV_INT(s->line))) < 0)
      return cadre_db_fail(req);
    if (cadre_db_int(req, &c->section_ids[i],
                     "SELECT id FROM tasks_section WHERE programme_id = ? AND part = ?"
                     " AND skey = ?",
                     CV_ARGS(CV_INT(c->programme_id), CV_STR(part), CV_STR(s->key))) != 1)
      return cadre_db_fail(req);
  }
  return 0;
}

/* ---- one task ------------------------------------------------------------------- */

static const char *task_name(const tasks_task_row *t) { return *t->title ? t->title : t->basis; }

static const char *search_text(cadre_req *req, const tasks_doc *doc, const tasks_task_row *t) {
  const tasks_section_row *s = &doc->sections[t->section];
  const char *all =
      cadre_printf(req, "%s %s %s %s %s %s %s %s %s %s", t->number_text, t->title, t->basis, t->submit_to,
                   t->lead, s_or(s->lead, ""), t->coordinating, t->supervising, t->deadline, s->title);
  return cadre_fold(cadre_arena_of(req), all);
}

/* The units a task should have, in a stable order (lead, coordinating,
 * supervising; in the file's order within each), duplicates removed. */
static int wanted_units(cadre_req *req, import_ctx *c, const tasks_task_row *t, unit_ref *out, size_t max,
                        size_t *n_out) {
  cadre_arena *a = cadre_arena_of(req);
  size_t n = 0;
  struct {
    const char *role, *text;
    bool split;
  } cells[3] = {
      {"lead", t->part == 'A' ? t->lead : c->doc->sections[t->section].lead, t->part == 'A'},
      {"coordinating", t->coordinating, true},
      {"supervising", t->supervising, true},
  };
  for (int k = 0; k < 3; k++) {
    const char *text = cells[k].text;
    if (!text || !*text)
      continue;
    const char *names[16];
    size_t nn;
    /* a cell that is one known agency as a whole is not split */
    int whole = cells[k].split ? tasks_agencies_known(req, c->agencies, text) : 1;
    if (whole < 0)
      return -1;
    if (whole) {
      names[0] = text;
      nn = 1;
    } else {
      nn = tasks_split_units(a, text, names, 16);
    }
    for (size_t i = 0; i < nn && n < max; i++) {
      int64_t id = tasks_agencies_resolve(req, c->agencies, names[i]);
      if (id < 0)
        return -1;
      if (id == 0)
        continue;
      bool dup = false;
      for (size_t j = 0; j < n; j++)
        if (out[j].agency_id == id && strcmp(out[j].role, cells[k].role) == 0)
          dup = true;
      if (!dup)
        out[n++] = (unit_ref){cells[k].role, id, names[i]};
    }
  }
  *n_out = n;
  return 0;
}

static const char *units_signature(cadre_req *req, const unit_ref *u, size_t n) {
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(req));
  for (size_t i = 0; i < n; i++)
    cadre_buf_printf(&b, "%s:%lld;", u[i].role, (long long)u[i].agency_id);
  return b.data ? b.data : "";
}

static int write_units(cadre_req *req, int64_t task_id, const unit_ref *u, size_t n, bool replace) {
  if (replace &&
      cadre_db_exec(req, "DELETE FROM tasks_task_unit WHERE task_id = ?", CV_ARGS(CV_INT(task_id))) < 0)
    return -1;
  for (size_t i = 0; i < n; i++)
    if (cadre_db_exec(req,
                      "INSERT INTO tasks_task_unit (task_id, role, agency_id, seq, name_text)"
                      " VALUES (?, ?, ?, ?, ?)",
                      CV_ARGS(CV_INT(task_id), CV_STR(u[i].role), CV_INT(u[i].agency_id), CV_INT(i),
                              CV_STR(u[i].name))) < 0)
      return -1;
  return 0;
}

/* Deadline columns from the parsed text. */
typedef struct dl_cols {
  const char *kind;
  char start[11], due[11];
  bool has_due;
  int month, day;
} dl_cols;

static void deadline_cols(const tasks_deadline *d, dl_cols *o) {
  memset(o, 0, sizeof *o);
  o->kind = tasks_dl_kind_code(d->kind);
  o->has_due = d->has_due;
  if (d->has_due) {
    cadre_date_iso(d->start, o->start);
    cadre_date_iso(d->due, o->due);
  }
  o->month = d->month;
  o->day = d->day;
}

static json_t *summary(const tasks_task_row *t, const dl_cols *d) {
  return json_pack("{s:s#, s:s, s:s, s:s, s:s, s:s?}", "part", &t->part, 1, "number", t->number_text, "name",
                   task_name(t), "deadline_text", t->deadline, "deadline_kind", d->kind, "due_date",
                   d->has_due ? d->due : NULL);
}

static int insert_task(cadre_req *req, import_ctx *c, const tasks_task_row *t, size_t seq,
                       const unit_ref *units, size_t nunits) {
  dl_cols d;
  deadline_cols(&t->dl, &d);
  char part[2] = {t->part, '\0'};
  if (cadre_db_exec(req,
                    "INSERT INTO tasks_task (programme_id, section_id, part, number, number_text,"
                    " dup_seq, duplicate_number, seq, source_lines, basis, title, name, submit_to,"
                    " lead_text, coord_text, supervise_text, deadline_text, deadline_kind, ongoing,"
                    " start_date, due_date, original_due, yearly_month, yearly_day, search_text)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(c->programme_id), CV_INT(c->section_ids[t->section]), CV_STR(part),
                            CV_INT(t->number), CV_STR(t->number_text), CV_INT(t->dup_seq),
                            CV_INT(t->duplicate), CV_INT(seq), CV_STR(t->lines), CV_STR(t->basis),
                            CV_STR(t->title), CV_STR(task_name(t)), CV_STR(t->submit_to), CV_STR(t->lead),
                            CV_STR(t->coordinating), CV_STR(t->supervising), CV_STR(t->deadline),
                            CV_STR(d.kind), CV_INT(t->dl.ongoing), d.has_due ? CV_STR(d.start) : CV_NULL,
                            d.has_due ? CV_STR(d.due) : CV_NULL, d.has_due ? CV_STR(d.due) : CV_NULL,
                            CV_INT_IF(d.month, d.month), CV_INT_IF(d.day, d.day),
                            CV_STR(search_text(req, c->doc, t)))) < 0) {
    if (cadre_db_is_duplicate(req))
      return cadre_fail(req, 409, "import_conflict",
                        "Nhiệm vụ dòng %ld đang được nhập đồng thời; hãy thử lại.", t->line);
    return cadre_db_fail(req);
  }
  int64_t id = cadre_db_last_id(req);
  json_t *after = summary(t, &d);
  int rc = cadre_audit(req, "tasks.task", id, "import", NULL, after);
  if (rc == 0)
    rc = tasks_history_add(
        req, id, "import", NULL, "not_started",
        cadre_printf(req, "Nhập từ tệp %s (dòng %s).", s_or(c->opts->filename, c->code), t->lines), after);
  json_decref(after);
  if (rc < 0 || write_units(req, id, units, nunits, false) < 0)
    return cadre_db_fail(req);
  c->created++;
  return 0;
}

static bool differs(json_t *row, const char *key, const char *value) {
  const char *old = cadre_jstr(row, key);
  return !old || strcmp(old, value) != 0;
}

static int update_task(cadre_req *req, import_ctx *c, const tasks_task_row *t, size_t seq, json_t *row,
                       const unit_ref *units, size_t nunits, const char *old_units) {
  int64_t id = cadre_jint(row, "id", 0);
  static const char *const keys[] = {"basis",      "title",          "submit_to",    "lead_text",
                                     "coord_text", "supervise_text", "deadline_text"};
  const char *values[] = {t->basis,        t->title,       t->submit_to, t->lead,
                          t->coordinating, t->supervising, t->deadline};
  json_t *changed = json_array();
  json_t *before = json_object(), *after = json_object();
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
    if (differs(row, keys[k], values[k])) {
      json_array_append_new(changed, json_string(keys[k]));
      json_object_set(before, keys[k], json_object_get(row, keys[k]));
      json_object_set_new(after, keys[k], json_string(values[k]));
    }
  const char *new_units = units_signature(req, units, nunits);
  bool units_changed = strcmp(old_units, new_units) != 0;
  if (units_changed)
    json_array_append_new(changed, json_string("units"));
  int rc = 0;
  /* positions always follow the file; they are not a change of content */
  if (cadre_db_exec(req,
                    "UPDATE tasks_task SET seq = ?, source_lines = ?, duplicate_number = ?, basis = ?,"
                    " title = ?, name = ?, submit_to = ?, lead_text = ?, coord_text = ?,"
                    " supervise_text = ?, search_text = ? WHERE id = ?",
                    CV_ARGS(CV_INT(seq), CV_STR(t->lines), CV_INT(t->duplicate), CV_STR(t->basis),
                            CV_STR(t->title), CV_STR(task_name(t)), CV_STR(t->submit_to), CV_STR(t->lead),
                            CV_STR(t->coordinating), CV_STR(t->supervising),
                            CV_STR(search_text(req, c->doc, t)), CV_INT(id))) < 0)
    rc = -1;
  if (rc == 0 && differs(row, "deadline_text", t->deadline)) {
    dl_cols d;
    deadline_cols(&t->dl, &d);
    /* an approved extension (due ≠ original) keeps its date */
    if (cadre_db_exec(req,
                      "UPDATE tasks_task SET due_date = IF(due_date <=> original_due, ?, due_date),"
                      " original_due = ?, start_date = ?, deadline_text = ?, deadline_kind = ?,"
                      " ongoing = ?, yearly_month = ?, yearly_day = ? WHERE id = ?",
                      CV_ARGS(d.has_due ? CV_STR(d.due) : CV_NULL, d.has_due ? CV_STR(d.due) : CV_NULL,
                              d.has_due ? CV_STR(d.start) : CV_NULL, CV_STR(t->deadline), CV_STR(d.kind),
                              CV_INT(t->dl.ongoing), CV_INT_IF(d.month, d.month), CV_INT_IF(d.day, d.day),
                              CV_INT(id))) < 0)
      rc = -1;
  }
  if (rc == 0 && units_changed && write_units(req, id, units, nunits, true) < 0)
    rc = -1;
  if (rc == 0 && json_array_size(changed)) {
    json_object_set_new(after, "units", json_string(new_units));
    json_object_set_new(before, "units", json_string(old_units));
    rc = cadre_audit(req, "tasks.task", id, "import_update", before, after);
    json_t *data = json_pack("{s:O}", "changed", changed);
    if (rc == 0)
      rc = tasks_history_add(
          req, id, "import_update", NULL, NULL,
          cadre_printf(req, "Cập nhật từ tệp %s (dòng %s).", s_or(c->opts->filename, c->code), t->lines),
          data);
    json_decref(data);
    c->updated++;
  } else if (rc == 0) {
    c->unchanged++;
  }
  json_decref(changed);
  json_decref(before);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

/* ---- the whole file --------------------------------------------------------------- */

static int write_tasks(cadre_req *req, import_ctx *c) {
  json_t *existing =
      cadre_db_rows(req,
                    "SELECT t.id, t.section_id, t.number_text, t.dup_seq, t.part, t.basis, t.title,"
                    " t.submit_to, t.lead_text, t.coord_text, t.supervise_text, t.deadline_text,"
                    " (SELECT GROUP_CONCAT(CONCAT(u.role, ':', u.agency_id, ';') ORDER BY u.role, u.seq"
                    "   SEPARATOR '') FROM tasks_task_unit u WHERE u.task_id = t.id) AS units"
                    " FROM tasks_task t WHERE t.programme_id = ? FOR UPDATE",
                    CV_ARGS(CV_INT(c->programme_id)));
  if (!existing)
    return cadre_db_fail(req);
  json_t *by_key = cadre_json_obj(req);
  size_t i;
  json_t *row;
  json_array_foreach(existing, i, row) {
    const char *key = cadre_printf(req, "%lld/%s/%lld", (long long)cadre_jint(row, "section_id", 0),
                                   cadre_jstr(row, "number_text"), (long long)cadre_jint(row, "dup_seq", 0));
    json_object_set(by_key, key, row);
  }
  for (size_t k = 0; k < c->doc->ntasks; k++) {
    const tasks_task_row *t = &c->doc->tasks[k];
    unit_ref units[48];
    size_t nunits = 0;
    if (wanted_units(req, c, t, units, 48, &nunits) < 0)
      return cadre_db_fail(req);
    const char *key =
        cadre_printf(req, "%lld/%s/%d", (long long)c->section_ids[t->section], t->number_text, t->dup_seq);
    json_t *old = json_object_get(by_key, key);
    int rc;
    if (old) {
      const char *old_units = cadre_jstr(old, "units");
      rc = update_task(req, c, t, k, old, units, nunits, old_units ? old_units : "");
      json_object_set_new(old, "seen", json_true());
    } else {
      rc = insert_task(req, c, t, k, units, nunits);
    }
    if (rc)
      return rc;
  }
  c->missing = cadre_json_arr(req);
  json_array_foreach(existing, i, row) {
    if (json_is_true(json_object_get(row, "seen")))
      continue;
    json_array_append_new(c->missing, json_pack("{s:O, s:O, s:O}", "id", json_object_get(row, "id"), "part",
                                                json_object_get(row, "part"), "number",
                                                json_object_get(row, "number_text")));
  }
  return 0;
}

static int import_tx(cadre_req *req, void *arg) {
  import_ctx *c = arg;
  c->created = c->updated = c->unchanged = 0;
  c->missing = NULL;
  int rc = upsert_programme(req, c);
  if (rc)
    return rc;
  c->agencies = tasks_agencies_load(req, c->owner_id, c->programme_id);
  if (!c->agencies)
    return cadre_db_fail(req);
  if ((rc = upsert_sections(req, c)) != 0 || (rc = write_tasks(req, c)) != 0)
    return rc;

  json_t *r = c->report;
  json_t *owner =
      cadre_db_row(req, "SELECT id, code, name FROM agency WHERE id = ?", CV_ARGS(CV_INT(c->owner_id)));
  json_object_set_new(
      r, "programme",
      json_pack("{s:I, s:s, s:O?}", "id", (json_int_t)c->programme_id, "code", c->code, "owner", owner));
  json_object_set_new(r, "units", tasks_agencies_report(c->agencies));
  json_object_set_new(r, "created", json_integer(c->created));
  json_object_set_new(r, "updated", json_integer(c->updated));
  json_object_set_new(r, "unchanged", json_integer(c->unchanged));
  json_object_set(r, "missing_from_file", c->missing);
  if (c->opts->dry_run)
    return CADRE_TX_ROLLBACK;

  char *text = json_dumps(r, JSON_COMPACT);
  if (!text)
    return cadre_fail(req, 500, "out_of_memory", "Hết bộ nhớ khi lưu báo cáo nhập.");
  int64_t uid = cadre_user_id(req);
  int64_t n =
      cadre_db_exec(req,
                    "INSERT INTO tasks_import (programme_id, user_id, filename, checksum, tasks_created,"
                    " tasks_updated, report_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(c->programme_id), CV_INT_IF(uid > 0, uid), CV_STR(c->opts->filename),
                            CV_STR(c->checksum), CV_INT(c->created), CV_INT(c->updated), CV_STR(text)));
  free(text);
  if (n < 0)
    return cadre_db_fail(req);
  json_t *audit =
      json_pack("{s:s?, s:s, s:i, s:i, s:i}", "filename", c->opts->filename, "checksum", c->checksum,
                "created", c->created, "updated", c->updated, "unchanged", c->unchanged);
  rc = cadre_audit(req, "tasks.programme", c->programme_id, "import", NULL, audit);
  json_decref(audit);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

/* A programme code from a file name: "003_2d94….txt" → "003_2d94…". */
static const char *code_from_filename(cadre_req *req, const char *filename, const char *checksum) {
  const char *base = filename ? strrchr(filename, '/') : NULL;
  base = base ? base + 1 : filename;
  char code[65];
  size_t n = 0;
  for (const char *p = base; p && *p && n < sizeof code - 1; p++) {
    if (*p == '.' && strchr(p + 1, '.') == NULL)
      break; /* the extension */
    char ch = *p;
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
              ch == '_' || ch == '-';
    code[n++] = ok ? ch : '_';
  }
  code[n] = '\0';
  return n >= 2 ? cadre_printf(req, "%s", code) : cadre_printf(req, "CT-%s", checksum);
}

static const char *fnv_hex(cadre_req *req, const unsigned char *data, size_t len) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; i++)
    h = (h ^ data[i]) * 1099511628211ull;
  return cadre_printf(req, "%016llx", (unsigned long long)h);
}

json_t *tasks_import_run(cadre_req *req, const unsigned char *data, size_t len, const tasks_import_opts *opts,
                         int *status) {
  tasks_doc *doc = cadre_arena_alloc(cadre_arena_of(req), sizeof *doc);
  if (!doc) {
    *status = cadre_fail(req, 500, "out_of_memory", "Hết bộ nhớ khi đọc tệp.");
    return NULL;
  }
  tasks_doc_read(doc, cadre_arena_of(req), (const char *)data, len);
  json_t *report = tasks_doc_report(req, doc);
  import_ctx c = {.doc = doc, .opts = opts, .report = report};
  c.checksum = fnv_hex(req, data, len);
  c.code = opts->code ? opts->code : code_from_filename(req, opts->filename, c.checksum);
  json_object_set_new(report, "file", opts->filename ? json_string(opts->filename) : json_null());
  json_object_set_new(report, "checksum", json_string(c.checksum));
  json_object_set_new(report, "code", json_string(c.code));
  json_object_set_new(report, "dry_run", json_boolean(opts->dry_run));
  if (doc->errors) {
    *status = 422;
    return report;
  }
  int rc = cadre_tx(req, import_tx, &c);
  *status = (rc == CADRE_TX_ROLLBACK && opts->dry_run) ? 0 : rc;
  json_object_set_new(report, "written", json_boolean(rc == 0));
  return report;
}
