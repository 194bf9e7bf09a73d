/*
 * The accreditation module's pure logic: no database, no request. Each part
 * lives in its own file and is unit tested on its own (tests/unit/accreditation).
 *
 *   transition.c   the assessment cycle's state machine as a table
 *   readiness.c    criteria met / total by level, unmet mandatory, scores
 *   staff_rules.c  which staff count towards a criterion's staffing rule
 *   plan_parse.c   the plan's figures (targets, deadline) read from its text
 *   criteria_row.c one row of a catalogue CSV, checked and typed
 *   inspection_rules.c  what an inspection's findings allow as outcome
 */
#ifndef ACCR_LOGIC_H
#define ACCR_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cadre/arena.h>

/* ---- Assessment cycle states and actions (transition.c) ---------------- */

enum accr_state {
  ACCR_S_DRAFT,
  ACCR_S_SELF_ASSESSING,
  ACCR_S_SUBMITTED_PROVINCIAL,
  ACCR_S_PROVINCIAL_REVIEW,
  ACCR_S_CHANGES_REQUESTED,
  ACCR_S_RESUBMITTED,
  ACCR_S_ENDORSED,
  ACCR_S_SUBMITTED_CENTRAL,
  ACCR_S_CENTRAL_APPRAISAL,
  ACCR_S_RECOGNISED,
  ACCR_S_NOT_RECOGNISED,
  ACCR_S_COUNT
};

enum accr_action {
  ACCR_A_START,           /* the school opens its self-assessment */
  ACCR_A_SUBMIT,          /* the school head sends the dossier to the province */
  ACCR_A_OPEN_REVIEW,     /* the provincial council takes it up */
  ACCR_A_REQUEST_CHANGES, /* the provincial council returns it with reasons */
  ACCR_A_RESUBMIT,        /* the school head sends the amended dossier */
  ACCR_A_ENDORSE,         /* the provincial council endorses it */
  ACCR_A_SUBMIT_CENTRAL,  /* the province sends it to the central council */
  ACCR_A_OPEN_APPRAISAL,  /* the central council starts appraisal */
  ACCR_A_RECOGNISE,       /* the Academy recognises the school (decision) */
  ACCR_A_REJECT,          /* the Academy does not recognise it (reasons) */
  ACCR_A_COUNT
};

/* Who may act on a cycle, as a bit mask. The handler works out which of
 * these the caller is for this particular cycle (their roles *and* their
 * relation to its school or councils); the table says which are needed. */
enum accr_actor {
  ACCR_ACT_SCHOOL = 1u << 0,          /* staff of the school itself */
  ACCR_ACT_SCHOOL_HEAD = 1u << 1,     /* the school's head */
  ACCR_ACT_PROVINCE = 1u << 2,        /* the province (its board) over the school */
  ACCR_ACT_PROV_COUNCIL = 1u << 3,    /* member of the assigned provincial council */
  ACCR_ACT_CENTRAL_COUNCIL = 1u << 4, /* member of the assigned central council */
  ACCR_ACT_ACADEMY = 1u << 5,         /* the Academy (national scope) */
};

struct accr_transition {
  enum accr_state from;
  enum accr_action action;
  enum accr_state to;
  unsigned actors; /* any of these may perform it */
};

enum accr_verdict {
  ACCR_T_OK,
  ACCR_T_WRONG_STATE, /* the action does not leave this state */
  ACCR_T_WRONG_ROLE,  /* it does, but not for this caller */
};

/* The whole table (for listings and tests). */
size_t accr_transition_table(const struct accr_transition **out);
/* The row for (from, action), or NULL when the action does not leave `from`. */
const struct accr_transition *accr_transition_find(enum accr_state from, enum accr_action action);
enum accr_verdict accr_transition_check(enum accr_state from, enum accr_action action, unsigned actor_mask,
                                        enum accr_state *to);

