/*
 * The Academy's implementation plan (kế hoạch) and the national dashboard:
 * the targets come from the plan's text (import-plan, or the upload form)
 * or are entered by the Academy; nothing here hard-codes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accreditation.h"

int accr_plans_list(cadre_req *req) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT id, code, title, regulation, regulation_date, year_from,"
                               " year_to, target_level1, target_level2_min, target_level2_max,"
                               " project_deadline, source, updated_at FROM accreditation_plan"
                               " ORDER BY year_from DESC, id DESC",
                               CV_NONE);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}

/* The plan in force today, else the latest one; NULL when there is none. */
static json_t *current_plan(cadre_req *req) {
  return cadre_db_row(req,
                      "SELECT id, code, title, regulation, regulation_date, year_from, year_to,"
                      " target_level1, target_level2_min, target_level2_max, project_deadline,"
                      " source FROM accreditation_plan"
                      " ORDER BY (YEAR(?) BETWEEN year_from AND year_to) DESC, year_from DESC,"
                      " id DESC LIMIT 1",
                      CV_ARGS(CV_STR(cadre_today(req))));
}

json_t *accr_current_plan(cadre_req *req) { return current_plan(req); }

int accr_plan_store(cadre_req *req, const char *code, const char *source, const struct accr_plan_facts *p,
                    int64_t *id) {
  const char *regulation = cadre_printf(req, "%d-QĐ/TW", p->regulation_number);
  const char *title = cadre_printf(req,
                                   "Kế hoạch triển khai thực hiện Quy định số %s về trường "
                                   "chính trị chuẩn (giai đoạn %d-%d)",
                                   regulation, p->year_from, p->year_to);
  json_t *before =
      cadre_db_row(req, "SELECT * FROM accreditation_plan WHERE code = ? FOR UPDATE", CV_ARGS(CV_STR(code)));
  if (!before && cadre_db_errno(req))
    return -1;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_plan (code, title, regulation, regulation_date,"
                    " year_from, year_to, target_level1, target_level2_min, target_level2_max,"
                    " project_deadline, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON DUPLICATE KEY UPDATE title = VALUES(title),"
                    " regulation = VALUES(regulation), regulation_date = VALUES(regulation_date),"
                    " year_from = VALUES(year_from), year_to = VALUES(year_to),"
                    " target_level1 = VALUES(target_level1),"
                    " target_level2_min = VALUES(target_level2_min),"
                    " target_level2_max = VALUES(target_level2_max),"
                    " project_deadline = VALUES(project_deadline), source = VALUES(source)",
                    CV_ARGS(CV_STR(code), CV_STR(title), CV_STR(regulation), CV_STR(p->regulation_date),
                            CV_INT(p->year_from), CV_INT(p->year_to), CV_INT(p->target_level1),
                            CV_INT(p->target_level2_min), CV_INT(p->target_level2_max),
                            CV_STR(p->project_deadline), CV_STR(source))) < 0)
    return -1;
  json_t *after = cadre_db_row(req, "SELECT * FROM accreditation_plan WHERE code = ?", CV_ARGS(CV_STR(code)));
  if (!after)
    return -1;
  *id = cadre_jint(after, "id", 0);
  return accr_audit(req, "plan", *id, before ? "update" : "create", before, after);
}

static const char *plan_code(cadre_req *req, const struct accr_plan_facts *p) {
  return cadre_printf(req, "KH-%d-%d-%d", p->regulation_number, p->year_from, p->year_to);
}

struct plan_ctx {
  struct accr_plan_facts facts;
  const char *code;
  const char *source;
  int64_t id;
};

static int plan_tx(cadre_req *req, void *arg) {
  struct plan_ctx *ctx = arg;
  return accr_plan_store(req, ctx->code, ctx->source, &ctx->facts, &ctx->id) ? cadre_db_fail(req) : 0;
}

static int reply_plan(cadre_req *req, int64_t id, int status) {
  json_t *row = accr_row(req, "SELECT * FROM accreditation_plan WHERE id = ?", id);
  return row ? cadre_reply_json(req, status, row) : cadre_db_fail(req);
}

