/*
 * The year's emulation targets (chỉ tiêu thi đua), computed from the figures a
 * school reports. "At least p%" is decided as num·100 ≥ p·den in integers, so
 * exactly 80%, 10% and 15% are met however the division would round.
 */
#include "rules.h"

/* Công văn 3552-CV/HVCTQG, mục I.1.2 (seed 004). */
const struct em_thresholds em_thresholds_2023 = {
    .ldtt_min_pct = 80,
    .cstd_min_pct = 10,
    .cstd_max_pct = 15,
    .units_ldxs_min = 1,
    .commended_min_pct = 5,
    .party_good_min_pct = 70,
    .party_excellent_min_pct = 20,
    .prof_good_over_pct = 90,
    .dept_min_pct = 100,
};

static enum em_target_state judge(enum em_target_cmp cmp, int lo, int hi, int64_t num, int64_t den) {
  if (cmp == EM_CMP_COUNT)
    return num >= lo ? EM_TARGET_MET : EM_TARGET_NOT_MET;
  if (den <= 0)
    return EM_TARGET_NO_DATA;
  int64_t scaled = num * 100;
  bool met;
  switch (cmp) {
  case EM_CMP_AT_LEAST: met = scaled >= (int64_t)lo * den; break;
  case EM_CMP_OVER: met = scaled > (int64_t)lo * den; break;
  case EM_CMP_BETWEEN: met = scaled >= (int64_t)lo * den && scaled <= (int64_t)hi * den; break;
  default: met = false;
  }
  return met ? EM_TARGET_MET : EM_TARGET_NOT_MET;
}

static void set(struct em_target *t, const char *code, const char *label, enum em_target_cmp cmp, int lo,
                int hi, int64_t num, int64_t den) {
  t->code = code;
  t->label = label;
  t->cmp = cmp;
  t->lo = lo;
  t->hi = hi;
  t->num = num;
  t->den = den;
  t->state = judge(cmp, lo, hi, num, den);
}

void em_targets_compute(const struct em_figures *f, const struct em_thresholds *t,
                        struct em_target out[EM_TARGET_COUNT]) {
  set(&out[0], "ldtt", "Cá nhân đạt danh hiệu “Lao động tiên tiến”", EM_CMP_AT_LEAST, t->ldtt_min_pct, 0,
      f->ldtt, f->staff_total);
  set(&out[1], "cstd", "Cá nhân đạt “Chiến sĩ thi đua cơ sở” trong số “Lao động tiên tiến”", EM_CMP_BETWEEN,
      t->cstd_min_pct, t->cstd_max_pct, f->cstd, f->ldtt);
  set(&out[2], "units_ldxs", "Đơn vị trực thuộc đạt “Tập thể Lao động xuất sắc”", EM_CMP_COUNT,
      t->units_ldxs_min, 0, f->units_ldxs, f->units_ldtt);
  set(&out[3], "commended", "Tập thể, cá nhân đạt các hình thức khen thưởng các cấp", EM_CMP_AT_LEAST,
      t->commended_min_pct, 0, f->commended, f->staff_total + f->units_total);
  set(&out[4], "party_good", "Tổ chức đảng đạt “Hoàn thành tốt nhiệm vụ” trở lên", EM_CMP_AT_LEAST,
      t->party_good_min_pct, 0, f->party_good + f->party_excellent, f->party_total);
  set(&out[5], "party_excellent", "Tổ chức đảng đạt “Hoàn thành xuất sắc nhiệm vụ”", EM_CMP_AT_LEAST,
      t->party_excellent_min_pct, 0, f->party_excellent, f->party_total);
  set(&out[6], "prof_good", "Tổ chức chuyên môn, đơn vị, đoàn thể “Hoàn thành tốt nhiệm vụ” trở lên",
      EM_CMP_OVER, t->prof_good_over_pct, 0, f->prof_good + f->prof_excellent, f->prof_total);
  set(&out[7], "dept", "Khoa, phòng tổ chức hưởng ứng phong trào thi đua", EM_CMP_AT_LEAST, t->dept_min_pct,
      0, f->dept_joined, f->dept_total);
}

int64_t em_ratio_permille(int64_t num, int64_t den) {
  if (den <= 0)
    return -1;
  return (num * 1000 * 2 + den) / (den * 2);
}

const char *em_target_state_code(enum em_target_state s) {
  switch (s) {
  case EM_TARGET_MET: return "met";
  case EM_TARGET_NOT_MET: return "not_met";
  default: return "no_data";
  }
}