const char *accr_state_code(enum accr_state s);  /* "self_assessing" */
const char *accr_state_title(enum accr_state s); /* "Đang tự đánh giá" */
bool accr_state_parse(const char *code, enum accr_state *out);
const char *accr_action_code(enum accr_action a);
const char *accr_action_title(enum accr_action a);
bool accr_action_parse(const char *code, enum accr_action *out);
bool accr_state_terminal(enum accr_state s);

/* The three layers of assessment: the school's, the provincial council's and
 * the central council's. */
enum accr_layer { ACCR_L_SELF, ACCR_L_PROVINCIAL, ACCR_L_CENTRAL, ACCR_L_COUNT };
const char *accr_layer_code(enum accr_layer l);
bool accr_layer_parse(const char *code, enum accr_layer *out);
/* Whether a layer's results (and, for the school, its evidence links) may be
 * written in a state: the dossier is locked everywhere else. */
bool accr_layer_editable(enum accr_state s, enum accr_layer l);
/* Whether a council of that level may still be assigned to a cycle. */
bool accr_council_assignable(enum accr_state s, bool central);
/* A site visit is recorded during central appraisal only. */
bool accr_site_visit_allowed(enum accr_state s);

/* ---- Results and readiness (readiness.c) -------------------------------- */

enum accr_result {
  ACCR_R_NONE, /* not assessed yet */
  ACCR_R_MET,
  ACCR_R_PARTIAL,
  ACCR_R_NOT_MET,
  ACCR_R_NOT_APPLICABLE,
};
const char *accr_result_code(enum accr_result r); /* "" for NONE */
const char *accr_result_title(enum accr_result r);
bool accr_result_parse(const char *code, enum accr_result *out); /* NULL/"" → NONE */

/* Level bits of a criterion: 1 = applies at level 1, 2 = at level 2, 3 = both. */
#define ACCR_LEVEL_BIT(level) (1u << ((level)-1))
bool accr_applies(unsigned levels, int level);
/* "1", "2", "1,2", "1+2", "1;2", "1 2", "cả hai" → bits; 0 when invalid. */
unsigned accr_levels_parse(const char *text);

struct accr_item {
  unsigned levels;
  bool mandatory;
  enum accr_result result;
  bool has_score;
  double score;
  bool has_max;
  double max_score;
};

struct accr_level_readiness {
  int total;    /* applicable, not marked not applicable */
  int assessed; /* of those, with a result */
  int met;
  int partial;
  int not_met;
  int not_applicable; /* marked not applicable (excluded from total) */
  int mandatory_total;
  int unmet_mandatory; /* mandatory and not met (includes not yet assessed) */
  double score;        /* sum of scores given */
  double max_score;    /* sum of maxima of scored criteria */
  bool ready;          /* everything applicable met */
};

struct accr_readiness {
  struct accr_level_readiness level[2]; /* [0] level 1, [1] level 2 */
};

void accr_readiness_compute(const struct accr_item *items, size_t n, struct accr_readiness *out);

/* A score is valid when it is ≥ 0 and, with a maximum, ≤ the maximum. */
bool accr_score_valid(double score, bool has_max, double max_score);

/* Evidence validity on a day (all dates yyyy-mm-dd, NULL = open-ended). */
enum accr_evidence_state { ACCR_E_VALID, ACCR_E_EXPIRING, ACCR_E_EXPIRED, ACCR_E_NOT_YET };
#define ACCR_EXPIRY_WARNING_DAYS 30
enum accr_evidence_state accr_evidence_state_on(const char *today, const char *valid_from,
                                                const char *valid_until, int warn_days);
const char *accr_evidence_state_code(enum accr_evidence_state s);

/* ---- Staff rules (staff_rules.c) ----------------------------------------- */

