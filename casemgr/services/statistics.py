"""How the office counts (settings) and freezing the figures of closed periods (snapshots)."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.periods import Period, closed_periods_to_freeze
from casemgr.domain.statistics import CORRECTION_TYPES, Definitions, Denominator
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.extensions import db
from casemgr.models import Role, StatisticsSettings, StatisticsSnapshot, User
from casemgr.queries.statistics import definitions_dict, statistics_figures
from casemgr.services.audit import audit_record
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.unit_of_work import transaction


def _config_definitions() -> Definitions:
    """The defaults, optionally changed by configuration (STATS_* settings, docs/statistics.md)."""
    config = current_app.config
    corrections = config.get("STATS_CORRECTION_TYPES") or sorted(CORRECTION_TYPES)
    return Definitions(correction_types=frozenset(corrections),
                       count_terminated_after_correction=bool(config.get("STATS_COUNT_TERMINATED_AFTER_CORRECTION")),
                       denominator=config.get("STATS_DENOMINATOR") or Denominator.CONCLUDED)


def definitions_get() -> Definitions:
    row = db.session.scalar(select(StatisticsSettings).order_by(StatisticsSettings.id))
    if row is None:
        return _config_definitions()
    return Definitions(correction_types=frozenset(row.correction_types),
                       count_terminated_after_correction=row.count_terminated_after_correction,
                       resolution_extra_types=frozenset(row.resolution_extra_types),
                       resolution_counts_withdrawals=row.resolution_counts_withdrawals,
                       denominator=row.denominator)


def settings_row() -> StatisticsSettings | None:
    return db.session.scalar(select(StatisticsSettings).order_by(StatisticsSettings.id))


def statistics_settings_save(*, actor: User, version: int | None, correction_types: list[str],
                             resolution_extra_types: list[str], count_terminated_after_correction: bool,
                             resolution_counts_withdrawals: bool, denominator: str) -> StatisticsSettings:
    """An administrator sets how the office counts. Frozen snapshots keep the definitions they were
    made with; "recompute" applies the new ones to a closed period."""
    if actor.role != Role.ADMIN.value:
        raise ServiceError(_("Only an administrator can change how figures are counted."))
    unknown = set(correction_types) | set(resolution_extra_types)
    if unknown - set(DECISION_TYPES):
        raise ServiceError(_("Choose decision types from the list."), field="correction_types")
    if not correction_types:
        raise ServiceError(_("Choose at least one decision type that counts as a correction."),
                           field="correction_types")
    if denominator not in {d.value for d in Denominator}:
        raise ServiceError(_("Choose the denominator."), field="denominator")
    with transaction():
        actor_id = actor.id  # read before the new row is pending: a refresh would flush it half-filled
        row = settings_row()
        if row is None:
            row = StatisticsSettings()
            db.session.add(row)
        elif version is not None and row.version != version:
            raise ConflictError(_("Someone else changed the settings after you opened them. "
                                  "The page now shows their change; your entries are kept in the form."))
        row.correction_types = sorted(correction_types)
        row.resolution_extra_types = sorted(resolution_extra_types)
        row.count_terminated_after_correction = count_terminated_after_correction
        row.resolution_counts_withdrawals = resolution_counts_withdrawals
        row.denominator, row.updated_at, row.updated_by_id = denominator, clock.now(), actor_id
        db.session.flush()
        audit_record(actor, "statistics.settings", row, **definitions_dict(definitions_get()))
    return row


def snapshot_freeze(period: Period, *, actor: User | None = None,
                    replace: bool = False) -> StatisticsSnapshot:
    """Freeze the period's figures with the current definitions; an existing snapshot is kept
    unless ``replace`` (an administrator's recompute)."""
    if not period.closed(clock.today()):
        raise ServiceError(_("Only a period that has ended can be frozen."))
    if replace and (actor is None or actor.role != Role.ADMIN.value):
        raise ServiceError(_("Only an administrator can recompute a period."))
    with transaction() as session:
        actor_id = actor.id if actor else None
        key = (StatisticsSnapshot.period_kind == period.kind, StatisticsSnapshot.period_start == period.start,
               StatisticsSnapshot.period_end == period.end)
        snapshot = session.scalar(select(StatisticsSnapshot).where(*key).with_for_update())
        if snapshot is not None and not replace:
            return snapshot
        definitions = definitions_get()
        figures = statistics_figures(period, definitions)
        if snapshot is None:
            snapshot = StatisticsSnapshot(period_kind=period.kind, period_start=period.start,
                                          period_end=period.end)
            session.add(snapshot)
        snapshot.figures, snapshot.definitions = figures, definitions_dict(definitions)
        snapshot.computed_at, snapshot.computed_by_id = clock.now(), actor_id
        session.flush()
        audit_record(actor, "statistics.snapshot", snapshot, period=period.code, replaced=replace)
    return snapshot


def snapshots_freeze_closed(today: date) -> list[str]:
    """The nightly task: freeze each recently closed month and year that has no snapshot yet."""
    frozen = []
    for period in closed_periods_to_freeze(today):
        exists = db.session.scalar(select(StatisticsSnapshot.id).where(
            StatisticsSnapshot.period_kind == period.kind, StatisticsSnapshot.period_start == period.start,
            StatisticsSnapshot.period_end == period.end))
        if exists is None:
            snapshot_freeze(period)
            frozen.append(period.code)
    return frozen
