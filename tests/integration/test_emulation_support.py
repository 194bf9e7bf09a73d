"""Shared set-up for the emulation module's integration tests (no tests here).

Each test module builds its own small world in a campaign year nobody else
uses: the board (a user at HVCTQG-TDKT with emulation_board), cluster A of
four schools (three political schools and one sector school, so both score
sheets 5.1 and 5.2 are in play) headed by P03-TCT, cluster B of two schools
headed by P06-TCT, one focal point (officer) per school, and a viewer at
province P03 (whose scope holds P03-TCT). The year uses the built-in
calendar, so for year Y:

    plan (Mẫu 01)          due Y-03-05, lock Y-03-05
    school_report, score_sheet  due Y-11-05, lock Y-11-15
    cluster_dossier        due Y-11-30, lock Y-12-10

and tests inject "now" (X-Cadre-Now) to stand anywhere in it.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from harness import Client, expect

PASSWORD = "Emu#2026-test"
API = "/api/emulation"

# A minimal PDF: the host sniffs types from content, not from the name.
PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")

CLUSTER_A = ["P03-TCT", "P04-TCT", "P05-TCT", "BCA-T"]  # head P03, deputy P04
CLUSTER_B = ["P06-TCT", "P11-TCT"]                      # head P06


def uniq(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:8]


def mail_for(mailbox, login: str) -> list[dict[str, Any]]:
    """Mails delivered to a test user (after deliver())."""
    msgs = mailbox.wait_for(1)
    return [m for m in msgs if any(login in r for r in m["rcpt_tos"])]


def free_year(db) -> int:
    taken = {r["year"] for r in db.query("SELECT year FROM emulation_year")}
    # Years before the real date: an injected "now" past the session's expiry
    # ends the session (lib/session.c uses the injected clock; see
    # docs/requests/emulation.md).
    # The year after is left free too: a test may copy the year into it.
    choices = [y for y in range(2000, 2022) if y not in taken and y + 1 not in taken]
    assert choices, "no free campaign year left for tests"
    return random.choice(choices)


class World:
    def __init__(self, stack, db, cadre_admin, web: str = "nginx") -> None:
        self.stack, self.db, self.admin = stack, db, cadre_admin
        self.url = stack.url(web)
        self.tag = uniq().upper()
        self.year = free_year(db)
        self.clients: dict[str, Client] = {}
        self.logins: dict[str, str] = {}
        self.school: dict[str, int] = {
            r["code"]: r["id"] for r in db.query(
                "SELECT id, code FROM agency WHERE code IN (%s)" % ",".join(
                    ["%s"] * len(CLUSTER_A + CLUSTER_B)), *(CLUSTER_A + CLUSTER_B))}
        self.board = self.user("board", "HVCTQG-TDKT", "officer emulation_board")
        for code in CLUSTER_A + CLUSTER_B:
            self.user(code, code, "officer")
        self.province = self.user("province", "P03", "viewer")
        self.outsider = self.user("outsider", "P20-TCT", "officer")  # in no cluster of the year
        self.build()

    # -- people -------------------------------------------------------------
    def user(self, key: str, agency: str, roles: str) -> Client:
        login = f"emu.{key.lower().replace('-', '')}.{self.tag.lower()}"
        self.admin("user", "add", login, "--agency", agency, "--roles", roles,
                   "--password", PASSWORD, "--name", f"Cán bộ thi đua {key}",
                   "--email", f"{login}@emu.test")
        c = Client(self.url)
        c.login(login, PASSWORD)
        self.clients[key] = c
        self.logins[key] = login
        return c

    def __getitem__(self, key: str) -> Client:
        return self.clients[key]

    def fresh(self, key: str, web_url: str | None = None) -> Client:
        """A new session for the same user (e.g. on the other web server)."""
        c = Client(web_url or self.url)
        c.login(self.logins[key], PASSWORD)
        return c

    # -- the year ------------------------------------------------------------
    def build(self) -> None:
        b = self.board
        expect(b.post(f"{API}/years", json={"year": self.year,
                                              "theme": f"Năm thử nghiệm {self.tag}"}), 201)
        info = expect(b.get(f"{API}/years/{self.year}"), 200)
        self.deadlines = {d["kind"]: d for d in info["deadlines"]}
        self.sheets = {s["school_kind"]: s for s in info["sheets"]}
        self.cluster = {}
        for name, schools in (("A", CLUSTER_A), ("B", CLUSTER_B)):
            cid = expect(b.post(f"{API}/years/{self.year}/clusters",
                                json={"code": f"{name}{self.tag}", "name": f"Cụm {name} {self.tag}"}),
                         201)["id"]
            self.cluster[name] = cid
            for code in schools:
                expect(b.post(f"{API}/clusters/{cid}/members", json={"school": self.school[code]}), 200)
            expect(b.put(f"{API}/clusters/{cid}", json={
                "name": f"Cụm {name} {self.tag}", "head_school": self.school[schools[0]],
                "deputy_school": self.school[schools[1]]}), 200)

    def d(self, month: int, day: int) -> str:
        return f"{self.year}-{month:02d}-{day:02d}"

    # -- common actions ---------------------------------------------------------
    def submit_plan(self, code: str, now: str, expect_status: int = 200) -> Any:
        r = self[code].post(f"{API}/years/{self.year}/submissions/plan/submit",
                            files={"file": ("ke-hoach-mau-01.pdf", PDF, "application/pdf")},
                            data={"part": "main", "registration": "Tập thể Lao động xuất sắc"},
                            now=now)
        return expect(r, expect_status)

    def criteria(self, code: str) -> list[dict[str, Any]]:
        kind = "sector_school" if code.endswith("-T") and not code.endswith("TCT") else "political_school"
        sheet = expect(self.board.get(f"{API}/sheets/{self.sheets[kind]['id']}"), 200)
        return sheet["criteria"]

    def full_scores(self, code: str, points=lambda c: c["max_points"]) -> list[dict[str, Any]]:
        return [{"criterion": c["id"], "points": points(c)} for c in self.criteria(code)]

    def self_score(self, code: str, now: str, points=lambda c: c["max_points"], submit: bool = True):
        expect(self[code].put(f"{API}/years/{self.year}/scorecards/{self.school[code]}/self",
                              json={"scores": self.full_scores(code, points)}, now=now), 200)
        if submit:
            return expect(self[code].post(f"{API}/years/{self.year}/submissions/score_sheet/submit",
                                          json={}, now=now), 200)
        return None

    def assign(self, cluster: str, school: str, checker: str, by: str | None = None,
               status: int = 200):
        who = self[by] if by else self.board
        return expect(who.post(f"{API}/clusters/{self.cluster[cluster]}/cross-checkers",
                               json={"school": self.school[school], "checker": self.school[checker]}),
                      status)

    def cross_score(self, checker: str, school: str, now: str, points=lambda c: c["max_points"],
                    submit: bool = True):
        expect(self[checker].put(f"{API}/years/{self.year}/scorecards/{self.school[school]}/cross",
                                 json={"scores": self.full_scores(school, points)}, now=now), 200)
        if submit:
            expect(self[checker].post(
                f"{API}/years/{self.year}/scorecards/{self.school[school]}/cross/submit",
                json={}, now=now), 200)

    def submission(self, code: str | None, kind: str, cluster: str = "A") -> dict[str, Any] | None:
        """The submission row as the database has it (None when absent)."""
        rows = self.db.query(
            "SELECT s.* FROM emulation_submission s JOIN emulation_deadline d ON d.id = s.deadline_id "
            "JOIN emulation_year y ON y.id = d.year_id WHERE y.year = %s AND d.kind = %s "
            "AND s.cluster_id = %s AND s.owner_school = %s",
            self.year, kind, self.cluster[cluster], self.school[code] if code else 0)
        return rows[0] if rows else None