enum accr_staff_kind { ACCR_SK_LECTURER, ACCR_SK_MANAGER, ACCR_SK_BOTH };
enum accr_degree { ACCR_DEG_NONE, ACCR_DEG_BACHELOR, ACCR_DEG_MASTER, ACCR_DEG_DOCTOR };
enum accr_title { ACCR_TTL_NONE, ACCR_TTL_ASSOCIATE, ACCR_TTL_PROFESSOR };
enum accr_theory {
  ACCR_TH_NONE,
  ACCR_TH_ELEMENTARY,
  ACCR_TH_INTERMEDIATE,
  ACCR_TH_ADVANCED,
  ACCR_TH_BACHELOR,
};
enum accr_rank { ACCR_RK_NONE, ACCR_RK_LECTURER, ACCR_RK_MAIN, ACCR_RK_SENIOR };

struct accr_staff {
  enum accr_staff_kind kind;
  enum accr_degree degree;
  enum accr_title title;
  enum accr_theory theory;
  enum accr_rank rank;
  bool pedagogy; /* certificate in pedagogy (nghiệp vụ sư phạm) */
};

/* What a criterion may ask of staff. */
enum accr_qual {
  ACCR_Q_ANY,             /* just a head count */
  ACCR_Q_MASTER,          /* master's degree or higher */
  ACCR_Q_DOCTOR,          /* doctorate */
  ACCR_Q_PROFESSOR_TITLE, /* associate professor or professor */
  ACCR_Q_ADVANCED_THEORY, /* advanced political theory (cao cấp) or a bachelor in it */
  ACCR_Q_MAIN_LECTURER,   /* main lecturer (giảng viên chính) or senior */
  ACCR_Q_SENIOR_LECTURER, /* senior lecturer (giảng viên cao cấp) */
  ACCR_Q_PEDAGOGY,        /* pedagogy certificate */
  ACCR_Q_COUNT
};

enum accr_rule_role { ACCR_RR_LECTURERS, ACCR_RR_MANAGERS, ACCR_RR_ALL };

struct accr_staff_rule {
  enum accr_rule_role role;
  enum accr_qual qual;
  int min_count;      /* < 0: no minimum count */
  double min_percent; /* < 0: no minimum share of the role's population */
};

struct accr_staff_tally {
  int population; /* staff in the rule's role */
  int matching;   /* of those, with the qualification */
  bool met;
};

const char *accr_qual_code(enum accr_qual q);
const char *accr_qual_title(enum accr_qual q);
bool accr_qual_parse(const char *code, enum accr_qual *out);
const char *accr_rule_role_code(enum accr_rule_role r);
bool accr_rule_role_parse(const char *code, enum accr_rule_role *out);
bool accr_staff_kind_parse(const char *code, enum accr_staff_kind *out);
bool accr_degree_parse(const char *code, enum accr_degree *out);
bool accr_title_parse(const char *code, enum accr_title *out);
bool accr_theory_parse(const char *code, enum accr_theory *out);
bool accr_rank_parse(const char *code, enum accr_rank *out);

bool accr_staff_in_role(const struct accr_staff *s, enum accr_rule_role role);
bool accr_staff_has(const struct accr_staff *s, enum accr_qual q);
void accr_staff_rule_eval(const struct accr_staff_rule *rule, const struct accr_staff *staff, size_t n,
                          struct accr_staff_tally *out);

/* ---- The plan's figures, read from its text (plan_parse.c) -------------- */

struct accr_plan_facts {
  int regulation_number;     /* 396 (of "Quy định số 396-QĐ/TW") */
  char regulation_date[11];  /* yyyy-mm-dd */
  int year_from, year_to;    /* 2026, 2030 */
  int target_level1;         /* 19 */
  int target_level2_min;     /* 15 */
  int target_level2_max;     /* 20 */
  char project_deadline[11]; /* the Đề án goes to the standing committee before this */
};

/* Fills `out` from the plan's text. Returns 0, or -1 with *missing naming the
 * first figure it could not find ("target_level1", …). */
int accr_plan_parse(cadre_arena *a, const char *text, struct accr_plan_facts *out, const char **missing);

