/*
 * The whole plan file: its text (declared figures, limits) and its appendix
 * tables (lines and classes), with the cross-checks that need both — which
 * plan number the appendices cite, whether every declared part has a table.
 * Pure: the importer writes the result to the database.
 */
#include <stdlib.h>
#include <string.h>

#include "llct.h"

void llct_step_rules_default(llct_step_rules *r) {
  /* The limits of the admission procedure in the Academy's regulation, as
   * Hanoi's 2024 plan restates them; a plan whose text states other values
   * overrides them (plan_text.c). */
  r->announce_max_days = 45;
  r->dossier_min_days = 15;
  r->review_max_days = 2;
  r->report_max_days = 5;
  r->notice_min_days = 15;
  r->late_max_days = 5;
}

static void defaults(cadre_arena *a, llct_pplan *p) {
  memset(p, 0, sizeof(*p));
  llct_msgs_init(&p->errors, a);
  llct_msgs_init(&p->warnings, a);
  p->target_total = p->target_ft = p->target_pt = LLCT_NONE;
  /* Regulation 57-QĐ/TW's caps and ratio, used when the text is silent. */
  p->cap_ft = 50;
  p->cap_pt = 80;
  p->ratio_num = 1;
  p->ratio_den = 3;
  llct_step_rules_default(&p->rules);
  for (int i = 0; i < LLCT_MAX_APPENDIX; i++) {
    llct_declared_clear(&p->app[i].declared);
    p->app[i].table_classes = p->app[i].table_learners = LLCT_NONE;
  }
}

/* The plan's number and date come from the citation under each appendix
 * title ("kèm theo Kế hoạch số 245-KH/TU, ngày 21/02/2024"); when the
 * appendices disagree, the first wins and the disagreement is reported. */
static void settle_number(llct_pplan *p) {
  for (int i = 0; i < p->napp; i++) {
    const llct_pappendix *ap = &p->app[i];
    if (!ap->cited_number)
      continue;
    if (!p->number) {
      p->number = ap->cited_number;
      memcpy(p->issued_on, ap->cited_date, sizeof(p->issued_on));
      continue;
    }
    if (strcmp(p->number, ap->cited_number) != 0)
      llct_msg_add(&p->warnings, 0, "plan_number_mismatch",
                   "Phụ lục %d ghi kèm theo Kế hoạch số %s, khác với số %s ở phụ lục đầu; "
                   "dùng số %s.",
                   ap->number, ap->cited_number, p->number, p->number);
    if (ap->cited_date[0] && p->issued_on[0] && strcmp(ap->cited_date, p->issued_on) != 0)
      llct_msg_add(&p->warnings, 0, "plan_date_mismatch",
                   "Phụ lục %d ghi ngày %s, khác với ngày %s ở phụ lục đầu.", ap->number, ap->cited_date,
                   p->issued_on);
  }
}

static void check_parts(llct_pplan *p) {
  for (int i = 0; i < LLCT_MAX_APPENDIX; i++) {
    bool declared = p->app[i].declared.classes >= 0 || p->app[i].declared.learners >= 0;
    if (i >= p->napp && declared)
      llct_msg_add(&p->warnings, 0, "declared_part_without_table",
                   "Văn bản kế hoạch nêu số liệu cho phần thứ %d nhưng tệp không có phụ lục "
                   "tương ứng.",
                   i + 1);
  }
  for (int i = 0; i < p->napp; i++)
    if (p->app[i].nlines == 0)
      llct_msg_add(&p->errors, 0, "empty_appendix", "Phụ lục %d không có dòng nào.", p->app[i].number);
}

int llct_parse_plan(cadre_arena *a, const char *text, size_t len, llct_pplan *out) {
  defaults(a, out);
  if (!cadre_utf8_valid(text, len)) {
    llct_msg_add(&out->errors, 0, "bad_encoding",
                 "Tệp không phải văn bản UTF-8 hợp lệ (hãy lưu lại với mã hóa UTF-8).");
    return out->errors.n;
  }
  if (memchr(text, '\0', len)) {
    llct_msg_add(&out->errors, 0, "bad_encoding", "Tệp chứa ký tự NUL: không phải văn bản.");
    return out->errors.n;
  }
  size_t body = llct_body_length(a, text, len);
  llct_parse_plan_text(a, text, body, out);
  llct_parse_tables(a, text, len, out);
  if (out->napp == 0) {
    llct_msg_add(&out->errors, 0, "no_tables",
                 "Không tìm thấy phụ lục nào (dòng \"PHỤ LỤC 1\" và bảng có cột TT, Thời gian, "
                 "Đơn vị phối hợp, số học viên).");
    return out->errors.n;
  }
  settle_number(out);
  if (out->year == 0 && out->issued_on[0])
    out->year = (int)strtol(out->issued_on, NULL, 10);
  if (out->year == 0)
    llct_msg_add(&out->errors, 0, "missing_year",
                 "Không xác định được năm của kế hoạch (tiêu đề cần có \"năm 2024\").");
  if (!out->number)
    llct_msg_add(&out->errors, 0, "missing_number",
                 "Không xác định được số kế hoạch (dòng \"Ban hành kèm theo Kế hoạch số …\").");
  if (!out->title)
    out->title = "Kế hoạch đào tạo trung cấp lý luận chính trị";
  if (!out->issuer)
    llct_msg_add(&out->warnings, 0, "missing_issuer", "Không xác định được cơ quan ban hành kế hoạch.");
  if (out->cap_ft > out->cap_pt)
    llct_msg_add(&out->errors, 0, "bad_caps",
                 "Sĩ số tối đa lớp tập trung (%d) lớn hơn lớp không tập trung (%d).", out->cap_ft,
                 out->cap_pt);
  llct_build_classes(a, out);
  check_parts(out);
  return out->errors.n;
}
