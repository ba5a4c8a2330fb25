"""The .docx documents of a reconsideration case: sections, order, values, escaping; no database."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from casemgr.documents import reconsideration as rec
from casemgr.documents.docx_builder import cn_date
from casemgr.documents.model import DECISION_TYPES, DecisionText, DocCase, PartyLine

NASTY = "<script>alert(\"x\")</script> & 'q' ]]>"

APPLICANT = PartyLine(
    role="applicant",
    kind="person",
    name="张三",
    sex="male",
    birth_date=date(1980, 1, 2),
    id_number="11011219800102123X",
    address="北京市通州区梨园镇某村1号",
    phone="13800000000",
)
COMPANY = PartyLine(
    role="applicant",
    kind="organisation",
    name="北京某某建材有限公司",
    address="北京市通州区某路2号",
    legal_representative="王五",
)
AGENT = PartyLine(role="agent", kind="person", name="李四", address="北京市朝阳区某路5号")
THIRD = PartyLine(role="third_party", kind="person", name="赵六", sex="female")

CASE = DocCase(
    organ_name="北京市通州区人民政府",
    number="通政复字〔2026〕第12号",
    parties=(APPLICANT, AGENT, THIRD),
    respondent_name="北京市通州区城市管理综合执法局",
    respondent_address="北京市通州区某街3号",
    respondent_legal_rep="钱七",
    act_description="作出的通城管拆字〔2026〕第5号限期拆除决定",
    received_on=date(2026, 3, 2),
    accepted_on=date(2026, 3, 6),
    requests="撤销被申请人作出的通城管拆字〔2026〕第5号限期拆除决定。",
)

DECISION = DecisionText(
    decision_type="uphold",
    applicant_claims="涉案房屋系合法建设。",
    respondent_claims="涉案建筑未取得建设工程规划许可证。",
    findings="2026年1月5日，被申请人进行现场检查。\n2026年1月20日，被申请人作出限期拆除决定。",
    reasoning="被申请人作出的决定认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
    legal_basis="第六十八条",
    operative_text="维持被申请人作出的通城管拆字〔2026〕第5号限期拆除决定。",
    decision_date=date(2026, 11, 27),
)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def assert_in_order(texts: list[str], *needles: str) -> None:
    """The needles occur in the paragraphs in the given order (within a paragraph or across them)."""
    whole, position = "\n".join(texts), 0
    for needle in needles:
        found = whole.find(needle, position)
        assert found >= 0, f"{needle!r} missing after {whole[:position]!r}"
        position = found + len(needle)


ALL_DOCUMENTS = {
    "decision": lambda case: rec.decision_document(case, DECISION),
    "acceptance": lambda case: rec.acceptance_notice(case, date(2026, 3, 6)),
    "supplement": lambda case: rec.supplement_notice(
        case, date(2026, 3, 5), "1. 身份证明复印件\n2. 限期拆除决定书"
    ),
    "non_acceptance": lambda case: rec.non_acceptance_decision(case, date(2026, 3, 6), "申请超过法定期限"),
    "extension": lambda case: rec.extension_notice(case, date(2026, 4, 30), date(2026, 6, 4), "案情复杂"),
    "suspension": lambda case: rec.suspension_notice(
        case, date(2026, 4, 1), "案件涉及法律适用问题需要有权机关作出解释"
    ),
}


@pytest.mark.parametrize("name", ALL_DOCUMENTS)
def test_every_document_is_a_docx_with_number_and_chinese_dates(name):
    data = ALL_DOCUMENTS[name](CASE)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert "word/document.xml" in zf.namelist()
    texts = paragraphs(data)
    assert texts[0] == "北京市通州区人民政府"
    assert CASE.number in texts
    assert any("2026年3月2日" in t for t in texts)  # received, no leading zeros
    assert "2026年03月" not in "".join(texts)
    assert texts[-2] == "北京市通州区人民政府"  # signature block: organ, then date
    assert texts[-1].startswith("2026年") and texts[-1].endswith("日")


def test_decision_sections_in_order():
    texts = paragraphs(rec.decision_document(CASE, DECISION))
    assert texts[:3] == ["北京市通州区人民政府", "行政复议决定书", "通政复字〔2026〕第12号"]
    assert_in_order(
        texts,
        "申请人：张三",
        "委托代理人：李四",
        "被申请人：北京市通州区城市管理综合执法局",
        "法定代表人：钱七",
        "第三人：赵六",
        "申请人不服被申请人作出的通城管拆字〔2026〕第5号限期拆除决定，于2026年3月2日向本机关申请行政复议，"
        "本机关依法予以受理，现已审理终结。",
        "申请人请求：撤销",
        "申请人称：",
        "被申请人称：",
        "本机关查明：2026年1月5日",
        "2026年1月20日",
        "本机关认为：",
        "根据《中华人民共和国行政复议法》第六十八条之规定，本机关决定如下：",
        "维持被申请人作出的",
        rec.RIGHT_TO_SUE,
        "北京市通州区人民政府",
        "2026年11月27日",
    )


def test_person_applicant_line_shows_what_is_known():
    texts = paragraphs(rec.decision_document(CASE, DECISION))
    line = next(t for t in texts if t.startswith("申请人：张三"))
    assert line == (
        "申请人：张三，男，1980年1月2日出生，住北京市通州区梨园镇某村1号，"
        "公民身份号码11011219800102123X，联系电话13800000000。"
    )
    assert "第三人：赵六，女。" in texts  # nothing else known: nothing else shown


def test_organisation_applicant_has_address_and_legal_representative():
    case = replace(CASE, parties=(COMPANY,))
    texts = paragraphs(rec.decision_document(case, DECISION))
    assert_in_order(
        texts, "申请人：北京某某建材有限公司，住所地北京市通州区某路2号。", "法定代表人：王五。", "被申请人："
    )


@pytest.mark.parametrize("decision_type", DECISION_TYPES)
def test_every_decision_type_produces_a_document(decision_type):
    texts = paragraphs(rec.decision_document(CASE, replace(DECISION, decision_type=decision_type)))
    assert CASE.number in texts
    if decision_type == "mediation":
        assert texts[1] == "行政复议调解书"
        assert rec.MEDIATION_EFFECT in texts
        assert not any("提起行政诉讼" in t for t in texts)
    else:
        assert texts[1] == "行政复议决定书"
        assert rec.RIGHT_TO_SUE in texts
        assert rec.MEDIATION_EFFECT not in texts


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        replace(DECISION, decision_type="approve")
    with pytest.raises(ValueError):
        replace(APPLICANT, role="witness")


def test_user_text_comes_out_literally():
    case = replace(CASE, requests=NASTY, parties=(replace(APPLICANT, name=NASTY, address="a\x00b\x0bc"),))
    decision = replace(DECISION, findings=NASTY, operative_text=NASTY)
    for data in (
        rec.decision_document(case, decision),
        rec.acceptance_notice(case, date(2026, 3, 6)),
        rec.supplement_notice(case, date(2026, 3, 5), NASTY),
        rec.non_acceptance_decision(case, date(2026, 3, 6), NASTY),
        rec.suspension_notice(case, date(2026, 4, 1), NASTY),
    ):
        assert NASTY in "\n".join(paragraphs(data))
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode()
        assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "住abc" in "".join(paragraphs(rec.decision_document(case, decision)))  # control chars dropped


def test_acceptance_notice():
    texts = paragraphs(rec.acceptance_notice(CASE, date(2026, 3, 6)))
    assert_in_order(
        texts,
        "行政复议受理通知书",
        CASE.number,
        "张三：",
        "你于2026年3月2日提出的",
        "第三十条",
        "本机关决定自2026年3月6日起予以受理",
        "特此通知。",
        "2026年3月6日",
    )


def test_supplement_notice_lists_items_and_consequence():
    texts = paragraphs(
        rec.supplement_notice(CASE, date(2026, 3, 5), "1. 身份证明复印件\n\n2. 限期拆除决定书")
    )
    assert_in_order(
        texts,
        "补正行政复议申请通知书",
        "张三：",
        "第三十一条",
        "十个工作日内补正",
        "1. 身份证明复印件",
        "2. 限期拆除决定书",
        "视为你放弃行政复议申请",
        "特此通知。",
        "2026年3月5日",
    )
    with pytest.raises(ValueError):
        rec.supplement_notice(CASE, date(2026, 3, 5), "  \n ")


def test_supplement_notice_addresses_organisations_and_groups():
    one_company = replace(CASE, parties=(COMPANY,))
    assert any(
        "请你单位自收到" in t for t in paragraphs(rec.supplement_notice(one_company, date(2026, 3, 5), "x"))
    )
    two = replace(CASE, parties=(APPLICANT, COMPANY))
    texts = paragraphs(rec.supplement_notice(two, date(2026, 3, 5), "x"))
    assert "张三、北京某某建材有限公司：" in texts
    assert any("请你们自收到" in t for t in texts)


def test_non_acceptance_decision():
    texts = paragraphs(rec.non_acceptance_decision(CASE, date(2026, 3, 6), "申请超过法定期限。"))
    assert_in_order(
        texts,
        "行政复议不予受理决定书",
        CASE.number,
        "申请人：张三",
        "被申请人：",
        "于2026年3月2日向本机关申请行政复议。",
        "经审查，申请超过法定期限。根据",
        "不予受理",
        rec.RIGHT_TO_SUE,
        "2026年3月6日",
    )


def test_extension_notice():
    texts = paragraphs(rec.extension_notice(CASE, date(2026, 4, 30), date(2026, 6, 4), "案情复杂。"))
    assert_in_order(
        texts,
        "行政复议延期审理通知书",
        "张三、北京市通州区城市管理综合执法局、赵六：",
        "本机关于2026年3月6日依法予以受理",
        "因案情复杂，",
        "第六十二条",
        "延长至2026年6月4日",
        "特此通知。",
        "2026年4月30日",
    )
    with pytest.raises(ValueError):
        rec.extension_notice(CASE, date(2026, 4, 30), date(2026, 4, 30), "x")


def test_suspension_notice():
    texts = paragraphs(rec.suspension_notice(CASE, date(2026, 4, 1), "需要等待其他案件审理结果"))
    assert_in_order(
        texts,
        "行政复议中止审理通知书",
        "第三十九条",
        "自2026年4月1日起中止本案的审理",
        "恢复审理",
        "2026年4月1日",
    )


def test_notices_after_acceptance_need_an_accepted_case():
    pending = replace(CASE, accepted_on=None)
    with pytest.raises(ValueError):
        rec.suspension_notice(pending, date(2026, 4, 1), "x")
    with pytest.raises(ValueError):
        rec.extension_notice(pending, date(2026, 4, 1), date(2026, 5, 1), "x")


def test_layout_page_fonts_and_indent():
    document = docx.Document(io.BytesIO(rec.decision_document(CASE, DECISION)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title_run = document.paragraphs[1].runs[0]
    fonts = title_run._r.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体" == fonts.get(qn("w:ascii"))
    assert title_run.font.size.pt == 22
    body = next(p for p in document.paragraphs if p.text.startswith("本机关认为"))
    assert body.paragraph_format.first_line_indent.pt == 32
    assert document.styles["Normal"].paragraph_format.line_spacing.pt == 28
    run_fonts = body.runs[0]._r.rPr.rFonts
    assert run_fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert cn_date(date(2026, 11, 27)) == "2026年11月27日"


def test_the_case_page_lists_the_same_documents_from_the_events_it_has_read(database):
    """The case page passes its events and decision to documents_available (no query of its own);
    the answer is the one the database gives."""
    from casemgr.queries.cases import case_get, case_page
    from casemgr.queries.documents import documents_available
    from casemgr.services import acceptance
    from casemgr.services.decisions import decision_get
    from tests.factories import create_case, create_user

    officer = create_user(role="officer")
    case = create_case(actor=officer)
    acceptance.case_request_supplement(actor=officer, case_id=case.id, version=case.version,
                                       on=case.received_on, items="身份证明")
    page = case_page(case.id)
    events = [event for event, _name in page.events]
    from_page = documents_available(page.case, events, page.decision)
    assert page.decision is None and page.decision == decision_get(case.id)
    case = case_get(case.id)
    assert from_page == documents_available(case) and "supplement_notice" in from_page
