"""The office's figures for any period, as SQL aggregates (one GROUP BY per table or breakdown,
never a loop over cases in Python), in one JSON-able dict with every rate's formula.

Counting (DOMAIN.md, "Decision types"; docs/statistics.md):
* received: applications received in the period (``received_on``); of them accepted, not accepted,
  referred, deemed abandoned, and still in acceptance review;
* concluded (审结): a decision of any type issued in the period (``decision_date``), whenever the
  application came in; outcomes by decision type; direct corrections per the settings;
* pending at the end: accepted by the last day and not decided by then;
* on time: concluded cases whose decision deadline row (ARL 62) was met;
* as respondent: cases in which the district government is the respondent, received in the period.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, exists, extract, func, select, text, tuple_
from sqlalchemy.orm import defer

from casemgr import clock
from casemgr.domain.periods import Period
from casemgr.domain.statistics import (
    Definitions,
    Figure,
    comprehensive_resolution_rate,
    direct_correction_rate,
    on_time_rate,
)
from casemgr.extensions import db
from casemgr.models import (
    Agency,
    AnnualReport,
    Case,
    Deadline,
    Publication,
    StatisticsSnapshot,
    TypicalCase,
)
from casemgr.queries.among import written_in
from casemgr.queries.litigation_figures import litigation_figures
from casemgr.summary_cache import remembered

NOT_ACCEPTED_STATES = {"not_accepted": "not_accepted", "referred": "referred", "abandoned": "abandoned"}


def case_area():
    """The management area of a case: its own, else its respondent's."""
    return func.coalesce(Case.area, Agency.area)


def _local_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period's first and last local days as UTC instants [start, end) for timestamp columns."""
    zone = clock.local_zone()
    start = datetime.combine(period.start, time(), zone)
    end = datetime.combine(period.end + timedelta(days=1), time(), zone)
    return start, end


def _figure(figure: Figure) -> dict[str, Any]:
    return {"value": figure.value, "numerator": figure.numerator, "denominator": figure.denominator,
            "text": figure.text, "zh": figure.formula_zh, "en": figure.formula_en}


def _pending_at_end(period: Period) -> int:
    """Accepted by the period's last day and not decided by then: the undecided ones and the ones
    decided after it, each counted through the decision_date index (one OR over both would read
    every case ever accepted)."""
    accepted = Case.accepted_on <= period.end
    undecided = select(func.count()).select_from(Case).where(accepted, Case.decision_date.is_(None))
    decided_later = select(func.count()).select_from(Case).where(accepted, Case.decision_date > period.end)
    return int(db.session.scalar(select(undecided.scalar_subquery() + decided_later.scalar_subquery())) or 0)


def _concluded_clause(period: Period):
    return and_(Case.decision_type.is_not(None), Case.decision_date.between(period.start, period.end))


TOTAL = "total"


def _grouped(where, dimensions: dict[str, Any], *measures) -> dict[str, Any]:
    """The measures per value of each dimension, and over all (``TOTAL``), of the cases ``where``
    selects: on PostgreSQL one pass with GROUPING SETS (a year of cases is read once, not once per
    breakdown); SQLite has no GROUPING SETS and gets one GROUP BY per dimension."""
    joined = select().select_from(Case).join(Agency, Case.respondent_id == Agency.id).where(where)
    found: dict[str, Any] = {name: {} for name in dimensions}
    if db.session.get_bind().dialect.name != "postgresql":
        for name, column in dimensions.items():
            for key, *values in db.session.execute(joined.add_columns(column, *measures).group_by(column)):
                found[name][key] = tuple(values)
        found[TOTAL] = tuple(db.session.execute(joined.add_columns(*measures)).one())
        return found
    names, columns = list(dimensions), list(dimensions.values())
    markers = [func.grouping(column) for column in columns]  # 0: the row groups by this column
    query = joined.add_columns(*columns, *markers, *measures).group_by(
        func.grouping_sets(*(tuple_(column) for column in columns), text("()")))
    found[TOTAL] = (0,) * len(measures)  # no row at all when nothing matches
    for row in db.session.execute(query):
        values = tuple(row[2 * len(columns):])
        which = next((i for i in range(len(columns)) if row[len(columns) + i] == 0), None)
        if which is None:
            found[TOTAL] = values
        else:
            found[names[which]][row[which]] = values
    return found


