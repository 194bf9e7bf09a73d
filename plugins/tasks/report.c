/* The import report as JSON, from what the reader found; the database
 * stage adds units, programme and created/updated counts to it. */
#include "tasks.h"

#include <string.h>

static json_t *task_ref(cadre_req *req, const tasks_doc *doc, const tasks_task_row *t) {
  const tasks_section_row *s = &doc->sections[t->section];
  return json_string(*s->numeral ? cadre_printf(req, "%c.%s.%s", t->part, s->numeral, t->number_text)
                                 : cadre_printf(req, "%c.%s", t->part, t->number_text));
}

static json_t *parts_json(cadre_req *req, const tasks_doc *doc) {
  json_t *parts = json_array();
  for (int pi = 0; pi < 2; pi++) {
    char part = pi ? 'B' : 'A';
    json_t *sections = json_array();
    for (size_t i = 0; i < doc->nsections; i++) {
      const tasks_section_row *s = &doc->sections[i];
      if (s->part != part)
        continue;
      json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:i}", "numeral", s->numeral, "key", s->key, "title",
                            s->title, "line", (json_int_t)s->line, "tasks", s->tasks);
      json_object_set_new(o, "lead", s->lead ? json_string(s->lead) : json_null());
      json_array_append_new(sections, o);
    }
    size_t n = tasks_doc_part_tasks(doc, part);
    if (n == 0 && json_array_size(sections) == 0) {
      json_decref(sections);
      continue;
    }
    const char *title = doc->part_title[pi] ? doc->part_title[pi] : cadre_printf(req, "Phần %c", part);
    json_array_append_new(parts, json_pack("{s:s, s:s, s:I, s:o}", "part", pi ? "B" : "A", "title", title,
                                           "tasks", (json_int_t)n, "sections", sections));
  }
  return parts;
}

static json_t *duplicates_json(cadre_req *req, const tasks_doc *doc) {
  json_t *out = json_array();
  for (size_t i = 0; i < doc->ntasks; i++) {
    const tasks_task_row *t = &doc->tasks[i];
    if (!t->duplicate)
      continue;
    bool first = true;
    for (size_t k = 0; k < i; k++)
      if (doc->tasks[k].duplicate && doc->tasks[k].scope == t->scope && doc->tasks[k].number == t->number)
        first = false;
    if (!first)
      continue;
    json_t *lines = json_array();
    json_t *refs = json_array();
    for (size_t k = i; k < doc->ntasks; k++)
      if (doc->tasks[k].duplicate && doc->tasks[k].scope == t->scope && doc->tasks[k].number == t->number) {
        json_array_append_new(lines, json_integer(doc->tasks[k].line));
        json_array_append_new(refs, task_ref(req, doc, &doc->tasks[k]));
      }
    json_array_append_new(out, json_pack("{s:s#, s:i, s:o, s:o}", "part", &t->part, 1, "number", t->number,
                                         "lines", lines, "tasks", refs));
  }
  return out;
}

static json_t *issue_json(const tasks_issue *is) {
  json_t *o = json_pack("{s:I, s:s, s:s}", "line", (json_int_t)is->line, "code", is->code, "message",
                        is->message ? is->message : "");
  json_object_set_new(o, "text", is->text ? json_string(is->text) : json_null());
  return o;
}

