"""Identity: login, logout, throttling, session expiry, CSRF and Origin,
forced password change — through nginx and Apache."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

import pytest

from conftest import Client, expect

PASSWORD = "Mật-khẩu-2026-thử"
_seq = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}"


@pytest.fixture
def user(cadre_admin):
    """A fresh officer at Hà Nội's school, created with the CLI."""
    login = unique("t.auth")
    cadre_admin("user", "add", login, "--agency", "P01-TCT", "--roles", "officer",
                "--password", PASSWORD, "--name", "Người Thử Nghiệm", "--email", f"{login}@example.vn")
    return login


def future_now(minutes: int = 0) -> dt.datetime:
    """A moment no other test uses, so counters keyed on time stay private."""
    base = dt.datetime(2031, 1, 1, 8, 0) + dt.timedelta(days=next(_seq) * 3)
    return base + dt.timedelta(minutes=minutes)


def at(t: dt.datetime) -> dict:
    """Headers moving the session clock (sessions, login throttling) to t;
    the business clock (X-Cadre-Now) is separate."""
    return {"X-Cadre-Session-Now": t.strftime("%Y-%m-%d %H:%M:%S")}


def clocked(web: str, t: dt.datetime) -> Client:
    c = Client(web)
    c.s.headers.update(at(t))
    return c


def session_count(db, login: str, active: bool = True) -> int:
    cond = "AND s.ended_at IS NULL" if active else ""
    return db.scalar(f"SELECT COUNT(*) FROM user_session s JOIN app_user u ON u.id = s.user_id "
                     f"WHERE u.login = %s {cond}", login)


def test_login_sets_a_protected_cookie_and_returns_the_session(web, user, db):
    c = Client(web)
    r = c.login(user, PASSWORD)
    body = r.json()
    assert body["user"]["login"] == user
    assert body["user"]["agency"]["code"] == "P01-TCT"
    assert body["user"]["roles"] == ["officer"]
    assert len(body["csrf_token"]) == 64
    # every module is enabled at the root in the demo data, so the navigation
    # lists every loaded module (core itself is not a navigation entry)
    loaded = {m["name"] for m in expect(c.get("/api/core/modules"), 200)}
    assert {m["name"] for m in body["modules"]} == loaded
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP in tests; HTTPS adds Secure and __Host-
    # only the hash of the token is stored
    token = cookie.split("=", 1)[1].split(";", 1)[0]
    assert len(token) >= 43
    assert db.scalar("SELECT COUNT(*) FROM user_session WHERE token_hash = UNHEX(SHA2(%s, 256))", token) == 1
    assert db.scalar("SELECT COUNT(*) FROM user_session WHERE HEX(token_hash) = %s", token) == 0
    expect(c.get("/api/core/session"), 200)


