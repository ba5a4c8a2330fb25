"""Browser tests: Debian's Chromium driven by Playwright against the real server (gunicorn)."""

from __future__ import annotations

import shutil

import pytest

from tests.processes import start_web

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def live_server(app, app_environ, tmp_path_factory):
    web, url = start_web(app_environ, tmp_path_factory.mktemp("web"))
    yield url
    web.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, committed_db):
    context = browser.new_context(base_url=live_server, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()

