"""Settings, every one read from the environment (documented in README.md, "Settings").

Nothing set = the embedded default: a SQLite database and a SQLite-backed Celery broker under
``instance/``, so the web server, the worker and beat all run without PostgreSQL or Redis.
``CASEMGR_ENV=production`` demands PostgreSQL, Redis and a secret key, and refuses to start
without them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from celery.schedules import crontab
from kombu import Queue

PROJECT_ROOT = Path(__file__).resolve().parent
QUEUES = ("default", "reminders")


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _postgres_options(database_url: str) -> dict:
    """Starting parallel workers costs ~10 ms on a small server, more than most of a page's queries
    take whole (a first page of cases: 13 ms parallel, 4 ms not). The planner is told so, and
    keeps parallel plans for scans the size of a year's statistics (docs/performance.md).

    Nothing is written outside an explicit transaction: a page reads in autocommit, and a write
    there is refused (casemgr/request_transactions.py)."""
    if not database_url.startswith("postgresql"):
        return {}
    return {"connect_args": {"options": "-c parallel_setup_cost=20000 -c default_transaction_read_only=on"}}


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever spelling the operator used."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _embedded_secret_key(instance_path: Path) -> str:
    """A random key kept under instance/ so that sessions survive a restart of the demo."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _check_reminder_settings(env: Mapping[str, str]) -> None:
    from casemgr.domain.reminders import parse_ladders

    try:
        parse_ladders(env.get("REMINDER_DAYS_BEFORE", "3,1"), env.get("REMINDER_RULE_DAYS", ""))
    except ValueError as exc:
        raise ConfigError(f"REMINDER_DAYS_BEFORE / REMINDER_RULE_DAYS: {exc}") from exc


