"""Deadlines and locking, with dates injected (X-Cadre-Now): the plan (Mẫu 01)
on time, locked once submitted, refused after the lock date, reopened for one
school by the head's exception (logged, mailed), and the school without a
plan marked not evaluated. Bad files are refused with nothing changed."""

from __future__ import annotations

import pytest

from harness import Client, expect
from test_emulation_support import API, PDF, World, mail_for


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return World(stack, db, cadre_admin)


def files_of(db, submission_id):
    return db.query("SELECT file_id, part, removed_at FROM emulation_submission_file "
                    "WHERE submission_id = %s ORDER BY id", submission_id)


def test_plan_on_time_then_locked(w, db):
    before = w.d(3, 1)
    # a file first (draft), then the submission
    r = w["P03-TCT"].post(f"{API}/years/{w.year}/submissions/plan/files",
                          files={"file": ("mau-01.pdf", PDF, "application/pdf")},
                          data={"part": "main"}, now=before)
    expect(r, 201)
    assert w.submission("P03-TCT", "plan")["state"] == "not_submitted"
    out = expect(w["P03-TCT"].post(f"{API}/years/{w.year}/submissions/plan/submit", json={},
                                   now=before), 200)
    assert out["state"] == "submitted"
    assert out["timeliness"] == "on_time"
    sub = w.submission("P03-TCT", "plan")
    assert sub["state"] == "submitted" and str(sub["first_submitted_at"]).startswith(before)

    # locked: neither a second submission nor a new file is taken
    n_files = len(files_of(db, sub["id"]))
    r = w["P03-TCT"].post(f"{API}/years/{w.year}/submissions/plan/submit", json={}, now=before)
    assert expect(r, 409)["error"] == "submission_locked"
    r = w["P03-TCT"].post(f"{API}/years/{w.year}/submissions/plan/files",
                          files={"file": ("khac.pdf", PDF, "application/pdf")},
                          data={"part": "main"}, now=before)
    body = expect(r, 409)
    assert body["error"] == "submission_locked"
    assert "khóa" in body["message"]
    assert len(files_of(db, sub["id"])) == n_files
    assert w.submission("P03-TCT", "plan")["revision"] == sub["revision"]


def test_deadline_day_itself_is_on_time(w):
    out = w.submit_plan("P04-TCT", now=w.d(3, 5) + " 23:59:00")
    assert out["timeliness"] == "on_time"


def test_after_lock_refused_without_exception(w, db):
    r = w["P05-TCT"].post(f"{API}/years/{w.year}/submissions/plan/submit",
                          files={"file": ("mau-01.pdf", PDF, "application/pdf")},
                          data={"part": "main"}, now=w.d(3, 6))
    body = expect(r, 422)
    assert body["error"] == "past_lock_date"
    assert "05/03/" in body["message"]  # the lock date, as officials read it
    # nothing written: no submission, no file
    assert w.submission("P05-TCT", "plan") is None
    assert db.scalar("SELECT COUNT(*) FROM file WHERE filename = 'mau-01.pdf' AND owner_agency_id = %s",
                     w.school["P05-TCT"]) == 0