/* POST /plans: the Academy enters the figures itself. */
int accr_plan_save(cadre_req *req) {
  struct plan_ctx ctx = {0};
  struct accr_plan_facts *p = &ctx.facts;
  p->regulation_number = (int)cadre_int(req, "regulation_number", 0);
  snprintf(p->regulation_date, sizeof(p->regulation_date), "%s", cadre_str0(req, "regulation_date"));
  p->year_from = (int)cadre_int(req, "year_from", 0);
  p->year_to = (int)cadre_int(req, "year_to", 0);
  p->target_level1 = (int)cadre_int(req, "target_level1", 0);
  p->target_level2_min = (int)cadre_int(req, "target_level2_min", 0);
  p->target_level2_max = (int)cadre_int(req, "target_level2_max", 0);
  snprintf(p->project_deadline, sizeof(p->project_deadline), "%s", cadre_str0(req, "project_deadline"));
  if (p->year_to < p->year_from)
    return cadre_fail(req, 422, "plan_years_reversed", "Năm kết thúc phải không trước năm bắt đầu.");
  if (p->target_level2_max < p->target_level2_min)
    return cadre_fail(req, 422, "plan_targets_reversed",
                      "Chỉ tiêu mức 2 tối đa phải không nhỏ hơn tối thiểu.");
  ctx.code = cadre_str(req, "code") ? cadre_str(req, "code") : plan_code(req, p);
  ctx.source = "Nhập tay";
  int rc = cadre_tx(req, plan_tx, &ctx);
  return rc ? rc : reply_plan(req, ctx.id, 200);
}

static const char *missing_title(const char *missing) {
  if (strcmp(missing, "regulation") == 0)
    return "số và ngày của Quy định";
  if (strcmp(missing, "period") == 0)
    return "giai đoạn thực hiện";
  if (strcmp(missing, "target_level1") == 0)
    return "chỉ tiêu trường đạt chuẩn mức 1";
  if (strcmp(missing, "target_level2") == 0)
    return "chỉ tiêu trường đạt chuẩn mức 2";
  if (strcmp(missing, "project_deadline") == 0)
    return "hạn trình Đề án lên ban thường vụ";
  return missing;
}

/* POST /plans/import: the plan's text (as extracted from the PDF). */
int accr_plan_import(cadre_req *req) {
  const cadre_upload *up = cadre_file(req, "file");
  char *text = cadre_arena_strndup(cadre_arena_of(req), (const char *)up->data, up->size);
  struct plan_ctx ctx = {0};
  const char *missing = NULL;
  if (!text || accr_plan_parse(cadre_arena_of(req), text, &ctx.facts, &missing))
    return cadre_fail(req, 422, "plan_unreadable", "Không tìm thấy %s trong văn bản kế hoạch.",
                      missing_title(missing ? missing : "text"));
  ctx.code = plan_code(req, &ctx.facts);
  ctx.source = up->filename && *up->filename ? up->filename : "upload";
  int rc = cadre_tx(req, plan_tx, &ctx);
  return rc ? rc : reply_plan(req, ctx.id, 200);
}

/* cadre-admin accreditation import-plan FILE */
int accr_cmd_import_plan(cadre_req *ctx, int argc, char **argv) {
  /* argv[0] is the verb itself */
  argc--, argv++;
  if (argc < 1) {
    fprintf(stderr, "cách dùng: import-plan TỆP_KẾ_HOẠCH.txt\n");
    return 2;
  }
  size_t len;
  char *text = accr_slurp(argv[0], &len);
  if (!text) {
    fprintf(stderr, "Không đọc được tệp %s.\n", argv[0]);
    return 1;
  }
  struct plan_ctx pc = {0};
  const char *missing = NULL;
  int bad = accr_plan_parse(cadre_arena_of(ctx), text, &pc.facts, &missing);
  free(text);
  if (bad) {
    fprintf(stderr, "Không tìm thấy %s trong văn bản kế hoạch.\n", missing_title(missing));
    return 1;
  }
  const char *slash = strrchr(argv[0], '/');
  pc.code = plan_code(ctx, &pc.facts);
  pc.source = slash ? slash + 1 : argv[0];
  if (cadre_tx(ctx, plan_tx, &pc)) {
    fprintf(stderr, "Không lưu được kế hoạch.\n");
    return 1;
  }
  const struct accr_plan_facts *p = &pc.facts;
  char reg[11], deadline[11];
  cadre_date d;
  cadre_date_vn(cadre_date_parse(p->regulation_date, &d) ? d : (cadre_date){0, 0, 0}, reg);
  cadre_date_vn(cadre_date_parse(p->project_deadline, &d) ? d : (cadre_date){0, 0, 0}, deadline);
  printf("Kế hoạch %s: Quy định %d-QĐ/TW ngày %s, giai đoạn %d-%d; chỉ tiêu mức 1: %d trường;"
         " mức 2: %d-%d trường; hạn trình Đề án: trước %s.\n",
         pc.code, p->regulation_number, reg, p->year_from, p->year_to, p->target_level1, p->target_level2_min,
         p->target_level2_max, deadline);
  return 0;
}

/* ---- The national dashboard ----------------------------------------------- */

