"""The private stack the integration and browser tests run against.

Everything runs from this project's own scripts and configs, on unix sockets
and free loopback ports, under build/test-output/ (never the system
services):

    Database      a private mariadbd (scripts/db.sh) + SQL helpers (PyMySQL)
    SmtpSink      an SMTP server (aiosmtpd) keeping messages in memory
    WebhookSink   an HTTP server recording webhook calls, with scripted answers
    Host          build/cadre.fcgi with a config from scripts/mkconf.sh
    WebServer     nginx or Apache httpd rendered by scripts/webconf.sh from
                  the same site templates as production (conf/nginx, conf/apache)
    Stack         all of the above, started in order; Stack.extra_host() adds a
                  separate host instance (own socket, own nginx, optionally its
                  own database) for tests that kill or restart things
    Client        a requests.Session that logs in and sends CSRF/Origin/now

Every process is registered in _REGISTRY and killed at exit, on SIGTERM and
on Ctrl-C, whatever the tests did.

Run `python3 tests/integration/harness.py serve --state-file F` to start a
stack outside pytest (scripts/test-e2e.sh does); it writes the URLs and demo
logins to F (JSON) once everything answers and runs until SIGTERM/SIGINT.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import email
import email.policy
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
# $CADRE_TEST_OUTPUT moves the stacks elsewhere (a private directory is safe
# from the pruning of old runs by a concurrent scripts/test-integration.sh).
OUTPUT = Path(os.environ.get("CADRE_TEST_OUTPUT") or ROOT / "build" / "test-output")

# Webhook target names configured in [webhooks]; each points at
# WebhookSink's /<name>. Add the names plugins use here.
WEBHOOK_TARGETS = ("livestream", "test")

# Seconds to wait for a process to come up (ASan builds are slow).
START_TIMEOUT = float(os.environ.get("CADRE_TEST_START_TIMEOUT", "90"))


def build_dir() -> Path:
    """$CADRE_BUILD (set by scripts/test-integration.sh), default build/."""
    b = Path(os.environ.get("CADRE_BUILD", "build"))
    return (b if b.is_absolute() else ROOT / b).resolve()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(pred: Callable[[], Any], timeout: float, what: str,
               alive: Callable[[], bool] | None = None, interval: float = 0.05) -> Any:
    """Poll pred() until it returns something truthy; raise after timeout or
    when alive() turns false (the process we wait for died)."""
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if alive is not None and not alive():
            raise RuntimeError(f"{what}: the process exited")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not ready after {timeout:.0f}s")
        time.sleep(interval)


def tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def _socket_answers(path: Path) -> bool:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(1)
    try:
        s.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _http_answers(url: str) -> bool:
    import urllib.error
    import urllib.request
    try:
        urllib.request.urlopen(url, timeout=2).close()
        return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False


def _short_dir(preferred: Path, longest_name: str = "cadre-extra-00.sock") -> Path:
    """unix socket paths are limited to 107 bytes: use preferred when a socket
    in it fits, else a private directory under /tmp."""
    if len(str(preferred / longest_name)) < 100:
        preferred.mkdir(parents=True, exist_ok=True)
        return preferred
    d = Path(tempfile.mkdtemp(prefix="cadre-"))
    d.chmod(0o755)
    _REGISTRY.dirs.append(d)
    return d


# ---------------------------------------------------------------------------
# cleanup registry


class _Registry:
    """What to undo at exit, newest first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cleanups: list[tuple[str, Callable[[], None]]] = []
        self.dirs: list[Path] = []

    def add(self, name: str, fn: Callable[[], None]) -> Callable[[], None]:
        with self.lock:
            self.cleanups.append((name, fn))
        return fn

    def remove(self, fn: Callable[[], None]) -> None:
        with self.lock:
            self.cleanups = [(n, f) for n, f in self.cleanups if f is not fn]

    def run_all(self) -> None:
        while True:
            with self.lock:
                if not self.cleanups:
                    break
                name, fn = self.cleanups.pop()
            try:
                fn()
            except Exception as e:  # keep cleaning up the rest
                print(f"cleanup of {name} failed: {e}", file=sys.stderr)
        for d in self.dirs:
            shutil.rmtree(d, ignore_errors=True)
        self.dirs.clear()


_REGISTRY = _Registry()
atexit.register(_REGISTRY.run_all)


def _on_term(signum, frame):
    # SIGTERM/SIGHUP: unwind like Ctrl-C, so pytest stops the session and runs
    # every finalizer (a SystemExit inside a test would only fail that test)
    raise KeyboardInterrupt(f"signal {signum}")


if threading.current_thread() is threading.main_thread():
    for _sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(_sig) in (signal.SIG_DFL, None):
            signal.signal(_sig, _on_term)


def cleanup_all() -> None:
    _REGISTRY.run_all()


# ---------------------------------------------------------------------------
# processes