BREAKDOWNS = ("by_management_area", "by_act_type", "by_respondent", "by_channel", "by_procedure")


def _dimensions() -> dict[str, Any]:
    return dict(zip(BREAKDOWNS, (case_area(), Case.act_type, Agency.name, Case.channel, Case.procedure),
                    strict=True))


def _received_pass(period: Period) -> dict[str, Any]:
    """The cases received in the period, through the received_on index: per breakdown and month,
    and in total: received, accepted, not accepted, referred, abandoned, still in review."""
    return _grouped(Case.received_on.between(period.start, period.end),
                    {**_dimensions(), "monthly": _month_key(Case.received_on)},
                    func.count(), func.count().filter(Case.accepted_on.is_not(None)),
                    *(func.count().filter(Case.state == state) for state in NOT_ACCEPTED_STATES),
                    func.count().filter(Case.state.in_(("received", "awaiting_supplement"))))


def _decided_pass(period: Period, corrections: tuple[str, ...]) -> dict[str, Any]:
    """The cases decided in the period, through the decision_date index: per breakdown, month and
    decision type, and in total: concluded, corrected, extended, withdrawn after a correction."""
    return _grouped(_concluded_clause(period),
                    {**_dimensions(), "monthly": _month_key(Case.decision_date),
                     "outcomes": Case.decision_type},
                    func.count(), func.count().filter(Case.decision_type.in_(corrections)),
                    func.count().filter(Case.extended.is_(True)),
                    func.count().filter(Case.withdrawn_after_correction.is_(True)))


def _breakdowns(period: Period, received: dict[str, Any], decided: dict[str, Any]) -> dict[str, Any]:
    """received / concluded / corrected per management area, act type, respondent, channel,
    procedure and month, from the two passes."""
    result: dict[str, Any] = {}
    for name in BREAKDOWNS:
        rows = {}
        for key in set(received[name]) | set(decided[name]):  # one row per category, never per case
            n_concluded, n_corrected = decided[name].get(key, (0, 0))[:2]
            rows[str(key)] = {"received": int(received[name].get(key, (0,))[0]),
                              "concluded": int(n_concluded), "corrected": int(n_corrected)}
        result[name] = dict(sorted(rows.items(), key=lambda item: (-item[1]["received"], item[0])))
    received_in = {int(key): values[0] for key, values in received["monthly"].items()}
    decided_in = {int(key): values[:2] for key, values in decided["monthly"].items()}
    monthly = []
    for month in period.months():
        key = month.start.year * 100 + month.start.month
        n_received, (n_concluded, corrected) = received_in.get(key, 0), decided_in.get(key, (0, 0))
        monthly.append({"month": month.code, "received": int(n_received), "concluded": int(n_concluded),
                        "corrected": int(corrected)})
    result["monthly"] = monthly
    return result


