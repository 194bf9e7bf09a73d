"""Importing the programme: the seed file as it is (counts checked against
the file's own content), a dry run that writes nothing, re-imports that
create nothing, a corrected file that updates text but keeps progress,
units matched to agencies or created pending, and bad input refused whole
with each problem named by its line."""

from __future__ import annotations

import re

import pytest

from harness import expect
from test_tasks_support import (
    SEED, clean, expected_due, import_http, make_world, programme_text, read_seed, section,
    task_a, uniq,
)


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    w.user("admin", "owner", "admin officer")
    w.user("l1", "l1", "officer")
    w.user("other_admin", "outsider", "admin officer")
    return w


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def facts(seed_text):
    return read_seed(seed_text)


def counts(db):
    return {t: db.scalar(f"SELECT COUNT(*) FROM {t}")
            for t in ("agency", "tasks_programme", "tasks_section", "tasks_task", "tasks_task_unit")}


# ---------------------------------------------------------------------------
# the seed


@pytest.mark.parametrize("web", ["nginx", "apache"])
def test_dry_run_reports_the_seed_as_the_file_has_it_and_writes_nothing(world, db, facts, web):
    code = uniq("SEED-DRY-")
    before = counts(db)
    r = expect(import_http(world.client("admin", web=web), SEED.read_bytes(), name=SEED.name, code=code,
                           dry_run=True), 200)
    assert r["dry_run"] is True and r["ok"] is True and r["written"] is False
    # rows and their kinds, as the file has them
    for key in ("lines", "rows_read", "header_rows", "section_rows", "task_rows",
                "continuation_rows"):
        assert r[key] == facts[key], key
    assert r["repeated_headers"] == facts["header_rows"] - 2  # one header per table is not a repeat
    assert r["tasks_total"] == len(facts["tasks"])
    assert r["unplaced_rows"] == 0 and r["unplaced"] == [] and r["errors"] == []
    # tasks per part and per section
    parts = {p["part"]: p for p in r["parts"]}
    assert {k: parts[k]["tasks"] for k in parts} == facts["part_tasks"]
    for part in ("A", "B"):
        want: dict[str, int] = {}
        for t in facts["tasks"]:
            if t["part"] == part:
                want[t["section"]] = want.get(t["section"], 0) + 1
        got = {s["numeral"]: s["tasks"] for s in parts[part]["sections"]}
        assert got == want, part
    # Part B groups carry their organisation
    for s in parts["B"]["sections"]:
        title = next(x["title"] for x in facts["sections"] if x["part"] == "B" and x["numeral"] == s["numeral"])
        assert s["lead"] and s["lead"] in title and title.startswith("Các đề án, nhiệm vụ do ")
    # joined rows, duplicated numbers, missing numbers
    assert [j["line"] for j in r["joins"]] == facts["continuation_lines"]
    dups = {(d["part"], d["number"]): d["lines"] for d in r["duplicates"]}
    assert dups == {(k[0], k[-1]): v for k, v in facts["duplicates"].items()}
    gaps = [(g["part"], g["from"], g["to"]) for g in r["gaps"]]
    missing = facts["a_missing"]
    assert gaps == [("A", missing[0], missing[-1])] and missing == list(range(missing[0], missing[-1] + 1))
    # deadlines: every one understood, none left for an official
    assert r["unparsed_deadlines"] == []
    assert sum(r["deadline_kinds"].get(k, 0) for k in
               ("day", "month", "quarter", "year", "range", "ongoing", "yearly")) == len(facts["tasks"])
    # what a dry run would do, and that it did nothing
    assert r["created"] == len(facts["tasks"]) and r["updated"] == 0
    assert world.programme(code) is None
    assert counts(db) == before