def test_wrong_password_and_unknown_login_are_refused_alike(web, user, db):
    before = session_count(db, user)
    for login, pw in ((user, "sai-mat-khau-123"), (unique("khong.co"), PASSWORD)):
        r = Client(web).login(login, pw, expect=401)
        body = r.json()
        assert body["error"] == "bad_credentials"
        assert body["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert session_count(db, user) == before
    assert db.scalar("SELECT COUNT(*) FROM login_attempt WHERE login = %s AND ok = 0", user) >= 1


def test_logout_ends_the_session_in_the_database(web, user, db):
    c = Client(web)
    c.login(user, PASSWORD)
    assert session_count(db, user) == 1
    cookies = c.s.cookies.copy()
    expect(c.logout(), 200)
    assert session_count(db, user) == 0
    # the old cookie is dead even if a client kept it
    c2 = Client(web)
    c2.s.cookies = cookies
    body = expect(c2.get("/api/core/session"), 401)
    assert body["error"] in ("not_logged_in", "session_expired")


def test_requests_without_a_session_are_401(web):
    body = expect(Client(web).get("/api/core/session"), 401)
    assert body["error"] == "not_logged_in"
    assert "đăng nhập" in body["message"]


def test_account_throttling_then_recovery(web, user, db, cadre_admin):
    t = future_now()
    c = clocked(web, t)
    for _ in range(10):
        c.login(user, "sai-mat-khau-123", expect=401)
    r = c.login(user, PASSWORD, expect=429)
    assert r.json()["error"] == "too_many_attempts"
    assert int(r.headers["Retry-After"]) > 0
    assert session_count(db, user) == 0
    # another account from the same address is not locked by this one
    other = unique("t.other")
    cadre_admin("user", "add", other, "--agency", "P01-TCT", "--roles", "officer", "--password", PASSWORD)
    clocked(web, t).login(other, PASSWORD, expect=200)
    # after the window the right password works again
    clocked(web, t + dt.timedelta(minutes=16)).login(user, PASSWORD, expect=200)


def test_address_throttling_counts_every_account(web, user, cadre_admin):
    t = future_now()
    c = clocked(web, t)
    for i in range(50):
        c.login(unique("khong.ton.tai"), "sai-mat-khau-123", expect=401)
    r = c.login(user, PASSWORD, expect=429)
    assert r.json()["error"] == "too_many_attempts"


def test_idle_session_expires(web, user, db):
    t = future_now()
    c = Client(web)
    c.post("/api/core/login", json={"login": user, "password": PASSWORD}, headers=at(t))
    expect(c.get("/api/core/session", headers=at(t + dt.timedelta(minutes=29))), 200)
    # activity moved the idle clock: 29 more minutes are still fine
    expect(c.get("/api/core/session", headers=at(t + dt.timedelta(minutes=58))), 200)
    body = expect(c.get("/api/core/session", headers=at(t + dt.timedelta(minutes=58 + 31))), 401)
    assert body["error"] == "session_expired"
    assert db.scalar("SELECT end_reason FROM user_session s JOIN app_user u ON u.id = s.user_id "
                     "WHERE u.login = %s ORDER BY s.id DESC LIMIT 1", user) == "idle_timeout"


def test_absolute_session_lifetime(web, user, db):
    t = future_now()
    c = Client(web)
    c.post("/api/core/login", json={"login": user, "password": PASSWORD}, headers=at(t))
    for step in range(1, 25):  # active every 25 minutes for 10 hours
        expect(c.get("/api/core/session", headers=at(t + dt.timedelta(minutes=25 * step))), 200)
    body = expect(c.get("/api/core/session", headers=at(t + dt.timedelta(hours=12, minutes=1))), 401)
    assert body["error"] == "session_expired"
    assert db.scalar("SELECT end_reason FROM user_session s JOIN app_user u ON u.id = s.user_id "
                     "WHERE u.login = %s ORDER BY s.id DESC LIMIT 1", user) == "absolute_timeout"


@pytest.mark.parametrize("case", ["no_token", "wrong_token", "foreign_origin", "no_origin"])
def test_unsafe_requests_need_csrf_token_and_own_origin(web, user, db, case):
    c = Client(web)
    c.login(user, PASSWORD)
    before = db.scalar("SELECT password_hash FROM app_user WHERE login = %s", user)
    kw: dict = {"json": {"current_password": PASSWORD, "new_password": "Mat-khau-moi-2027"}}
    if case == "no_token":
        kw["csrf"] = False
    elif case == "wrong_token":
        kw["headers"] = {"X-CSRF-Token": "0" * 64}
    elif case == "foreign_origin":
        kw["origin"] = "http://evil.example"
    else:
        kw["origin"] = False
    body = expect(c.post("/api/core/password", **kw), 403)
    assert body["error"] == ("csrf_failed" if case in ("no_token", "wrong_token") else "bad_origin")
    assert db.scalar("SELECT password_hash FROM app_user WHERE login = %s", user) == before


def test_referer_is_accepted_when_origin_is_missing(web, user):
    c = Client(web)
    c.login(user, PASSWORD)
    r = c.post("/api/core/logout", origin=False, headers={"Referer": c.origin + "/account/"})
    expect(r, 200)


def test_change_password_ends_other_sessions_but_keeps_this_one(web, user, db):
    a, b = Client(web), Client(web)
    a.login(user, PASSWORD)
    b.login(user, PASSWORD)
    assert session_count(db, user) == 2
    weak = a.post("/api/core/password", json={"current_password": PASSWORD, "new_password": "ngan"})
    assert expect(weak, 422)["fields"]["new_password"]["code"] == "weak_password"
    wrong = a.post("/api/core/password", json={"current_password": "khong-dung-1", "new_password": "Mat-khau-moi-2027"})
    assert expect(wrong, 422)["fields"]["current_password"]["code"] == "wrong_password"
    expect(a.post("/api/core/password", json={"current_password": PASSWORD, "new_password": "Mat-khau-moi-2027"}), 200)
    expect(a.get("/api/core/session"), 200)
    expect(b.get("/api/core/session"), 401)
    Client(web).login(user, PASSWORD, expect=401)
    Client(web).login(user, "Mat-khau-moi-2027", expect=200)


def test_list_and_end_my_sessions(web, user):
    a, b = Client(web), Client(web)
    a.login(user, PASSWORD)
    b.login(user, PASSWORD)
    sessions = expect(a.get("/api/core/sessions"), 200)
    assert len(sessions) == 2
    assert sum(1 for s in sessions if s["current"]) == 1
    other = next(s for s in sessions if not s["current"])
    expect(a.delete(f"/api/core/sessions/{other['id']}"), 200)
    expect(b.get("/api/core/session"), 401)
    expect(a.get("/api/core/session"), 200)
    # someone else's session id is not mine to end
    assert expect(a.delete("/api/core/sessions/1"), 404)["error"] == "not_found"


def test_forced_password_change_blocks_everything_else(web, cadre_admin, client, db):
    admin = client(login="hn.admin", web=web)
    login = unique("t.force")
    r = admin.post("/api/core/users", json={
        "login": login, "full_name": "Người Mới", "agency_id": db.scalar("SELECT id FROM agency WHERE code='P01-TCT'"),
        "roles": ["officer"], "password": "Khoi-tao-2026"})
    expect(r, 200)
    c = Client(web)
    body = c.login(login, "Khoi-tao-2026").json()
    assert body["user"]["must_change_password"] is True
    blocked = expect(c.get("/api/core/agencies"), 403)
    assert blocked["error"] == "password_change_required"
    expect(c.post("/api/core/password", json={"current_password": "Khoi-tao-2026", "new_password": "Tu-chon-2026-x"}), 200)
    body = expect(c.get("/api/core/session"), 200)
    assert body["user"]["must_change_password"] is False
    expect(c.get("/api/core/agencies"), 200)


def test_disabled_account_cannot_log_in_and_loses_its_sessions(web, user, client, db):
    c = Client(web)
    c.login(user, PASSWORD)
    admin = client(login="hn.admin", web=web)
    uid = db.scalar("SELECT id FROM app_user WHERE login = %s", user)
    expect(admin.post(f"/api/core/users/{uid}/disable"), 200)
    body = expect(c.get("/api/core/session"), 401)
    assert body["error"] in ("session_expired", "account_disabled", "not_logged_in")
    r = Client(web).login(user, PASSWORD, expect=403)
    assert r.json()["error"] == "account_disabled"
    expect(admin.post(f"/api/core/users/{uid}/enable"), 200)
    Client(web).login(user, PASSWORD, expect=200)


def test_business_clock_does_not_expire_the_session(web, user):
    """A test (or a demo) standing in another year keeps its session."""
    c = Client(web)
    c.login(user, PASSWORD)
    expect(c.get("/api/core/session", now="2031-03-06"), 200)
    expect(c.get("/api/core/session", now="2001-01-01"), 200)
