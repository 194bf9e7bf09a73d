#!/usr/bin/python3
"""Load client for the course module's exactness benchmarks (bench/course/
scenarios.sh runs it; not a test):

  burst    N distinct public registrations at C concurrent connections;
           prints JSON {sent, status: {code: count}, seconds, rps, p50_ms,
           p99_ms}; every acknowledged (201) citizen ID is written to a file
  replay   the first K acknowledged registrations again (new requests, same
           person): each must be answered 409 already_registered
  roster   one roster submission per bridge point (20 participants each)
           for one session, as a logged-in organiser; prints the wall time
  report   GET a report R times; prints the latency distribution

Standard library only (http.client with keep-alive to nginx, threads).
"""

from __future__ import annotations

import argparse
import http.client
import json
import queue
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit


class Conn:
    """One keep-alive connection to the bench nginx, reconnecting on demand."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        p = urlsplit(url)
        self.host, self.port = p.hostname, p.port
        self.origin = f"{p.scheme}://{p.netloc}"
        self.headers = headers or {}
        self.c: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        h = {"Origin": self.origin, "Accept": "application/json", **self.headers}
        if data is not None:
            h["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.c is None:
                    self.c = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.c.request(method, path, body=data, headers=h)
                r = self.c.getresponse()
                out = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.c.close()
                    self.c = None
                return r.status, out
            except (http.client.HTTPException, OSError):
                if self.c:
                    self.c.close()
                self.c = None
                if attempt == 2:
                    return 0, b""
        return 0, b""


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def run_pool(url: str, jobs: list, conc: int, headers: dict | None = None):
    """Runs jobs (method, path, body, tag) on `conc` connections; returns
    [(tag, status, body, seconds)] and the wall time."""
    q: queue.Queue = queue.Queue()
    for j in jobs:
        q.put(j)
    results: list = []
    lock = threading.Lock()

    def worker():
        conn = Conn(url, headers)
        local = []
        while True:
            try:
                method, path, body, tag = q.get_nowait()
            except queue.Empty:
                break
            t0 = time.perf_counter()
            status, out = conn.request(method, path, body)
            local.append((tag, status, out, time.perf_counter() - t0))
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(conc)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - start


def summary(results, wall):
    codes: dict[str, int] = {}
    for _, status, _, _ in results:
        codes[str(status)] = codes.get(str(status), 0) + 1
    lat = [r[3] * 1000 for r in results]
    return {"sent": len(results), "status": codes, "seconds": round(wall, 3),
            "rps": round(len(results) / wall, 1) if wall else 0,
            "p50_ms": round(percentile(lat, 50), 2), "p99_ms": round(percentile(lat, 99), 2),
            "max_ms": round(max(lat) if lat else 0, 2)}


def person(course: int, code: str, n: int, run: int) -> dict:
    return {"course": course, "bridge_point": code, "cccd": f"{run:03d}{n:09d}",
            "full_name": f"Trần Thị Đo Tải {n}", "position": "Chủ tịch UBND xã",
            "unit": "UBND xã", "phone": f"09{n % 10**8:08d}", "category": "commune_leader"}


def cmd_burst(a):
    codes = [l.strip() for l in open(a.codes) if l.strip()]
    jobs = [("POST", "/api/course/public/register",
             person(a.course, codes[i % len(codes)], i, a.run), i) for i in range(a.n)]
    results, wall = run_pool(a.url, jobs, a.conc)
    with open(a.acked, "w") as f:
        for tag, status, _, _ in sorted(results):
            if status == 201:
                f.write(json.dumps(jobs[tag][2], ensure_ascii=False) + "\n")
    print(json.dumps(summary(results, wall)))


def cmd_replay(a):
    people = [json.loads(l) for l in open(a.acked)][: a.k]
    jobs = [("POST", "/api/course/public/register", p, i) for i, p in enumerate(people)]
    results, wall = run_pool(a.url, jobs, a.conc)
    s = summary(results, wall)
    s["already_registered"] = sum(1 for _, st, out, _ in results
                                  if st == 409 and b"already_registered" in out)
    print(json.dumps(s))


def login(url: str, user: str, password: str) -> dict[str, str]:
    """The session cookie and CSRF token of a login, as request headers."""
    p = urlsplit(url)
    conn = http.client.HTTPConnection(p.hostname, p.port, timeout=30)
    conn.request("POST", "/api/core/login", body=json.dumps({"login": user, "password": password}),
                 headers={"Content-Type": "application/json", "Origin": f"{p.scheme}://{p.netloc}"})
    r = conn.getresponse()
    raw = r.read()
    if r.status != 200:
        sys.exit(f"login {user}: {r.status} {raw[:300]!r}")
    body = json.loads(raw)
    cookie = "; ".join(h.split(";", 1)[0] for k, h in r.getheaders() if k.lower() == "set-cookie")
    return {"Cookie": cookie, "X-CSRF-Token": body["csrf_token"]}


def cmd_roster(a):
    """Input: lines "bridge_point_id registration_id" (20 per point)."""
    by_bp: dict[int, list[int]] = {}
    for line in open(a.regs):
        bp, reg = map(int, line.split())
        by_bp.setdefault(bp, []).append(reg)
    headers = login(a.url, a.user, a.password)
    jobs = [("POST", f"/api/course/sessions/{a.session}/roster",
             {"bridge_point_id": bp, "nonce": "bench-" + uuid.uuid4().hex,
              "entries": [{"registration_id": r, "status": "present"} for r in regs]}, bp)
            for bp, regs in by_bp.items()]
    results, wall = run_pool(a.url, jobs, a.conc, headers)
    s = summary(results, wall)
    s["points"] = len(jobs)
    s["marks"] = sum(len(j[2]["entries"]) for j in jobs)
    print(json.dumps(s))


def cmd_report(a):
    headers = login(a.url, a.user, a.password)
    conn = Conn(a.url, headers)
    conn.request("GET", a.path)  # warm the statement cache
    lat = []
    status = {}
    for _ in range(a.r):
        t0 = time.perf_counter()
        st, _ = conn.request("GET", a.path)
        lat.append((time.perf_counter() - t0) * 1000)
        status[str(st)] = status.get(str(st), 0) + 1
    print(json.dumps({"requests": a.r, "status": status, "p50_ms": round(percentile(lat, 50), 1),
                      "p95_ms": round(percentile(lat, 95), 1), "max_ms": round(max(lat), 1)}))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("burst")
    b.add_argument("--url", required=True); b.add_argument("--course", type=int, required=True)
    b.add_argument("--codes", required=True); b.add_argument("--n", type=int, default=70000)
    b.add_argument("--conc", type=int, default=64); b.add_argument("--run", type=int, default=500)
    b.add_argument("--acked", required=True)
    r = sub.add_parser("replay")
    r.add_argument("--url", required=True); r.add_argument("--acked", required=True)
    r.add_argument("--k", type=int, default=1000); r.add_argument("--conc", type=int, default=64)
    ro = sub.add_parser("roster")
    ro.add_argument("--url", required=True); ro.add_argument("--regs", required=True)
    ro.add_argument("--session", type=int, required=True); ro.add_argument("--conc", type=int, default=32)
    ro.add_argument("--user", required=True); ro.add_argument("--password", required=True)
    rp = sub.add_parser("report")
    rp.add_argument("--url", required=True); rp.add_argument("--path", required=True)
    rp.add_argument("--r", type=int, default=30)
    rp.add_argument("--user", required=True); rp.add_argument("--password", required=True)
    a = ap.parse_args()
    {"burst": cmd_burst, "replay": cmd_replay, "roster": cmd_roster, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
