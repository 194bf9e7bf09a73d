/*
 * Field validation from a route's declaration: every declared field is
 * checked and normalised, every problem gets a per-field Vietnamese message,
 * and fields the route did not declare are dropped. Runs before the handler,
 * so a handler reads only values that passed.
 */
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"

#define STRING_DEFAULT_MAX 500
#define TEXT_DEFAULT_MAX 20000
#define CODE_DEFAULT_MAX 64
#define ID_MAX 9007199254740992LL /* 2^53: ids stay exact in JavaScript */

static const char *label_of(const struct cadre_field *f) { return f->label ? f->label : f->name; }

/* Trims and, for single-line text, collapses runs of white space. */
static char *normalise_text(cadre_arena *a, const char *v, bool multiline) {
  if (!multiline)
    return cadre_tidy(a, v);
  size_t len = strlen(v);
  char *out = cadre_arena_alloc(a, len + 1);
  if (!out)
    return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (v[i] == '\r') {
      if (i + 1 < len && v[i + 1] == '\n')
        continue;
      out[o++] = '\n';
      continue;
    }
    out[o++] = v[i];
  }
  out[o] = '\0';
  size_t s = 0;
  while (out[s] == ' ' || out[s] == '\n' || out[s] == '\t')
    s++;
  while (o > s && (out[o - 1] == ' ' || out[o - 1] == '\n' || out[o - 1] == '\t'))
    out[--o] = '\0';
  return out + s;
}

static bool parse_int64(const char *v, int64_t *out) {
  if (!*v)
    return false;
  errno = 0;
  char *end;
  long long n = strtoll(v, &end, 10);
  if (errno || *end || end == v)
    return false;
  *out = (int64_t)n;
  return true;
}

static const char *check_phone(cadre_arena *a, const char *v) {
  char digits[32];
  size_t n = 0;
  for (const char *p = v; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (n + 1 >= sizeof(digits))
        return NULL;
      digits[n++] = *p;
    } else if (*p == '+' && p == v) {
      continue;
    } else if (*p == ' ' || *p == '.' || *p == '-' || *p == '(' || *p == ')') {
      continue;
    } else {
      return NULL;
    }
  }
  digits[n] = '\0';
  const char *d = digits;
  /* +84 / 84 country code → the national 0 prefix; a trunk 0 written after
   * it ("+84 (0) 912 …") is not doubled */
  if (n >= 11 && strncmp(d, "84", 2) == 0) {
    return check_phone(a, cadre_arena_printf(a, "0%s", d[2] == '0' ? d + 3 : d + 2));
  }
  /* exactly one leading 0: "00…" is the international prefix, not a number */
  if (d[0] != '0' || d[1] == '0' || (n != 10 && n != 11))
    return NULL;
  return cadre_arena_strdup(a, d);
}

static const char *check_cccd(cadre_arena *a, const char *v) {
  char digits[16];
  size_t n = 0;
  for (const char *p = v; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (n >= 12)
        return NULL;
      digits[n++] = *p;
    } else if (*p != ' ' && *p != '.' && *p != '-') {
      return NULL;
    }
  }
  digits[n] = '\0';
  if (n != 12 || strspn(digits, "0") == 12)
    return NULL;
  return cadre_arena_strdup(a, digits);
}

static const char *check_email(cadre_arena *a, const char *v) {
  size_t len = strlen(v);
  if (len < 3 || len > 254)
    return NULL;
  const char *at = strchr(v, '@');
  if (!at || at == v || strchr(at + 1, '@') || (size_t)(at - v) > 64)
    return NULL;
  const char *dom = at + 1;
  if (!*dom || !strchr(dom, '.') || dom[0] == '.' || dom[strlen(dom) - 1] == '.' || strstr(dom, ".."))
    return NULL;
  for (const char *p = v; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';' || *p == '"' ||
        *p == '\\')
      return NULL;
  char *out = cadre_arena_strdup(a, v);
  if (!out)
    return NULL;
  /* Strictly the local part is case-sensitive, but no Vietnamese mail
   * service treats it so, and one spelling per person makes duplicates
   * findable. */
  for (char *p = out; *p; p++)
    *p = (char)tolower((unsigned char)*p);
  return out;
}

