/*
 * The tasks plugin's internal declarations: tracking and chasing an action
 * programme (the Central Organization Commission's programme, seed 003).
 *
 * Pure logic (no database) lives in deadline.c, units.c, table.c,
 * timeliness.c, schedule.c and workflow.c and is unit-tested in
 * tests/unit/tasks/. Everything that touches the database is in the other
 * files, one responsibility per file.
 */
#ifndef TASKS_H
#define TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cadre/cadre.h>

/* ---- Deadlines as officials write them (deadline.c) ---------------------- */

enum tasks_dl_kind {
  TASKS_DL_UNPARSED = 0, /* not understood: an official sets the date by hand */
  TASKS_DL_DAY,          /* "30/6/2026" */
  TASKS_DL_MONTH,        /* "Tháng 4/2026" → 30/04/2026 */
  TASKS_DL_QUARTER,      /* "Quý I/2026" → 31/03/2026 */
  TASKS_DL_HALF,         /* "6 tháng đầu năm 2026" → 30/06/2026 */
  TASKS_DL_YEAR,         /* "Năm 2027" → 31/12/2027 */
  TASKS_DL_RANGE,        /* "2026-2030" → 31/12/2030 */
  TASKS_DL_ONGOING,      /* "Thực hiện thường xuyên": a report every period */
  TASKS_DL_YEARLY,       /* "… 03/02 hằng năm": every year on that day */
  TASKS_DL_MANUAL,       /* set by hand after import (never parsed) */
  TASKS_DL_INVALID,      /* a known form with an impossible value ("Tháng 13/2026") */
};

typedef struct tasks_deadline {
  enum tasks_dl_kind kind;
  bool has_due;     /* start and due are meaningful */
  cadre_date start; /* first day of the period (or the day itself) */
  cadre_date due;   /* last day: the date the task is due */
  bool ongoing;     /* reports are due every period ("… và thực hiện thường xuyên") */
  int month, day;   /* TASKS_DL_YEARLY */
  char error[200];  /* TASKS_DL_INVALID: what is wrong, in Vietnamese */
} tasks_deadline;

/* Parses `text` (any case, with or without diacritics). Never fails: what it
 * does not understand is TASKS_DL_UNPARSED, what it understands but cannot
 * be a date is TASKS_DL_INVALID with a message. */
void tasks_deadline_parse(cadre_arena *a, const char *text, tasks_deadline *out);
/* "day", "month", … as stored in tasks_task.deadline_kind. */
const char *tasks_dl_kind_code(enum tasks_dl_kind kind);
/* Vietnamese label of a kind ("Theo tháng", …). */
const char *tasks_dl_kind_label(enum tasks_dl_kind kind);
enum tasks_dl_kind tasks_dl_kind_from_code(const char *code);

/* ---- Unit names in a cell (units.c) ------------------------------------- */

/* Splits a cell naming one or more units ("Vụ Cán bộ; Vụ Cơ sở đảng, đảng
 * viên và các vụ địa bàn") into unit names. Commas inside a name ("Cục Đào
 * tạo, bồi dưỡng cán bộ") are kept: a new name starts only with a word that
 * starts unit names (Vụ, Cục, Ban, Đảng ủy, Bộ, các …). "Các vụ I, II, III"
 * expands to "Vụ I", "Vụ II", "Vụ III". Returns the count (≤ max). */
size_t tasks_split_units(cadre_arena *a, const char *text, const char **out, size_t max);
/* Matching key of a name: folded, letters and digits only
 * ("Vụ Tổ chức - Điều lệ" → "vutochucdieule"). */
char *tasks_unit_key(cadre_arena *a, const char *name);
/* True when a name reads like an internal unit of the programme's owner
 * (Vụ …, Cục …, Văn phòng Ban, các vụ …): an unknown one is created under
 * the owner, anything else under the root. */
bool tasks_unit_is_internal(const char *name);

/* ---- The programme file (table.c) ---------------------------------------- */

enum tasks_issue_level { TASKS_WARNING, TASKS_ERROR };

typedef struct tasks_issue {
  enum tasks_issue_level level;
  const char *code;    /* stable: "wrong_columns", "invalid_utf8", … */
  long line;           /* 1-based line in the file (0: the whole file) */
  const char *message; /* Vietnamese, names the line */
  const char *text;    /* the row's text as read (may be NULL) */
} tasks_issue;

