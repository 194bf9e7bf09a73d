/*
 * The accreditation plugin's internal declarations: roles, who may see and
 * do what (access.c), shared helpers (util.c) and the handlers of each file.
 */
#ifndef ACCREDITATION_H
#define ACCREDITATION_H

#include <cadre/cadre.h>

#include "logic.h"

/* ---- Roles ---------------------------------------------------------------- */

#define ACCR_ROLE_SCHOOL "accr_school_officer"
#define ACCR_ROLE_HEAD "accr_school_head"
#define ACCR_ROLE_PROVINCE "accr_province"
#define ACCR_ROLE_PROV_COUNCIL "accr_prov_council"
#define ACCR_ROLE_CENTRAL_COUNCIL "accr_central_council"
#define ACCR_ROLE_ACADEMY "accr_academy"

/* Everyone who uses the module (route declarations). */
#define ACCR_ROLES_ALL                                                                                       \
  "accr_school_officer accr_school_head accr_province accr_prov_council "                                    \
  "accr_central_council accr_academy viewer"
/* Roles that read by agency scope; council members read by assignment. */
#define ACCR_ROLES_SCOPED "accr_school_officer accr_school_head accr_province accr_academy viewer"
#define ACCR_ROLES_SCHOOL "accr_school_officer accr_school_head"
#define ACCR_ROLES_COUNCIL_MGR "accr_province accr_academy"
#define ACCR_ROLES_ACTORS                                                                                    \
  "accr_school_officer accr_school_head accr_province accr_prov_council "                                    \
  "accr_central_council accr_academy"

/* ---- Visibility (access.c) ------------------------------------------------ */

/* A school's data is visible to callers with a scoped role whose scope holds
 * the school, and to members of a council assigned to one of its cycles who
 * have not declared a conflict with it. Each fragment binds three
 * parameters, given by ACCR_VIS_ARGS(req), in this order. */
#define ACCR_SCHOOL_VISIBLE(col)                                                                             \
  " ((? = 1 AND EXISTS (SELECT 1 FROM agency_closure vs WHERE vs.descendant = " col                          \
  " AND vs.ancestor = ?)) OR EXISTS (SELECT 1 FROM accreditation_cycle vc"                                   \
  " JOIN accreditation_council_member vm ON vm.council_id IN"                                                \
  " (vc.provincial_council_id, vc.central_council_id)"                                                       \
  " WHERE vc.school_agency_id = " col " AND vm.user_id = ? AND NOT EXISTS"                                   \
  " (SELECT 1 FROM accreditation_conflict vx WHERE vx.council_id = vm.council_id"                            \
  " AND vx.user_id = vm.user_id AND vx.school_agency_id = vc.school_agency_id))) "

/* The same for one cycle (alias `a`): its own councils only. */
#define ACCR_CYCLE_VISIBLE(a)                                                                                \
  " ((? = 1 AND EXISTS (SELECT 1 FROM agency_closure vs WHERE vs.descendant = " a                            \
  ".school_agency_id AND vs.ancestor = ?)) OR EXISTS (SELECT 1 FROM"                                         \
  " accreditation_council_member vm WHERE vm.user_id = ? AND vm.council_id IN (" a                           \
  ".provincial_council_id, " a ".central_council_id) AND NOT EXISTS (SELECT 1"                               \
  " FROM accreditation_conflict vx WHERE vx.council_id = vm.council_id AND"                                  \
  " vx.user_id = vm.user_id AND vx.school_agency_id = " a ".school_agency_id))) "

#define ACCR_VIS_ARGS(req)                                                                                   \
  CV_INT(accr_reads_by_scope(req)), CV_INT(cadre_scope_root(req)), CV_INT(cadre_user_id(req))

bool accr_reads_by_scope(cadre_req *req);

/* The caller as a "by" column: NULL for the system user of commands. */
#define ACCR_USER(req) CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req))

struct accr_cycle {
  int64_t id;
  int64_t school_id;
  int64_t version_id;
  int64_t prov_council_id;    /* 0 when none */
  int64_t central_council_id; /* 0 when none */
  int target_level;
  enum accr_state state;
  json_t *row; /* the row as read (request-owned) */
};

/* Loads a cycle the caller may see (FOR UPDATE inside a transaction when
 * `lock`). Returns 0, or the status it answered (404 when not visible). */
int accr_cycle_load(cadre_req *req, int64_t id, bool lock, struct accr_cycle *out);

/* What the caller is for this cycle (enum accr_actor bits). *conflicted is
 * set when the caller sits on one of its councils but declared a conflict. */
unsigned accr_actor_mask(cadre_req *req, const struct accr_cycle *c, bool *conflicted);

