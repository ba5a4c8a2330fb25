"""The case state machine: which action is allowed in which state, and on what conditions.

One table (``TRANSITIONS``) says where each action leads; ``check`` adds the guards and either
returns the new state or raises ``WorkflowError`` with a code the web layer translates. The
database repeats the most important rules as CHECK constraints (``casemgr.models.case``).

Pure standard library; ``today`` comes in with the ``Facts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from .deadline_rules import ORDINARY, SIMPLIFIED


class CaseState(StrEnum):
    RECEIVED = "received"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    ACCEPTED = "accepted"
    SUSPENDED = "suspended"
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    DECIDED = "decided"
    NOT_ACCEPTED = "not_accepted"
    REFERRED = "referred"
    ABANDONED = "abandoned"
    ARCHIVED = "archived"


_STATE_LABELS = {
    CaseState.RECEIVED: ("收到申请", "Received (acceptance review)"),
    CaseState.AWAITING_SUPPLEMENT: ("补正中", "Awaiting supplement"),
    CaseState.ACCEPTED: ("已受理", "Accepted (under review)"),
    CaseState.SUSPENDED: ("中止", "Suspended"),
    CaseState.PENDING_APPROVAL: ("决定待审批", "Decision awaiting approval"),
    CaseState.APPROVED: ("决定已批准", "Decision approved"),
    CaseState.DECIDED: ("已作出决定", "Decided"),
    CaseState.NOT_ACCEPTED: ("不予受理", "Not accepted"),
    CaseState.REFERRED: ("告知其他机关", "Referred to the competent organ"),
    CaseState.ABANDONED: ("视为放弃申请", "Deemed abandoned"),
    CaseState.ARCHIVED: ("已归档", "Archived"),
}
STATE_LABELS_ZH = {s: zh for s, (zh, _) in _STATE_LABELS.items()}
STATE_LABELS_EN = {s: en for s, (_, en) in _STATE_LABELS.items()}


class Action(StrEnum):
    REQUEST_SUPPLEMENT = "request_supplement"  # ARL 31
    SUPPLEMENT_RECEIVED = "supplement_received"
    DEEM_ABANDONED = "deem_abandoned"  # ARL 31: no supplement in time
    ACCEPT = "accept"  # ARL 30
    DEEM_ACCEPTED = "deem_accepted"  # ARL 30: no decision within the review period
    NOT_ACCEPT = "not_accept"  # ARL 30
    REFER = "refer"  # ARL 30: tell the applicant the competent organ
    SUSPEND = "suspend"  # ARL 39
    RESUME = "resume"  # ARL 39
    SUBMIT_DECISION = "submit_decision"
    SEND_BACK = "send_back"
    APPROVE_DECISION = "approve_decision"
    ISSUE_DECISION = "issue_decision"
    ARCHIVE = "archive"
    RECORD_COPY_SENT = "record_copy_sent"  # ARL 48, 54
    RECORD_REPLY = "record_reply"  # ARL 48, 54
    SCHEDULE_HEARING = "schedule_hearing"  # ARL 50-51
    RECORD_HEARING = "record_hearing"
    RECORD_INVESTIGATION = "record_investigation"  # ARL 45
    REQUEST_EXTENSION = "request_extension"  # ARL 62
    APPROVE_EXTENSION = "approve_extension"
    REFUSE_EXTENSION = "refuse_extension"
    CONVERT_TO_ORDINARY = "convert_to_ordinary"  # ARL 55
    RECORD_MEDIATION = "record_mediation"  # ARL 73-74


S, A = CaseState, Action
# Review steps recorded while the case is accepted; they do not change the state.
REVIEW_ACTIONS = (A.RECORD_COPY_SENT, A.RECORD_REPLY, A.SCHEDULE_HEARING, A.RECORD_HEARING,
                  A.RECORD_INVESTIGATION, A.REQUEST_EXTENSION, A.APPROVE_EXTENSION, A.REFUSE_EXTENSION,
                  A.CONVERT_TO_ORDINARY, A.RECORD_MEDIATION)
TRANSITIONS: Mapping[tuple[CaseState, Action], CaseState] = MappingProxyType({
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, A.SUPPLEMENT_RECEIVED): S.RECEIVED,
    (S.AWAITING_SUPPLEMENT, A.DEEM_ABANDONED): S.ABANDONED,
    (S.RECEIVED, A.ACCEPT): S.ACCEPTED,
    (S.RECEIVED, A.DEEM_ACCEPTED): S.ACCEPTED,
    (S.RECEIVED, A.NOT_ACCEPT): S.NOT_ACCEPTED,
    (S.RECEIVED, A.REFER): S.REFERRED,
    (S.ACCEPTED, A.SUSPEND): S.SUSPENDED,
    (S.SUSPENDED, A.RESUME): S.ACCEPTED,
    (S.ACCEPTED, A.SUBMIT_DECISION): S.PENDING_APPROVAL,
    (S.PENDING_APPROVAL, A.SEND_BACK): S.ACCEPTED,
    (S.PENDING_APPROVAL, A.APPROVE_DECISION): S.APPROVED,
    (S.APPROVED, A.ISSUE_DECISION): S.DECIDED,
    **{(s, A.ARCHIVE): S.ARCHIVED for s in (S.DECIDED, S.NOT_ACCEPTED, S.REFERRED, S.ABANDONED)},
    **{(S.ACCEPTED, a): S.ACCEPTED for a in REVIEW_ACTIONS},
})
TERMINAL_STATES = frozenset(s for s in CaseState if not any(k[0] == s for k in TRANSITIONS))
# A case being worked on, from receipt until it is decided (a decided case still has its service
# and archiving ahead). Not accepted, referred and abandoned cases wait only to be archived.
IN_PROGRESS_STATES = (S.RECEIVED, S.AWAITING_SUPPLEMENT, S.ACCEPTED, S.SUSPENDED, S.PENDING_APPROVAL,
                      S.APPROVED, S.DECIDED)
del S, A


@dataclass(frozen=True)
class SuspensionGround:
    code: str
    article: str
    zh: str


SUSPENSION_GROUNDS: Mapping[str, SuspensionGround] = MappingProxyType({g.code: g for g in (
    SuspensionGround("applicant_died", "ARL 39(1)", "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议"),
    SuspensionGround("applicant_incapacitated", "ARL 39(2)",
                     "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议"),
    SuspensionGround("applicant_missing", "ARL 39(3)", "作为申请人的公民下落不明"),
    SuspensionGround("applicant_org_terminated", "ARL 39(4)",
                     "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人"),
    SuspensionGround("force_majeure", "ARL 39(5)",
                     "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"),
    SuspensionGround("mediation_or_settlement", "ARL 39(6)",
                     "依照本法规定进行调解、和解，申请人和被申请人同意中止"),
    SuspensionGround("applicable_law_pending", "ARL 39(7)",
                     "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认"),
    SuspensionGround("related_case_pending", "ARL 39(8)",
                     "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"),
    SuspensionGround("review_of_norms", "ARL 39(9)", "有本法第五十六条或者第五十七条规定的情形（附带审查）"),
    SuspensionGround("other", "ARL 39(10)", "需要中止行政复议的其他情形"),
)})


@dataclass(frozen=True)
class DecisionType:
    code: str
    zh: str
    en: str
    article: str
    counts_as_correction: bool  # 直接纠错; see DOMAIN.md: statistics make this configurable


DECISION_TYPES: Mapping[str, DecisionType] = MappingProxyType({d.code: d for d in (
    DecisionType("vary", "变更", "Vary", "ARL 63", True),
    DecisionType("revoke", "撤销", "Revoke", "ARL 64", True),
    DecisionType("revoke_part", "部分撤销", "Revoke in part", "ARL 64", True),
    DecisionType("confirm_illegal", "确认违法", "Confirm illegal", "ARL 65", True),
    DecisionType("order_performance", "责令履行", "Order performance", "ARL 66", True),
    DecisionType("confirm_invalid", "确认无效", "Confirm invalid", "ARL 67", True),
    DecisionType("uphold", "维持", "Uphold", "ARL 68", False),
    DecisionType("reject_request", "驳回行政复议请求", "Reject the request", "ARL 69", False),
    DecisionType("mediation", "调解书", "Mediation agreement", "ARL 73", False),
    DecisionType("terminate", "终止行政复议", "Terminate", "ARL 41", False),
    DecisionType("dismiss_application", "驳回行政复议申请", "Dismiss the application", "ARL 33", False),
)})


class WorkflowError(Exception):
    """A refused action: ``code`` for the web layer to translate, ``params`` to fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass(frozen=True, kw_only=True)
