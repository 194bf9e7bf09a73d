/*
 * The emulation module's internal declarations: handlers (one file per
 * topic) and the helpers they share (common.c). Pure rules are in rules.h.
 */
#ifndef EMULATION_H
#define EMULATION_H

#include <cadre/cadre.h>

#include "rules.h"

/* ---- common.c: the year, the caller, the cluster ------------------------- */

struct em_year {
  int64_t id;
  int year;
  struct em_thresholds targets;
  int gap_pct;
  em_pts gap_total;
  int flag_slots, merit_slots;
  json_t *row; /* the whole row (request-owned) */
};

/* Loads a year by its number; answers 404 when there is none and returns
 * that status (0 on success). */
int em_year_load(cadre_req *req, int year, struct em_year *out);
int em_year_load_id(cadre_req *req, int64_t year_id, struct em_year *out);

/* The caller as the module sees them for one year. */
struct em_actor {
  bool board;      /* emulation_board with national scope (or the CLI) */
  int64_t school;  /* the member school the caller acts for, 0 if none */
  int64_t cluster; /* that school's cluster */
  bool head, deputy;
};

/* -1 on a database error (not answered), 0 otherwise. */
int em_actor_load(cadre_req *req, int64_t year_id, struct em_actor *out);
bool em_is_board(cadre_req *req);

struct em_cluster {
  int64_t id, year_id;
  bool finalized;
  int final_round;
  int64_t head, deputy; /* 0 when not set */
  json_t *row;
};

/* Loads a cluster; 404 when unknown. */
int em_cluster_load(cadre_req *req, int64_t id, struct em_cluster *out);

/* How the caller sees a cluster: 0 and *viewer set when they may; otherwise
 * answers 404 (a cluster of another school's is as good as absent) and
 * returns the status. */
int em_cluster_viewer(cadre_req *req, const struct em_actor *a, const struct em_cluster *c,
                      enum em_viewer *viewer);
/* 1 when the school is within the caller's agency scope, 0 not, -1 error. */
int em_school_in_scope(cadre_req *req, int64_t school_id);

/* What most handlers read first. Each returns 0, or the status it answered
 * (404 for an unknown year or cluster, a database failure). */
/* The year of the route's "year" field and the caller for that year. */
int em_year_actor(cadre_req *req, struct em_year *y, struct em_actor *a);
/* The cluster of the route's "id" field and the caller for its year; with
 * y non-NULL, the cluster's year as well. */
int em_cluster_actor(cadre_req *req, struct em_cluster *c, struct em_year *y, struct em_actor *a);
/* em_cluster_actor, then em_cluster_viewer: 404 when the caller may not see
 * the cluster. */
int em_cluster_open(cadre_req *req, struct em_cluster *c, struct em_year *y, struct em_actor *a,
                    enum em_viewer *viewer);

/* The head of the cluster or the board; otherwise answers 403 head_only. */
int em_require_head(cadre_req *req, const struct em_actor *a, const struct em_cluster *c);
/* A member school of the year; otherwise answers 403 not_a_member. */
int em_require_member(cadre_req *req, const struct em_year *y, const struct em_actor *a);
/* The board; otherwise answers 403 board_only. */
int em_require_board(cadre_req *req);

/* A deadline row of the year by kind; 404 unknown_kind when none. */
int em_deadline_load(cadre_req *req, int64_t year_id, const char *kind, json_t **row);

/* The lock exception in force for an owner, as "yyyy-mm-dd" or NULL. */
const char *em_exception_until(cadre_req *req, int64_t deadline_id, int64_t cluster_id, int64_t school_id);

/* Is the school evaluated this year (its plan in time)? */
enum em_eval em_school_evaluated(cadre_req *req, const struct em_year *y, int64_t cluster_id,
                                 int64_t school_id);

/* The cluster's members: school_id, code, name, kind, cross_checker_school_id,
 * checker_name, is_head, is_deputy, evaluation ("evaluated", "pending",
 * "not_evaluated"). NULL on a database error. */
json_t *em_members(cadre_req *req, int64_t cluster_id);

/* The caller for *_by columns: NULL for the system user of cadre-admin
 * commands (whose id is -1). */
#define EM_USER(req) CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req))

/* ---- small JSON helpers ---------------------------------------------------- */

/* Row columns are read with cadre_jint/cadre_jstr/cadre_jtrue (row.h);
 * points come from the database as integer hundredths
 * (CAST(ROUND(x * 100) AS SIGNED)), never as reals. */
/* A points value (hundredths) as JSON text "9.5"; request-owned. */
json_t *em_pts_json(cadre_req *req, em_pts p);
/* A percent-of-whole in tenths as a JSON real rounded for display, or null. */
json_t *em_permille_json(int64_t permille);
void em_set(json_t *obj, const char *key, json_t *value); /* steals value */

/* Answers a failed write: duplicate-key and foreign-key errors become the
 * given Vietnamese conflicts, anything else cadre_db_fail(). */
int em_db_conflict(cadre_req *req, const char *dup_code, const char *dup_msg, const char *fk_code,
                   const char *fk_msg);

/* ---- notify.c ------------------------------------------------------------ */

/* Queues an email to every active user with an email at the school (or
 * under it), in the current transaction. 0, or -1 on a database error. */
int em_notify_school(cadre_req *req, int64_t school_id, const char *subject, const char *body,
                     const char *dedupe_prefix);

/* ---- letter_import.c ------------------------------------------------------- */

/* Applies a parsed letter: creates or updates the year (theme, content,
 * number, date, targets) and its deadlines, and the sample sheets when the
 * year has none. Runs in the caller's transaction. Fills `report`. 0, or an
 * answered/failed status. */
