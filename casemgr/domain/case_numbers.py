"""Case numbers (案号): organ abbreviation + type code + 〔year〕 + sequence + 号.

The pattern is a ``str.format`` template set by an administrator, with exactly one ``{year}``
and one ``{seq}`` field; either may carry a format spec (``{seq:03d}`` gives 第007号). The
sequence restarts each year with no gaps and no duplicates: the database hands it out
(``CaseNumberSequence``); this module only formats and reads numbers.

Pure standard library.
"""

from __future__ import annotations

import re
from string import Formatter

DEFAULT_PATTERN = "通政复字〔{year}〕第{seq}号"
FIELDS = ("year", "seq")


def _fields(pattern: str) -> list[tuple[str, str | None, str, str | None]]:
    """``(literal, field, spec, conversion)`` parts of the pattern; ValueError on bad braces."""
    return [(literal, field, spec or "", conversion)
            for literal, field, spec, conversion in Formatter().parse(pattern)]


def pattern_problem(pattern: str) -> str | None:
    """A problem code for a case-number pattern, or None when it can be used.

    ``pattern_syntax`` (unbalanced braces, a conversion such as ``!r``, or a format spec that
    does not write a plain decimal number), ``pattern_unknown_field`` (any field but year and seq, including
    ``{}`` and ``{year.real}``), ``pattern_duplicate_field``, ``pattern_missing_year``,
    ``pattern_missing_seq``.
    """
    try:
        parts = _fields(pattern)
    except ValueError:
        return "pattern_syntax"
    seen: list[str] = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in FIELDS:
            return "pattern_unknown_field"
        if field in seen:
            return "pattern_duplicate_field"
        seen.append(field)
        if conversion is not None or not _spec_fits(spec):
            return "pattern_syntax"
    if "year" not in seen:
        return "pattern_missing_year"
    if "seq" not in seen:
        return "pattern_missing_seq"
    return None


def _spec_fits(spec: str) -> bool:
    """A spec fits when it writes whole decimal numbers that read back (03d yes, x, .2f and , no)."""
    try:
        return all(int(format(n, spec).strip()) == n for n in (7, 1234, 2024))
    except (ValueError, TypeError):
        return False


def _checked(pattern: str) -> None:
    problem = pattern_problem(pattern)
    if problem is not None:
        raise ValueError(f"{problem}: {pattern!r}")


def format_case_number(pattern: str, year: int, seq: int) -> str:
    """The case number for ``seq`` in ``year``: ``format_case_number(DEFAULT_PATTERN, 2020, 12)``
    is 通政复字〔2020〕第12号. ValueError for an unusable pattern or a sequence below 1."""
    _checked(pattern)
    if seq < 1:
        raise ValueError(f"sequence numbers start at 1, not {seq}")
    if year < 1:
        raise ValueError(f"not a year: {year}")
    return pattern.format(year=year, seq=seq)


def parse_seq(pattern: str, number: str, year: int) -> int | None:
    """The sequence of ``number`` if it is exactly what ``pattern`` gives for ``year``, else None.

    Only the canonical form is read: with ``{seq:03d}``, 第007号 gives 7 but 第7号 gives None, so
    a number parsed here always formats back to itself.
    """
    _checked(pattern)
    regex = []
    for literal, field, spec, _conversion in _fields(pattern):
        regex.append(re.escape(literal))
        if field == "year":
            regex.append(re.escape(format(year, spec)))
        elif field == "seq":
            regex.append("(?P<seq>.+)")
    match = re.fullmatch("".join(regex), number.strip())
    if match is None:
        return None
    text = match["seq"]
    try:
        seq = int(text.strip())
    except ValueError:
        return None
    if seq < 1 or format_case_number(pattern, year, seq) != number.strip():
        return None
    return seq
