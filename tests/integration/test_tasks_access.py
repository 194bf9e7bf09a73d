"""Who may do what with a task: the lead unit reports and claims, and no
other unit may; the supervising unit (or, when the task names none, the
programme's owner) confirms or returns, never for its own task; extension
requests keep the original date; agencies outside the scope see nothing;
the programme's admin sets deadlines. Every change lands in the history and
the audit log, and each answer is checked against the database."""

from __future__ import annotations

import csv
import io

import pytest

from harness import expect
from test_tasks_support import (
    last_outbox_id, make_world, outbox_since, programme_text, section, task_a, task_b,
)


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    w.user("owner_admin", "owner", "admin officer")
    w.user("owner_rev", "owner", "reviewer")
    w.user("l1", "l1", "officer")
    w.user("l1_rev", "l1", "reviewer officer")
    w.user("l1_viewer", "l1", "viewer")
    w.user("l2", "l2", "officer")
    w.user("sup_rev", "sup", "reviewer")
    w.user("outsider", "outsider", "admin officer")
    return w


def make_programme(world, tmp_path):
    n = world.names
    text = programme_text(
        [section("I", "Về tổ chức bộ máy"),
         task_a(1, "Xây dựng đề án thử nghiệm về đảng viên", n["l1"], "Tháng 4/2026"),
         task_a(2, "Sơ kết mô hình thử nghiệm", n["l2"], "Quý II/2026"),
         task_a(3, "Theo dõi thường xuyên", n["l1"], "Thực hiện thường xuyên"),
         task_a(4, "Nhiệm vụ chưa rõ hạn", n["l1"], "Theo kế hoạch của Ban Bí thư")],
        [section("I", f"Các đề án, nhiệm vụ do {n['l1']} chủ trì", cols=5),
         task_b(1, "Hoàn thiện cơ chế phối hợp", n["l2"], n["sup"], "Tháng 6/2026")])
    code, _ = world.import_cli(text, tmp_path)
    return world.tasks(code), code


def progress_count(db, task_id):
    return db.scalar("SELECT COUNT(*) FROM tasks_progress WHERE task_id = %s", task_id)


def history(db, task_id):
    return [r["action"] for r in db.query("SELECT action FROM tasks_history WHERE task_id = %s ORDER BY id",
                                          task_id)]


@pytest.mark.parametrize("web", ["nginx", "apache"])
def test_a_unit_cannot_update_another_units_task(world, db, tmp_path, web):
    tasks, _ = make_programme(world, tmp_path)
    t1, t2 = tasks["A.1"], tasks["A.2"]
    r = world.client("l2", web=web).post(f"/api/tasks/tasks/{t1['id']}/progress", data={"note": "Không phải việc của tôi"})
    assert expect(r, 403)["error"] == "not_lead_unit"
    assert progress_count(db, t1["id"]) == 0 and history(db, t1["id"]) == ["import"]
    assert db.scalar("SELECT status FROM tasks_task WHERE id = %s", t1["id"]) == "not_started"
    # nor ask for more time on it
    r = world.client("l2", web=web).post(f"/api/tasks/tasks/{t1['id']}/extensions",
                                data={"new_due": "2026-06-30", "reason": "x"})
    assert expect(r, 403)["error"] == "not_lead_unit"
    # but it reports on its own
    r = expect(world.client("l2", web=web).post(f"/api/tasks/tasks/{t2['id']}/progress",
                                               data={"note": "Đã họp triển khai", "percent": "20"}), 200)
    assert r["status"] == "in_progress"
    row = db.one("SELECT status, percent, last_report_on FROM tasks_task WHERE id = %s", t2["id"])
    assert (row["status"], row["percent"]) == ("in_progress", 20) and row["last_report_on"] is not None
    assert history(db, t2["id"]) == ["import", "report"]
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'tasks.task' AND entity_id = %s"
                     " AND action = 'progress' AND user_login = %s", t2["id"], world.logins["l2"]) == 1
    # a viewer of the lead unit cannot post (route roles)
    r = world.client("l1_viewer").post(f"/api/tasks/tasks/{t1['id']}/progress", data={"note": "x"})
    assert expect(r, 403)["error"] == "forbidden"


