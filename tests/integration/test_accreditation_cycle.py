"""The assessment cycle's state machine over HTTP: every allowed transition
with its actor, every refused (state, action) pair, every wrong actor, the
business preconditions (complete results, notes, the recognition decision),
the locking of each layer, and a new cycle cloned from a finished one."""

from __future__ import annotations

import pytest

from harness import expect
from test_accreditation_support import API, make_world

STATES = ["draft", "self_assessing", "submitted_provincial", "provincial_review",
          "changes_requested", "resubmitted", "endorsed", "submitted_central",
          "central_appraisal", "recognised", "not_recognised"]
ACTIONS = ["start", "submit", "open_review", "request_changes", "resubmit", "endorse",
           "submit_central", "open_appraisal", "recognise", "reject"]

# Written out independently of the C table: (from, action) -> (to, who may).
COUNCIL = {"pcouncil", "pcouncil2"}
ALLOWED = {
    ("draft", "start"): ("self_assessing", {"head", "officer"}),
    ("self_assessing", "submit"): ("submitted_provincial", {"head"}),
    ("submitted_provincial", "open_review"): ("provincial_review", COUNCIL),
    ("provincial_review", "request_changes"): ("changes_requested", COUNCIL),
    ("provincial_review", "endorse"): ("endorsed", COUNCIL),
    ("changes_requested", "resubmit"): ("resubmitted", {"head"}),
    ("resubmitted", "open_review"): ("provincial_review", COUNCIL),
    ("resubmitted", "request_changes"): ("changes_requested", COUNCIL),
    ("endorsed", "submit_central"): ("submitted_central", {"board"}),
    ("submitted_central", "open_appraisal"): ("central_appraisal", {"central", "academy"}),
    ("central_appraisal", "recognise"): ("recognised", {"academy"}),
    ("central_appraisal", "reject"): ("not_recognised", {"academy"}),
}
# Who would take each action in its own state (to show that a refusal is
# about the state, not the caller).
NATURAL = {"start": "head", "submit": "head", "open_review": "pcouncil",
           "request_changes": "pcouncil", "resubmit": "head", "endorse": "pcouncil",
           "submit_central": "board", "open_appraisal": "central", "recognise": "academy",
           "reject": "academy"}
# Everyone with a module role, plus outsiders.
ACTORS = ["head", "officer", "board", "pcouncil", "pcouncil2", "central", "academy",
          "central2", "thead", "qboard", "viewer"]
CANNOT_SEE = {"central2", "thead", "qboard"}


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return make_world(stack, db, cadre_admin)


def extras(w, action: str) -> dict:
    """Everything an action may need, so only state or role can refuse it."""
    return {"note": "Ý kiến của người thực hiện.", "decision_no": w.decision_no(),
            "decision_date": "2026-06-15", "valid_until": "2031-06-15", "level": 1}


def test_table_has_twelve_transitions(w):
    meta = expect(w.get("academy", "/meta"), 200)
    got = {(t["from"], t["action"]): t["to"] for t in meta["transitions"]}
    assert got == {k: v[0] for k, v in ALLOWED.items()}