/* 1 when the caller may read the school's data, 0 not, -1 error. */
int accr_school_visible(cadre_req *req, int64_t school_id);
/* 0 when visible, else answers 404 and returns it. */
int accr_require_school_visible(cadre_req *req, int64_t school_id);
/* 0 when the caller works at the school with a school role (they edit its
 * own dossier, library, roadmap and staff); else answers 404 when the school
 * is not theirs to see, 403 when they may see but not edit. */
int accr_require_school_staff(cadre_req *req, int64_t school_id);
/* 1 when the agency is a school (political or sector school). */
int accr_is_school(cadre_req *req, int64_t agency_id);

/* ---- Helpers (util.c) ----------------------------------------------------- */

/* The export format asked for ("json" when absent). */
const char *accr_format(cadre_req *req);
/* A field's value, or `dflt` when absent. */
const char *accr_str_or(cadre_req *req, const char *name, const char *dflt);
/* Audit in the module's namespace: entity "accreditation.<what>". */
int accr_audit(cadre_req *req, const char *what, int64_t id, const char *action, json_t *before,
               json_t *after);
/* One row by id as request-owned JSON (NULL when absent or on error). */
json_t *accr_row(cadre_req *req, const char *sql, int64_t id);
/* Who is told about a cycle's step, relative to its school. */
enum accr_audience {
  ACCR_AUD_AT,       /* users at the school (or its departments) */
  ACCR_AUD_OVER,     /* the province (its board) whose scope holds the school */
  ACCR_AUD_NATIONAL, /* national-scope users (the Academy) */
};
/* Emails every user holding `role` in that audience, once per dedupe key
 * (the key is suffixed with each address). 0, or -1 on error. */
int accr_notify(cadre_req *req, const char *role, int64_t school_id, enum accr_audience aud,
                const char *subject, const char *body, const char *dedupe);
/* Emails the members of a council, except those conflicted with the school. */
int accr_notify_council(cadre_req *req, int64_t council_id, int64_t school_id, const char *subject,
                        const char *body, const char *dedupe);
/* The message for a database error that a unique or foreign key refused, or
 * the generic answer. */
int accr_db_refused(cadre_req *req, const char *dup_code, const char *dup_msg);

/* ---- Handlers (one file per topic) ---------------------------------------- */

/* versions.c — standards and their criteria */
int accr_versions_list(cadre_req *req);
int accr_version_create(cadre_req *req);
int accr_version_update(cadre_req *req);
int accr_criteria_list(cadre_req *req);
int accr_criterion_create(cadre_req *req);
int accr_criterion_update(cadre_req *req);
int accr_criterion_delete(cadre_req *req);
/* The version's criteria in reading order (depth-first), with depth,
 * parent_code, levels_text and an `assessable` flag for leaves. */
json_t *accr_criteria_tree(cadre_req *req, int64_t version_id);

/* catalogue_import.c — CSV import (route and command) and the template */
int accr_catalogue_import(cadre_req *req);
int accr_catalogue_template(cadre_req *req);
int accr_cmd_import_criteria(cadre_req *ctx, int argc, char **argv);
struct accr_import_report {
  int rows, created, updated, errors;
  json_t *messages; /* [{line, column, message}] */
};
/* Imports CSV text into a version, all or nothing. Returns 0 when the rows
 * are valid (and, unless dry_run, stored), 422 when some are not (report
 * filled), or an HTTP status for other failures (answered). */
int accr_import_csv(cadre_req *req, int64_t version_id, const char *data, size_t len, bool dry_run,
                    struct accr_import_report *report);
/* Reads a whole file (malloc'd, NUL-terminated); NULL when it cannot. */
char *accr_slurp(const char *path, size_t *len);
extern const char accr_sample_catalogue_396[];
extern const char accr_sample_catalogue_11[];

/* plans.c — the plan's targets, the national dashboard */
int accr_plans_list(cadre_req *req);
int accr_plan_save(cadre_req *req);
int accr_plan_import(cadre_req *req);
int accr_dashboard(cadre_req *req);
int accr_cmd_import_plan(cadre_req *ctx, int argc, char **argv);
/* The plan in force today, else the latest; NULL when none (or on error). */
json_t *accr_current_plan(cadre_req *req);
int accr_plan_store(cadre_req *req, const char *code, const char *source, const struct accr_plan_facts *p,
                    int64_t *id);

/* projects.c — provincial projects (Đề án) */
int accr_projects_list(cadre_req *req);
int accr_project_save(cadre_req *req);
/* Counts of provinces in scope by project status against the plan's
 * deadline: {provinces, on_time, late, pending, missing}. */
json_t *accr_project_summary(cadre_req *req, json_t *plan);

