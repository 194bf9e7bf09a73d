/* The audit log viewer: every change in the administrator's scope, newest
 * first, filtered by module, object, person and dates. */
#include <string.h>

#include "core.h"

static const struct cadre_column audit_columns[] = {
    {"at", "Thời điểm", CC_DATETIME, 18},   {"user_login", "Người thực hiện", CC_TEXT, 20},
    {"agency_name", "Đơn vị", CC_TEXT, 30}, {"module", "Phân hệ", CC_TEXT, 14},
    {"entity", "Đối tượng", CC_TEXT, 22},   {"entity_id", "Mã đối tượng", CC_INT, 12},
    {"action", "Thao tác", CC_TEXT, 16},    {"before_text", "Trước", CC_TEXT, 50},
    {"after_text", "Sau", CC_TEXT, 50},
};

int core_audit(cadre_req *req) {
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  int64_t per = export ? 50000 : cadre_int(req, "per_page", 50),
          page = export ? 1 : cadre_int(req, "page", 1);
  const char *to = cadre_str(req, "to");
  const char *to_end = to ? cadre_printf(req, "%s 23:59:59.999", to) : NULL;
  const char *from = cadre_str(req, "from");
  int national = cadre_scope_national(req);
#define AUDIT_WHERE                                                                                          \
  " WHERE (? = 1 OR" CADRE_SCOPE_EXISTS(                                                                     \
      "l.agency_id") ") AND (? IS NULL OR l.module = ?)"                                                     \
                     " AND (? IS NULL OR l.entity = ?) AND (? IS NULL OR l.entity_id = ?) AND (? IS NULL "   \
                     "OR l.user_login = ?)"                                                                  \
                     " AND (? IS NULL OR l.at >= ?) AND (? IS NULL OR l.at <= ?)"
#define AUDIT_ARGS                                                                                           \
  CV_INT(national), CV_INT(cadre_scope_root(req)), CV_FIELD(req, "module"), CV_FIELD(req, "module"),         \
      CV_FIELD(req, "entity"), CV_FIELD(req, "entity"), CV_FIELD(req, "entity_id"),                          \
      CV_FIELD(req, "entity_id"), CV_FIELD(req, "user"), CV_FIELD(req, "user"), CV_STR(from), CV_STR(from),  \
      CV_STR(to_end), CV_STR(to_end)
  json_t *items =
      cadre_db_rows(req,
                    "SELECT l.id, l.at, l.user_login, l.agency_id, a.name AS agency_name, l.module,"
                    " l.entity, l.entity_id, l.action, l.request_id, l.ip, l.before_json, l.after_json,"
                    " l.before_json AS before_text, l.after_json AS after_text"
                    " FROM audit_log l LEFT JOIN agency a ON a.id = l.agency_id" AUDIT_WHERE
                    " ORDER BY l.id DESC LIMIT ? OFFSET ?",
                    CV_ARGS(AUDIT_ARGS, CV_INT(per), CV_INT((page - 1) * per)));
  int64_t total = 0;
  if (!items ||
      cadre_db_int(req, &total, "SELECT COUNT(*) FROM audit_log l" AUDIT_WHERE, CV_ARGS(AUDIT_ARGS)) < 0)
    return cadre_db_fail(req);
#undef AUDIT_WHERE
#undef AUDIT_ARGS
  if (export)
    return cadre_reply_table(req, format, "nhat-ky-thay-doi", "Nhật ký thay đổi", audit_columns,
                             sizeof(audit_columns) / sizeof(audit_columns[0]), items);
  json_t *out = cadre_keep(req, json_pack("{s:O, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                                          "page", (json_int_t)page, "per_page", (json_int_t)per));
  return cadre_reply_json(req, 200, out);
}