def test_whole_cycle_from_self_assessment_to_recognition(w, db):
    cid = w.new_cycle()
    assert w.state(cid) == "draft"
    body = expect(w.get("head", f"/cycles/{cid}"), 200)
    assert [a["action"] for a in body["actions"]] == ["start"]
    expect(w.transition("officer", cid, "start"), 200)
    leaves = w.leaves()
    # a result over HTTP, the rest straight in
    expect(w.put("officer", f"/cycles/{cid}/assessments/{leaves[0]['id']}",
                 json={"layer": "self", "result": "met", "score": 9.5, "comment": "Đủ minh chứng"}),
           200)
    w.fill(cid, "self")
    expect(w.transition("head", cid, "submit"), 200)
    expect(w.transition("pcouncil", cid, "open_review"), 200)
    expect(w.transition("pcouncil", cid, "request_changes", note="Bổ sung minh chứng TC4.1"), 200)
    expect(w.transition("head", cid, "resubmit"), 200)
    expect(w.transition("pcouncil", cid, "request_changes", note="Chưa đủ, bổ sung tiếp"), 200)
    expect(w.transition("head", cid, "resubmit"), 200)
    expect(w.transition("pcouncil", cid, "open_review"), 200)
    w.fill(cid, "provincial")
    expect(w.transition("pcouncil", cid, "endorse"), 200)
    expect(w.transition("board", cid, "submit_central"), 200)
    expect(w.transition("central", cid, "open_appraisal"), 200)
    expect(w.post("central", f"/cycles/{cid}/site-visits",
                  json={"visit_date": "12/06/2026", "team": "Đoàn khảo sát Trung ương"}), 201)
    w.fill(cid, "central")
    number = w.decision_no()
    done = expect(w.transition("academy", cid, "recognise", decision_no=number,
                               decision_date="2026-06-15", valid_until="2031-06-15"), 200)
    assert done["state"] == "recognised" and done["actions"] == []
    assert done["recognition"]["decision_no"] == number
    events = db.query("SELECT action, from_state, to_state FROM accreditation_cycle_event"
                      " WHERE cycle_id = %s ORDER BY id", cid)
    assert [e["action"] for e in events] == [
        "start", "submit", "open_review", "request_changes", "resubmit", "request_changes",
        "resubmit", "open_review", "endorse", "submit_central", "open_appraisal", "recognise"]
    for e in events:  # each step leaves from the state the previous one reached
        assert ALLOWED[(e["from_state"], e["action"])][0] == e["to_state"]
    assert w.audits(cid) >= len(events)
    row = db.one("SELECT * FROM accreditation_recognition WHERE cycle_id = %s", cid)
    assert row["level"] == 1 and str(row["valid_until"]) == "2031-06-15"
    register = expect(w.get("academy", "/register"), 200)
    assert any(r["decision_no"] == number for r in register)
    # the school head and the province were told
    mails = db.query("SELECT recipient, subject FROM outbox WHERE module = 'accreditation'"
                     " AND dedupe_key LIKE %s", f"accr:cycle:{cid}:%")
    recipients = {m["recipient"] for m in mails}
    assert f"{w.logins['head']}@example.test" in recipients
    assert f"{w.logins['board']}@example.test" in recipients


def test_reject_records_the_reasons(w, db):
    cid = w.ready_cycle("central_appraisal")
    body = expect(w.transition("academy", cid, "reject", note="Chưa đạt tiêu chí TC4.1"), 200)
    assert body["state"] == "not_recognised"
    assert db.scalar("SELECT refusal_reasons FROM accreditation_cycle WHERE id = %s", cid) == \
        "Chưa đạt tiêu chí TC4.1"
    assert db.scalar("SELECT COUNT(*) FROM accreditation_recognition WHERE cycle_id = %s", cid) == 0


@pytest.mark.parametrize("state", STATES)
def test_every_refused_pair(w, db, state):
    cid = w.ready_cycle(state)
    refused = [a for a in ACTIONS if (state, a) not in ALLOWED]
    assert len(refused) == len(ACTIONS) - sum(1 for k in ALLOWED if k[0] == state)
    for action in refused:
        r = w.transition(NATURAL[action], cid, action, **extras(w, action))
        body = expect(r, 409)
        assert body["error"] == "transition_not_allowed", (state, action, body)
        assert w.state(cid) == state
    assert w.events(cid) == 0
    assert db.scalar("SELECT COUNT(*) FROM accreditation_recognition WHERE cycle_id = %s", cid) == 0