def test_exception_for_one_school_is_logged_and_reopens_the_window(w, db, mailbox, deliver):
    head, cid = w["P03-TCT"], w.cluster["A"]
    # only the head (or the board) grants it
    r = w["P04-TCT"].post(f"{API}/clusters/{cid}/exceptions", json={
        "kind": "plan", "school": w.school["P05-TCT"], "until": w.d(3, 10),
        "reason": "Chậm do tỉnh điều chỉnh kế hoạch"}, now=w.d(3, 6))
    assert expect(r, 403)["error"] == "head_only"
    # a date not after the lock is no exception
    r = head.post(f"{API}/clusters/{cid}/exceptions", json={
        "kind": "plan", "school": w.school["P05-TCT"], "until": w.d(3, 5),
        "reason": "x"}, now=w.d(3, 4))
    assert expect(r, 422)["error"] == "exception_not_needed"
    out = expect(head.post(f"{API}/clusters/{cid}/exceptions", json={
        "kind": "plan", "school": w.school["P05-TCT"], "until": w.d(3, 10),
        "reason": "Chậm do tỉnh điều chỉnh kế hoạch"}, now=w.d(3, 6)), 201)
    audit = db.query("SELECT user_login, action, after_json FROM audit_log "
                     "WHERE entity = 'emulation.exception' AND entity_id = %s", out["id"])
    assert audit and audit[0]["action"] == "grant" and audit[0]["user_login"] == w.logins["P03-TCT"]
    assert w.d(3, 10) in audit[0]["after_json"]
    deliver()
    mails = mail_for(mailbox, w.logins["P05-TCT"])
    assert mails and "10/03/" in mails[0]["text"]

    # within the exception: accepted, but late
    out = w.submit_plan("P05-TCT", now=w.d(3, 8))
    assert out["timeliness"] == "late"
    assert w.submission("P05-TCT", "plan")["by_exception"] == 1
    # the exception is for that school only
    r = w["BCA-T"].post(f"{API}/years/{w.year}/submissions/plan/submit",
                        files={"file": ("mau-01.pdf", PDF, "application/pdf")},
                        data={"part": "main"}, now=w.d(3, 8))
    assert expect(r, 422)["error"] == "past_lock_date"
    # and ends on its own date
    expect(w["P05-TCT"].put(f"{API}/years/{w.year}/submissions/plan", json={"note": "bổ sung"},
                            now=w.d(3, 11)), 409)


def test_school_without_plan_is_not_evaluated(w):
    members = expect(w.board.get(f"{API}/clusters/{w.cluster['A']}", now=w.d(3, 20)), 200)["members"]
    ev = {m["code"]: m["evaluation"] for m in members}
    assert ev["BCA-T"] == "not_evaluated"
    assert ev["P03-TCT"] == "evaluated" and ev["P05-TCT"] == "evaluated"
    # before the lock the verdict is still open
    members = expect(w.board.get(f"{API}/clusters/{w.cluster['A']}", now=w.d(3, 1)), 200)["members"]
    assert {m["code"]: m["evaluation"] for m in members}["BCA-T"] == "pending"
    me = expect(w["BCA-T"].get(f"{API}/me?year={w.year}", now=w.d(4, 1)), 200)
    assert me["evaluation"] == "not_evaluated"
    # and cannot score itself
    r = w["BCA-T"].put(f"{API}/years/{w.year}/scorecards/{w.school['BCA-T']}/self",
                       json={"scores": w.full_scores("BCA-T")}, now=w.d(11, 1))
    assert expect(r, 422)["error"] == "school_not_evaluated"


def test_return_resubmit_accept(w, db, mailbox, deliver):
    head = w["P03-TCT"]
    sub = w.submission("P04-TCT", "plan")
    # another member does not even see it; the deputy may see the cluster but not judge
    r = w["P05-TCT"].post(f"{API}/submissions/{sub['id']}/return", json={"reason": "x"})
    assert expect(r, 404)["error"] == "not_found"
    own = w.submission("P04-TCT", "plan")
    r = w["P04-TCT"].post(f"{API}/submissions/{own['id']}/return", json={"reason": "x"})
    assert expect(r, 403)["error"] == "head_only"
    expect(head.post(f"{API}/submissions/{sub['id']}/return",
                     json={"reason": "Bổ sung chữ ký"}, now=w.d(3, 3)), 200)
    assert w.submission("P04-TCT", "plan")["state"] == "returned"
    deliver()
    mails = mail_for(mailbox, w.logins["P04-TCT"])
    assert mails and "Bổ sung chữ ký" in mails[0]["text"]
    # returned: editable again, resubmitted within the window
    expect(w["P04-TCT"].put(f"{API}/years/{w.year}/submissions/plan",
                            json={"note": "Đã bổ sung chữ ký"}, now=w.d(3, 4)), 200)
    out = expect(w["P04-TCT"].post(f"{API}/years/{w.year}/submissions/plan/submit", json={},
                                   now=w.d(3, 4)), 200)
    assert out["state"] == "resubmitted"
    assert out["timeliness"] == "on_time"  # the first submission decides timeliness
    expect(head.post(f"{API}/submissions/{sub['id']}/accept", json={}, now=w.d(3, 6)), 200)
    assert w.submission("P04-TCT", "plan")["state"] == "accepted"
    r = head.post(f"{API}/submissions/{sub['id']}/return", json={"reason": "x"})
    assert expect(r, 409)["error"] == "invalid_transition"


