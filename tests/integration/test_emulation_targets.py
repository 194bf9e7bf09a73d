"""The year's targets computed from a school's figures, at their exact
boundaries (80% Lao động tiên tiến, 10% and 15% Chiến sĩ thi đua cơ sở,
> 90% professional units), shown met / not met with the numbers behind them;
inconsistent figures refused with nothing changed; figures locked with the
report."""

from __future__ import annotations

import pytest

from harness import expect
from test_emulation_support import API, PDF, World


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    world = World(stack, db, cadre_admin)
    for code in ("P03-TCT", "P04-TCT"):
        world.submit_plan(code, now=world.d(3, 1))
    return world


NOW = None


def figures(**over):
    f = {"staff_total": 25, "ldtt": 20, "cstd": 2, "units_total": 10, "units_ldtt": 8,
         "units_ldxs": 1, "commended": 2, "party_total": 10, "party_good": 5,
         "party_excellent": 2, "prof_total": 10, "prof_good": 9, "prof_excellent": 1,
         "dept_total": 6, "dept_joined": 6}
    f.update(over)
    return f


def put(w, code, now, **over):
    return w[code].put(f"{API}/years/{w.year}/figures", json=figures(**over), now=now)


def states(body):
    return {t["code"]: t for t in body["targets"]}


def test_exact_boundaries_are_met(w):
    now = w.d(10, 1)
    body = expect(put(w, "P03-TCT", now), 200)
    t = states(body)
    # 20/25 = exactly 80%; 2/20 = exactly 10%; 7/10 good party orgs, 2/10 excellent;
    # 2 commended of 25 + 10 < 5%? 2/35 = 5.7%: met; 10/10 professional units
    assert t["ldtt"]["state"] == "met" and (t["ldtt"]["num"], t["ldtt"]["den"]) == (20, 25)
    assert t["ldtt"]["percent"] == 80.0
    assert t["cstd"]["state"] == "met" and (t["cstd"]["num"], t["cstd"]["den"]) == (2, 20)
    assert t["party_good"]["state"] == "met" and t["party_good"]["num"] == 7
    assert t["party_excellent"]["state"] == "met"
    assert t["units_ldxs"]["state"] == "met"
    assert t["commended"]["state"] == "met" and t["commended"]["den"] == 35
    assert t["prof_good"]["state"] == "met"
    assert t["dept"]["state"] == "met"
    # what was stored is what the school sees later
    again = states(expect(w["P03-TCT"].get(f"{API}/years/{w.year}/figures", now=now), 200))
    assert again == t


def test_fifteen_percent_met_sixteen_not(w):
    now = w.d(10, 2)
    t = states(expect(put(w, "P03-TCT", now, staff_total=100, ldtt=100, cstd=15), 200))
    assert t["cstd"]["state"] == "met" and t["cstd"]["percent"] == 15.0
    t = states(expect(put(w, "P03-TCT", now, staff_total=100, ldtt=100, cstd=16), 200))
    assert t["cstd"]["state"] == "not_met"
    t = states(expect(put(w, "P03-TCT", now, staff_total=100, ldtt=100, cstd=9), 200))
    assert t["cstd"]["state"] == "not_met"


def test_just_under_eighty_percent_is_not_met(w):
    t = states(expect(put(w, "P03-TCT", w.d(10, 3), staff_total=100, ldtt=79, cstd=8), 200))
    assert t["ldtt"]["state"] == "not_met" and t["ldtt"]["percent"] == 79.0


def test_professional_units_need_more_than_ninety_percent(w):
    now = w.d(10, 4)
    t = states(expect(put(w, "P03-TCT", now, prof_total=10, prof_good=9, prof_excellent=0), 200))
    assert t["prof_good"]["state"] == "not_met"  # exactly 90% is not "trên 90%"
    t = states(expect(put(w, "P03-TCT", now, prof_total=11, prof_good=10, prof_excellent=0), 200))
    assert t["prof_good"]["state"] == "met"
    t = states(expect(put(w, "P03-TCT", now, units_ldxs=0), 200))
    assert t["units_ldxs"]["state"] == "not_met"
    t = states(expect(put(w, "P03-TCT", now, dept_joined=5), 200))
    assert t["dept"]["state"] == "not_met"