@pytest.mark.parametrize("pair", sorted(ALLOWED), ids=lambda p: f"{p[0]}-{p[1]}")
def test_every_allowed_pair_and_its_wrong_actors(w, db, pair):
    state, action = pair
    to, allowed = ALLOWED[pair]
    cid = w.ready_cycle(state)
    for who in ACTORS:
        if who in allowed:
            continue
        r = w.transition(who, cid, action, **extras(w, action))
        if who in CANNOT_SEE:
            assert expect(r, 404)["error"] == "not_found", who
        elif who == "viewer":
            assert r.status_code == 403, who  # the route is not for read-only users
        else:
            assert expect(r, 403)["error"] == "transition_forbidden", (who, r.text)
        assert w.state(cid) == state
    assert w.events(cid) == 0
    before = w.audits(cid)
    who = sorted(allowed)[0]
    body = expect(w.transition(who, cid, action, **extras(w, action)), 200)
    assert body["state"] == to and w.state(cid) == to
    assert w.events(cid) == 1
    assert w.audits(cid) == before + 1
    assert db.scalar("SELECT action FROM audit_log WHERE entity = 'accreditation.cycle'"
                     " AND entity_id = %s ORDER BY id DESC LIMIT 1", cid) == action


def test_unknown_action_is_refused(w):
    cid = w.ready_cycle("draft")
    body = expect(w.transition("head", cid, "approve"), 422)
    assert body["fields"]["action"]["code"]
    assert w.state(cid) == "draft"


# ---- preconditions -----------------------------------------------------------------


def test_submit_needs_every_criterion_self_assessed(w):
    cid = w.new_cycle()
    expect(w.transition("head", cid, "start"), 200)
    body = expect(w.transition("head", cid, "submit"), 422)
    assert body["error"] == "self_assessment_incomplete"
    assert w.state(cid) == "self_assessing"


def test_request_changes_needs_a_note(w):
    cid = w.ready_cycle("provincial_review")
    assert expect(w.transition("pcouncil", cid, "request_changes"), 422)["error"] == "note_required"
    assert expect(w.transition("pcouncil", cid, "request_changes", note="   "), 422)["error"] == \
        "note_required"
    assert w.state(cid) == "provincial_review"


def test_endorse_needs_the_councils_results(w, db):
    cid = w.ready_cycle("provincial_review")
    db.execute("DELETE FROM accreditation_assessment WHERE cycle_id = %s AND layer = 'provincial'"
               " LIMIT 3", cid)
    body = expect(w.transition("pcouncil", cid, "endorse"), 422)
    assert body["error"] == "provincial_evaluation_incomplete"
    assert w.state(cid) == "provincial_review"


@pytest.mark.parametrize("missing,code", [
    ("decision_no", "decision_number_required"),
    ("decision_date", "decision_date_required"),
    ("valid_until", "valid_until_required"),
])
def test_recognition_needs_its_decision(w, db, missing, code):
    cid = w.ready_cycle("central_appraisal")
    fields = {"decision_no": w.decision_no(), "decision_date": "2026-06-15",
              "valid_until": "2031-06-15"}
    del fields[missing]
    body = expect(w.transition("academy", cid, "recognise", **fields), 422)
    assert body["error"] == code
    assert w.state(cid) == "central_appraisal"
    assert db.scalar("SELECT COUNT(*) FROM accreditation_recognition WHERE cycle_id = %s", cid) == 0
    assert w.events(cid) == 0


