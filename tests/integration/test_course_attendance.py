"""Attendance per session: a bridge point's whole roster in one request,
append-only events with a client nonce (a replay changes nothing, the
latest mark wins), the organiser's edit window (session end + grace, then
only the province), self check-in with the session code, all audited."""

from __future__ import annotations

import uuid

import pytest

from harness import expect
from test_course_support import make_world

# Session 1: 2026-05-23 08:00–11:30; check-in opens 60 min before, late after
# 15 min, the organiser may edit until 11:30 + 120 min = 13:30.
DURING = "2026-05-23 08:05:00"
LATE = "2026-05-23 08:30:00"
AFTER_GRACE = "2026-05-23 13:30:01"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


@pytest.fixture
def site(world):
    """A fresh course with an approved point at X1 and four participants."""
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid)
    regs = [world.register(bp) for _ in range(4)]
    sessions = world.session_rows(cid)
    return {"cid": cid, "bp": bp, "regs": regs, "s1": sessions[1], "s4": sessions[4]}


def nonce():
    return "n-" + uuid.uuid4().hex


def roster(client, site, marks, n=None, session="s1"):
    return client.post(f"/api/course/sessions/{site[session]['id']}/roster",
                       json={"bridge_point_id": site["bp"]["id"], "nonce": n or nonce(),
                             "entries": [{"registration_id": r["id"], "status": s}
                                         for r, s in marks]})


def states(db, site, session="s1"):
    rows = db.query("SELECT registration_id, status FROM course_attendance WHERE session_id = %s",
                    site[session]["id"])
    return {r["registration_id"]: r["status"] for r in rows}


def test_whole_roster_in_one_request(world, db, site):
    x1 = world.client("x1", now=DURING)
    marks = list(zip(site["regs"], ["present", "late", "excused", "absent"]))
    body = expect(roster(x1, site, marks), 200)
    assert body["marked"] == 4 and body["new_events"] == 4 and body["replay"] is False
    assert states(db, site) == {r["id"]: s for r, s in marks}
    assert db.scalar("SELECT COUNT(*) FROM course_attendance_event WHERE session_id = %s",
                     site["s1"]["id"]) == 4
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.roster'"
                     " AND entity_id = %s", site["bp"]["id"]) == 1
    view = expect(x1.get(f"/api/course/sessions/{site['s1']['id']}/roster"
                         f"?bridge_point={site['bp']['id']}"), 200)
    assert view["editable"] is True and len(view["items"]) == 4
    assert {i["registration_id"]: i["status"] for i in view["items"]} == states(db, site)


def test_replayed_nonce_changes_nothing(world, db, site):
    x1 = world.client("x1", now=DURING)
    n = nonce()
    expect(roster(x1, site, [(r, "present") for r in site["regs"]], n), 200)
    expect(roster(x1, site, [(r, "absent") for r in site["regs"]]), 200)  # newer mark
    events = db.scalar("SELECT COUNT(*) FROM course_attendance_event WHERE session_id = %s",
                       site["s1"]["id"])
    audits = db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.roster'"
                       " AND entity_id = %s", site["bp"]["id"])
    again = expect(roster(x1, site, [(r, "present") for r in site["regs"]], n), 200)
    assert again["replay"] is True and again["new_events"] == 0
    assert set(states(db, site).values()) == {"absent"}
    assert db.scalar("SELECT COUNT(*) FROM course_attendance_event WHERE session_id = %s",
                     site["s1"]["id"]) == events
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.roster'"
                     " AND entity_id = %s", site["bp"]["id"]) == audits


def test_events_are_append_only(world, db, site):
    expect(roster(world.client("x1", now=DURING), site, [(site["regs"][0], "present")]), 200)
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE course_attendance_event SET status = 'absent' WHERE session_id = %s",
                   site["s1"]["id"])
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM course_attendance_event WHERE session_id = %s", site["s1"]["id"])


def test_a_stranger_in_the_roster_rejects_the_whole_roster(world, db, site):
    other = world.approved_bp(course_id=site["cid"])
    stranger = world.register(other)
    r = world.client("x1", now=DURING).post(
        f"/api/course/sessions/{site['s1']['id']}/roster",
        json={"bridge_point_id": site["bp"]["id"], "nonce": nonce(),
              "entries": [{"registration_id": site["regs"][0]["id"], "status": "present"},
                          {"registration_id": stranger["id"], "status": "present"}]})
    assert expect(r, 422)["error"] == "roster_unknown_registration"
    assert states(db, site) == {}


@pytest.mark.parametrize("entries,code", [
    ([], "roster_empty"),
    ([{"registration_id": 1, "status": "here"}], "status_invalid"),
    ([{"registration_id": 1, "status": "present"}, {"registration_id": 1, "status": "late"}],
     "roster_duplicate"),
])
def test_malformed_rosters(world, site, entries, code):
    r = world.client("x1", now=DURING).post(
        f"/api/course/sessions/{site['s1']['id']}/roster",
        json={"bridge_point_id": site["bp"]["id"], "nonce": nonce(), "entries": entries})
    body = expect(r, 422)
    assert body["error"] == code


def test_roster_before_the_session_opens(world, site):
    r = roster(world.client("x1", now="2026-05-23 06:59:59"), site, [(site["regs"][0], "present")])
    assert expect(r, 422)["error"] == "session_not_started"


