"""The standards as data: versions and their criteria, edited by the
Academy, exported and re-imported as CSV (all rows or none), the sample
template; and readiness computed from the criteria by level."""

from __future__ import annotations

import csv
import io

import pytest

from harness import expect
from test_accreditation_support import make_world, uniq

HEADER = ("code,parent_code,kind,seq,title,levels,max_score,weight,mandatory,guidance,"
          "expected_evidence,staff_role,staff_qualification,staff_min_count,staff_min_percent\n")


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return make_world(stack, db, cadre_admin)


def new_version(w, status="active"):
    return expect(w.post("academy", "/versions", json={
        "code": uniq("V-"), "title": "Phiên bản thử", "status": status}), 201)["id"]


def import_csv(w, version, text, who="academy", **data):
    return w.post(who, f"/versions/{version}/import", data=data,
                  files={"file": ("tieu-chi.csv", text.encode("utf-8"), "text/csv")})


def criteria_count(db, version):
    return db.scalar("SELECT COUNT(*) FROM accreditation_criterion WHERE version_id = %s", version)


def test_template_is_the_labelled_sample(w):
    r = w.get("head", "/catalogue-template")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert text.startswith(HEADER.strip())
    groups = [row for row in csv.DictReader(io.StringIO(text)) if row["kind"] == "group"]
    assert groups and all(g["title"].startswith("[MẪU]") for g in groups)


def test_export_and_reimport_round_trip(w, db):
    n = criteria_count(db, w.version_id)
    r = w.get("board", f"/versions/{w.version_id}/criteria", params={"format": "csv"})
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    exported = r.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0][:3] == ["Mã", "Mã cấp trên", "Loại"] and len(rows) == n + 1
    copy = new_version(w)
    first = expect(import_csv(w, copy, exported), 200)
    assert (first["created"], first["updated"], first["errors"]) == (n, 0, 0)
    again = expect(import_csv(w, copy, exported), 200)
    assert (again["created"], again["updated"]) == (0, n)
    ours = expect(w.get("academy", f"/versions/{w.version_id}/criteria"), 200)["items"]
    theirs = expect(w.get("academy", f"/versions/{copy}/criteria"), 200)["items"]
    keys = ("code", "parent_code", "kind", "levels", "max_score", "mandatory", "staff_role",
            "staff_qualification", "staff_min_count", "staff_min_percent", "depth")
    assert [[x[k] for k in keys] for x in ours] == [[x[k] for k in keys] for x in theirs]
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'accreditation.version'"
                     " AND entity_id = %s AND action = 'import'", copy) == 2
    xlsx = w.get("academy", f"/versions/{w.version_id}/criteria", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_bad_file_imports_nothing(w, db):
    version = new_version(w)
    text = HEADER + (
        "G1,,group,1,Nhóm một,\"1,2\",,,,,,,,,\n"
        "C1,G1,criterion,1,Tiêu chí tốt,1,10,,x,,,,,,\n"
        "C2,GX,criterion,2,Cấp trên không có,1,10,,,,,,,,\n"
        "C3,G1,criterion,3,Mức sai,3,10,,,,,,,,\n"
        "C4,G1,criterion,4,Điểm âm,1,-5,,,,,,,,\n"
        "I1,G1,indicator,5,Chỉ báo dưới nhóm,1,,,,,,,,,\n"
        "C1,G1,criterion,6,Trùng mã,1,,,,,,,,,\n")
    body = expect(import_csv(w, version, text), 422)
    assert body["error"] == "import_invalid" and body["errors"] == 5
    lines = sorted(m["line"] for m in body["messages"])
    assert lines == [4, 5, 6, 7, 8]
    assert {m["column"] for m in body["messages"]} >= {"parent_code", "levels", "max_score"}
    assert criteria_count(db, version) == 0
    # a wrong header is named
    body = expect(import_csv(w, version, "ma,ten\nX,Y\n"), 422)
    assert body["messages"][0]["line"] == 1
    # a dry run checks without writing
    good = HEADER + "G1,,group,1,Nhóm một,,,,,,,,,,\nC1,G1,criterion,1,Tiêu chí,1,10,,x,,,,,,\n"
    dry = expect(import_csv(w, version, good, dry_run="1"), 200)
    assert dry["dry_run"] and dry["created"] == 2 and criteria_count(db, version) == 0
    expect(import_csv(w, version, good), 200)
    assert criteria_count(db, version) == 2
    # only the Academy imports; a retired version takes no more
    assert import_csv(w, version, good, who="head").status_code == 403
    expect(w.put("academy", f"/versions/{version}", json={
        "code": uniq("V-"), "title": "Đã thay thế", "status": "retired"}), 200)
    assert expect(import_csv(w, version, good), 409)["error"] == "version_retired"


def test_the_command_imports_a_file(w, db, cadre_admin, tmp_path):
    code = uniq("CMD-")
    expect(w.post("academy", "/versions", json={"code": code, "title": "Qua dòng lệnh"}), 201)
    f = tmp_path / "c.csv"
    f.write_text(HEADER + "G1,,group,1,Nhóm,,,,,,,,,,\nC1,G1,criterion,1,Tiêu chí,\"1,2\",5,,,,,,,,\n",
                 encoding="utf-8")
    out = cadre_admin("accreditation", "import-criteria", code, str(f), "--dry-run").stdout
    assert "thêm mới: 2" in out
    vid = db.scalar("SELECT id FROM accreditation_version WHERE code = %s", code)
    assert criteria_count(db, vid) == 0
    cadre_admin("accreditation", "import-criteria", code, str(f))
    assert criteria_count(db, vid) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "C9,NOPE,criterion,1,X,1,,,,,,,,,\n", encoding="utf-8")
    r = cadre_admin("accreditation", "import-criteria", code, str(bad), check=False)
    assert r.returncode == 1 and "dòng 2" in r.stderr


