"""Identity administration: agencies, users, roles, modules per agency, audit,
the route × role × own/foreign agency matrix, and the outbox."""

from __future__ import annotations

import uuid

import pytest

from conftest import Client, expect

PASSWORD = "Mật-khẩu-2026-thử"


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}"


def agency_id(db, code: str) -> int:
    return db.scalar("SELECT id FROM agency WHERE code = %s", code)


def audit_count(db, entity: str, entity_id: int | None = None) -> int:
    if entity_id is None:
        return db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = %s", entity)
    return db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = %s AND entity_id = %s", entity, entity_id)


def make_user(cadre_admin, agency: str, roles: str) -> str:
    login = unique("t.adm")
    cadre_admin("user", "add", login, "--agency", agency, "--roles", roles, "--password", PASSWORD,
                "--name", "Người Thử", "--email", f"{login}@example.vn")
    return login


def logged_in(web: str, login: str) -> Client:
    c = Client(web)
    c.login(login, PASSWORD)
    return c


# ---- agencies --------------------------------------------------------------

def test_search_is_accent_and_case_insensitive(client, web):
    c = client(login="academy.viewer", web=web)
    found = expect(c.get("/api/core/agencies", params={"q": "thanh uy ha noi"}), 200)
    assert any(a["code"] == "P01" and a["name"] == "Thành ủy Hà Nội" for a in found)
    found = expect(c.get("/api/core/agencies", params={"q": "TRUONG CHINH TRI TON DUC THANG"}), 200)
    assert [a["code"] for a in found] == ["P34-TCT"]


def test_scope_limits_browsing(client, db):
    hn = client(login="hn.officer")
    # a province sees itself at the top and its own communes
    top = expect(hn.get("/api/core/agencies"), 200)
    assert [a["code"] for a in top] == ["P01"]
    kids = expect(hn.get("/api/core/agencies", params={"parent": agency_id(db, "P01")}), 200)
    assert {"P01-BTC", "P01-TCT", "P01-X0001"} <= {a["code"] for a in kids}
    assert sum(1 for a in kids if a["kind"] == "commune") == 126  # Hà Nội's communes in the demo tree
    # not another province's
    assert expect(hn.get("/api/core/agencies", params={"parent": agency_id(db, "P02")}), 404)["error"] == "not_found"
    assert expect(hn.get(f"/api/core/agencies/{agency_id(db, 'P02-TCT')}"), 404)["error"] == "not_found"
    assert not expect(hn.get("/api/core/agencies", params={"q": "Huế"}), 200)
    # the organisation board acts for its province
    board = client(login="hn.board")
    assert [a["code"] for a in expect(board.get("/api/core/agencies"), 200)] == ["P01"]
    # the Academy sees the whole tree
    academy = client(login="academy.viewer")
    assert [a["code"] for a in expect(academy.get("/api/core/agencies"), 200)] == ["VN"]
    detail = expect(academy.get(f"/api/core/agencies/{agency_id(db, 'P01-X0001')}"), 200)
    assert [p["code"] for p in detail["path"]] == ["VN", "P01", "P01-X0001"]


def test_create_move_and_closure(client, db):
    admin = client(login="hn.admin")
    code = unique("T-XA").replace(".", "-")
    r = expect(admin.post("/api/core/agencies", json={
        "parent_id": agency_id(db, "P01-X0001"), "kind": "other", "code": code, "name": "Tổ công tác thử"}), 200)
    new = r["id"]
    assert db.scalar("SELECT COUNT(*) FROM agency_closure WHERE descendant = %s", new) == 4  # VN, P01, X0001, self
    # move under another commune: paths from the old commune go, new ones come
    expect(admin.put(f"/api/core/agencies/{new}", json={
        "parent_id": agency_id(db, "P01-X0002"), "kind": "other", "code": code, "name": "Tổ công tác thử"}), 200)
    ancestors = {row["code"] for row in db.query(
        "SELECT a.code FROM agency_closure c JOIN agency a ON a.id = c.ancestor WHERE c.descendant = %s", new)}
    assert ancestors == {"VN", "P01", "P01-X0002", code}
    # a cycle is refused and nothing moves
    body = expect(admin.put(f"/api/core/agencies/{agency_id(db, 'P01-X0002')}", json={
        "parent_id": new, "kind": "commune", "code": "P01-X0002", "name": "Xã số 02 (Hà Nội)"}), 422)
    assert body["error"] == "agency_cycle"
    assert db.scalar("SELECT parent_id FROM agency WHERE code = 'P01-X0002'") == agency_id(db, "P01")
    # codes are unique
    body = expect(admin.post("/api/core/agencies", json={
        "parent_id": agency_id(db, "P01"), "kind": "other", "code": code, "name": "Trùng mã"}), 409)
    assert body["error"] == "duplicate_code" and body["fields"]["code"]["code"] == "duplicate"
    # outside the admin's scope: as if it did not exist
    body = expect(admin.post("/api/core/agencies", json={
        "parent_id": agency_id(db, "P02"), "kind": "other", "code": code + "-2", "name": "Ngoài phạm vi"}), 404)
    assert body["error"] == "not_found"
    # only a national admin hands out national scope
    body = expect(admin.post("/api/core/agencies", json={
        "parent_id": agency_id(db, "P01"), "kind": "other", "code": code + "-3", "name": "Toàn quốc giả",
        "scope": "national"}), 403)
    assert body["error"] == "forbidden"
    assert audit_count(db, "core.agency", new) == 2