typedef struct tasks_section_row {
  char part;           /* 'A' or 'B' */
  const char *numeral; /* "II"; "" for tasks that come before any section row */
  const char *key;     /* unique within the part ("II", or "II#2" when repeated) */
  const char *title;
  const char *lead; /* Part B: the organisation in "do … chủ trì" (or NULL) */
  long line;
  int tasks;
} tasks_section_row;

typedef struct tasks_task_row {
  char part;
  size_t section;          /* index into doc->sections */
  long line;               /* the row's first line */
  const char *lines;       /* every line the task was read from: "156, 159" */
  const char *number_text; /* "16" */
  int number;
  int dup_seq;              /* 0, or 1 for the second row numbered the same … */
  bool duplicate;           /* its number appears more than once in its scope */
  size_t scope;             /* numbering scope (index of the scope's first task) */
  int joined;               /* continuation rows joined to it */
  const char *basis;        /* cơ sở thực hiện (Part A) */
  const char *title;        /* tên đề án, nhiệm vụ */
  const char *submit_to;    /* cấp trình (Part A) */
  const char *lead;         /* đơn vị chủ trì (Part A) */
  const char *coordinating; /* cơ quan phối hợp (Part B) */
  const char *supervising;  /* đôn đốc (Part B) */
  const char *deadline;     /* thời gian, as written */
  tasks_deadline dl;
} tasks_task_row;

typedef struct tasks_gap {
  char part;
  size_t section;
  int from, to; /* missing numbers from..to */
  long line;    /* the row after the gap */
} tasks_gap;

typedef struct tasks_join {
  long line;   /* the continuation row */
  size_t task; /* joined to doc->tasks[task] (or SIZE_MAX: a section) */
  size_t section;
} tasks_join;

typedef struct tasks_doc {
  cadre_arena *arena;
  const char *title;         /* from the first headings of the prose */
  const char *part_title[2]; /* "A. …", "B. …" when the file has them */
  const char *preamble;      /* every line outside the tables, verbatim */
  tasks_section_row *sections;
  size_t nsections, cap_sections;
  tasks_task_row *tasks;
  size_t ntasks, cap_tasks;
  tasks_issue *issues;
  size_t nissues, cap_issues;
  tasks_gap *gaps;
  size_t ngaps, cap_gaps;
  tasks_join *joins;
  size_t njoins, cap_joins;
  /* counts for the report */
  long lines; /* lines in the file */
  long blank_lines;
  long prose_lines; /* lines outside the tables (kept in preamble) */
  long rows_read;   /* table rows: headers, sections, tasks, continuations, others */
  long header_rows; /* header rows (the first of each table and repeats) */
  long repeated_headers;
  long section_rows;
  long task_rows;
  long continuation_rows;
  long unplaced_rows; /* rows kept but not placed (listed as issues) */
  long errors;        /* issues at level TASKS_ERROR */
  bool no_final_newline;
} tasks_doc;

/* Reads a whole programme file (UTF-8, tab-separated Part A and Part B
 * tables between prose). Never stops at the first problem: every line is
 * read and every problem is listed, so the report is complete. Returns the
 * number of errors (0: the file may be imported). */
long tasks_doc_read(tasks_doc *doc, cadre_arena *a, const char *data, size_t len);
/* The number of tasks in a part ('A'/'B'). */
size_t tasks_doc_part_tasks(const tasks_doc *doc, char part);

/* One TAB-separated line split into fields, tags stripped and white space
 * tidied ("<b>II</b>" → "II"). Returns the number of fields in the line;
 * only the first `max` are stored. */
int tasks_split_row(cadre_arena *a, const char *line, size_t len, const char **fields, int max);
/* "II", "iv." → its value (1…3999); 0 when not a roman numeral. */
int tasks_roman_value(const char *s);

/* ---- Time: periods, timeliness (timeliness.c) --------------------------- */

enum tasks_period { TASKS_P_MONTH, TASKS_P_QUARTER, TASKS_P_HALF, TASKS_P_YEAR };

const char *tasks_period_code(enum tasks_period p);
bool tasks_period_from_code(const char *code, enum tasks_period *out);

/* How a recurring task's reports fall due: at the end of every reporting
 * period, or every year on an anniversary. */
typedef struct tasks_recur {
  bool anniversary; /* else periodic */
  enum tasks_period period;
  int month, day; /* anniversary */
} tasks_recur;