def test_recognition_rules(w, db):
    cid = w.ready_cycle("central_appraisal")
    ok = {"decision_no": w.decision_no(), "decision_date": "2026-06-15", "valid_until": "2031-06-15"}
    r = w.transition("academy", cid, "recognise", **{**ok, "valid_until": "2026-06-01"})
    assert expect(r, 422)["error"] == "valid_until_before_decision"
    r = w.transition("academy", cid, "recognise", **{**ok, "level": 2})
    assert expect(r, 422)["error"] == "level_above_target"
    # a mandatory criterion found not met by the central council
    mandatory = next(x for x in w.leaves() if x["mandatory"] and x["levels"] & 1)
    db.execute("UPDATE accreditation_assessment SET result = 'not_met' WHERE cycle_id = %s"
               " AND criterion_id = %s AND layer = 'central'", cid, mandatory["id"])
    assert expect(w.transition("academy", cid, "recognise", **ok), 422)["error"] == \
        "mandatory_criteria_unmet"
    db.execute("UPDATE accreditation_assessment SET result = 'met' WHERE cycle_id = %s"
               " AND layer = 'central'", cid)
    # no site visit yet
    db.execute("DELETE FROM accreditation_site_visit WHERE cycle_id = %s", cid)
    assert expect(w.transition("academy", cid, "recognise", **ok), 422)["error"] == \
        "site_visit_required"
    w.site_visit(cid)
    assert w.state(cid) == "central_appraisal" and w.events(cid) == 0
    expect(w.transition("academy", cid, "recognise", **ok), 200)
    # the same decision number cannot serve twice
    other = w.ready_cycle("central_appraisal", school="S2")
    r = w.transition("academy", other, "recognise", **ok)
    assert expect(r, 409)["error"] == "decision_number_taken"
    assert w.state(other) == "central_appraisal"


def test_reject_needs_reasons(w):
    cid = w.ready_cycle("central_appraisal")
    assert expect(w.transition("academy", cid, "reject"), 422)["error"] == "reasons_required"
    assert w.state(cid) == "central_appraisal"


# ---- results per layer and locking -------------------------------------------------


def assess(w, who, cid, criterion, **body):
    return w.put(who, f"/cycles/{cid}/assessments/{criterion}", json=body)


def test_self_assessment_rules(w, db):
    cid = w.new_cycle()
    leaves = w.leaves()
    scored = next(x for x in leaves if x["max_score"] is not None)
    # not yet started: locked
    r = assess(w, "officer", cid, scored["id"], layer="self", result="met")
    assert expect(r, 409)["error"] == "dossier_locked"
    expect(w.transition("officer", cid, "start"), 200)
    ok = expect(assess(w, "officer", cid, scored["id"], layer="self", result="partial",
                       score=float(scored["max_score"]), comment="Đạt một phần"), 200)
    assert ok["result"] == "partial"
    # a score above the maximum: refused, nothing changed
    r = assess(w, "officer", cid, scored["id"], layer="self", result="met",
               score=float(scored["max_score"]) + 0.5)
    body = expect(r, 422)
    assert body["error"] == "score_above_max" and "score" in body["fields"]
    assert db.scalar("SELECT result FROM accreditation_assessment WHERE cycle_id = %s"
                     " AND criterion_id = %s AND layer = 'self'", cid, scored["id"]) == "partial"
    # a negative score never reaches the handler
    assert expect(assess(w, "officer", cid, scored["id"], layer="self", score=-1), 422)[
        "error"] == "validation_failed"
    mandatory = next(x for x in leaves if x["mandatory"])
    r = assess(w, "officer", cid, mandatory["id"], layer="self", result="not_applicable")
    assert expect(r, 422)["error"] == "mandatory_not_applicable"
    group = db.scalar("SELECT id FROM accreditation_criterion WHERE version_id = %s"
                      " AND kind = 'group' LIMIT 1", w.version_id)
    assert expect(assess(w, "officer", cid, group, layer="self", result="met"), 422)["error"] == \
        "not_assessable"
    foreign = db.scalar("SELECT id FROM accreditation_criterion WHERE version_id <> %s LIMIT 1",
                        w.version_id)
    if foreign:
        assert expect(assess(w, "officer", cid, foreign, layer="self", result="met"), 404)[
            "error"] == "criterion_not_found"
    # other layers are not the school's
    r = assess(w, "officer", cid, scored["id"], layer="provincial", result="met")
    assert expect(r, 403)["error"] == "forbidden_layer"
    # the council cannot write the school's layer
    r = assess(w, "pcouncil", cid, scored["id"], layer="self", result="met")
    assert expect(r, 403)["error"] == "forbidden_layer"
    # submitted: locked for the school
    w.fill(cid, "self")
    expect(w.transition("head", cid, "submit"), 200)
    r = assess(w, "officer", cid, scored["id"], layer="self", result="met")
    assert expect(r, 409)["error"] == "dossier_locked"


