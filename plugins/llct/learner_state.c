/*
 * A learner's dossier through admission and study:
 *
 *   submitted → under_review → eligible | needs_supplement | ineligible
 *   needs_supplement → under_review | ineligible
 *   eligible → admitted (by the admission decision)
 *   admitted → enrolled (on time, or up to 5 days late with a reason the
 *              sending unit confirmed and the principal's decision)
 *            → dropped (no-show: admission cancelled and reported)
 *   enrolled → studying (by the class-opening decision) → graduated
 *   before admission, a sending unit may withdraw its nomination; an
 *   administrator may re-open an ineligible dossier (a logged correction).
 *
 * Pure: the handler supplies the facts (class steps, dates, who asks) and
 * applies the answer.
 */
#include <string.h>

#include "llct.h"

static const struct {
  const char *code, *title;
} states[LLCT_ST_COUNT] = {
    [LLCT_ST_SUBMITTED] = {"submitted", "Đã nộp hồ sơ"},
    [LLCT_ST_UNDER_REVIEW] = {"under_review", "Đang xét hồ sơ"},
    [LLCT_ST_ELIGIBLE] = {"eligible", "Đủ điều kiện"},
    [LLCT_ST_NEEDS_SUPPLEMENT] = {"needs_supplement", "Cần bổ sung hồ sơ"},
    [LLCT_ST_INELIGIBLE] = {"ineligible", "Không đủ điều kiện"},
    [LLCT_ST_ADMITTED] = {"admitted", "Trúng tuyển"},
    [LLCT_ST_ENROLLED] = {"enrolled", "Đã nhập học"},
    [LLCT_ST_STUDYING] = {"studying", "Đang học"},
    [LLCT_ST_GRADUATED] = {"graduated", "Tốt nghiệp"},
    [LLCT_ST_DROPPED] = {"dropped", "Bỏ học"},
    [LLCT_ST_WITHDRAWN] = {"withdrawn", "Rút hồ sơ"},
};

const char *llct_state_code(llct_state s) { return s < LLCT_ST_COUNT ? states[s].code : ""; }

const char *llct_state_title(llct_state s) { return s < LLCT_ST_COUNT ? states[s].title : ""; }

int llct_state_from_code(const char *s) {
  for (int i = 0; s && i < LLCT_ST_COUNT; i++)
    if (strcmp(states[i].code, s) == 0)
      return i;
  return -1;
}

bool llct_state_active(llct_state s) {
  return s != LLCT_ST_INELIGIBLE && s != LLCT_ST_DROPPED && s != LLCT_ST_WITHDRAWN;
}

static llct_verdict allow(void) { return (llct_verdict){0}; }

static llct_verdict refuse(int status, const char *code, const char *message) {
  return (llct_verdict){.status = status, .code = code, .message = message};
}

/* The moves the state machine has at all, before any condition. */
static bool edge(llct_state from, llct_state to) {
  switch (from) {
  case LLCT_ST_SUBMITTED:
    return to == LLCT_ST_UNDER_REVIEW || to == LLCT_ST_INELIGIBLE || to == LLCT_ST_WITHDRAWN;
  case LLCT_ST_UNDER_REVIEW:
    return to == LLCT_ST_ELIGIBLE || to == LLCT_ST_NEEDS_SUPPLEMENT || to == LLCT_ST_INELIGIBLE ||
           to == LLCT_ST_WITHDRAWN;
  case LLCT_ST_NEEDS_SUPPLEMENT:
    return to == LLCT_ST_UNDER_REVIEW || to == LLCT_ST_INELIGIBLE || to == LLCT_ST_WITHDRAWN;
  case LLCT_ST_ELIGIBLE: return to == LLCT_ST_ADMITTED || to == LLCT_ST_INELIGIBLE || to == LLCT_ST_WITHDRAWN;
  case LLCT_ST_INELIGIBLE: return to == LLCT_ST_UNDER_REVIEW;
  case LLCT_ST_ADMITTED: return to == LLCT_ST_ENROLLED || to == LLCT_ST_DROPPED;
  case LLCT_ST_ENROLLED: return to == LLCT_ST_STUDYING || to == LLCT_ST_DROPPED;
  case LLCT_ST_STUDYING: return to == LLCT_ST_GRADUATED || to == LLCT_ST_DROPPED;
  default: /* graduated, dropped, withdrawn are final */ return false;
  }
}

