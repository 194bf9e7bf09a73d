-- Standard political schools (trường chính trị chuẩn), level 1 and 2:
-- the standards as data, roadmaps and provincial projects, assessment cycles
-- with three layers of results and an evidence library, councils with
-- conflicts of interest, recognition, inspections of maintenance, staff.

INSERT INTO role (code, title, module, description, sort) VALUES
  ('accr_school_officer', 'Cán bộ trường (trường chuẩn)', 'accreditation',
   'Tự đánh giá, minh chứng, lộ trình và đội ngũ của trường mình', 200),
  ('accr_school_head', 'Lãnh đạo trường (trường chuẩn)', 'accreditation',
   'Nộp và nộp lại hồ sơ tự đánh giá của trường lên Hội đồng đánh giá cấp tỉnh', 201),
  ('accr_province', 'Tỉnh ủy, Thành ủy (trường chuẩn)', 'accreditation',
   'Đề án trường chính trị chuẩn, Hội đồng đánh giá cấp tỉnh, trình Hội đồng cấp Trung ương', 202),
  ('accr_prov_council', 'Thành viên Hội đồng đánh giá cấp tỉnh', 'accreditation',
   'Đánh giá hồ sơ của các trường được phân công (trừ trường đã khai báo xung đột lợi ích)', 203),
  ('accr_central_council', 'Thành viên Hội đồng cấp Trung ương', 'accreditation',
   'Thẩm định hồ sơ, khảo sát thực tế các trường được phân công', 204),
  ('accr_academy', 'Vụ Các trường chính trị (trường chuẩn)', 'accreditation',
   'Bộ tiêu chí, Hội đồng cấp Trung ương, công nhận, kiểm tra duy trì, báo cáo toàn quốc', 205);

