"""Reading a year's holiday notice (国务院办公厅关于某年部分节假日安排的通知) typed or imported by an
administrator. Pure functions: text in, entries and problems out; nothing is saved here.

Accepted lines (one per line; blank lines and lines starting with # are ignored):

    2027-01-01 元旦
    2027-02-06..2027-02-12 春节          (a range, both ends included)
    2027-02-14 春节                       (in the make-up working day box: a Saturday or Sunday)

A CSV file has the header ``date,kind,name`` with kind ``holiday`` or ``makeup_workday``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|~|至)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$")
MAX_RANGE_DAYS = 31


class Kind(StrEnum):
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True)
class Entry:
    day: date
    kind: Kind
    name: str


@dataclass(frozen=True)
class Problem:
    """``code`` is translated by the web layer; ``line`` is 1-based, ``text`` the offending input."""

    code: str
    line: int
    text: str


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_lines(text: str, kind: Kind) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        first = _parse_date(match.group(1)) if match else None
        last = _parse_date(match.group(2)) if match and match.group(2) else first
        if first is None or last is None:
            problems.append(Problem("bad_line", number, line))
            continue
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            problems.append(Problem("bad_range", number, line))
            continue
        name = match.group(3).strip()[:64]
        day = first
        while day <= last:
            entries.append(Entry(day, kind, name))
            day += timedelta(days=1)
    return entries, problems


def parse_csv(text: str) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or not {"date", "kind"} <= {f.strip() for f in reader.fieldnames}:
        return [], [Problem("csv_header", 1, ",".join(reader.fieldnames or []))]
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        day = _parse_date(row.get("date", ""))
        kind = row.get("kind", "")
        if day is None or kind not in {k.value for k in Kind}:
            problems.append(Problem("bad_line", number, ",".join(row.values())))
            continue
        entries.append(Entry(day, Kind(kind), row.get("name", "")[:64]))
    return entries, problems


def check_year(entries: list[Entry], year: int) -> list[Problem]:
    """Rules a notice must satisfy before it replaces a year's calendar."""
    problems = []
    seen: dict[date, Kind] = {}
    for entry in entries:
        text = f"{entry.day.isoformat()} {entry.name}".strip()
        if entry.day.year != year:
            problems.append(Problem("wrong_year", 0, text))
        if entry.kind == Kind.MAKEUP_WORKDAY and entry.day.weekday() < 5:
            problems.append(Problem("makeup_on_weekday", 0, text))
        if seen.get(entry.day, entry.kind) != entry.kind:
            problems.append(Problem("both_kinds", 0, text))
        seen[entry.day] = entry.kind
    return problems


def unique(entries: list[Entry]) -> list[Entry]:
    """One entry per day (the first wins), in date order."""
    by_day: dict[date, Entry] = {}
    for entry in entries:
        by_day.setdefault(entry.day, entry)
    return [by_day[d] for d in sorted(by_day)]