def test_pending_agency_confirm_and_merge_moves_references(client, db, cadre_admin):
    admin = client(login="academy.admin")
    parent = agency_id(db, "BTCTW")
    db.execute("INSERT INTO agency (parent_id, kind, code, name, status) VALUES (%s, 'other', %s, %s, 'pending')",
               parent, unique("PENDING-T"), "Vụ Chờ Xác Nhận")
    pending = db.scalar("SELECT MAX(id) FROM agency WHERE name = 'Vụ Chờ Xác Nhận'")
    listed = expect(admin.get("/api/core/agencies", params={"q": "vu cho xac nhan", "status": "pending"}), 200)
    assert [a["id"] for a in listed] == [pending]
    # a user was attached to the pending agency (a reference to move)
    login = unique("t.pend")
    db.execute("INSERT INTO app_user (agency_id, login, full_name, password_hash) VALUES (%s, %s, 'X', 'x')",
               pending, login)
    into = agency_id(db, "BTCTW-VTCDL")
    expect(admin.post(f"/api/core/agencies/{pending}/merge", json={"into_id": into}), 200)
    assert db.scalar("SELECT agency_id FROM app_user WHERE login = %s", login) == into
    assert db.scalar("SELECT COUNT(*) FROM agency WHERE id = %s", pending) == 0
    # the document's name now finds the real agency (accent-insensitively)
    assert db.scalar("SELECT agency_id FROM agency_alias WHERE name = %s", "vu cho xac nhan") == into
    assert audit_count(db, "core.agency", pending) == 1
    # merging an active agency is refused
    body = expect(admin.post(f"/api/core/agencies/{into}/merge", json={"into_id": parent}), 409)
    assert body["error"] == "not_pending"
    # confirm
    db.execute("INSERT INTO agency (parent_id, kind, code, name, status) VALUES (%s, 'other', %s, %s, 'pending')",
               parent, unique("PENDING-T"), "Vụ Chờ Khác")
    other = db.scalar("SELECT MAX(id) FROM agency WHERE name = 'Vụ Chờ Khác'")
    expect(admin.post(f"/api/core/agencies/{other}/confirm"), 200)
    assert db.scalar("SELECT status FROM agency WHERE id = %s", other) == "active"
    assert expect(admin.post(f"/api/core/agencies/{other}/confirm"), 409)["error"] == "not_pending"


# ---- users -----------------------------------------------------------------

