"""Bar charts as geometry for server-side SVG (templates/statistics/_charts.html): no script, no
chart library, nothing fetched from outside, text escaped by the template like any other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    series: int  # 0, 1, ... (colour and legend)
    href: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[str, float, float]]  # text, x, y
    maximum: int
    series: list[str]


def _scale(maximum: int) -> int:
    """A round top for the axis: 1, 2 or 5 times a power of ten, at or above ``maximum``."""
    power = 1
    while True:
        for step in (1, 2, 5):
            if power * step >= maximum:
                return power * step
        power *= 10


def columns(
    groups: list[tuple[str, list[int], list[str]]],
    series: list[str],
    *,
    height: int = 180,
    group_width: int = 44,
) -> Chart:
    """Grouped vertical bars: ``groups`` = (label, values per series, link per series)."""
    maximum = _scale(max([v for _label, values, _links in groups for v in values] + [1]))
    plot_height, top = height - 30, 10
    bar_width = (group_width - 8) / max(len(series), 1)
    bars, labels = [], []
    for i, (label, values, links) in enumerate(groups):
        x0 = 30 + i * group_width
        for s, value in enumerate(values):
            h = plot_height * value / maximum
            bars.append(
                Bar(
                    label,
                    value,
                    x0 + s * bar_width,
                    top + plot_height - h,
                    bar_width - 1,
                    h,
                    s,
                    links[s] if s < len(links) else "",
                )
            )
        labels.append((label, x0 + (group_width - 8) / 2, height - 6))
    return Chart(30 + len(groups) * group_width, height + 4, bars, labels, maximum, series)


def rows(
    items: list[tuple[str, list[int], list[str]]],
    series: list[str],
    *,
    width: int = 520,
    row_height: int = 22,
    label_width: int = 130,
) -> Chart:
    """Horizontal bars, one row per item (management areas), one bar per series in the row."""
    maximum = _scale(max([v for _label, values, _links in items for v in values] + [1]))
    plot = width - label_width - 40
    bars, labels = [], []
    per_bar = (row_height - 4) / max(len(series), 1)
    for i, (label, values, links) in enumerate(items):
        y0 = 4 + i * row_height
        for s, value in enumerate(values):
            bars.append(
                Bar(
                    label,
                    value,
                    label_width,
                    y0 + s * per_bar,
                    plot * value / maximum,
                    per_bar - 1,
                    s,
                    links[s] if s < len(links) else "",
                )
            )
        labels.append((label, label_width - 6, y0 + row_height / 2 + 3))
    return Chart(width, 8 + len(items) * row_height, bars, labels, maximum, series)
