"""The 7-step admission workflow of a class over HTTP: each rule of the
seed at its boundary (refused with a stable code and nothing written, or a
warning kept on the step), step dependencies, the consequences of the
admission and opening decisions, enrolment on time / late / drop-out,
supplementary enrolment, deadlines, and the reports that follow."""

from __future__ import annotations

import pytest

from harness import expect
from test_llct_support import (API, DATES, World, move, nominate, set_dates, step,
                               walk_to_opening)


@pytest.fixture
def world(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def step_row(db, class_id: int, k: int) -> dict:
    return db.one("SELECT * FROM llct_step WHERE class_id = %s AND step = %s", class_id, k)


def test_walk_one_class_by_the_rules(world, db):
    cid = world.class_id("PL1-1")
    unit = world.allotment_agency("PL1-1")
    world.user_at("unit", unit, "officer")
    ids = walk_to_opening(world, "PL1-1", learners=3)["learners"]
    cls = expect(world["school"].get(f"{API}/classes/{cid}"), 200)
    assert cls["status"] == "opened"
    assert all(s["completed"] for s in cls["steps"])
    assert [s["due_status"] for s in cls["steps"]].count("done_late") == 0
    states = {l["id"]: l["state"] for l in expect(world["school"].get(f"{API}/classes/{cid}/learners"), 200)}
    assert all(states[i] == "studying" for i in ids)
    # the admission decision went to the sending unit's people, once
    mails = db.query("SELECT recipient, subject FROM outbox WHERE module = 'llct' AND dedupe_key LIKE %s",
                     f"llct-admit-{cid}-%")
    assert [m["recipient"] for m in mails] == [f"{world.logins['unit']}@llct.test"]
    assert "Quyết định công nhận trúng tuyển" in mails[0]["subject"]
    # every completion is in the audit log, with the step
    actions = {r["action"] for r in db.query(
        "SELECT action FROM audit_log WHERE module = 'llct' AND entity = 'llct.class' AND entity_id = %s", cid)}
    assert {f"step{k}_complete" for k in range(1, 8)} <= actions


def test_rules_refuse_at_their_boundaries(world, db):
    a = world["admin"]
    cid = world.class_id("PL1-5.1")
    unit = world.allotment_agency("PL1-5.1")
    body = nominate(a, cid, unit, 1, "2024-03-20", status=409)
    assert body["error"] == "admission_not_open"
    set_dates(a, cid)
    # announcement: 46 days before opening is one day too early; 45 is fine
    assert step(a, cid, 1, "2024-03-28", 422, done_on="2024-03-28", doc_number="TB", complete=True)["error"] \
        == "announce_too_early"
    assert step_row(db, cid, 1)["completed"] == 0 and step_row(db, cid, 1)["done_on"] is None
    assert step(a, cid, 1, "2024-03-28", 422, done_on="2024-03-29", doc_number="TB",
                complete=True)["error"] == "date_in_future"
    assert step(a, cid, 1, "2024-03-29", 422, done_on="2024-03-29", complete=True)["error"] \
        == "doc_number_required"
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB-05", complete=True)
    # moving the opening later now would put the announcement too early
    r = a.put(f"{API}/classes/{cid}", json={"opening_on": "2024-05-20"}, now="2024-03-30")
    assert expect(r, 422)["error"] == "announce_too_early"
    # a step cannot be completed before the one it depends on
    body = step(a, cid, 3, "2024-04-20", 422, start_on="2024-04-16", done_on="2024-04-17", complete=True)
    assert body["error"] == "step_dependency"
    ids = [nominate(a, cid, unit, i, "2024-03-30")["id"] for i in range(2)]
    step(a, cid, 2, "2024-04-01", done_on="2024-04-01", complete=True)
    # dossiers at least 15 days before the review
    assert step(a, cid, 3, "2024-04-15", 422, start_on="2024-04-15")["error"] == "dossier_window_short"
    # review at most 2 days
    assert step(a, cid, 3, "2024-04-18", 422, start_on="2024-04-16", done_on="2024-04-18",
                complete=True)["error"] == "review_too_long"
    # review cannot end with dossiers still pending
    assert step(a, cid, 3, "2024-04-17", 422, start_on="2024-04-16", done_on="2024-04-17",
                complete=True)["error"] == "dossiers_pending"
    for lid in ids:
        move(a, lid, "under_review", "2024-04-16")
        move(a, lid, "eligible", "2024-04-17")
    step(a, cid, 3, "2024-04-17", start_on="2024-04-16", done_on="2024-04-17", complete=True)
    # results to the board within 5 days: a late report is a warning, kept on the step
    r = step(a, cid, 4, "2024-04-23", report_on="2024-04-23")
    assert [w["code"] for w in r["warnings"]] == ["report_late"]
    assert "report_late" in str(step_row(db, cid, 4)["warnings_json"])
    cls = expect(a.get(f"{API}/classes/{cid}"), 200)
    assert cls["steps"][3]["warnings_json"][0]["code"] == "report_late"
    # the admission decision follows the board's appraisal
    assert step(a, cid, 4, "2024-04-24", 422, appraisal_on="2024-04-24", done_on="2024-04-23",
                doc_number="QĐ", complete=True)["error"] == "decision_before_appraisal"
    r = step(a, cid, 4, "2024-04-24", appraisal_on="2024-04-24", done_on="2024-04-24",
             doc_number="QĐ-05", complete=True)
    assert r["admitted"] == 2
    # contracts and fees with every sending unit before step 5 completes
    assert step(a, cid, 5, "2024-04-25", 422, done_on="2024-04-25", complete=True)["error"] \
        == "contracts_incomplete"
    r = a.post(f"{API}/classes/{cid}/contracts", now="2024-04-25", json={
        "agency_id": unit, "contract_no": "HĐ-05", "signed_on": "2024-04-23", "paid_on": "2024-04-25"})
    assert expect(r, 422)["error"] == "contract_before_admission"
    expect(a.post(f"{API}/classes/{cid}/contracts", now="2024-04-25", json={
        "agency_id": unit, "contract_no": "HĐ-05", "signed_on": "2024-04-25", "paid_on": "2024-04-25"}), 200)
    step(a, cid, 5, "2024-04-25", done_on="2024-04-25", complete=True)
    # enrolment notices at least 15 days before enrolment (13/05)
    assert step(a, cid, 6, "2024-04-29", 422, done_on="2024-04-29", doc_number="GB",
                complete=True)["error"] == "notice_too_late"
    step(a, cid, 6, "2024-04-28", done_on="2024-04-28", doc_number="GB-05", complete=True)
    # the opening decision needs enrolled learners and comes after enrolment
    assert step(a, cid, 7, "2024-05-13", 422, done_on="2024-05-13", doc_number="QĐML",
                complete=True)["error"] == "no_enrolled_learners"
    move(a, ids[0], "enrolled", "2024-05-13")
    assert step(a, cid, 7, "2024-05-13", 422, done_on="2024-05-12", doc_number="QĐML",
                complete=True)["error"] == "opening_before_enrolment"
    step(a, cid, 7, "2024-05-13", done_on="2024-05-13", doc_number="QĐML-05", complete=True)


def test_enrolment_late_and_drop_outs(world, db):
    a, head, school = world["admin"], world["head"], world["school"]
    cid = world.class_id("PL1-6.2")
    unit = world.allotment_agency("PL1-6.2")
    set_dates(a, cid)
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    ids = [nominate(a, cid, unit, i, "2024-03-30")["id"] for i in range(4)]
    step(a, cid, 2, "2024-04-01", done_on="2024-04-01", complete=True)
    step(a, cid, 3, "2024-04-16", start_on="2024-04-16")
    for lid in ids:
        move(a, lid, "under_review", "2024-04-16")
    assert move(a, ids[3], "ineligible", "2024-04-17", 422)["error"] == "reason_required"
    move(a, ids[3], "ineligible", "2024-04-17", reason="Chưa đủ thời gian công tác")
    for lid in ids[:3]:
        move(a, lid, "eligible", "2024-04-17")
    step(a, cid, 3, "2024-04-17", done_on="2024-04-17", complete=True)
    step(a, cid, 4, "2024-04-20", report_on="2024-04-19", appraisal_on="2024-04-20",
         done_on="2024-04-20", doc_number="QĐTT", complete=True)
    expect(a.post(f"{API}/classes/{cid}/contracts", now="2024-04-22", json={
        "agency_id": unit, "contract_no": "HĐ", "signed_on": "2024-04-22", "paid_on": "2024-04-22"}), 200)
    step(a, cid, 5, "2024-04-22", done_on="2024-04-22", complete=True)
    step(a, cid, 6, "2024-04-28", done_on="2024-04-28", doc_number="GB", complete=True)
    on_time, late, absent = ids[:3]
    move(a, on_time, "enrolled", "2024-05-13")
    # 3 days late: needs the unit's confirmed reason and the principal's decision
    assert move(school, late, "enrolled", "2024-05-16", 422, reason="Ốm")["error"] == "late_reason_unconfirmed"
    assert move(school, late, "enrolled", "2024-05-16", 403, reason="Ốm", unit_confirmation="CV 12/UBND",
                doc_no="QĐ 7")["error"] == "principal_role_required"
    r = move(head, late, "enrolled", "2024-05-16", reason="Ốm", unit_confirmation="CV 12/UBND", doc_no="QĐ 7")
    assert r["late_days"] == 3 and r["state"] == "enrolled"
    # six days late: a drop-out, whatever the reason
    assert move(head, absent, "enrolled", "2024-05-19", 422, reason="Bận", unit_confirmation="CV",
                doc_no="QĐ 8")["error"] == "enrolment_too_late"
    # no-shows are handled only after the five days allowed
    assert expect(a.post(f"{API}/classes/{cid}/no-shows", now="2024-05-18"), 409)["error"] == "too_early"
    assert expect(a.post(f"{API}/classes/{cid}/no-shows", now="2024-05-19"), 200)["dropped"] == 1
    row = db.one("SELECT state, cancel_reported_at, state_reason FROM llct_learner WHERE id = %s", absent)
    assert row["state"] == "dropped" and row["cancel_reported_at"] is not None
    # reported to the province's organization board
    mails = db.query("SELECT recipient FROM outbox WHERE dedupe_key LIKE %s", f"llct-drop-{absent}-%")
    assert f"{world.logins['board']}@llct.test" in [m["recipient"] for m in mails]
    # counters follow: the ineligible and the drop-out no longer hold seats
    assert db.scalar("SELECT active_count FROM llct_class WHERE id = %s", cid) == 2
    assert db.scalar("SELECT nominated FROM llct_allotment WHERE class_id = %s AND agency_id = %s",
                     cid, unit) == 2


def test_supplementary_enrolment_until_first_module_ends(world, db):
    w = walk_to_opening(world, "PL1-7.1", learners=2)
    a, head = world["admin"], world["head"]
    cid, unit = w["class_id"], w["unit"]
    # after the admission decision, new dossiers are a supplementary round
    r = nominate(a, cid, unit, 9, "2024-05-20")
    assert r["supplementary"] is True
    lid = r["id"]
    move(a, lid, "under_review", "2024-05-20")
    move(a, lid, "eligible", "2024-05-21")
    assert move(a, lid, "admitted", "2024-05-21", 422)["error"] == "principal_decision_required"
    move(head, lid, "admitted", "2024-05-21", doc_no="QĐ-BS-01")
    # the class is open: enrolling puts the learner straight into it
    assert move(a, lid, "enrolled", "2024-05-22")["state"] == "studying"
    # after the first module (14/06) nothing more is taken
    assert nominate(a, cid, unit, 10, "2024-06-15", status=409)["error"] == "supplementary_closed"


def test_dossier_state_machine_over_http(world, db):
    a = world["admin"]
    cid = world.class_id("PL1-5.1")
    unit = world.allotment_agency("PL1-5.1")
    set_dates(a, cid)
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB", complete=True)
    lid = nominate(a, cid, unit, 1, "2024-03-30")["id"]
    assert nominate(a, cid, unit, 1, "2024-03-30", status=201)["id"] != lid  # other CCCD
    assert move(a, lid, "admitted", "2024-04-01", 409)["error"] == "bad_transition"
    move(a, lid, "under_review", "2024-04-02")
    assert move(a, lid, "needs_supplement", "2024-04-02", 422)["error"] == "supplement_due_required"
    move(a, lid, "needs_supplement", "2024-04-02", supplement_due="2024-04-10")
    move(a, lid, "under_review", "2024-04-05")
    move(a, lid, "ineligible", "2024-04-06", reason="Không đúng đối tượng")
    # re-opening a rejected dossier is an administrator's logged correction
    assert move(world["head"], lid, "under_review", "2024-04-07", 403, reason="x")["error"] \
        == "reopen_admin_only"
    move(a, lid, "under_review", "2024-04-07", reason="Xét lại theo đơn")
    detail = expect(a.get(f"{API}/learners/{lid}"), 200)
    assert [e["to_state"] for e in detail["events"]] == [
        "submitted", "under_review", "needs_supplement", "under_review", "ineligible", "under_review"]
    assert move(a, lid, "eligible", "2024-03-01", 422)["error"] == "date_before_submission"


def test_deadlines_coming_and_missed(world):
    a = world["admin"]
    cid = world.class_id("PL1-5.2")
    set_dates(a, cid)
    step(a, cid, 3, "2024-03-01", planned_start="2024-04-16", planned_on="2024-04-17")
    # on 5 April: dossiers were due 1 April (15 days before review): missed;
    # the opening decision (13 May) is beyond a 14-day window
    rows = expect(a.get(f"{API}/deadlines", params={"plan": world.plan_id, "status": "all"},
                        now="2024-04-05"), 200)
    mine = {r["step"]: r for r in rows if r["class_id"] == cid}
    assert mine[2]["status"] == "missed" and mine[2]["due_on"] == "2024-04-01"
    assert mine[3]["due_on"] == "2024-04-17" and mine[3]["status"] == "soon"
    assert mine[7]["status"] == "open"
    missed = expect(a.get(f"{API}/deadlines", params={"plan": world.plan_id, "status": "missed"},
                          now="2024-04-05"), 200)
    assert all(r["status"] == "missed" for r in missed)
    assert any(r["class_id"] == cid and r["step"] == 2 for r in missed)
    csv = a.get(f"{API}/deadlines", params={"plan": world.plan_id, "format": "csv"}, now="2024-04-05")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "Quá hạn" in csv.content.decode("utf-8-sig")


def test_reports_after_a_class_opens(world):
    w = walk_to_opening(world, "PL1-1", learners=3)
    a = world["admin"]
    funnel = expect(a.get(f"{API}/reports/funnel", params={"plan": world.plan_id}), 200)
    row = next(r for r in funnel if r["id"] == w["class_id"])
    assert (row["submitted"], row["eligible"], row["admitted"], row["enrolled"]) == (3, 3, 3, 3)
    by_unit = expect(a.get(f"{API}/reports/plan-actual", params={"plan": world.plan_id, "by": "unit"}), 200)
    u = next(r for r in by_unit if r["agency_id"] == w["unit"])
    assert u["submitted"] == 3 and u["shortfall"] == u["allotted"] - 3
    by_month = expect(a.get(f"{API}/reports/plan-actual", params={"plan": world.plan_id, "by": "month"}), 200)
    feb = next(r for r in by_month if r["month"] == 2)
    assert feb["opened_classes"] == 1 and feb["enrolled"] == 3
    assert sum(r["planned_learners"] for r in by_month) == 2206
    by_class = expect(a.get(f"{API}/reports/plan-actual", params={"plan": world.plan_id}), 200)
    assert next(r for r in by_class if r["id"] == w["class_id"])["opened_text"] == "Đã mở"
    roster = expect(a.get(f"{API}/classes/{w['class_id']}/roster"), 200)
    assert len(roster["items"]) == 3 and roster["items"][0]["stt"] == 1
    x = a.get(f"{API}/classes/{w['class_id']}/roster", params={"format": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    c = a.get(f"{API}/reports/plan-actual", params={"plan": world.plan_id, "by": "unit", "format": "csv"})
    assert c.content.startswith(b"\xef\xbb\xbf") and "Đơn vị cử học viên" in c.content.decode("utf-8-sig")