static llct_verdict check_enrolment(const llct_transition_ctx *c) {
  llct_verdict v = allow();
  if (c->supplementary) {
    /* supplementary enrolment closes at the end of the first module */
    if (c->first_module_end_on != LLCT_NO_DAY && c->on > c->first_module_end_on)
      return refuse(422, "supplementary_closed",
                    "Đã hết thời hạn nhập học bổ sung (kết thúc học phần thứ nhất).");
    return v;
  }
  if (c->enrolment_on == LLCT_NO_DAY)
    return refuse(409, "enrolment_date_missing",
                  "Lớp chưa có ngày nhập học theo giấy báo: chưa thể ghi nhập học.");
  int64_t late = c->on - c->enrolment_on;
  if (late <= 0)
    return v;
  if (late > c->late_max_days)
    return refuse(422, "enrolment_too_late",
                  "Nhập học chậm quá số ngày cho phép: học viên bị coi là bỏ học (hủy kết quả "
                  "xét tuyển).");
  if (!c->has_reason || !c->unit_confirmed)
    return refuse(422, "late_reason_unconfirmed",
                  "Nhập học chậm cần có lý do chính đáng được cơ quan, đơn vị cử đi học xác nhận; "
                  "không có xác nhận thì bị coi là bỏ học.");
  if (!c->has_doc)
    return refuse(422, "principal_decision_required",
                  "Nhập học chậm phải có quyết định của Hiệu trưởng (ghi số quyết định).");
  v.late_days = (int)late;
  return v;
}

llct_verdict llct_transition_check(llct_state from, llct_state to, const llct_transition_ctx *c) {
  if (from >= LLCT_ST_COUNT || to >= LLCT_ST_COUNT || !edge(from, to))
    return refuse(409, "bad_transition",
                  "Không thể chuyển hồ sơ sang trạng thái này từ trạng "
                  "thái hiện tại.");
  switch (to) {
  case LLCT_ST_INELIGIBLE:
    if (!c->has_reason)
      return refuse(422, "reason_required", "Cần ghi lý do không đủ điều kiện.");
    break;
  case LLCT_ST_NEEDS_SUPPLEMENT:
    if (!c->has_supplement_due)
      return refuse(422, "supplement_due_required", "Cần ghi hạn bổ sung hồ sơ.");
    break;
  case LLCT_ST_UNDER_REVIEW:
    if (from == LLCT_ST_INELIGIBLE && !c->is_admin)
      return refuse(403, "reopen_admin_only",
                    "Chỉ quản trị mới được mở lại hồ sơ đã kết luận không đủ điều kiện.");
    if (from == LLCT_ST_INELIGIBLE && !c->has_reason)
      return refuse(422, "reason_required", "Cần ghi lý do mở lại hồ sơ.");
    break;
  case LLCT_ST_ADMITTED:
    if (!c->admission_decided && !c->supplementary)
      return refuse(409, "admission_not_decided",
                    "Chưa có quyết định công nhận trúng tuyển của lớp (bước 4).");
    if (c->supplementary && !c->has_doc)
      return refuse(422, "principal_decision_required",
                    "Trúng tuyển bổ sung cần số quyết định công nhận trúng tuyển bổ sung.");
    break;
  case LLCT_ST_ENROLLED: return check_enrolment(c);
  case LLCT_ST_STUDYING:
    if (!c->class_opened)
      return refuse(409, "class_not_opened", "Lớp chưa có quyết định mở lớp (bước 7).");
    break;
  case LLCT_ST_DROPPED:
  case LLCT_ST_WITHDRAWN:
    if (!c->has_reason)
      return refuse(422, "reason_required", "Cần ghi lý do.");
    break;
  default: break;
  }
  return allow();
}
