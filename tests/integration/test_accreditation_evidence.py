"""The evidence library: documents with number, date, issuer and validity,
one piece serving several criteria; files served only after the access
check (another school's file is "not found"); wrong type or size refused
with nothing stored; expiry shown, reported and reminded once."""

from __future__ import annotations

import pytest

from harness import expect
from test_accreditation_support import API, make_world

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(scope="module")
def w(stack, db, cadre_admin):
    return make_world(stack, db, cadre_admin)


def upload(w, who, school, code, content=PDF, name="quyet-dinh.pdf", mime="application/pdf",
           **fields):
    data = {"code": code, "title": f"Quyết định {code}", "doc_number": "12-QĐ/TU",
            "doc_date": "15/01/2026", "issuer": "Tỉnh ủy", **fields}
    return w.post(who, f"/schools/{w.agencies[school]}/evidence", data=data,
                  files={"file": (name, content, mime)} if content is not None else None)


def count(w, db, school):
    return db.scalar("SELECT COUNT(*) FROM accreditation_evidence WHERE school_agency_id = %s",
                     w.agencies[school])


def test_files_are_served_only_to_those_who_see_the_school(w, db):
    ev = expect(upload(w, "officer", "S", "H1.01.01"), 201)
    assert ev["doc_date"] == "2026-01-15" and ev["file_id"]
    for who in ("officer", "head", "board", "viewer", "academy"):
        r = w.get(who, f"/evidence/{ev['id']}/file")
        assert r.status_code == 200, who
        assert r.content == PDF
    for who in ("thead", "qboard", "central2", "pcouncil", "head2"):
        assert expect(w.get(who, f"/evidence/{ev['id']}/file"), 404)["error"] == "not_found", who
        assert w.get(who, f"/files/{ev['file_id']}").status_code == 404, who
    assert w.get("head", f"/files/{ev['file_id']}").content == PDF
    # another school's file id, asked for by this school: not found
    other = expect(upload(w, "thead", "T", "H9.99"), 201)
    assert w.get("head", f"/files/{other['file_id']}").status_code == 404
    assert w.get("head", f"/evidence/{other['id']}/file").status_code == 404
    # the council sees the file once it is given the school's dossier
    w.new_cycle("S")
    assert w.get("pcouncil", f"/evidence/{ev['id']}/file").content == PDF


def test_only_the_school_edits_its_library(w, db):
    before = count(w, db, "S")
    assert upload(w, "thead", "S", "X1").status_code == 404
    assert upload(w, "board", "S", "X1").status_code == 403
    assert count(w, db, "S") == before


@pytest.mark.parametrize("content,name,mime", [
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 4, "virus.exe",
     "application/pdf"),
    (b"#!/bin/sh\nrm -rf /\n", "script.sh", "application/pdf"),
])
def test_wrong_file_type_changes_nothing(w, db, content, name, mime):
    before = count(w, db, "S")
    files = db.scalar("SELECT COUNT(*) FROM file")
    r = upload(w, "officer", "S", "BAD" + name[:3].upper(), content=content, name=name, mime=mime)
    assert expect(r, 422)["fields"]["file"]["code"] == "file_type"
    assert count(w, db, "S") == before
    assert db.scalar("SELECT COUNT(*) FROM file") == files


def test_too_big_a_file_changes_nothing(w, db):
    before = count(w, db, "S")
    big = PDF + b"0" * (20 * 1024 * 1024)
    r = upload(w, "officer", "S", "BIG", content=big)
    assert expect(r, 413)["error"] == "file_too_large"
    assert count(w, db, "S") == before


def test_evidence_rules(w, db):
    expect(upload(w, "officer", "S", "H2.01", content=None), 201)
    r = upload(w, "officer", "S", "H2.01", content=None)
    assert expect(r, 409)["error"] == "evidence_code_taken"
    r = upload(w, "officer", "S", "H2.02", content=None, valid_from="2026-05-01",
               valid_until="2026-04-01")
    assert expect(r, 422)["error"] == "validity_reversed"
    r = upload(w, "officer", "S", "H2.03", content=None, doc_date="31/02/2026")
    assert expect(r, 422)["fields"]["doc_date"]["code"]


