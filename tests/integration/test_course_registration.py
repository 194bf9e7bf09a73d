"""Participants: public self-registration with a bridge-point code, the
anti-duplicate rules (unique key, idempotency token), seats under
concurrency, confirmation email, organiser additions, transfer and
withdrawal, and every kind of bad input."""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness import Client, expect
from test_course_support import REG_NOW, make_world, new_cccd, person, uniq

REGISTER = "/api/course/public/register"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


def rows_for(db, course_id, cccd):
    return db.query("SELECT * FROM course_registration WHERE course_id = %s AND cccd = %s",
                    course_id, cccd)


def test_public_registration_creates_one_confirmed_row(world, db):
    bp = world.approved_bp()
    p = person(bp["code"], course=bp["course_id"])
    body = expect(world.public().post(REGISTER, json=p), 201)
    assert body["status"] == "confirmed"
    assert len(body["ticket"]) == 10
    assert body["bridge_point"]["code"] == bp["code"]
    assert body["cccd"].endswith(p["cccd"][-4:]) and p["cccd"] not in body["cccd"]
    [row] = rows_for(db, world.course_id, p["cccd"])
    assert row["status"] == "confirmed" and row["source"] == "self"
    assert row["bridge_point_id"] == bp["id"]
    assert row["province_id"] == world.agencies["P"]
    assert row["ticket"] == body["ticket"]
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 1
    audit = db.query("SELECT action FROM audit_log WHERE entity = 'course.registration'"
                     " AND entity_id = %s", body["id"])
    assert [a["action"] for a in audit] == ["create"]


def test_citizen_id_is_normalised(world, db):
    bp = world.approved_bp()
    digits = new_cccd()
    spaced = " ".join([digits[:3], digits[3:6], digits[6:9], digits[9:]])
    world.register(bp, cccd=spaced)
    assert len(rows_for(db, world.course_id, digits)) == 1


def test_second_registration_of_the_same_person_is_refused(world, db):
    bp1 = world.approved_bp()
    bp2 = world.approved_bp()
    first = world.register(bp1)
    again = person(bp2["code"], course=bp2["course_id"], cccd=first["_person"]["cccd"])
    r = world.public().post(REGISTER, json=again)
    body = expect(r, 409)
    assert body["error"] == "already_registered"
    assert "đã đăng ký" in body["message"]
    assert len(rows_for(db, world.course_id, first["_person"]["cccd"])) == 1
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp2["id"]) == 0


def test_same_idempotency_token_returns_the_first_answer(world, db):
    bp = world.approved_bp()
    p = person(bp["code"], course=bp["course_id"], idempotency_key=uniq("form-") + "-abc")
    first = expect(world.public().post(REGISTER, json=p), 201)
    second = expect(world.public().post(REGISTER, json=p), 201)
    assert second == first
    # the header works the same way
    p2 = person(bp["code"], course=bp["course_id"])
    key = uniq("hdr-") + "-xyz"
    a = expect(world.public().post(REGISTER, json=p2, headers={"Idempotency-Key": key}), 201)
    b = expect(world.public().post(REGISTER, json=p2, headers={"Idempotency-Key": key}), 201)
    assert a == b
    assert len(rows_for(db, world.course_id, p["cccd"])) == 1
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 2


def test_twenty_parallel_identical_submissions_make_exactly_one_row(world, db):
    bp = world.approved_bp(seats=100)
    p = person(bp["code"], course=bp["course_id"], idempotency_key=uniq("dbl-") + "-twenty")

    def submit(_):
        r = Client(world.url, now=REG_NOW).post(REGISTER, json=p)
        return r.status_code, r.json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(submit, range(20)))
    assert {s for s, _ in answers} == {201}, answers
    assert len({a["id"] for _, a in answers}) == 1
    assert len(rows_for(db, world.course_id, p["cccd"])) == 1
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 1


