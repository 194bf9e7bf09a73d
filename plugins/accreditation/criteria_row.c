/*
 * One row of the catalogue CSV (the Academy's spreadsheet of criteria),
 * checked and typed. Whole-file rules (parents exist, no duplicate codes)
 * are the importer's; this file only knows one row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cadre/text.h>

#include "logic.h"

const char *const accr_csv_headers[ACCR_C_COUNT] = {
    [ACCR_C_CODE] = "code",
    [ACCR_C_PARENT] = "parent_code",
    [ACCR_C_KIND] = "kind",
    [ACCR_C_SEQ] = "seq",
    [ACCR_C_TITLE] = "title",
    [ACCR_C_LEVELS] = "levels",
    [ACCR_C_MAX_SCORE] = "max_score",
    [ACCR_C_WEIGHT] = "weight",
    [ACCR_C_MANDATORY] = "mandatory",
    [ACCR_C_GUIDANCE] = "guidance",
    [ACCR_C_EVIDENCE] = "expected_evidence",
    [ACCR_C_STAFF_ROLE] = "staff_role",
    [ACCR_C_STAFF_QUAL] = "staff_qualification",
    [ACCR_C_STAFF_MIN_COUNT] = "staff_min_count",
    [ACCR_C_STAFF_MIN_PERCENT] = "staff_min_percent",
};

/* The same columns as a Vietnamese spreadsheet heads them (folded). */
static const char *const vn_headers[ACCR_C_COUNT] = {
    [ACCR_C_CODE] = "ma",
    [ACCR_C_PARENT] = "ma cap tren",
    [ACCR_C_KIND] = "loai",
    [ACCR_C_SEQ] = "thu tu",
    [ACCR_C_TITLE] = "noi dung",
    [ACCR_C_LEVELS] = "muc",
    [ACCR_C_MAX_SCORE] = "diem toi da",
    [ACCR_C_WEIGHT] = "trong so",
    [ACCR_C_MANDATORY] = "bat buoc",
    [ACCR_C_GUIDANCE] = "huong dan",
    [ACCR_C_EVIDENCE] = "minh chung goi y",
    [ACCR_C_STAFF_ROLE] = "doi tuong doi ngu",
    [ACCR_C_STAFF_QUAL] = "yeu cau trinh do",
    [ACCR_C_STAFF_MIN_COUNT] = "so nguoi toi thieu",
    [ACCR_C_STAFF_MIN_PERCENT] = "ty le toi thieu (%)",
};

static const char *const kinds[] = {"group", "criterion", "indicator"};

const char *accr_kind_code(enum accr_kind k) { return (unsigned)k <= ACCR_K_INDICATOR ? kinds[k] : ""; }

bool accr_kind_parse(const char *code, enum accr_kind *out) {
  for (int i = 0; code && i < 3; i++)
    if (strcmp(code, kinds[i]) == 0) {
      *out = (enum accr_kind)i;
      return true;
    }
  return false;
}

bool accr_kind_may_parent(enum accr_kind parent, enum accr_kind child) {
  return (parent == ACCR_K_GROUP && child == ACCR_K_CRITERION) ||
         (parent == ACCR_K_CRITERION && child == ACCR_K_INDICATOR);
}

int accr_csv_header_check(cadre_arena *a, char **fields, int n) {
  for (int i = 0; i < ACCR_C_COUNT; i++) {
    if (i >= n)
      return i + 1;
    const char *f = cadre_fold(a, fields[i]);
    if (!f || (strcmp(f, accr_csv_headers[i]) != 0 && strcmp(f, vn_headers[i]) != 0))
      return i + 1;
  }
  return 0;
}

bool accr_parse_decimal(const char *s, double *out) {
  if (!s || !*s)
    return false;
  char buf[32];
  size_t n = strlen(s);
  if (n >= sizeof(buf))
    return false;
  int seps = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ',' || c == '.') {
      if (++seps > 1 || i == 0 || i + 1 == n)
        return false;
      buf[i] = '.';
    } else if (c >= '0' && c <= '9') {
      buf[i] = c;
    } else {
      return false;
    }
  }
  buf[n] = '\0';
  errno = 0;
  *out = strtod(buf, NULL);
  return errno == 0;
}

bool accr_parse_flag(cadre_arena *a, const char *s, bool *out) {
  const char *f = s ? cadre_fold(a, s) : "";
  if (!f)
    return false;
  static const char *const yes[] = {"x", "1", "co", "yes", "true", "bat buoc"};
  static const char *const no[] = {"", "0", "khong", "no", "false"};
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
    if (strcmp(f, yes[i]) == 0)
      return *out = true;
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
    if (strcmp(f, no[i]) == 0) {
      *out = false;
      return true;
    }
  return false;
}

