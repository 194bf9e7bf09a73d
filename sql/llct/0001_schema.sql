-- llct: the annual intermediate political-theory training plan (Kế hoạch đào
-- tạo trung cấp lý luận chính trị), its classes and their 7-step admission,
-- learners and dossiers, and the diploma-blank stock (phôi bằng).
--
-- Integrity lives here, not in C: class caps and allotments are counters
-- with CHECK constraints kept by triggers, so a class can never hold more
-- learners than its cap and a unit never more than its allotment, whatever
-- the order or concurrency of requests; a diploma serial is a primary key,
-- so it is used at most once.

-- ---- The plan ---------------------------------------------------------------

CREATE TABLE llct_plan (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agency_id BIGINT UNSIGNED NOT NULL,           -- the province that issues it
  school_agency_id BIGINT UNSIGNED NOT NULL,    -- the school that carries it out
  year SMALLINT NOT NULL,
  number VARCHAR(64) NOT NULL,                  -- "245-KH/TU"
  issued_on DATE NULL,
  issuer VARCHAR(255) NULL,                     -- "Ban Thường vụ Thành ủy Hà Nội"
  title VARCHAR(500) NOT NULL,
  -- learners the plan's text declares (NULL: not stated)
  target_total INT NULL,
  target_full_time INT NULL,
  target_part_time INT NULL,
  -- learners per class and the full-time ratio, as the plan states them
  -- (regulation 57-QĐ/TW: at most 50 and 80; full-time ≥ 1/3 of part-time)
  cap_full_time INT NOT NULL DEFAULT 50,
  cap_part_time INT NOT NULL DEFAULT 80,
  ratio_num INT NOT NULL DEFAULT 1,
  ratio_den INT NOT NULL DEFAULT 3,
  -- the admission procedure's time limits, in days (plan part II.4)
  announce_max_days INT NOT NULL DEFAULT 45,
  dossier_min_days INT NOT NULL DEFAULT 15,
  review_max_days INT NOT NULL DEFAULT 2,
  report_max_days INT NOT NULL DEFAULT 5,
  notice_min_days INT NOT NULL DEFAULT 15,
  late_max_days INT NOT NULL DEFAULT 5,
  source_file_id BIGINT UNSIGNED NULL,          -- the imported file, kept
  last_import_json LONGTEXT NULL CHECK (last_import_json IS NULL OR JSON_VALID(last_import_json)),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_plan (agency_id, year, number),
  KEY ix_llct_plan_school (school_agency_id, year),
  CONSTRAINT ck_llct_plan_year CHECK (year BETWEEN 2000 AND 2100),
  -- the regulation's caps are the ceiling; a plan may set lower ones
  CONSTRAINT ck_llct_plan_caps CHECK (cap_full_time BETWEEN 1 AND 50
                                      AND cap_part_time BETWEEN cap_full_time AND 80),
  CONSTRAINT ck_llct_plan_ratio CHECK (ratio_num > 0 AND ratio_den > 0 AND ratio_num <= ratio_den),
  CONSTRAINT ck_llct_plan_targets CHECK ((target_total IS NULL OR target_total >= 0)
                                         AND (target_full_time IS NULL OR target_full_time >= 0)
                                         AND (target_part_time IS NULL OR target_part_time >= 0)),
  CONSTRAINT ck_llct_plan_days CHECK (announce_max_days BETWEEN 1 AND 365
                                      AND dossier_min_days BETWEEN 0 AND 365
                                      AND review_max_days BETWEEN 1 AND 60
                                      AND report_max_days BETWEEN 0 AND 60
                                      AND notice_min_days BETWEEN 0 AND 365
                                      AND late_max_days BETWEEN 0 AND 60),
  CONSTRAINT fk_llct_plan_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT fk_llct_plan_school FOREIGN KEY (school_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_llct_plan_file FOREIGN KEY (source_file_id) REFERENCES file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- One row per appendix: its title, the plan it cites, and the figures the
-- plan's text declares for it (compared with its lines by the import report).
CREATE TABLE llct_plan_part (
  plan_id BIGINT UNSIGNED NOT NULL,
  appendix TINYINT UNSIGNED NOT NULL,
  title VARCHAR(500) NULL,
  cited_number VARCHAR(64) NULL,
  cited_on DATE NULL,
  declared_classes INT NULL,
  declared_learners INT NULL,
  declared_ft_classes INT NULL,
  declared_ft_learners INT NULL,
  declared_pt_classes INT NULL,
  declared_pt_learners INT NULL,
  table_classes INT NULL,   -- the table's own "Tổng cộng" row
  table_learners INT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (plan_id, appendix),
  CONSTRAINT fk_llct_part_plan FOREIGN KEY (plan_id) REFERENCES llct_plan (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- A line of an appendix table. It may hold several classes ("05 lớp").
CREATE TABLE llct_line (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT UNSIGNED NOT NULL,
  appendix TINYINT UNSIGNED NOT NULL,
  seq INT NOT NULL,                     -- "TT" of the table
  source_line INT NULL,                 -- line of the imported file
  month TINYINT NOT NULL,
  year SMALLINT NOT NULL,
  month_label VARCHAR(100) NULL,        -- "Tháng 4/2024" as written
  code VARCHAR(32) NULL,                -- "TW 1"
  host_text VARCHAR(1000) NULL,
  coord_text TEXT NULL,
  location_text VARCHAR(1000) NULL,
  learners INT NOT NULL,
  class_count INT NOT NULL,
  -- 0: the line gives one total for several classes; their sizes and modes
  -- are still to be decided
  split_decided TINYINT(1) NOT NULL DEFAULT 1,
  note VARCHAR(500) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_line (plan_id, appendix, seq),
  CONSTRAINT ck_llct_line_month CHECK (month BETWEEN 1 AND 12),
  CONSTRAINT ck_llct_line_counts CHECK (learners > 0 AND class_count > 0),
  CONSTRAINT fk_llct_line_plan FOREIGN KEY (plan_id) REFERENCES llct_plan (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Host units of a line ("Ban Tổ chức Thành ủy Hà Nội; Trường …").
CREATE TABLE llct_line_host (
  line_id BIGINT UNSIGNED NOT NULL,
  seq TINYINT UNSIGNED NOT NULL,
  agency_id BIGINT UNSIGNED NULL,
  name_text VARCHAR(255) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (line_id, seq),
  KEY ix_llct_line_host_agency (agency_id),
  CONSTRAINT fk_llct_line_host_line FOREIGN KEY (line_id) REFERENCES llct_line (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_line_host_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- ---- Classes ----------------------------------------------------------------

CREATE TABLE llct_class (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id BIGINT UNSIGNED NOT NULL,
  line_id BIGINT UNSIGNED NOT NULL,
  code VARCHAR(32) NOT NULL,            -- "TW 1", "PL1-3.2"
  seq_in_line INT NOT NULL DEFAULT 1,
  school_agency_id BIGINT UNSIGNED NOT NULL,
  mode ENUM('full_time', 'part_time') NULL,          -- NULL: not decided yet
  mode_basis ENUM('inferred', 'forced', 'set') NULL, -- how the mode was reached
  cap INT NOT NULL,                     -- learners at most, from the mode
  planned_learners INT NULL,            -- NULL: not decided yet
  month TINYINT NOT NULL,
  year SMALLINT NOT NULL,
  location VARCHAR(500) NULL,
  opening_on DATE NULL,                 -- khai giảng
  enrolment_on DATE NULL,               -- nhập học (giấy báo)
  end_on DATE NULL,
  first_module_end_on DATE NULL,        -- supplementary enrolment closes
  status ENUM('planned', 'admitting', 'opened', 'closed', 'cancelled') NOT NULL DEFAULT 'planned',
  -- counters kept by triggers (llct_allotment, llct_learner)
  allotted_total INT NOT NULL DEFAULT 0,
  active_count INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_class_code (plan_id, code),
  KEY ix_llct_class_school (school_agency_id, year, month),
  KEY ix_llct_class_line (line_id, seq_in_line),
  -- the regulation's ceilings; the plan's own (possibly lower) caps are
  -- copied into `cap` when the mode is set
  CONSTRAINT ck_llct_class_cap CHECK (cap BETWEEN 1 AND 80
                                      AND (mode IS NULL OR mode <> 'full_time' OR cap <= 50)),
  CONSTRAINT ck_llct_class_basis CHECK ((mode IS NULL) = (mode_basis IS NULL)),
  CONSTRAINT ck_llct_class_planned CHECK (planned_learners IS NULL OR planned_learners BETWEEN 1 AND cap),
  CONSTRAINT ck_llct_class_allotted CHECK (allotted_total BETWEEN 0 AND cap),
  CONSTRAINT ck_llct_class_active CHECK (active_count BETWEEN 0 AND cap),
  CONSTRAINT ck_llct_class_month CHECK (month BETWEEN 1 AND 12),
  CONSTRAINT ck_llct_class_dates CHECK ((end_on IS NULL OR opening_on IS NULL OR end_on >= opening_on)
                                        AND (first_module_end_on IS NULL OR opening_on IS NULL
                                             OR first_module_end_on >= opening_on)),
  CONSTRAINT fk_llct_class_plan FOREIGN KEY (plan_id) REFERENCES llct_plan (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_class_line FOREIGN KEY (line_id) REFERENCES llct_line (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_class_school FOREIGN KEY (school_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The units of a class: sending units with their allotment (chỉ tiêu), or
-- coordinating units whose share is not decided yet (allotted NULL), or a
-- description that names no agency ("Các cơ quan, đơn vị liên quan").
CREATE TABLE llct_allotment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  class_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  agency_id BIGINT UNSIGNED NULL,
  name_text VARCHAR(255) NOT NULL,      -- as the plan writes it
  note VARCHAR(255) NULL,               -- "Đơn vị tự túc kinh phí"
  allotted INT NULL,
  nominated INT NOT NULL DEFAULT 0,     -- kept by triggers on llct_learner
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_allotment_unit (class_id, agency_id),
  UNIQUE KEY uq_llct_allotment_seq (class_id, seq),
  KEY ix_llct_allotment_agency (agency_id),
  CONSTRAINT ck_llct_allotment_count CHECK (allotted IS NULL OR allotted BETWEEN 1 AND 80),
  CONSTRAINT ck_llct_allotment_nominated CHECK (nominated >= 0
                                                AND (allotted IS NOT NULL OR nominated = 0)
                                                AND (allotted IS NULL OR nominated <= allotted)),
  CONSTRAINT fk_llct_allotment_class FOREIGN KEY (class_id) REFERENCES llct_class (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_allotment_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The sum of a class's allotments can never pass its cap.
CREATE TRIGGER llct_allotment_ai AFTER INSERT ON llct_allotment FOR EACH ROW
  UPDATE llct_class SET allotted_total = allotted_total + COALESCE(NEW.allotted, 0)
  WHERE id = NEW.class_id;

CREATE TRIGGER llct_allotment_au AFTER UPDATE ON llct_allotment FOR EACH ROW
  UPDATE llct_class
  SET allotted_total = allotted_total + COALESCE(NEW.allotted, 0) - COALESCE(OLD.allotted, 0)
  WHERE id = NEW.class_id;

CREATE TRIGGER llct_allotment_ad AFTER DELETE ON llct_allotment FOR EACH ROW
  UPDATE llct_class SET allotted_total = allotted_total - COALESCE(OLD.allotted, 0)
  WHERE id = OLD.class_id;

-- ---- The 7-step admission workflow ------------------------------------------

CREATE TABLE llct_step (
  class_id BIGINT UNSIGNED NOT NULL,
  step TINYINT UNSIGNED NOT NULL,
  planned_start DATE NULL,
  planned_on DATE NULL,
  start_on DATE NULL,
  done_on DATE NULL,
  report_on DATE NULL,        -- step 4: results reported to the organization board
  appraisal_on DATE NULL,     -- step 4: the board's appraisal
  completed TINYINT(1) NOT NULL DEFAULT 0,
  responsible_agency_id BIGINT UNSIGNED NULL,
  responsible_text VARCHAR(255) NULL,
  doc_number VARCHAR(64) NULL,
  doc_on DATE NULL,
  note VARCHAR(1000) NULL,
  warnings_json LONGTEXT NULL CHECK (warnings_json IS NULL OR JSON_VALID(warnings_json)),
  completed_by BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (class_id, step),
  KEY ix_llct_step_due (completed, planned_on),
  CONSTRAINT ck_llct_step_step CHECK (step BETWEEN 1 AND 7),
  CONSTRAINT ck_llct_step_done CHECK (completed = 0 OR done_on IS NOT NULL),
  CONSTRAINT fk_llct_step_class FOREIGN KEY (class_id) REFERENCES llct_class (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_step_agency FOREIGN KEY (responsible_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Step 5: one contract per sending unit, with its fee.
CREATE TABLE llct_contract (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  class_id BIGINT UNSIGNED NOT NULL,
  agency_id BIGINT UNSIGNED NOT NULL,
  contract_no VARCHAR(64) NOT NULL,
  signed_on DATE NOT NULL,
  fee_amount DECIMAL(15,0) NULL,
  paid_on DATE NULL,
  note VARCHAR(500) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_contract (class_id, agency_id),
  CONSTRAINT ck_llct_contract_fee CHECK (fee_amount IS NULL OR fee_amount >= 0),
  CONSTRAINT ck_llct_contract_paid CHECK (paid_on IS NULL OR paid_on >= signed_on),
  CONSTRAINT fk_llct_contract_class FOREIGN KEY (class_id) REFERENCES llct_class (id) ON DELETE CASCADE,
  CONSTRAINT fk_llct_contract_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- ---- Learners and dossiers --------------------------------------------------

CREATE TABLE llct_learner (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  class_id BIGINT UNSIGNED NOT NULL,
  allotment_id BIGINT UNSIGNED NOT NULL,
  sending_agency_id BIGINT UNSIGNED NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  birth_date DATE NOT NULL,
  gender ENUM('male', 'female') NULL,
  cccd CHAR(12) CHARACTER SET ascii NOT NULL,
  ethnicity VARCHAR(50) NULL,
  party_joined_on DATE NULL,
  position VARCHAR(255) NULL,           -- chức vụ
  workplace VARCHAR(255) NULL,          -- đơn vị công tác
  education VARCHAR(100) NULL,          -- trình độ chuyên môn
  phone VARCHAR(20) NULL,
  email VARCHAR(254) NULL,
  state ENUM('submitted', 'under_review', 'eligible', 'needs_supplement', 'ineligible',
             'admitted', 'enrolled', 'studying', 'graduated', 'dropped', 'withdrawn')
        NOT NULL DEFAULT 'submitted',
  -- 1 while the dossier counts against the cap and the allotment; a
  -- generated column so the counters' triggers need no state list
  active TINYINT(1) AS (state NOT IN ('ineligible', 'dropped', 'withdrawn')) PERSISTENT,
  state_reason VARCHAR(500) NULL,
  supplement_due DATE NULL,
  supplementary TINYINT(1) NOT NULL DEFAULT 0,
  submitted_on DATE NOT NULL,
  admitted_on DATE NULL,
  admission_doc VARCHAR(64) NULL,
  enrolled_on DATE NULL,
  late_days INT NULL,
  late_reason VARCHAR(500) NULL,
  unit_confirmation VARCHAR(255) NULL,  -- the sending unit's confirmation of the reason
  principal_decision_no VARCHAR(64) NULL,
  dropped_on DATE NULL,
  cancel_reported_at DATETIME NULL,
  graduated_on DATE NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_learner_cccd (class_id, cccd),
  KEY ix_llct_learner_class (class_id, state),
  KEY ix_llct_learner_unit (sending_agency_id),
  KEY ix_llct_learner_name (full_name),
  CONSTRAINT ck_llct_learner_cccd CHECK (cccd REGEXP '^[0-9]{12}$'),
  CONSTRAINT ck_llct_learner_late CHECK (late_days IS NULL OR late_days BETWEEN 0 AND 60),
  CONSTRAINT fk_llct_learner_class FOREIGN KEY (class_id) REFERENCES llct_class (id),
  CONSTRAINT fk_llct_learner_allotment FOREIGN KEY (allotment_id) REFERENCES llct_allotment (id),
  CONSTRAINT fk_llct_learner_agency FOREIGN KEY (sending_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Nominations count against the unit's allotment and the class's cap.
CREATE TRIGGER llct_learner_ai_allot AFTER INSERT ON llct_learner FOR EACH ROW
  UPDATE llct_allotment SET nominated = nominated + NEW.active WHERE id = NEW.allotment_id;

CREATE TRIGGER llct_learner_ai_class AFTER INSERT ON llct_learner FOR EACH ROW
  FOLLOWS llct_learner_ai_allot
  UPDATE llct_class SET active_count = active_count + NEW.active WHERE id = NEW.class_id;

CREATE TRIGGER llct_learner_au_allot AFTER UPDATE ON llct_learner FOR EACH ROW
  UPDATE llct_allotment SET nominated = nominated + NEW.active - OLD.active
  WHERE id = NEW.allotment_id AND NEW.active <> OLD.active;

CREATE TRIGGER llct_learner_au_class AFTER UPDATE ON llct_learner FOR EACH ROW
  FOLLOWS llct_learner_au_allot
  UPDATE llct_class SET active_count = active_count + NEW.active - OLD.active
  WHERE id = NEW.class_id AND NEW.active <> OLD.active;

-- The dossier's history (who moved it, when, why, under which decision).
CREATE TABLE llct_learner_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  learner_id BIGINT UNSIGNED NOT NULL,
  from_state VARCHAR(20) NULL,
  to_state VARCHAR(20) NOT NULL,
  on_date DATE NOT NULL,
  reason VARCHAR(500) NULL,
  doc_no VARCHAR(64) NULL,
  user_id BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_llct_event_learner (learner_id, id),
  CONSTRAINT fk_llct_event_learner FOREIGN KEY (learner_id) REFERENCES llct_learner (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- ---- Diploma blanks (phôi bằng tốt nghiệp trung cấp LLCT) -------------------

-- A series of serials ("LL" + 6 digits). Its row is the lock every movement
-- of the series takes, so two movements never see stale holdings.
CREATE TABLE llct_blank_series (
  series VARCHAR(16) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  width TINYINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT ck_llct_series_width CHECK (width BETWEEN 1 AND 15)
) ENGINE=InnoDB;

-- Who holds which serials now. Ranges never overlap; they split when part
-- of one moves. A used (issued or voided) serial stays inside its range.
CREATE TABLE llct_blank_range (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  series VARCHAR(16) CHARACTER SET ascii NOT NULL,
  first_no BIGINT NOT NULL,
  last_no BIGINT NOT NULL,
  holder_agency_id BIGINT UNSIGNED NOT NULL,
  held_since DATE NOT NULL,             -- when the holder received it
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_llct_range_first (series, first_no),
  KEY ix_llct_range_holder (holder_agency_id, series, first_no),
  CONSTRAINT ck_llct_range CHECK (first_no >= 0 AND first_no <= last_no),
  CONSTRAINT fk_llct_range_series FOREIGN KEY (series) REFERENCES llct_blank_series (series),
  CONSTRAINT fk_llct_range_holder FOREIGN KEY (holder_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB;

-- Every movement: received by the Academy (from the printer), allocated to a
-- school, returned. The ledger the reconciliation reads.
CREATE TABLE llct_blank_move (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('receive', 'allocate', 'return') NOT NULL,
  series VARCHAR(16) CHARACTER SET ascii NOT NULL,
  first_no BIGINT NOT NULL,
  last_no BIGINT NOT NULL,
  quantity BIGINT AS (last_no - first_no + 1) PERSISTENT,
  from_agency_id BIGINT UNSIGNED NULL,
  to_agency_id BIGINT UNSIGNED NOT NULL,
  moved_on DATE NOT NULL,
  doc_number VARCHAR(64) NOT NULL,
  note VARCHAR(500) NULL,
  user_id BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_llct_move_to (to_agency_id, moved_on),
  KEY ix_llct_move_from (from_agency_id, moved_on),
  KEY ix_llct_move_series (series, first_no),
  CONSTRAINT ck_llct_move_range CHECK (first_no >= 0 AND first_no <= last_no),
  CONSTRAINT ck_llct_move_from CHECK ((kind = 'receive') = (from_agency_id IS NULL)),
  CONSTRAINT fk_llct_move_series FOREIGN KEY (series) REFERENCES llct_blank_series (series),
  CONSTRAINT fk_llct_move_from FOREIGN KEY (from_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_llct_move_to FOREIGN KEY (to_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- A serial that has left the stock: issued to one graduate, or voided
-- (damaged, lost, destroyed) with a reason and minutes. The primary key is
-- the guarantee that a serial is used once; the unique learner that a
-- graduate gets one diploma.
CREATE TABLE llct_blank_used (
  series VARCHAR(16) CHARACTER SET ascii NOT NULL,
  number BIGINT NOT NULL,
  holder_agency_id BIGINT UNSIGNED NOT NULL,
  state ENUM('issued', 'voided') NOT NULL,
  learner_id BIGINT UNSIGNED NULL,
  used_on DATE NOT NULL,
  register_no VARCHAR(64) NULL,         -- số vào sổ cấp bằng
  void_reason ENUM('damaged', 'lost', 'destroyed') NULL,
  reason VARCHAR(500) NULL,
  minutes_no VARCHAR(64) NULL,          -- biên bản
  minutes_on DATE NULL,
  user_id BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (series, number),
  UNIQUE KEY uq_llct_used_learner (learner_id),
  KEY ix_llct_used_holder (holder_agency_id, used_on),
  CONSTRAINT ck_llct_used_state CHECK (
    (state = 'issued' AND learner_id IS NOT NULL AND void_reason IS NULL)
    OR (state = 'voided' AND learner_id IS NULL AND void_reason IS NOT NULL
        AND reason IS NOT NULL AND minutes_no IS NOT NULL)),
  CONSTRAINT fk_llct_used_series FOREIGN KEY (series) REFERENCES llct_blank_series (series),
  CONSTRAINT fk_llct_used_holder FOREIGN KEY (holder_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_llct_used_learner FOREIGN KEY (learner_id) REFERENCES llct_learner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;
