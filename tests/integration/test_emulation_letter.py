"""The Academy's yearly letter (seed 004) read into a year, from the command
line and from an upload, and the demo built from it."""

from __future__ import annotations

import json
from pathlib import Path

from harness import expect
from test_emulation_support import API, free_year, uniq

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "004_4d75d91a44a380aa.txt"


def test_dry_run_reports_what_the_letter_says(cadre_admin, db):
    before = db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'emulation.year'")
    r = cadre_admin("emulation", "import-letter", SEED, "--dry-run")
    report = json.loads(r.stdout[r.stdout.index("{"):])
    assert report["year"] == 2023 and report["number"] == "3552-CV/HVCTQG"
    assert report["date"] == "2023-02-20"
    assert report["theme"].startswith("Chủ động - Đồng bộ - Đột phá")
    assert report["content_items"] == 6
    assert report["targets_found"] == 9
    assert report["targets"]["t_ldtt_min_pct"] == 80
    assert (report["targets"]["t_cstd_min_pct"], report["targets"]["t_cstd_max_pct"]) == (10, 15)
    assert report["deadlines_found"] == 9 and report["deadlines_missing"] == []
    due = {d["kind"]: d["due_date"] for d in report["deadlines"]}
    assert due == {"plan": "2023-03-05", "cluster_plan": "2023-03-15", "officers": "2023-03-15",
                   "midyear_conference": "2023-07-30", "midyear_report": "2023-08-10",
                   "school_report": "2023-11-05", "score_sheet": "2023-11-05",
                   "conference_plan": "2023-11-10", "cluster_dossier": "2023-11-30"}
    assert report["forms_count"] == 10 and report["achievement_reports"] == 2
    assert report["dry_run"] is True
    assert db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'emulation.year'") == before


def test_demo_year_2023_from_the_seed(db):
    y = db.query("SELECT * FROM emulation_year WHERE year = 2023")[0]
    assert y["letter_no"] == "3552-CV/HVCTQG"
    assert "Chủ động" in y["theme"]
    dl = {r["kind"]: r for r in db.query(
        "SELECT kind, CAST(due_date AS CHAR) AS due, CAST(lock_date AS CHAR) AS lck "
        "FROM emulation_deadline WHERE year_id = %s", y["id"])}
    assert dl["plan"]["due"] == dl["plan"]["lck"] == "2023-03-05"  # no grace for Mẫu 01
    assert dl["cluster_dossier"]["due"] == "2023-11-30"
    sheets = db.query("SELECT form, is_sample, title FROM emulation_sheet WHERE year_id = %s "
                      "ORDER BY form", y["id"])
    assert [s["form"] for s in sheets] == ["5.1", "5.2"]
    assert all(s["is_sample"] == 1 and "MINH HỌA" in s["title"] for s in sheets)
    clusters = db.query("SELECT code, name, is_sample, state FROM emulation_cluster "
                        "WHERE year_id = %s ORDER BY code", y["id"])
    assert len(clusters) == 6 and all(c["is_sample"] == 1 and "minh họa" in c["name"] for c in clusters)
    assert {c["code"]: c["state"] for c in clusters}["CUM06"] == "finalized"


def test_demo_users_see_the_demo(client):
    hn = client(login="hn.school.head")
    me = expect(hn.get(f"{API}/me?year=2023"), 200)
    assert me["head"] is True and me["school"]["code"] == "P01-TCT"
    table = expect(hn.get(f"{API}/clusters/{me['school']['cluster_id']}/scores"), 200)
    assert table["visible"] is True and table["provisional"] is True
    board = client(login="academy.officer")
    ov = expect(board.get(f"{API}/years/2023/overview"), 200)
    assert len(ov["clusters"]) == 6
    assert sum(c["not_evaluated"] for c in ov["clusters"]) == 1  # Lào Cai sent no plan


def test_upload_creates_a_year(stack, db, cadre_admin):
    tag = uniq()
    year = free_year(db)
    login = f"emu.letter.{tag}"
    cadre_admin("user", "add", login, "--agency", "HVCTQG-TDKT", "--roles",
                "officer emulation_board", "--password", "Emu#2026-test", "--name", "Ban TĐKT")
    from harness import Client
    c = Client(stack.url("nginx"))
    c.login(login, "Emu#2026-test")
    text = SEED.read_text(encoding="utf-8").replace("2023", str(year)).replace(
        "05/3/", "06/3/")
    files = {"file": ("cong-van.txt", text.encode("utf-8"), "text/plain")}
    dry = expect(c.post(f"{API}/import-letter", files=files, data={"dry_run": "1"}), 200)
    assert dry["year"] == year and dry["year_existed"] is False
    assert db.scalar("SELECT COUNT(*) FROM emulation_year WHERE year = %s", year) == 0
    out = expect(c.post(f"{API}/import-letter", files=files), 200)
    assert out["year_id"] > 0
    info = expect(c.get(f"{API}/years/{year}"), 200)
    assert info["letter_no"] == "3552-CV/HVCTQG"
    due = {d["kind"]: d["due_date"] for d in info["deadlines"]}
    assert due["plan"] == f"{year}-03-06" and due["cluster_dossier"] == f"{year}-11-30"
    assert len(info["sheets"]) == 2
    # not a letter
    r = c.post(f"{API}/import-letter", files={"file": ("x.txt", b"Danh sach hoc vien\n", "text/plain")})
    assert expect(r, 422)["error"] == "not_a_letter"
    # a school cannot import
    w_school = Client(stack.url("nginx"))
    w_school.login("hn.school", "Demo@2026")
    assert w_school.post(f"{API}/import-letter", files=files).status_code == 403
