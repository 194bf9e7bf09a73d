/*
 * The emulation module's pure rules: no database, no request. Everything here
 * is unit-tested in tests/unit/emulation/ and called by the handlers.
 *
 *   points.c    scores as whole hundredths of a point ("9.5" → 950)
 *   targets.c   the year's targets (chỉ tiêu thi đua) from a school's figures
 *   ranking.c   totals, ties, gaps between self- and cross-check scores, awards
 *   window.c    deadline windows (on time / late / locked / exception) and
 *               the submission state machine
 *   calendar.c  the submission kinds, their forms, parts and default dates
 *   visibility.c who may see which scores before and after finalisation
 *   letter.c    reading the Academy's yearly letter (seed 004) into a year
 */
#ifndef EMULATION_RULES_H
#define EMULATION_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cadre/cadre.h>

/* ---- points.c --------------------------------------------------------------
 * A score is held as an integer number of hundredths so that sums, maxima and
 * gaps never meet binary floating point ("0.1 + 0.2"). The database column is
 * DECIMAL(6,2), which holds the same values exactly. */

typedef int64_t em_pts;

#define EM_PTS_MAX ((em_pts)999999) /* DECIMAL(6,2) upper bound: 9999.99 */

/* Parses "9", "9.5", "9,5", "9.25", " 10 " into hundredths. Refuses signs,
 * more than two decimals, empty text, anything beyond EM_PTS_MAX. */
bool em_pts_parse(const char *s, em_pts *out);
/* Formats hundredths as "9.5", "10", "0.25" (no trailing zeros); buf ≥ 16. */
void em_pts_format(em_pts p, char *buf, size_t size);

/* ---- targets.c --------------------------------------------------------------
 * The figures a school reports in its year-end appendix (phụ lục Mẫu 04).
 * Counts at exclusive levels, as the appendix tables are laid out: a party
 * organisation rated "xuất sắc" is counted in party_excellent only, so "Hoàn
 * thành tốt nhiệm vụ trở lên" is party_good + party_excellent. */
struct em_figures {
  int64_t staff_total;     /* cán bộ, công chức, viên chức, người lao động */
  int64_t ldtt;            /* cá nhân đạt "Lao động tiên tiến" */
  int64_t cstd;            /* of those, "Chiến sĩ thi đua cơ sở" */
  int64_t units_total;     /* tập thể (khoa, phòng, đơn vị trực thuộc) */
  int64_t units_ldtt;      /* "Tập thể Lao động tiên tiến" */
  int64_t units_ldxs;      /* of those, "Tập thể Lao động xuất sắc" */
  int64_t commended;       /* tập thể và cá nhân được khen thưởng các cấp */
  int64_t party_total;     /* tổ chức đảng */
  int64_t party_good;      /* "Hoàn thành tốt nhiệm vụ" (not counting xuất sắc) */
  int64_t party_excellent; /* "Hoàn thành xuất sắc nhiệm vụ" */
  int64_t prof_total;      /* tổ chức chuyên môn, đơn vị, đoàn thể */
  int64_t prof_good;       /* "Hoàn thành tốt nhiệm vụ" (not counting xuất sắc) */
  int64_t prof_excellent;  /* "Hoàn thành xuất sắc nhiệm vụ" */
  int64_t dept_total;      /* khoa, phòng */
  int64_t dept_joined;     /* khoa, phòng hưởng ứng phong trào */
};

/* The year's thresholds, whole percent except units_ldxs_min (a count). */
struct em_thresholds {
  int ldtt_min_pct;            /* ≥ 80 */
  int cstd_min_pct;            /* 10 … */
  int cstd_max_pct;            /* … 15, of the Lao động tiên tiến */
  int units_ldxs_min;          /* ≥ 1 unit */
  int commended_min_pct;       /* ≥ 5 */
  int party_good_min_pct;      /* ≥ 70 rated "tốt" or better */
  int party_excellent_min_pct; /* ≥ 20 rated "xuất sắc" */
  int prof_good_over_pct;      /* > 90 (strictly) rated "tốt" or better */
  int dept_min_pct;            /* ≥ 100 */
};

extern const struct em_thresholds em_thresholds_2023;

