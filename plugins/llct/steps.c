/*
 * The seven admission steps of a class and the plan's rules on their dates
 * (Hanoi's 2024 plan, part II.4): what each step depends on, which dates
 * break a rule (refused) or only deserve a flag (warning), and when a step
 * not done yet falls due. Pure: the handler gathers dates and facts from the
 * database, proposes the change, and writes only what passes.
 *
 * A date "in effect" is the actual date when there is one, else the planned
 * date, so a plan made against the rules is refused just like a record of
 * steps taken against them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "llct.h"

static const char *const titles[LLCT_STEPS + 1] = {
    NULL,
    "Thông báo tuyển sinh",
    "Tiếp nhận hồ sơ dự tuyển",
    "Xét hồ sơ dự tuyển",
    "Thông báo xét tuyển, quyết định công nhận trúng tuyển",
    "Ký hợp đồng, thu kinh phí đào tạo",
    "Triệu tập học viên trúng tuyển và nhập học",
    "Quyết định mở lớp",
};

const char *llct_step_title(int step) { return step >= 1 && step <= LLCT_STEPS ? titles[step] : ""; }

unsigned llct_step_depends(int step) {
  switch (step) {
  case 2: return 1u << 0;
  case 3: return 1u << 1;
  case 4: return 1u << 2;
  case 5: /* contracts follow the admission decision */
  case 6: /* so do the enrolment notices */ return 1u << 3;
  case 7: /* the opening decision needs both */ return (1u << 4) | (1u << 5);
  default: return 0;
  }
}

/* ---- collecting violations ------------------------------------------------- */

typedef struct sink {
  llct_violation *v;
  int n, max;
} sink;

__attribute__((format(printf, 5, 6))) static void add(sink *s, int step, llct_severity sev, const char *code,
                                                      const char *fmt, ...) {
  if (s->n >= s->max)
    return;
  llct_violation *x = &s->v[s->n++];
  x->step = step;
  x->code = code;
  x->severity = sev;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->message, sizeof(x->message), fmt, ap);
  va_end(ap);
}

#define REFUSE(s, step, code, ...) add((s), (step), LLCT_SEV_REFUSAL, (code), __VA_ARGS__)
#define WARN(s, step, code, ...) add((s), (step), LLCT_SEV_WARNING, (code), __VA_ARGS__)

static bool has(int64_t d) { return d != LLCT_NO_DAY; }

/* dd/mm/yyyy of a day number, in a caller's buffer */
static const char *vn(int64_t day, char buf[11]) {
  cadre_date_vn(cadre_date_from_days(day), buf);
  return buf;
}

static int64_t in_effect(const llct_step_dates *d) { return has(d->done_on) ? d->done_on : d->planned_on; }

static int64_t start_in_effect(const llct_step_dates *d) {
  return has(d->start_on) ? d->start_on : d->planned_start;
}

/* ---- the rules ------------------------------------------------------------- */

static void check_dependencies(sink *s, const llct_step_dates st[], int64_t today) {
  char b1[11], b2[11];
  for (int k = 1; k <= LLCT_STEPS; k++) {
    if (!st[k].completed)
      continue;
    if (!has(st[k].done_on)) {
      REFUSE(s, k, "step_date_required", "Bước %d (%s): cần ghi ngày hoàn thành.", k, titles[k]);
      continue;
    }
    if (st[k].done_on > today)
      REFUSE(s, k, "date_in_future", "Bước %d (%s): ngày hoàn thành %s chưa tới (hôm nay là %s).", k,
             titles[k], vn(st[k].done_on, b1), vn(today, b2));
    unsigned deps = llct_step_depends(k);
    for (int j = 1; j < k; j++) {
      if (!(deps & (1u << (j - 1))))
        continue;
      if (!st[j].completed)
        REFUSE(s, k, "step_dependency", "Chưa thể hoàn thành bước %d (%s) khi bước %d (%s) chưa hoàn thành.",
               k, titles[k], j, titles[j]);
      else if (has(st[j].done_on) && st[k].done_on < st[j].done_on)
        REFUSE(s, k, "step_date_order", "Ngày hoàn thành bước %d (%s) trước ngày hoàn thành bước %d (%s).", k,
               vn(st[k].done_on, b1), j, vn(st[j].done_on, b2));
    }
  }
}

