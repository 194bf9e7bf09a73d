"""The plan's targets come from the seed text (19 schools at level 1, 15–20
at level 2, projects to the standing committee before 01/4/2026), parsed by
the command or the upload form, and the national dashboard counts
recognitions against them; provinces whose project missed the deadline are
flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import expect
from test_accreditation_support import make_world, uniq

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "000_5c26560af27bbbaf.txt"
PLAN_CODE = "KH-396-2026-2030"


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    cadre_admin("accreditation", "import-plan", str(SEED))
    return w


def test_the_command_reads_the_seed(cadre_admin, db):
    out = cadre_admin("accreditation", "import-plan", str(SEED)).stdout
    assert "mức 1: 19 trường" in out and "mức 2: 15-20 trường" in out
    assert "trước 01/04/2026" in out and "06/01/2026" in out
    plan = db.one("SELECT * FROM accreditation_plan WHERE code = %s", PLAN_CODE)
    assert (plan["target_level1"], plan["target_level2_min"], plan["target_level2_max"]) == \
        (19, 15, 20)
    assert (plan["year_from"], plan["year_to"]) == (2026, 2030)
    assert str(plan["project_deadline"]) == "2026-04-01"
    assert plan["regulation"] == "396-QĐ/TW" and str(plan["regulation_date"]) == "2026-01-06"
    assert plan["source"] == SEED.name


def test_the_command_refuses_a_text_without_targets(cadre_admin, tmp_path):
    bad = tmp_path / "plan.txt"
    bad.write_text("Kế hoạch năm 2026 về công tác tuyên truyền.", encoding="utf-8")
    r = cadre_admin("accreditation", "import-plan", str(bad), check=False)
    assert r.returncode != 0 and "Không tìm thấy" in r.stderr


def test_upload_form_reads_the_same_figures(w):
    r = w.post("academy", "/plans/import",
               files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    plan = expect(r, 200)
    assert plan["code"] == PLAN_CODE and plan["target_level1"] == 19
    assert (plan["target_level2_min"], plan["target_level2_max"]) == (15, 20)
    r = w.post("academy", "/plans/import",
               files={"file": ("x.txt", "Không có chỉ tiêu nào.".encode(), "text/plain")})
    assert expect(r, 422)["error"] == "plan_unreadable"
    r = w.post("head", "/plans/import", files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    assert r.status_code == 403


def test_targets_entered_by_hand(w, db):
    code = uniq("KH-")
    base = {"code": code, "regulation_number": 396, "regulation_date": "06/01/2026",
            "year_from": 2031, "year_to": 2035, "target_level1": 25, "target_level2_min": 20,
            "target_level2_max": 22, "project_deadline": "2031-04-01"}
    bad = expect(w.post("academy", "/plans", json={**base, "target_level2_min": 30}), 422)
    assert bad["error"] == "plan_targets_reversed"
    bad = expect(w.post("academy", "/plans", json={**base, "year_to": 2030}), 422)
    assert bad["error"] == "plan_years_reversed"
    assert db.scalar("SELECT COUNT(*) FROM accreditation_plan WHERE code = %s", code) == 0
    expect(w.post("academy", "/plans", json=base), 200)
    assert db.scalar("SELECT target_level1 FROM accreditation_plan WHERE code = %s", code) == 25


def test_dashboard_counts_recognitions_against_the_plan(w):
    dash = expect(w.get("academy", "/dashboard"), 200)
    assert dash["plan"]["code"] == PLAN_CODE  # the plan in force on 15/06/2026
    assert (dash["plan"]["target_level1"], dash["plan"]["target_level2_min"],
            dash["plan"]["target_level2_max"]) == (19, 15, 20)
    before = dash["recognised"]["level1"]
    cid = w.ready_cycle("central_appraisal")
    expect(w.transition("academy", cid, "recognise", decision_no=w.decision_no(),
                        decision_date="2026-06-15", valid_until="2031-06-15"), 200)
    after = expect(w.get("academy", "/dashboard"), 200)
    assert after["recognised"]["level1"] == before + 1
    assert abs(after["progress"]["level1"] - (before + 1) / 19) < 1e-9
    # the province sees its own count against the same national targets
    mine = expect(w.get("board", "/dashboard"), 200)
    assert mine["recognised"]["level1"] == 1 and mine["plan"]["target_level1"] == 19
    assert expect(w.get("qboard", "/dashboard"), 200)["recognised"]["level1"] == 0
    # a recognition outside the plan's period does not count
    other = w.ready_cycle("central_appraisal", school="S2")
    expect(w.transition("academy", other, "recognise", decision_no=w.decision_no(),
                        decision_date="2025-12-01", valid_until="2030-12-01"), 200)
    assert expect(w.get("board", "/dashboard"), 200)["recognised"]["level1"] == 1


def test_pipeline_counts_open_cycles_by_state(w):
    w.ready_cycle("provincial_review", school="T")
    dash = expect(w.get("qboard", "/dashboard"), 200)
    states = {p["state"]: p["count"] for p in dash["pipeline"]}
    assert states["provincial_review"] == 1 and sum(states.values()) == 1
    assert "recognised" not in states


def test_projects_flagged_against_the_deadline(w, db):
    r = w.put("board", f"/provinces/{w.agencies['P']}/project", json={
        "number": "05-ĐA/TU", "project_date": "2026-03-20", "approving_body": "Ban Thường vụ Tỉnh ủy",
        "standing_committee_date": "25/03/2026", "status": "approved"})
    assert expect(r, 200)["number"] == "05-ĐA/TU"
    r = w.put("qboard", f"/provinces/{w.agencies['Q']}/project", json={
        "number": "03-ĐA/TU", "standing_committee_date": "2026-04-01", "status": "submitted"})
    expect(r, 200)
    # a third province records nothing
    w.agency("R", None, "province", f"Tỉnh chưa có Đề án {w.tag}")
    rows = expect(w.get("academy", "/projects"), 200)
    assert rows["deadline"] == "2026-04-01"
    flags = {i["province_id"]: i["flag"] for i in rows["items"]}
    assert flags[w.agencies["P"]] == "on_time"
    assert flags[w.agencies["Q"]] == "late"  # on the deadline is not before it
    assert flags[w.agencies["R"]] == "missing"
    early = w.client("academy", now="2026-03-01 08:00:00").get("/api/accreditation/projects")
    assert {i["province_id"]: i["flag"] for i in expect(early, 200)["items"]}[w.agencies["R"]] == \
        "pending"
    # each province sees its own
    mine = expect(w.get("board", "/projects"), 200)["items"]
    assert [i["province_id"] for i in mine] == [w.agencies["P"]]
    summary = expect(w.get("board", "/dashboard"), 200)["projects"]
    assert (summary["provinces"], summary["on_time"]) == (1, 1)
    # not another province's, and the rules of an approved project
    r = w.put("qboard", f"/provinces/{w.agencies['P']}/project", json={"number": "X"})
    assert r.status_code == 404
    r = w.put("board", f"/provinces/{w.agencies['P']}/project", json={"status": "approved",
                                                                        "standing_committee_date": "2026-03-25"})
    assert expect(r, 422)["error"] == "approval_details_required"
    assert db.scalar("SELECT number FROM accreditation_project WHERE province_agency_id = %s",
                     w.agencies["P"]) == "05-ĐA/TU"
    r = w.put("board", f"/provinces/{w.agencies['S']}/project", json={"number": "X"})
    assert expect(r, 422)["error"] == "not_a_province"
    xlsx = w.get("academy", "/projects", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