def test_claim_then_confirm_by_the_supervisor_never_by_the_lead(world, db, tmp_path):
    tasks, _ = make_programme(world, tmp_path)
    t1 = tasks["A.1"]
    lead = world.client("l1", now="2026-04-20")
    # a claim names its result
    r = lead.post(f"/api/tasks/tasks/{t1['id']}/progress", data={"status": "claimed", "note": "Xong"})
    assert expect(r, 422)["error"] == "result_required"
    before = last_outbox_id(db)
    expect(lead.post(f"/api/tasks/tasks/{t1['id']}/progress",
                     data={"status": "claimed", "note": "Đã trình Ban Bí thư", "result_doc": "15-TTr/BTCTW",
                           "result_date": "2026-04-18"}), 200)
    row = db.one("SELECT status, claimed_on, percent FROM tasks_task WHERE id = %s", t1["id"])
    assert row["status"] == "claimed" and str(row["claimed_on"]) == "2026-04-20" and row["percent"] == 100
    # the owner supervises Part A tasks: its reviewers are told
    mail = outbox_since(db, before, [world.emails["owner_rev"]])
    assert len(mail) == 1 and "xác nhận hoàn thành" in mail[0]["subject"]
    # the lead unit's reviewer may not confirm its own task
    r = world.client("l1_rev").post(f"/api/tasks/tasks/{t1['id']}/review", data={"decision": "confirm"})
    assert expect(r, 403)["error"] == "self_review"
    # another unit's reviewer is not the supervisor either
    r = world.client("sup_rev").post(f"/api/tasks/tasks/{t1['id']}/review", data={"decision": "confirm"})
    assert expect(r, 403)["error"] == "not_supervisor"
    assert db.scalar("SELECT status FROM tasks_task WHERE id = %s", t1["id"]) == "claimed"
    # the owner's reviewer confirms, later: completion counts from the claim
    expect(world.client("owner_rev", now="2026-05-05").post(
        f"/api/tasks/tasks/{t1['id']}/review", data={"decision": "confirm", "note": "Đạt"}), 200)
    row = db.one("SELECT status, completed_on FROM tasks_task WHERE id = %s", t1["id"])
    assert row["status"] == "completed" and str(row["completed_on"]) == "2026-04-20"
    assert history(db, t1["id"]) == ["import", "claim", "confirm"]
    detail = expect(world.client("l1").get(f"/api/tasks/tasks/{t1['id']}", params={"as_of": "2026-06-01"}), 200)
    assert detail["task"]["timeliness"] == "on_time"
    # confirmed twice? the state says no
    r = world.client("owner_rev").post(f"/api/tasks/tasks/{t1['id']}/review", data={"decision": "confirm"})
    assert expect(r, 409)["error"] == "wrong_state"


def test_a_named_supervising_unit_confirms_part_b(world, db, tmp_path):
    tasks, _ = make_programme(world, tmp_path)
    b1 = next(t for k, t in tasks.items() if k.startswith("B."))
    # the group's organisation leads: l1's officer claims
    expect(world.client("l1").post(f"/api/tasks/tasks/{b1['id']}/progress",
                                   data={"status": "claimed", "note": "Đã ban hành", "result_doc": "01-QC"}), 200)
    # the owner's reviewer is not the named supervisor
    r = world.client("owner_rev").post(f"/api/tasks/tasks/{b1['id']}/review", data={"decision": "confirm"})
    assert expect(r, 403)["error"] == "not_supervisor"
    # returning needs a reason
    r = world.client("sup_rev").post(f"/api/tasks/tasks/{b1['id']}/review", data={"decision": "return"})
    assert expect(r, 422)["error"] == "note_required"
    expect(world.client("sup_rev").post(f"/api/tasks/tasks/{b1['id']}/review",
                                        data={"decision": "return", "note": "Thiếu phụ lục"}), 200)
    row = db.one("SELECT status, claimed_on FROM tasks_task WHERE id = %s", b1["id"])
    assert row["status"] == "returned" and row["claimed_on"] is None
    # the lead unit works on, claims again, the supervisor confirms
    expect(world.client("l1").post(f"/api/tasks/tasks/{b1['id']}/progress",
                                   data={"note": "Bổ sung phụ lục"}), 200)
    expect(world.client("l1").post(f"/api/tasks/tasks/{b1['id']}/progress",
                                   data={"status": "claimed", "note": "Đã bổ sung", "result_doc": "01-QC"}), 200)
    expect(world.client("sup_rev").post(f"/api/tasks/tasks/{b1['id']}/review",
                                        data={"decision": "confirm"}), 200)
    assert history(db, b1["id"]) == ["import", "claim", "return", "report", "claim", "confirm"]
    assert [r["action"] for r in db.query(
        "SELECT action FROM audit_log WHERE entity = 'tasks.task' AND entity_id = %s ORDER BY id", b1["id"])] == \
        ["import", "claim", "return", "progress", "claim", "confirm"]