def test_user_lifecycle_with_audit(client, db, web):
    admin = client(login="hn.admin", web=web)
    school = agency_id(db, "P01-TCT")
    login = unique("t.new")
    name = "Trần Văn Mới " + login[-4:].upper()
    body = expect(admin.post("/api/core/users", json={
        "login": login, "full_name": name, "email": f"{login}@example.vn", "phone": "+84 912 345 678",
        "agency_id": school, "roles": ["officer"], "password": "yeu"}), 422)
    assert body["fields"]["password"]["code"] == "weak_password"
    assert db.scalar("SELECT COUNT(*) FROM app_user WHERE login = %s", login) == 0
    uid = expect(admin.post("/api/core/users", json={
        "login": login, "full_name": name, "email": f"{login}@example.vn", "phone": "+84 912 345 678",
        "agency_id": school, "roles": ["officer"], "password": "Khoi-tao-2026"}), 200)["id"]
    row = db.one("SELECT phone, must_change_password FROM app_user WHERE id = %s", uid)
    assert row["phone"] == "0912345678" and row["must_change_password"] == 1
    assert audit_count(db, "core.user", uid) == 1
    assert "Khoi-tao" not in db.scalar("SELECT after_json FROM audit_log WHERE entity='core.user' AND entity_id=%s", uid)
    # duplicates and unknown roles are refused without writing
    n = audit_count(db, "core.user")
    assert expect(admin.post("/api/core/users", json={
        "login": login, "full_name": "Trùng", "agency_id": school, "roles": ["officer"],
        "password": "Khoi-tao-2026"}), 409)["error"] == "duplicate_login"
    assert expect(admin.post("/api/core/users", json={
        "login": unique("t.role"), "full_name": "Vai trò lạ", "agency_id": school, "roles": ["thu_tuong"],
        "password": "Khoi-tao-2026"}), 422)["fields"]["roles"]["code"] == "unknown_role"
    assert audit_count(db, "core.user") == n
    # edit roles
    expect(admin.put(f"/api/core/users/{uid}", json={
        "full_name": name, "agency_id": school, "roles": ["officer", "reviewer"]}), 200)
    assert {r["role"] for r in db.query("SELECT role FROM user_role WHERE user_id = %s", uid)} == {"officer", "reviewer"}
    listed = expect(admin.get("/api/core/users", params={"q": "tran van moi " + login[-4:]}), 200)
    assert [u["login"] for u in listed["items"]] == [login] and listed["items"][0]["roles"] == ["officer", "reviewer"]
    assert audit_count(db, "core.user", uid) == 2


def test_password_reset_notifies_by_email_through_the_outbox(client, db, mailbox, deliver):
    admin = client(login="hn.admin")
    login = unique("t.reset")
    uid = expect(admin.post("/api/core/users", json={
        "login": login, "full_name": "Người Quên", "email": f"{login}@example.vn",
        "agency_id": agency_id(db, "P01-TCT"), "roles": ["officer"], "password": "Khoi-tao-2026"}), 200)["id"]
    expect(admin.post(f"/api/core/users/{uid}/password", json={"password": "Dat-lai-2026-x"}), 200)
    assert db.scalar("SELECT COUNT(*) FROM outbox WHERE recipient = %s AND status = 'pending'", f"{login}@example.vn") == 1
    deliver()
    mails = [m for m in mailbox.wait_for(1) if m["to"] == f"{login}@example.vn"]
    assert len(mails) == 1
    assert mails[0]["subject"] == "Mật khẩu tài khoản Cadre Suite đã được đặt lại"
    assert "hn.admin" in mails[0]["text"] and "Dat-lai" not in mails[0]["text"]
    # a second pass sends nothing again
    deliver()
    assert len([m for m in mailbox.messages if m["to"] == f"{login}@example.vn"]) == 1
    assert db.scalar("SELECT status FROM outbox WHERE recipient = %s", f"{login}@example.vn") == "sent"


def test_email_retried_after_the_smtp_server_fails(client, db, mailbox, cadre_admin):
    admin = client(login="hn.admin")
    login = unique("t.retry")
    uid = expect(admin.post("/api/core/users", json={
        "login": login, "full_name": "Người Thử Lại", "email": f"{login}@example.vn",
        "agency_id": agency_id(db, "P01-TCT"), "roles": ["officer"], "password": "Khoi-tao-2026"}), 200)["id"]
    expect(admin.post(f"/api/core/users/{uid}/password", json={"password": "Dat-lai-2026-x"}), 200)
    mailbox.fail_next(1)
    cadre_admin("outbox", "run")
    row = db.one("SELECT status, attempts, last_error FROM outbox WHERE recipient = %s", f"{login}@example.vn")
    assert row["status"] == "pending" and row["attempts"] == 1 and "smtp" in row["last_error"]
    # not due yet at the same moment; due once the backoff has passed
    cadre_admin("--now", "2035-01-01 00:00", "outbox", "run")
    rows = [m for m in mailbox.wait_for(1) if m["to"] == f"{login}@example.vn"]
    assert len(rows) == 1
    assert db.one("SELECT status, attempts FROM outbox WHERE recipient = %s", f"{login}@example.vn") == \
        {"status": "sent", "attempts": 2}


