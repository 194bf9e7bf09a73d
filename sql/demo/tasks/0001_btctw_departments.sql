-- Demo data for tasks: the departments of the Central Organization
-- Commission that the seed programme (data/seeds/003_…) names as lead or
-- supervising units and that the core demo data does not have, so that the
-- import matches them instead of creating pending agencies. "Vụ I/II/III/V"
-- are the local-area departments the seed calls "các vụ (địa bàn) I, II,
-- III, V"; the import expands those lists into these units.
-- Idempotent: INSERT IGNORE on the agency code.

INSERT IGNORE INTO agency (parent_id, kind, code, name, short_name, scope, status)
SELECT b.id, 'department', d.code, d.name, d.short_name, 'national', 'active'
FROM agency b
JOIN (SELECT 'BTCTW-VCB' AS code, 'Vụ Cán bộ' AS name, 'Vụ CB' AS short_name
      UNION ALL SELECT 'BTCTW-VCSCB', 'Vụ Chính sách cán bộ', 'Vụ CSCB'
      UNION ALL SELECT 'BTCTW-VNCKH', 'Vụ Nghiên cứu khoa học tổ chức, cán bộ', 'Vụ NCKH'
      UNION ALL SELECT 'BTCTW-CBVCT', 'Cục Bảo vệ chính trị nội bộ', 'Cục BVCTNB'
      UNION ALL SELECT 'BTCTW-V1', 'Vụ I', NULL
      UNION ALL SELECT 'BTCTW-V2', 'Vụ II', NULL
      UNION ALL SELECT 'BTCTW-V3', 'Vụ III', NULL
      UNION ALL SELECT 'BTCTW-V5', 'Vụ V', NULL) d
WHERE b.code = 'BTCTW';

-- The demo officers of the Commission are their departments' focal persons
-- for reminders.
INSERT IGNORE INTO user_role (user_id, role)
SELECT id, 'tasks_focal' FROM app_user WHERE login IN ('btctw.officer', 'btctw.cdtbd');
