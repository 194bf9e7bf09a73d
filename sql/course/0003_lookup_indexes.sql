-- Lookups that do not know the course: the public form and the bench may
-- name only a bridge-point code, and a participant's lookup, essay and
-- check-in start from the citizen ID. The unique keys start with course_id,
-- so without these the "(? = 0 OR course_id = ?)" queries scan the table.
ALTER TABLE course_bridge_point ADD KEY ix_bp_code (code);
ALTER TABLE course_registration ADD KEY ix_reg_active_cccd (active_cccd, phone);