json_t *tasks_doc_report(cadre_req *req, const tasks_doc *doc) {
  json_t *r = json_object();
  json_object_set_new(r, "lines", json_integer(doc->lines));
  json_object_set_new(r, "blank_lines", json_integer(doc->blank_lines));
  json_object_set_new(r, "prose_lines", json_integer(doc->prose_lines));
  json_object_set_new(r, "rows_read", json_integer(doc->rows_read));
  json_object_set_new(r, "header_rows", json_integer(doc->header_rows));
  json_object_set_new(r, "repeated_headers", json_integer(doc->repeated_headers));
  json_object_set_new(r, "section_rows", json_integer(doc->section_rows));
  json_object_set_new(r, "task_rows", json_integer(doc->task_rows));
  json_object_set_new(r, "continuation_rows", json_integer(doc->continuation_rows));
  json_object_set_new(r, "unplaced_rows", json_integer(doc->unplaced_rows));
  json_object_set_new(r, "tasks_total", json_integer((json_int_t)doc->ntasks));
  json_object_set_new(r, "title", doc->title ? json_string(doc->title) : json_null());
  json_object_set_new(r, "parts", parts_json(req, doc));

  json_t *joins = json_array();
  for (size_t i = 0; i < doc->njoins; i++) {
    const tasks_join *j = &doc->joins[i];
    json_t *o = json_pack("{s:I}", "line", (json_int_t)j->line);
    if (j->task != SIZE_MAX) {
      json_object_set_new(o, "task", task_ref(req, doc, &doc->tasks[j->task]));
      json_object_set_new(o, "task_line", json_integer(doc->tasks[j->task].line));
    } else {
      json_object_set_new(o, "section", json_string(doc->sections[j->section].numeral));
      json_object_set_new(o, "task_line", json_integer(doc->sections[j->section].line));
    }
    json_array_append_new(joins, o);
  }
  json_object_set_new(r, "joins", joins);
  json_object_set_new(r, "duplicates", duplicates_json(req, doc));

  json_t *gaps = json_array();
  for (size_t i = 0; i < doc->ngaps; i++) {
    const tasks_gap *g = &doc->gaps[i];
    json_array_append_new(gaps, json_pack("{s:s#, s:s, s:i, s:i, s:I}", "part", &g->part, 1, "section",
                                          doc->sections[g->section].numeral, "from", g->from, "to", g->to,
                                          "line", (json_int_t)g->line));
  }
  json_object_set_new(r, "gaps", gaps);

  json_t *unparsed = json_array(), *kinds = json_object();
  for (size_t i = 0; i < doc->ntasks; i++) {
    const tasks_task_row *t = &doc->tasks[i];
    const char *code = tasks_dl_kind_code(t->dl.kind);
    json_t *n = json_object_get(kinds, code);
    json_object_set_new(kinds, code, json_integer(n ? json_integer_value(n) + 1 : 1));
    if (t->dl.ongoing && t->dl.kind != TASKS_DL_ONGOING) {
      n = json_object_get(kinds, "with_ongoing");
      json_object_set_new(kinds, "with_ongoing", json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    if (t->dl.kind == TASKS_DL_UNPARSED)
      json_array_append_new(unparsed, json_pack("{s:I, s:o, s:s}", "line", (json_int_t)t->line, "task",
                                                task_ref(req, doc, t), "text", t->deadline));
  }
  json_object_set_new(r, "unparsed_deadlines", unparsed);
  json_object_set_new(r, "deadline_kinds", kinds);

  json_t *errors = json_array(), *warnings = json_array(), *unplaced = json_array();
  for (size_t i = 0; i < doc->nissues; i++) {
    const tasks_issue *is = &doc->issues[i];
    json_array_append_new(is->level == TASKS_ERROR ? errors : warnings, issue_json(is));
    bool kept_row = strcmp(is->code, "wrong_columns") == 0 || strcmp(is->code, "row_outside_table") == 0 ||
                    strcmp(is->code, "continuation_without_task") == 0 ||
                    strcmp(is->code, "unknown_row") == 0 || strcmp(is->code, "text_in_table") == 0 ||
                    (strcmp(is->code, "invalid_encoding") == 0 && is->line > 0);
    if (kept_row)
      json_array_append_new(unplaced, issue_json(is));
  }
  json_object_set_new(r, "errors", errors);
  json_object_set_new(r, "warnings", warnings);
  json_object_set_new(r, "unplaced", unplaced);
  json_object_set_new(r, "ok", json_boolean(doc->errors == 0));
  return cadre_keep(req, r);
}
