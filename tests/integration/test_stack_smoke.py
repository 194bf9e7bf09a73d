"""The stack itself: both web servers serve the pages and reach the host."""

import uuid

import pytest

from harness import expect


def test_index_page_is_served(web, client):
    r = client(web=web).get("/")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/html")
    assert "<html" in r.text.lower()


def test_security_headers_on_pages(web, client):
    r = client(web=web).get("/")
    assert r.headers.get("X-Content-Type-Options") == "nosniff"
    assert r.headers.get("Referrer-Policy") == "same-origin"
    csp = r.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("path", ["/.env", "/.git/config", "/assets/.hidden"])
def test_dotfiles_are_404(web, client, path):
    assert client(web=web).get(path).status_code == 404


def test_missing_page_is_the_sites_404(web, client):
    r = client(web=web).get("/no/such/page.html")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.text == client(web=web).get("/404.html").text


def test_static_assets_are_cached_pages_revalidated(web, client):
    c = client(web=web)
    css = c.get("/assets/css/cadre.css", headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert "max-age=3600" in css.headers.get("Cache-Control", "")
    assert css.headers.get("Content-Encoding") == "gzip"
    page = c.get("/")
    assert "no-cache" in page.headers.get("Cache-Control", "")


def test_health_through_the_web_server(web, client):
    r = client(web=web).get("/api/core/health")
    body = expect(r, 200)
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    # the security headers cover API answers too
    assert r.headers.get("X-Content-Type-Options") == "nosniff"


def test_hello(web, client):
    assert expect(client(web=web).get("/api/core/hello"), 200) == {"hello": "Xin chào"}


def test_demo_logins_are_printed(demo_logins):
    assert demo_logins, "cadre-admin demo printed no LOGIN<TAB>PASSWORD<TAB>ROLE<TAB>AGENCY lines"
    assert all(d["password"] and d["role"] and d["agency"] for d in demo_logins)


def test_login_keeps_a_session(web, client, cadre_admin, demo_logins):
    # an account of this test's own: other tests' failed logins cannot lock it
    login = f"smoke.{uuid.uuid4().hex[:10]}"
    agency = next(d["agency"] for d in demo_logins if "officer" in d["role"].split())
    cadre_admin("user", "add", login, "--agency", agency, "--roles", "officer",
                "--password", "Smoke-test-2026")
    c = client(web=web)
    c.login(login, "Smoke-test-2026")
    assert c.csrf, "the login answer carries csrf_token"
    session = expect(c.get("/api/core/session"), 200)
    assert session["user"]["login"] == login


def test_unknown_api_path_is_404_json(web, client):
    r = client(web=web).get("/api/core/no-such-route")
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"


def test_web_servers_enforce_the_hosts_body_limit(host_ctl):
    inst = host_ctl.start({"server.max_body_bytes": 4096}, web=("nginx", "apache"))
    for kind in ("nginx", "apache"):
        r = inst.client(web=kind).post("/api/core/login", data=b"x" * 8192,
                                       headers={"Content-Type": "application/json"})
        assert r.status_code == 413, f"{kind}: {r.status_code} {r.text[:200]}"
