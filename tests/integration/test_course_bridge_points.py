"""Bridge points: registered by a commune organiser or by the province,
approved or returned (with a reason) by the level above only, resubmitted,
connection-tested; approval asks the livestream platform for the stream
link through the outbox and stores its answer."""

from __future__ import annotations

import pytest

from harness import expect
from test_course_support import REG_NOW, make_world

BPS = "/api/course/bridge-points"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin, fast_public=False)
    yield w
    w.close()


def new_point(world, who, agency_key, course_id, **over):
    body = {"course": course_id, "agency_id": world.agencies[agency_key],
            "address": "Hội trường Ủy ban nhân dân xã", "organizer_name": "Lê Văn Tổ Chức",
            "contact_phone": "0912 345 678", "seats": 30, "expected": 25}
    body.update(over)
    return world.client(who).post(BPS, json=body)


def test_commune_organiser_registers_its_own_point(world, db):
    cid = world.make_course()
    body = expect(new_point(world, "x1", "X1", cid), 201)
    row = db.one("SELECT * FROM course_bridge_point WHERE id = %s", body["id"])
    assert row["status"] == "submitted" and row["level"] == "commune"
    assert row["province_id"] == world.agencies["P"]
    assert row["code"] == world.code("X1")  # default code: the unit's code
    assert row["contact_phone"] == "0912345678"
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.bridge_point'"
                     " AND entity_id = %s AND action = 'create'", body["id"]) == 1


def test_commune_organiser_cannot_register_another_unit(world, db):
    cid = world.make_course()
    r = new_point(world, "x1", "X2", cid)
    assert expect(r, 404)["error"] == "not_found"
    assert db.scalar("SELECT COUNT(*) FROM course_bridge_point WHERE course_id = %s", cid) == 0


def test_province_registers_for_itself_and_its_communes(world):
    cid = world.make_course()
    prov = expect(new_point(world, "prov", "P", cid, code="DC-P-" + world.tag), 201)
    commune = expect(new_point(world, "prov", "X3", cid), 201)
    assert prov["code"] == "DC-P-" + world.tag
    assert commune["status"] == "submitted"
    # but not for another province's commune
    assert new_point(world, "prov", "Y1", cid).status_code == 404


def test_one_point_per_unit_and_unique_codes(world):
    cid = world.make_course()
    expect(new_point(world, "x1", "X1", cid), 201)
    again = expect(new_point(world, "x1", "X1", cid), 409)
    assert again["error"] == "bridge_point_exists"
    taken = expect(new_point(world, "x2", "X2", cid, code=world.code("X1")), 409)
    assert taken["error"] == "bridge_point_exists"


def test_units_that_cannot_host_a_point(world):
    cid = world.make_course()
    r = new_point(world, "prov", "P-BTC", cid)
    body = expect(r, 422)
    assert body["error"] == "bridge_unit_kind"


def test_bridge_point_registration_closes(world):
    cid = world.make_course()
    c = world.client("x1", now="2026-05-21 17:00:01")
    r = c.post(BPS, json={"course": cid, "agency_id": world.agencies["X1"],
                          "address": "Hội trường xã", "organizer_name": "Người tổ chức",
                          "contact_phone": "0912345678", "seats": 30})
    assert expect(r, 422)["error"] == "bridge_registration_closed"


@pytest.mark.parametrize("over,field,code", [
    ({"seats": 0}, "seats", "out_of_range"),
    ({"contact_phone": "abc"}, "contact_phone", "invalid_phone"),
    ({"address": ""}, "address", "required"),
])
def test_bad_bridge_point_fields(world, over, field, code):
    cid = world.make_course()
    body = expect(new_point(world, "x1", "X1", cid, **over), 422)
    assert body["fields"][field]["code"] == code


