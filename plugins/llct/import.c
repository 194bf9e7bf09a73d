/*
 * Importing a plan: the parsed file (plan_parse.c) written in one
 * transaction — plan, appendix parts, lines with their host units, classes
 * with their seven steps and their units' allotments, pending agencies for
 * names nothing matched. Keys are natural (plan number and year per
 * province, appendix and line number, class code), so importing the same
 * file again finds everything and creates nothing; a line or class whose
 * figures differ from what is stored is reported, not overwritten. A dry
 * run does all of it and rolls back.
 *
 * Shared by the upload form (import_io.c) and `cadre-admin llct import`.
 */
#include <stdlib.h>
#include <string.h>

#include "llct.h"
#include "import.h"

static void reset(llct_import_job *j) {
  j->plan_id = 0;
  j->plan_existed = false;
  memset(&j->created, 0, sizeof(j->created));
  memset(&j->existing, 0, sizeof(j->existing));
  j->pending = cadre_keep(j->req, json_array());
  j->changed = cadre_keep(j->req, json_array());
  j->dry_done = false;
}

static void note_change(llct_import_job *j, const char *what, const char *key, const char *stored,
                        const char *file) {
  json_array_append_new(j->changed, json_pack("{s:s, s:s, s:s, s:s}", "what", what, "key", key, "stored",
                                              stored, "file", file));
}

/* ---- who issues the plan, who carries it out -------------------------------- */

static int64_t owner_from_issuer(cadre_req *req, const char *issuer) {
  if (!issuer)
    return 0;
  /* "Ban Thường vụ Thành ủy Hà Nội" ends with the province's name */
  int64_t id = 0;
  int r = cadre_db_int(req, &id,
                       "SELECT id FROM agency WHERE kind = 'province' AND status = 'active'"
                       " AND ? LIKE CONCAT('%', name) ORDER BY CHAR_LENGTH(name) DESC LIMIT 1",
                       CV_ARGS(CV_STR(issuer)));
  return r == 1 ? id : 0;
}

