"""Operations: migrations (idempotent, edits refused), Prometheus metrics,
configuration checks and the plugin ABI check."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

import harness
from harness import Client, expect

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# ---------------------------------------------------------------------------
# 2. migrations


def applied_lines(out: str) -> list[str]:
    return re.findall(r"^applied (\S+)$", out, re.M)


def test_migrate_twice_applies_nothing_the_second_time(cadre_admin, db):
    rows = db.scalar("SELECT COUNT(*) FROM schema_migration")
    for _ in range(2):
        r = cadre_admin("migrate")
        assert applied_lines(r.stdout) == []
        assert "migrations: 0 applied, database up to date" in r.stdout
    assert db.scalar("SELECT COUNT(*) FROM schema_migration") == rows
    status = cadre_admin("migrate", "--status")
    assert status.stdout.startswith("0 migration(s) pending"), status.stdout
    assert "pending " not in status.stdout.replace("0 migration(s) pending", "")


@pytest.fixture
def scratch_db(db):
    """An empty database the cadre user may use (cadre_test_%), dropped after."""
    name = f"cadre_test_mig_{uuid.uuid4().hex[:8]}"
    db.execute(f"CREATE DATABASE {name}")
    yield name
    db.execute(f"DROP DATABASE IF EXISTS {name}")


def test_a_changed_applied_migration_is_refused(stack, db, scratch_db, tmp_path):
    """sql/ copied to a temp dir, applied to an empty database; then one
    applied file is edited and a new file added: migrate refuses (exit 1,
    naming the file) and applies nothing, not even the new file."""
    sql = tmp_path / "sql"
    shutil.copytree(harness.ROOT / "sql", sql)
    conf = tmp_path / "cadre.conf"
    harness.render_conf(conf, {
        **stack.base_overrides(tmp_path / "unused.sock", stack.db, [], tmp_path / "unused.pid"),
        "database.name": scratch_db,
        "plugins.sql_dir": sql,
        "plugins.enabled": "core",
    })

    def migrate(*args):
        return stack.admin("migrate", *args, conf=conf, check=False)

    core_files = sorted(p.name for p in (sql / "core").glob("*.sql"))
    assert len(core_files) >= 2
    first = migrate()
    assert first.returncode == 0, first.stdout + first.stderr
    assert applied_lines(first.stdout) == [f"core/{f}" for f in core_files]
    second = migrate()
    assert second.returncode == 0 and applied_lines(second.stdout) == []
    assert "migrations: 0 applied" in second.stdout
    assert migrate("--status").stdout.startswith("0 migration(s) pending")

    def recorded() -> dict[str, str]:
        return {r["name"]: r["checksum"] for r in db.query(
            f"SELECT name, checksum FROM {scratch_db}.schema_migration")}
    before = recorded()
    assert sorted(before) == [f"core/{f}" for f in core_files]

    new = sql / "core" / "0999_platform_marker.sql"
    new.write_text("CREATE TABLE platform_marker (id INT PRIMARY KEY);\n")
    status = migrate("--status")
    assert status.returncode == 0
    assert "1 migration(s) pending" in status.stdout and "pending core/0999_platform_marker.sql" in status.stdout

    edited = sql / "core" / core_files[0]
    original = edited.read_bytes()
    edited.write_bytes(original + b"\n-- an edit after the fact\n")
    for args in ((), ("--status",)):
        r = migrate(*args)
        out = r.stdout + r.stderr
        assert r.returncode == 1, out
        assert f"refusing: core/{core_files[0]} was changed after it was applied" in out
        assert applied_lines(r.stdout) == []
    assert recorded() == before
    assert not db.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s"
                        " AND TABLE_NAME = 'platform_marker'", scratch_db)

    # the refusal was the edit's doing: restored, the new file is applied
    edited.write_bytes(original)
    r = migrate()
    assert r.returncode == 0 and applied_lines(r.stdout) == ["core/0999_platform_marker.sql"]
    assert db.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s"
                    " AND TABLE_NAME = 'platform_marker'", scratch_db)


# ---------------------------------------------------------------------------
# 8. metrics


SAMPLE_RE = re.compile(r'^([a-z_:][a-z0-9_:]*)(\{[a-z_]+="[^"\\]*"(,[a-z_]+="[^"\\]*")*\})? '
                       r"(-?[0-9.e+-]+|\+Inf|NaN)$")


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE_RE.match(line)
        assert m, f"not a Prometheus sample line: {line!r}"
        labels = tuple(re.findall(r'([a-z_]+)="([^"]*)"', m.group(2) or ""))
        out[(m.group(1), labels)] = float(m.group(4))
    return out


def value(s, name: str, **labels: str) -> float:
    return s.get((name, tuple(labels.items())), 0.0)


def read_metrics(c: Client):
    r = c.get("/api/core/metrics")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return r.text, samples(r.text)


def test_metrics_count_requests_exactly(web):
    c = Client(web)
    _, s0 = read_metrics(c)
    hello = {"route": "core GET /hello", "status": "200"}
    n = 7
    for _ in range(n):
        assert c.get("/api/core/hello").status_code == 200
    for _ in range(2):
        assert c.get("/api/core/no-such-route").status_code == 404
    text, s1 = read_metrics(c)
    assert value(s1, "cadre_requests_total", **hello) == value(s0, "cadre_requests_total", **hello) + n
    count = ("cadre_request_duration_ms_count", (("route", "core GET /hello"),))
    assert s1[count] == s0.get(count, 0) + n
    # requests no route matched are counted apart
    miss = {"route": "unmatched", "status": "404"}
    assert value(s1, "cadre_requests_total", **miss) == value(s0, "cadre_requests_total", **miss) + 2
    # the metrics request before this one is counted too
    assert value(s1, "cadre_requests_total", route="core GET /metrics", status="200") >= 1
    for kind in ("counter", "histogram", "gauge"):
        assert re.search(rf"^# TYPE cadre_\w+ {kind}$", text, re.M), kind
    assert "# TYPE cadre_request_duration_ms histogram" in text


def test_metrics_histogram_and_pool_gauges(web):
    c = Client(web)
    for _ in range(3):
        c.get("/api/core/health")
    text, s = read_metrics(c)
    route = "core GET /health"
    buckets = [(labels[1][1], v) for (name, labels), v in s.items()
               if name == "cadre_request_duration_ms_bucket" and labels[0] == ("route", route)]
    les = [le for le, _ in buckets]
    assert les[-1] == "+Inf" and len(les) >= 5
    assert [float(le) for le in les[:-1]] == sorted(float(le) for le in les[:-1])
    counts = [v for _, v in buckets]
    assert counts == sorted(counts), "histogram buckets must be cumulative"
    assert counts[-1] == s[("cadre_request_duration_ms_count", (("route", route),))] >= 3
    assert s[("cadre_request_duration_ms_sum", (("route", route),))] > 0
    # pool gauges, one per worker
    workers = {dict(labels)["worker"] for (name, labels), _ in s.items() if name == "cadre_db_pool_size"}
    assert workers, text[-2000:]
    for w in workers:
        size = value(s, "cadre_db_pool_size", worker=w)
        assert size >= 1
        assert 0 <= value(s, "cadre_db_pool_in_use", worker=w) <= size
        assert ("cadre_db_pool_timeouts_total", (("worker", w),)) in s
    for name in ("cadre_db_pool_in_use", "cadre_db_pool_size"):
        assert f"# TYPE {name} gauge" in text
    assert "# TYPE cadre_db_pool_timeouts_total counter" in text


# ---------------------------------------------------------------------------
# 9. configuration and plugin checks


def check_config(stack, conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(stack.build / "cadre.fcgi"), "-c", str(conf), "--check-config"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **harness.sanitizer_env()})


def test_check_config_accepts_the_running_config(stack):
    r = check_config(stack, stack.conf)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"configuration {stack.conf}: ok" in r.stdout
    assert re.search(r"^plugins:.* core( |$)", r.stdout, re.M), r.stdout


@pytest.mark.parametrize("line,message", [
    ("max_bodee_bytes = 1024", "[server] max_bodee_bytes: unknown key"),
    ("threads = many", "[server] threads: invalid value 'many'"),
    ("max_body_bytes = -1", "[server] max_body_bytes: invalid value '-1'"),
])
def test_check_config_names_the_bad_key_and_its_line(stack, tmp_path, line, message):
    lines = stack.conf.read_text().splitlines()
    at = lines.index("[server]") + 1
    lines.insert(at, line)
    bad = tmp_path / "bad.conf"
    bad.write_text("\n".join(lines) + "\n")
    r = check_config(stack, bad)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"configuration error: {bad}:{at + 1}: {message}" in r.stderr
    # the host itself refuses to start with it
    run = subprocess.run([str(stack.build / "cadre.fcgi"), "-c", str(bad)], capture_output=True,
                         text=True, timeout=60, env={**os.environ, **harness.sanitizer_env()})
    assert run.returncode == 1
    assert f"{bad}:{at + 1}: {message}" in run.stderr


@pytest.fixture
def abi_plugins_dir(stack, tmp_path) -> Path:
    """A plugins dir: a copy of core.so and abitest.so built for ABI major+1."""
    d = tmp_path / "plugins"
    d.mkdir()
    d.chmod(0o755)
    shutil.copy2(stack.build / "plugins" / "core.so", d / "core.so")
    cflags = subprocess.run(["pkg-config", "--cflags", "jansson", "libmariadb"], capture_output=True,
                            text=True, check=True).stdout.split()
    r = subprocess.run(["cc", "-shared", "-fPIC", "-I", str(harness.ROOT / "include"), *cflags,
                        "-o", str(d / "abitest.so"), str(FIXTURES / "abi_mismatch_plugin.c")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return d


@pytest.fixture
def hosts(host_ctl):
    """host_ctl, then a check that the separate hosts' logs hold no
    sanitizer report (the session's own check reads only the main host's)."""
    yield host_ctl
    started = list(host_ctl.instances)
    host_ctl.stop_all()
    reports = [f"{i.host.log_path}: {line}" for i in started for line in i.host.sanitizer_reports()]
    assert not reports, "\n".join(reports[:20])


def host_abi_major() -> int:
    text = (harness.ROOT / "include" / "cadre" / "plugin.h").read_text()
    return int(re.search(r"#define CADRE_ABI_MAJOR (\d+)", text).group(1))


def test_plugin_for_another_abi_is_refused_core_still_loads(stack, hosts, abi_plugins_dir, tmp_path):
    major = host_abi_major()
    refusal = f"plugin abitest refused: abi.major is {major + 1}, host expects {major}"
    conf = tmp_path / "abi.conf"
    harness.render_conf(conf, {
        **stack.base_overrides(tmp_path / "unused.sock", stack.db, [], tmp_path / "unused.pid"),
        "plugins.dir": abi_plugins_dir, "plugins.enabled": "core abitest"})
    r = check_config(stack, conf)
    assert r.returncode == 1, r.stdout + r.stderr
    assert refusal in r.stderr
    assert re.search(r"^plugins: core$", r.stdout, re.M), r.stdout
    assert "1 plugin(s) refused" in r.stderr

    # a running host: refuses it with the same line and serves core
    inst = hosts.start({"plugins.dir": abi_plugins_dir, "plugins.enabled": "core abitest"})
    assert refusal in inst.host.log_text()
    c = Client(inst.url())
    assert expect(c.get("/api/core/health"), 200)["status"] == "ok"
    assert expect(c.get("/api/abitest/hello"), 404)["error"] == "not_found"
    assert "abitest" not in c.get("/api/core/metrics").text