def test_twenty_parallel_submissions_without_token_one_row_rest_duplicate(world, db):
    bp = world.approved_bp(seats=100)
    p = person(bp["code"], course=bp["course_id"])

    def submit(_):
        r = Client(world.url, now=REG_NOW).post(REGISTER, json=p)
        return r.status_code, r.json().get("error")

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(submit, range(20)))
    assert sorted(s for s, _ in answers) == [201] + [409] * 19, answers
    assert {e for s, e in answers if s == 409} == {"already_registered"}
    assert len(rows_for(db, world.course_id, p["cccd"])) == 1
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 1


def test_seats_are_never_oversold_under_concurrency(world, db):
    bp = world.approved_bp(seats=7)
    people = [person(bp["code"], course=bp["course_id"]) for _ in range(30)]

    def submit(p):
        r = Client(world.url, now=REG_NOW).post(REGISTER, json=p)
        return r.status_code, r.json().get("error")

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(submit, people))
    ok = [a for a in answers if a[0] == 201]
    full = [a for a in answers if a[0] == 422]
    assert len(ok) == 7 and len(full) == 23, answers
    assert {e for _, e in full} == {"bridge_point_full"}
    assert db.scalar("SELECT COUNT(*) FROM course_registration WHERE bridge_point_id = %s",
                     bp["id"]) == 7
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 7


def batch_counters(world) -> dict[str, float]:
    text = Client(world.url).get("/api/core/metrics").text
    out = {}
    for kind in ("runs", "items", "done"):
        m = re.search(rf'^cadre_batch_{kind}_total{{batch="course.registration"}} (\d+)$', text, re.M)
        out[kind] = float(m.group(1)) if m else 0.0
    return out


def test_concurrent_registrations_are_combined_each_with_its_own_row_answer_and_audit(world, db):
    bp = world.approved_bp(seats=200)
    for _ in range(4):  # the workers remember the point: the combined path
        world.register(bp)
    before = batch_counters(world)
    people = [person(bp["code"], course=bp["course_id"], full_name=f"Trần Thị Gộp {i}")
              for i in range(60)]

    def submit(p):
        r = Client(world.url, now=REG_NOW).post(REGISTER, json=p)
        return p, r.status_code, r.json(), r.headers.get("X-Request-Id")

    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(submit, people))
    assert {s for _, s, _, _ in answers} == {201}, answers
    for p, _, a, request_id in answers:
        row = db.one("SELECT id, cccd, ticket, full_name, bridge_point_id, source"
                     " FROM course_registration WHERE id = %s", a["id"])
        assert (row["cccd"], row["ticket"], row["full_name"]) == (p["cccd"], a["ticket"],
                                                                  p["full_name"])
        assert row["bridge_point_id"] == bp["id"] and row["source"] == "self"
        audit = db.query("SELECT request_id, action, after_json FROM audit_log"
                         " WHERE entity = 'course.registration' AND entity_id = %s", a["id"])
        assert len(audit) == 1 and audit[0]["action"] == "create"
        assert audit[0]["request_id"] == request_id
        assert json.loads(audit[0]["after_json"])["cccd"] == p["cccd"]
    assert db.scalar("SELECT COUNT(*) FROM course_registration WHERE bridge_point_id = %s",
                     bp["id"]) == 64
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 64
    after = batch_counters(world)
    runs, items = after["runs"] - before["runs"], after["items"] - before["items"]
    # at least one transaction carried several of the 60 requests
    assert after["done"] - before["done"] >= 2 and items > runs, (before, after)


def test_the_first_registration_at_a_point_no_worker_remembers_is_combined_too(world, db):
    bp = world.approved_bp()  # created now: no worker has read it yet
    before = batch_counters(world)
    body = world.register(bp)
    after = batch_counters(world)
    assert after["done"] - before["done"] == 1, (before, after)
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 1
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.registration'"
                     " AND entity_id = %s", body["id"]) == 1