def test_a_whole_sheet_is_saved_together_or_not_at_all(w, db):
    cid = w.new_cycle()
    expect(w.transition("head", cid, "start"), 200)
    leaves = w.leaves()
    scored = [x for x in leaves if x["max_score"] is not None]
    items = [{"criterion_id": x["id"], "result": "met",
              "score": float(x["max_score"]) if x["max_score"] is not None else None,
              "comment": "Đạt"} for x in leaves]
    # one score above its maximum: nothing at all is saved
    bad = [dict(i) for i in items]
    victim = next(i for i in bad if i["criterion_id"] == scored[-1]["id"])
    victim["score"] = float(scored[-1]["max_score"]) + 1
    r = w.put("officer", f"/cycles/{cid}/assessments", json={"layer": "self", "items": bad})
    body = expect(r, 422)
    assert body["error"] == "score_above_max" and scored[-1]["code"] in body["message"]
    assert db.scalar("SELECT COUNT(*) FROM accreditation_assessment WHERE cycle_id = %s", cid) == 0
    # malformed elements are named
    for broken, part in (([{"result": "met"}], "criterion_id"),
                         ([{"criterion_id": leaves[0]["id"], "result": "good"}], "kết quả"),
                         ([{"criterion_id": leaves[0]["id"], "score": "mười"}], "điểm"),
                         ([], None)):
        body = expect(w.put("officer", f"/cycles/{cid}/assessments",
                            json={"layer": "self", "items": broken}), 422)
        assert body["error"] == "items_invalid"
        if part:
            assert part in body["message"]
    # the council cannot write the school's sheet
    r = w.put("pcouncil", f"/cycles/{cid}/assessments", json={"layer": "self", "items": items})
    assert expect(r, 403)["error"] == "forbidden_layer"
    saved = expect(w.put("officer", f"/cycles/{cid}/assessments",
                         json={"layer": "self", "items": items}), 200)
    assert len(saved) == len(leaves) and all(x["result"] == "met" for x in saved)
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'accreditation.assessment'"
                     " AND entity_id = %s", cid) == len(leaves)
    expect(w.transition("head", cid, "submit"), 200)
    r = w.put("officer", f"/cycles/{cid}/assessments", json={"layer": "self", "items": items})
    assert expect(r, 409)["error"] == "dossier_locked"


def test_council_layers(w, db):
    cid = w.ready_cycle("provincial_review")
    leaf = w.leaves()[0]
    expect(assess(w, "pcouncil", cid, leaf["id"], layer="provincial", result="not_met",
                  comment="Chưa đủ"), 200)
    assert expect(assess(w, "central", cid, leaf["id"], layer="central", result="met"), 409)[
        "error"] == "dossier_locked"
    w.set_state(cid, "central_appraisal")
    expect(assess(w, "central", cid, leaf["id"], layer="central", result="met"), 200)
    expect(assess(w, "academy", cid, leaf["id"], layer="central", result="met"), 200)
    assert expect(assess(w, "pcouncil", cid, leaf["id"], layer="provincial", result="met"), 409)[
        "error"] == "dossier_locked"
    assert db.scalar("SELECT result FROM accreditation_assessment WHERE cycle_id = %s"
                     " AND criterion_id = %s AND layer = 'provincial'", cid, leaf["id"]) == "not_met"


