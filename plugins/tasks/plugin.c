/*
 * The tasks plugin: tracking and chasing an action programme ("theo dõi,
 * đôn đốc"). Routes, their fields and who may call them; the commands of
 * `cadre-admin tasks …`; plugin settings.
 */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

/* ---- settings --------------------------------------------------------------- */

static int due_soon_days = 7;

int tasks_due_soon_days(void) { return due_soon_days; }

static int tasks_init(const struct cadre_host *host) {
  const char *v = cadre_host_conf(host, "tasks", "due_soon_days");
  if (v && *v) {
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 0 || n > 90)
      return -1; /* a typo must not silently change who gets chased */
    due_soon_days = (int)n;
  }
  return 0;
}

/* ---- field choices ----------------------------------------------------------- */

static const char *const parts[] = {"A", "B", NULL};
static const char *const unit_roles[] = {"lead", "coordinating", "supervising", NULL};
static const char *const statuses[] = {"not_started", "in_progress", "claimed", "completed",
                                       "returned",    "cancelled",   NULL};
static const char *const timeliness[] = {"none", "on_time", "done_late", "due_soon", "overdue", NULL};
static const char *const periods[] = {"month", "quarter", "half", "year", NULL};
static const char *const progress_statuses[] = {"in_progress", "claimed", NULL};
static const char *const review_decisions[] = {"confirm", "return", NULL};
static const char *const extension_decisions[] = {"approve", "reject", NULL};
static const char *const sorts[] = {"programme", "due", NULL};

