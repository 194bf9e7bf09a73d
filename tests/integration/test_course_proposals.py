"""Proposals added up for the organization boards: counts per topic with
drill-down national → province → commune, the proposals themselves in the
caller's scope (a board sees its province only), one topic at a time,
exports, and returned essays left out. Figures come from the essays the
fixture submitted."""

from __future__ import annotations

import csv
import io

import pytest

from harness import expect, pdf_text
from test_course_support import REVIEW_TIME, make_world

REPORT = "/api/course/reports/proposals"
LIST = "/api/course/reports/proposals/list"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


@pytest.fixture(scope="module")
def data(world):
    """X1: a (topics 1 and 3), b (topic 1). X2: c (no proposal), e (topic 4,
    returned by the board). Y1 in province Q: d (topic 2)."""
    cid = world.make_course()
    x1 = world.approved_bp("X1", course_id=cid)
    x2 = world.approved_bp("X2", course_id=cid)
    y1 = world.approved_bp("Y1", course_id=cid)
    a, b = world.register(x1), world.register(x1)
    c, e = world.register(x2), world.register(x2)
    d = world.register(y1)
    texts = {"a1": "Tăng cường phân cấp cho xã.", "a3": "Bồi dưỡng kỹ năng số cho cán bộ.",
             "b1": "Rà soát chức năng, nhiệm vụ của xã.", "d2": "Hoàn thiện quy chế phối hợp.",
             "e4": "Đề xuất sẽ bị trả lại cùng bài."}
    world.submit_essay(a, t1=texts["a1"], t3=texts["a3"])
    world.submit_essay(b, t1=texts["b1"])
    world.submit_essay(c)
    returned = world.submit_essay(e, t4=texts["e4"])
    world.submit_essay(d, t2=texts["d2"])
    expect(world.client("board", now=REVIEW_TIME).post(
        f"/api/course/essays/{returned['id']}/return", json={"comment": "Đề nghị viết lại."}), 200)
    return {"cid": cid, "texts": texts}


def by_code(items):
    return {i["code"]: i for i in items}


def test_national_counts_by_topic_leave_returned_essays_out(world, data):
    nat = expect(world.client("nat").get(f"{REPORT}?course={data['cid']}"), 200)
    assert [t["no"] for t in nat["topics"]] == [1, 2, 3, 4]
    p = by_code(nat["items"])[world.code("P")]
    assert (p["essays"], p["with_proposals"]) == (3, 2)
    assert (p["t1"], p["t2"], p["t3"], p["t4"], p["proposals"]) == (2, 0, 1, 0, 3)
    q = by_code(nat["items"])[world.code("Q")]
    assert (q["essays"], q["t2"], q["proposals"]) == (1, 1, 1)
    assert nat["totals"]["proposals"] >= 4


def test_drill_down_to_the_communes(world, data):
    prov = expect(world.client("nat").get(
        f"{REPORT}?course={data['cid']}&parent={world.agencies['P']}"), 200)
    rows = by_code(prov["items"])
    x1, x2 = rows[world.code("X1")], rows[world.code("X2")]
    assert (x1["essays"], x1["t1"], x1["t3"], x1["proposals"]) == (2, 2, 1, 3)
    assert (x2["essays"], x2["with_proposals"], x2["t4"], x2["proposals"]) == (1, 0, 0, 0)
    assert world.code("Y1") not in rows


def test_a_board_reads_its_own_provinces_proposals_topic_by_topic(world, data):
    board = world.client("board", now=REVIEW_TIME)
    got = expect(board.get(f"{LIST}?course={data['cid']}"), 200)
    t = data["texts"]
    assert sorted(i["body"] for i in got["items"]) == sorted([t["a1"], t["a3"], t["b1"]])
    assert [i["topic_no"] for i in got["items"]] == [1, 1, 3]  # by topic
    one = expect(board.get(f"{LIST}?course={data['cid']}&topic=1"), 200)
    assert {i["body"] for i in one["items"]} == {t["a1"], t["b1"]} and one["total"] == 2
    assert one["items"][0]["topic_title"] == "Chuyên đề 1"
    other = expect(world.client("qboard", now=REVIEW_TIME).get(f"{LIST}?course={data['cid']}"), 200)
    assert [i["body"] for i in other["items"]] == [t["d2"]]
    x2 = expect(world.client("x2").get(f"{LIST}?course={data['cid']}"), 200)
    assert x2["items"] == []  # c wrote none; e's essay was returned


def test_exports_with_bom_and_a_column_per_topic(world, data):
    out = world.client("nat").get(f"{REPORT}?course={data['cid']}&format=csv")
    assert out.status_code == 200 and out.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(out.content.decode("utf-8-sig"))))
    header = next(row for row in table if "Đơn vị" in row)
    assert [h for h in header if h.startswith("Chuyên đề")] == [f"Chuyên đề {i}" for i in (1, 2, 3, 4)]
    listed = world.client("board", now=REVIEW_TIME).get(f"{LIST}?course={data['cid']}&format=xlsx")
    assert listed.status_code == 200 and listed.content[:2] == b"PK"


@pytest.mark.parametrize("topic", ["0", "x"])
def test_a_bad_topic_is_refused(world, data, topic):
    body = expect(world.client("nat").get(f"{LIST}?course={data['cid']}&topic={topic}"), 422)
    assert "topic" in body.get("fields", {})


def test_long_proposals_wrap_inside_their_column_across_pages(world, data, db):
    # a proposal of ~3,000 characters: it must wrap, not run off the page
    long_text = " ".join(f"Kiến nghị thứ {i} về tổ chức bộ máy cấp xã." for i in range(70)) + " KẾT THÚC."
    eid = db.scalar("SELECT e.id FROM course_essay e JOIN course_essay_proposal p ON p.essay_id = e.id"
                    " WHERE p.body = %s", data["texts"]["b1"])
    db.execute("INSERT INTO course_essay_proposal (essay_id, topic_no, body) VALUES (%s, 2, %s)",
               eid, long_text)
    r = world.client("board", now=REVIEW_TIME).get(f"{LIST}?course={data['cid']}&format=pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")
    text = pdf_text(r.content, layout=False).replace("\n", " ")
    assert "KẾT THÚC." in text and "Kiến nghị thứ 0 về" in text
    assert data["texts"]["a3"] in text
    assert "Trang 1/" in text
