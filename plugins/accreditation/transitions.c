/*
 * The assessment cycle's state machine over HTTP. The table (transition.c)
 * says which (state, action) pairs exist and who may take them; this file
 * works out who the caller is for the cycle, checks the business
 * preconditions of each step, and records the step: the new state (guarded
 * by the old one), the cycle's history, the audit row and the notifications,
 * all in one transaction.
 */
#include <string.h>

#include "accreditation.h"

json_t *accr_allowed_actions(cadre_req *req, const struct accr_cycle *c) {
  json_t *out = cadre_json_arr(req);
  unsigned mask = accr_actor_mask(req, c, NULL);
  for (int a = 0; a < ACCR_A_COUNT; a++) {
    enum accr_state to;
    if (accr_transition_check(c->state, (enum accr_action)a, mask, &to) != ACCR_T_OK)
      continue;
    json_array_append_new(out, json_pack("{ss ss ss ss}", "action", accr_action_code((enum accr_action)a),
                                         "title", accr_action_title((enum accr_action)a), "to",
                                         accr_state_code(to), "to_title", accr_state_title(to)));
  }
  return out;
}

struct step {
  int64_t cycle_id;
  enum accr_action action;
  const struct accr_transition_input *in;
  struct accr_cycle cy;
  enum accr_state to;
  json_t *leaves;
  int level; /* recognition level */
};

/* ---- Who ---------------------------------------------------------------------- */

static int check_who(cadre_req *req, struct step *s) {
  bool conflicted = false;
  unsigned mask = accr_actor_mask(req, &s->cy, &conflicted);
  switch (accr_transition_check(s->cy.state, s->action, mask, &s->to)) {
  case ACCR_T_OK: return 0;
  case ACCR_T_WRONG_STATE:
    return cadre_fail(req, 409, "transition_not_allowed", "Không thể “%s” khi hồ sơ đang ở trạng thái “%s”.",
                      accr_action_title(s->action), accr_state_title(s->cy.state));
  case ACCR_T_WRONG_ROLE: break;
  }
  const struct accr_transition *t = accr_transition_find(s->cy.state, s->action);
  if (conflicted && (t->actors & (ACCR_ACT_PROV_COUNCIL | ACCR_ACT_CENTRAL_COUNCIL)))
    return cadre_fail(req, 403, "conflict_of_interest",
                      "Bạn đã khai báo xung đột lợi ích với trường này nên không tham gia đánh "
                      "giá hồ sơ.");
  return cadre_fail(req, 403, "transition_forbidden", "Bạn không có quyền “%s” đối với hồ sơ này.",
                    accr_action_title(s->action));
}

/* ---- Preconditions -------------------------------------------------------------- */

static int need_complete(cadre_req *req, struct step *s, enum accr_layer layer, int level, const char *code,
                         const char *what) {
  int stale = 0;
  int missing = accr_missing_results(s->leaves, layer, level, &stale);
  if (missing > 0)
    return cadre_fail(req, 422, code, "Còn %d tiêu chí mức %d chưa có kết quả %s.", missing, level, what);
  if (stale > 0)
    return cadre_fail(req, 422, code,
                      "Có %d tiêu chí trường đã sửa sau khi Hội đồng đánh giá; cần đánh giá lại.", stale);
  return 0;
}

static bool blank(const char *s) {
  if (!s)
    return true;
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return false;
  return true;
}

static int check_recognition(cadre_req *req, struct step *s) {
  const struct accr_transition_input *in = s->in;
  s->level = in->level ? in->level : s->cy.target_level;
  if (blank(in->decision_no))
    return cadre_fail(req, 422, "decision_number_required", "Cần số quyết định công nhận trường đạt chuẩn.");
  if (blank(in->decision_date))
    return cadre_fail(req, 422, "decision_date_required", "Cần ngày ký quyết định công nhận.");
  if (blank(in->valid_until))
    return cadre_fail(req, 422, "valid_until_required", "Cần thời hạn hiệu lực của quyết định công nhận.");
  if (strcmp(in->valid_until, in->decision_date) <= 0)
    return cadre_fail(req, 422, "valid_until_before_decision",
                      "Thời hạn hiệu lực phải sau ngày ký quyết định.");
  if (s->level > s->cy.target_level)
    return cadre_fail(req, 422, "level_above_target", "Hồ sơ đăng ký mức %d; không công nhận ở mức cao hơn.",
                      s->cy.target_level);
  int64_t visits = 0;
  if (cadre_db_int(req, &visits, "SELECT COUNT(*) FROM accreditation_site_visit WHERE cycle_id = ?",
                   CV_ARGS(CV_INT(s->cy.id))) < 0)
    return cadre_db_fail(req);
  if (visits == 0)
    return cadre_fail(req, 422, "site_visit_required",
                      "Hội đồng cấp Trung ương chưa ghi nhận đợt khảo sát thực tế tại trường.");
  int rc = need_complete(req, s, ACCR_L_CENTRAL, s->level, "central_appraisal_incomplete", "thẩm định");
  if (rc)
    return rc;
  struct accr_readiness r;
  accr_readiness_of(s->leaves, ACCR_L_CENTRAL, &r);
  if (r.level[s->level - 1].unmet_mandatory > 0)
    return cadre_fail(req, 422, "mandatory_criteria_unmet",
                      "Còn %d tiêu chí bắt buộc mức %d chưa đạt theo kết quả thẩm định.",
                      r.level[s->level - 1].unmet_mandatory, s->level);
  return 0;
}

