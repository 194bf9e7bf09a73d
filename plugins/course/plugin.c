/* The course module's descriptor: routes with their field declarations (the
 * host validates and normalises every field before a handler runs), the
 * cadre-admin verbs, and the webhook reply hook for stream links. */
#include "course.h"

/* ---- Choices ------------------------------------------------------------ */

static const char *const CATEGORIES[] = {"commune_leader", "school_lecturer", "other", NULL};
static const char *const CONNECTION[] = {"ok", "failed", NULL};
static const char *const IMPORT_MODES[] = {"add_only", "add_update", NULL};
static const char *const BP_STATUSES[] = {"submitted", "approved", "returned", NULL};
static const char *const LEVELS[] = {"academy", "province", "commune", NULL};
static const char *const REG_STATUSES[] = {"confirmed", "withdrawn", NULL};
static const char *const ESSAY_STATUSES[] = {"submitted", "acknowledged", "returned", NULL};
static const char *const COURSE_STATUSES[] = {"draft", "open", "closed", NULL};

/* ---- Reusable field declarations --------------------------------------- */

#define F_ID_PATH                                                                                            \
  { "id", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Mã" }
#define F_COURSE                                                                                             \
  { "course", CF_ID, 0, 0, 0, NULL, "Lớp bồi dưỡng" }
#define F_FORMAT                                                                                             \
  { "format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng" }
#define F_PAGE                                                                                               \
  { "page", CF_INT, 0, 1, 100000, NULL, "Trang" }
#define F_PER_PAGE                                                                                           \
  { "per_page", CF_INT, 0, 1, 500, NULL, "Số dòng mỗi trang" }
#define F_Q                                                                                                  \
  { "q", CF_STRING, 0, 0, 100, NULL, "Tìm kiếm" }
#define F_PARENT                                                                                             \
  { "parent", CF_ID, 0, 0, 0, NULL, "Đơn vị" }
#define F_END                                                                                                \
  { NULL, 0, 0, 0, 0, NULL, NULL }

/* A person, as typed on the public form or by an organiser. */
#define F_PERSON(req)                                                                                        \
  {"full_name", CF_STRING, req, 2, 200, NULL, "Họ và tên"},                                                  \
      {"position", CF_STRING, req, 1, 200, NULL, "Chức vụ"},                                                 \
      {"unit", CF_STRING, req, 1, 255, NULL, "Đơn vị công tác"},                                             \
      {"phone", CF_PHONE, req, 0, 0, NULL, "Số điện thoại"},                                                 \
      {"email", CF_EMAIL, 0, 0, 254, NULL, "Thư điện tử"}, {                                                 \
    "category", CF_ENUM, req, 0, 0, CATEGORIES, "Đối tượng"                                            \
  }

static const struct cadre_field f_public_course[] = {F_COURSE, F_END};
static const struct cadre_field f_public_bp[] = {
    {"code", CF_CODE, CF_REQUIRED | CF_PATH, 1, 64, NULL, "Mã điểm cầu"}, F_COURSE, F_END};
static const struct cadre_field f_public_register[] = {
    F_COURSE,
    {"bridge_point", CF_CODE, CF_REQUIRED, 1, 64, NULL, "Mã điểm cầu"},
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số căn cước công dân"},
    F_PERSON(CF_REQUIRED),
    {"province", CF_CODE, 0, 1, 64, NULL, "Tỉnh, thành phố"},
    {"idempotency_key", CF_CODE, 0, 8, 64, NULL, "Mã chống gửi trùng"},
    F_END};
static const struct cadre_field f_public_lookup[] = {
    F_COURSE,
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số căn cước công dân"},
    {"phone", CF_PHONE, CF_REQUIRED, 0, 0, NULL, "Số điện thoại"},
    F_END};
static const struct cadre_field f_public_checkin[] = {
    {"code", CF_CODE, CF_REQUIRED, 3, 32, NULL, "Mã điểm danh của buổi học"},
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số căn cước công dân"},
    {"phone", CF_PHONE, CF_REQUIRED, 0, 0, NULL, "Số điện thoại"},
    {"nonce", CF_CODE, CF_REQUIRED, 8, 64, NULL, "Mã lần gửi"},
    F_END};
static const struct cadre_field f_public_essay[] = {
    F_COURSE,
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số căn cước công dân"},
    {"phone", CF_PHONE, CF_REQUIRED, 0, 0, NULL, "Số điện thoại"},
    {"title", CF_STRING, CF_REQUIRED, 5, 500, NULL, "Tên bài thu hoạch"},
    {"body", CF_TEXT, 0, 0, 60000, NULL, "Nội dung bài thu hoạch"},
    {"proposal_1", CF_TEXT, 0, 0, 5000, NULL, "Kiến nghị về Chuyên đề 1"},
    {"proposal_2", CF_TEXT, 0, 0, 5000, NULL, "Kiến nghị về Chuyên đề 2"},
    {"proposal_3", CF_TEXT, 0, 0, 5000, NULL, "Kiến nghị về Chuyên đề 3"},
    {"proposal_4", CF_TEXT, 0, 0, 5000, NULL, "Kiến nghị về Chuyên đề 4"},
    {"file", CF_FILE, 0, 0, 10485760, cadre_mime_documents, "Tệp bài thu hoạch"},
    F_END};

static const struct cadre_field f_id[] = {F_ID_PATH, F_END};
static const struct cadre_field f_list_courses[] = {F_END};
static const struct cadre_field f_course_update[] = {
    F_ID_PATH,
    {"title", CF_STRING, 0, 5, 500, NULL, "Tên lớp"},
    {"venue", CF_STRING, 0, 0, 500, NULL, "Địa điểm"},
    {"bridge_reg_closes_at", CF_DATETIME, 0, 0, 0, NULL, "Hạn đăng ký điểm cầu"},
    {"reg_opens_at", CF_DATETIME, 0, 0, 0, NULL, "Mở đăng ký học viên"},
    {"reg_closes_at", CF_DATETIME, 0, 0, 0, NULL, "Hạn đăng ký học viên"},
    {"checkin_opens_minutes", CF_INT, 0, 0, 1440, NULL, "Mở điểm danh trước giờ học (phút)"},
    {"late_after_minutes", CF_INT, 0, 0, 600, NULL, "Tính đi muộn sau (phút)"},
    {"grace_minutes", CF_INT, 0, 0, 10080, NULL, "Thời gian được sửa điểm danh sau buổi học (phút)"},
    {"essay_opens_at", CF_DATETIME, 0, 0, 0, NULL, "Mở nộp bài thu hoạch"},
    {"essay_due_at", CF_DATETIME, 0, 0, 0, NULL, "Hạn nộp bài thu hoạch"},
    {"essay_cutoff_at", CF_DATETIME, 0, 0, 0, NULL, "Hạn chót nhận bài nộp muộn"},
    {"status", CF_ENUM, 0, 0, 0, COURSE_STATUSES, "Trạng thái"},
    F_END};
static const struct cadre_field f_session_update[] = {
    F_ID_PATH,
    {"title", CF_STRING, 0, 2, 500, NULL, "Tên buổi học"},
    {"starts_at", CF_DATETIME, 0, 0, 0, NULL, "Bắt đầu"},
    {"ends_at", CF_DATETIME, 0, 0, 0, NULL, "Kết thúc"},
    {"speaker", CF_STRING, 0, 0, 500, NULL, "Báo cáo viên"},
    {"checkin_code", CF_CODE, 0, 3, 32, NULL, "Mã điểm danh"},
    F_END};

static const struct cadre_field f_bp_list[] = {F_COURSE,
                                               F_PARENT,
                                               {"status", CF_ENUM, 0, 0, 0, BP_STATUSES, "Trạng thái"},
                                               {"level", CF_ENUM, 0, 0, 0, LEVELS, "Cấp"},
                                               F_Q,
                                               F_PAGE,
                                               F_PER_PAGE,
                                               F_FORMAT,
                                               F_END};
static const struct cadre_field f_bp_create[] = {
    F_COURSE,
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị"},
    {"code", CF_CODE, 0, 3, 64, NULL, "Mã điểm cầu"},
    {"name", CF_STRING, 0, 2, 255, NULL, "Tên điểm cầu"},
    {"address", CF_STRING, CF_REQUIRED, 5, 500, NULL, "Địa chỉ"},
    {"organizer_name", CF_STRING, CF_REQUIRED, 2, 200, NULL, "Người phụ trách"},
    {"contact_phone", CF_PHONE, CF_REQUIRED, 0, 0, NULL, "Điện thoại liên hệ"},
    {"contact_email", CF_EMAIL, 0, 0, 254, NULL, "Thư điện tử liên hệ"},
    {"seats", CF_INT, CF_REQUIRED, 1, 100000, NULL, "Số chỗ"},
    {"expected", CF_INT, 0, 0, 100000, NULL, "Số người dự kiến"},
    F_END};
static const struct cadre_field f_bp_update[] = {
    F_ID_PATH,
    {"name", CF_STRING, 0, 2, 255, NULL, "Tên điểm cầu"},
    {"address", CF_STRING, 0, 5, 500, NULL, "Địa chỉ"},
    {"organizer_name", CF_STRING, 0, 2, 200, NULL, "Người phụ trách"},
    {"contact_phone", CF_PHONE, 0, 0, 0, NULL, "Điện thoại liên hệ"},
    {"contact_email", CF_EMAIL, 0, 0, 254, NULL, "Thư điện tử liên hệ"},
    {"seats", CF_INT, 0, 1, 100000, NULL, "Số chỗ"},
    {"expected", CF_INT, 0, 0, 100000, NULL, "Số người dự kiến"},
    F_END};
static const struct cadre_field f_bp_return[] = {
    F_ID_PATH, {"reason", CF_TEXT, CF_REQUIRED, 5, 1000, NULL, "Lý do trả lại"}, F_END};
static const struct cadre_field f_bp_connection[] = {
    F_ID_PATH,
    {"status", CF_ENUM, CF_REQUIRED, 0, 0, CONNECTION, "Kết quả thử kết nối"},
    {"note", CF_STRING, 0, 0, 500, NULL, "Ghi chú"},
    F_END};

static const struct cadre_field f_participant_list[] = {
    F_COURSE,
    F_PARENT,
    {"bridge_point", CF_ID, 0, 0, 0, NULL, "Điểm cầu"},
    {"status", CF_ENUM, 0, 0, 0, REG_STATUSES, "Trạng thái"},
    F_Q,
    F_PAGE,
    F_PER_PAGE,
    F_FORMAT,
    F_END};
static const struct cadre_field f_participant_add[] = {
    {"bridge_point_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Điểm cầu"},
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số căn cước công dân"},
    F_PERSON(CF_REQUIRED),
    {"province", CF_CODE, 0, 1, 64, NULL, "Tỉnh, thành phố"},
    {"idempotency_key", CF_CODE, 0, 8, 64, NULL, "Mã chống gửi trùng"},
    F_END};
static const struct cadre_field f_participant_update[] = {F_ID_PATH, F_PERSON(0), F_END};
static const struct cadre_field f_participant_transfer[] = {
    F_ID_PATH, {"bridge_point_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Điểm cầu mới"}, F_END};
static const struct cadre_field f_participant_withdraw[] = {
    F_ID_PATH, {"reason", CF_STRING, 0, 0, 500, NULL, "Lý do"}, F_END};
static const struct cadre_field f_participant_import[] = {
    {"bridge_point_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Điểm cầu"},
    {"mode", CF_ENUM, CF_REQUIRED, 0, 0, IMPORT_MODES, "Chế độ nhập"},
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chạy thử"},
    {"file", CF_FILE, CF_REQUIRED, 0, 5242880, cadre_mime_tables, "Tệp danh sách (CSV)"},
    F_END};

static const struct cadre_field f_roster_get[] = {
    F_ID_PATH, {"bridge_point", CF_ID, CF_REQUIRED, 0, 0, NULL, "Điểm cầu"}, F_FORMAT, F_END};
static const struct cadre_field f_roster_submit[] = {
    F_ID_PATH,
    {"bridge_point_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Điểm cầu"},
    {"nonce", CF_CODE, CF_REQUIRED, 8, 64, NULL, "Mã lần gửi"},
    {"entries", CF_JSON, CF_REQUIRED, 0, 0, NULL, "Danh sách điểm danh"},
    F_END};

static const struct cadre_field f_essay_list[] = {F_COURSE,
                                                  F_PARENT,
                                                  {"status", CF_ENUM, 0, 0, 0, ESSAY_STATUSES, "Trạng thái"},
                                                  {"late", CF_BOOL, 0, 0, 0, NULL, "Nộp muộn"},
                                                  F_Q,
                                                  F_PAGE,
                                                  F_PER_PAGE,
                                                  F_FORMAT,
                                                  F_END};
static const struct cadre_field f_essay_ack[] = {
    F_ID_PATH, {"comment", CF_TEXT, 0, 0, 2000, NULL, "Nhận xét"}, F_END};
static const struct cadre_field f_essay_return[] = {
    F_ID_PATH, {"comment", CF_TEXT, CF_REQUIRED, 5, 2000, NULL, "Lý do trả lại"}, F_END};

static const struct cadre_field f_report[] = {F_COURSE, F_PARENT, F_FORMAT, F_END};
static const struct cadre_field f_report_checkin[] = {
    {"session", CF_ID, CF_REQUIRED, 0, 0, NULL, "Buổi học"}, F_PARENT, F_FORMAT, F_END};
static const struct cadre_field f_report_certificates[] = {
    F_COURSE, F_PARENT, {"min_sessions", CF_INT, 0, 1, 100, NULL, "Số buổi tối thiểu"}, F_FORMAT, F_END};
static const struct cadre_field f_report_proposals[] = {
    F_COURSE, F_PARENT, {"topic", CF_INT, 0, 1, 50, NULL, "Chuyên đề"}, F_FORMAT, F_END};
static const struct cadre_field f_report_matrix[] = {
    F_COURSE, F_PARENT, {"bridge_point", CF_ID, 0, 0, 0, NULL, "Điểm cầu"}, F_PAGE, F_PER_PAGE,
    F_FORMAT, F_END};

static const struct cadre_field f_units_import[] = {
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chạy thử"},
    {"file", CF_FILE, CF_REQUIRED, 0, 10485760, cadre_mime_tables, "Danh mục đơn vị hành chính (CSV)"},
    F_END};

/* ---- Routes ------------------------------------------------------------- */

#define ORGANISERS "admin officer organizer"
#define APPROVERS "admin officer reviewer organizer"
#define READERS "admin officer reviewer organizer viewer"
#define BOARD "admin reviewer"
#define PUBLIC_FORM (CADRE_RF_RATE_LIMITED)

static const struct cadre_route routes[] = {
    /* Public: the registration form, check-in and essays need no account. */
    {CADRE_GET, "/public/course", course_h_public_course, CADRE_PUBLIC, f_public_course, 0, 0,
     "Thông tin lớp, chuyên đề, buổi học"},
    {CADRE_GET, "/public/bridge-points/{code}", course_h_public_bridge_point, CADRE_PUBLIC, f_public_bp, 0, 0,
     "Tra cứu điểm cầu theo mã"},
    {CADRE_POST, "/public/register", course_h_public_register, CADRE_PUBLIC, f_public_register, 16384,
     PUBLIC_FORM, "Học viên tự đăng ký"},
    {CADRE_POST, "/public/lookup", course_h_public_lookup, CADRE_PUBLIC, f_public_lookup, 4096, PUBLIC_FORM,
     "Học viên tra cứu đăng ký"},
    {CADRE_POST, "/public/checkin", course_h_public_checkin, CADRE_PUBLIC, f_public_checkin, 4096,
     PUBLIC_FORM, "Học viên tự điểm danh"},
    {CADRE_POST, "/public/essays", course_h_public_essay, CADRE_PUBLIC, f_public_essay, 12 * 1024 * 1024,
     PUBLIC_FORM | CADRE_RF_MULTIPART, "Học viên nộp bài thu hoạch"},

    {CADRE_GET, "/courses", course_h_list, CADRE_ANY_USER, f_list_courses, 0, 0, "Danh sách lớp"},
    {CADRE_GET, "/courses/{id}", course_h_get, CADRE_ANY_USER, f_id, 0, 0, "Chi tiết lớp"},
    {CADRE_PUT, "/courses/{id}", course_h_update, "admin", f_course_update, 0, 0,
     "Sửa thời hạn, trạng thái lớp"},
    {CADRE_PUT, "/sessions/{id}", course_h_session_update, "admin organizer", f_session_update, 0, 0,
     "Sửa buổi học"},

    {CADRE_GET, "/bridge-points", course_h_bp_list, READERS, f_bp_list, 0, 0, "Danh sách điểm cầu"},
    {CADRE_GET, "/bridge-points/{id}", course_h_bp_get, READERS, f_id, 0, 0, "Chi tiết điểm cầu"},
    {CADRE_POST, "/bridge-points", course_h_bp_create, ORGANISERS, f_bp_create, 0, 0, "Đăng ký điểm cầu"},
    {CADRE_PUT, "/bridge-points/{id}", course_h_bp_update, ORGANISERS, f_bp_update, 0, 0, "Sửa điểm cầu"},
    {CADRE_POST, "/bridge-points/{id}/submit", course_h_bp_submit, ORGANISERS, f_id, 0, 0,
     "Gửi lại điểm cầu đã bị trả lại"},
    {CADRE_POST, "/bridge-points/{id}/approve", course_h_bp_approve, APPROVERS, f_id, 0, 0,
     "Duyệt điểm cầu (cấp trên)"},
    {CADRE_POST, "/bridge-points/{id}/return", course_h_bp_return, APPROVERS, f_bp_return, 0, 0,
     "Trả lại điểm cầu (cấp trên)"},
    {CADRE_POST, "/bridge-points/{id}/connection-test", course_h_bp_connection, ORGANISERS, f_bp_connection,
     0, 0, "Ghi kết quả thử kết nối"},

    {CADRE_GET, "/participants", course_h_participant_list, READERS, f_participant_list, 0, 0,
     "Danh sách học viên"},
    {CADRE_POST, "/participants/import", course_h_participant_import, ORGANISERS, f_participant_import,
     6 * 1024 * 1024, CADRE_RF_MULTIPART, "Nhập danh sách học viên từ tệp CSV"},
    {CADRE_GET, "/participants/{id}", course_h_participant_get, READERS, f_id, 0, 0, "Chi tiết học viên"},
    {CADRE_POST, "/participants", course_h_participant_add, ORGANISERS, f_participant_add, 0, 0,
     "Đăng ký học viên (người tổ chức)"},
    {CADRE_PUT, "/participants/{id}", course_h_participant_update, ORGANISERS, f_participant_update, 0, 0,
     "Sửa thông tin học viên"},
    {CADRE_POST, "/participants/{id}/transfer", course_h_participant_transfer, ORGANISERS,
     f_participant_transfer, 0, 0, "Chuyển học viên sang điểm cầu khác"},
    {CADRE_POST, "/participants/{id}/withdraw", course_h_participant_withdraw, ORGANISERS,
     f_participant_withdraw, 0, 0, "Hủy đăng ký"},

    {CADRE_GET, "/sessions/{id}/roster", course_h_roster_get, ORGANISERS, f_roster_get, 0, 0,
     "Danh sách điểm danh của điểm cầu"},
    {CADRE_POST, "/sessions/{id}/roster", course_h_roster_submit, ORGANISERS, f_roster_submit, 512 * 1024, 0,
     "Gửi điểm danh cả điểm cầu"},

    {CADRE_GET, "/essays", course_h_essay_list, READERS, f_essay_list, 0, 0,
     "Bài thu hoạch gửi đến Ban Tổ chức"},
    {CADRE_GET, "/essays/{id}", course_h_essay_get, READERS, f_id, 0, 0, "Chi tiết bài thu hoạch"},
    {CADRE_GET, "/essays/{id}/file", course_h_essay_file, READERS, f_id, 0, 0, "Tải tệp bài thu hoạch"},
    {CADRE_POST, "/essays/{id}/acknowledge", course_h_essay_acknowledge, BOARD, f_essay_ack, 0, 0,
     "Xác nhận đã nhận bài"},
    {CADRE_POST, "/essays/{id}/return", course_h_essay_return, BOARD, f_essay_return, 0, 0,
     "Trả lại bài thu hoạch"},

    {CADRE_GET, "/reports/coverage", course_h_report_coverage, READERS, f_report, 0, 0, "Độ phủ điểm cầu"},
    {CADRE_GET, "/reports/registrations", course_h_report_registrations, READERS, f_report, 0, 0,
     "Đăng ký so với số chỗ"},
    {CADRE_GET, "/reports/checkin", course_h_report_checkin, READERS, f_report_checkin, 0, 0,
     "Điểm danh trực tiếp theo buổi"},
    {CADRE_GET, "/reports/attendance", course_h_report_matrix, READERS, f_report_matrix, 0, 0,
     "Bảng điểm danh học viên × buổi"},
    {CADRE_GET, "/reports/essays", course_h_report_essays, READERS, f_report, 0, 0,
     "Bài thu hoạch: đã nộp, nộp muộn, chưa nộp"},
    {CADRE_GET, "/reports/essays/missing", course_h_report_essays_missing, READERS, f_report, 0, 0,
     "Danh sách học viên chưa nộp bài"},
    {CADRE_GET, "/reports/certificates", course_h_report_certificates, READERS, f_report_certificates, 0, 0,
     "Đủ điều kiện cấp giấy chứng nhận, theo đơn vị"},
    {CADRE_GET, "/reports/certificates/eligible", course_h_report_certificates_eligible, READERS,
     f_report_certificates, 0, 0, "Danh sách học viên đủ điều kiện cấp giấy chứng nhận"},
    {CADRE_GET, "/reports/proposals", course_h_report_proposals, READERS, f_report, 0, 0,
     "Kiến nghị, đề xuất theo chuyên đề, theo đơn vị"},
    {CADRE_GET, "/reports/proposals/list", course_h_report_proposals_list, READERS, f_report_proposals, 0, 0,
     "Danh sách kiến nghị, đề xuất"},

    {CADRE_POST, "/units/import", course_h_units_import, "admin", f_units_import, 11 * 1024 * 1024,
     CADRE_RF_MULTIPART, "Nhập danh mục đơn vị hành chính"},
    {.path = NULL},
};

static const struct cadre_command commands[] = {
    {"import-units", course_cmd_import_units, "import-units FILE [--dry-run]",
     "Nhập danh mục tỉnh, xã, phường, đặc khu (CSV: code, name, kind, "
     "province) vào cây đơn vị"},
    {.verb = NULL},
};

static const struct cadre_plugin course_plugin = {
    .abi = CADRE_ABI_BLOCK,
    .name = "course",
    .title = "Lớp bồi dưỡng cán bộ cơ sở",
    .version = "1.0.0",
    .routes = routes,
    .commands = commands,
    .migrations = "course",
    .ui_path = "/course/",
    .outbox_reply = course_outbox_reply,
};

CADRE_PLUGIN(course_plugin);