class Facts:
    """What the guards look at, as plain values read from the case."""

    today: date
    procedure: str = ORDINARY  # "ordinary" or "simplified"
    extended: bool = False  # ARL 62 extension already granted
    extension_requested: bool = False  # an extension request awaits the supervisor
    officers_assigned: int = 0
    reason: str = ""  # the reason typed with this action
    suspension_ground: str | None = None  # a key of SUSPENSION_GROUNDS
    decision_type: str | None = None  # a key of DECISION_TYPES
    acceptance_review_due: date | None = None  # ARL 30: end of the 5-working-day review
    supplement_reply_due: date | None = None  # ARL 31: end of the 10 working days to supplement
    decision_date: date | None = None


_NEEDS_REASON = frozenset({Action.NOT_ACCEPT, Action.REFER, Action.SEND_BACK, Action.REFUSE_EXTENSION})


def _period_over(today: date, due: date | None) -> bool:
    """A period ends at the end of its due day; an unknown due date is never over."""
    return due is not None and today > due


def _guard(action: Action, f: Facts) -> None:
    """Raise ``WorkflowError`` when the facts do not allow ``action`` (its state already checked)."""
    if action in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION) and not f.extension_requested:
        raise WorkflowError("no_extension_request")
    if action in _NEEDS_REASON and not f.reason.strip():
        raise WorkflowError("reason_required", action=action)
    if action == Action.DEEM_ACCEPTED and not _period_over(f.today, f.acceptance_review_due):
        raise WorkflowError("review_period_not_over", due=f.acceptance_review_due)
    if action == Action.DEEM_ABANDONED and not _period_over(f.today, f.supplement_reply_due):
        raise WorkflowError("supplement_period_not_over", due=f.supplement_reply_due)
    if action == Action.SUSPEND and f.suspension_ground not in SUSPENSION_GROUNDS:
        raise WorkflowError("ground_required")
    if action in (Action.REQUEST_EXTENSION, Action.APPROVE_EXTENSION):
        # ARL 62: only the ordinary procedure's 60 days may be extended, and only once (max 30 days).
        if f.procedure != ORDINARY or f.extended:
            raise WorkflowError("extension_not_allowed", procedure=f.procedure, extended=f.extended)
        if action == Action.REQUEST_EXTENSION and f.extension_requested:
            raise WorkflowError("extension_already_requested")
    if action == Action.CONVERT_TO_ORDINARY and f.procedure != SIMPLIFIED:
        raise WorkflowError("already_ordinary")
    if action in (Action.SUBMIT_DECISION, Action.ISSUE_DECISION) and f.decision_type not in DECISION_TYPES:
        raise WorkflowError("decision_type_required")
    if action == Action.SUBMIT_DECISION and f.officers_assigned < 1:
        raise WorkflowError("not_assigned")
    if action == Action.ISSUE_DECISION and f.decision_date is None:
        raise WorkflowError("decision_date_required")


