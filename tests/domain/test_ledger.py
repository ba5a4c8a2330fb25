"""Reading a ledger row by row: every problem with its line, values by code or Chinese name."""

from datetime import date

from casemgr.domain.ledger import HEADERS, parse_rows

TODAY = date(2026, 11, 27)
HEADER = list(HEADERS.values())  # the Chinese headers


def row(**changes):
    values = {
        "number": "通政复字〔2019〕第1号",
        "received_on": "2019-03-04",
        "accepted_on": "2019-03-08",
        "concluded_on": "2019-04-30",
        "applicant_type": "自然人",
        "applicant_name": "王某",
        "respondent": "北京市通州区城市管理综合执法局",
        "area": "拆迁拆违",
        "act_type": "行政强制",
        "procedure": "普通程序",
        "outcome": "撤销",
        "published": "是",
        "typical_case": "否",
        **changes,
    }
    return [values[k] for k in HEADERS]


def test_a_good_row_by_chinese_names_and_by_codes():
    rows, problems = parse_rows(
        HEADER,
        [
            row(),
            row(
                number="X-2",
                area="demolition",
                act_type="coercion",
                outcome="revoke",
                applicant_type="organisation",
                published="1",
                procedure="",
            ),
        ],
        TODAY,
    )
    assert problems == []
    first, second = rows
    assert (first.area, first.act_type, first.outcome, first.published, first.typical_case) == (
        "demolition",
        "coercion",
        "revoke",
        True,
        False,
    )
    assert (second.applicant_kind, second.procedure, second.line) == ("organisation", "ordinary", 3)


def test_every_problem_has_its_line_and_column():
    rows, problems = parse_rows(
        HEADER,
        [
            row(),
            row(number="A", received_on="2019-13-01"),
            row(number="B", accepted_on="2019-03-01"),
            row(number="C", outcome="大概撤销"),
            row(number="D", concluded_on="", outcome="维持"),
            row(number="E", received_on="2027-01-01", accepted_on="", concluded_on="", outcome=""),
            row(number="F", outcome="不予受理"),
            row(number="G", published="否", typical_case="是"),
            row(number="", respondent=""),
            row(),  # the first row's number again
        ],
        TODAY,
    )
    found = {(p.line, p.column, p.code) for p in problems}
    assert (3, "received_on", "date") in found
    assert (4, "accepted_on", "order") in found
    assert (5, "outcome", "unknown") in found
    assert (6, "concluded_on", "needs") in found
    assert (7, "received_on", "future") in found
    assert (8, "accepted_on", "needs") in found
    assert (9, "typical_case", "needs") in found
    assert {(10, "number", "missing"), (10, "respondent", "missing")} <= found
    assert (11, "number", "duplicate") in found
    assert [r.number for r in rows] == ["通政复字〔2019〕第1号", "通政复字〔2019〕第1号"]


def test_a_missing_column_is_reported_once():
    rows, problems = parse_rows(["案号", "收案日期"], [["1", "2019-01-01"]], TODAY)
    assert rows == [] and {p.column for p in problems} == {"applicant_type", "respondent", "area", "act_type"}
    assert all(p.line == 1 for p in problems)


def test_blank_lines_are_skipped_and_open_cases_have_no_outcome():
    rows, problems = parse_rows(HEADER, [row(concluded_on="", outcome="", published=""), ["", ""]], TODAY)
    assert problems == [] and rows[0].outcome is None and rows[0].concluded_on is None
