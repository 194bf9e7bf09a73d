/*
 * llct — Đào tạo trung cấp lý luận chính trị: the plugin descriptor, its
 * routes with their field declarations, and its cadre-admin commands.
 * Handlers live in the files named in llct.h; this file only declares.
 */
#include "llct.h"

/* ---- shared choices ------------------------------------------------------------ */

static const char *const modes[] = {"full_time", "part_time", NULL};
static const char *const genders[] = {"male", "female", NULL};
static const char *const states[] = {"submitted",  "under_review", "eligible",  "needs_supplement",
                                     "ineligible", "admitted",     "enrolled",  "studying",
                                     "graduated",  "dropped",      "withdrawn", NULL};
static const char *const void_reasons[] = {"damaged", "lost", "destroyed", NULL};
static const char *const report_by[] = {"class", "unit", "month", NULL};
static const char *const due_filters[] = {"all", "soon", "missed", "open", NULL};
static const char *const import_types[] = {"text/plain", NULL};

#define F_END                                                                                                \
  { .name = NULL }
#define F_ID_PATH                                                                                            \
  { "id", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Mã" }
#define F_FORMAT                                                                                             \
  { "format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng" }

/* ---- plans and import ------------------------------------------------------------ */

static const struct cadre_field f_plans[] = {
    {"year", CF_YEAR, 0, 0, 0, NULL, "Năm"},
    F_END,
};

static const struct cadre_field f_plan[] = {F_ID_PATH, F_END};

static const struct cadre_field f_plan_rules[] = {
    F_ID_PATH,
    {"announce_max_days", CF_INT, CF_REQUIRED, 1, 365, NULL, "Thông báo trước khai giảng tối đa (ngày)"},
    {"dossier_min_days", CF_INT, CF_REQUIRED, 0, 365, NULL, "Nộp hồ sơ trước xét tuyển tối thiểu (ngày)"},
    {"review_max_days", CF_INT, CF_REQUIRED, 1, 60, NULL, "Thời gian xét hồ sơ tối đa (ngày)"},
    {"report_max_days", CF_INT, CF_REQUIRED, 0, 60, NULL, "Báo cáo kết quả sau xét tuyển tối đa (ngày)"},
    {"notice_min_days", CF_INT, CF_REQUIRED, 0, 365, NULL, "Giấy báo trước nhập học tối thiểu (ngày)"},
    {"late_max_days", CF_INT, CF_REQUIRED, 0, 60, NULL, "Nhập học chậm tối đa (ngày)"},
    F_END,
};

static const struct cadre_field f_import[] = {
    {"file", CF_FILE, CF_REQUIRED, 0, (int64_t)4 * 1024 * 1024, import_types, "Tệp kế hoạch"},
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chạy thử"},
    {"agency_id", CF_ID, 0, 0, 0, NULL, "Đơn vị ban hành"},
    {"school_id", CF_ID, 0, 0, 0, NULL, "Trường thực hiện"},
    F_END,
};

/* ---- classes ----------------------------------------------------------------------- */

static const struct cadre_field f_classes[] = {
    {"plan", CF_ID, 0, 0, 0, NULL, "Kế hoạch"},
    {"month", CF_INT, 0, 1, 12, NULL, "Tháng"},
    {"q", CF_STRING, 0, 0, 100, NULL, "Tìm kiếm"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_class[] = {F_ID_PATH, F_END};

static const struct cadre_field f_class_update[] = {
    F_ID_PATH,
    {"mode", CF_ENUM, 0, 0, 0, modes, "Hình thức đào tạo"},
    {"planned_learners", CF_INT, 0, 1, 80, NULL, "Số học viên dự kiến"},
    {"opening_on", CF_DATE, 0, 0, 0, NULL, "Ngày khai giảng"},
    {"enrolment_on", CF_DATE, 0, 0, 0, NULL, "Ngày nhập học"},
    {"end_on", CF_DATE, 0, 0, 0, NULL, "Ngày kết thúc"},
    {"first_module_end_on", CF_DATE, 0, 0, 0, NULL, "Ngày kết thúc học phần thứ nhất"},
    {"location", CF_STRING, 0, 0, 500, NULL, "Địa điểm mở lớp"},
    F_END,
};

static const struct cadre_field f_allotment[] = {
    F_ID_PATH,
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị cử học viên"},
    {"allotted", CF_INT, CF_REQUIRED, 0, 80, NULL, "Chỉ tiêu"},
    F_END,
};

static const struct cadre_field f_step[] = {
    F_ID_PATH,
    {"step", CF_INT, CF_REQUIRED | CF_PATH, 1, 7, NULL, "Bước"},
    {"planned_start", CF_DATE, 0, 0, 0, NULL, "Ngày bắt đầu dự kiến"},
    {"planned_on", CF_DATE, 0, 0, 0, NULL, "Ngày dự kiến"},
    {"start_on", CF_DATE, 0, 0, 0, NULL, "Ngày bắt đầu"},
    {"done_on", CF_DATE, 0, 0, 0, NULL, "Ngày thực hiện"},
    {"report_on", CF_DATE, 0, 0, 0, NULL, "Ngày báo cáo Ban Tổ chức"},
    {"appraisal_on", CF_DATE, 0, 0, 0, NULL, "Ngày có ý kiến thẩm định"},
    {"complete", CF_BOOL, 0, 0, 0, NULL, "Hoàn thành bước"},
    {"reopen", CF_BOOL, 0, 0, 0, NULL, "Mở lại bước"},
    {"responsible_agency_id", CF_ID, 0, 0, 0, NULL, "Đơn vị thực hiện"},
    {"responsible_text", CF_STRING, 0, 0, 255, NULL, "Bộ phận thực hiện"},
    {"doc_number", CF_STRING, 0, 0, 64, NULL, "Số văn bản"},
    {"doc_on", CF_DATE, 0, 0, 0, NULL, "Ngày văn bản"},
    {"note", CF_TEXT, 0, 0, 1000, NULL, "Ghi chú"},
    F_END,
};

static const struct cadre_field f_contract[] = {
    F_ID_PATH,
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị cử người đi học"},
    {"contract_no", CF_STRING, CF_REQUIRED, 1, 64, NULL, "Số hợp đồng"},
    {"signed_on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày ký"},
    {"fee_amount", CF_INT, 0, 0, 100000000000, NULL, "Kinh phí (đồng)"},
    {"paid_on", CF_DATE, 0, 0, 0, NULL, "Ngày nộp kinh phí"},
    {"note", CF_STRING, 0, 0, 500, NULL, "Ghi chú"},
    F_END,
};

static const struct cadre_field f_deadlines[] = {
    {"plan", CF_ID, 0, 0, 0, NULL, "Kế hoạch"},
    {"days", CF_INT, 0, 0, 365, NULL, "Số ngày tới"},
    {"status", CF_ENUM, 0, 0, 0, due_filters, "Tình trạng"},
    F_FORMAT,
    F_END,
};

/* ---- learners ---------------------------------------------------------------------- */

static const struct cadre_field f_learners[] = {
    F_ID_PATH,
    {"state", CF_ENUM, 0, 0, 0, states, "Trạng thái"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_learner_new[] = {
    F_ID_PATH,
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị cử đi học"},
    {"full_name", CF_STRING, CF_REQUIRED, 2, 200, NULL, "Họ và tên"},
    {"birth_date", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày sinh"},
    {"gender", CF_ENUM, 0, 0, 0, genders, "Giới tính"},
    {"cccd", CF_CCCD, CF_REQUIRED, 0, 0, NULL, "Số CCCD"},
    {"ethnicity", CF_STRING, 0, 0, 50, NULL, "Dân tộc"},
    {"party_joined_on", CF_DATE, 0, 0, 0, NULL, "Ngày vào Đảng"},
    {"position", CF_STRING, 0, 0, 255, NULL, "Chức vụ"},
    {"workplace", CF_STRING, 0, 0, 255, NULL, "Đơn vị công tác"},
    {"education", CF_STRING, 0, 0, 100, NULL, "Trình độ chuyên môn"},
    {"phone", CF_PHONE, 0, 0, 0, NULL, "Điện thoại"},
    {"email", CF_EMAIL, 0, 0, 0, NULL, "Thư điện tử"},
    {"submitted_on", CF_DATE, 0, 0, 0, NULL, "Ngày nộp hồ sơ"},
    F_END,
};

static const struct cadre_field f_learner[] = {F_ID_PATH, F_END};

static const struct cadre_field f_transition[] = {
    F_ID_PATH,
    {"to", CF_ENUM, CF_REQUIRED, 0, 0, states, "Trạng thái mới"},
    {"on", CF_DATE, 0, 0, 0, NULL, "Ngày"},
    {"reason", CF_STRING, 0, 0, 500, NULL, "Lý do"},
    {"doc_no", CF_STRING, 0, 0, 64, NULL, "Số quyết định"},
    {"supplement_due", CF_DATE, 0, 0, 0, NULL, "Hạn bổ sung hồ sơ"},
    {"unit_confirmation", CF_STRING, 0, 0, 255, NULL, "Xác nhận của đơn vị cử đi học"},
    F_END,
};

static const struct cadre_field f_no_shows[] = {F_ID_PATH, F_END};

/* ---- reports ----------------------------------------------------------------------- */

static const struct cadre_field f_plan_actual[] = {
    {"plan", CF_ID, CF_REQUIRED, 0, 0, NULL, "Kế hoạch"},
    {"by", CF_ENUM, 0, 0, 0, report_by, "Tổng hợp theo"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_funnel[] = {
    {"plan", CF_ID, CF_REQUIRED, 0, 0, NULL, "Kế hoạch"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_roster[] = {F_ID_PATH, F_FORMAT, F_END};

static const struct cadre_field f_none[] = {F_END};

/* ---- diploma blanks ------------------------------------------------------------------ */

static const struct cadre_field f_holdings[] = {
    {"agency_id", CF_ID, 0, 0, 0, NULL, "Đơn vị"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_receive[] = {
    {"first", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Từ số"},
    {"last", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Đến số"},
    {"on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày nhận"},
    {"doc_number", CF_STRING, CF_REQUIRED, 1, 64, NULL, "Số phiếu nhập, biên bản giao nhận"},
    {"note", CF_STRING, 0, 0, 500, NULL, "Ghi chú"},
    {"agency_id", CF_ID, 0, 0, 0, NULL, "Đơn vị nhận"},
    F_END,
};

static const struct cadre_field f_allocate[] = {
    {"first", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Từ số"},
    {"last", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Đến số"},
    {"from_agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị giao"},
    {"to_agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị nhận"},
    {"on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày giao"},
    {"doc_number", CF_STRING, CF_REQUIRED, 1, 64, NULL, "Số quyết định cấp phát"},
    {"note", CF_STRING, 0, 0, 500, NULL, "Ghi chú"},
    F_END,
};

static const struct cadre_field f_issue[] = {
    {"serial", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Số hiệu phôi"},
    {"learner_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Học viên"},
    {"on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày cấp"},
    {"register_no", CF_STRING, 0, 0, 64, NULL, "Số vào sổ cấp bằng"},
    F_END,
};

static const struct cadre_field f_void[] = {
    {"serial", CF_STRING, CF_REQUIRED, 1, 40, NULL, "Số hiệu phôi"},
    {"holder_agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị giữ phôi"},
    {"why", CF_ENUM, CF_REQUIRED, 0, 0, void_reasons, "Hình thức hủy"},
    {"reason", CF_STRING, CF_REQUIRED, 3, 500, NULL, "Lý do"},
    {"minutes_no", CF_STRING, CF_REQUIRED, 1, 64, NULL, "Số biên bản"},
    {"minutes_on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày biên bản"},
    {"on", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày hủy"},
    F_END,
};

static const struct cadre_field f_ledger[] = {
    {"agency_id", CF_ID, CF_REQUIRED, 0, 0, NULL, "Đơn vị"},
    {"series", CF_CODE, 0, 0, 16, NULL, "Ký hiệu phôi"},
    {"from", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Từ ngày"},
    {"to", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Đến ngày"},
    F_FORMAT,
    F_END,
};

static const struct cadre_field f_reconcile[] = {
    {"agency_id", CF_ID, 0, 0, 0, NULL, "Đơn vị"},
    {"series", CF_CODE, 0, 0, 16, NULL, "Ký hiệu phôi"},
    {"from", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Từ ngày"},
    {"to", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Đến ngày"},
    F_FORMAT,
    F_END,
};

/* ---- routes ------------------------------------------------------------------------- */

#define ANY CADRE_ANY_USER
#define STAFF "admin officer"
#define REVIEW "admin officer reviewer"

static const struct cadre_route routes[] = {
    {CADRE_GET, "/plans", llct_plans_list, ANY, f_plans, 0, 0, "Các kế hoạch đào tạo"},
    {CADRE_GET, "/plans/{id}", llct_plan_get, ANY, f_plan, 0, 0, "Một kế hoạch: số liệu, đối chiếu, tỷ lệ"},
    {CADRE_GET, "/plans/{id}/lines", llct_plan_lines, ANY, f_plan, 0, 0,
     "Các dòng phụ lục và lớp của kế hoạch"},
    {CADRE_PUT, "/plans/{id}/rules", llct_plan_rules_update, "admin", f_plan_rules, 0, 0,
     "Sửa thời hạn của quy trình tuyển sinh"},
    {CADRE_POST, "/import", llct_import_route, STAFF, f_import, (size_t)6 * 1024 * 1024, CADRE_RF_MULTIPART,
     "Nhập kế hoạch từ tệp (có chạy thử)"},
    {CADRE_GET, "/classes", llct_classes_list, ANY, f_classes, 0, 0, "Danh sách lớp"},
    {CADRE_GET, "/classes/{id}", llct_class_get, ANY, f_class, 0, 0,
     "Một lớp: đơn vị, chỉ tiêu, 7 bước, hợp đồng"},
    {CADRE_PUT, "/classes/{id}", llct_class_update, STAFF, f_class_update, 0, 0,
     "Sửa hình thức, sĩ số dự kiến, ngày của lớp"},
    {CADRE_PUT, "/classes/{id}/allotments", llct_allotment_set, STAFF, f_allotment, 0, 0,
     "Giao, sửa chỉ tiêu của một đơn vị"},
    {CADRE_POST, "/classes/{id}/steps/{step}", llct_step_save, STAFF, f_step, 0, 0,
     "Ghi ngày, văn bản, hoàn thành một bước tuyển sinh"},
    {CADRE_POST, "/classes/{id}/contracts", llct_contract_save, STAFF, f_contract, 0, 0,
     "Hợp đồng và kinh phí với đơn vị cử người đi học"},
    {CADRE_GET, "/classes/{id}/learners", llct_learners_list, ANY, f_learners, 0, 0,
     "Hồ sơ học viên của lớp"},
    {CADRE_POST, "/classes/{id}/learners", llct_learner_create, STAFF, f_learner_new, 0, CADRE_RF_IDEMPOTENT,
     "Cử người dự tuyển (nộp hồ sơ)"},
    {CADRE_POST, "/classes/{id}/no-shows", llct_no_shows, REVIEW, f_no_shows, 0, 0,
     "Xử lý người trúng tuyển không nhập học"},
    {CADRE_GET, "/classes/{id}/roster", llct_report_roster, ANY, f_roster, 0, 0,
     "Danh sách trích ngang của lớp"},
    {CADRE_GET, "/learners/{id}", llct_learner_get, ANY, f_learner, 0, 0, "Một hồ sơ học viên và lịch sử"},
    {CADRE_POST, "/learners/{id}/transition", llct_learner_transition, REVIEW, f_transition, 0, 0,
     "Chuyển trạng thái hồ sơ học viên"},
    {CADRE_GET, "/deadlines", llct_deadlines, ANY, f_deadlines, 0, 0, "Hạn các bước sắp tới và quá hạn"},
    {CADRE_GET, "/reports/plan-actual", llct_report_plan_actual, ANY, f_plan_actual, 0, 0,
     "Kế hoạch và thực hiện theo đơn vị, lớp, tháng"},
    {CADRE_GET, "/reports/funnel", llct_report_funnel, ANY, f_funnel, 0, 0, "Kết quả tuyển sinh từng lớp"},
    {CADRE_GET, "/agencies/pending", llct_pending_agencies, ANY, f_none, 0, 0,
     "Đơn vị do nhập kế hoạch tạo, chờ xác nhận"},
    {CADRE_GET, "/blanks/holdings", llct_blanks_holdings, ANY, f_holdings, 0, 0, "Phôi bằng đang giữ"},
    {CADRE_POST, "/blanks/receive", llct_blanks_receive, STAFF, f_receive, 0, CADRE_RF_IDEMPOTENT,
     "Học viện nhận phôi bằng"},
    {CADRE_POST, "/blanks/allocate", llct_blanks_allocate, STAFF, f_allocate, 0, CADRE_RF_IDEMPOTENT,
     "Cấp phát, trả lại phôi bằng"},
    {CADRE_POST, "/blanks/issue", llct_blanks_issue, STAFF, f_issue, 0, CADRE_RF_IDEMPOTENT,
     "Cấp bằng cho học viên tốt nghiệp"},
    {CADRE_POST, "/blanks/void", llct_blanks_void, STAFF, f_void, 0, CADRE_RF_IDEMPOTENT,
     "Hủy phôi (hỏng, mất) có biên bản"},
    {CADRE_GET, "/blanks/ledger", llct_blanks_ledger, ANY, f_ledger, 0, 0,
     "Sổ theo dõi phôi bằng của một đơn vị"},
    {CADRE_GET, "/blanks/reconcile", llct_blanks_reconcile, ANY, f_reconcile, 0, 0,
     "Đối chiếu phôi bằng theo kỳ"},
    {.path = NULL},
};

static const struct cadre_command commands[] = {
    {"import", llct_import_command, "import FILE [--dry-run] [--agency CODE] [--school CODE] [--json]",
     "Nhập kế hoạch đào tạo trung cấp LLCT từ tệp văn bản (bảng phụ lục)"},
    {"demo", llct_demo_command, "demo [--file FILE]",
     "Dữ liệu mẫu: kế hoạch năm 2024 của Hà Nội và kho phôi bằng mẫu"},
    {"sweep", llct_sweep_command, "sweep [--days N]",
     "Việc hằng ngày: xử lý không nhập học, nhắc hạn các bước"},
    {.verb = NULL},
};

static const struct cadre_plugin llct_plugin = {
    .abi = CADRE_ABI_BLOCK,
    .name = "llct",
    .title = "Đào tạo trung cấp LLCT",
    .version = "1.0.0",
    .routes = routes,
    .commands = commands,
    .migrations = "llct",
    .ui_path = "/llct/",
};

CADRE_PLUGIN(llct_plugin);
