-- Demo: the Academy's emulation board. Công văn 3552-CV/HVCTQG routes the
-- schools' and clusters' dossiers through Vụ Các trường chính trị, where the
-- demo's Academy officer and reviewer sit; they act as the board here.
-- (School focal points need nothing: an officer of a member school acts for
-- it, and the cluster head is whichever school the year's cluster names.)
INSERT IGNORE INTO user_role (user_id, role)
  SELECT id, 'emulation_board' FROM app_user WHERE login IN ('academy.officer', 'academy.reviewer', 'academy.admin');
