"""Reading a historical case ledger (台账): one row per past case, checked field by field.

The layout (docs/statistics.md, "Importing the ledger"): a header row, then one case per row.

| column | required | values |
|---|---|---|
| number | yes | the case number as the ledger has it (unique) |
| received_on | yes | YYYY-MM-DD |
| accepted_on | for accepted cases | YYYY-MM-DD, on or after received_on |
| concluded_on | with an outcome | YYYY-MM-DD, on or after accepted_on |
| applicant_type | yes | person / organisation (自然人 / 法人或其他组织) |
| applicant_name | no | kept on the case; "（台账未载明）" when empty |
| respondent | yes | the respondent agency's name |
| area | yes | a management area code or its Chinese name (公安, 拆迁拆违, ...) |
| act_type | yes | an act type code or its Chinese name (行政处罚, ...) |
| procedure | no | ordinary / simplified (普通程序 / 简易程序); ordinary when empty |
| outcome | no | a decision type (uphold / 维持, ...), not_accepted (不予受理), referred (告知) |
| published | no | yes / no (是 / 否, 1 / 0) |
| typical_case | no | yes / no; only for a published decision |

An empty outcome means the case is still under review. Headers may be the codes above or their
Chinese names (案号, 收案日期, ...). Pure standard library: ``parse_rows`` returns the cleaned rows
and every problem with its line number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .catalogues import ACT_TYPES, MANAGEMENT_AREAS, PARTY_KINDS, PROCEDURES
from .workflow import DECISION_TYPES

HEADERS = {
    "number": "案号", "received_on": "收案日期", "accepted_on": "受理日期", "concluded_on": "审结日期",
    "applicant_type": "申请人类型", "applicant_name": "申请人", "respondent": "被申请人", "area": "管理领域",
    "act_type": "行为类别", "procedure": "审理程序", "outcome": "审结结果", "published": "是否公开",
    "typical_case": "是否典型案例",
}
REQUIRED = ("number", "received_on", "applicant_type", "respondent", "area", "act_type")
CLOSED_WITHOUT_REVIEW = {"not_accepted": "不予受理", "referred": "告知"}
YES = {"yes", "y", "1", "true", "是"}
NO = {"no", "n", "0", "false", "否", ""}
UNNAMED = "（台账未载明）"


@dataclass(frozen=True)
class LedgerRow:
    line: int
    number: str
    received_on: date
    accepted_on: date | None
    concluded_on: date | None
    applicant_kind: str
    applicant_name: str
    respondent: str
    area: str
    act_type: str
    procedure: str
    outcome: str | None  # a decision type, "not_accepted", "referred", or None (under review)
    published: bool
    typical_case: bool


@dataclass(frozen=True)
class Problem:
    line: int  # the line in the file (the header is line 1)
    column: str
    code: str  # for the message: missing, date, order, unknown, duplicate, future, needs
    value: str = ""


def _lookup(catalogue: Mapping[str, tuple[str, str]], value: str) -> str | None:
    """A code from its code, Chinese or English name."""
    text = value.strip()
    for code, (zh, en) in catalogue.items():
        if text in (code, zh) or text.lower() == en.lower():
            return code
    return None


OUTCOMES = {**{code: (d.zh, d.en) for code, d in DECISION_TYPES.items()},
            "not_accepted": ("不予受理", "Not accepted"), "referred": ("告知", "Referred")}


def header_map(header: Iterable[str]) -> dict[int, str]:
    """Column index -> field, for the headers this module knows (others are ignored)."""
    names = {**{k: k for k in HEADERS}, **{v: k for k, v in HEADERS.items()}}
    return {i: names[h.strip()] for i, h in enumerate(header) if h and h.strip() in names}


def _date(raw: str, line: int, column: str, problems: list[Problem]) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        problems.append(Problem(line, column, "date", raw))
        return None


def _flag(raw: str, line: int, column: str, problems: list[Problem]) -> bool:
    text = raw.strip().lower()
    if text in YES:
        return True
    if text not in NO:
        problems.append(Problem(line, column, "unknown", raw))
    return False


def parse_row(values: Mapping[str, str], line: int, today: date) -> tuple[LedgerRow | None, list[Problem]]:
    problems: list[Problem] = []
    get = {k: (values.get(k) or "").strip() for k in HEADERS}
    for column in REQUIRED:
        if not get[column]:
            problems.append(Problem(line, column, "missing"))
    received = _date(get["received_on"], line, "received_on", problems)
    accepted = _date(get["accepted_on"], line, "accepted_on", problems)
    concluded = _date(get["concluded_on"], line, "concluded_on", problems)
    for column, day in (("received_on", received), ("accepted_on", accepted), ("concluded_on", concluded)):
        if day and day > today:
            problems.append(Problem(line, column, "future", day.isoformat()))
    if received and accepted and accepted < received:
        problems.append(Problem(line, "accepted_on", "order", accepted.isoformat()))
    if accepted and concluded and concluded < accepted:
        problems.append(Problem(line, "concluded_on", "order", concluded.isoformat()))
    codes = {}
    for column, catalogue in (("applicant_type", PARTY_KINDS), ("area", MANAGEMENT_AREAS),
                              ("act_type", ACT_TYPES), ("procedure", PROCEDURES), ("outcome", OUTCOMES)):
        if get[column]:
            codes[column] = _lookup(catalogue, get[column])
            if codes[column] is None:
                problems.append(Problem(line, column, "unknown", get[column]))
    outcome = codes.get("outcome")
    if outcome in DECISION_TYPES and (accepted is None or concluded is None):
        problems.append(Problem(line, "concluded_on" if accepted else "accepted_on", "needs", outcome))
    if outcome is None and get["outcome"] == "" and concluded is not None:
        problems.append(Problem(line, "outcome", "needs", "concluded_on"))
    if outcome in CLOSED_WITHOUT_REVIEW and accepted is not None:
        problems.append(Problem(line, "accepted_on", "needs", outcome))
    published = _flag(get["published"], line, "published", problems)
    typical = _flag(get["typical_case"], line, "typical_case", problems)
    if published and outcome not in DECISION_TYPES:
        problems.append(Problem(line, "published", "needs", "outcome"))
    if typical and not published:
        problems.append(Problem(line, "typical_case", "needs", "published"))
    if problems:
        return None, problems
    return LedgerRow(line, get["number"], received, accepted, concluded, codes["applicant_type"],
                     get["applicant_name"] or UNNAMED, get["respondent"], codes["area"], codes["act_type"],
                     codes.get("procedure") or "ordinary", outcome, published, typical), []


def parse_rows(header: list[str], rows: Iterable[list[str]],
               today: date) -> tuple[list[LedgerRow], list[Problem]]:
    """Every row checked; the numbers must be unique within the file. Line numbers count the header."""
    columns = header_map(header)
    missing = [c for c in REQUIRED if c not in columns.values()]
    if missing:
        return [], [Problem(1, column, "missing_column") for column in missing]
    parsed, problems, seen = [], [], {}
    for line, values in enumerate(rows, start=2):
        if not any((v or "").strip() for v in values):
            continue  # blank lines at the end of a spreadsheet
        record = {field: values[i] if i < len(values) else "" for i, field in columns.items()}
        row, row_problems = parse_row(record, line, today)
        problems.extend(row_problems)
        number = (record.get("number") or "").strip()
        if number and number in seen:
            problems.append(Problem(line, "number", "duplicate", f"{number} ({seen[number]})"))
        seen.setdefault(number, line)
        if row is not None:
            parsed.append(row)
    return parsed, problems