def test_approval_only_by_the_level_above(world, db):
    cid = world.make_course()
    commune = expect(new_point(world, "x1", "X1", cid), 201)
    province = expect(new_point(world, "prov", "P", cid), 201)
    # a unit never approves its own point
    r = world.client("x1").post(f"{BPS}/{commune['id']}/approve")
    assert expect(r, 403)["error"] == "not_level_above"
    r = world.client("prov").post(f"{BPS}/{province['id']}/approve")
    assert expect(r, 403)["error"] == "not_level_above"
    # another province's reviewer does not even see it
    assert world.client("qboard").post(f"{BPS}/{commune['id']}/approve").status_code in (403, 404)
    # the province approves its commune, the national level the province
    ok = expect(world.client("prov").post(f"{BPS}/{commune['id']}/approve"), 200)
    assert ok["status"] == "approved"
    expect(world.client("nat").post(f"{BPS}/{province['id']}/approve"), 200)
    row = db.one("SELECT status, decided_by FROM course_bridge_point WHERE id = %s", commune["id"])
    assert row["status"] == "approved" and row["decided_by"] is not None
    again = expect(world.client("prov").post(f"{BPS}/{commune['id']}/approve"), 409)
    assert again["error"] == "bridge_point_state"


def test_return_with_reason_then_resubmit(world, db):
    cid = world.make_course()
    bp = expect(new_point(world, "x2", "X2", cid), 201)
    no_reason = expect(world.client("prov").post(f"{BPS}/{bp['id']}/return", json={}), 422)
    assert no_reason["fields"]["reason"]["code"] == "required"
    expect(world.client("prov").post(f"{BPS}/{bp['id']}/return",
                                     json={"reason": "Thiếu địa chỉ cụ thể của hội trường"}), 200)
    row = db.one("SELECT status, return_reason FROM course_bridge_point WHERE id = %s", bp["id"])
    assert row == {"status": "returned", "return_reason": "Thiếu địa chỉ cụ thể của hội trường"}
    # a returned point takes no registration and cannot be approved as is
    assert world.client("prov").post(f"{BPS}/{bp['id']}/approve").status_code == 409
    x2 = world.client("x2")
    expect(x2.put(f"{BPS}/{bp['id']}", json={"address": "Hội trường A, UBND xã, số 1 đường B"}), 200)
    expect(x2.post(f"{BPS}/{bp['id']}/submit"), 200)
    assert db.scalar("SELECT status FROM course_bridge_point WHERE id = %s", bp["id"]) == "submitted"
    actions = [r["action"] for r in db.query(
        "SELECT action FROM audit_log WHERE entity = 'course.bridge_point' AND entity_id = %s"
        " ORDER BY id", bp["id"])]
    assert actions == ["create", "return", "update", "submit"]


def test_seats_cannot_drop_below_registrations(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=5)
    world.register(bp)
    world.register(bp)
    r = world.client("x1").put(f"{BPS}/{bp['id']}", json={"seats": 1})
    assert expect(r, 422)["error"] == "seats_below_registered"
    assert db.scalar("SELECT seats FROM course_bridge_point WHERE id = %s", bp["id"]) == 5
    expect(world.client("x1").put(f"{BPS}/{bp['id']}", json={"seats": 2}), 200)


def test_approval_asks_for_the_stream_link_and_stores_the_answer(world, db, webhooks, deliver):
    cid = world.make_course()
    bp = expect(new_point(world, "prov", "X3", cid), 201)
    link = f"https://live.example.vn/room/{world.tag.lower()}"
    deliver()  # earlier tests' webhooks must not take the scripted answer
    webhooks.clear()
    webhooks.respond(200, {"stream_link": link}, times=5)
    expect(world.client("prov").post(f"{BPS}/{bp['id']}/approve"), 200)
    queued = db.one("SELECT kind, recipient, reply_kind, reply_ref, status FROM outbox"
                    " WHERE dedupe_key LIKE %s", f"course-stream-{bp['id']}-v%")
    assert queued["kind"] == "webhook" and queued["recipient"] == "livestream"
    assert queued["reply_kind"] == "stream_link" and queued["reply_ref"] == bp["id"]
    deliver()
    [call] = [c for c in webhooks.wait_for(1) if c["json"] and
              c["json"].get("bridge_point", {}).get("id") == bp["id"]]
    assert call["json"]["event"] == "bridge_point.approved"
    assert call["json"]["bridge_point"]["code"] == world.code("X3")
    row = db.one("SELECT stream_link, stream_received_at FROM course_bridge_point WHERE id = %s",
                 bp["id"])
    assert row["stream_link"] == link and row["stream_received_at"] is not None