def test_import_writes_every_task_and_keeps_all_the_text(world, db, facts, tmp_path):
    code, out = world.import_cli(SEED.read_bytes(), tmp_path)
    assert f"Tổng số nhiệm vụ: {len(facts['tasks'])}" in out.stdout
    prog = world.programme(code)
    assert prog["owner_agency_id"] == world.agencies["owner"]
    tasks = world.tasks(code)
    assert len(tasks) == len(facts["tasks"])
    # the duplicated number is kept twice and flagged
    for (part, *_rest, number), lines in facts["duplicates"].items():
        same = [t for t in tasks.values() if t["part"] == part and t["number"] == number]
        assert len(same) == len(lines) and all(t["duplicate_number"] for t in same)
        assert sorted(t["dup_seq"] for t in same) == list(range(len(lines)))
    # the due date of every task is what its text says
    by_line = {int(t["source_lines"].split(",")[0]): t for t in tasks.values()}
    for f in facts["tasks"]:
        t = by_line[f["line"]]
        assert t["deadline_text"] == f["deadline"]
        due = expected_due(f["deadline"])
        assert (str(t["due_date"]) if t["due_date"] else None) == due, f["deadline"]
        if "thường xuyên" in f["deadline"]:
            assert t["ongoing"] == 1
        if "hằng năm" in f["deadline"]:
            assert t["deadline_kind"] == "yearly" and (t["yearly_month"], t["yearly_day"]) == (2, 3)
    # no text dropped: every cell of every table row is somewhere in the
    # programme (tasks, sections), continuations included
    fields = [v for t in tasks.values() for v in (t["basis"], t["title"], t["submit_to"], t["lead_text"],
                                                  t["coord_text"], t["supervise_text"], t["deadline_text"])]
    fields += [s["title"] for s in db.query(
        "SELECT title FROM tasks_section WHERE programme_id = %s", prog["id"])]
    squeezed = [re.sub(r"\s+", "", f) for f in fields]
    for n, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), 1):
        if "\t" not in line or line.startswith("TT\t"):
            continue
        for cell in line.split("\t")[1:]:
            c = re.sub(r"\s+", "", clean(cell))
            if c:
                assert any(c in f for f in squeezed), f"line {n}: «{clean(cell)}» was dropped"
    # prose outside the tables is kept verbatim
    assert "TRƯỞNG BAN" in prog["preamble"] and "Nơi nhận" in prog["preamble"]
    # units: names matched to agencies, accents and case ignored
    unit = lambda t, role: {r["code"] for r in db.query(  # noqa: E731
        "SELECT a.code FROM tasks_task_unit tu JOIN agency a ON a.id = tu.agency_id"
        " WHERE tu.task_id = %s AND tu.role = %s", t["id"], role)}
    vtcdl = [t for t in tasks.values() if t["lead_text"] == "Vụ Tổ chức - Điều lệ"]
    assert vtcdl and all(unit(t, "lead") == {"BTCTW-VTCDL"} for t in vtcdl)
    lowercase = [t for t in tasks.values() if t["lead_text"] == "Cục bảo vệ chính trị nội bộ"]
    assert lowercase and all(unit(t, "lead") == {"BTCTW-CBVCT"} for t in lowercase)
    academy = [t for t in tasks.values() if t["part"] == "B" and t["numeral"] == "VII"]
    assert academy and all(unit(t, "lead") == {"HVCTQG"} for t in academy)
    # the stored report says the same as the file
    rep = db.one("SELECT report_json FROM tasks_import WHERE programme_id = %s ORDER BY id DESC LIMIT 1",
                 prog["id"])
    import json
    rep = json.loads(rep["report_json"])
    assert rep["task_rows"] == facts["task_rows"] and rep["created"] == len(facts["tasks"])


def test_importing_the_same_file_again_creates_nothing(world, db, tmp_path):
    code, _ = world.import_cli(SEED.read_bytes(), tmp_path)
    before = counts(db)
    r = expect(import_http(world.client("admin"), SEED.read_bytes(), name=SEED.name, code=code), 200)
    assert r["written"] is True
    assert (r["created"], r["updated"]) == (0, 0) and r["unchanged"] == r["tasks_total"]
    assert r["units"]["created"] == 0
    assert counts(db) == before
    # and the CLI says the same
    _, out = world.import_cli(SEED.read_bytes(), tmp_path, code=code)
    assert "0 tạo mới, 0 cập nhật" in out.stdout
    assert counts(db) == before


# ---------------------------------------------------------------------------
# small programmes


def small(world, title2="Sửa đổi quy định B", deadline1="Tháng 4/2026", extra=None):
    rows = [section("I", "Về tổ chức"),
            task_a(1, "Xây dựng đề án A", world.names["l1"], deadline1),
            task_a(2, title2, world.names["l2"], "Quý II/2026")]
    rows += extra or []
    return programme_text(rows)