/* schools.c — schools, roadmaps, milestones */
int accr_schools_list(cadre_req *req);
int accr_school_get(cadre_req *req);
int accr_roadmap_save(cadre_req *req);
int accr_milestone_create(cadre_req *req);
int accr_milestone_update(cadre_req *req);
int accr_milestone_delete(cadre_req *req);

/* councils.c — councils, members, conflicts */
int accr_councils_list(cadre_req *req);
int accr_council_create(cadre_req *req);
int accr_council_get(cadre_req *req);
int accr_council_member_add(cadre_req *req);
int accr_council_member_remove(cadre_req *req);
int accr_conflict_declare(cadre_req *req);
int accr_cycle_assign_council(cadre_req *req);

/* cycles.c — cycles: list, create, read, clone */
int accr_cycles_list(cadre_req *req);
int accr_cycle_create(cadre_req *req);
int accr_cycle_get(cadre_req *req);
int accr_cycle_criteria(cadre_req *req);
int accr_cycle_clone(cadre_req *req);
/* Creates the cycle and, when cloning, copies evidence links and previous
 * results. Runs inside the caller's transaction. Returns the new id or -1. */
int64_t accr_cycle_insert(cadre_req *req, int64_t school_id, int64_t version_id, int level, const char *title,
                          int64_t cloned_from);

/* transitions.c — the state machine over HTTP */
int accr_cycle_transition(cadre_req *req);
/* The actions the caller may take now (for the cycle page). */
json_t *accr_allowed_actions(cadre_req *req, const struct accr_cycle *c);
/* Runs one transition for the caller inside a transaction (also used by the
 * demo command). Returns 0 or the status answered. */
struct accr_transition_input {
  const char *note;
  int level;
  const char *decision_no;
  const char *decision_date;
  const char *valid_until;
};
int accr_transition_run(cadre_req *req, int64_t cycle_id, enum accr_action action,
                        const struct accr_transition_input *in);

/* assessments.c — results per criterion and layer */
int accr_assessment_save(cadre_req *req);
int accr_assessment_sheet(cadre_req *req);
/* The assessable criteria (leaves) of a cycle's version with the three
 * layers' results: self_result, self_score, provincial_result, …, stale. */
json_t *accr_cycle_leaves(cadre_req *req, int64_t cycle_id, int64_t version_id);
/* Readiness from those rows, on one layer or (ACCR_L_COUNT) on the latest
 * layer that has a result for each criterion. */
void accr_readiness_of(json_t *leaves, enum accr_layer layer, struct accr_readiness *out);
json_t *accr_readiness_json(cadre_req *req, const struct accr_readiness *r);
/* How many leaves applicable at `level` have no result on `layer` (and, for
 * the provincial layer, how many are stale). */
int accr_missing_results(json_t *leaves, enum accr_layer layer, int level, int *stale);

/* evidence.c — the evidence library, links, files */
int accr_evidence_list(cadre_req *req);
int accr_evidence_create(cadre_req *req);
int accr_evidence_update(cadre_req *req);
int accr_evidence_delete(cadre_req *req);
int accr_evidence_file(cadre_req *req);
int accr_file_get(cadre_req *req);
int accr_link_add(cadre_req *req);
int accr_link_remove(cadre_req *req);

/* appraisal.c — site visits */
int accr_site_visit_add(cadre_req *req);

/* inspections.c — inspections after recognition */
int accr_register(cadre_req *req);
/* A recognition's standing as people read it: maintained, under warning,
 * expired (past valid_until), withdrawn. */
const char *accr_recognition_standing(const char *status, bool expired);
/* public_register.c — the register anyone may read */
int accr_public_register(cadre_req *req);
int accr_recognition_get(cadre_req *req);
int accr_inspection_create(cadre_req *req);
int accr_inspection_get(cadre_req *req);
int accr_finding_add(cadre_req *req);
int accr_action_add(cadre_req *req);
int accr_action_update(cadre_req *req);
int accr_inspection_close(cadre_req *req);

/* staff.c — staff and the staff review */
int accr_staff_list(cadre_req *req);
int accr_staff_create(cadre_req *req);
int accr_staff_update(cadre_req *req);
int accr_staff_review(cadre_req *req);

/* reports.c — readiness, evidence coverage, summary sheets, five-year review */
int accr_report_readiness(cadre_req *req);
int accr_cycle_readiness(cadre_req *req);
int accr_report_evidence(cadre_req *req);
int accr_cycle_summary(cadre_req *req);
int accr_report_review(cadre_req *req);
int accr_meta(cadre_req *req);

/* remind.c — expiring evidence and overdue actions (cron) */
int accr_cmd_remind(cadre_req *ctx, int argc, char **argv);

/* demo.c */
int accr_cmd_demo(cadre_req *ctx, int argc, char **argv);

#endif
