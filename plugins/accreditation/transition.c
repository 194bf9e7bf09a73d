/*
 * The assessment cycle as a transition table: every allowed (state, action)
 * pair, where it leads and who may take it. Anything not in the table is
 * refused. The handler adds the business preconditions (a complete
 * self-assessment before submitting, a decision number to recognise, …).
 */
#include <string.h>

#include "logic.h"

#define SCHOOL (ACCR_ACT_SCHOOL | ACCR_ACT_SCHOOL_HEAD)
#define HEAD ACCR_ACT_SCHOOL_HEAD
#define PROV_COUNCIL ACCR_ACT_PROV_COUNCIL
#define PROVINCE ACCR_ACT_PROVINCE
#define CENTRAL (ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY)
#define ACADEMY ACCR_ACT_ACADEMY

static const struct accr_transition table[] = {
    {ACCR_S_DRAFT, ACCR_A_START, ACCR_S_SELF_ASSESSING, SCHOOL},
    {ACCR_S_SELF_ASSESSING, ACCR_A_SUBMIT, ACCR_S_SUBMITTED_PROVINCIAL, HEAD},
    {ACCR_S_SUBMITTED_PROVINCIAL, ACCR_A_OPEN_REVIEW, ACCR_S_PROVINCIAL_REVIEW, PROV_COUNCIL},
    {ACCR_S_PROVINCIAL_REVIEW, ACCR_A_REQUEST_CHANGES, ACCR_S_CHANGES_REQUESTED, PROV_COUNCIL},
    {ACCR_S_PROVINCIAL_REVIEW, ACCR_A_ENDORSE, ACCR_S_ENDORSED, PROV_COUNCIL},
    {ACCR_S_CHANGES_REQUESTED, ACCR_A_RESUBMIT, ACCR_S_RESUBMITTED, HEAD},
    /* A resubmitted dossier goes back under review, or straight back to
     * the school when it is plainly still incomplete. */
    {ACCR_S_RESUBMITTED, ACCR_A_OPEN_REVIEW, ACCR_S_PROVINCIAL_REVIEW, PROV_COUNCIL},
    {ACCR_S_RESUBMITTED, ACCR_A_REQUEST_CHANGES, ACCR_S_CHANGES_REQUESTED, PROV_COUNCIL},
    {ACCR_S_ENDORSED, ACCR_A_SUBMIT_CENTRAL, ACCR_S_SUBMITTED_CENTRAL, PROVINCE},
    {ACCR_S_SUBMITTED_CENTRAL, ACCR_A_OPEN_APPRAISAL, ACCR_S_CENTRAL_APPRAISAL, CENTRAL},
    {ACCR_S_CENTRAL_APPRAISAL, ACCR_A_RECOGNISE, ACCR_S_RECOGNISED, ACADEMY},
    {ACCR_S_CENTRAL_APPRAISAL, ACCR_A_REJECT, ACCR_S_NOT_RECOGNISED, ACADEMY},
};

static const struct {
  const char *code;
  const char *title;
} states[ACCR_S_COUNT] = {
    [ACCR_S_DRAFT] = {"draft", "Khởi tạo"},
    [ACCR_S_SELF_ASSESSING] = {"self_assessing", "Đang tự đánh giá"},
    [ACCR_S_SUBMITTED_PROVINCIAL] = {"submitted_provincial", "Đã nộp Hội đồng cấp tỉnh"},
    [ACCR_S_PROVINCIAL_REVIEW] = {"provincial_review", "Hội đồng cấp tỉnh đang đánh giá"},
    [ACCR_S_CHANGES_REQUESTED] = {"changes_requested", "Yêu cầu bổ sung, hoàn thiện"},
    [ACCR_S_RESUBMITTED] = {"resubmitted", "Đã nộp lại sau bổ sung"},
    [ACCR_S_ENDORSED] = {"endorsed", "Hội đồng cấp tỉnh đề nghị công nhận"},
    [ACCR_S_SUBMITTED_CENTRAL] = {"submitted_central", "Đã trình Hội đồng cấp Trung ương"},
    [ACCR_S_CENTRAL_APPRAISAL] = {"central_appraisal", "Hội đồng cấp Trung ương đang thẩm định"},
    [ACCR_S_RECOGNISED] = {"recognised", "Được công nhận đạt chuẩn"},
    [ACCR_S_NOT_RECOGNISED] = {"not_recognised", "Không được công nhận"},
};