def test_after_end_plus_grace_only_the_province_edits(world, db, site):
    x1_late = world.client("x1", now=AFTER_GRACE)
    r = roster(x1_late, site, [(site["regs"][0], "present")])
    assert expect(r, 403)["error"] == "attendance_locked"
    assert states(db, site) == {}
    # at the last second of grace the organiser still may
    expect(roster(world.client("x1", now="2026-05-23 13:30:00"), site,
                  [(site["regs"][0], "absent")]), 200)
    prov = world.client("prov", now="2026-05-25 09:00:00")
    expect(roster(prov, site, [(site["regs"][0], "excused")]), 200)
    assert states(db, site)[site["regs"][0]["id"]] == "excused"
    method = db.scalar("SELECT method FROM course_attendance WHERE registration_id = %s"
                       " AND session_id = %s", site["regs"][0]["id"], site["s1"]["id"])
    assert method == "edit"
    view = expect(x1_late.get(f"/api/course/sessions/{site['s1']['id']}/roster"
                              f"?bridge_point={site['bp']['id']}"), 200)
    assert view["editable"] is False and view["window"] == "province_only"


def test_organiser_of_another_point_cannot_mark(world, site):
    r = roster(world.client("x2", now=DURING), site, [(site["regs"][0], "present")])
    assert r.status_code == 404


def test_roster_of_an_unknown_session_point_or_course(world, db, site):
    """The session and the point are read together; each refusal is still
    its own (the province organiser of P sees X1's point)."""
    prov = world.client("prov", now=DURING)
    one = [(site["regs"][0], "present")]
    unknown_session = dict(site, s1={"id": 99999999})
    assert expect(roster(prov, unknown_session, one), 404)["message"] == "Không tìm thấy buổi học."
    unknown_point = dict(site, bp={"id": 99999999})
    assert expect(roster(prov, unknown_point, one), 404)["message"] == "Không tìm thấy điểm cầu."
    other = world.session_rows(world.make_course())
    assert expect(roster(prov, dict(site, s1=other[1]), one), 422)["error"] == "session_other_course"
    assert expect(roster(world.client("y1", now=DURING), site, one), 404)["error"] == "not_found"
    assert states(db, site) == {}
    expect(roster(prov, site, one), 200)
    row = db.one("SELECT bridge_point_id, province_id FROM course_attendance"
                 " WHERE registration_id = %s AND session_id = %s",
                 site["regs"][0]["id"], site["s1"]["id"])
    assert row == {"bridge_point_id": site["bp"]["id"], "province_id": world.agencies["P"]}


def checkin(world, site, reg, now, code=None, n=None):
    p = reg["_person"]
    return world.public(now).post("/api/course/public/checkin", json={
        "code": code or site["s1"]["checkin_code"], "cccd": p["cccd"], "phone": p["phone"],
        "nonce": n or nonce()})


def test_self_checkin_present_then_late(world, db, site):
    a, b = site["regs"][0], site["regs"][1]
    body = expect(checkin(world, site, a, DURING), 200)
    assert body["status"] == "present" and body["replay"] is False
    assert expect(checkin(world, site, b, LATE), 200)["status"] == "late"
    assert states(db, site) == {a["id"]: "present", b["id"]: "late"}
    assert db.scalar("SELECT method FROM course_attendance_event WHERE registration_id = %s",
                     a["id"]) == "self"
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.attendance'"
                     " AND entity_id = %s", a["id"]) == 1


def test_self_checkin_replay_and_second_checkin_change_nothing(world, db, site):
    a = site["regs"][2]
    n = nonce()
    first = expect(checkin(world, site, a, DURING, n=n), 200)
    replay = expect(checkin(world, site, a, LATE, n=n), 200)
    assert replay["status"] == first["status"] == "present" and replay["replay"] is True
    again = expect(checkin(world, site, a, LATE), 200)  # new nonce, already present
    assert again["status"] == "present"
    assert db.scalar("SELECT COUNT(*) FROM course_attendance_event WHERE registration_id = %s",
                     a["id"]) == 1


@pytest.mark.parametrize("now,code", [
    ("2026-05-23 06:59:59", "checkin_not_open"),
    ("2026-05-23 11:30:01", "checkin_closed"),
])
def test_self_checkin_window(world, db, site, now, code):
    assert expect(checkin(world, site, site["regs"][3], now), 422)["error"] == code
    assert states(db, site) == {}


def test_self_checkin_wrong_code_or_identity(world, site):
    r = checkin(world, site, site["regs"][0], DURING, code="NOPE-CODE")
    assert expect(r, 422)["error"] == "session_code_unknown"
    p = dict(site["regs"][0]["_person"])
    r = world.public(DURING).post("/api/course/public/checkin", json={
        "code": site["s1"]["checkin_code"], "cccd": p["cccd"], "phone": "0999999999",
        "nonce": nonce()})
    assert expect(r, 404)["error"] == "registration_not_found"


def test_organiser_mark_after_self_checkin_wins_when_newer(world, db, site):
    a = site["regs"][0]
    expect(checkin(world, site, a, DURING), 200)
    expect(roster(world.client("x1", now=LATE), site, [(a, "excused")]), 200)
    assert states(db, site)[a["id"]] == "excused"