static const char *check_num(cadre_arena *a, const char *v, const struct cadre_field *f) {
  char *copy = cadre_arena_strdup(a, v);
  if (!copy)
    return NULL;
  int commas = 0, dots = 0;
  for (char *p = copy; *p; p++) {
    if (*p == ',') {
      *p = '.';
      commas++;
    } else if (*p == '.') {
      dots++;
    } else if (!(isdigit((unsigned char)*p) || (*p == '-' && p == copy))) {
      return NULL;
    }
  }
  if (commas + dots > 1 || !copy[0] || strcmp(copy, "-") == 0 || copy[0] == '.' ||
      copy[strlen(copy) - 1] == '.')
    return NULL;
  char *end;
  double d = strtod(copy, &end);
  if (*end || !isfinite(d))
    return NULL;
  if ((f->min || f->max) && (d < (double)f->min || d > (double)f->max))
    return "";
  return copy;
}

static const char *check_bool(cadre_arena *a, const char *v) {
  /* folded, so "Có", "CÓ" and "co" are one answer */
  const char *f = cadre_fold(a, v);
  static const char *const yes[] = {"1", "true", "on", "yes", "co", NULL};
  static const char *const no[] = {"0", "false", "off", "no", "khong", NULL};
  for (int i = 0; f && yes[i]; i++)
    if (strcmp(f, yes[i]) == 0)
      return "1";
  for (int i = 0; f && no[i]; i++)
    if (strcmp(f, no[i]) == 0)
      return "0";
  return NULL;
}

/* Reads one or two digits; returns how many (0 = none). Unlike sscanf's %d
 * it takes no sign and skips no blanks, so "+8:30" or "08: 3" are refused. */
static int read_2digits(const char *s, int *out) {
  int n = 0, v = 0;
  while (n < 2 && s[n] >= '0' && s[n] <= '9')
    v = v * 10 + (s[n++] - '0');
  *out = v;
  return n;
}

/* dd/mm/yyyy hh:mm, yyyy-mm-dd hh:mm[:ss], yyyy-mm-ddThh:mm[:ss] */
static const char *check_datetime(cadre_arena *a, const char *v) {
  char date[16];
  const char *sep = strpbrk(v, " T");
  if (!sep || (size_t)(sep - v) >= sizeof(date))
    return NULL;
  memcpy(date, v, (size_t)(sep - v));
  date[sep - v] = '\0';
  cadre_date d;
  if (!cadre_date_parse(date, &d))
    return NULL;
  int h, m, s = 0, k;
  const char *t = sep + 1;
  if ((k = read_2digits(t, &h)) == 0 || t[k] != ':')
    return NULL;
  t += k + 1;
  if ((k = read_2digits(t, &m)) == 0)
    return NULL;
  t += k;
  if (*t == ':') {
    if ((k = read_2digits(t + 1, &s)) == 0)
      return NULL;
    t += k + 1;
  }
  if (*t || h > 23 || m > 59 || s > 59)
    return NULL;
  char iso[11];
  cadre_date_iso(d, iso);
  return cadre_arena_printf(a, "%s %02d:%02d:%02d", iso, h, m, s);
}

static bool is_code(const char *v) {
  for (const char *p = v; *p; p++)
    if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-'))
      return false;
  return true;
}

static bool in_choices(const char *const *choices, const char *v) {
  for (size_t i = 0; choices && choices[i]; i++)
    if (strcmp(choices[i], v) == 0)
      return true;
  return false;
}

/* Checks one text value; returns the normalised value, or NULL after
 * recording a field error. */