/* The first due point on or after d, and the last one strictly before d. */
cadre_date tasks_recur_next(const tasks_recur *r, cadre_date d);
cadre_date tasks_recur_prev(const tasks_recur *r, cadre_date d);
/* The first day of the period that ends on due point `end`. */
cadre_date tasks_recur_start(const tasks_recur *r, cadre_date end);

enum tasks_status {
  TASKS_ST_NOT_STARTED,
  TASKS_ST_IN_PROGRESS,
  TASKS_ST_CLAIMED,   /* completion claimed by the lead unit */
  TASKS_ST_COMPLETED, /* confirmed by the supervising unit */
  TASKS_ST_RETURNED,  /* claim returned by the supervising unit */
  TASKS_ST_CANCELLED,
  TASKS_ST_COUNT
};
const char *tasks_status_code(enum tasks_status s);
const char *tasks_status_label(enum tasks_status s);
bool tasks_status_from_code(const char *code, enum tasks_status *out);

enum tasks_timeliness {
  TASKS_TL_NONE, /* no deadline known, or cancelled */
  TASKS_TL_ON_TIME,
  TASKS_TL_DONE_LATE,
  TASKS_TL_DUE_SOON,
  TASKS_TL_OVERDUE,
  TASKS_TL_COUNT
};
const char *tasks_tl_code(enum tasks_timeliness t);
const char *tasks_tl_label(enum tasks_timeliness t);
bool tasks_tl_from_code(const char *code, enum tasks_timeliness *out);

/* What timeliness and reminders need to know about a task. */
typedef struct tasks_clock {
  enum tasks_status status;
  bool has_due;
  cadre_date due; /* current due date (after approved extensions) */
  bool recurring;
  tasks_recur recur;
  bool has_finished;
  cadre_date finished_on; /* claimed or completed on */
  bool has_last_report;
  cadre_date last_report;     /* latest progress report on or before the day asked */
  cadre_date reporting_start; /* the programme's first reporting day */
  int due_soon_days;
} tasks_clock;

/* Timeliness as of a day: overdue, due soon (within due_soon_days), on
 * time, done late. Recurring tasks are overdue when the last period that
 * ended has no report. A task finished after `as_of` counts as unfinished
 * on that day, so "overdue as of 15/04" is what it was then. */
enum tasks_timeliness tasks_timeliness_of(const tasks_clock *c, cadre_date as_of);

/* ---- Reminders (schedule.c) ---------------------------------------------- */

enum tasks_remind_kind {
  TASKS_R_T_MINUS_30,
  TASKS_R_T_MINUS_7,
  TASKS_R_T_0,
  TASKS_R_T_PLUS_1,
  TASKS_R_ESCALATION, /* weekly, to the supervising unit, while overdue */
};
const char *tasks_remind_code(enum tasks_remind_kind k);

typedef struct tasks_remind_event {
  enum tasks_remind_kind kind;
  cadre_date due; /* the due point the reminder is about */
  int days;       /* day - due: -30, -7, 0, 1, 7, 14, … */
} tasks_remind_event;

/* The reminders a task gets on `day` (at most 4). Nothing for finished,
 * claimed or cancelled tasks, nor for recurring periods already reported. */
size_t tasks_remind_events(const tasks_clock *c, cadre_date day, tasks_remind_event *out, size_t max);

/* ---- The state machine (workflow.c) -------------------------------------- */

enum tasks_action {
  TASKS_A_REPORT,  /* lead unit posts progress */
  TASKS_A_CLAIM,   /* lead unit reports completion */
  TASKS_A_CONFIRM, /* supervising unit confirms completion */
  TASKS_A_RETURN,  /* supervising unit returns the claim */
  TASKS_A_REQUEST_EXTENSION,
  TASKS_A_DECIDE_EXTENSION,
  TASKS_A_SET_DEADLINE, /* programme administrator */
  TASKS_A_CANCEL,
  TASKS_A_REOPEN,
  TASKS_A_COUNT
};

/* Who the caller is for a task. */
#define TASKS_ACTOR_LEAD 0x01u
#define TASKS_ACTOR_SUPERVISOR 0x02u
#define TASKS_ACTOR_ADMIN 0x04u

const char *tasks_action_code(enum tasks_action a);
/* The status after `action` from `from`, or -1 when the action is not
 * possible in that state. */