enum em_target_cmp {
  EM_CMP_AT_LEAST, /* num/den ≥ lo% */
  EM_CMP_OVER,     /* num/den > lo% */
  EM_CMP_BETWEEN,  /* lo% ≤ num/den ≤ hi% */
  EM_CMP_COUNT,    /* num ≥ lo */
};

enum em_target_state { EM_TARGET_MET, EM_TARGET_NOT_MET, EM_TARGET_NO_DATA };

struct em_target {
  const char *code;  /* stable: "ldtt", "cstd", … */
  const char *label; /* Vietnamese, as the letter words it */
  enum em_target_cmp cmp;
  int lo, hi;       /* thresholds (percent, or a count for EM_CMP_COUNT) */
  int64_t num, den; /* the numbers behind the verdict */
  enum em_target_state state;
};

#define EM_TARGET_COUNT 8

/* Fills out[EM_TARGET_COUNT] in a fixed order. Integer arithmetic only:
 * "num/den ≥ p%" is evaluated as num·100 ≥ p·den. A ratio whose denominator
 * is 0 is EM_TARGET_NO_DATA (nothing to measure), never "met". */
void em_targets_compute(const struct em_figures *f, const struct em_thresholds *t,
                        struct em_target out[EM_TARGET_COUNT]);
/* The ratio in tenths of a percent, rounded half up, for display only
 * (8/10 → 800); -1 when den is 0. */
int64_t em_ratio_permille(int64_t num, int64_t den);
const char *em_target_state_code(enum em_target_state s);

/* Consistency of the figures (a part cannot exceed its whole). Returns NULL
 * when consistent, otherwise the name of the first offending field and, in
 * *message, a Vietnamese sentence saying what is wrong. */
const char *em_figures_check(const struct em_figures *f, const char **message);
/* Checks the thresholds make sense (0–100, min ≤ max). NULL or field name. */
const char *em_thresholds_check(const struct em_thresholds *t, const char **message);

/* ---- ranking.c -------------------------------------------------------------- */

enum em_crit_kind { EM_CRIT_SCORE, EM_CRIT_BONUS, EM_CRIT_PENALTY };
bool em_crit_kind_parse(const char *s, enum em_crit_kind *out);
const char *em_crit_kind_code(enum em_crit_kind k);

/* One criterion's points on one scorecard: has = scored at all. */
struct em_line {
  enum em_crit_kind kind;
  em_pts max;
  bool has_self, has_cross;
  em_pts self, cross;
};

/* Σ score + Σ bonus − Σ penalty over lines, taking `self` or `cross` values
 * (a missing value counts 0). A total may be negative when penalties exceed
 * the rest. */
em_pts em_total(const struct em_line *lines, size_t n, bool cross);
/* The value the cluster ranks on: the cross-check score of each criterion
 * where the cross-check scored it, the self score otherwise. */
em_pts em_final_total(const struct em_line *lines, size_t n);
/* A criterion's gap is large when |self − cross| · 100 > pct · max. Only
 * criteria scored by both sides can be flagged. */
bool em_gap_large(const struct em_line *line, int pct);
/* A school's totals differ largely when |self − cross| > limit (hundredths). */
bool em_total_gap_large(em_pts self_total, em_pts cross_total, em_pts limit);

/* Competition ranking ("1, 2, 2, 4"): rank[i] = 1 + the number of ranked
 * entries with a strictly greater total; unranked entries get rank 0 and do
 * not count. n ≤ a few hundred (quadratic on purpose: obviously correct). */
void em_rank(const em_pts *totals, const bool *ranked, size_t n, int *rank);

enum em_award { EM_AWARD_NONE, EM_AWARD_FLAG, EM_AWARD_MERIT };
/* The award a rank leads to: ranks 1…flag_slots → the Academy's emulation
 * flag (Cờ thi đua), the next merit_slots ranks → a certificate of merit
 * (Bằng khen); rank 0 (unranked) → none. */
enum em_award em_award_for_rank(int rank, int flag_slots, int merit_slots);
const char *em_award_code(enum em_award a);
/* True when ties give an award to more schools than it has slots, so the
 * cluster must decide (the proposal is flagged, not silently cut). */
bool em_award_overflows(const int *rank, size_t n, enum em_award award, int flag_slots, int merit_slots);