class Proc:
    """A child process in its own session (Ctrl-C in the terminal reaches
    pytest, which stops it in order), stdout+stderr to a log file."""

    def __init__(self, name: str, argv: list[str], log: Path,
                 env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.name, self.argv, self.log = name, [str(a) for a in argv], log
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as f:
            f.write(f"--- {time.strftime('%H:%M:%S')} start: {' '.join(self.argv)}\n".encode())
            self.p = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=f,
                                      stderr=subprocess.STDOUT, start_new_session=True,
                                      env={**os.environ, **(env or {})},
                                      cwd=str(cwd or ROOT))
        self._cleanup = _REGISTRY.add(name, lambda: self.stop(timeout=10))

    @property
    def pid(self) -> int:
        return self.p.pid

    def alive(self) -> bool:
        return self.p.poll() is None

    def send_signal(self, sig: int) -> None:
        if self.alive():
            os.kill(self.p.pid, sig)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int | None:
        """Signal, wait, then SIGKILL the whole session. Returns the exit code."""
        if self.alive():
            try:
                os.kill(self.p.pid, sig)
                self.p.wait(timeout)
            except subprocess.TimeoutExpired:
                print(f"{self.name} ignored signal {sig} for {timeout}s: killing it",
                      file=sys.stderr)
            except ProcessLookupError:
                pass
        if self.alive():
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.p.wait(10)
        else:
            # children left in the session (workers of a killed master)
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _REGISTRY.remove(self._cleanup)
        return self.p.returncode

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def children_of(pid: int) -> list[int]:
    """Direct child pids of pid (for the host's worker processes)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may contain spaces/parens
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(d.name))
    return sorted(out)


# ---------------------------------------------------------------------------
# database


class Database:
    """A private mariadbd in `dir`, driven by scripts/db.sh."""

    def __init__(self, dir: Path) -> None:
        self.dir = Path(dir)
        self._cleanup: Callable[[], None] | None = None

    # -- lifecycle
    def _db_sh(self, *args: str) -> None:
        r = subprocess.run([str(SCRIPTS / "db.sh"), *args, str(self.dir)],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"db.sh {' '.join(args)} failed:\n{r.stdout}{r.stderr}\n"
                               f"{tail(self.dir / 'mysqld.err')}")

    def init(self) -> "Database":
        if self._cleanup is None:
            self._cleanup = _REGISTRY.add(f"mariadbd {self.dir}", self._final_stop)
        self._db_sh("init")
        return self

    def start(self) -> None:
        self._db_sh("start")

    def stop(self) -> None:
        self._db_sh("stop")

    def restart(self) -> None:
        self._db_sh("restart")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Crash the server (default kill -9); start() brings it back."""
        pid = self.pid()
        if pid:
            os.kill(pid, sig)
            wait_until(lambda: not _pid_alive(pid), 60, "mariadbd exit")

    def pid(self) -> int | None:
        try:
            pid = int((self.dir / "mysqld.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def running(self) -> bool:
        return self.pid() is not None and _socket_answers(self.socket)

    def _final_stop(self) -> None:
        pid = self.pid()
        try:
            self.stop()
        except Exception as e:
            print(f"db stop failed ({e}); killing mariadbd", file=sys.stderr)
            if pid:
                os.kill(pid, signal.SIGKILL)

    # -- connection facts
    @property
    def socket(self) -> Path:
        return self.dir / "mysqld.sock"

    @property
    def password(self) -> str:
        return (self.dir / "cadre.secret").read_text().strip()

    @property
    def root_password(self) -> str:
        return (self.dir / "root.secret").read_text().strip()

    # -- SQL helpers
    def connect(self, root: bool = False, database: str | None = "cadre", **kw):
        """A PyMySQL connection (autocommit, dict rows) as cadre or root."""
        import pymysql
        import pymysql.cursors
        return pymysql.connect(
            unix_socket=str(self.socket),
            user="root" if root else "cadre",
            password=self.root_password if root else self.password,
            database=database, charset="utf8mb4", autocommit=True,
            cursorclass=pymysql.cursors.DictCursor, **kw)

    def query(self, sql: str, *args: Any, root: bool = False) -> list[dict[str, Any]]:
        """Rows of one statement, as dicts. Parameters use %s placeholders:
        db.query("SELECT * FROM user WHERE login = %s", "admin")."""
        conn = self.connect(root=root)
        try:
            with conn.cursor() as cur:
                cur.execute(sql, args or None)
                return list(cur.fetchall()) if cur.description else []
        finally:
            conn.close()

    def one(self, sql: str, *args: Any, root: bool = False) -> dict[str, Any] | None:
        rows = self.query(sql, *args, root=root)
        assert len(rows) <= 1, f"expected at most one row, got {len(rows)}"
        return rows[0] if rows else None

    def scalar(self, sql: str, *args: Any, root: bool = False) -> Any:
        row = self.one(sql, *args, root=root)
        return None if row is None else next(iter(row.values()))

    def execute(self, sql: str, *args: Any, root: bool = False) -> int:
        """Run one statement; returns the affected row count."""
        conn = self.connect(root=root)
        try:
            with conn.cursor() as cur:
                return cur.execute(sql, args or None)
        finally:
            conn.close()

    def status(self, name: str) -> int:
        """A global status counter (Com_insert, Threads_connected …)."""
        row = self.one("SHOW GLOBAL STATUS LIKE %s", name, root=True)
        return int(row["Value"]) if row else 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rfind(")") + 2] != "Z"
    except OSError:
        return False


# ---------------------------------------------------------------------------
# sinks


class SmtpSink:
    """An SMTP server on a free loopback port that keeps what it receives.

    sink.messages   list of dicts: mail_from, rcpt_tos, data (bytes), message
                    (email.message.EmailMessage), subject, to, text
    sink.fail_next(n, code=451)  the next n deliveries are refused at DATA
                    (4xx temporary, 5xx permanent)
    sink.wait_for(n)             wait until n messages arrived
    """

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[dict[str, Any]] = []
        self.refused = 0
        self._fail: list[int] = []
        self._lock = threading.Condition()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink._lock:
                    if sink._fail:
                        code = sink._fail.pop(0)
                        sink.refused += 1
                        text = "try again later" if code < 500 else "rejected"
                        return f"{code} {'4.3.0' if code < 500 else '5.7.1'} {text}"
                    msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                                   policy=email.policy.default)
                    body = msg.get_body(preferencelist=("plain", "html"))
                    sink.messages.append({
                        "mail_from": envelope.mail_from,
                        "rcpt_tos": list(envelope.rcpt_tos),
                        "data": envelope.original_content or envelope.content,
                        "message": msg,
                        "subject": str(msg.get("Subject", "")),
                        "to": str(msg.get("To", "")),
                        "text": body.get_content() if body is not None else "",
                    })
                    sink._lock.notify_all()
                return "250 2.0.0 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     decode_data=False)
        self.controller.start()
        self._cleanup = _REGISTRY.add("smtp sink", self.stop)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def fail_next(self, n: int, code: int = 451) -> None:
        with self._lock:
            self._fail = [code] * n

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self._fail.clear()
            self.refused = 0

    def wait_for(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages) >= count, timeout):
                raise TimeoutError(f"{len(self.messages)} of {count} mails after {timeout}s")
            return list(self.messages)

    def stop(self) -> None:
        try:
            self.controller.stop()
        except Exception:
            pass
        _REGISTRY.remove(self._cleanup)