int tasks_next_status(enum tasks_status from, enum tasks_action action);
/* 0 when an actor with `actors` may take the action, otherwise a stable
 * error code ("not_lead_unit", "not_supervisor", "self_review",
 * "not_programme_admin"). */
const char *tasks_actor_refusal(enum tasks_action action, unsigned actors);

/* clip.c: s cut to at most max_bytes (plus "…") on a character boundary. */
const char *tasks_clip(cadre_arena *a, const char *s, size_t max_bytes);

/* ---- Plugin-wide settings (plugin.c) ------------------------------------ */

/* Days before the due date a task counts as "due soon" ([tasks] due_soon_days). */
int tasks_due_soon_days(void);

/* ---- Database-side helpers ------------------------------------------------ */

/* The columns every task query returns (list, detail, export), with the
 * joins they need. TASKS_LAST_REPORT binds one parameter: the as-of day. */
#define TASKS_TASK_COLUMNS                                                                                   \
  " t.id, t.programme_id, t.section_id, t.part, t.number, t.number_text,"                                    \
  " t.dup_seq, t.duplicate_number, t.seq, t.source_lines, t.basis, t.title,"                                 \
  " t.name, t.submit_to, t.lead_text, t.coord_text, t.supervise_text,"                                       \
  " t.deadline_text, t.deadline_kind, t.ongoing, t.start_date, t.due_date,"                                  \
  " t.original_due, t.yearly_month, t.yearly_day, t.status, t.percent,"                                      \
  " t.claimed_on, t.completed_on, t.result_doc, t.result_date,"                                              \
  " t.last_report_on, t.updated_at, p.code AS programme_code,"                                               \
  " p.title AS programme_title, p.owner_agency_id, p.report_period,"                                         \
  " (SELECT oa.name FROM agency oa WHERE oa.id = p.owner_agency_id) AS owner_name,"                          \
  " p.starts_on, s.numeral AS section_numeral, s.title AS section_title,"                                    \
  " s.seq AS section_seq, s.lead_text AS group_lead "
#define TASKS_LAST_REPORT                                                                                    \
  " (SELECT MAX(pr.reported_on) FROM tasks_progress pr WHERE pr.task_id = t.id"                              \
  " AND pr.reported_on <= ?) AS last_report_asof "
#define TASKS_TASK_FROM                                                                                      \
  " FROM tasks_task t JOIN tasks_programme p ON p.id = t.programme_id"                                       \
  " JOIN tasks_section s ON s.id = t.section_id "

/* The as-of day of a request: its "as_of" field, else today. */
const char *tasks_as_of(cadre_req *req, cadre_date *out);

/* access.c: the caller's relation to a task. */
typedef struct tasks_access {
  int64_t task_id, programme_id, owner_agency_id;
  enum tasks_status status;
  unsigned actors; /* TASKS_ACTOR_* */
  json_t *task;    /* the task row (request-owned) */
} tasks_access;
/* Loads a task the caller may see: answers 404 when unknown or out of
 * scope (and returns that status), else 0 with *acc filled. */
int tasks_access_load(cadre_req *req, int64_t task_id, tasks_access *acc);
/* 1 when the caller administers the programme, 0 when not, -1 on error. */
int tasks_programme_admin(cadre_req *req, int64_t owner_agency_id);
/* Answers 403 with the refusal code of tasks_actor_refusal (returns the
 * status) or 0 when allowed. */
int tasks_require_actor(cadre_req *req, const tasks_access *acc, enum tasks_action action);
/* SQL condition: task `t` is visible to the caller (binds 2 parameters,
 * the scope root twice). */
#define TASKS_VISIBLE_SQL(t)                                                                                 \
  " (EXISTS (SELECT 1 FROM tasks_task_unit vu JOIN agency_closure vc"                                        \
  " ON vc.descendant = vu.agency_id AND vc.ancestor = ? WHERE vu.task_id = " t                               \
  ".id) OR EXISTS (SELECT 1 FROM tasks_programme vp JOIN agency_closure vc2"                                 \
  " ON vc2.descendant = vp.owner_agency_id AND vc2.ancestor = ?"                                             \
  " WHERE vp.id = " t ".programme_id)) "

/* history.c: one entry in a task's history (same transaction). */
int tasks_history_add(cadre_req *req, int64_t task_id, const char *action, const char *from_status,
                      const char *to_status, const char *note, json_t *data);

