"""An officer registers an application and accepts it; the deadlines follow."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import open_step
from tests.factories import DEFAULT_PASSWORD, create_agency, create_user

pytestmark = pytest.mark.browser


def test_officer_registers_and_accepts_an_application(page):
    create_user(role="officer", username="zhang", display_name="张承办")
    create_agency(name="北京市通州区城市管理综合执法局")
    page.goto("/login")
    page.get_by_label("用户名").fill("zhang")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.get_by_role("link", name="收案登记").click()
    page.select_option("#respondent_id", label="北京市通州区城市管理综合执法局")
    page.select_option("#act_type", "coercion")
    page.fill("#act_number", "通城管拆字〔2026〕第5号")
    page.fill("#parties-0-name", "刘某某")
    page.fill("#parties-0-id_number", "110105194912310021")  # a wrong check digit
    page.fill("#requests", "撤销限期拆除决定")
    page.get_by_role("button", name="收案登记").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("校验码")
    expect(page.locator("#parties-0-name")).to_have_value("刘某某")

    page.fill("#parties-0-id_number", "11010519491231002X")
    page.get_by_role("button", name="收案登记").click()
    expect(page.get_by_role("alert").first).to_contain_text("已登记案件通政复字〔")
    expect(page.locator(".cm-state")).to_have_text("受理审查中")
    expect(page.locator('tr[data-rule="acceptance_review"]')).to_be_visible()
    page.locator('tr[data-rule="acceptance_review"] summary').click()
    expect(page.locator('tr[data-rule="acceptance_review"] ol')).to_contain_text("个工作日")

    open_step(page, "accept").get_by_role("button", name="受理").click()
    expect(page.locator(".cm-state")).to_have_text("审理中")
    expect(page.locator('tr[data-rule="decision"]')).to_be_visible()
    expect(page.locator('li[data-kind="accepted"]')).to_be_visible()
