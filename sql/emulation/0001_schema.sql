-- Emulation clusters of political and sector schools (module `emulation`,
-- seed 004: công văn 3552-CV/HVCTQG on the 2023 emulation movement).
--
-- A campaign year has its theme, targets and calendar; clusters of member
-- schools with a head and a deputy; submissions per deadline with a state and
-- files; the year-end figures behind the targets; scoring sheets (Mẫu 5.1,
-- 5.2) with a self-score and a cross-check per school, every change kept in
-- a history; and the ranking snapshots taken when a cluster finalises.

INSERT INTO role (code, title, module, description, sort) VALUES
  ('emulation_board', 'Ban Thi đua - Khen thưởng (thi đua cụm trường)', 'emulation',
   'Quản lý năm thi đua, cụm thi đua, phiếu chấm điểm; xác nhận Cụm trưởng, Cụm phó; tiếp nhận hồ sơ của các cụm', 200);

CREATE TABLE emulation_year (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year SMALLINT NOT NULL,
  theme VARCHAR(500) NOT NULL,
  content TEXT NULL,
  letter_no VARCHAR(100) NULL,
  letter_date DATE NULL,
  -- Targets (chỉ tiêu thi đua), whole percent unless said otherwise.
  t_ldtt_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 80,
  t_cstd_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 10,
  t_cstd_max_pct TINYINT UNSIGNED NOT NULL DEFAULT 15,
  t_units_ldxs_min SMALLINT UNSIGNED NOT NULL DEFAULT 1,       -- a count of units
  t_commended_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 5,
  t_party_good_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 70,
  t_party_excellent_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 20,
  t_prof_good_over_pct TINYINT UNSIGNED NOT NULL DEFAULT 90,   -- strictly over
  t_dept_min_pct TINYINT UNSIGNED NOT NULL DEFAULT 100,
  -- A criterion's self and cross-check scores differ "largely" when the gap
  -- exceeds this share of its maximum; a school's totals when they differ
  -- by more than gap_total_points.
  gap_criterion_pct TINYINT UNSIGNED NOT NULL DEFAULT 20,
  gap_total_points DECIMAL(6,2) NOT NULL DEFAULT 5.00,
  -- Awards each cluster proposes from its ranking: ranks 1..flag_slots the
  -- Academy's emulation flag, the next merit_slots a certificate of merit.
  award_flag_slots TINYINT UNSIGNED NOT NULL DEFAULT 1,
  award_merit_slots TINYINT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_year (year),
  CONSTRAINT ck_emulation_year_range CHECK (year BETWEEN 2000 AND 2100),
  CONSTRAINT ck_emulation_year_pcts CHECK (t_ldtt_min_pct <= 100 AND t_cstd_max_pct <= 100
    AND t_cstd_min_pct <= t_cstd_max_pct AND t_commended_min_pct <= 100
    AND t_party_good_min_pct <= 100 AND t_party_excellent_min_pct <= 100
    AND t_prof_good_over_pct <= 100 AND t_dept_min_pct <= 100 AND gap_criterion_pct <= 100),
  CONSTRAINT ck_emulation_year_gap CHECK (gap_total_points >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- One row per kind of submission per year: the due date decides whether a
-- submission is on time, the lock date whether anything can still change.
CREATE TABLE emulation_deadline (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(32) NOT NULL,
  level ENUM('school', 'cluster') NOT NULL,
  form VARCHAR(60) NOT NULL DEFAULT '',
  title VARCHAR(300) NOT NULL,
  due_date DATE NOT NULL,
  lock_date DATE NOT NULL,
  sort INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_deadline (year_id, kind),
  KEY ix_emulation_deadline_due (due_date),
  CONSTRAINT fk_emulation_deadline_year FOREIGN KEY (year_id) REFERENCES emulation_year (id) ON DELETE CASCADE,
  CONSTRAINT ck_emulation_deadline_order CHECK (lock_date >= due_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE emulation_cluster (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year_id BIGINT UNSIGNED NOT NULL,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(255) NOT NULL,
  -- 1 when the composition is an illustration, not the Academy's decision.
  is_sample TINYINT(1) NOT NULL DEFAULT 0,
  head_school_id BIGINT UNSIGNED NULL,
  deputy_school_id BIGINT UNSIGNED NULL,
  -- Next year's head and deputy as the year-end dossier (Mẫu 08) proposes
  -- them, until the Academy confirms them.
  next_head_school_id BIGINT UNSIGNED NULL,
  next_deputy_school_id BIGINT UNSIGNED NULL,
  next_term_state ENUM('none', 'proposed', 'confirmed') NOT NULL DEFAULT 'none',
  next_term_confirmed_by BIGINT UNSIGNED NULL,
  next_term_confirmed_at DATETIME NULL,
  -- 'finalized' publishes the score table and ranking to the members.
  state ENUM('open', 'finalized') NOT NULL DEFAULT 'open',
  final_round INT NOT NULL DEFAULT 0,
  finalized_at DATETIME NULL,
  finalized_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_cluster_code (year_id, code),
  UNIQUE KEY uq_emulation_cluster_year (id, year_id),
  KEY ix_emulation_cluster_name (year_id, name),
  CONSTRAINT fk_emulation_cluster_year FOREIGN KEY (year_id) REFERENCES emulation_year (id) ON DELETE CASCADE,
  CONSTRAINT ck_emulation_cluster_head CHECK (head_school_id IS NULL OR deputy_school_id IS NULL
    OR head_school_id <> deputy_school_id),
  CONSTRAINT ck_emulation_cluster_next CHECK (next_head_school_id IS NULL OR next_deputy_school_id IS NULL
    OR next_head_school_id <> next_deputy_school_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- A school belongs to at most one cluster a year. Its cross-checker is
-- another school of the same cluster (the composite foreign key keeps it in
-- the cluster, the check keeps it from being the school itself).
CREATE TABLE emulation_member (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year_id BIGINT UNSIGNED NOT NULL,
  cluster_id BIGINT UNSIGNED NOT NULL,
  school_id BIGINT UNSIGNED NOT NULL,
  cross_checker_school_id BIGINT UNSIGNED NULL,
  sort INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_member_year (year_id, school_id),
  UNIQUE KEY uq_emulation_member_cluster (cluster_id, school_id),
  KEY ix_emulation_member_school (school_id),
  CONSTRAINT fk_emulation_member_cluster FOREIGN KEY (cluster_id, year_id)
    REFERENCES emulation_cluster (id, year_id) ON DELETE CASCADE,
  CONSTRAINT fk_emulation_member_school FOREIGN KEY (school_id) REFERENCES agency (id),
  CONSTRAINT fk_emulation_member_checker FOREIGN KEY (cluster_id, cross_checker_school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT ck_emulation_member_checker CHECK (cross_checker_school_id IS NULL
    OR cross_checker_school_id <> school_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The head, deputy and proposed successors are members of the cluster.
ALTER TABLE emulation_cluster
  ADD CONSTRAINT fk_emulation_cluster_head FOREIGN KEY (id, head_school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  ADD CONSTRAINT fk_emulation_cluster_deputy FOREIGN KEY (id, deputy_school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  ADD CONSTRAINT fk_emulation_cluster_next_head FOREIGN KEY (id, next_head_school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  ADD CONSTRAINT fk_emulation_cluster_next_deputy FOREIGN KEY (id, next_deputy_school_id)
    REFERENCES emulation_member (cluster_id, school_id);

-- A submission belongs to a school (school-level kinds) or to its cluster
-- (school_id NULL). owner_school folds NULL to 0 so the unique key holds for
-- cluster-level rows too.
CREATE TABLE emulation_submission (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  deadline_id BIGINT UNSIGNED NOT NULL,
  cluster_id BIGINT UNSIGNED NOT NULL,
  school_id BIGINT UNSIGNED NULL,
  owner_school BIGINT UNSIGNED AS (COALESCE(school_id, 0)) STORED,
  state ENUM('not_submitted', 'submitted', 'returned', 'resubmitted', 'accepted')
    NOT NULL DEFAULT 'not_submitted',
  note TEXT NULL,
  data_json LONGTEXT NULL CHECK (data_json IS NULL OR JSON_VALID(data_json)),
  revision INT NOT NULL DEFAULT 0,
  first_submitted_at DATETIME NULL,
  last_submitted_at DATETIME NULL,
  submitted_by BIGINT UNSIGNED NULL,
  -- 1 when (re)submitted after the lock date under a granted exception.
  by_exception TINYINT(1) NOT NULL DEFAULT 0,
  returned_reason TEXT NULL,
  returned_at DATETIME NULL,
  returned_by BIGINT UNSIGNED NULL,
  accepted_at DATETIME NULL,
  accepted_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_submission (deadline_id, cluster_id, owner_school),
  KEY ix_emulation_submission_cluster (cluster_id, deadline_id),
  KEY ix_emulation_submission_school (school_id),
  CONSTRAINT fk_emulation_submission_deadline FOREIGN KEY (deadline_id) REFERENCES emulation_deadline (id),
  CONSTRAINT fk_emulation_submission_cluster FOREIGN KEY (cluster_id) REFERENCES emulation_cluster (id),
  CONSTRAINT fk_emulation_submission_member FOREIGN KEY (cluster_id, school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT ck_emulation_submission_sent CHECK (state = 'not_submitted' OR first_submitted_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Files attached to a submission, by part (main, appendix, m06 … m09).
-- Removing a file while the submission is editable marks it removed: what
-- was once submitted stays on record.
CREATE TABLE emulation_submission_file (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  submission_id BIGINT UNSIGNED NOT NULL,
  file_id BIGINT UNSIGNED NOT NULL,
  part VARCHAR(32) NOT NULL,
  revision INT NOT NULL DEFAULT 0,
  uploaded_by BIGINT UNSIGNED NULL,
  removed_at DATETIME NULL,
  removed_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_submission_file (submission_id, file_id),
  KEY ix_emulation_submission_file_part (submission_id, part, removed_at),
  CONSTRAINT fk_emulation_sfile_submission FOREIGN KEY (submission_id) REFERENCES emulation_submission (id),
  CONSTRAINT fk_emulation_sfile_file FOREIGN KEY (file_id) REFERENCES file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- A lock exception: one school (or, school_id NULL, the cluster itself) may
-- still submit a kind after its lock date, until `until_date`. Granting it
-- again changes the date; every grant is in the audit log.
CREATE TABLE emulation_exception (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  deadline_id BIGINT UNSIGNED NOT NULL,
  cluster_id BIGINT UNSIGNED NOT NULL,
  school_id BIGINT UNSIGNED NULL,
  owner_school BIGINT UNSIGNED AS (COALESCE(school_id, 0)) STORED,
  until_date DATE NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  granted_by BIGINT UNSIGNED NULL,
  granted_by_login VARCHAR(64) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_exception (deadline_id, cluster_id, owner_school),
  CONSTRAINT fk_emulation_exception_deadline FOREIGN KEY (deadline_id) REFERENCES emulation_deadline (id),
  CONSTRAINT fk_emulation_exception_member FOREIGN KEY (cluster_id, school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT fk_emulation_exception_cluster FOREIGN KEY (cluster_id) REFERENCES emulation_cluster (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The year-end figures behind the targets (phụ lục Mẫu 04). Levels are
-- exclusive: a party organisation rated "xuất sắc" counts in
-- party_excellent only.
CREATE TABLE emulation_figures (
  year_id BIGINT UNSIGNED NOT NULL,
  school_id BIGINT UNSIGNED NOT NULL,
  staff_total INT UNSIGNED NOT NULL,
  ldtt INT UNSIGNED NOT NULL,
  cstd INT UNSIGNED NOT NULL,
  units_total INT UNSIGNED NOT NULL,
  units_ldtt INT UNSIGNED NOT NULL,
  units_ldxs INT UNSIGNED NOT NULL,
  commended INT UNSIGNED NOT NULL,
  party_total INT UNSIGNED NOT NULL,
  party_good INT UNSIGNED NOT NULL,
  party_excellent INT UNSIGNED NOT NULL,
  prof_total INT UNSIGNED NOT NULL,
  prof_good INT UNSIGNED NOT NULL,
  prof_excellent INT UNSIGNED NOT NULL,
  dept_total INT UNSIGNED NOT NULL,
  dept_joined INT UNSIGNED NOT NULL,
  updated_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (year_id, school_id),
  CONSTRAINT fk_emulation_figures_member FOREIGN KEY (year_id, school_id)
    REFERENCES emulation_member (year_id, school_id),
  CONSTRAINT ck_emulation_figures_parts CHECK (ldtt <= staff_total AND cstd <= ldtt
    AND units_ldtt <= units_total AND units_ldxs <= units_ldtt
    AND commended <= staff_total + units_total
    AND party_good + party_excellent <= party_total
    AND prof_good + prof_excellent <= prof_total AND dept_joined <= dept_total)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Scoring sheets: Mẫu 5.1 for political schools, 5.2 for sector schools.
CREATE TABLE emulation_sheet (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year_id BIGINT UNSIGNED NOT NULL,
  form ENUM('5.1', '5.2') NOT NULL,
  school_kind VARCHAR(32) NOT NULL,
  title VARCHAR(300) NOT NULL,
  note TEXT NULL,
  is_sample TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_sheet (year_id, form),
  UNIQUE KEY uq_emulation_sheet_kind (year_id, school_kind),
  CONSTRAINT fk_emulation_sheet_year FOREIGN KEY (year_id) REFERENCES emulation_year (id) ON DELETE CASCADE,
  CONSTRAINT fk_emulation_sheet_kind FOREIGN KEY (school_kind) REFERENCES agency_kind (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE emulation_criterion (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sheet_id BIGINT UNSIGNED NOT NULL,
  seq INT NOT NULL DEFAULT 0,
  code VARCHAR(20) NOT NULL,
  section VARCHAR(300) NOT NULL DEFAULT '',
  title VARCHAR(1000) NOT NULL,
  kind ENUM('score', 'bonus', 'penalty') NOT NULL DEFAULT 'score',
  max_points DECIMAL(6,2) NOT NULL,
  -- Text per score level: [{"points": "10", "text": "…"}, …]
  levels_json LONGTEXT NULL CHECK (levels_json IS NULL OR JSON_VALID(levels_json)),
  evidence VARCHAR(1000) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_criterion (sheet_id, code),
  KEY ix_emulation_criterion_seq (sheet_id, seq),
  CONSTRAINT fk_emulation_criterion_sheet FOREIGN KEY (sheet_id) REFERENCES emulation_sheet (id) ON DELETE CASCADE,
  CONSTRAINT ck_emulation_criterion_max CHECK (max_points > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- One self-score card and one cross-check card per school a year. The check
-- is the schema's own guard that a school never cross-checks itself; the
-- foreign keys keep scorer and scored in the same cluster.
CREATE TABLE emulation_scorecard (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year_id BIGINT UNSIGNED NOT NULL,
  cluster_id BIGINT UNSIGNED NOT NULL,
  school_id BIGINT UNSIGNED NOT NULL,
  role ENUM('self', 'cross') NOT NULL,
  scorer_school_id BIGINT UNSIGNED NOT NULL,
  sheet_id BIGINT UNSIGNED NOT NULL,
  state ENUM('draft', 'submitted') NOT NULL DEFAULT 'draft',
  submitted_at DATETIME NULL,
  submitted_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_scorecard (year_id, school_id, role),
  KEY ix_emulation_scorecard_cluster (cluster_id, role),
  CONSTRAINT fk_emulation_scorecard_scored FOREIGN KEY (cluster_id, school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT fk_emulation_scorecard_scorer FOREIGN KEY (cluster_id, scorer_school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT fk_emulation_scorecard_sheet FOREIGN KEY (sheet_id) REFERENCES emulation_sheet (id),
  CONSTRAINT ck_emulation_scorecard_scorer CHECK ((role = 'self' AND scorer_school_id = school_id)
    OR (role = 'cross' AND scorer_school_id <> school_id))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The current points per criterion of a card …
CREATE TABLE emulation_score (
  scorecard_id BIGINT UNSIGNED NOT NULL,
  criterion_id BIGINT UNSIGNED NOT NULL,
  points DECIMAL(6,2) NOT NULL,
  note VARCHAR(1000) NULL,
  scored_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (scorecard_id, criterion_id),
  CONSTRAINT fk_emulation_score_card FOREIGN KEY (scorecard_id) REFERENCES emulation_scorecard (id),
  CONSTRAINT fk_emulation_score_criterion FOREIGN KEY (criterion_id) REFERENCES emulation_criterion (id),
  CONSTRAINT ck_emulation_score_points CHECK (points >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- … and every value ever given, by whom: rows are only ever inserted, so a
-- re-score never erases the score it replaces.
CREATE TABLE emulation_score_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scorecard_id BIGINT UNSIGNED NOT NULL,
  criterion_id BIGINT UNSIGNED NOT NULL,
  points DECIMAL(6,2) NOT NULL,
  previous_points DECIMAL(6,2) NULL,
  note VARCHAR(1000) NULL,
  scorer_school_id BIGINT UNSIGNED NOT NULL,
  scored_by BIGINT UNSIGNED NULL,
  scored_by_login VARCHAR(64) NULL,
  at DATETIME NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_emulation_score_history (scorecard_id, criterion_id, id),
  CONSTRAINT fk_emulation_history_card FOREIGN KEY (scorecard_id) REFERENCES emulation_scorecard (id),
  CONSTRAINT fk_emulation_history_criterion FOREIGN KEY (criterion_id) REFERENCES emulation_criterion (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- The score table frozen when a cluster finalises (round 1, 2, … if it is
-- reopened and finalised again; older rounds are kept).
CREATE TABLE emulation_ranking (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cluster_id BIGINT UNSIGNED NOT NULL,
  round INT NOT NULL,
  school_id BIGINT UNSIGNED NOT NULL,
  self_total DECIMAL(7,2) NULL,
  cross_total DECIMAL(7,2) NULL,
  final_total DECIMAL(7,2) NULL,
  rank_no INT NULL,                 -- NULL: not ranked (see unranked_reason)
  unranked_reason VARCHAR(32) NULL, -- not_evaluated, no_self_score
  gap_flag TINYINT(1) NOT NULL DEFAULT 0,
  award ENUM('none', 'co_thi_dua', 'bang_khen') NOT NULL DEFAULT 'none',
  award_tie TINYINT(1) NOT NULL DEFAULT 0, -- a tie gives the award to more schools than its slots
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_emulation_ranking (cluster_id, round, school_id),
  CONSTRAINT fk_emulation_ranking_member FOREIGN KEY (cluster_id, school_id)
    REFERENCES emulation_member (cluster_id, school_id),
  CONSTRAINT ck_emulation_ranking_rank CHECK (rank_no IS NULL OR rank_no >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;