def test_missing_parts_and_bad_files_change_nothing(w, db):
    school = w["P03-TCT"]
    before = w.d(10, 1)
    # the report needs its file and the appendix figures
    r = school.post(f"{API}/years/{w.year}/submissions/school_report/submit", json={}, now=before)
    body = expect(r, 422)
    assert body["error"] == "missing_parts" and "Mẫu số 04" in body["message"]
    # wrong type: plain text is not a document
    r = school.post(f"{API}/years/{w.year}/submissions/school_report/files",
                    files={"file": ("bao-cao.txt", "Báo cáo".encode(), "application/pdf")},
                    data={"part": "main"}, now=before)
    body = expect(r, 422)
    assert body["fields"]["file"]["code"] == "file_type"
    # too large: over 10 MiB
    big = PDF + b"0" * (10 * 1024 * 1024)
    r = school.post(f"{API}/years/{w.year}/submissions/school_report/files",
                    files={"file": ("lon.pdf", big, "application/pdf")},
                    data={"part": "main"}, now=before)
    assert r.status_code in (413, 422)
    if r.status_code == 422:
        assert r.json()["fields"]["file"]["code"] == "file_too_large"
    # a part the kind does not have
    r = school.post(f"{API}/years/{w.year}/submissions/school_report/files",
                    files={"file": ("m09.pdf", PDF, "application/pdf")},
                    data={"part": "m09"}, now=before)
    assert expect(r, 422)["error"] == "unknown_part"
    sub = w.submission("P03-TCT", "school_report")
    assert sub is None or (sub["state"] == "not_submitted" and not files_of(db, sub["id"]))
    # with the file but without figures
    expect(school.post(f"{API}/years/{w.year}/submissions/school_report/files",
                       files={"file": ("bao-cao.pdf", PDF, "application/pdf")},
                       data={"part": "main"}, now=before), 201)
    r = school.post(f"{API}/years/{w.year}/submissions/school_report/submit", json={}, now=before)
    assert expect(r, 422)["error"] == "missing_figures"
    assert w.submission("P03-TCT", "school_report")["state"] == "not_submitted"


def test_cluster_submissions_belong_to_the_head(w):
    r = w["P04-TCT"].post(f"{API}/years/{w.year}/submissions/cluster_plan/submit",
                          files={"file": ("mau-02.pdf", PDF, "application/pdf")},
                          data={"part": "main"}, now=w.d(3, 10))
    assert expect(r, 403)["error"] == "head_only"
    out = expect(w["P03-TCT"].post(f"{API}/years/{w.year}/submissions/cluster_plan/submit",
                                   files={"file": ("mau-02.pdf", PDF, "application/pdf")},
                                   data={"part": "main"}, now=w.d(3, 16)), 200)
    assert out["timeliness"] == "late"  # due 15/3, lock 25/3
    assert w.submission(None, "cluster_plan")["state"] == "submitted"


def test_deadlines_are_configurable_per_year(w):
    d = w.deadlines["conference_plan"]
    r = w.board.put(f"{API}/deadlines/{d['id']}", json={"due_date": w.d(11, 12),
                                                        "lock_date": w.d(11, 11)})
    assert expect(r, 422)["error"] == "deadline_order"
    expect(w.board.put(f"{API}/deadlines/{d['id']}",
                       json={"due_date": "12/11/%d" % w.year, "lock_date": w.d(11, 30)}), 200)
    info = expect(w.board.get(f"{API}/years/{w.year}"), 200)
    row = {x["kind"]: x for x in info["deadlines"]}["conference_plan"]
    assert row["due_date"] == w.d(11, 12) and row["lock_date"] == w.d(11, 30)
    # a school cannot move deadlines
    assert w["P03-TCT"].put(f"{API}/deadlines/{d['id']}", json={
        "due_date": w.d(12, 1), "lock_date": w.d(12, 2)}).status_code == 403


