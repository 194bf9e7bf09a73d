-- Core schema: agencies (a tree with a closure table), users and roles,
-- sessions, modules per agency, audit log, outbox, files.
--
-- Text columns use utf8mb4_uca1400_ai_ci, which matches without case or any
-- diacritic, including the Vietnamese letters ă â ê ô ơ ư đ: "nguyen van a"
-- finds "Nguyễn Văn A". (utf8mb4_uca1400_vietnamese_ai_ci treats those as
-- distinct letters, right for sorting, wrong for search.) Queries that must
-- sort in Vietnamese order add COLLATE utf8mb4_uca1400_vietnamese_ci.

CREATE TABLE agency_kind (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  sort INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

INSERT INTO agency_kind (code, title, sort) VALUES
  ('national', 'Toàn quốc', 0),
  ('academy', 'Học viện', 10),
  ('central_board', 'Ban Trung ương', 20),
  ('department', 'Vụ, Cục, đơn vị trực thuộc', 30),
  ('ministry', 'Bộ, ngành Trung ương', 40),
  ('province', 'Tỉnh ủy, Thành ủy', 50),
  ('province_board', 'Ban Tổ chức Tỉnh ủy, Thành ủy', 60),
  ('political_school', 'Trường Chính trị tỉnh, thành phố', 70),
  ('sector_school', 'Trường bộ, ngành', 80),
  ('commune', 'Xã, phường, đặc khu', 90),
  ('other', 'Khác', 100);

CREATE TABLE agency (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT UNSIGNED NULL,
  kind VARCHAR(32) NOT NULL,
  code VARCHAR(64) NOT NULL,
  name VARCHAR(255) NOT NULL,
  short_name VARCHAR(100) NULL,
  -- Whose data the agency's users see: its own subtree, its parent's
  -- (a provincial organization board acts for the province), or everything
  -- (the Academy, the Central Organization Commission and their departments).
  scope ENUM('own', 'parent', 'national') NOT NULL DEFAULT 'own',
  -- 'pending': created by an import from a name no agency matched, waiting
  -- for an admin to confirm it or merge it into an existing agency.
  status ENUM('active', 'pending', 'disabled') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_agency_code (code),
  KEY ix_agency_parent (parent_id, name),
  KEY ix_agency_kind (kind, name),
  KEY ix_agency_name (name),
  CONSTRAINT fk_agency_parent FOREIGN KEY (parent_id) REFERENCES agency (id),
  CONSTRAINT fk_agency_kind FOREIGN KEY (kind) REFERENCES agency_kind (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Every (ancestor, descendant) pair including (a, a) at depth 0, so "is X in
-- the subtree of Y" and "everything under Y" are single indexed lookups.
CREATE TABLE agency_closure (
  ancestor BIGINT UNSIGNED NOT NULL,
  descendant BIGINT UNSIGNED NOT NULL,
  depth INT NOT NULL,
  PRIMARY KEY (ancestor, descendant),
  KEY ix_closure_descendant (descendant, depth),
  CONSTRAINT fk_closure_ancestor FOREIGN KEY (ancestor) REFERENCES agency (id) ON DELETE CASCADE,
  CONSTRAINT fk_closure_descendant FOREIGN KEY (descendant) REFERENCES agency (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- New agencies join their parent's paths. Moving an agency is done by
-- lib/agency.c, which rewrites the subtree's paths in the same transaction.
CREATE TRIGGER agency_closure_insert AFTER INSERT ON agency FOR EACH ROW
  INSERT INTO agency_closure (ancestor, descendant, depth)
  SELECT c.ancestor, NEW.id, c.depth + 1 FROM agency_closure c WHERE c.descendant = NEW.parent_id
  UNION ALL SELECT NEW.id, NEW.id, 0;

CREATE TABLE role (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  module VARCHAR(32) NULL,
  description VARCHAR(500) NULL,
  sort INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

INSERT INTO role (code, title, module, description, sort) VALUES
  ('admin', 'Quản trị', NULL, 'Quản lý đơn vị, người dùng, vai trò và phân hệ trong phạm vi của đơn vị', 10),
  ('officer', 'Cán bộ nghiệp vụ', NULL, 'Nhập và cập nhật dữ liệu nghiệp vụ của đơn vị', 20),
  ('reviewer', 'Thẩm định, phê duyệt', NULL, 'Xem xét, phê duyệt, trả lại hồ sơ của cấp dưới', 30),
  ('organizer', 'Tổ chức', NULL, 'Tổ chức lớp, điểm cầu, hội nghị', 40),
  ('viewer', 'Xem', NULL, 'Chỉ xem số liệu và báo cáo trong phạm vi', 50);

CREATE TABLE app_user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agency_id BIGINT UNSIGNED NOT NULL,
  login VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  email VARCHAR(254) NULL,
  phone VARCHAR(20) NULL,
  password_hash VARCHAR(255) NOT NULL,
  must_change_password TINYINT(1) NOT NULL DEFAULT 0,
  password_changed_at DATETIME NULL,
  disabled_at DATETIME NULL,
  last_login_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_user_login (login),
  KEY ix_user_agency (agency_id),
  CONSTRAINT fk_user_agency FOREIGN KEY (agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE user_role (
  user_id BIGINT UNSIGNED NOT NULL,
  role VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, role),
  CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_role_role FOREIGN KEY (role) REFERENCES role (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Sessions live in the database so that any host can serve any request.
-- Only the SHA-256 of the 256-bit token is stored.
CREATE TABLE user_session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  csrf_token CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  ended_at DATETIME NULL,
  end_reason VARCHAR(32) NULL,
  ip VARCHAR(45) NULL,
  user_agent VARCHAR(255) NULL,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_session_token (token_hash),
  KEY ix_session_user (user_id, ended_at),
  CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE login_attempt (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME NOT NULL,
  login VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  ip VARCHAR(45) NOT NULL,
  ok TINYINT(1) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_attempt_login (login, at),
  KEY ix_attempt_ip (ip, at)
) ENGINE=InnoDB;

-- Loaded modules (kept in step with the plugins by `cadre-admin migrate`).
CREATE TABLE module (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  ui_path VARCHAR(100) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Which agencies use which module. The nearest row on the path from an
-- agency up to the root decides; no row at all means "not enabled".
CREATE TABLE agency_module (
  agency_id BIGINT UNSIGNED NOT NULL,
  module VARCHAR(32) NOT NULL,
  enabled TINYINT(1) NOT NULL,
  updated_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (agency_id, module),
  CONSTRAINT fk_agency_module_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE,
  CONSTRAINT fk_agency_module_module FOREIGN KEY (module) REFERENCES module (name) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  user_login VARCHAR(64) NULL,
  agency_id BIGINT UNSIGNED NULL,
  request_id VARCHAR(40) NULL,
  ip VARCHAR(45) NULL,
  module VARCHAR(32) NOT NULL,
  entity VARCHAR(64) NOT NULL,
  entity_id BIGINT NULL,
  action VARCHAR(40) NOT NULL,
  before_json LONGTEXT NULL CHECK (before_json IS NULL OR JSON_VALID(before_json)),
  after_json LONGTEXT NULL CHECK (after_json IS NULL OR JSON_VALID(after_json)),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_audit_entity (entity, entity_id, at),
  KEY ix_audit_at (at),
  KEY ix_audit_user (user_id, at),
  KEY ix_audit_module (module, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('email', 'webhook') NOT NULL,
  module VARCHAR(32) NOT NULL,
  recipient VARCHAR(254) NOT NULL,          -- email address, or webhook target name
  subject VARCHAR(255) NULL,
  body MEDIUMTEXT NULL,                     -- email text, or webhook JSON payload
  reply_kind VARCHAR(64) NULL,              -- webhook answers handed to the module
  reply_ref BIGINT NULL,
  dedupe_key VARCHAR(191) NULL,
  status ENUM('pending', 'sending', 'sent', 'dead') NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  locked_until DATETIME NULL,
  last_error VARCHAR(1000) NULL,
  answer MEDIUMTEXT NULL,
  sent_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_outbox_dedupe (dedupe_key),
  KEY ix_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

CREATE TABLE file (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  size BIGINT UNSIGNED NOT NULL,
  mime VARCHAR(127) NOT NULL,
  filename VARCHAR(255) NOT NULL,
  module VARCHAR(32) NOT NULL,
  owner_agency_id BIGINT UNSIGNED NULL,
  uploaded_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_file_sha (sha256),
  CONSTRAINT fk_file_agency FOREIGN KEY (owner_agency_id) REFERENCES agency (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;

-- Answers to idempotent form posts: the first answer is kept and replayed.
CREATE TABLE idempotency (
  module VARCHAR(32) NOT NULL,
  idem_key VARCHAR(100) CHARACTER SET ascii NOT NULL,
  status INT NULL,                          -- NULL while the first request runs
  answer MEDIUMTEXT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (module, idem_key),
  KEY ix_idempotency_created (created_at)
) ENGINE=InnoDB;
