<?php
// The PHP-FPM + PDO baseline doing the registration's own INSERT and
// nothing else: the same table, columns, unique keys, indexes, foreign keys
// and CHECK as POST /api/course/public/register writes, one autocommit
// statement (the point's id and province taken from its code inside that
// INSERT), duplicate -> 409, the new id as JSON. No validation, no seat, no
// audit: the floor of what "the same insert" costs through PHP-FPM.
// Driven by bench/course/register.lua, so the bodies are the registration's.
header('Content-Type: application/json; charset=utf-8');
$in = json_decode(file_get_contents('php://input'), true);
if (!is_array($in)) {
    http_response_code(400);
    echo '{"error":"bad_json"}';
    return;
}
try {
    $db = new PDO('mysql:unix_socket=' . getenv('BENCH_DB_SOCKET') . ';dbname=cadre;charset=utf8mb4',
                  getenv('BENCH_DB_USER'), getenv('BENCH_DB_PASSWORD'),
                  [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                   PDO::ATTR_EMULATE_PREPARES => false]);
    $ticket = substr(str_shuffle('ABCDEFGHJKMNPQRSTUVWXYZ23456789'), 0, 10);
    $st = $db->prepare('INSERT INTO course_registration (course_id, bridge_point_id, province_id, cccd,'
        . ' full_name, position, unit_name, phone, email, category, source, idem_key, ticket, created_at, updated_at)'
        . ' SELECT bp.course_id, bp.id, bp.province_id, ?, ?, ?, ?, ?, ?, ?, \'self\', ?, ?, NOW(), NOW()'
        . ' FROM course_bridge_point bp WHERE bp.course_id = ? AND bp.code = ?');
    $st->execute([(string)($in['cccd'] ?? ''), (string)($in['full_name'] ?? ''), (string)($in['position'] ?? ''),
                  (string)($in['unit'] ?? ''), (string)($in['phone'] ?? ''), $in['email'] ?? null,
                  (string)($in['category'] ?? ''), $in['idempotency_key'] ?? null, $ticket,
                  (int)($in['course'] ?? 0), (string)($in['bridge_point'] ?? '')]);
    if ($st->rowCount() !== 1) {
        http_response_code(422);
        echo '{"error":"bridge_point_unknown"}';
        return;
    }
    http_response_code(201);
    echo json_encode(['id' => (int)$db->lastInsertId(), 'ticket' => $ticket]);
} catch (PDOException $e) {
    if (($e->errorInfo[1] ?? 0) == 1062) {
        http_response_code(409);
        echo '{"error":"already_registered"}';
    } else {
        http_response_code(503);
        header('Retry-After: 5');
        echo '{"error":"db_unavailable"}';
    }
}