static void check_announcement(sink *s, const llct_step_rules *r, const llct_class_dates *c,
                               const llct_step_dates *d) {
  char b1[11], b2[11];
  int64_t a = in_effect(d);
  if (d->completed && !c->mode_decided)
    REFUSE(s, 1, "mode_undecided",
           "Chưa xác định hình thức đào tạo (tập trung hay không tập trung) của lớp: thông báo "
           "tuyển sinh phải nêu hình thức.");
  if (d->completed && !has(c->opening_on))
    REFUSE(s, 1, "opening_date_required",
           "Cần ghi ngày khai giảng dự kiến của lớp trước khi thông báo tuyển sinh.");
  if (!has(a) || !has(c->opening_on))
    return;
  if (a > c->opening_on)
    REFUSE(s, 1, "announce_after_opening", "Thông báo tuyển sinh (%s) sau ngày khai giảng (%s).", vn(a, b1),
           vn(c->opening_on, b2));
  else if (c->opening_on - a > r->announce_max_days)
    REFUSE(s, 1, "announce_too_early",
           "Thông báo tuyển sinh ngày %s sớm hơn %d ngày trước khai giảng (%s): quy định không "
           "quá %d ngày.",
           vn(a, b1), r->announce_max_days, vn(c->opening_on, b2), r->announce_max_days);
}

static void check_dossiers(sink *s, const llct_step_rules *r, const llct_step_dates st[]) {
  char b1[11], b2[11];
  int64_t close = in_effect(&st[2]);
  int64_t review = start_in_effect(&st[3]);
  if (!has(close) || !has(review))
    return;
  if (review - close < r->dossier_min_days)
    REFUSE(s, 3, "dossier_window_short",
           "Hồ sơ dự tuyển phải nộp trước khi xét tuyển ít nhất %d ngày: hạn nhận hồ sơ %s, "
           "xét tuyển %s (cách %lld ngày).",
           r->dossier_min_days, vn(close, b1), vn(review, b2), (long long)(review - close));
}

static void check_review(sink *s, const llct_step_rules *r, const llct_step_dates *d) {
  char b1[11], b2[11];
  int64_t start = start_in_effect(d);
  int64_t end = in_effect(d);
  if (d->completed && !has(d->start_on))
    REFUSE(s, 3, "review_start_required", "Cần ghi ngày bắt đầu xét hồ sơ.");
  if (!has(start) || !has(end))
    return;
  if (end < start)
    REFUSE(s, 3, "step_date_order", "Ngày kết thúc xét hồ sơ (%s) trước ngày bắt đầu (%s).", vn(end, b1),
           vn(start, b2));
  else if (end - start + 1 > r->review_max_days)
    REFUSE(s, 3, "review_too_long",
           "Xét hồ sơ dự tuyển từ %s đến %s là %lld ngày: quy định không quá %d ngày.", vn(start, b1),
           vn(end, b2), (long long)(end - start + 1), r->review_max_days);
}

static void check_review_done(sink *s, const llct_step_dates *d, const llct_step_facts *f) {
  if (d->completed && f->dossiers_pending > 0)
    REFUSE(s, 3, "dossiers_pending", "Còn %ld hồ sơ chưa xét xong: chưa thể kết thúc bước xét hồ sơ.",
           f->dossiers_pending);
}