static const char *check_value(cadre_req *req, const struct cadre_field *f, const char *v) {
  cadre_arena *a = req->arena;
  const char *L = label_of(f);
  size_t len = strlen(v);
  bool multiline = f->type == CF_TEXT;
  if (cadre_has_control(v, len, multiline)) {
    cadre_field_error(req, f->name, "control_characters", "«%s» chứa ký tự điều khiển không hợp lệ.", L);
    return NULL;
  }
  switch (f->type) {
  case CF_STRING:
  case CF_TEXT: {
    const char *t = normalise_text(a, v, multiline);
    if (!t)
      return NULL;
    int64_t max = f->max ? f->max : (multiline ? TEXT_DEFAULT_MAX : STRING_DEFAULT_MAX);
    size_t chars = cadre_utf8_len(t, strlen(t));
    if ((int64_t)chars > max) {
      cadre_field_error(req, f->name, "too_long", "«%s» dài tối đa %" PRId64 " ký tự (đang có %zu).", L, max,
                        chars);
      return NULL;
    }
    if (f->min && (int64_t)chars < f->min) {
      cadre_field_error(req, f->name, "too_short", "«%s» cần ít nhất %" PRId64 " ký tự.", L, f->min);
      return NULL;
    }
    return t;
  }
  case CF_INT:
  case CF_ID:
  case CF_YEAR: {
    int64_t n;
    const char *t = cadre_tidy(a, v);
    if (!t || !parse_int64(t, &n)) {
      cadre_field_error(req, f->name, "invalid_int", "«%s» phải là một số nguyên.", L);
      return NULL;
    }
    int64_t lo = f->min, hi = f->max;
    if (f->type == CF_ID) {
      lo = 1;
      hi = ID_MAX;
    } else if (f->type == CF_YEAR) {
      lo = f->min ? f->min : 2000;
      hi = f->max ? f->max : 2100;
    }
    if (hi == 0 && lo != 0)
      hi = INT64_MAX; /* only a lower bound was declared */
    if ((lo || hi) && (n < lo || n > hi)) {
      if (f->type == CF_ID)
        cadre_field_error(req, f->name, "invalid_id", "«%s» không phải mã hợp lệ.", L);
      else
        cadre_field_error(req, f->name, "out_of_range",
                          "«%s» phải nằm trong khoảng %" PRId64 " đến %" PRId64 ".", L, lo, hi);
      return NULL;
    }
    return cadre_arena_printf(a, "%" PRId64, n);
  }
  case CF_NUM: {
    const char *t = cadre_tidy(a, v);
    const char *r = t ? check_num(a, t, f) : NULL;
    if (!r) {
      cadre_field_error(req, f->name, "invalid_number", "«%s» phải là một số (ví dụ 9,5).", L);
      return NULL;
    }
    if (!*r) {
      cadre_field_error(req, f->name, "out_of_range",
                        "«%s» phải nằm trong khoảng %" PRId64 " đến %" PRId64 ".", L, f->min, f->max);
      return NULL;
    }
    return r;
  }
  case CF_BOOL: {
    const char *r = check_bool(a, v);
    if (!r)
      cadre_field_error(req, f->name, "invalid_bool", "«%s» chỉ nhận giá trị có hoặc không.", L);
    return r;
  }
  case CF_DATE: {
    cadre_date d;
    const char *t = cadre_tidy(a, v);
    if (!t || !cadre_date_parse(t, &d)) {
      cadre_field_error(req, f->name, "invalid_date", "«%s» không phải ngày hợp lệ (dd/mm/yyyy).", L);
      return NULL;
    }
    char *iso = cadre_arena_alloc(a, 11);
    if (iso)
      cadre_date_iso(d, iso);
    return iso;
  }
  case CF_DATETIME: {
    const char *r = check_datetime(a, cadre_tidy(a, v));
    if (!r)
      cadre_field_error(req, f->name, "invalid_datetime",
                        "«%s» không phải thời điểm hợp lệ (dd/mm/yyyy hh:mm).", L);
    return r;
  }
  case CF_EMAIL: {
    const char *r = check_email(a, cadre_tidy(a, v));
    if (!r)
      cadre_field_error(req, f->name, "invalid_email", "«%s» không phải địa chỉ thư điện tử hợp lệ.", L);
    return r;
  }
  case CF_PHONE: {
    const char *r = check_phone(a, v);
    if (!r)
      cadre_field_error(req, f->name, "invalid_phone",
                        "«%s» không phải số điện thoại hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84).",
                        L);
    return r;
  }
  case CF_CCCD: {
    const char *r = check_cccd(a, v);
    if (!r)
      cadre_field_error(req, f->name, "invalid_cccd", "«%s» phải gồm đúng 12 chữ số.", L);
    return r;
  }
  case CF_ENUM: {
    const char *t = cadre_tidy(a, v);
    if (!t || !in_choices(f->choices, t)) {
      cadre_field_error(req, f->name, "invalid_choice", "«%s» không thuộc các giá trị cho phép.", L);
      return NULL;
    }
    return t;
  }
  case CF_CODE: {
    const char *t = cadre_tidy(a, v);
    int64_t max = f->max ? f->max : CODE_DEFAULT_MAX;
    if (!t || !is_code(t) || (int64_t)strlen(t) > max || (f->min && (int64_t)strlen(t) < f->min)) {
      cadre_field_error(
          req, f->name, "invalid_code",
          "«%s» chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới (tối đa %" PRId64
          " ký tự).",
          L, max);
      return NULL;
    }
    return t;
  }
  case CF_FILE:
  case CF_JSON: break;
  }
  return v;
}

