/*
 * `cadre-admin accreditation demo [SEED]`: the sample catalogues (labelled
 * as samples), the plan's targets read from the seed text, provincial
 * projects, and a few schools at different stages:
 *
 *   P01-TCT  under central appraisal, site visit done: one step from recognition
 *   P02-TCT  self-assessing, half the criteria done
 *   P03-TCT  recognised at level 1, an inspection under way
 *   P04-TCT  returned by the provincial council for changes
 *   P05-TCT  submitted to the provincial council
 *
 * Runs after sql/demo/accreditation (which grants the demo users their
 * roles). Idempotent: a school that already has a cycle is left alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accreditation.h"

/* The plan, shipped with the suite under [server] data_dir. */
#define SEED "seeds/000_5c26560af27bbbaf.txt"

static int64_t agency(cadre_req *ctx, const char *code) {
  int64_t id = 0;
  cadre_db_int(ctx, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code)));
  return id;
}

static int64_t user_id(cadre_req *ctx, const char *login) {
  int64_t id = 0;
  cadre_db_int(ctx, &id, "SELECT id FROM app_user WHERE login = ?", CV_ARGS(CV_STR(login)));
  return id;
}

/* ---- Catalogue and plan ------------------------------------------------------------- */

static int64_t ensure_version(cadre_req *ctx, const char *code, const char *title, const char *issued,
                              int64_t replaces, const char *csv) {
  cadre_db_exec(ctx,
                "INSERT IGNORE INTO accreditation_version (code, title, issued_date, status,"
                " is_sample, note, replaces_id) VALUES (?, ?, ?, 'active', 1, ?, ?)",
                CV_ARGS(CV_STR(code), CV_STR(title), CV_STR(issued),
                        CV_STR("Bộ tiêu chí MẪU để minh họa cách dùng phần mềm; không phải văn "
                               "bản của Quy định. Học viện nhập bộ tiêu chí chính thức bằng tệp "
                               "CSV."),
                        CV_INT_IF(replaces > 0, replaces)));
  int64_t id = 0;
  cadre_db_int(ctx, &id, "SELECT id FROM accreditation_version WHERE code = ?", CV_ARGS(CV_STR(code)));
  if (id <= 0)
    return 0;
  struct accr_import_report rep;
  if (accr_import_csv(ctx, id, csv, strlen(csv), false, &rep) && rep.errors) {
    fprintf(stderr, "Bộ tiêu chí mẫu %s có %d lỗi.\n", code, rep.errors);
    return 0;
  }
  printf("Bộ tiêu chí mẫu %s: %d dòng.\n", code, rep.rows);
  return id;
}

static int demo_catalogue(cadre_req *ctx, int64_t *v396) {
  int64_t v11 = ensure_version(ctx, "11-QĐ/TW",
                               "[MẪU] Quy định số 11-QĐ/TW ngày 19/5/2021 về trường chính trị "
                               "chuẩn",
                               "2021-05-19", 0, accr_sample_catalogue_11);
  *v396 = ensure_version(ctx, "396-QĐ/TW",
                         "[MẪU] Quy định số 396-QĐ/TW ngày 06/01/2026 của Ban Bí thư về trường "
                         "chính trị chuẩn",
                         "2026-01-06", v11, accr_sample_catalogue_396);
  /* 396-QĐ/TW replaces 11-QĐ/TW: the older one is retired. */
  if (v11)
    cadre_db_exec(ctx, "UPDATE accreditation_version SET status = 'retired' WHERE id = ?",
                  CV_ARGS(CV_INT(v11)));
  return *v396 ? 0 : -1;
}

static void demo_plan(cadre_req *ctx, const char *path) {
  size_t len;
  char *text = accr_slurp(path, &len);
  if (!text) {
    printf("Không thấy văn bản kế hoạch %s: bỏ qua chỉ tiêu (nhập bằng import-plan).\n", path);
    return;
  }
  char *args[] = {(char *)"import-plan", (char *)path};
  accr_cmd_import_plan(ctx, 2, args);
  free(text);
}

/* ---- Provincial projects ------------------------------------------------------------ */

