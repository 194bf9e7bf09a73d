/* A participant's identifiers when they come from a CSV file rather than
 * from a declared field. The rules themselves are the host's (CF_CCCD,
 * CF_PHONE, CF_EMAIL through cadre_check_value); what this file adds is the
 * damage spreadsheets do to numbers — leading zeros dropped, scientific
 * notation, dashes — turned into either a repaired value (a mobile number
 * that lost its 0) or a message that says how to fix the file. Row error
 * codes are the import's own (cccd_invalid, phone_invalid, …), stable. */
#include "course.h"

#include <string.h>

static const struct cadre_field F_CCCD = {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số CCCD"};
static const struct cadre_field F_PHONE = {"phone", CF_PHONE, CF_REQUIRED, 0, 0, NULL, "Số điện thoại"};
static const struct cadre_field F_EMAIL = {"email", CF_EMAIL, 0, 0, 254, NULL, "Thư điện tử"};

/* The digits of s, skipping the separators people and spreadsheets add;
 * NULL when anything else is in it. */
static char *digits_of(cadre_arena *a, const char *s, const char *separators) {
  cadre_buf b;
  cadre_buf_init(&b, a);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= '0' && *p <= '9')
      cadre_buf_putc(&b, (char)*p);
    else if (*p == 0xC2 && p[1] == 0xA0)
      p++; /* NBSP pasted from a web page or Word */
    else if (!strchr(separators, (char)*p))
      return NULL;
  }
  return b.failed ? NULL : b.data;
}

const char *course_norm_cccd(cadre_arena *a, const char *in, const char **out, const char **msg) {
  *out = NULL;
  if (!in || !*in) {
    *msg = "Chưa nhập số căn cước công dân.";
    return "cccd_required";
  }
  if (strchr(in, 'E') || strchr(in, 'e')) {
    *msg = "Số căn cước công dân bị Excel chuyển thành dạng số mũ (ví dụ "
           "1,23E+11): hãy định dạng cột CCCD là Văn bản (Text) rồi xuất "
           "lại tệp.";
    return "cccd_invalid";
  }
  const char *d = digits_of(a, in, " \t");
  if (d && strlen(d) == 12 && !cadre_check_value(a, &F_CCCD, d, out, msg))
    return NULL;
  *out = NULL;
  *msg = d && strlen(d) < 12 ? "Số căn cước công dân phải gồm đúng 12 chữ số (Excel có thể "
                               "đã xóa các số 0 ở đầu: hãy định dạng cột là Văn bản)."
                             : "Số căn cước công dân phải gồm đúng 12 chữ số.";
  return "cccd_invalid";
}

const char *course_norm_phone(cadre_arena *a, const char *in, const char **out, const char **msg) {
  *out = NULL;
  if (!in || !*in) {
    *msg = "Chưa nhập số điện thoại.";
    return "phone_required";
  }
  const char *s = in;
  while (*s == ' ' || *s == '\t')
    s++;
  bool plus = *s == '+';
  const char *d = digits_of(a, plus ? s + 1 : s, " \t.-()");
  if (d) {
    size_t n = strlen(d);
    const char *candidate = plus ? cadre_arena_printf(a, "+%s", d) : d;
    if (!plus && n == 11 && strncmp(d, "84", 2) == 0)
      candidate = cadre_arena_printf(a, "0%s", d + 2); /* 84912345678 */
    else if (!plus && n == 9 && strchr("35789", d[0]))
      candidate = cadre_arena_printf(a, "0%s", d); /* the 0 a sheet dropped */
    if (!cadre_check_value(a, &F_PHONE, candidate, out, msg))
      return NULL;
  }
  *out = NULL;
  *msg = "Số điện thoại phải có 10 hoặc 11 chữ số, bắt đầu bằng 0 (hoặc +84).";
  return "phone_invalid";
}

const char *course_norm_email(cadre_arena *a, const char *in, const char **out, const char **msg) {
  *out = NULL;
  char *t = in ? cadre_tidy(a, in) : NULL;
  if (!t || !*t)
    return NULL; /* optional */
  if (cadre_check_value(a, &F_EMAIL, t, out, msg)) {
    *out = NULL;
    *msg = "Địa chỉ thư điện tử không hợp lệ.";
    return "email_invalid";
  }
  return NULL;
}

const char *course_category_parse(cadre_arena *a, const char *text) {
  if (!text)
    return "other";
  char *f = cadre_fold(a, text);
  if (!f)
    return NULL;
  if (!*f || strcmp(f, "other") == 0 || strcmp(f, "khac") == 0 || strncmp(f, "doi tuong khac", 14) == 0 ||
      strcmp(f, "3") == 0)
    return "other";
  if (strcmp(f, "commune_leader") == 0 || strcmp(f, "1") == 0 || strstr(f, "lanh dao") ||
      strstr(f, "cap xa") || strstr(f, "can bo co so"))
    return "commune_leader";
  if (strcmp(f, "school_lecturer") == 0 || strcmp(f, "2") == 0 || strstr(f, "giang vien") ||
      strstr(f, "truong chinh tri"))
    return "school_lecturer";
  return NULL;
}