class WebhookSink:
    """An HTTP server recording every request; answers are scripted.

    sink.requests   list of dicts: method, path, headers, body (bytes), json
    sink.respond(status, body=None, times=1, headers=None)  queue answers
                    (afterwards: 200 {"ok": true}); body may be a dict (JSON)
    sink.url(name)  the URL configured for webhook target `name`
    """

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._answers: list[tuple[int, bytes, dict[str, str]]] = []
        self._lock = threading.Condition()
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def _handle(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                try:
                    parsed = json.loads(body) if body else None
                except ValueError:
                    parsed = None
                with sink._lock:
                    sink.requests.append({"method": self.command, "path": self.path,
                                          "headers": dict(self.headers.items()),
                                          "body": body, "json": parsed})
                    status, out, hdrs = (sink._answers.pop(0) if sink._answers
                                         else (200, b'{"ok": true}', {}))
                    sink._lock.notify_all()
                self.send_response(status)
                self.send_header("Content-Type", hdrs.pop("Content-Type", "application/json"))
                for k, v in hdrs.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_POST = do_PUT = do_GET = do_DELETE = do_PATCH = _handle

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self._cleanup = _REGISTRY.add("webhook sink", self.stop)

    def url(self, name: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def respond(self, status: int, body: Any = None, times: int = 1,
                headers: dict[str, str] | None = None) -> None:
        if body is None:
            data = b"{}"
        elif isinstance(body, (bytes, str)):
            data = body.encode() if isinstance(body, str) else body
        else:
            data = json.dumps(body, ensure_ascii=False).encode()
        with self._lock:
            self._answers.extend([(status, data, dict(headers or {}))] * times)

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self._answers.clear()

    def wait_for(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.requests) >= count, timeout):
                raise TimeoutError(f"{len(self.requests)} of {count} webhook calls after {timeout}s")
            return list(self.requests)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        _REGISTRY.remove(self._cleanup)


# ---------------------------------------------------------------------------
# host and web servers


SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "ERROR: ThreadSanitizer", "SUMMARY: UndefinedBehaviorSanitizer")


