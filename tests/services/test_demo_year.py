"""The acceptance case: the demo year reproduces the model district's 2020 report, computed by the
statistics queries from the cases (DOMAIN.md; seed-report-tongzhou-2020.txt)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from casemgr.domain.periods import year_period
from casemgr.models import Case, Deadline
from casemgr.queries.statistics import correction_concentration, statistics_figures
from casemgr.services.demo import demo_load
from casemgr.services.demo_year import demo_year_load
from casemgr.services.errors import ServiceError
from casemgr.services.statistics import definitions_get


@pytest.fixture
def year_2020(database):
    demo_load()
    return demo_year_load(2020)


def test_the_demo_year_gives_the_model_report(year_2020, database):
    figures = statistics_figures(year_period(2020), definitions_get())
    r, p, lit = figures["reconsideration"], figures["publication"], figures["litigation"]
    assert (r["received"], r["concluded"], r["direct_corrections"]) == (172, 143, 33)
    assert round(r["direct_correction_rate"], 3) == 0.231  # "约为23%"
    assert figures["formulas"]["reconsideration.direct_correction_rate"]["zh"] == (
        "直接纠错数 ÷ 审结数 = 33 ÷ 143 = 23.1%"
    )
    assert r["as_respondent"] == 14
    assert (p["decisions"], p["typical_cases"], p["annual_reports"]) == (156, 37, 3)
    assert (lit["received"], lit["concluded"]) == (103, 80)
    assert correction_concentration(figures) == ["demolition", "special_campaign"]
    assert r["pending_at_end"] == 20 and r["not_accepted"] + r["referred"] == 9
    assert sum(r["outcomes"].values()) == 143
    assert sum(m["received"] for m in r["monthly"]) == 172
    assert 0.9 < r["on_time_rate"] < 1 and r["extensions"] > 0
    assert sum(row["received"] for row in r["by_management_area"].values()) == 172


def test_the_demo_year_leaves_no_stale_deadline_on_the_board(year_2020, database):
    # (the plain demo's current cases have their own deadlines; the year's are all closed)
    stale = database.scalar(
        select(func.count())
        .select_from(Deadline)
        .where(Deadline.state.in_(("open", "paused")), Deadline.start_on < date(2022, 1, 1))
    )
    assert stale == 0


def test_the_demo_year_is_loaded_once(year_2020, database):
    before = database.scalar(select(func.count()).select_from(Case))
    with pytest.raises(ServiceError):
        demo_year_load(2020)
    assert database.scalar(select(func.count()).select_from(Case)) == before
