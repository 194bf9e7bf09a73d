-- Tasks: an action programme (sections → tasks with lead, coordinating and
-- supervising units), progress reports, extension requests, history,
-- reminders and import reports.

-- The module's role for focal persons: the people of a unit who receive its
-- reminders (when a unit has none, its officers do).
INSERT INTO role (code, title, module, description, sort) VALUES
  ('tasks_focal', 'Đầu mối theo dõi nhiệm vụ', 'tasks',
   'Nhận nhắc việc, đôn đốc các nhiệm vụ của đơn vị trong chương trình hành động', 110)
ON DUPLICATE KEY UPDATE title = VALUES(title), module = VALUES(module),
  description = VALUES(description);

CREATE TABLE tasks_programme (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  title VARCHAR(1000) NOT NULL,
  -- The agency that owns and administers the programme (its admins import,
  -- set deadlines, cancel; it supervises tasks that name no supervisor).
  owner_agency_id BIGINT UNSIGNED NOT NULL,
  -- Recurring tasks owe a progress report every period.
  report_period ENUM('month', 'quarter', 'half', 'year') NOT NULL DEFAULT 'quarter',
  -- The first day reports are owed (periods ending before it owe nothing).
  starts_on DATE NOT NULL,
  part_a_title VARCHAR(1000) NULL,
  part_b_title VARCHAR(1000) NULL,
  -- Everything in the file outside the tables, verbatim: nothing is dropped.
  preamble MEDIUMTEXT NULL,
  source_name VARCHAR(255) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_programme_code (code),
  KEY ix_tasks_programme_owner (owner_agency_id),
  CONSTRAINT fk_tasks_programme_owner FOREIGN KEY (owner_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE tasks_section (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  programme_id BIGINT UNSIGNED NOT NULL,
  part CHAR(1) CHARACTER SET ascii NOT NULL,
  numeral VARCHAR(16) NOT NULL,      -- "II"; '' for tasks before any section row
  skey VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- "II", "II#2"
  seq INT NOT NULL,
  title TEXT NOT NULL,
  -- Part B groups: "Các đề án, nhiệm vụ do <lead> chủ trì".
  lead_text VARCHAR(500) NULL,
  lead_agency_id BIGINT UNSIGNED NULL,
  source_line INT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_section (programme_id, part, skey),
  KEY ix_tasks_section_seq (programme_id, seq),
  CONSTRAINT ck_tasks_section_part CHECK (part IN ('A', 'B')),
  CONSTRAINT fk_tasks_section_programme FOREIGN KEY (programme_id) REFERENCES tasks_programme (id),
  CONSTRAINT fk_tasks_section_lead FOREIGN KEY (lead_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE tasks_task (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  programme_id BIGINT UNSIGNED NOT NULL,
  section_id BIGINT UNSIGNED NOT NULL,
  part CHAR(1) CHARACTER SET ascii NOT NULL,
  number INT NOT NULL,
  number_text VARCHAR(16) CHARACTER SET ascii NOT NULL,
  -- 0, or 1 for the second row with the same number in a section (kept, flagged)
  dup_seq INT NOT NULL DEFAULT 0,
  duplicate_number TINYINT(1) NOT NULL DEFAULT 0,
  seq INT NOT NULL,                    -- order in the file
  source_lines VARCHAR(200) NOT NULL,  -- "156, 159": the rows it was read from
  basis TEXT NOT NULL,                 -- cơ sở thực hiện
  title TEXT NOT NULL,                 -- tên đề án, nhiệm vụ cụ thể (as written)
  name TEXT NOT NULL,                  -- what lists show: title, or basis when empty
  submit_to VARCHAR(500) NOT NULL DEFAULT '',  -- cấp trình
  lead_text VARCHAR(1000) NOT NULL DEFAULT '',
  coord_text VARCHAR(1000) NOT NULL DEFAULT '',
  supervise_text VARCHAR(1000) NOT NULL DEFAULT '',
  deadline_text VARCHAR(500) NOT NULL DEFAULT '',  -- as written, always shown
  deadline_kind ENUM('day', 'month', 'quarter', 'year', 'range', 'ongoing', 'yearly',
                     'unparsed', 'manual') NOT NULL,
  ongoing TINYINT(1) NOT NULL DEFAULT 0,  -- a report is owed every period
  start_date DATE NULL,
  due_date DATE NULL,          -- current due date (an approved extension moves it)
  original_due DATE NULL,      -- the programme's own date, never moved
  yearly_month TINYINT NULL,
  yearly_day TINYINT NULL,
  status ENUM('not_started', 'in_progress', 'claimed', 'completed', 'returned',
              'cancelled') NOT NULL DEFAULT 'not_started',
  percent TINYINT UNSIGNED NOT NULL DEFAULT 0,
  claimed_on DATE NULL,
  completed_on DATE NULL,
  result_doc VARCHAR(200) NULL,
  result_date DATE NULL,
  last_report_on DATE NULL,
  -- bumped by every change: a write names the version (or status) it read,
  -- so two people acting at once cannot both win
  version INT UNSIGNED NOT NULL DEFAULT 0,
  -- folded (lower case, no diacritics, đ → d) text for accent-free search
  search_text TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_task (programme_id, section_id, number_text, dup_seq),
  KEY ix_tasks_task_seq (programme_id, part, seq),
  KEY ix_tasks_task_due (due_date),
  KEY ix_tasks_task_status (status),
  CONSTRAINT ck_tasks_task_part CHECK (part IN ('A', 'B')),
  CONSTRAINT ck_tasks_task_percent CHECK (percent <= 100),
  CONSTRAINT ck_tasks_task_yearly CHECK (deadline_kind <> 'yearly'
    OR (yearly_month BETWEEN 1 AND 12 AND yearly_day BETWEEN 1 AND 31)),
  CONSTRAINT ck_tasks_task_claimed CHECK (status <> 'claimed' OR claimed_on IS NOT NULL),
  CONSTRAINT ck_tasks_task_completed CHECK (status <> 'completed' OR completed_on IS NOT NULL),
  CONSTRAINT fk_tasks_task_programme FOREIGN KEY (programme_id) REFERENCES tasks_programme (id),
  CONSTRAINT fk_tasks_task_section FOREIGN KEY (section_id) REFERENCES tasks_section (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Lead, coordinating and supervising units: agencies, with the name as the
-- file wrote it.
CREATE TABLE tasks_task_unit (
  task_id BIGINT UNSIGNED NOT NULL,
  role ENUM('lead', 'coordinating', 'supervising') NOT NULL,
  agency_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL DEFAULT 0,
  name_text VARCHAR(500) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (task_id, role, agency_id),
  KEY ix_tasks_unit_agency (agency_id, role),
  CONSTRAINT fk_tasks_unit_task FOREIGN KEY (task_id) REFERENCES tasks_task (id) ON DELETE CASCADE,
  CONSTRAINT fk_tasks_unit_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE tasks_progress (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id BIGINT UNSIGNED NOT NULL,
  agency_id BIGINT UNSIGNED NULL,      -- the reporting unit (the caller's)
  user_id BIGINT UNSIGNED NULL,
  status_after ENUM('in_progress', 'claimed') NOT NULL,
  percent TINYINT UNSIGNED NULL,
  note TEXT NOT NULL,
  result_doc VARCHAR(200) NULL,        -- số văn bản kết quả
  result_date DATE NULL,
  reported_on DATE NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_tasks_progress_task (task_id, reported_on),
  CONSTRAINT ck_tasks_progress_percent CHECK (percent IS NULL OR percent <= 100),
  CONSTRAINT fk_tasks_progress_task FOREIGN KEY (task_id) REFERENCES tasks_task (id),
  CONSTRAINT fk_tasks_progress_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT fk_tasks_progress_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

CREATE TABLE tasks_attachment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  progress_id BIGINT UNSIGNED NOT NULL,
  file_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_attachment (progress_id, file_id),
  CONSTRAINT fk_tasks_attachment_progress FOREIGN KEY (progress_id) REFERENCES tasks_progress (id),
  CONSTRAINT fk_tasks_attachment_file FOREIGN KEY (file_id) REFERENCES file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- Extension requests keep the original date: only an approved one moves
-- tasks_task.due_date. At most one request per task waits for a decision.
CREATE TABLE tasks_extension (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id BIGINT UNSIGNED NOT NULL,
  agency_id BIGINT UNSIGNED NULL,
  requested_by BIGINT UNSIGNED NULL,
  old_due DATE NOT NULL,
  new_due DATE NOT NULL,
  reason TEXT NOT NULL,
  state ENUM('pending', 'approved', 'rejected') NOT NULL DEFAULT 'pending',
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME NULL,
  decision_note TEXT NULL,
  pending_task_id BIGINT UNSIGNED AS (IF(state = 'pending', task_id, NULL)) PERSISTENT,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_extension_pending (pending_task_id),
  KEY ix_tasks_extension_task (task_id),
  CONSTRAINT ck_tasks_extension_later CHECK (new_due > old_due),
  CONSTRAINT fk_tasks_extension_task FOREIGN KEY (task_id) REFERENCES tasks_task (id),
  CONSTRAINT fk_tasks_extension_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
  CONSTRAINT fk_tasks_extension_user FOREIGN KEY (requested_by) REFERENCES app_user (id) ON DELETE SET NULL,
  CONSTRAINT fk_tasks_extension_decider FOREIGN KEY (decided_by) REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The task's history as its users see it (the audit log has the rest).
CREATE TABLE tasks_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  user_name VARCHAR(200) NULL,
  agency_id BIGINT UNSIGNED NULL,
  action VARCHAR(40) CHARACTER SET ascii NOT NULL,
  from_status VARCHAR(20) CHARACTER SET ascii NULL,
  to_status VARCHAR(20) CHARACTER SET ascii NULL,
  note TEXT NULL,
  data_json LONGTEXT NULL CHECK (data_json IS NULL OR JSON_VALID(data_json)),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_tasks_history_task (task_id, id),
  CONSTRAINT fk_tasks_history_task FOREIGN KEY (task_id) REFERENCES tasks_task (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- One row per reminder sent: a person is never reminded twice about the
-- same task on the same day.
CREATE TABLE tasks_reminder (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  remind_on DATE NOT NULL,
  kind ENUM('t_minus_30', 't_minus_7', 't_0', 't_plus_1', 'escalation') NOT NULL,
  due_ref DATE NOT NULL,            -- the due point the reminder is about
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_tasks_reminder (task_id, user_id, remind_on),
  KEY ix_tasks_reminder_day (remind_on, user_id),
  CONSTRAINT fk_tasks_reminder_task FOREIGN KEY (task_id) REFERENCES tasks_task (id),
  CONSTRAINT fk_tasks_reminder_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;

-- The report of every import that was written (dry runs are not kept).
CREATE TABLE tasks_import (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  programme_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  filename VARCHAR(255) NULL,
  checksum CHAR(16) CHARACTER SET ascii NOT NULL,
  tasks_created INT NOT NULL DEFAULT 0,
  tasks_updated INT NOT NULL DEFAULT 0,
  report_json LONGTEXT NOT NULL CHECK (JSON_VALID(report_json)),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_tasks_import_programme (programme_id, id),
  CONSTRAINT fk_tasks_import_programme FOREIGN KEY (programme_id) REFERENCES tasks_programme (id),
  CONSTRAINT fk_tasks_import_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_vietnamese_ai_ci;
