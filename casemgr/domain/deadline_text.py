"""Deadline explanations as readable sentences in Chinese and English.

The web layer may also render ``Deadline.explanation`` steps itself; these are the plain texts
used by the command line and stored with each deadline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .calendar import SkipReason
from .deadline_rules import Unit
from .deadlines import Deadline, Step, StepCode

EVENTS_ZH = {
    "received": "收到申请", "acceptance": "受理", "notice_served": "补正通知送达",
    "copy_received": "收到申请书副本", "hearing_date": "听证日", "knew_of_act": "知道行政行为",
    "complaint_served": "起诉状副本送达",
    "judgment_served": "判决书送达", "ruling_served": "裁定书送达", "decision_served": "复议决定书送达",
    "act_made": "行政行为作出", "recommendation_received": "收到司法建议书",
}
EVENTS_EN = {
    "received": "receipt of the application", "acceptance": "acceptance",
    "notice_served": "service of the notice", "copy_received": "receipt of the copy",
    "hearing_date": "the hearing", "knew_of_act": "learning of the act",
    "complaint_served": "service of the complaint", "judgment_served": "service of the judgment",
    "ruling_served": "service of the ruling", "decision_served": "service of the decision",
    "act_made": "the act", "recommendation_received": "receipt of the judicial recommendation",
}
UNITS_ZH = {Unit.WORKING_DAYS: "个工作日", Unit.CALENDAR_DAYS: "日", Unit.MONTHS: "个月", Unit.YEARS: "年"}
UNITS_EN = {Unit.WORKING_DAYS: "working days", Unit.CALENDAR_DAYS: "days", Unit.MONTHS: "months",
            Unit.YEARS: "years"}
REASONS_ZH = {SkipReason.WEEKEND: "周末", SkipReason.HOLIDAY: "法定节假日", SkipReason.PAUSED: "暂停计算"}
REASONS_EN = {
    SkipReason.WEEKEND: "weekend", SkipReason.HOLIDAY: "public holiday", SkipReason.PAUSED: "paused",
}
LAWS_ZH = {"ARL": "《行政复议法》", "ALL": "《行政诉讼法》", "Reg.": "《行政复议法实施条例》"}
_ARTICLE = re.compile(r"^(ARL|ALL|Reg\.)(?:\((\d{4})\))? (\d+)(?:\((\d+)\))?$")


def article_zh(article: str) -> str:
    """'ARL 20(3)' -> '《行政复议法》第20条第3款'; 'ALL(1989) 39' -> '《行政诉讼法》（1989年）第39条'."""
    match = _ARTICLE.match(article)
    if not match:
        return article
    law, year, number, paragraph = match.groups()
    text = LAWS_ZH[law] + (f"（{year}年）" if year else "") + f"第{number}条"
    return text + (f"第{paragraph}款" if paragraph else "")


def _zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _en(d: date) -> str:
    return d.isoformat()


def _days_zh(days: Iterable[date]) -> str:
    return "、".join(_zh(d) for d in days)


def _days_en(days: Iterable[date]) -> str:
    return ", ".join(_en(d) for d in days)


def _sentence_zh(step: Step) -> str:
    p = step.params
    match step.code:
        case StepCode.RULE:
            amount = f"{p['amount']}{UNITS_ZH[p['unit']]}"
            return f"依据{article_zh(str(p['article']))}（{p['name_zh']}）：{amount}。"
        case StepCode.START_NOT_COUNTED:
            return f"起算日{_zh(p['start'])}（{EVENTS_ZH.get(p['event'], p['event'])}）当日不计入。"
        case StepCode.WORKDAYS_COUNTED:
            return f"自次日起计算{p['count']}个工作日，至{_zh(p['end'])}。"
        case StepCode.WORKDAYS_COUNTED_BACKWARD:
            return f"自前一日起向前倒数{p['count']}个工作日，最迟为{_zh(p['end'])}。"
        case StepCode.CALENDAR_DAYS_COUNTED:
            return f"自次日起计算{p['count']}日，至{_zh(p['end'])}。"
        case StepCode.MONTHS_COUNTED:
            return f"按月计算{p['count']}个月，至到期月的对应日{_zh(p['end'])}。"
        case StepCode.YEARS_COUNTED:
            return f"按年计算{p['count']}年，至到期月的对应日{_zh(p['end'])}。"
        case StepCode.MONTH_END_CLAMPED:
            return f"到期月没有{p['day']}日，以月末{_zh(p['end'])}为最后一日。"
        case StepCode.EXTENSION:
            return f"经批准延长{p['days']}日，至{_zh(p['end'])}。"
        case StepCode.PAUSED:
            return (f"{_zh(p['start'])}至{_zh(p['end'])}暂停计算，"
                    f"{p['days']}{UNITS_ZH[p['unit']]}不计入期限。")
        case StepCode.PAUSE_NO_EFFECT:
            return f"{_zh(p['start'])}至{_zh(p['end'])}的暂停不在期间内，不影响期限。"
        case StepCode.PAUSED_TOTAL:
            return f"共{p['days']}{UNITS_ZH[p['unit']]}不计入，期间顺延至{_zh(p['end'])}。"
        case StepCode.DAYS_SKIPPED:
            names = f"（{'、'.join(p['names'])}）" if p.get("names") else ""
            return f"跳过{REASONS_ZH[p['reason']]}{names}：{_days_zh(p['days'])}。"
        case StepCode.MAKEUP_WORKDAYS_COUNTED:
            return f"调休上班日计为工作日：{_days_zh(p['days'])}。"
        case StepCode.LAST_DAY_MOVED:
            return f"期间最后一日{_zh(p['day'])}为{REASONS_ZH[p['reason']]}，顺延至{_zh(p['to'])}。"
        case StepCode.LAST_DAY_MAKEUP_WORKDAY:
            return f"期间最后一日{_zh(p['day'])}为调休上班日，不顺延。"
        case StepCode.PROVISIONAL:
            years = "、".join(f"{y}年" for y in p["years"])
            return f"{years}尚无国务院公布的节假日安排，本期限为暂定，公布后需复核。"
        case StepCode.DUE:
            return f"期限届满日：{_zh(p['due'])}。"
    raise ValueError(f"unknown step {step.code}")


def _sentence_en(step: Step) -> str:
    p = step.params
    match step.code:
        case StepCode.RULE:
            return f"{p['article']} ({p['name_en']}): {p['amount']} {UNITS_EN[p['unit']]}."
        case StepCode.START_NOT_COUNTED:
            event = EVENTS_EN.get(p["event"], p["event"])
            return f"The start day, {_en(p['start'])} ({event}), is not counted."
        case StepCode.WORKDAYS_COUNTED:
            return f"{p['count']} working days counted from the next day, to {_en(p['end'])}."
        case StepCode.WORKDAYS_COUNTED_BACKWARD:
            return f"{p['count']} working days counted backwards from the day before: latest {_en(p['end'])}."
        case StepCode.CALENDAR_DAYS_COUNTED:
            return f"{p['count']} days counted from the next day, to {_en(p['end'])}."
        case StepCode.MONTHS_COUNTED:
            return f"{p['count']} months, to the corresponding day {_en(p['end'])}."
        case StepCode.YEARS_COUNTED:
            return f"{p['count']} years, to the corresponding day {_en(p['end'])}."
        case StepCode.MONTH_END_CLAMPED:
            return f"The final month has no day {p['day']}: its last day, {_en(p['end'])}, is used."
        case StepCode.EXTENSION:
            return f"Extended by {p['days']} days (approved), to {_en(p['end'])}."
        case StepCode.PAUSED:
            return (f"Paused from {_en(p['start'])} to {_en(p['end'])}: "
                    f"{p['days']} {UNITS_EN[p['unit']]} not counted.")
        case StepCode.PAUSE_NO_EFFECT:
            return f"The pause from {_en(p['start'])} to {_en(p['end'])} is outside the period: no effect."
        case StepCode.PAUSED_TOTAL:
            return f"{p['days']} {UNITS_EN[p['unit']]} paused in all: the period runs to {_en(p['end'])}."
        case StepCode.DAYS_SKIPPED:
            names = f", {', '.join(p['names'])}" if p.get("names") else ""
            return f"Skipped ({REASONS_EN[p['reason']]}{names}): {_days_en(p['days'])}."
        case StepCode.MAKEUP_WORKDAYS_COUNTED:
            return f"Make-up working days counted: {_days_en(p['days'])}."
        case StepCode.LAST_DAY_MOVED:
            return (f"The last day, {_en(p['day'])}, is a {REASONS_EN[p['reason']]}: "
                    f"moved to {_en(p['to'])}.")
        case StepCode.LAST_DAY_MAKEUP_WORKDAY:
            return f"The last day, {_en(p['day'])}, is a make-up working day: not moved."
        case StepCode.PROVISIONAL:
            years = ", ".join(str(y) for y in p["years"])
            return f"No official holiday data for {years} yet: provisional, check again once published."
        case StepCode.DUE:
            return f"Due: {_en(p['due'])}."
    raise ValueError(f"unknown step {step.code}")


def explain_zh(deadline: Deadline) -> list[str]:
    """The explanation as Chinese sentences, one per step."""
    return [_sentence_zh(step) for step in deadline.explanation]


def explain_en(deadline: Deadline) -> list[str]:
    """The explanation as English sentences, one per step."""
    return [_sentence_en(step) for step in deadline.explanation]