static void demo_projects(cadre_req *ctx) {
  static const struct {
    const char *province, *number, *date, *committee, *status;
  } rows[] = {
      {"P01", "05-ĐA/TU", "2026-03-20", "2026-03-25", "approved"},
      {"P02", "12-ĐA/TU", "2026-03-10", "2026-03-28", "approved"},
      {"P03", "08-ĐA/TU", "2026-02-27", "2026-03-05", "approved"},
      {"P04", "03-ĐA/TU", "2026-04-10", "2026-04-15", "submitted"}, /* after the deadline */
      {"P05", NULL, NULL, NULL, "drafting"},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    int64_t province = agency(ctx, rows[i].province);
    if (!province)
      continue;
    cadre_db_exec(ctx,
                  "INSERT IGNORE INTO accreditation_project (province_agency_id, number,"
                  " project_date, title, approving_body, standing_committee_date, status)"
                  " VALUES (?, ?, ?, 'Đề án xây dựng trường chính trị đạt chuẩn giai đoạn"
                  " 2026-2030', ?, ?, ?)",
                  CV_ARGS(CV_INT(province), CV_STR(rows[i].number), CV_STR(rows[i].date),
                          CV_STR(rows[i].number ? "Ban Thường vụ Tỉnh ủy, Thành ủy" : NULL),
                          CV_STR(rows[i].committee), CV_STR(rows[i].status)));
  }
}

/* ---- A school's library, staff and roadmap ------------------------------------------------ */

static void demo_staff(cadre_req *ctx, int64_t school, int lecturers, int masters, int doctors) {
  static const char *const names[] = {"Nguyễn Văn An", "Trần Thị Bình",   "Lê Văn Cường",   "Phạm Thị Dung",
                                      "Hoàng Văn Em",  "Vũ Thị Giang",    "Đặng Văn Hải",   "Bùi Thị Hạnh",
                                      "Đỗ Văn Khoa",   "Ngô Thị Lan",     "Dương Văn Minh", "Lý Thị Ngọc",
                                      "Phan Văn Phúc", "Trịnh Thị Quyên", "Mai Văn Sơn"};
  for (int i = 0; i < lecturers && i < 14; i++) {
    const char *degree = i < doctors ? "doctor" : i < masters ? "master" : "bachelor";
    cadre_db_exec(ctx,
                  "INSERT INTO accreditation_staff (school_agency_id, full_name, kind, position,"
                  " degree, political_theory, lecturer_rank, pedagogy) VALUES (?, ?, 'lecturer',"
                  " 'Giảng viên', ?, 'advanced', ?, 1)",
                  CV_ARGS(CV_INT(school), CV_STR(names[i]), CV_STR(degree),
                          CV_STR(i < 3 ? "main_lecturer" : "lecturer")));
  }
  cadre_db_exec(ctx,
                "INSERT INTO accreditation_staff (school_agency_id, full_name, kind, position,"
                " degree, political_theory, lecturer_rank, pedagogy) VALUES (?, ?, 'both',"
                " 'Hiệu trưởng', 'doctor', 'advanced', 'senior_lecturer', 1)",
                CV_ARGS(CV_INT(school), CV_STR(names[14])));
}

static int64_t demo_evidence(cadre_req *ctx, int64_t school, const char *code, const char *title,
                             const char *number, const char *date, const char *until, bool with_file) {
  int64_t file = 0;
  if (with_file) {
    const char *text =
        cadre_printf(ctx, "%s\nSố: %s ngày %s\n(Tệp minh họa của dữ liệu mẫu)\n", title, number, date);
    cadre_upload up = {.field = "file",
                       .filename = cadre_printf(ctx, "%s.txt", code),
                       .mime = "text/plain",
                       .data = (const unsigned char *)text,
                       .size = strlen(text)};
    file = cadre_file_store(ctx, &up, school);
  }
  cadre_db_exec(ctx,
                "INSERT IGNORE INTO accreditation_evidence (school_agency_id, code, title,"
                " doc_number, doc_date, issuer, valid_from, valid_until, file_id)"
                " VALUES (?, ?, ?, ?, ?, 'Tỉnh ủy, Thành ủy', ?, ?, ?)",
                CV_ARGS(CV_INT(school), CV_STR(code), CV_STR(title), CV_STR(number), CV_STR(date),
                        CV_STR(date), CV_STR(until), CV_INT_IF(file > 0, file)));
  int64_t id = 0;
  cadre_db_int(ctx, &id, "SELECT id FROM accreditation_evidence WHERE school_agency_id = ? AND code = ?",
               CV_ARGS(CV_INT(school), CV_STR(code)));
  return id;
}