static bool value_empty(const struct cadre_pair *p) {
  if (p->file)
    return false;
  if (p->json && (json_is_array(p->json) || json_is_object(p->json)))
    return false;
  if (!p->value)
    return true;
  for (const char *s = p->value; *s; s++)
    if (!isspace((unsigned char)*s))
      return false;
  return true;
}

struct outlist {
  struct cadre_param *items;
  size_t n, cap;
};

static int push_param(cadre_req *req, struct outlist *o, struct cadre_param p) {
  if (o->n == o->cap) {
    size_t cap = o->cap ? o->cap * 2 : 16;
    struct cadre_param *items = cadre_arena_calloc(req->arena, cap, sizeof(*items));
    if (!items)
      return -1;
    if (o->n)
      memcpy(items, o->items, o->n * sizeof(*items));
    o->items = items;
    o->cap = cap;
  }
  o->items[o->n++] = p;
  return 0;
}

static void check_file(cadre_req *req, const struct cadre_field *f, const struct cadre_pair *p,
                       struct outlist *out, cadre_upload *files, size_t *nfiles) {
  const char *L = label_of(f);
  if (!p->file) {
    cadre_field_error(req, f->name, "file_expected", "«%s» phải là một tệp đính kèm.", L);
    return;
  }
  cadre_upload up = *p->file;
  size_t max = f->max ? (size_t)f->max : req->conf->max_upload_bytes;
  if (up.size > max) {
    cadre_field_error(req, f->name, "file_too_large", "Tệp «%s» vượt quá dung lượng cho phép (%zu MB).", L,
                      max / (1024 * 1024) ? max / (1024 * 1024) : 1);
    return;
  }
  up.mime = cadre_sniff_mime(up.data, up.size, up.filename);
  if (f->choices && !in_choices(f->choices, up.mime)) {
    cadre_field_error(req, f->name, "file_type", "Tệp «%s» không đúng định dạng cho phép (nhận được: %s).", L,
                      up.mime);
    return;
  }
  files[(*nfiles)++] = up;
  push_param(req, out, (struct cadre_param){.name = f->name, .value = up.filename});
}

