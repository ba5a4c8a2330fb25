"""Officer and supervisor carry an accepted case through the reply, the decision and the archive."""

import pytest
from docx import Document
from playwright.sync_api import expect

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import CaseAssignment
from tests.browser.steps import open_step
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="退出登录").click()


def test_reply_decision_approval_document_and_archive(page):
    officer = create_user(role="officer", username="zhang", display_name="张承办")
    create_user(role="supervisor", username="boss", display_name="王负责")
    case = create_case(actor=officer, state="accepted")
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=officer.id))
    db.session.commit()
    case_url = f"/cases/{case.id}"

    log_in(page, "zhang")
    page.goto(case_url)
    open_step(page, "record_copy_sent").locator("button").click()
    expect(page.locator('li[data-kind="copy_sent"]')).to_be_visible()
    open_step(page, "record_reply").locator("button").click()
    expect(page.locator('li[data-kind="reply_received"]')).to_be_visible()

    draft = page.locator("#decision-draft")
    draft.get_by_label("决定类型").select_option("uphold")
    draft.get_by_label("本机关查明").fill("被申请人认定事实清楚。")
    draft.get_by_label("本机关认为").fill("被申请人作出的行政行为合法。")
    draft.get_by_label("法律依据（条款）").fill("第六十八条")
    draft.get_by_label("决定内容").fill("维持被申请人作出的行政行为。")
    draft.get_by_role("button", name="保存草稿").click()
    expect(page.locator('li[data-kind="decision_drafted"]')).to_be_visible()
    open_step(page, "submit_decision").locator("button").click()
    expect(page.locator(".cm-state")).to_have_text("决定待审批")
    log_out(page)

    log_in(page, "boss")
    page.goto(case_url)
    open_step(page, "approve_decision").locator("button").click()
    expect(page.locator(".cm-state")).to_have_text("决定已批准")
    log_out(page)

    log_in(page, "zhang")
    page.goto(case_url)
    open_step(page, "issue_decision").locator("button").click()
    expect(page.locator(".cm-state")).to_have_text("已作出决定")
    with page.expect_download() as download:
        page.locator('a[data-document="decision"]').click()
    text = "\n".join(p.text for p in Document(str(download.value.path())).paragraphs)
    for marker in (case.number, "申请人请求", "本机关查明", "本机关认为", "本机关决定如下", "维持被申请人"):
        assert marker in text
    page.locator("#service button").click()
    expect(page.locator('li[data-kind="served"]')).to_be_visible()
    open_step(page, "archive").locator("button").click()
    expect(page.locator(".cm-state")).to_have_text("已归档")
