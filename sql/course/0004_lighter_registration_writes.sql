-- What every public registration writes besides its row, made lighter: at a
-- national opening these statements meet the crowd.
--
-- ix_reg_cccd (course_id, cccd) served no query: lookups of a person go
-- through uq_reg_active (course_id, active_cccd) or ix_reg_active_cccd, and
-- the participant list's search filters rows already chosen by course and
-- bridge point. Every registration wrote one entry more into it.
ALTER TABLE course_registration DROP KEY ix_reg_cccd;
