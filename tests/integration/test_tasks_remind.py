"""Chasing: `cadre-admin tasks remind --date D` sends one digest per person
through the outbox, at 30 and 7 days before a due date, on the day and the
day after, and a weekly escalation to the supervising unit while a task is
overdue. Each test asserts exactly which digests go out on a date, to whom,
about which tasks: a focal person takes a unit's reminders, a unit without
one is reached through its officers, nobody gets anything twice for the same
task and date, and a person with nothing due gets nothing."""

from __future__ import annotations

import re

import pytest

from harness import expect
from test_tasks_support import (
    last_outbox_id, make_world, outbox_since, programme_text, section, task_a, task_b,
)


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin, tmp_path_factory):
    w = make_world(stack, db, cadre_admin)
    w.user("focal1", "l1", "tasks_focal officer")   # l1 has a focal person …
    w.user("officer1", "l1", "officer")             # … so its other officers are not chased
    w.user("officer2", "l2", "officer")             # l2 has none: its officers are
    w.user("owner_rev", "owner", "reviewer")        # the owner supervises Part A
    w.user("sup_rev", "sup", "reviewer")            # named supervisor of Part B
    w.user("l2_noemail", "l2", "officer", email=False)
    # l3 has nobody at all
    n = w.names
    text = programme_text(
        [section("I", "Nhiệm vụ có hạn"),
         task_a(1, "Nhiệm vụ hạn tháng 4", n["l1"], "Tháng 4/2026"),
         task_a(2, "Nhiệm vụ hạn tháng 5", n["l1"], "Tháng 5/2026"),
         task_a(3, "Nhiệm vụ thường xuyên", n["l2"], "Thực hiện thường xuyên"),
         task_a(4, "Nhiệm vụ của đơn vị không có người", n["l3"], "Tháng 4/2026"),
         task_a(5, "Nhiệm vụ đã báo cáo hoàn thành", n["l2"], "Tháng 4/2026")],
        [section("I", f"Các đề án, nhiệm vụ do {n['l2']} chủ trì", cols=5),
         task_b(1, "Nhiệm vụ phần B", "", n["sup"], "Tháng 6/2026")])
    w.code, _ = w.import_cli(text, tmp_path_factory.mktemp("remind"), starts="2026-01-01")
    w.t = w.tasks(w.code)
    # task 5 is claimed before any reminder: it is not chased any more
    expect(w.client("officer2", now="2026-03-20").post(
        f"/api/tasks/tasks/{w.t['A.5']['id']}/progress",
        data={"status": "claimed", "note": "Đã xong", "result_doc": "05-BC"}), 200)
    return w


def remind(world, day):
    """Runs the command for a day; returns {person key: [task keys]} of the
    digests it queued for this world's people, and the raw rows."""
    before = last_outbox_id(world.db)
    out = world.admin("tasks", "remind", "--date", day)
    rows = outbox_since(world.db, before, list(world.emails.values()))
    by_email = {v: k for k, v in world.emails.items()}
    ids = {t["id"]: k for k, t in world.t.items()}
    got = {}
    for r in rows:
        who = by_email[r["recipient"]]
        assert who not in got, f"two digests for {who} on {day}"
        tasks = [ids[int(i)] for i in re.findall(r"/tasks/task\.html\?id=(\d+)", r["body"]) if int(i) in ids]
        got[who] = tasks
        assert f"{day[8:10]}/{day[5:7]}/{day[:4]}" in r["subject"]
        assert f"{len(tasks)} nhiệm vụ" in r["subject"]
    return got, rows, out


def test_thirty_days_before_and_the_end_of_a_reporting_period(world):
    got, rows, out = remind(world, "2026-03-31")
    # task 1: T-30 to l1's focal person; task 3 (quarterly): its report is due
    # today, to l2's officer; task 4's unit has nobody (reported on stdout);
    # task 5 is claimed
    assert got == {"focal1": ["A.1"], "officer2": ["A.3"]}
    body = next(r["body"] for r in rows if r["recipient"] == world.emails["focal1"])
    assert "Còn 30 ngày đến hạn" in body and "Hạn: 30/04/2026 (Tháng 4/2026)" in body
    assert "Không có người nhận: nhiệm vụ A.4" in out.stdout


