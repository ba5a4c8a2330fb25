"""What personal data looks like in free text, for ``redaction`` (SPC 2016 publication rules, art. 10-11).

Every detector is a regular expression plus, where a pattern alone is too loose, a validator: the
GB 11643-1999 check character for resident IDs (``identifiers.resident_id_problem``), GB 32100-2015
for credit codes (``identifiers.uscc_problem``), Luhn for bank cards, a real birth date for
15-digit IDs. Digit runs are matched whole (``(?<![0-9])``/``(?![0-9])``), so a number inside a
longer number, a case number (〔2026〕第12号) or a date (2026年11月27日) is never cut out. Only
digits bound a match: a mask (×) replaces letters too, so a letter boundary could vanish on a
second pass and a number be found that the first pass missed.

The masks (×) are not digits, letters or word characters, so no detector matches its own output:
that is what makes redaction idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .identifiers import resident_id_problem, uscc_problem


class Reason(StrEnum):
    """Why a span was redacted; the web layer translates the code."""

    PERSON_NAME = "person_name"
    ID_NUMBER = "id_number"
    OLD_ID_NUMBER = "old_id_number"  # 15-digit first-generation ID (before 1999)
    PHONE = "phone"
    LANDLINE = "landline"
    BANK_CARD = "bank_card"
    LICENCE_PLATE = "licence_plate"
    PROPERTY_CERTIFICATE = "property_certificate"
    EMAIL = "email"
    ADDRESS = "address"
    COMPANY_NAME = "company_name"
    ACCOUNT = "account"
    CUSTOM = "custom"  # added by an officer by hand


MASK = "×"
SHORT_MASK = "××"  # for text whose length says nothing useful (addresses, e-mails, certificates)
CUSTOM_MASK = "×××"

# 天干: the SPC rules tell apart people who share a surname as 王某甲, 王某乙, ...
STEMS = "甲乙丙丁戊己庚辛壬癸"

COMPOUND_SURNAMES = frozenset(
    (
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
        "夏侯", "轩辕", "令狐", "钟离", "端木", "南宫", "西门", "独孤", "百里", "呼延", "申屠", "太史",
        "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "赫连", "闻人", "万俟", "东郭", "拓跋", "司空",
        "司寇", "仲孙", "公羊", "左丘", "第五", "梁丘", "鲜于", "闾丘", "子车", "亓官", "乐正", "壤驷",
        "公良", "漆雕", "谷梁", "巫马", "羊舌", "微生", "公西", "段干", "东门", "公输",
    )
)

# The 31 mainland provincial abbreviations used on licence plates and certificates.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

# Where a detailed address begins: the district/county (or town, street office) keyword. What comes
# before it (北京市通州区) stays, which keeps the judgment readable without locating the person.
DISTRICT = "(?:区|县|旗|镇|乡|街道)"
DISTRICT_RE = re.compile(DISTRICT)

# Name parts of minority names are joined by a middle dot written in several ways.
NAME_DOTS = "·・•.．‧"

_P = f"[{PROVINCES}]"
_PLATE_LETTER = "[A-HJ-NP-Z]"  # plates never use I or O
_PLATE_CHAR = "[A-HJ-NP-Z0-9]"


@dataclass(frozen=True)
class Candidate:
    """A detection before overlaps are resolved; ``rank`` breaks ties (lower wins)."""

    start: int
    end: int
    reason: Reason
    replacement: str
    rank: int = 0


def luhn_valid(digits: str) -> bool:
    """ISO/IEC 7812 check: bank card numbers end in a Luhn check digit."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _valid_card(text: str) -> bool:
    digits = text.replace(" ", "")
    return 16 <= len(digits) <= 19 and luhn_valid(digits)


def _valid_old_id(number: str) -> bool:
    """A 15-digit ID (GB 11643-1989) is region (first digit 1-8) + YYMMDD (19YY) + 3 digits."""
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _always(_text: str) -> bool:
    return True


@dataclass(frozen=True)
class _Detector:
    reason: Reason
    pattern: re.Pattern[str]
    accept: Callable[[str], bool] = _always
    short_mask: bool = False  # "××" instead of one × per character
    group: str | int = 0  # the part of the match that is redacted
    companies_only: bool = False  # only when company names are masked


