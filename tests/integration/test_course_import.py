"""Bulk upload of participants by an organiser: CSV with or without BOM, a
dry run that lists duplicates within the file, conflicts with existing
registrations and invalid rows, modes add-only / add-and-update, and all or
nothing on commit."""

from __future__ import annotations

import csv
import io

import pytest

from harness import expect
from test_course_support import make_world, new_cccd

IMPORT = "/api/course/participants/import"
HEADER = "Họ và tên;Số CCCD;Điện thoại;Chức vụ;Đơn vị;Đối tượng;Email"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin)
    yield w
    w.close()


def csv_bytes(rows, bom=True, header=HEADER, sep=";"):
    """As a spreadsheet writes it: fields quoted when they hold the separator."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    w.writerow(header.split(sep))
    w.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def row(name, cccd, phone="0912345678", position="Phó Bí thư", unit="Đảng ủy xã",
        category="Cán bộ lãnh đạo, quản lý cấp xã", email=""):
    return [name, cccd, phone, position, unit, category, email]


def upload(client, bp, data, mode="add_only", dry_run=False, name="danh-sach.csv"):
    return client.post(IMPORT, data={"bridge_point_id": str(bp["id"]), "mode": mode,
                                     "dry_run": "1" if dry_run else "0"},
                       files={"file": (name, data, "text/csv")})


def count(db, bp):
    return db.scalar("SELECT COUNT(*) FROM course_registration WHERE bridge_point_id = %s"
                     " AND status = 'confirmed'", bp["id"])


def test_dry_run_lists_every_problem_and_writes_nothing(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=50)
    other = world.approved_bp("X2", course_id=cid)
    elsewhere = world.register(other)
    here = world.register(bp)
    dup = new_cccd()
    data = csv_bytes([
        row("Nguyễn Văn An", new_cccd()),
        row("Trần Thị Bình", dup),
        row("Trần Thị Bình (dòng lặp)", dup),
        row("Lê Văn Cường", "12345"),
        row("Phạm Thị Dung", elsewhere["_person"]["cccd"]),
        row("Hoàng Văn Em", here["_person"]["cccd"]),
        row("Bad\x01Name", new_cccd()),
    ])
    before = count(db, bp)
    report = expect(upload(world.client("x1"), bp, data, dry_run=True), 200)
    assert report["dry_run"] is True and report["total"] == 7
    actions = [r["action"] for r in report["rows"]]
    assert actions == ["add", "add", "invalid", "invalid", "conflict", "skip", "invalid"]
    by_line = {r["line"]: r for r in report["rows"]}
    assert by_line[4]["error"] == "duplicate_in_file" and "dòng 3" in by_line[4]["message"]
    assert by_line[5]["error"] == "cccd_invalid"
    assert by_line[6]["error"] == "registered_elsewhere" and other["code"] in by_line[6]["message"]
    assert by_line[8]["error"] == "name_invalid"
    assert report["duplicates_in_file"] == 1 and report["conflicts"] == 1
    assert report["to_add"] == 2 and report["to_skip"] == 1
    assert count(db, bp) == before


def test_commit_with_problems_is_refused_whole(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=50)
    data = csv_bytes([row("Nguyễn Văn An", new_cccd()), row("Lê Văn Sai", "999")])
    body = expect(upload(world.client("x1"), bp, data), 422)
    assert body["error"] == "import_invalid"
    assert body["invalid"] == 1 and "không nhập dòng nào" in body["message"]
    assert count(db, bp) == 0
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 0


@pytest.mark.parametrize("bom,sep", [(True, ";"), (False, ","), (False, "\t")])
def test_add_only_imports_all_rows_in_one_go(world, db, bom, sep):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=50)
    ids = [new_cccd() for _ in range(5)]
    rows = [row(f"Người số {i}", c, email=f"n{i}.{c}@xa.vn" if i % 2 else "")
            for i, c in enumerate(ids)]
    header = HEADER.replace(";", sep)
    body = expect(upload(world.client("x1"), bp, csv_bytes(rows, bom, header, sep)), 200)
    assert body["to_add"] == 5 and body["import_id"] > 0
    got = db.query("SELECT cccd, source, full_name, category, email FROM course_registration"
                   " WHERE bridge_point_id = %s ORDER BY full_name", bp["id"])
    assert sorted(r["cccd"] for r in got) == sorted(ids)
    assert {r["source"] for r in got} == {"import"}
    assert got[0]["full_name"] == "Người số 0" and got[0]["category"] == "commune_leader"
    assert db.scalar("SELECT registered FROM course_bridge_point WHERE id = %s", bp["id"]) == 5
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'course.import'"
                     " AND entity_id = %s", body["import_id"]) == 1


def test_add_only_skips_existing_add_update_updates_them(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=50)
    existing = world.register(bp, position="Cũ")
    cccd = existing["_person"]["cccd"]
    data = csv_bytes([row("Tên Mới Hẳn", cccd, position="Chủ tịch UBND xã"),
                      row("Người Thêm", new_cccd())])
    skipped = expect(upload(world.client("x1"), bp, data, mode="add_only"), 200)
    assert skipped["to_skip"] == 1 and skipped["to_add"] == 1
    assert db.scalar("SELECT position FROM course_registration WHERE id = %s", existing["id"]) == "Cũ"
    data2 = csv_bytes([row("Tên Mới Hẳn", cccd, position="Chủ tịch UBND xã")])
    updated = expect(upload(world.client("x1"), bp, data2, mode="add_update"), 200)
    assert updated["to_update"] == 1 and updated["to_add"] == 0
    r = db.one("SELECT full_name, position FROM course_registration WHERE id = %s", existing["id"])
    assert r == {"full_name": "Tên Mới Hẳn", "position": "Chủ tịch UBND xã"}
    assert count(db, bp) == 2


def test_not_enough_seats_imports_nothing(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid, seats=3)
    data = csv_bytes([row(f"Người {i}", new_cccd()) for i in range(4)])
    body = expect(upload(world.client("x1"), bp, data), 422)
    assert body["error"] == "bridge_point_full"
    assert count(db, bp) == 0


@pytest.mark.parametrize("data,code", [
    (b"", "required"),
    (b"\xef\xbb\xbfTen;Dia chi\r\nA;B\r\n", "csv_missing_columns"),
    ("Họ và tên;Số CCCD;Điện thoại\r\n\"Nguyễn;001203004567;0912345678\r\n".encode(), "csv_malformed"),
    ("Họ và tên;Số CCCD;Điện thoại\r\n".encode(), "csv_empty"),
])
def test_malformed_files(world, db, data, code):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid)
    r = upload(world.client("x1"), bp, data)
    body = expect(r, 422)
    if code == "required":
        assert body["fields"]["file"]["code"] in ("required", "file_expected")
    else:
        assert body["error"] == code and body["message"]
    assert count(db, bp) == 0


def test_wrong_file_type(world):
    cid = world.make_course()
    bp = world.approved_bp("X1", course_id=cid)
    r = upload(world.client("x1"), bp, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", name="ds.pdf")
    body = expect(r, 422)
    assert body["fields"]["file"]["code"] == "file_type"


def test_import_only_into_own_bridge_point(world, db):
    cid = world.make_course()
    bp = world.approved_bp("X2", course_id=cid)
    data = csv_bytes([row("Nguyễn Văn An", new_cccd())])
    assert upload(world.client("x1"), bp, data).status_code == 404
    assert count(db, bp) == 0