/* The kind as a code or as the Vietnamese word for it. */
static bool parse_kind_word(const char *folded, enum accr_kind *out) {
  if (accr_kind_parse(folded, out))
    return true;
  static const struct {
    const char *word;
    enum accr_kind kind;
  } words[] = {{"tieu chuan", ACCR_K_GROUP},
               {"nhom tieu chi", ACCR_K_GROUP},
               {"tieu chi", ACCR_K_CRITERION},
               {"chi bao", ACCR_K_INDICATOR},
               {"chi so", ACCR_K_INDICATOR}};
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
    if (strcmp(folded, words[i].word) == 0) {
      *out = words[i].kind;
      return true;
    }
  return false;
}

static bool parse_rule_role_word(const char *folded, enum accr_rule_role *out) {
  if (accr_rule_role_parse(folded, out))
    return true;
  if (strcmp(folded, "giang vien") == 0)
    *out = ACCR_RR_LECTURERS;
  else if (strcmp(folded, "can bo quan ly") == 0 || strcmp(folded, "quan ly") == 0)
    *out = ACCR_RR_MANAGERS;
  else if (strcmp(folded, "tat ca") == 0)
    *out = ACCR_RR_ALL;
  else
    return false;
  return true;
}

static bool code_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 32)
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  }
  return true;
}

static bool text_ok(const char *s, size_t max_chars, bool multiline) {
  size_t len = strlen(s);
  return cadre_utf8_valid(s, len) && !cadre_has_control(s, len, multiline) &&
         cadre_utf8_len(s, len) <= max_chars;
}

/* Empty cells are NULL, everything else trimmed. */
static const char *cell(cadre_arena *a, char **fields, int n, int i) {
  if (i >= n || !fields[i])
    return NULL;
  char *t = cadre_tidy(a, fields[i]);
  return t && *t ? t : NULL;
}

#define FAIL(col, ...)                                                                                       \
  do {                                                                                                       \
    *column = (col);                                                                                         \
    return cadre_arena_printf(a, __VA_ARGS__);                                                               \
  } while (0)

static const char *parse_staff_rule(cadre_arena *a, char **fields, int n, struct accr_criterion_row *out,
                                    int *column) {
  const char *role = cell(a, fields, n, ACCR_C_STAFF_ROLE);
  const char *qual = cell(a, fields, n, ACCR_C_STAFF_QUAL);
  const char *count = cell(a, fields, n, ACCR_C_STAFF_MIN_COUNT);
  const char *pct = cell(a, fields, n, ACCR_C_STAFF_MIN_PERCENT);
  if (!role && !qual && !count && !pct)
    return NULL;
  if (out->kind == ACCR_K_GROUP)
    FAIL(ACCR_C_STAFF_ROLE, "Tiêu chuẩn (nhóm) không mang yêu cầu về đội ngũ; đặt ở tiêu chí "
                            "hoặc chỉ báo.");
  struct accr_staff_rule *r = &out->staff_rule;
  if (!role || !parse_rule_role_word(cadre_fold(a, role), &r->role))
    FAIL(ACCR_C_STAFF_ROLE, "Đối tượng đội ngũ phải là lecturers (giảng viên), managers (cán bộ "
                            "quản lý) hoặc all (tất cả).");
  if (!qual || !accr_qual_parse(qual, &r->qual))
    FAIL(ACCR_C_STAFF_QUAL, "Yêu cầu trình độ không hợp lệ (any, master, doctor, "
                            "professor_title, advanced_theory, main_lecturer, "
                            "senior_lecturer, pedagogy).");
  r->min_count = -1;
  r->min_percent = -1;
  double v;
  if (count) {
    if (!accr_parse_decimal(count, &v) || v != (int)v || v < 0 || v > 10000)
      FAIL(ACCR_C_STAFF_MIN_COUNT, "Số người tối thiểu phải là số nguyên không âm.");
    r->min_count = (int)v;
  }
  if (pct) {
    if (!accr_parse_decimal(pct, &v) || v < 0 || v > 100)
      FAIL(ACCR_C_STAFF_MIN_PERCENT, "Tỷ lệ tối thiểu phải từ 0 đến 100.");
    r->min_percent = v;
  }
  if (!count && !pct)
    FAIL(ACCR_C_STAFF_MIN_COUNT, "Yêu cầu về đội ngũ cần số người tối thiểu hoặc tỷ lệ tối "
                                 "thiểu.");
  out->has_staff_rule = true;
  return NULL;
}

