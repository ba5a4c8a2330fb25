"""An administrator adds an agency with a recused officer; a supervisor then cannot give that officer
the agency's case."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Agency
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

pytestmark = pytest.mark.browser


def _login(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_admin_links_an_officer_to_an_agency_and_the_officer_is_recused(page, browser, live_server):
    create_user(role="admin", username="boss")
    create_user(role="supervisor", username="chief")
    create_user(username="li", display_name="李四")
    zhao = create_user(username="zhao", display_name="赵六")
    _login(page, "boss")
    page.get_by_role("link", name="被申请人", exact=False).first.click()
    page.get_by_role("link", name="新增机关").click()
    page.get_by_label("姓名或名称").fill("北京市通州区交通局")
    page.get_by_label("管理领域").select_option(label="交通运输")
    page.locator("#recused-officer-1").fill("李四")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("已保存")
    page.get_by_role("link", name="北京市通州区交通局").click()
    expect(page.locator("#recused-officer-1")).to_have_value("李四 (li)")  # the link, as it was saved

    db.session.expire_all()
    agency = db.session.scalar(select(Agency).where(Agency.name == "北京市通州区交通局"))
    today = clock.today()
    case = create_case(actor=zhao, respondent_id=agency.id, received_on=today, act_known_on=today,
                       act_date=today)
    chief = browser.new_context(base_url=live_server, locale="zh-CN", timezone_id="Asia/Shanghai").new_page()
    _login(chief, "chief")
    chief.goto(f"/cases/{case.id}")
    chief.locator("#assign-officer-1").fill("李四")
    chief.locator("#assign-officer-2").fill("赵六")
    chief.get_by_role("button", name="指派").click()
    expect(chief.get_by_text("与被申请人有利害关系的承办人不得承办该案（回避）。")).to_be_visible()
    expect(chief.locator("#assign-officer-1")).to_have_value("李四 (li)")  # the officer found stays named
    chief.context.close()
