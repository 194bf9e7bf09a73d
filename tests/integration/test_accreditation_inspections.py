"""After recognition: inspections of maintenance with findings per
criterion and corrective actions, concluding maintained, warning or
withdrawn; the register and the five-year review follow."""

from __future__ import annotations

import pytest

from harness import Client, expect, pdf_text
from test_accreditation_support import make_world


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return make_world(stack, db, cadre_admin)


def recognised(w, school="S"):
    cid = w.ready_cycle("central_appraisal", school=school)
    number = w.decision_no()
    expect(w.transition("academy", cid, "recognise", decision_no=number,
                        decision_date="2026-06-15", valid_until="2031-06-15"), 200)
    return w.db.scalar("SELECT id FROM accreditation_recognition WHERE cycle_id = %s", cid)


def register_row(w, who, rec):
    return next(r for r in expect(w.get(who, "/register"), 200) if r["id"] == rec)


def test_an_open_critical_finding_rules_out_maintained(w, db):
    rec = recognised(w)
    r = w.post("head", f"/recognitions/{rec}/inspections",
               json={"inspection_date": "2027-06-01", "team": "Đoàn"})
    assert r.status_code == 403
    insp = expect(w.post("academy", f"/recognitions/{rec}/inspections",
                         json={"inspection_date": "01/06/2027", "team": "Đoàn kiểm tra Vụ CTCT"}), 201)
    leaf = w.leaves()[0]
    finding = expect(w.post("academy", f"/inspections/{insp['id']}/findings", json={
        "criterion_id": leaf["id"], "severity": "critical",
        "description": "Giảng viên cơ hữu giảm dưới mức quy định"}), 201)
    r = w.post("academy", f"/inspections/{insp['id']}/findings", json={
        "criterion_id": 999999999, "severity": "minor", "description": "X"})
    assert expect(r, 422)["error"] == "criterion_not_found"
    r = w.post("academy", f"/inspections/{insp['id']}/close",
               json={"outcome": "maintained", "conclusion": "Duy trì"})
    assert expect(r, 422)["error"] == "outcome_not_allowed"
    action = expect(w.post("academy", f"/findings/{finding['id']}/actions", json={
        "description": "Tuyển bổ sung 2 giảng viên", "owner": "Hiệu trưởng",
        "due_date": "2027-12-31"}), 201)
    r = w.post("academy", f"/inspections/{insp['id']}/close",
               json={"outcome": "maintained", "conclusion": "Duy trì"})
    assert expect(r, 422)["error"] == "outcome_not_allowed"
    # the school reports the action done
    r = w.put("head", f"/actions/{action['id']}", json={"status": "done"})
    assert expect(r, 422)["error"] == "done_date_required"
    assert w.put("thead", f"/actions/{action['id']}",
                 json={"status": "done", "done_date": "2027-09-01"}).status_code == 404
    expect(w.put("head", f"/actions/{action['id']}",
                 json={"status": "done", "done_date": "2027-09-01", "done_note": "Đã tuyển"}), 200)
    seen = expect(w.get("head", f"/inspections/{insp['id']}"), 200)
    assert seen["findings"][0]["actions"][0]["status"] == "done" and seen["can_report"]
    assert w.get("thead", f"/inspections/{insp['id']}").status_code == 404
    closed = expect(w.post("academy", f"/inspections/{insp['id']}/close",
                           json={"outcome": "maintained", "conclusion": "Duy trì đạt chuẩn"}), 200)
    assert closed["status"] == "closed" and closed["outcome"] == "maintained"
    assert register_row(w, "board", rec)["status"] == "active"
    r = w.post("academy", f"/inspections/{insp['id']}/findings", json={
        "criterion_id": leaf["id"], "severity": "minor", "description": "Muộn"})
    assert expect(r, 409)["error"] == "inspection_closed"