static json_t *recognised_counts(cadre_req *req, json_t *plan) {
  int from = 2000, to = 2100; /* no plan yet: every recognition counts */
  if (plan) {
    from = (int)cadre_jint(plan, "year_from", 0);
    to = (int)cadre_jint(plan, "year_to", 0);
  }
  /* Distinct schools holding a recognition at each level, decided within the
   * plan's period, neither withdrawn nor expired today. */
  return cadre_db_row(
      req,
      "SELECT COUNT(DISTINCT IF(r.level = 1, r.school_agency_id, NULL)) AS level1,"
      " COUNT(DISTINCT IF(r.level = 2, r.school_agency_id, NULL)) AS level2,"
      " COUNT(DISTINCT IF(r.status = 'warning', r.school_agency_id, NULL)) AS warning"
      " FROM accreditation_recognition r WHERE r.status <> 'withdrawn' AND r.valid_until >= ?"
      " AND YEAR(r.decision_date) BETWEEN ? AND ? AND" ACCR_SCHOOL_VISIBLE("r.school_agency_id"),
      CV_ARGS(CV_STR(cadre_today(req)), CV_INT(from), CV_INT(to), ACCR_VIS_ARGS(req)));
}

static json_t *pipeline(cadre_req *req) {
  json_t *rows = cadre_db_rows(req,
                               "SELECT c.state, COUNT(*) AS n FROM accreditation_cycle c"
                               " WHERE c.open_marker = 1 AND" ACCR_CYCLE_VISIBLE("c") " GROUP BY c.state",
                               CV_ARGS(ACCR_VIS_ARGS(req)));
  if (!rows)
    return NULL;
  json_t *out = cadre_json_arr(req);
  for (int s = 0; s < ACCR_S_COUNT; s++) {
    if (accr_state_terminal((enum accr_state)s))
      continue;
    int64_t n = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) if (strcmp(cadre_jstr(r, "state"), accr_state_code((enum accr_state)s)) ==
                                       0) n = cadre_jint(r, "n", 0);
    json_t *o = json_object();
    json_object_set_new(o, "state", json_string(accr_state_code((enum accr_state)s)));
    json_object_set_new(o, "title", json_string(accr_state_title((enum accr_state)s)));
    json_object_set_new(o, "count", json_integer(n));
    json_array_append_new(out, o);
  }
  return out;
}

static json_t *roadmap_by_year(cadre_req *req) {
  return cadre_db_rows(
      req,
      "SELECT m.target_year AS year, SUM(m.target_level = 1) AS level1,"
      " SUM(m.target_level = 2) AS level2 FROM accreditation_roadmap m"
      " WHERE" ACCR_SCHOOL_VISIBLE("m.school_agency_id") " GROUP BY m.target_year ORDER BY m.target_year",
      CV_ARGS(ACCR_VIS_ARGS(req)));
}

static json_t *school_counts(cadre_req *req) {
  return cadre_db_row(req,
                      "SELECT COUNT(*) AS total,"
                      " SUM(EXISTS (SELECT 1 FROM accreditation_roadmap m WHERE m.school_agency_id = a.id))"
                      " AS with_roadmap,"
                      " SUM(EXISTS (SELECT 1 FROM accreditation_cycle c WHERE c.school_agency_id = a.id))"
                      " AS with_cycle"
                      " FROM agency a WHERE a.kind IN ('political_school', 'sector_school')"
                      " AND a.status = 'active' AND" ACCR_SCHOOL_VISIBLE("a.id"),
                      CV_ARGS(ACCR_VIS_ARGS(req)));
}

static void set_progress(json_t *out, const char *key, json_t *counts, const char *level, int64_t target) {
  int64_t n = cadre_jint(counts, level, 0);
  json_object_set_new(out, key, target > 0 ? json_real((double)n / (double)target) : json_null());
}

int accr_dashboard(cadre_req *req) {
  json_t *plan = current_plan(req);
  if (!plan && cadre_db_errno(req))
    return cadre_db_fail(req);
  json_t *recognised = recognised_counts(req, plan);
  json_t *pipe = pipeline(req);
  json_t *roadmaps = roadmap_by_year(req);
  json_t *schools = school_counts(req);
  json_t *projects = accr_project_summary(req, plan);
  if (!recognised || !pipe || !roadmaps || !schools || !projects)
    return cadre_db_fail(req);
  json_t *out = cadre_json_obj(req);
  json_object_set_new(out, "today", json_string(cadre_today(req)));
  json_object_set(out, "plan", plan ? plan : json_null());
  json_object_set(out, "recognised", recognised);
  json_t *progress = json_object();
  if (plan) {
    set_progress(progress, "level1", recognised, "level1", cadre_jint(plan, "target_level1", 0));
    set_progress(progress, "level2", recognised, "level2", cadre_jint(plan, "target_level2_min", 0));
  }
  json_object_set_new(out, "progress", progress);
  json_object_set(out, "pipeline", pipe);
  json_object_set(out, "roadmap_by_year", roadmaps);
  json_object_set(out, "schools", schools);
  json_object_set(out, "projects", projects);
  return cadre_reply_json(req, 200, out);
}
