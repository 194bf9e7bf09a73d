-- Demo data for the accreditation module (trường chính trị chuẩn): module
-- roles for the core demo users, and the module switched on for the whole
-- tree. The catalogue, plan, projects and schools at different stages are
-- created by `cadre-admin accreditation demo`, which runs after this file.

INSERT IGNORE INTO agency_module (agency_id, module, enabled)
  SELECT id, 'accreditation', 1 FROM agency WHERE code = 'VN';

-- The Academy (Vụ Các trường chính trị): catalogue, central council, recognition.
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_academy' FROM app_user WHERE login IN ('academy.admin', 'academy.officer');
-- A member of the central council.
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_central_council' FROM app_user WHERE login = 'academy.reviewer';

-- Hà Nội: the board acts for the province and sits on its evaluation council.
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_province' FROM app_user WHERE login IN ('hn.board', 'hn.officer');
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_prov_council' FROM app_user WHERE login = 'hn.board';

-- School staff: Hà Nội's and Huế's political schools.
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_school_officer' FROM app_user
  WHERE login IN ('hn.school', 'hn.school.head', 'hue.school');
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'accr_school_head' FROM app_user WHERE login IN ('hn.school.head', 'hue.school');
