-- What every public registration writes besides its row, made lighter: at a
-- national opening these statements meet the crowd.
--
-- ix_reg_cccd (course_id, cccd) served no query: lookups of a person go
-- through uq_reg_active (course_id, active_cccd) or ix_reg_active_cccd, and
-- the participant list's search filters rows already chosen by course and
-- bridge point. Every registration wrote one entry more into it.
ALTER TABLE course_registration DROP KEY ix_reg_cccd;

-- ix_bp_report carried the seat counter, so every seat taken or given back
-- rewrote a secondary index entry (and left one to purge). The national
-- report reads `registered` from the ≈3,400 points' rows instead.
ALTER TABLE course_bridge_point DROP KEY ix_bp_report,
  ADD KEY ix_bp_report (course_id, province_id, status, connection_status, seats, expected);
