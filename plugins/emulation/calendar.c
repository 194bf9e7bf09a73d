/*
 * The kinds of submission of an emulation year, with the 2023 calendar of
 * công văn 3552-CV/HVCTQG (seed 004) as their default dates. A year's own
 * dates and titles are rows (emulation_deadline), pre-filled from here and
 * editable by the Academy; the kinds themselves are fixed because behaviour
 * hangs on them.
 */
#include "rules.h"

#include <string.h>

/* Days between the due date and the lock date when the letter sets none. The
 * plan has none: the letter says a school that misses 05/3 is not evaluated. */
#define GRACE 10

const struct em_kind em_kinds[EM_KIND_COUNT] = {
    {.code = "plan",
     .level = EM_LEVEL_SCHOOL,
     .form = "Mẫu số 01",
     .title = "Kế hoạch triển khai phong trào thi đua và đăng ký thi đua của nhà trường",
     .month = 3,
     .day = 5,
     .lock_grace = 0,
     .data = EM_DATA_REGISTRATION,
     .parts = {{"main", "Kế hoạch triển khai phong trào thi đua (Mẫu số 01)", 1}}},
    {.code = "cluster_plan",
     .level = EM_LEVEL_CLUSTER,
     .form = "Mẫu số 02",
     .title = "Kế hoạch hoạt động thi đua của Cụm",
     .month = 3,
     .day = 15,
     .lock_grace = GRACE,
     .parts = {{"main", "Kế hoạch hoạt động thi đua của Cụm (Mẫu số 02)", 1}}},
    {.code = "officers",
     .level = EM_LEVEL_CLUSTER,
     .form = "Mẫu số 03",
     .title = "Danh sách cán bộ phụ trách thi đua của các trường trong Cụm",
     .month = 3,
     .day = 15,
     .lock_grace = GRACE,
     .parts = {{"main", "Danh sách cán bộ phụ trách thi đua (Mẫu số 03)", 1}}},
    {.code = "midyear_conference",
     .level = EM_LEVEL_CLUSTER,
     .form = "",
     .title = "Hội nghị sơ kết hoạt động thi đua 6 tháng đầu năm của Cụm",
     .month = 7,
     .day = 30,
     .lock_grace = GRACE,
     .needs = EM_NEEDS_HELD_ON,
     .data = EM_DATA_HELD_ON | EM_DATA_PLACE,
     .parts = {{"minutes", "Kế hoạch, biên bản Hội nghị sơ kết", 0}}},
    {.code = "midyear_report",
     .level = EM_LEVEL_CLUSTER,
     .form = "",
     .title = "Báo cáo sơ kết hoạt động thi đua 6 tháng đầu năm của Cụm",
     .month = 8,
     .day = 10,
     .lock_grace = GRACE,
     .parts = {{"main", "Báo cáo sơ kết 6 tháng đầu năm", 1}}},
    {.code = "school_report",
     .level = EM_LEVEL_SCHOOL,
     .form = "Mẫu số 04",
     .title = "Báo cáo tổng kết phong trào thi đua và phụ lục báo cáo",
     .month = 11,
     .day = 5,
     .lock_grace = GRACE,
     .needs = EM_NEEDS_FIGURES,
     .parts = {{"main", "Báo cáo tổng kết phong trào thi đua (Mẫu số 04)", 1},
               {"appendix", "Phụ lục báo cáo (bản ký, đóng dấu)", 0}}},
    {.code = "score_sheet",
     .level = EM_LEVEL_SCHOOL,
     .form = "Mẫu số 5.1 / 5.2",
     .title = "Phiếu chấm điểm thi đua (Mẫu số 5.1 trường chính trị, 5.2 trường bộ, ngành)",
     .month = 11,
     .day = 5,
     .lock_grace = GRACE,
     .needs = EM_NEEDS_SCORES,
     .parts = {{"signed", "Phiếu chấm điểm (bản ký, đóng dấu)", 0}}},
    {.code = "conference_plan",
     .level = EM_LEVEL_CLUSTER,
     .form = "",
     .title = "Kế hoạch, chương trình, giấy mời Hội nghị tổng kết của Cụm",
     .month = 11,
     .day = 10,
     .lock_grace = GRACE,
     .needs = EM_NEEDS_HELD_ON,
     .data = EM_DATA_HELD_ON | EM_DATA_PLACE,
     .parts = {{"main", "Kế hoạch, chương trình, giấy mời Hội nghị tổng kết", 1}}},
    {.code = "cluster_dossier",
     .level = EM_LEVEL_CLUSTER,
     .form = "Mẫu số 06, 07, 08, 09",
     .title = "Hồ sơ tổng kết và đề nghị khen thưởng của Cụm",
     .month = 11,
     .day = 30,
     .lock_grace = GRACE,
     .needs = EM_NEEDS_FINALIZED | EM_NEEDS_NEXT_TERM,
     .parts = {{"m06", "Báo cáo tổng kết phong trào thi đua (Mẫu số 06)", 1},
               {"m07", "Biên bản Hội nghị tổng kết (Mẫu số 07)", 1},
               {"score_table", "Bảng tổng hợp điểm các trường (bản ký)", 0},
               {"m08", "Tờ trình đề nghị khen thưởng và giới thiệu Cụm trưởng, Cụm phó (Mẫu số 08)", 1},
               {"m09", "Báo cáo thành tích đề nghị tặng cờ hoặc bằng khen (Mẫu số 09)", 2}}},
};

const struct em_kind *em_kind_find(const char *code) {
  for (size_t i = 0; code && i < EM_KIND_COUNT; i++)
    if (strcmp(em_kinds[i].code, code) == 0)
      return &em_kinds[i];
  return NULL;
}

const struct em_part *em_part_find(const struct em_kind *k, const char *code) {
  for (size_t i = 0; code && i < EM_MAX_PARTS && k->parts[i].code; i++)
    if (strcmp(k->parts[i].code, code) == 0)
      return &k->parts[i];
  return NULL;
}

const struct em_part *em_parts_missing(const struct em_kind *k, const int *counts) {
  for (size_t i = 0; i < EM_MAX_PARTS && k->parts[i].code; i++)
    if (counts[i] < k->parts[i].min_files)
      return &k->parts[i];
  return NULL;
}

enum em_eval em_evaluated(const char *today, const char *plan_lock, const char *exception_until,
                          const char *plan_first_submitted_on) {
  /* The last day the plan counts: the lock, or a later granted exception. */
  const char *last = plan_lock;
  if (exception_until && *exception_until && strcmp(exception_until, last) > 0)
    last = exception_until;
  if (plan_first_submitted_on)
    return strncmp(plan_first_submitted_on, last, 10) <= 0 ? EM_EVAL_YES : EM_EVAL_NO;
  return strcmp(today, last) <= 0 ? EM_EVAL_PENDING : EM_EVAL_NO;
}

const char *em_eval_code(enum em_eval e) {
  return e == EM_EVAL_YES ? "evaluated" : e == EM_EVAL_NO ? "not_evaluated" : "pending";
}
