/* Unit tests of what the course module reads from files and forms: citizen
 * IDs, phones and e-mails as spreadsheets mangle them, participant lists
 * (header mapping, BOM, separators, in-file duplicates, malformed files),
 * the official list of administrative units, and roster entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../plugins/course/course.h"

static cadre_arena *A;

static int setup(void **state) {
  (void)state;
  A = cadre_arena_new(1 << 16);
  return A ? 0 : -1;
}
static int teardown(void **state) {
  (void)state;
  cadre_arena_free(A);
  return 0;
}

static void test_cccd(void **state) {
  (void)state;
  const char *out;
  const char *msg;
  assert_null(course_norm_cccd(A, "001 203 004 567", &out, &msg));
  assert_string_equal(out, "001203004567");
  assert_null(course_norm_cccd(A,
                               "\xC2\xA0"
                               "001203004567",
                               &out, &msg)); /* NBSP */
  assert_string_equal(course_norm_cccd(A, "1203004567", &out, &msg), "cccd_invalid");
  assert_non_null(strstr(msg, "số 0"));
  assert_string_equal(course_norm_cccd(A, "1.20300E+11", &out, &msg), "cccd_invalid");
  assert_non_null(strstr(msg, "Văn bản"));
  assert_string_equal(course_norm_cccd(A, "0012030045678", &out, &msg), "cccd_invalid");
  assert_string_equal(course_norm_cccd(A, "00120300456a", &out, &msg), "cccd_invalid");
  assert_string_equal(course_norm_cccd(A, "", &out, &msg), "cccd_required");
  assert_string_equal(course_norm_cccd(A, NULL, &out, &msg), "cccd_required");
}

static void test_phone(void **state) {
  (void)state;
  const char *out;
  const char *msg;
  assert_null(course_norm_phone(A, "0912-539-889", &out, &msg));
  assert_string_equal(out, "0912539889");
  assert_null(course_norm_phone(A, "+84 912 252 056", &out, &msg));
  assert_string_equal(out, "0912252056");
  assert_null(course_norm_phone(A, "84912252056", &out, &msg));
  assert_string_equal(out, "0912252056");
  assert_null(course_norm_phone(A, "912252056", &out, &msg)); /* lost leading 0 */
  assert_string_equal(out, "0912252056");
  assert_null(course_norm_phone(A, "(024) 3854 1234", &out, &msg));
  assert_string_equal(out, "02438541234");
  assert_string_equal(course_norm_phone(A, "12345", &out, &msg), "phone_invalid");
  assert_string_equal(course_norm_phone(A, "+1 202 555 0100", &out, &msg), "phone_invalid");
  assert_string_equal(course_norm_phone(A, "0912abc889", &out, &msg), "phone_invalid");
  assert_string_equal(course_norm_phone(A, "0012345678", &out, &msg), "phone_invalid");
  assert_string_equal(course_norm_phone(A, "", &out, &msg), "phone_required");
}

static void test_email_and_category(void **state) {
  (void)state;
  const char *out;
  const char *msg;
  assert_null(course_norm_email(A, " An.Nguyen@HaNoi.gov.vn ", &out, &msg));
  assert_string_equal(out, "an.nguyen@hanoi.gov.vn");
  assert_null(course_norm_email(A, "", &out, &msg));
  assert_null(out);
  assert_string_equal(course_norm_email(A, "an@", &out, &msg), "email_invalid");
  assert_string_equal(course_norm_email(A, "a b@x.vn", &out, &msg), "email_invalid");
  assert_string_equal(course_norm_email(A, "a@b@x.vn", &out, &msg), "email_invalid");
  assert_string_equal(course_category_parse(A, "Cán bộ lãnh đạo, quản lý cấp xã"), "commune_leader");
  assert_string_equal(course_category_parse(A, "GIẢNG VIÊN trường chính trị"), "school_lecturer");
  assert_string_equal(course_category_parse(A, "Khác"), "other");
  assert_string_equal(course_category_parse(A, ""), "other");
  assert_string_equal(course_category_parse(A, NULL), "other");
  assert_string_equal(course_category_parse(A, "school_lecturer"), "school_lecturer");
  assert_null(course_category_parse(A, "Sinh viên"));
}

