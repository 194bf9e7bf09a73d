"""Fixtures for the integration tests (see harness.py for the parts).

Session-wide: one private MariaDB, SMTP and webhook sinks, the host from
$CADRE_BUILD (scripts/test-integration.sh sets it; default build/), nginx and
Apache httpd in front of it, demo data loaded.

    web            base URL, parametrized over ["nginx", "apache"]
    nginx_url, apache_url
    client         factory: client(role=…, login=…, web="nginx", now=…) -> Client
    login_as       shortcut: login_as("admin", web) -> logged-in Client
    demo_logins    [{login, password, role, agency}] from `cadre-admin demo`
    db             Database: db.query(sql, *args) -> [dict], one, scalar,
                   execute, status, stop/start/restart/kill (shared server!)
    cadre_admin    cadre_admin(*args, check=True, input=None) -> CompletedProcess
    mailbox        the SMTP sink, emptied for the test (fail_next, wait_for)
    webhooks       the webhook sink, emptied for the test (respond, wait_for)
    outbox         ensures `cadre-admin outbox run --loop` is running
    deliver        deliver(): one `cadre-admin outbox run` pass, now
    host_ctl       start separate hosts: host_ctl.start(overrides, own_db=…)
    stack          the whole Stack, for anything else
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import Client, expect  # noqa: E402,F401  (re-exported for tests)

WEB_SERVERS = ["nginx", "apache"]


@pytest.fixture(scope="session")
def stack(request):
    s = harness.Stack()
    s.start()
    yield s
    s.stop()
    reports = s.sanitizer_reports()
    harness.cleanup_all()
    if reports:
        pytest.fail("sanitizer reports in the logs under "
                    f"{s.logs}:\n" + "\n".join(reports[:50]), pytrace=False)


@pytest.fixture(params=WEB_SERVERS)
def web(request, stack) -> str:
    """Base URL of nginx, then of Apache httpd (each test runs on both)."""
    return stack.url(request.param)


@pytest.fixture(scope="session")
def nginx_url(stack) -> str:
    return stack.url("nginx")


@pytest.fixture(scope="session")
def apache_url(stack) -> str:
    return stack.url("apache")


@pytest.fixture(scope="session")
def demo_logins(stack) -> list[dict[str, str]]:
    return stack.demo_logins


@pytest.fixture(scope="session")
def db(stack) -> harness.Database:
    return stack.db


@pytest.fixture(scope="session")
def cadre_admin(stack):
    def run(*args: Any, check: bool = True, input: str | None = None, timeout: float = 600):
        return stack.admin(*map(str, args), check=check, input=input, timeout=timeout)
    return run


@pytest.fixture
def client(stack):
    """client(role=None, login=None, web="nginx"|URL, now=None) -> Client,
    logged in when a role or login is given."""
    def make(role: str | None = None, login: str | None = None, web: str = "nginx",
             now: Any = None, password: str | None = None) -> Client:
        if web.startswith("http"):
            c = Client(web, now=now)
            if role or login:
                d = stack.login_for(role, login)
                c.login(d["login"], password or d["password"])
            return c
        return stack.client(role=role, login=login, web=web, now=now, password=password)
    return make


@pytest.fixture
def login_as(client):
    """login_as(role_or_login, web=URL|"nginx") -> logged-in Client."""
    def make(who: str, web: str = "nginx", now: Any = None) -> Client:
        try:
            return client(role=who, web=web, now=now)
        except KeyError:
            return client(login=who, web=web, now=now)
    return make


@pytest.fixture
def mailbox(stack) -> harness.SmtpSink:
    assert stack.smtp is not None
    stack.smtp.clear()
    yield stack.smtp
    stack.smtp.clear()


@pytest.fixture
def webhooks(stack) -> harness.WebhookSink:
    assert stack.hooks is not None
    stack.hooks.clear()
    yield stack.hooks
    stack.hooks.clear()


@pytest.fixture
def outbox(stack):
    """The delivery loop runs (started once, kept for the session)."""
    return stack.start_outbox()


@pytest.fixture
def deliver(stack):
    """deliver() runs one outbox delivery pass and returns its result."""
    return stack.deliver_outbox


class HostCtl:
    """Separate host instances for one test, stopped when the test ends.

        inst = host_ctl.start({"server.workers": 1}, own_db=True)
        c = inst.client("admin"); inst.host.kill_worker(); inst.db.restart()
    """

    def __init__(self, stack: harness.Stack) -> None:
        self.stack = stack
        self.instances: list[harness.HostInstance] = []

    def start(self, overrides: dict[str, Any] | None = None, own_db: bool = False,
              web: tuple[str, ...] = ("nginx",)) -> harness.HostInstance:
        inst = self.stack.extra_host(overrides, own_db=own_db, web=web)
        self.instances.append(inst)
        return inst

    def stop_all(self) -> None:
        while self.instances:
            self.instances.pop().stop()


@pytest.fixture
def host_ctl(stack):
    ctl = HostCtl(stack)
    yield ctl
    ctl.stop_all()


def pytest_report_header(config):
    return [f"cadre build: {harness.build_dir()}",
            f"test output: {harness.OUTPUT}",
            f"CADRE_TEST_KEEP={os.environ.get('CADRE_TEST_KEEP', '')}"]
