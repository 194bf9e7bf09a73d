/*
 * The accreditation module (trường chính trị chuẩn): its routes with the
 * fields each accepts and who may call it, its commands and its roles. The
 * host enforces all of this before a handler runs.
 */
#include "accreditation.h"

#define MIB ((int64_t)1024 * 1024)

/* ---- Choices ----------------------------------------------------------------- */

static const char *const version_statuses[] = {"draft", "active", "retired", NULL};
static const char *const kinds[] = {"group", "criterion", "indicator", NULL};
static const char *const level_sets[] = {"1", "2", "1,2", NULL};
static const char *const rule_roles[] = {"lecturers", "managers", "all", NULL};
static const char *const quals[] = {
    "any",      "master", "doctor", "professor_title", "advanced_theory", "main_lecturer", "senior_lecturer",
    "pedagogy", NULL};
static const char *const project_statuses[] = {"drafting", "submitted", "approved", NULL};
static const char *const council_levels[] = {"provincial", "central", NULL};
static const char *const member_roles[] = {"chair", "vice_chair", "secretary", "member", NULL};
static const char *const layers[] = {"self", "provincial", "central", NULL};
static const char *const results[] = {"met", "partial", "not_met", "not_applicable", NULL};
static const char *const actions[] = {
    "start",          "submit",         "open_review", "request_changes", "resubmit", "endorse",
    "submit_central", "open_appraisal", "recognise",   "reject",          NULL};
static const char *const states[] = {"draft",
                                     "self_assessing",
                                     "submitted_provincial",
                                     "provincial_review",
                                     "changes_requested",
                                     "resubmitted",
                                     "endorsed",
                                     "submitted_central",
                                     "central_appraisal",
                                     "recognised",
                                     "not_recognised",
                                     NULL};
static const char *const validities[] = {"valid", "expiring", "expired", "not_yet_valid", NULL};
static const char *const severities[] = {"minor", "major", "critical", NULL};
static const char *const outcomes[] = {"maintained", "warning", "withdrawn", NULL};
static const char *const action_statuses[] = {"open", "done", NULL};
static const char *const staff_kinds[] = {"lecturer", "manager", "both", NULL};
static const char *const degrees[] = {"none", "bachelor", "master", "doctor", NULL};
static const char *const titles[] = {"none", "associate_professor", "professor", NULL};
static const char *const theories[] = {"none", "elementary", "intermediate", "advanced", "bachelor", NULL};
static const char *const ranks[] = {"none", "lecturer", "main_lecturer", "senior_lecturer", NULL};

/* ---- Fields ------------------------------------------------------------------ */

