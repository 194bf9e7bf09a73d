<?php
// The PHP-FPM + PDO baseline doing what POST /api/course/public/register
// does, statement for statement, so the ratio compares the stacks and not
// the work: validate every field (citizen ID 12 digits, phone, name without
// control characters, category), look up the bridge point and the course's
// window, then in one transaction take a seat with the conditional UPDATE on
// the point's counter, INSERT the registration (unique keys decide
// duplicates), INSERT the audit row, COMMIT, answer JSON.
// Needs the bench nginx to route /bench/course/register.php here (see
// docs/requests/course.md); bench/course/scenarios.sh skips it otherwise.
header('Content-Type: application/json; charset=utf-8');
function fail($status, $code, $msg) {
    http_response_code($status);
    echo json_encode(['error' => $code, 'message' => $msg], JSON_UNESCAPED_UNICODE);
    exit;
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST') fail(405, 'method_not_allowed', 'Phương thức không được hỗ trợ.');
$in = json_decode(file_get_contents('php://input'), true);
if (!is_array($in)) fail(400, 'bad_json', 'Dữ liệu không hợp lệ.');
$cccd = preg_replace('/\s+/', '', (string)($in['cccd'] ?? ''));
$phone = preg_replace('/[\s.]/', '', (string)($in['phone'] ?? ''));
if (str_starts_with($phone, '+84')) $phone = '0' . substr($phone, 3);
$name = trim((string)($in['full_name'] ?? ''));
$fields = [];
if (!preg_match('/^[0-9]{12}$/', $cccd)) $fields['cccd'] = 'invalid_cccd';
if (!preg_match('/^0[1-9][0-9]{8,9}$/', $phone)) $fields['phone'] = 'invalid_phone';
if (!mb_check_encoding($name, 'UTF-8') || preg_match('/[\x00-\x1F\x7F]/', $name) || mb_strlen($name) < 2 || mb_strlen($name) > 200)
    $fields['full_name'] = 'invalid';
foreach (['position' => 200, 'unit' => 255] as $f => $max) {
    $v = trim((string)($in[$f] ?? ''));
    if ($v === '' || mb_strlen($v) > $max || preg_match('/[\x00-\x1F\x7F]/', $v)) $fields[$f] = 'invalid';
}
if (!in_array($in['category'] ?? '', ['commune_leader', 'school_lecturer', 'other'], true)) $fields['category'] = 'invalid_choice';
if ($fields) { http_response_code(422); echo json_encode(['error' => 'validation_failed', 'fields' => $fields]); exit; }
try {
    $db = new PDO('mysql:unix_socket=' . getenv('BENCH_DB_SOCKET') . ';dbname=cadre;charset=utf8mb4',
                  getenv('BENCH_DB_USER'), getenv('BENCH_DB_PASSWORD'),
                  [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                   PDO::ATTR_EMULATE_PREPARES => false]);
    $q = $db->prepare('SELECT bp.id, bp.code, bp.name, bp.status, bp.province_id, c.id AS course_id, c.title,'
        . ' c.reg_opens_at, c.reg_closes_at FROM course_bridge_point bp JOIN course_course c ON c.id = bp.course_id'
        . ' WHERE bp.code = ? AND c.id = ?');
    $q->execute([(string)($in['bridge_point'] ?? ''), (int)($in['course'] ?? 0)]);
    $bp = $q->fetch(PDO::FETCH_ASSOC);
    if (!$bp) fail(422, 'bridge_point_unknown', 'Không tìm thấy điểm cầu.');
    $now = (new DateTime('now', new DateTimeZone('Asia/Ho_Chi_Minh')))->format('Y-m-d H:i:s');
    if ($now < $bp['reg_opens_at'] || $now > $bp['reg_closes_at']) fail(422, 'registration_closed', 'Ngoài thời gian đăng ký.');
    if ($bp['status'] !== 'approved') fail(422, 'bridge_point_not_approved', 'Điểm cầu chưa được duyệt.');
    $ticket = substr(str_shuffle('ABCDEFGHJKMNPQRSTUVWXYZ23456789ABCDEFGHJKMNPQRSTUVWXYZ23456789'), 0, 10);
    $db->beginTransaction();
    $u = $db->prepare('UPDATE course_bridge_point SET registered = registered + 1 WHERE id = ? AND status = \'approved\' AND registered < seats');
    $u->execute([$bp['id']]);
    $took = $u->rowCount();
    $i = $db->prepare('INSERT INTO course_registration (course_id, bridge_point_id, province_id, cccd, full_name, position,'
        . ' unit_name, phone, email, category, source, idem_key, ticket, created_at, updated_at)'
        . ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \'self\', ?, ?, ?, ?)');
    try {
        $i->execute([$bp['course_id'], $bp['id'], $bp['province_id'], $cccd, $name, trim($in['position']),
                     trim($in['unit']), $phone, $in['email'] ?? null, $in['category'], $in['idempotency_key'] ?? null,
                     $ticket, $now, $now]);
    } catch (PDOException $e) {
        $db->rollBack();
        if (($e->errorInfo[1] ?? 0) == 1062) fail(409, 'already_registered', 'Số căn cước công dân này đã đăng ký.');
        throw $e;
    }
    if ($took == 0) { $db->rollBack(); fail(422, 'bridge_point_full', 'Điểm cầu đã đủ chỗ.'); }
    $id = (int)$db->lastInsertId();
    $a = $db->prepare('INSERT INTO audit_log (at, module, entity, entity_id, action, after_json) VALUES (NOW(3), \'course\', \'course.registration\', ?, \'create\', ?)');
    $a->execute([$id, json_encode(['cccd' => $cccd, 'full_name' => $name], JSON_UNESCAPED_UNICODE)]);
    $db->commit();
    http_response_code(201);
    echo json_encode(['id' => $id, 'ticket' => $ticket, 'status' => 'confirmed', 'full_name' => $name,
                      'bridge_point' => ['code' => $bp['code'], 'name' => $bp['name']],
                      'course' => ['id' => (int)$bp['course_id'], 'title' => $bp['title']]], JSON_UNESCAPED_UNICODE);
} catch (PDOException $e) {
    http_response_code(503);
    header('Retry-After: 5');
    echo '{"error":"db_unavailable"}';
}