@pytest.mark.parametrize("field,value,code", [
    ("cccd", "12345", "invalid_cccd"),
    ("cccd", "00120300456a", "invalid_cccd"),
    ("phone", "12-34", "invalid_phone"),
    ("full_name", "Nguyễn\x07Văn An", "control_characters"),
    ("email", "not-an-email", "invalid_email"),
    ("category", "student", "invalid_choice"),
])
def test_bad_fields_are_refused_with_a_field_code_and_nothing_written(world, db, field, value, code):
    bp = world.approved_bp()
    p = person(bp["code"], course=bp["course_id"], **{field: value})
    body = expect(world.public().post(REGISTER, json=p), 422)
    assert body["error"] == "validation_failed"
    assert body["fields"][field]["code"] == code
    assert body["fields"][field]["message"]
    assert db.scalar("SELECT COUNT(*) FROM course_registration WHERE bridge_point_id = %s",
                     bp["id"]) == 0


def test_missing_required_fields(world):
    body = expect(world.public().post(REGISTER, json={"bridge_point": "X"}), 422)
    for f in ("cccd", "full_name", "position", "unit", "phone", "category"):
        assert body["fields"][f]["code"] == "required"


def test_unknown_bridge_point_code(world):
    p = person("NO-SUCH-POINT", course=world.course_id)
    body = expect(world.public().post(REGISTER, json=p), 422)
    assert body["error"] == "bridge_point_unknown"
    assert body["fields"]["bridge_point"]["code"] == "bridge_point_unknown"
    assert "NO-SUCH-POINT" in body["message"]


@pytest.mark.parametrize("now,code", [
    ("2026-05-14 23:59:59", "registration_not_open"),
    ("2026-05-23 08:00:01", "registration_closed"),
])
def test_registration_window(world, db, now, code):
    bp = world.approved_bp()
    p = person(bp["code"], course=bp["course_id"])
    body = expect(Client(world.url, now=now).post(REGISTER, json=p), 422)
    assert body["error"] == code
    assert not rows_for(db, world.course_id, p["cccd"])


def test_window_edges_are_inclusive(world):
    bp = world.approved_bp()
    world.register(bp, now="2026-05-15 00:00:00")
    world.register(bp, now="2026-05-23 08:00:00")


def test_bridge_point_not_approved_takes_no_registration(world, db):
    bp = world.approved_bp(status="submitted")
    p = person(bp["code"], course=bp["course_id"])
    body = expect(world.public().post(REGISTER, json=p), 422)
    assert body["error"] == "bridge_point_not_approved"
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 0


def test_full_bridge_point(world, db):
    bp = world.approved_bp(seats=1)
    world.register(bp)
    p = person(bp["code"], course=bp["course_id"])
    body = expect(world.public().post(REGISTER, json=p), 422)
    assert body["error"] == "bridge_point_full"
    assert not rows_for(db, world.course_id, p["cccd"])


def test_full_point_still_answers_replays_and_duplicates_as_such(world, db):
    """The seat UPDATE fails first, yet a replay gets its first answer and
    the same person without a token gets already_registered, not full."""
    bp = world.approved_bp(seats=1)
    p = person(bp["code"], course=bp["course_id"], idempotency_key=uniq("full-") + "-replay")
    first = expect(world.public().post(REGISTER, json=p), 201)
    assert expect(world.public().post(REGISTER, json=p), 201) == first
    same = person(bp["code"], course=bp["course_id"], cccd=p["cccd"])
    assert expect(world.public().post(REGISTER, json=same), 409)["error"] == "already_registered"
    assert len(rows_for(db, world.course_id, p["cccd"])) == 1
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 1


def test_academy_point_takes_the_province_the_form_names(world, db):
    bp = world.approved_bp()
    db.execute("UPDATE course_bridge_point SET province_id = NULL WHERE id = %s", bp["id"])
    named = world.register(bp, province=world.code("Q"))
    assert rows_for(db, world.course_id, named["_person"]["cccd"])[0]["province_id"] == world.agencies["Q"]
    unnamed = world.register(bp)
    assert rows_for(db, world.course_id, unnamed["_person"]["cccd"])[0]["province_id"] is None
    p = person(bp["code"], course=bp["course_id"], province="NO-SUCH-PROVINCE")
    body = expect(world.public().post(REGISTER, json=p), 422)
    assert body["error"] == "province_unknown"
    assert body["fields"]["province"]["code"] == "province_unknown"
    assert not rows_for(db, world.course_id, p["cccd"])
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 2


