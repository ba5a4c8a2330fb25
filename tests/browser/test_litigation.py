"""The litigation officer records a lawsuit from a decided case, files the defence, records the
judgment, and finds the appeal period on the deadline board."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import CaseAssignment
from tests.browser.steps import open_step
from tests.factories import DEFAULT_PASSWORD, create_decided_case, create_user

pytestmark = pytest.mark.browser


def test_record_a_lawsuit_from_a_decided_case(page):
    officer = create_user(username="susong")
    case = create_decided_case(decision_type="uphold", actor=officer)
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=officer.id))
    db.session.commit()
    served = clock.today() - timedelta(days=10)
    page.goto("/login")
    page.get_by_label("用户名").fill(officer.username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.goto(f"/cases/{case.id}")
    page.get_by_role("link", name="登记行政诉讼").click()
    expect(page.locator("#defendant-rule")).to_contain_text("共同被告")
    expect(page.get_by_label("原告（每行一个）")).to_have_value("王小明")
    expect(page.locator('[name="defendants-1-name"]')).to_have_value("北京市通州区人民政府")
    page.get_by_label("法院").fill("北京市通州区人民法院")
    page.get_by_label("案号").fill("（2026）京0112行初88号")
    page.get_by_label("起诉状副本送达日期").fill(served.isoformat())
    page.get_by_role("button", name="登记").click()

    expect(page.locator("h1")).to_have_text("（2026）京0112行初88号")
    due = served + timedelta(days=15)
    expect(page.locator('tr[data-rule="litigation_defence"] .cm-due')).to_contain_text(due.isoformat()[:7])
    form = open_step(page, "defence")
    form.get_by_label("提交日期（以邮寄日期为准）").fill(clock.today().isoformat())
    form.get_by_role("button", name="登记").click()
    expect(page.locator("#defence-filed")).to_have_text(clock.today().isoformat())

    form = open_step(page, "judgment")
    form.get_by_label("判决或裁定日期").fill(clock.today().isoformat())
    form.get_by_label(f"{case.respondent.name}的裁判结果").select_option("upheld")
    form.get_by_label("北京市通州区人民政府的裁判结果").select_option("upheld")
    form.get_by_role("button", name="登记裁判").click()
    expect(page.locator(".cm-state")).to_have_text("已审结")
    expect(page.locator('tr[data-rule="appeal_judgment"]')).to_be_visible()

    page.get_by_role("link", name="期限看板").click()
    expect(page.locator('tr[data-rule="appeal_judgment"]')).to_contain_text("（2026）京0112行初88号")
