-- Names documents use for an agency besides its own: when an administrator
-- merges a pending agency (created by an import from a name nothing matched)
-- into the real one, that name becomes an alias, so the next import of the
-- same document finds the agency instead of creating the pending one again.
CREATE TABLE agency_alias (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agency_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(255) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_agency_alias_name (name),
  KEY ix_agency_alias_agency (agency_id),
  CONSTRAINT fk_agency_alias_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci;
