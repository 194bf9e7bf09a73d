"""Essays: one per participant, accepted after the course, on time until the
due date, marked late until the cut-off, refused after; routed to the
organization board of the participant's province, which sees only its
province, acknowledges or returns with a comment, and exports."""

from __future__ import annotations

import pytest

from harness import expect
from test_course_support import make_world

ON_TIME = "2026-06-01 09:00:00"
LATE = "2026-06-10 09:00:00"
ESSAYS = "/api/course/essays"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


@pytest.fixture
def people(world):
    """A fresh course; two participants in province P, one in province Q."""
    cid = world.make_course()
    p_bp = world.approved_bp("X1", course_id=cid)
    q_bp = world.approved_bp("Y1", course_id=cid)
    return {"cid": cid, "p1": world.register(p_bp), "p2": world.register(p_bp),
            "q1": world.register(q_bp)}


def submit(world, reg, now=ON_TIME, files=None, **over):
    p = reg["_person"]
    data = {"cccd": p["cccd"], "phone": p["phone"],
            "title": "Giải pháp tháo gỡ điểm nghẽn ở cấp xã",
            "body": "Nội dung bài thu hoạch của học viên về bốn chuyên đề.",
            "proposal_1": "Kiến nghị phân cấp mạnh hơn cho cấp xã.",
            "proposal_4": "Đề xuất xây dựng kho dữ liệu dùng chung."}
    data.update(over)
    data = {k: v for k, v in data.items() if v is not None}
    return world.public(now).post("/api/course/public/essays", data=data, files=files or {})


def test_on_time_submission_routed_to_the_province_board(world, db, people):
    body = expect(submit(world, people["p1"]), 201)
    assert body["late"] is False and body["receipt"].startswith("BTH-")
    e = db.one("SELECT * FROM course_essay WHERE id = %s", body["id"])
    assert e["board_agency_id"] == world.agencies["P-BTC"]
    assert e["province_id"] == world.agencies["P"]
    assert e["late"] == 0 and e["status"] == "submitted" and e["word_count"] == 12
    topics = [r["topic_no"] for r in db.query(
        "SELECT topic_no FROM course_essay_proposal WHERE essay_id = %s ORDER BY topic_no", body["id"])]
    assert topics == [1, 4]


def test_late_until_cutoff_then_refused(world, db, people):
    late = expect(submit(world, people["p1"], now=LATE), 201)
    assert late["late"] is True
    assert db.scalar("SELECT late FROM course_essay WHERE id = %s", late["id"]) == 1
    edge = expect(submit(world, people["p2"], now="2026-06-14 23:59:59"), 201)
    assert edge["late"] is True
    closed = expect(submit(world, people["q1"], now="2026-06-15 00:00:00"), 422)
    assert closed["error"] == "essay_closed"
    assert db.scalar("SELECT COUNT(*) FROM course_essay e JOIN course_registration r"
                     " ON r.id = e.registration_id WHERE r.id = %s", people["q1"]["id"]) == 0


def test_due_date_edge_is_on_time_and_before_opening_refused(world, people):
    assert expect(submit(world, people["p1"], now="2026-06-07 23:59:59"), 201)["late"] is False
    early = expect(submit(world, people["p2"], now="2026-05-24 16:29:59"), 422)
    assert early["error"] == "essay_not_open"


def test_one_essay_per_participant(world, db, people):
    expect(submit(world, people["p1"]), 201)
    again = expect(submit(world, people["p1"], title="Bài thứ hai của cùng người"), 409)
    assert again["error"] == "essay_already_submitted"
    assert db.scalar("SELECT COUNT(*) FROM course_essay WHERE registration_id = %s",
                     people["p1"]["id"]) == 1


def test_wrong_identity_or_empty_essay(world, people):
    r = submit(world, people["p1"], phone="0999999999")
    assert expect(r, 404)["error"] == "registration_not_found"
    r = submit(world, people["p1"], body=None)
    assert expect(r, 422)["error"] == "essay_empty"


def test_file_essay_and_bad_files(world, db, people):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
    ok = expect(submit(world, people["p1"], body=None,
                       files={"file": ("bai-thu-hoach.pdf", pdf, "application/pdf")}), 201)
    assert db.scalar("SELECT file_id FROM course_essay WHERE id = %s", ok["id"]) is not None
    exe = b"MZ\x90\x00" + b"\x00" * 200
    bad = expect(submit(world, people["p2"], body=None,
                        files={"file": ("bai.pdf", exe, "application/pdf")}), 422)
    assert bad["fields"]["file"]["code"] == "file_type"
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1)
    r = submit(world, people["p2"], body=None, files={"file": ("to.pdf", big, "application/pdf")})
    assert r.status_code in (413, 422)
    if r.status_code == 422:
        assert r.json()["fields"]["file"]["code"] == "file_too_large"
    assert db.scalar("SELECT COUNT(*) FROM course_essay WHERE registration_id = %s",
                     people["p2"]["id"]) == 0
    # the board downloads the stored file
    got = world.client("board").get(f"{ESSAYS}/{ok['id']}/file")
    assert got.status_code == 200 and got.content == pdf