def test_warning_then_withdrawal(w, db):
    rec = recognised(w, school="S2")
    before = expect(w.get("academy", "/dashboard"), 200)["recognised"]["level1"]
    insp = expect(w.post("academy", f"/recognitions/{rec}/inspections",
                         json={"inspection_date": "2027-06-01", "team": "Đoàn"}), 201)
    expect(w.post("academy", f"/inspections/{insp['id']}/close",
                  json={"outcome": "warning", "conclusion": "Cảnh báo, khắc phục trong 6 tháng"}), 200)
    row = register_row(w, "academy", rec)
    assert row["status"] == "warning" and row["status_title"].startswith("Cảnh báo")
    insp2 = expect(w.post("academy", f"/recognitions/{rec}/inspections",
                          json={"inspection_date": "2028-01-10", "team": "Đoàn"}), 201)
    expect(w.post("academy", f"/inspections/{insp2['id']}/close",
                  json={"outcome": "withdrawn", "conclusion": "Không khắc phục được"}), 200)
    assert register_row(w, "academy", rec)["status"] == "withdrawn"
    after = expect(w.get("academy", "/dashboard"), 200)["recognised"]["level1"]
    assert after == before - 1
    r = w.post("academy", f"/recognitions/{rec}/inspections",
               json={"inspection_date": "2028-06-01", "team": "Đoàn"})
    assert expect(r, 409)["error"] == "recognition_withdrawn"
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'accreditation.recognition'"
                     " AND entity_id = %s", rec) == 3  # created, warning, withdrawn
    # the head of the school was told of each conclusion
    assert db.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key IN (%s, %s)",
                     f"accr:inspection:{insp['id']}:{w.logins['head2']}@example.test",
                     f"accr:inspection:{insp2['id']}:{w.logins['head2']}@example.test") == 2


def test_five_year_review(w):
    review = expect(w.get("board", "/reports/review"), 200)
    assert (review["from"], review["to"]) == (2026, 2030)
    years = {y["year"]: y for y in review["years"]}
    assert sorted(years) == [2026, 2027, 2028, 2029, 2030]
    assert years[2026]["recognised_level1"] == 2
    assert years[2027]["inspections"] == 2 and years[2027]["warnings"] == 1
    assert years[2028]["withdrawn"] == 1
    assert years[2030]["cumulative_level1"] == 2
    assert expect(w.get("qboard", "/reports/review"), 200)["years"][0]["recognised_level1"] == 0
    csv = w.get("board", "/reports/review", params={"format": "csv"})
    assert csv.content.startswith(b"\xef\xbb\xbf") and "Năm" in csv.content.decode("utf-8-sig")
    assert expect(w.get("board", "/reports/review", params={"from": 2030, "to": 2026}), 422)[
        "error"] == "period_invalid"


def test_anyone_can_read_the_public_register_without_an_account(w, db):
    rec = recognised(w, school="T")
    number = db.scalar("SELECT decision_no FROM accreditation_recognition WHERE id = %s", rec)
    public = Client(w.url)
    # accent-insensitive search on the school's name, no login
    got = expect(public.get("/api/accreditation/public/register",
                            params={"q": f"truong chinh tri khac {w.tag.lower()}"}), 200)
    [row] = [r for r in got["items"] if r["decision_no"] == number]
    assert row["level"] == 1 and row["valid_until"] == "2031-06-15" and row["in_force"] is True
    assert row["standing"] == "Đang duy trì" and row["province_name"] == f"Thành ủy Khác {w.tag}"
    assert "status_note" not in row and "status" not in row and "expired" not in row
    assert got["total"] == len(got["items"]) == 1
    # the level filter and a pattern character that must not act as a wildcard
    assert expect(public.get("/api/accreditation/public/register",
                             params={"q": w.tag, "level": 2}), 200)["items"] == []
    assert expect(public.get("/api/accreditation/public/register", params={"q": "%"}), 200)["items"] == []
    # a withdrawn recognition stays listed, as withdrawn
    db.execute("UPDATE accreditation_recognition SET status = 'withdrawn' WHERE id = %s", rec)
    again = expect(public.get("/api/accreditation/public/register", params={"q": w.tag}), 200)
    [row] = [r for r in again["items"] if r["decision_no"] == number]
    assert row["standing"] == "Đã thu hồi công nhận" and row["in_force"] is False
    pdf = public.get("/api/accreditation/public/register", params={"q": w.tag, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and number in text
    assert "TOÀN QUỐC" not in text  # no issuer is named for an anonymous reader
    bad = expect(public.get("/api/accreditation/public/register", params={"level": 3}), 422)
    assert "level" in bad["fields"]
