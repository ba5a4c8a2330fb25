"""A supervisor publishes a decision and a citizen finds it on the portal by a Chinese phrase."""

import pytest
from playwright.sync_api import expect

from casemgr.extensions import db
from casemgr.services.publication import publication_prepare
from tests.factories import DEFAULT_PASSWORD
from tests.services.test_publication import decided_case

pytestmark = pytest.mark.browser


def test_prepare_approve_and_find_on_the_portal(page):
    officer, supervisor, case = decided_case(db.session)
    publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    page.goto("/login")
    page.get_by_label("用户名").fill(supervisor.username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"/cases/{case.id}/publication")
    expect(page.locator("#original mark").first).to_be_visible()
    expect(page.locator("#public-text")).not_to_contain_text("王小明")
    page.locator('form[data-action="submit"] button').click()
    page.locator('form[data-action="approve"] button').click()
    expect(page.locator("[data-publication-state]")).to_have_attribute("data-publication-state", "published")
    page.get_by_role("button", name="退出登录").click()

    page.goto("/")
    page.get_by_placeholder("检索复议决定，例如：拆除").fill("认定事实不清")
    page.get_by_role("button", name="搜索").click()
    page.get_by_role("link", name=f"{case.number} 行政复议决定书").click()
    expect(page.locator(".cm-public-decision")).to_contain_text("王某")
    expect(page.locator(".cm-public-decision")).not_to_contain_text("13800138000")
