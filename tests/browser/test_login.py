"""A case officer logs in, sees the dashboard in Chinese, switches to English and logs out."""

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, create_user

pytestmark = [pytest.mark.browser, pytest.mark.smoke]


def test_officer_logs_in_switches_language_and_logs_out(page):
    create_user(role="officer", username="zhang", display_name="张承办")

    page.goto("/dashboard")
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_label("用户名").fill("zhang")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("欢迎，张承办。")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("link", name="用户")).to_have_count(0)  # officers have no admin menu

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Welcome, 张承办.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Staff login")).to_be_visible()
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    page.goto("/dashboard")
    assert "/login" in page.url


def test_wrong_password_shows_a_chinese_message(page):
    create_user(role="officer", username="li")
    page.goto("/login")
    page.get_by_label("用户名").fill("li")
    page.get_by_label("密码").fill("not-the-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码错误")
    assert page.url.endswith("/login")
