"""Permissions across clusters and roles: a school of cluster B sees nothing of
cluster A (404, as if absent), the head of B has no say in A, the board sees
and manages everything, a province sees its own school's rows read-only, and
school staff cannot reach board routes. Run on nginx and on Apache."""

from __future__ import annotations

import pytest

from harness import expect
from test_emulation_support import API, PDF, World


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    world = World(stack, db, cadre_admin)
    world.submit_plan("P03-TCT", now=world.d(3, 1))
    world.submit_plan("P06-TCT", now=world.d(3, 1))
    return world


@pytest.fixture(params=["nginx", "apache"])
def server(request, stack):
    return stack.url(request.param)


def test_other_cluster_is_invisible(w, server):
    b = w.fresh("P06-TCT", server)  # head of cluster B
    a = w.cluster["A"]
    sub = w.submission("P03-TCT", "plan")
    for path in (f"/clusters/{a}", f"/clusters/{a}/dashboard", f"/clusters/{a}/scores",
                 f"/clusters/{a}/targets", f"/clusters/{a}/exceptions",
                 f"/submissions/{sub['id']}",
                 f"/years/{w.year}/scorecards/{w.school['P03-TCT']}?role=self",
                 f"/years/{w.year}/figures?school={w.school['P03-TCT']}"):
        r = b.get(API + path, now=w.d(3, 2))
        assert r.status_code == 404, (path, r.status_code, r.text[:200])
        assert r.json()["error"] == "not_found"
    # its own cluster is there
    expect(b.get(f"{API}/clusters/{w.cluster['B']}", now=w.d(3, 2)), 200)
    listed = expect(b.get(f"{API}/years/{w.year}/clusters"), 200)
    assert [c["id"] for c in listed] == [w.cluster["B"]]


def test_head_of_another_cluster_has_no_say(w, server):
    b = w.fresh("P06-TCT", server)
    a = w.cluster["A"]
    sub = w.submission("P03-TCT", "plan")
    r = b.post(f"{API}/clusters/{a}/exceptions", json={
        "kind": "plan", "school": w.school["P04-TCT"], "until": w.d(3, 20), "reason": "x"},
        now=w.d(3, 6))
    assert r.status_code == 403 and r.json()["error"] == "head_only"
    r = b.post(f"{API}/submissions/{sub['id']}/return", json={"reason": "x"})
    assert r.status_code == 404  # another cluster's submission is not even visible
    r = b.post(f"{API}/clusters/{a}/finalize", json={})
    assert expect(r, 403)["error"] == "head_only"
    r = b.post(f"{API}/clusters/{a}/cross-checkers", json={"rotate": True})
    assert expect(r, 403)["error"] == "head_only"
    # nor can a head pick a checker from outside its own cluster
    r = b.post(f"{API}/clusters/{w.cluster['B']}/cross-checkers",
               json={"school": w.school["P11-TCT"], "checker": w.school["P03-TCT"]})
    assert expect(r, 422)["error"] == "not_a_member"
    # its own exception to a school of A is refused by the schema (not a member of B)
    r = b.post(f"{API}/clusters/{w.cluster['B']}/exceptions", json={
        "kind": "plan", "school": w.school["P04-TCT"], "until": w.d(3, 20), "reason": "x"},
        now=w.d(3, 6))
    assert expect(r, 422)["error"] == "not_a_member"


def test_school_staff_cannot_use_board_routes(w, server):
    s = w.fresh("P03-TCT", server)
    for method, path, body in (
            ("post", "/years", {"year": 2099, "theme": "x"}),
            ("post", f"/years/{w.year}/clusters", {"code": "X", "name": "X"}),
            ("post", f"/clusters/{w.cluster['A']}/members", {"school": w.school["P06-TCT"]}),
            ("post", f"/clusters/{w.cluster['A']}/reopen", {}),
            ("get", f"/years/{w.year}/overview", None)):
        r = getattr(s, method)(API + path, **({"json": body} if body is not None else {}))
        assert r.status_code == 403, (path, r.status_code)