def sanitizer_env() -> dict[str, str]:
    env = {
        "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS",
                                       "detect_leaks=1:abort_on_error=0:halt_on_error=1"),
        "UBSAN_OPTIONS": os.environ.get("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1"),
    }
    supp = ROOT / "tests" / "lsan.supp"
    if supp.exists() and "LSAN_OPTIONS" not in os.environ:
        env["LSAN_OPTIONS"] = f"suppressions={supp}"
    return env


class Host:
    """One cadre.fcgi (master + workers) on a unix socket."""

    def __init__(self, build: Path, conf: Path, socket_path: Path, log: Path,
                 name: str = "host") -> None:
        self.build, self.conf, self.socket, self.log_path = build, conf, socket_path, log
        self.name = name
        self.proc: Proc | None = None

    def start(self) -> "Host":
        if self.socket.exists():
            self.socket.unlink()
        self.proc = Proc(self.name, [self.build / "cadre.fcgi", "-c", self.conf],
                         self.log_path, env=sanitizer_env())
        try:
            wait_until(lambda: _socket_answers(self.socket), START_TIMEOUT,
                       f"{self.name} socket {self.socket}", alive=self.proc.alive)
        except Exception as e:
            raise RuntimeError(f"{e}\n--- {self.log_path}:\n{tail(self.log_path)}") from None
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.alive()

    def worker_pids(self) -> list[int]:
        return children_of(self.pid) if self.alive() else []

    def kill_worker(self, sig: int = signal.SIGKILL) -> int:
        """Kill one worker; returns its pid (the master should replace it)."""
        workers = self.worker_pids()
        assert workers, "the host has no worker processes"
        os.kill(workers[0], sig)
        return workers[0]

    def reload(self) -> None:
        """SIGHUP: graceful reload (new workers, old ones drain)."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGHUP)

    def stop(self, timeout: float = 40) -> int | None:
        return self.proc.stop(signal.SIGTERM, timeout) if self.proc else None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def sanitizer_reports(self) -> list[str]:
        text = self.log_text()
        return [line for line in text.splitlines() if any(m in line for m in SANITIZER_MARKERS)]


class WebServer:
    """nginx or Apache httpd in front of one host socket, on a free port."""

    def __init__(self, kind: str, dir: Path, socket_path: Path, log_dir: Path,
                 port: int | None = None, max_body: Any = None) -> None:
        assert kind in ("nginx", "apache")
        self.kind, self.dir, self.socket, self.log_dir = kind, dir, socket_path, log_dir
        self.port = port or free_port()
        # the body limit follows the host's [server] max_body_bytes
        self.max_body = max_body
        self.proc: Proc | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def render(self) -> Path:
        r = subprocess.run([str(SCRIPTS / "webconf.sh"), self.kind, str(self.dir),
                            f"LISTEN=127.0.0.1:{self.port}", f"SOCKET={self.socket}",
                            f"HTDOCS={ROOT / 'htdocs'}", f"LOG_DIR={self.log_dir}",
                            *([f"MAX_BODY={self.max_body}"] if self.max_body else [])],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"webconf.sh {self.kind} failed: {r.stderr}")
        return Path(r.stdout.strip())

    def argv(self, conf: Path, test: bool = False) -> list[str]:
        if self.kind == "nginx":
            return ["nginx", "-e", str(self.log_dir / "nginx-error.log"), "-c", str(conf),
                    *(["-t", "-q"] if test else [])]
        return [_apache_bin(), "-f", str(conf), *(["-t"] if test else ["-DFOREGROUND"])]

    def start(self) -> "WebServer":
        conf = self.render()
        t = subprocess.run(self.argv(conf, test=True), capture_output=True, text=True)
        if t.returncode != 0:
            raise RuntimeError(f"{self.kind} rejects {conf}:\n{t.stdout}{t.stderr}")
        self.proc = Proc(self.kind, self.argv(conf), self.log_dir / f"{self.kind}.out")
        wait_until(lambda: _http_answers(self.url + "/"), START_TIMEOUT,
                   f"{self.kind} on {self.url}", alive=self.proc.alive)
        return self

    def reload(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        if self.proc:
            # nginx: QUIT finishes requests in flight; apache: TERM stops now
            self.proc.stop(signal.SIGQUIT if self.kind == "nginx" else signal.SIGTERM, 20)


def _apache_bin() -> str:
    for b in ("apache2", "httpd"):
        p = shutil.which(b) or (f"/usr/sbin/{b}" if Path(f"/usr/sbin/{b}").exists() else None)
        if p:
            return p
    raise RuntimeError("Apache httpd is not installed (scripts/deps.sh test)")


def render_conf(out: Path, overrides: dict[str, Any]) -> Path:
    """cadre.conf from the example with section.key overrides (scripts/mkconf.sh)."""
    args = [f"{k}={_conf_value(v)}" for k, v in overrides.items()]
    r = subprocess.run([str(SCRIPTS / "mkconf.sh"), str(out), *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"mkconf.sh failed: {r.stderr}")
    return out


def env_overrides() -> dict[str, str]:
    """CADRE_TEST_CONF="plugins.enabled=core course; log.level=debug": config
    overrides for a local run (e.g. while a plugin does not build)."""
    out = {}
    for item in os.environ.get("CADRE_TEST_CONF", "").split(";"):
        if item.strip():
            k, _, v = item.strip().partition("=")
            out[k.strip()] = v.strip()
    return out


def _conf_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return " ".join(str(x) for x in v)
    return str(v)


# ---------------------------------------------------------------------------
# the stack


class Stack:
    """Database, sinks, host, nginx and Apache for one test session."""

    def __init__(self, build: Path | None = None, workdir: Path | None = None,
                 overrides: dict[str, Any] | None = None) -> None:
        self.build = build or build_dir()
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.dir = workdir or Path(tempfile.mkdtemp(prefix="integration-", dir=OUTPUT))
        self._chmod_path(self.dir)
        self.logs = self.dir / "logs"
        self.logs.mkdir(exist_ok=True)
        self.run = _short_dir(self.dir / "run")
        self.run.chmod(0o755)
        self.files = self.dir / "files"
        self.files.mkdir(exist_ok=True)
        self.db = Database(_short_dir(self.dir / "db", "mysqld.sock"))
        self.overrides = {**env_overrides(), **(overrides or {})}
        self.smtp: SmtpSink | None = None
        self.hooks: WebhookSink | None = None
        self.host: Host | None = None
        self.web: dict[str, WebServer] = {}
        self.outbox: Proc | None = None
        self.demo_logins: list[dict[str, str]] = []
        self.conf = self.dir / "cadre.conf"
        self._extra = 0

    @staticmethod
    def _chmod_path(d: Path) -> None:
        # the web servers' workers (www-data) must traverse to sockets/htdocs
        for p in [d, *d.parents]:
            if p == ROOT or p == Path("/"):
                break
            try:
                p.chmod(p.stat().st_mode | 0o055)
            except PermissionError:
                break

    # -- configuration
    def base_overrides(self, socket_path: Path, db: Database, origins: Iterable[str],
                       pidfile: Path) -> dict[str, Any]:
        assert self.smtp is not None and self.hooks is not None
        o: dict[str, Any] = {
            "server.root": ROOT,
            "server.listen": socket_path,
            "server.pidfile": pidfile,
            "server.socket_group": "www-data" if os.geteuid() == 0 else "",
            "server.allowed_origins": " ".join(origins),
            "database.socket": db.socket,
            "database.password": db.password,
            "plugins.dir": self.build / "plugins",
            "files.dir": self.files,
            "outbox.smtp_url": self.smtp.url,
            "outbox.backoff_seconds": 1,
            "outbox.timeout_seconds": 5,
            "dev.allow_clock_override": True,
            "dev.debug_routes": True,
        }
        for name in WEBHOOK_TARGETS:
            o[f"webhooks.{name}"] = self.hooks.url(name)
        if os.environ.get("CADRE_TEST_PLUGINS"):  # e.g. "core tasks" while one module is debugged
            o["plugins.enabled"] = os.environ["CADRE_TEST_PLUGINS"]
        return o

    def check_build(self) -> None:
        missing = [p for p in (self.build / "cadre.fcgi", self.build / "cadre-admin")
                   if not os.access(p, os.X_OK)]
        if missing or not (self.build / "plugins").is_dir():
            raise RuntimeError(
                f"the host is not built in {self.build} (missing: "
                f"{', '.join(map(str, missing)) or self.build / 'plugins'}); run make all")

    # -- lifecycle
    def start(self) -> "Stack":
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        self.check_build()
        self.db.init()
        self.smtp = SmtpSink()
        self.hooks = WebhookSink()
        sock = self.run / "cadre.sock"
        max_body = self.overrides.get("server.max_body_bytes")
        self.web = {k: WebServer(k, self.dir / k, sock, self.logs, max_body=max_body)
                    for k in ("nginx", "apache")}
        origins = [w.url for w in self.web.values()]
        render_conf(self.conf, {**self.base_overrides(sock, self.db, origins,
                                                      self.run / "cadre.pid"),
                                **self.overrides})
        r = subprocess.run([str(self.build / "cadre.fcgi"), "-c", str(self.conf), "--check-config"],
                           capture_output=True, text=True, env={**os.environ, **sanitizer_env()})
        if r.returncode != 0:
            raise RuntimeError(f"--check-config rejects {self.conf}:\n{r.stdout}{r.stderr}")
        self.admin("migrate")
        self.demo_logins = parse_logins(self.admin("demo").stdout)
        self.host = Host(self.build, self.conf, sock, self.logs / "cadre.log").start()
        for w in self.web.values():
            w.start()

    def stop(self) -> None:
        for w in self.web.values():
            w.stop()
        if self.outbox:
            self.outbox.stop(signal.SIGTERM, 30)
        if self.host:
            self.host.stop()
        for s in (self.smtp, self.hooks):
            if s:
                s.stop()
        if self.db.pid():
            self.db.stop()
        if not os.environ.get("CADRE_TEST_KEEP"):
            # the logs stay for reading; the data (a 512 MiB redo log) goes
            shutil.rmtree(self.db.dir / "data", ignore_errors=True)

    # -- helpers
    def url(self, kind: str = "nginx") -> str:
        return self.web[kind].url

    def admin(self, *args: str, conf: Path | None = None, check: bool = True,
              input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run cadre-admin with the test config; stdout/stderr as text."""
        argv = [str(self.build / "cadre-admin"), "-c", str(conf or self.conf), *map(str, args)]
        r = subprocess.run(argv, input=input, capture_output=True, text=True, timeout=timeout,
                           env={**os.environ, **sanitizer_env()}, cwd=str(ROOT))
        with open(self.logs / "cadre-admin.log", "a") as f:
            f.write(f"--- {' '.join(argv[3:])} -> {r.returncode}\n{r.stdout}{r.stderr}")
        if check and r.returncode != 0:
            raise RuntimeError(f"cadre-admin {' '.join(map(str, args))} exited {r.returncode}:\n"
                               f"{r.stdout}{r.stderr}")
        return r

    def deliver_outbox(self) -> subprocess.CompletedProcess:
        """One delivery pass (cadre-admin outbox run): deterministic, for
        tests that check what was sent without a loop running."""
        return self.admin("outbox", "run")

    def start_outbox(self) -> Proc:
        """The delivery loop (cadre-admin outbox run --loop), once per stack."""
        if self.outbox is None or not self.outbox.alive():
            self.outbox = Proc("outbox", [self.build / "cadre-admin", "-c", self.conf,
                                          "outbox", "run", "--loop"],
                               self.logs / "outbox.log", env=sanitizer_env())
        return self.outbox

    def login_for(self, role: str | None = None, login: str | None = None) -> dict[str, str]:
        """A demo login by role or by login name."""
        return find_login(self.demo_logins, role, login)

    def client(self, role: str | None = None, login: str | None = None, web: str = "nginx",
               password: str | None = None, now: Any = None) -> "Client":
        """A Client on `web`, logged in as a demo user (by role or login) when
        one is named; anonymous otherwise."""
        c = Client(self.url(web), now=now)
        if role or login:
            d = self.login_for(role, login)
            c.login(d["login"], password or d["password"])
        return c

    def sanitizer_reports(self) -> list[str]:
        found = []
        for log in self.logs.glob("*.log"):
            for line in log.read_text(errors="replace").splitlines():
                if any(m in line for m in SANITIZER_MARKERS):
                    found.append(f"{log.name}: {line}")
        return found

    # -- extra instances
    def extra_host(self, overrides: dict[str, Any] | None = None, own_db: bool = False,
                   web: Iterable[str] = ("nginx",)) -> "HostInstance":
        """Another host with its own socket, config and web server(s) —
        and with own_db=True its own freshly migrated database — for tests
        that kill workers, reload or restart the database."""
        self._extra += 1
        inst = HostInstance(self, self._extra, overrides or {}, own_db, tuple(web))
        try:
            inst.start()
        except BaseException:
            inst.stop()
            raise
        return inst