static int resolve_owner_school(llct_import_job *j) {
  cadre_req *req = j->req;
  j->owner_id = j->owner_opt;
  if (!j->owner_id)
    j->owner_id = owner_from_issuer(req, j->plan.issuer);
  if (!j->owner_id && cadre_user_agency(req) > 0)
    j->owner_id = llct_agency_up(req, cadre_user_agency(req), "province");
  if (!j->owner_id)
    return cadre_fail(req, 422, "owner_unknown",
                      "Không xác định được tỉnh, thành ủy ban hành kế hoạch \"%s\": hãy chọn "
                      "đơn vị ban hành.",
                      j->plan.issuer ? j->plan.issuer : "");
  j->school_id = j->school_opt;
  if (!j->school_id)
    j->school_id = llct_agency_child(req, j->owner_id, "political_school");
  if (!j->school_id)
    return cadre_fail(req, 422, "school_unknown",
                      "Không xác định được trường chính trị thực hiện kế hoạch: hãy chọn trường.");
  int in_owner = cadre_in_scope(req, j->owner_id);
  int in_school = cadre_in_scope(req, j->school_id);
  if (in_owner < 0 || in_school < 0)
    return cadre_db_fail(req);
  if (!in_owner && !in_school)
    return cadre_fail(req, 403, "forbidden",
                      "Bạn chỉ được nhập kế hoạch của tỉnh, thành ủy hoặc trường thuộc phạm vi "
                      "của mình.");
  int64_t root = 0;
  if (cadre_db_int(req, &root, "SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                   CV_NONE) != 1)
    return cadre_db_fail(req);
  j->root_id = root;
  return 0;
}

/* ---- plan and parts --------------------------------------------------------- */

static int write_plan(llct_import_job *j) {
  cadre_req *req = j->req;
  const llct_pplan *p = &j->plan;
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO llct_plan (agency_id, school_agency_id, year, number, issued_on, issuer,"
      " title, target_total, target_full_time, target_part_time, cap_full_time, cap_part_time,"
      " ratio_num, ratio_den, announce_max_days, dossier_min_days, review_max_days,"
      " report_max_days, notice_min_days, late_max_days)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_INT(j->owner_id), CV_INT(j->school_id), CV_INT(p->year), CV_STR(p->number),
              CV_STR(p->issued_on[0] ? p->issued_on : NULL), CV_STR(p->issuer), CV_STR(p->title),
              CV_INT_IF(p->target_total >= 0, p->target_total), CV_INT_IF(p->target_ft >= 0, p->target_ft),
              CV_INT_IF(p->target_pt >= 0, p->target_pt), CV_INT(p->cap_ft), CV_INT(p->cap_pt),
              CV_INT(p->ratio_num), CV_INT(p->ratio_den), CV_INT(p->rules.announce_max_days),
              CV_INT(p->rules.dossier_min_days), CV_INT(p->rules.review_max_days),
              CV_INT(p->rules.report_max_days), CV_INT(p->rules.notice_min_days),
              CV_INT(p->rules.late_max_days)));
  if (n < 0 && cadre_db_is_duplicate(req)) {
    j->plan_existed = true;
    if (cadre_db_int(req, &j->plan_id,
                     "SELECT id FROM llct_plan WHERE agency_id = ? AND year = ? AND number = ?"
                     " FOR UPDATE",
                     CV_ARGS(CV_INT(j->owner_id), CV_INT(p->year), CV_STR(p->number))) != 1)
      return cadre_db_fail(req);
    j->existing.plans++;
    return 0;
  }
  if (n < 0) {
    if (llct_db_is_check_failure(req))
      return cadre_fail(req, 422, "bad_plan_limits",
                        "Sĩ số tối đa, tỷ lệ hoặc thời hạn nêu trong kế hoạch vượt giới hạn của "
                        "quy định (lớp tập trung ≤ 50, không tập trung ≤ 80 học viên).");
    return cadre_db_fail(req);
  }
  j->plan_id = cadre_db_last_id(req);
  j->created.plans++;
  json_t *after = json_pack("{s:s, s:i, s:I, s:I}", "number", p->number, "year", p->year, "agency_id",
                            (json_int_t)j->owner_id, "school_agency_id", (json_int_t)j->school_id);
  int rc = cadre_audit(req, "llct.plan", j->plan_id, "import", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

static int write_parts(llct_import_job *j) {
  const llct_pplan *p = &j->plan;
  for (int i = 0; i < p->napp; i++) {
    const llct_pappendix *ap = &p->app[i];
    const llct_declared *d = &ap->declared;
#define OPT(v) CV_INT_IF((v) >= 0, (v))
    int64_t n = cadre_db_exec(
        j->req,
        "INSERT INTO llct_plan_part (plan_id, appendix, title, cited_number, cited_on,"
        " declared_classes, declared_learners, declared_ft_classes, declared_ft_learners,"
        " declared_pt_classes, declared_pt_learners, table_classes, table_learners)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE plan_id = plan_id",
        CV_ARGS(CV_INT(j->plan_id), CV_INT(ap->number), CV_STR(ap->title), CV_STR(ap->cited_number),
                CV_STR(ap->cited_date[0] ? ap->cited_date : NULL), OPT(d->classes), OPT(d->learners),
                OPT(d->ft_classes), OPT(d->ft_learners), OPT(d->pt_classes), OPT(d->pt_learners),
                OPT(ap->table_classes), OPT(ap->table_learners)));
#undef OPT
    if (n < 0)
      return cadre_db_fail(j->req);
  }
  return 0;
}

/* ---- lines ------------------------------------------------------------------- */

static int64_t host_agency(llct_import_job *j, const char *name) {
  cadre_arena *a = cadre_arena_of(j->req);
  const char *f = cadre_fold(a, name);
  /* the plan's own organization board and school, whatever their names in
   * the agency tree */
  if (f && strncmp(f, "ban to chuc", 11) == 0) {
    int64_t board = llct_agency_child(j->req, j->owner_id, "province_board");
    if (board)
      return board;
  }
  if (f && strncmp(f, "truong", 6) == 0)
    return j->school_id;
  bool created;
  int64_t id = llct_agency_resolve(j->req, name, j->owner_id, j->owner_id, &created);
  if (created)
    json_array_append_new(j->pending, json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
  return id;
}

static int write_hosts(llct_import_job *j, int64_t line_id, const llct_pline *l) {
  for (int h = 0; h < l->nhosts; h++) {
    int64_t agency = host_agency(j, l->hosts[h]);
    if (!agency)
      return cadre_db_fail(j->req);
    if (cadre_db_exec(j->req,
                      "INSERT INTO llct_line_host (line_id, seq, agency_id, name_text)"
                      " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE seq = seq",
                      CV_ARGS(CV_INT(line_id), CV_INT(h + 1), CV_INT(agency), CV_STR(l->hosts[h]))) < 0)
      return cadre_db_fail(j->req);
  }
  return 0;
}

static int write_line(llct_import_job *j, const llct_pline *l, int64_t *line_id) {
  cadre_req *req = j->req;
  int64_t n =
      cadre_db_exec(req,
                    "INSERT INTO llct_line (plan_id, appendix, seq, source_line, month, year, month_label,"
                    " code, host_text, coord_text, location_text, learners, class_count, split_decided)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(j->plan_id), CV_INT(l->appendix), CV_INT(l->seq), CV_INT(l->source_line),
                            CV_INT(l->month), CV_INT(l->year), CV_STR(l->month_label), CV_STR(l->code),
                            CV_STR(l->host_text), CV_STR(l->coord_text), CV_STR(l->location_text),
                            CV_INT(l->learners), CV_INT(l->nclasses), CV_INT(l->split_decided)));
  if (n < 0 && !cadre_db_is_duplicate(req))
    return cadre_db_fail(req);
  if (n < 0) {
    json_t *row = cadre_db_row(req,
                               "SELECT id, learners, class_count, month FROM llct_line"
                               " WHERE plan_id = ? AND appendix = ? AND seq = ?",
                               CV_ARGS(CV_INT(j->plan_id), CV_INT(l->appendix), CV_INT(l->seq)));
    if (!row)
      return cadre_db_fail(req);
    *line_id = cadre_jint(row, "id", 0);
    j->existing.lines++;
    long stored_l = (long)cadre_jint(row, "learners", 0);
    long stored_c = (long)cadre_jint(row, "class_count", 0);
    if (stored_l != l->learners || stored_c != l->nclasses)
      note_change(j, "line", cadre_printf(req, "Phụ lục %d, dòng %d", l->appendix, l->seq),
                  cadre_printf(req, "%ld lớp / %ld học viên", stored_c, stored_l),
                  cadre_printf(req, "%d lớp / %ld học viên", l->nclasses, l->learners));
    return 0;
  }
  *line_id = cadre_db_last_id(req);
  j->created.lines++;
  json_t *after = json_pack("{s:i, s:i, s:I, s:i}", "appendix", l->appendix, "seq", l->seq, "learners",
                            (json_int_t)l->learners, "classes", l->nclasses);
  int rc = cadre_audit(req, "llct.line", *line_id, "import", NULL, after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  return write_hosts(j, *line_id, l);
}

/* ---- classes ----------------------------------------------------------------- */

static int write_units(llct_import_job *j, int64_t class_id, const llct_pclass *c, int appendix,
                       json_t *audit_units) {
  cadre_req *req = j->req;
  /* units of appendix 1 are the province's own; appendix 2 names central
   * agencies, which belong under the national root */
  int64_t home = appendix == 1 ? j->owner_id : j->root_id;
  for (int u = 0; u < c->nunits; u++) {
    const llct_punit *unit = &c->units[u];
    int64_t agency = 0;
    if (!unit->generic) {
      bool created;
      agency = llct_agency_resolve(req, unit->written, home, home, &created);
      if (!agency)
        return cadre_db_fail(req);
      if (created) {
        j->created.agencies++;
        json_array_append_new(j->pending,
                              json_pack("{s:I, s:s}", "id", (json_int_t)agency, "name", unit->name));
      }
    }
    int64_t n = cadre_db_exec(
        req,
        "INSERT INTO llct_allotment (class_id, seq, agency_id, name_text, note, allotted)"
        " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
        " allotted = IF(allotted IS NULL OR VALUES(allotted) IS NULL, NULL,"
        "               allotted + VALUES(allotted))",
        CV_ARGS(CV_INT(class_id), CV_INT(u + 1), CV_INT_IF(agency > 0, agency), CV_STR(unit->written),
                CV_STR(unit->note), CV_INT_IF(unit->allotted > 0, unit->allotted)));
    if (n < 0 && llct_db_is_check_failure(req))
      return cadre_fail(req, 422, "allotment_over_cap",
                        "Lớp %s: tổng chỉ tiêu các đơn vị vượt sĩ số tối đa của lớp.", c->code);
    if (n < 0)
      return cadre_db_fail(req);
    j->created.allotments++;
    json_array_append_new(audit_units,
                          json_pack("{s:s, s:o, s:o}", "unit", unit->written, "agency_id",
                                    agency > 0 ? json_integer(agency) : json_null(), "allotted",
                                    unit->allotted > 0 ? json_integer(unit->allotted) : json_null()));
  }
  return 0;
}

static int write_steps(llct_import_job *j, int64_t class_id) {
  /* the school runs every step (plan part II.4); a person can reassign */
  int64_t s = j->school_id;
  if (cadre_db_exec(j->req,
                    "INSERT INTO llct_step (class_id, step, responsible_agency_id) VALUES"
                    " (?, 1, ?), (?, 2, ?), (?, 3, ?), (?, 4, ?), (?, 5, ?), (?, 6, ?), (?, 7, ?)",
                    CV_ARGS(CV_INT(class_id), CV_INT(s), CV_INT(class_id), CV_INT(s), CV_INT(class_id),
                            CV_INT(s), CV_INT(class_id), CV_INT(s), CV_INT(class_id), CV_INT(s),
                            CV_INT(class_id), CV_INT(s), CV_INT(class_id), CV_INT(s))) < 0)
    return cadre_db_fail(j->req);
  j->created.steps += LLCT_STEPS;
  return 0;
}

static int existing_class(llct_import_job *j, const llct_pclass *c) {
  cadre_req *req = j->req;
  json_t *row = cadre_db_row(req, "SELECT planned_learners FROM llct_class WHERE plan_id = ? AND code = ?",
                             CV_ARGS(CV_INT(j->plan_id), CV_STR(c->code)));
  if (!row)
    return cadre_db_fail(req);
  j->existing.classes++;
  long stored = (long)cadre_jint(row, "planned_learners", LLCT_NONE);
  if (stored != c->learners)
    note_change(j, "class", c->code,
                stored >= 0 ? cadre_printf(req, "%ld học viên", stored) : "chưa xác định",
                c->learners >= 0 ? cadre_printf(req, "%ld học viên", c->learners) : "chưa xác định");
  return 0;
}

static int write_class(llct_import_job *j, int64_t line_id, const llct_pline *l, const llct_pclass *c) {
  cadre_req *req = j->req;
  const llct_pplan *p = &j->plan;
  int cap = c->mode == LLCT_MODE_FULL_TIME ? p->cap_ft : p->cap_pt;
  int64_t n = cadre_db_exec(
      req,
      "INSERT INTO llct_class (plan_id, line_id, code, seq_in_line, school_agency_id, mode,"
      " mode_basis, cap, planned_learners, month, year, location)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      CV_ARGS(CV_INT(j->plan_id), CV_INT(line_id), CV_STR(c->code), CV_INT(c->seq), CV_INT(j->school_id),
              CV_STR(llct_mode_code(c->mode)), CV_STR(llct_basis_code(c->basis)), CV_INT(cap),
              CV_INT_IF(c->learners > 0, c->learners), CV_INT(l->month), CV_INT(l->year),
              CV_STR(c->location)));
  if (n < 0 && cadre_db_is_duplicate(req))
    return existing_class(j, c);
  if (n < 0 && llct_db_is_check_failure(req))
    return cadre_fail(req, 422, "class_over_cap", "Lớp %s: %ld học viên vượt sĩ số tối đa %d của lớp.",
                      c->code, c->learners, cap);
  if (n < 0)
    return cadre_db_fail(req);
  int64_t class_id = cadre_db_last_id(req);
  j->created.classes++;
  json_t *units = json_array();
  int st = write_units(j, class_id, c, l->appendix, units);
  if (!st)
    st = write_steps(j, class_id);
  if (!st) {
    json_t *after = json_pack("{s:s, s:s?, s:o, s:i, s:o}", "code", c->code, "mode", llct_mode_code(c->mode),
                              "planned_learners", c->learners > 0 ? json_integer(c->learners) : json_null(),
                              "cap", cap, "units", units);
    units = NULL;
    if (cadre_audit(req, "llct.class", class_id, "import", NULL, after) < 0)
      st = cadre_db_fail(req);
    json_decref(after);
  }
  json_decref(units);
  return st;
}

static int write_lines(llct_import_job *j) {
  const llct_pplan *p = &j->plan;
  for (int i = 0; i < p->napp; i++) {
    const llct_pappendix *ap = &p->app[i];
    for (int k = 0; k < ap->nlines; k++) {
      const llct_pline *l = &ap->lines[k];
      int64_t line_id = 0;
      int st = write_line(j, l, &line_id);
      for (int c = 0; !st && c < l->nclasses; c++)
        st = write_class(j, line_id, l, &l->classes[c]);
      if (st)
        return st;
    }
  }
  return 0;
}

/* ---- the transaction ------------------------------------------------------------ */

static json_t *counts_json(const struct llct_import_counts *c) {
  return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "plans", c->plans, "lines", c->lines, "classes",
                   c->classes, "allotments", c->allotments, "steps", c->steps, "agencies_pending",
                   c->agencies);
}

static void finish_report(llct_import_job *j) {
  json_t *r = j->report;
  json_t *plan = json_object_get(r, "plan");
  json_object_set_new(plan, "id", j->dry_run ? json_null() : json_integer(j->plan_id));
  json_object_set_new(plan, "existed", json_boolean(j->plan_existed));
  json_object_set_new(plan, "agency_id", json_integer(j->owner_id));
  json_object_set_new(plan, "school_agency_id", json_integer(j->school_id));
  json_object_set(r, "created", cadre_keep(j->req, counts_json(&j->created)));
  json_object_set(r, "existing", cadre_keep(j->req, counts_json(&j->existing)));
  json_object_set(r, "pending_agencies", j->pending);
  json_object_set(r, "changed", j->changed);
  json_object_set_new(r, "dry_run", json_boolean(j->dry_run));
}

static int import_tx(cadre_req *req, void *ctx) {
  llct_import_job *j = ctx;
  reset(j);
  int st = resolve_owner_school(j);
  if (!st)
    st = write_plan(j);
  if (!st)
    st = write_parts(j);
  if (!st)
    st = write_lines(j);
  if (st)
    return st;
  finish_report(j);
  char *text = json_dumps(j->report, JSON_COMPACT);
  if (!text)
    return cadre_fail(req, 500, "internal", "Không tạo được báo cáo nhập kế hoạch.");
  /* the file itself is kept with the plan it produced (not for dry runs) */
  int64_t file_id = 0;
  if (!j->dry_run) {
    cadre_upload up = {.field = "file",
                       .filename = j->filename,
                       .mime = "text/plain",
                       .data = (const unsigned char *)j->data,
                       .size = j->len};
    file_id = cadre_file_store(req, &up, j->owner_id);
    if (file_id < 0) {
      free(text);
      return cadre_db_fail(req);
    }
  }
  int64_t n = cadre_db_exec(req,
                            "UPDATE llct_plan SET last_import_json = ?,"
                            " source_file_id = COALESCE(?, source_file_id) WHERE id = ?",
                            CV_ARGS(CV_STR(text), CV_INT_IF(file_id > 0, file_id), CV_INT(j->plan_id)));
  free(text);
  if (n < 0)
    return cadre_db_fail(req);
  if (j->dry_run) {
    j->dry_done = true;
    return 200; /* roll back: a dry run writes nothing */
  }
  return 0;
}

int llct_import_run(llct_import_job *j) {
  j->report = cadre_keep(j->req, llct_report_of(&j->plan));
  int st = cadre_tx(j->req, import_tx, j);
  if (st == 200 && j->dry_done)
    return 0;
  return st;
}
