/*
 * The emulation module (thi đua cụm trường): campaign years, clusters of
 * political and sector schools, submissions with deadlines and locks, the
 * year's targets, scoring with self-score and cross-check, the cluster's
 * ranking, and the Academy's overview. Routes, fields and roles are declared
 * here; the host enforces them before any handler runs.
 *
 * Who is who: the Academy's emulation board holds the role emulation_board
 * (with national scope); a school's focal point is an officer (or reviewer)
 * of a member school; the cluster head is whichever member school the year's
 * cluster row names, so the role passes from school to school each year
 * without touching user accounts.
 */
#include "emulation.h"

#include <stdlib.h>

#define BOARD "emulation_board"
#define SCHOOL "officer reviewer"
#define HEAD "officer reviewer emulation_board"
#define MIB ((size_t)1024 * 1024)
#define FILE_MAX (10 * MIB) /* 10 MiB per document */

static const char *const kind_choices[] = {
    "plan",          "cluster_plan", "officers",        "midyear_conference", "midyear_report",
    "school_report", "score_sheet",  "conference_plan", "cluster_dossier",    NULL};
static const char *const part_choices[] = {"main", "appendix",    "minutes", "signed", "m06",
                                           "m07",  "score_table", "m08",     "m09",    NULL};
static const char *const role_choices[] = {"self", "cross", NULL};
static const char *const crit_kind_choices[] = {"score", "bonus", "penalty", NULL};

/* ---- field declarations ---------------------------------------------------- */

#define F_END                                                                                                \
  { .name = NULL }