int em_letter_apply(cadre_req *req, const struct em_letter *l, bool dry_run, json_t *report);
json_t *em_letter_report(cadre_req *req, const struct em_letter *l);
/* Reads a letter file, applies it and prints the report (CLI and demo).
 * Returns a process exit status. */
int em_import_file(cadre_req *ctx, const char *path, bool dry_run);

/* ---- years.c ------------------------------------------------------------- */

/* Creates the deadlines of a year from the built-in calendar (INSERT IGNORE:
 * existing rows stay). -1 on error. */
int em_deadlines_default(cadre_req *req, int64_t year_id, int year);
/* Creates the sample sheets of a year when it has none. -1 on error. */
int em_sheets_sample(cadre_req *req, int64_t year_id);

/* ---- table.c --------------------------------------------------------------- */

/* The cluster's score table computed from the current scores: an array of
 * rows {school_id, code, name, kind, evaluated, self_state, cross_state,
 * self_total, cross_total, final_total, gap_flag, gap_criteria, rank,
 * unranked_reason, award, award_tie}. NULL on a database error. */
json_t *em_table_live(cadre_req *req, const struct em_year *y, const struct em_cluster *c);
/* Inside a transaction: locks the cluster, checks every school that scored
 * itself was cross-checked, freezes the table as the next round, marks the
 * cluster finalised and audits it. 0 (round in *round) or answered status. */
int em_finalize_in_tx(cadre_req *req, const struct em_year *y, const struct em_cluster *c, int *round);

/* ---- submissions.c ------------------------------------------------------- */

/* Deadlines of one level ("school"/"cluster") with the owner's submission
 * (school_id 0 for the cluster's own), its window, timeliness and files. */
json_t *em_owner_items(cadre_req *req, int64_t year_id, int64_t cluster_id, int64_t school_id,
                       const char *level);
/* Adds "window" and "timeliness" (pending, overdue, on_time, late) to a row
 * holding due_date, lock_date, exception_until and first_submitted_at. */
void em_annotate_item(cadre_req *req, json_t *row);
/* Inside a transaction: locks the school's submission of `kind` and answers
 * 409 submission_locked / 422 past_lock_date unless its contents may still
 * change (figures belong to the report, self-scores to the score sheet). */
int em_lock_editable(cadre_req *req, const struct em_year *y, const char *kind, int64_t cluster_id,
                     int64_t school_id);
/* The same question without locking or answering, for pages: may the
 * school's submission of `kind` still change today? */
bool em_kind_editable_now(cadre_req *req, const struct em_year *y, const char *kind, int64_t cluster_id,
                          int64_t school_id);

/* ---- figures.c -------------------------------------------------------------- */

/* The targets computed from a figures row (NULL → null) as a JSON array of
 * {code, label, cmp, lo, hi, num, den, permille, state}. */
json_t *em_targets_json(cadre_req *req, const struct em_thresholds *t, json_t *figures);

/* ---- sheets.c ------------------------------------------------------------- */

/* A sheet's criteria: id, seq, code, section, title, kind, max_h (hundredths),
 * max_points (text), levels, evidence. NULL on a database error. */
json_t *em_criteria(cadre_req *req, int64_t sheet_id);

/* ---- handlers --------------------------------------------------------------- */

int em_h_me(cadre_req *req);
int em_h_years_list(cadre_req *req);
int em_h_year_get(cadre_req *req);
int em_h_year_create(cadre_req *req);
int em_h_year_update(cadre_req *req);
int em_h_deadline_update(cadre_req *req);
int em_h_import_letter(cadre_req *req);

int em_h_schools(cadre_req *req);
int em_h_clusters_list(cadre_req *req);
int em_h_cluster_create(cadre_req *req);
int em_h_cluster_get(cadre_req *req);
int em_h_cluster_update(cadre_req *req);
int em_h_member_add(cadre_req *req);
int em_h_member_remove(cadre_req *req);
int em_h_next_term_propose(cadre_req *req);
int em_h_next_term_confirm(cadre_req *req);

int em_h_my(cadre_req *req);
int em_h_submission_get(cadre_req *req);
int em_h_submission_save(cadre_req *req);
int em_h_submission_upload(cadre_req *req);
int em_h_submission_submit(cadre_req *req);
int em_h_submission_file_remove(cadre_req *req);
int em_h_submission_file_get(cadre_req *req);
int em_h_submission_return(cadre_req *req);
int em_h_submission_accept(cadre_req *req);
int em_h_exception_grant(cadre_req *req);
int em_h_exceptions_list(cadre_req *req);

int em_h_figures_get(cadre_req *req);
int em_h_figures_put(cadre_req *req);
int em_h_targets(cadre_req *req);

int em_h_sheets_list(cadre_req *req);
int em_h_sheet_get(cadre_req *req);
int em_h_sheet_update(cadre_req *req);
int em_h_criterion_create(cadre_req *req);
int em_h_criterion_update(cadre_req *req);
int em_h_criterion_delete(cadre_req *req);

int em_h_scorecard_get(cadre_req *req);
int em_h_scorecard_put(cadre_req *req);
int em_h_cross_submit(cadre_req *req);
int em_h_cross_reopen(cadre_req *req);
int em_h_cross_assign(cadre_req *req);
int em_h_score_history(cadre_req *req);

int em_h_scores(cadre_req *req);
int em_h_finalize(cadre_req *req);
int em_h_reopen(cadre_req *req);

int em_h_dashboard(cadre_req *req);
int em_h_overview(cadre_req *req);

/* ---- commands ---------------------------------------------------------------- */

int em_cmd_import_letter(cadre_req *ctx, int argc, char **argv);
int em_cmd_demo(cadre_req *ctx, int argc, char **argv);

/* The project root as configured ([server] root), for the demo's seed. */

#endif