def test_changing_a_result_after_evaluation_voids_the_evaluation(w, db):
    cid = w.ready_cycle("changes_requested")
    leaf = w.leaves()[0]
    expect(assess(w, "head", cid, leaf["id"], layer="self", result="partial"), 200)
    assert db.scalar("SELECT stale FROM accreditation_assessment WHERE cycle_id = %s"
                     " AND criterion_id = %s AND layer = 'provincial'", cid, leaf["id"]) == 1
    expect(w.transition("head", cid, "resubmit"), 200)
    expect(w.transition("pcouncil", cid, "open_review"), 200)
    body = expect(w.transition("pcouncil", cid, "endorse"), 422)
    assert body["error"] == "provincial_evaluation_incomplete"
    expect(assess(w, "pcouncil", cid, leaf["id"], layer="provincial", result="met"), 200)
    expect(w.transition("pcouncil", cid, "endorse"), 200)


def test_site_visit_only_during_appraisal(w):
    cid = w.ready_cycle("submitted_central")
    r = w.post("central", f"/cycles/{cid}/site-visits", json={"visit_date": "2026-06-12",
                                                                "team": "Đoàn"})
    assert expect(r, 409)["error"] == "site_visit_not_allowed"
    w.set_state(cid, "central_appraisal")
    r = w.post("pcouncil", f"/cycles/{cid}/site-visits", json={"visit_date": "2026-06-12",
                                                                 "team": "Đoàn"})
    assert r.status_code == 403
    expect(w.post("central", f"/cycles/{cid}/site-visits", json={"visit_date": "2026-06-12",
                                                                   "team": "Đoàn"}), 201)


# ---- cycles: one open at a time, cloning -------------------------------------------


def test_one_open_cycle_per_school(w):
    w.new_cycle()
    r = w.post("head", "/cycles", json={"school_id": w.agencies["S"], "version_id": w.version_id,
                                        "target_level": 1})
    assert expect(r, 409)["error"] == "open_cycle_exists"
    # nor for a school that is not theirs
    r = w.post("head", "/cycles", json={"school_id": w.agencies["T"], "version_id": w.version_id,
                                        "target_level": 1})
    assert r.status_code == 404


def test_clone_resets_statuses_and_keeps_evidence(w, db):
    cid = w.ready_cycle("central_appraisal")
    leaf = w.leaves()[0]
    w.set_state(cid, "self_assessing")
    ev = expect(w.post("officer", f"/schools/{w.agencies['S']}/evidence",
                       data={"code": "CL" + str(cid), "title": "Quyết định kiện toàn"}), 201)
    expect(w.post("officer", f"/cycles/{cid}/criteria/{leaf['id']}/evidence",
                  json={"evidence_id": ev["id"]}), 200)
    w.set_state(cid, "central_appraisal")
    r = w.post("head", f"/cycles/{cid}/clone", json={})
    assert expect(r, 409)["error"] == "cycle_still_open"
    expect(w.transition("academy", cid, "recognise", decision_no=w.decision_no(),
                        decision_date="2026-06-15", valid_until="2031-06-15"), 200)
    new = expect(w.post("head", f"/cycles/{cid}/clone", json={"target_level": 2}), 201)
    assert new["state"] == "draft" and new["cloned_from_id"] == cid and new["target_level"] == 2
    rows = db.query("SELECT result, prev_result FROM accreditation_assessment WHERE cycle_id = %s",
                    new["id"])
    assert rows and all(r["result"] is None for r in rows)
    assert all(r["prev_result"] == "met" for r in rows)
    assert db.scalar("SELECT COUNT(*) FROM accreditation_evidence_link WHERE cycle_id = %s"
                     " AND evidence_id = %s", new["id"], ev["id"]) == 1
    crit = expect(w.get("head", f"/cycles/{new['id']}/criteria"), 200)
    node = next(n for n in crit if n["id"] == leaf["id"])
    assert node["prev_result"] == "met" and node["self_result"] is None
    assert [e["id"] for e in node["evidence"]] == [ev["id"]]
