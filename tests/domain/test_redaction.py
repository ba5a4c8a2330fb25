"""Redaction before publication (SPC 2016 rules for publishing judgments; DOMAIN.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.identifiers import resident_id_check_char, uscc_check_char
from casemgr.domain.redaction import DEFAULT_POLICY, Person, Policy, Reason, Redaction, redact
from casemgr.domain.redaction_patterns import luhn_valid

fast = settings(max_examples=150, deadline=None)

RESPONDENT = "北京市通州区城市管理综合执法局"
RESPONDENT_ADDRESS = "北京市通州区新华北路55号"
ORGAN = "北京市通州区人民政府"
KEEP = (RESPONDENT, RESPONDENT_ADDRESS, ORGAN)

APPLICANT = Person(
    "王小明", "person", "11010519491231002X", "13800138000", "北京市通州区新华西街58号院3号楼2单元301室"
)
THIRD_PARTY = Person("王大伟", "person", address="北京市通州区玉桥街道运河西大街12号")
AGENT = Person("欧阳娜娜", "person", phone="010-81234567")
MINORITY = Person("阿依古丽·买买提", "person", minority_name=True)
COMPANY = Person("北京某某科技有限公司", "organisation", accounts=("6222020200112233445",))
PEOPLE = (APPLICANT, THIRD_PARTY, AGENT, MINORITY, COMPANY)

DECISION = (
    "申请人：王小明，女，1949年12月31日出生，公民身份号码11010519491231002X，"
    "住北京市通州区新华西街58号院3号楼2单元301室，联系电话13800138000。\n"
    "委托代理人：欧阳娜娜，联系电话010-81234567。\n"
    "被申请人：北京市通州区城市管理综合执法局，住所地北京市通州区新华北路55号。\n"
    "第三人：王大伟，男，住北京市通州区玉桥街道运河西大街12号。\n"
    "第三人：北京某某科技有限公司，账号6222020200112233445。\n"
    "第三人：阿依古丽·买买提，女，维吾尔族。\n"
    "申请人王小明不服被申请人于2026年8月3日作出的京通城管罚字〔2026〕第88号行政处罚决定，"
    "向本机关申请行政复议。小明称，其与王大伟系邻居；大伟称，涉案车辆京AD12345停放于此。"
    "阿依古丽称，……。\n"
    "北京市通州区人民政府\n通政复字〔2026〕第12号\n2026年11月27日"
)

EXPECTED = (
    "申请人：王某甲，女，1949年12月31日出生，公民身份号码××××××××××××××××××，"
    "住北京市通州区××，联系电话×××××××××××。\n"
    "委托代理人：欧阳某，联系电话××××××××××××。\n"
    "被申请人：北京市通州区城市管理综合执法局，住所地北京市通州区新华北路55号。\n"
    "第三人：王某乙，男，住北京市通州区××。\n"
    "第三人：{company}，账号×××××××××××××××××××。\n"
    "第三人：阿某，女，维吾尔族。\n"
    "申请人王某甲不服被申请人于2026年8月3日作出的京通城管罚字〔2026〕第88号行政处罚决定，"
    "向本机关申请行政复议。王某甲称，其与王某乙系邻居；王某乙称，涉案车辆××××××××停放于此。"
    "阿某称，……。\n"
    "北京市通州区人民政府\n通政复字〔2026〕第12号\n2026年11月27日"
)


def valid_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def luhn_complete(digits: str) -> str:
    """``digits`` plus the Luhn check digit."""
    return next(digits + d for d in "0123456789" if luhn_valid(digits + d))


CARD = luhn_complete("622202020011223344")  # 19 digits
USCC = "91110112MA01ABCD1" + uscc_check_char("91110112MA01ABCD1")
ID = valid_id("11010119800101123")


def assert_well_formed(text: str, result: Redaction) -> None:
    previous_end = 0
    rebuilt = []
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.original == text[span.start : span.end]
        rebuilt += [text[previous_end : span.start], span.replacement]
        previous_end = span.end
    rebuilt.append(text[previous_end:])
    assert "".join(rebuilt) == result.text


def only(text: str, people=(), policy: Policy = DEFAULT_POLICY) -> list[tuple[str, Reason]]:
    return [(s.original, s.reason) for s in redact(text, people, policy).spans]


# -- the realistic decision --------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "company"), [(False, "北京某某科技有限公司"), (True, "某有限公司")])
def test_a_whole_decision(mask, company):
    policy = Policy(mask_companies=mask, keep_names=KEEP)
    result = redact(DECISION, PEOPLE, policy)
    assert result.text == EXPECTED.format(company=company)
    assert_well_formed(DECISION, result)
    assert redact(result.text, PEOPLE, policy).spans == ()


def test_nothing_of_the_parties_survives():
    text = redact(DECISION, PEOPLE, Policy(mask_companies=True, keep_names=KEEP)).text
    for person in PEOPLE:
        for value in (person.name, person.id_number, person.phone, person.address, *person.accounts):
            assert not value or value not in text


def test_kept_names_are_never_touched():
    result = redact(DECISION, PEOPLE, Policy(keep_names=KEEP))
    for name in KEEP:
        at = DECISION.index(name)
        assert all(s.end <= at or s.start >= at + len(name) for s in result.spans)
    # without the address in keep_names the respondent's address is an address like any other
    assert "住所地北京市通州区××" in redact(DECISION, PEOPLE, Policy(keep_names=(RESPONDENT, ORGAN))).text


def test_a_person_named_inside_a_kept_name_is_kept_there_only():
    text = "北京王小明律师事务所代理人王小明"
    policy = Policy(keep_names=("北京王小明律师事务所",))
    assert redact(text, [APPLICANT], policy).text == "北京王小明律师事务所代理人王某"


# -- names --------------------------------------------------------------------------------------------


def test_one_person_per_surname_has_no_stem():
    assert redact("王小明与欧阳娜娜", [APPLICANT, AGENT]).text == "王某与欧阳某"


def test_shared_surnames_are_numbered_in_the_order_of_the_parties():
    people = [Person(name, "person") for name in ("王大伟", "李四", "王小明", "王五")]
    assert redact("王小明、王五、李四、王大伟", people).text == "王某乙、王某丙、李某、王某甲"


def test_compound_surnames_keep_both_characters():
    people = [Person(n, "person") for n in ("司马光", "诸葛亮", "上官婉儿", "欧阳")]
    # a two-character name is surname + given name even when it looks like a compound surname
    assert redact("司马光、诸葛亮、上官婉儿、欧阳", people).text == "司马某、诸葛某、上官某、欧某"


def test_minority_names_keep_the_first_character_whatever_the_dot():
    text = "阿依古丽·买买提，阿依古丽•买买提，阿依古丽称"
    assert redact(text, [MINORITY]).text == "阿某，阿某，阿某称"


def test_the_given_name_alone_only_when_it_has_two_characters():
    people = [Person("王小明", "person"), Person("李明", "person")]
    assert redact("小明说明了情况，李明说明白了", people).text == "王某说明了情况，李某说明白了"


def test_organisations_keep_their_name_unless_masked():
    people = [
        Person("北京甲乙科技有限公司", "organisation"),
        Person("北京丙丁科技有限公司", "organisation"),
        Person("通州区某某商店", "organisation"),
        Person("某某村村民委员会", "organisation", id_number=USCC),
    ]
    text = f"北京甲乙科技有限公司、北京丙丁科技有限公司、通州区某某商店、某某村村民委员会（{USCC}）"
    assert redact(text, people).text == text.replace(USCC, "×" * 18)
    assert redact(text, people, Policy(mask_companies=True)).text == (
        "某甲有限公司、某乙有限公司、某店、某单位（" + "×" * 18 + "）"
    )


def test_invalid_parties_are_refused():
    with pytest.raises(ValueError):
        Person("王小明", "human")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Person(" ", "person")


# -- detectors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证{ID}号", [(ID, Reason.ID_NUMBER)]),
        ("身份证11010519491231002x", [("11010519491231002x", Reason.ID_NUMBER)]),
        ("旧证110105491231002", [("110105491231002", Reason.OLD_ID_NUMBER)]),
        (
            "手机13800138000，+86 139-1234-5678",
            [("13800138000", Reason.PHONE), ("+86 139-1234-5678", Reason.PHONE)],
        ),
        ("电话010-81234567转123，（0316）3123456", [("010-81234567转123", Reason.LANDLINE),
                                                ("（0316）3123456", Reason.LANDLINE)]),
        (f"卡号{CARD}", [(CARD, Reason.BANK_CARD)]),
        ("卡号4111 1111 1111 1111", [("4111 1111 1111 1111", Reason.BANK_CARD)]),
        (
            "车辆京A12345、沪B·D12345、粤B12345D",
            [("京A12345", Reason.LICENCE_PLATE), ("沪B·D12345", Reason.LICENCE_PLATE),
             ("粤B12345D", Reason.LICENCE_PLATE)],
        ),
        (
            "证号京(2020)通州区不动产权第0001234号",
            [("京(2020)通州区不动产权第0001234号", Reason.PROPERTY_CERTIFICATE)],
        ),
        ("证号X京房权证通字第123456号", [("X京房权证通字第123456号", Reason.PROPERTY_CERTIFICATE)]),
        ("邮箱wang.xm+case@mail.example.cn。", [("wang.xm+case@mail.example.cn", Reason.EMAIL)]),
        ("住河北省三河市燕郊镇迎宾路5号1单元", [("迎宾路5号1单元", Reason.ADDRESS)]),
        (
            "住朝阳区望京街道阜通东大街6号院2号楼1203室",
            [("望京街道阜通东大街6号院2号楼1203室", Reason.ADDRESS)],
        ),
    ],
)
def test_detected_in_free_text(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "身份证11010519491231002Y",  # not a check character
        "身份证110105194912310021",  # wrong check digit
        "身份证110105194913310029",  # month 13
        "号码1101051949123100271",  # 19 digits, not Luhn, not an ID
        "编号123456789012345678",  # 18 digits, neither an ID nor a Luhn card number
        "旧证110105491331002",  # month 13
        "手机23800138000，1380013800，138001380001",
        "卡号4111111111111112",  # Luhn fails
        "通政复字〔2026〕第12号",
        "京通城管罚字〔2026〕第88号",
        "（2026）京0112行初1234号",
        "2026年11月27日，2026-11-27，20261127",
        "京ABCDE，A12345，京a12345",
        "地址见北京市通州区，新华西街",
        "本区第12号文件，街道办事处",
        "金额12345678元，合同号HT-2026-0001",
    ],
)
def test_not_detected(text):
    assert only(text) == []


def test_credit_codes_only_go_with_company_names():
    text = f"统一社会信用代码{USCC}"
    assert only(text) == []
    assert only(text, policy=Policy(mask_companies=True)) == [(USCC, Reason.ID_NUMBER)]
    wrong = USCC[:-1] + ("0" if USCC[-1] != "0" else "1")
    assert only(f"统一社会信用代码{wrong}", policy=Policy(mask_companies=True)) == []


def test_a_phone_inside_an_email_goes_with_the_email():
    assert only("13800138000@163.com") == [("13800138000@163.com", Reason.EMAIL)]


def test_an_id_that_is_also_a_luhn_number_is_an_id():
    ids = (valid_id(f"110101198001011{i:02d}") for i in range(100))
    number = next(n for n in ids if n.isdigit() and luhn_valid(n))
    assert only(number) == [(number, Reason.ID_NUMBER)]


def test_party_numbers_are_found_as_written_and_compact():
    person = Person("张三", "person", accounts=("6222 0000 1234",), phone="138-0013-8000")
    text = "账户6222 0000 1234，即622200001234；电话138-0013-8000"
    assert redact(text, [person]).text == "账户" + "×" * 14 + "，即" + "×" * 12 + "；电话" + "×" * 13


# -- officers' ranges ------------------------------------------------------------------------------------


def test_extra_spans_are_custom_and_swallow_what_they_touch():
    text = f"张三患有高血压，身份证{ID}"
    start = text.index(ID) + 5
    result = redact(text, [], extra_spans=[(4, 7), (start, start + 3)])
    assert result.text == "张三患有×××，身份证×××"
    assert [s.reason for s in result.spans] == [Reason.CUSTOM, Reason.CUSTOM]
    assert_well_formed(text, result)


def test_overlapping_extra_spans_merge():
    result = redact("0123456789", [], extra_spans=[(1, 4), (3, 6), (8, 9)])
    assert [(s.start, s.end) for s in result.spans] == [(1, 6), (8, 9)]


def test_keep_spans_drop_every_detection_they_touch():
    text = "王小明住北京市通州区新华西街58号院，电话13800138000"
    at = text.index("13800138000")
    # (1, 2) touches the full name and the given name alone
    result = redact(text, [APPLICANT], keep_spans=[(1, 2), (at + 3, at + 4)])
    assert result.text == "王小明住北京市通州区××，电话13800138000"


@pytest.mark.parametrize("bad", [(-1, 2), (3, 3), (5, 2), (0, 99)])
def test_ranges_outside_the_text_are_refused(bad):
    with pytest.raises(ValueError):
        redact("0123456789", [], extra_spans=[bad])
    with pytest.raises(ValueError):
        redact("0123456789", [], keep_spans=[bad])


# -- properties ----------------------------------------------------------------------------------------

# Filler without digits (a digit next to a number makes it a longer number, which is not detected).
FILLER = st.text(alphabet="王小明李的了是，。；： \nabcXY区路号室×某京A-@.", max_size=30)


@st.composite
def resident_ids(draw):
    born = draw(st.dates())
    region = draw(st.sampled_from(["110105", "310101", "440305", "650102"]))
    if born.year < 1800:
        born = born.replace(year=1800 + born.year % 200)
    return valid_id(f"{region}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}")


phones = st.builds(
    lambda second, rest: f"1{second}{rest:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1)
)
cards = st.integers(15, 18).flatmap(
    lambda n: st.integers(10 ** (n - 1), 10**n - 1).map(lambda body: luhn_complete(str(body)))
)


@fast
@given(FILLER, st.one_of(resident_ids(), phones, cards), FILLER)
def test_embedded_numbers_never_survive(before, secret, after):
    text = before + secret + after
    result = redact(text, [])
    assert secret not in result.text
    assert_well_formed(text, result)


FRAGMENTS = st.sampled_from(
    [
        "王小明", "小明", "王大伟", "欧阳娜娜", "阿依古丽·买买提", "北京某某科技有限公司", RESPONDENT, ORGAN,
        "11010519491231002X", "13800138000", "010-81234567", CARD, "京A12345", "a@b.cn",
        "北京市通州区新华西街58号院3号楼2单元301室", "通州区新华路1号", "X京房权证通字第1号",
        "通政复字〔2026〕第12号",
        "2026年11月27日", "，", "称", "王", "区", "路", "12", "号", "×", "某",
    ]
)


@fast
@given(st.lists(st.one_of(FRAGMENTS, FILLER), max_size=12).map("".join), st.booleans())
def test_idempotent_and_well_formed(text, mask):
    policy = Policy(mask_companies=mask, keep_names=(RESPONDENT, ORGAN))
    first = redact(text, PEOPLE, policy)
    assert_well_formed(text, first)
    assert redact(first.text, PEOPLE, policy).spans == ()
    for person in PEOPLE:
        for value in (person.name, person.id_number, person.phone, person.address, *person.accounts):
            if value and (mask or person.kind == "person" or value != person.name):
                assert value not in first.text


@fast
@given(
    st.lists(st.one_of(FRAGMENTS, FILLER), max_size=8).map("".join).filter(bool),
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), max_size=3),
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), max_size=3),
)
def test_officer_ranges_keep_the_spans_well_formed(text, extra, keep):
    def ranges(pairs):
        cut = sorted({(int(a * len(text)), int(b * len(text))) for a, b in pairs})
        return [(min(a, b), max(a, b)) for a, b in cut if a != b]

    result = redact(text, PEOPLE, extra_spans=ranges(extra), keep_spans=ranges(keep))
    assert_well_formed(text, result)
    for start, end in ranges(extra):
        assert any(s.start <= start and end <= s.end and s.reason is Reason.CUSTOM for s in result.spans)


def test_overlapping_detections_merge_under_the_longest():
    # the certificate (X京房权证…) is longer than the e-mail whose domain swallowed the X
    result = redact("a@b.cnX京房权证通字第1号", [])
    assert [(s.original, s.reason, s.replacement) for s in result.spans] == [
        ("a@b.cnX京房权证通字第1号", Reason.PROPERTY_CERTIFICATE, "××")
    ]


def test_a_party_number_inside_a_longer_run_takes_the_run():
    assert redact("编号9913800138000", [APPLICANT]).text == "编号" + "×" * 13
