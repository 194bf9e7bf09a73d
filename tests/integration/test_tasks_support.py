"""Shared set-up for the tasks module's integration tests (no tests here).

Each test module builds its own small world, so tests never depend on demo
data or on each other: an owner agency (a central board), departments that
lead, coordinate and supervise, an agency outside their scope, users with
e-mail addresses, and programmes written as tab-separated text exactly like
the seed file. Names carry a random tag so that unit names (matched to
agencies by name) never collide between test runs.

Also here: an independent reading of the seed file, so that the import
report is checked against what the file itself contains rather than
against numbers copied from the importer's output.
"""

from __future__ import annotations

import calendar
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness import Client, expect

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seeds" / "003_2d9491622f365655.txt"
PASSWORD = "Tasks#2026-test"

HEADER_A = "TT\tCơ sở thực hiện\tTên đề án, nhiệm vụ cụ thể\tCấp trình\tĐơn vị chủ trì tham mưu\tThời gian thực hiện"
HEADER_B = "TT\tTên đề án, nhiệm vụ\tCơ quan phối hợp\tĐôn đốc\tThời gian hoàn thành"


def uniq(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:8].upper()


# ---------------------------------------------------------------------------
# the world


@dataclass
class World:
    stack: Any
    db: Any
    admin: Any
    tag: str
    root_id: int = 0
    agencies: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)

    def agency(self, key: str, parent: str | None, kind: str, name: str, scope: str) -> int:
        code = self.code(key)
        parent_id = self.agencies[parent] if parent else self.root_id
        self.db.execute(
            "INSERT INTO agency (parent_id, kind, code, name, short_name, scope)"
            " VALUES (%s, %s, %s, %s, NULL, %s)", parent_id, kind, code, name, scope)
        self.agencies[key] = self.db.scalar("SELECT id FROM agency WHERE code = %s", code)
        self.names[key] = name
        return self.agencies[key]

    def code(self, key: str) -> str:
        return f"T{self.tag}-{key}"

    def user(self, key: str, agency_key: str, roles: str, email: bool = True) -> str:
        login = f"t{self.tag.lower()}.{key}"
        args = ["user", "add", login, "--agency", self.code(agency_key), "--roles", roles,
                "--password", PASSWORD, "--name", f"Cán bộ {key} {self.tag}"]
        if email:
            self.emails[key] = f"{login}@tasks.test"
            args += ["--email", self.emails[key]]
        self.admin(*args)
        self.logins[key] = login
        self.user_ids[key] = self.db.scalar("SELECT id FROM app_user WHERE login = %s", login)
        return login

    def client(self, who: str | None = None, now: Any = None, web: str = "nginx") -> Client:
        c = Client(self.stack.url(web), now=now)
        if who:
            c.login(self.logins[who], PASSWORD)
        return c

    # -- programmes ---------------------------------------------------------
    def import_cli(self, text: str | bytes, tmp_path: Path, code: str | None = None,
                   owner: str = "owner", starts: str = "2026-01-01", check: bool = True,
                   extra: tuple[str, ...] = ()):
        code = code or uniq(f"P{self.tag}-")
        path = tmp_path / f"{code}.txt"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        r = self.admin("tasks", "import", path, "--code", code, "--owner", self.code(owner),
                       "--starts", starts, *extra, check=check)
        return code, r

    def programme(self, code: str) -> dict[str, Any] | None:
        return self.db.one("SELECT * FROM tasks_programme WHERE code = %s", code)

    def tasks(self, code: str) -> dict[str, dict[str, Any]]:
        """Tasks of a programme keyed "A.5", "B.III.2", "A.16#1" (second 16)."""
        rows = self.db.query(
            "SELECT t.*, s.numeral FROM tasks_task t JOIN tasks_section s ON s.id = t.section_id"
            " JOIN tasks_programme p ON p.id = t.programme_id WHERE p.code = %s ORDER BY t.seq", code)
        out = {}
        for r in rows:
            key = f"{r['part']}.{r['numeral'] + '.' if r['part'] == 'B' else ''}{r['number_text']}"
            if r["dup_seq"]:
                key += f"#{r['dup_seq']}"
            out[key] = r
        return out


def make_world(stack, db, cadre_admin) -> World:
    w = World(stack=stack, db=db, admin=cadre_admin, tag=uniq())
    w.root_id = db.scalar("SELECT id FROM agency WHERE parent_id IS NULL ORDER BY id LIMIT 1")
    t = w.tag
    w.agency("owner", None, "central_board", f"Ban Thử nghiệm {t}", "national")
    w.agency("l1", "owner", "department", f"Vụ Thử nghiệm Một {t}", "national")
    w.agency("l2", "owner", "department", f"Vụ Thử nghiệm Hai {t}", "national")
    w.agency("l3", "owner", "department", f"Vụ Thử nghiệm Ba {t}", "national")
    w.agency("sup", "owner", "department", f"Cục Đôn đốc Thử nghiệm {t}", "national")
    w.agency("outsider", None, "province", f"Tỉnh ủy Thử nghiệm {t}", "own")
    return w


# ---------------------------------------------------------------------------
# programmes as text