#define REQ CF_REQUIRED
#define PATH_ID                                                                                              \
  { "id", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Mã" }
#define FORMAT                                                                                               \
  { "format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng" }
#define END                                                                                                  \
  { NULL, 0, 0, 0, 0, NULL, NULL }

static const struct cadre_field f_none[] = {END};
static const struct cadre_field f_id[] = {PATH_ID, END};
static const struct cadre_field f_id_format[] = {PATH_ID, FORMAT, END};
static const struct cadre_field f_format[] = {FORMAT, END};

static const struct cadre_field f_version[] = {
    {"code", CF_STRING, REQ, 1, 32, NULL, "Mã phiên bản (số hiệu văn bản)"},
    {"title", CF_STRING, REQ, 1, 500, NULL, "Tên văn bản"},
    {"issued_date", CF_DATE, 0, 0, 0, NULL, "Ngày ban hành"},
    {"status", CF_ENUM, 0, 0, 0, version_statuses, "Trạng thái"},
    {"is_sample", CF_BOOL, 0, 0, 0, NULL, "Bộ tiêu chí mẫu"},
    {"note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    {"replaces_id", CF_ID, 0, 0, 0, NULL, "Thay thế phiên bản"},
    END};
static const struct cadre_field f_version_edit[] = {
    PATH_ID,
    {"code", CF_STRING, REQ, 1, 32, NULL, "Mã phiên bản (số hiệu văn bản)"},
    {"title", CF_STRING, REQ, 1, 500, NULL, "Tên văn bản"},
    {"issued_date", CF_DATE, 0, 0, 0, NULL, "Ngày ban hành"},
    {"status", CF_ENUM, 0, 0, 0, version_statuses, "Trạng thái"},
    {"is_sample", CF_BOOL, 0, 0, 0, NULL, "Bộ tiêu chí mẫu"},
    {"note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    {"replaces_id", CF_ID, 0, 0, 0, NULL, "Thay thế phiên bản"},
    END};

#define CRITERION_COMMON                                                                                     \
  {"code", CF_CODE, REQ, 1, 32, NULL, "Mã tiêu chí"}, {"seq", CF_INT, 0, 0, 100000, NULL, "Thứ tự"},         \
      {"title", CF_STRING, REQ, 1, 1000, NULL, "Nội dung"},                                                  \
      {"levels", CF_ENUM, 0, 0, 0, level_sets, "Mức áp dụng"},                                               \
      {"max_score", CF_NUM, 0, 0, 10000, NULL, "Điểm tối đa"},                                               \
      {"weight", CF_NUM, 0, 0, 10000, NULL, "Trọng số"}, {"mandatory", CF_BOOL, 0, 0, 0, NULL, "Bắt buộc"},  \
      {"guidance", CF_TEXT, 0, 0, 0, NULL, "Hướng dẫn"},                                                     \
      {"expected_evidence", CF_TEXT, 0, 0, 0, NULL, "Minh chứng gợi ý"},                                     \
      {"staff_role", CF_ENUM, 0, 0, 0, rule_roles, "Đối tượng đội ngũ"},                                     \
      {"staff_qualification", CF_ENUM, 0, 0, 0, quals, "Yêu cầu trình độ"},                                  \
      {"staff_min_count", CF_INT, 0, 0, 10000, NULL, "Số người tối thiểu"}, {                                \
    "staff_min_percent", CF_NUM, 0, 0, 100, NULL, "Tỷ lệ tối thiểu (%)"                              \
  }

static const struct cadre_field f_criterion_new[] = {PATH_ID,
                                                     {"parent_id", CF_ID, 0, 0, 0, NULL, "Mục cấp trên"},
                                                     {"kind", CF_ENUM, REQ, 0, 0, kinds, "Loại"},
                                                     CRITERION_COMMON,
                                                     END};
static const struct cadre_field f_criterion_edit[] = {PATH_ID, CRITERION_COMMON, END};

static const struct cadre_field f_import[] = {
    PATH_ID,
    {"file", CF_FILE, REQ, 0, 5 * MIB, cadre_mime_tables, "Tệp CSV bộ tiêu chí"},
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chỉ kiểm tra, chưa ghi"},
    END};

static const struct cadre_field f_plan[] = {
    {"code", CF_CODE, 0, 1, 64, NULL, "Mã kế hoạch"},
    {"regulation_number", CF_INT, REQ, 1, 100000, NULL, "Số Quy định"},
    {"regulation_date", CF_DATE, REQ, 0, 0, NULL, "Ngày Quy định"},
    {"year_from", CF_YEAR, REQ, 0, 0, NULL, "Năm bắt đầu"},
    {"year_to", CF_YEAR, REQ, 0, 0, NULL, "Năm kết thúc"},
    {"target_level1", CF_INT, REQ, 0, 1000, NULL, "Chỉ tiêu đạt chuẩn mức 1"},
    {"target_level2_min", CF_INT, REQ, 0, 1000, NULL, "Chỉ tiêu mức 2 (tối thiểu)"},
    {"target_level2_max", CF_INT, REQ, 0, 1000, NULL, "Chỉ tiêu mức 2 (tối đa)"},
    {"project_deadline", CF_DATE, 0, 0, 0, NULL, "Hạn trình Đề án"},
    END};
static const struct cadre_field f_plan_import[] = {
    {"file", CF_FILE, REQ, 0, 2 * MIB, cadre_mime_text, "Văn bản kế hoạch (.txt)"}, END};

static const struct cadre_field f_project[] = {
    PATH_ID,
    {"number", CF_STRING, 0, 0, 100, NULL, "Số Đề án"},
    {"project_date", CF_DATE, 0, 0, 0, NULL, "Ngày Đề án"},
    {"title", CF_STRING, 0, 0, 500, NULL, "Tên Đề án"},
    {"approving_body", CF_STRING, 0, 0, 255, NULL, "Cơ quan phê duyệt"},
    {"standing_committee_date", CF_DATE, 0, 0, 0, NULL, "Ngày trình Ban Thường vụ"},
    {"status", CF_ENUM, 0, 0, 0, project_statuses, "Tình trạng"},
    {"note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    END};

static const struct cadre_field f_schools[] = {{"q", CF_STRING, 0, 0, 100, NULL, "Tìm kiếm"}, END};
static const struct cadre_field f_roadmap[] = {
    PATH_ID,
    {"level", CF_INT, REQ | CF_PATH, 1, 2, NULL, "Mức"},
    {"target_year", CF_YEAR, REQ, 0, 0, NULL, "Năm dự kiến đạt chuẩn"},
    {"note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    END};
static const struct cadre_field f_milestone[] = {PATH_ID,
                                                 {"title", CF_STRING, REQ, 1, 500, NULL, "Mốc"},
                                                 {"due_date", CF_DATE, REQ, 0, 0, NULL, "Thời hạn"},
                                                 {"done_date", CF_DATE, 0, 0, 0, NULL, "Ngày hoàn thành"},
                                                 END};

static const struct cadre_field f_evidence_list[] = {PATH_ID,
                                                     {"q", CF_STRING, 0, 0, 100, NULL, "Tìm kiếm"},
                                                     {"validity", CF_ENUM, 0, 0, 0, validities, "Hiệu lực"},
                                                     END};
static const struct cadre_field f_evidence[] = {
    PATH_ID,
    {"code", CF_CODE, REQ, 1, 32, NULL, "Mã minh chứng"},
    {"title", CF_STRING, REQ, 1, 500, NULL, "Tên minh chứng"},
    {"doc_number", CF_STRING, 0, 0, 100, NULL, "Số văn bản"},
    {"doc_date", CF_DATE, 0, 0, 0, NULL, "Ngày văn bản"},
    {"issuer", CF_STRING, 0, 0, 255, NULL, "Cơ quan ban hành"},
    {"valid_from", CF_DATE, 0, 0, 0, NULL, "Có hiệu lực từ"},
    {"valid_until", CF_DATE, 0, 0, 0, NULL, "Hết hiệu lực"},
    {"note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"},
    {"file", CF_FILE, 0, 0, 20 * MIB, cadre_mime_documents, "Tệp minh chứng"},
    END};

#define STAFF_FIELDS                                                                                         \
  {"full_name", CF_STRING, REQ, 1, 200, NULL, "Họ và tên"},                                                  \
      {"kind", CF_ENUM, REQ, 0, 0, staff_kinds, "Đối tượng"},                                                \
      {"position", CF_STRING, 0, 0, 255, NULL, "Chức vụ"},                                                   \
      {"degree", CF_ENUM, 0, 0, 0, degrees, "Trình độ chuyên môn"},                                          \
      {"academic_title", CF_ENUM, 0, 0, 0, titles, "Học hàm"},                                               \
      {"political_theory", CF_ENUM, 0, 0, 0, theories, "Lý luận chính trị"},                                 \
      {"lecturer_rank", CF_ENUM, 0, 0, 0, ranks, "Chức danh giảng viên"},                                    \
      {"pedagogy", CF_BOOL, 0, 0, 0, NULL, "Nghiệp vụ sư phạm"},                                             \
      {"origin_school", CF_STRING, 0, 0, 255, NULL, "Đơn vị trước sáp nhập"},                                \
      {"active", CF_BOOL, 0, 0, 0, NULL, "Đang công tác"}, {                                                 \
    "note", CF_TEXT, 0, 0, 0, NULL, "Ghi chú"                                                               \
  }
static const struct cadre_field f_staff[] = {PATH_ID, STAFF_FIELDS, END};
static const struct cadre_field f_staff_review[] = {{"version", CF_ID, 0, 0, 0, NULL, "Phiên bản tiêu chuẩn"},
                                                    {"school", CF_ID, 0, 0, 0, NULL, "Trường"},
                                                    FORMAT,
                                                    END};

static const struct cadre_field f_council[] = {
    {"level", CF_ENUM, REQ, 0, 0, council_levels, "Cấp hội đồng"},
    {"name", CF_STRING, REQ, 1, 500, NULL, "Tên hội đồng"},
    {"decision_no", CF_STRING, 0, 0, 100, NULL, "Số quyết định thành lập"},
    {"decision_date", CF_DATE, 0, 0, 0, NULL, "Ngày quyết định"},
    {"agency_id", CF_ID, 0, 0, 0, NULL, "Cơ quan thành lập"},
    END};
static const struct cadre_field f_member[] = {
    PATH_ID,
    {"login", CF_CODE, REQ, 1, 64, NULL, "Tên đăng nhập"},
    {"member_role", CF_ENUM, 0, 0, 0, member_roles, "Vai trò trong hội đồng"},
    END};
static const struct cadre_field f_member_remove[] = {
    PATH_ID, {"user_id", CF_ID, REQ | CF_PATH, 0, 0, NULL, "Thành viên"}, END};
static const struct cadre_field f_conflict[] = {PATH_ID,
                                                {"school_id", CF_ID, REQ, 0, 0, NULL, "Trường"},
                                                {"reason", CF_STRING, REQ, 1, 1000, NULL, "Lý do"},
                                                {"user_id", CF_ID, 0, 0, 0, NULL, "Thành viên"},
                                                END};

static const struct cadre_field f_cycles[] = {
    {"school", CF_ID, 0, 0, 0, NULL, "Trường"}, {"state", CF_ENUM, 0, 0, 0, states, "Trạng thái"}, END};
static const struct cadre_field f_cycle_new[] = {{"school_id", CF_ID, REQ, 0, 0, NULL, "Trường"},
                                                 {"version_id", CF_ID, 0, 0, 0, NULL, "Phiên bản tiêu chuẩn"},
                                                 {"target_level", CF_INT, REQ, 1, 2, NULL, "Mức đăng ký"},
                                                 {"title", CF_STRING, 0, 0, 255, NULL, "Tên kỳ đánh giá"},
                                                 END};
static const struct cadre_field f_clone[] = {PATH_ID,
                                             {"version_id", CF_ID, 0, 0, 0, NULL, "Phiên bản tiêu chuẩn"},
                                             {"target_level", CF_INT, 0, 1, 2, NULL, "Mức đăng ký"},
                                             {"title", CF_STRING, 0, 0, 255, NULL, "Tên kỳ đánh giá"},
                                             END};
static const struct cadre_field f_assign[] = {PATH_ID,
                                              {"level", CF_ENUM, REQ, 0, 0, council_levels, "Cấp hội đồng"},
                                              {"council_id", CF_ID, REQ, 0, 0, NULL, "Hội đồng"},
                                              END};
static const struct cadre_field f_transition[] = {
    PATH_ID,
    {"action", CF_ENUM, REQ, 0, 0, actions, "Thao tác"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ý kiến, lý do"},
    {"level", CF_INT, 0, 1, 2, NULL, "Mức công nhận"},
    {"decision_no", CF_STRING, 0, 0, 100, NULL, "Số quyết định"},
    {"decision_date", CF_DATE, 0, 0, 0, NULL, "Ngày quyết định"},
    {"valid_until", CF_DATE, 0, 0, 0, NULL, "Hiệu lực đến"},
    END};
static const struct cadre_field f_assessment[] = {PATH_ID,
                                                  {"criterion", CF_ID, REQ | CF_PATH, 0, 0, NULL, "Tiêu chí"},
                                                  {"layer", CF_ENUM, REQ, 0, 0, layers, "Cấp đánh giá"},
                                                  {"result", CF_ENUM, 0, 0, 0, results, "Kết quả"},
                                                  {"score", CF_NUM, 0, 0, 10000, NULL, "Điểm"},
                                                  {"comment", CF_TEXT, 0, 0, 5000, NULL, "Nhận xét"},
                                                  END};
static const struct cadre_field f_sheet[] = {PATH_ID,
                                             {"layer", CF_ENUM, REQ, 0, 0, layers, "Cấp đánh giá"},
                                             {"items", CF_JSON, REQ, 0, 0, NULL, "Kết quả các tiêu chí"},
                                             END};
static const struct cadre_field f_link[] = {PATH_ID,
                                            {"criterion", CF_ID, REQ | CF_PATH, 0, 0, NULL, "Tiêu chí"},
                                            {"evidence_id", CF_ID, REQ, 0, 0, NULL, "Minh chứng"},
                                            END};
static const struct cadre_field f_unlink[] = {PATH_ID,
                                              {"criterion", CF_ID, REQ | CF_PATH, 0, 0, NULL, "Tiêu chí"},
                                              {"evidence", CF_ID, REQ | CF_PATH, 0, 0, NULL, "Minh chứng"},
                                              END};
static const struct cadre_field f_visit[] = {PATH_ID,
                                             {"visit_date", CF_DATE, REQ, 0, 0, NULL, "Ngày khảo sát"},
                                             {"team", CF_STRING, REQ, 1, 2000, NULL, "Thành phần đoàn"},
                                             {"notes", CF_TEXT, 0, 0, 0, NULL, "Kết quả khảo sát"},
                                             END};

static const struct cadre_field f_register[] = {{"level", CF_INT, 0, 1, 2, NULL, "Mức"}, FORMAT, END};
static const struct cadre_field f_public_register[] = {
    {"q", CF_STRING, 0, 0, 100, NULL, "Tên trường hoặc tỉnh, thành phố"},
    {"level", CF_INT, 0, 1, 2, NULL, "Mức"},
    FORMAT,
    END};
static const struct cadre_field f_inspection[] = {
    PATH_ID,
    {"inspection_date", CF_DATE, REQ, 0, 0, NULL, "Ngày kiểm tra"},
    {"team", CF_STRING, REQ, 1, 2000, NULL, "Thành phần đoàn kiểm tra"},
    END};
static const struct cadre_field f_finding[] = {
    PATH_ID,
    {"criterion_id", CF_ID, REQ, 0, 0, NULL, "Tiêu chí"},
    {"severity", CF_ENUM, REQ, 0, 0, severities, "Mức độ"},
    {"description", CF_TEXT, REQ, 1, 5000, NULL, "Nội dung phát hiện"},
    {"root_cause", CF_TEXT, 0, 0, 5000, NULL, "Nguyên nhân"},
    END};
static const struct cadre_field f_action_new[] = {
    PATH_ID,
    {"description", CF_TEXT, REQ, 1, 5000, NULL, "Biện pháp khắc phục"},
    {"owner", CF_STRING, REQ, 1, 255, NULL, "Người, đơn vị phụ trách"},
    {"due_date", CF_DATE, REQ, 0, 0, NULL, "Thời hạn"},
    END};
static const struct cadre_field f_action_edit[] = {
    PATH_ID,
    {"status", CF_ENUM, REQ, 0, 0, action_statuses, "Tình trạng"},
    {"done_date", CF_DATE, 0, 0, 0, NULL, "Ngày hoàn thành"},
    {"done_note", CF_TEXT, 0, 0, 5000, NULL, "Kết quả khắc phục"},
    END};
static const struct cadre_field f_close[] = {
    PATH_ID,
    {"outcome", CF_ENUM, REQ, 0, 0, outcomes, "Kết luận"},
    {"conclusion", CF_TEXT, REQ, 1, 10000, NULL, "Nội dung kết luận"},
    END};

static const struct cadre_field f_report[] = {
    {"version", CF_ID, 0, 0, 0, NULL, "Phiên bản tiêu chuẩn"}, FORMAT, END};
static const struct cadre_field f_review[] = {
    {"from", CF_YEAR, 0, 0, 0, NULL, "Từ năm"}, {"to", CF_YEAR, 0, 0, 0, NULL, "Đến năm"}, FORMAT, END};

/* ---- Routes ------------------------------------------------------------------- */

#define ALL ACCR_ROLES_ALL
#define SCOPED ACCR_ROLES_SCOPED
#define SCHOOL ACCR_ROLES_SCHOOL
#define ACADEMY ACCR_ROLE_ACADEMY
#define MGR ACCR_ROLES_COUNCIL_MGR

static const struct cadre_route routes[] = {
    {CADRE_GET, "/meta", accr_meta, ALL, f_none, 0, 0, "Nhãn trạng thái, kết quả, trình độ"},
    {CADRE_GET, "/dashboard", accr_dashboard, ALL, f_none, 0, 0, "Bảng theo dõi toàn quốc"},

    /* the standards */
    {CADRE_GET, "/versions", accr_versions_list, ALL, f_none, 0, 0, "Phiên bản tiêu chuẩn"},
    {CADRE_POST, "/versions", accr_version_create, ACADEMY, f_version, 0, 0, "Thêm phiên bản"},
    {CADRE_PUT, "/versions/{id}", accr_version_update, ACADEMY, f_version_edit, 0, 0, "Sửa phiên bản"},
    {CADRE_GET, "/versions/{id}/criteria", accr_criteria_list, ALL, f_id_format, 0, 0,
     "Bộ tiêu chí (cây; CSV/XLSX)"},
    {CADRE_POST, "/versions/{id}/criteria", accr_criterion_create, ACADEMY, f_criterion_new, 0, 0,
     "Thêm tiêu chí"},
    {CADRE_PUT, "/criteria/{id}", accr_criterion_update, ACADEMY, f_criterion_edit, 0, 0, "Sửa tiêu chí"},
    {CADRE_DELETE, "/criteria/{id}", accr_criterion_delete, ACADEMY, f_id, 0, 0, "Xóa tiêu chí"},
    {CADRE_POST, "/versions/{id}/import", accr_catalogue_import, ACADEMY, f_import, 6 * MIB,
     CADRE_RF_MULTIPART, "Nhập bộ tiêu chí từ CSV"},
    {CADRE_GET, "/catalogue-template", accr_catalogue_template, ALL, f_none, 0, 0, "Tệp mẫu CSV bộ tiêu chí"},

    /* the plan and the provinces' projects */
    {CADRE_GET, "/plans", accr_plans_list, ALL, f_none, 0, 0, "Kế hoạch và chỉ tiêu"},
    {CADRE_POST, "/plans", accr_plan_save, ACADEMY, f_plan, 0, 0, "Nhập chỉ tiêu kế hoạch"},
    {CADRE_POST, "/plans/import", accr_plan_import, ACADEMY, f_plan_import, 3 * MIB, CADRE_RF_MULTIPART,
     "Đọc chỉ tiêu từ văn bản kế hoạch"},
    {CADRE_GET, "/projects", accr_projects_list, SCOPED, f_format, 0, 0,
     "Đề án trường chính trị chuẩn của các tỉnh"},
    {CADRE_PUT, "/provinces/{id}/project", accr_project_save, MGR, f_project, 0, 0, "Ghi Đề án của tỉnh"},

    /* schools, roadmaps */
    {CADRE_GET, "/schools", accr_schools_list, ALL, f_schools, 0, 0, "Các trường"},
    {CADRE_GET, "/schools/{id}", accr_school_get, ALL, f_id, 0, 0, "Một trường"},
    {CADRE_PUT, "/schools/{id}/roadmap/{level}", accr_roadmap_save, SCHOOL, f_roadmap, 0, 0,
     "Đăng ký lộ trình"},
    {CADRE_POST, "/roadmaps/{id}/milestones", accr_milestone_create, SCHOOL, f_milestone, 0, 0,
     "Thêm mốc lộ trình"},
    {CADRE_PUT, "/milestones/{id}", accr_milestone_update, SCHOOL, f_milestone, 0, 0, "Sửa mốc lộ trình"},
    {CADRE_DELETE, "/milestones/{id}", accr_milestone_delete, SCHOOL, f_id, 0, 0, "Xóa mốc lộ trình"},

    /* evidence library */
    {CADRE_GET, "/schools/{id}/evidence", accr_evidence_list, ALL, f_evidence_list, 0, 0,
     "Thư viện minh chứng"},
    {CADRE_POST, "/schools/{id}/evidence", accr_evidence_create, SCHOOL, f_evidence, 21 * MIB,
     CADRE_RF_MULTIPART, "Thêm minh chứng"},
    {CADRE_PUT, "/evidence/{id}", accr_evidence_update, SCHOOL, f_evidence, 21 * MIB, CADRE_RF_MULTIPART,
     "Sửa minh chứng"},
    {CADRE_DELETE, "/evidence/{id}", accr_evidence_delete, SCHOOL, f_id, 0, 0, "Xóa minh chứng"},
    {CADRE_GET, "/evidence/{id}/file", accr_evidence_file, ALL, f_id, 0, 0, "Tệp minh chứng"},
    {CADRE_GET, "/files/{id}", accr_file_get, ALL, f_id, 0, 0, "Tệp minh chứng (theo mã tệp)"},

    /* staff */
    {CADRE_GET, "/schools/{id}/staff", accr_staff_list, ALL, f_id, 0, 0, "Đội ngũ của trường"},
    {CADRE_POST, "/schools/{id}/staff", accr_staff_create, SCHOOL, f_staff, 0, 0, "Thêm cán bộ, giảng viên"},
    {CADRE_PUT, "/staff/{id}", accr_staff_update, SCHOOL, f_staff, 0, 0, "Sửa cán bộ, giảng viên"},
    {CADRE_GET, "/staff-review", accr_staff_review, ALL, f_staff_review, 0, 0,
     "Rà soát đội ngũ theo tiêu chí"},

    /* councils */
    {CADRE_GET, "/councils", accr_councils_list, ALL, f_none, 0, 0, "Hội đồng"},
    {CADRE_POST, "/councils", accr_council_create, MGR, f_council, 0, 0, "Thành lập hội đồng"},
    {CADRE_GET, "/councils/{id}", accr_council_get, ALL, f_id, 0, 0, "Một hội đồng"},
    {CADRE_POST, "/councils/{id}/members", accr_council_member_add, MGR, f_member, 0, 0, "Thêm thành viên"},
    {CADRE_DELETE, "/councils/{id}/members/{user_id}", accr_council_member_remove, MGR, f_member_remove, 0, 0,
     "Bớt thành viên"},
    {CADRE_POST, "/councils/{id}/conflicts", accr_conflict_declare,
     "accr_prov_council accr_central_council accr_province accr_academy", f_conflict, 0, 0,
     "Khai báo xung đột lợi ích"},

    /* cycles */
    {CADRE_GET, "/cycles", accr_cycles_list, ALL, f_cycles, 0, 0, "Kỳ đánh giá"},
    {CADRE_POST, "/cycles", accr_cycle_create, SCHOOL, f_cycle_new, 0, 0, "Mở kỳ đánh giá"},
    {CADRE_GET, "/cycles/{id}", accr_cycle_get, ALL, f_id, 0, 0, "Một kỳ đánh giá"},
    {CADRE_GET, "/cycles/{id}/criteria", accr_cycle_criteria, ALL, f_id, 0, 0,
     "Tiêu chí, kết quả và minh chứng của kỳ"},
    {CADRE_GET, "/cycles/{id}/readiness", accr_cycle_readiness, ALL, f_id, 0, 0, "Mức độ sẵn sàng của kỳ"},
    {CADRE_GET, "/cycles/{id}/summary", accr_cycle_summary, ALL, f_id_format, 0, 0,
     "Phiếu tổng hợp của hội đồng"},
    {CADRE_POST, "/cycles/{id}/clone", accr_cycle_clone, SCHOOL, f_clone, 0, 0, "Mở kỳ mới từ kỳ trước"},
    {CADRE_PUT, "/cycles/{id}/council", accr_cycle_assign_council, MGR, f_assign, 0, 0, "Phân công hội đồng"},
    {CADRE_POST, "/cycles/{id}/transition", accr_cycle_transition, ACCR_ROLES_ACTORS, f_transition, 0, 0,
     "Chuyển trạng thái hồ sơ"},
    {CADRE_PUT, "/cycles/{id}/assessments/{criterion}", accr_assessment_save,
     "accr_school_officer accr_school_head accr_prov_council accr_central_council accr_academy", f_assessment,
     0, 0, "Ghi kết quả đánh giá một tiêu chí"},
    {CADRE_PUT, "/cycles/{id}/assessments", accr_assessment_sheet,
     "accr_school_officer accr_school_head accr_prov_council accr_central_council accr_academy", f_sheet,
     512 * 1024, 0, "Ghi kết quả nhiều tiêu chí (cả phiếu)"},
    {CADRE_POST, "/cycles/{id}/criteria/{criterion}/evidence", accr_link_add, SCHOOL, f_link, 0, 0,
     "Gắn minh chứng vào tiêu chí"},
    {CADRE_DELETE, "/cycles/{id}/criteria/{criterion}/evidence/{evidence}", accr_link_remove, SCHOOL,
     f_unlink, 0, 0, "Gỡ minh chứng khỏi tiêu chí"},
    {CADRE_POST, "/cycles/{id}/site-visits", accr_site_visit_add, "accr_central_council accr_academy",
     f_visit, 0, 0, "Ghi khảo sát thực tế"},

    /* after recognition */
    {CADRE_GET, "/register", accr_register, ALL, f_register, 0, 0, "Sổ công nhận"},
    {CADRE_GET, "/public/register", accr_public_register, CADRE_PUBLIC, f_public_register, 0, 0,
     "Sổ công nhận công khai (không cần đăng nhập)"},
    {CADRE_GET, "/recognitions/{id}", accr_recognition_get, ALL, f_id, 0, 0,
     "Một quyết định công nhận và các đợt kiểm tra"},
    {CADRE_POST, "/recognitions/{id}/inspections", accr_inspection_create, ACADEMY, f_inspection, 0, 0,
     "Mở đợt kiểm tra duy trì"},
    {CADRE_GET, "/inspections/{id}", accr_inspection_get, ALL, f_id, 0, 0, "Một đợt kiểm tra"},
    {CADRE_POST, "/inspections/{id}/findings", accr_finding_add, ACADEMY, f_finding, 0, 0, "Ghi phát hiện"},
    {CADRE_POST, "/findings/{id}/actions", accr_action_add, ACADEMY, f_action_new, 0, 0,
     "Giao biện pháp khắc phục"},
    {CADRE_PUT, "/actions/{id}", accr_action_update, "accr_school_officer accr_school_head accr_academy",
     f_action_edit, 0, 0, "Cập nhật biện pháp khắc phục"},
    {CADRE_POST, "/inspections/{id}/close", accr_inspection_close, ACADEMY, f_close, 0, 0,
     "Kết luận kiểm tra"},

    /* reports */
    {CADRE_GET, "/reports/readiness", accr_report_readiness, ALL, f_report, 0, 0,
     "Mức độ sẵn sàng của các trường"},
    {CADRE_GET, "/reports/evidence", accr_report_evidence, ALL, f_report, 0, 0,
     "Độ bao phủ, hiệu lực minh chứng"},
    {CADRE_GET, "/reports/review", accr_report_review, ALL, f_review, 0, 0, "Sơ kết 5 năm"},
    {.path = NULL},
};

static const struct cadre_command commands[] = {
    {"import-criteria", accr_cmd_import_criteria, "import-criteria MÃ_PHIÊN_BẢN TỆP.csv [--dry-run]",
     "Nhập bộ tiêu chí của một phiên bản tiêu chuẩn từ CSV"},
    {"import-plan", accr_cmd_import_plan, "import-plan TỆP_KẾ_HOẠCH.txt",
     "Đọc chỉ tiêu, giai đoạn, hạn trình Đề án từ văn bản kế hoạch"},
    {"remind", accr_cmd_remind, "remind",
     "Nhắc minh chứng sắp hết hiệu lực, biện pháp khắc phục quá hạn, công nhận sắp hết hạn"},
    {"demo", accr_cmd_demo, "demo [TỆP_KẾ_HOẠCH]", "Dữ liệu mẫu của phân hệ"},
    {.verb = NULL},
};

static const char *const module_roles[] = {ACCR_ROLE_SCHOOL,
                                           ACCR_ROLE_HEAD,
                                           ACCR_ROLE_PROVINCE,
                                           ACCR_ROLE_PROV_COUNCIL,
                                           ACCR_ROLE_CENTRAL_COUNCIL,
                                           ACCR_ROLE_ACADEMY,
                                           NULL};

static const struct cadre_plugin accreditation = {
    .abi = CADRE_ABI_BLOCK,
    .name = "accreditation",
    .title = "Trường chính trị chuẩn",
    .version = "1.0",
    .routes = routes,
    .commands = commands,
    .migrations = "accreditation",
    .ui_path = "/accreditation/",
    .roles = module_roles,
};

CADRE_PLUGIN(accreditation)
