/*
 * The SAMPLE catalogues shipped with the module: an illustrative tree in the
 * shape of the standard, NOT the text of Regulation 396-QĐ/TW or 11-QĐ/TW
 * (which are not in the project's sources). Every group is titled "[MẪU]"
 * and the demo marks both versions as samples. The first doubles as the
 * import template offered on the catalogue page.
 */
#include "accreditation.h"

const char accr_sample_catalogue_396[] =
    "code,parent_code,kind,seq,title,levels,max_score,weight,mandatory,guidance,expected_evidence,staff_role,staff_qualification,staff_min_count,staff_min_percent\n"
    "TC1,,group,1,\"[MẪU] Tổ chức bộ máy và đội ngũ cán bộ, giảng viên\",\"1,2\",,,,,,,,,\n"
    "TC1.1,TC1,criterion,1,\"Bộ máy của trường được tổ chức đúng chức năng, nhiệm vụ theo quy định\",\"1,2\",10,1,x,\"Đối chiếu quyết định thành lập và quy chế tổ chức với quy định hiện hành; sau sáp nhập, kiểm tra quyết định kiện toàn.\",Quyết định thành lập hoặc kiện toàn trường; Quy chế tổ chức và hoạt động,,,,\n"
    "TC1.2,TC1,criterion,2,Giảng viên có trình độ thạc sĩ trở lên đạt tỷ lệ tối thiểu (mức 1),1,10,1,x,Tính trên giảng viên cơ hữu đang công tác tại thời điểm đánh giá.,Danh sách giảng viên kèm bằng cấp,lecturers,master,,60\n"
    "TC1.3,TC1,criterion,3,Giảng viên có trình độ thạc sĩ trở lên đạt tỷ lệ tối thiểu (mức 2),2,10,1,x,Tính trên giảng viên cơ hữu đang công tác tại thời điểm đánh giá.,Danh sách giảng viên kèm bằng cấp,lecturers,master,,80\n"
    "TC1.4,TC1,criterion,4,Có giảng viên có học vị tiến sĩ,2,10,1,,Đếm giảng viên cơ hữu có bằng tiến sĩ.,Bằng tiến sĩ; quyết định tuyển dụng,lecturers,doctor,3,\n"
    "TC1.5,TC1,criterion,5,Giảng viên có trình độ cao cấp lý luận chính trị hoặc cử nhân,\"1,2\",10,1,x,,Bằng hoặc giấy chứng nhận cao cấp lý luận chính trị,lecturers,advanced_theory,,100\n"
    "TC1.6,TC1,criterion,6,\"Cán bộ lãnh đạo, quản lý có trình độ cao cấp lý luận chính trị\",\"1,2\",10,1,x,,Quyết định bổ nhiệm; bằng cao cấp lý luận chính trị,managers,advanced_theory,,100\n"
    "TC1.7,TC1,criterion,7,Giảng viên chính trở lên đạt tỷ lệ tối thiểu,2,10,1,,,Quyết định bổ nhiệm ngạch hoặc chức danh nghề nghiệp,lecturers,main_lecturer,,40\n"
    "TC1.8,TC1,criterion,8,Giảng viên có chứng chỉ nghiệp vụ sư phạm,\"1,2\",5,1,,,Chứng chỉ nghiệp vụ sư phạm,lecturers,pedagogy,,100\n"
    "TC2,,group,2,\"[MẪU] Đào tạo, bồi dưỡng\",\"1,2\",,,,,,,,,\n"
    "TC2.1,TC2,criterion,1,Thực hiện chương trình trung cấp lý luận chính trị đúng quy định,\"1,2\",,,x,Đánh giá theo hai chỉ báo dưới đây.,,,,,\n"
    "TC2.1.1,TC2.1,indicator,1,\"Kế hoạch đào tạo, bồi dưỡng hằng năm được cấp có thẩm quyền phê duyệt\",\"1,2\",5,1,x,,Kế hoạch năm được phê duyệt,,,,\n"
    "TC2.1.2,TC2.1,indicator,2,Giảng viên cơ hữu đảm nhận phần lớn khối lượng giảng dạy,\"1,2\",5,1,,Tỷ lệ giờ giảng của giảng viên cơ hữu trên tổng số giờ giảng trong năm.,Bảng tổng hợp giờ giảng,,,,\n"
    "TC2.2,TC2,criterion,2,\"Đổi mới phương pháp giảng dạy; dự giờ, đánh giá giờ giảng định kỳ\",\"1,2\",10,1,,,Biên bản dự giờ; kế hoạch đổi mới phương pháp,,,,\n"
    "TC2.3,TC2,criterion,3,Giảng viên đi nghiên cứu thực tế cơ sở theo quy định,\"1,2\",5,1,,,Kế hoạch và báo cáo đi thực tế,,,,\n"
    "TC2.4,TC2,criterion,4,\"Ứng dụng công nghệ thông tin, chuyển đổi số trong đào tạo, bồi dưỡng\",2,10,1,,,Hệ thống quản lý đào tạo; bài giảng điện tử,,,,\n"
    "TC3,,group,3,[MẪU] Nghiên cứu khoa học và tổng kết thực tiễn,\"1,2\",,,,,,,,,\n"
    "TC3.1,TC3,criterion,1,Chủ trì hoặc tham gia đề tài khoa học các cấp,\"1,2\",10,1,,,Quyết định giao đề tài; biên bản nghiệm thu,,,,\n"
    "TC3.2,TC3,criterion,2,Bài viết của giảng viên đăng trên tạp chí khoa học,2,10,1,,,Danh mục bài viết kèm bản chụp,,,,\n"
    "TC3.3,TC3,criterion,3,\"Tổ chức hội thảo, tọa đàm khoa học về thực tiễn địa phương\",\"1,2\",5,1,,,Kế hoạch; kỷ yếu hội thảo,,,,\n"
    "TC4,,group,4,\"[MẪU] Cơ sở vật chất, thư viện và tài chính\",\"1,2\",,,,,,,,,\n"
    "TC4.1,TC4,criterion,1,\"Khuôn viên, giảng đường, ký túc xá đáp ứng yêu cầu đào tạo\",\"1,2\",10,1,x,,Giấy chứng nhận quyền sử dụng đất; biên bản kiểm kê tài sản,,,,\n"
    "TC4.2,TC4,criterion,2,\"Thư viện có đủ giáo trình, tài liệu; có thư viện điện tử\",\"1,2\",5,1,,,Sổ đăng ký tài liệu; tài khoản thư viện điện tử,,,,\n"
    "TC4.3,TC4,criterion,3,Hạ tầng số và phần mềm quản lý các mặt công tác của trường,2,10,1,,,\"Hợp đồng, biên bản nghiệm thu phần mềm\",,,,\n"
    "TC4.4,TC4,criterion,4,Kinh phí chi thường xuyên được bảo đảm theo dự toán,\"1,2\",5,1,,,Dự toán và quyết toán ngân sách năm,,,,\n"
    "TC5,,group,5,\"[MẪU] Lãnh đạo, quản lý, xây dựng Đảng và văn hóa trường Đảng\",\"1,2\",,,,,,,,,\n"
    "TC5.1,TC5,criterion,1,\"Đảng bộ, chi bộ trường hoàn thành tốt nhiệm vụ trở lên\",\"1,2\",10,1,x,Xếp loại của năm liền kề trước năm đánh giá.,Quyết định xếp loại tổ chức đảng,,,,\n"
    "TC5.2,TC5,criterion,2,\"Thực hiện quy chế dân chủ, kỷ luật, kỷ cương trong nhà trường\",\"1,2\",5,1,,,Quy chế dân chủ; báo cáo kiểm tra nội bộ,,,,\n"
    "TC5.3,TC5,criterion,3,Xây dựng văn hóa trường Đảng,\"1,2\",5,1,,,Bộ quy tắc ứng xử; báo cáo thực hiện,,,,\n";