static const char *parse_numbers(cadre_arena *a, char **fields, int n, struct accr_criterion_row *out,
                                 int *column) {
  const char *max = cell(a, fields, n, ACCR_C_MAX_SCORE);
  if (max) {
    if (!accr_parse_decimal(max, &out->max_score) || out->max_score < 0 || out->max_score > 10000)
      FAIL(ACCR_C_MAX_SCORE, "Điểm tối đa “%s” không phải là số hợp lệ (0 đến 10000).", max);
    out->has_max = true;
  }
  const char *weight = cell(a, fields, n, ACCR_C_WEIGHT);
  if (weight) {
    if (!accr_parse_decimal(weight, &out->weight) || out->weight < 0 || out->weight > 10000)
      FAIL(ACCR_C_WEIGHT, "Trọng số “%s” không phải là số hợp lệ.", weight);
    out->has_weight = true;
  }
  const char *seq = cell(a, fields, n, ACCR_C_SEQ);
  if (seq) {
    double v;
    if (!accr_parse_decimal(seq, &v) || v != (int)v || v > 100000)
      FAIL(ACCR_C_SEQ, "Thứ tự “%s” phải là số nguyên.", seq);
    out->seq = (int)v;
  }
  return NULL;
}

const char *accr_criterion_row_parse(cadre_arena *a, char **fields, int n, struct accr_criterion_row *out,
                                     int *column) {
  memset(out, 0, sizeof(*out));
  *column = 0;
  out->code = cell(a, fields, n, ACCR_C_CODE);
  if (!out->code || !code_ok(out->code))
    FAIL(ACCR_C_CODE,
         "Mã “%s” không hợp lệ (chữ không dấu, số, dấu chấm, gạch; tối đa 32 "
         "ký tự).",
         out->code ? out->code : "");
  const char *kind = cell(a, fields, n, ACCR_C_KIND);
  if (!kind || !parse_kind_word(cadre_fold(a, kind), &out->kind))
    FAIL(ACCR_C_KIND, "Loại phải là group (tiêu chuẩn), criterion (tiêu chí) hoặc indicator "
                      "(chỉ báo).");
  out->parent_code = cell(a, fields, n, ACCR_C_PARENT);
  if (out->kind == ACCR_K_GROUP && out->parent_code)
    FAIL(ACCR_C_PARENT, "Tiêu chuẩn (nhóm) là cấp cao nhất, không có mã cấp trên.");
  if (out->kind != ACCR_K_GROUP && !out->parent_code)
    FAIL(ACCR_C_PARENT, "Tiêu chí và chỉ báo phải có mã cấp trên.");
  if (out->parent_code && !code_ok(out->parent_code))
    FAIL(ACCR_C_PARENT, "Mã cấp trên “%s” không hợp lệ.", out->parent_code);
  out->title = cell(a, fields, n, ACCR_C_TITLE);
  if (!out->title || !text_ok(out->title, 1000, false))
    FAIL(ACCR_C_TITLE, "Nội dung là bắt buộc, một dòng, tối đa 1000 ký tự.");
  const char *levels = cell(a, fields, n, ACCR_C_LEVELS);
  out->levels = levels ? accr_levels_parse(levels) : 0;
  if (!out->levels) {
    if (out->kind != ACCR_K_GROUP || levels)
      FAIL(ACCR_C_LEVELS, "Mức áp dụng phải là 1, 2 hoặc 1,2.");
    out->levels = ACCR_LEVEL_BIT(1) | ACCR_LEVEL_BIT(2);
  }
  const char *err = parse_numbers(a, fields, n, out, column);
  if (err)
    return err;
  if (!accr_parse_flag(a, cell(a, fields, n, ACCR_C_MANDATORY), &out->mandatory))
    FAIL(ACCR_C_MANDATORY, "Cột bắt buộc chỉ nhận x, có, 1 hoặc để trống.");
  /* Guidance and evidence keep their line breaks: only blank means absent. */
  out->guidance = cell(a, fields, n, ACCR_C_GUIDANCE) ? fields[ACCR_C_GUIDANCE] : NULL;
  if (out->guidance && !text_ok(out->guidance, 20000, true))
    FAIL(ACCR_C_GUIDANCE, "Hướng dẫn quá dài hoặc có ký tự không hợp lệ.");
  out->evidence = cell(a, fields, n, ACCR_C_EVIDENCE) ? fields[ACCR_C_EVIDENCE] : NULL;
  if (out->evidence && !text_ok(out->evidence, 20000, true))
    FAIL(ACCR_C_EVIDENCE, "Minh chứng gợi ý quá dài hoặc có ký tự không hợp lệ.");
  return parse_staff_rule(a, fields, n, out, column);
}
