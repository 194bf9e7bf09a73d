"""The test harness's own parts: sinks, database helper, extra hosts."""

import smtplib
from email.message import EmailMessage

import pytest
import requests

import harness
from harness import expect, format_now


def test_database_is_private_durable_and_accent_insensitive(db):
    assert db.scalar("SELECT @@skip_networking") == 1
    assert db.scalar("SELECT @@innodb_flush_log_at_trx_commit") == 1
    # the schema's collation is the default (docs/DEVELOPING.md)
    assert db.scalar("SELECT @@collation_server") == "utf8mb4_uca1400_ai_ci"
    assert db.scalar("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
                     "WHERE SCHEMA_NAME = 'cadre'") == "utf8mb4_uca1400_ai_ci"
    # case and every diacritic are ignored, Vietnamese letters included
    assert db.scalar("SELECT %s = %s COLLATE utf8mb4_uca1400_ai_ci",
                     "Nguyễn Văn Ánh Đức", "nguyen van anh duc") == 1


def test_database_helper_round_trip(db):
    db.execute("CREATE DATABASE IF NOT EXISTS cadre_test_harness")
    try:
        db.execute("CREATE TABLE cadre_test_harness.t (id INT PRIMARY KEY, name VARCHAR(50))")
        assert db.execute("INSERT INTO cadre_test_harness.t VALUES (%s, %s), (%s, %s)",
                          1, "Hà Nội", 2, "Huế") == 2
        rows = db.query("SELECT id, name FROM cadre_test_harness.t ORDER BY id")
        assert rows == [{"id": 1, "name": "Hà Nội"}, {"id": 2, "name": "Huế"}]
        assert db.one("SELECT name FROM cadre_test_harness.t WHERE id = %s", 2) == {"name": "Huế"}
    finally:
        db.execute("DROP DATABASE cadre_test_harness")


def _send(port: int, subject: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "cadre@localhost", "a@example.vn", subject
    msg.set_content("Xin chào")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
        s.send_message(msg)


def test_smtp_sink_collects_and_fails_on_demand(mailbox):
    mailbox.fail_next(1)
    with pytest.raises(smtplib.SMTPDataError) as e:
        _send(mailbox.port, "first")
    assert e.value.smtp_code == 451
    _send(mailbox.port, "Thông báo")
    (m,) = mailbox.wait_for(1)
    assert m["subject"] == "Thông báo"
    assert m["rcpt_tos"] == ["a@example.vn"]
    assert m["text"].strip() == "Xin chào"
    assert mailbox.refused == 1


def test_webhook_sink_records_and_answers_as_scripted(webhooks):
    webhooks.respond(503, {"error": "busy"}, times=1)
    r1 = requests.post(webhooks.url("livestream"), json={"n": 1}, timeout=10)
    r2 = requests.post(webhooks.url("livestream"), json={"n": 2}, timeout=10)
    assert (r1.status_code, r1.json()) == (503, {"error": "busy"})
    assert (r2.status_code, r2.json()) == (200, {"ok": True})
    calls = webhooks.wait_for(2)
    assert [c["json"] for c in calls] == [{"n": 1}, {"n": 2}]
    assert calls[0]["path"] == "/livestream"


def test_now_header_format():
    import datetime as dt
    assert format_now("2026-03-01") == "2026-03-01"
    assert format_now(dt.date(2026, 3, 1)) == "2026-03-01"
    assert format_now(dt.datetime(2026, 3, 1, 8, 5, 0)) == "2026-03-01 08:05:00"
    with pytest.raises(ValueError):
        format_now("01/03/2026")


def test_config_points_at_the_sinks(stack):
    text = stack.conf.read_text()
    assert f"smtp_url = {stack.smtp.url}" in text
    assert f"livestream = {stack.hooks.url('livestream')}" in text
    assert "allow_clock_override = true" in text


def test_extra_host_with_overrides(host_ctl, stack):
    inst = host_ctl.start({"server.threads": 4})
    assert "threads = 4" in inst.conf.read_text()
    assert inst.socket != stack.host.socket
    assert expect(inst.client().get("/api/core/health"), 200)["status"] == "ok"
    # the session stack is untouched
    assert expect(stack.client().get("/api/core/health"), 200)["status"] == "ok"


def test_extra_host_survives_its_database_restart(host_ctl):
    inst = host_ctl.start(own_db=True)
    c = inst.client()
    expect(c.get("/api/core/health"), 200)
    inst.db.stop()
    r = c.get("/api/core/health")
    assert r.status_code == 503
    assert r.headers.get("Retry-After")
    inst.db.start()
    # the pool replaces its broken connections: health recovers by itself
    harness.wait_until(lambda: c.get("/api/core/health").status_code == 200, 60,
                       "health after the database came back")