-- A version of the standard: 11-QĐ/TW (2021), 396-QĐ/TW (2026), …
CREATE TABLE accreditation_version (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  title VARCHAR(500) NOT NULL,
  issued_date DATE NULL,
  replaces_id BIGINT UNSIGNED NULL,
  status ENUM('draft', 'active', 'retired') NOT NULL DEFAULT 'draft',
  -- A sample catalogue (not the regulation's text) is labelled as such
  -- everywhere it is shown.
  is_sample TINYINT(1) NOT NULL DEFAULT 0,
  note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_version_code (code),
  CONSTRAINT fk_accr_version_replaces FOREIGN KEY (replaces_id) REFERENCES accreditation_version (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The tree: groups (tiêu chuẩn) → criteria (tiêu chí) → indicators (chỉ báo).
-- Results are recorded on the leaves (criteria without indicators, and
-- indicators). `levels` is a bit mask: 1 = level 1, 2 = level 2, 3 = both.
CREATE TABLE accreditation_criterion (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  version_id BIGINT UNSIGNED NOT NULL,
  parent_id BIGINT UNSIGNED NULL,
  kind ENUM('group', 'criterion', 'indicator') NOT NULL,
  code VARCHAR(32) NOT NULL,
  seq INT NOT NULL DEFAULT 0,
  title VARCHAR(1000) NOT NULL,
  levels TINYINT UNSIGNED NOT NULL DEFAULT 3,
  max_score DECIMAL(8,2) NULL,
  weight DECIMAL(8,2) NULL,
  mandatory TINYINT(1) NOT NULL DEFAULT 0,
  guidance TEXT NULL,
  expected_evidence TEXT NULL,
  -- Staffing rule (staff review): who, which qualification, how many.
  staff_role ENUM('lecturers', 'managers', 'all') NULL,
  staff_qualification VARCHAR(32) NULL,
  staff_min_count INT NULL,
  staff_min_percent DECIMAL(5,2) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_criterion_code (version_id, code),
  UNIQUE KEY uq_accr_criterion_version (id, version_id),
  KEY ix_accr_criterion_parent (parent_id, seq),
  CONSTRAINT ck_accr_criterion_levels CHECK (levels BETWEEN 1 AND 3),
  CONSTRAINT ck_accr_criterion_max CHECK (max_score IS NULL OR max_score >= 0),
  CONSTRAINT ck_accr_criterion_weight CHECK (weight IS NULL OR weight >= 0),
  CONSTRAINT ck_accr_criterion_root CHECK ((kind = 'group') = (parent_id IS NULL)),
  CONSTRAINT ck_accr_criterion_staff CHECK (staff_role IS NULL OR (staff_qualification IS NOT NULL
    AND (staff_min_count IS NOT NULL OR staff_min_percent IS NOT NULL))),
  CONSTRAINT ck_accr_criterion_pct CHECK (staff_min_percent IS NULL OR staff_min_percent BETWEEN 0 AND 100),
  CONSTRAINT fk_accr_criterion_version FOREIGN KEY (version_id) REFERENCES accreditation_version (id),
  -- a parent belongs to the same version
  CONSTRAINT fk_accr_criterion_parent FOREIGN KEY (parent_id, version_id)
    REFERENCES accreditation_criterion (id, version_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The Academy's implementation plan: period, targets, the projects' deadline.
-- Filled from the plan's text (import-plan) or entered by the Academy.
CREATE TABLE accreditation_plan (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) NOT NULL,
  title VARCHAR(500) NOT NULL,
  regulation VARCHAR(64) NULL,
  regulation_date DATE NULL,
  year_from SMALLINT NOT NULL,
  year_to SMALLINT NOT NULL,
  target_level1 INT NOT NULL,
  target_level2_min INT NOT NULL,
  target_level2_max INT NOT NULL,
  project_deadline DATE NULL,
  source VARCHAR(255) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_plan_code (code),
  CONSTRAINT ck_accr_plan_years CHECK (year_from BETWEEN 2000 AND 2100 AND year_to >= year_from AND year_to <= 2100),
  CONSTRAINT ck_accr_plan_targets CHECK (target_level1 >= 0 AND target_level2_min >= 0
    AND target_level2_max >= target_level2_min)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The province's standard-school project (Đề án trường chính trị chuẩn).
CREATE TABLE accreditation_project (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  province_agency_id BIGINT UNSIGNED NOT NULL,
  number VARCHAR(100) NULL,
  project_date DATE NULL,
  title VARCHAR(500) NULL,
  approving_body VARCHAR(255) NULL,
  -- when it went before the provincial standing committee (Ban Thường vụ)
  standing_committee_date DATE NULL,
  status ENUM('drafting', 'submitted', 'approved') NOT NULL DEFAULT 'drafting',
  note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_project_province (province_agency_id),
  CONSTRAINT fk_accr_project_agency FOREIGN KEY (province_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- A school's roadmap: the level it aims at and the year it expects it.
CREATE TABLE accreditation_roadmap (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  target_level TINYINT NOT NULL,
  target_year SMALLINT NOT NULL,
  note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_roadmap (school_agency_id, target_level),
  CONSTRAINT ck_accr_roadmap_level CHECK (target_level IN (1, 2)),
  CONSTRAINT ck_accr_roadmap_year CHECK (target_year BETWEEN 2000 AND 2100),
  CONSTRAINT fk_accr_roadmap_school FOREIGN KEY (school_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE accreditation_milestone (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  roadmap_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(500) NOT NULL,
  due_date DATE NOT NULL,
  done_date DATE NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_milestone (roadmap_id, due_date),
  CONSTRAINT fk_accr_milestone_roadmap FOREIGN KEY (roadmap_id) REFERENCES accreditation_roadmap (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Councils: the provincial evaluation council (formed by the province) and
-- the central council (formed by the Academy).
CREATE TABLE accreditation_council (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  level ENUM('provincial', 'central') NOT NULL,
  agency_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(500) NOT NULL,
  decision_no VARCHAR(100) NULL,
  decision_date DATE NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_council_level (id, level),
  KEY ix_accr_council_agency (agency_id),
  CONSTRAINT fk_accr_council_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE accreditation_council_member (
  council_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  member_role ENUM('chair', 'vice_chair', 'secretary', 'member') NOT NULL DEFAULT 'member',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (council_id, user_id),
  KEY ix_accr_member_user (user_id),
  CONSTRAINT fk_accr_member_council FOREIGN KEY (council_id) REFERENCES accreditation_council (id) ON DELETE CASCADE,
  CONSTRAINT fk_accr_member_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- A member's declared conflict of interest with a school: that member never
-- sees nor evaluates the school's dossier through that council.
CREATE TABLE accreditation_conflict (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  council_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  declared_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_conflict (council_id, user_id, school_agency_id),
  CONSTRAINT fk_accr_conflict_member FOREIGN KEY (council_id, user_id)
    REFERENCES accreditation_council_member (council_id, user_id) ON DELETE CASCADE,
  CONSTRAINT fk_accr_conflict_school FOREIGN KEY (school_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- An assessment cycle of one school against one version at a target level.
-- At most one cycle per school is open (not recognised / not recognised).
CREATE TABLE accreditation_cycle (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  version_id BIGINT UNSIGNED NOT NULL,
  target_level TINYINT NOT NULL,
  title VARCHAR(255) NOT NULL,
  state ENUM('draft', 'self_assessing', 'submitted_provincial', 'provincial_review',
             'changes_requested', 'resubmitted', 'endorsed', 'submitted_central',
             'central_appraisal', 'recognised', 'not_recognised') NOT NULL DEFAULT 'draft',
  open_marker TINYINT AS (IF(state IN ('recognised', 'not_recognised'), NULL, 1)) PERSISTENT,
  cloned_from_id BIGINT UNSIGNED NULL,
  provincial_council_id BIGINT UNSIGNED NULL,
  provincial_level ENUM('provincial') AS ('provincial') PERSISTENT,
  central_council_id BIGINT UNSIGNED NULL,
  central_level ENUM('central') AS ('central') PERSISTENT,
  submitted_at DATETIME NULL,
  endorsed_at DATETIME NULL,
  decided_at DATETIME NULL,
  -- the council's latest request for changes, and the reasons for refusal
  changes_note TEXT NULL,
  refusal_reasons TEXT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_cycle_open (school_agency_id, open_marker),
  UNIQUE KEY uq_accr_cycle_school (id, school_agency_id),
  UNIQUE KEY uq_accr_cycle_version (id, version_id),
  KEY ix_accr_cycle_state (state),
  CONSTRAINT ck_accr_cycle_level CHECK (target_level IN (1, 2)),
  CONSTRAINT fk_accr_cycle_school FOREIGN KEY (school_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_accr_cycle_version FOREIGN KEY (version_id) REFERENCES accreditation_version (id),
  CONSTRAINT fk_accr_cycle_clone FOREIGN KEY (cloned_from_id) REFERENCES accreditation_cycle (id),
  -- a provincial council in the provincial slot, a central one in the central
  CONSTRAINT fk_accr_cycle_prov FOREIGN KEY (provincial_council_id, provincial_level)
    REFERENCES accreditation_council (id, level),
  CONSTRAINT fk_accr_cycle_central FOREIGN KEY (central_council_id, central_level)
    REFERENCES accreditation_council (id, level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Every transition, with who and why (the audit log has the same, this is
-- the cycle's own history shown on its page).
CREATE TABLE accreditation_cycle_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cycle_id BIGINT UNSIGNED NOT NULL,
  action VARCHAR(32) NOT NULL,
  from_state VARCHAR(32) NOT NULL,
  to_state VARCHAR(32) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  user_name VARCHAR(200) NULL,
  note TEXT NULL,
  at DATETIME NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_event_cycle (cycle_id, id),
  CONSTRAINT fk_accr_event_cycle FOREIGN KEY (cycle_id) REFERENCES accreditation_cycle (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Results per criterion and layer (the school's self-assessment, the
-- provincial council's evaluation, the central council's appraisal).
CREATE TABLE accreditation_assessment (
  cycle_id BIGINT UNSIGNED NOT NULL,
  version_id BIGINT UNSIGNED NOT NULL,
  criterion_id BIGINT UNSIGNED NOT NULL,
  layer ENUM('self', 'provincial', 'central') NOT NULL,
  result ENUM('met', 'partial', 'not_met', 'not_applicable') NULL,
  score DECIMAL(8,2) NULL,
  comment TEXT NULL,
  -- what the previous cycle said (a cloned cycle starts with results reset)
  prev_result ENUM('met', 'partial', 'not_met', 'not_applicable') NULL,
  prev_score DECIMAL(8,2) NULL,
  -- the school changed its own result after the council's: look again
  stale TINYINT(1) NOT NULL DEFAULT 0,
  assessed_by BIGINT UNSIGNED NULL,
  assessed_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (cycle_id, criterion_id, layer),
  KEY ix_accr_assessment_criterion (criterion_id),
  CONSTRAINT ck_accr_assessment_score CHECK (score IS NULL OR score >= 0),
  -- the criterion belongs to the cycle's version
  CONSTRAINT fk_accr_assessment_cycle FOREIGN KEY (cycle_id, version_id)
    REFERENCES accreditation_cycle (id, version_id),
  CONSTRAINT fk_accr_assessment_criterion FOREIGN KEY (criterion_id, version_id)
    REFERENCES accreditation_criterion (id, version_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The school's evidence library: one piece serves many criteria and cycles.
CREATE TABLE accreditation_evidence (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  code VARCHAR(32) NOT NULL,
  title VARCHAR(500) NOT NULL,
  doc_number VARCHAR(100) NULL,
  doc_date DATE NULL,
  issuer VARCHAR(255) NULL,
  valid_from DATE NULL,
  valid_until DATE NULL,
  file_id BIGINT UNSIGNED NULL,
  note TEXT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_evidence_code (school_agency_id, code),
  UNIQUE KEY uq_accr_evidence_school (id, school_agency_id),
  KEY ix_accr_evidence_file (file_id),
  KEY ix_accr_evidence_expiry (valid_until),
  CONSTRAINT ck_accr_evidence_dates CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  CONSTRAINT fk_accr_evidence_school FOREIGN KEY (school_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_accr_evidence_file FOREIGN KEY (file_id) REFERENCES file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Which evidence supports which criterion in which cycle. The school column
-- ties both ends to the same school.
CREATE TABLE accreditation_evidence_link (
  cycle_id BIGINT UNSIGNED NOT NULL,
  criterion_id BIGINT UNSIGNED NOT NULL,
  evidence_id BIGINT UNSIGNED NOT NULL,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  version_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (cycle_id, criterion_id, evidence_id),
  KEY ix_accr_link_evidence (evidence_id),
  CONSTRAINT fk_accr_link_cycle FOREIGN KEY (cycle_id, school_agency_id)
    REFERENCES accreditation_cycle (id, school_agency_id),
  CONSTRAINT fk_accr_link_cycle_version FOREIGN KEY (cycle_id, version_id)
    REFERENCES accreditation_cycle (id, version_id),
  CONSTRAINT fk_accr_link_evidence FOREIGN KEY (evidence_id, school_agency_id)
    REFERENCES accreditation_evidence (id, school_agency_id),
  CONSTRAINT fk_accr_link_criterion FOREIGN KEY (criterion_id, version_id)
    REFERENCES accreditation_criterion (id, version_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Site visits of the central council during appraisal.
CREATE TABLE accreditation_site_visit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cycle_id BIGINT UNSIGNED NOT NULL,
  visit_date DATE NOT NULL,
  team VARCHAR(2000) NOT NULL,
  notes TEXT NULL,
  recorded_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_visit_cycle (cycle_id, visit_date),
  CONSTRAINT fk_accr_visit_cycle FOREIGN KEY (cycle_id) REFERENCES accreditation_cycle (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Recognition decisions (the register). Its status follows inspections.
CREATE TABLE accreditation_recognition (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cycle_id BIGINT UNSIGNED NOT NULL,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  level TINYINT NOT NULL,
  decision_no VARCHAR(100) NOT NULL,
  decision_date DATE NOT NULL,
  valid_until DATE NOT NULL,
  status ENUM('active', 'warning', 'withdrawn') NOT NULL DEFAULT 'active',
  status_date DATE NULL,
  status_note TEXT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accr_recognition_cycle (cycle_id),
  UNIQUE KEY uq_accr_recognition_decision (decision_no),
  KEY ix_accr_recognition_school (school_agency_id, decision_date),
  CONSTRAINT ck_accr_recognition_level CHECK (level IN (1, 2)),
  CONSTRAINT ck_accr_recognition_dates CHECK (valid_until > decision_date),
  CONSTRAINT ck_accr_recognition_decision CHECK (CHAR_LENGTH(TRIM(decision_no)) > 0),
  CONSTRAINT fk_accr_recognition_cycle FOREIGN KEY (cycle_id, school_agency_id)
    REFERENCES accreditation_cycle (id, school_agency_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Inspections of maintenance (kiểm tra duy trì tiêu chí) after recognition.
CREATE TABLE accreditation_inspection (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recognition_id BIGINT UNSIGNED NOT NULL,
  inspection_date DATE NOT NULL,
  team VARCHAR(2000) NOT NULL,
  status ENUM('open', 'closed') NOT NULL DEFAULT 'open',
  outcome ENUM('maintained', 'warning', 'withdrawn') NULL,
  conclusion TEXT NULL,
  closed_at DATETIME NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_inspection_recognition (recognition_id, inspection_date),
  CONSTRAINT ck_accr_inspection_outcome CHECK ((status = 'closed') = (outcome IS NOT NULL)),
  CONSTRAINT fk_accr_inspection_recognition FOREIGN KEY (recognition_id) REFERENCES accreditation_recognition (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE accreditation_finding (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inspection_id BIGINT UNSIGNED NOT NULL,
  criterion_id BIGINT UNSIGNED NOT NULL,
  severity ENUM('minor', 'major', 'critical') NOT NULL,
  description TEXT NOT NULL,
  root_cause TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_finding_inspection (inspection_id),
  CONSTRAINT fk_accr_finding_inspection FOREIGN KEY (inspection_id) REFERENCES accreditation_inspection (id),
  CONSTRAINT fk_accr_finding_criterion FOREIGN KEY (criterion_id) REFERENCES accreditation_criterion (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE accreditation_action (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  finding_id BIGINT UNSIGNED NOT NULL,
  description TEXT NOT NULL,
  owner VARCHAR(255) NOT NULL,
  due_date DATE NOT NULL,
  status ENUM('open', 'done') NOT NULL DEFAULT 'open',
  done_date DATE NULL,
  done_note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_action_finding (finding_id),
  KEY ix_accr_action_due (status, due_date),
  CONSTRAINT ck_accr_action_done CHECK ((status = 'done') = (done_date IS NOT NULL)),
  CONSTRAINT fk_accr_action_finding FOREIGN KEY (finding_id) REFERENCES accreditation_finding (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Staff of each school (after mergers), with the qualifications criteria ask.
CREATE TABLE accreditation_staff (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  kind ENUM('lecturer', 'manager', 'both') NOT NULL,
  position VARCHAR(255) NULL,
  degree ENUM('none', 'bachelor', 'master', 'doctor') NOT NULL DEFAULT 'none',
  academic_title ENUM('none', 'associate_professor', 'professor') NOT NULL DEFAULT 'none',
  political_theory ENUM('none', 'elementary', 'intermediate', 'advanced', 'bachelor') NOT NULL DEFAULT 'none',
  lecturer_rank ENUM('none', 'lecturer', 'main_lecturer', 'senior_lecturer') NOT NULL DEFAULT 'none',
  pedagogy TINYINT(1) NOT NULL DEFAULT 0,
  origin_school VARCHAR(255) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  note TEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_accr_staff_school (school_agency_id, active, full_name),
  CONSTRAINT fk_accr_staff_school FOREIGN KEY (school_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;