static void test_participants_semicolon_bom(void **state) {
  (void)state;
  const char csv[] = "\xEF\xBB\xBF"
                     "STT;Họ và tên;Số CCCD (12 số);Điện thoại;Chức vụ;Đơn vị;"
                     "Đối tượng;Email\r\n"
                     "1;Nguyễn Văn An;001203004567;0912539889;Bí thư Đảng ủy;Xã Ba Vì;"
                     "Cán bộ lãnh đạo, quản lý cấp xã;an@bavi.vn\r\n"
                     "2;\"Trần Thị Bình\";001203004568;912252056;Giảng viên;Trường Chính trị;"
                     "Giảng viên;\r\n"
                     ";;;;;;;\r\n";
  struct course_pfile f;
  assert_int_equal(course_parse_participants(A, csv, sizeof csv - 1, &f), 0);
  assert_int_equal(f.nrows, 2);
  assert_int_equal(f.ninvalid, 0);
  assert_string_equal(f.rows[0].full_name, "Nguyễn Văn An");
  assert_string_equal(f.rows[0].cccd, "001203004567");
  assert_string_equal(f.rows[0].category, "commune_leader");
  assert_string_equal(f.rows[0].email, "an@bavi.vn");
  assert_int_equal(f.rows[0].line, 2);
  assert_string_equal(f.rows[1].phone, "0912252056");
  assert_string_equal(f.rows[1].category, "school_lecturer");
  assert_null(f.rows[1].email);
}

static void test_participants_no_bom_english(void **state) {
  (void)state;
  const char csv[] = "full_name,citizen_id,phone,category\n"
                     "Le Van C,001203004569,0987654321,other\n";
  struct course_pfile f;
  assert_int_equal(course_parse_participants(A, csv, sizeof csv - 1, &f), 0);
  assert_int_equal(f.nrows, 1);
  assert_null(f.rows[0].error_code);
  assert_null(f.rows[0].position);
}

static void test_participants_invalid_and_duplicates(void **state) {
  (void)state;
  const char csv[] = "ho ten,cccd,sdt\n"
                     "Nguyễn Văn An,001203004567,0912539889\n"
                     "Bad\x01Name,12345,abc\n"
                     "Nguyễn Văn An (lần 2),001 203 004 567,0912539889\n"
                     ",001203004570,0912539889\n";
  struct course_pfile f;
  assert_int_equal(course_parse_participants(A, csv, sizeof csv - 1, &f), 0);
  assert_int_equal(f.nrows, 4);
  assert_null(f.rows[0].error_code);
  assert_string_equal(f.rows[1].error_code, "name_invalid");
  /* Every problem of the row is listed, not only the first. */
  assert_non_null(strstr(f.rows[1].error_message, "căn cước"));
  assert_non_null(strstr(f.rows[1].error_message, "điện thoại"));
  assert_string_equal(f.rows[2].error_code, "duplicate_in_file");
  assert_int_equal(f.rows[2].dup_of_line, 2);
  assert_string_equal(f.rows[3].error_code, "name_required");
  assert_int_equal(f.ninvalid, 3);
  assert_int_equal(f.nduplicates, 1);
}

static void test_participants_file_errors(void **state) {
  (void)state;
  struct course_pfile f;
  assert_int_equal(course_parse_participants(A, "", 0, &f), -1);
  assert_string_equal(f.error_code, "csv_empty");
  const char no_cols[] = "Tên,Địa chỉ\nA,B\n";
  assert_int_equal(course_parse_participants(A, no_cols, sizeof no_cols - 1, &f), -1);
  assert_string_equal(f.error_code, "csv_missing_columns");
  assert_non_null(strstr(f.error_message, "Số CCCD"));
  const char quote[] = "ho ten,cccd,sdt\n\"Nguyễn,001203004567,0912539889\n";
  assert_int_equal(course_parse_participants(A, quote, sizeof quote - 1, &f), -1);
  assert_string_equal(f.error_code, "csv_malformed");
  const char latin1[] = "ho ten,cccd,sdt\n\xC0\xC1,001203004567,0912539889\n";
  assert_int_equal(course_parse_participants(A, latin1, sizeof latin1 - 1, &f), -1);
  assert_string_equal(f.error_code, "csv_encoding");
  const char header_only[] = "ho ten,cccd,sdt\n";
  assert_int_equal(course_parse_participants(A, header_only, sizeof header_only - 1, &f), -1);
  assert_string_equal(f.error_code, "csv_empty");
}

