"""Every refusal of bad input, through nginx and through Apache.

Where the host answers, the answer is {"error": code, "message": Vietnamese
text[, "fields": {...}]} with the documented status; where the web server
refuses a request first (a NUL in the path, a header over its limits), its
own error page is fine — but it must be an error, and the request must not
have reached a handler.

Bad input changes nothing: most requests here are logins carrying a *valid*
login and password, so anything that slipped through would write a
login_attempt and a user_session row. The four tables a request can write
to are compared before and after. The one rule to record is a failed login.
(Login throttling itself: test_identity_auth.py. 503: test_platform_process.py.)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import uuid
from urllib.parse import quote

import pytest

from conftest import Client
from harness import raw_request

PASSWORD = "Mật-khẩu-2026-nền"
LOGIN_PATH = "/api/core/login"
TABLES = ("login_attempt", "user_session", "audit_log", "outbox")

# Vietnamese letters outside ASCII: a message must contain at least one.
VI_LETTERS = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")

_days = itertools.count(1)


def private_now() -> dt.datetime:
    """A moment no other test uses (years after test_identity_auth's), so a
    failed login here never counts towards another test's throttling."""
    return dt.datetime(2034, 1, 1, 9, 0) + dt.timedelta(days=next(_days) * 2)


def snapshot(db) -> dict[str, tuple[int, int]]:
    out = {}
    for t in TABLES:
        row = db.one(f"SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM {t}")
        out[t] = (row["n"], row["last"])
    return out


def vietnamese(text: str) -> bool:
    return bool(VI_LETTERS & set(text.lower()))


def assert_host_error(r, status: int, code: str) -> dict:
    """The host's error shape: exact keys, stable code, Vietnamese text."""
    ctype = r.headers.get("Content-Type") or r.headers.get("content-type") or ""
    assert r.status_code == status, f"expected {status} {code}, got {r.status_code}: {r.text[:300]}"
    assert ctype.startswith("application/json"), f"not the host's JSON ({ctype}): {r.text[:300]}"
    body = r.json()
    assert set(body) <= {"error", "message", "fields"}, body
    assert body["error"] == code, body
    assert isinstance(body["message"], str) and vietnamese(body["message"]), body
    for name, f in body.get("fields", {}).items():
        assert set(f) == {"code", "message"}, (name, f)
        assert CODE_RE.match(f["code"]), (name, f)
        assert vietnamese(f["message"]), (name, f)
    return body


def is_host_answer(r) -> bool:
    ctype = r.headers.get("Content-Type") or r.headers.get("content-type") or ""
    return ctype.startswith("application/json")


@pytest.fixture
def web_kind(web, stack) -> str:
    return "nginx" if web == stack.url("nginx") else "apache"


@pytest.fixture(scope="module")
def user(cadre_admin) -> str:
    """A fresh officer: the credentials every refused login carries."""
    login = f"t.plat.{uuid.uuid4().hex[:10]}"
    cadre_admin("user", "add", login, "--agency", "P01-TCT", "--roles", "officer",
                "--password", PASSWORD, "--name", "Người Thử Nền Tảng")
    return login


def creds(login: str, **extra) -> bytes:
    return json.dumps({"login": login, "password": PASSWORD, **extra}, ensure_ascii=False).encode()


def form(login: str) -> bytes:
    return f"login={quote(login)}&password={quote(PASSWORD)}".encode()


# ---------------------------------------------------------------------------
# 400: malformed paths


# (request target, code when the host answers, web servers that must pass it
# to the host; the others may refuse it themselves with 400 or 404).
BAD_PATHS = [
    (b"/api/core/../core/login", "bad_path", {"nginx", "apache"}),
    (b"/api/core/./login", "bad_path", {"nginx", "apache"}),
    (b"/api/core/%2e%2e/core/login", "bad_path", {"nginx", "apache"}),
    (b"/api/core//login", "bad_path", {"nginx", "apache"}),
    # Apache keeps AllowEncodedSlashes Off: an encoded '/' is its own 404
    (b"/api/core%2Flogin", "bad_path", {"nginx"}),
    (b"/api/core/login%2F", "bad_path", {"nginx"}),
    (b"/api/core/lo%5Cgin", "bad_path", {"nginx", "apache"}),
    # a NUL: nginx answers 400, Apache 404, before the host sees it
    (b"/api/core/login%00", "bad_path", set()),
    (b"/api/core/log%zzin", "bad_path", set()),
    # invalid UTF-8, percent-encoded and raw
    (b"/api/core/login%FF", "bad_path", {"nginx", "apache"}),
    (b"/api/core/l\xc3\x28ogin", "bad_path", {"nginx", "apache"}),
    (b"/api/core/login%C3", "bad_path", {"nginx", "apache"}),
]


@pytest.mark.parametrize("target,code,host_answers", BAD_PATHS,
                         ids=[t.decode("latin-1") for t, _, _ in BAD_PATHS])
def test_malformed_path_is_400_and_writes_nothing(web, web_kind, user, db, target, code,
                                                   host_answers):
    before = snapshot(db)
    r = raw_request(web, "POST", target, [("Content-Type", "application/json")], creds(user))
    if web_kind in host_answers or is_host_answer(r):
        assert_host_error(r, 400, code)
    else:
        # the web server refused it itself (its HTML page, never a 2xx)
        assert r.status_code in (400, 404), (r.status_code, r.text[:300])
    assert snapshot(db) == before


@pytest.mark.parametrize("query,code", [
    ("x=%zz", "malformed_query"),      # bad escape in the query string
    ("x=%FF%FE", "invalid_utf8"),      # invalid UTF-8 in the query string
    ("x=a%00b", "invalid_characters"),  # NUL in the query string
])
def test_malformed_query_string_is_400(web, user, db, query, code):
    before = snapshot(db)
    r = raw_request(web, "POST", f"{LOGIN_PATH}?{query}", [("Content-Type", "application/json")],
                    creds(user))
    assert_host_error(r, 400, code)
    assert snapshot(db) == before


# ---------------------------------------------------------------------------
# 400: malformed bodies


def _bad_bodies(login: str) -> list[tuple[str, str, bytes, str]]:
    pw = PASSWORD.encode()
    u = login.encode()
    return [
        ("json-truncated", "application/json", b'{"login": "' + u + b'", "password": "' + pw, "malformed_body"),
        ("json-not-an-object", "application/json", json.dumps([login, PASSWORD]).encode(), "malformed_body"),
        ("json-trailing-garbage", "application/json", creds(login) + b" {}", "malformed_body"),
        # a repeated key could smuggle a second value past a check
        ("json-duplicate-key", "application/json",
         b'{"login": "' + u + b'", "password": "' + pw + b'", "login": "admin"}', "malformed_body"),
        ("json-nul-escape", "application/json",
         b'{"login": "' + u + b'\\u0000x", "password": "' + pw + b'"}', "malformed_body"),
        ("json-invalid-utf8", "application/json",
         b'{"login": "' + u + b'", "password": "' + pw + b'\xff"}', "invalid_utf8"),
        ("json-overlong-utf8", "application/json",
         b'{"login": "' + u + b'", "password": "' + pw + b'", "x": "\xc0\xaf"}', "invalid_utf8"),
        ("form-bad-escape", "application/x-www-form-urlencoded", form(login) + b"&x=%G1", "malformed_body"),
        ("form-truncated-escape", "application/x-www-form-urlencoded", form(login) + b"%2", "malformed_body"),
        ("form-invalid-utf8-escaped", "application/x-www-form-urlencoded",
         form(login).replace(b"&", b"%FF&", 1), "invalid_utf8"),
        ("form-invalid-utf8-raw", "application/x-www-form-urlencoded", form(login) + b"\xe1\x80", "invalid_utf8"),
        ("form-nul", "application/x-www-form-urlencoded", form(login) + b"%00", "invalid_characters"),
        ("content-length-not-a-number", "application/json", b"", "bad_content_length"),
    ]


BAD_BODY_IDS = [c[0] for c in _bad_bodies("x")]


@pytest.mark.parametrize("case", BAD_BODY_IDS)
def test_malformed_body_is_400_and_writes_nothing(web, user, db, case):
    name, ctype, body, code = next(c for c in _bad_bodies(user) if c[0] == case)
    before = snapshot(db)
    if name == "content-length-not-a-number":
        # the web servers refuse a broken Content-Length themselves
        r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", ctype), ("Content-Length", "12x")])
        assert r.status_code == 400, r.text[:300]
        if is_host_answer(r):
            assert_host_error(r, 400, code)
    else:
        r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", ctype)], body)
        body_json = assert_host_error(r, 400, code)
        assert "fields" not in body_json
    assert snapshot(db) == before


def test_the_same_login_as_a_valid_form_goes_through(web, user, db):
    """The control for the tests above: the same credentials, well formed,
    log in (and are recorded), as JSON and as a form."""
    for ctype, body in (("application/json", creds(user)),
                        ("application/x-www-form-urlencoded", form(user))):
        before = snapshot(db)
        r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", ctype)], body)
        assert r.status_code == 200, r.text[:300]
        assert r.json()["user"]["login"] == user
        after = snapshot(db)
        assert after["login_attempt"][0] == before["login_attempt"][0] + 1
        assert after["user_session"][0] == before["user_session"][0] + 1


# ---------------------------------------------------------------------------
# 404


@pytest.mark.parametrize("path", [
    "/api/core/no-such-route",
    "/api/core/hello/extra",
    "/api/nosuchplugin/hello",
    "/api/",
    "/api/core",
    "/api/CORE/hello",
])
def test_unknown_route_or_plugin_is_404_json(web, db, path):
    before = snapshot(db)
    for method in ("GET", "POST"):
        r = Client(web).request(method, path, json={})
        assert_host_error(r, 404, "not_found")
    assert snapshot(db) == before


@pytest.mark.parametrize("param", ["abc", "0", "-1", "1.5", "9007199254740993", "1e3", "%20"])
def test_malformed_path_parameter_is_404(web, user, db, param):
    c = Client(web)
    c.login(user, PASSWORD)
    sid = db.scalar(
        "SELECT s.id FROM user_session s JOIN app_user u ON u.id = s.user_id "
        "WHERE u.login = %s AND s.ended_at IS NULL ORDER BY s.id DESC LIMIT 1", user)
    before = snapshot(db)
    assert_host_error(c.delete(f"/api/core/sessions/{param}"), 404, "not_found")
    assert_host_error(c.get(f"/api/core/agencies/{param}"), 404, "not_found")
    assert snapshot(db) == before
    # the session is still alive and can still end itself by its real id
    assert db.scalar("SELECT ended_at FROM user_session WHERE id = %s", sid) is None
    assert c.delete(f"/api/core/sessions/{sid}").status_code == 200


# ---------------------------------------------------------------------------
# 405


@pytest.mark.parametrize("method,path,allow", [
    ("PUT", "/api/core/hello", "GET, HEAD"),
    ("DELETE", "/api/core/health", "GET, HEAD"),
    ("GET", LOGIN_PATH, "POST"),
    ("PUT", LOGIN_PATH, "POST"),
    ("GET", "/api/core/sessions/5", "DELETE"),
    ("PATCH", "/api/core/users", "GET, HEAD, POST"),
    # a method no route knows still names the ones that exist (RFC 9110: a
    # 405 MUST carry Allow)
    ("PROPFIND", "/api/core/hello", "GET, HEAD"),
])
def test_wrong_method_is_405_with_allow(web, user, db, method, path, allow):
    before = snapshot(db)
    # credentials in the query and the body: a login by the wrong method
    # must not happen
    r = Client(web).request(method, f"{path}?login={user}&password={quote(PASSWORD)}",
                            data=creds(user), headers={"Content-Type": "application/json"})
    assert_host_error(r, 405, "method_not_allowed")
    assert r.headers.get("Allow") == allow
    assert snapshot(db) == before


# ---------------------------------------------------------------------------
# 413


def test_body_over_the_routes_limit_is_413(web, user, db):
    """The login route declares 4096 bytes: valid credentials padded to 5 KB."""
    body = creds(user, note="x" * 5000)
    assert 5000 < len(body) < 6000
    before = snapshot(db)
    r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", "application/json")], body)
    msg = assert_host_error(r, 413, "body_too_large")["message"]
    assert "4 KB" in msg
    # just under the limit is accepted (and logs in)
    ok = creds(user, note="x" * (4096 - len(creds(user, note=""))))
    assert len(ok) == 4096
    assert raw_request(web, "POST", LOGIN_PATH, [("Content-Type", "application/json")], ok).status_code == 200
    after = snapshot(db)
    assert after["user_session"][0] == before["user_session"][0] + 1
    assert after["login_attempt"][0] == before["login_attempt"][0] + 1


def test_body_over_the_web_servers_limit_is_413(web, user, db):
    """Over client_max_body_size / LimitRequestBody (32 MiB, = [server]
    max_body_bytes): the web server or the host refuses it, never a handler."""
    body = creds(user) + b" " * (33 * 1024 * 1024)
    before = snapshot(db)
    r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", "application/json")], body)
    assert r.status_code == 413, r.text[:300]
    if is_host_answer(r):
        assert_host_error(r, 413, "body_too_large")
    assert snapshot(db) == before


# ---------------------------------------------------------------------------
# 415


@pytest.mark.parametrize("ctype", [
    "text/plain",
    "text/plain; charset=utf-8",
    "application/xml",
    "multipart/form-data; boundary=xyz",  # the login route takes no files
    None,
])
def test_unsupported_body_type_is_415(web, user, db, ctype):
    before = snapshot(db)
    headers = [("Content-Type", ctype)] if ctype else []
    r = raw_request(web, "POST", LOGIN_PATH, headers, creds(user))
    body = assert_host_error(r, 415, "unsupported_media_type")
    assert (ctype or "không rõ") in body["message"]
    assert snapshot(db) == before


# ---------------------------------------------------------------------------
# 422


def _invalid_logins(login: str) -> list[tuple[str, dict, dict[str, tuple[str, str]]]]:
    """(name, body, {field: (code, message)}): every field error there is."""
    return [
        ("missing-password", {"login": login},
         {"password": ("required", "«Mật khẩu» là bắt buộc.")}),
        ("empty-login", {"login": "", "password": PASSWORD},
         {"login": ("required", "«Tên đăng nhập» là bắt buộc.")}),
        ("blank-login", {"login": "   ", "password": PASSWORD},
         {"login": ("required", "«Tên đăng nhập» là bắt buộc.")}),
        ("nothing", {},
         {"login": ("required", "«Tên đăng nhập» là bắt buộc."),
          "password": ("required", "«Mật khẩu» là bắt buộc.")}),
        ("login-is-an-object", {"login": {"login": login}, "password": PASSWORD},
         {"login": ("invalid_type", "«Tên đăng nhập» phải là một giá trị đơn.")}),
        ("login-is-an-array", {"login": [login], "password": PASSWORD},
         {"login": ("invalid_type", "«Tên đăng nhập» phải là một giá trị đơn.")}),
        ("login-too-long", {"login": "a" * 65, "password": PASSWORD},
         {"login": ("too_long", "«Tên đăng nhập» dài tối đa 64 ký tự (đang có 65).")}),
        # characters, not bytes: 65 Vietnamese letters are 130 bytes
        ("login-too-long-vietnamese", {"login": "ư" * 65, "password": PASSWORD},
         {"login": ("too_long", "«Tên đăng nhập» dài tối đa 64 ký tự (đang có 65).")}),
        ("password-too-long", {"login": login, "password": "p" * 201},
         {"password": ("too_long", "«Mật khẩu» dài tối đa 200 ký tự (đang có 201).")}),
        ("control-character", {"login": login + "\u0007", "password": PASSWORD},
         {"login": ("control_characters", "«Tên đăng nhập» chứa ký tự điều khiển không hợp lệ.")}),
        # undeclared fields are dropped: they never show up among the errors
        ("undeclared-fields-ignored", {"login": {"x": 1}, "password": PASSWORD, "is_admin": {"x": [1]},
                                       "roles": "admin"},
         {"login": ("invalid_type", "«Tên đăng nhập» phải là một giá trị đơn.")}),
    ]


INVALID_IDS = [c[0] for c in _invalid_logins("x")]


@pytest.mark.parametrize("case", INVALID_IDS)
def test_invalid_fields_are_422_with_vietnamese_messages(web, user, db, case):
    _, payload, want = next(c for c in _invalid_logins(user) if c[0] == case)
    before = snapshot(db)
    for body in (payload, None):
        if body is None:
            # the same as a form, where it can be said as a form
            if any(isinstance(v, (dict, list)) for v in payload.values()):
                continue
            r = Client(web).post(LOGIN_PATH, data={k: v for k, v in payload.items()})
        else:
            r = Client(web).post(LOGIN_PATH, json=body)
        out = assert_host_error(r, 422, "validation_failed")
        assert out["message"] == ("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các trường "
                                  "được đánh dấu.")
        got = {k: (v["code"], v["message"]) for k, v in out["fields"].items()}
        assert got == want
    # a refused form is not a failed login: nothing recorded
    assert snapshot(db) == before


def test_undeclared_fields_are_dropped_silently(web, user, db):
    """Extra fields neither fail the request nor reach the handler: the
    login succeeds as the plain one would, with the user's own roles."""
    c = Client(web)
    r = c.post(LOGIN_PATH, json={"login": user, "password": PASSWORD, "roles": ["admin"],
                                 "user_id": 1, "agency_id": 1, "is_admin": True,
                                 "must_change_password": False, "x" * 200: "y"})
    assert r.status_code == 200, r.text[:300]
    payload = r.json()
    assert payload["user"]["login"] == user
    assert payload["user"]["roles"] == ["officer"]
    assert payload["user"]["agency"]["code"] == "P01-TCT"


# ---------------------------------------------------------------------------
# a failed login is the one refusal that is recorded


def test_failed_login_is_recorded_and_nothing_else(web, user, db):
    t = private_now()
    before = snapshot(db)
    r = Client(web, now=t).post(LOGIN_PATH, json={"login": user, "password": "sai-mật-khẩu-1"})
    assert_host_error(r, 401, "bad_credentials")
    after = snapshot(db)
    assert after["login_attempt"][0] == before["login_attempt"][0] + 1
    assert {k: after[k] for k in TABLES[1:]} == {k: before[k] for k in TABLES[1:]}
    row = db.one("SELECT login, ok, ip FROM login_attempt WHERE id = %s", after["login_attempt"][1])
    assert row == {"login": user, "ok": 0, "ip": "127.0.0.1"}


@pytest.mark.parametrize("login", ["nguyễn.văn.a", "ădmin", "hn.ădmin", "Đ" * 64],
                         ids=["vietnamese", "accented-demo-admin", "accented-real-admin", "64-letters"])
def test_login_with_vietnamese_letters_is_a_failed_login(web, db, login):
    """Logins are ASCII (the columns are), but people type accents: a login
    with Vietnamese letters matches no account, so it is refused like any
    unknown login (401, recorded for throttling) — not a 500, and not the
    account whose name it folds to ("hn.ădmin" is not "hn.admin")."""
    t = private_now()
    before = snapshot(db)
    r = Client(web, now=t).post(LOGIN_PATH, json={"login": login, "password": "Demo@2026"})
    assert_host_error(r, 401, "bad_credentials")
    after = snapshot(db)
    assert after["login_attempt"][0] == before["login_attempt"][0] + 1
    assert {k: after[k] for k in TABLES[1:]} == {k: before[k] for k in TABLES[1:]}
    row = db.one("SELECT login, ok FROM login_attempt WHERE id = %s", after["login_attempt"][1])
    assert row["ok"] == 0 and row["login"].isascii() and len(row["login"]) <= 64


def test_user_search_with_vietnamese_letters_is_answered(web, client):
    """The same ASCII column in the admin's user search: a term with
    Vietnamese letters ("Nguyễn") is a search like any other."""
    admin = client(login="academy.admin", web=web)
    for q in ("Nguyễn", "ădmin", "nguyen"):
        r = admin.get("/api/core/users", params={"q": q})
        assert r.status_code == 200, (q, r.status_code, r.text[:300])
    found = admin.get("/api/core/users", params={"q": "Nguyễn Văn Quản"}).json()
    assert "academy.admin" in [u["login"] for u in found["items"]]


# ---------------------------------------------------------------------------
# oversized headers and cookies


def test_oversized_headers_and_cookies_are_refused(web, web_kind, user, db):
    """Whichever answers first — the web server (400) or the host (431) —
    it is an error and the login they carry does not happen. Both web
    servers pass at least one of these to the host, so the host's own limits
    ([server] max_params, max_params_bytes) are exercised through each."""
    cases = {
        "one 9 KB cookie": [("Cookie", "cadre_session=" + "c" * 9000)],
        "300 small headers": [(f"X-Pad-{i}", "1") for i in range(300)],
        "12 headers of 6 KB": [(f"X-Pad-{i}", "z" * 6000) for i in range(12)],
    }
    before = snapshot(db)
    by_host = []
    for name, headers in cases.items():
        r = raw_request(web, "POST", LOGIN_PATH, [("Content-Type", "application/json"), *headers],
                        creds(user))
        assert r.status_code in (400, 431), (name, r.status_code, r.text[:300])
        if is_host_answer(r):
            assert_host_error(r, 431, "headers_too_large")
            by_host.append(name)
    assert by_host, f"{web_kind} refused every case itself: the host's limits were not reached"
    assert snapshot(db) == before