/* ---- window.c ---------------------------------------------------------------
 * Deadlines as DHIS2 keeps them: the due date decides timeliness, the lock
 * date decides whether anything can still be changed; an exception granted
 * to one school reopens the window until its own date. Dates are
 * "yyyy-mm-dd" (compared as text, which orders them correctly). */

enum em_window { EM_WIN_ON_TIME, EM_WIN_LATE, EM_WIN_LOCKED, EM_WIN_EXCEPTION };

/* exception_until may be NULL (none granted). Both due and lock inclusive. */
enum em_window em_window_at(const char *today, const char *due, const char *lock,
                            const char *exception_until);
bool em_window_open(enum em_window w);
const char *em_window_code(enum em_window w);
/* True when a submission first made on `submitted_on` met the due date. */
bool em_on_time(const char *submitted_on, const char *due);

enum em_state {
  EM_ST_NOT_SUBMITTED,
  EM_ST_SUBMITTED,
  EM_ST_RETURNED,
  EM_ST_RESUBMITTED,
  EM_ST_ACCEPTED,
};
enum em_action { EM_ACT_EDIT, EM_ACT_SUBMIT, EM_ACT_RETURN, EM_ACT_ACCEPT };

bool em_state_parse(const char *s, enum em_state *out);
const char *em_state_code(enum em_state s);
/* Whether the contents (files, fields, self scores) may still change:
 * only before the first submission and after a return. */
bool em_state_editable(enum em_state s);
/* The state an action leads to, or false when the action is not allowed in
 * that state (submitted work is locked until it is returned). */
bool em_transition(enum em_state from, enum em_action act, enum em_state *to);

/* ---- calendar.c -------------------------------------------------------------
 * What each kind of submission is. The kinds are fixed (behaviour hangs on
 * them: the plan decides who is evaluated, the score sheet carries scores);
 * their titles and dates are rows per year, pre-filled from this table. */

enum em_level { EM_LEVEL_SCHOOL, EM_LEVEL_CLUSTER };

/* Things other than files that a kind needs before it can be submitted. */
#define EM_NEEDS_FIGURES 0x01u   /* the appendix figures are entered */
#define EM_NEEDS_SCORES 0x02u    /* every criterion of the sheet is self-scored */
#define EM_NEEDS_HELD_ON 0x04u   /* the date the conference is (was) held */
#define EM_NEEDS_FINALIZED 0x08u /* the cluster's score table is finalised */
#define EM_NEEDS_NEXT_TERM 0x10u /* next year's head and deputy are proposed */

/* Structured fields a kind keeps besides its note. */
#define EM_DATA_REGISTRATION 0x01u /* đăng ký thi đua (text) */
#define EM_DATA_HELD_ON 0x02u      /* date of the conference */
#define EM_DATA_PLACE 0x04u        /* place of the conference */

struct em_part {
  const char *code;  /* "main", "appendix", "m06", … */
  const char *label; /* Vietnamese */
  int min_files;     /* files required before submitting (0 = optional) */
};

#define EM_MAX_PARTS 6

struct em_kind {
  const char *code; /* stable: "plan", "cluster_plan", … */
  enum em_level level;
  const char *form;  /* "Mẫu số 01", or "" */
  const char *title; /* default title */
  int month, day;    /* default due date within the year (2023 letter) */
  int lock_grace;    /* default days from due date to lock date */
  unsigned needs;
  unsigned data;
  struct em_part parts[EM_MAX_PARTS]; /* terminated by code NULL */
};

#define EM_KIND_COUNT 9
extern const struct em_kind em_kinds[EM_KIND_COUNT];
/* The kind with that code, or NULL. */
const struct em_kind *em_kind_find(const char *code);
const struct em_part *em_part_find(const struct em_kind *k, const char *code);
/* The first part lacking files given counts[i] for k->parts[i]; NULL when
 * every required part has enough. */
const struct em_part *em_parts_missing(const struct em_kind *k, const int *counts);
/* The kind code of the plan whose absence means "not evaluated". */
#define EM_KIND_PLAN "plan"
#define EM_KIND_SCORE_SHEET "score_sheet"
#define EM_KIND_SCHOOL_REPORT "school_report"
#define EM_KIND_CLUSTER_DOSSIER "cluster_dossier"