def test_an_extension_keeps_the_original_date(world, db, tmp_path):
    tasks, _ = make_programme(world, tmp_path)
    t1 = tasks["A.1"]
    lead = world.client("l1")
    r = lead.post(f"/api/tasks/tasks/{t1['id']}/extensions", data={"new_due": "2026-04-15", "reason": "x"})
    assert expect(r, 422)["error"] == "extension_not_later"
    ext = expect(lead.post(f"/api/tasks/tasks/{t1['id']}/extensions",
                           data={"new_due": "2026-06-30", "reason": "Chờ ý kiến các cơ quan"}), 200)["id"]
    r = lead.post(f"/api/tasks/tasks/{t1['id']}/extensions", data={"new_due": "2026-07-31", "reason": "y"})
    assert expect(r, 409)["error"] == "extension_pending"
    # the lead unit does not decide its own request
    r = world.client("l1_rev").post(f"/api/tasks/extensions/{ext}/decision", data={"decision": "approve"})
    assert expect(r, 403)["error"] == "self_review"
    expect(world.client("owner_rev").post(f"/api/tasks/extensions/{ext}/decision",
                                          data={"decision": "approve", "note": "Đồng ý"}), 200)
    row = db.one("SELECT due_date, original_due FROM tasks_task WHERE id = %s", t1["id"])
    assert (str(row["due_date"]), str(row["original_due"])) == ("2026-06-30", "2026-04-30")
    r = world.client("owner_rev").post(f"/api/tasks/extensions/{ext}/decision", data={"decision": "reject"})
    assert expect(r, 409)["error"] == "extension_decided"
    # as of 15/05 the task is no longer overdue; its original date is still shown
    t = expect(lead.get(f"/api/tasks/tasks/{t1['id']}", params={"as_of": "2026-05-15"}), 200)["task"]
    assert t["timeliness"] == "on_time" and t["extended"] is True and t["original_due"] == "2026-04-30"
    assert history(db, t1["id"]) == ["import", "extension_request", "extension_approved"]


def test_agencies_outside_the_scope_see_nothing(world, db, tmp_path):
    tasks, code = make_programme(world, tmp_path)
    t1 = tasks["A.1"]
    out = world.client("outsider")
    assert expect(out.get(f"/api/tasks/tasks/{t1['id']}"), 404)["error"] == "not_found"
    r = out.post(f"/api/tasks/tasks/{t1['id']}/progress", data={"note": "x"})
    assert expect(r, 404)["error"] == "not_found"
    prog_id = world.programme(code)["id"]
    assert expect(out.get(f"/api/tasks/programmes/{prog_id}"), 404)["error"] == "not_found"
    listed = expect(out.get("/api/tasks/tasks", params={"programme": prog_id}), 200)
    assert listed["total"] == 0
    assert prog_id not in [p["id"] for p in expect(out.get("/api/tasks/programmes"), 200)]
    # the lead unit (national scope) does see it
    assert expect(world.client("l1").get("/api/tasks/tasks", params={"programme": prog_id}), 200)["total"] == 5


