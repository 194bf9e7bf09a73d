/*
 * Demo data for `cadre-admin demo`: the central bodies, the 34 provinces and
 * cities of the 2025 reorganisation with their organization boards and
 * political schools, and 3,321 communes, wards and special zones. Commune
 * counts per province are close to the official ones and add up to the
 * national total; individual commune names are generated (the official list
 * is imported with the course module's CSV import).
 */
#include "demo_agencies.h"

#include <stddef.h>

const struct demo_agency demo_central[] = {
    {"HVCTQG", "VN", "academy", "Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện", "national"},
    {"HVCTQG-VCTT", "HVCTQG", "department", "Vụ Các trường chính trị", "Vụ CTCT", "national"},
    {"HVCTQG-VQLDT", "HVCTQG", "department", "Vụ Quản lý đào tạo", "Vụ QLĐT", "national"},
    {"HVCTQG-TDKT", "HVCTQG", "department", "Ban Thi đua - Khen thưởng", "Ban TĐKT", "national"},
    {"HVCTQG-CNS", "HVCTQG", "department", "Trung tâm Công nghệ và Chuyển đổi số", "TT CN&CĐS", "national"},
    {"BTCTW", "VN", "central_board", "Ban Tổ chức Trung ương", "Ban TCTW", "national"},
    {"BTCTW-VTCDL", "BTCTW", "department", "Vụ Tổ chức - Điều lệ", "Vụ TC-ĐL", "national"},
    {"BTCTW-VCSD", "BTCTW", "department", "Vụ Cơ sở đảng, đảng viên", "Vụ CSĐ", "national"},
    {"BTCTW-CDTBD", "BTCTW", "department", "Cục Đào tạo, bồi dưỡng cán bộ", "Cục ĐTBD", "national"},
    {"BTCTW-VP", "BTCTW", "department", "Văn phòng Ban", "Văn phòng", "national"},
    {"BGDDT", "VN", "ministry", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "own"},
    {"BGDDT-T", "BGDDT", "sector_school", "Trường Cán bộ quản lý giáo dục", NULL, "own"},
    {"BNV", "VN", "ministry", "Bộ Nội vụ", "Bộ NV", "own"},
    {"BNV-T", "BNV", "sector_school", "Trường Bồi dưỡng cán bộ Bộ Nội vụ", NULL, "own"},
    {"BQP", "VN", "ministry", "Bộ Quốc phòng", "Bộ QP", "own"},
    {"BQP-T", "BQP", "sector_school", "Học viện Chính trị - Bộ Quốc phòng", NULL, "own"},
    {"BCA", "VN", "ministry", "Bộ Công an", "Bộ CA", "own"},
    {"BCA-T", "BCA", "sector_school", "Học viện Chính trị Công an nhân dân", NULL, "own"},
    {"BYT", "VN", "ministry", "Bộ Y tế", "Bộ YT", "own"},
    {"BYT-T", "BYT", "sector_school", "Trường Cán bộ quản lý Y tế", NULL, "own"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const struct demo_province demo_provinces[34] = {
    {"Hà Nội", "Thành ủy Hà Nội", "Trường Đào tạo cán bộ Lê Hồng Phong", 126, {NULL}},
    {"Huế", "Thành ủy Huế", "Trường Chính trị Nguyễn Chí Thanh", 40, {NULL}},
    {"Lai Châu", "Tỉnh ủy Lai Châu", "Trường Chính trị tỉnh Lai Châu", 38, {NULL}},
    {"Điện Biên", "Tỉnh ủy Điện Biên", "Trường Chính trị tỉnh Điện Biên", 45, {NULL}},
    {"Sơn La", "Tỉnh ủy Sơn La", "Trường Chính trị tỉnh Sơn La", 75, {NULL}},
    {"Lạng Sơn", "Tỉnh ủy Lạng Sơn", "Trường Chính trị Hoàng Văn Thụ", 65, {NULL}},
    {"Quảng Ninh", "Tỉnh ủy Quảng Ninh", "Trường Chính trị Nguyễn Văn Cừ", 54, {"Vân Đồn", "Cô Tô", NULL}},
    {"Thanh Hóa", "Tỉnh ủy Thanh Hóa", "Trường Chính trị tỉnh Thanh Hóa", 166, {NULL}},
    {"Nghệ An", "Tỉnh ủy Nghệ An", "Trường Chính trị tỉnh Nghệ An", 130, {NULL}},
    {"Hà Tĩnh", "Tỉnh ủy Hà Tĩnh", "Trường Chính trị Trần Phú", 69, {NULL}},
    {"Cao Bằng", "Tỉnh ủy Cao Bằng", "Trường Chính trị Hoàng Đình Giong", 56, {NULL}},
    {"Tuyên Quang", "Tỉnh ủy Tuyên Quang", "Trường Chính trị tỉnh Tuyên Quang", 124, {NULL}},
    {"Lào Cai", "Tỉnh ủy Lào Cai", "Trường Chính trị tỉnh Lào Cai", 99, {NULL}},
    {"Thái Nguyên", "Tỉnh ủy Thái Nguyên", "Trường Chính trị tỉnh Thái Nguyên", 92, {NULL}},
    {"Phú Thọ", "Tỉnh ủy Phú Thọ", "Trường Chính trị tỉnh Phú Thọ", 148, {NULL}},
    {"Bắc Ninh", "Tỉnh ủy Bắc Ninh", "Trường Chính trị tỉnh Bắc Ninh", 99, {NULL}},
    {"Hưng Yên", "Tỉnh ủy Hưng Yên", "Trường Chính trị Nguyễn Văn Linh", 104, {NULL}},
    {"Hải Phòng", "Thành ủy Hải Phòng", "Trường Chính trị Tô Hiệu", 114, {"Cát Hải", "Bạch Long Vĩ", NULL}},
    {"Ninh Bình", "Tỉnh ủy Ninh Bình", "Trường Chính trị tỉnh Ninh Bình", 129, {NULL}},
    {"Quảng Trị", "Tỉnh ủy Quảng Trị", "Trường Chính trị Lê Duẩn", 78, {"Cồn Cỏ", NULL}},
    {"Đà Nẵng", "Thành ủy Đà Nẵng", "Trường Chính trị thành phố Đà Nẵng", 94, {"Hoàng Sa", NULL}},
    {"Quảng Ngãi", "Tỉnh ủy Quảng Ngãi", "Trường Chính trị tỉnh Quảng Ngãi", 96, {"Lý Sơn", NULL}},
    {"Gia Lai", "Tỉnh ủy Gia Lai", "Trường Chính trị tỉnh Gia Lai", 135, {NULL}},
    {"Khánh Hòa", "Tỉnh ủy Khánh Hòa", "Trường Chính trị tỉnh Khánh Hòa", 65, {"Trường Sa", NULL}},
    {"Lâm Đồng", "Tỉnh ủy Lâm Đồng", "Trường Chính trị tỉnh Lâm Đồng", 124, {"Phú Quý", NULL}},
    {"Đắk Lắk", "Tỉnh ủy Đắk Lắk", "Trường Chính trị tỉnh Đắk Lắk", 102, {NULL}},
    {"Thành phố Hồ Chí Minh",
     "Thành ủy Thành phố Hồ Chí Minh",
     "Trường Đào tạo cán bộ Thành phố Hồ Chí Minh",
     168,
     {"Côn Đảo", NULL}},
    {"Đồng Nai", "Tỉnh ủy Đồng Nai", "Trường Chính trị tỉnh Đồng Nai", 95, {NULL}},
    {"Tây Ninh", "Tỉnh ủy Tây Ninh", "Trường Chính trị tỉnh Tây Ninh", 96, {NULL}},
    {"Cần Thơ", "Thành ủy Cần Thơ", "Trường Chính trị thành phố Cần Thơ", 103, {NULL}},
    {"Vĩnh Long", "Tỉnh ủy Vĩnh Long", "Trường Chính trị Phạm Hùng", 124, {NULL}},
    {"Đồng Tháp", "Tỉnh ủy Đồng Tháp", "Trường Chính trị tỉnh Đồng Tháp", 102, {NULL}},
    {"Cà Mau", "Tỉnh ủy Cà Mau", "Trường Chính trị tỉnh Cà Mau", 64, {NULL}},
    {"An Giang",
     "Tỉnh ủy An Giang",
     "Trường Chính trị Tôn Đức Thắng",
     102,
     {"Phú Quốc", "Kiên Hải", "Thổ Châu", NULL}},
};

/* One login per role and level; every demo password is printed by
 * `make run`. */
const struct demo_user demo_users[] = {
    {"academy.admin", "Nguyễn Văn Quản", "HVCTQG-VCTT", "admin officer reviewer",
     "academy.admin@cadre.local"},
    {"academy.officer", "Trần Thị Nghiệp", "HVCTQG-VCTT", "officer", "academy.officer@cadre.local"},
    {"academy.reviewer", "Lê Văn Thẩm", "HVCTQG-VCTT", "reviewer", "academy.reviewer@cadre.local"},
    {"academy.viewer", "Phạm Thị Xem", "HVCTQG-VCTT", "viewer", "academy.viewer@cadre.local"},
    {"btctw.admin", "Hoàng Văn Tổ", "BTCTW-VTCDL", "admin officer", "btctw.admin@cadre.local"},
    {"btctw.officer", "Vũ Thị Chức", "BTCTW-VTCDL", "officer", "btctw.officer@cadre.local"},
    {"btctw.cdtbd", "Đặng Văn Cục", "BTCTW-CDTBD", "officer", "btctw.cdtbd@cadre.local"},
    {"hn.admin", "Bùi Văn Hà", "P01", "admin officer", "hn.admin@cadre.local"},
    {"hn.officer", "Đỗ Thị Nội", "P01", "officer", "hn.officer@cadre.local"},
    {"hn.board", "Ngô Văn Ban", "P01-BTC", "reviewer officer", "hn.board@cadre.local"},
    {"hn.school", "Dương Thị Trường", "P01-TCT", "officer", "hn.school@cadre.local"},
    {"hn.school.head", "Lý Văn Hiệu", "P01-TCT", "reviewer officer", "hn.school.head@cadre.local"},
    {"hue.school", "Hồ Thị Huế", "P02-TCT", "officer", "hue.school@cadre.local"},
    {"hn.x1.organizer", "Mai Văn Xã", "P01-X0001", "organizer officer", "hn.x1.organizer@cadre.local"},
    {"bgd.school", "Tạ Thị Giáo", "BGDDT-T", "officer", "bgd.school@cadre.local"},
    {NULL, NULL, NULL, NULL, NULL},
};
