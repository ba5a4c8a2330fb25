"""Case-number patterns: validation, formatting and reading the sequence back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.case_numbers import DEFAULT_PATTERN, format_case_number, parse_seq, pattern_problem

fast = settings(max_examples=150, deadline=None)

PATTERNS = [
    DEFAULT_PATTERN,
    "〔{year}〕溧行复第{seq}号",
    "京政复字〔{year}〕第{seq:03d}号",
    "{year}-{seq:04}",
    "{{A}}{year}{seq}",  # literal braces are escaped by doubling
    "第{seq}号（{year}）",  # the sequence before the year
]


def test_the_default_pattern():
    assert pattern_problem(DEFAULT_PATTERN) is None
    assert format_case_number(DEFAULT_PATTERN, 2020, 12) == "通政复字〔2020〕第12号"
    assert parse_seq(DEFAULT_PATTERN, "通政复字〔2020〕第12号", 2020) == 12


@pytest.mark.parametrize(("pattern", "year", "seq", "number"), [
    ("〔{year}〕溧行复第{seq}号", 2021, 81, "〔2021〕溧行复第81号"),
    ("京政复字〔{year}〕第{seq:03d}号", 2024, 7, "京政复字〔2024〕第007号"),
    ("京政复字〔{year}〕第{seq:03d}号", 2024, 1234, "京政复字〔2024〕第1234号"),
    ("{year}-{seq:04}", 2024, 5, "2024-0005"),
    ("{{A}}{year}{seq}", 2024, 5, "{A}20245"),
])
def test_format_and_parse(pattern, year, seq, number):
    assert format_case_number(pattern, year, seq) == number
    assert parse_seq(pattern, number, year) == seq


@pytest.mark.parametrize(("pattern", "code"), [
    ("", "pattern_missing_year"),
    ("通政复字第{seq}号", "pattern_missing_year"),
    ("通政复字〔{year}〕号", "pattern_missing_seq"),
    ("{org}〔{year}〕第{seq}号", "pattern_unknown_field"),
    ("〔{year}〕第{}号", "pattern_unknown_field"),
    ("〔{0}〕第{seq}号", "pattern_unknown_field"),
    ("〔{year.real}〕第{seq}号", "pattern_unknown_field"),
    ("〔{year}〕第{seq[0]}号", "pattern_unknown_field"),
    ("〔{year}〕{year}第{seq}号", "pattern_duplicate_field"),
    ("〔{year}〕第{seq}-{seq}号", "pattern_duplicate_field"),
    ("〔{year}〕第{seq号", "pattern_syntax"),
    ("〔{year}〕第}{seq}号", "pattern_syntax"),
    ("〔{year!r}〕第{seq}号", "pattern_syntax"),
    ("〔{year}〕第{seq:x}号", "pattern_syntax"),  # hexadecimal
    ("〔{year}〕第{seq:.2f}号", "pattern_syntax"),
    ("〔{year}〕第{seq:,}号", "pattern_syntax"),
    ("〔{year:%Y}〕第{seq}号", "pattern_syntax"),
    ("〔{year}〕第{seq:{width}}号", "pattern_syntax"),
])
def test_pattern_problems(pattern, code):
    assert pattern_problem(pattern) == code


def test_unusable_patterns_and_sequences_raise():
    with pytest.raises(ValueError, match="pattern_missing_seq"):
        format_case_number("〔{year}〕", 2024, 1)
    with pytest.raises(ValueError, match="pattern_unknown_field"):
        parse_seq("{x}{year}{seq}", "2024", 2024)
    with pytest.raises(ValueError):
        format_case_number(DEFAULT_PATTERN, 2024, 0)


@pytest.mark.parametrize(("pattern", "number", "year"), [
    (DEFAULT_PATTERN, "通政复字〔2020〕第12号", 2021),  # another year
    (DEFAULT_PATTERN, "通政复字〔2020〕第号", 2020),
    (DEFAULT_PATTERN, "通政复字〔2020〕第十二号", 2020),
    (DEFAULT_PATTERN, "通政复字〔2020〕第０１２号", 2020),  # full-width digits
    (DEFAULT_PATTERN, "通政复字〔2020〕第012号", 2020),  # not what the pattern writes
    (DEFAULT_PATTERN, "通政复字〔2020〕第0号", 2020),
    (DEFAULT_PATTERN, "通政复字〔2020〕第-3号", 2020),
    (DEFAULT_PATTERN, "通政复字[2020]第12号", 2020),
    (DEFAULT_PATTERN, "通政复字〔2020〕第12号之一", 2020),
    ("京政复字〔{year}〕第{seq:03d}号", "京政复字〔2024〕第7号", 2024),  # not zero-padded
])
def test_parse_refuses_numbers_the_pattern_does_not_write(pattern, number, year):
    assert parse_seq(pattern, number, year) is None


def test_parse_ignores_surrounding_whitespace():
    assert parse_seq(DEFAULT_PATTERN, " 通政复字〔2020〕第12号\n", 2020) == 12


@fast
@given(st.sampled_from(PATTERNS), st.integers(1990, 2100), st.integers(1, 100_000))
def test_format_then_parse_is_the_identity(pattern, year, seq):
    number = format_case_number(pattern, year, seq)
    assert parse_seq(pattern, number, year) == seq
    assert parse_seq(pattern, number, year + 1) is None


@fast
@given(st.sampled_from(PATTERNS), st.integers(2000, 2030), st.integers(1, 9999), st.integers(1, 9999))
def test_different_sequences_give_different_numbers(pattern, year, a, b):
    assert (format_case_number(pattern, year, a) == format_case_number(pattern, year, b)) == (a == b)
