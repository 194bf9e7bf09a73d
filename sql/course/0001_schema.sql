-- Module course: the livestreamed cadre course of Plan 664-KH/HVCTQG
-- (seed 001): course, topics and sessions, bridge points (điểm cầu),
-- registrations, attendance (append-only events + final state), essays.
--
-- Administrative units are NOT a table of this module: provinces and
-- communes are agencies of the core tree (agency, agency_closure).
--
-- Hot paths and the indexes that serve them:
--   public registration   uq_bp_code (lookup), PK of the bridge point (the
--                         seat counter row), uq_reg_active / uq_reg_idem
--   roster check-in       ix_reg_bp, uq_event_nonce, PK of course_attendance
--   national report       ix_bp_report (counters per province, ~3,400 rows),
--                         ix_reg_report (covering GROUP BY over registrations)

CREATE TABLE course_course (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) NOT NULL,
  title VARCHAR(500) NOT NULL,
  plan_no VARCHAR(64) NULL,
  plan_date DATE NULL,
  host_agency_id BIGINT UNSIGNED NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  opens_at DATETIME NOT NULL,
  closes_at DATETIME NOT NULL,
  venue VARCHAR(500) NULL,
  mode_in_person TINYINT(1) NOT NULL DEFAULT 1,
  mode_online TINYINT(1) NOT NULL DEFAULT 1,
  chair VARCHAR(500) NULL,
  audience TEXT NULL,
  contacts TEXT NULL,
  -- Windows (Vietnam time). Bridge points are registered until
  -- bridge_reg_closes_at; participants between reg_opens_at and reg_closes_at.
  bridge_reg_closes_at DATETIME NOT NULL,
  reg_opens_at DATETIME NOT NULL,
  reg_closes_at DATETIME NOT NULL,
  -- Attendance: self check-in opens this many minutes before a session,
  -- counts as late after late_after_minutes, and the bridge point's organiser
  -- may edit marks until the session's end plus grace_minutes (then only the
  -- province).
  checkin_opens_minutes INT NOT NULL DEFAULT 60,
  late_after_minutes INT NOT NULL DEFAULT 15,
  grace_minutes INT NOT NULL DEFAULT 120,
  -- Essays: accepted from essay_opens_at, on time until essay_due_at, marked
  -- late until essay_cutoff_at, refused after.
  essay_opens_at DATETIME NOT NULL,
  essay_due_at DATETIME NOT NULL,
  essay_cutoff_at DATETIME NOT NULL,
  status ENUM('draft', 'open', 'closed') NOT NULL DEFAULT 'open',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_course_code (code),
  CONSTRAINT fk_course_host FOREIGN KEY (host_agency_id) REFERENCES agency (id),
  CONSTRAINT ck_course_dates CHECK (end_date >= start_date AND closes_at > opens_at),
  CONSTRAINT ck_course_reg CHECK (reg_closes_at > reg_opens_at),
  CONSTRAINT ck_course_essay CHECK (essay_due_at > essay_opens_at AND essay_cutoff_at >= essay_due_at),
  CONSTRAINT ck_course_minutes CHECK (checkin_opens_minutes >= 0 AND late_after_minutes >= 0 AND grace_minutes >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE course_topic (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  no TINYINT UNSIGNED NOT NULL,
  title VARCHAR(500) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_topic_no (course_id, no),
  CONSTRAINT fk_topic_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT ck_topic_no CHECK (no BETWEEN 1 AND 20)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE course_session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL,
  topic_id BIGINT UNSIGNED NULL,
  title VARCHAR(500) NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  speaker VARCHAR(500) NULL,
  -- Announced on the stream; participants type it to check themselves in.
  checkin_code VARCHAR(32) CHARACTER SET ascii NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_session_seq (course_id, seq),
  UNIQUE KEY uq_session_code (checkin_code),
  CONSTRAINT fk_session_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT fk_session_topic FOREIGN KEY (topic_id) REFERENCES course_topic (id),
  CONSTRAINT ck_session_times CHECK (ends_at > starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- One bridge point per unit (agency) per course. `registered` is the seat
-- counter: it only moves through a conditional UPDATE on this one row
-- (registered < seats), so seats are never oversold and contention stays
-- within one site; the CHECK is the last line of defence.
CREATE TABLE course_bridge_point (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  agency_id BIGINT UNSIGNED NOT NULL,
  level ENUM('academy', 'province', 'commune') NOT NULL,
  province_id BIGINT UNSIGNED NULL,
  code VARCHAR(64) CHARACTER SET ascii NOT NULL,
  name VARCHAR(255) NOT NULL,
  address VARCHAR(500) NOT NULL,
  organizer_name VARCHAR(200) NOT NULL,
  contact_phone VARCHAR(20) CHARACTER SET ascii NOT NULL,
  contact_email VARCHAR(254) NULL,
  seats INT NOT NULL,
  expected INT NOT NULL DEFAULT 0,
  registered INT NOT NULL DEFAULT 0,
  status ENUM('submitted', 'approved', 'returned') NOT NULL DEFAULT 'submitted',
  return_reason VARCHAR(1000) NULL,
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME NULL,
  connection_status ENUM('untested', 'ok', 'failed') NOT NULL DEFAULT 'untested',
  connection_tested_at DATETIME NULL,
  connection_note VARCHAR(500) NULL,
  stream_link VARCHAR(1000) NULL,
  stream_requested_at DATETIME NULL,
  stream_received_at DATETIME NULL,
  created_by BIGINT UNSIGNED NULL,
  version INT NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_bp_unit (course_id, agency_id),
  UNIQUE KEY uq_bp_code (course_id, code),
  KEY ix_bp_report (course_id, province_id, status, connection_status, seats, registered, expected),
  KEY ix_bp_agency (agency_id),
  CONSTRAINT fk_bp_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT fk_bp_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT fk_bp_province FOREIGN KEY (province_id) REFERENCES agency (id),
  CONSTRAINT ck_bp_seats CHECK (seats > 0 AND expected >= 0 AND registered >= 0 AND registered <= seats)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- A participant's registration holds the person's data (the citizen ID is
-- the identity key: cadres often share an office email or have none).
-- MariaDB has no partial unique index, so `active_cccd` is the citizen ID
-- while the registration is confirmed and NULL otherwise: UNIQUE(course,
-- active_cccd) allows one active registration per person per course and any
-- number of withdrawn ones. A transfer updates bridge_point_id in place.
CREATE TABLE course_registration (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  bridge_point_id BIGINT UNSIGNED NOT NULL,
  province_id BIGINT UNSIGNED NULL,
  cccd VARCHAR(12) CHARACTER SET ascii NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  position VARCHAR(200) NOT NULL,
  unit_name VARCHAR(255) NOT NULL,
  phone VARCHAR(20) CHARACTER SET ascii NOT NULL,
  email VARCHAR(254) NULL,
  category ENUM('commune_leader', 'school_lecturer', 'other') NOT NULL,
  status ENUM('confirmed', 'withdrawn') NOT NULL DEFAULT 'confirmed',
  -- VARCHAR, not CHAR: MariaDB refuses CHAR in a generated column (its value
  -- would depend on sql_mode PAD_CHAR_TO_FULL_LENGTH).
  active_cccd VARCHAR(12) CHARACTER SET ascii AS (IF(status = 'confirmed', cccd, NULL)) STORED,
  source ENUM('self', 'organizer', 'import') NOT NULL,
  idem_key VARCHAR(64) CHARACTER SET ascii NULL,
  ticket CHAR(10) CHARACTER SET ascii NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  withdrawn_reason VARCHAR(500) NULL,
  withdrawn_at DATETIME NULL,
  version INT NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_reg_active (course_id, active_cccd),
  UNIQUE KEY uq_reg_idem (course_id, idem_key),
  KEY ix_reg_bp (bridge_point_id, status, full_name),
  KEY ix_reg_report (course_id, status, province_id, bridge_point_id, category),
  KEY ix_reg_cccd (course_id, cccd),
  CONSTRAINT fk_reg_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT fk_reg_bp FOREIGN KEY (bridge_point_id) REFERENCES course_bridge_point (id),
  CONSTRAINT fk_reg_province FOREIGN KEY (province_id) REFERENCES agency (id),
  CONSTRAINT ck_reg_cccd CHECK (cccd REGEXP '^[0-9]{12}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Every attendance mark ever made, append-only (the triggers refuse UPDATE
-- and DELETE). The client nonce is unique per (session, registration): a
-- replayed nonce inserts nothing and therefore changes nothing.
CREATE TABLE course_attendance_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  registration_id BIGINT UNSIGNED NOT NULL,
  session_id BIGINT UNSIGNED NOT NULL,
  bridge_point_id BIGINT UNSIGNED NOT NULL,
  status ENUM('present', 'late', 'excused', 'absent') NOT NULL,
  method ENUM('roster', 'self', 'edit') NOT NULL,
  nonce VARCHAR(64) CHARACTER SET ascii NOT NULL,
  actor_user_id BIGINT NULL,
  at DATETIME NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_event_nonce (session_id, nonce, registration_id),
  KEY ix_event_reg (registration_id, session_id),
  CONSTRAINT fk_event_reg FOREIGN KEY (registration_id) REFERENCES course_registration (id),
  CONSTRAINT fk_event_session FOREIGN KEY (session_id) REFERENCES course_session (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TRIGGER course_attendance_event_no_update BEFORE UPDATE ON course_attendance_event
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'course_attendance_event is append-only';

CREATE TRIGGER course_attendance_event_no_delete BEFORE DELETE ON course_attendance_event
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'course_attendance_event is append-only';

-- The final state per (registration, session): the latest event wins
-- (event_id only grows), so a late replay of an old nonce cannot undo a
-- newer mark. bridge_point_id/province_id are where the mark was taken, for
-- the live dashboard.
CREATE TABLE course_attendance (
  registration_id BIGINT UNSIGNED NOT NULL,
  session_id BIGINT UNSIGNED NOT NULL,
  bridge_point_id BIGINT UNSIGNED NOT NULL,
  province_id BIGINT UNSIGNED NULL,
  status ENUM('present', 'late', 'excused', 'absent') NOT NULL,
  event_id BIGINT UNSIGNED NOT NULL,
  method ENUM('roster', 'self', 'edit') NOT NULL,
  updated_by BIGINT NULL,
  marked_at DATETIME NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (registration_id, session_id),
  KEY ix_att_dash (session_id, province_id, bridge_point_id, status),
  CONSTRAINT fk_att_reg FOREIGN KEY (registration_id) REFERENCES course_registration (id),
  CONSTRAINT fk_att_session FOREIGN KEY (session_id) REFERENCES course_session (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- One essay (bài thu hoạch) per registration, routed to the organization
-- board of the participant's province (board_agency_id, frozen at the first
-- submission); boards see only essays routed into their scope.
CREATE TABLE course_essay (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  registration_id BIGINT UNSIGNED NOT NULL,
  province_id BIGINT UNSIGNED NULL,
  board_agency_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(500) NOT NULL,
  body MEDIUMTEXT NULL,
  file_id BIGINT UNSIGNED NULL,
  word_count INT NOT NULL DEFAULT 0,
  submitted_at DATETIME NOT NULL,
  late TINYINT(1) NOT NULL DEFAULT 0,
  submissions INT NOT NULL DEFAULT 1,
  status ENUM('submitted', 'acknowledged', 'returned') NOT NULL DEFAULT 'submitted',
  receipt CHAR(12) CHARACTER SET ascii NOT NULL,
  review_comment VARCHAR(2000) NULL,
  reviewed_by BIGINT UNSIGNED NULL,
  reviewed_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_essay_reg (registration_id),
  KEY ix_essay_board (course_id, board_agency_id, status, submitted_at),
  KEY ix_essay_report (course_id, province_id, late, status),
  CONSTRAINT fk_essay_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT fk_essay_reg FOREIGN KEY (registration_id) REFERENCES course_registration (id),
  CONSTRAINT fk_essay_board FOREIGN KEY (board_agency_id) REFERENCES agency (id),
  CONSTRAINT fk_essay_file FOREIGN KEY (file_id) REFERENCES file (id),
  CONSTRAINT ck_essay_content CHECK (body IS NOT NULL OR file_id IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Proposals (kiến nghị, đề xuất) by topic, so boards can add them up.
CREATE TABLE course_essay_proposal (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  essay_id BIGINT UNSIGNED NOT NULL,
  topic_no TINYINT UNSIGNED NOT NULL,
  body TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_proposal_topic (essay_id, topic_no),
  CONSTRAINT fk_proposal_essay FOREIGN KEY (essay_id) REFERENCES course_essay (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Bulk uploads by organisers: what was asked and what came of it (the
-- import error report).
CREATE TABLE course_import (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  course_id BIGINT UNSIGNED NOT NULL,
  bridge_point_id BIGINT UNSIGNED NOT NULL,
  mode ENUM('add_only', 'add_update') NOT NULL,
  filename VARCHAR(255) NULL,
  total_rows INT NOT NULL,
  added INT NOT NULL,
  updated INT NOT NULL,
  skipped INT NOT NULL,
  created_by BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_import_bp (bridge_point_id, created_at),
  CONSTRAINT fk_import_course FOREIGN KEY (course_id) REFERENCES course_course (id),
  CONSTRAINT fk_import_bp FOREIGN KEY (bridge_point_id) REFERENCES course_bridge_point (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;