static int check_preconditions(cadre_req *req, struct step *s) {
  s->leaves = accr_cycle_leaves(req, s->cy.id, s->cy.version_id);
  if (!s->leaves)
    return cadre_db_fail(req);
  int level = s->cy.target_level;
  switch (s->action) {
  case ACCR_A_SUBMIT:
  case ACCR_A_RESUBMIT:
    return need_complete(req, s, ACCR_L_SELF, level, "self_assessment_incomplete", "tự đánh giá");
  case ACCR_A_REQUEST_CHANGES:
    if (blank(s->in->note))
      return cadre_fail(req, 422, "note_required", "Cần nêu nội dung yêu cầu trường bổ sung, hoàn thiện.");
    return 0;
  case ACCR_A_ENDORSE:
    return need_complete(req, s, ACCR_L_PROVINCIAL, level, "provincial_evaluation_incomplete",
                         "đánh giá của Hội đồng cấp tỉnh");
  case ACCR_A_RECOGNISE: return check_recognition(req, s);
  case ACCR_A_REJECT:
    if (blank(s->in->note))
      return cadre_fail(req, 422, "reasons_required", "Cần nêu lý do không công nhận.");
    return 0;
  default: return 0;
  }
}

/* ---- Recording the step ---------------------------------------------------------- */

static int write_state(cadre_req *req, struct step *s) {
  const char *now = cadre_now_text(req);
  const char *note = blank(s->in->note) ? NULL : s->in->note;
  /* The WHERE on the old state makes a concurrent step lose cleanly. */
  int64_t n = cadre_db_exec(req,
                            "UPDATE accreditation_cycle SET state = ?,"
                            " submitted_at = IF(? IN ('submit', 'resubmit'), ?, submitted_at),"
                            " endorsed_at = IF(? = 'endorse', ?, endorsed_at),"
                            " decided_at = IF(? IN ('recognise', 'reject'), ?, decided_at),"
                            " changes_note = IF(? = 'request_changes', ?, changes_note),"
                            " refusal_reasons = IF(? = 'reject', ?, refusal_reasons)"
                            " WHERE id = ? AND state = ?",
                            CV_ARGS(CV_STR(accr_state_code(s->to)), CV_STR(accr_action_code(s->action)),
                                    CV_STR(now), CV_STR(accr_action_code(s->action)), CV_STR(now),
                                    CV_STR(accr_action_code(s->action)), CV_STR(now),
                                    CV_STR(accr_action_code(s->action)), CV_STR(note),
                                    CV_STR(accr_action_code(s->action)), CV_STR(note), CV_INT(s->cy.id),
                                    CV_STR(accr_state_code(s->cy.state))));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "state_changed",
                      "Hồ sơ vừa được người khác chuyển trạng thái; hãy tải lại trang.");
  return 0;
}

static int write_recognition(cadre_req *req, struct step *s) {
  const struct accr_transition_input *in = s->in;
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_recognition (cycle_id, school_agency_id, level,"
                    " decision_no, decision_date, valid_until, status, status_date, created_by)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)",
                    CV_ARGS(CV_INT(s->cy.id), CV_INT(s->cy.school_id), CV_INT(s->level),
                            CV_STR(in->decision_no), CV_STR(in->decision_date), CV_STR(in->valid_until),
                            CV_STR(in->decision_date), ACCR_USER(req))) < 0)
    return accr_db_refused(req, "decision_number_taken",
                           "Số quyết định này đã được dùng cho một quyết định công nhận khác.");
  int64_t id = cadre_db_last_id(req);
  json_t *after = accr_row(req, "SELECT * FROM accreditation_recognition WHERE id = ?", id);
  return !after || accr_audit(req, "recognition", id, "create", NULL, after) ? cadre_db_fail(req) : 0;
}

