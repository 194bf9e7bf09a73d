"""Diploma blanks (phôi bằng): ranges received by the Academy, allocated to
schools and returned (split as they move), one serial issued per graduate
from the school's own stock, voided with reason and minutes; a serial is used
once — also when two clerks issue it at the same moment; the ledger and the
reconciliation opening + received − moved out − issued − voided = closing,
held against the stock counted from the holdings."""

from __future__ import annotations

import random
import string
import threading

import pytest

from harness import Client, expect
from test_llct_support import API, PASSWORD, World, move, walk_to_opening


@pytest.fixture
def world(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def new_series() -> str:
    return "".join(random.choices(string.ascii_uppercase, k=6))


def sn(series: str, n: int) -> str:
    return f"{series}{n:06d}"


def receive(w: World, s: str, first: int, last: int, on: str = "2024-03-01", status: int = 200):
    return expect(w.academy.post(f"{API}/blanks/receive", now="2024-12-31", json={
        "first": sn(s, first), "last": sn(s, last), "on": on, "doc_number": f"PN-{s}"}), status)


def allocate(c: Client, s: str, first: int, last: int, frm: int, to: int, on: str = "2024-03-10",
             status: int = 200):
    return expect(c.post(f"{API}/blanks/allocate", now="2024-12-31", json={
        "first": sn(s, first), "last": sn(s, last), "from_agency_id": frm, "to_agency_id": to,
        "on": on, "doc_number": f"QĐ-{s}"}), status)


def ranges(db, s: str) -> list[tuple[int, int, int]]:
    return [(r["first_no"], r["last_no"], r["holder_agency_id"]) for r in db.query(
        "SELECT first_no, last_no, holder_agency_id FROM llct_blank_range WHERE series = %s"
        " ORDER BY first_no", s)]


def graduates(w: World, code: str, n: int, graduate: int | None = None) -> list[int]:
    ids = walk_to_opening(w, code, learners=n)["learners"]
    for lid in ids[: n if graduate is None else graduate]:
        move(w["head"], lid, "graduated", "2024-11-13")
    return ids


def test_ranges_split_as_they_move(world, db):
    s = new_series()
    academy = db.scalar("SELECT id FROM agency WHERE code = 'HVCTQG'")
    receive(world, s, 1, 1000)
    assert receive(world, s, 900, 1100, status=409)["error"] == "range_overlaps"
    # a school does not receive blanks from the printer
    r = world["school"].post(f"{API}/blanks/receive", now="2024-12-31", json={
        "first": sn(s, 2001), "last": sn(s, 2100), "on": "2024-03-01", "doc_number": "x",
        "agency_id": world.school_id})
    assert expect(r, 422)["error"] == "receiver_not_academy"
    allocate(world.academy, s, 101, 300, academy, world.school_id)
    assert ranges(db, s) == [(1, 100, academy), (101, 300, world.school_id), (301, 1000, academy)]
    # a range must lie inside one holding of the giver
    assert allocate(world.academy, s, 50, 150, academy, world.school_id, status=422)["error"] == "range_not_held"
    assert allocate(world.academy, s, 1, 10, academy, world.school_id, on="2024-02-01",
                    status=422)["error"] == "date_before_receipt"
    # the school returns part of its stock
    allocate(world["school"], s, 251, 300, world.school_id, academy, on="2024-04-01")
    assert ranges(db, s) == [(1, 100, academy), (101, 250, world.school_id),
                             (251, 300, academy), (301, 1000, academy)]
    assert db.scalar("SELECT kind FROM llct_blank_move WHERE series = %s ORDER BY id DESC LIMIT 1", s) == "return"
    held = expect(world["school"].get(f"{API}/blanks/holdings"), 200)
    mine = [h for h in held if h["series"] == s]
    assert [(h["first_serial"], h["last_serial"], h["available"]) for h in mine] == \
        [(sn(s, 101), sn(s, 250), 150)]


def test_issue_one_serial_per_graduate_from_own_stock(world, db):
    s = new_series()
    academy = db.scalar("SELECT id FROM agency WHERE code = 'HVCTQG'")
    receive(world, s, 1, 100)
    allocate(world.academy, s, 1, 50, academy, world.school_id)
    g = graduates(world, "PL1-1", 3, graduate=2)
    c = world["school"]

    def issue(serial: str, learner: int, status: int):
        return expect(c.post(f"{API}/blanks/issue", now="2024-11-20", json={
            "serial": serial, "learner_id": learner, "on": "2024-11-20", "register_no": "SVS-1"}), status)

    issue(sn(s, 1), g[0], 200)
    assert issue(sn(s, 1), g[1], 409)["error"] == "serial_used"
    assert issue(sn(s, 2), g[0], 409)["error"] == "learner_has_diploma"
    assert issue(sn(s, 60), g[1], 422)["error"] == "serial_not_held"  # the Academy's
    assert issue(sn(s, 3), g[2], 409)["error"] == "learner_not_graduated"
    assert issue("not-a-serial", g[1], 422)["error"] == "bad_serial"
    issue(sn(s, 2), g[1], 200)
    learners = expect(c.get(f"{API}/classes/{world.class_id('PL1-1')}/learners"), 200)
    by_id = {l["id"]: l for l in learners}
    assert by_id[g[0]]["diploma_serial"] == sn(s, 1)
    # void with reason and minutes; the serial is then used for good
    r = c.post(f"{API}/blanks/void", now="2024-11-21", json={
        "serial": sn(s, 3), "holder_agency_id": world.school_id, "why": "damaged",
        "reason": "In lệch lề", "minutes_no": "BB-1", "minutes_on": "2024-11-21", "on": "2024-11-21"})
    expect(r, 200)
    r = c.post(f"{API}/blanks/void", now="2024-11-21", json={
        "serial": sn(s, 3), "holder_agency_id": world.school_id, "why": "lost",
        "reason": "Mất", "minutes_no": "BB-2", "minutes_on": "2024-11-21", "on": "2024-11-21"})
    assert expect(r, 409)["error"] == "serial_used"
    r = c.post(f"{API}/blanks/void", now="2024-11-21", json={
        "serial": sn(s, 4), "holder_agency_id": world.school_id, "why": "lost", "on": "2024-11-21"})
    assert expect(r, 422)["error"] == "validation_failed"  # minutes and reason are required
    # voided blanks cannot be moved away
    assert allocate(c, s, 1, 10, world.school_id, academy, on="2024-11-22", status=409)["error"] \
        == "range_contains_used"
    states = {r["number"]: r["state"] for r in db.query(
        "SELECT number, state FROM llct_blank_used WHERE series = %s", s)}
    assert states == {1: "issued", 2: "issued", 3: "voided"}


def test_concurrent_issue_of_one_serial_exactly_one_succeeds(world, db):
    s = new_series()
    academy = db.scalar("SELECT id FROM agency WHERE code = 'HVCTQG'")
    receive(world, s, 1, 20)
    allocate(world.academy, s, 1, 20, academy, world.school_id)
    g = graduates(world, "PL1-1", 4)
    clients = []
    for _ in g:
        c = Client(world.url)
        c.login(world.logins["school"], PASSWORD)
        clients.append(c)

    def race(bodies: list[dict]) -> list[tuple[int, str]]:
        barrier = threading.Barrier(len(bodies))
        out: list[tuple[int, str]] = [(0, "")] * len(bodies)

        def run(i: int) -> None:
            barrier.wait()
            r = clients[i].post(f"{API}/blanks/issue", now="2024-11-20", json=bodies[i])
            out[i] = (r.status_code, r.json().get("error", ""))

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    # the same serial to four graduates at once
    out = race([{"serial": sn(s, 7), "learner_id": lid, "on": "2024-11-20"} for lid in g])
    assert sorted(st for st, _ in out) == [200, 409, 409, 409], out
    assert [e for st, e in out if st == 409] == ["serial_used"] * 3
    assert db.scalar("SELECT COUNT(*) FROM llct_blank_used WHERE series = %s AND number = 7", s) == 1
    winner = db.scalar("SELECT learner_id FROM llct_blank_used WHERE series = %s AND number = 7", s)
    # four serials to one graduate at once
    other = next(lid for lid in g if lid != winner)
    out = race([{"serial": sn(s, 10 + i), "learner_id": other, "on": "2024-11-20"} for i in range(4)])
    assert sorted(st for st, _ in out) == [200, 409, 409, 409], out
    assert db.scalar("SELECT COUNT(*) FROM llct_blank_used WHERE learner_id = %s", other) == 1


def test_reconciliation_and_ledger(world, db):
    s = new_series()
    academy = db.scalar("SELECT id FROM agency WHERE code = 'HVCTQG'")
    receive(world, s, 1, 1000, on="2024-03-01")
    allocate(world.academy, s, 1, 300, academy, world.school_id, on="2024-03-10")
    c = world["school"]
    expect(c.post(f"{API}/blanks/void", now="2024-04-02", json={
        "serial": sn(s, 300), "holder_agency_id": world.school_id, "why": "destroyed",
        "reason": "Hủy theo biên bản", "minutes_no": "BB-9", "minutes_on": "2024-04-02",
        "on": "2024-04-02"}), 200)
    g = graduates(world, "PL1-1", 1)
    expect(c.post(f"{API}/blanks/issue", now="2024-11-20", json={
        "serial": sn(s, 1), "learner_id": g[0], "on": "2024-11-20"}), 200)
    allocate(c, s, 251, 299, world.school_id, academy, on="2024-12-01")

    def recon(agency: int, frm: str, to: str, who: str = "school") -> dict:
        body = expect(world[who].get(f"{API}/blanks/reconcile", params={
            "agency_id": agency, "series": s, "from": frm, "to": to}, now="2024-12-31"), 200)
        return {i["agency_id"]: i for i in body["items"]}

    year = recon(world.school_id, "2024-01-01", "2024-12-31")[world.school_id]
    assert (year["opening"], year["received"], year["moved_out"], year["issued"], year["voided"]) == \
        (0, 300, 49, 1, 1)
    assert year["closing"] == 0 + 300 - 49 - 1 - 1 == year["on_hand"]
    assert year["balanced"] is True
    first = recon(world.school_id, "2024-01-01", "2024-06-30")[world.school_id]
    second = recon(world.school_id, "2024-07-01", "2024-12-31")[world.school_id]
    assert first["closing"] == second["opening"] == 299
    assert first["on_hand"] == first["closing"] and second["on_hand"] == second["closing"]
    acad = recon(academy, "2024-01-01", "2024-12-31", who="national")[academy]
    # without the series filter the Academy's books hold every series, and still balance
    everything = expect(world.national.get(f"{API}/blanks/reconcile", params={
        "agency_id": academy, "from": "2024-01-01", "to": "2024-12-31"}, now="2024-12-31"), 200)
    assert everything["items"][0]["balanced"] is True
    assert (acad["received"], acad["moved_out"]) == (1000 + 49, 300)
    assert acad["closing"] == acad["on_hand"] == 749
    # the ledger's running balance ends at the closing stock
    led = expect(c.get(f"{API}/blanks/ledger", params={"agency_id": world.school_id, "series": s,
                                                        "from": "2024-01-01", "to": "2024-12-31"},
                       now="2024-12-31"), 200)
    assert led["opening"] == 0 and led["closing"] == year["closing"]
    assert led["items"][-1]["balance"] == year["closing"]
    assert [i["event"] for i in led["items"]] == ["Nhận cấp phát", "Hủy phôi", "Cấp bằng", "Trả về Học viện"]
    csv = c.get(f"{API}/blanks/ledger", params={"agency_id": world.school_id, "from": "2024-01-01",
                                                "to": "2024-12-31", "format": "csv"}, now="2024-12-31")
    assert csv.content.startswith(b"\xef\xbb\xbf") and sn(s, 1) in csv.content.decode("utf-8-sig")
    x = c.get(f"{API}/blanks/reconcile", params={"from": "2024-01-01", "to": "2024-12-31",
                                                 "format": "xlsx"}, now="2024-12-31")
    assert x.status_code == 200 and x.content[:2] == b"PK"


def test_other_school_cannot_touch_this_stock(world, db):
    s = new_series()
    academy = db.scalar("SELECT id FROM agency WHERE code = 'HVCTQG'")
    receive(world, s, 1, 50)
    allocate(world.academy, s, 1, 50, academy, world.school_id)
    other = world["other"]
    g = graduates(world, "PL1-1", 1)
    # another province's school can neither issue to this school's graduate…
    r = other.post(f"{API}/blanks/issue", now="2024-11-20", json={
        "serial": sn(s, 5), "learner_id": g[0], "on": "2024-11-20"})
    assert r.status_code == 404
    # …nor void this school's blanks, nor see its ledger or stock
    r = other.post(f"{API}/blanks/void", now="2024-11-20", json={
        "serial": sn(s, 5), "holder_agency_id": world.school_id, "why": "lost", "reason": "Mất",
        "minutes_no": "BB", "minutes_on": "2024-11-20", "on": "2024-11-20"})
    assert r.status_code == 404
    p02 = db.scalar("SELECT id FROM agency WHERE code = 'P02-TCT'")
    r = other.post(f"{API}/blanks/void", now="2024-11-20", json={
        "serial": sn(s, 5), "holder_agency_id": p02, "why": "lost", "reason": "Mất",
        "minutes_no": "BB", "minutes_on": "2024-11-20", "on": "2024-11-20"})
    assert expect(r, 422)["error"] == "serial_not_held"
    assert other.get(f"{API}/blanks/ledger", params={"agency_id": world.school_id, "from": "2024-01-01",
                                                     "to": "2024-12-31"}).status_code == 404
    assert all(h["series"] != s for h in expect(other.get(f"{API}/blanks/holdings"), 200))
    assert db.scalar("SELECT COUNT(*) FROM llct_blank_used WHERE series = %s", s) == 0
