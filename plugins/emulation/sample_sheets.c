/*
 * Sample scoring sheets for Mẫu số 5.1 (political schools) and 5.2 (sector
 * schools). Công văn 3552-CV/HVCTQG names the forms but does not reproduce
 * their criteria, so these are SAMPLES, shaped on the letter's content items
 * (tham mưu, đào tạo bồi dưỡng, nghiên cứu khoa học, đội ngũ, kỷ cương, thi
 * đua) and labelled as such everywhere they appear. The Academy replaces them
 * with its official criteria through the sheet editor.
 */
#include "rules.h"

#include <stdlib.h>

#include <jansson.h>

#define P(x) ((em_pts)(x)*100)

static const struct em_sample_criterion political[] = {
    {"1.1", "I. Công tác tham mưu và xây dựng trường chính trị chuẩn",
     "Tham mưu với tỉnh ủy, thành ủy về đào tạo, bồi dưỡng cán bộ, nghiên cứu khoa học, tổng kết thực tiễn",
     EM_CRIT_SCORE, P(10), "Văn bản tham mưu; kết luận, chỉ đạo của cấp ủy"},
    {"1.2", "I. Công tác tham mưu và xây dựng trường chính trị chuẩn",
     "Triển khai Đề án xây dựng trường chính trị chuẩn đã được tỉnh ủy, thành ủy phê duyệt", EM_CRIT_SCORE,
     P(10), "Đề án; báo cáo tiến độ thực hiện"},
    {"2.1", "II. Đào tạo, bồi dưỡng", "Hoàn thành kế hoạch đào tạo, bồi dưỡng được giao", EM_CRIT_SCORE,
     P(15), "Kế hoạch năm; thống kê lớp, học viên"},
    {"2.2", "II. Đào tạo, bồi dưỡng", "Đổi mới nội dung, chương trình, phương pháp giảng dạy", EM_CRIT_SCORE,
     P(10), "Chương trình, giáo án đổi mới; kết quả dự giờ"},
    {"2.3", "II. Đào tạo, bồi dưỡng", "Kỷ cương, kỷ luật trong giảng dạy, học tập, quản lý", EM_CRIT_SCORE,
     P(5), "Quy chế; biên bản kiểm tra"},
    {"3.1", "III. Nghiên cứu khoa học, tổng kết thực tiễn", "Đề tài, đề án, bài viết khoa học", EM_CRIT_SCORE,
     P(8), "Danh mục đề tài, bài viết"},
    {"3.2", "III. Nghiên cứu khoa học, tổng kết thực tiễn",
     "Hội thảo, tọa đàm, tổng kết thực tiễn ở địa phương", EM_CRIT_SCORE, P(7), "Kỷ yếu, báo cáo tổng kết"},
    {"4.1", "IV. Đội ngũ và cơ sở vật chất", "Đội ngũ cán bộ, giảng viên đủ số lượng, đạt chuẩn",
     EM_CRIT_SCORE, P(8), "Danh sách đội ngũ, trình độ"},
    {"4.2", "IV. Đội ngũ và cơ sở vật chất", "Cơ sở vật chất, trang thiết bị, chuyển đổi số", EM_CRIT_SCORE,
     P(7), "Báo cáo đầu tư, trang thiết bị"},
    {"5.1", "V. Thi đua, khen thưởng và hoạt động của Cụm",
     "Kế hoạch, đăng ký thi đua và báo cáo gửi đúng hạn", EM_CRIT_SCORE, P(5), "Văn bản gửi Học viện, Cụm"},
    {"5.2", "V. Thi đua, khen thưởng và hoạt động của Cụm", "Tham gia các hoạt động của Cụm, kiểm tra chéo",
     EM_CRIT_SCORE, P(5), "Biên bản hội nghị, kiểm tra chéo"},
    {"5.3", "V. Thi đua, khen thưởng và hoạt động của Cụm", "Đạt các chỉ tiêu thi đua của năm", EM_CRIT_SCORE,
     P(10), "Phụ lục báo cáo (Mẫu số 04)"},
    {"T1", "Điểm thưởng", "Sáng kiến, mô hình mới được Học viện hoặc cấp ủy ghi nhận", EM_CRIT_BONUS, P(5),
     "Văn bản ghi nhận"},
    {"K1", "Điểm trừ", "Gửi hồ sơ chậm, không đúng quy định; vi phạm kỷ luật, kỷ cương", EM_CRIT_PENALTY,
     P(5), "Văn bản nhắc nhở, kết luận kiểm tra"},
};