def test_board_role_needs_national_scope(w):
    # the emulation_board role held at a school is not the Academy's board
    fake = w.clients.get("fakeboard") or w.user("fakeboard", "P20-TCT", "officer emulation_board")
    r = fake.get(f"{API}/years/{w.year}/overview")
    assert expect(r, 403)["error"] == "board_only"
    r = fake.post(f"{API}/years/{w.year}/clusters", json={"code": "Z", "name": "Z"})
    assert expect(r, 403)["error"] == "board_only"


def test_outsider_school_is_not_a_member(w):
    r = w["outsider"].post(f"{API}/years/{w.year}/submissions/plan/submit",
                           files={"file": ("mau-01.pdf", PDF, "application/pdf")},
                           data={"part": "main"}, now=w.d(3, 1))
    assert expect(r, 403)["error"] == "not_a_member"
    r = w["outsider"].get(f"{API}/clusters/{w.cluster['A']}")
    assert r.status_code == 404


def test_province_sees_its_school_read_only(w):
    p = w["province"]
    dash = expect(p.get(f"{API}/clusters/{w.cluster['A']}/dashboard", now=w.d(3, 2)), 200)
    assert dash["viewer"] == "outside"
    assert [s["code"] for s in dash["schools"]] == ["P03-TCT"]
    sub = w.submission("P03-TCT", "plan")
    expect(p.get(f"{API}/submissions/{sub['id']}"), 200)
    other = expect(w["P04-TCT"].put(f"{API}/years/{w.year}/submissions/plan",
                                    json={"note": "nháp"}, now=w.d(3, 1)), 200)
    assert p.get(f"{API}/submissions/{other['id']}").status_code == 404
    assert p.post(f"{API}/submissions/{sub['id']}/accept", json={}).status_code == 403
    expect(p.get(f"{API}/clusters/{w.cluster['B']}"), 404)


def test_board_sees_every_cluster_and_exports(w):
    body = expect(w.board.get(f"{API}/years/{w.year}/overview", now=w.d(3, 10)), 200)
    rows = {c["id"]: c for c in body["clusters"]}
    assert set(rows) == {w.cluster["A"], w.cluster["B"]}
    a = rows[w.cluster["A"]]
    assert a["members"] == 4 and a["plan_on_time"] == 1 and a["not_evaluated"] == 3
    r = w.board.get(f"{API}/years/{w.year}/overview?format=xlsx", now=w.d(3, 10))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "spreadsheetml" in r.headers.get("Content-Type", "")
    r = w.board.get(f"{API}/years/{w.year}/overview?format=csv", now=w.d(3, 10))
    assert r.content.startswith(b"\xef\xbb\xbf")
    assert f"Cụm A {w.tag}" in r.content.decode("utf-8-sig")
    # and can act in any cluster, e.g. accept a school's plan
    sub = w.submission("P06-TCT", "plan", cluster="B")
    expect(w.board.post(f"{API}/submissions/{sub['id']}/accept", json={}), 200)


def test_membership_rules(w):
    b = w.board
    # a school belongs to one cluster a year
    r = b.post(f"{API}/clusters/{w.cluster['B']}/members", json={"school": w.school["P03-TCT"]})
    body = expect(r, 409)
    assert body["error"] == "school_in_other_cluster" and f"Cụm A {w.tag}" in body["message"]
    # only schools
    p01 = w.db.scalar("SELECT id FROM agency WHERE code = 'P01'")
    assert expect(b.post(f"{API}/clusters/{w.cluster['B']}/members", json={"school": p01}), 422)["error"] == "not_a_school"
    # a school with submissions cannot be dropped silently
    r = b.delete(f"{API}/clusters/{w.cluster['A']}/members/{w.school['P03-TCT']}")
    assert expect(r, 409)["error"] == "member_has_data"
    # head and deputy are members, and two different schools
    r = b.put(f"{API}/clusters/{w.cluster['B']}", json={"name": "B", "head_school": w.school["P03-TCT"]})
    assert expect(r, 422)["error"] == "head_not_member"
    r = b.put(f"{API}/clusters/{w.cluster['B']}", json={
        "name": "B", "head_school": w.school["P06-TCT"], "deputy_school": w.school["P06-TCT"]})
    assert expect(r, 422)["error"] == "head_deputy_same"
    # duplicate code in the year
    r = b.post(f"{API}/years/{w.year}/clusters", json={"code": f"A{w.tag}", "name": "Trùng"})
    assert expect(r, 409)["error"] == "cluster_code_exists"
