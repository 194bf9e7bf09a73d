"""Staff review: lecturers and managers of each school with their
qualifications, counted against the criteria that ask for them; and the
school's roadmap (target level, year, milestones)."""

from __future__ import annotations

import pytest

from harness import expect
from test_accreditation_support import make_world

# (kind, degree, political theory, rank, pedagogy)
STAFF = [
    ("lecturer", "doctor", "advanced", "main_lecturer", True),
    ("lecturer", "master", "advanced", "main_lecturer", True),
    ("lecturer", "master", "bachelor", "lecturer", True),
    ("lecturer", "bachelor", "advanced", "lecturer", False),
    ("lecturer", "bachelor", "intermediate", "lecturer", True),
    ("both", "master", "advanced", "senior_lecturer", True),
    ("manager", "master", "intermediate", "none", False),
]


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    for i, (kind, degree, theory, rank, pedagogy) in enumerate(STAFF):
        expect(w.post("head", f"/schools/{w.agencies['S']}/staff", json={
            "full_name": f"Giảng viên {i}", "kind": kind, "degree": degree,
            "political_theory": theory, "lecturer_rank": rank, "pedagogy": pedagogy,
            "origin_school": "Trường cũ trước sáp nhập"}), 200)
    # a former colleague no longer counts
    expect(w.post("head", f"/schools/{w.agencies['S']}/staff", json={
        "full_name": "Đã nghỉ hưu", "kind": "lecturer", "degree": "doctor", "active": False}), 200)
    return w


def review(w, who="board"):
    rows = expect(w.get(who, "/staff-review", params={"version": w.version_id}), 200)
    return {(r["school_id"], r["criterion_code"]): r for r in rows}


def test_staff_counted_against_each_rule(w):
    s = w.agencies["S"]
    got = review(w)
    # lecturers are the 5 lecturers and the one who is both: 6
    assert (got[(s, "TC1.2")]["population"], got[(s, "TC1.2")]["matching"]) == (6, 4)
    assert got[(s, "TC1.2")]["met"] is True    # masters ≥ 60%: 4/6
    assert got[(s, "TC1.3")]["met"] is False   # masters ≥ 80%
    assert (got[(s, "TC1.4")]["matching"], got[(s, "TC1.4")]["met"]) == (1, False)  # ≥ 3 doctors
    assert (got[(s, "TC1.5")]["matching"], got[(s, "TC1.5")]["met"]) == (5, False)  # all advanced
    managers = got[(s, "TC1.6")]
    assert (managers["population"], managers["matching"], managers["met"]) == (2, 1, False)
    assert (got[(s, "TC1.7")]["matching"], got[(s, "TC1.7")]["met"]) == (3, True)  # ≥ 40% main+
    assert got[(s, "TC1.8")]["met"] is False  # pedagogy for all
    # the other schools of the province are listed with nobody counted
    assert got[(w.agencies["S2"], "TC1.2")]["population"] == 0
    assert (w.agencies["T"], "TC1.2") not in got


def test_editing_a_record_changes_the_count(w, db):
    sid = db.scalar("SELECT id FROM accreditation_staff WHERE school_agency_id = %s"
                    " AND full_name = 'Giảng viên 4'", w.agencies["S"])
    expect(w.put("officer", f"/staff/{sid}", json={
        "full_name": "Giảng viên 4", "kind": "lecturer", "degree": "doctor",
        "political_theory": "advanced", "pedagogy": True}), 200)
    got = review(w, "head")
    assert got[(w.agencies["S"], "TC1.4")]["matching"] == 2
    assert got[(w.agencies["S"], "TC1.5")]["matching"] == 6
    assert {k[0] for k in got} == {w.agencies["S"]}  # the school sees only itself
    csv = w.get("head", "/staff-review", params={"version": w.version_id, "format": "csv"})
    assert csv.content.startswith(b"\xef\xbb\xbf") and "Chưa đạt" in csv.content.decode("utf-8-sig")


def test_only_the_school_keeps_its_staff(w, db):
    n = db.scalar("SELECT COUNT(*) FROM accreditation_staff WHERE school_agency_id = %s",
                  w.agencies["S"])
    body = {"full_name": "Người lạ", "kind": "lecturer"}
    assert w.post("thead", f"/schools/{w.agencies['S']}/staff", json=body).status_code == 404
    assert w.post("board", f"/schools/{w.agencies['S']}/staff", json=body).status_code == 403
    r = w.post("head", f"/schools/{w.agencies['S']}/staff", json={**body, "kind": "teacher"})
    assert expect(r, 422)["fields"]["kind"]["code"]
    assert db.scalar("SELECT COUNT(*) FROM accreditation_staff WHERE school_agency_id = %s",
                     w.agencies["S"]) == n
    staff = expect(w.get("board", f"/schools/{w.agencies['S']}/staff"), 200)
    assert len(staff) == n


def test_roadmap_and_milestones(w, db):
    s = w.agencies["S"]
    one = expect(w.put("head", f"/schools/{s}/roadmap/1", json={"target_year": 2027}), 200)
    r = w.put("head", f"/schools/{s}/roadmap/2", json={"target_year": 2026})
    assert expect(r, 422)["error"] == "roadmap_order"
    expect(w.put("head", f"/schools/{s}/roadmap/2", json={"target_year": 2029}), 200)
    r = w.put("head", f"/schools/{s}/roadmap/1", json={"target_year": 2030})
    assert expect(r, 422)["error"] == "roadmap_order"
    assert w.put("thead", f"/schools/{s}/roadmap/1", json={"target_year": 2027}).status_code == 404
    assert w.put("head", f"/schools/{s}/roadmap/3", json={"target_year": 2027}).status_code in (
        404, 422)
    m = expect(w.post("head", f"/roadmaps/{one['id']}/milestones",
                      json={"title": "Hoàn thành tự đánh giá", "due_date": "30/06/2026"}), 201)
    expect(w.put("officer", f"/milestones/{m['id']}", json={
        "title": "Hoàn thành tự đánh giá", "due_date": "2026-06-30", "done_date": "2026-06-20"}), 200)
    school = expect(w.get("board", f"/schools/{s}"), 200)
    levels = {r["target_level"]: r for r in school["roadmaps"]}
    assert (levels[1]["target_year"], levels[2]["target_year"]) == (2027, 2029)
    assert levels[1]["milestones"][0]["done_date"] == "2026-06-20"
    assert school["can_edit"] is False
    assert expect(w.get("head", f"/schools/{s}"), 200)["can_edit"] is True
    dash = expect(w.get("board", "/dashboard"), 200)
    by_year = {r["year"]: r for r in dash["roadmap_by_year"]}
    assert int(by_year[2027]["level1"]) == 1 and int(by_year[2029]["level2"]) == 1
    assert w.delete("thead", f"/milestones/{m['id']}").status_code == 404
    expect(w.delete("head", f"/milestones/{m['id']}"), 200)
    assert db.scalar("SELECT COUNT(*) FROM accreditation_milestone WHERE id = %s", m["id"]) == 0
