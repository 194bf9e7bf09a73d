-- The root of the agency tree. Every install has it; agencies with
-- scope 'national' see its whole subtree.
INSERT INTO agency (parent_id, kind, code, name, short_name, scope, status)
VALUES (NULL, 'national', 'VN', 'Toàn quốc', 'Toàn quốc', 'national', 'active');