class HostInstance:
    """A separate host (see Stack.extra_host). Attributes: host (Host), db
    (Database: shared or own), conf (Path), web (dict kind -> WebServer)."""

    def __init__(self, stack: Stack, n: int, overrides: dict[str, Any], own_db: bool,
                 web: tuple[str, ...]) -> None:
        self.stack, self.n = stack, n
        self.dir = stack.dir / f"extra-{n:02d}"
        self.dir.mkdir(exist_ok=True)
        self.logs = self.dir / "logs"
        self.logs.mkdir(exist_ok=True)
        self.socket = stack.run / f"cadre-extra-{n:02d}.sock"
        self.conf = self.dir / "cadre.conf"
        self.pidfile = self.dir / "cadre.pid"
        self.own_db = own_db
        self.db = Database(_short_dir(self.dir / "db", "mysqld.sock")) if own_db else stack.db
        self.overrides = overrides
        self.web = {k: WebServer(k, self.dir / k, self.socket, self.logs,
                                 max_body=overrides.get("server.max_body_bytes"))
                    for k in web}
        self.host = Host(stack.build, self.conf, self.socket, self.logs / "cadre.log",
                         name=f"host-extra-{n:02d}")
        self._cleanup = _REGISTRY.add(f"extra host {n}", self.stop)

    def start(self) -> None:
        if self.own_db:
            self.db.init()
        self._render()
        if self.own_db:
            self.admin("migrate")
            self.demo_logins = parse_logins(self.admin("demo").stdout)
        else:
            self.demo_logins = self.stack.demo_logins
        self.host.start()
        for w in self.web.values():
            w.start()

    def _render(self) -> None:
        origins = [w.url for w in self.web.values()]
        render_conf(self.conf, {**self.stack.base_overrides(self.socket, self.db, origins,
                                                            self.pidfile),
                                **self.overrides})

    def reconfigure(self, overrides: dict[str, Any]) -> None:
        """Rewrite this host's config with more overrides (the running host
        reads it at the next host.reload(), i.e. SIGHUP)."""
        self.overrides = {**self.overrides, **overrides}
        self._render()

    def url(self, kind: str = "nginx") -> str:
        return self.web[kind].url

    def admin(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return self.stack.admin(*args, conf=self.conf, **kw)

    def client(self, role: str | None = None, login: str | None = None, web: str = "nginx",
               now: Any = None) -> "Client":
        c = Client(self.url(web), now=now)
        if role or login:
            d = find_login(self.demo_logins, role, login)
            c.login(d["login"], d["password"])
        return c

    def stop(self) -> None:
        for w in self.web.values():
            w.stop()
        self.host.stop()
        if self.own_db and self.db.pid():
            self.db.stop()
        if self.own_db and not os.environ.get("CADRE_TEST_KEEP"):
            shutil.rmtree(self.db.dir / "data", ignore_errors=True)
        _REGISTRY.remove(self._cleanup)


def find_login(logins: list[dict[str, str]], role: str | None = None,
               login: str | None = None) -> dict[str, str]:
    """The demo login named `login`, else the first whose roles (a space
    separated list: "admin officer") include `role`."""
    for d in logins:
        if login and d["login"] == login:
            return d
        if not login and (role is None or role in d["role"].split()):
            return d
    raise KeyError(f"no demo login with role={role!r} login={login!r}; "
                   f"have {[(d['login'], d['role']) for d in logins]}")


def parse_logins(text: str) -> list[dict[str, str]]:
    """`cadre-admin demo` prints LOGIN<TAB>PASSWORD<TAB>ROLE<TAB>AGENCY lines."""
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[0] and " " not in parts[0]:
            out.append({"login": parts[0], "password": parts[1], "role": parts[2],
                        "agency": parts[3]})
    return out


# ---------------------------------------------------------------------------
# client


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def format_now(now: Any) -> str:
    """yyyy-mm-dd or yyyy-mm-dd hh:mm:ss for X-Cadre-Now."""
    if isinstance(now, _dt.datetime):
        return now.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(now, _dt.date):
        return now.strftime("%Y-%m-%d")
    s = str(now)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?", s):
        raise ValueError(f"now must be yyyy-mm-dd[ hh:mm:ss], got {s!r}")
    return s


class Client:
    """requests.Session against one web server.

        c = Client(url); c.login("admin", "…")   # keeps the cookie + CSRF token
        c.get("/api/core/session")                # or "core/session"
        c.post("/api/tasks/tasks", json={...}, now="2026-03-01")

    Unsafe methods carry X-CSRF-Token (after login) and Origin (this site);
    csrf=False / origin=False / origin="http://evil" to test the checks.
    now= (per request, or for the client) sends X-Cadre-Now.
    """

    def __init__(self, base_url: str, now: Any = None) -> None:
        import requests

        self.base = base_url.rstrip("/")
        parts = urlsplit(self.base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.s = requests.Session()
        self.csrf: str | None = None
        self.session: dict[str, Any] | None = None
        self.now = now

    def url(self, path: str) -> str:
        if path.startswith("http://") or path.startswith("https://"):
            return path
        if not path.startswith("/"):
            path = "/api/" + path
        return self.base + path

    def request(self, method: str, path: str, *, now: Any = None, csrf: bool = True,
                origin: bool | str = True, **kw):
        method = method.upper()
        headers = dict(kw.pop("headers", None) or {})
        n = now if now is not None else self.now
        if n is not None:
            headers.setdefault("X-Cadre-Now", format_now(n))
        if method in UNSAFE:
            if csrf and self.csrf:
                headers.setdefault("X-CSRF-Token", self.csrf)
            if origin:
                headers.setdefault("Origin", origin if isinstance(origin, str) else self.origin)
        kw.setdefault("timeout", 60)
        kw.setdefault("allow_redirects", False)
        return self.s.request(method, self.url(path), headers=headers, **kw)

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw):
        return self.request("POST", path, **kw)

    def put(self, path: str, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path: str, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path: str, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, login: str, password: str, expect: int | None = 200):
        r = self.post("/api/core/login", json={"login": login, "password": password})
        if expect is not None:
            assert r.status_code == expect, f"login {login}: {r.status_code} {r.text[:500]}"
        if r.status_code == 200:
            self.session = r.json()
            self.csrf = self.session.get("csrf_token")
        return r

    def logout(self):
        r = self.post("/api/core/logout")
        self.csrf, self.session = None, None
        return r


def expect(r, status: int) -> Any:
    """Assert the status (showing the body when it differs); return the JSON."""
    assert r.status_code == status, (
        f"{r.request.method} {r.request.url}: expected {status}, got {r.status_code}: {r.text[:1000]}")
    ctype = r.headers.get("Content-Type", "")
    return r.json() if "json" in ctype else r.text


def pdf_text(content: bytes, layout: bool = True) -> str:
    """The text of a PDF as poppler's pdftotext reads it: laid out as on the
    page, or (layout=False) in reading order, a line per text line."""
    return subprocess.run(["pdftotext", "-layout" if layout else "-raw", "-", "-"], input=content,
                          capture_output=True, check=True).stdout.decode("utf-8")


def pdf_fonts(content: bytes) -> str:
    """poppler's pdffonts listing: the fonts a PDF uses and embeds."""
    return subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()


class RawResponse:
    """What raw_request() read: status, headers (lower-case names; repeated
    ones joined with ", "), body (bytes, de-chunked)."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status_code, self.headers, self.content = status, headers, body

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


def raw_request(base_url: str, method: str | bytes, target: str | bytes,
                headers: Iterable[tuple[str, str | bytes]] = (), body: bytes = b"",
                timeout: float = 60) -> RawResponse:
    """One HTTP/1.1 request written byte for byte: the request target goes
    out as given (requests/urllib3 would normalise "..", re-encode bytes
    and refuse control characters), headers may repeat. For tests of what
    the web servers and the host do with malformed requests."""
    parts = urlsplit(base_url)
    t = target.encode("latin-1") if isinstance(target, str) else target
    m = method.encode() if isinstance(method, str) else method
    lines = [m + b" " + t + b" HTTP/1.1", f"Host: {parts.netloc}".encode(), b"Connection: close"]
    for k, v in headers:
        lines.append(k.encode() + b": " + (v.encode() if isinstance(v, str) else v))
    if body or m in (b"POST", b"PUT", b"PATCH"):
        lines.append(f"Content-Length: {len(body)}".encode())
    data = b"\r\n".join(lines) + b"\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout) as s:
        try:
            s.sendall(data)
            # a server may answer (413) and close before taking the whole body
            for i in range(0, len(body), 1 << 16):
                s.sendall(body[i:i + (1 << 16)])
        except OSError:
            pass
        chunks = []
        while True:
            try:
                b = s.recv(1 << 16)
            except ConnectionResetError:
                break
            if not b:
                break
            chunks.append(b)
    raw = b"".join(chunks)
    head, _, rest = raw.partition(b"\r\n\r\n")
    if not head:
        raise ConnectionError(f"{method} {target!r}: no answer from {base_url}")
    status_line, *hlines = head.decode("latin-1").split("\r\n")
    hdrs: dict[str, str] = {}
    for line in hlines:
        k, _, v = line.partition(":")
        k, v = k.strip().lower(), v.strip()
        hdrs[k] = f"{hdrs[k]}, {v}" if k in hdrs else v
    if "chunked" in hdrs.get("transfer-encoding", ""):
        out, p = b"", rest
        while p:
            size_line, _, p = p.partition(b"\r\n")
            n = int(size_line.split(b";")[0] or b"0", 16)
            if n == 0:
                break
            out, p = out + p[:n], p[n + 2:]
        rest = out
    return RawResponse(int(status_line.split()[1]), hdrs, rest)


# ---------------------------------------------------------------------------
# standalone use (scripts/test-e2e.sh)


def _serve(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="harness.py serve")
    ap.add_argument("--state-file", required=True,
                    help="JSON written once the stack is up: URLs, demo logins, dirs")
    ap.add_argument("--outbox", action="store_true", help="also run the outbox loop")
    a = ap.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stack = Stack()
    try:
        stack.start()
        if a.outbox:
            stack.start_outbox()
        state = {
            "nginx_url": stack.url("nginx"),
            "apache_url": stack.url("apache"),
            "dir": str(stack.dir),
            "db_socket": str(stack.db.socket),
            "demo_logins": stack.demo_logins,
        }
        tmp = Path(a.state_file + ".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1))
        tmp.replace(a.state_file)
        print(f"stack up: {state['nginx_url']} {state['apache_url']} ({stack.dir})",
              file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            if stack.host and not stack.host.alive():
                print("the host exited:\n" + tail(stack.host.log_path), file=sys.stderr)
                return 1
        return 0
    finally:
        stack.stop()
        reports = stack.sanitizer_reports()
        if reports:
            print("sanitizer reports:\n" + "\n".join(reports), file=sys.stderr)
        cleanup_all()


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "serve":
        sys.exit(_serve(sys.argv[2:]))
    print("usage: harness.py serve --state-file FILE [--outbox]", file=sys.stderr)
    sys.exit(2)