def test_criteria_edited_by_the_academy(w, db):
    version = new_version(w)
    group = expect(w.post("academy", f"/versions/{version}/criteria",
                          json={"kind": "group", "code": "G1", "title": "Nhóm"}), 201)
    r = w.post("academy", f"/versions/{version}/criteria",
               json={"kind": "indicator", "code": "I1", "title": "Sai cấp", "parent_id": group["id"]})
    assert expect(r, 422)["error"] == "kind_mismatch"
    crit = expect(w.post("academy", f"/versions/{version}/criteria", json={
        "kind": "criterion", "code": "C1", "title": "Tiêu chí", "parent_id": group["id"],
        "levels": "1,2", "max_score": "10", "mandatory": True,
        "staff_role": "lecturers", "staff_qualification": "master", "staff_min_percent": 50}), 201)
    assert crit["levels"] == 3 and crit["mandatory"] == 1
    r = w.post("academy", f"/versions/{version}/criteria", json={
        "kind": "criterion", "code": "C2", "title": "Thiếu", "parent_id": group["id"],
        "staff_role": "lecturers"})
    assert expect(r, 422)["error"] == "staff_rule_incomplete"
    r = w.post("academy", f"/versions/{version}/criteria",
               json={"kind": "criterion", "code": "C1", "title": "Trùng", "parent_id": group["id"]})
    assert expect(r, 409)["error"] == "criterion_code_taken"
    assert w.post("head", f"/versions/{version}/criteria",
                  json={"kind": "group", "code": "G9", "title": "X"}).status_code == 403
    edited = expect(w.put("academy", f"/criteria/{crit['id']}", json={
        "code": "C1", "title": "Tiêu chí đã sửa", "levels": "2", "max_score": 8}), 200)
    assert edited["levels"] == 2 and edited["title"] == "Tiêu chí đã sửa"
    assert expect(w.delete("academy", f"/criteria/{group['id']}"), 409)["error"] == \
        "criterion_in_use"  # it has a child
    expect(w.delete("academy", f"/criteria/{crit['id']}"), 200)
    expect(w.delete("academy", f"/criteria/{group['id']}"), 200)
    assert criteria_count(db, version) == 0
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'accreditation.criterion'"
                     " AND entity_id = %s", crit["id"]) == 3


def test_a_criterion_with_results_keeps_them_consistent(w, db):
    cid = w.ready_cycle("central_appraisal")
    scored = next(x for x in w.leaves() if x["max_score"] is not None)
    r = w.put("academy", f"/criteria/{scored['id']}", json={
        "code": scored["code"], "title": "Hạ điểm tối đa", "max_score": 1})
    assert expect(r, 409)["error"] == "scores_above_new_max"
    assert expect(w.delete("academy", f"/criteria/{scored['id']}"), 409)["error"] == \
        "criterion_in_use"
    assert w.state(cid) == "central_appraisal"


def expected_readiness(w, results):
    """met/total/unmet mandatory by level, counted here from the leaves."""
    out = {}
    for level in (1, 2):
        bit = 1 << (level - 1)
        leaves = [x for x in w.leaves() if x["levels"] & bit]
        total = [x for x in leaves if not (results.get(x["id"]) == "not_applicable"
                                           and not x["mandatory"])]
        met = [x for x in total if results.get(x["id"]) == "met"]
        unmet_mandatory = [x for x in leaves if x["mandatory"] and results.get(x["id"]) != "met"]
        out[level] = (len(met), len(total), len(unmet_mandatory))
    return out


def test_readiness_by_level(w, db):
    cid = w.new_cycle("S2")
    expect(w.transition("head2", cid, "start"), 200)
    leaves = w.leaves()
    results = {}
    plan = ["met", "met", "partial", "not_met", "met", "not_applicable"]
    for leaf, result in zip(leaves, plan * 10):
        if result == "not_applicable" and leaf["mandatory"]:
            result = "met"
        expect(w.put("head2", f"/cycles/{cid}/assessments/{leaf['id']}",
                     json={"layer": "self", "result": result}), 200)
        results[leaf["id"]] = result
        if len(results) == len(leaves) - 3:
            break  # three left unassessed
    want = expected_readiness(w, results)
    got = expect(w.get("head2", f"/cycles/{cid}/readiness"), 200)
    for level in (1, 2):
        g = got[f"level{level}"]
        assert (g["met"], g["total"], g["unmet_mandatory"]) == want[level], level
        assert len(g["unmet_mandatory_items"]) == want[level][2]
        assert g["ready"] is False
    report = expect(w.get("board", "/reports/readiness", params={"version": w.version_id}), 200)
    row = next(r for r in report if r["school_id"] == w.agencies["S2"])
    assert (row["level1_met"], row["level1_total"], row["level1_unmet_mandatory"]) == want[1]
    assert row["state"] == "self_assessing"
    xlsx = w.get("board", "/reports/readiness", params={"version": w.version_id, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # the council's summary sheet lists every leaf
    sheet = expect(w.get("board", f"/cycles/{cid}/summary"), 200)
    assert len(sheet["items"]) == len(leaves)
    csv_sheet = w.get("board", f"/cycles/{cid}/summary", params={"format": "csv"})
    assert csv_sheet.content.startswith(b"\xef\xbb\xbf")
    assert "Tự đánh giá" in csv_sheet.content.decode("utf-8-sig").splitlines()[0]
