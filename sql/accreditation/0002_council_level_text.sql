-- The council slots of a cycle were tied to the council's level with ENUM
-- columns on both sides of a foreign key; InnoDB compares ENUMs by their
-- index, and 'central' is the first value on one side and the second on the
-- other, so a central council could never be assigned. Levels become text.

ALTER TABLE accreditation_cycle
  DROP FOREIGN KEY fk_accr_cycle_prov,
  DROP FOREIGN KEY fk_accr_cycle_central;

ALTER TABLE accreditation_cycle
  DROP COLUMN provincial_level,
  DROP COLUMN central_level;

ALTER TABLE accreditation_council
  MODIFY level VARCHAR(16) NOT NULL,
  ADD CONSTRAINT ck_accr_council_level CHECK (level IN ('provincial', 'central'));

ALTER TABLE accreditation_cycle
  ADD COLUMN provincial_level VARCHAR(16) AS ('provincial') PERSISTENT AFTER provincial_council_id,
  ADD COLUMN central_level VARCHAR(16) AS ('central') PERSISTENT AFTER central_council_id;

ALTER TABLE accreditation_cycle
  ADD CONSTRAINT fk_accr_cycle_prov FOREIGN KEY (provincial_council_id, provincial_level)
    REFERENCES accreditation_council (id, level),
  ADD CONSTRAINT fk_accr_cycle_central FOREIGN KEY (central_council_id, central_level)
    REFERENCES accreditation_council (id, level);