def test_the_programme_admin_sets_a_deadline_the_file_did_not_give(world, db, tmp_path):
    tasks, _ = make_programme(world, tmp_path)
    t4 = tasks["A.4"]
    assert t4["deadline_kind"] == "unparsed" and t4["due_date"] is None
    r = world.client("l1").put(f"/api/tasks/tasks/{t4['id']}/deadline", json={"due_date": "30/09/2026"})
    assert expect(r, 403)["error"] == "forbidden"
    r = world.client("outsider").put(f"/api/tasks/tasks/{t4['id']}/deadline", json={"due_date": "30/09/2026"})
    assert expect(r, 404)["error"] == "not_found"
    expect(world.client("owner_admin").put(f"/api/tasks/tasks/{t4['id']}/deadline",
                                           json={"due_date": "30/09/2026", "note": "Theo kế hoạch năm"}), 200)
    row = db.one("SELECT due_date, original_due, deadline_kind, deadline_text FROM tasks_task WHERE id = %s",
                 t4["id"])
    assert str(row["due_date"]) == "2026-09-30" and row["deadline_kind"] == "manual"
    assert row["deadline_text"] == "Theo kế hoạch của Ban Bí thư"
    # cancelling needs a reason; the admin may, the lead may not
    r = world.client("owner_admin").post(f"/api/tasks/tasks/{t4['id']}/cancel", json={})
    assert expect(r, 422)["error"] == "validation_failed"
    expect(world.client("owner_admin").post(f"/api/tasks/tasks/{t4['id']}/cancel",
                                            json={"note": "Gộp vào nhiệm vụ 1"}), 200)
    assert history(db, t4["id"]) == ["import", "set_deadline", "cancel"]