def test_webhook_delivery_retry_and_no_duplicates(client, db, webhooks, cadre_admin):
    c = Client(client().base)
    key = unique("hook")
    expect(c.post("/api/core/debug/webhook", json={"payload": {"xin": "chào", "key": key}, "dedupe_key": key}), 200)
    again = expect(c.post("/api/core/debug/webhook", json={"payload": {"xin": "chào"}, "dedupe_key": key}), 200)
    assert again == {"queued": False}  # same dedupe key: queued once
    webhooks.respond(500, {"error": "tạm lỗi"})
    cadre_admin("outbox", "run")
    assert db.scalar("SELECT status FROM outbox WHERE dedupe_key = %s", key) == "pending"
    cadre_admin("--now", "2035-01-01 00:00", "outbox", "run")
    cadre_admin("--now", "2035-01-02 00:00", "outbox", "run")
    mine = [r for r in webhooks.requests if (r["json"] or {}).get("key") == key]
    assert len(mine) == 2  # one failure, one success, nothing after
    assert mine[0]["headers"]["Idempotency-Key"] == mine[1]["headers"]["Idempotency-Key"]
    assert mine[1]["json"] == {"xin": "chào", "key": key}
    assert db.scalar("SELECT status FROM outbox WHERE dedupe_key = %s", key) == "sent"


# ---- modules per agency ---------------------------------------------------------

def test_module_disabled_for_an_agency_disappears_and_answers_404(client, db, cadre_admin):
    modules = [m["name"] for m in expect(client(login="academy.viewer").get("/api/core/modules"), 200)]
    if not modules:
        pytest.skip("no business module is loaded in this run")
    module = modules[0]
    commune = agency_id(db, "P01-X0003")
    organiser = make_user(cadre_admin, "P01-X0003", "organizer officer")
    admin = client(login="hn.admin")
    assert module in {m["name"] for m in logged_in(client().base, organiser).session["modules"]}
    expect(admin.put(f"/api/core/agencies/{commune}/modules", json={"module": module, "enabled": False}), 200)
    c = logged_in(client().base, organiser)
    assert module not in {m["name"] for m in c.session["modules"]}
    settings = {m["name"]: m for m in expect(admin.get(f"/api/core/agencies/{commune}/modules"), 200)}
    assert settings[module]["enabled"] is False and settings[module]["own_setting"] is False
    # back to inheriting from the root
    expect(admin.put(f"/api/core/agencies/{commune}/modules", json={"module": module, "enabled": None}), 200)
    settings = {m["name"]: m for m in expect(admin.get(f"/api/core/agencies/{commune}/modules"), 200)}
    assert settings[module]["enabled"] is True and settings[module]["inherited_from"]["name"] == "Toàn quốc"
    assert audit_count(db, "core.agency_module", commune) == 2


def test_module_check_guards_every_route_of_a_module(client, db, cadre_admin):
    """A module switched off for a province: its routes answer 404 module_not_enabled
    for that province's users while another province is unaffected."""
    modules = [m["name"] for m in expect(client(login="academy.viewer").get("/api/core/modules"), 200)]
    if not modules:
        pytest.skip("no business module is loaded in this run")
    module = modules[-1]
    p = agency_id(db, "P05")
    admin = client(login="academy.admin")
    user = make_user(cadre_admin, "P05", "officer")
    other = make_user(cadre_admin, "P06", "officer")
    try:
        expect(admin.put(f"/api/core/agencies/{p}/modules", json={"module": module, "enabled": False}), 200)
        c = logged_in(client().base, user)
        o = logged_in(client().base, other)
        routes = [r for r in expect(admin.get("/api/core/routes"), 200)
                  if r["module"] == module and r["roles"] is not None and "{" not in r["path"]]
        assert routes, f"{module} declares no logged-in route without parameters"
        for route in routes[:12]:
            method, path = route["method"], route["path"]
            r = c.request(method, path)
            assert r.status_code == 404, (method, path, r.status_code, r.text[:200])
            assert r.json()["error"] == "module_not_enabled"
            assert "chưa được bật" in r.json()["message"]
            answer = o.request(method, path).json()
            assert not (isinstance(answer, dict) and answer.get("error") == "module_not_enabled")
    finally:
        expect(admin.put(f"/api/core/agencies/{p}/modules", json={"module": module, "enabled": None}), 200)