_DETECTORS = (
    _Detector(
        Reason.ID_NUMBER,
        re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"),
        lambda s: resident_id_problem(s) is None,
    ),
    _Detector(Reason.OLD_ID_NUMBER, re.compile(r"(?<![0-9])[1-8][0-9]{14}(?![0-9])"), _valid_old_id),
    # A credit code names the company, so it only goes when the company name goes too.
    _Detector(
        Reason.ID_NUMBER,
        re.compile(r"(?<![0-9])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9])"),
        lambda s: uscc_problem(s) is None,
        companies_only=True,
    ),
    _Detector(
        Reason.BANK_CARD,
        re.compile(r"(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{1,3})?)(?![0-9])"),
        _valid_card,
    ),
    _Detector(
        Reason.PHONE,
        # 13800138000, 138-0013-8000, 138 0013 8000, optionally +86
        re.compile(
            r"(?<![0-9])(?:\+86[- ]?)?1[3-9][0-9](?:[0-9]{8}|-[0-9]{4}-[0-9]{4}| [0-9]{4} [0-9]{4})(?![0-9])"
        ),
    ),
    _Detector(
        Reason.LANDLINE,
        re.compile(r"(?<![0-9])(?:0[0-9]{2,3}-|[(（]0[0-9]{2,3}[)）])[0-9]{7,8}(?:(?:-|转)[0-9]{1,6})?(?![0-9])"),
    ),
    _Detector(
        Reason.LICENCE_PLATE,
        re.compile(
            rf"{_P}{_PLATE_LETTER}[·・•. ]?"
            rf"(?:[DF]{_PLATE_CHAR}[0-9]{{4}}|[0-9]{{5}}[DF]|{_PLATE_CHAR}{{4}}[A-HJ-NP-Z0-9挂学警])"
            r"(?![0-9])"
        ),
        _has_digit,
    ),
    _Detector(
        Reason.PROPERTY_CERTIFICATE,
        re.compile(
            # 京(2020)通州区不动产权第0001234号 (since 2015)
            rf"{_P}[(（]\d{{4}}[)）]\w{{0,12}}?不动产(?:权|证明)第?\d+号"
            # X京房权证通字第123456号, 沪房地浦字（2005）第012345号 (before 2015)
            rf"|[A-Z]?\w?(?:房权证|房地证|房产证|房地权证|房屋所有权证|{_P}房地)"
            r"\w{0,3}?字?(?:[(（〔]\d{4}[)）〕])?第?[A-Z]?\d+号"
            # 通国用(2005)第00123号 (land use certificates)
            r"|\w{1,3}?(?:国用|集用)[(（]\d{4}[)）]第?\d+号"
        ),
        short_mask=True,
    ),
    _Detector(
        Reason.EMAIL,
        re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        short_mask=True,
    ),
    _Detector(
        Reason.ADDRESS,
        # district keyword, up to 20 word characters (not 某, not a mask, no punctuation), a road
        # keyword and a house number, then building, unit and room.
        re.compile(
            DISTRICT + r"(?P<street>(?:(?!某)\w){1,20}?(?:路|街|道|巷|胡同|弄|里|村|小区)"
            r"[0-9]+(?:[-－之][0-9]+)?号(?:院|楼)?"
            r"(?:[-－]?[0-9一二三四五六七八九十]+(?:号楼|号院|栋|幢|座|单元|层|楼|室|号|户))*)"
        ),
        short_mask=True,
        group="street",
    ),
)


def detect(text: str, *, mask_companies: bool) -> Iterator[Candidate]:
    """Every detection in ``text``; they may overlap (``redaction`` resolves that)."""
    for rank, detector in enumerate(_DETECTORS, start=1):
        if detector.companies_only and not mask_companies:
            continue
        for match in detector.pattern.finditer(text):
            found = match.group(detector.group)
            if not detector.accept(found):
                continue
            mask = SHORT_MASK if detector.short_mask else MASK * len(found)
            start, end = match.span(detector.group)
            yield Candidate(start, end, detector.reason, mask, rank)


def split_address(address: str) -> tuple[str, str]:
    """(district part, detailed part): ``北京市通州区``, ``新华西街58号院``; ("", address) without one."""
    match = DISTRICT_RE.search(address)
    if match is None or match.end() == len(address):
        return "", address
    return address[: match.end()], address[match.end() :]


# Masked company names keep the legal form (某有限公司), which the reader needs; longest first.
COMPANY_FORMS = (
    "股份有限公司", "有限责任公司", "有限公司", "合伙企业", "事务所", "合作社", "公司", "厂", "店",
)


def stems_for(bases: dict[str, str]) -> dict[str, str]:
    """key → "", or 甲, 乙, 丙... in key order when several keys share a base (SPC rules: 王某甲, 王某乙)."""
    sharing: dict[str, list[str]] = {}
    for key, base in bases.items():
        sharing.setdefault(base, []).append(key)
    result = {}
    for keys in sharing.values():
        for i, key in enumerate(keys):
            result[key] = "" if len(keys) == 1 else STEMS[i] if i < len(STEMS) else str(i + 1)
    return result


def company_form(name: str) -> str:
    """The legal form a masked name keeps: 北京某某科技有限公司 → 有限公司 (→ 某有限公司)."""
    return next((form for form in COMPANY_FORMS if name.endswith(form)), "单位")