static void test_units(void **state) {
  (void)state;
  const char csv[] = "code,name,kind,province\n"
                     "01,Thành phố Hà Nội,Thành phố,\n"
                     "00004,Phường Ba Đình,Phường,Thành phố Hà Nội\n"
                     "00006,Xã Bất Bạt,Xã,01\n"
                     "99999,Đặc khu Bạch Long Vĩ,Đặc khu,\n"
                     "00004,Phường trùng,Phường,01\n"
                     "bad code!,Xã X,Huyện,01\n";
  struct course_ufile f;
  assert_int_equal(course_parse_units(A, csv, sizeof csv - 1, &f), 0);
  assert_int_equal(f.nrows, 6);
  assert_string_equal(f.rows[0].kind, "province");
  assert_null(f.rows[0].province);
  assert_string_equal(f.rows[1].kind, "commune");
  assert_string_equal(f.rows[1].province, "Thành phố Hà Nội");
  assert_string_equal(f.rows[3].error_code, "unit_province_required");
  assert_string_equal(f.rows[4].error_code, "duplicate_in_file");
  assert_string_equal(f.rows[5].error_code, "unit_code_invalid");
  assert_non_null(strstr(f.rows[5].error_message, "Loại đơn vị"));
  assert_int_equal(f.nprovinces, 1);
  assert_int_equal(f.ncommunes, 3); /* the duplicate parsed fine on its own */
  assert_int_equal(f.ninvalid, 3);
  const char missing[] = "code,name\n01,Hà Nội\n";
  assert_int_equal(course_parse_units(A, missing, sizeof missing - 1, &f), -1);
  assert_string_equal(f.error_code, "csv_missing_columns");
}

static void test_province_key(void **state) {
  (void)state;
  assert_string_equal(course_province_key(A, "Thành ủy Hà Nội"), "ha noi");
  assert_string_equal(course_province_key(A, "Thành phố Hà Nội"), "ha noi");
  assert_string_equal(course_province_key(A, "TP. Hồ Chí Minh"), "ho chi minh");
  assert_string_equal(course_province_key(A, "Tỉnh ủy Quảng Ninh"), "quang ninh");
  assert_string_equal(course_province_key(A, "Tỉnh Quảng Ninh"), "quang ninh");
  assert_string_equal(course_province_key(A, "Huế"), "hue");
}

static void test_roster(void **state) {
  (void)state;
  struct course_roster r;
  json_t *ok = json_loads("[{\"registration_id\":3,\"status\":\"present\"},"
                          "{\"registration_id\":1,\"status\":\"absent\"}]",
                          0, NULL);
  assert_int_equal(course_roster_parse(ok, &r), 0);
  assert_int_equal(r.n, 2);
  char *text = json_dumps(r.canonical, JSON_COMPACT);
  assert_string_equal(text, "[{\"r\":3,\"s\":\"present\"},{\"r\":1,\"s\":\"absent\"}]");
  free(text);
  json_decref(r.canonical);
  json_decref(ok);

  json_t *dup = json_loads("[{\"registration_id\":3,\"status\":\"present\"},"
                           "{\"registration_id\":3,\"status\":\"late\"}]",
                           0, NULL);
  assert_int_equal(course_roster_parse(dup, &r), -1);
  assert_string_equal(r.error_code, "roster_duplicate");
  assert_null(r.canonical);
  json_decref(dup);

  json_t *bad = json_loads("[{\"registration_id\":3,\"status\":\"here\"}]", 0, NULL);
  assert_int_equal(course_roster_parse(bad, &r), -1);
  assert_string_equal(r.error_code, "status_invalid");
  json_decref(bad);

  json_t *neg = json_loads("[{\"registration_id\":-1,\"status\":\"late\"}]", 0, NULL);
  assert_int_equal(course_roster_parse(neg, &r), -1);
  assert_string_equal(r.error_code, "roster_entry_invalid");
  json_decref(neg);

  json_t *empty = json_array();
  assert_int_equal(course_roster_parse(empty, &r), -1);
  assert_string_equal(r.error_code, "roster_empty");
  assert_int_equal(course_roster_parse(NULL, &r), -1);
  json_t *big = json_array();
  for (int i = 1; i <= COURSE_ROSTER_MAX + 1; i++)
    json_array_append_new(big, json_pack("{s:i,s:s}", "registration_id", i, "status", "present"));
  assert_int_equal(course_roster_parse(big, &r), -1);
  assert_string_equal(r.error_code, "roster_too_large");
  json_decref(big);
  json_decref(empty);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cccd),
      cmocka_unit_test(test_phone),
      cmocka_unit_test(test_email_and_category),
      cmocka_unit_test(test_participants_semicolon_bom),
      cmocka_unit_test(test_participants_no_bom_english),
      cmocka_unit_test(test_participants_invalid_and_duplicates),
      cmocka_unit_test(test_participants_file_errors),
      cmocka_unit_test(test_units),
      cmocka_unit_test(test_province_key),
      cmocka_unit_test(test_roster),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