/* Validates one declared field against the pairs carrying its name. */
static void check_field(cadre_req *req, const struct cadre_field *f, struct cadre_pair *pairs, size_t npairs,
                        struct outlist *out, cadre_upload *files, size_t *nfiles) {
  const char *L = label_of(f);
  size_t seen = 0;
  for (size_t i = 0; i < npairs; i++) {
    struct cadre_pair *p = &pairs[i];
    if (strcmp(p->name, f->name) != 0 || value_empty(p))
      continue;
    if (seen && !(f->flags & CF_MULTI)) {
      cadre_field_error(req, f->name, "not_multiple", "«%s» chỉ nhận một giá trị.", L);
      return;
    }
    seen++;
    if (f->type == CF_FILE) {
      check_file(req, f, p, out, files, nfiles);
      continue;
    }
    if (p->file) {
      cadre_field_error(req, f->name, "file_unexpected", "«%s» không nhận tệp đính kèm.", L);
      return;
    }
    if (f->type == CF_JSON) {
      push_param(req, out, (struct cadre_param){.name = f->name, .value = p->value, .json = p->json});
      continue;
    }
    if (p->json && json_is_array(p->json) && (f->flags & CF_MULTI)) {
      size_t k;
      json_t *item;
      json_array_foreach(p->json, k, item) {
        const char *txt = json_is_string(item)    ? json_string_value(item)
                          : json_is_integer(item) ? cadre_arena_printf(req->arena, "%" JSON_INTEGER_FORMAT,
                                                                       json_integer_value(item))
                                                  : NULL;
        if (!txt) {
          cadre_field_error(req, f->name, "invalid_type", "«%s» có phần tử không hợp lệ.", L);
          return;
        }
        const char *v = check_value(req, f, txt);
        if (!v)
          return;
        push_param(req, out, (struct cadre_param){.name = f->name, .value = v});
      }
      continue;
    }
    if (p->json && (json_is_array(p->json) || json_is_object(p->json))) {
      cadre_field_error(req, f->name, "invalid_type", "«%s» phải là một giá trị đơn.", L);
      return;
    }
    const char *v = check_value(req, f, p->value);
    if (!v)
      return;
    if (f->type != CF_FILE && (f->flags & CF_REQUIRED) && !*v) {
      cadre_field_error(req, f->name, "required", "«%s» là bắt buộc.", L);
      return;
    }
    push_param(req, out, (struct cadre_param){.name = f->name, .value = v});
  }
  if (!seen && (f->flags & CF_REQUIRED))
    cadre_field_error(req, f->name, "required", "«%s» là bắt buộc.", L);
}

int cadre_validate(cadre_req *req, struct cadre_pair *path, size_t npath) {
  const struct cadre_field *fields = req->route->fields;
  struct outlist out = {0};
  size_t maxfiles = req->nfiles;
  cadre_upload *files = cadre_arena_calloc(req->arena, maxfiles ? maxfiles : 1, sizeof(*files));
  size_t nfiles = 0;
  if (!files)
    return 500;
  for (const struct cadre_field *f = fields; f && f->name; f++) {
    if (f->flags & CF_PATH)
      check_field(req, f, path, npath, &out, files, &nfiles);
    else
      check_field(req, f, req->pairs, req->npairs, &out, files, &nfiles);
  }
  req->params = out.items;
  req->nparams = out.n;
  req->files = files;
  req->nfiles = nfiles;
  if (cadre_has_field_errors(req)) {
    /* A malformed path parameter means the address does not exist. */
    for (const struct cadre_field *f = fields; f && f->name; f++)
      if ((f->flags & CF_PATH) && json_object_get(req->field_errors, f->name)) {
        req->field_errors = NULL;
        return cadre_req_generic(req, 404);
      }
    return cadre_fail(req, 422, "validation_failed",
                      "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các trường được đánh dấu.");
  }
  return 0;
}

const char *cadre_check_value(cadre_arena *a, const struct cadre_field *f, const char *value,
                              const char **out, const char **msg) {
  /* A throwaway request collects the field error the same code would give
   * a form, so CSV rows and form fields get the same words. */
  cadre_req tmp;
  memset(&tmp, 0, sizeof(tmp));
  tmp.arena = a;
  tmp.conf = cadre_config_current();
  *out = NULL;
  *msg = NULL;
  if (!value || !*value) {
    if (!(f->flags & CF_REQUIRED))
      return NULL;
    *msg = cadre_arena_printf(a, "«%s» là bắt buộc.", label_of(f));
    return "required";
  }
  if (f->type == CF_FILE || f->type == CF_JSON) {
    *msg = cadre_arena_printf(a, "«%s» không kiểm tra được như một giá trị văn bản.", label_of(f));
    return "invalid_type";
  }
  const char *v = check_value(&tmp, f, value);
  if (v) {
    *out = v;
    return NULL;
  }
  json_t *e = tmp.field_errors ? json_object_get(tmp.field_errors, f->name) : NULL;
  const char *code = e ? json_string_value(json_object_get(e, "code")) : "invalid";
  const char *m = e ? json_string_value(json_object_get(e, "message")) : "Giá trị không hợp lệ.";
  *msg = cadre_arena_strdup(a, m);
  return cadre_arena_strdup(a, code);
}
