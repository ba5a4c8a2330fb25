"""Importing a ledger: all or nothing, line-numbered problems, figures from imported cases, the
command line and the admin upload."""

import io
from datetime import date

from openpyxl import Workbook
from sqlalchemy import func, select

from casemgr.cli import main
from casemgr.domain.ledger import HEADERS
from casemgr.domain.periods import year_period
from casemgr.domain.statistics import Definitions
from casemgr.models import Agency, Case, Deadline, Publication
from casemgr.queries.portal import PortalFilters, portal_search
from casemgr.queries.statistics import statistics_figures
from casemgr.services.ledger_import import LedgerError, ledger_import, problem_text
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_agency, create_user

GOOD = [
    "通政复字〔2019〕第1号,2019-03-04,2019-03-08,2019-04-30,自然人,王某,通州区某执法局,拆迁拆违,行政强制,普通程序,撤销,是,是",
    "通政复字〔2019〕第2号,2019-05-06,2019-05-09,2019-09-20,法人或其他组织,某公司,通州区某执法局,城市管理综合执法,行政处罚,,维持,是,否",
    "通政复字〔2019〕第3号,2019-06-03,,,自然人,李某,北京市公安局通州分局,公安,行政处罚,,不予受理,,",
    "通政复字〔2019〕第4号,2019-12-20,2019-12-24,,自然人,赵某,北京市公安局通州分局,公安,行政处罚,简易程序,,,",
]


def ledger(*lines: str) -> bytes:
    return ("\ufeff" + ",".join(HEADERS.values()) + "\n" + "\n".join(lines) + "\n").encode()


def test_a_good_ledger_becomes_cases_and_figures(database):
    admin = create_user(role="admin")
    create_agency(name="北京市公安局通州分局", area="public_security")
    result = ledger_import(actor=admin, data=ledger(*GOOD), filename="2019.csv")
    assert (result.cases, result.published, result.agencies_created) == (4, 2, ["通州区某执法局"])
    assert database.scalar(select(Agency.area).where(Agency.name == "通州区某执法局")) == "other"
    cases = {c.number: c for c in database.scalars(select(Case).where(Case.origin == "ledger"))}
    assert (
        cases["通政复字〔2019〕第1号"].area == "demolition"
        and cases["通政复字〔2019〕第2号"].area == "urban_management"
    )
    assert (
        cases["通政复字〔2019〕第3号"].state == "not_accepted"
        and cases["通政复字〔2019〕第4号"].state == "accepted"
    )
    late = database.scalar(
        select(Deadline.state).where(Deadline.case_id == cases["通政复字〔2019〕第2号"].id)
    )
    assert late == "missed"  # 2019-05-09 + 60 days is long before 2019-09-20
    figures = statistics_figures(year_period(2019), Definitions())
    r = figures["reconsideration"]
    assert (
        r["received"],
        r["concluded"],
        r["direct_corrections"],
        r["not_accepted"],
        r["pending_at_end"],
    ) == (4, 2, 1, 1, 1)
    assert r["on_time_rate"] == 0.5 and r["by_management_area"]["demolition"]["corrected"] == 1
    assert figures["publication"] == {"decisions": 2, "typical_cases": 1, "annual_reports": 0}
    # counted, but not shown on the portal: the ledger has no public text
    assert portal_search(PortalFilters()).total == 0


def test_a_bad_row_imports_nothing_and_says_which_line(database):
    admin = create_user(role="admin")
    bad = GOOD[1].replace("2019-09-20", "2019-02-30")
    try:
        ledger_import(actor=admin, data=ledger(GOOD[0], bad, GOOD[0]), filename="x.csv")
    except LedgerError as error:
        texts = [problem_text(p) for p in error.problems]
    else:
        raise AssertionError("the import should have been refused")
    assert any(t.startswith("第3行") or t.startswith("line 3") for t in texts)
    assert any("4" in t for t in texts)  # the duplicate number on line 4
    assert database.scalar(select(func.count()).select_from(Case)) == 0
    assert (
        database.scalar(select(func.count()).select_from(Agency).where(Agency.name == "通州区某执法局")) == 0
    )


def test_a_number_already_in_the_system_is_refused(database):
    admin = create_user(role="admin")
    ledger_import(actor=admin, data=ledger(GOOD[0]), filename="a.csv")
    try:
        ledger_import(actor=admin, data=ledger(GOOD[1], GOOD[0]), filename="b.csv")
    except LedgerError as error:
        assert [(p.line, p.code) for p in error.problems] == [(3, "exists")]
    assert database.scalar(select(func.count()).select_from(Case)) == 1


def test_the_command_line_imports_and_reports_problems(app, database, tmp_path):
    create_user(role="admin", username="root")
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(ledger(*GOOD))
    bad.write_bytes(ledger(GOOD[0].replace("自然人", "外星人")))
    runner = app.test_cli_runner()
    failed = runner.invoke(main, ["cases", "import", str(bad)])
    assert failed.exit_code == 1 and "外星人" in failed.output
    result = runner.invoke(main, ["cases", "import", str(good), "--user", "root"])
    assert result.exit_code == 0, result.output
    assert "imported 4 cases (2 published)" in result.output
    assert database.scalar(select(func.count()).select_from(Publication)) == 2


def test_the_admin_uploads_an_excel_ledger(client, database):
    create_user(role="admin", username="root")
    login(client, "root", DEFAULT_PASSWORD)
    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADERS.values()))
    for line in GOOD:
        values = line.split(",")
        values[1] = date.fromisoformat(values[1])  # Excel dates arrive as dates
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    page = client.get("/admin/ledger").get_data(as_text=True)
    template = client.get("/admin/ledger/template.csv").get_data(as_text=True)
    assert template.startswith("\ufeff案号,收案日期")
    response = client.post(
        "/admin/ledger",
        data={"csrf_token": csrf_token(page), "file": (io.BytesIO(buffer.getvalue()), "ledger.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert database.scalar(select(func.count()).select_from(Case).where(Case.origin == "ledger")) == 4
    page = client.get("/admin/ledger").get_data(as_text=True)
    response = client.post(
        "/admin/ledger",
        data={"csrf_token": csrf_token(page), "file": (io.BytesIO(ledger(GOOD[0])), "again.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and 'id="ledger-problems"' in response.get_data(as_text=True)
