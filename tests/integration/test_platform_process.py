"""The process model under stress, each test on a separate host (host_ctl):
pool exhaustion (503 + Retry-After), a killed worker, the database going
away and coming back, SIGHUP reload and SIGTERM drain."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from harness import Client, children_of, wait_until

PASSWORD = "Mật-khẩu-2026-nền"
VI_LETTERS = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")
TABLES = ("login_attempt", "user_session", "audit_log", "outbox")


def snapshot(db) -> dict[str, tuple[int, int]]:
    out = {}
    for t in TABLES:
        row = db.one(f"SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM {t}")
        out[t] = (row["n"], row["last"])
    return out


def metric(text: str, name: str, **labels: str) -> float | None:
    """The value of one Prometheus sample, None when absent."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    line = re.search(rf"^{re.escape(name)}{{{re.escape(want)}}} (\S+)$", text, re.M)
    return float(line.group(1)) if line else None


def assert_503(r) -> None:
    assert r.status_code == 503, f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}"
    body = r.json()
    assert body["error"] == "db_unavailable"
    assert VI_LETTERS & set(body["message"].lower())
    assert int(r.headers["Retry-After"]) > 0


def master_and_workers(inst) -> tuple[int, list[int]]:
    """The master from the pid file (it must be the process we started) and
    its worker processes."""
    master = int(inst.pidfile.read_text().strip())
    assert master == inst.host.pid
    return master, children_of(master)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        return stat[stat.rfind(")") + 2] != "Z"
    except OSError:
        return False