def test_a_point_of_another_province_ignores_the_named_province(world, db):
    bp = world.approved_bp()
    body = world.register(bp, province=world.code("Q"))
    assert rows_for(db, world.course_id, body["_person"]["cccd"])[0]["province_id"] == world.agencies["P"]


def test_registration_without_course_finds_the_point_by_code(world, db):
    bp = world.approved_bp()
    p = person(bp["code"])
    p.pop("course", None)
    body = expect(world.public().post(REGISTER, json=p), 201)
    assert body["course"]["id"] == world.course_id
    assert body["bridge_point"]["code"] == bp["code"]
    assert len(rows_for(db, world.course_id, p["cccd"])) == 1
    p2 = person("NO-SUCH-POINT")
    p2.pop("course", None)
    assert expect(world.public().post(REGISTER, json=p2), 422)["error"] == "bridge_point_unknown"


def test_the_public_form_follows_every_change_of_the_point_and_course(world, db):
    """The host's workers remember the points the form names; each change an
    official makes must show in the very next answers (several requests, so
    that every worker has the point in memory before it changes)."""
    cid = world.make_course()
    bp = world.approved_bp(course_id=cid, seats=100)
    nat, prov = world.client("nat"), world.client("prov")
    for _ in range(6):
        world.register(bp)
    expect(prov.put(f"/api/course/bridge-points/{bp['id']}", json={"name": "Điểm cầu đổi tên"}), 200)
    expect(nat.put(f"/api/course/courses/{cid}", json={"title": "Lớp thử nghiệm đổi tên"}), 200)
    for _ in range(6):
        body = world.register(bp)
        assert body["bridge_point"]["name"] == "Điểm cầu đổi tên"
        assert body["course"]["title"] == "Lớp thử nghiệm đổi tên"
    expect(nat.put(f"/api/course/courses/{cid}", json={"reg_closes_at": "2026-05-20 09:59"}), 200)
    for _ in range(4):
        p = person(bp["code"], course=cid)
        assert expect(world.public().post(REGISTER, json=p), 422)["error"] == "registration_closed"
    expect(nat.put(f"/api/course/courses/{cid}", json={"reg_closes_at": "2026-05-23 08:00"}), 200)
    world.register(bp)
    db.execute("UPDATE course_bridge_point SET status = 'returned', version = version + 1"
               " WHERE id = %s", bp["id"])
    for _ in range(4):
        p = person(bp["code"], course=cid)
        assert expect(world.public().post(REGISTER, json=p), 422)["error"] == "bridge_point_not_approved"
    db.execute("UPDATE course_bridge_point SET status = 'approved', seats = registered,"
               " version = version + 1 WHERE id = %s", bp["id"])
    for _ in range(4):
        p = person(bp["code"], course=cid)
        assert expect(world.public().post(REGISTER, json=p), 422)["error"] == "bridge_point_full"
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 13
    assert db.scalar("SELECT COUNT(*) FROM course_registration WHERE bridge_point_id = %s", bp["id"]) == 13


def test_confirmation_email_goes_through_the_outbox(world, db, mailbox, deliver):
    bp = world.approved_bp()
    email = f"hv.{uniq().lower()}@xa.gov.vn"
    reg = world.register(bp, email=email)
    row = db.one("SELECT recipient, subject, body FROM outbox WHERE dedupe_key = %s",
                 f"course-reg-{reg['id']}")
    assert row["recipient"] == email
    assert reg["ticket"] in row["body"]
    deliver()
    msgs = [m for m in mailbox.wait_for(1) if email in str(m)]
    assert msgs, "the confirmation was not delivered"