def test_each_board_sees_only_its_province(world, people):
    p = expect(submit(world, people["p1"]), 201)
    q = expect(submit(world, people["q1"]), 201)
    board, qboard = world.client("board", now=LATE), world.client("qboard", now=LATE)
    mine = {e["id"] for e in expect(board.get(f"{ESSAYS}?course={people['cid']}"), 200)["items"]}
    assert mine == {p["id"]}
    theirs = {e["id"] for e in expect(qboard.get(f"{ESSAYS}?course={people['cid']}"), 200)["items"]}
    assert theirs == {q["id"]}
    assert board.get(f"{ESSAYS}/{q['id']}").status_code == 404
    assert board.get(f"{ESSAYS}/{q['id']}/file").status_code == 404
    assert board.post(f"{ESSAYS}/{q['id']}/acknowledge", json={}).status_code == 404
    # a commune organiser is not a board: nothing routed to it
    x1 = world.client("x1", now=LATE)
    assert expect(x1.get(f"{ESSAYS}?course={people['cid']}"), 200)["items"] == []
    national = {e["id"] for e in expect(world.client("nat").get(
        f"{ESSAYS}?course={people['cid']}"), 200)["items"]}
    assert {p["id"], q["id"]} <= national


def test_acknowledge_and_return_with_comment_then_resubmit(world, db, people, mailbox, deliver):
    a = expect(submit(world, people["p1"]), 201)
    b = expect(submit(world, people["p2"], email=None), 201)
    board = world.client("board", now=LATE)
    expect(board.post(f"{ESSAYS}/{a['id']}/acknowledge", json={"comment": "Bài tốt."}), 200)
    assert db.scalar("SELECT status FROM course_essay WHERE id = %s", a["id"]) == "acknowledged"
    twice = expect(board.post(f"{ESSAYS}/{a['id']}/return", json={"comment": "Muộn rồi"}), 409)
    assert twice["error"] == "essay_state"
    no_comment = expect(board.post(f"{ESSAYS}/{b['id']}/return", json={}), 422)
    assert no_comment["fields"]["comment"]["code"] == "required"
    expect(board.post(f"{ESSAYS}/{b['id']}/return",
                      json={"comment": "Đề nghị bổ sung kiến nghị cho chuyên đề 2."}), 200)
    row = db.one("SELECT status, review_comment FROM course_essay WHERE id = %s", b["id"])
    assert row["status"] == "returned" and "chuyên đề 2" in row["review_comment"]
    # the participant sees the comment and resubmits (late now: after the due date)
    p = people["p2"]["_person"]
    seen = expect(world.public(LATE).post("/api/course/public/lookup",
                                          json={"cccd": p["cccd"], "phone": p["phone"]}), 200)
    assert seen["essay_status"] == "returned" and "chuyên đề 2" in seen["essay_comment"]
    again = expect(submit(world, people["p2"], now=LATE, proposal_2="Bổ sung kiến nghị."), 201)
    assert again["id"] == b["id"] and again["late"] is True
    row = db.one("SELECT status, submissions FROM course_essay WHERE id = %s", b["id"])
    assert row == {"status": "submitted", "submissions": 2}
    actions = [r["action"] for r in db.query(
        "SELECT action FROM audit_log WHERE entity = 'course.essay' AND entity_id = %s ORDER BY id",
        b["id"])]
    assert actions == ["submit", "return", "resubmit"]


def test_the_board_cannot_review_without_the_role(world, people):
    e = expect(submit(world, people["p1"]), 201)
    r = world.client("x1", now=LATE).post(f"{ESSAYS}/{e['id']}/acknowledge", json={})
    assert r.status_code in (403, 404)


def test_board_export_csv_and_xlsx(world, people):
    expect(submit(world, people["p1"]), 201)
    board = world.client("board", now=LATE)
    csv = board.get(f"{ESSAYS}?course={people['cid']}&format=csv")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    text = csv.content.decode("utf-8-sig")
    assert "Giải pháp tháo gỡ điểm nghẽn ở cấp xã" in text and "CĐ1: Kiến nghị" in text
    xlsx = board.get(f"{ESSAYS}?course={people['cid']}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
