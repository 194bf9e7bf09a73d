"""The generic idempotent-route mechanism (CADRE_RF_IDEMPOTENT, lib/
idempotency.c), through a route that declares it: POST /api/llct/blanks/
receive. The host, not the handler, keeps the first successful answer under
the Idempotency-Key (header or idempotency_key field) and replays it; a
refusal is not kept; a key still in progress is 409.

Only core has no such route, so this file runs when the llct plugin is
loaded (the full suite) and is skipped otherwise (CADRE_TEST_PLUGINS=core).
The blanks' own rules are test_llct_blanks.py's business.
"""

from __future__ import annotations

import random
import string
import uuid

import pytest

from harness import Client

RECEIVE = "/api/llct/blanks/receive"
PASSWORD = "Mật-khẩu-2026-nền"
NOW = "2024-12-31 10:00:00"


@pytest.fixture(scope="module")
def loaded(stack):
    names = {m["name"] for m in stack.client(login="academy.admin").get("/api/core/modules").json()}
    if "llct" not in names:
        pytest.skip("no loaded plugin declares an idempotent route (llct is not loaded)")


@pytest.fixture
def clerk(loaded, cadre_admin, web) -> Client:
    """An officer of the Academy, who receives diploma blanks."""
    login = f"t.idem.{uuid.uuid4().hex[:8]}"
    cadre_admin("user", "add", login, "--agency", "HVCTQG-VCTT", "--roles", "admin officer",
                "--password", PASSWORD)
    c = Client(web, now=NOW)
    c.login(login, PASSWORD)
    return c


def series() -> str:
    return "".join(random.choices(string.ascii_uppercase, k=6))


def receive_body(s: str, first: int, last: int) -> dict:
    return {"first": f"{s}{first:06d}", "last": f"{s}{last:06d}", "on": "2024-03-01",
            "doc_number": f"PN-{s}"}


def moves(db, s: str) -> int:
    return db.scalar("SELECT COUNT(*) FROM llct_blank_move WHERE series = %s", s)


def key() -> str:
    return f"k-{uuid.uuid4()}"


def test_a_repeat_gets_the_first_answer_back(clerk, db):
    s, k = series(), key()
    first = clerk.post(RECEIVE, json=receive_body(s, 1, 100), headers={"Idempotency-Key": k})
    assert first.status_code == 200, first.text[:300]
    assert "Idempotent-Replayed" not in first.headers
    audit = db.scalar("SELECT COUNT(*) FROM audit_log")
    for body in (receive_body(s, 1, 100), receive_body(s, 101, 200)):
        again = clerk.post(RECEIVE, json=body, headers={"Idempotency-Key": k})
        assert again.status_code == 200
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.content == first.content
    # the handler ran once: one move, nothing audited since
    assert moves(db, s) == 1
    assert db.scalar("SELECT COUNT(*) FROM audit_log") == audit
    row = db.one("SELECT status, answer FROM idempotency WHERE module = 'llct' AND idem_key = %s", stored(clerk, k))
    assert row["status"] == 200 and row["answer"].encode() == first.content


def test_the_key_may_come_as_a_field(clerk, db):
    s, k = series(), key()
    a = clerk.post(RECEIVE, json={**receive_body(s, 1, 10), "idempotency_key": k})
    b = clerk.post(RECEIVE, json={**receive_body(s, 1, 10), "idempotency_key": k})
    assert a.status_code == b.status_code == 200
    assert b.headers.get("Idempotent-Replayed") == "true" and b.content == a.content
    assert moves(db, s) == 1


def test_a_refusal_is_not_kept(clerk, db):
    """The corrected form reuses its key and runs."""
    s, k = series(), key()
    assert clerk.post(RECEIVE, json=receive_body(s, 1, 100)).status_code == 200
    refused = clerk.post(RECEIVE, json=receive_body(s, 50, 150), headers={"Idempotency-Key": k})
    assert refused.status_code == 409 and refused.json()["error"] == "range_overlaps"
    assert not db.query("SELECT 1 FROM idempotency WHERE idem_key = %s", stored(clerk, k))
    # a 422 never reaches the mechanism either
    bad = clerk.post(RECEIVE, json={**receive_body(s, 101, 150), "on": "31/02/2024"},
                     headers={"Idempotency-Key": k})
    assert bad.status_code == 422
    fixed = clerk.post(RECEIVE, json=receive_body(s, 101, 150), headers={"Idempotency-Key": k})
    assert fixed.status_code == 200 and "Idempotent-Replayed" not in fixed.headers
    assert moves(db, s) == 2


def stored(client, k: str) -> str:
    """Keys are kept per sender: "<user id>:<key>"."""
    return f"{client.session['user']['id']}:{k}"


@pytest.mark.parametrize("bad", ["short", "x" * 65, "có dấu-12345", "a b c d e f"])
def test_a_malformed_key_is_400(clerk, db, bad):
    s = series()
    r = clerk.post(RECEIVE, json={**receive_body(s, 1, 10), "idempotency_key": bad})
    assert r.status_code == 400 and r.json()["error"] == "bad_idempotency_key"
    assert moves(db, s) == 0


def test_a_key_in_progress_is_409_until_abandoned(clerk, db):
    """A first request still running (or one that died before answering)
    holds its key: a repeat is 409 with Retry-After; a minute later the
    repeat may run in its place."""
    s, k = series(), key()
    db.execute("INSERT INTO idempotency (module, idem_key, created_at) VALUES ('llct', %s, %s)", stored(clerk, k), NOW)
    r = clerk.post(RECEIVE, json=receive_body(s, 1, 10), headers={"Idempotency-Key": k})
    assert r.status_code == 409 and r.json()["error"] == "request_in_progress"
    assert r.headers.get("Retry-After")
    assert moves(db, s) == 0
    later = clerk.post(RECEIVE, json=receive_body(s, 1, 10), headers={"Idempotency-Key": k},
                       now="2024-12-31 10:01:01")
    assert later.status_code == 200 and "Idempotent-Replayed" not in later.headers
    assert moves(db, s) == 1


def test_keys_belong_to_their_sender(clerk, db, cadre_admin, web):
    """Another user sending the same key runs their own request."""
    login = f"t.idem2.{uuid.uuid4().hex[:8]}"
    cadre_admin("user", "add", login, "--agency", "HVCTQG-VCTT", "--roles", "admin officer",
                "--password", PASSWORD)
    other = Client(web, now=NOW)
    other.login(login, PASSWORD)
    s1, s2, k = series(), series(), key()
    first = clerk.post(RECEIVE, json=receive_body(s1, 1, 10), headers={"Idempotency-Key": k})
    second = other.post(RECEIVE, json=receive_body(s2, 1, 10), headers={"Idempotency-Key": k})
    assert first.status_code == second.status_code == 200
    assert "Idempotent-Replayed" not in second.headers
    assert moves(db, s1) == 1 and moves(db, s2) == 1