/* Matches a pattern against folded text at `s`: literal characters, %d (one
 * or more digits → int*), %D (a date d/m/yyyy → char[11] as yyyy-mm-dd).
 * Returns the end of the match or NULL. Exposed for tests. */
const char *accr_match_at(const char *s, const char *pattern, void **outs);
/* The first match anywhere in `s` (at or after it), or NULL. */
const char *accr_find(const char *s, const char *pattern, void **outs);

/* ---- Catalogue CSV rows (criteria_row.c) --------------------------------- */

enum accr_kind { ACCR_K_GROUP, ACCR_K_CRITERION, ACCR_K_INDICATOR };
const char *accr_kind_code(enum accr_kind k);
bool accr_kind_parse(const char *code, enum accr_kind *out);
/* Whether a node of kind `child` may sit under a node of kind `parent`. */
bool accr_kind_may_parent(enum accr_kind parent, enum accr_kind child);

/* Column order of the catalogue CSV (import and export alike). */
enum accr_csv_col {
  ACCR_C_CODE,
  ACCR_C_PARENT,
  ACCR_C_KIND,
  ACCR_C_SEQ,
  ACCR_C_TITLE,
  ACCR_C_LEVELS,
  ACCR_C_MAX_SCORE,
  ACCR_C_WEIGHT,
  ACCR_C_MANDATORY,
  ACCR_C_GUIDANCE,
  ACCR_C_EVIDENCE,
  ACCR_C_STAFF_ROLE,
  ACCR_C_STAFF_QUAL,
  ACCR_C_STAFF_MIN_COUNT,
  ACCR_C_STAFF_MIN_PERCENT,
  ACCR_C_COUNT
};
extern const char *const accr_csv_headers[ACCR_C_COUNT];

struct accr_criterion_row {
  const char *code;
  const char *parent_code; /* NULL for a top-level group */
  enum accr_kind kind;
  int seq;
  const char *title;
  unsigned levels;
  bool has_max;
  double max_score;
  bool has_weight;
  double weight;
  bool mandatory;
  const char *guidance;
  const char *evidence;
  bool has_staff_rule;
  struct accr_staff_rule staff_rule;
};

/* Checks the header line: 0 when it names the columns in order (accent- and
 * case-insensitively, the Vietnamese or the code names), else the 1-based
 * number of the first wrong column. */
int accr_csv_header_check(cadre_arena *a, char **fields, int n);
/* Parses one data record. Returns NULL on success, or a Vietnamese message
 * (in the arena) naming what is wrong; *column gets the column's index. */
const char *accr_criterion_row_parse(cadre_arena *a, char **fields, int n, struct accr_criterion_row *out,
                                     int *column);
/* A decimal as officials write it: "9.5" or "9,5"; false for anything else. */
bool accr_parse_decimal(const char *s, double *out);
/* "x", "1", "có", "co", "yes", "true" → true; "", "0", "không", "no" → false;
 * false return value when it is something else. */
bool accr_parse_flag(cadre_arena *a, const char *s, bool *out);

/* ---- Inspections (inspection_rules.c) ------------------------------------ */

enum accr_severity { ACCR_SEV_MINOR, ACCR_SEV_MAJOR, ACCR_SEV_CRITICAL };
enum accr_outcome { ACCR_O_MAINTAINED, ACCR_O_WARNING, ACCR_O_WITHDRAWN };
bool accr_severity_parse(const char *code, enum accr_severity *out);
bool accr_outcome_parse(const char *code, enum accr_outcome *out);
const char *accr_outcome_code(enum accr_outcome o);

/* The least severe outcome the findings allow: a critical finding whose
 * corrective actions are not all done rules out "maintained". */
struct accr_finding_tally {
  int minor, major, critical;
  int critical_unresolved; /* critical findings whose actions are not all done */
};
enum accr_outcome accr_outcome_floor(const struct accr_finding_tally *t);
/* Whether a chosen outcome is at least as severe as the floor. */
bool accr_outcome_allowed(const struct accr_finding_tally *t, enum accr_outcome chosen);

#endif
