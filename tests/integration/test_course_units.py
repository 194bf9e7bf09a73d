"""The official list of administrative units (code, name, kind, province)
imported into the one agency tree, from the admin form and from
`cadre-admin course import-units`: dry run, all or nothing, renames, and
provinces matched by code or by name."""

from __future__ import annotations

import pytest

from harness import expect
from test_course_support import make_world, uniq

IMPORT = "/api/course/units/import"


@pytest.fixture(scope="module")
def world(stack, db, cadre_admin):
    w = make_world(stack, db, cadre_admin, fast_public=False)
    yield w
    w.close()


def units_csv(rows, bom=True):
    text = "code,name,kind,province\r\n" + "".join(",".join(r) + "\r\n" for r in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def post(world, who, data, dry_run=False):
    return world.client(who).post(IMPORT, data={"dry_run": "1" if dry_run else "0"},
                                  files={"file": ("dvhc.csv", data, "text/csv")})


def parent_code(db, code):
    return db.scalar("SELECT p.code FROM agency a JOIN agency p ON p.id = a.parent_id"
                     " WHERE a.code = %s", code)


def test_import_provinces_and_communes_into_the_tree(world, db):
    t = uniq("U")
    rows = [[f"{t}-01", f"Thành phố Thử {t}", "Thành phố", ""],
            [f"{t}-00004", "Phường Ba Đình", "Phường", f"Thành phố Thử {t}"],
            [f"{t}-00006", "Xã Bất Bạt", "Xã", f"{t}-01"],
            [f"{t}-99999", "Đặc khu Thử", "Đặc khu", f"{t}-01"]]
    dry = expect(post(world, "nat", units_csv(rows), dry_run=True), 200)
    assert dry["dry_run"] is True and dry["provinces_to_add"] == 1 and dry["communes_to_add"] == 3
    assert db.scalar("SELECT COUNT(*) FROM agency WHERE code LIKE %s", t + "-%") == 0
    done = expect(post(world, "nat", units_csv(rows)), 200)
    assert done["provinces_to_add"] == 1 and done["communes_to_add"] == 3
    assert db.scalar("SELECT kind FROM agency WHERE code = %s", f"{t}-01") == "province"
    assert parent_code(db, f"{t}-01") == "VN"
    for c in ("00004", "00006", "99999"):
        assert parent_code(db, f"{t}-{c}") == f"{t}-01"
        assert db.scalar("SELECT kind FROM agency WHERE code = %s", f"{t}-{c}") == "commune"
    # the closure table knows the new communes are inside the province
    assert db.scalar("SELECT depth FROM agency_closure c JOIN agency a ON a.id = c.ancestor"
                     " JOIN agency d ON d.id = c.descendant WHERE a.code = %s AND d.code = %s",
                     f"{t}-01", f"{t}-00006") == 1
    # importing again renames and adds nothing
    rows[1][1] = "Phường Ba Đình (mới)"
    again = expect(post(world, "nat", units_csv(rows)), 200)
    assert again["to_rename"] == 1 and again["unchanged"] == 3
    assert again["provinces_to_add"] == again["communes_to_add"] == 0
    assert db.scalar("SELECT name FROM agency WHERE code = %s", f"{t}-00004") == "Phường Ba Đình (mới)"


def test_a_bad_row_changes_nothing(world, db):
    t = uniq("U")
    rows = [[f"{t}-01", f"Tỉnh Thử {t}", "Tỉnh", ""],
            [f"{t}-1", "Xã Một", "Xã", f"{t}-01"],
            [f"{t}-2", "Xã Hai", "Huyện", f"{t}-01"],
            [f"{t}-3", "Xã Ba", "Xã", "Tỉnh Không Có"]]
    body = expect(post(world, "nat", units_csv(rows)), 422)
    assert body["error"] == "units_import_invalid"
    errors = {r["line"]: r["error"] for r in body["rows"]}
    assert errors == {4: "unit_kind_invalid", 5: "unit_province_unknown"}
    assert db.scalar("SELECT COUNT(*) FROM agency WHERE code LIKE %s", t + "-%") == 0


def test_a_code_used_elsewhere_is_a_conflict(world, db):
    # X1's code under another province would move an agency: refused
    rows = [[world.code("X1"), "Xã bị dời", "Xã", world.code("Q")]]
    body = expect(post(world, "nat", units_csv(rows)), 422)
    assert body["rows"][0]["error"] == "unit_code_taken"
    assert parent_code(db, world.code("X1")) == world.code("P")


def test_only_national_admins(world):
    r = post(world, "prov", units_csv([["Z1", "Xã Z", "Xã", "P01"]]))
    assert r.status_code == 403


def test_malformed_file(world):
    body = expect(post(world, "nat", b"code;name\r\n1;A\r\n"), 422)
    assert body["error"] == "csv_missing_columns"


def test_command_line_import(world, db, cadre_admin, tmp_path):
    t = uniq("U")
    f = tmp_path / "dvhc.csv"
    f.write_bytes(units_csv([[f"{t}-01", f"Tỉnh Dòng Lệnh {t}", "Tỉnh", ""],
                             [f"{t}-10", "Xã Dòng Lệnh", "Xã", f"Tỉnh Dòng Lệnh {t}"]], bom=False))
    dry = cadre_admin("course", "import-units", f, "--dry-run")
    assert "Chạy thử" in dry.stdout and "thêm 1 tỉnh, 1 xã" in dry.stdout
    assert db.scalar("SELECT COUNT(*) FROM agency WHERE code LIKE %s", t + "-%") == 0
    done = cadre_admin("course", "import-units", f)
    assert "thêm 1 tỉnh, 1 xã" in done.stdout
    assert parent_code(db, f"{t}-10") == f"{t}-01"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,kind,province\nX,,Xã,\n")
    r = cadre_admin("course", "import-units", bad, check=False)
    assert r.returncode == 1 and "unit_name_invalid" in r.stdout
