/*
 * Staff review: which lecturers and managers count towards a criterion that
 * asks for qualified staff ("at least N lecturers with a doctorate", "at
 * least P% of lecturers are main lecturers"), and whether the school meets it.
 */
#include <string.h>

#include "logic.h"

struct code_title {
  const char *code;
  const char *title;
};

static const struct code_title quals[ACCR_Q_COUNT] = {
    [ACCR_Q_ANY] = {"any", "Không yêu cầu trình độ (đếm số người)"},
    [ACCR_Q_MASTER] = {"master", "Thạc sĩ trở lên"},
    [ACCR_Q_DOCTOR] = {"doctor", "Tiến sĩ"},
    [ACCR_Q_PROFESSOR_TITLE] = {"professor_title", "Phó Giáo sư, Giáo sư"},
    [ACCR_Q_ADVANCED_THEORY] = {"advanced_theory", "Cao cấp lý luận chính trị hoặc cử nhân"},
    [ACCR_Q_MAIN_LECTURER] = {"main_lecturer", "Giảng viên chính trở lên"},
    [ACCR_Q_SENIOR_LECTURER] = {"senior_lecturer", "Giảng viên cao cấp"},
    [ACCR_Q_PEDAGOGY] = {"pedagogy", "Có chứng chỉ nghiệp vụ sư phạm"},
};

static bool parse_in(const char *code, const char *const *codes, int n, int *out) {
  for (int i = 0; code && i < n; i++)
    if (codes[i] && strcmp(code, codes[i]) == 0) {
      *out = i;
      return true;
    }
  return false;
}

const char *accr_qual_code(enum accr_qual q) { return (unsigned)q < ACCR_Q_COUNT ? quals[q].code : ""; }

const char *accr_qual_title(enum accr_qual q) { return (unsigned)q < ACCR_Q_COUNT ? quals[q].title : ""; }

bool accr_qual_parse(const char *code, enum accr_qual *out) {
  for (int i = 0; code && i < ACCR_Q_COUNT; i++)
    if (strcmp(code, quals[i].code) == 0) {
      *out = (enum accr_qual)i;
      return true;
    }
  return false;
}

static const char *const rule_roles[] = {"lecturers", "managers", "all"};

const char *accr_rule_role_code(enum accr_rule_role r) {
  return (unsigned)r <= ACCR_RR_ALL ? rule_roles[r] : "";
}

bool accr_rule_role_parse(const char *code, enum accr_rule_role *out) {
  int i;
  if (!parse_in(code, rule_roles, 3, &i))
    return false;
  *out = (enum accr_rule_role)i;
  return true;
}

#define PARSER(fn, type, ...)                                                                                \
  bool fn(const char *code, type *out) {                                                                     \
    static const char *const codes[] = {__VA_ARGS__};                                                        \
    int i;                                                                                                   \
    if (!parse_in(code, codes, (int)(sizeof(codes) / sizeof(codes[0])), &i))                                 \
      return false;                                                                                          \
    *out = (type)i;                                                                                          \
    return true;                                                                                             \
  }

PARSER(accr_staff_kind_parse, enum accr_staff_kind, "lecturer", "manager", "both")
PARSER(accr_degree_parse, enum accr_degree, "none", "bachelor", "master", "doctor")
PARSER(accr_title_parse, enum accr_title, "none", "associate_professor", "professor")
PARSER(accr_theory_parse, enum accr_theory, "none", "elementary", "intermediate", "advanced", "bachelor")
PARSER(accr_rank_parse, enum accr_rank, "none", "lecturer", "main_lecturer", "senior_lecturer")

bool accr_staff_in_role(const struct accr_staff *s, enum accr_rule_role role) {
  switch (role) {
  case ACCR_RR_LECTURERS: return s->kind == ACCR_SK_LECTURER || s->kind == ACCR_SK_BOTH;
  case ACCR_RR_MANAGERS: return s->kind == ACCR_SK_MANAGER || s->kind == ACCR_SK_BOTH;
  case ACCR_RR_ALL: return true;
  }
  return false;
}

bool accr_staff_has(const struct accr_staff *s, enum accr_qual q) {
  switch (q) {
  case ACCR_Q_ANY: return true;
  case ACCR_Q_MASTER: return s->degree >= ACCR_DEG_MASTER;
  case ACCR_Q_DOCTOR: return s->degree == ACCR_DEG_DOCTOR;
  case ACCR_Q_PROFESSOR_TITLE: return s->title != ACCR_TTL_NONE;
  case ACCR_Q_ADVANCED_THEORY: return s->theory >= ACCR_TH_ADVANCED;
  case ACCR_Q_MAIN_LECTURER: return s->rank >= ACCR_RK_MAIN;
  case ACCR_Q_SENIOR_LECTURER: return s->rank == ACCR_RK_SENIOR;
  case ACCR_Q_PEDAGOGY: return s->pedagogy;
  case ACCR_Q_COUNT: break;
  }
  return false;
}

void accr_staff_rule_eval(const struct accr_staff_rule *rule, const struct accr_staff *staff, size_t n,
                          struct accr_staff_tally *out) {
  out->population = 0;
  out->matching = 0;
  for (size_t i = 0; i < n; i++) {
    if (!accr_staff_in_role(&staff[i], rule->role))
      continue;
    out->population++;
    if (accr_staff_has(&staff[i], rule->qual))
      out->matching++;
  }
  bool count_ok = rule->min_count < 0 || out->matching >= rule->min_count;
  /* A share of nobody is not a share: an empty role fails a percentage. */
  bool share_ok =
      rule->min_percent < 0 ||
      (out->population > 0 && out->matching * 100.0 >= rule->min_percent * out->population - 1e-9);
  out->met = count_ok && share_ok;
}