#define ID_FIELD                                                                                             \
  { "id", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Mã" }
#define END_FIELDS                                                                                           \
  { NULL, 0, 0, 0, 0, NULL, NULL }
#define MIB (1024 * 1024)

/* ---- fields per route ------------------------------------------------------ */

static const struct cadre_field f_programme[] = {
    ID_FIELD,
    {"as_of", CF_DATE, 0, 0, 0, NULL, "Tính đến ngày"},
    END_FIELDS,
};

static const struct cadre_field f_programme_update[] = {
    ID_FIELD,
    {"title", CF_STRING, 0, 3, 1000, NULL, "Tên chương trình"},
    {"report_period", CF_ENUM, 0, 0, 0, periods, "Kỳ báo cáo"},
    {"starts_on", CF_DATE, 0, 0, 0, NULL, "Ngày bắt đầu theo dõi"},
    END_FIELDS,
};

static const struct cadre_field f_import[] = {
    {"file", CF_FILE, CF_REQUIRED, 0, 5 * MIB, NULL, "Tệp chương trình"},
    {"code", CF_CODE, 0, 2, 64, NULL, "Mã chương trình"},
    {"title", CF_STRING, 0, 3, 1000, NULL, "Tên chương trình"},
    {"owner", CF_ID, 0, 0, 0, NULL, "Đơn vị chủ quản"},
    {"report_period", CF_ENUM, 0, 0, 0, periods, "Kỳ báo cáo"},
    {"starts_on", CF_DATE, 0, 0, 0, NULL, "Ngày bắt đầu theo dõi"},
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chạy thử"},
    END_FIELDS,
};

/* The list's filters; also used by the export and the print view. */
#define LIST_FIELDS                                                                                          \
  {"programme", CF_ID, 0, 0, 0, NULL, "Chương trình"}, {"part", CF_ENUM, 0, 0, 0, parts, "Phần"},            \
      {"section", CF_ID, 0, 0, 0, NULL, "Mục"}, {"unit", CF_ID, 0, 0, 0, NULL, "Đơn vị"},                    \
      {"role", CF_ENUM, 0, 0, 0, unit_roles, "Vai trò của đơn vị"},                                          \
      {"status", CF_ENUM, CF_MULTI, 0, 0, statuses, "Trạng thái"},                                           \
      {"timeliness", CF_ENUM, CF_MULTI, 0, 0, timeliness, "Tiến độ so với hạn"},                             \
      {"year", CF_YEAR, 0, 0, 0, NULL, "Năm của hạn"}, {"quarter", CF_INT, 0, 1, 4, NULL, "Quý của hạn"},    \
      {"month", CF_INT, 0, 1, 12, NULL, "Tháng của hạn"}, {"q", CF_STRING, 0, 0, 200, NULL, "Tìm kiếm"}, {   \
    "as_of", CF_DATE, 0, 0, 0, NULL, "Tính đến ngày"                                                    \
  }

static const struct cadre_field f_list[] = {
    LIST_FIELDS,
    {"sort", CF_ENUM, 0, 0, 0, sorts, "Sắp xếp"},
    {"page", CF_INT, 0, 1, 100000, NULL, "Trang"},
    {"per_page", CF_INT, 0, 1, 1000, NULL, "Số dòng mỗi trang"},
    {"format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng"},
    END_FIELDS,
};

static const struct cadre_field f_dashboard[] = {
    {"programme", CF_ID, 0, 0, 0, NULL, "Chương trình"},
    {"part", CF_ENUM, 0, 0, 0, parts, "Phần"},
    {"as_of", CF_DATE, 0, 0, 0, NULL, "Tính đến ngày"},
    {"format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng"},
    END_FIELDS,
};

static const struct cadre_field f_units[] = {
    {"programme", CF_ID, 0, 0, 0, NULL, "Chương trình"},
    {"role", CF_ENUM, 0, 0, 0, unit_roles, "Vai trò của đơn vị"},
    END_FIELDS,
};

static const struct cadre_field f_detail[] = {
    ID_FIELD,
    {"as_of", CF_DATE, 0, 0, 0, NULL, "Tính đến ngày"},
    END_FIELDS,
};

static const struct cadre_field f_progress[] = {
    ID_FIELD,
    {"status", CF_ENUM, 0, 0, 0, progress_statuses, "Trạng thái"},
    {"note", CF_TEXT, CF_REQUIRED, 1, 10000, NULL, "Nội dung báo cáo"},
    {"percent", CF_INT, 0, 0, 100, NULL, "Tỷ lệ hoàn thành (%)"},
    {"result_doc", CF_STRING, 0, 0, 200, NULL, "Số văn bản kết quả"},
    {"result_date", CF_DATE, 0, 0, 0, NULL, "Ngày văn bản kết quả"},
    {"attachment", CF_FILE, CF_MULTI, 0, 10 * MIB, cadre_mime_documents, "Tệp đính kèm"},
    END_FIELDS,
};

static const struct cadre_field f_review[] = {
    ID_FIELD,
    {"decision", CF_ENUM, CF_REQUIRED, 0, 0, review_decisions, "Ý kiến"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Nhận xét"},
    END_FIELDS,
};

static const struct cadre_field f_extension[] = {
    ID_FIELD,
    {"new_due", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Hạn mới đề nghị"},
    {"reason", CF_TEXT, CF_REQUIRED, 1, 5000, NULL, "Lý do"},
    END_FIELDS,
};

static const struct cadre_field f_extension_decide[] = {
    ID_FIELD,
    {"decision", CF_ENUM, CF_REQUIRED, 0, 0, extension_decisions, "Quyết định"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    END_FIELDS,
};

static const struct cadre_field f_deadline[] = {
    ID_FIELD,
    {"due_date", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Hạn hoàn thành"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    END_FIELDS,
};

static const struct cadre_field f_note_required[] = {
    ID_FIELD,
    {"note", CF_TEXT, CF_REQUIRED, 1, 5000, NULL, "Lý do"},
    END_FIELDS,
};

static const struct cadre_field f_note[] = {
    ID_FIELD,
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    END_FIELDS,
};

static const struct cadre_field f_id[] = {ID_FIELD, END_FIELDS};

/* ---- routes ----------------------------------------------------------------- */

#define READERS CADRE_ANY_USER
#define LEADS "officer admin tasks_focal"
#define REVIEWERS "reviewer admin"

static const struct cadre_route routes[] = {
    {CADRE_GET, "/programmes", tasks_h_programmes, READERS, NULL, 0, 0,
     "Chương trình hành động trong phạm vi"},
    {CADRE_GET, "/programmes/{id}", tasks_h_programme, READERS, f_programme, 0, 0,
     "Một chương trình: các phần, mục, báo cáo nhập gần nhất"},
    {CADRE_PUT, "/programmes/{id}", tasks_h_programme_update, "admin", f_programme_update, 0, 0,
     "Sửa tên, kỳ báo cáo, ngày bắt đầu theo dõi"},
    {CADRE_POST, "/import", tasks_h_import, "admin", f_import, 6 * MIB, CADRE_RF_MULTIPART,
     "Nhập (hoặc chạy thử) tệp chương trình"},
    {CADRE_GET, "/tasks", tasks_h_list, READERS, f_list, 0, 0, "Danh sách nhiệm vụ có lọc; xuất CSV/XLSX"},
    {CADRE_GET, "/tasks/{id}", tasks_h_detail, READERS, f_detail, 0, 0,
     "Một nhiệm vụ với đơn vị, báo cáo, gia hạn và lịch sử"},
    {CADRE_POST, "/tasks/{id}/progress", tasks_h_progress, LEADS, f_progress, 32 * MIB, CADRE_RF_MULTIPART,
     "Đơn vị chủ trì báo cáo tiến độ hoặc hoàn thành"},
    {CADRE_POST, "/tasks/{id}/review", tasks_h_review, REVIEWERS, f_review, 0, 0,
     "Đơn vị đôn đốc xác nhận hoặc trả lại báo cáo hoàn thành"},
    {CADRE_POST, "/tasks/{id}/extensions", tasks_h_extension_request, LEADS, f_extension, 0, 0,
     "Đề nghị gia hạn"},
    {CADRE_POST, "/extensions/{id}/decision", tasks_h_extension_decide, REVIEWERS, f_extension_decide, 0, 0,
     "Quyết định về đề nghị gia hạn"},
    {CADRE_PUT, "/tasks/{id}/deadline", tasks_h_set_deadline, "admin", f_deadline, 0, 0,
     "Đặt hạn bằng tay (thời hạn chưa hiểu được)"},
    {CADRE_POST, "/tasks/{id}/cancel", tasks_h_cancel, "admin", f_note_required, 0, 0, "Hủy nhiệm vụ"},
    {CADRE_POST, "/tasks/{id}/reopen", tasks_h_reopen, "admin", f_note, 0, 0, "Mở lại nhiệm vụ"},
    {CADRE_GET, "/attachments/{id}", tasks_h_attachment, READERS, f_id, 0, 0, "Tải tệp đính kèm của báo cáo"},
    {CADRE_GET, "/dashboard", tasks_h_dashboard, READERS, f_dashboard, 0, 0,
     "Tổng hợp theo đơn vị chủ trì, mục, tháng"},
    {CADRE_GET, "/units", tasks_h_units, READERS, f_units, 0, 0, "Các đơn vị có nhiệm vụ (cho bộ lọc)"},
    {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

static const struct cadre_command commands[] = {
    {"import", tasks_cmd_import,
     "import FILE [--dry-run] [--code CODE] [--owner AGENCY_CODE] [--title TEXT] "
     "[--period month|quarter|half|year] [--starts YYYY-MM-DD]",
     "Nhập tệp chương trình hành động (bảng phần A, phần B)"},
    {"remind", tasks_cmd_remind, "remind --date YYYY-MM-DD [--dry-run]",
     "Gửi nhắc việc, đôn đốc qua hộp thư đi (chạy hằng ngày)"},
    {"demo", tasks_cmd_demo, "demo [FILE]",
     "Nhập chương trình mẫu (seed 003) do Ban Tổ chức Trung ương chủ quản"},
    {NULL, NULL, NULL, NULL},
};

static const char *const roles[] = {"tasks_focal", NULL};

static const struct cadre_plugin tasks_plugin = {
    .abi = CADRE_ABI_BLOCK,
    .name = "tasks",
    .title = "Theo dõi nhiệm vụ",
    .version = "1.0.0",
    .routes = routes,
    .commands = commands,
    .migrations = "tasks",
    .ui_path = "/tasks/",
    .init = tasks_init,
    .roles = roles,
};

CADRE_PLUGIN(tasks_plugin);
