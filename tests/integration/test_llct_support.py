"""Shared set-up for the llct module's integration tests (no tests here).

Each test builds its own small world so tests never share rows: a fresh
province (code T<tag>) with its organization board and political school,
created through the core API by a national administrator, and users made
with `cadre-admin user add`:

    admin   admin + officer at the province (imports, runs classes)
    school  officer at the school
    head    reviewer + officer at the school (the principal's decisions)
    viewer  viewer at the province
    other   officer at another province's school (P02-TCT): sees nothing here
    academy officer at the Academy (HVCTQG-VCTT, national scope): diploma blanks

The repository's seed (Hanoi's 2024 plan) is imported for the fresh
province, so its plan key (province, year, number) is new every time even
though the demo has imported the same file for Hanoi.

The plan's own declared totals are read here from the seed text with
regular expressions, independently of the C parser, so the report can be
held against them.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from harness import ROOT, Client, expect

API = "/api/llct"
PASSWORD = "Llct#2026-test"
SEED = ROOT / "data" / "seeds" / "002_6031bf76cc89670a.txt"


def uniq() -> str:
    return uuid.uuid4().hex[:8]


def seed_bytes() -> bytes:
    return SEED.read_bytes()


# ---- the plan's declared figures, read independently ------------------------

def _count(s: str) -> int:
    return int(s.replace(".", "").replace(",", ""))


def declared_totals(text: str) -> dict[str, Any]:
    """What the plan's text declares: overall learners by mode, and for each
    appendix (in the order of the bullets) classes and learners in all and by
    mode; plus each table's "Tổng" row."""
    plain = text.replace("**", "")
    overall = re.search(
        r"cho\s+([\d.]+)\s+học viên\s*\(hệ tập trung\s+([\d.]+)\s+học viên,\s*"
        r"hệ không tập trung\s+([\d.]+)\s+học viên\)", plain)
    assert overall, "the plan's text states its total learners"
    parts = re.findall(
        r"(\d+)\s+lớp/([\d.]+)\s+học viên\s*\(lớp hệ tập trung\s+(\d+)\s+lớp/([\d.]+)\s+học viên,"
        r"\s*lớp hệ không tập trung\s+(\d+)\s+lớp/([\d.]+)\s+học viên\)", plain)
    assert len(parts) == 2, parts
    tables = re.findall(r"Tổng (?:cộng|số)[^\n]*?(\d+) lớp[^\n]*?([\d.]+) học viên", plain)
    assert len(tables) == 2, tables
    return {
        "total": _count(overall.group(1)),
        "full_time": _count(overall.group(2)),
        "part_time": _count(overall.group(3)),
        "appendices": [
            {"classes": int(p[0]), "learners": _count(p[1]),
             "ft_classes": int(p[2]), "ft_learners": _count(p[3]),
             "pt_classes": int(p[4]), "pt_learners": _count(p[5])} for p in parts],
        "tables": [{"classes": int(t[0]), "learners": _count(t[1])} for t in tables],
    }


def seed_declared() -> dict[str, Any]:
    return declared_totals(SEED.read_text(encoding="utf-8"))


# ---- the world ---------------------------------------------------------------

class World:
    """A fresh province with its board and school, users, and (optionally)
    the seed imported for it."""

    def __init__(self, stack, db, cadre_admin, web: str = "nginx", import_seed: bool = True) -> None:
        self.stack, self.db, self.admin_cli = stack, db, cadre_admin
        self.url = stack.url(web)
        self.tag = uniq().upper()
        self.code = f"T{self.tag}"
        self.clients: dict[str, Client] = {}
        self.logins: dict[str, str] = {}
        self.national = self.user("national", "HVCTQG-VCTT", "admin officer")
        self.academy = self.national
        vn = db.scalar("SELECT id FROM agency WHERE parent_id IS NULL")
        self.province_id = self.agency(vn, "province", self.code, f"Tỉnh ủy Thử Nghiệm {self.tag}")
        # the organization board acts for its province (scope "parent")
        self.board_id = self.agency(self.province_id, "province_board", f"{self.code}-BTC",
                                    f"Ban Tổ chức Tỉnh ủy Thử Nghiệm {self.tag}", scope="parent")
        self.school_id = self.agency(self.province_id, "political_school", f"{self.code}-TCT",
                                     f"Trường Chính trị Thử Nghiệm {self.tag}")
        self.user("admin", self.code, "admin officer")
        self.user("school", f"{self.code}-TCT", "officer")
        self.user("head", f"{self.code}-TCT", "reviewer officer")
        self.user("viewer", self.code, "viewer")
        self.user("board", f"{self.code}-BTC", "reviewer officer")
        self.user("other", "P02-TCT", "officer")
        self.plan_id: int | None = None
        self.report: dict[str, Any] | None = None
        if import_seed:
            self.report = self.import_seed()
            self.plan_id = self.report["plan"]["id"]

    # -- agencies and people
    def agency(self, parent: int, kind: str, code: str, name: str, scope: str = "own") -> int:
        return expect(self.national.post("/api/core/agencies", json={
            "parent_id": parent, "kind": kind, "code": code, "name": name, "scope": scope}), 200)["id"]

    def user(self, key: str, agency: str, roles: str) -> Client:
        login = f"llct.{key}.{self.tag.lower()}"
        self.admin_cli("user", "add", login, "--agency", agency, "--roles", roles,
                       "--password", PASSWORD, "--name", f"Cán bộ {key} {self.tag}",
                       "--email", f"{login}@llct.test")
        c = Client(self.url)
        c.login(login, PASSWORD)
        self.clients[key] = c
        self.logins[key] = login
        return c

    def user_at(self, key: str, agency_id: int, roles: str) -> Client:
        code = self.db.scalar("SELECT code FROM agency WHERE id = %s", agency_id)
        return self.user(key, code, roles)

    def __getitem__(self, key: str) -> Client:
        return self.clients[key]

    # -- the plan
    def import_seed(self, data: bytes | None = None, dry_run: bool = False,
                    expect_status: int | None = None, who: str = "admin") -> dict[str, Any]:
        r = self[who].post(f"{API}/import", files={
            "file": ("ke-hoach-2024.txt", data if data is not None else seed_bytes(), "text/plain")},
            data={"dry_run": "1" if dry_run else "0", "agency_id": str(self.province_id),
                  "school_id": str(self.school_id)})
        return expect(r, expect_status or (200 if dry_run else 201))

    def classes(self, who: str = "admin") -> list[dict[str, Any]]:
        return expect(self[who].get(f"{API}/classes", params={"plan": self.plan_id}), 200)

    def class_id(self, code: str) -> int:
        return self.db.scalar("SELECT id FROM llct_class WHERE plan_id = %s AND code = %s",
                              self.plan_id, code)

    def allotment_agency(self, class_code: str, seq: int = 1) -> int:
        return self.db.scalar(
            "SELECT al.agency_id FROM llct_allotment al JOIN llct_class c ON c.id = al.class_id"
            " WHERE c.plan_id = %s AND c.code = %s AND al.seq = %s", self.plan_id, class_code, seq)


