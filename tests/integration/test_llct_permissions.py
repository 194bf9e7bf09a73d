"""Who sees and does what: the province and its school run their classes;
another province's school sees nothing of them (404, as if they did not
exist); a viewer reads but cannot write; a sending unit sees the classes it
has an allotment in, nominates only its own people and within its share,
sees only its own dossiers and can only withdraw them; nobody anonymous."""

from __future__ import annotations

import pytest

from harness import Client, expect
from test_llct_support import API, World, move, nominate, set_dates, step


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def test_another_schools_user_sees_nothing(world):
    other = world["other"]
    cid = world.class_id("TW 4")
    assert other.get(f"{API}/classes/{cid}").status_code == 404
    assert other.get(f"{API}/plans/{world.plan_id}").status_code == 404
    assert other.get(f"{API}/plans/{world.plan_id}/lines").status_code == 404
    assert expect(other.get(f"{API}/classes", params={"plan": world.plan_id}), 200) == []
    assert all(p["id"] != world.plan_id for p in expect(other.get(f"{API}/plans"), 200))
    assert other.get(f"{API}/classes/{cid}/learners").status_code == 404
    assert other.get(f"{API}/classes/{cid}/roster").status_code == 404
    assert other.get(f"{API}/reports/funnel", params={"plan": world.plan_id}).status_code == 404
    r = other.post(f"{API}/classes/{cid}/steps/1", json={"planned_on": "2024-04-01"})
    assert r.status_code == 404
    r = other.put(f"{API}/classes/{cid}", json={"mode": "part_time"})
    assert r.status_code == 404
    deadlines = expect(other.get(f"{API}/deadlines", params={"status": "all"}), 200)
    assert all(d["class_id"] != cid for d in deadlines)


@pytest.mark.parametrize("web_kind", ["nginx", "apache"])
def test_province_and_school_both_manage(world, stack, web_kind):
    for who in ("admin", "school", "board"):
        c = Client(stack.url(web_kind))
        c.login(world.logins[who], "Llct#2026-test")
        body = expect(c.get(f"{API}/classes/{world.class_id('TW 4')}"), 200)
        assert body["can_manage"] is True


def test_viewer_reads_but_cannot_write(world):
    v = world["viewer"]
    cid = world.class_id("TW 6")
    expect(v.get(f"{API}/classes/{cid}"), 200)
    expect(v.get(f"{API}/plans/{world.plan_id}"), 200)
    assert v.put(f"{API}/classes/{cid}", json={"mode": "part_time"}).status_code == 403
    assert v.post(f"{API}/classes/{cid}/steps/1", json={"planned_on": "2024-04-01"}).status_code == 403
    assert v.post(f"{API}/blanks/receive", json={"first": "ZZ1", "last": "ZZ2", "on": "2024-01-01",
                                                  "doc_number": "x"}).status_code == 403


def test_sending_unit_nominates_only_its_own(world, db):
    a = world["admin"]
    cid = world.class_id("TW 7")
    gtvt = world.allotment_agency("TW 7", 1)   # Bộ Giao thông vận tải: 36
    ttdn = world.allotment_agency("TW 7", 2)   # Bộ Thông tin và Truyền thông: 35
    unit = world.user_at(f"gtvt", gtvt, "officer")
    set_dates(a, cid)
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    body = expect(unit.get(f"{API}/classes/{cid}"), 200)
    assert body["can_manage"] is False
    mine = [al for al in body["allotments"] if al["mine"]]
    assert [al["agency_id"] for al in mine] == [gtvt]
    own = nominate(unit, cid, gtvt, 1, "2024-03-30")["id"]
    assert nominate(unit, cid, ttdn, 2, "2024-03-30", status=403)["error"] == "forbidden"
    theirs = nominate(a, cid, ttdn, 3, "2024-03-30")["id"]
    listed = expect(unit.get(f"{API}/classes/{cid}/learners"), 200)
    assert [l["id"] for l in listed] == [own]
    assert unit.get(f"{API}/learners/{theirs}").status_code == 404
    assert move(unit, own, "under_review", "2024-03-31", 403)["error"] == "forbidden"
    assert step(unit, cid, 2, "2024-04-01", 403, done_on="2024-04-01", complete=True)["error"] == "forbidden"
    move(unit, own, "withdrawn", "2024-03-31", reason="Thay người khác")
    # a class where the unit has no allotment does not exist for it
    assert unit.get(f"{API}/classes/{world.class_id('TW 3')}").status_code == 404


def test_anonymous_and_csrf(world, stack):
    anon = Client(stack.url("nginx"))
    assert anon.get(f"{API}/plans").status_code == 401
    a = world["admin"]
    r = a.post(f"{API}/classes/{world.class_id('TW 8')}/steps/1", json={"planned_on": "2024-04-01"},
               csrf=False)
    assert r.status_code == 403
