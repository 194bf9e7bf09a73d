-- Demo data of the course module: the course of Plan 664-KH/HVCTQG
-- (data/seeds/001_65a814c786073ee8.txt), its four topics with the seed's
-- titles, its sessions, bridge points at the three levels and a few
-- registrations so the reports have something to show. Idempotent.
--
-- From the seed: plan number and date, title, dates (23–24/5/2026), opening
-- 8:00 Saturday 23/5 and closing 16:30 Sunday 24/5, venue, chair, audience,
-- the four topics, the contacts. NOT in the seed (configurable, see
-- docs/modules/course.md): the registration and essay windows, the
-- half-day split of sessions and their check-in codes. The seed names no
-- speaker per topic, only that the topics are presented by "các nhà khoa học,
-- các chuyên gia, các nhà quản lý của Học viện và các ban, bộ, ngành Trung
-- ương"; sessions carry that wording. Topic 3's title corrects the seed's
-- typo "Điềm nghẽn" to "Điểm nghẽn" (as the seed itself writes it in 1.).

INSERT IGNORE INTO course_course (code, title, plan_no, plan_date, host_agency_id,
  start_date, end_date, opens_at, closes_at, venue, mode_in_person, mode_online,
  chair, audience, contacts, bridge_reg_closes_at, reg_opens_at, reg_closes_at,
  checkin_opens_minutes, late_after_minutes, grace_minutes,
  essay_opens_at, essay_due_at, essay_cutoff_at, status)
SELECT '664-KH/HVCTQG',
  'Lớp bồi dưỡng nâng cao năng lực, xử lý tình huống thực tiễn đối với đội ngũ cán bộ cơ sở',
  '664-KH/HVCTQG', '2026-05-14', a.id, '2026-05-23', '2026-05-24',
  '2026-05-23 08:00:00', '2026-05-24 16:30:00',
  'Học viện Chính trị quốc gia Hồ Chí Minh, số 135 đường Nguyễn Phong Sắc, phường Nghĩa Đô, Hà Nội',
  1, 1,
  'PGS.TS. Đoàn Minh Huấn - Ủy viên Bộ Chính trị, Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh, Trưởng ban Chỉ đạo Đề án đào tạo, bồi dưỡng nâng cao chất lượng đội ngũ cán bộ cơ sở',
  'Cán bộ lãnh đạo, quản lý cấp xã và các phòng, ban, trung tâm trực thuộc cấp xã; cán bộ, giảng viên các trường chính trị cấp tỉnh; các đối tượng khác do tỉnh ủy, thành ủy quyết định.',
  'Nội dung chương trình: TS. Đậu Tuấn Nam, Vụ trưởng Vụ Quản lý đào tạo, bồi dưỡng, 0912-539-889. Kết nối trực tuyến: PGS.TS. Trần Quang Diệu, Giám đốc Trung tâm Công nghệ và chuyển đổi số, 0912-252-056.',
  '2026-05-21 17:00:00', '2026-05-15 00:00:00', '2026-05-23 08:00:00',
  60, 15, 120,
  '2026-05-24 16:30:00', '2026-06-07 23:59:59', '2026-06-14 23:59:59', 'open'
FROM agency a WHERE a.code = 'HVCTQG';

INSERT IGNORE INTO course_topic (course_id, no, title)
SELECT c.id, t.no, t.title FROM course_course c JOIN (
  SELECT 1 AS no, 'Quản trị toàn diện, kiến tạo phát triển của cấp xã trong mô hình chính quyền địa phương 2 cấp' AS title
  UNION ALL SELECT 2, 'Lãnh đạo, điều hành phát triển ở cấp xã trước yêu cầu tăng trưởng hai con số'
  UNION ALL SELECT 3, 'Điểm nghẽn thể chế và rào cản nội sinh trong quản trị phát triển của cấp xã - Các giải pháp đột phá để xử lý, tháo gỡ'
  UNION ALL SELECT 4, 'Ra quyết định dựa trên dữ liệu, sử dụng AI, nền tảng số phục vụ quản trị, kiến tạo phát triển ở cấp xã'
) t WHERE c.code = '664-KH/HVCTQG';

INSERT IGNORE INTO course_session (course_id, seq, topic_id, title, starts_at, ends_at, speaker, checkin_code)
SELECT c.id, s.seq, t.id, s.title, s.starts_at, s.ends_at, s.speaker, s.code
FROM course_course c JOIN (
  SELECT 1 AS seq, 1 AS topic, 'Khai giảng; Chuyên đề 1' AS title, '2026-05-23 08:00:00' AS starts_at, '2026-05-23 11:30:00' AS ends_at,
    'Chủ trì khai giảng: PGS.TS. Đoàn Minh Huấn; trình bày: nhà khoa học, chuyên gia, nhà quản lý của Học viện và các ban, bộ, ngành Trung ương' AS speaker, 'CD1-2305' AS code
  UNION ALL SELECT 2, 2, 'Chuyên đề 2', '2026-05-23 13:30:00', '2026-05-23 16:30:00',
    'Nhà khoa học, chuyên gia, nhà quản lý của Học viện và các ban, bộ, ngành Trung ương', 'CD2-2305'
  UNION ALL SELECT 3, 3, 'Chuyên đề 3', '2026-05-24 08:00:00', '2026-05-24 11:30:00',
    'Nhà khoa học, chuyên gia, nhà quản lý của Học viện và các ban, bộ, ngành Trung ương', 'CD3-2405'
  UNION ALL SELECT 4, 4, 'Chuyên đề 4; Bế giảng', '2026-05-24 13:30:00', '2026-05-24 16:30:00',
    'Nhà khoa học, chuyên gia, nhà quản lý của Học viện và các ban, bộ, ngành Trung ương', 'CD4-2405'
) s JOIN course_topic t ON t.course_id = c.id AND t.no = s.topic
WHERE c.code = '664-KH/HVCTQG';