# ---- walking a class ----------------------------------------------------------

# A timeline that keeps every rule of the seed (plan year 2024):
#   opening = enrolment = 2024-05-13; announcement 2024-03-29 (45 days before);
#   dossiers close 2024-04-01; review 2024-04-16..17 (15 days later, 2 days);
#   report 2024-04-19, appraisal and admission decision 2024-04-20;
#   contracts 2024-04-22; enrolment notices 2024-04-28 (15 days before);
#   opening decision 2024-05-14.
DATES = {
    "opening_on": "2024-05-13", "enrolment_on": "2024-05-13", "end_on": "2024-11-13",
    "first_module_end_on": "2024-06-14",
}


def cccd(n: int) -> str:
    return f"0010{uuid.uuid4().int % 10**6:06d}{n % 100:02d}"


def set_dates(c: Client, class_id: int, **over: Any) -> Any:
    return expect(c.put(f"{API}/classes/{class_id}", json={**DATES, **over}, now="2024-03-01"), 200)


def step(c: Client, class_id: int, k: int, now: str, status: int = 200, **body: Any) -> Any:
    return expect(c.post(f"{API}/classes/{class_id}/steps/{k}", json=body, now=now), status)


def nominate(c: Client, class_id: int, agency_id: int, n: int, now: str,
             status: int = 201) -> Any:
    return expect(c.post(f"{API}/classes/{class_id}/learners", now=now, json={
        "agency_id": agency_id, "full_name": f"Nguyễn Văn Học {n}", "birth_date": "1985-03-0%d" % (1 + n % 9),
        "gender": "male", "cccd": cccd(n), "position": "Chuyên viên", "workplace": "Phòng Tổng hợp",
        "submitted_on": now}), status)


def move(c: Client, learner_id: int, to: str, now: str, status: int = 200, **body: Any) -> Any:
    return expect(c.post(f"{API}/learners/{learner_id}/transition", json={"to": to, **body},
                         now=now), status)


def walk_to_opening(w: World, class_code: str, learners: int = 3) -> dict[str, Any]:
    """Runs a class by the rules from announcement to opening decision, with
    `learners` dossiers from its first unit, all admitted and enrolled on
    time. Returns ids."""
    cid = w.class_id(class_code)
    unit = w.allotment_agency(class_code)
    a = w["admin"]
    set_dates(a, cid)
    step(a, cid, 1, "2024-03-29", done_on="2024-03-29", doc_number="TB-01", complete=True)
    ids = [nominate(a, cid, unit, i, "2024-03-30")["id"] for i in range(learners)]
    step(a, cid, 2, "2024-04-01", done_on="2024-04-01", complete=True)
    step(a, cid, 3, "2024-04-16", start_on="2024-04-16")
    for lid in ids:
        move(a, lid, "under_review", "2024-04-16")
        move(a, lid, "eligible", "2024-04-17")
    step(a, cid, 3, "2024-04-17", done_on="2024-04-17", complete=True)
    step(a, cid, 4, "2024-04-20", report_on="2024-04-19", appraisal_on="2024-04-20",
         done_on="2024-04-20", doc_number="QĐ-TT-01", complete=True)
    expect(a.post(f"{API}/classes/{cid}/contracts", now="2024-04-22", json={
        "agency_id": unit, "contract_no": "HĐ-01", "signed_on": "2024-04-22",
        "fee_amount": 120000000, "paid_on": "2024-04-22"}), 200)
    step(a, cid, 5, "2024-04-22", done_on="2024-04-22", complete=True)
    step(a, cid, 6, "2024-04-28", done_on="2024-04-28", doc_number="GB-01", complete=True)
    for lid in ids:
        move(a, lid, "enrolled", "2024-05-13")
    step(a, cid, 7, "2024-05-14", done_on="2024-05-14", doc_number="QĐ-ML-01", complete=True)
    return {"class_id": cid, "unit": unit, "learners": ids}