def test_a_corrected_file_updates_text_and_keeps_progress(world, db, tmp_path):
    code, _ = world.import_cli(small(world, extra=[task_a(3, "Nhiệm vụ sẽ bị bỏ", world.names["l1"], "Năm 2027")]),
                               tmp_path)
    tasks = world.tasks(code)
    c = world.client("l1")
    expect(c.post(f"/api/tasks/tasks/{tasks['A.1']['id']}/progress",
                  data={"note": "Đã xây dựng dự thảo", "percent": "30"}), 200)
    # the corrected file renames task 1, moves its deadline, drops task 3
    text = programme_text([section("I", "Về tổ chức"),
                           task_a(1, "Xây dựng đề án A (sửa)", world.names["l1"], "Tháng 5/2026"),
                           task_a(2, "Sửa đổi quy định B", world.names["l2"], "Quý II/2026")])
    r = expect(import_http(world.client("admin"), text.encode(), code=code), 200)
    assert (r["created"], r["updated"], r["unchanged"]) == (0, 1, 1)
    assert [m["number"] for m in r["missing_from_file"]] == ["3"]
    after = world.tasks(code)
    t1 = after["A.1"]
    assert t1["title"] == "Xây dựng đề án A (sửa)" and str(t1["due_date"]) == "2026-05-31"
    assert t1["status"] == "in_progress" and t1["percent"] == 30
    assert "A.3" in after  # kept, listed as missing from the file
    actions = [h["action"] for h in db.query(
        "SELECT action FROM tasks_history WHERE task_id = %s ORDER BY id", t1["id"])]
    assert actions == ["import", "report", "import_update"]
    audit = db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'tasks.task' AND entity_id = %s"
                      " AND action = 'import_update'", t1["id"])
    assert audit == 1


def test_unknown_units_become_pending_agencies_once(world, db, tmp_path):
    dept = f"Vụ Chưa Có {world.tag}"
    body = f"Đảng ủy Chưa Có {world.tag}"
    text = small(world, extra=[task_a(3, "Nhiệm vụ của đơn vị lạ", f"{dept}; {body}", "Năm 2026")])
    code, out = world.import_cli(text, tmp_path)
    rows = {r["name"]: r for r in db.query(
        "SELECT name, kind, status, parent_id, code FROM agency WHERE name IN (%s, %s)", dept, body)}
    assert rows[dept]["status"] == "pending" and rows[dept]["kind"] == "other"
    assert rows[dept]["parent_id"] == world.agencies["owner"]  # reads like a department of the owner
    assert rows[body]["parent_id"] == world.root_id
    assert rows[dept]["code"] in out.stdout
    # accents and case do not make a new agency
    before = counts(db)
    text2 = small(world, extra=[task_a(3, "Nhiệm vụ của đơn vị lạ", f"{dept.upper()}; {body}", "Năm 2026")])
    world.import_cli(text2, tmp_path)
    assert counts(db)["agency"] == before["agency"]


def test_upload_needs_the_programme_owners_admin(world, db, tmp_path):
    code, _ = world.import_cli(small(world), tmp_path)
    # an officer: the route wants an admin
    r = import_http(world.client("l1"), small(world).encode(), code=code)
    assert expect(r, 403)["error"] == "forbidden"
    # an admin elsewhere cannot re-import (or take over) this programme
    r = import_http(world.client("other_admin"), small(world, title2="Đổi tên").encode(), code=code)
    assert expect(r, 403)["error"] == "not_programme_admin"
    assert world.tasks(code)["A.2"]["title"] == "Sửa đổi quy định B"


# ---------------------------------------------------------------------------
# bad input: refused whole, every problem named by its line


def cp1258_file(world) -> tuple[bytes, list[int]]:
    text = small(world)
    data = text.encode("cp1258", errors="replace")
    bad = [n for n, line in enumerate(data.split(b"\n"), 1) if line and _not_utf8(line)]
    return data, bad


def _not_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def test_a_file_in_another_encoding_names_its_lines(world, db):
    data, bad = cp1258_file(world)
    assert bad  # the test file really is not UTF-8
    code = uniq("BAD-")
    r = expect(import_http(world.client("admin"), data, code=code), 422)
    assert r["error"] == "import_invalid"
    errs = r["report"]["errors"]
    assert [e["line"] for e in errs] == bad
    assert all(e["code"] == "invalid_encoding" and f"Dòng {e['line']}:" in e["message"] for e in errs)
    assert world.programme(code) is None


def test_a_truncated_file_is_refused_and_the_rest_reported(world, db, facts):
    data = SEED.read_bytes()
    # cut in the middle of the row of the last task of Part A
    last_a = [t for t in facts["tasks"] if t["part"] == "A"][-1]
    lines = data.split(b"\n")
    partial = lines[last_a["line"] - 1].decode("utf-8")[:30].encode("utf-8")
    cut = b"\n".join(lines[: last_a["line"] - 1]) + b"\n" + partial
    code = uniq("CUT-")
    r = expect(import_http(world.client("admin"), cut, code=code), 422)
    rep = r["report"]
    assert [(e["line"], e["code"]) for e in rep["errors"]] == [(last_a["line"], "wrong_columns")]
    assert "cắt cụt" in rep["errors"][0]["message"]
    assert rep["tasks_total"] == len([t for t in facts["tasks"] if t["line"] < last_a["line"]])
    assert world.programme(code) is None