def test_one_evidence_serves_several_criteria_and_locks_with_the_dossier(w, db):
    cid = w.new_cycle("S")
    expect(w.transition("head", cid, "start"), 200)
    ev = expect(upload(w, "officer", "S", "H3.01"), 201)
    a, b = w.leaves()[:2]
    for leaf in (a, b):
        expect(w.post("officer", f"/cycles/{cid}/criteria/{leaf['id']}/evidence",
                      json={"evidence_id": ev["id"]}), 200)
    again = w.post("officer", f"/cycles/{cid}/criteria/{a['id']}/evidence",
                   json={"evidence_id": ev["id"]})
    assert expect(again, 409)["error"] == "already_linked"
    tree = expect(w.get("pcouncil", f"/cycles/{cid}/criteria"), 200)
    linked = [n["code"] for n in tree if any(e["id"] == ev["id"] for e in n.get("evidence", []))]
    assert linked == [a["code"], b["code"]]
    lib = expect(w.get("officer", f"/schools/{w.agencies['S']}/evidence"), 200)
    assert next(e for e in lib if e["id"] == ev["id"])["links"] == 2
    # another school's evidence cannot be linked here
    other = expect(upload(w, "thead", "T", "H3.99", content=None), 201)
    r = w.post("officer", f"/cycles/{cid}/criteria/{a['id']}/evidence",
               json={"evidence_id": other["id"]})
    assert expect(r, 404)["error"] == "evidence_not_found"
    # linked evidence cannot be deleted
    assert expect(w.delete("officer", f"/evidence/{ev['id']}"), 409)["error"] == "evidence_in_use"
    # once submitted, neither links nor the evidence itself change
    w.fill(cid, "self")
    expect(w.transition("head", cid, "submit"), 200)
    r = w.post("officer", f"/cycles/{cid}/criteria/{b['id']}/evidence",
               json={"evidence_id": expect(upload(w, "officer", "S", "H3.02"), 201)["id"]})
    assert expect(r, 409)["error"] == "dossier_locked"
    r = w.delete("officer", f"/cycles/{cid}/criteria/{a['id']}/evidence/{ev['id']}")
    assert expect(r, 409)["error"] == "dossier_locked"
    r = w.put("officer", f"/evidence/{ev['id']}", data={"code": "H3.01", "title": "Sửa"})
    assert expect(r, 409)["error"] == "evidence_locked"
    assert db.scalar("SELECT title FROM accreditation_evidence WHERE id = %s", ev["id"]) == \
        "Quyết định H3.01"
    # returned for changes: editable again
    w.set_state(cid, "changes_requested")
    expect(w.put("officer", f"/evidence/{ev['id']}", data={"code": "H3.01", "title": "Sửa"}), 200)
    expect(w.delete("officer", f"/cycles/{cid}/criteria/{a['id']}/evidence/{ev['id']}"), 200)


def test_expiry_is_shown_reported_and_reminded_once(w, db, cadre_admin):
    school = "S2"
    expiring = expect(upload(w, "head2", school, "H4.01", content=None,
                             valid_until="2026-07-01"), 201)  # NOW is 15/06/2026
    expired = expect(upload(w, "head2", school, "H4.02", content=None,
                            valid_until="2026-05-31"), 201)
    expect(upload(w, "head2", school, "H4.03", content=None, valid_until="2027-01-01"), 201)
    lib = {e["code"]: e["validity"] for e in
           expect(w.get("head2", f"/schools/{w.agencies[school]}/evidence"), 200)}
    assert lib == {"H4.01": "expiring", "H4.02": "expired", "H4.03": "valid"}
    only = expect(w.get("head2", f"/schools/{w.agencies[school]}/evidence",
                        params={"validity": "expired"}), 200)
    assert [e["id"] for e in only] == [expired["id"]]
    report = expect(w.get("board", "/reports/evidence", params={"version": w.version_id}), 200)
    row = next(r for r in report if r["school_id"] == w.agencies[school])
    assert (row["evidence_total"], row["expired"], row["expiring"]) == (3, 1, 1)
    csv = w.get("board", "/reports/evidence", params={"version": w.version_id, "format": "csv"})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    # the daily reminder: once per piece and date
    key = f"accr:expiry:{expiring['id']}:2026-07-01:{w.logins['head2']}@example.test"
    for _ in range(2):
        cadre_admin("--now", "2026-06-15", "accreditation", "remind")
        assert db.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key = %s", key) == 1
    assert db.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE %s",
                     f"accr:expiry:{expired['id']}:%") == 0


def test_files_and_exports_through_both_web_servers(w, web):
    from harness import Client
    from test_accreditation_support import NOW, PASSWORD
    ev = expect(upload(w, "officer", "S", "WEB" + web.rsplit(":", 1)[-1]), 201)
    mine, theirs = Client(web, now=NOW), Client(web, now=NOW)
    mine.login(w.logins["officer"], PASSWORD)
    theirs.login(w.logins["thead"], PASSWORD)
    r = mine.get(f"{API}/evidence/{ev['id']}/file")
    assert r.status_code == 200 and r.content == PDF
    assert "attachment" in r.headers.get("Content-Disposition", "")
    assert theirs.get(f"{API}/evidence/{ev['id']}/file").status_code == 404
    assert theirs.get(f"{API}/files/{ev['file_id']}").status_code == 404
    csv = mine.get(f"{API}/reports/evidence", params={"format": "csv"})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    xlsx = mine.get(f"{API}/register", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