/* A school is evaluated for the year when its plan (Mẫu 01) was first
 * submitted no later than the plan's lock date, or no later than the date of
 * an exception the cluster head granted it (exception_until, NULL if none).
 * `plan_first_submitted_on` is NULL when it never was. While the window is
 * still open the verdict is pending. */
enum em_eval { EM_EVAL_PENDING, EM_EVAL_YES, EM_EVAL_NO };
enum em_eval em_evaluated(const char *today, const char *plan_lock, const char *exception_until,
                          const char *plan_first_submitted_on);
const char *em_eval_code(enum em_eval e);

/* ---- visibility.c ----------------------------------------------------------
 * Who sees which scores. Scores are hidden from the schools being judged
 * until the cluster finalises its table (HotCRP's rule); a cross-checker
 * sees the self-scores it is verifying; the cluster head, who runs the
 * table, sees every submitted score of its cluster. */

enum em_viewer {
  EM_VIEW_BOARD,   /* the Academy's emulation board */
  EM_VIEW_HEAD,    /* the cluster head's school */
  EM_VIEW_MEMBER,  /* another school of the cluster (incl. the deputy) */
  EM_VIEW_OUTSIDE, /* in scope (e.g. the province) but not a member */
};

struct em_card_view {
  enum em_viewer viewer;
  bool viewer_is_scored;  /* the viewer's school is the one scored */
  bool viewer_is_checker; /* the viewer's school cross-checks it */
  bool cross;             /* the card is the cross-check (else self) */
  bool self_submitted;    /* the scored school has submitted its sheet */
  bool finalized;         /* the cluster has finalised its table */
};

bool em_card_visible(const struct em_card_view *v);
/* The cluster's ranking (and everyone's totals) before finalisation: only
 * the board and the head; after it: everyone who may see the cluster. */
bool em_ranking_visible(enum em_viewer viewer, bool finalized);

/* ---- letter.c ---------------------------------------------------------------
 * Reading the Academy's yearly letter (công văn, seed 004) as it comes: one
 * paragraph per line, emphasis marked with **. What it finds is a report, so
 * an official can see what was read and what was not. */

struct em_letter_date {
  const char *kind; /* em_kinds code */
  int y, m, d;
  long line; /* 1-based line where it was found */
};

struct em_letter {
  const char *number;         /* "3552-CV/HVCTQG" or NULL */
  int date_y, date_m, date_d; /* the letter's date, 0 when not found */
  int year;                   /* the campaign year, 0 when not found */
  const char *theme;          /* "Chủ động - Đồng bộ - …" or NULL */
  const char *content;        /* the content items, one per line, or NULL */
  int content_items;
  struct em_thresholds targets; /* 2023 defaults where not found */
  unsigned targets_found;       /* bit per em_thresholds field, see letter.c */
  int targets_found_count;
  struct em_letter_date dates[EM_KIND_COUNT];
  int dates_found;
  const char *forms; /* forms mentioned, "01, 02, 03, …" */
  int forms_count;
  int achievement_reports; /* copies of Mẫu 09 asked for (2), 0 if unknown */
};

/* Parses the text (UTF-8; NUL-terminated). Strings live in the arena.
 * Returns false only when the text is not a letter at all (no year). */
bool em_letter_parse(cadre_arena *a, const char *text, struct em_letter *out);
/* The date found for a kind, or NULL. */
const struct em_letter_date *em_letter_date_of(const struct em_letter *l, const char *kind);

/* ---- sample_sheets.c -------------------------------------------------------- */

/* Sample scoring sheets (Mẫu 5.1, 5.2). The letter names the forms but not
 * their criteria, so these are clearly labelled samples for the Academy to
 * replace; every row carries is_sample. */
struct em_sample_criterion {
  const char *code;
  const char *section;
  const char *title;
  enum em_crit_kind kind;
  em_pts max;
  const char *evidence;
};

struct em_sample_sheet {
  const char *form;        /* "5.1" */
  const char *school_kind; /* "political_school" */
  const char *title;
  const struct em_sample_criterion *criteria;
  size_t count;
};

extern const struct em_sample_sheet em_sample_sheets[2];
/* The sample level descriptions for a criterion as a JSON array text
 * [{"points":"10","text":"…"}, …] in the arena. */
char *em_sample_levels_json(cadre_arena *a, const struct em_sample_criterion *c);

#endif