#define F_YEAR_PATH                                                                                          \
  { "year", CF_YEAR, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Năm thi đua" }
#define F_ID_PATH                                                                                            \
  { "id", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Mã" }
#define F_FORMAT                                                                                             \
  { "format", CF_ENUM, 0, 0, 0, cadre_export_formats, "Định dạng" }

static const struct cadre_field f_none[] = {F_END};
static const struct cadre_field f_me[] = {{"year", CF_YEAR, 0, 0, 0, NULL, "Năm thi đua"}, F_END};
static const struct cadre_field f_year[] = {F_YEAR_PATH, F_END};
static const struct cadre_field f_year_fmt[] = {F_YEAR_PATH, F_FORMAT, F_END};
static const struct cadre_field f_id[] = {F_ID_PATH, F_END};
static const struct cadre_field f_id_fmt[] = {F_ID_PATH, F_FORMAT, F_END};

static const struct cadre_field f_year_create[] = {
    {"year", CF_YEAR, CF_REQUIRED, 0, 0, NULL, "Năm thi đua"},
    {"theme", CF_STRING, CF_REQUIRED, 0, 500, NULL, "Chủ đề"},
    {"content", CF_TEXT, 0, 0, 20000, NULL, "Nội dung thi đua"},
    {"copy_from", CF_YEAR, 0, 0, 0, NULL, "Sao chép từ năm"},
    F_END};

#define F_PCT(name, label)                                                                                   \
  { name, CF_INT, 0, 0, 100, NULL, label }
static const struct cadre_field f_year_update[] = {
    F_YEAR_PATH,
    {"theme", CF_STRING, 0, 0, 500, NULL, "Chủ đề"},
    {"content", CF_TEXT, 0, 0, 20000, NULL, "Nội dung thi đua"},
    {"letter_no", CF_STRING, 0, 0, 100, NULL, "Số công văn"},
    {"letter_date", CF_DATE, 0, 0, 0, NULL, "Ngày công văn"},
    F_PCT("t_ldtt_min_pct", "Tỷ lệ Lao động tiên tiến tối thiểu"),
    F_PCT("t_cstd_min_pct", "Tỷ lệ Chiến sĩ thi đua cơ sở tối thiểu"),
    F_PCT("t_cstd_max_pct", "Tỷ lệ Chiến sĩ thi đua cơ sở tối đa"),
    {"t_units_ldxs_min", CF_INT, 0, 0, 1000, NULL, "Số Tập thể Lao động xuất sắc tối thiểu"},
    F_PCT("t_commended_min_pct", "Tỷ lệ được khen thưởng tối thiểu"),
    F_PCT("t_party_good_min_pct", "Tỷ lệ tổ chức đảng Hoàn thành tốt tối thiểu"),
    F_PCT("t_party_excellent_min_pct", "Tỷ lệ tổ chức đảng Hoàn thành xuất sắc tối thiểu"),
    F_PCT("t_prof_good_over_pct", "Tỷ lệ tổ chức chuyên môn Hoàn thành tốt (trên)"),
    F_PCT("t_dept_min_pct", "Tỷ lệ khoa, phòng hưởng ứng tối thiểu"),
    F_PCT("gap_criterion_pct", "Ngưỡng chênh lệch mỗi tiêu chí (% điểm tối đa)"),
    {"gap_total_points", CF_NUM, 0, 0, 1000, NULL, "Ngưỡng chênh lệch tổng điểm"},
    {"award_flag_slots", CF_INT, 0, 0, 10, NULL, "Số Cờ thi đua mỗi cụm"},
    {"award_merit_slots", CF_INT, 0, 0, 20, NULL, "Số Bằng khen mỗi cụm"},
    F_END};

static const struct cadre_field f_deadline_update[] = {
    F_ID_PATH,
    {"title", CF_STRING, 0, 0, 300, NULL, "Tên hồ sơ"},
    {"due_date", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Hạn nộp"},
    {"lock_date", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Ngày khóa"},
    F_END};

static const struct cadre_field f_import_letter[] = {
    {"file", CF_FILE, CF_REQUIRED, 0, (int64_t)MIB, cadre_mime_text, "Tệp công văn (văn bản)"},
    {"dry_run", CF_BOOL, 0, 0, 0, NULL, "Chỉ kiểm tra"},
    F_END};

static const struct cadre_field f_schools[] = {
    {"year", CF_YEAR, 0, 0, 0, NULL, "Năm thi đua"}, {"q", CF_STRING, 0, 0, 100, NULL, "Tìm kiếm"}, F_END};

static const struct cadre_field f_cluster_create[] = {
    F_YEAR_PATH,
    {"code", CF_CODE, CF_REQUIRED, 0, 32, NULL, "Mã cụm"},
    {"name", CF_STRING, CF_REQUIRED, 0, 255, NULL, "Tên cụm"},
    {"is_sample", CF_BOOL, 0, 0, 0, NULL, "Dữ liệu minh họa"},
    F_END};

static const struct cadre_field f_cluster_update[] = {
    F_ID_PATH,
    {"name", CF_STRING, CF_REQUIRED, 0, 255, NULL, "Tên cụm"},
    {"head_school", CF_ID, 0, 0, 0, NULL, "Cụm trưởng"},
    {"deputy_school", CF_ID, 0, 0, 0, NULL, "Cụm phó"},
    F_END};

static const struct cadre_field f_member_add[] = {
    F_ID_PATH, {"school", CF_ID, CF_REQUIRED, 0, 0, NULL, "Trường"}, F_END};
static const struct cadre_field f_member_remove[] = {
    F_ID_PATH, {"school", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Trường"}, F_END};

static const struct cadre_field f_next_term[] = {
    F_ID_PATH,
    {"head_school", CF_ID, CF_REQUIRED, 0, 0, NULL, "Cụm trưởng năm sau"},
    {"deputy_school", CF_ID, CF_REQUIRED, 0, 0, NULL, "Cụm phó năm sau"},
    F_END};

#define F_KIND_PATH                                                                                          \
  { "kind", CF_ENUM, CF_REQUIRED | CF_PATH, 0, 0, kind_choices, "Loại hồ sơ" }
static const struct cadre_field f_sub_save[] = {
    F_YEAR_PATH,
    F_KIND_PATH,
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    {"registration", CF_TEXT, 0, 0, 5000, NULL, "Đăng ký thi đua"},
    {"held_on", CF_DATE, 0, 0, 0, NULL, "Ngày tổ chức hội nghị"},
    {"place", CF_STRING, 0, 0, 300, NULL, "Địa điểm"},
    F_END};
static const struct cadre_field f_sub_upload[] = {
    F_YEAR_PATH,
    F_KIND_PATH,
    {"file", CF_FILE, CF_REQUIRED, 0, FILE_MAX, cadre_mime_documents, "Tệp hồ sơ"},
    {"part", CF_ENUM, CF_REQUIRED, 0, 0, part_choices, "Thành phần hồ sơ"},
    F_END};
static const struct cadre_field f_sub_submit[] = {
    F_YEAR_PATH,
    F_KIND_PATH,
    {"file", CF_FILE, 0, 0, FILE_MAX, cadre_mime_documents, "Tệp hồ sơ"},
    {"part", CF_ENUM, 0, 0, 0, part_choices, "Thành phần hồ sơ"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    {"registration", CF_TEXT, 0, 0, 5000, NULL, "Đăng ký thi đua"},
    {"held_on", CF_DATE, 0, 0, 0, NULL, "Ngày tổ chức hội nghị"},
    {"place", CF_STRING, 0, 0, 300, NULL, "Địa điểm"},
    F_END};
static const struct cadre_field f_sub_file[] = {
    F_ID_PATH, {"file", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Tệp"}, F_END};
static const struct cadre_field f_sub_return[] = {
    F_ID_PATH, {"reason", CF_TEXT, CF_REQUIRED, 0, 2000, NULL, "Lý do trả lại"}, F_END};

static const struct cadre_field f_exception[] = {
    F_ID_PATH,
    {"kind", CF_ENUM, CF_REQUIRED, 0, 0, kind_choices, "Loại hồ sơ"},
    {"school", CF_ID, 0, 0, 0, NULL, "Trường"},
    {"until", CF_DATE, CF_REQUIRED, 0, 0, NULL, "Gia hạn đến ngày"},
    {"reason", CF_STRING, CF_REQUIRED, 0, 1000, NULL, "Lý do"},
    F_END};

static const struct cadre_field f_figures_get[] = {
    F_YEAR_PATH, {"school", CF_ID, 0, 0, 0, NULL, "Trường"}, F_END};
#define F_COUNT(name, label)                                                                                 \
  { name, CF_INT, CF_REQUIRED, 0, 1000000, NULL, label }
static const struct cadre_field f_figures_put[] = {
    F_YEAR_PATH,
    F_COUNT("staff_total", "Tổng số cán bộ, viên chức, người lao động"),
    F_COUNT("ldtt", "Số cá nhân đạt Lao động tiên tiến"),
    F_COUNT("cstd", "Số Chiến sĩ thi đua cơ sở"),
    F_COUNT("units_total", "Tổng số tập thể"),
    F_COUNT("units_ldtt", "Số Tập thể Lao động tiên tiến"),
    F_COUNT("units_ldxs", "Số Tập thể Lao động xuất sắc"),
    F_COUNT("commended", "Số tập thể, cá nhân được khen thưởng"),
    F_COUNT("party_total", "Tổng số tổ chức đảng"),
    F_COUNT("party_good", "Số tổ chức đảng Hoàn thành tốt nhiệm vụ"),
    F_COUNT("party_excellent", "Số tổ chức đảng Hoàn thành xuất sắc nhiệm vụ"),
    F_COUNT("prof_total", "Tổng số tổ chức chuyên môn, đơn vị, đoàn thể"),
    F_COUNT("prof_good", "Số tổ chức chuyên môn Hoàn thành tốt nhiệm vụ"),
    F_COUNT("prof_excellent", "Số tổ chức chuyên môn Hoàn thành xuất sắc nhiệm vụ"),
    F_COUNT("dept_total", "Tổng số khoa, phòng"),
    F_COUNT("dept_joined", "Số khoa, phòng hưởng ứng"),
    F_END};

static const struct cadre_field f_sheet_update[] = {
    F_ID_PATH,
    {"title", CF_STRING, CF_REQUIRED, 0, 300, NULL, "Tên phiếu"},
    {"note", CF_TEXT, 0, 0, 5000, NULL, "Ghi chú"},
    {"is_sample", CF_BOOL, 0, 0, 0, NULL, "Phiếu minh họa"},
    F_END};
static const struct cadre_field f_criterion[] = {
    F_ID_PATH,
    {"code", CF_STRING, CF_REQUIRED, 0, 20, NULL, "Mã tiêu chí"},
    {"section", CF_STRING, 0, 0, 300, NULL, "Nhóm tiêu chí"},
    {"title", CF_STRING, CF_REQUIRED, 0, 1000, NULL, "Nội dung tiêu chí"},
    {"kind", CF_ENUM, CF_REQUIRED, 0, 0, crit_kind_choices, "Loại điểm"},
    {"max_points", CF_NUM, CF_REQUIRED, 0, 9999, NULL, "Điểm tối đa"},
    {"levels", CF_JSON, 0, 0, 0, NULL, "Mức điểm"},
    {"evidence", CF_STRING, 0, 0, 1000, NULL, "Minh chứng"},
    {"seq", CF_INT, 0, 0, 10000, NULL, "Thứ tự"},
    F_END};

static const struct cadre_field f_card_get[] = {
    F_YEAR_PATH,
    {"school", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Trường"},
    {"role", CF_ENUM, 0, 0, 0, role_choices, "Bảng điểm"},
    F_END};
static const struct cadre_field f_card_put[] = {
    F_YEAR_PATH,
    {"school", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Trường"},
    {"role", CF_ENUM, CF_REQUIRED | CF_PATH, 0, 0, role_choices, "Bảng điểm"},
    {"scores", CF_JSON, CF_REQUIRED, 0, 0, NULL, "Điểm"},
    F_END};
static const struct cadre_field f_card_school[] = {
    F_YEAR_PATH, {"school", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Trường"}, F_END};
static const struct cadre_field f_card_reopen[] = {
    F_YEAR_PATH,
    {"school", CF_ID, CF_REQUIRED | CF_PATH, 0, 0, NULL, "Trường"},
    {"reason", CF_TEXT, 0, 0, 2000, NULL, "Lý do"},
    F_END};
static const struct cadre_field f_cross_assign[] = {F_ID_PATH,
                                                    {"school", CF_ID, 0, 0, 0, NULL, "Trường được kiểm tra"},
                                                    {"checker", CF_ID, 0, 0, 0, NULL, "Trường kiểm tra chéo"},
                                                    {"rotate", CF_BOOL, 0, 0, 0, NULL, "Phân công xoay vòng"},
                                                    F_END};
static const struct cadre_field f_reason[] = {
    F_ID_PATH, {"reason", CF_TEXT, 0, 0, 2000, NULL, "Lý do"}, F_END};

/* ---- routes -------------------------------------------------------------------- */

static const struct cadre_route routes[] = {
    {CADRE_GET, "/me", em_h_me, CADRE_ANY_USER, f_me, 0, 0,
     "the caller's role in a year (board, school, head)"},

    {CADRE_GET, "/years", em_h_years_list, CADRE_ANY_USER, f_none, 0, 0, "campaign years"},
    {CADRE_POST, "/years", em_h_year_create, BOARD, f_year_create, 0, 0,
     "create a year (calendar, sheets, clusters copied)"},
    {CADRE_GET, "/years/{year}", em_h_year_get, CADRE_ANY_USER, f_year, 0, 0,
     "a year: theme, targets, deadlines, sheets"},
    {CADRE_PUT, "/years/{year}", em_h_year_update, BOARD, f_year_update, 0, 0,
     "theme, content, targets, gap and award settings"},
    {CADRE_PUT, "/deadlines/{id}", em_h_deadline_update, BOARD, f_deadline_update, 0, 0,
     "a deadline's title, due and lock dates"},
    {CADRE_POST, "/import-letter", em_h_import_letter, BOARD, f_import_letter, 2 * MIB, CADRE_RF_MULTIPART,
     "read the Academy's yearly letter into a year"},

    {CADRE_GET, "/schools", em_h_schools, CADRE_ANY_USER, f_schools, 0, 0,
     "political and sector schools with their cluster"},
    {CADRE_GET, "/years/{year}/clusters", em_h_clusters_list, CADRE_ANY_USER, f_year, 0, 0,
     "clusters the caller may see"},
    {CADRE_POST, "/years/{year}/clusters", em_h_cluster_create, BOARD, f_cluster_create, 0, 0,
     "create a cluster"},
    {CADRE_GET, "/clusters/{id}", em_h_cluster_get, CADRE_ANY_USER, f_id, 0, 0, "a cluster with its members"},
    {CADRE_PUT, "/clusters/{id}", em_h_cluster_update, BOARD, f_cluster_update, 0, 0,
     "rename, set head and deputy"},
    {CADRE_POST, "/clusters/{id}/members", em_h_member_add, BOARD, f_member_add, 0, 0, "add a school"},
    {CADRE_DELETE, "/clusters/{id}/members/{school}", em_h_member_remove, BOARD, f_member_remove, 0, 0,
     "remove a school"},
    {CADRE_PUT, "/clusters/{id}/next-term", em_h_next_term_propose, HEAD, f_next_term, 0, 0,
     "propose next year's head and deputy (Mẫu 08)"},
    {CADRE_POST, "/clusters/{id}/next-term/confirm", em_h_next_term_confirm, BOARD, f_id, 0, 0,
     "confirm next year's head and deputy"},

    {CADRE_GET, "/years/{year}/my", em_h_my, CADRE_ANY_USER, f_year, 0, 0,
     "my school's (and my cluster's) submissions"},
    {CADRE_GET, "/submissions/{id}", em_h_submission_get, CADRE_ANY_USER, f_id, 0, 0,
     "a submission with its files"},
    {CADRE_PUT, "/years/{year}/submissions/{kind}", em_h_submission_save, HEAD, f_sub_save, 0, 0,
     "save a submission's fields before submitting"},
    {CADRE_POST, "/years/{year}/submissions/{kind}/files", em_h_submission_upload, HEAD, f_sub_upload,
     FILE_MAX + 64 * (size_t)1024, CADRE_RF_MULTIPART, "attach a file"},
    {CADRE_POST, "/years/{year}/submissions/{kind}/submit", em_h_submission_submit, HEAD, f_sub_submit,
     FILE_MAX + 64 * (size_t)1024, CADRE_RF_MULTIPART, "submit (locks it)"},
    {CADRE_DELETE, "/submissions/{id}/files/{file}", em_h_submission_file_remove, HEAD, f_sub_file, 0, 0,
     "remove a file before submitting"},
    {CADRE_GET, "/submissions/{id}/files/{file}", em_h_submission_file_get, CADRE_ANY_USER, f_sub_file, 0, 0,
     "download a file"},
    {CADRE_POST, "/submissions/{id}/return", em_h_submission_return, HEAD, f_sub_return, 0, 0,
     "return for amendment"},
    {CADRE_POST, "/submissions/{id}/accept", em_h_submission_accept, HEAD, f_id, 0, 0, "accept"},
    {CADRE_POST, "/clusters/{id}/exceptions", em_h_exception_grant, HEAD, f_exception, 0, 0,
     "grant one school a lock exception"},
    {CADRE_GET, "/clusters/{id}/exceptions", em_h_exceptions_list, CADRE_ANY_USER, f_id, 0, 0,
     "lock exceptions of a cluster"},

    {CADRE_GET, "/years/{year}/figures", em_h_figures_get, CADRE_ANY_USER, f_figures_get, 0, 0,
     "a school's year-end figures and targets"},
    {CADRE_PUT, "/years/{year}/figures", em_h_figures_put, SCHOOL, f_figures_put, 0, 0,
     "enter my school's year-end figures"},
    {CADRE_GET, "/clusters/{id}/targets", em_h_targets, CADRE_ANY_USER, f_id_fmt, 0, 0,
     "targets per school (json, csv, xlsx)"},

    {CADRE_GET, "/years/{year}/sheets", em_h_sheets_list, CADRE_ANY_USER, f_year, 0, 0,
     "scoring sheets of a year"},
    {CADRE_GET, "/sheets/{id}", em_h_sheet_get, CADRE_ANY_USER, f_id, 0, 0, "a sheet with its criteria"},
    {CADRE_PUT, "/sheets/{id}", em_h_sheet_update, BOARD, f_sheet_update, 0, 0, "rename a sheet"},
    {CADRE_POST, "/sheets/{id}/criteria", em_h_criterion_create, BOARD, f_criterion, 0, 0, "add a criterion"},
    {CADRE_PUT, "/criteria/{id}", em_h_criterion_update, BOARD, f_criterion, 0, 0, "change a criterion"},
    {CADRE_DELETE, "/criteria/{id}", em_h_criterion_delete, BOARD, f_id, 0, 0, "remove a criterion"},

    {CADRE_GET, "/years/{year}/scorecards/{school}", em_h_scorecard_get, CADRE_ANY_USER, f_card_get, 0, 0,
     "a school's self-score or cross-check"},
    {CADRE_PUT, "/years/{year}/scorecards/{school}/{role}", em_h_scorecard_put, SCHOOL, f_card_put,
     256 * (size_t)1024, 0, "score criteria (self or cross-check)"},
    {CADRE_POST, "/years/{year}/scorecards/{school}/cross/submit", em_h_cross_submit, SCHOOL, f_card_school,
     0, 0, "submit a cross-check"},
    {CADRE_POST, "/years/{year}/scorecards/{school}/cross/reopen", em_h_cross_reopen, HEAD, f_card_reopen, 0,
     0, "send a cross-check back for re-scoring"},
    {CADRE_POST, "/clusters/{id}/cross-checkers", em_h_cross_assign, HEAD, f_cross_assign, 0, 0,
     "assign who cross-checks whom"},
    {CADRE_GET, "/scorecards/{id}/history", em_h_score_history, CADRE_ANY_USER, f_id, 0, 0,
     "who scored what, every change"},

    {CADRE_GET, "/clusters/{id}/scores", em_h_scores, CADRE_ANY_USER, f_id_fmt, 0, 0,
     "score table and ranking (json, csv, xlsx)"},
    {CADRE_POST, "/clusters/{id}/finalize", em_h_finalize, HEAD, f_id, 0, 0,
     "finalise the table: ranking, proposals, publication"},
    {CADRE_POST, "/clusters/{id}/reopen", em_h_reopen, BOARD, f_reason, 0, 0, "reopen a finalised table"},

    {CADRE_GET, "/clusters/{id}/dashboard", em_h_dashboard, CADRE_ANY_USER, f_id_fmt, 0, 0,
     "who submitted what, on time or late (json, csv, xlsx)"},
    {CADRE_GET, "/years/{year}/overview", em_h_overview, BOARD, f_year_fmt, 0, 0,
     "the Academy's overview across clusters (json, csv, xlsx)"},

    {.path = NULL},
};

static const struct cadre_command commands[] = {
    {"import-letter", em_cmd_import_letter, "import-letter FILE [--dry-run]",
     "đọc công văn hướng dẫn thi đua hằng năm của Học viện thành năm thi đua"},
    {"demo", em_cmd_demo, "demo", "dữ liệu minh họa: năm 2023 từ công văn 3552-CV/HVCTQG và các cụm mẫu"},
    {.verb = NULL},
};

static const char *const roles[] = {"emulation_board", NULL};

static const struct cadre_plugin descriptor = {
    .abi = CADRE_ABI_BLOCK,
    .name = "emulation",
    .title = "Thi đua cụm trường",
    .version = "0.1.0",
    .routes = routes,
    .commands = commands,
    .migrations = "emulation",
    .ui_path = "/emulation/",
    .roles = roles,
};

CADRE_PLUGIN(descriptor);
