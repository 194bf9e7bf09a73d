/* Normalisation of a participant's identifiers when they come from a CSV
 * file rather than from a declared field. The rules are the ones the host
 * applies to CF_CCCD, CF_PHONE and CF_EMAIL, plus the damage spreadsheets do
 * to numbers (leading zeros dropped, scientific notation), which deserves a
 * message that says how to fix the file.
 * WORKAROUND (docs/requests/course.md): replace by the host's validators
 * once they are public. */
#include "course.h"

#include <ctype.h>
#include <string.h>

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Copies the digits of `in` into out (at most cap-1), skipping the
 * separators people type or spreadsheets add; returns false when any other
 * character is found or there are too many digits. */
static bool digits_only(const char *in, const char *separators, char *out,
                        size_t cap, size_t *n) {
  *n = 0;
  for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (*n + 1 >= cap)
        return false;
      out[(*n)++] = (char)*p;
    } else if (*p == 0xC2 && p[1] == 0xA0) {
      p++; /* NBSP pasted from a web page or Word */
    } else if (!strchr(separators, (char)*p)) {
      return false;
    }
  }
  out[*n] = '\0';
  return true;
}

const char *course_norm_cccd(const char *in, char out[13], const char **msg) {
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
  char buf[32];
  size_t n;
  if (!digits_only(in, " \t", buf, sizeof buf, &n)) {
    *msg = "Số căn cước công dân chỉ gồm 12 chữ số.";
    return "cccd_invalid";
  }
  if (n != 12) {
    *msg = n < 12 ? "Số căn cước công dân phải gồm đúng 12 chữ số (Excel có "
                    "thể đã xóa các số 0 ở đầu: hãy định dạng cột là Văn bản)."
                  : "Số căn cước công dân phải gồm đúng 12 chữ số.";
    return "cccd_invalid";
  }
  memcpy(out, buf, 13);
  return NULL;
}

const char *course_norm_phone(const char *in, char out[16], const char **msg) {
  if (!in || !*in) {
    *msg = "Chưa nhập số điện thoại.";
    return "phone_required";
  }
  const char *p = in;
  while (is_blank(*p))
    p++;
  bool plus = *p == '+';
  if (plus)
    p++;
  char buf[24];
  size_t n;
  if (!digits_only(p, " \t.-()", buf, sizeof buf, &n)) {
    *msg = "Số điện thoại không hợp lệ.";
    return "phone_invalid";
  }
  const char *d = buf;
  char fixed[24];
  if ((plus || n == 11) && n >= 11 && d[0] == '8' && d[1] == '4') {
    /* +84 912 345 678 / 84912345678 → 0912345678 */
    fixed[0] = '0';
    memcpy(fixed + 1, d + 2, n - 1);
    d = fixed;
    n -= 1;
  } else if (plus) {
    *msg = "Chỉ chấp nhận số điện thoại Việt Nam (+84).";
    return "phone_invalid";
  } else if (n == 9 && strchr("35789", d[0])) {
    /* A mobile number whose leading 0 a spreadsheet dropped. */
    fixed[0] = '0';
    memcpy(fixed + 1, d, n + 1);
    d = fixed;
    n += 1;
  }
  if (n < 10 || n > 11 || d[0] != '0' || d[1] == '0') {
    *msg = "Số điện thoại phải có 10 hoặc 11 chữ số, bắt đầu bằng 0.";
    return "phone_invalid";
  }
  memcpy(out, d, n + 1);
  return NULL;
}

const char *course_norm_email(cadre_arena *a, const char *in, char **out,
                              const char **msg) {
  *out = NULL;
  if (!in)
    return NULL;
  char *t = cadre_tidy(a, in);
  if (!t || !*t)
    return NULL; /* optional */
  const char *at = strchr(t, '@');
  bool ok = at && at != t && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
            at[1] != '.' && t[strlen(t) - 1] != '.' && strlen(t) <= 254;
  for (const char *p = t; ok && *p; p++)
    if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';' || *p == '<' ||
        *p == '>')
      ok = false;
  if (!ok) {
    *msg = "Địa chỉ thư điện tử không hợp lệ.";
    return "email_invalid";
  }
  for (char *p = t; *p; p++)
    *p = (char)tolower((unsigned char)*p);
  *out = t;
  return NULL;
}

const char *course_category_parse(cadre_arena *a, const char *text) {
  if (!text)
    return "other";
  char *f = cadre_fold(a, text);
  if (!f)
    return NULL;
  if (!*f || strcmp(f, "other") == 0 || strcmp(f, "khac") == 0 ||
      strncmp(f, "doi tuong khac", 14) == 0 || strcmp(f, "3") == 0)
    return "other";
  if (strcmp(f, "commune_leader") == 0 || strcmp(f, "1") == 0 ||
      strstr(f, "lanh dao") || strstr(f, "cap xa") || strstr(f, "can bo co so"))
    return "commune_leader";
  if (strcmp(f, "school_lecturer") == 0 || strcmp(f, "2") == 0 ||
      strstr(f, "giang vien") || strstr(f, "truong chinh tri"))
    return "school_lecturer";
  return NULL;
}