def test_a_useless_webhook_answer_is_not_stored(world, db, webhooks, deliver):
    cid = world.make_course()
    bp = expect(new_point(world, "x1", "X1", cid), 201)
    deliver()
    webhooks.clear()
    webhooks.respond(200, {"stream_link": "javascript:alert(1)"})
    expect(world.client("prov").post(f"{BPS}/{bp['id']}/approve"), 200)
    deliver()
    webhooks.wait_for(1)
    row = db.one("SELECT stream_link, stream_requested_at, stream_received_at FROM course_bridge_point"
                 " WHERE id = %s", bp["id"])
    assert row["stream_link"] is None and row["stream_received_at"] is None
    assert row["stream_requested_at"] is not None
    # accepted, not retried: the message is done
    assert db.scalar("SELECT status FROM outbox WHERE dedupe_key LIKE %s",
                     f"course-stream-{bp['id']}-v%") == "sent"


def test_connection_test_only_on_approved_points(world, db):
    cid = world.make_course()
    bp = expect(new_point(world, "x1", "X1", cid), 201)
    x1 = world.client("x1")
    r = x1.post(f"{BPS}/{bp['id']}/connection-test", json={"status": "ok"})
    assert expect(r, 409)["error"] == "bridge_point_state"
    expect(world.client("prov").post(f"{BPS}/{bp['id']}/approve"), 200)
    expect(x1.post(f"{BPS}/{bp['id']}/connection-test",
                   json={"status": "failed", "note": "Mất tiếng"}), 200)
    row = db.one("SELECT connection_status, connection_note, connection_tested_at"
                 " FROM course_bridge_point WHERE id = %s", bp["id"])
    assert row["connection_status"] == "failed" and row["connection_note"] == "Mất tiếng"
    assert str(row["connection_tested_at"]) == REG_NOW


def test_list_is_scoped(world):
    cid = world.make_course()
    mine = expect(new_point(world, "x1", "X1", cid), 201)
    theirs = expect(new_point(world, "y1", "Y1", cid), 201)
    ids = {i["id"] for i in expect(world.client("x1").get(f"{BPS}?course={cid}"), 200)["items"]}
    assert ids == {mine["id"]}
    ids = {i["id"] for i in expect(world.client("nat").get(f"{BPS}?course={cid}"), 200)["items"]}
    assert {mine["id"], theirs["id"]} <= ids
    assert world.client("x1").get(f"{BPS}/{theirs['id']}").status_code == 404
    detail = expect(world.client("prov").get(f"{BPS}/{mine['id']}"), 200)
    assert detail["can_decide"] is True
    assert expect(world.client("x1").get(f"{BPS}/{mine['id']}"), 200)["can_decide"] is False
    xlsx = world.client("nat").get(f"{BPS}?course={cid}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_public_lookup_of_a_point(world):
    cid = world.make_course()
    bp = world.approved_bp("X2", course_id=cid, seats=10)
    world.register(bp)
    body = expect(world.public().get(f"/api/course/public/bridge-points/{bp['code']}?course={cid}"), 200)
    assert body["seats_left"] == 9 and body["status"] == "approved"
    r = world.public().get("/api/course/public/bridge-points/NOPE?course=%d" % cid)
    assert expect(r, 404)["error"] == "bridge_point_unknown"
