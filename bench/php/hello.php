<?php
// Baseline for GET /api/core/hello: the same JSON through the same nginx.
header('Content-Type: application/json; charset=utf-8');
echo json_encode(['hello' => 'Xin chào'], JSON_UNESCAPED_UNICODE);