static int write_event(cadre_req *req, struct step *s, int64_t *event_id) {
  const char *who = cadre_user_id(req) == -1 ? "Hệ thống" : cadre_user_name(req);
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_cycle_event (cycle_id, action, from_state,"
                    " to_state, user_id, user_name, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(s->cy.id), CV_STR(accr_action_code(s->action)),
                            CV_STR(accr_state_code(s->cy.state)), CV_STR(accr_state_code(s->to)),
                            CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req)), CV_STR(who),
                            CV_STR(blank(s->in->note) ? NULL : s->in->note), CV_STR(cadre_now_text(req)))) <
      0)
    return cadre_db_fail(req);
  *event_id = cadre_db_last_id(req);
  json_t *before = cadre_keep(req, json_pack("{ss}", "state", accr_state_code(s->cy.state)));
  json_t *after = cadre_keep(
      req, json_pack("{ss ss}", "state", accr_state_code(s->to), "action", accr_action_code(s->action)));
  if (!blank(s->in->note))
    json_object_set_new(after, "note", json_string(s->in->note));
  if (s->action == ACCR_A_RECOGNISE)
    json_object_set_new(after, "decision_no", json_string(s->in->decision_no));
  return accr_audit(req, "cycle", s->cy.id, accr_action_code(s->action), before, after) ? cadre_db_fail(req)
                                                                                        : 0;
}

/* Tells whoever acts next, or the school when it is decided. */
static int notify(cadre_req *req, struct step *s, int64_t event_id) {
  const char *title = cadre_jstr(s->cy.row, "title");
  const char *school =
      cadre_db_str(req, "SELECT name FROM agency WHERE id = ?", CV_ARGS(CV_INT(s->cy.school_id)));
  const char *subject =
      cadre_printf(req, "[Trường chuẩn] %s: %s", school ? school : "", accr_state_title(s->to));
  const char *body = cadre_printf(req, "Hồ sơ “%s” của %s chuyển sang trạng thái “%s”.%s%s",
                                  title ? title : "", school ? school : "", accr_state_title(s->to),
                                  blank(s->in->note) ? "" : "\n\n", blank(s->in->note) ? "" : s->in->note);
  const char *key = cadre_printf(req, "accr:cycle:%lld:%lld", (long long)s->cy.id, (long long)event_id);
  int64_t school_id = s->cy.school_id;
  int rc = 0;
  switch (s->to) {
  case ACCR_S_SUBMITTED_PROVINCIAL:
  case ACCR_S_RESUBMITTED:
    rc = accr_notify_council(req, s->cy.prov_council_id, school_id, subject, body, key);
    if (!rc)
      rc = accr_notify(req, ACCR_ROLE_PROVINCE, school_id, ACCR_AUD_OVER, subject, body, key);
    break;
  case ACCR_S_CHANGES_REQUESTED:
    rc = accr_notify(req, ACCR_ROLE_HEAD, school_id, ACCR_AUD_AT, subject, body, key);
    break;
  case ACCR_S_ENDORSED:
    rc = accr_notify(req, ACCR_ROLE_PROVINCE, school_id, ACCR_AUD_OVER, subject, body, key);
    break;
  case ACCR_S_SUBMITTED_CENTRAL:
    rc = accr_notify(req, ACCR_ROLE_ACADEMY, school_id, ACCR_AUD_NATIONAL, subject, body, key);
    if (!rc)
      rc = accr_notify_council(req, s->cy.central_council_id, school_id, subject, body, key);
    break;
  case ACCR_S_RECOGNISED:
  case ACCR_S_NOT_RECOGNISED:
    rc = accr_notify(req, ACCR_ROLE_HEAD, school_id, ACCR_AUD_AT, subject, body, key);
    if (!rc)
      rc = accr_notify(req, ACCR_ROLE_PROVINCE, school_id, ACCR_AUD_OVER, subject, body, key);
    break;
  default: break;
  }
  return rc < 0 ? cadre_db_fail(req) : 0;
}

static int step_tx(cadre_req *req, void *arg) {
  struct step *s = arg;
  int rc = accr_cycle_load(req, s->cycle_id, true, &s->cy);
  if (!rc)
    rc = check_who(req, s);
  if (!rc)
    rc = check_preconditions(req, s);
  if (!rc)
    rc = write_state(req, s);
  if (!rc && s->action == ACCR_A_RECOGNISE)
    rc = write_recognition(req, s);
  int64_t event_id = 0;
  if (!rc)
    rc = write_event(req, s, &event_id);
  if (!rc)
    rc = notify(req, s, event_id);
  return rc;
}

int accr_transition_run(cadre_req *req, int64_t cycle_id, enum accr_action action,
                        const struct accr_transition_input *in) {
  struct step s = {.cycle_id = cycle_id, .action = action, .in = in};
  return cadre_tx(req, step_tx, &s);
}

int accr_cycle_transition(cadre_req *req) {
  enum accr_action action;
  if (!accr_action_parse(cadre_str(req, "action"), &action))
    return cadre_fail(req, 422, "unknown_action", "Thao tác không hợp lệ.");
  struct accr_transition_input in = {
      .note = cadre_str(req, "note"),
      .level = (int)cadre_int(req, "level", 0),
      .decision_no = cadre_str(req, "decision_no"),
      .decision_date = cadre_str(req, "decision_date"),
      .valid_until = cadre_str(req, "valid_until"),
  };
  int rc = accr_transition_run(req, cadre_int(req, "id", 0), action, &in);
  return rc ? rc : accr_cycle_get(req);
}