def sleeping_queries(db) -> int:
    """Statements of /api/core/debug/sleep running in the database now."""
    return db.scalar("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     " WHERE INFO LIKE 'SELECT SLEEP(%' AND ID <> CONNECTION_ID()")


class Background:
    """One request in a thread; .result is the response (or the exception)."""

    def __init__(self, fn) -> None:
        self.result = None
        self.thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self.thread.start()

    def _run(self, fn) -> None:
        try:
            self.result = fn()
        except Exception as e:  # reported by the test
            self.result = e

    def join(self, timeout: float = 60):
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the background request did not finish"
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def hold_the_pool(inst, db, web: str, ms: int) -> Background:
    """GET /api/core/debug/sleep?ms=… in a thread; returns once its SLEEP runs
    in the database, i.e. once it holds a pooled connection."""
    already = sleeping_queries(db)
    bg = Background(lambda: Client(inst.url(web)).get(f"/api/core/debug/sleep?ms={ms}", timeout=120))
    wait_until(lambda: sleeping_queries(db) > already or not bg.thread.is_alive(), 60,
               "debug/sleep holding a connection")
    assert bg.thread.is_alive(), f"debug/sleep ended early: {bg.result}"
    return bg


@pytest.fixture
def hosts(host_ctl):
    """host_ctl, then a check that the separate hosts' logs hold no
    sanitizer report (the session's own check reads only the main host's)."""
    yield host_ctl
    started = list(host_ctl.instances)
    host_ctl.stop_all()
    reports = [f"{i.host.log_path}: {line}" for i in started for line in i.host.sanitizer_reports()]
    assert not reports, "\n".join(reports[:20])


@pytest.fixture
def fresh_login(cadre_admin) -> str:
    login = f"t.proc.{uuid.uuid4().hex[:10]}"
    cadre_admin("user", "add", login, "--agency", "P01-TCT", "--roles", "officer",
                "--password", PASSWORD)
    return login


# ---------------------------------------------------------------------------
# 3. pool exhaustion


def test_exhausted_pool_answers_503_with_retry_after(hosts, db, fresh_login):
    """One worker, four threads, one connection: while debug/sleep holds it,
    health and login wait pool_wait_ms and answer 503 db_unavailable with
    Retry-After (writing nothing); afterwards they work again, and metrics
    counted every checkout that gave up."""
    inst = hosts.start({"server.workers": 1, "server.threads": 4, "database.pool_size": 1,
                           "database.pool_wait_ms": 300}, web=("nginx", "apache"))
    metrics_url = "/api/core/metrics"
    first = Client(inst.url()).get(metrics_url).text
    timeouts0 = metric(first, "cadre_db_pool_timeouts_total", worker="0")
    assert timeouts0 == 0
    assert metric(first, "cadre_db_pool_size", worker="0") == 1
    refused = 0
    for web in ("nginx", "apache"):
        c = Client(inst.url(web))
        assert c.get("/api/core/health").status_code == 200
        before = snapshot(db)
        bg = hold_the_pool(inst, db, web, 3000)
        assert_503(c.get("/api/core/health"))
        # a login needs the database too: refused, and nothing recorded
        assert_503(Client(inst.url(web), now=dt.datetime(2034, 6, 1, 9, 0)).post(
            "/api/core/login", json={"login": fresh_login, "password": PASSWORD}))
        refused += 2
        # routes without the database are still served meanwhile
        assert c.get("/api/core/hello").status_code == 200
        assert bg.thread.is_alive(), "the connection was released before the checks ended"
        assert snapshot(db) == before
        done = bg.join()
        assert done.status_code == 200 and done.json() == {"ok": True}
        assert c.get("/api/core/health").status_code == 200
        Client(inst.url(web)).login(fresh_login, PASSWORD)

    # the gauge is written just after each answer: wait for the last one
    def timeouts():
        return metric(Client(inst.url()).get(metrics_url).text, "cadre_db_pool_timeouts_total",
                      worker="0")
    wait_until(lambda: timeouts() >= timeouts0 + refused, 10, "cadre_db_pool_timeouts_total")
    assert timeouts() == timeouts0 + refused
    text = Client(inst.url()).get(metrics_url).text
    assert metric(text, "cadre_requests_total", route="core GET /health", status="503") == 2
    assert metric(text, "cadre_requests_total", route="core POST /login", status="503") == 2


# ---------------------------------------------------------------------------
# 4. a killed worker is replaced


def test_killed_worker_is_replaced_and_requests_go_on(hosts):
    inst = hosts.start({"server.workers": 2, "server.threads": 4})
    master, workers = master_and_workers(inst)
    assert len(workers) == 2
    c = Client(inst.url())
    assert c.get("/api/core/health").status_code == 200
    victim = workers[0]
    os.kill(victim, signal.SIGKILL)
    wait_until(lambda: not pid_alive(victim), 10, "the killed worker to die")

    # the other worker keeps serving; a request caught in the kill may be
    # retried, a bounded number of times
    for i in range(40):
        path = "/api/core/health" if i % 2 else "/api/core/hello"
        for attempt in range(3):
            try:
                r = c.get(path, timeout=20)
            except requests.RequestException:
                continue
            if r.status_code == 200:
                break
        else:
            pytest.fail(f"{path} failed 3 times in a row after a worker was killed")

    def replaced():
        now = children_of(master)
        return len(now) == 2 and victim not in now and now
    now = wait_until(replaced, 30, "a new worker in place of the killed one")
    new = set(now) - set(workers)
    assert len(new) == 1 and set(now) - new == {workers[1]}
    assert master_and_workers(inst)[0] == master
    log = inst.host.log_text()
    m = re.search(rf"worker (\d+) \(pid {victim}\) killed by signal 9; replacing it", log)
    assert m, log[-3000:]
    assert len(re.findall(rf"worker {m.group(1)} ready", log)) == 2
    # and the new one serves too: with both alive, many requests all succeed
    for _ in range(20):
        assert c.get("/api/core/health").status_code == 200


# ---------------------------------------------------------------------------
# 5. the database goes away and comes back


@pytest.mark.parametrize("how", ["stop", "kill"])
def test_database_restart_under_the_host(hosts, how):
    """mariadbd stopped (or killed -9) under a running host: health answers
    503 — quickly, never 200, never hanging — with the same processes; once
    the database is back, health and logins work again without a restart."""
    timeouts = {"database.connect_timeout": 2, "database.read_timeout": 5,
                "database.write_timeout": 5, "database.pool_wait_ms": 1000}
    inst = hosts.start({"server.workers": 1, "server.threads": 4, **timeouts}, own_db=True)
    # the longest a request may take while the database is away
    bound = 2 + 5 + 1 + 5
    master, workers = master_and_workers(inst)
    demo = inst.demo_logins[0]
    c = Client(inst.url())
    for _ in range(3):
        assert c.get("/api/core/health").status_code == 200
    c.login(demo["login"], demo["password"])

    if how == "stop":
        inst.db.stop()
    else:
        inst.db.kill()
    for _ in range(6):
        assert_503(c.get("/api/core/health", timeout=bound))
    assert_503(Client(inst.url()).post("/api/core/login", timeout=bound,
                                       json={"login": demo["login"], "password": demo["password"]}))
    assert_503(c.get("/api/core/session", timeout=bound))
    assert inst.host.alive()
    assert master_and_workers(inst) == (master, workers)

    inst.db.start()
    statuses = []

    def healthy():
        r = c.get("/api/core/health", timeout=bound)
        statuses.append(r.status_code)
        return r.status_code == 200
    wait_until(healthy, 60, "health after the database came back", interval=0.2)
    assert set(statuses) <= {200, 503}, statuses
    # every statement is prepared again on the new connections
    for _ in range(3):
        d = Client(inst.url())
        d.login(demo["login"], demo["password"])
        assert d.get("/api/core/session").json()["user"]["login"] == demo["login"]
        assert d.get("/api/core/sessions").status_code == 200
    for _ in range(10):
        assert c.get("/api/core/health").status_code == 200
    assert master_and_workers(inst) == (master, workers)
    assert "replacing it" not in inst.host.log_text()


# ---------------------------------------------------------------------------
# 6. SIGHUP reload


def test_sighup_reload_replaces_workers_without_failing_a_request(hosts):
    inst = hosts.start({"server.workers": 2, "server.threads": 4}, web=("nginx", "apache"))
    master, old = master_and_workers(inst)
    assert len(old) == 2
    stop = threading.Event()
    tally = {"ok": 0, "failed": [], "during": 0}
    window: list[float] = []  # [SIGHUP sent, old generation gone]
    lock = threading.Lock()

    def load(url: str) -> None:
        s = requests.Session()
        i = 0
        while not stop.is_set():
            path = "/api/core/health" if i % 2 else "/api/core/hello"
            i += 1
            t = time.monotonic()
            try:
                r = s.get(url + path, timeout=30)
                ok, what = 200 <= r.status_code < 300, f"{path} {r.status_code} {r.text[:100]}"
            except requests.RequestException as e:
                ok, what = False, f"{path} {e!r}"
            with lock:
                if ok:
                    tally["ok"] += 1
                    in_window = bool(window) and t >= window[0] and (len(window) == 1 or t <= window[1])
                    tally["during"] += in_window
                else:
                    tally["failed"].append(what)

    threads = [threading.Thread(target=load, args=(inst.url(w),), daemon=True)
               for w in ("nginx", "apache")]
    for t in threads:
        t.start()
    try:
        wait_until(lambda: tally["ok"] >= 20, 30, "requests before the reload")
        inst.reconfigure({"server.threads": 6})
        window.append(time.monotonic())
        inst.host.reload()

        def new_generation():
            now = children_of(master)
            return len(now) == 2 and not set(now) & set(old) and now
        new = wait_until(new_generation, 60, "the new generation of workers, the old one gone")
        window.append(time.monotonic())
        for pid in old:
            assert not pid_alive(pid), f"old worker {pid} still running"
        settled = tally["ok"]
        wait_until(lambda: tally["ok"] >= settled + 20, 30, "requests after the reload")
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    assert tally["failed"] == [], tally["failed"][:10]
    assert tally["during"] > 0, "no request was sent while the workers were being replaced"
    assert master_and_workers(inst) == (master, sorted(new))
    log = inst.host.log_text()
    assert "reloaded: generation 2" in log
    assert len(re.findall(r"worker \d ready: 6 threads", log)) == 2
    # the old workers drained: they were not mistaken for crashed ones
    assert "replacing it" not in log
    assert Client(inst.url()).get("/api/core/health").status_code == 200


# ---------------------------------------------------------------------------
# 7. SIGTERM drain


def test_sigterm_drains_the_request_in_flight(hosts, db):
    inst = hosts.start({"server.workers": 1, "server.threads": 4})
    master, _ = master_and_workers(inst)
    assert inst.socket.exists() and inst.pidfile.exists()
    bg = hold_the_pool(inst, db, "nginx", 1500)
    inst.host.proc.send_signal(signal.SIGTERM)
    done = bg.join()
    assert done.status_code == 200, done.text[:300]
    assert done.json() == {"ok": True}
    assert inst.host.proc.p.wait(30) == 0
    assert not inst.socket.exists(), "the socket file is left behind"
    assert not inst.pidfile.exists(), "the pid file is left behind"
    log = inst.host.log_text()
    assert "stopping: draining workers" in log and "worker 0 stopped" in log
    assert "drain deadline passed" not in log
    assert f'pid={master} msg="stopped"' in log


# ---------------------------------------------------------------------------
# 9. FastCGI keep-alive: nginx keeps its connections to the host


def accepted(inst) -> float:
    text = Client(inst.url()).get("/api/core/metrics").text
    return sum(float(v) for v in re.findall(r"^cadre_connections_accepted_total\{[^}]*\} (\d+)$",
                                            text, re.M))


def test_nginx_reuses_its_connections_to_the_host(hosts):
    inst = hosts.start({"server.workers": 1, "server.threads": 4}, web=("nginx",))
    c = Client(inst.url("nginx"))
    assert c.get("/api/core/hello").status_code == 200
    before = accepted(inst)
    for _ in range(40):
        assert c.get("/api/core/hello").status_code == 200
    # 41 requests (40 + the metrics read) on the connections nginx kept: at
    # most one new one per nginx worker process
    assert accepted(inst) - before <= 4


def test_idle_kept_connections_do_not_pin_threads(hosts):
    """Two threads, and nginx keeping up to 32 idle connections per worker
    process: a thread bound to its connection would leave every request
    beyond the second waiting for nginx to drop an idle one (60 s); here an
    idle connection waits in the host's epoll set and costs no thread."""
    inst = hosts.start({"server.workers": 1, "server.threads": 2}, web=("nginx",))
    url = inst.url("nginx")

    def one(_):
        return requests.get(url + "/api/core/hello", timeout=15).status_code

    for _ in range(3):  # each round leaves up to 24 connections idle in nginx
        with ThreadPoolExecutor(max_workers=24) as pool:
            assert list(pool.map(one, range(96))) == [200] * 96
    t0 = time.monotonic()
    for _ in range(10):
        assert requests.get(url + "/api/core/hello", timeout=15).status_code == 200
    assert time.monotonic() - t0 < 10
