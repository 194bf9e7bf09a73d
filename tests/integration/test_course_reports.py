"""Reports with drill-down national → province → commune: coverage,
registrations against seats, live check-in, attendance matrix, essays; their
CSV (UTF-8 with BOM) and XLSX exports; and scope (a commune sees only
itself). Figures are computed from what each test created, never typed in."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from harness import expect
from test_course_support import make_world

DURING = "2026-05-23 08:05:00"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


@pytest.fixture(scope="module")
def data(world):
    """One course: X1 approved and tested with 3 participants, X2 approved
    untested with 2, X3 without a point, P approved with 1; Q's commune Y1
    submitted (not approved). Session 1 marked at X1: 2 present, 1 absent.
    One essay at X1."""
    cid = world.make_course()
    x1 = world.approved_bp("X1", course_id=cid, seats=10)
    x2 = world.approved_bp("X2", course_id=cid, seats=5)
    p = world.approved_bp("P", course_id=cid, seats=50)
    world.approved_bp("Y1", course_id=cid, status="submitted")
    world.db.execute("UPDATE course_bridge_point SET connection_status = 'ok' WHERE id IN (%s, %s)",
                     x1["id"], p["id"])
    regs_x1 = [world.register(x1, category=c) for c in
               ("commune_leader", "commune_leader", "school_lecturer")]
    regs_x2 = [world.register(x2, category="other") for _ in range(2)]
    world.register(p, category="school_lecturer")
    s1 = world.session_rows(cid)[1]
    expect(world.client("x1", now=DURING).post(
        f"/api/course/sessions/{s1['id']}/roster",
        json={"bridge_point_id": x1["id"], "nonce": "rep-" + uuid.uuid4().hex,
              "entries": [{"registration_id": regs_x1[0]["id"], "status": "present"},
                          {"registration_id": regs_x1[1]["id"], "status": "present"},
                          {"registration_id": regs_x1[2]["id"], "status": "absent"}]}), 200)
    person = regs_x1[0]["_person"]
    expect(world.public("2026-06-01 10:00:00").post(
        "/api/course/public/essays",
        data={"cccd": person["cccd"], "phone": person["phone"], "title": "Bài thu hoạch số một",
              "body": "Nội dung."}), 201)
    return {"cid": cid, "x1": x1, "x2": x2, "p": p, "s1": s1, "regs_x1": regs_x1,
            "regs_x2": regs_x2}


def by_code(items):
    return {i["code"]: i for i in items}


def test_coverage_national_and_province(world, data):
    nat = expect(world.client("nat").get(f"/api/course/reports/coverage?course={data['cid']}"), 200)
    assert nat["level"] == "national"
    row = by_code(nat["items"])[world.code("P")]
    # P itself + X1..X3 + the communes approved_bp() may have created: count from the tree
    assert row["with_point"] == 3 and row["approved"] == 3 and row["tested"] == 2
    assert row["missing"] == row["units"] - 3
    q = by_code(nat["items"])[world.code("Q")]
    assert q["units"] == 2 and q["with_point"] == 1 and q["pending"] == 1 and q["approved"] == 0
    drill = expect(world.client("nat").get(
        f"/api/course/reports/coverage?course={data['cid']}&parent={world.agencies['P']}"), 200)
    rows = by_code(drill["items"])
    assert rows[world.code("X1")]["tested"] == 1
    assert rows[world.code("X2")]["approved"] == 1 and rows[world.code("X2")]["tested"] == 0
    assert rows[world.code("X3")]["missing"] == 1 and rows[world.code("X3")]["bp_id"] is None


def test_registrations_against_seats(world, data):
    nat = expect(world.client("nat").get(
        f"/api/course/reports/registrations?course={data['cid']}"), 200)
    row = by_code(nat["items"])[world.code("P")]
    assert row["points"] == 3 and row["seats"] == 65 and row["registered"] == 6
    assert (row["commune_leader"], row["school_lecturer"], row["other"]) == (2, 2, 2)
    assert by_code(nat["items"])[world.code("Q")]["points"] == 0
    assert nat["totals"]["registered"] >= 6
    drill = expect(world.client("prov").get(
        f"/api/course/reports/registrations?course={data['cid']}"), 200)
    assert drill["level"] == "unit"
    rows = by_code(drill["items"])
    assert rows[world.code("X1")]["registered"] == 3 and rows[world.code("X1")]["seats"] == 10
    assert rows[world.code("X2")]["other"] == 2
    assert world.code("Y1") not in rows


def test_live_checkin_dashboard(world, data):
    nat = expect(world.client("nat").get(
        f"/api/course/reports/checkin?session={data['s1']['id']}"), 200)
    row = by_code(nat["items"])[world.code("P")]
    assert row["reporting"] == 1 and row["present"] == 2 and row["absent"] == 1
    assert row["registered"] == 6 and row["unmarked"] == 3
    drill = expect(world.client("prov").get(
        f"/api/course/reports/checkin?session={data['s1']['id']}"), 200)
    rows = by_code(drill["items"])
    assert rows[world.code("X1")]["present"] == 2 and rows[world.code("X1")]["unmarked"] == 0
    assert rows[world.code("X2")]["reporting"] == 0 and rows[world.code("X2")]["unmarked"] == 2


def test_attendance_matrix(world, data):
    m = expect(world.client("x1").get(
        f"/api/course/reports/attendance?course={data['cid']}&bridge_point={data['x1']['id']}"), 200)
    assert [s["seq"] for s in m["sessions"]] == [1, 2, 3, 4]
    rows = {r["id"]: r for r in m["items"]}
    assert set(rows) == {r["id"] for r in data["regs_x1"]}
    first = rows[data["regs_x1"][0]["id"]]
    assert first["s1"] == "present" and first["attended"] == 1 and first["complete"] is False
    assert rows[data["regs_x1"][2]["id"]]["s1"] == "absent"
    assert rows[data["regs_x1"][2]["id"]]["attended"] == 0
    out = world.client("x1").get(f"/api/course/reports/attendance?course={data['cid']}"
                                 f"&bridge_point={data['x1']['id']}&format=csv")
    assert out.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(out.content.decode("utf-8-sig"))))
    assert table[-1][-1] in {"0", "1"} and "Có mặt" in out.content.decode("utf-8-sig")
    # another commune's organiser cannot read X1's matrix
    r = world.client("x2").get(f"/api/course/reports/attendance?course={data['cid']}"
                               f"&bridge_point={data['x1']['id']}")
    assert r.status_code == 404


def test_essays_received_late_missing(world, data):
    nat = expect(world.client("nat").get(f"/api/course/reports/essays?course={data['cid']}"), 200)
    row = by_code(nat["items"])[world.code("P")]
    assert row["registered"] == 6 and row["submitted"] == 1 and row["on_time"] == 1
    assert row["late"] == 0 and row["missing"] == 5
    missing = expect(world.client("prov").get(
        f"/api/course/reports/essays/missing?course={data['cid']}"), 200)
    names = {i["id"] for i in missing["items"]}
    assert data["regs_x1"][0]["id"] not in names and data["regs_x1"][1]["id"] in names
    assert missing["total"] == 5
    xlsx = world.client("prov").get(
        f"/api/course/reports/essays/missing?course={data['cid']}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.parametrize("report", ["coverage", "registrations", "essays"])
def test_exports_have_bom_and_vietnamese_headers(world, data, report):
    r = world.client("nat").get(f"/api/course/reports/{report}?course={data['cid']}&format=csv")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert "Đơn vị" in header
    x = world.client("nat").get(f"/api/course/reports/{report}?course={data['cid']}&format=xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"


def test_commune_sees_only_itself(world, data):
    r = expect(world.client("x1").get(
        f"/api/course/reports/registrations?course={data['cid']}"), 200)
    assert [i["code"] for i in r["items"]] == [world.code("X1")]
    outside = world.client("x1").get(
        f"/api/course/reports/coverage?course={data['cid']}&parent={world.agencies['Q']}")
    assert outside.status_code == 404
    bad = world.client("nat").get(f"/api/course/reports/coverage?course={data['cid']}&format=ods")
    assert bad.status_code == 422