def test_dashboard_shows_who_submitted_what(w):
    dash = expect(w["P03-TCT"].get(f"{API}/clusters/{w.cluster['A']}/dashboard", now=w.d(3, 20)), 200)
    cells = {s["code"]: {c["kind"]: c for c in s["cells"]} for s in dash["schools"]}
    assert cells["P03-TCT"]["plan"]["timeliness"] == "on_time"
    assert cells["P05-TCT"]["plan"]["timeliness"] == "late"
    assert cells["P05-TCT"]["plan"]["exception_until"] == w.d(3, 10)
    assert cells["BCA-T"]["plan"]["timeliness"] == "overdue"
    assert cells["P03-TCT"]["school_report"]["timeliness"] == "pending"
    # spreadsheet exports
    r = w["P03-TCT"].get(f"{API}/clusters/{w.cluster['A']}/dashboard?format=csv", now=w.d(3, 20))
    assert r.status_code == 200
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert "Đúng hạn" in text and "Trễ hạn" in text and "Quá hạn, chưa nộp" in text
    r = w["P03-TCT"].get(f"{API}/clusters/{w.cluster['A']}/dashboard?format=xlsx", now=w.d(3, 20))
    assert r.status_code == 200 and r.content[:2] == b"PK"


@pytest.mark.parametrize("server", ["apache"])
def test_same_rules_behind_apache(w, stack, server):
    c = w.fresh("P11-TCT", stack.url(server))
    r = c.post(f"{API}/years/{w.year}/submissions/plan/submit",
               files={"file": ("mau-01.pdf", PDF, "application/pdf")},
               data={"part": "main"}, now=w.d(3, 7))
    assert expect(r, 422)["error"] == "past_lock_date"
    out = expect(c.post(f"{API}/years/{w.year}/submissions/plan/submit",
                        files={"file": ("mau-01.pdf", PDF, "application/pdf")},
                        data={"part": "main"}, now=w.d(2, 27)), 200)
    assert out["timeliness"] == "on_time"


def test_files_can_be_removed_before_submitting_and_downloaded_by_those_who_may(w, db, stack):
    school = w["P03-TCT"]
    now = w.d(3, 20)
    expect(school.post(f"{API}/years/{w.year}/submissions/officers/files",
                       files={"file": ("danh-sach-mau-03.pdf", PDF, "application/pdf")},
                       data={"part": "main"}, now=now), 201)
    sub = w.submission(None, "officers")
    f = files_of(db, sub["id"])[0]
    # the file as uploaded, to the head and the board; not to another cluster
    r = school.get(f"{API}/submissions/{sub['id']}/files/{f['file_id']}")
    assert r.status_code == 200 and r.content == PDF
    assert w.board.get(f"{API}/submissions/{sub['id']}/files/{f['file_id']}").status_code == 200
    assert w["P06-TCT"].get(f"{API}/submissions/{sub['id']}/files/{f['file_id']}").status_code == 404
    # removal is kept on record, and only while editable
    expect(school.delete(f"{API}/submissions/{sub['id']}/files/{f['file_id']}", now=now), 200)
    assert files_of(db, sub["id"])[0]["removed_at"] is not None
    r = school.post(f"{API}/years/{w.year}/submissions/officers/submit", json={}, now=now)
    assert expect(r, 422)["error"] == "missing_parts"
    expect(school.post(f"{API}/years/{w.year}/submissions/officers/submit",
                       files={"file": ("danh-sach-mau-03.pdf", PDF, "application/pdf")},
                       data={"part": "main"}, now=now), 200)
    live = [x for x in files_of(db, sub["id"]) if x["removed_at"] is None]
    r = school.delete(f"{API}/submissions/{sub['id']}/files/{live[0]['file_id']}", now=now)
    assert expect(r, 409)["error"] == "submission_locked"
