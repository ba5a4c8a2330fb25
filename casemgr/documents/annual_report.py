"""The reconsideration and litigation paragraphs of the annual report (法治政府建设年度报告), in
the words of the model report: "承办区政府行政复议案件172件，直接纠错33件，纠错率约为23%，纠错案件集中
在拆迁拆违、专项行动等领域。办理复议区政府案件14件；公开复议决定156篇，典型案例37篇，年度报告3篇。"

Built from the statistics figures; the office edits the draft in Word before it goes out.
"""

from __future__ import annotations

from typing import Any

from casemgr.documents.docx_builder import add_line, add_title, new_document, to_bytes
from casemgr.domain.statistics import about_percent, percent_text

FORMULA_NAMES = {
    "reconsideration.direct_correction_rate": "直接纠错率",
    "reconsideration.on_time_rate": "按期办结率",
    "litigation.loss_rate": "败诉率",
    "litigation.head_appearance_rate": "负责人出庭应诉率",
}


def _rate(value: float | None) -> str:
    return about_percent(value).removeprefix("约为") if value is not None else "—"


def report_paragraphs(figures: dict[str, Any], concentration: list[str]) -> list[str]:
    """The two paragraphs, in Chinese (``concentration``: the areas' Chinese names)."""
    r, p, lit = figures["reconsideration"], figures["publication"], figures["litigation"]
    first = (
        f"充分发挥行政复议化解行政争议“主渠道”作用。承办区政府行政复议案件{r['received']}件，"
        f"直接纠错{r['direct_corrections']}件，纠错率约为{_rate(r['direct_correction_rate'])}"
    )
    if concentration:
        first += f"，纠错案件集中在{'、'.join(concentration)}等领域"
    first += (
        f"。办理复议区政府案件{r['as_respondent']}件；公开复议决定{p['decisions']}篇，"
        f"典型案例{p['typical_cases']}篇，年度报告{p['annual_reports']}篇。"
    )
    second = f"不断提高行政应诉办案质量。代理区政府应诉案件{lit['received']}件，审结{lit['concluded']}件"
    if lit["loss_rate"] is not None:
        second += f"，败诉率{percent_text(lit['loss_rate'])}"
    if lit["head_appearance_rate"] is not None:
        second += f"，行政机关负责人出庭应诉率{percent_text(lit['head_appearance_rate'])}"
    return [first, second + "。"]


def report_docx(figures: dict[str, Any], concentration: list[str], year: int) -> bytes:
    title = f"{year}年行政复议和行政应诉工作情况（草稿）"
    document = new_document(title)
    add_title(document, title)
    for paragraph in report_paragraphs(figures, concentration):
        add_line(document, paragraph)
    formulas = figures["formulas"]
    # The rate's definition goes with the draft: offices divide by different numbers (DOMAIN.md).
    add_line(document, "附：统计口径", indent=False)
    for key in (
        "reconsideration.direct_correction_rate",
        "reconsideration.on_time_rate",
        "litigation.loss_rate",
        "litigation.head_appearance_rate",
    ):
        add_line(document, f"{FORMULA_NAMES[key]}：{formulas[key]['zh']}")
    return to_bytes(document)