def test_list_filters_overdue_as_of_a_day_and_exports(world, db, tmp_path):
    tasks, code = make_programme(world, tmp_path)
    pid = world.programme(code)["id"]
    c = world.client("l1")
    ids = lambda answer: sorted(t["id"] for t in answer["items"])  # noqa: E731

    # as of 10/05/2026: task 1 (April) is overdue, task 2 (Q2) not yet
    over = expect(c.get("/api/tasks/tasks", params={"programme": pid, "timeliness": "overdue",
                                                    "as_of": "2026-05-10"}), 200)
    assert tasks["A.1"]["id"] in ids(over) and tasks["A.2"]["id"] not in ids(over)
    assert all(t["timeliness"] == "overdue" for t in over["items"])
    # as of 01/04/2026 it was not
    before = expect(c.get("/api/tasks/tasks", params={"programme": pid, "timeliness": "overdue",
                                                      "as_of": "2026-04-01"}), 200)
    assert tasks["A.1"]["id"] not in ids(before)
    # accent-free search
    found = expect(c.get("/api/tasks/tasks", params={"programme": pid, "q": "DANG VIEN thu nghiem"}), 200)
    assert ids(found) == [tasks["A.1"]["id"]]
    # by unit and role, by part, by deadline quarter
    mine = expect(c.get("/api/tasks/tasks", params={"programme": pid, "unit": world.agencies["l2"],
                                                    "role": "lead"}), 200)
    assert ids(mine) == [tasks["A.2"]["id"]]
    coord = expect(c.get("/api/tasks/tasks", params={"programme": pid, "unit": world.agencies["l2"],
                                                     "role": "coordinating"}), 200)
    assert [t["part"] for t in coord["items"]] == ["B"]
    q2 = expect(c.get("/api/tasks/tasks", params={"programme": pid, "year": 2026, "quarter": 2}), 200)
    assert {t["part"] + t["number_text"] for t in q2["items"]} == {"A1", "A2", "B1"}
    part_b = expect(c.get("/api/tasks/tasks", params={"programme": pid, "part": "B"}), 200)
    assert part_b["total"] == 1
    # paging
    page = expect(c.get("/api/tasks/tasks", params={"programme": pid, "per_page": 2, "page": 2}), 200)
    assert page["total"] == 5 and len(page["items"]) == 2

    # CSV with BOM, the same filter, Vietnamese headers
    r = c.get("/api/tasks/tasks", params={"programme": pid, "timeliness": "overdue", "as_of": "2026-05-10",
                                          "format": "csv"})
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Chương trình", "Phần", "Mục", "TT"]
    assert len(rows) - 1 == over["total"]
    assert {row[5] for row in rows[1:]} == {t["name"] for t in over["items"]}
    # XLSX
    r = c.get("/api/tasks/tasks", params={"programme": pid, "format": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "spreadsheetml" in r.headers["Content-Type"]
    # dashboard: counts by lead unit add up
    dash = expect(c.get("/api/tasks/dashboard", params={"programme": pid, "as_of": "2026-05-10"}), 200)
    by_unit = {u["agency_id"]: u for u in dash["units"]}
    assert by_unit[world.agencies["l1"]]["total"] == 4  # tasks 1, 3, 4 and group B.I
    assert by_unit[world.agencies["l2"]]["total"] == 1
    assert dash["totals"]["total"] == 5
    assert dash["totals"]["timeliness"]["overdue"] == over["total"]
    # by month of the deadline, in calendar order; no fixed date last
    assert [(m["month"], m["total"]) for m in dash["months"]] == [("2026-04", 1), ("2026-06", 2), ("none", 2)]
    assert sum(s["total"] for s in dash["sections"]) == 5


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_progress_attachments_are_served_only_within_scope(world, db, tmp_path):
    tasks, _ = make_programme(world, tmp_path)
    t2 = tasks["A.2"]
    r = expect(world.client("l2").post(
        f"/api/tasks/tasks/{t2['id']}/progress",
        data={"status": "claimed", "note": "Kèm biên bản", "percent": "100"},
        files=[("attachment", ("bien-ban.pdf", PDF, "application/pdf")),
               ("attachment", ("phu-luc.pdf", PDF + b"%phu luc\n", "application/pdf"))]), 200)
    atts = db.query("SELECT ta.id, f.filename, f.mime FROM tasks_attachment ta JOIN file f ON f.id = ta.file_id"
                    " WHERE ta.progress_id = %s ORDER BY ta.id", r["id"])
    assert [(a["filename"], a["mime"]) for a in atts] == [("bien-ban.pdf", "application/pdf"),
                                                          ("phu-luc.pdf", "application/pdf")]
    att = atts[0]
    detail = expect(world.client("owner_rev").get(f"/api/tasks/tasks/{t2['id']}"), 200)
    assert [a["id"] for a in detail["progress"][0]["attachments"]] == [a["id"] for a in atts]
    got = world.client("owner_rev").get(f"/api/tasks/attachments/{att['id']}")
    assert got.status_code == 200 and got.content == PDF
    assert expect(world.client("outsider").get(f"/api/tasks/attachments/{att['id']}"), 404)["error"] == "not_found"
    # a file the route does not accept changes nothing
    before = progress_count(db, t2["id"])
    r = world.client("l2").post(f"/api/tasks/tasks/{t2['id']}/progress", data={"note": "x"},
                                files={"attachment": ("virus.exe", b"MZ\x90\x00" + b"\x00" * 64,
                                                      "application/octet-stream")})
    assert r.status_code in (415, 422)
    assert progress_count(db, t2["id"]) == before


def test_the_owners_admin_sets_the_reporting_period(world, db, tmp_path):
    _, code = make_programme(world, tmp_path)
    pid = world.programme(code)["id"]
    r = world.client("outsider").put(f"/api/tasks/programmes/{pid}", json={"report_period": "month"})
    assert expect(r, 404)["error"] == "not_found"
    r = world.client("l1").put(f"/api/tasks/programmes/{pid}", json={"report_period": "month"})
    assert expect(r, 403)["error"] == "forbidden"
    expect(world.client("owner_admin").put(f"/api/tasks/programmes/{pid}",
                                           json={"report_period": "month", "starts_on": "01/03/2026"}), 200)
    row = world.programme(code)
    assert row["report_period"] == "month" and str(row["starts_on"]) == "2026-03-01"
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'tasks.programme' AND entity_id = %s"
                     " AND action = 'update'", pid) == 1
    # the ongoing task now owes a report every month
    t3 = expect(world.client("l1").get("/api/tasks/tasks", params={"programme": pid, "as_of": "2026-04-10",
                                                                   "q": "theo doi thuong xuyen"}), 200)
    assert t3["items"][0]["next_report_due"] == "2026-04-30"
