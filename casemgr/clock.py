"""The only place that reads the clock. Domain code takes ``today``/``now`` as arguments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TZ = "Asia/Shanghai"


def local_zone() -> ZoneInfo:
    name = current_app.config.get("TIMEZONE", DEFAULT_TZ) if has_app_context() else DEFAULT_TZ
    return ZoneInfo(name)


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the office's time zone (a deadline ends at the end of its local day)."""
    return now().astimezone(local_zone()).date()


def at_local(day: date, hour: int = 10) -> datetime:
    """The instant ``hour`` o'clock local time on ``day``: when a step recorded only by its date
    (an imported ledger row, a generated demo year) is stamped."""
    return datetime.combine(day, time(hour), local_zone())


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())
