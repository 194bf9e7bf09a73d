"""Certificate eligibility: attended every session (or the number the report
asks for) and an essay the province board acknowledged; the counts per unit
with drill-down, the list to print in the caller's scope, exports, and bad
input. Figures come from what the fixture marked and reviewed."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from harness import expect, pdf_fonts, pdf_text
from test_course_support import REVIEW_TIME, SESSIONS, make_world

REPORT = "/api/course/reports/certificates"
ELIGIBLE = "/api/course/reports/certificates/eligible"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


def mark(world, bp, session_seq, marks):
    starts = SESSIONS[session_seq - 1][1]
    session = world.session_rows(bp["course_id"])[session_seq]
    expect(world.client("prov", now=starts).post(
        f"/api/course/sessions/{session['id']}/roster",
        json={"bridge_point_id": bp["id"], "nonce": "cert-" + uuid.uuid4().hex,
              "entries": [{"registration_id": r["id"], "status": s} for r, s in marks]}), 200)


@pytest.fixture(scope="module")
def data(world):
    """At X1: A (4 sessions, essay acknowledged), B (4 sessions, essay not yet
    reviewed), C (3 sessions, one absent; essay acknowledged), D (4 sessions,
    essay returned). At X2: E (present or late at all 4, acknowledged)."""
    cid = world.make_course()
    x1 = world.approved_bp("X1", course_id=cid)
    x2 = world.approved_bp("X2", course_id=cid)
    a, b, c, d = (world.register(x1) for _ in range(4))
    e = world.register(x2)
    for seq in (1, 2, 3, 4):
        mark(world, x1, seq, [(a, "present"), (b, "present"), (c, "absent" if seq == 2 else "present"),
                              (d, "present")])
        mark(world, x2, seq, [(e, "late" if seq == 3 else "present")])
    essays = {k: world.submit_essay(r) for k, r in {"a": a, "b": b, "c": c, "d": d, "e": e}.items()}
    board = world.client("board", now=REVIEW_TIME)
    for k in ("a", "c", "e"):
        expect(board.post(f"/api/course/essays/{essays[k]['id']}/acknowledge", json={}), 200)
    expect(board.post(f"/api/course/essays/{essays['d']['id']}/return",
                      json={"comment": "Đề nghị bổ sung phần kiến nghị."}), 200)
    return {"cid": cid, "x1": x1, "x2": x2, "regs": {"a": a, "b": b, "c": c, "d": d, "e": e},
            "essays": essays}


def by_code(items):
    return {i["code"]: i for i in items}


def test_national_counts_per_province(world, data):
    nat = expect(world.client("nat").get(f"{REPORT}?course={data['cid']}"), 200)
    assert nat["level"] == "national" and nat["required_sessions"] == 4 and nat["sessions"] == 4
    p = by_code(nat["items"])[world.code("P")]
    assert p["registered"] == 5
    assert p["attended_enough"] == 4          # A, B, D, E
    assert p["essay_acknowledged"] == 3       # A, C, E
    assert p["eligible"] == 2                 # A, E
    assert p["awaiting_review"] == 1          # B
    assert p["not_eligible"] == 3
    assert by_code(nat["items"])[world.code("Q")]["registered"] == 0


def test_a_lower_threshold_counts_the_participant_who_missed_one_session(world, data):
    nat = expect(world.client("nat").get(f"{REPORT}?course={data['cid']}&min_sessions=3"), 200)
    assert nat["required_sessions"] == 3
    assert by_code(nat["items"])[world.code("P")]["eligible"] == 3  # A, C, E
    got = expect(world.client("nat").get(f"{ELIGIBLE}?course={data['cid']}&min_sessions=3"), 200)
    assert {i["id"] for i in got["items"]} == {data["regs"][k]["id"] for k in ("a", "c", "e")}


def test_drill_down_to_the_communes(world, data):
    prov = expect(world.client("nat").get(
        f"{REPORT}?course={data['cid']}&parent={world.agencies['P']}"), 200)
    rows = by_code(prov["items"])
    assert rows[world.code("X1")]["registered"] == 4 and rows[world.code("X1")]["eligible"] == 1
    assert rows[world.code("X1")]["awaiting_review"] == 1
    assert rows[world.code("X2")]["eligible"] == 1 and rows[world.code("X2")]["not_eligible"] == 0
    assert prov["totals"]["eligible"] == 2


def test_the_list_to_print_names_each_eligible_person_with_codes_to_verify(world, data):
    got = expect(world.client("nat").get(f"{ELIGIBLE}?course={data['cid']}"), 200)
    assert got["total"] == 2 and got["required_sessions"] == 4
    items = {i["id"]: i for i in got["items"]}
    assert set(items) == {data["regs"]["a"]["id"], data["regs"]["e"]["id"]}
    a = items[data["regs"]["a"]["id"]]
    assert a["ticket"] == data["regs"]["a"]["ticket"]
    assert a["essay_receipt"] == data["essays"]["a"]["receipt"]
    assert a["attended"] == 4 and a["bridge_point_code"] == data["x1"]["code"]


def test_each_organiser_sees_only_its_own_people(world, data):
    x1 = expect(world.client("x1").get(f"{ELIGIBLE}?course={data['cid']}"), 200)
    assert [i["id"] for i in x1["items"]] == [data["regs"]["a"]["id"]]
    y1 = expect(world.client("y1").get(f"{ELIGIBLE}?course={data['cid']}"), 200)
    assert y1["items"] == []
    r = world.client("y1").get(f"{REPORT}?course={data['cid']}&parent={world.agencies['P']}")
    assert r.status_code in (403, 404)


def test_exports_with_bom_and_vietnamese_headers(world, data):
    out = world.client("nat").get(f"{ELIGIBLE}?course={data['cid']}&format=csv")
    assert out.status_code == 200 and out.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(out.content.decode("utf-8-sig"))))
    header = next(row for row in table if "Họ và tên" in row)
    assert "Mã đăng ký" in header and "Số biên nhận bài thu hoạch" in header
    names = {data["regs"][k]["_person"]["full_name"] for k in ("a", "e")}
    assert names <= {cell for row in table for cell in row}
    summary = world.client("nat").get(f"{REPORT}?course={data['cid']}&format=xlsx")
    assert summary.status_code == 200 and summary.content[:2] == b"PK"


@pytest.mark.parametrize("value,code", [("5", "too_many_sessions"), ("0", None), ("abc", None)])
def test_a_threshold_the_course_cannot_meet_is_refused(world, data, value, code):
    body = expect(world.client("nat").get(f"{REPORT}?course={data['cid']}&min_sessions={value}"), 422)
    assert "min_sessions" in body.get("fields", {})
    if code:
        assert body["error"] == code and "4" in body["message"]


def test_the_list_prints_as_a_signed_document(world, data):
    r = world.client("prov", now=REVIEW_TIME).get(f"{ELIGIBLE}?course={data['cid']}&format=pdf")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert "danh-sach-cap-giay-chung-nhan.pdf" in r.headers.get("Content-Disposition", "")
    text = pdf_text(r.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert f"Tỉnh thử nghiệm {world.tag}".upper() in text  # the province officer's own agency
    assert "ngày 10 tháng 06 năm 2026" in text
    assert "Danh sách học viên đủ điều kiện cấp giấy chứng nhận" in text
    for k in ("a", "e"):
        assert data["regs"][k]["_person"]["full_name"] in text
        assert data["regs"][k]["ticket"] in text
    assert data["regs"]["b"]["_person"]["full_name"] not in text
    assert "NGƯỜI LẬP BIỂU" in text and "Trang 1/1" in text
    # Vietnamese letters with two marks need fonts whose glyphs are not
    # composites (libharu drops the components): Lato, embedded
    fonts = pdf_fonts(r.content)
    assert "Lato-Regular" in fonts and "Lato-Bold" in fonts and "DejaVu" not in fonts


def test_a_list_too_long_to_print_points_to_the_excel_file(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X3", course_id=cid, seats=6000)
    # 5,001 participants (MariaDB's sequence engine makes the rows)
    db.execute("INSERT INTO course_registration (course_id, bridge_point_id, province_id, cccd, full_name,"
               " position, unit_name, phone, category, source, ticket)"
               " SELECT %s, %s, %s, CONCAT('6', LPAD(seq, 11, '0')), CONCAT('Người thứ ', seq), 'Cán bộ', 'Xã',"
               " '0912345678', 'other', 'import', CONCAT('T', LPAD(seq, 9, '0')) FROM seq_1_to_5001",
               cid, bp["id"], world.agencies["P"])
    r = world.client("nat").get(f"/api/course/participants?course={cid}&format=pdf")
    body = expect(r, 422)
    assert body["error"] == "too_many_rows_for_pdf" and "Excel" in body["message"]
    x = world.client("nat").get(f"/api/course/participants?course={cid}&format=xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
