<?php
// Baseline for a registration: one durable INSERT guarded by a unique key,
// duplicate -> 409, as the host's registration handlers do (insert, never
// read-then-write). Persistent PDO connection (our host pools connections).
header('Content-Type: application/json; charset=utf-8');
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    echo '{"error":"method_not_allowed"}';
    return;
}
$in = json_decode(file_get_contents('php://input'), true);
$course = isset($in['course']) ? (int)$in['course'] : 0;
$phone = isset($in['phone']) ? (string)$in['phone'] : '';
if ($course <= 0 || $phone === '' || strlen($phone) > 64) {
    http_response_code(422);
    echo '{"error":"validation_failed"}';
    return;
}
try {
    $db = new PDO('mysql:unix_socket=' . getenv('BENCH_DB_SOCKET') . ';dbname=cadre_bench;charset=utf8mb4',
                  getenv('BENCH_DB_USER'), getenv('BENCH_DB_PASSWORD'),
                  [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                   PDO::ATTR_EMULATE_PREPARES => false]);
    $st = $db->prepare('INSERT INTO bench_registration (course_id, phone, created_at) VALUES (?, ?, NOW())');
    $st->execute([$course, $phone]);
    http_response_code(201);
    echo json_encode(['id' => (int)$db->lastInsertId()]);
} catch (PDOException $e) {
    if (isset($e->errorInfo[1]) && $e->errorInfo[1] == 1062) {
        http_response_code(409);
        echo json_encode(['error' => 'already_registered', 'message' => 'Số điện thoại đã đăng ký khóa học này.'],
                         JSON_UNESCAPED_UNICODE);
    } else {
        http_response_code(503);
        header('Retry-After: 5');
        echo '{"error":"db_unavailable"}';
    }
}
