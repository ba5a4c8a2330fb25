"""Which database and broker this test run uses, decided once before any test runs.

PostgreSQL at CASEMGR_TEST_DATABASE_URL (default: the machine's local server) when reachable,
SQLite otherwise; CASEMGR_TEST_DB=sqlite forces the embedded default (the smoke run in CI).
With CI=true, PostgreSQL and Redis are required: the run fails instead of falling back.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
from sqlalchemy.engine import make_url

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class TestSettings:
    kind: str  # "postgresql" or "sqlite"
    database_url: str
    admin_url: str | None  # PostgreSQL: where test databases are created and dropped
    broker_url: str | None  # Redis URL, or None for the embedded SQLite broker
    instance_path: Path

    def describe(self) -> str:
        broker = self.broker_url or "embedded SQLite broker"
        return f"casemgr tests: database={self.kind} ({_safe(self.database_url)}), broker={broker}"


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _pg_reachable(url: str) -> str | None:
    try:
        conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, connect_timeout=3):
            return None
    except Exception as exc:  # the reason is shown to the person running the tests
        return str(exc).strip()


def _redis_reachable(url: str) -> str | None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        return None
    except Exception as exc:
        return str(exc).strip()


class ServicesMissing(RuntimeError):
    pass


def decide() -> TestSettings:
    instance = Path(tempfile.mkdtemp(prefix="casemgr-test-"))
    forced = os.environ.get("CASEMGR_TEST_DB", "").lower()
    if forced == "sqlite":
        return TestSettings("sqlite", f"sqlite:///{instance / 'test.sqlite'}", None, None, instance)

    admin_url = os.environ.get("CASEMGR_TEST_DATABASE_URL", DEFAULT_PG)
    redis_url = os.environ.get("CASEMGR_TEST_REDIS_URL", DEFAULT_REDIS)
    pg_problem = _pg_reachable(admin_url)
    redis_problem = _redis_reachable(redis_url)
    if IN_CI or forced == "postgresql":
        problems = [f"PostgreSQL at {_safe(admin_url)}: {pg_problem}" if pg_problem else "",
                    f"Redis at {redis_url}: {redis_problem}" if redis_problem else ""]
        problems = [p for p in problems if p]
        if problems:
            raise ServicesMissing("CI needs PostgreSQL and Redis; " + "; ".join(problems))
    if pg_problem:
        return TestSettings("sqlite", f"sqlite:///{instance / 'test.sqlite'}", None, None, instance)
    # One database per run (and per pid) so parallel runs on one machine never collide.
    name = f"casemgr_test_{os.getpid()}"
    database_url = make_url(admin_url).set(drivername="postgresql+psycopg", database=name)
    return TestSettings(
        "postgresql",
        database_url.render_as_string(hide_password=False),
        make_url(admin_url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False),
        None if redis_problem else redis_url,
        instance,
    )
