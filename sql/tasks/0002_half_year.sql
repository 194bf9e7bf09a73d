-- Deadlines written as a half year ("6 tháng đầu năm 2026" → 30/06/2026,
-- "6 tháng cuối năm 2026" → 31/12/2026) get their own kind.
ALTER TABLE tasks_task MODIFY deadline_kind
  ENUM('day', 'month', 'quarter', 'half', 'year', 'range', 'ongoing', 'yearly', 'unparsed', 'manual')
  NOT NULL;
