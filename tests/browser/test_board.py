"""A supervisor opens the deadline board and finds an overdue case and why its date is what it is."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from casemgr import clock
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

pytestmark = pytest.mark.browser


def test_supervisor_sees_an_overdue_deadline_with_its_explanation(page):
    officer = create_user(role="officer")
    create_user(role="supervisor", username="boss")
    today = clock.today()
    late = create_case(actor=officer, received_on=today - timedelta(days=30),
                       act_known_on=today - timedelta(days=31), act_date=today - timedelta(days=32))
    page.goto("/login")
    page.get_by_label("用户名").fill("boss")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="期限看板").click()
    overdue = page.locator('[data-group="overdue"]')
    row = overdue.locator(f'[data-case="{late.id}"][data-rule="acceptance_review"]')
    expect(row).to_be_visible()
    row.locator("summary").click()
    expect(row.locator("details")).to_contain_text("个工作日")
    row.get_by_role("link", name=late.number).click()
    expect(page.locator(".cm-state")).to_have_text("受理审查中")
