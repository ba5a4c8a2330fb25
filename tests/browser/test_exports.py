"""A supervisor downloads the deadline board and the case list as CSV and as Excel, from the real
server: a CSV is written after the view has returned (stream_with_context), through a server-side
cursor that needs a transaction while the page itself reads in autocommit
(casemgr/request_transactions.py). Both once answered 500 there while passing in-process tests."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from casemgr import clock
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

pytestmark = pytest.mark.browser


def _download(page, link) -> bytes:
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as f:
        return f.read()


def _log_in(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()


@pytest.mark.parametrize("where", ["期限看板", "案件"])
def test_supervisor_downloads_the_list_as_csv_and_excel(page, where):
    officer = create_user(role="officer")
    create_user(role="supervisor", username="boss")
    today = clock.today()
    case = create_case(actor=officer, received_on=today - timedelta(days=3),
                       act_known_on=today - timedelta(days=4), act_date=today - timedelta(days=5))
    _log_in(page, "boss")
    page.get_by_role("link", name=where, exact=True).click()
    if where == "案件":
        page.goto(page.url.split("?")[0] + "?view=all")
    number_at = 1 if where == "期限看板" else 0  # the board's rows start with the deadline's state
    csv = _download(page, page.get_by_role("link", name="CSV", exact=True)).decode("utf-8-sig")
    rows = [line.split(",") for line in csv.splitlines()[1:]]
    assert rows and all(row[number_at] == case.number for row in rows), csv  # a case's deadlines, or it
    excel = _download(page, page.get_by_role("link", name="Excel", exact=True))
    sheet = load_workbook(io.BytesIO(excel)).active
    numbers = [row[number_at] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == [case.number] * len(rows)