static void demo_library(cadre_req *ctx, int64_t school) {
  demo_evidence(ctx, school, "H1.01", "Quyết định kiện toàn tổ chức bộ máy của trường", "120-QĐ/TU",
                "2025-08-01", NULL, true);
  demo_evidence(ctx, school, "H1.02", "Danh sách giảng viên và văn bằng", "45/BC-TCT", "2026-01-15",
                "2026-12-31", true);
  demo_evidence(ctx, school, "H2.01", "Kế hoạch đào tạo, bồi dưỡng năm 2026", "02/KH-TCT", "2026-01-05",
                "2026-12-31", true);
  demo_evidence(ctx, school, "H4.01", "Biên bản kiểm kê tài sản năm 2025", "10/BB-TCT", "2025-12-31",
                "2026-06-30", false);
  demo_evidence(ctx, school, "H5.01", "Quyết định xếp loại tổ chức đảng năm 2025", "301-QĐ/ĐU", "2026-01-20",
                NULL, true);
}

static void demo_roadmap(cadre_req *ctx, int64_t school, int year1, int year2) {
  cadre_db_exec(ctx,
                "INSERT IGNORE INTO accreditation_roadmap (school_agency_id, target_level,"
                " target_year) VALUES (?, 1, ?)",
                CV_ARGS(CV_INT(school), CV_INT(year1)));
  if (year2)
    cadre_db_exec(ctx,
                  "INSERT IGNORE INTO accreditation_roadmap (school_agency_id, target_level,"
                  " target_year) VALUES (?, 2, ?)",
                  CV_ARGS(CV_INT(school), CV_INT(year2)));
  cadre_db_exec(ctx,
                "INSERT INTO accreditation_milestone (roadmap_id, title, due_date)"
                " SELECT r.id, 'Hoàn thành tự đánh giá', CONCAT(r.target_year, '-06-30')"
                " FROM accreditation_roadmap r WHERE r.school_agency_id = ? AND r.target_level = 1"
                " AND NOT EXISTS (SELECT 1 FROM accreditation_milestone m WHERE m.roadmap_id = r.id)",
                CV_ARGS(CV_INT(school)));
}

/* ---- Cycles ------------------------------------------------------------------------- */

/* Records results on one layer for the first `share` percent of the leaves
 * (all met, full score), as a council or school would have entered them. */
static void fill_layer(cadre_req *ctx, int64_t cycle, int64_t version, const char *layer, int share) {
  cadre_db_exec(ctx,
                "INSERT INTO accreditation_assessment (cycle_id, version_id, criterion_id, layer, result,"
                " score, comment, assessed_at)"
                " SELECT ?, ?, c.id, ?, 'met', c.max_score, 'Đạt theo minh chứng.', NOW()"
                " FROM accreditation_criterion c WHERE c.version_id = ? AND c.kind <> 'group'"
                " AND NOT EXISTS (SELECT 1 FROM accreditation_criterion k WHERE k.parent_id = c.id)"
                " AND (SELECT COUNT(*) FROM accreditation_criterion o WHERE o.version_id = c.version_id"
                " AND o.kind <> 'group' AND (o.seq < c.seq OR (o.seq = c.seq AND o.code < c.code)))"
                " < ? * (SELECT COUNT(*) FROM accreditation_criterion a WHERE a.version_id = ?) / 100"
                " ON DUPLICATE KEY UPDATE result = VALUES(result), score = VALUES(score)",
                CV_ARGS(CV_INT(cycle), CV_INT(version), CV_STR(layer), CV_INT(version), CV_INT(share),
                        CV_INT(version)));
}

static void link_library(cadre_req *ctx, int64_t cycle, int64_t school, int64_t version) {
  /* H1 evidence to group TC1's leaves, H2 to TC2's, … by the number after H. */
  cadre_db_exec(ctx,
                "INSERT IGNORE INTO accreditation_evidence_link (cycle_id, criterion_id,"
                " evidence_id, school_agency_id, version_id)"
                " SELECT ?, c.id, e.id, e.school_agency_id, c.version_id"
                " FROM accreditation_criterion c JOIN accreditation_evidence e"
                " ON e.school_agency_id = ? AND SUBSTRING(e.code, 2, 1) = SUBSTRING(c.code, 3, 1)"
                " WHERE c.version_id = ? AND c.kind <> 'group' AND NOT EXISTS (SELECT 1"
                " FROM accreditation_criterion k WHERE k.parent_id = c.id)",
                CV_ARGS(CV_INT(cycle), CV_INT(school), CV_INT(version)));
}

