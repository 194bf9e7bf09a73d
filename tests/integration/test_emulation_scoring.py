"""Scoring: self-score per criterion against its maximum, cross-check by
another school of the cluster (never itself), large gaps flagged, the score
table and ranking with ties, scores hidden from members until the cluster
finalises, proposals from the ranking, history kept when re-scoring."""

from __future__ import annotations

import pytest

from harness import expect
from test_emulation_support import API, World

SCHOOLS = ("P03-TCT", "P04-TCT", "P05-TCT", "BCA-T")


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    world = World(stack, db, cadre_admin)
    for code in SCHOOLS:
        world.submit_plan(code, now=world.d(3, 2))
    return world


def by_code(crits, code):
    return next(c for c in crits if c["code"] == code)


def points(overrides=None):
    """Every score criterion at its maximum, bonus and penalty 0, except overrides."""
    overrides = overrides or {}

    def f(c):
        if c["code"] in overrides:
            return overrides[c["code"]]
        return c["max_points"] if c["kind"] == "score" else "0"
    return f


NOW = "11-01"


def now(w, md=NOW):
    m, d = md.split("-")
    return w.d(int(m), int(d))


def card_rows(db, w, code, role):
    return db.query(
        "SELECT sc.criterion_id, sc.points FROM emulation_score sc JOIN emulation_scorecard c "
        "ON c.id = sc.scorecard_id JOIN emulation_year y ON y.id = c.year_id "
        "WHERE y.year = %s AND c.school_id = %s AND c.role = %s ORDER BY sc.criterion_id",
        w.year, w.school[code], role)


def test_score_above_maximum_changes_nothing(w, db):
    crits = w.criteria("P04-TCT")
    c21 = by_code(crits, "2.1")
    assert c21["max_points"] == "15"
    expect(w["P04-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}/self",
                            json={"scores": [{"criterion": c21["id"], "points": "12"}]},
                            now=now(w)), 200)
    before = card_rows(db, w, "P04-TCT", "self")
    r = w["P04-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}/self", json={
        "scores": [{"criterion": by_code(crits, "1.1")["id"], "points": "9"},
                   {"criterion": c21["id"], "points": "15,5"}]}, now=now(w))
    body = expect(r, 422)
    assert body["error"] == "score_above_max"
    assert "15,5" in body["message"] or "15.5" in body["message"]
    assert "scores[1]" in body["fields"]
    # the valid entry of the same request was not written either
    assert card_rows(db, w, "P04-TCT", "self") == before


def test_bad_points_and_foreign_criteria(w):
    url = f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}/self"
    sector = by_code(w.criteria("BCA-T"), "1.1")
    r = w["P04-TCT"].put(url, json={"scores": [{"criterion": sector["id"], "points": "5"}]}, now=now(w))
    assert expect(r, 422)["error"] == "criterion_not_in_sheet"
    c = by_code(w.criteria("P04-TCT"), "1.1")
    for bad in ("-1", "9.125", "abc", ""):
        r = w["P04-TCT"].put(url, json={"scores": [{"criterion": c["id"], "points": bad}]}, now=now(w))
        assert expect(r, 422)["error"] == "invalid_points", bad
    # another school's self-score is not mine to give
    r = w["P05-TCT"].put(url, json={"scores": [{"criterion": c["id"], "points": "5"}]}, now=now(w))
    assert expect(r, 403)["error"] == "not_your_school"


def test_rescoring_keeps_history(w, db):
    crits = w.criteria("P04-TCT")
    c21 = by_code(crits, "2.1")
    url = f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}/self"
    expect(w["P04-TCT"].put(url, json={"scores": [{"criterion": c21["id"], "points": "15"}]},
                            now=now(w)), 200)
    expect(w["P04-TCT"].put(url, json={"scores": [{"criterion": c21["id"], "points": "13",
                                                    "note": "Chưa đủ minh chứng"}]},
                            now=now(w)), 200)
    # an unchanged value adds no history
    out = expect(w["P04-TCT"].put(url, json={"scores": [{"criterion": c21["id"], "points": "13",
                                                          "note": "Chưa đủ minh chứng"}]},
                                  now=now(w)), 200)
    assert out["changed"] == 0
    card = out["scorecard_id"]
    hist = expect(w["P04-TCT"].get(f"{API}/scorecards/{card}/history"), 200)
    mine = [h for h in hist if h["code"] == "2.1"]
    assert [h["points"] for h in mine] == ["12", "15", "13"]
    assert [h["previous_points"] for h in mine] == [None, "12", "15"]
    assert all(h["scored_by_login"] == w.logins["P04-TCT"] for h in mine)
    assert db.scalar("SELECT COUNT(*) FROM emulation_score_history WHERE scorecard_id = %s "
                     "AND criterion_id = %s", card, c21["id"]) == 3