static void check_admission(sink *s, const llct_step_rules *r, const llct_step_dates st[],
                            const llct_step_facts *f) {
  char b1[11], b2[11];
  const llct_step_dates *d = &st[4];
  if (d->completed && f->learners_eligible == 0)
    REFUSE(s, 4, "no_eligible_learners",
           "Chưa có hồ sơ đủ điều kiện: chưa thể ra quyết định công nhận trúng tuyển.");
  int64_t review_end = in_effect(&st[3]);
  if (d->completed && (!has(d->report_on) || !has(d->appraisal_on)))
    REFUSE(s, 4, "appraisal_required",
           "Cần ghi ngày báo cáo kết quả xét tuyển với Ban Tổ chức và ngày có ý kiến thẩm định "
           "trước khi ban hành quyết định công nhận trúng tuyển.");
  if (has(d->report_on) && has(review_end)) {
    if (d->report_on < review_end)
      REFUSE(s, 4, "report_before_review", "Ngày báo cáo kết quả (%s) trước khi xét tuyển xong (%s).",
             vn(d->report_on, b1), vn(review_end, b2));
    else if (d->report_on - review_end > r->report_max_days)
      WARN(s, 4, "report_late", "Báo cáo kết quả xét tuyển ngày %s, quá %d ngày sau khi xét tuyển (%s).",
           vn(d->report_on, b1), r->report_max_days, vn(review_end, b2));
  }
  if (has(d->appraisal_on) && has(d->report_on) && d->appraisal_on < d->report_on)
    REFUSE(s, 4, "appraisal_before_report", "Ngày thẩm định (%s) trước ngày báo cáo kết quả (%s).",
           vn(d->appraisal_on, b1), vn(d->report_on, b2));
  int64_t decision = in_effect(d);
  int64_t after = has(d->appraisal_on) ? d->appraisal_on : d->report_on;
  if (has(decision) && has(after) && decision < after)
    REFUSE(s, 4, "decision_before_appraisal",
           "Quyết định công nhận trúng tuyển (%s) phải sau ý kiến thẩm định của Ban Tổ chức "
           "(%s).",
           vn(decision, b1), vn(after, b2));
}

static void check_contracts(sink *s, const llct_step_dates *d, const llct_step_facts *f) {
  if (!d->completed)
    return;
  if (f->units_admitted == 0)
    REFUSE(s, 5, "no_admitted_learners", "Lớp chưa có học viên trúng tuyển.");
  else if (f->units_contracted < f->units_admitted)
    REFUSE(s, 5, "contracts_incomplete",
           "Mới có %ld/%ld đơn vị cử người đi học đã ký hợp đồng và nộp kinh phí.", f->units_contracted,
           f->units_admitted);
}

static void check_notices(sink *s, const llct_step_rules *r, const llct_class_dates *c,
                          const llct_step_dates *d) {
  char b1[11], b2[11];
  if (d->completed && !has(c->enrolment_on))
    REFUSE(s, 6, "enrolment_date_required", "Cần ghi ngày nhập học của lớp.");
  int64_t notice = in_effect(d);
  if (!has(notice) || !has(c->enrolment_on))
    return;
  if (c->enrolment_on - notice < r->notice_min_days)
    REFUSE(s, 6, "notice_too_late",
           "Giấy báo nhập học phải gửi trước ngày nhập học ít nhất %d ngày: gửi %s, nhập học "
           "%s.",
           r->notice_min_days, vn(notice, b1), vn(c->enrolment_on, b2));
}

static void check_opening(sink *s, const llct_class_dates *c, const llct_step_dates *d,
                          const llct_step_facts *f) {
  char b1[11], b2[11];
  if (!d->completed)
    return;
  if (!c->mode_decided)
    REFUSE(s, 7, "mode_undecided", "Quyết định mở lớp phải ghi rõ hình thức đào tạo.");
  if (!has(c->opening_on) || !has(c->end_on))
    REFUSE(s, 7, "opening_period_required",
           "Quyết định mở lớp phải ghi rõ thời gian đào tạo (ngày khai giảng và ngày kết thúc).");
  if (f->learners_enrolled == 0)
    REFUSE(s, 7, "no_enrolled_learners", "Lớp chưa có học viên nhập học: chưa thể ra quyết định mở lớp.");
  if (has(d->done_on) && has(c->enrolment_on) && d->done_on < c->enrolment_on)
    REFUSE(s, 7, "opening_before_enrolment",
           "Quyết định mở lớp (%s) căn cứ kết quả nhập học nên không thể trước ngày nhập học "
           "(%s).",
           vn(d->done_on, b1), vn(c->enrolment_on, b2));
}

