"""The lists a case is described with: act types, management areas, channels, party roles.

Codes are stored; labels are shown. The act types and areas are the breakdowns of the annual
report (DOMAIN.md, "Common breakdowns").
"""

from __future__ import annotations

ACT_TYPES = {
    "penalty": ("行政处罚", "Administrative penalty"),
    "coercion": ("行政强制", "Administrative coercion"),
    "licensing": ("行政许可", "Administrative licensing"),
    "levy": ("行政征收", "Levy and expropriation"),
    "confirmation": ("行政确认", "Administrative confirmation"),
    "information_disclosure": ("政府信息公开", "Government information disclosure"),
    "complaint_handling": ("举报投诉处理", "Handling of reports and complaints"),
    "nonperformance": ("不履行法定职责", "Failure to perform a statutory duty"),
    "ownership_determination": ("行政确权", "Determination of ownership"),
    "other": ("其他", "Other"),
}

MANAGEMENT_AREAS = {
    "public_security": ("公安", "Public security"),
    "natural_resources": ("自然资源和规划", "Natural resources and planning"),
    "housing": ("住房城乡建设", "Housing and construction"),
    "urban_management": ("城市管理综合执法", "Urban management enforcement"),
    "market_regulation": ("市场监管", "Market regulation"),
    "human_resources": ("人力社保", "Human resources and social security"),
    "ecology": ("生态环境", "Ecology and environment"),
    "transport": ("交通运输", "Transport"),
    "subdistrict": ("街道乡镇", "Subdistricts and towns"),
    # Fields of work rather than agencies' lines: a case is filed under one of these when the
    # dispute belongs to it, whichever agency acted (the model report's "拆迁拆违、专项行动").
    "demolition": ("拆迁拆违", "Demolition and illegal buildings"),
    "special_campaign": ("专项行动", "Special enforcement campaigns"),
    "other": ("其他", "Other"),
}
FIELDS_OF_WORK = ("demolition", "special_campaign")
AGENCY_AREAS = tuple(code for code in MANAGEMENT_AREAS if code not in FIELDS_OF_WORK)  # an agency's own line

CHANNELS = {
    "on_site": ("当面递交", "On site"),
    "post": ("邮寄", "By post"),
    "online": ("网上申请", "Online"),
    "forwarded": ("其他机关转送", "Forwarded by another agency"),
}

PARTY_ROLES = {
    "applicant": ("申请人", "Applicant"),
    "agent": ("代理人", "Agent"),
    "third_party": ("第三人", "Third party"),
}

PARTY_KINDS = {
    "person": ("自然人", "Natural person"),
    "organisation": ("法人或其他组织", "Legal person or other organisation"),
}

PROCEDURES = {
    "ordinary": ("普通程序", "Ordinary procedure"),
    "simplified": ("简易程序", "Simplified procedure"),
}


def label(catalogue: dict[str, tuple[str, str]], code: str | None, locale: str) -> str:
    if code is None or code not in catalogue:
        return code or ""
    zh, en = catalogue[code]
    return zh if locale.startswith("zh") else en


def labelled(catalogue: dict[str, tuple[str, str]], locale: str) -> tuple[tuple[str, str], ...]:
    """Every (code, label) of ``catalogue`` in ``locale``, in the catalogue's order: a select's
    choices."""
    return tuple((code, label(catalogue, code, locale)) for code in catalogue)
