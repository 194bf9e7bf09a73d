"""Who sees what: a school sees only itself, a province (its board) its own
schools, a council member only the schools whose cycles their council was
given (and never one they declared a conflict with), the Academy all."""

from __future__ import annotations

import pytest

from harness import expect
from test_accreditation_support import make_world


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    # S: a cycle with both councils; S2: a cycle nobody was assigned to; T: its own
    w.cycle_s = w.new_cycle("S")
    w.cycle_s2 = w.new_cycle("S2", councils=False)
    w.cycle_t = w.new_cycle("T")
    return w


def school_ids(w, who):
    return {s["id"] for s in expect(w.get(who, "/schools"), 200)}


def cycle_ids(w, who):
    return {c["id"] for c in expect(w.get(who, "/cycles"), 200)}


def test_a_school_sees_only_itself(w):
    a = w.agencies
    assert school_ids(w, "head") == {a["S"]}
    assert school_ids(w, "thead") == {a["T"]}
    assert cycle_ids(w, "head") == {w.cycle_s}
    for path in (f"/cycles/{w.cycle_t}", f"/cycles/{w.cycle_t}/criteria",
                 f"/cycles/{w.cycle_t}/summary", f"/cycles/{w.cycle_t}/readiness",
                 f"/schools/{a['T']}", f"/schools/{a['T']}/evidence", f"/schools/{a['T']}/staff",
                 f"/schools/{a['S2']}"):
        assert expect(w.get("head", path), 404)["error"] == "not_found", path
    assert w.get("thead", f"/cycles/{w.cycle_s}").status_code == 404
    dash = expect(w.get("head", "/dashboard"), 200)
    assert dash["schools"]["total"] == 1
    readiness = expect(w.get("head", "/reports/readiness", params={"version": w.version_id}), 200)
    assert [r["school_id"] for r in readiness] == [a["S"]]


def test_a_province_sees_its_schools(w):
    a = w.agencies
    assert school_ids(w, "board") == {a["S"], a["S2"]}
    assert school_ids(w, "viewer") == {a["S"], a["S2"]}
    assert school_ids(w, "qboard") == {a["T"]}
    assert cycle_ids(w, "board") == {w.cycle_s, w.cycle_s2}
    expect(w.get("board", f"/cycles/{w.cycle_s2}"), 200)
    assert w.get("qboard", f"/cycles/{w.cycle_s}").status_code == 404
    # nor act on another province's school
    r = w.put("qboard", f"/cycles/{w.cycle_s}/council",
              json={"level": "provincial", "council_id": w.q_council})
    assert r.status_code == 404
    # and a province's council is for its own schools only
    r = w.put("board", f"/cycles/{w.cycle_s2}/council",
              json={"level": "provincial", "council_id": w.q_council})
    assert expect(r, 422)["error"] == "council_not_for_school"
    r = w.put("board", f"/cycles/{w.cycle_s2}/council",
              json={"level": "provincial", "council_id": w.central_council})
    assert expect(r, 422)["error"] == "council_level_mismatch"


def test_the_academy_sees_all(w):
    a = w.agencies
    assert {a["S"], a["S2"], a["T"]} <= school_ids(w, "academy")
    assert {w.cycle_s, w.cycle_s2, w.cycle_t} <= cycle_ids(w, "academy")


def test_council_members_see_only_assigned_schools(w):
    a = w.agencies
    assert school_ids(w, "pcouncil") == {a["S"]}
    assert cycle_ids(w, "pcouncil") == {w.cycle_s}
    assert w.get("pcouncil", f"/cycles/{w.cycle_s2}").status_code == 404
    assert w.get("pcouncil", f"/cycles/{w.cycle_t}").status_code == 404
    assert w.get("pcouncil", f"/schools/{a['S2']}/evidence").status_code == 404
    # central: the member of the assigned council yes, another member no
    assert cycle_ids(w, "central") == {w.cycle_s, w.cycle_t}
    assert cycle_ids(w, "central2") == set()
    assert w.get("central2", f"/cycles/{w.cycle_s}").status_code == 404
    # assignment opens the dossier to the council
    expect(w.put("board", f"/cycles/{w.cycle_s2}/council",
                 json={"level": "provincial", "council_id": w.prov_council}), 200)
    assert school_ids(w, "pcouncil") == {a["S"], a["S2"]}


