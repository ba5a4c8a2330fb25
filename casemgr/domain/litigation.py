"""Litigation response (行政应诉): who the defendants are, outcomes, loss and appearance rates.

Abbreviations: ARL = 行政复议法 (2023), ALL = 行政诉讼法 (2014 revision), Interp. = 最高人民法院关于适用
《中华人民共和国行政诉讼法》的解释 (法释〔2018〕1号). Who is the defendant after reconsideration rests on
ALL 26 and on the court's reading of it (Interp. 22, 133-135); because that reading is
interpretation, the decision-type → rule table is data that an office can override.

Pure standard library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from .statistics import Figure, ratio


class Instance(StrEnum):
    FIRST = "first"  # 一审
    SECOND = "second"  # 二审
    RETRIAL = "retrial"  # 再审


class JudgmentKind(StrEnum):
    JUDGMENT = "judgment"  # 判决: appeal within 15 days (ALL 85)
    RULING = "ruling"  # 裁定: appeal within 10 days (ALL 85)


class Outcome(StrEnum):
    """How a case ended for one defendant (ALL 69-78, 62; Interp. 69)."""

    UPHELD = "upheld"  # 判决驳回诉讼请求 (ALL 69)
    REVOKED = "revoked"  # 判决撤销 (ALL 70)
    VARIED = "varied"  # 判决变更 (ALL 77)
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法 (ALL 74)
    CONFIRMED_INVALID = "confirmed_invalid"  # 确认无效 (ALL 75)
    ORDERED_TO_PERFORM = "ordered_to_perform"  # 判决履行 (ALL 72-73)
    WITHDRAWN = "withdrawn"  # 撤诉 (ALL 62)
    DISMISSED = "dismissed"  # 裁定驳回起诉 (Interp. 69), a ruling
    MEDIATED = "mediated"  # 调解 (ALL 60)
    OTHER = "other"


OUTCOME_LABELS_ZH = MappingProxyType({
    Outcome.UPHELD: "驳回诉讼请求", Outcome.REVOKED: "撤销", Outcome.VARIED: "变更",
    Outcome.CONFIRMED_ILLEGAL: "确认违法", Outcome.CONFIRMED_INVALID: "确认无效",
    Outcome.ORDERED_TO_PERFORM: "责令履行", Outcome.WITHDRAWN: "撤诉", Outcome.DISMISSED: "驳回起诉",
    Outcome.MEDIATED: "调解", Outcome.OTHER: "其他",
})
# DOMAIN.md: a loss (败诉) is a judgment against the government. A withdrawal after the agency
# changed its act (ALL 62) is not a loss by this definition, however it looks.
LOSING_OUTCOMES = frozenset({Outcome.REVOKED, Outcome.VARIED, Outcome.CONFIRMED_ILLEGAL,
                             Outcome.CONFIRMED_INVALID, Outcome.ORDERED_TO_PERFORM})


class Defendants(StrEnum):
    AGENCY = "agency"  # the agency that made the original act
    ORGAN = "organ"  # the reconsideration organ
    BOTH = "both"  # co-defendants (共同被告)


@dataclass(frozen=True)
class DefendantRule:
    code: str
    defendants: Defendants
    article: str
    zh: str


DEFENDANT_EXPLANATIONS: Mapping[str, DefendantRule] = MappingProxyType({r.code: r for r in (
    DefendantRule("direct_suit", Defendants.AGENCY, "ALL 26(1)",
                  "未经复议直接起诉，作出行政行为的行政机关是被告。"),
    DefendantRule("co_defendants_upheld", Defendants.BOTH, "ALL 26(2); Interp. 134",
                  "复议机关维持原行政行为，原行政机关和复议机关是共同被告。"),
    DefendantRule("co_defendants_rejected", Defendants.BOTH, "ALL 26(2); Interp. 133",
                  "复议机关驳回复议请求视为维持原行政行为，原行政机关和复议机关是共同被告。"),
    DefendantRule("co_defendants_mixed", Defendants.BOTH, "Interp. 134(2)",
                  "复议决定部分撤销、其余部分维持，既有维持又有改变内容，原行政机关和复议机关是共同被告"
                  "（原告仅对撤销部分起诉的，复议机关是被告）。"),
    DefendantRule("co_defendants_result_unchanged", Defendants.BOTH, "Interp. 22(1)",
                  "复议机关仅改变原行政行为认定的事实、证据或适用的依据，未改变处理结果，视为维持，"
                  "原行政机关和复议机关是共同被告。"),
    DefendantRule("co_defendants_procedural_illegality", Defendants.BOTH, "Interp. 22(3)",
                  "复议机关以违反法定程序为由确认原行政行为违法，不属于改变原行政行为，"
                  "原行政机关和复议机关是共同被告。"),
    DefendantRule("organ_changed_act", Defendants.ORGAN, "ALL 26(2); Interp. 22",
                  "复议机关改变原行政行为的处理结果（变更、撤销、确认违法、确认无效、责令履行），"
                  "复议机关是被告。"),
    DefendantRule("organ_inaction_choice", Defendants.AGENCY, "ALL 26(3)",
                  "复议机关在法定期限内未作出复议决定：起诉原行政行为的，原行政机关是被告；"
                  "起诉复议机关不作为的，复议机关是被告，由原告选择。"),
    DefendantRule("dismissal_plaintiff_choice", Defendants.AGENCY, "Interp. 133; ALL 26(3)",
                  "复议机关以申请不符合受理条件为由驳回申请，不视为维持：起诉原行政行为的，"
                  "原行政机关是被告；起诉驳回申请决定的，复议机关是被告，由原告选择。"),
    DefendantRule("terminated_agency", Defendants.AGENCY, "ARL 41; ALL 26(1)",
                  "复议终止，未对原行政行为作出处理，起诉原行政行为的，原行政机关是被告。"),
    DefendantRule("mediated_agency", Defendants.AGENCY, "ARL 73; ALL 26(1)",
                  "复议调解书经双方签字即生效；就原行政行为起诉的，原行政机关是被告。"),
)})
DEFENDANT_EXPLANATIONS_ZH = MappingProxyType({c: r.zh for c, r in DEFENDANT_EXPLANATIONS.items()})

# Decision type (workflow.DECISION_TYPES) → explanation code. "/procedure" and "/result_unchanged"
# keys are the variants selected by the keyword flags of ``propose_defendants``; "" is no
# reconsideration, "no_decision" no decision within the period (ALL 26(3)).
DEFENDANT_RULES: Mapping[str, str] = MappingProxyType({
    "": "direct_suit",
    "no_decision": "organ_inaction_choice",
    "uphold": "co_defendants_upheld",
    "reject_request": "co_defendants_rejected",
    "vary": "organ_changed_act",
    "vary/result_unchanged": "co_defendants_result_unchanged",
    "revoke": "organ_changed_act",
    "revoke_part": "co_defendants_mixed",
    "confirm_illegal": "organ_changed_act",
    "confirm_illegal/procedure": "co_defendants_procedural_illegality",
    "confirm_invalid": "organ_changed_act",
    "order_performance": "organ_changed_act",
    "dismiss_application": "dismissal_plaintiff_choice",
    "terminate": "terminated_agency",
    "mediation": "mediated_agency",
})


def propose_defendants(decision_type: str | None, *, original_agency: str, organ: str,
                       organ_decided_in_time: bool = True, illegal_for_procedure: bool = False,
                       result_changed: bool = True, rules: Mapping[str, str] = DEFENDANT_RULES,
                       explanations: Mapping[str, DefendantRule] = DEFENDANT_EXPLANATIONS,
                       ) -> tuple[list[str], str]:
    """The proposed defendant(s) and an explanation code (a key of ``explanations``).

    ``decision_type`` is the reconsideration decision (None: none). Without a decision,
    ``organ_decided_in_time=False`` means the organ let the period pass (ALL 26(3)); otherwise the
    suit is direct (ALL 26(1)). A late decision is still a decision and follows its own rule.
    ``illegal_for_procedure`` marks a confirm_illegal decision made only for breach of procedure
    (Interp. 22(3)); ``result_changed=False`` a vary decision that changed only facts, evidence or
    the legal basis (Interp. 22(1)). The officer confirms the proposal: with a "choice" code the
    plaintiff decides whom to sue, and the original agency is only the more common answer.
    """
    key = decision_type or ("" if organ_decided_in_time else "no_decision")
    if illegal_for_procedure:
        key += "/procedure"
    if not result_changed:
        key += "/result_unchanged"
    if key not in rules:
        raise ValueError(f"no defendant rule for {key!r}")
    rule = explanations[rules[key]]
    names = {Defendants.AGENCY: [original_agency], Defendants.ORGAN: [organ],
             Defendants.BOTH: [original_agency, organ]}[rule.defendants]
    return list(dict.fromkeys(names)), rule.code  # an organ reviewing its own act is named once


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    value: float | None  # None when the denominator is 0
    formula: str


def _rate(zh: str, n: int, den_zh: str, den: int) -> Rate:
    figure = ratio("rate", [(zh, zh, n)], (den_zh, den_zh, den))
    return Rate(figure.numerator, figure.denominator, figure.value, figure.formula_zh)


@dataclass(frozen=True)
class LossRates:
    """Loss rates counted per defendant: a co-defendant case counts once for each of them."""

    agency: Rate
    organ: Rate
    all_defendants: Rate


def loss_rate(outcomes: Iterable[tuple[str, str]]) -> LossRates:
    """败诉率 over concluded cases: ``(role, outcome)`` pairs, role "agency" or "organ".

    A co-defendant case gives one pair per defendant (DOMAIN.md: count them separately); the
    outcome is that defendant's (an upheld decision may be revoked with the original act).
    """
    counts = {role: [0, 0] for role in (Defendants.AGENCY, Defendants.ORGAN)}
    for role, outcome in outcomes:
        if role not in counts:
            raise ValueError(f"unknown defendant role {role!r}")
        counts[Defendants(role)][0] += Outcome(outcome) in LOSING_OUTCOMES
        counts[Defendants(role)][1] += 1
    (a_lost, a_total), (o_lost, o_total) = counts[Defendants.AGENCY], counts[Defendants.ORGAN]
    return LossRates(_rate("原行政机关败诉数", a_lost, "原行政机关审结数", a_total),
                     _rate("复议机关败诉数", o_lost, "复议机关审结数", o_total),
                     _rate("败诉数", a_lost + o_lost, "审结数（按被告计）", a_total + o_total))


NATIONAL_APPEARANCE_RATE_2020 = 0.418


def appearance_rate(heard: int, head_appeared: int) -> Rate:
    """负责人出庭应诉率 = cases where the agency head appeared / cases heard (ALL 3; SPC rules 2020)."""
    return _rate("负责人出庭数", head_appeared, "开庭审理数", heard)


def defence_deadline_late(filed_on: date, due_on: date) -> bool:
    """Whether the defence and evidence were filed after ``due_on``, the last day of the 15 days of
    ALL 67 (``deadlines.compute_deadline("litigation_defence", served_on, ...)``). Evidence filed
    late counts as none (ALL 34(2)); a document posted on the last day is in time, so pass the
    posting date."""
    return filed_on > due_on


@dataclass(frozen=True)
class DefenceFigures:
    """The defence figures of a period as ``Figure`` values (both formulas), from counts that the
    queries aggregate in SQL: ``cases`` is (cases with a judgment against any government
    defendant, cases concluded); ``agency`` and ``organ`` the same per defendant role."""

    loss_agency: Figure
    loss_organ: Figure
    loss_cases: Figure
    head_appearance: Figure
    sued_share: Figure


def defence_figures(*, cases: tuple[int, int], agency: tuple[int, int], organ: tuple[int, int], heard: int,
                    head_appeared: int, decisions: int, decisions_sued: int) -> DefenceFigures:
    """败诉率 per defendant role and over all defendants (DOMAIN.md: counted separately in
    co-defendant cases); 负责人出庭应诉率 (ALL 3); the share of reconsideration decisions sued."""
    (c_lost, c_total), (a_lost, a_total), (o_lost, o_total) = cases, agency, organ
    return DefenceFigures(
        ratio("loss_rate_agency", [("原行政机关败诉数", "original agency lost", a_lost)],
              ("原行政机关审结数", "original agency concluded", a_total)),
        ratio("loss_rate_organ", [("复议机关败诉数", "reconsideration organ lost", o_lost)],
              ("复议机关审结数", "reconsideration organ concluded", o_total)),
        ratio("loss_rate", [("败诉案件数", "cases lost", c_lost)],
              ("审结案件数", "cases concluded", c_total)),
        ratio("head_appearance_rate", [("负责人出庭数", "head appeared", head_appeared)],
              ("开庭审理数", "cases heard", heard)),
        ratio("sued_share", [("复议后被诉数", "decisions sued", decisions_sued)],
              ("作出复议决定数", "decisions made", decisions)),
    )
