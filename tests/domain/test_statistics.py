"""Reconsideration statistics: the Tongzhou 2020 acceptance figures, definitions, edge cases, properties."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.statistics import (
    CORRECTION_TYPES,
    DEFAULT,
    Definitions,
    Denominator,
    about_percent,
    comprehensive_resolution_rate,
    direct_correction_rate,
    on_time_rate,
    percent_text,
)
from casemgr.domain.workflow import DECISION_TYPES

# Tongzhou 2020: 172 handled, 143 concluded, 33 directly corrected ("纠错率约为23%"). The split of the
# 33 and of the other 110 is invented; only the totals are in the report.
TONGZHOU = {"revoke": 14, "revoke_part": 3, "confirm_illegal": 11, "vary": 2, "order_performance": 2,
            "confirm_invalid": 1, "uphold": 60, "reject_request": 30, "mediation": 5, "terminate": 12,
            "dismiss_application": 3}


def test_tongzhou_counts_add_up():
    assert sum(TONGZHOU.values()) == 143
    assert sum(n for t, n in TONGZHOU.items() if t in CORRECTION_TYPES) == 33


def test_tongzhou_acceptance_concluded_denominator():
    figure = direct_correction_rate(TONGZHOU, received=172, concluded=143)
    assert (figure.numerator, figure.denominator) == (33, 143)
    assert figure.value == pytest.approx(33 / 143)
    assert figure.text == percent_text(figure.value) == "23.1%"
    assert about_percent(figure.value) == "约为23%"
    assert figure.formula_zh == "直接纠错数 ÷ 审结数 = 33 ÷ 143 = 23.1%"
    assert figure.formula_en == "direct corrections / cases concluded = 33 / 143 = 23.1%"


def test_tongzhou_acceptance_received_denominator():
    figure = direct_correction_rate(TONGZHOU, received=172, concluded=143,
                                    definitions=Definitions(denominator="received"))
    assert (figure.numerator, figure.denominator) == (33, 172)
    assert percent_text(figure.value) == "19.2%"
    assert figure.formula_zh == "直接纠错数 ÷ 收案数 = 33 ÷ 172 = 19.2%"
    assert about_percent(figure.value) == "约为19%"


def test_default_correction_types_follow_the_decision_table():
    assert DEFAULT.correction_types == {"vary", "revoke", "revoke_part", "confirm_illegal",
                                        "order_performance", "confirm_invalid"}
    assert DEFAULT.correction_types == {c for c, d in DECISION_TYPES.items() if d.counts_as_correction}
    assert DEFAULT.denominator == Denominator.CONCLUDED == "concluded"
    assert DEFAULT.resolution_extra_types == {"mediation"}
    assert not DEFAULT.count_terminated_after_correction


def test_definitions_are_frozen_and_validated():
    with pytest.raises(FrozenInstanceError):
        DEFAULT.denominator = "received"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Definitions(denominator="filed")
    assert Definitions(correction_types={"revoke"}).correction_types == frozenset({"revoke"})  # type: ignore[arg-type]


def test_shanghai_counts_terminations_after_correction():
    shanghai = Definitions(count_terminated_after_correction=True)
    figure = direct_correction_rate(TONGZHOU, received=172, concluded=143, definitions=shanghai,
                                    terminated_after_correction=4)
    assert figure.numerator == 37
    assert figure.formula_zh == "(纠错决定数 + 纠错后终止数) ÷ 审结数 = (33 + 4) ÷ 143 = 25.9%"
    # The default ignores them.
    plain = direct_correction_rate(TONGZHOU, received=172, concluded=143, terminated_after_correction=4)
    assert plain.numerator == 33


def test_narrower_correction_types_lower_the_figure():
    # An office following pre-2023 statistics that do not name 确认无效.
    old = Definitions(correction_types=DEFAULT.correction_types - {"confirm_invalid"})
    assert direct_correction_rate(TONGZHOU, received=172, concluded=143, definitions=old).numerator == 32


def test_comprehensive_resolution_rate():
    figure = comprehensive_resolution_rate(TONGZHOU, received=172, concluded=143,
                                           terminated_after_correction=4)
    assert figure.numerator == 33 + 5 + 4
    assert figure.formula_zh == ("(直接纠错数 + 调解数 + 纠错后和解撤回数) ÷ 审结数 = (33 + 5 + 4) ÷ 143"
                                 " = 29.4%")
    assert figure.code == "comprehensive_resolution_rate"


def test_comprehensive_rate_counts_withdrawals_once_and_follows_flags():
    both = Definitions(count_terminated_after_correction=True)
    assert comprehensive_resolution_rate(TONGZHOU, received=172, concluded=143, definitions=both,
                                         terminated_after_correction=4).numerator == 42
    without = Definitions(resolution_counts_withdrawals=False)
    assert comprehensive_resolution_rate(TONGZHOU, received=172, concluded=143, definitions=without,
                                         terminated_after_correction=4).numerator == 38
    no_mediation = Definitions(resolution_extra_types=frozenset(), resolution_counts_withdrawals=False)
    figure = comprehensive_resolution_rate(TONGZHOU, received=172, concluded=143, definitions=no_mediation)
    assert figure.numerator == 33
    assert figure.formula_zh == "直接纠错数 ÷ 审结数 = 33 ÷ 143 = 23.1%"


def test_zero_denominators():
    figure = direct_correction_rate({}, received=0, concluded=0)
    assert figure.value is None
    assert percent_text(figure.value) == about_percent(figure.value) == "—"
    assert "0 ÷ 0" in figure.formula_zh and "分母为0" in figure.formula_zh
    assert on_time_rate(0, 0).value is None
    assert comprehensive_resolution_rate({}, received=5, concluded=0).value is None


def test_on_time_rate():
    figure = on_time_rate(140, 143)
    assert figure.formula_zh == "按期办结数 ÷ 作出决定数 = 140 ÷ 143 = 97.9%"
    assert on_time_rate(143, 143).value == 1.0
    with pytest.raises(ValueError):
        on_time_rate(5, 4)
    with pytest.raises(ValueError):
        on_time_rate(-1, 4)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"counts": {"revoked": 1}, "received": 5, "concluded": 5}, "unknown decision types"),
    ({"counts": {"revoke": -1}, "received": 5, "concluded": 5}, "negative"),
    ({"counts": {"revoke": 3, "uphold": 3}, "received": 9, "concluded": 5}, "exceed the cases concluded"),
    ({"counts": {"terminate": 2}, "received": 9, "concluded": 5, "terminated_after_correction": 3},
     "exceeds the terminated"),
    ({"counts": {"revoke": 5}, "received": 9, "concluded": 5, "terminated_after_correction": 1},
     "exceed the cases concluded"),
])
def test_inconsistent_counts_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        direct_correction_rate(**kwargs)


def test_received_denominator_smaller_than_corrections_is_refused():
    # Concluded cases may include those received last year; a "rate" above 100% is refused.
    with pytest.raises(ValueError, match="exceeds the denominator"):
        direct_correction_rate({"revoke": 8}, received=5, concluded=10,
                               definitions=Definitions(denominator=Denominator.RECEIVED))


@pytest.mark.parametrize(("value", "text", "about"), [
    (0.0, "0.0%", "约为0%"), (1.0, "100.0%", "约为100%"), (0.2305, "23.1%", "约为23%"),
    (0.125, "12.5%", "约为13%"), (0.0005, "0.1%", "约为0%"), (0.995, "99.5%", "约为100%"),
])
def test_percent_text_rounds_half_up(value, text, about):
    assert percent_text(value) == text
    assert about_percent(value) == about


decision_counts = st.dictionaries(st.sampled_from(sorted(DECISION_TYPES)), st.integers(0, 500))
definitions = st.builds(Definitions, correction_types=st.frozensets(st.sampled_from(sorted(DECISION_TYPES))),
                        count_terminated_after_correction=st.booleans(),
                        resolution_extra_types=st.frozensets(st.sampled_from(sorted(DECISION_TYPES))),
                        resolution_counts_withdrawals=st.booleans(),
                        denominator=st.sampled_from(list(Denominator)))


@settings(max_examples=300, deadline=None)
@given(counts=decision_counts, extra_concluded=st.integers(0, 300), received=st.integers(0, 3000),
       withdrawn=st.integers(0, 50), definitions=definitions)
def test_rates_are_proportions(counts, extra_concluded, received, withdrawn, definitions):
    withdrawn = min(withdrawn, counts.get("terminate", withdrawn))
    concluded = sum(counts.values()) + withdrawn + extra_concluded
    for rate in (direct_correction_rate, comprehensive_resolution_rate):
        try:
            figure = rate(counts, received=received, concluded=concluded, definitions=definitions,
                          terminated_after_correction=withdrawn)
        except ValueError as exc:
            # Only the received denominator can be smaller than the cases counted.
            assert definitions.denominator == Denominator.RECEIVED
            assert "exceeds the denominator" in str(exc)
            continue
        assert 0 <= figure.numerator <= figure.denominator
        assert figure.value is None if figure.denominator == 0 else 0 <= figure.value <= 1
        assert f"{figure.numerator}" in figure.formula_zh or "+" in figure.formula_zh
        assert f"÷ {figure.denominator} =" in figure.formula_zh
    corrections = direct_correction_rate(counts, received=concluded, concluded=concluded,
                                         definitions=definitions, terminated_after_correction=withdrawn)
    resolution = comprehensive_resolution_rate(counts, received=concluded, concluded=concluded,
                                               definitions=definitions, terminated_after_correction=withdrawn)
    assert corrections.numerator <= resolution.numerator  # resolution adds to the corrections


@settings(max_examples=200, deadline=None)
@given(on_time=st.integers(0, 1000), late=st.integers(0, 1000))
def test_on_time_rate_is_a_proportion(on_time, late):
    figure = on_time_rate(on_time, on_time + late)
    assert figure.value is None if on_time + late == 0 else 0 <= figure.value <= 1