def check(state: CaseState | str, action: Action | str, facts: Facts) -> CaseState:
    """The state after ``action``, or ``WorkflowError`` saying why it is refused.

    Codes: not_allowed_in_state (state, action), reason_required (action), review_period_not_over
    (due), supplement_period_not_over (due), ground_required, extension_not_allowed (procedure,
    extended), extension_already_requested, no_extension_request, already_ordinary,
    decision_type_required, not_assigned, decision_date_required.
    """
    state, action = CaseState(state), Action(action)
    new_state = TRANSITIONS.get((state, action))
    if new_state is None:
        raise WorkflowError("not_allowed_in_state", state=state, action=action)
    _guard(action, facts)
    return new_state


def allowed_actions(state: CaseState | str, facts: Facts) -> list[Action]:
    """The actions ``check`` would accept now, in declaration order (for showing buttons)."""
    state = CaseState(state)
    return [action for action in Action if (state, action) in TRANSITIONS and _passes(action, facts)]


def _passes(action: Action, facts: Facts) -> bool:
    try:
        _guard(action, facts)
    except WorkflowError:
        return False
    return True


def assignment_problems(officer_ids: Iterable[int], *, procedure: str, linked_officer_ids: Iterable[int],
                        min_officers_ordinary: int = 2, min_officers_simplified: int = 1) -> list[str]:
    """Problem codes for the officers assigned to a case; duplicates count once.

    * ``no_officer``: nobody assigned (ARL 36: the institution designates the officers);
    * ``two_officers_required``: fewer than ``min_officers_ordinary`` under the ordinary
      procedure. Reg. 32 (2007) asks for at least two officers on every case; the ARL 2023 does
      not restate it, so applying it to the ordinary procedure only is an office rule (settings);
    * ``recusal``: an assigned officer is linked to the respondent agency (office rule, after the
      recusal rules of procedural law; the ARL names no general recusal ground for officers).
    """
    officers = set(officer_ids)
    if not officers:
        return ["no_officer"]
    problems = []
    minimum = min_officers_ordinary if procedure == ORDINARY else min_officers_simplified
    if len(officers) < minimum:
        problems.append("two_officers_required")
    if officers & set(linked_officer_ids):
        problems.append("recusal")
    return problems
