"""Shared set-up for the course module's integration tests (no tests here).

Every test module builds its own small world so that tests never depend on
demo data or on each other: a province with its organization board and three
communes, a second province with its board, users at each level, and a
course whose windows are fixed dates in May–June 2026 (tests inject "now"
with X-Cadre-Now). Public forms are rate limited per address, and every
request of a test comes from 127.0.0.1, so the world runs its own host with
[public] rate_per_minute = 0 (test_course_registration checks the limit
itself on the main host).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from harness import Client, expect

PASSWORD = "Course#2026-test"

# The course's calendar (Plan 664: 23–24/5/2026) and windows.
BRIDGE_CLOSES = "2026-05-21 17:00:00"
REG_OPENS = "2026-05-15 00:00:00"
REG_CLOSES = "2026-05-23 08:00:00"
SESSIONS = [  # seq, starts, ends
    (1, "2026-05-23 08:00:00", "2026-05-23 11:30:00"),
    (2, "2026-05-23 13:30:00", "2026-05-23 16:30:00"),
    (3, "2026-05-24 08:00:00", "2026-05-24 11:30:00"),
    (4, "2026-05-24 13:30:00", "2026-05-24 16:30:00"),
]
ESSAY_OPENS = "2026-05-24 16:30:00"
ESSAY_DUE = "2026-06-07 23:59:59"
ESSAY_CUTOFF = "2026-06-14 23:59:59"
REG_NOW = "2026-05-20 10:00:00"  # registration open, bridge points still open
ESSAY_ON_TIME = "2026-06-01 10:00:00"  # essays open, before the due date
REVIEW_TIME = "2026-06-10 09:00:00"  # the boards review


def uniq(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:8].upper()


_cccd_counter = [int(uuid.uuid4().int % 10**8) * 1000]


def new_cccd() -> str:
    """A 12-digit citizen ID no other test uses (8 prefix: not a real one)."""
    _cccd_counter[0] += 1
    return "8" + str(_cccd_counter[0] % 10**11).zfill(11)


def person(bp_code: str, **over: Any) -> dict[str, Any]:
    p = {
        "bridge_point": bp_code,
        "full_name": "Nguyễn Văn " + uniq()[:4].capitalize(),
        "position": "Bí thư Đảng ủy xã",
        "unit": "Đảng ủy xã",
        "phone": "09" + str(uuid.uuid4().int % 10**8).zfill(8),
        "cccd": new_cccd(),
        "category": "commune_leader",
    }
    p.update(over)
    return p


@dataclass
class World:
    stack: Any
    db: Any
    admin: Any
    tag: str
    host: Any = None
    url: str = ""
    root_id: int = 0
    course_id: int = 0
    sessions: dict[int, dict[str, Any]] = field(default_factory=dict)
    agencies: dict[str, int] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)

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

    def code(self, key: str) -> str:
        return f"{self.tag}-{key}"

    def user(self, key: str, agency_key: str | None, roles: str) -> str:
        login = f"c{self.tag.lower()}.{key}"
        agency_code = self.code(agency_key) if agency_key else "VN"
        self.admin("user", "add", login, "--agency", agency_code, "--roles", roles,
                   "--password", PASSWORD, "--name", f"Cán bộ {key}")
        self.logins[key] = login
        return login

    def client(self, who: str | None = None, now: Any = REG_NOW, web: str | None = None) -> Client:
        c = Client(web or self.url, now=now)
        if who:
            c.login(self.logins[who], PASSWORD)
        return c

    def public(self, now: Any = REG_NOW) -> Client:
        return Client(self.url, now=now)

    # -- course data --------------------------------------------------------
    def make_course(self, **windows: str) -> int:
        w = dict(bridge=BRIDGE_CLOSES, reg_opens=REG_OPENS, reg_closes=REG_CLOSES,
                 essay_opens=ESSAY_OPENS, essay_due=ESSAY_DUE, essay_cutoff=ESSAY_CUTOFF)
        w.update(windows)
        code = uniq("TEST-")
        self.db.execute(
            "INSERT INTO course_course (code, title, host_agency_id, start_date, end_date,"
            " opens_at, closes_at, bridge_reg_closes_at, reg_opens_at, reg_closes_at,"
            " essay_opens_at, essay_due_at, essay_cutoff_at)"
            " VALUES (%s, %s, %s, '2026-05-23', '2026-05-24', '2026-05-23 08:00:00',"
            " '2026-05-24 16:30:00', %s, %s, %s, %s, %s, %s)",
            code, "Lớp thử nghiệm " + code, self.root_id, w["bridge"], w["reg_opens"],
            w["reg_closes"], w["essay_opens"], w["essay_due"], w["essay_cutoff"])
        cid = self.db.scalar("SELECT id FROM course_course WHERE code = %s", code)
        for no in range(1, 5):
            self.db.execute("INSERT INTO course_topic (course_id, no, title) VALUES (%s, %s, %s)",
                            cid, no, f"Chuyên đề {no}")
        for seq, starts, ends in SESSIONS:
            self.db.execute(
                "INSERT INTO course_session (course_id, seq, topic_id, title, starts_at, ends_at,"
                " checkin_code) SELECT %s, %s, id, %s, %s, %s, %s FROM course_topic"
                " WHERE course_id = %s AND no = %s",
                cid, seq, f"Buổi {seq}", starts, ends, f"S{seq}-{code[-8:]}", cid, seq)
        return cid

    def session_rows(self, course_id: int) -> dict[int, dict[str, Any]]:
        rows = self.db.query("SELECT id, seq, checkin_code FROM course_session"
                             " WHERE course_id = %s ORDER BY seq", course_id)
        return {r["seq"]: r for r in rows}

    def approved_bp(self, agency_key: str | None = None, seats: int = 40,
                    course_id: int | None = None, status: str = "approved") -> dict[str, Any]:
        """A bridge point put straight into the table (for tests about
        participants, not about bridge points). Without agency_key, at a new
        commune of province P; a unit has one point per course, so tests
        that need a named unit (X1 for the x1 organiser) pass a fresh
        course_id from make_course()."""
        cid = course_id or self.course_id
        if agency_key is None:
            agency_key = uniq("N")
            self.agency(agency_key, "P", "commune", f"Xã mới {agency_key}")
        aid = self.agencies[agency_key]
        kind = self.db.scalar("SELECT kind FROM agency WHERE id = %s", aid)
        province = aid if kind == "province" else self.db.scalar(
            "SELECT parent_id FROM agency WHERE id = %s", aid)
        code = uniq("BP")
        self.db.execute(
            "INSERT INTO course_bridge_point (course_id, agency_id, level, province_id, code, name,"
            " address, organizer_name, contact_phone, seats, expected, status)"
            " VALUES (%s, %s, %s, %s, %s, %s, 'Hội trường', 'Người tổ chức', '0912000000', %s, 0, %s)",
            cid, aid, kind, province, code, f"Điểm cầu {agency_key} {code}", seats, status)
        return self.db.one("SELECT * FROM course_bridge_point WHERE code = %s AND course_id = %s",
                           code, cid)

    def submit_essay(self, reg: dict[str, Any], **proposals: str) -> dict[str, Any]:
        """The participant of `reg` submits an essay on time; t1=…, t3=… are
        proposals on topics 1 and 3."""
        p = reg["_person"]
        form = {"cccd": p["cccd"], "phone": p["phone"], "title": "Bài thu hoạch", "body": "Nội dung."}
        form.update({f"proposal_{k[1:]}": v for k, v in proposals.items()})
        return expect(self.public(ESSAY_ON_TIME).post("/api/course/public/essays", data=form), 201)

    def register(self, bp: dict[str, Any], now: Any = REG_NOW, **over: Any) -> dict[str, Any]:
        p = person(bp["code"], course=bp["course_id"], **over)
        body = expect(self.public(now).post("/api/course/public/register", json=p), 201)
        body["_person"] = p
        return body

    def close(self) -> None:
        if self.host:
            self.host.stop()


def make_world(stack, db, admin, fast_public: bool = True) -> World:
    """A province (P) with its board (P-BTC) and communes X1–X3, a second
    province (Q) with its board and commune Y1, users at every level, and a
    course. Users:
        nat     admin officer reviewer organizer at the national root
        prov    admin officer reviewer organizer at province P
        board   reviewer at P-BTC (acts for P)
        qboard  reviewer at Q-BTC
        x1, x2  organizer at communes X1, X2
        y1      organizer at commune Y1
    """
    w = World(stack=stack, db=db, admin=admin, tag=uniq("T"))
    w.root_id = db.scalar("SELECT id FROM agency WHERE code = 'VN'")
    db.execute("INSERT IGNORE INTO agency_module (agency_id, module, enabled) VALUES (%s, 'course', 1)",
               w.root_id)
    w.agency("P", None, "province", f"Tỉnh thử nghiệm {w.tag}")
    w.agency("P-BTC", "P", "province_board", f"Ban Tổ chức Tỉnh ủy {w.tag}", scope="parent")
    for i in (1, 2, 3):
        w.agency(f"X{i}", "P", "commune", f"Xã Thử {i} {w.tag}")
    w.agency("Q", None, "province", f"Tỉnh thứ hai {w.tag}")
    w.agency("Q-BTC", "Q", "province_board", f"Ban Tổ chức Tỉnh ủy Q {w.tag}", scope="parent")
    w.agency("Y1", "Q", "commune", f"Phường Thử {w.tag}")
    w.user("nat", None, "admin officer reviewer organizer")
    w.user("prov", "P", "admin officer reviewer organizer")
    w.user("board", "P-BTC", "reviewer")
    w.user("qboard", "Q-BTC", "reviewer")
    w.user("x1", "X1", "organizer")
    w.user("x2", "X2", "organizer")
    w.user("y1", "Y1", "organizer")
    w.course_id = w.make_course()
    w.sessions = w.session_rows(w.course_id)
    if fast_public:
        w.host = stack.extra_host({"public.rate_per_minute": 0})
        w.url = w.host.url("nginx")
    else:
        w.url = stack.url("nginx")
    return w