def test_thresholds_are_the_years(w):
    expect(w.board.put(f"{API}/years/{w.year}", json={"t_ldtt_min_pct": 85}), 200)
    try:
        t = states(expect(put(w, "P03-TCT", w.d(10, 5)), 200))
        assert t["ldtt"]["state"] == "not_met" and t["ldtt"]["lo"] == 85
    finally:
        expect(w.board.put(f"{API}/years/{w.year}", json={"t_ldtt_min_pct": 80}), 200)
    r = w.board.put(f"{API}/years/{w.year}", json={"t_cstd_min_pct": 20})  # above the 15% cap
    assert expect(r, 422)["error"] == "invalid_threshold"
    assert w["P03-TCT"].put(f"{API}/years/{w.year}", json={"t_ldtt_min_pct": 10}).status_code == 403


def test_inconsistent_figures_change_nothing(w, db):
    now = w.d(10, 6)
    expect(put(w, "P04-TCT", now), 200)
    before = db.query("SELECT * FROM emulation_figures WHERE school_id = %s AND year_id = "
                      "(SELECT id FROM emulation_year WHERE year = %s)", w.school["P04-TCT"], w.year)
    for over, field in (({"ldtt": 26}, "ldtt"), ({"cstd": 21}, "cstd"),
                        ({"units_ldxs": 9}, "units_ldxs"), ({"party_good": 9}, "party_good"),
                        ({"dept_joined": 7}, "dept_joined"), ({"staff_total": -1}, "staff_total")):
        body = expect(put(w, "P04-TCT", now, **over), 422)
        # a negative count is refused by the field declaration itself
        assert body["error"] in ("figures_inconsistent", "validation_failed"), over
        assert field in body["fields"], (over, body)
    after = db.query("SELECT * FROM emulation_figures WHERE school_id = %s AND year_id = "
                     "(SELECT id FROM emulation_year WHERE year = %s)", w.school["P04-TCT"], w.year)
    assert before == after


def test_figures_lock_with_the_report(w):
    school = w["P04-TCT"]
    now = w.d(11, 1)
    expect(school.post(f"{API}/years/{w.year}/submissions/school_report/submit",
                       files={"file": ("mau-04.pdf", PDF, "application/pdf")},
                       data={"part": "main"}, now=now), 200)
    r = put(w, "P04-TCT", now, commended=3)
    assert expect(r, 409)["error"] == "submission_locked"
    # and after the lock date for a school that never sent it
    r = put(w, "P03-TCT", w.d(11, 16))
    assert expect(r, 422)["error"] == "past_lock_date"


def test_cluster_targets_table_and_exports(w):
    head = w["P03-TCT"]
    body = expect(head.get(f"{API}/clusters/{w.cluster['A']}/targets", now=w.d(11, 2)), 200)
    rows = {r["code"]: r for r in body["rows"]}
    assert set(rows) == {"P03-TCT", "P04-TCT", "P05-TCT", "BCA-T"}
    assert rows["P05-TCT"]["targets"] is None  # no figures: nothing to judge
    assert "Đạt" in rows["P04-TCT"]["t_ldtt"] and "20/25" in rows["P04-TCT"]["t_ldtt"]
    # a member sees only its own row
    own = expect(w["P05-TCT"].get(f"{API}/clusters/{w.cluster['A']}/targets"), 200)
    assert [r["code"] for r in own["rows"]] == ["P05-TCT"]
    r = head.get(f"{API}/clusters/{w.cluster['A']}/targets?format=csv")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert "Lao động tiên tiến (≥ 80%)" in text and "P04-TCT" in text
    r = head.get(f"{API}/clusters/{w.cluster['A']}/targets?format=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