/* notify.c: the people to reach for a task's units of one role
 * ([{user_id, email, full_name, agency_id}]), NULL on error. */
json_t *tasks_unit_people(cadre_req *req, int64_t task_id, const char *unit_role);
/* notify.c: e-mail the people of the agencies holding `role` on a task
 * (role "lead" or "supervising"), through the outbox. */
int tasks_notify_units(cadre_req *req, int64_t task_id, const char *unit_role, const char *subject,
                       const char *body, const char *dedupe_prefix);

/* clockrow.c: builds a tasks_clock from a task row (list/detail queries). */
void tasks_clock_from_row(json_t *row, tasks_clock *c);
/* Adds "timeliness", "timeliness_label", "status_label" to a task row. */
enum tasks_timeliness tasks_row_decorate(json_t *row, cadre_date as_of);

/* import.c: parse + write in one transaction (shared by CLI and upload). */
typedef struct tasks_import_opts {
  const char *filename;
  const char *code;          /* programme code (NULL: from the file name) */
  const char *title;         /* NULL: from the file */
  int64_t owner_agency_id;   /* owner of a new programme */
  bool owner_explicit;       /* asked for: also moves an existing programme */
  const char *report_period; /* NULL: keep / "quarter" */
  const char *starts_on;     /* first reporting day; NULL: keep / the import day */
  bool dry_run;
} tasks_import_opts;
/* Returns the report (request-owned) and sets *status to 0 on success,
 * 422 when the file has errors (nothing written), or another HTTP status
 * (already answered for HTTP requests when `answered`). */
json_t *tasks_import_run(cadre_req *req, const unsigned char *data, size_t len, const tasks_import_opts *opts,
                         int *status);
/* import_cmd.c: reads FILE and imports it (CLI and demo); returns an exit
 * status (0 done, 1 the file has errors, 2 usage, 3 failure). */
int tasks_run_import_file(cadre_req *ctx, const char *path, tasks_import_opts *opts, const char *owner_code);
/* Plain-text rendering of a report for the CLI. */
void tasks_report_print(json_t *report, FILE *out);

/* report.c: the JSON report of a read (before the database adds its part). */
json_t *tasks_doc_report(cadre_req *req, const tasks_doc *doc);

/* agencies.c: unit names → agencies (creating pending ones). */
typedef struct tasks_agencies tasks_agencies;
tasks_agencies *tasks_agencies_load(cadre_req *req, int64_t owner_id, int64_t programme_id);
/* The agency for a name (> 0), 0 for an empty name, -1 on error. */
int64_t tasks_agencies_resolve(cadre_req *req, tasks_agencies *ix, const char *name);
/* 1 when the name (as a whole) is an agency already, 0 when not, -1 on error. */
int tasks_agencies_known(cadre_req *req, tasks_agencies *ix, const char *name);
/* {list: [{name, status: matched|pending|created, agency_id, …}], matched,
 * pending, created} (a new reference). */
json_t *tasks_agencies_report(tasks_agencies *ix);

/* list.c: the visible tasks matching the request's filters, decorated
 * (timeliness as of `as_of`, labels), in programme order; NULL on error. */
json_t *tasks_fetch(cadre_req *req, cadre_date as_of, const char *as_of_text);

/* Route handlers (one file each). */
int tasks_h_programmes(cadre_req *req);
int tasks_h_programme(cadre_req *req);
int tasks_h_programme_update(cadre_req *req);
int tasks_h_import(cadre_req *req);
int tasks_h_list(cadre_req *req);
int tasks_h_detail(cadre_req *req);
int tasks_h_progress(cadre_req *req);
int tasks_h_review(cadre_req *req);
int tasks_h_extension_request(cadre_req *req);
int tasks_h_extension_decide(cadre_req *req);
int tasks_h_set_deadline(cadre_req *req);
int tasks_h_cancel(cadre_req *req);
int tasks_h_reopen(cadre_req *req);
int tasks_h_attachment(cadre_req *req);
int tasks_h_dashboard(cadre_req *req);
int tasks_h_units(cadre_req *req);

/* Commands. */
int tasks_cmd_import(cadre_req *ctx, int argc, char **argv);
int tasks_cmd_remind(cadre_req *ctx, int argc, char **argv);
int tasks_cmd_demo(cadre_req *ctx, int argc, char **argv);

#endif
