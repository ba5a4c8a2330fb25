"""Plain values a document is built from: no database, no web framework.

The services layer copies what a document needs out of the case records into these dataclasses, so the
builders can be used and tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ROLES = ("applicant", "agent", "third_party")
KINDS = ("person", "organisation")
SEXES = ("male", "female", None)
DECISION_TYPES = (
    "vary",
    "revoke",
    "revoke_part",
    "confirm_illegal",
    "order_performance",
    "confirm_invalid",
    "uphold",
    "reject_request",
    "mediation",
    "terminate",
    "dismiss_application",
)


@dataclass(frozen=True)
class PartyLine:
    """One applicant, agent (委托代理人) or third party (第三人); empty strings mean "not known"."""

    role: str
    kind: str
    name: str
    sex: str | None = None
    birth_date: date | None = None
    id_number: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown party role {self.role!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown party kind {self.kind!r}")
        if self.sex not in SEXES:
            raise ValueError(f"unknown sex {self.sex!r}")


@dataclass(frozen=True)
class DocCase:
    """What every document of a case shows: the organ, the number, the parties and the contested act."""

    organ_name: str  # 北京市通州区人民政府
    number: str  # 通政复字〔2026〕第12号
    parties: tuple[PartyLine, ...]
    respondent_name: str
    respondent_address: str
    respondent_legal_rep: str
    act_description: str  # 作出的通城管拆字〔2026〕第5号限期拆除决定
    received_on: date
    accepted_on: date | None
    requests: str

    def with_role(self, role: str) -> tuple[PartyLine, ...]:
        return tuple(p for p in self.parties if p.role == role)


@dataclass(frozen=True)
class DecisionText:
    """The text of a decision, as written by the case officer."""

    decision_type: str  # one of DECISION_TYPES
    applicant_claims: str  # 申请人称
    respondent_claims: str  # 被申请人称
    findings: str  # 本机关查明
    reasoning: str  # 本机关认为
    legal_basis: str  # 第六十八条
    operative_text: str  # 维持被申请人作出的……
    decision_date: date

    def __post_init__(self) -> None:
        if self.decision_type not in DECISION_TYPES:
            raise ValueError(f"unknown decision type {self.decision_type!r}")
