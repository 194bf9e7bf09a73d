"""The Academy edits the course (windows, status) and its sessions; an
organiser corrects a participant; the public pages read the course."""

from __future__ import annotations

import pytest

from harness import expect
from test_course_support import make_world, person


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin, fast_public=False)
    yield w
    w.close()


def test_national_admin_moves_a_window_and_the_rule_follows(world, db):
    cid = world.make_course()
    bp = world.approved_bp(course_id=cid)
    nat = world.client("nat")
    expect(nat.put(f"/api/course/courses/{cid}", json={"reg_closes_at": "2026-05-19 17:00"}), 200)
    assert str(db.scalar("SELECT reg_closes_at FROM course_course WHERE id = %s", cid)) == "2026-05-19 17:00:00"
    r = world.public().post("/api/course/public/register", json=person(bp["code"], course=cid))
    assert expect(r, 422)["error"] == "registration_closed"
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.course'"
                     " AND entity_id = %s AND action = 'update'", cid) == 1


def test_windows_must_stay_in_order(world, db):
    cid = world.make_course()
    r = world.client("nat").put(f"/api/course/courses/{cid}", json={"essay_cutoff_at": "2026-06-01 00:00"})
    assert expect(r, 422)["error"] == "course_windows_invalid"
    assert str(db.scalar("SELECT essay_cutoff_at FROM course_course WHERE id = %s", cid)) == "2026-06-14 23:59:59"


def test_only_the_academy_edits_the_course(world):
    cid = world.make_course()
    r = world.client("prov").put(f"/api/course/courses/{cid}", json={"title": "Lớp đổi tên"})
    assert r.status_code == 403


def test_session_code_and_times(world, db):
    cid = world.make_course()
    s = world.session_rows(cid)
    nat = world.client("nat")
    expect(nat.put(f"/api/course/sessions/{s[1]['id']}", json={"checkin_code": "MOI-" + world.tag}), 200)
    taken = expect(nat.put(f"/api/course/sessions/{s[2]['id']}", json={"checkin_code": "MOI-" + world.tag}), 409)
    assert taken["error"] == "checkin_code_taken"
    bad = expect(nat.put(f"/api/course/sessions/{s[2]['id']}", json={"ends_at": "2026-05-23 07:00"}), 422)
    assert bad["error"] == "session_times_invalid"
    assert db.scalar("SELECT checkin_code FROM course_session WHERE id = %s", s[2]["id"]) == s[2]["checkin_code"]


def test_organiser_corrects_a_participant(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid)
    reg = world.register(bp)
    x1 = world.client("x1")
    expect(x1.put(f"/api/course/participants/{reg['id']}",
                  json={"full_name": "  Nguyễn   Văn Đúng ", "phone": "+84 912 111 222"}), 200)
    row = db.one("SELECT full_name, phone FROM course_registration WHERE id = %s", reg["id"])
    assert row == {"full_name": "Nguyễn Văn Đúng", "phone": "0912111222"}
    detail = expect(x1.get(f"/api/course/participants/{reg['id']}"), 200)
    assert detail["full_name"] == "Nguyễn Văn Đúng" and len(detail["attendance"]) == 4
    assert world.client("x2").get(f"/api/course/participants/{reg['id']}").status_code == 404


def test_public_course_shows_the_programme_without_checkin_codes(world):
    cid = world.make_course()
    body = expect(world.public().get(f"/api/course/public/course?course={cid}"), 200)
    assert [t["no"] for t in body["topics"]] == [1, 2, 3, 4]
    assert len(body["sessions"]) == 4
    assert "checkin_code" not in body["sessions"][0] and "checkin_codes" not in body
    inside = expect(world.client("x1").get(f"/api/course/courses/{cid}"), 200)
    assert len(inside["checkin_codes"]) == 4
