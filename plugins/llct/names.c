/*
 * Names of units as plan tables write them. Officials abbreviate freely
 * ("ĐU khối Doanh nghiệp TW", "Ngân hàng NN VN"), join two units in one cell
 * ("Huyện ủy Phú Xuyên và huyện ủy Thường Tín") and describe rather than name
 * ("Các cơ quan, đơn vị liên quan"). These helpers turn such text into names
 * that match agencies accent- and case-insensitively. Pure.
 */
#include <ctype.h>
#include <string.h>

#include "llct.h"

/* Whole-word abbreviations, matched case-sensitively (they are written in
 * capitals; "Ban" or "Bộ" must never be mistaken for one). */
static const struct {
  const char *abbr;
  const char *full;
} abbreviations[] = {
    {"TW", "Trung ương"},
    {"VN", "Việt Nam"},
    {"ĐU", "Đảng ủy"},
    {"ĐUK", "Đảng ủy khối"},
    {"BQL", "Ban Quản lý"},
    {"UBKT", "Ủy ban Kiểm tra"},
    {"UBTW", "Ủy ban Trung ương"},
    {"UBND", "Ủy ban nhân dân"},
    {"HĐND", "Hội đồng nhân dân"},
    {"NN", "Nhà nước"},
    {"ND", "nhân dân"},
    {"VP", "Văn phòng"},
    {"LHPN", "Liên hiệp Phụ nữ"},
    {"HCM", "Hồ Chí Minh"},
    {"CT", "Chủ tịch"},
    {"MTTQ", "Mặt trận Tổ quốc"},
    {"KH", "Khoa học"},
    {"CN", "Công nghệ"},
    {"VHNT", "Văn học nghệ thuật"},
    {"TTCT", "Trung tâm Chính trị"},
    {"ĐTCB", "Đào tạo cán bộ"},
    {"TP", "Thành phố"},
};

static const char *expansion_of(const char *word, size_t n) {
  for (size_t k = 0; k < sizeof(abbreviations) / sizeof(abbreviations[0]); k++)
    if (strlen(abbreviations[k].abbr) == n && memcmp(abbreviations[k].abbr, word, n) == 0)
      return abbreviations[k].full;
  return NULL;
}

char *llct_expand_abbrev(cadre_arena *a, const char *name) {
  char *tidy = cadre_tidy(a, name);
  if (!tidy)
    return NULL;
  cadre_buf out;
  cadre_buf_init(&out, a);
  const char *p = tidy;
  while (*p) {
    const char *w = p;
    while (*p && *p != ' ')
      p++;
    size_t n = (size_t)(p - w);
    /* a trailing comma or closing parenthesis is not part of the word */
    size_t core = n;
    while (core > 0 && (w[core - 1] == ',' || w[core - 1] == ')' || w[core - 1] == ';'))
      core--;
    const char *full = expansion_of(w, core);
    if (full) {
      cadre_buf_puts(&out, full);
      cadre_buf_append(&out, w + core, n - core);
    } else {
      cadre_buf_append(&out, w, n);
    }
    if (*p == ' ') {
      cadre_buf_putc(&out, ' ');
      p++;
    }
  }
  return out.failed ? NULL : out.data;
}

bool llct_name_is_generic(cadre_arena *a, const char *name) {
  const char *f = cadre_fold(a, name);
  if (!f)
    return false;
  /* A plural ("Các …") describes a group of units, not one agency. */
  return strncmp(f, "cac ", 4) == 0 || strcmp(f, "") == 0;
}

/* Words that start the name of a unit; " và " before one of them joins two
 * units, anywhere else it belongs to the name ("Bộ Kế hoạch và Đầu tư"). */
static const char *const unit_heads[] = {
    "huyen uy ", "quan uy ", "thi uy ", "thanh uy ", "tinh uy ", "dang uy ",
    "bo ",       "ban ",     "so ",     "truong ",   "ubnd ",    "uy ban nhan dan ",
};

static bool starts_unit(const char *folded) {
  for (size_t k = 0; k < sizeof(unit_heads) / sizeof(unit_heads[0]); k++)
    if (strncmp(folded, unit_heads[k], strlen(unit_heads[k])) == 0)
      return true;
  return false;
}

/* "huyện ủy Thường Tín" → "Huyện ủy Thường Tín" (ASCII letters and đ). */
static void capitalise(char *s) {
  unsigned char c = (unsigned char)s[0];
  if (c < 0x80)
    s[0] = (char)toupper(c);
  else if (c == 0xC4 && (unsigned char)s[1] == 0x91) /* đ → Đ */
    s[1] = (char)0x90;
}

int llct_split_joint_units(cadre_arena *a, const char *name, char ***out) {
  char *tidy = cadre_tidy(a, name);
  char **v = cadre_arena_calloc(a, 16, sizeof(char *));
  if (!tidy || !v)
    return 0;
  int n = 0;
  char *start = tidy;
  for (;;) {
    char *cut = NULL;
    for (char *q = strstr(start, " và "); q; q = strstr(q + 1, " và ")) {
      const char *right = cadre_fold(a, q + strlen(" và "));
      if (right && starts_unit(right) && q > start) {
        cut = q;
        break;
      }
    }
    if (!cut || n == 14)
      break;
    *cut = '\0';
    v[n++] = start;
    start = cut + strlen(" và ");
  }
  v[n++] = start;
  for (int i = 0; i < n; i++)
    capitalise(v[i]);
  *out = v;
  return n;
}

const char *llct_kind_for_name(cadre_arena *a, const char *name) {
  const char *f = cadre_fold(a, name);
  if (f && strncmp(f, "bo ", 3) == 0)
    return "ministry";
  return "other";
}