def test_combined_registrations_queue_their_own_confirmation_emails(world, db):
    bp = world.approved_bp(seats=100)
    for _ in range(4):  # the workers remember the point: the combined path
        world.register(bp)
    before = batch_counters(world)
    people = [person(bp["code"], course=bp["course_id"],
                     email=f"gop.{i}.{uniq().lower()}@xa.gov.vn") for i in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda p: (p, Client(world.url, now=REG_NOW).post(REGISTER, json=p)),
                                people))
    assert batch_counters(world)["done"] > before["done"]
    for p, r in answers:
        assert r.status_code == 201, r.text
        a = r.json()
        rows = db.query("SELECT recipient, subject, body FROM outbox WHERE dedupe_key = %s",
                        f"course-reg-{a['id']}")
        assert len(rows) == 1 and rows[0]["recipient"] == p["email"]
        assert a["ticket"] in rows[0]["body"] and p["full_name"] in rows[0]["body"]
        assert rows[0]["subject"].startswith("Xác nhận đăng ký")


def test_no_email_no_outbox_row(world, db):
    bp = world.approved_bp()
    reg = world.register(bp)
    assert db.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key = %s",
                     f"course-reg-{reg['id']}") == 0


def test_lookup_with_cccd_and_phone(world):
    bp = world.approved_bp()
    reg = world.register(bp)
    p = reg["_person"]
    found = expect(world.public().post("/api/course/public/lookup",
                                       json={"cccd": p["cccd"], "phone": p["phone"]}), 200)
    assert found["ticket"] == reg["ticket"] and found["bridge_point_code"] == bp["code"]
    wrong = world.public().post("/api/course/public/lookup",
                                json={"cccd": p["cccd"], "phone": "0999999999"})
    assert expect(wrong, 404)["error"] == "registration_not_found"


def test_organiser_adds_a_participant_in_scope_only(world, db):
    cid = world.make_course()
    bp1 = world.approved_bp("X1", course_id=cid)
    bp2 = world.approved_bp("X2", course_id=cid)
    x1 = world.client("x1")
    p = person(bp1["code"], bridge_point_id=bp1["id"])
    body = expect(x1.post("/api/course/participants", json=p), 201)
    assert db.scalar("SELECT source FROM course_registration WHERE id = %s", body["id"]) == "organizer"
    other = person(bp2["code"], bridge_point_id=bp2["id"])
    assert expect(x1.post("/api/course/participants", json=other), 404)["error"] == "not_found"
    # organisers may still add after the public form closed, not after the course
    late = person(bp1["code"], bridge_point_id=bp1["id"])
    expect(world.client("x1", now="2026-05-23 09:00:00").post("/api/course/participants", json=late), 201)
    over = person(bp1["code"], bridge_point_id=bp1["id"])
    r = world.client("x1", now="2026-05-25 09:00:00").post("/api/course/participants", json=over)
    assert expect(r, 422)["error"] == "registration_closed"


def test_public_registration_needs_no_session_but_organiser_routes_do(world):
    r = world.public().get(f"/api/course/participants?course={world.course_id}")
    assert r.status_code == 401


def test_transfer_is_a_change_not_a_copy(world, db):
    bp1 = world.approved_bp()
    bp2 = world.approved_bp()
    reg = world.register(bp1)
    prov = world.client("prov")
    expect(prov.post(f"/api/course/participants/{reg['id']}/transfer",
                     json={"bridge_point_id": bp2["id"]}), 200)
    rows = rows_for(db, world.course_id, reg["_person"]["cccd"])
    assert len(rows) == 1 and rows[0]["id"] == reg["id"]
    assert rows[0]["bridge_point_id"] == bp2["id"]
    counts = {r["id"]: r["registered"] for r in db.query(
        "SELECT id, registered FROM course_bridge_point WHERE id IN (%s, %s)", bp1["id"], bp2["id"])}
    assert counts == {bp1["id"]: 0, bp2["id"]: 1}
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.registration'"
                     " AND entity_id = %s AND action = 'transfer'", reg["id"]) == 1


