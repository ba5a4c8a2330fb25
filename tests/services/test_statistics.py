"""Each figure on a small hand-built dataset, the edge cases, the settings and the snapshots."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.periods import month_period, parse_period, year_period
from casemgr.domain.statistics import Definitions
from casemgr.domain.workflow import IN_PROGRESS_STATES
from casemgr.models import CaseAssignment, Deadline, StatisticsSnapshot
from casemgr.queries.statistics import figures_for, statistics_figures
from casemgr.services.errors import ServiceError
from casemgr.services.statistics import (
    definitions_get,
    snapshot_freeze,
    snapshots_freeze_closed,
    statistics_settings_save,
)
from tests.factories import create_agency, create_case, create_user, end_case


def case_on(
    database,
    received: date,
    *,
    state="accepted",
    decided: date | None = None,
    decision=None,
    agency=None,
    **changes,
):
    case = create_case(
        state=state,
        received_on=received,
        act_date=received - timedelta(days=20),
        act_known_on=received - timedelta(days=10),
        respondent_id=(agency or create_agency()).id,
    )
    if decided:
        case.state, case.decision_type, case.decision_date = "decided", decision, decided
    if changes.get("state", "decided") not in {s.value for s in IN_PROGRESS_STATES}:
        end_case(case, **changes)  # closed: its deadlines with it
    else:
        for name, value in changes.items():
            setattr(case, name, value)
    database.commit()
    return case


@pytest.fixture
def dataset(database):
    demolition = create_agency(area="urban_management")
    police = create_agency(area="public_security")
    # received in 2024, decided (revoked) in 2025: concluded and corrected in 2025, received in 2024
    a = case_on(
        database,
        date(2024, 12, 20),
        decided=date(2025, 1, 10),
        decision="revoke",
        agency=demolition,
        area="demolition",
    )
    case_on(database, date(2025, 3, 2), state="received", agency=police)
    c = case_on(database, date(2025, 4, 1), decided=date(2025, 5, 6), decision="uphold", agency=police)
    case_on(
        database,
        date(2025, 5, 6),
        decided=date(2025, 6, 2),
        decision="terminate",
        agency=police,
        withdrawn_after_correction=True,
    )
    case_on(database, date(2025, 11, 3), agency=demolition)  # still under review on 31 December
    refused = case_on(database, date(2025, 2, 3), state="received", agency=police)
    end_case(refused, "not_accepted", closing_reason="超过申请期限")
    database.commit()
    for case in (a, c):  # decided within the ARL 62 period
        row = database.scalar(
            select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_code == "decision")
        )
        row.state, row.met_on = "met", case.decision_date
    database.commit()
    return {"a": a, "c": c}


def test_figures_of_a_year(dataset):
    figures = statistics_figures(year_period(2025), Definitions())
    r = figures["reconsideration"]
    assert (r["received"], r["accepted"], r["not_accepted"], r["in_acceptance_review"]) == (5, 3, 1, 1)
    assert (r["concluded"], r["direct_corrections"], r["pending_at_end"]) == (3, 1, 1)
    assert r["outcomes"] == {"revoke": 1, "uphold": 1, "terminate": 1}
    assert r["direct_correction_rate"] == pytest.approx(1 / 3)
    # correction + withdrawal after correction (ARL 74) over the concluded
    assert r["comprehensive_resolution_rate"] == pytest.approx(2 / 3)
    assert (r["on_time"], r["on_time_rate"]) == (2, pytest.approx(2 / 3))
    assert r["withdrawn_after_correction"] == 1
    assert r["by_management_area"]["demolition"] == {"received": 0, "concluded": 1, "corrected": 1}
    assert r["by_management_area"]["urban_management"]["received"] == 1
    assert r["by_management_area"]["public_security"] == {"received": 4, "concluded": 2, "corrected": 0}
    assert [m["received"] for m in r["monthly"]][:5] == [0, 1, 1, 1, 1]
    formula = figures["formulas"]["reconsideration.direct_correction_rate"]
    assert formula["zh"] == "直接纠错数 ÷ 审结数 = 1 ÷ 3 = 33.3%" and formula["en"].startswith(
        "direct corrections"
    )


def test_a_case_received_in_one_year_and_decided_in_the_next(dataset):
    y2024 = statistics_figures(year_period(2024), Definitions())["reconsideration"]
    assert (y2024["received"], y2024["concluded"], y2024["pending_at_end"]) == (1, 0, 1)
    assert y2024["direct_correction_rate"] is None


def test_the_denominator_and_the_correction_types_are_settings(dataset):
    by_received = statistics_figures(year_period(2025), Definitions(denominator="received"))
    formula = by_received["formulas"]["reconsideration.direct_correction_rate"]
    assert by_received["reconsideration"]["direct_correction_rate"] == pytest.approx(1 / 5)
    assert "收案数" in formula["zh"]
    shanghai = statistics_figures(year_period(2025), Definitions(count_terminated_after_correction=True))
    assert shanghai["reconsideration"]["direct_corrections"] == 2
    narrow = statistics_figures(year_period(2025), Definitions(correction_types={"vary"}))
    assert narrow["reconsideration"]["direct_corrections"] == 0


def test_a_month_counts_only_its_days(dataset):
    may = statistics_figures(month_period(2025, 5), Definitions())["reconsideration"]
    assert (may["received"], may["concluded"]) == (1, 1)
    q2 = statistics_figures(parse_period("2025-Q2"), Definitions())["reconsideration"]
    assert (q2["received"], q2["concluded"]) == (2, 2)


def test_only_an_administrator_changes_the_settings(database):
    admin, officer = create_user(role="admin"), create_user()
    common = {
        "version": None,
        "resolution_extra_types": ["mediation"],
        "count_terminated_after_correction": True,
        "resolution_counts_withdrawals": True,
        "denominator": "received",
    }
    with pytest.raises(ServiceError):
        statistics_settings_save(actor=officer, correction_types=["revoke"], **common)
    with pytest.raises(ServiceError):
        statistics_settings_save(actor=admin, correction_types=["nonsense"], **common)
    with pytest.raises(ServiceError):
        statistics_settings_save(actor=admin, correction_types=[], **common)
    statistics_settings_save(actor=admin, correction_types=["revoke", "vary"], **common)
    definitions = definitions_get()
    assert definitions.correction_types == {"revoke", "vary"} and str(definitions.denominator) == "received"


def test_a_snapshot_keeps_the_figures_until_recomputed(dataset, database):
    admin = create_user(role="admin")
    period = year_period(2025)
    snapshot = snapshot_freeze(period)
    assert (
        snapshot.figures["reconsideration"]["received"] == 5
        and snapshot.definitions["denominator"] == "concluded"
    )
    case_on(database, date(2025, 7, 1))  # a late entry after the year was frozen
    figures, frozen = figures_for(period, clock.today(), Definitions())
    assert frozen is not None and figures["reconsideration"]["received"] == 5
    with pytest.raises(ServiceError):
        snapshot_freeze(period, actor=create_user(), replace=True)
    snapshot = snapshot_freeze(period, actor=admin, replace=True)
    assert snapshot.figures["reconsideration"]["received"] == 6
    assert (
        database.scalar(select(StatisticsSnapshot.id).where(StatisticsSnapshot.period_kind == "year"))
        == snapshot.id
    )


def test_an_open_period_is_never_frozen(database):
    with pytest.raises(ServiceError):
        snapshot_freeze(year_period(clock.today().year))
    figures, frozen = figures_for(year_period(clock.today().year), clock.today(), Definitions())
    assert frozen is None and figures["period"]["code"] == str(clock.today().year)


def test_the_nightly_task_freezes_each_closed_month_once(database):
    first = snapshots_freeze_closed(date(2025, 3, 10))
    assert first[:2] == ["2023-03", "2023-04"] and "2024" in first and "2023" in first
    assert snapshots_freeze_closed(date(2025, 3, 10)) == []


def test_a_termination_after_correction_is_recorded_through_the_decision(database):
    from casemgr import clock
    from casemgr.services import decisions
    from casemgr.services.decisions import DecisionDraft

    officer, supervisor = create_user(), create_user(role="supervisor")
    case = create_case(actor=officer, state="accepted", area="special_campaign")
    assert case.area == "special_campaign"
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=supervisor.id))
    database.commit()
    draft = DecisionDraft(
        decision_type="terminate", operative_text="终止行政复议。", withdrawn_after_correction=True
    )
    case = decisions.case_save_decision_draft(
        actor=officer, case_id=case.id, version=case.version, draft=draft
    )
    case = decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    case = decisions.case_review_decision(
        actor=supervisor, case_id=case.id, version=case.version, approve=True
    )
    case = decisions.case_issue_decision(
        actor=officer, case_id=case.id, version=case.version, on=clock.today()
    )
    assert case.withdrawn_after_correction and case.decision_type == "terminate"
    figures = statistics_figures(
        year_period(clock.today().year), Definitions(count_terminated_after_correction=True)
    )
    assert figures["reconsideration"]["direct_corrections"] == 1
    assert figures["reconsideration"]["by_management_area"]["special_campaign"]["received"] == 1


def test_the_nightly_task_runs_the_freeze(database):
    from workers.tasks import statistics_freeze

    frozen = statistics_freeze.run()
    assert frozen and all(code[:4].isdigit() for code in frozen)
    assert statistics_freeze.run() == []


def test_the_passes_counted_side_by_side_give_the_same_figures(app, committed_db, settings, monkeypatch):
    """On PostgreSQL the passes run at once on their own connections (committed data only); the
    figures are the ones counted one after the other."""
    from casemgr.services.demo import demo_load
    from casemgr.services.demo_year import demo_year_load

    if settings.kind != "postgresql":
        pytest.skip("SQLite counts in one connection")
    demo_load()
    demo_year_load(2020)
    period = year_period(2020)
    monkeypatch.setitem(app.config, "STATISTICS_PARALLEL", False)
    one_after_another = statistics_figures(period, Definitions())
    monkeypatch.setitem(app.config, "STATISTICS_PARALLEL", True)
    side_by_side = statistics_figures(period, Definitions())
    assert side_by_side == one_after_another
    assert side_by_side["reconsideration"]["received"] == 172  # the model report's year