def _month_key(column):
    """yyyymm of a date. On PostgreSQL date_part (a float) rather than EXTRACT, which gives a
    numeric since PostgreSQL 14: the numeric arithmetic on every row cost ~70 ms of a 100,000-case
    year's pass."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date_part("year", column) * 100 + func.date_part("month", column)
    return extract("year", column) * 100 + extract("month", column)


def _publication(period: Period) -> dict[str, int]:
    start, end = _local_bounds(period)
    published = and_(Publication.state == "published", Publication.published_at >= start,
                     Publication.published_at < end)
    decisions = db.session.scalar(select(func.count()).select_from(Publication).where(published)) or 0
    typical = db.session.scalar(select(func.count()).select_from(TypicalCase)
                                .join(Publication, TypicalCase.publication_id == Publication.id)
                                .where(published)) or 0
    # Annual reports count when they were published (uploaded), whatever year they report on.
    uploaded = and_(AnnualReport.uploaded_at >= start, AnnualReport.uploaded_at < end)
    reports = db.session.scalar(select(func.count()).select_from(AnnualReport).where(uploaded)) or 0
    return {"decisions": decisions, "typical_cases": typical, "annual_reports": reports}


def _litigation(period: Period) -> tuple[dict[str, Any], dict[str, Any]]:
    fig = litigation_figures(period.start, period.end)
    rates = fig.rates
    values = {
        "received": fig.lawsuits_received, "concluded": fig.lawsuits_concluded,
        "pending_at_end": fig.lawsuits_pending_at_end, "by_instance": fig.lawsuits_by_instance,
        "loss_rate": rates.loss_cases.value, "loss_rate_agency": rates.loss_agency.value,
        "loss_rate_organ": rates.loss_organ.value, "head_appearance_rate": rates.head_appearance.value,
        "decisions_sued_share": rates.sued_share.value, "defences_late": fig.defences_late,
        "recommendations_received": fig.recommendations_received,
        "recommendations_answered": fig.recommendations_answered,
        "respondent_concluded": fig.respondent_concluded, "respondent_corrected": fig.respondent_corrected,
    }
    formulas = {f"litigation.{key}": _figure(figure) for key, figure in (
        ("loss_rate", rates.loss_cases), ("loss_rate_agency", rates.loss_agency),
        ("loss_rate_organ", rates.loss_organ), ("head_appearance_rate", rates.head_appearance),
        ("decisions_sued_share", rates.sued_share))}
    return values | {"as_respondent": fig.respondent_received}, formulas


def definitions_dict(definitions: Definitions) -> dict[str, Any]:
    return {"correction_types": sorted(definitions.correction_types),
            "count_terminated_after_correction": definitions.count_terminated_after_correction,
            "resolution_extra_types": sorted(definitions.resolution_extra_types),
            "resolution_counts_withdrawals": definitions.resolution_counts_withdrawals,
            "denominator": str(definitions.denominator)}


def _side_by_side(*calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, in order. On PostgreSQL with STATISTICS_PARALLEL the calls run at once,
    all but the last in threads with their own app context (so their own session and connection):
    a year at 1M cases is two passes of ~450 ms over ~100,000 cases each plus ~600 ms of smaller
    counts, which PostgreSQL cannot split itself (no parallel GROUPING SETS); on two cores they then
    take about half as long. Each connection reads its own snapshot, as each statement of a READ
    COMMITTED transaction does anyway."""
    app = current_app._get_current_object()
    if not app.config.get("STATISTICS_PARALLEL") or db.session.get_bind().dialect.name != "postgresql":
        return [call() for call in calls]

    def apart(call: Callable[[], Any]) -> Any:
        with app.app_context():
            try:
                return call()
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=len(calls) - 1) as pool:
        started = [pool.submit(apart, call) for call in calls[:-1]]
        last = calls[-1]()
        return [*(future.result() for future in started), last]