static int64_t council(cadre_req *ctx, const char *level, int64_t agency_id, const char *name,
                       const char *member) {
  int64_t id = 0;
  cadre_db_int(ctx, &id, "SELECT id FROM accreditation_council WHERE name = ? AND agency_id = ?",
               CV_ARGS(CV_STR(name), CV_INT(agency_id)));
  if (!id) {
    cadre_db_exec(ctx,
                  "INSERT INTO accreditation_council (level, agency_id, name, decision_no,"
                  " decision_date) VALUES (?, ?, ?, ?, '2026-04-15')",
                  CV_ARGS(CV_STR(level), CV_INT(agency_id), CV_STR(name),
                          CV_STR(strcmp(level, "central") == 0 ? "88-QĐ/HVCTQG" : "210-QĐ/TU")));
    id = cadre_db_last_id(ctx);
  }
  int64_t uid = member ? user_id(ctx, member) : 0;
  if (uid)
    cadre_db_exec(ctx,
                  "INSERT IGNORE INTO accreditation_council_member (council_id, user_id,"
                  " member_role) VALUES (?, ?, 'secretary')",
                  CV_ARGS(CV_INT(id), CV_INT(uid)));
  return id;
}

static int step(cadre_req *ctx, int64_t cycle, enum accr_action action, const char *note) {
  struct accr_transition_input in = {.note = note};
  if (accr_transition_run(ctx, cycle, action, &in)) {
    fprintf(stderr, "Không thực hiện được “%s” cho kỳ %lld.\n", accr_action_title(action), (long long)cycle);
    return -1;
  }
  return 0;
}

struct demo {
  int64_t version;
  int64_t central_council;
};

/* Opens a level-1 cycle for the school and walks it to `target`. */
static void demo_cycle(cadre_req *ctx, const struct demo *d, const char *code, enum accr_state target,
                       const char *council_member) {
  int64_t school = agency(ctx, code);
  if (!school)
    return;
  int64_t existing = 0;
  cadre_db_int(ctx, &existing, "SELECT COUNT(*) FROM accreditation_cycle WHERE school_agency_id = ?",
               CV_ARGS(CV_INT(school)));
  if (existing > 0)
    return;
  int64_t province = 0;
  cadre_db_int(ctx, &province, "SELECT parent_id FROM agency WHERE id = ?", CV_ARGS(CV_INT(school)));
  demo_library(ctx, school);
  int64_t cycle = accr_cycle_insert(ctx, school, d->version, 1, "Đánh giá mức 1 năm 2026", 0);
  if (cycle <= 0)
    return;
  int64_t prov =
      council(ctx, "provincial", province, "Hội đồng đánh giá trường chính trị chuẩn", council_member);
  cadre_db_exec(ctx,
                "UPDATE accreditation_cycle SET provincial_council_id = ?, central_council_id = ?"
                " WHERE id = ?",
                CV_ARGS(CV_INT(prov), CV_INT(d->central_council), CV_INT(cycle)));
  link_library(ctx, cycle, school, d->version);
  if (step(ctx, cycle, ACCR_A_START, NULL) || target == ACCR_S_SELF_ASSESSING) {
    fill_layer(ctx, cycle, d->version, "self", 50);
    return;
  }
  fill_layer(ctx, cycle, d->version, "self", 100);
  if (step(ctx, cycle, ACCR_A_SUBMIT, NULL) || target == ACCR_S_SUBMITTED_PROVINCIAL)
    return;
  if (step(ctx, cycle, ACCR_A_OPEN_REVIEW, NULL))
    return;
  if (target == ACCR_S_CHANGES_REQUESTED) {
    step(ctx, cycle, ACCR_A_REQUEST_CHANGES,
         "Đề nghị bổ sung minh chứng về cơ sở vật chất (biên bản kiểm kê đã hết hiệu lực).");
    return;
  }
  fill_layer(ctx, cycle, d->version, "provincial", 100);
  if (step(ctx, cycle, ACCR_A_ENDORSE, NULL) || step(ctx, cycle, ACCR_A_SUBMIT_CENTRAL, NULL) ||
      step(ctx, cycle, ACCR_A_OPEN_APPRAISAL, NULL))
    return;
  fill_layer(ctx, cycle, d->version, "central", 100);
  cadre_db_exec(ctx,
                "INSERT INTO accreditation_site_visit (cycle_id, visit_date, team, notes)"
                " VALUES (?, '2026-09-10', 'Đoàn khảo sát của Hội đồng cấp Trung ương',"
                " 'Cơ sở vật chất, thư viện, hồ sơ đào tạo đúng như báo cáo.')",
                CV_ARGS(CV_INT(cycle)));
  if (target == ACCR_S_CENTRAL_APPRAISAL)
    return;
  struct accr_transition_input in = {
      .decision_no = "123-QĐ/HVCTQG", .decision_date = "2026-10-15", .valid_until = "2031-10-15", .level = 1};
  if (accr_transition_run(ctx, cycle, ACCR_A_RECOGNISE, &in))
    return;
  cadre_db_exec(ctx,
                "INSERT INTO accreditation_inspection (recognition_id, inspection_date, team)"
                " SELECT id, '2027-10-20', 'Đoàn kiểm tra của Vụ Các trường chính trị'"
                " FROM accreditation_recognition WHERE cycle_id = ?",
                CV_ARGS(CV_INT(cycle)));
}