def test_incomplete_sheet_cannot_be_submitted(w):
    r = w["P04-TCT"].post(f"{API}/years/{w.year}/submissions/score_sheet/submit", json={},
                          now=now(w))
    body = expect(r, 422)
    assert body["error"] == "score_incomplete"


def test_self_scores_submitted(w):
    w.self_score("P03-TCT", now(w), points())
    w.self_score("P04-TCT", now(w), points({"2.1": "13"}))
    w.self_score("P05-TCT", now(w), points())
    w.self_score("BCA-T", now(w), points({"2.1": "13"}))
    # a submitted sheet is locked
    c = by_code(w.criteria("P03-TCT"), "1.1")
    r = w["P03-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P03-TCT']}/self",
                         json={"scores": [{"criterion": c["id"], "points": "1"}]}, now=now(w))
    assert expect(r, 409)["error"] == "submission_locked"


def test_cross_check_of_own_school_is_refused(w, db):
    head = w["P03-TCT"]
    r = head.post(f"{API}/clusters/{w.cluster['A']}/cross-checkers",
                  json={"school": w.school["P04-TCT"], "checker": w.school["P04-TCT"]})
    assert expect(r, 422)["error"] == "cross_check_own_school"
    # rotation: each school checks the next one in the cluster's order
    out = expect(head.post(f"{API}/clusters/{w.cluster['A']}/cross-checkers", json={"rotate": True}), 200)
    assert out["assigned"] == 4
    checker = {r["school_id"]: r["cross_checker_school_id"] for r in db.query(
        "SELECT school_id, cross_checker_school_id FROM emulation_member WHERE cluster_id = %s",
        w.cluster["A"])}
    s = w.school
    assert checker[s["P04-TCT"]] == s["P03-TCT"]
    assert checker[s["P05-TCT"]] == s["P04-TCT"]
    assert checker[s["BCA-T"]] == s["P05-TCT"]
    assert checker[s["P03-TCT"]] == s["BCA-T"]
    assert all(k != v for k, v in checker.items())
    # scoring one's own school as a cross-check
    c = by_code(w.criteria("P03-TCT"), "1.1")
    r = head.put(f"{API}/years/{w.year}/scorecards/{w.school['P03-TCT']}/cross",
                 json={"scores": [{"criterion": c["id"], "points": "5"}]}, now=now(w))
    body = expect(r, 422)
    assert body["error"] == "cross_check_own_school" and "chính mình" in body["message"]
    assert card_rows(db, w, "P03-TCT", "cross") == []
    # a school not assigned
    r = w["P05-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P03-TCT']}/cross",
                         json={"scores": [{"criterion": c["id"], "points": "5"}]}, now=now(w))
    assert expect(r, 403)["error"] == "cross_check_not_assigned"