def statistics_figures(period: Period, definitions: Definitions) -> dict[str, Any]:
    """Every figure of the period (see the module docstring for what counts where)."""
    corrections = tuple(sorted(definitions.correction_types))
    concluded = _concluded_clause(period)

    def the_rest():
        # One probe of the met-decision index (migration 0016) per case decided in the period.
        # Written into the SQL (among.written_in), so a prepared statement's plan can use that index.
        decided_on_time = exists().where(Deadline.case_id == Case.id,
                                         written_in(Deadline.rule_code, ["decision"]),
                                         written_in(Deadline.state, ["met"]))
        on_time = db.session.scalar(select(func.count()).select_from(Case).where(concluded, decided_on_time))
        return on_time or 0, _pending_at_end(period), _litigation(period), _publication(period)

    received_pass, decided_pass, (on_time, pending, (litigation, litigation_formulas), publication) = (
        _side_by_side(lambda: _received_pass(period), lambda: _decided_pass(period, corrections), the_rest))
    outcomes = {t: int(values[0]) for t, values in decided_pass["outcomes"].items()}
    n_concluded, _corrected, extended, after_correction = (int(v) for v in decided_pass[TOTAL])
    received = dict(zip(("received", "accepted", "not_accepted", "referred", "abandoned",
                         "in_acceptance_review"), (int(v) for v in received_pass[TOTAL]), strict=True))
    direct = direct_correction_rate(outcomes, received=received["received"], concluded=n_concluded,
                                    definitions=definitions, terminated_after_correction=after_correction)
    resolution = comprehensive_resolution_rate(outcomes, received=received["received"], concluded=n_concluded,
                                               definitions=definitions,
                                               terminated_after_correction=after_correction)
    timely = on_time_rate(on_time, n_concluded)
    reconsideration = {
        **received, "concluded": n_concluded, "pending_at_end": int(pending),
        "as_respondent": litigation.pop("as_respondent"), "outcomes": outcomes,
        "direct_corrections": direct.numerator, "direct_correction_rate": direct.value,
        "comprehensive_resolution_rate": resolution.value, "on_time": on_time, "on_time_rate": timely.value,
        "extensions": extended, "withdrawn_after_correction": after_correction,
        **_breakdowns(period, received_pass, decided_pass),
    }
    return {
        "period": {"kind": period.kind, "code": period.code, "start": period.start.isoformat(),
                   "end": period.end.isoformat()},
        "definitions": definitions_dict(definitions),
        "reconsideration": reconsideration,
        "publication": publication,
        "litigation": litigation,
        "formulas": {"reconsideration.direct_correction_rate": _figure(direct),
                     "reconsideration.comprehensive_resolution_rate": _figure(resolution),
                     "reconsideration.on_time_rate": _figure(timely), **litigation_formulas},
        "computed_on": clock.today().isoformat(),
    }


def correction_concentration(figures: dict[str, Any], top: int = 2) -> list[str]:
    """The management areas with the most corrections (ties by received), for the report's
    "纠错案件集中在…" and the dashboard."""
    areas = figures["reconsideration"]["by_management_area"]
    ranked = sorted(((v["corrected"], v["received"], k) for k, v in areas.items() if v["corrected"]),
                    reverse=True)
    return [k for _c, _r, k in ranked[:top]]


def frozen_snapshot(period: Period, today: date) -> StatisticsSnapshot | None:
    """The snapshot of a closed period, if it was frozen. Its figures are read only when used
    (``defer``): the statistics page finds them already rendered for this snapshot most times."""
    if not period.closed(today):
        return None
    return db.session.scalar(select(StatisticsSnapshot).options(defer(StatisticsSnapshot.figures)).where(
        StatisticsSnapshot.period_kind == period.kind, StatisticsSnapshot.period_start == period.start,
        StatisticsSnapshot.period_end == period.end))


def live_figures(period: Period, today: date, definitions: Definitions, *,
                 recent: bool = False) -> dict[str, Any]:
    """The period's figures counted from the cases. ``recent``: they may be up to
    SUMMARY_CACHE_SECONDS old (the dashboard; at a million cases a year's figures take ~0.6 s to
    count); their ``computed_at`` says when they were counted."""
    if not recent:
        return statistics_figures(period, definitions)
    key = ("statistics.live", period.kind, period.start, period.end, repr(definitions_dict(definitions)),
           today)
    figures, at = remembered(key, lambda: statistics_figures(period, definitions))
    return {**figures, "computed_at": at.isoformat()}


def figures_for(period: Period, today: date, definitions: Definitions, *,
                recent: bool = False) -> tuple[dict[str, Any], StatisticsSnapshot | None]:
    """A closed period's frozen figures when they exist, else live ones (the open period, or a
    closed one not frozen yet). Exports and reports always count afresh (``recent`` False)."""
    snapshot = frozen_snapshot(period, today)
    if snapshot is not None:
        return snapshot.figures, snapshot
    return live_figures(period, today, definitions, recent=recent), None
