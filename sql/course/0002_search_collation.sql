-- The house collation is now utf8mb4_uca1400_ai_ci (docs/DEVELOPING.md): it
-- folds ă â ê ô ơ ư đ as well as tones, so "nguyen van a" finds "Nguyễn
-- Văn A". 0001 declared utf8mb4_uca1400_vietnamese_ai_ci, which keeps those
-- letters distinct; the searched text columns move to the house collation
-- (ORDER BY … COLLATE utf8mb4_uca1400_vietnamese_ci gives Vietnamese order
-- where wanted). Identifiers (citizen ID, codes, phones) stay ascii.
ALTER TABLE course_course DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY title VARCHAR(500) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_topic DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY title VARCHAR(500) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_session DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY title VARCHAR(500) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_bridge_point DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY name VARCHAR(255) NOT NULL COLLATE utf8mb4_uca1400_ai_ci,
  MODIFY address VARCHAR(500) NOT NULL COLLATE utf8mb4_uca1400_ai_ci,
  MODIFY organizer_name VARCHAR(200) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_registration DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY full_name VARCHAR(200) NOT NULL COLLATE utf8mb4_uca1400_ai_ci,
  MODIFY position VARCHAR(200) NOT NULL COLLATE utf8mb4_uca1400_ai_ci,
  MODIFY unit_name VARCHAR(255) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_essay DEFAULT COLLATE = utf8mb4_uca1400_ai_ci,
  MODIFY title VARCHAR(500) NOT NULL COLLATE utf8mb4_uca1400_ai_ci;
ALTER TABLE course_essay_proposal DEFAULT COLLATE = utf8mb4_uca1400_ai_ci;
ALTER TABLE course_attendance_event DEFAULT COLLATE = utf8mb4_uca1400_ai_ci;
ALTER TABLE course_attendance DEFAULT COLLATE = utf8mb4_uca1400_ai_ci;
ALTER TABLE course_import DEFAULT COLLATE = utf8mb4_uca1400_ai_ci;
