"""Class caps and allotments: full-time at most 50, part-time at most 80,
never exceeded whatever the order or concurrency of requests (the schema's
CHECK constraints are the guarantee, also shown by writing to the database
directly); allotments per sending unit within the class; nominations within
the allotment; the plan rule that full-time classes are at least a third of
part-time classes, checked and shown as classes are decided."""

from __future__ import annotations

import threading

import pymysql
import pytest

from harness import Client, expect
from test_llct_support import API, PASSWORD, World, cccd, move, nominate, set_dates, step


@pytest.fixture
def world(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def put_class(c: Client, cid: int, status: int = 200, **body):
    return expect(c.put(f"{API}/classes/{cid}", json=body, now="2024-03-01"), status)


def test_cap_follows_the_mode(world, db):
    a = world["admin"]
    tw4 = world.class_id("TW 4")  # 50 learners: full-time
    row = db.one("SELECT mode, mode_basis, cap FROM llct_class WHERE id = %s", tw4)
    assert (row["mode"], row["mode_basis"], row["cap"]) == ("full_time", "inferred", 50)
    assert put_class(a, tw4, 422, planned_learners=51)["error"] == "planned_over_cap"
    put_class(a, tw4, mode="part_time")
    assert db.one("SELECT cap, mode_basis FROM llct_class WHERE id = %s", tw4) == \
        {"cap": 80, "mode_basis": "set"}
    put_class(a, tw4, planned_learners=60)
    assert put_class(a, tw4, 422, mode="full_time")["error"] == "planned_over_cap"
    tw2 = world.class_id("TW 2")  # 80 learners, allotted 80
    assert put_class(a, tw2, 422, mode="full_time", planned_learners=50)["error"] == "allotments_over_cap"
    # the schema refuses it too, whoever writes
    with pytest.raises(pymysql.err.OperationalError) as e:
        db.execute("UPDATE llct_class SET cap = 50, mode = 'full_time' WHERE id = %s", tw2)
    assert e.value.args[0] == 4025
    with pytest.raises(pymysql.err.OperationalError):
        db.execute("UPDATE llct_class SET cap = 90 WHERE id = %s", tw2)


def test_allotments_never_exceed_the_class(world, db):
    a = world["admin"]
    tw4 = world.class_id("TW 4")  # allotments 16 + 16 + 13 + 1 + 4 = 50 = cap
    assert db.scalar("SELECT allotted_total FROM llct_class WHERE id = %s", tw4) == 50
    byt = db.scalar("SELECT id FROM agency WHERE code = 'BYT'")
    r = a.put(f"{API}/classes/{tw4}/allotments", json={"agency_id": byt, "allotted": 1})
    assert expect(r, 422)["error"] == "allotment_over_cap"
    first = world.allotment_agency("TW 4", 1)
    expect(a.put(f"{API}/classes/{tw4}/allotments", json={"agency_id": first, "allotted": 10}), 200)
    expect(a.put(f"{API}/classes/{tw4}/allotments", json={"agency_id": byt, "allotted": 6}), 200)
    assert db.scalar("SELECT allotted_total FROM llct_class WHERE id = %s", tw4) == 50
    r = a.put(f"{API}/classes/{tw4}/allotments", json={"agency_id": byt, "allotted": 7})
    assert expect(r, 422)["error"] == "allotment_over_cap"
    with pytest.raises(pymysql.err.OperationalError) as e:
        db.execute("UPDATE llct_allotment SET allotted = allotted + 1 WHERE class_id = %s AND agency_id = %s",
                   tw4, byt)
    assert e.value.args[0] == 4025
    assert db.scalar("SELECT allotted_total FROM llct_class WHERE id = %s", tw4) == 50


def test_nominations_within_the_allotment(world, db):
    a = world["admin"]
    tw4 = world.class_id("TW 4")
    ubkt = world.allotment_agency("TW 4", 4)  # "UBKT TW Đảng: 01 đ/c"
    set_dates(a, tw4)
    step(a, tw4, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    first = nominate(a, tw4, ubkt, 1, "2024-03-30")["id"]
    assert nominate(a, tw4, ubkt, 2, "2024-03-30", status=422)["error"] == "allotment_full"
    # a withdrawn nomination frees its place
    move(a, first, "withdrawn", "2024-03-31", reason="Đơn vị cử người khác")
    nominate(a, tw4, ubkt, 3, "2024-03-31")
    assert db.scalar("SELECT nominated FROM llct_allotment WHERE class_id = %s AND agency_id = %s",
                     tw4, ubkt) == 1
    # a unit without an allotment in the class cannot nominate
    byt = db.scalar("SELECT id FROM agency WHERE code = 'BYT'")
    assert nominate(a, tw4, byt, 4, "2024-03-31", status=422)["error"] == "no_allotment"
    # the same person twice in a class
    r = a.post(f"{API}/classes/{tw4}/learners", now="2024-03-31", json={
        "agency_id": world.allotment_agency("TW 4", 1), "full_name": "Trần Thị Hai", "birth_date": "1980-01-01",
        "cccd": "001080000001", "submitted_on": "2024-03-31"})
    expect(r, 201)
    r = a.post(f"{API}/classes/{tw4}/learners", now="2024-03-31", json={
        "agency_id": world.allotment_agency("TW 4", 1), "full_name": "Trần Thị Hai", "birth_date": "1980-01-01",
        "cccd": "001080000001", "submitted_on": "2024-03-31"})
    assert expect(r, 409)["error"] == "duplicate_learner"


def test_undecided_shares_must_be_allotted_first(world, db):
    a = world["admin"]
    cid = world.class_id("PL1-3.1")  # "Huyện ủy Phú Xuyên và huyện ủy Thường Tín": 80
    set_dates(a, cid)
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    unit = world.allotment_agency("PL1-3.1", 1)
    assert nominate(a, cid, unit, 1, "2024-03-30", status=422)["error"] == "allotment_undecided"
    expect(a.put(f"{API}/classes/{cid}/allotments", json={"agency_id": unit, "allotted": 40}), 200)
    nominate(a, cid, unit, 1, "2024-03-30")


def test_concurrent_nominations_take_exactly_the_seats_left(world, db):
    a = world["admin"]
    tw5 = world.class_id("TW 5")
    unit = world.allotment_agency("TW 5", 5)  # "Bảo hiểm Xã hội VN: 01 đ/c"
    set_dates(a, tw5)
    step(a, tw5, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    n = 6
    clients = []
    for _ in range(n):
        c = Client(world.url)
        c.login(world.logins["admin"], PASSWORD)
        clients.append(c)
    barrier = threading.Barrier(n)
    results: list[int] = [0] * n
    codes: list[str] = [""] * n

    def run(i: int) -> None:
        barrier.wait()
        r = clients[i].post(f"{API}/classes/{tw5}/learners", now="2024-03-30", json={
            "agency_id": unit, "full_name": f"Người thứ {i}", "birth_date": "1984-02-02",
            "cccd": cccd(i), "submitted_on": "2024-03-30"})
        results[i] = r.status_code
        codes[i] = r.json().get("error", "")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [422] * (n - 1), (results, codes)
    assert codes.count("allotment_full") == n - 1
    assert db.scalar("SELECT COUNT(*) FROM llct_learner WHERE class_id = %s AND allotment_id ="
                     " (SELECT id FROM llct_allotment WHERE class_id = %s AND agency_id = %s)",
                     tw5, tw5, unit) == 1


def test_full_time_ratio_checked_and_shown(world, db):
    a = world["admin"]
    plan = lambda: expect(a.get(f"{API}/plans/{world.plan_id}"), 200)["figures"]  # noqa: E731
    fig = plan()
    # decided: 7 full-time, 19 part-time; 5 classes of one line undecided
    assert (fig["ratio"]["full_time"], fig["ratio"]["part_time"], fig["ratio"]["undecided"]) == (7, 19, 5)
    assert fig["ratio"]["status"] == "undetermined"
    assert fig["ratio"]["full_time_needed"] == 1
    codes = [f"PL1-4.{i}" for i in range(1, 6)]
    for code in codes:
        put_class(a, world.class_id(code), mode="part_time", planned_learners=80)
    fig = plan()
    assert fig["ratio"]["status"] == "violated"
    # two of them full-time (2 × 50 + 3 × 80 = 340, the line's total)
    for code in codes[:2]:
        put_class(a, world.class_id(code), mode="full_time", planned_learners=50)
    for code in codes[2:]:
        put_class(a, world.class_id(code), planned_learners=80)
    fig = plan()
    assert fig["ratio"]["status"] == "ok"
    a1 = fig["appendices"][0]
    assert a1["undecided"]["classes"] == 0
    # now every figure of appendix 1 agrees with what the plan declares
    assert all(c["status"] == "ok" for c in a1["checks"]), a1["checks"]
