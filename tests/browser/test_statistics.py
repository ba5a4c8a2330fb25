"""A supervisor opens the year's statistics, sees the model report's figures and charts, and follows
a figure to the cases behind it."""

import pytest
from playwright.sync_api import expect

from casemgr.services.demo import DEMO_PASSWORD, demo_load
from casemgr.services.demo_year import demo_year_load

pytestmark = pytest.mark.browser


def test_the_year_on_the_dashboard_and_the_cases_behind_a_figure(page):
    demo_load()
    demo_year_load(2020)
    page.goto("/login")
    page.get_by_label("用户名").fill("supervisor")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="统计").click()
    page.get_by_label("期间").fill("2020")
    page.get_by_role("button", name="显示").click()
    expect(page.locator('[data-figure="received"] .h4')).to_have_text("172")
    expect(page.locator('[data-figure="direct_correction_rate"] .h4')).to_have_text("23.1%")
    expect(page.locator("#concentration")).to_contain_text("拆迁拆违、专项行动")
    expect(page.locator("#report-draft")).to_contain_text("纠错率约为23%")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.locator('[data-figure="direct_corrections"] a').click()
    expect(page.locator("#figure-filters")).to_contain_text("直接纠错")
    expect(page.get_by_text("共33件")).to_be_visible()