def test_scores_hidden_before_finalisation(w):
    a = w.cluster["A"]
    # P03 checks P04, so it sees P04's self-score with the comparison
    card = expect(w["P03-TCT"].get(f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}?role=self"), 200)
    assert card["total"] == "98"
    # P05 neither is nor checks P03
    r = w["P05-TCT"].get(f"{API}/years/{w.year}/scorecards/{w.school['P03-TCT']}?role=self")
    assert expect(r, 403)["error"] == "scores_hidden"
    # the member table: nothing yet
    t = expect(w["P04-TCT"].get(f"{API}/clusters/{a}/scores"), 200)
    assert t["visible"] is False and t["rows"] == []
    r = w["P04-TCT"].get(f"{API}/clusters/{a}/scores?format=csv")
    assert expect(r, 403)["error"] == "scores_hidden"
    r = w["province"].get(f"{API}/clusters/{a}/scores?format=xlsx")
    assert expect(r, 403)["error"] == "scores_hidden"
    # the head runs the table, provisionally
    t = expect(w["P03-TCT"].get(f"{API}/clusters/{a}/scores"), 200)
    assert t["visible"] is True and t["provisional"] is True


def test_finalising_needs_every_cross_check(w):
    a = w.cluster["A"]
    r = w["P04-TCT"].post(f"{API}/clusters/{a}/finalize", json={})
    assert expect(r, 403)["error"] == "head_only"
    # cross-check before the scored school... P03 checks P04 (submitted): fine
    w.cross_score("P03-TCT", "P04-TCT", now(w, "11-20"), points({"2.1": "13"}))
    r = w["P03-TCT"].post(f"{API}/clusters/{a}/finalize", json={}, now=now(w, "11-21"))
    body = expect(r, 409)
    assert body["error"] == "cross_check_missing"
    for name in ("Trường", ):
        assert name in body["message"]


def test_cross_checks_gaps_and_visibility_to_the_scored(w):
    w.cross_score("P04-TCT", "P05-TCT", now(w, "11-20"), points())
    w.cross_score("P05-TCT", "BCA-T", now(w, "11-20"), points({"2.1": "9"}))  # 4 under: large
    w.cross_score("BCA-T", "P03-TCT", now(w, "11-20"), points())
    # the scored school does not see its cross-check yet …
    r = w["BCA-T"].get(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}?role=cross")
    assert expect(r, 403)["error"] == "scores_hidden"
    # … the checker does, with the gap flagged against the self-score
    card = expect(w["P05-TCT"].get(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}?role=cross"), 200)
    gap = by_code(card["criteria"], "2.1")
    assert (gap["points"], gap["self_points"], gap["gap_large"]) == ("9", "13", True)
    assert by_code(card["criteria"], "1.1")["gap_large"] is False
    # a submitted cross-check is locked until the head reopens it
    r = w["P05-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}/cross",
                         json={"scores": [{"criterion": gap["id"], "points": "10"}]}, now=now(w, "11-20"))
    assert expect(r, 409)["error"] == "cross_check_submitted"


def test_finalise_ranks_with_ties_and_publishes(w, db, mailbox, deliver):
    a = w.cluster["A"]
    out = expect(w["P03-TCT"].post(f"{API}/clusters/{a}/finalize", json={}, now=now(w, "11-24")), 200)
    assert out["round"] == 1
    t = expect(w["P04-TCT"].get(f"{API}/clusters/{a}/scores"), 200)
    assert t["visible"] is True and t["finalized"] is True and t["provisional"] is False
    rows = {r["code"]: r for r in t["rows"]}
    # P03 and P05 both 100: they share rank 1; P04 98 is third; BCA-T 94 fourth
    assert (rows["P03-TCT"]["rank"], rows["P05-TCT"]["rank"]) == (1, 1)
    assert rows["P04-TCT"]["rank"] == 3 and rows["BCA-T"]["rank"] == 4
    assert rows["P03-TCT"]["final_total"] == "100" and rows["BCA-T"]["final_total"] == "94"
    assert rows["BCA-T"]["self_total"] == "98" and rows["BCA-T"]["cross_total"] == "94"
    assert rows["BCA-T"]["gap_flag"] is True and rows["P04-TCT"]["gap_flag"] is False
    # the award follows the rank; a tie over the one flag is flagged for the cluster
    assert rows["P03-TCT"]["award"] == rows["P05-TCT"]["award"] == "co_thi_dua"
    assert rows["P03-TCT"]["award_tie"] is True
    assert rows["P04-TCT"]["award"] == "none"
    # the scored school now sees its cross-check
    expect(w["BCA-T"].get(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}?role=cross"), 200)
    # exports
    r = w["P04-TCT"].get(f"{API}/clusters/{a}/scores?format=csv")
    text = r.content.decode("utf-8-sig")
    assert r.content.startswith(b"\xef\xbb\xbf") and "Đề nghị tặng Cờ thi đua" in text
    # members were told
    deliver()
    assert any(w.logins["P05-TCT"] in r for m in mailbox.wait_for(1) for r in m["rcpt_tos"])
    # finalised: no more scoring
    c = by_code(w.criteria("P04-TCT"), "1.1")
    r = w["P03-TCT"].put(f"{API}/years/{w.year}/scorecards/{w.school['P04-TCT']}/cross",
                         json={"scores": [{"criterion": c["id"], "points": "1"}]}, now=now(w, "11-25"))
    assert expect(r, 409)["error"] == "cluster_finalized"


def test_reopen_keeps_the_old_round(w, db):
    a = w.cluster["A"]
    assert w["P03-TCT"].post(f"{API}/clusters/{a}/reopen", json={}).status_code == 403
    expect(w.board.post(f"{API}/clusters/{a}/reopen", json={"reason": "Xem lại điểm BCA"}), 200)
    t = expect(w["P04-TCT"].get(f"{API}/clusters/{a}/scores"), 200)
    assert t["visible"] is False  # hidden again while open
    # the head sends the gap back; the checker re-scores; history keeps both
    expect(w["P03-TCT"].post(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}/cross/reopen",
                             json={"reason": "Chênh lệch lớn tiêu chí 2.1"}), 200)
    w.cross_score("P05-TCT", "BCA-T", now(w, "11-26"), points({"2.1": "12"}))
    out = expect(w["P03-TCT"].post(f"{API}/clusters/{a}/finalize", json={}, now=now(w, "11-27")), 200)
    assert out["round"] == 2
    rounds = db.query("SELECT round, CAST(final_total AS CHAR) AS total FROM emulation_ranking "
                      "WHERE cluster_id = %s AND school_id = %s ORDER BY round", a, w.school["BCA-T"])
    assert [(r["round"], r["total"]) for r in rounds] == [(1, "94.00"), (2, "97.00")]
    hist = db.query("SELECT CAST(h.points AS CHAR) AS p FROM emulation_score_history h "
                    "JOIN emulation_scorecard c ON c.id = h.scorecard_id "
                    "JOIN emulation_criterion cr ON cr.id = h.criterion_id "
                    "WHERE c.school_id = %s AND c.role = 'cross' AND c.year_id = "
                    "(SELECT id FROM emulation_year WHERE year = %s) AND cr.code = '2.1' ORDER BY h.id",
                    w.school["BCA-T"], w.year)
    assert [h["p"] for h in hist] == ["9.00", "12.00"]


def test_next_term_proposed_by_head_confirmed_by_board(w, db):
    a = w.cluster["A"]
    url = f"{API}/clusters/{a}/next-term"
    r = w["P03-TCT"].put(url, json={"head_school": w.school["P06-TCT"], "deputy_school": w.school["P04-TCT"]})
    assert expect(r, 422)["error"] == "next_term_not_member"  # P06 is in cluster B
    expect(w["P03-TCT"].put(url, json={"head_school": w.school["P05-TCT"],
                                       "deputy_school": w.school["P04-TCT"]}), 200)
    assert w["P03-TCT"].post(f"{url}/confirm", json={}).status_code == 403
    out = expect(w.board.post(f"{url}/confirm", json={}), 200)
    assert out["applied_to_next_year"] is False  # next year's clusters do not exist yet
    # a new year copied from this one starts with the confirmed head and deputy
    next_year = w.year + 1
    if db.scalar("SELECT COUNT(*) FROM emulation_year WHERE year = %s", next_year):
        pytest.skip("the next year is used by another test world")
    expect(w.board.post(f"{API}/years", json={"year": next_year, "theme": "Năm sau",
                                              "copy_from": w.year}), 201)
    row = db.query("SELECT c.head_school_id, c.deputy_school_id FROM emulation_cluster c "
                   "JOIN emulation_year y ON y.id = c.year_id WHERE y.year = %s AND c.code = %s",
                   next_year, f"A{w.tag}")[0]
    assert (row["head_school_id"], row["deputy_school_id"]) == (w.school["P05-TCT"], w.school["P04-TCT"])
    dl = {r["kind"]: r for r in db.query(
        "SELECT kind, CAST(due_date AS CHAR) AS due FROM emulation_deadline d JOIN emulation_year y "
        "ON y.id = d.year_id WHERE y.year = %s", next_year)}
    assert dl["plan"]["due"] == f"{next_year}-03-05"
    r = w["P03-TCT"].put(url, json={"head_school": w.school["P04-TCT"],
                                    "deputy_school": w.school["P05-TCT"]})
    assert expect(r, 409)["error"] == "next_term_confirmed"
