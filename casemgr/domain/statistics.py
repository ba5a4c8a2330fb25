"""Reconsideration statistics: configurable definitions, and figures that carry their own formula.

Offices define the rates differently (DOMAIN.md, "Decision types"), so every figure is computed from
a ``Definitions`` value and returned as a ``Figure`` whose ``formula_zh`` / ``formula_en`` show the
definition and the numbers, e.g. ``直接纠错数 ÷ 审结数 = 33 ÷ 143 = 23.1%``. Decision types are the
codes of ``workflow.DECISION_TYPES`` (ARL 63-73, 33, 41).

Pure standard library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .workflow import DECISION_TYPES

CORRECTION_TYPES = frozenset(code for code, d in DECISION_TYPES.items() if d.counts_as_correction)


class Denominator(StrEnum):
    CONCLUDED = "concluded"  # 审结数: the common definition (Beijing 2022: 1,639 / 12,195)
    RECEIVED = "received"  # 收案数: used by some offices; the report must say so


_DENOMINATOR_LABELS = {Denominator.CONCLUDED: ("审结数", "cases concluded"),
                       Denominator.RECEIVED: ("收案数", "cases received")}


@dataclass(frozen=True)
class Definitions:
    """How an office counts. The defaults follow DOMAIN.md.

    * ``correction_types``: decisions that are a direct correction (直接纠错): vary, revoke,
      revoke_part, confirm_illegal, order_performance, confirm_invalid (ARL 63-67);
    * ``count_terminated_after_correction``: also count cases terminated (ARL 41) because the
      respondent corrected the act and the applicant withdrew (Shanghai practice; off by default);
    * ``resolution_extra_types``: decisions added to the corrections in the comprehensive
      resolution rate (综合化解率): mediation (调解书, ARL 73);
    * ``resolution_counts_withdrawals``: the resolution rate also counts settlements or
      withdrawals after correction (ARL 74, DOMAIN.md definition; on by default);
    * ``denominator``: cases concluded in the period (default) or cases received.
    """

    correction_types: frozenset[str] = CORRECTION_TYPES
    count_terminated_after_correction: bool = False
    resolution_extra_types: frozenset[str] = field(default_factory=lambda: frozenset({"mediation"}))
    resolution_counts_withdrawals: bool = True
    denominator: Denominator | str = Denominator.CONCLUDED

    def __post_init__(self) -> None:
        object.__setattr__(self, "correction_types", frozenset(self.correction_types))
        object.__setattr__(self, "resolution_extra_types", frozenset(self.resolution_extra_types))
        object.__setattr__(self, "denominator", Denominator(self.denominator))


DEFAULT = Definitions()


@dataclass(frozen=True)
class Figure:
    """A computed figure; ``value`` is None when the denominator is 0."""

    code: str
    value: float | int | None
    numerator: int
    denominator: int
    formula_zh: str
    formula_en: str

    @property
    def text(self) -> str:
        return percent_text(self.value)


def _round_half_up(value: float, places: int) -> Decimal:
    """四舍五入 on the decimal the reader sees (``repr``), not on the binary float."""
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(repr(value)) * 100).quantize(quantum, rounding=ROUND_HALF_UP)


def percent_text(value: float | None, places: int = 1) -> str:
    """``0.2307…`` → ``"23.1%"``; None (no denominator) → ``"—"``."""
    return "—" if value is None else f"{_round_half_up(value, places)}%"


def about_percent(value: float | None) -> str:
    """Report prose, rounded to a whole percent: ``0.2307…`` → ``"约为23%"``; None → ``"—"``."""
    return "—" if value is None else f"约为{_round_half_up(value, 0)}%"


def ratio(code: str, parts: list[tuple[str, str, int]], denominator: tuple[str, str, int]) -> Figure:
    """A figure from named numerator parts ``(zh, en, n)`` and a named denominator, with formulas."""
    for _, en, n in [*parts, denominator]:
        if n < 0:
            raise ValueError(f"{code}: {en} must not be negative, got {n}")
    numerator, (den_zh, den_en, den) = sum(n for _, _, n in parts), denominator
    if numerator > den:
        raise ValueError(f"{code}: numerator {numerator} exceeds the denominator ({den_en}) {den}")
    value = numerator / den if den else None
    shown = percent_text(value) if value is not None else "—（分母为0）"
    shown_en = percent_text(value) if value is not None else "n/a (denominator is 0)"
    names_zh, names_en = " + ".join(p[0] for p in parts), " + ".join(p[1] for p in parts)
    nums = " + ".join(str(p[2]) for p in parts)
    if len(parts) > 1:
        names_zh, names_en, nums = f"({names_zh})", f"({names_en})", f"({nums})"
    return Figure(code, value, numerator, den, f"{names_zh} ÷ {den_zh} = {nums} ÷ {den} = {shown}",
                  f"{names_en} / {den_en} = {nums} / {den} = {shown_en}")


def _check_counts(counts: Mapping[str, int], concluded: int, definitions: Definitions,
                  terminated_after_correction: int) -> None:
    known = set(DECISION_TYPES) | definitions.correction_types | definitions.resolution_extra_types
    unknown = sorted(set(counts) - known)
    if unknown:
        raise ValueError(f"unknown decision types: {unknown}")
    if any(n < 0 for n in counts.values()) or terminated_after_correction < 0:
        raise ValueError("counts must not be negative")
    # Cases terminated after correction are among the ``terminate`` count when there is one.
    total = sum(counts.values()) + (0 if "terminate" in counts else terminated_after_correction)
    if total > concluded:
        raise ValueError(f"the cases counted ({total}) exceed the cases concluded ({concluded})")
    if "terminate" in counts and terminated_after_correction > counts["terminate"]:
        raise ValueError("terminated_after_correction exceeds the terminated cases")


def _denominator(definitions: Definitions, received: int, concluded: int) -> tuple[str, str, int]:
    zh, en = _DENOMINATOR_LABELS[definitions.denominator]
    return zh, en, received if definitions.denominator == Denominator.RECEIVED else concluded


def direct_correction_rate(counts: Mapping[str, int], *, received: int, concluded: int,
                           definitions: Definitions = DEFAULT,
                           terminated_after_correction: int = 0) -> Figure:
    """直接纠错率 = direct corrections / cases concluded (or received, per ``definitions``).

    ``counts`` maps a decision type to the number of cases concluded with it in the period;
    ``terminated_after_correction`` is how many of the terminated cases ended because the respondent
    corrected the act (counted only with ``count_terminated_after_correction``). Tongzhou 2020:
    33 ÷ 143 = 23.1% ("约为23%"); over the 172 received it would be 19.2%.
    """
    _check_counts(counts, concluded, definitions, terminated_after_correction)
    corrected = sum(n for t, n in counts.items() if t in definitions.correction_types)
    parts = [("直接纠错数", "direct corrections", corrected)]
    if definitions.count_terminated_after_correction:
        parts = [("纠错决定数", "correcting decisions", corrected),
                 ("纠错后终止数", "terminated after correction", terminated_after_correction)]
    return ratio("direct_correction_rate", parts, _denominator(definitions, received, concluded))


def comprehensive_resolution_rate(counts: Mapping[str, int], *, received: int, concluded: int,
                                  definitions: Definitions = DEFAULT,
                                  terminated_after_correction: int = 0) -> Figure:
    """综合化解率 = (direct corrections + mediation + settlement or withdrawal after correction) / concluded.

    The extra decision types come from ``resolution_extra_types``; withdrawals after correction
    (``terminated_after_correction``) count when either flag of ``definitions`` asks for them, once.
    """
    _check_counts(counts, concluded, definitions, terminated_after_correction)
    parts = [("直接纠错数", "direct corrections",
              sum(n for t, n in counts.items() if t in definitions.correction_types))]
    extra = definitions.resolution_extra_types - definitions.correction_types
    if extra:
        label = ("调解数", "mediation") if extra == {"mediation"} else ("其他化解数", "other resolutions")
        parts.append((*label, sum(n for t, n in counts.items() if t in extra)))
    if definitions.count_terminated_after_correction or definitions.resolution_counts_withdrawals:
        parts.append(("纠错后和解撤回数", "withdrawn after correction", terminated_after_correction))
    return ratio("comprehensive_resolution_rate", parts, _denominator(definitions, received, concluded))


def on_time_rate(on_time: int, decided: int) -> Figure:
    """按期办结率 = cases decided within the period of ARL 62 (or 30 days, simplified) / cases decided."""
    return ratio("on_time_rate", [("按期办结数", "decided on time", on_time)],
                 ("作出决定数", "cases decided", decided))
