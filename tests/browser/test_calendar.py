"""An administrator enters next year's holiday notice and sees it on the calendar."""

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, create_user

pytestmark = pytest.mark.browser


def test_admin_loads_the_2027_notice(page):
    create_user(role="admin", username="boss")
    page.goto("/login")
    page.get_by_label("用户名").fill("boss")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.get_by_role("link", name="工作日历").click()
    page.goto("/admin/calendar/2027")
    expect(page.locator(".cm-year-status")).to_contain_text("暂定")

    page.get_by_label("通知文号").fill("国办发明电〔2026〕X号")
    page.get_by_label("放假日").fill("2027-01-01 元旦\n2027-02-06..2027-02-30 春节")
    page.get_by_label("调休上班日").fill("2027-02-14 春节")
    page.get_by_role("button", name="保存本年度日历").click()
    expect(page.locator(".cm-problems")).to_contain_text("第2行")
    expect(page.get_by_label("放假日")).to_have_value("2027-01-01 元旦\n2027-02-06..2027-02-30 春节")

    page.get_by_label("放假日").fill("2027-01-01 元旦\n2027-02-06..2027-02-12 春节")
    page.get_by_role("button", name="保存本年度日历").click()
    expect(page.get_by_role("alert")).to_contain_text("2027年已载入：放假8天，调休上班1天")
    expect(page.locator('td[data-day="2027-02-10"]')).to_have_class("cm-day cm-day-holiday")
    expect(page.locator('td[data-day="2027-02-14"]')).to_have_class("cm-day cm-day-makeup_workday")
    expect(page.locator(".cm-year-status")).to_contain_text("国办发明电〔2026〕X号")
