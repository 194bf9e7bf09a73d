/*
 * The core plugin: service routes (health, metrics, hello), accounts
 * (login, logout, sessions, password) and the administration of agencies,
 * users, roles and modules per agency. Business modules live elsewhere.
 */
#include "core.h"

static const char *const agency_kinds[] = {
    "academy",          "central_board", "department", "ministry", "province", "province_board",
    "political_school", "sector_school", "commune",    "other",    NULL};
static const char *const agency_scopes[] = {"own", "parent", "national", NULL};
static const char *const agency_statuses[] = {"active", "pending", "disabled", NULL};

static const struct cadre_field f_sleep[] = {
    {"ms", CF_INT, 0, 1, 60000, NULL, "Thời gian (ms)"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_debug_webhook[] = {
    {"payload", CF_JSON, 0, 0, 0, NULL, "Nội dung"},
    {"dedupe_key", CF_STRING, 0, 0, 150, NULL, "Khóa chống trùng"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_login[] = {
    {"login", CF_STRING, CF_REQUIRED, 1, 64, NULL, "Tên đăng nhập"},
    {"password", CF_STRING, CF_REQUIRED, 1, 200, NULL, "Mật khẩu"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_password[] = {
    {"current_password", CF_STRING, CF_REQUIRED, 1, 200, NULL, "Mật khẩu hiện tại"},
    {"new_password", CF_STRING, CF_REQUIRED, 1, 200, NULL, "Mật khẩu mới"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_id[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_agency_list[] = {
    {"parent", CF_ID, 0, 0, 0, NULL, "Đơn vị cấp trên"},
    {"q", CF_STRING, 0, 0, 100, NULL, "Từ khóa"},
    {"kind", CF_ENUM, 0, 0, 0, agency_kinds, "Loại đơn vị"},
    {"status", CF_ENUM, 0, 0, 0, agency_statuses, "Trạng thái"},
    {"limit", CF_INT, 0, 1, 500, NULL, "Số dòng"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_agency[] = {
    {"id", CF_ID, CF_PATH, 0, 0, NULL, "Mã"},
    {"parent_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị cấp trên"},
    {"kind", CF_ENUM, CF_REQUIRED, 0, 0, agency_kinds, "Loại đơn vị"},
    {"code", CF_CODE, CF_REQUIRED, 1, 64, NULL, "Mã đơn vị"},
    {"name", CF_STRING, CF_REQUIRED, 2, 255, NULL, "Tên đơn vị"},
    {"short_name", CF_STRING, 0, 0, 100, NULL, "Tên viết tắt"},
    {"scope", CF_ENUM, 0, 0, 0, agency_scopes, "Phạm vi dữ liệu"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_agency_new[] = {
    {"parent_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị cấp trên"},
    {"kind", CF_ENUM, CF_REQUIRED, 0, 0, agency_kinds, "Loại đơn vị"},
    {"code", CF_CODE, CF_REQUIRED, 1, 64, NULL, "Mã đơn vị"},
    {"name", CF_STRING, CF_REQUIRED, 2, 255, NULL, "Tên đơn vị"},
    {"short_name", CF_STRING, 0, 0, 100, NULL, "Tên viết tắt"},
    {"scope", CF_ENUM, 0, 0, 0, agency_scopes, "Phạm vi dữ liệu"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_merge[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {"into_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị gộp vào"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_user_list[] = {
    {"agency", CF_ID, 0, 0, 0, NULL, "Đơn vị"},
    {"q", CF_STRING, 0, 0, 100, NULL, "Từ khóa"},
    {"page", CF_INT, 0, 1, 100000, NULL, "Trang"},
    {"per_page", CF_INT, 0, 1, 200, NULL, "Số dòng mỗi trang"},
    {"format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_user_new[] = {
    {"login", CF_CODE, CF_REQUIRED, 3, 64, NULL, "Tên đăng nhập"},
    {"full_name", CF_STRING, CF_REQUIRED, 2, 200, NULL, "Họ và tên"},
    {"email", CF_EMAIL, 0, 0, 0, NULL, "Thư điện tử"},
    {"phone", CF_PHONE, 0, 0, 0, NULL, "Điện thoại"},
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị"},
    {"roles", CF_CODE, CF_MULTI, 1, 32, NULL, "Vai trò"},
    {"password", CF_STRING, CF_REQUIRED, 1, 200, NULL, "Mật khẩu"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_user_edit[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {"full_name", CF_STRING, CF_REQUIRED, 2, 200, NULL, "Họ và tên"},
    {"email", CF_EMAIL, 0, 0, 0, NULL, "Thư điện tử"},
    {"phone", CF_PHONE, 0, 0, 0, NULL, "Điện thoại"},
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị"},
    {"roles", CF_CODE, CF_MULTI, 1, 32, NULL, "Vai trò"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_user_password[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã"},
    {"password", CF_STRING, CF_REQUIRED, 1, 200, NULL, "Mật khẩu mới"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_module_set[] = {
    {"id", CF_ID, CF_PATH | CF_REQUIRED, 0, 0, NULL, "Mã đơn vị"},
    {"module", CF_CODE, CF_REQUIRED, 1, 32, NULL, "Phân hệ"},
    {"enabled", CF_JSON, 0, 0, 0, NULL, "Bật/tắt"}, /* null or absent: inherit */
    {NULL, 0, 0, 0, 0, NULL, NULL},
};
static const struct cadre_field f_audit[] = {
    {"module", CF_CODE, 0, 0, 32, NULL, "Phân hệ"},
    {"entity", CF_CODE, 0, 0, 64, NULL, "Đối tượng"},
    {"entity_id", CF_INT, 0, 0, 0, NULL, "Mã đối tượng"},
    {"user", CF_CODE, 0, 0, 64, NULL, "Người thực hiện"},
    {"from", CF_DATE, 0, 0, 0, NULL, "Từ ngày"},
    {"to", CF_DATE, 0, 0, 0, NULL, "Đến ngày"},
    {"page", CF_INT, 0, 1, 100000, NULL, "Trang"},
    {"per_page", CF_INT, 0, 1, 200, NULL, "Số dòng mỗi trang"},
    {"format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng"},
    {NULL, 0, 0, 0, 0, NULL, NULL},
};

#define ACCOUNT (CADRE_RF_NO_MODULE_CHECK)

static const struct cadre_route routes[] = {
    {CADRE_GET, "/health", core_health, CADRE_PUBLIC, NULL, 0, 0, "Tình trạng dịch vụ"},
    {CADRE_GET, "/metrics", core_metrics, CADRE_PUBLIC, NULL, 0, 0, "Số liệu Prometheus"},
    {CADRE_GET, "/hello", core_hello, CADRE_PUBLIC, NULL, 0, 0, "Chào (đo hiệu năng)"},
    {CADRE_GET, "/debug/sleep", core_debug_sleep, CADRE_PUBLIC, f_sleep, 0, 0,
     "Giữ một kết nối (chỉ khi kiểm thử)"},
    {CADRE_POST, "/debug/webhook", core_debug_webhook, CADRE_PUBLIC, f_debug_webhook, 0, 0,
     "Xếp một webhook thử (chỉ khi kiểm thử)"},
    {CADRE_POST, "/login", core_login, CADRE_PUBLIC, f_login, 4096, 0, "Đăng nhập"},
    {CADRE_POST, "/logout", core_logout, CADRE_ANY_USER, NULL, 0, ACCOUNT, "Đăng xuất"},
    {CADRE_GET, "/session", core_session, CADRE_ANY_USER, NULL, 0, ACCOUNT, "Phiên hiện tại"},
    {CADRE_GET, "/sessions", core_sessions, CADRE_ANY_USER, NULL, 0, ACCOUNT, "Các phiên của tôi"},
    {CADRE_DELETE, "/sessions/{id}", core_session_end, CADRE_ANY_USER, f_id, 0, ACCOUNT,
     "Kết thúc một phiên"},
    {CADRE_POST, "/password", core_password, CADRE_ANY_USER, f_password, 4096, ACCOUNT, "Đổi mật khẩu"},
    {CADRE_GET, "/agencies", core_agencies, CADRE_ANY_USER, f_agency_list, 0, 0, "Danh sách đơn vị"},
    {CADRE_GET, "/agencies/{id}", core_agency, CADRE_ANY_USER, f_id, 0, 0, "Một đơn vị"},
    {CADRE_POST, "/agencies", core_agency_create, "admin", f_agency_new, 0, 0, "Thêm đơn vị"},
    {CADRE_PUT, "/agencies/{id}", core_agency_update, "admin", f_agency, 0, 0, "Sửa đơn vị"},
    {CADRE_POST, "/agencies/{id}/confirm", core_agency_confirm, "admin", f_id, 0, 0, "Xác nhận đơn vị chờ"},
    {CADRE_POST, "/agencies/{id}/merge", core_agency_merge, "admin", f_merge, 0, 0, "Gộp đơn vị chờ"},
    {CADRE_GET, "/agency-kinds", core_agency_kinds, CADRE_ANY_USER, NULL, 0, 0, "Các loại đơn vị"},
    {CADRE_GET, "/users", core_users, "admin", f_user_list, 0, 0, "Danh sách người dùng"},
    {CADRE_POST, "/users", core_user_create, "admin", f_user_new, 0, 0, "Thêm người dùng"},
    {CADRE_PUT, "/users/{id}", core_user_update, "admin", f_user_edit, 0, 0, "Sửa người dùng"},
    {CADRE_POST, "/users/{id}/password", core_user_reset_password, "admin", f_user_password, 0, 0,
     "Đặt lại mật khẩu"},
    {CADRE_POST, "/users/{id}/disable", core_user_disable, "admin", f_id, 0, 0, "Khóa tài khoản"},
    {CADRE_POST, "/users/{id}/enable", core_user_enable, "admin", f_id, 0, 0, "Mở khóa tài khoản"},
    {CADRE_GET, "/roles", core_roles, CADRE_ANY_USER, NULL, 0, 0, "Các vai trò"},
    {CADRE_GET, "/modules", core_modules, CADRE_ANY_USER, NULL, 0, 0, "Các phân hệ"},
    {CADRE_GET, "/routes", core_routes, "admin", NULL, 0, 0, "Các địa chỉ API và quyền truy cập"},
    {CADRE_GET, "/agencies/{id}/modules", core_agency_modules, "admin", f_id, 0, 0, "Phân hệ của đơn vị"},
    {CADRE_PUT, "/agencies/{id}/modules", core_agency_module_set, "admin", f_module_set, 0, 0,
     "Bật/tắt phân hệ cho đơn vị"},
    {CADRE_GET, "/audit", core_audit, "admin", f_audit, 0, 0, "Nhật ký thay đổi"},
    {0, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

static const struct cadre_plugin core_plugin = {
    .abi = CADRE_ABI_BLOCK,
    .name = "core",
    .title = "Hệ thống",
    .version = CADRE_VERSION,
    .routes = routes,
    .migrations = NULL, /* sql/core is applied by the migrator before any plugin */
    .ui_path = "/",
};

CADRE_PLUGIN(core_plugin)