def load(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    """Build the Flask configuration mapping from environment variables."""
    env = os.environ if environ is None else environ
    mode = env.get("CASEMGR_ENV", "development").strip().lower()
    if mode not in {"development", "production"}:
        raise ConfigError(f"CASEMGR_ENV must be 'development' or 'production', not {mode!r}")
    production = mode == "production"

    instance_path = Path(env.get("CASEMGR_INSTANCE_PATH") or PROJECT_ROOT / "instance").resolve()
    instance_path.mkdir(parents=True, exist_ok=True)

    database_url = env.get("DATABASE_URL", "")
    redis_url = env.get("REDIS_URL", "")
    secret_key = env.get("SECRET_KEY", "")
    if production:
        missing = [name for name, value in (("SECRET_KEY", secret_key), ("DATABASE_URL", database_url),
                                            ("REDIS_URL", redis_url)) if not value]
        if missing:
            raise ConfigError("CASEMGR_ENV=production needs " + ", ".join(missing) + " (see README.md)")
        if len(secret_key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters in production")
    if not database_url:
        database_url = f"sqlite:///{instance_path / 'casemgr.sqlite'}"
    if not secret_key:
        secret_key = _embedded_secret_key(instance_path)

    broker_url = env.get("CELERY_BROKER_URL") or redis_url or (
        f"sqla+sqlite:///{instance_path / 'celery-broker.sqlite'}"
    )
    database_url = normalise_database_url(database_url)
    _check_reminder_settings(env)

    return {
        "CASEMGR_ENV": mode,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # pre_ping: a connection dropped by a PostgreSQL restart is replaced, not handed out.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **_postgres_options(database_url)},
        "REDIS_URL": redis_url,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), production),
        "REMEMBER_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": None,
        # A session idle this long is logged out (web_security.py); LOGIN_MAX_FAILURES failed
        # logins for a username within LOGIN_LOCK_MINUTES lock it that long (services/users.py).
        "IDLE_TIMEOUT_MINUTES": int(env.get("IDLE_TIMEOUT_MINUTES", "30")),
        "LOGIN_MAX_FAILURES": int(env.get("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(env.get("LOGIN_LOCK_MINUTES", "15")),
        # How old the deadline board's per-officer counts may be (casemgr/summary_cache.py).
        "SUMMARY_CACHE_SECONDS": int(env.get("SUMMARY_CACHE_SECONDS", "60")),
        # A period's statistics count in three passes at once, each on its own connection
        # (PostgreSQL only; queries/statistics.py). Off: one after the other, in the caller's
        # transaction (the tests' data is not committed, so other connections would not see it).
        "STATISTICS_PARALLEL": _flag(env.get("STATISTICS_PARALLEL"), True),
        "BOOTSTRAP_SERVE_LOCAL": True,
        "BABEL_DEFAULT_LOCALE": env.get("DEFAULT_LOCALE", "zh"),
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "LANGUAGES": ("zh", "en"),
        "TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "ORGAN_NAME": env.get("ORGAN_NAME", "北京市通州区人民政府"),
        # Where applications against the district government's own acts go (ARL 24): the default
        # forum of a case in which the district government is the respondent.
        "HIGHER_ORGAN_NAME": env.get("HIGHER_ORGAN_NAME", "北京市人民政府"),
        # How figures are counted until an administrator saves the statistics settings
        # (docs/statistics.md): decision types that are corrections, and the rates' denominator.
        "STATS_CORRECTION_TYPES": [t for t in env.get("STATS_CORRECTION_TYPES", "").split(",") if t.strip()],
        "STATS_DENOMINATOR": env.get("STATS_DENOMINATOR", "concluded"),
        "STATS_COUNT_TERMINATED_AFTER_CORRECTION": env.get("STATS_COUNT_TERMINATED_AFTER_CORRECTION", "")
        in ("1", "true", "yes"),
        "ATTACHMENT_DIR": env.get("ATTACHMENT_DIR") or str(instance_path / "attachments"),
        "MAX_UPLOAD_BYTES": int(env.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))),
        # Flask answers 413 for any request body above this (the upload limit plus form fields).
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))) + 1024 * 1024,
        # DOMAIN.md: company names may be masked as 某公司 where the office chooses.
        "PUBLICATION_MASK_COMPANIES": _flag(env.get("PUBLICATION_MASK_COMPANIES"), False),
        "CASE_NUMBER_PATTERN": env.get("CASE_NUMBER_PATTERN", "通政复字〔{year}〕第{seq}号"),
        # ARL 39 does not say whether a suspension stops the decision clock; stopping it is the
        # common practice (DOMAIN.md, "Counting time").
        "SUSPENSION_PAUSES_DECISION": _flag(env.get("SUSPENSION_PAUSES_DECISION"), True),
        "HEARTBEAT_INTERVAL": float(env.get("HEARTBEAT_INTERVAL", "60")),
        "REMINDER_SCAN_INTERVAL": float(env.get("REMINDER_SCAN_INTERVAL", "300")),
        "REMINDER_DAYS_BEFORE": env.get("REMINDER_DAYS_BEFORE", "3,1"),
        "REMINDER_RULE_DAYS": env.get("REMINDER_RULE_DAYS", ""),
        "SMTP_HOST": env.get("SMTP_HOST", ""),
        "SMTP_PORT": int(env.get("SMTP_PORT", "25")),
        "SMTP_STARTTLS": _flag(env.get("SMTP_STARTTLS"), False),
        "SMTP_SSL": _flag(env.get("SMTP_SSL"), False),
        "SMTP_USERNAME": env.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_TIMEOUT": float(env.get("SMTP_TIMEOUT", "30")),
        "MAIL_FROM": env.get("MAIL_FROM", "casemgr@localhost"),
        "MAIL_CLAIM_TIMEOUT": float(env.get("MAIL_CLAIM_TIMEOUT", "600")),
        "CELERY": {
            "broker_url": broker_url,
            # Results are never read back: tasks write what matters to the database.
            "task_ignore_result": True,
            "task_default_queue": "default",
            # Queues are declared once here; tests check every route names a declared queue.
            "task_queues": tuple(Queue(name) for name in QUEUES),
            "task_routes": {
                "casemgr.heartbeat": {"queue": "default"},
                "casemgr.reminders.scan": {"queue": "reminders"},
                "casemgr.mail.send": {"queue": "reminders"},
                "casemgr.mail.flush": {"queue": "reminders"},
                "casemgr.reminders.digest": {"queue": "reminders"},
            },
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "broker_connection_retry_on_startup": True,
            "timezone": env.get("TIMEZONE", "Asia/Shanghai"),
            "enable_utc": True,
            "beat_schedule_filename": str(instance_path / "celerybeat-schedule"),
            "beat_schedule": {
                "heartbeat": {
                    "task": "casemgr.heartbeat",
                    "schedule": float(env.get("HEARTBEAT_INTERVAL", "60")),
                    "options": {"queue": "default", "expires": 300},
                },
                "reminder-scan": {
                    "task": "casemgr.reminders.scan",
                    "schedule": float(env.get("REMINDER_SCAN_INTERVAL", "300")),
                    "options": {"queue": "reminders", "expires": 600},
                },
                "supervisor-digest": {
                    "task": "casemgr.reminders.digest",
                    # Every morning at DIGEST_HOUR local time (the beat runs in TIMEZONE).
                    "schedule": crontab(hour=int(env.get("DIGEST_HOUR", "8")), minute=0),
                    "options": {"queue": "reminders", "expires": 3600},
                },
                "mail-flush": {
                    "task": "casemgr.mail.flush",
                    "schedule": float(env.get("MAIL_FLUSH_INTERVAL", "60")),
                    "options": {"queue": "reminders", "expires": 120},
                },
                "statistics-freeze": {
                    "task": "casemgr.statistics.freeze",
                    # Each night: freeze the months and years that have closed (docs/statistics.md).
                    "schedule": crontab(hour=int(env.get("STATS_FREEZE_HOUR", "1")), minute=30),
                    "options": {"queue": "default", "expires": 6 * 3600},
                },
            },
        },
    }