def test_the_day_after_a_period_without_report(world):
    got, _, _ = remind(world, "2026-04-01")
    assert got == {"officer2": ["A.3"]}


def test_seven_days_before_and_on_the_day(world):
    assert remind(world, "2026-04-23")[0] == {"focal1": ["A.1"]}
    got, rows, _ = remind(world, "2026-04-30")
    assert got == {"focal1": ["A.1"]}
    assert "Đến hạn hôm nay" in rows[0]["body"]


def test_one_digest_with_everything_due_sorted_by_date(world):
    got, rows, _ = remind(world, "2026-05-01")
    # task 1 is a day late, task 2 is due in 30 days: one digest, earliest first
    assert got == {"focal1": ["A.1", "A.2"]}
    assert "Đã quá hạn 1 ngày" in rows[0]["body"] and "Còn 30 ngày đến hạn" in rows[0]["body"]


def test_nothing_twice_for_the_same_task_and_date(world, db):
    n = db.scalar("SELECT COUNT(*) FROM tasks_reminder WHERE remind_on = '2026-05-01' AND task_id IN (%s, %s)",
                  world.t["A.1"]["id"], world.t["A.2"]["id"])
    got, _, out = remind(world, "2026-05-01")
    assert got == {}
    assert db.scalar("SELECT COUNT(*) FROM tasks_reminder WHERE remind_on = '2026-05-01'"
                     " AND task_id IN (%s, %s)", world.t["A.1"]["id"], world.t["A.2"]["id"]) == n == 2


def test_a_day_with_nothing_due_sends_nothing(world):
    assert remind(world, "2026-04-15")[0] == {}


def test_weekly_escalation_to_the_supervising_unit(world):
    # a week after 30/04, tasks 1 and 4 are still open: the owner (Part A's
    # supervisor) hears about both; the lead units are not chased that day
    got, rows, _ = remind(world, "2026-05-07")
    assert got == {"owner_rev": ["A.1", "A.4"]}
    assert "Quá hạn, đề nghị đơn vị đôn đốc" in rows[0]["body"]
    assert remind(world, "2026-05-08")[0] == {}
    assert remind(world, "2026-05-14")[0] == {"owner_rev": ["A.1", "A.4"]}


def test_part_b_escalates_to_its_named_supervisor_and_a_claim_stops_the_chase(world):
    b1 = next(t for k, t in world.t.items() if k.startswith("B."))
    # 01/07: the day after 30/06, to the group's lead (l2's officer); the
    # quarterly task 3 is also a day late for Q2
    got, _, _ = remind(world, "2026-07-01")
    assert got == {"officer2": sorted(["A.3", next(k for k in world.t if k.startswith("B."))],
                                      key=lambda k: list(world.t).index(k))}
    # 07/07: a week late, B.I.1 escalates to its named supervisor; task 3's
    # missing Q2 report escalates to the owner (Part A's supervisor)
    b_key = next(k for k in world.t if k.startswith("B."))
    got, _, _ = remind(world, "2026-07-07")
    assert got == {"sup_rev": [b_key], "owner_rev": ["A.3"]}
    # once claimed, no more reminders about it
    expect(world.client("officer2", now="2026-07-08").post(
        f"/api/tasks/tasks/{b1['id']}/progress",
        data={"status": "claimed", "note": "Đã xong", "result_doc": "06-BC"}), 200)
    got, _, _ = remind(world, "2026-07-14")
    assert got == {"owner_rev": ["A.3"]}


def test_the_dry_run_sends_and_records_nothing(world, db):
    before = last_outbox_id(db)
    n = db.scalar("SELECT COUNT(*) FROM tasks_reminder WHERE remind_on = '2026-05-21'")
    out = world.admin("tasks", "remind", "--date", "2026-05-21", "--dry-run")
    assert "chạy thử" in out.stdout
    assert outbox_since(db, before, list(world.emails.values())) == []
    assert db.scalar("SELECT COUNT(*) FROM tasks_reminder WHERE remind_on = '2026-05-21'") == n
    # and the real run afterwards still sends
    assert remind(world, "2026-05-21")[0] == {"owner_rev": ["A.1", "A.4"]}


def test_bad_dates_are_refused(world):
    r = world.admin("tasks", "remind", "--date", "2026-13-01", check=False)
    assert r.returncode == 2 and "không hợp lệ" in r.stderr