# ---- the route × role × agency matrix -----------------------------------------------

# (method, path template, body, roles allowed) for the core administration routes;
# {own} is an agency in the caller's province, {foreign} one in another province.
MATRIX = [
    ("GET", "/api/core/users?agency={own}", None, {"admin"}),
    ("POST", "/api/core/users", "user", {"admin"}),
    ("PUT", "/api/core/agencies/{own}", "agency", {"admin"}),
    ("GET", "/api/core/agencies/{own}/modules", None, {"admin"}),
    ("PUT", "/api/core/agencies/{own}/modules", "module", {"admin"}),
    ("GET", "/api/core/audit", None, {"admin"}),
    ("GET", "/api/core/agencies/{own}", None, {"admin", "officer", "viewer", "reviewer"}),
    ("GET", "/api/core/roles", None, {"admin", "officer", "viewer", "reviewer"}),
]


def body_for(kind, target_code, target_id, db):
    if kind == "user":
        return {"login": unique("t.mx"), "full_name": "Ma Trận", "agency_id": target_id, "roles": ["viewer"],
                "password": "Khoi-tao-2026"}
    if kind == "agency":
        row = db.one("SELECT parent_id, kind, code, name FROM agency WHERE id = %s", target_id)
        return {"parent_id": row["parent_id"], "kind": row["kind"], "code": row["code"], "name": row["name"]}
    if kind == "module":
        mods = [r["name"] for r in db.query("SELECT name FROM module")]
        if not mods:
            pytest.skip("no business module is loaded in this run")
        return {"module": mods[0], "enabled": None}
    return None


@pytest.mark.parametrize("role", ["admin", "officer", "viewer", "reviewer"])
@pytest.mark.parametrize("where", ["own", "foreign"])
@pytest.mark.parametrize("route", MATRIX, ids=lambda r: f"{r[0]} {r[1]}")
def test_route_role_agency_matrix(route, where, role, cadre_admin, db, client):
    method, template, body_kind, allowed = route
    login = make_user(cadre_admin, "P03", role)
    own, foreign = agency_id(db, "P03-X0001"), agency_id(db, "P04-X0001")
    target = own if where == "own" else foreign
    path = template.replace("{own}", str(target))
    body = body_for(body_kind, None, target, db)
    c = logged_in(client().base, login)
    before = db.scalar("SELECT COUNT(*) FROM audit_log")
    r = c.request(method, path, json=body) if body is not None else c.request(method, path)
    if role not in allowed:
        assert r.status_code == 403 and r.json()["error"] == "forbidden", r.text
        assert db.scalar("SELECT COUNT(*) FROM audit_log") == before
    elif where == "foreign" and "{own}" in template or (where == "foreign" and body_kind == "user"):
        assert r.status_code == 404 and r.json()["error"] == "not_found", r.text
        assert db.scalar("SELECT COUNT(*) FROM audit_log") == before
    else:
        assert r.status_code == 200, r.text


# ---- exports and the pending queue ----------------------------------------------

def test_users_and_audit_export(client):
    admin = client(login="hn.admin")
    r = admin.get("/api/core/users", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Tên đăng nhập,Họ và tên,Đơn vị")
    assert "hn.admin" in text and "academy.admin" not in text  # scoped to Hà Nội
    r = admin.get("/api/core/audit", params={"format": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "attachment" in r.headers["Content-Disposition"]
    assert expect(admin.get("/api/core/audit", params={"format": "ods"}), 422)["fields"]["format"]["code"] == "invalid_choice"
    pdf = admin.get("/api/core/audit", params={"format": "pdf"})  # the document to print
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["Content-Type"] == "application/pdf"


def test_pending_agencies_are_listed_without_a_search_term(client, db):
    admin = client(login="academy.admin")
    code = unique("PENDING-Q")
    db.execute("INSERT INTO agency (parent_id, kind, code, name, status) VALUES (%s, 'other', %s, %s, 'pending')",
               agency_id(db, "BTCTW"), code, "Đơn vị chờ trong hàng đợi")
    rows = expect(admin.get("/api/core/agencies", params={"status": "pending"}), 200)
    assert code in {a["code"] for a in rows}
    assert all(a["status"] == "pending" for a in rows)
    hn = client(login="hn.admin")
    assert code not in {a["code"] for a in expect(hn.get("/api/core/agencies", params={"status": "pending"}), 200)}