def test_a_conflicted_member_never_evaluates_that_school(w, db):
    cid = w.ready_cycle("submitted_provincial", school="S")
    w.cycle_s = cid
    expect(w.get("pcouncil2", f"/cycles/{cid}"), 200)
    # a member declares only their own conflicts
    r = w.post("pcouncil2", f"/councils/{w.prov_council}/conflicts",
               json={"school_id": w.agencies["S"], "reason": "Vợ là giảng viên của trường",
                     "user_id": w.user_ids["pcouncil"]})
    assert expect(r, 403)["error"] == "council_manager_only"
    last_mail = db.scalar("SELECT COALESCE(MAX(id), 0) FROM outbox")
    expect(w.post("pcouncil2", f"/councils/{w.prov_council}/conflicts",
                  json={"school_id": w.agencies["S"], "reason": "Nguyên là Phó Hiệu trưởng"}), 201)
    again = w.post("pcouncil2", f"/councils/{w.prov_council}/conflicts",
                   json={"school_id": w.agencies["S"], "reason": "Lần nữa"})
    assert expect(again, 409)["error"] == "conflict_already_declared"
    assert w.get("pcouncil2", f"/cycles/{cid}").status_code == 404
    assert w.agencies["S"] not in school_ids(w, "pcouncil2")
    assert w.transition("pcouncil2", cid, "open_review").status_code == 404
    leaf = w.leaves()[0]
    w.set_state(cid, "provincial_review")
    r = w.put("pcouncil2", f"/cycles/{cid}/assessments/{leaf['id']}",
              json={"layer": "provincial", "result": "met"})
    assert r.status_code == 404
    w.set_state(cid, "submitted_provincial")
    assert w.state(cid) == "submitted_provincial"
    # the other member evaluates
    expect(w.transition("pcouncil", cid, "open_review"), 200)
    council = expect(w.get("board", f"/councils/{w.prov_council}"), 200)
    assert [c["school_agency_id"] for c in council["conflicts"]] == [w.agencies["S"]]
    # after declaring, no longer told about the school's dossier either
    expect(w.transition("pcouncil", cid, "request_changes", note="Bổ sung"), 200)
    expect(w.transition("head", cid, "resubmit"), 200)
    mails = {m["recipient"] for m in db.query(
        "SELECT recipient FROM outbox WHERE id > %s AND dedupe_key LIKE %s", last_mail,
        f"accr:cycle:{cid}:%")}
    assert f"{w.logins['pcouncil']}@example.test" in mails
    assert f"{w.logins['pcouncil2']}@example.test" not in mails


def test_council_membership_rules(w):
    r = w.post("board", f"/councils/{w.prov_council}/members", json={"login": w.logins["head"]})
    assert expect(r, 422)["error"] == "member_lacks_role"
    r = w.post("board", f"/councils/{w.prov_council}/members", json={"login": "no.such.user"})
    assert expect(r, 422)["error"] == "user_not_found"
    r = w.post("board", f"/councils/{w.prov_council}/members", json={"login": w.logins["pcouncil"]})
    assert expect(r, 409)["error"] == "already_member"
    # another province's board cannot see, let alone change, this council
    r = w.post("qboard", f"/councils/{w.prov_council}/members", json={"login": w.logins["pcouncil"]})
    assert r.status_code == 404
    # schools do not form councils; provinces do not form the central council
    assert w.post("head", "/councils", json={"level": "provincial", "name": "X"}).status_code == 403
    r = w.post("board", "/councils", json={"level": "central", "name": "X"})
    assert expect(r, 403)["error"] == "forbidden_council_level"
    # a member sees their council, a stranger does not
    expect(w.get("pcouncil", f"/councils/{w.prov_council}"), 200)
    assert w.get("central2", f"/councils/{w.prov_council}").status_code == 404
