/*
 * llct — the annual intermediate political-theory (trung cấp lý luận chính
 * trị) training plan, its admissions and the diploma-blank stock.
 *
 * Internal declarations. The pure logic (parsers, rule engines, state
 * machines, serial arithmetic) is declared first and lives in files that
 * touch no database, so the unit tests link it alone; the handlers and
 * commands that use the host's services are declared at the end.
 */
#ifndef LLCT_H
#define LLCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cadre/cadre.h>

/* "Not given" for counts and day numbers. */
#define LLCT_NONE (-1L)
#define LLCT_NO_DAY INT64_MIN

/* ---- Messages collected while parsing ------------------------------------ */

typedef struct llct_msg {
  long line;        /* line of the source file, 0 when not about a line */
  const char *code; /* stable lower_snake_case code */
  const char *text; /* Vietnamese message */
} llct_msg;

typedef struct llct_msgs {
  cadre_arena *arena;
  llct_msg *v;
  int n, cap;
} llct_msgs;

void llct_msgs_init(llct_msgs *m, cadre_arena *a);
void llct_msg_add(llct_msgs *m, long line, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- Folded text with a map back to the original (textmap.c) ------------- */

/* Text folded as cadre_fold() does (lower case, no diacritics, white space
 * collapsed), keeping for every folded byte the offset of the original byte
 * it came from, so a phrase found in folded text can be cut from the original
 * with its diacritics. */
typedef struct llct_folded {
  char *s;
  size_t len;
  size_t *orig; /* orig[i]: offset in the original of folded byte i; orig[len] = end */
} llct_folded;

bool llct_fold_map(cadre_arena *a, const char *s, size_t len, llct_folded *out);
/* Offset of `needle` (already folded) in f->s at or after `from`, or -1. */
long llct_folded_find(const llct_folded *f, const char *needle, size_t from);
/* The original text behind folded bytes [fb, fe), tidied. */
char *llct_folded_cut(cadre_arena *a, const llct_folded *f, const char *orig, size_t fb, size_t fe);

/* Copies `s` without Markdown bold/italic markers ("**2.206**" → "2.206"). */
char *llct_strip_marks(cadre_arena *a, const char *s);
/* Reads an unsigned count written with optional thousands separators at *p
 * ("1.046", "450"), advancing *p past it. False when no digit is there. */
bool llct_read_count(const char **p, long *out);

/* ---- Unit names (names.c) ------------------------------------------------ */

/* "ĐU khối Doanh nghiệp TW" → "Đảng ủy khối Doanh nghiệp Trung ương": the
 * abbreviations officials write in plan tables, expanded word by word so the
 * same unit written two ways matches one agency. */
char *llct_expand_abbrev(cadre_arena *a, const char *name);
/* "Các cơ quan, đơn vị liên quan": a description, not an agency. */
bool llct_name_is_generic(cadre_arena *a, const char *name);
/* Splits "Huyện ủy Phú Xuyên và huyện ủy Thường Tín" into its two units; a
 * name such as "Bộ Kế hoạch và Đầu tư" stays whole. Returns the count. */
int llct_split_joint_units(cadre_arena *a, const char *name, char ***out);
/* Agency kind a new pending agency gets from its name ("ministry", "other"). */
const char *llct_kind_for_name(cadre_arena *a, const char *name);

/* ---- Cells of the plan tables (cells.c) ---------------------------------- */

/* "- A - B" → {"A", "B"}; a cell without dashes is one item. */
int llct_split_items(cadre_arena *a, const char *cell, char ***out);
/* "A; B" → {"A", "B"}. */
int llct_split_semicolons(cadre_arena *a, const char *cell, char ***out);
/* "Tháng 4/2024" → 4, 2024; "Tháng 2" → 2, default_year. False otherwise. */
bool llct_parse_month(cadre_arena *a, const char *cell, int default_year, int *month, int *year);
/* Removes a trailing "(05 lớp)" from a location, returning the class count
 * (0 when there is none) and the location without it in *rest. Other
 * parenthesised notes are kept in *note ("Đơn vị tự túc kinh phí"). */
int llct_take_class_count(cadre_arena *a, const char *text, char **rest);
char *llct_take_note(cadre_arena *a, const char *text, char **note);

typedef struct llct_allot_item {
  const char *name; /* as written, tidied */
  long count;
} llct_allot_item;

/* "Bộ Ngoại giao: 39 đ/c Văn phòng TW Đảng: 12 đ/c …" → items. Returns the
 * count, 0 when the cell has no "name: number" at all, -1 when malformed
 * (a name without a number, a number that is not one); *err says what. */
int llct_parse_allotments(cadre_arena *a, const char *cell, llct_allot_item **out, const char **err);
/* The counts of a learners cell: "80 80" → {80, 80}; "1.046 học viên" →
 * {1046}. Returns how many, -1 when a token is not a count. */
int llct_parse_counts(cadre_arena *a, const char *cell, long **out);

/* ---- The parsed plan (plan_parse.c, plan_text.c, plan_tables.c) ---------- */

typedef enum {
  LLCT_MODE_UNDECIDED = 0,
  LLCT_MODE_FULL_TIME = 1, /* tập trung */
  LLCT_MODE_PART_TIME = 2, /* không tập trung */
} llct_mode;

typedef enum {
  LLCT_BASIS_NONE = 0, /* mode undecided */
  LLCT_BASIS_INFERRED, /* size fits a full-time class: taken as full-time */
  LLCT_BASIS_FORCED,   /* size exceeds the full-time cap: must be part-time */
  LLCT_BASIS_SET,      /* decided by a person */
} llct_basis;

const char *llct_mode_code(llct_mode m);  /* "full_time", "part_time", NULL */
const char *llct_mode_title(llct_mode m); /* "Tập trung", … */
const char *llct_basis_code(llct_basis b);
llct_mode llct_mode_from_code(const char *s);

typedef struct llct_punit {
  const char *written; /* as in the file */
  const char *name;    /* abbreviations expanded */
  const char *note;    /* "Đơn vị tự túc kinh phí", or NULL */
  long allotted;       /* the unit's learners, LLCT_NONE when not given */
  bool generic;        /* a description, not an agency */
} llct_punit;

typedef struct llct_pclass {
  int seq;       /* 1… within its line */
  char code[32]; /* "TW 1", or "L3.2" for the second class of line 3 */
  long learners; /* LLCT_NONE when the line does not split its learners */
  llct_mode mode;
  llct_basis basis;
  const char *location;
  llct_punit *units;
  int nunits;
} llct_pclass;

typedef struct llct_pline {
  int appendix, seq;
  long source_line;
  int month, year;
  const char *month_label;
  const char *code; /* appendix 2: "TW 1" */
  const char *host_text, *coord_text, *location_text;
  char **hosts;
  int nhosts;
  long learners; /* as the line states (sum of its sub-lines) */
  int nclasses;
  bool split_decided; /* false: "(05 lớp)" with one total */
  const char *note;
  llct_pclass *classes;
  /* raw sub-lines, gathered across continuation rows */
  char **coord_items;
  int ncoord;
  long *counts;
  int ncounts;
  char **loc_items;
  int nloc;
  llct_allot_item *allot;
  int nallot;
  int declared_nclasses; /* "(05 lớp)", 0 when absent */
} llct_pline;

typedef struct llct_declared {
  long classes, learners;
  long ft_classes, ft_learners;
  long pt_classes, pt_learners;
} llct_declared;

void llct_declared_clear(llct_declared *d);

#define LLCT_MAX_APPENDIX 4

typedef struct llct_pappendix {
  int number;
  const char *title;
  const char *cited_number; /* "245-KH/TU" as cited under the title */
  char cited_date[11];      /* yyyy-mm-dd or "" */
  llct_pline *lines;
  int nlines, cap;
  long table_classes, table_learners; /* the table's own total row */
  long total_row_line;
  llct_declared declared; /* what the plan's text says about this appendix */
  int ncols;
  int col_tt, col_code, col_month, col_host, col_coord, col_learners, col_location;
} llct_pappendix;

/* The workflow's time limits; the plan's text states them (step 1 … 6). */
typedef struct llct_step_rules {
  int announce_max_days; /* announcement ≤ 45 days before opening */
  int dossier_min_days;  /* dossiers in ≥ 15 days before the review */
  int review_max_days;   /* review lasts ≤ 2 days */
  int report_max_days;   /* results to the board within 5 days of review */
  int notice_min_days;   /* enrolment notice ≥ 15 days before enrolment */
  int late_max_days;     /* late enrolment ≤ 5 days */
} llct_step_rules;

void llct_step_rules_default(llct_step_rules *r);

typedef struct llct_pplan {
  const char *title;
  const char *issuer;
  const char *number;
  char issued_on[11];
  int year;
  long target_total, target_ft, target_pt; /* declared learners */
  int cap_ft, cap_pt;                      /* learners per class */
  int ratio_num, ratio_den;                /* full-time classes ≥ num/den × part-time */
  bool caps_from_text, ratio_from_text;
  llct_step_rules rules;
  int rules_from_text; /* how many of the six limits the text states */
  llct_pappendix app[LLCT_MAX_APPENDIX];
  int napp;
  llct_msgs errors, warnings;
} llct_pplan;

/* Parses the plan text with its appendix tables. Returns the number of
 * errors (0 = usable); errors and warnings are in out->errors/warnings. */
int llct_parse_plan(cadre_arena *a, const char *text, size_t len, llct_pplan *out);
/* The plan's own text (before the first appendix): declared totals, caps,
 * ratio, year, issuer, title. Used by llct_parse_plan. */
void llct_parse_plan_text(cadre_arena *a, const char *text, size_t len, llct_pplan *out);
/* The appendix tables (from the first "PHỤ LỤC"). Used by llct_parse_plan. */
void llct_parse_tables(cadre_arena *a, const char *text, size_t len, llct_pplan *out);
/* Bytes of `text` before its first appendix heading ("PHỤ LỤC 1"). */
size_t llct_body_length(cadre_arena *a, const char *text, size_t len);
/* Turns the raw sub-lines of every line into classes with modes. */
void llct_build_classes(cadre_arena *a, llct_pplan *p);

/* ---- Totals and their comparison with the declared figures (tally.c) ----- */

typedef struct llct_tally {
  long classes, learners;
  long ft_classes, ft_learners;
  long pt_classes, pt_learners;
  long und_classes, und_learners; /* classes whose mode/size is not decided */
} llct_tally;

void llct_tally_clear(llct_tally *t);
void llct_tally_add_class(llct_tally *t, llct_mode mode, long learners);
/* Adds a line whose learners are not split among its classes. */
void llct_tally_add_undecided(llct_tally *t, long classes, long learners);
void llct_tally_appendix(const llct_pappendix *ap, llct_tally *t);
void llct_tally_sum(llct_tally *into, const llct_tally *t);

typedef enum {
  LLCT_CHECK_OK = 0,       /* computed = declared */
  LLCT_CHECK_MISMATCH,     /* they differ: reported */
  LLCT_CHECK_OPEN,         /* undecided classes can still make them agree */
  LLCT_CHECK_NOT_DECLARED, /* the text states no figure */
} llct_check_status;

const char *llct_check_status_code(llct_check_status s);

typedef struct llct_check {
  const char *metric; /* "classes", "learners", "ft_classes", … */
  long computed, declared;
  llct_check_status status;
} llct_check;

/* Fills up to 6 checks (classes, learners, ft/pt classes and learners). */
int llct_compare(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt, llct_check out[6]);

/* Whether the undecided classes can be split into full-time and part-time
 * so that the declared per-mode figures hold; fills the split. */
typedef struct llct_split {
  bool feasible;
  long ft_classes, ft_learners, pt_classes, pt_learners;
} llct_split;
llct_split llct_undecided_split(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt);

/* The plan rule: full-time classes ≥ num/den of part-time classes. */
typedef enum {
  LLCT_RATIO_OK = 0,
  LLCT_RATIO_VIOLATED,
  LLCT_RATIO_UNDETERMINED, /* undecided classes decide it */
} llct_ratio_status;

typedef struct llct_ratio {
  llct_ratio_status status;
  long ft, pt, undecided;
  /* the least number of undecided classes that must be full-time */
  long ft_needed;
} llct_ratio;

llct_ratio llct_ratio_check(long ft, long pt, long undecided, int num, int den);
const char *llct_ratio_status_code(llct_ratio_status s);

/* Mode a class of `learners` gets when the plan does not say:
 * > cap_ft → part-time (forced), ≤ cap_ft → full-time (inferred),
 * > cap_pt → undecided (the class is over every cap). */
llct_mode llct_infer_mode(long learners, int cap_ft, int cap_pt, llct_basis *basis);

/* ---- The 7-step admission workflow (steps.c) ----------------------------- */

#define LLCT_STEPS 7

/* Dates are day numbers (cadre_date_days) or LLCT_NO_DAY. */
typedef struct llct_step_dates {
  int64_t planned_start, planned_on; /* plan */
  int64_t start_on, done_on;         /* what happened */
  int64_t report_on, appraisal_on;   /* step 4 only */
  bool completed;
  bool has_doc; /* document number recorded */
} llct_step_dates;

typedef struct llct_class_dates {
  int64_t opening_on, enrolment_on, end_on, first_module_end_on;
  bool mode_decided;
} llct_class_dates;

/* Facts the database supplies for completion checks. */
typedef struct llct_step_facts {
  long units_admitted;    /* sending units with admitted learners */
  long units_contracted;  /* … of which have a contract and paid fees */
  long learners_enrolled; /* enrolled (or studying) learners */
  long dossiers_pending;  /* submitted or under review */
  long learners_eligible; /* eligible or admitted (or further) */
} llct_step_facts;

typedef enum { LLCT_SEV_WARNING = 1, LLCT_SEV_REFUSAL = 2 } llct_severity;

typedef struct llct_violation {
  int step;
  const char *code;
  llct_severity severity;
  char message[320];
} llct_violation;

const char *llct_step_title(int step); /* 1…7 */
/* Bit i set: step i+1 must be complete before `step` can complete. */
unsigned llct_step_depends(int step);

/* Checks the proposed state of all steps (index 1…7; [0] unused) against
 * the rules. `today` is used for "not in the future". Returns how many
 * violations were written (at most max); refusals first. */
int llct_check_steps(const llct_step_rules *r, const llct_class_dates *c,
                     const llct_step_dates s[LLCT_STEPS + 1], const llct_step_facts *f, int64_t today,
                     llct_violation *out, int max);

/* Deadline of a step not yet done, from its plan and the rules; LLCT_NO_DAY
 * when nothing fixes it. */
int64_t llct_step_due(const llct_step_rules *r, const llct_class_dates *c,
                      const llct_step_dates s[LLCT_STEPS + 1], int step);

typedef enum {
  LLCT_DUE_NONE = 0, /* no deadline known */
  LLCT_DUE_OPEN,     /* due later than the look-ahead window */
  LLCT_DUE_SOON,     /* due within the window */
  LLCT_DUE_MISSED,   /* due date passed, not done */
  LLCT_DUE_DONE,     /* done on time */
  LLCT_DUE_DONE_LATE,
} llct_due_status;

llct_due_status llct_due_classify(int64_t due, int64_t done, int64_t today, int window);
const char *llct_due_status_code(llct_due_status s);

/* ---- Learners and dossiers (learner_state.c) ----------------------------- */

typedef enum {
  LLCT_ST_SUBMITTED = 0,
  LLCT_ST_UNDER_REVIEW,
  LLCT_ST_ELIGIBLE,
  LLCT_ST_NEEDS_SUPPLEMENT,
  LLCT_ST_INELIGIBLE,
  LLCT_ST_ADMITTED,
  LLCT_ST_ENROLLED,
  LLCT_ST_STUDYING,
  LLCT_ST_GRADUATED,
  LLCT_ST_DROPPED,
  LLCT_ST_WITHDRAWN,
  LLCT_ST_COUNT
} llct_state;

const char *llct_state_code(llct_state s);
const char *llct_state_title(llct_state s);
/* -1 when unknown */
int llct_state_from_code(const char *s);
/* Counts against the class cap and the unit's allotment. */
bool llct_state_active(llct_state s);

typedef struct llct_transition_ctx {
  bool admission_decided;  /* step 4 complete */
  bool class_opened;       /* step 7 complete */
  bool is_admin;           /* may re-open an ineligible dossier */
  bool has_reason;         /* reason given */
  bool has_supplement_due; /* deadline for a supplement given */
  bool has_doc;            /* decision number given */
  bool supplementary;      /* admitted in a supplementary round */
  bool unit_confirmed;     /* sending unit confirmed the reason for lateness */
  int64_t on;              /* date of the transition (day number) */
  int64_t enrolment_on;    /* the class's enrolment date, LLCT_NO_DAY if unset */
  int64_t first_module_end_on;
  int late_max_days;
} llct_transition_ctx;

typedef struct llct_verdict {
  int status;          /* 0 allowed, else HTTP status (409/422) */
  const char *code;    /* error code when refused */
  const char *message; /* Vietnamese message when refused */
  int late_days;       /* enrolment: days late (0 on time) */
} llct_verdict;

llct_verdict llct_transition_check(llct_state from, llct_state to, const llct_transition_ctx *ctx);

/* ---- Diploma blank serials (serial.c) ------------------------------------ */

typedef struct llct_serial {
  char series[17]; /* upper-case letters, may be empty */
  int64_t number;
  int width; /* digits as written */
} llct_serial;

/* "LL 000123", "ll-000123", "000123" → series "LL", 123, width 6. */
bool llct_serial_parse(const char *s, llct_serial *out);
/* series + zero-padded number; buf ≥ 40 */
void llct_serial_format(const char *series, int64_t number, int width, char *buf, size_t size);

typedef struct llct_range {
  int64_t first, last;
} llct_range;

static inline int64_t llct_range_len(llct_range r) { return r.last - r.first + 1; }
/* Cuts `part` out of `whole` (part ⊆ whole): writes the remaining left and
 * right pieces (length 0 ranges have first > last) and returns how many are
 * non-empty. False when part is not inside whole. */
bool llct_range_cut(llct_range whole, llct_range part, llct_range *left, llct_range *right, int *pieces);
bool llct_range_overlaps(llct_range a, llct_range b);
/* Sorts ranges and merges adjacent or overlapping ones in place; returns the
 * new count. */
int llct_range_merge(llct_range *v, int n);

/* opening + received − moved_out − issued − voided = closing */
typedef struct llct_recon {
  int64_t opening, received, moved_out, issued, voided, closing;
  int64_t on_hand; /* counted from the holdings now, LLCT_NONE if not comparable */
  bool balanced;
} llct_recon;

void llct_recon_close(llct_recon *r);

/* ---- The import report (report.c; jansson only) ------------------------- */

/* The report of a parsed plan: per appendix and overall, classes and
 * learners by mode, compared with what the plan's text and the tables' total
 * rows declare; the full-time ratio; warnings and errors. A new reference. */
json_t *llct_report_of(const llct_pplan *p);
/* Pieces of the report, shared with the plan view (plans.c). */
json_t *llct_tally_json(const llct_tally *t);
json_t *llct_declared_json(const llct_declared *d);
/* Appends {metric, title, against, computed, declared, status} for each
 * declared figure (only classes and learners when totals_only). */
void llct_checks_json(json_t *into, const llct_tally *t, const llct_declared *d, const char *against,
                      int cap_ft, int cap_pt, bool totals_only);
json_t *llct_split_json(const llct_tally *t, const llct_declared *d, int cap_ft, int cap_pt);
/* Mismatches in a report (checks whose status is "mismatch"). */
int llct_report_mismatches(json_t *report);

/* ---- Helpers that use the host (util.c, access.c, agencies.c) ------------ */

/* Day numbers from "yyyy-mm-dd" (LLCT_NO_DAY for NULL or invalid) and back
 * (NULL for LLCT_NO_DAY; text in the request arena). */
int64_t llct_day(const char *iso);
const char *llct_iso(cadre_req *req, int64_t day);
int64_t llct_today(cadre_req *req);
/* A row's date column as a day number (LLCT_NO_DAY when null); the other
 * columns are read with cadre_jint/cadre_jstr/cadre_jtrue. */
int64_t llct_jday(const json_t *o, const char *key);
/* A JSON value for a day number (null for LLCT_NO_DAY), request-owned. */
json_t *llct_day_json(cadre_req *req, int64_t day);
/* The plan's limits from a row holding its columns. */
void llct_rules_from_row(json_t *row, llct_step_rules *r);
/* MariaDB's "CHECK constraint failed". */
bool llct_db_is_check_failure(const cadre_req *req);
/* Answers a CSV/XLSX/JSON export when ?format= asks for one; 0 when the
 * caller wants the normal JSON answer. */
int llct_maybe_export(cadre_req *req, const char *filename, const char *title,
                      const struct cadre_column *cols, size_t ncols, json_t *rows);

/* A class as its handlers need it. */
typedef struct llct_class_ref {
  int64_t id, plan_id, school_id, owner_id;
  bool manage; /* the caller is on the school's or the province's side */
  json_t *row; /* class columns + the plan's caps and limits */
} llct_class_ref;

/* Opens a class the caller may see (school's or province's side, or a
 * sending unit with an allotment in it); with lock, the class row is locked
 * for the transaction. 0, or the status already answered (404). */
int llct_class_open(cadre_req *req, int64_t class_id, bool lock, llct_class_ref *out);
/* Same, but the caller must be on the managing side (else 404 when it cannot
 * see the class at all, 403 when it only sends learners). */
int llct_class_manage(cadre_req *req, int64_t class_id, bool lock, llct_class_ref *out);
/* Steps 1…7 of a class as rule-engine input. */
int llct_steps_load(cadre_req *req, int64_t class_id, llct_step_dates st[LLCT_STEPS + 1]);
void llct_class_dates_of(json_t *row, llct_class_dates *c);
int llct_step_facts_load(cadre_req *req, int64_t class_id, llct_step_facts *f);

/* The agency a plan names: matched by core (accent-, case-, spacing-
 * insensitive) as written or with abbreviations expanded, preferring
 * agencies under `prefer_under`; when nothing matches, created by core with
 * status 'pending' under `parent_for_new` (and audited). 0 on error. */
int64_t llct_agency_resolve(cadre_req *req, const char *written, int64_t prefer_under, int64_t parent_for_new,
                            bool *created);
/* The nearest ancestor-or-self of `agency` with the given kind, 0 if none. */
int64_t llct_agency_up(cadre_req *req, int64_t agency, const char *kind);
/* The only child of `parent` of the given kind, 0 if none or several. */
int64_t llct_agency_child(cadre_req *req, int64_t parent, const char *kind);

/* Replies 422 with the first refusal as the error and every violation. */
int llct_refuse_violations(cadre_req *req, const llct_violation *v, int n);

/* ---- Handlers and commands (use the host) -------------------------------- */

/* import_io.c, demo.c, sweep.c */
int llct_import_route(cadre_req *req);
/* The repository's copy of a seed file, wherever cadre-admin runs from. */
const char *llct_find_seed(cadre_req *ctx, const char *name);
/* Imports a plan file for the demo (P01 / P01-TCT when they exist). */
int llct_demo_import(cadre_req *ctx, const char *file);
int llct_import_command(cadre_req *ctx, int argc, char **argv);
int llct_demo_command(cadre_req *ctx, int argc, char **argv);
int llct_sweep_command(cadre_req *ctx, int argc, char **argv);

/* plans.c */
/* The plan row if the caller may see it (with can_manage); otherwise
 * answers 404 and sets *status. */
json_t *llct_plan_open(cadre_req *req, int64_t id, int *status);
int llct_plans_list(cadre_req *req);
int llct_plan_get(cadre_req *req);
int llct_plan_lines(cadre_req *req);
int llct_plan_rules_update(cadre_req *req);

/* classes.c */
int llct_classes_list(cadre_req *req);
int llct_class_get(cadre_req *req);
int llct_class_update(cadre_req *req);
int llct_allotment_set(cadre_req *req);

/* steps.c (handlers) */
int llct_step_save(cadre_req *req);
int llct_contract_save(cadre_req *req);
int llct_deadlines(cadre_req *req);

/* learners.c */
int llct_learners_list(cadre_req *req);
int llct_learner_create(cadre_req *req);
int llct_learner_get(cadre_req *req);
int llct_learner_transition(cadre_req *req);
int llct_no_shows(cadre_req *req);
/* Inside a transaction holding the class: drops admitted learners past
 * their enrolment window, cancelling and reporting their admission. */
int llct_drop_no_shows(cadre_req *req, llct_class_ref *c, long *dropped);

/* blanks.c */
int llct_blanks_holdings(cadre_req *req);
int llct_blanks_receive(cadre_req *req);
int llct_blanks_allocate(cadre_req *req);
int llct_blanks_issue(cadre_req *req);
int llct_blanks_void(cadre_req *req);
int llct_blanks_ledger(cadre_req *req);
int llct_blanks_reconcile(cadre_req *req);

/* reports.c */
int llct_report_plan_actual(cadre_req *req);
int llct_report_funnel(cadre_req *req);
int llct_report_roster(cadre_req *req);
int llct_pending_agencies(cadre_req *req);

#endif