def programme_text(part_a: list[list[str]], part_b: list[list[str]] | None = None,
                   preface: str = "## CHƯƠNG TRÌNH HÀNH ĐỘNG THỬ NGHIỆM\n\nLời mở đầu.\n") -> str:
    lines = [preface, HEADER_A]
    lines += ["\t".join(r) for r in part_a]
    if part_b:
        lines += ["", "**B. THEO DÕI, ĐÔN ĐỐC**", "", HEADER_B]
        lines += ["\t".join(r) for r in part_b]
    return "\n".join(lines) + "\n"


def section(numeral: str, title: str, cols: int = 6) -> list[str]:
    return [f"<b>{numeral}</b>", f"<b>{title}</b>"] + [""] * (cols - 2)


def task_a(number: int, name: str, lead: str, deadline: str, basis: str = "",
           submit: str = "Ban Bí thư") -> list[str]:
    return [f"{number}.", basis, name, submit, lead, deadline]


def task_b(number: int, name: str, coordinating: str, supervising: str, deadline: str) -> list[str]:
    return [f"{number}.", name, coordinating, supervising, deadline]


# ---------------------------------------------------------------------------
# an independent reading of the seed file


def clean(cell: str) -> str:
    """Tags out, white space collapsed (what any reader would keep)."""
    return " ".join(re.sub(r"<[^>]*>", " ", cell).split())


ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})\.?$")


def is_roman(s: str) -> bool:
    return bool(s) and bool(ROMAN.match(s))


def read_seed(text: str) -> dict[str, Any]:
    """What the file says, counted the plain way: every row with a TAB is a
    table row; "TT" starts a table (6 columns: Part A, 5: Part B); a number
    is a task, a roman numeral a section, an empty first cell a piece of
    the row before it."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    facts: dict[str, Any] = {
        "lines": len(lines), "rows_read": 0, "header_rows": 0, "section_rows": 0,
        "task_rows": 0, "continuation_rows": 0, "tasks": [], "sections": [],
        "part_tasks": {"A": 0, "B": 0}, "continuation_lines": [],
    }
    part = None
    current: dict[str, str | None] = {"A": None, "B": None}
    for n, line in enumerate(lines, 1):
        if "\t" not in line:
            continue
        cells = [clean(c) for c in line.split("\t")]
        facts["rows_read"] += 1
        if cells[0] == "TT":
            facts["header_rows"] += 1
            part = "A" if len(cells) == 6 else "B"
            continue
        if cells[0] == "":
            facts["continuation_rows"] += 1
            facts["continuation_lines"].append(n)
            continue
        if re.match(r"^\d+\.?$", cells[0]):
            facts["task_rows"] += 1
            facts["part_tasks"][part] += 1
            facts["tasks"].append({"part": part, "section": current[part] or "",
                                   "number": int(cells[0].rstrip(".")), "line": n,
                                   "deadline": cells[-1], "cells": cells})
            continue
        if is_roman(cells[0]):
            facts["section_rows"] += 1
            current[part] = cells[0].rstrip(".")
            facts["sections"].append({"part": part, "numeral": current[part], "title": cells[1],
                                      "line": n})
    # duplicates and gaps, per numbering: Part A runs through, Part B restarts per group
    seen: dict[tuple, list[int]] = {}
    for t in facts["tasks"]:
        scope = ("A",) if t["part"] == "A" else ("B", t["section"])
        seen.setdefault(scope + (t["number"],), []).append(t["line"])
    facts["duplicates"] = {k: v for k, v in seen.items() if len(v) > 1}
    a_numbers = sorted({t["number"] for t in facts["tasks"] if t["part"] == "A"})
    facts["a_missing"] = [i for i in range(1, a_numbers[-1] + 1) if i not in a_numbers]
    return facts


def expected_due(deadline: str) -> str | None:
    """The due date an official reads in a deadline (None: no fixed date)."""
    d = deadline.strip()
    m = re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", d)
    if m:
        month, year = int(m.group(1)), int(m.group(2))
        return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    m = re.fullmatch(r"Quý (I{1,3}|IV)/(\d{4})(?: và thực hiện thường xuyên)?", d)
    if m:
        q = {"I": 1, "II": 2, "III": 3, "IV": 4}[m.group(1)]
        year, month = int(m.group(2)), q * 3
        return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    m = re.fullmatch(r"Năm (\d{4})", d)
    if m:
        return f"{m.group(1)}-12-31"
    m = re.fullmatch(r"(\d{4})-(\d{4})", d)
    if m:
        return f"{m.group(2)}-12-31"
    return None


def import_http(client: Client, data: bytes, name: str = "chuong-trinh.txt", **fields: Any):
    form = {k: ("1" if v is True else "0" if v is False else str(v)) for k, v in fields.items()
            if v is not None}
    return client.post("/api/tasks/import", files={"file": (name, data, "text/plain")}, data=form)


def outbox_since(db, last_id: int, emails: list[str]) -> list[dict[str, Any]]:
    if not emails:
        return []
    marks = ", ".join(["%s"] * len(emails))
    return db.query(
        f"SELECT id, recipient, subject, body, dedupe_key FROM outbox WHERE id > %s AND module = 'tasks'"
        f" AND recipient IN ({marks}) ORDER BY id", last_id, *emails)


def last_outbox_id(db) -> int:
    return db.scalar("SELECT COALESCE(MAX(id), 0) FROM outbox")


__all__ = ["expect"]