static const struct em_sample_criterion sector[] = {
    {"1.1", "I. Công tác tham mưu", "Tham mưu với lãnh đạo bộ, ngành về đào tạo, bồi dưỡng cán bộ",
     EM_CRIT_SCORE, P(10), "Văn bản tham mưu; chỉ đạo của bộ, ngành"},
    {"1.2", "I. Công tác tham mưu", "Xây dựng, hoàn thiện quy chế, quy định của nhà trường", EM_CRIT_SCORE,
     P(10), "Quy chế, quy định ban hành trong năm"},
    {"2.1", "II. Đào tạo, bồi dưỡng", "Hoàn thành kế hoạch đào tạo, bồi dưỡng được giao", EM_CRIT_SCORE,
     P(15), "Kế hoạch năm; thống kê lớp, học viên"},
    {"2.2", "II. Đào tạo, bồi dưỡng", "Đổi mới nội dung, chương trình, phương pháp giảng dạy", EM_CRIT_SCORE,
     P(10), "Chương trình, giáo án đổi mới"},
    {"2.3", "II. Đào tạo, bồi dưỡng", "Kỷ cương, kỷ luật trong giảng dạy, học tập, quản lý", EM_CRIT_SCORE,
     P(5), "Quy chế; biên bản kiểm tra"},
    {"3.1", "III. Nghiên cứu khoa học, tổng kết thực tiễn", "Đề tài, đề án, bài viết khoa học", EM_CRIT_SCORE,
     P(8), "Danh mục đề tài, bài viết"},
    {"3.2", "III. Nghiên cứu khoa học, tổng kết thực tiễn", "Hội thảo, tổng kết thực tiễn của bộ, ngành",
     EM_CRIT_SCORE, P(7), "Kỷ yếu, báo cáo"},
    {"4.1", "IV. Đội ngũ và cơ sở vật chất", "Đội ngũ cán bộ, giảng viên đủ số lượng, đạt chuẩn",
     EM_CRIT_SCORE, P(8), "Danh sách đội ngũ, trình độ"},
    {"4.2", "IV. Đội ngũ và cơ sở vật chất", "Cơ sở vật chất, trang thiết bị, chuyển đổi số", EM_CRIT_SCORE,
     P(7), "Báo cáo đầu tư, trang thiết bị"},
    {"5.1", "V. Thi đua, khen thưởng và hoạt động của Cụm",
     "Kế hoạch, đăng ký thi đua và báo cáo gửi đúng hạn", EM_CRIT_SCORE, P(5), "Văn bản gửi Học viện, Cụm"},
    {"5.2", "V. Thi đua, khen thưởng và hoạt động của Cụm", "Tham gia các hoạt động của Cụm, kiểm tra chéo",
     EM_CRIT_SCORE, P(5), "Biên bản hội nghị, kiểm tra chéo"},
    {"5.3", "V. Thi đua, khen thưởng và hoạt động của Cụm", "Đạt các chỉ tiêu thi đua của năm", EM_CRIT_SCORE,
     P(10), "Phụ lục báo cáo (Mẫu số 04)"},
    {"T1", "Điểm thưởng", "Sáng kiến, mô hình mới được Học viện hoặc bộ, ngành ghi nhận", EM_CRIT_BONUS, P(5),
     "Văn bản ghi nhận"},
    {"K1", "Điểm trừ", "Gửi hồ sơ chậm, không đúng quy định; vi phạm kỷ luật, kỷ cương", EM_CRIT_PENALTY,
     P(5), "Văn bản nhắc nhở, kết luận kiểm tra"},
};

const struct em_sample_sheet em_sample_sheets[2] = {
    {"5.1", "political_school",
     "Phiếu chấm điểm thi đua trường chính trị (MẪU MINH HỌA — thay bằng tiêu chí chính thức)", political,
     sizeof political / sizeof political[0]},
    {"5.2", "sector_school",
     "Phiếu chấm điểm thi đua trường bộ, ngành (MẪU MINH HỌA — thay bằng tiêu chí chính thức)", sector,
     sizeof sector / sizeof sector[0]},
};

static void level(json_t *arr, em_pts points, const char *text) {
  char buf[16];
  em_pts_format(points, buf, sizeof buf);
  json_array_append_new(arr, json_pack("{s:s, s:s}", "points", buf, "text", text));
}

char *em_sample_levels_json(cadre_arena *a, const struct em_sample_criterion *c) {
  json_t *arr = json_array();
  switch (c->kind) {
  case EM_CRIT_SCORE:
    level(arr, c->max, "Hoàn thành xuất sắc, minh chứng đầy đủ");
    /* the middle level at half the maximum, rounded down to half a point */
    level(arr, c->max / 2 / 50 * 50, "Hoàn thành, còn hạn chế");
    level(arr, 0, "Không thực hiện hoặc không có minh chứng");
    break;
  case EM_CRIT_BONUS:
    level(arr, c->max, "Có kết quả nổi bật được ghi nhận bằng văn bản");
    level(arr, 0, "Không có");
    break;
  case EM_CRIT_PENALTY:
    level(arr, c->max, "Vi phạm nghiêm trọng hoặc nhiều lần");
    level(arr, 0, "Không vi phạm");
    break;
  }
  char *text = json_dumps(arr, JSON_COMPACT);
  json_decref(arr);
  char *out = text ? cadre_arena_strdup(a, text) : NULL;
  free(text);
  return out;
}