const char accr_sample_catalogue_11[] =
    "code,parent_code,kind,seq,title,levels,max_score,weight,mandatory,guidance,expected_evidence,staff_role,staff_qualification,staff_min_count,staff_min_percent\n"
    "TC1,,group,1,\"[MẪU] Tổ chức bộ máy, đội ngũ\",\"1,2\",,,,,,,,,\n"
    "TC1.1,TC1,criterion,1,Tổ chức bộ máy theo quy định,\"1,2\",10,1,x,,Quyết định thành lập trường,,,,\n"
    "TC1.2,TC1,criterion,2,Giảng viên có trình độ thạc sĩ trở lên,\"1,2\",10,1,x,,Danh sách giảng viên kèm bằng cấp,lecturers,master,,50\n"
    "TC1.3,TC1,criterion,3,Giảng viên có trình độ cao cấp lý luận chính trị,\"1,2\",10,1,x,,Bằng cao cấp lý luận chính trị,lecturers,advanced_theory,,100\n"
    "TC2,,group,2,\"[MẪU] Đào tạo, bồi dưỡng và nghiên cứu khoa học\",\"1,2\",,,,,,,,,\n"
    "TC2.1,TC2,criterion,1,Thực hiện chương trình đào tạo đúng quy định,\"1,2\",10,1,x,,Kế hoạch đào tạo năm,,,,\n"
    "TC2.2,TC2,criterion,2,Có đề tài khoa học được nghiệm thu,\"1,2\",10,1,,,Biên bản nghiệm thu,,,,\n"
    "TC2.3,TC2,criterion,3,Có bài viết đăng tạp chí khoa học,2,10,1,,,Danh mục bài viết,,,,\n"
    "TC3,,group,3,[MẪU] Cơ sở vật chất,\"1,2\",,,,,,,,,\n"
    "TC3.1,TC3,criterion,1,\"Giảng đường, ký túc xá, thư viện đáp ứng yêu cầu\",\"1,2\",10,1,x,,Biên bản kiểm kê tài sản,,,,\n"
    "TC3.2,TC3,criterion,2,Có hệ thống công nghệ thông tin phục vụ quản lý,2,10,1,,,Biên bản nghiệm thu,,,,\n";