def test_transfer_to_a_full_point_changes_nothing(world, db):
    bp1 = world.approved_bp()
    full = world.approved_bp(seats=1)
    world.register(full)
    reg = world.register(bp1)
    r = world.client("prov").post(f"/api/course/participants/{reg['id']}/transfer",
                                  json={"bridge_point_id": full["id"]})
    assert expect(r, 422)["error"] == "bridge_point_full"
    assert db.scalar("SELECT bridge_point_id FROM course_registration WHERE id = %s",
                     reg["id"]) == bp1["id"]
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp1["id"]) == 1


def test_commune_organiser_cannot_transfer_out_of_scope(world):
    cid = world.make_course()
    bp1 = world.approved_bp("X1", course_id=cid)
    bp2 = world.approved_bp("X2", course_id=cid)
    reg = world.register(bp1)
    r = world.client("x1").post(f"/api/course/participants/{reg['id']}/transfer",
                                json={"bridge_point_id": bp2["id"]})
    assert r.status_code == 404


def test_withdraw_frees_the_seat_and_allows_a_new_registration(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=1)
    reg = world.register(bp)
    x1 = world.client("x1")
    expect(x1.post(f"/api/course/participants/{reg['id']}/withdraw", json={"reason": "Đi công tác"}), 200)
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 0
    again = expect(x1.post(f"/api/course/participants/{reg['id']}/withdraw", json={}), 409)
    assert again["error"] == "registration_withdrawn"
    new = world.register(bp, cccd=reg["_person"]["cccd"])
    assert new["id"] != reg["id"]
    statuses = sorted(r["status"] for r in rows_for(db, cid, reg["_person"]["cccd"]))
    assert statuses == ["confirmed", "withdrawn"]


def test_participant_list_is_scoped_and_exports(world):
    cid = world.make_course()
    bp1 = world.approved_bp("X1", course_id=cid)
    bp2 = world.approved_bp("X2", course_id=cid)
    a = world.register(bp1, full_name="Trần Thị Ánh Tuyết")
    world.register(bp2)
    mine = expect(world.client("x1").get(
        f"/api/course/participants?course={cid}&per_page=500"), 200)
    assert bp1["id"] in {i["bridge_point_id"] for i in mine["items"]}
    assert all(i["bridge_point_id"] != bp2["id"] for i in mine["items"])
    # accent-insensitive search
    found = expect(world.client("prov").get(
        f"/api/course/participants?course={cid}&q=anh tuyet"), 200)
    assert [i["id"] for i in found["items"]] == [a["id"]]
    csv = world.client("prov").get(f"/api/course/participants?course={cid}&format=csv")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "Trần Thị Ánh Tuyết" in csv.content.decode("utf-8-sig")


def test_public_form_is_rate_limited_per_address(stack, world):
    """[public] rate_per_minute = 120, counted per worker process in memory
    for the current minute: on a host of its own with one worker (so no
    other test's requests share its count, and nginx's kept connections all
    lead to the one counter), one address gets 120 answers and then 429."""
    def burst() -> tuple[list[int], bool]:
        inst = stack.extra_host({"public.rate_per_minute": 120, "server.workers": 1})
        try:
            c = Client(inst.url("nginx"), now="2026-05-20 03:17:00")
            minute = int(time.time()) // 60
            codes = [c.post("/api/course/public/lookup",
                            json={"cccd": "800000000000", "phone": "0912000000"}).status_code
                     for _ in range(125)]
            return codes, int(time.time()) // 60 == minute
        finally:
            inst.stop()

    codes, one_minute = burst()
    if not one_minute:  # the count restarted mid-burst: once more, on a fresh host
        codes, one_minute = burst()
    assert one_minute
    assert codes[:120] == [404] * 120
    assert codes[120:] == [429] * 5, codes[120:]
