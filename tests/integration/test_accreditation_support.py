"""Shared set-up for the accreditation module's integration tests (no tests here).

Each test module builds its own world, so tests depend neither on demo data
nor on each other:

    ACAD      a national-scope department (the Academy's Vụ Các trường chính trị)
    P         a province, with its board P-BTC (acts for P) and schools S, S2
    Q         another province, with its board Q-BTC and school T

Users (password PASSWORD):
    academy   accr_academy at ACAD
    central   accr_central_council at ACAD (member of the central council)
    central2  accr_central_council at ACAD (not a member of any council)
    board     accr_province at P-BTC
    qboard    accr_province at Q-BTC
    pcouncil  accr_prov_council at P-BTC (member of P's council)
    pcouncil2 accr_prov_council at ACAD (member of P's council too; used to
              declare a conflict of interest)
    head      accr_school_officer + accr_school_head at S
    officer   accr_school_officer at S
    head2     accr_school_officer + accr_school_head at S2
    thead     accr_school_officer + accr_school_head at T
    viewer    viewer at P (scoped read-only)

A catalogue version is imported over HTTP from the module's own template
(the sample catalogue), and the councils are formed over HTTP.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from harness import Client, expect

PASSWORD = "Accr#2026-test"
API = "/api/accreditation"
NOW = "2026-06-15 09:00:00"

USERS = {
    "academy": ("ACAD", "accr_academy"),
    "central": ("ACAD", "accr_central_council"),
    "central2": ("ACAD", "accr_central_council"),
    "board": ("P-BTC", "accr_province"),
    "qboard": ("Q-BTC", "accr_province"),
    "pcouncil": ("P-BTC", "accr_prov_council"),
    "pcouncil2": ("ACAD", "accr_prov_council"),
    "head": ("S", "accr_school_officer accr_school_head"),
    "officer": ("S", "accr_school_officer"),
    "head2": ("S2", "accr_school_officer accr_school_head"),
    "thead": ("T", "accr_school_officer accr_school_head"),
    "viewer": ("P", "viewer"),
}


def uniq(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:8].upper()


@dataclass
class World:
    stack: Any
    db: Any
    admin: Any
    tag: str
    url: str = ""
    root_id: int = 0
    version_id: int = 0
    prov_council: int = 0
    central_council: int = 0
    q_council: int = 0
    agencies: dict[str, int] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    clients: dict[tuple[str, Any], Client] = field(default_factory=dict)

    # -- building blocks --------------------------------------------------
    def agency(self, key: str, parent: str | None, kind: str, name: str,
               scope: str = "own") -> int:
        code = f"{self.tag}-{key}"
        parent_id = self.agencies[parent] if parent else self.root_id
        self.db.execute(
            "INSERT INTO agency (parent_id, kind, code, name, short_name, scope)"
            " VALUES (%s, %s, %s, %s, %s, %s)", parent_id, kind, code, name, name[:100], scope)
        self.agencies[key] = self.db.scalar("SELECT id FROM agency WHERE code = %s", code)
        return self.agencies[key]

    def user(self, key: str, agency_key: str, roles: str) -> str:
        login = f"a{self.tag.lower()}.{key}"
        self.admin("user", "add", login, "--agency", f"{self.tag}-{agency_key}", "--roles", roles,
                   "--password", PASSWORD, "--name", f"Cán bộ {key} {self.tag}")
        self.db.execute("UPDATE app_user SET email = %s WHERE login = %s",
                        f"{login}@example.test", login)
        self.logins[key] = login
        self.user_ids[key] = self.db.scalar("SELECT id FROM app_user WHERE login = %s", login)
        return login

    def client(self, who: str | None = None, now: Any = NOW) -> Client:
        """A logged-in client per (user, now), reused across calls."""
        key = (who, now)
        if who and key in self.clients:
            return self.clients[key]
        c = Client(self.url, now=now)
        if who:
            c.login(self.logins[who], PASSWORD)
            self.clients[key] = c
        return c

    # -- requests -----------------------------------------------------------
    def get(self, who: str, path: str, **kw):
        return self.client(who).get(API + path, **kw)

    def post(self, who: str, path: str, **kw):
        return self.client(who).post(API + path, **kw)

    def put(self, who: str, path: str, **kw):
        return self.client(who).put(API + path, **kw)

    def delete(self, who: str, path: str, **kw):
        return self.client(who).delete(API + path, **kw)

    def transition(self, who: str, cycle: int, action: str, **extra):
        return self.post(who, f"/cycles/{cycle}/transition", json={"action": action, **extra})

    # -- data ---------------------------------------------------------------
    def leaves(self, version: int | None = None) -> list[dict[str, Any]]:
        return self.db.query(
            "SELECT c.id, c.code, c.levels, c.mandatory, c.max_score FROM accreditation_criterion c"
            " WHERE c.version_id = %s AND c.kind <> 'group' AND NOT EXISTS (SELECT 1"
            " FROM accreditation_criterion k WHERE k.parent_id = c.id) ORDER BY c.seq, c.code",
            version or self.version_id)

    def state(self, cycle: int) -> str:
        return self.db.scalar("SELECT state FROM accreditation_cycle WHERE id = %s", cycle)

    def close_open_cycles(self, school: str = "S") -> None:
        """Ends whatever cycle the school has open (so a new one may start)."""
        self.db.execute("UPDATE accreditation_cycle SET state = 'not_recognised'"
                        " WHERE school_agency_id = %s AND open_marker = 1", self.agencies[school])

    def new_cycle(self, school: str = "S", who: str | None = None, level: int = 1,
                  councils: bool = True) -> int:
        who = who or {"S": "head", "S2": "head2", "T": "thead"}[school]
        self.close_open_cycles(school)
        body = expect(self.post(who, "/cycles", json={
            "school_id": self.agencies[school], "version_id": self.version_id,
            "target_level": level, "title": f"Kỳ thử {uniq()}"}), 201)
        cid = body["id"]
        if councils:
            expect(self.put("board" if school != "T" else "qboard", f"/cycles/{cid}/council",
                            json={"level": "provincial", "council_id": self.prov_council
                                  if school != "T" else self.q_council}), 200)
            expect(self.put("academy", f"/cycles/{cid}/council",
                            json={"level": "central", "council_id": self.central_council}), 200)
        return cid

    def fill(self, cycle: int, layer: str, result: str = "met") -> None:
        """Every leaf of the cycle's version gets a result on one layer
        (straight into the table: tests about results use the API)."""
        self.db.execute(
            "INSERT INTO accreditation_assessment (cycle_id, version_id, criterion_id, layer,"
            " result, score) SELECT y.id, y.version_id, c.id, %s, %s, c.max_score"
            " FROM accreditation_cycle y JOIN accreditation_criterion c ON c.version_id = y.version_id"
            " WHERE y.id = %s AND c.kind <> 'group' AND NOT EXISTS (SELECT 1"
            " FROM accreditation_criterion k WHERE k.parent_id = c.id)"
            " ON DUPLICATE KEY UPDATE result = VALUES(result), score = VALUES(score), stale = 0",
            layer, result, cycle)

    def fill_all(self, cycle: int) -> None:
        for layer in ("self", "provincial", "central"):
            self.fill(cycle, layer)

    def site_visit(self, cycle: int) -> None:
        self.db.execute("INSERT INTO accreditation_site_visit (cycle_id, visit_date, team)"
                        " VALUES (%s, '2026-06-10', 'Đoàn khảo sát')", cycle)

    def set_state(self, cycle: int, state: str) -> None:
        self.db.execute("UPDATE accreditation_cycle SET state = %s WHERE id = %s", state, cycle)

    def ready_cycle(self, state: str, school: str = "S") -> int:
        """A cycle whose every precondition is met, put in `state`."""
        cid = self.new_cycle(school)
        self.fill_all(cid)
        self.site_visit(cid)
        self.set_state(cid, state)
        return cid

    def events(self, cycle: int) -> int:
        return self.db.scalar("SELECT COUNT(*) FROM accreditation_cycle_event WHERE cycle_id = %s",
                              cycle)

    def audits(self, cycle: int) -> int:
        return self.db.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'accreditation.cycle'"
                              " AND entity_id = %s", cycle)

    def decision_no(self) -> str:
        return f"{uniq()}-QĐ/HVCTQG"


def make_world(stack, db, admin) -> World:
    w = World(stack=stack, db=db, admin=admin, tag=uniq("A"))
    w.url = stack.url("nginx")
    w.root_id = db.scalar("SELECT id FROM agency WHERE code = 'VN'")
    db.execute("INSERT IGNORE INTO agency_module (agency_id, module, enabled)"
               " VALUES (%s, 'accreditation', 1)", w.root_id)
    w.agency("ACAD", None, "department", f"Vụ Các trường chính trị {w.tag}", scope="national")
    w.agency("P", None, "province", f"Tỉnh ủy Thử {w.tag}")
    w.agency("P-BTC", "P", "province_board", f"Ban Tổ chức Tỉnh ủy Thử {w.tag}", scope="parent")
    w.agency("S", "P", "political_school", f"Trường Chính trị Thử {w.tag}")
    w.agency("S2", "P", "political_school", f"Trường Chính trị Thứ hai {w.tag}")
    w.agency("Q", None, "province", f"Thành ủy Khác {w.tag}")
    w.agency("Q-BTC", "Q", "province_board", f"Ban Tổ chức Thành ủy Khác {w.tag}", scope="parent")
    w.agency("T", "Q", "political_school", f"Trường Chính trị Khác {w.tag}")
    for key, (agency_key, roles) in USERS.items():
        w.user(key, agency_key, roles)

    # a catalogue version, imported from the module's own template
    version = expect(w.post("academy", "/versions", json={
        "code": f"T-{w.tag}", "title": f"Bộ tiêu chí thử {w.tag}", "status": "active",
        "issued_date": "2026-01-06", "is_sample": True}), 201)
    w.version_id = version["id"]
    template = expect(w.get("academy", "/catalogue-template"), 200)
    report = expect(w.post("academy", f"/versions/{w.version_id}/import",
                           files={"file": ("mau.csv", template.encode("utf-8"), "text/csv")}), 200)
    assert report["errors"] == 0 and report["created"] > 20, report

    # councils: P's (members pcouncil, pcouncil2), Q's (none), the central (central)
    w.prov_council = expect(w.post("board", "/councils", json={
        "level": "provincial", "name": f"Hội đồng đánh giá {w.tag}",
        "decision_no": "01-QĐ/TU", "decision_date": "2026-04-20"}), 201)["id"]
    for who in ("pcouncil", "pcouncil2"):
        expect(w.post("board", f"/councils/{w.prov_council}/members",
                      json={"login": w.logins[who]}), 200)
    w.q_council = expect(w.post("qboard", "/councils", json={
        "level": "provincial", "name": f"Hội đồng Q {w.tag}"}), 201)["id"]
    w.central_council = expect(w.post("academy", "/councils", json={
        "level": "central", "name": f"Hội đồng Trung ương {w.tag}"}), 201)["id"]
    expect(w.post("academy", f"/councils/{w.central_council}/members",
                  json={"login": w.logins["central"], "member_role": "chair"}), 200)
    return w