static const struct {
  const char *code;
  const char *title;
} actions[ACCR_A_COUNT] = {
    [ACCR_A_START] = {"start", "Bắt đầu tự đánh giá"},
    [ACCR_A_SUBMIT] = {"submit", "Nộp Hội đồng đánh giá cấp tỉnh"},
    [ACCR_A_OPEN_REVIEW] = {"open_review", "Hội đồng cấp tỉnh tiếp nhận, đánh giá"},
    [ACCR_A_REQUEST_CHANGES] = {"request_changes", "Yêu cầu bổ sung, hoàn thiện"},
    [ACCR_A_RESUBMIT] = {"resubmit", "Nộp lại hồ sơ đã bổ sung"},
    [ACCR_A_ENDORSE] = {"endorse", "Hội đồng cấp tỉnh đề nghị công nhận"},
    [ACCR_A_SUBMIT_CENTRAL] = {"submit_central", "Trình Hội đồng cấp Trung ương"},
    [ACCR_A_OPEN_APPRAISAL] = {"open_appraisal", "Bắt đầu thẩm định"},
    [ACCR_A_RECOGNISE] = {"recognise", "Công nhận đạt chuẩn"},
    [ACCR_A_REJECT] = {"reject", "Không công nhận"},
};

static const char *const layers[ACCR_L_COUNT] = {"self", "provincial", "central"};

size_t accr_transition_table(const struct accr_transition **out) {
  *out = table;
  return sizeof(table) / sizeof(table[0]);
}

const struct accr_transition *accr_transition_find(enum accr_state from, enum accr_action action) {
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    if (table[i].from == from && table[i].action == action)
      return &table[i];
  return NULL;
}

enum accr_verdict accr_transition_check(enum accr_state from, enum accr_action action, unsigned actor_mask,
                                        enum accr_state *to) {
  const struct accr_transition *t = accr_transition_find(from, action);
  if (!t)
    return ACCR_T_WRONG_STATE;
  if ((t->actors & actor_mask) == 0)
    return ACCR_T_WRONG_ROLE;
  if (to)
    *to = t->to;
  return ACCR_T_OK;
}

const char *accr_state_code(enum accr_state s) { return (unsigned)s < ACCR_S_COUNT ? states[s].code : ""; }

const char *accr_state_title(enum accr_state s) { return (unsigned)s < ACCR_S_COUNT ? states[s].title : ""; }

bool accr_state_parse(const char *code, enum accr_state *out) {
  for (int i = 0; code && i < ACCR_S_COUNT; i++)
    if (strcmp(code, states[i].code) == 0) {
      *out = (enum accr_state)i;
      return true;
    }
  return false;
}

const char *accr_action_code(enum accr_action a) { return (unsigned)a < ACCR_A_COUNT ? actions[a].code : ""; }

const char *accr_action_title(enum accr_action a) {
  return (unsigned)a < ACCR_A_COUNT ? actions[a].title : "";
}

bool accr_action_parse(const char *code, enum accr_action *out) {
  for (int i = 0; code && i < ACCR_A_COUNT; i++)
    if (strcmp(code, actions[i].code) == 0) {
      *out = (enum accr_action)i;
      return true;
    }
  return false;
}

bool accr_state_terminal(enum accr_state s) { return s == ACCR_S_RECOGNISED || s == ACCR_S_NOT_RECOGNISED; }

const char *accr_layer_code(enum accr_layer l) { return (unsigned)l < ACCR_L_COUNT ? layers[l] : ""; }

bool accr_layer_parse(const char *code, enum accr_layer *out) {
  for (int i = 0; code && i < ACCR_L_COUNT; i++)
    if (strcmp(code, layers[i]) == 0) {
      *out = (enum accr_layer)i;
      return true;
    }
  return false;
}

bool accr_layer_editable(enum accr_state s, enum accr_layer l) {
  switch (l) {
  case ACCR_L_SELF:
    /* Submission locks the school's dossier until the council returns it. */
    return s == ACCR_S_SELF_ASSESSING || s == ACCR_S_CHANGES_REQUESTED;
  case ACCR_L_PROVINCIAL: return s == ACCR_S_PROVINCIAL_REVIEW;
  case ACCR_L_CENTRAL: return s == ACCR_S_CENTRAL_APPRAISAL;
  default: return false;
  }
}

bool accr_council_assignable(enum accr_state s, bool central) {
  if (central)
    return s < ACCR_S_CENTRAL_APPRAISAL;
  /* Not while the council is evaluating, nor once it has endorsed. */
  return s <= ACCR_S_SUBMITTED_PROVINCIAL || s == ACCR_S_CHANGES_REQUESTED || s == ACCR_S_RESUBMITTED;
}

bool accr_site_visit_allowed(enum accr_state s) { return s == ACCR_S_CENTRAL_APPRAISAL; }