static void check_documents(sink *s, const llct_step_dates st[]) {
  static const int need_doc[] = {1, 4, 7};
  for (size_t i = 0; i < sizeof(need_doc) / sizeof(need_doc[0]); i++) {
    int k = need_doc[i];
    if (st[k].completed && !st[k].has_doc)
      REFUSE(s, k, "doc_number_required", "Bước %d (%s): cần ghi số văn bản.", k, titles[k]);
  }
}

int llct_check_steps(const llct_step_rules *r, const llct_class_dates *c,
                     const llct_step_dates st[LLCT_STEPS + 1], const llct_step_facts *f, int64_t today,
                     llct_violation *out, int max) {
  sink s = {.v = out, .n = 0, .max = max};
  check_dependencies(&s, st, today);
  check_announcement(&s, r, c, &st[1]);
  check_dossiers(&s, r, st);
  check_review(&s, r, &st[3]);
  check_review_done(&s, &st[3], f);
  check_admission(&s, r, st, f);
  check_contracts(&s, &st[5], f);
  check_notices(&s, r, c, &st[6]);
  check_opening(&s, c, &st[7], f);
  check_documents(&s, st);
  /* refusals first, keeping their order */
  int w = 0;
  for (int i = 0; i < s.n; i++)
    if (out[i].severity == LLCT_SEV_REFUSAL) {
      llct_violation x = out[i];
      memmove(&out[w + 1], &out[w], (size_t)(i - w) * sizeof(*out));
      out[w++] = x;
    }
  return s.n;
}

/* ---- deadlines ------------------------------------------------------------- */

int64_t llct_step_due(const llct_step_rules *r, const llct_class_dates *c,
                      const llct_step_dates st[LLCT_STEPS + 1], int step) {
  if (step < 1 || step > LLCT_STEPS)
    return LLCT_NO_DAY;
  if (has(st[step].planned_on))
    return st[step].planned_on;
  int64_t review = start_in_effect(&st[3]);
  int64_t review_end = in_effect(&st[3]);
  switch (step) {
  case 1: /* before the dossiers are due */ return in_effect(&st[2]);
  case 2: return has(review) ? review - r->dossier_min_days : LLCT_NO_DAY;
  case 3: return has(review) ? review + r->review_max_days - 1 : LLCT_NO_DAY;
  case 4: return has(review_end) ? review_end + r->report_max_days : LLCT_NO_DAY;
  case 5: return c->enrolment_on;
  case 6: return has(c->enrolment_on) ? c->enrolment_on - r->notice_min_days : LLCT_NO_DAY;
  case 7: /* enrolment results are final once late enrolment has closed */
    return has(c->enrolment_on) ? c->enrolment_on + r->late_max_days : c->opening_on;
  default: return LLCT_NO_DAY;
  }
}

llct_due_status llct_due_classify(int64_t due, int64_t done, int64_t today, int window) {
  if (has(done)) {
    if (!has(due) || done <= due)
      return LLCT_DUE_DONE;
    return LLCT_DUE_DONE_LATE;
  }
  if (!has(due))
    return LLCT_DUE_NONE;
  if (today > due)
    return LLCT_DUE_MISSED;
  if (due - today <= window)
    return LLCT_DUE_SOON;
  return LLCT_DUE_OPEN;
}

const char *llct_due_status_code(llct_due_status s) {
  switch (s) {
  case LLCT_DUE_OPEN: return "open";
  case LLCT_DUE_SOON: return "soon";
  case LLCT_DUE_MISSED: return "missed";
  case LLCT_DUE_DONE: return "done";
  case LLCT_DUE_DONE_LATE: return "done_late";
  default: return "none";
  }
}
