"""The statistics as an Excel workbook in the usual reporting layout (a summary sheet with every
figure and its formula, then one sheet per breakdown) and as CSV. Cells that a spreadsheet would
run as a formula are neutralised by ``exports.cell``."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from casemgr.domain.catalogues import ACT_TYPES, CHANNELS, MANAGEMENT_AREAS, PROCEDURES, label
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.exports import cell

SUMMARY = (  # (section, key, zh, en)
    ("reconsideration", "received", "收案数", "Applications received"),
    ("reconsideration", "accepted", "受理数", "Accepted"),
    ("reconsideration", "not_accepted", "不予受理数", "Not accepted"),
    ("reconsideration", "referred", "告知其他机关数", "Referred"),
    ("reconsideration", "concluded", "审结数", "Concluded"),
    ("reconsideration", "pending_at_end", "期末未结数", "Pending at the end"),
    ("reconsideration", "direct_corrections", "直接纠错数", "Direct corrections"),
    ("reconsideration", "direct_correction_rate", "直接纠错率", "Direct correction rate"),
    ("reconsideration", "comprehensive_resolution_rate", "综合化解率", "Comprehensive resolution rate"),
    ("reconsideration", "on_time_rate", "按期办结率", "On-time rate"),
    ("reconsideration", "extensions", "延期审理数", "Extensions"),
    ("reconsideration", "as_respondent", "区政府作为被申请人案件数", "Cases as respondent"),
    ("publication", "decisions", "公开复议决定数", "Decisions published"),
    ("publication", "typical_cases", "典型案例数", "Typical cases"),
    ("publication", "annual_reports", "年度报告数", "Annual reports"),
    ("litigation", "received", "应诉案件收案数", "Lawsuits received"),
    ("litigation", "concluded", "应诉案件审结数", "Lawsuits concluded"),
    ("litigation", "loss_rate", "败诉率", "Loss rate"),
    ("litigation", "loss_rate_agency", "原行政机关败诉率", "Loss rate, original agencies"),
    ("litigation", "loss_rate_organ", "复议机关败诉率", "Loss rate, reconsideration organ"),
    ("litigation", "head_appearance_rate", "负责人出庭应诉率", "Agency-head appearance rate"),
    ("litigation", "decisions_sued_share", "复议后被诉率", "Decisions sued"),
)
BREAKDOWNS = (
    ("by_management_area", MANAGEMENT_AREAS, "按管理领域", "By management area"),
    ("by_act_type", ACT_TYPES, "按行为类别", "By type of act"),
    ("by_respondent", None, "按被申请人", "By respondent agency"),
    ("by_channel", CHANNELS, "按申请渠道", "By channel"),
    ("by_procedure", PROCEDURES, "按审理程序", "By procedure"),
)


def _zh(language: str) -> bool:
    return language.startswith("zh")


def _value(value: Any, key: str) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def summary_rows(figures: dict, language: str) -> list[list[Any]]:
    rows = []
    for section, key, zh, en in SUMMARY:
        formula = figures["formulas"].get(f"{section}.{key}")
        rows.append(
            [
                zh if _zh(language) else en,
                _value(figures[section][key], key),
                (formula["zh"] if _zh(language) else formula["en"]) if formula else "",
            ]
        )
    return rows


def breakdown_rows(figures: dict, key: str, catalogue, language: str) -> list[list[Any]]:
    return [
        [
            label(catalogue, code, language) if catalogue else code,
            row["received"],
            row["concluded"],
            row["corrected"],
        ]
        for code, row in figures["reconsideration"][key].items()
    ]


def outcome_rows(figures: dict, language: str) -> list[list[Any]]:
    names = {code: (d.zh if _zh(language) else d.en) for code, d in DECISION_TYPES.items()}
    return [
        [names.get(code, code), n]
        for code, n in sorted(figures["reconsideration"]["outcomes"].items(), key=lambda item: -item[1])
    ]


def _headers(language: str) -> tuple[list[str], list[str], list[str], list[str]]:
    if _zh(language):
        return (
            ["项目", "数值", "计算公式"],
            ["分类", "收案", "审结", "直接纠错"],
            ["决定类型", "件数"],
            ["月份", "收案", "审结", "直接纠错"],
        )
    return (
        ["Figure", "Value", "Formula"],
        ["Category", "Received", "Concluded", "Corrected"],
        ["Decision", "Cases"],
        ["Month", "Received", "Concluded", "Corrected"],
    )


def statistics_xlsx(figures: dict, language: str) -> bytes:
    summary_head, breakdown_head, outcome_head, month_head = _headers(language)
    book = Workbook()
    sheet = book.active
    sheet.title = "总表" if _zh(language) else "Summary"
    period = figures["period"]
    sheet.append([cell(f"{period['code']} ({period['start']} – {period['end']})")])
    sheet.append(summary_head)
    for row in summary_rows(figures, language):
        sheet.append([cell(v) for v in row])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["C"].width = 30, 70
    sheets = [
        ("按决定类型" if _zh(language) else "By decision", outcome_head, outcome_rows(figures, language)),
        *(
            (zh if _zh(language) else en, breakdown_head, breakdown_rows(figures, key, catalogue, language))
            for key, catalogue, zh, en in BREAKDOWNS
        ),
        (
            "按月" if _zh(language) else "By month",
            month_head,
            [
                [m["month"], m["received"], m["concluded"], m["corrected"]]
                for m in figures["reconsideration"]["monthly"]
            ],
        ),
    ]
    for title, head, rows in sheets:
        ws = book.create_sheet(title)
        ws.append(head)
        for row in rows:
            ws.append([cell(v) for v in row])
        ws.column_dimensions["A"].width = 28
    for ws in book.worksheets:
        for c in ws[2 if ws is sheet else 1]:
            c.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statistics_csv(figures: dict, language: str) -> str:
    """One table: section, item, then the values (BOM first, so Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    summary_head, *_rest = _headers(language)
    writer.writerow(["", *summary_head])
    for row in summary_rows(figures, language):
        writer.writerow([cell(v) for v in ["summary", *row]])
    for key, catalogue, _zh_title, _en in BREAKDOWNS:
        for row in breakdown_rows(figures, key, catalogue, language):
            writer.writerow([cell(v) for v in [key, *row]])
    for row in outcome_rows(figures, language):
        writer.writerow([cell(v) for v in ["outcomes", *row]])
    return "\ufeff" + out.getvalue()