def test_wrong_column_counts_and_impossible_dates_name_their_lines(world, db, facts, tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    a_task = facts["tasks"][10]
    b_task = [t for t in facts["tasks"] if t["part"] == "B"][3]
    month_task = next(t for t in facts["tasks"] if t["deadline"] == "Tháng 4/2026" and t["line"] > a_task["line"])
    lines[a_task["line"] - 1] = lines[a_task["line"] - 1].replace("\t", " ", 1)         # one column short
    lines[b_task["line"] - 1] = lines[b_task["line"] - 1] + "\tthừa"                     # one too many
    lines[month_task["line"] - 1] = lines[month_task["line"] - 1].replace("Tháng 4/2026", "Tháng 13/2026")
    data = "\n".join(lines).encode()
    code = uniq("COLS-")
    r = expect(import_http(world.client("admin"), data, code=code), 422)
    errs = {(e["line"], e["code"]): e for e in r["report"]["errors"]}
    assert set(errs) == {(a_task["line"], "wrong_columns"), (b_task["line"], "wrong_columns"),
                         (month_task["line"], "invalid_deadline")}
    assert "có 5 cột, bảng phần A cần 6 cột" in errs[(a_task["line"], "wrong_columns")]["message"]
    assert "có 6 cột, bảng phần B cần 5 cột" in errs[(b_task["line"], "wrong_columns")]["message"]
    assert "Tháng 13/2026" in errs[(month_task["line"], "invalid_deadline")]["message"]
    # the rest of the file is still read and reported
    assert r["report"]["tasks_total"] == len(facts["tasks"]) - 2
    assert sorted(u["line"] for u in r["report"]["unplaced"]) == sorted([a_task["line"], b_task["line"]])
    assert world.programme(code) is None
    # the CLI refuses the same file with the same lines, exit status 1
    code2, out = world.import_cli(data, tmp_path, check=False)
    assert out.returncode == 1
    for line in (a_task["line"], b_task["line"], month_task["line"]):
        assert f"Dòng {line}:" in out.stdout
    assert world.programme(code2) is None


def test_a_merged_pending_unit_stays_merged_on_reimport(world, db, tmp_path):
    typo = f"Vụ Thử nghiệm Ba (gõ sai) {world.tag}"
    text = small(world, extra=[task_a(3, "Nhiệm vụ do đơn vị gõ sai chủ trì", typo, "Năm 2026")])
    code, _ = world.import_cli(text, tmp_path)
    pending = db.one("SELECT id, status FROM agency WHERE name = %s", typo)
    assert pending["status"] == "pending"
    # an admin of the owner merges it into the real department
    expect(world.client("admin").post(f"/api/core/agencies/{pending['id']}/merge",
                                      json={"into_id": world.agencies["l3"]}), 200)
    t3 = world.tasks(code)["A.3"]
    assert db.scalar("SELECT agency_id FROM tasks_task_unit WHERE task_id = %s AND role = 'lead'",
                     t3["id"]) == world.agencies["l3"]
    # the same file again: the name keeps its merged agency, nothing new
    before = counts(db)
    r = expect(import_http(world.client("admin"), text.encode(), code=code), 200)
    assert r["units"]["created"] == 0 and (r["created"], r["updated"]) == (0, 0)
    assert counts(db) == before
    assert db.scalar("SELECT COUNT(*) FROM agency WHERE name = %s", typo) == 0


def test_half_year_deadlines(world, db, tmp_path):
    text = small(world, extra=[task_a(3, "Sơ kết sáu tháng", world.names["l1"], "6 tháng đầu năm 2026"),
                               task_a(4, "Tổng kết năm", world.names["l1"], "Sáu tháng cuối năm 2026")])
    code, _ = world.import_cli(text, tmp_path)
    tasks = world.tasks(code)
    assert (tasks["A.3"]["deadline_kind"], str(tasks["A.3"]["due_date"])) == ("half", "2026-06-30")
    assert (tasks["A.4"]["deadline_kind"], str(tasks["A.4"]["due_date"])) == ("half", "2026-12-31")
