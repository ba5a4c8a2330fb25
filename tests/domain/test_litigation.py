"""Litigation response: defendants under ALL 26, outcomes, loss and appearance rates, defence deadline."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.litigation import (
    DEFENDANT_EXPLANATIONS,
    DEFENDANT_EXPLANATIONS_ZH,
    DEFENDANT_RULES,
    LOSING_OUTCOMES,
    NATIONAL_APPEARANCE_RATE_2020,
    OUTCOME_LABELS_ZH,
    DefenceFigures,
    Instance,
    JudgmentKind,
    Outcome,
    appearance_rate,
    defence_deadline_late,
    defence_figures,
    loss_rate,
    propose_defendants,
)
from casemgr.domain.workflow import DECISION_TYPES

AGENCY, ORGAN = "某区城市管理综合执法局", "某区人民政府"
BOTH = [AGENCY, ORGAN]

# decision type, in time, expected defendants, explanation code
CASES = [
    ("uphold", True, BOTH, "co_defendants_upheld"),  # ALL 26(2)
    ("reject_request", True, BOTH, "co_defendants_rejected"),  # Interp. 133
    ("vary", True, [ORGAN], "organ_changed_act"),  # ALL 26(2)
    ("revoke", True, [ORGAN], "organ_changed_act"),
    ("revoke_part", True, BOTH, "co_defendants_mixed"),  # Interp. 134(2)
    ("confirm_illegal", True, [ORGAN], "organ_changed_act"),  # Interp. 22(3)
    ("confirm_invalid", True, [ORGAN], "organ_changed_act"),  # Interp. 22(2)
    ("order_performance", True, [ORGAN], "organ_changed_act"),
    ("dismiss_application", True, [AGENCY], "dismissal_plaintiff_choice"),  # Interp. 133 exception
    ("terminate", True, [AGENCY], "terminated_agency"),
    ("mediation", True, [AGENCY], "mediated_agency"),
    (None, False, [AGENCY], "organ_inaction_choice"),  # ALL 26(3)
    (None, True, [AGENCY], "direct_suit"),  # ALL 26(1)
    ("uphold", False, BOTH, "co_defendants_upheld"),  # a late decision is still a decision
]


@pytest.mark.parametrize(("decision_type", "in_time", "expected", "code"), CASES)
def test_propose_defendants(decision_type, in_time, expected, code):
    assert propose_defendants(decision_type, original_agency=AGENCY, organ=ORGAN,
                              organ_decided_in_time=in_time) == (expected, code)


def test_every_decision_type_is_covered():
    assert {c[0] for c in CASES} - {None} == set(DECISION_TYPES)
    assert set(DECISION_TYPES) <= set(DEFENDANT_RULES)


def test_every_rule_has_an_explanation():
    for key, code in DEFENDANT_RULES.items():
        assert code in DEFENDANT_EXPLANATIONS, key
        rule = DEFENDANT_EXPLANATIONS[code]
        assert rule.code == code and rule.article and rule.zh.endswith("。")
        assert DEFENDANT_EXPLANATIONS_ZH[code] == rule.zh
    assert "共同被告" in DEFENDANT_EXPLANATIONS_ZH["co_defendants_upheld"]
    assert "原告选择" in DEFENDANT_EXPLANATIONS_ZH["organ_inaction_choice"]


def test_confirm_illegal_for_procedure_is_not_a_change():
    # Interp. 22(3): 以违反法定程序为由确认违法的除外.
    assert propose_defendants("confirm_illegal", original_agency=AGENCY, organ=ORGAN,
                              illegal_for_procedure=True) == (BOTH, "co_defendants_procedural_illegality")


def test_vary_without_changing_the_result_counts_as_upheld():
    # Interp. 22(1): changing only facts, evidence or the legal basis is deemed upholding.
    assert propose_defendants("vary", original_agency=AGENCY, organ=ORGAN,
                              result_changed=False) == (BOTH, "co_defendants_result_unchanged")


@pytest.mark.parametrize("decision_type", ["revoke", "uphold", None])
def test_flags_that_do_not_apply_are_refused(decision_type):
    with pytest.raises(ValueError, match="no defendant rule"):
        propose_defendants(decision_type, original_agency=AGENCY, organ=ORGAN, illegal_for_procedure=True)


def test_unknown_decision_type_is_refused():
    with pytest.raises(ValueError, match="no defendant rule"):
        propose_defendants("upheld", original_agency=AGENCY, organ=ORGAN)


def test_an_office_can_override_the_table():
    # An office that reads a partial revocation as a change of the result (organ alone).
    rules = {**DEFENDANT_RULES, "revoke_part": "organ_changed_act"}
    assert propose_defendants("revoke_part", original_agency=AGENCY, organ=ORGAN,
                              rules=rules) == ([ORGAN], "organ_changed_act")


def test_organ_reviewing_its_own_act_is_named_once():
    proposal = propose_defendants("uphold", original_agency=ORGAN, organ=ORGAN)
    assert proposal == ([ORGAN], "co_defendants_upheld")


def test_enums_and_labels():
    assert [i.value for i in Instance] == ["first", "second", "retrial"]
    assert [k.value for k in JudgmentKind] == ["judgment", "ruling"]
    assert set(OUTCOME_LABELS_ZH) == set(Outcome)
    assert OUTCOME_LABELS_ZH[Outcome.UPHELD] == "驳回诉讼请求"
    assert OUTCOME_LABELS_ZH[Outcome.DISMISSED] == "驳回起诉"
    assert OUTCOME_LABELS_ZH[Outcome.WITHDRAWN] == "撤诉"
    losing = {"revoked", "varied", "confirmed_illegal", "confirmed_invalid", "ordered_to_perform"}
    assert losing == LOSING_OUTCOMES


def test_loss_rate_counts_co_defendants_separately():
    outcomes = [
        # case 1, co-defendants after an upholding decision: both lose
        ("agency", "revoked"), ("organ", "revoked"),
        # case 2, co-defendants: the plaintiff loses
        ("agency", "upheld"), ("organ", "upheld"),
        # case 3, the organ alone after changing the act: it loses
        ("organ", "confirmed_illegal"),
        # cases 4-6, direct suits against the agency
        ("agency", "withdrawn"), ("agency", "dismissed"), ("agency", "ordered_to_perform"),
    ]
    rates = loss_rate(outcomes)
    assert (rates.agency.numerator, rates.agency.denominator) == (2, 5)
    assert (rates.organ.numerator, rates.organ.denominator) == (2, 3)
    assert (rates.all_defendants.numerator, rates.all_defendants.denominator) == (4, 8)
    assert rates.agency.value == pytest.approx(0.4)
    assert rates.agency.formula == "原行政机关败诉数 ÷ 原行政机关审结数 = 2 ÷ 5 = 40.0%"
    assert rates.organ.formula == "复议机关败诉数 ÷ 复议机关审结数 = 2 ÷ 3 = 66.7%"


def test_loss_rate_with_no_cases():
    rates = loss_rate([])
    assert rates.agency.value is rates.organ.value is rates.all_defendants.value is None
    assert rates.organ.denominator == 0
    only_agency = loss_rate([("agency", "upheld")])
    assert only_agency.agency.value == 0.0 and only_agency.organ.value is None


@pytest.mark.parametrize("pair", [("court", "upheld"), ("agency", "lost")])
def test_loss_rate_refuses_unknown_codes(pair):
    with pytest.raises(ValueError):
        loss_rate([pair])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["agency", "organ"]), st.sampled_from(list(Outcome)))))
def test_loss_rates_are_proportions(outcomes):
    rates = loss_rate(outcomes)
    for rate in (rates.agency, rates.organ, rates.all_defendants):
        assert 0 <= rate.numerator <= rate.denominator
        assert rate.value is None if rate.denominator == 0 else 0 <= rate.value <= 1
    assert rates.all_defendants.denominator == len(outcomes)
    assert rates.all_defendants.numerator == sum(o in LOSING_OUTCOMES for _, o in outcomes)


def test_appearance_rate():
    rate = appearance_rate(heard=50, head_appeared=21)
    assert rate.value == pytest.approx(0.42) and rate.value > NATIONAL_APPEARANCE_RATE_2020
    assert rate.formula == "负责人出庭数 ÷ 开庭审理数 = 21 ÷ 50 = 42.0%"
    assert appearance_rate(0, 0).value is None
    with pytest.raises(ValueError):
        appearance_rate(heard=3, head_appeared=4)


@settings(max_examples=200, deadline=None)
@given(heard=st.integers(0, 10_000), data=st.data())
def test_appearance_rate_is_a_proportion(heard, data):
    appeared = data.draw(st.integers(0, heard))
    rate = appearance_rate(heard, appeared)
    assert rate.value is None if heard == 0 else 0 <= rate.value <= 1


@pytest.mark.parametrize(("filed", "late"), [(date(2024, 3, 14), False), (date(2024, 3, 15), False),
                                             (date(2024, 3, 16), True)])
def test_defence_deadline_late(filed, late):
    # ALL 67: 15 days from service; late evidence counts as none (ALL 34).
    assert defence_deadline_late(filed, date(2024, 3, 15)) is late


def test_defence_figures_carry_both_formulas():
    figures = defence_figures(cases=(10, 80), agency=(6, 70), organ=(5, 40), heard=60, head_appeared=30,
                              decisions=143, decisions_sued=40)
    assert isinstance(figures, DefenceFigures)
    assert figures.loss_cases.formula_zh == "败诉案件数 ÷ 审结案件数 = 10 ÷ 80 = 12.5%"
    assert figures.loss_agency.formula_en == ("original agency lost / original agency concluded"
                                              " = 6 / 70 = 8.6%")
    assert figures.loss_organ.text == "12.5%" and figures.head_appearance.text == "50.0%"
    assert figures.sued_share.numerator == 40 and figures.sued_share.denominator == 143


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_defence_figures_are_proportions(data):
    pair = st.integers(0, 500).flatmap(lambda total: st.tuples(st.integers(0, total), st.just(total)))
    cases, agency, organ, heard, decisions = (data.draw(pair) for _ in range(5))
    figures = defence_figures(cases=cases, agency=agency, organ=organ, heard=heard[1], head_appeared=heard[0],
                              decisions=decisions[1], decisions_sued=decisions[0])
    for figure in (figures.loss_cases, figures.loss_agency, figures.loss_organ, figures.head_appearance,
                   figures.sued_share):
        assert figure.value is None if figure.denominator == 0 else 0 <= figure.value <= 1
