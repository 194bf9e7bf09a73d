"""Scoring sheets (Mẫu 5.1, 5.2): sample sheets clearly labelled, editable by
the board only, frozen in structure once a school has scored against them."""

from __future__ import annotations

import pytest

from harness import expect
from test_emulation_support import API, World


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def test_new_year_gets_labelled_sample_sheets(w):
    sheets = expect(w.board.get(f"{API}/years/{w.year}/sheets"), 200)
    assert sorted(s["form"] for s in sheets) == ["5.1", "5.2"]
    for s in sheets:
        assert s["is_sample"] == 1 and "MINH HỌA" in s["title"]
        full = expect(w.board.get(f"{API}/sheets/{s['id']}"), 200)
        assert full["max_total"] == "100" and full["max_bonus"] == "5" and full["max_penalty"] == "5"
        assert all(c["levels"] and c["levels"][0]["points"] == c["max_points"] for c in full["criteria"])


def test_board_edits_criteria(w, db):
    sheet = w.sheets["political_school"]["id"]
    url = f"{API}/sheets/{sheet}/criteria"
    body = {"code": "6.1", "section": "VI. Chuyển đổi số", "title": "Ứng dụng công nghệ thông tin",
            "kind": "score", "max_points": "2,5",
            "levels": [{"points": "2.5", "text": "Đầy đủ"}, {"points": 1, "text": "Một phần"}]}
    assert w["P03-TCT"].post(url, json=body).status_code == 403
    bad = dict(body, levels=[{"points": "3", "text": "Quá điểm tối đa"}])
    assert expect(w.board.post(url, json=bad), 422)["error"] == "invalid_levels"
    assert expect(w.board.post(url, json=dict(body, max_points="0")), 422)["error"] == "invalid_points"
    cid = expect(w.board.post(url, json=body), 201)["id"]
    assert expect(w.board.post(url, json=body), 409)["error"] == "criterion_code_exists"
    crit = next(c for c in expect(w.board.get(f"{API}/sheets/{sheet}"), 200)["criteria"] if c["id"] == cid)
    assert crit["max_points"] == "2.5" and [l["points"] for l in crit["levels"]] == ["2.5", "1"]
    expect(w.board.put(f"{API}/criteria/{cid}", json=dict(body, title="Chuyển đổi số trong quản lý")), 200)
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'emulation.criterion' "
                     "AND entity_id = %s", cid) == 2
    expect(w.board.delete(f"{API}/criteria/{cid}"), 200)


def test_structure_frozen_once_scored(w):
    w.submit_plan("P03-TCT", now=w.d(3, 1))
    crits = w.criteria("P03-TCT")
    c = crits[0]
    expect(w["P03-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P03-TCT']}/self",
                            json={"scores": [{"criterion": c["id"], "points": "5"}]}, now=w.d(10, 1)), 200)
    sheet = w.sheets["political_school"]["id"]
    body = {"code": c["code"], "section": c["section"], "title": c["title"], "kind": c["kind"],
            "max_points": "20"}
    assert expect(w.board.put(f"{API}/criteria/{c['id']}", json=body), 409)["error"] == "sheet_in_use"
    assert expect(w.board.delete(f"{API}/criteria/{c['id']}"), 409)["error"] == "sheet_in_use"
    assert expect(w.board.post(f"{API}/sheets/{sheet}/criteria", json=dict(body, code="9.9")), 409)["error"] == "sheet_in_use"
    # wording may still be corrected
    expect(w.board.put(f"{API}/criteria/{c['id']}", json=dict(body, max_points=c["max_points"],
                                                               title=c["title"] + " (sửa câu chữ)")), 200)
    # the sector sheet is untouched by political schools' scores
    other = w.sheets["sector_school"]["id"]
    cid = expect(w.board.post(f"{API}/sheets/{other}/criteria", json=dict(body, code="9.9", max_points="1")), 201)["id"]
    expect(w.board.delete(f"{API}/criteria/{cid}"), 200)
