"""The statistics pages, exports, report draft and command line on the demo year 2020: every output
gives the model report's figures, computed from the cases."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from casemgr.cli import main
from casemgr.services.demo import demo_load
from casemgr.services.demo_year import demo_year_load
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user

SENTENCE = (
    "承办区政府行政复议案件172件，直接纠错33件，纠错率约为23%，纠错案件集中在拆迁拆违、专项行动等领域。"
)


@pytest.fixture
def year_2020(database):
    demo_load()
    demo_year_load(2020)


def figure(page: str, code: str) -> str:
    block = page.split(f'data-figure="{code}"')[1]
    return re.search(r'<div class="h4 mb-0">(?:<a [^>]*>)?([^<]+)', block).group(1).strip()


def test_the_dashboard_shows_the_model_report(client, database, year_2020):
    create_user(role="supervisor", username="boss")
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert [
        figure(page, c) for c in ("received", "concluded", "direct_corrections", "direct_correction_rate")
    ] == ["172", "143", "33", "23.1%"]
    assert [figure(page, c) for c in ("as_respondent", "published", "typical_cases", "annual_reports")] == [
        "14",
        "156",
        "37",
        "3",
    ]
    assert "直接纠错数 ÷ 审结数 = 33 ÷ 143 = 23.1%" in page
    assert "拆迁拆违、专项行动" in page.split('id="concentration"')[1][:200]
    assert SENTENCE in page and "<svg" in page and "<script" not in page.split("<main")[1].split("</main>")[0]
    # every figure links to its cases: the 33 corrections are 33 cases in the list
    link = re.search(r'data-figure="direct_corrections">.*?<a href="([^"]+)"', page, re.S).group(1)
    listing = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "共33件" in listing and 'id="figure-filters"' in listing


def test_excel_csv_and_the_report_draft(client, database, year_2020):
    create_user(role="officer", username="li")
    login(client, "li", DEFAULT_PASSWORD)
    workbook = load_workbook(io.BytesIO(client.get("/statistics/export.xlsx?period=2020").data))
    summary = {row[0]: row[1] for row in workbook["总表"].iter_rows(min_row=3, values_only=True)}
    assert (summary["收案数"], summary["审结数"], summary["直接纠错数"]) == (172, 143, 33)
    assert round(summary["直接纠错率"], 3) == 0.231 and summary["典型案例数"] == 37
    areas = {row[0]: row[3] for row in workbook["按管理领域"].iter_rows(min_row=2, values_only=True)}
    assert (areas["拆迁拆违"], areas["专项行动"]) == (13, 10)
    text = client.get("/statistics/export.csv?period=2020").get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["summary", "应诉案件收案数", "103", ""] in rows
    document = Document(io.BytesIO(client.get("/statistics/report.docx?period=2020").data))
    body = "\n".join(p.text for p in document.paragraphs)
    assert (
        SENTENCE in body and "办理复议区政府案件14件；公开复议决定156篇，典型案例37篇，年度报告3篇。" in body
    )
    assert "代理区政府应诉案件103件，审结80件" in body


def test_the_administrator_changes_the_denominator_and_recomputes(client, database, year_2020):
    create_user(role="admin", username="root")
    create_user(role="officer", username="li")
    login(client, "li", DEFAULT_PASSWORD)
    assert client.get("/statistics/settings").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "root", DEFAULT_PASSWORD)
    page = client.get("/statistics/settings").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(page),
        "version": "",
        "denominator": "received",
        "correction_types": [
            "vary",
            "revoke",
            "revoke_part",
            "confirm_illegal",
            "order_performance",
            "confirm_invalid",
        ],
        "resolution_extra_types": ["mediation"],
        "resolution_counts_withdrawals": "y",
    }
    assert client.post("/statistics/settings", data=data).status_code == 302
    page = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert figure(page, "direct_correction_rate") == "19.2%"  # 33 / 172, the other definition
    assert "直接纠错数 ÷ 收案数 = 33 ÷ 172 = 19.2%" in page
    token = csrf_token(page)
    assert (
        client.post("/statistics/recompute", data={"csrf_token": token, "period": "2020"}).status_code == 302
    )
    page = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert 'id="source"' in page and "19.2%" in page


def test_bad_settings_change_nothing(client, database):
    create_user(role="admin", username="root")
    login(client, "root", DEFAULT_PASSWORD)
    page = client.get("/statistics/settings").get_data(as_text=True)
    response = client.post(
        "/statistics/settings",
        data={
            "csrf_token": csrf_token(page),
            "version": "",
            "denominator": "received",
            "correction_types": [],
        },
    )
    assert response.status_code == 422
    assert client.get("/statistics/?period=2020").status_code == 200


def test_a_bad_period_falls_back_with_a_message(client, database):
    create_user(role="officer", username="li")
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/statistics/?period=2020-13").get_data(as_text=True)
    assert "alert-warning" in page


def test_casemgr_stats_prints_the_model_report(app, database, year_2020):
    result = app.test_cli_runner().invoke(main, ["stats", "--year", "2020", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["reconsideration.received"], data["reconsideration.concluded"]) == (172, 143)
    assert data["reconsideration.direct_corrections"] == 33
    assert round(data["reconsideration.direct_correction_rate"], 3) == 0.231
    assert data["reconsideration.as_respondent"] == 14
    areas = data["reconsideration.by_management_area"]
    assert (areas["拆迁拆违"]["corrected"], areas["专项行动"]["corrected"]) == (13, 10)
    assert areas["拆迁拆违"]["received"] >= 13
    assert (
        data["publication.decisions"],
        data["publication.typical_cases"],
        data["publication.annual_reports"],
    ) == (156, 37, 3)
    assert (data["litigation.received"], data["litigation.concluded"]) == (103, 80)
    assert 0 <= data["litigation.loss_rate"] <= 1 and 0 <= data["litigation.head_appearance_rate"] <= 1
    assert data["reconsideration"]["received"] == 172  # the nested form reads the same
    table = app.test_cli_runner().invoke(main, ["stats", "--year", "2020"])
    assert "23.1%" in table.output and "拆迁拆违" in table.output
    bad = app.test_cli_runner().invoke(main, ["stats", "--period", "2020-13"])
    assert bad.exit_code == 2 and "YYYY" in bad.output


def test_live_figures_may_be_a_minute_old_and_say_when_they_were_counted(client, database, caches_kept):
    from casemgr import summary_cache
    from tests.factories import create_case

    boss = create_user(role="supervisor", username="boss")
    create_case(actor=boss)  # received today: this year's live figures
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get("/statistics/").get_data(as_text=True)
    assert figure(page, "received") == "1" and "实时数据，统计于" in page
    create_case(actor=boss)
    assert figure(client.get("/statistics/").get_data(as_text=True), "received") == "1"  # counted already
    export = csv.reader(io.StringIO(client.get("/statistics/export.csv").get_data(as_text=True)))
    assert ["summary", "收案数", "2", ""] in list(export)  # exports always count afresh
    summary_cache.forget_all()  # a minute later
    assert figure(client.get("/statistics/").get_data(as_text=True), "received") == "2"


def test_a_frozen_periods_figures_are_rendered_once_and_again_when_recomputed(
    client, app, database, year_2020, monkeypatch, caches_kept
):
    from casemgr.domain.periods import year_period
    from casemgr.extensions import db
    from casemgr.models import StatisticsSnapshot
    from casemgr.services.statistics import snapshot_freeze

    snapshot_freeze(year_period(2020))
    create_user(role="admin", username="root")
    login(client, "root", DEFAULT_PASSWORD)
    first = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert figure(first, "direct_correction_rate") == "23.1%"
    # A kept rendering is only ever the same snapshot's: tamper with the stored figures behind the
    # cache's back and the page does not change until the snapshot is recomputed.
    snapshot = db.session.query(StatisticsSnapshot).one()
    snapshot.figures = {**snapshot.figures, "reconsideration": {**snapshot.figures["reconsideration"],
                                                                 "received": 999}}
    db.session.commit()
    again = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert figure(again, "received") == "172"
    assert csrf_token(again)  # the admin's recompute form is rendered for this reader, not kept
    client.get("/lang/en")
    english = client.get("/statistics/?period=2020").get_data(as_text=True)
    assert "Received" in english and "收案" not in english.split('id="source"')[1]
    client.get("/lang/zh")
    snapshot.computed_at += timedelta(seconds=1)  # what recomputing it does
    db.session.commit()
    assert figure(client.get("/statistics/?period=2020").get_data(as_text=True), "received") == "999"