/* A part may not exceed its whole: each rule names the field to blame. */
struct part_rule {
  const char *field;
  const char *message;
};

const char *em_figures_check(const struct em_figures *f, const char **message) {
  const struct {
    const char *field;
    int64_t value;
  } values[] = {{"staff_total", f->staff_total},
                {"ldtt", f->ldtt},
                {"cstd", f->cstd},
                {"units_total", f->units_total},
                {"units_ldtt", f->units_ldtt},
                {"units_ldxs", f->units_ldxs},
                {"commended", f->commended},
                {"party_total", f->party_total},
                {"party_good", f->party_good},
                {"party_excellent", f->party_excellent},
                {"prof_total", f->prof_total},
                {"prof_good", f->prof_good},
                {"prof_excellent", f->prof_excellent},
                {"dept_total", f->dept_total},
                {"dept_joined", f->dept_joined}};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    if (values[i].value < 0) {
      *message = "Số liệu không được âm.";
      return values[i].field;
    }
  }
  const struct {
    bool bad;
    struct part_rule rule;
  } checks[] = {
      {f->ldtt > f->staff_total,
       {"ldtt", "Số cá nhân đạt “Lao động tiên tiến” vượt quá tổng số cán bộ, "
                "viên chức, người lao động."}},
      {f->cstd > f->ldtt,
       {"cstd", "Số “Chiến sĩ thi đua cơ sở” vượt quá số cá nhân đạt “Lao động "
                "tiên tiến”."}},
      {f->units_ldtt > f->units_total,
       {"units_ldtt", "Số “Tập thể Lao động tiên tiến” vượt quá tổng số tập thể."}},
      {f->units_ldxs > f->units_ldtt,
       {"units_ldxs", "Số “Tập thể Lao động xuất sắc” vượt quá số “Tập thể Lao "
                      "động tiên tiến”."}},
      {f->commended > f->staff_total + f->units_total,
       {"commended", "Số tập thể, cá nhân được khen thưởng vượt quá tổng số tập "
                     "thể và cá nhân."}},
      {f->party_good + f->party_excellent > f->party_total,
       {"party_good", "Số tổ chức đảng “Hoàn thành tốt” và “Hoàn thành xuất sắc” "
                      "vượt quá tổng số tổ chức đảng."}},
      {f->prof_good + f->prof_excellent > f->prof_total,
       {"prof_good", "Số tổ chức chuyên môn, đơn vị, đoàn thể “Hoàn thành tốt” và "
                     "“Hoàn thành xuất sắc” vượt quá tổng số."}},
      {f->dept_joined > f->dept_total,
       {"dept_joined", "Số khoa, phòng hưởng ứng vượt quá tổng số khoa, phòng."}},
  };
  for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
    if (checks[i].bad) {
      *message = checks[i].rule.message;
      return checks[i].rule.field;
    }
  }
  *message = NULL;
  return NULL;
}

const char *em_thresholds_check(const struct em_thresholds *t, const char **message) {
  const struct {
    const char *field;
    int value;
  } pcts[] = {
      {"t_ldtt_min_pct", t->ldtt_min_pct},
      {"t_cstd_min_pct", t->cstd_min_pct},
      {"t_cstd_max_pct", t->cstd_max_pct},
      {"t_commended_min_pct", t->commended_min_pct},
      {"t_party_good_min_pct", t->party_good_min_pct},
      {"t_party_excellent_min_pct", t->party_excellent_min_pct},
      {"t_prof_good_over_pct", t->prof_good_over_pct},
      {"t_dept_min_pct", t->dept_min_pct},
  };
  for (size_t i = 0; i < sizeof pcts / sizeof pcts[0]; i++) {
    if (pcts[i].value < 0 || pcts[i].value > 100) {
      *message = "Tỷ lệ phải nằm trong khoảng 0–100%.";
      return pcts[i].field;
    }
  }
  if (t->cstd_min_pct > t->cstd_max_pct) {
    *message = "Tỷ lệ “Chiến sĩ thi đua cơ sở” tối thiểu lớn hơn tối đa.";
    return "t_cstd_min_pct";
  }
  if (t->units_ldxs_min < 0) {
    *message = "Số tập thể tối thiểu không được âm.";
    return "t_units_ldxs_min";
  }
  *message = NULL;
  return NULL;
}