/* Not one transaction: each transition runs in its own (as it would over
 * HTTP), and every piece is idempotent, so a rerun completes a partial one. */
static void demo_schools(cadre_req *ctx, struct demo *d) {
  demo_projects(ctx);
  int64_t academy = agency(ctx, "HVCTQG");
  if (!academy)
    academy = agency(ctx, "VN");
  d->central_council =
      council(ctx, "central", academy, "Hội đồng thẩm định trường chính trị chuẩn cấp Trung ương",
              "academy.reviewer");
  static const struct {
    const char *code;
    int year1, year2;
    int lecturers, masters, doctors;
  } schools[] = {
      {"P01-TCT", 2026, 2028, 12, 10, 4}, {"P02-TCT", 2027, 2029, 10, 6, 1},
      {"P03-TCT", 2026, 2029, 11, 9, 3},  {"P04-TCT", 2027, 0, 8, 5, 1},
      {"P05-TCT", 2027, 2030, 9, 6, 2},   {"P06-TCT", 2028, 0, 7, 4, 0},
      {"P07-TCT", 2028, 2030, 9, 7, 2},
  };
  for (size_t i = 0; i < sizeof(schools) / sizeof(schools[0]); i++) {
    int64_t school = agency(ctx, schools[i].code);
    if (!school)
      continue;
    demo_roadmap(ctx, school, schools[i].year1, schools[i].year2);
    int64_t has_staff = 0;
    cadre_db_int(ctx, &has_staff, "SELECT COUNT(*) FROM accreditation_staff WHERE school_agency_id = ?",
                 CV_ARGS(CV_INT(school)));
    if (!has_staff)
      demo_staff(ctx, school, schools[i].lecturers, schools[i].masters, schools[i].doctors);
  }
  demo_cycle(ctx, d, "P01-TCT", ACCR_S_CENTRAL_APPRAISAL, "hn.board");
  demo_cycle(ctx, d, "P02-TCT", ACCR_S_SELF_ASSESSING, NULL);
  demo_cycle(ctx, d, "P03-TCT", ACCR_S_RECOGNISED, NULL);
  demo_cycle(ctx, d, "P04-TCT", ACCR_S_CHANGES_REQUESTED, NULL);
  demo_cycle(ctx, d, "P05-TCT", ACCR_S_SUBMITTED_PROVINCIAL, NULL);
}

int accr_cmd_demo(cadre_req *ctx, int argc, char **argv) {
  /* argv[0] is the verb itself */
  argc--, argv++;
  struct demo d = {0};
  if (demo_catalogue(ctx, &d.version)) {
    fprintf(stderr, "Không tạo được bộ tiêu chí mẫu.\n");
    return 1;
  }
  demo_plan(ctx, argc > 0 ? argv[0] : cadre_data_path(ctx, SEED));
  demo_schools(ctx, &d);
  printf("Dữ liệu mẫu trường chính trị chuẩn: đã tạo.\n");
  return 0;
}