-- Bridge points: the Academy's, every province's (approved and tested) and
-- most communes' (about one in ten still waits for its province, about one
-- in seventeen has none yet, so the coverage report has gaps to show).
INSERT IGNORE INTO course_bridge_point (course_id, agency_id, level, province_id, code, name,
  address, organizer_name, contact_phone, seats, expected, status, decided_at,
  connection_status, connection_tested_at)
SELECT c.id, a.id, 'academy', NULL, a.code, 'Điểm cầu Học viện Chính trị quốc gia Hồ Chí Minh',
  '135 Nguyễn Phong Sắc, phường Nghĩa Đô, Hà Nội', 'Trung tâm Công nghệ và Chuyển đổi số',
  '0912252056', 500, 300, 'approved', '2026-05-18 09:00:00', 'ok', '2026-05-22 09:00:00'
FROM course_course c JOIN agency a ON a.code = 'HVCTQG' WHERE c.code = '664-KH/HVCTQG';

INSERT IGNORE INTO course_bridge_point (course_id, agency_id, level, province_id, code, name,
  address, organizer_name, contact_phone, seats, expected, status, decided_at,
  connection_status, connection_tested_at)
SELECT c.id, a.id, 'province', a.id, a.code, CONCAT('Điểm cầu ', a.name),
  CONCAT('Hội trường ', a.name), CONCAT('Văn phòng ', a.name), '0912000000', 300, 200,
  'approved', '2026-05-19 09:00:00', 'ok', '2026-05-22 10:00:00'
FROM course_course c JOIN agency a ON a.kind = 'province' WHERE c.code = '664-KH/HVCTQG';

INSERT IGNORE INTO course_bridge_point (course_id, agency_id, level, province_id, code, name,
  address, organizer_name, contact_phone, seats, expected, status, decided_at,
  connection_status, connection_tested_at)
SELECT c.id, a.id, 'commune', p.id, a.code, CONCAT('Điểm cầu ', a.name),
  CONCAT('Hội trường ', a.name), CONCAT('Văn phòng ', a.name), '0912000001', 40, 25,
  IF(a.id % 10 = 0, 'submitted', 'approved'), IF(a.id % 10 = 0, NULL, '2026-05-20 09:00:00'),
  IF(a.id % 10 <> 0 AND a.id % 3 <> 0, 'ok', 'untested'),
  IF(a.id % 10 <> 0 AND a.id % 3 <> 0, '2026-05-22 14:00:00', NULL)
FROM course_course c JOIN agency a ON a.kind = 'commune'
JOIN agency p ON p.id = a.parent_id AND p.kind = 'province'
WHERE c.code = '664-KH/HVCTQG' AND a.id % 17 <> 0;

-- A handful of registrations at the communes of Hà Nội (P01) and Huế (P02):
-- five per approved point. Citizen IDs are generated (9 + zero-padded
-- point id and seat), so they never collide with real ones.
INSERT IGNORE INTO course_registration (course_id, bridge_point_id, province_id, cccd,
  full_name, position, unit_name, phone, category, source, ticket, created_at, updated_at)
SELECT bp.course_id, bp.id, bp.province_id,
  CONCAT('9', LPAD(bp.id, 8, '0'), LPAD(s.seq, 3, '0')),
  CONCAT(ELT(s.seq, 'Nguyễn Văn ', 'Trần Thị ', 'Lê Văn ', 'Phạm Thị ', 'Hoàng Văn '),
         ELT(1 + bp.id % 6, 'An', 'Bình', 'Cường', 'Dung', 'Hà', 'Khánh')),
  ELT(s.seq, 'Bí thư Đảng ủy', 'Chủ tịch Ủy ban nhân dân', 'Phó Chủ tịch Hội đồng nhân dân',
      'Trưởng phòng Kinh tế', 'Chánh Văn phòng'),
  REPLACE(bp.name, 'Điểm cầu ', ''), CONCAT('09', LPAD(bp.id, 5, '0'), LPAD(s.seq, 3, '0')),
  IF(s.seq = 5, 'other', 'commune_leader'), 'organizer',
  UPPER(LEFT(MD5(CONCAT(bp.id, '-', s.seq)), 10)), '2026-05-20 10:00:00', '2026-05-20 10:00:00'
FROM course_bridge_point bp JOIN agency p ON p.id = bp.province_id AND p.code IN ('P01', 'P02')
JOIN seq_1_to_5 s
WHERE bp.level = 'commune' AND bp.status = 'approved'
  AND bp.course_id = (SELECT id FROM course_course WHERE code = '664-KH/HVCTQG');

UPDATE course_bridge_point bp SET registered =
  (SELECT COUNT(*) FROM course_registration r WHERE r.bridge_point_id = bp.id AND r.status = 'confirmed')
WHERE bp.course_id = (SELECT id FROM course_course WHERE code = '664-KH/HVCTQG');

-- The module is used nationwide (inherited from the root).
INSERT IGNORE INTO agency_module (agency_id, module, enabled)
SELECT id, 'course', 1 FROM agency WHERE code = 'VN';

-- The commune organiser of the demo is the organiser of its bridge point.
UPDATE course_bridge_point bp JOIN agency a ON a.id = bp.agency_id
SET bp.organizer_name = 'Người tổ chức xã (tài khoản hn.x1.organizer)'
WHERE a.code = 'P01-X0001';
