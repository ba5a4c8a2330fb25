"""Resident ID numbers (GB 11643-1999), unified social credit codes (GB 32100-2015), phone numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.identifiers import (
    RESIDENT_ID_CHECK_MAP,
    USCC_CHARSET,
    normalise_resident_id,
    normalise_uscc,
    phone_problem,
    resident_id_birth_date,
    resident_id_check_char,
    resident_id_problem,
    resident_id_sex,
    uscc_check_char,
    uscc_problem,
)

fast = settings(max_examples=150, deadline=None)

# The sample number of GB 11643-1999 itself.
STANDARD_SAMPLE = "11010519491231002X"


# -- resident ID ----------------------------------------------------------------------------------


def test_the_standard_sample_is_valid():
    assert resident_id_problem(STANDARD_SAMPLE) is None
    assert resident_id_check_char(STANDARD_SAMPLE[:17]) == "X"
    assert resident_id_birth_date(STANDARD_SAMPLE) == date(1949, 12, 31)
    assert resident_id_sex(STANDARD_SAMPLE) == "female"  # 17th digit 2


def test_check_char_worked_by_hand():
    # 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 -> X
    assert RESIDENT_ID_CHECK_MAP[167 % 11] == "X"
    # 11010519491231001: the same sum minus 2 = 165, 165 % 11 = 0 -> 1
    assert resident_id_check_char("11010519491231001") == "1"
    # 11010519491231000: 163 % 11 = 9 -> 3
    assert resident_id_check_char("11010519491231000") == "3"


@pytest.mark.parametrize("text", ["11010519491231002x", " 110105 19491231 002X ", "110105\t19491231002x"])
def test_resident_id_is_normalised(text):
    assert resident_id_problem(text) is None
    assert normalise_resident_id(text) == STANDARD_SAMPLE


@pytest.mark.parametrize(("text", "code"), [
    ("", "id_length"),
    ("11010519491231002", "id_length"),  # the 1st-generation 15-digit card is not accepted
    ("11010519491231002XX", "id_length"),
    ("1101051949123100XX", "id_chars"),  # X only in the last place
    ("11010519491231002A", "id_chars"),
    ("1101051949l231002X", "id_chars"),
    ("１１０１０５１９４９１２３１００２Ｘ", "id_chars"),  # full-width digits
    ("110105194902300000", "id_birth_date"),  # 30 February
    ("110105194913010000", "id_birth_date"),  # month 13
    ("110105000101010000", "id_birth_date"),  # year 0001
    ("110105194912310020", "id_check_digit"),
    ("11010519491231003X", "id_check_digit"),
])
def test_resident_id_problems(text, code):
    assert resident_id_problem(text) == code


def test_birth_date_and_sex_refuse_invalid_numbers():
    with pytest.raises(ValueError, match="id_check_digit"):
        resident_id_birth_date("110105194912310020")
    with pytest.raises(ValueError, match="id_length"):
        resident_id_sex("123")


def test_check_char_needs_17_digits():
    for bad in ("1234", "1101051949123100X", "110105194912310021"):
        with pytest.raises(ValueError):
            resident_id_check_char(bad)


def test_leap_day_birth_dates():
    assert resident_id_problem(_resident_id("110105", date(2000, 2, 29), "123")) is None
    first17 = "110105" + "19000229" + "123"  # 1900 was not a leap year
    assert resident_id_problem(first17 + resident_id_check_char(first17)) == "id_birth_date"


def _resident_id(area: str, born: date, order: str) -> str:
    first17 = area + born.strftime("%Y%m%d") + order
    return first17 + resident_id_check_char(first17)


resident_ids = st.builds(
    _resident_id,
    st.text("0123456789", min_size=6, max_size=6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.text("0123456789", min_size=3, max_size=3),
)


@fast
@given(resident_ids)
def test_any_number_with_a_real_birth_date_and_its_check_char_is_valid(number):
    assert resident_id_problem(number) is None
    assert resident_id_problem(number.lower()) is None
    assert resident_id_birth_date(number).strftime("%Y%m%d") == number[6:14]
    assert resident_id_sex(number) == ("male" if int(number[16]) % 2 else "female")


@fast
@given(resident_ids, st.integers(0, 17), st.integers(1, 9))
def test_changing_any_single_digit_is_caught(number, position, shift):
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = number[position]
    new = alphabet[(alphabet.index(old) + shift) % len(alphabet)]
    changed = number[:position] + new + number[position + 1:]
    # MOD 11-2 catches every single-character error; a changed birth digit may be caught earlier.
    assert resident_id_problem(changed) in {"id_check_digit", "id_birth_date"}
    if not 6 <= position < 14:
        assert resident_id_problem(changed) == "id_check_digit"


# -- unified social credit code -------------------------------------------------------------------

# Codes as published on business licences. A random string passes the check 1 time in 31, so three
# passing is also evidence that the weights and character set are right.
PUBLISHED_USCC = ["91110108551385082Q", "91350100M000100Y43", "91310000717866186P"]


@pytest.mark.parametrize("code", PUBLISHED_USCC)
def test_published_codes_are_valid(code):
    assert uscc_problem(code) is None
    assert uscc_problem(code.lower()) is None
    assert normalise_uscc(" " + code.lower()) == code


def test_check_char_maps_31_to_zero():
    # A weighted sum divisible by 31 gives 31 - 0 = 31, written '0'.
    assert uscc_check_char("0" * 17) == "0"
    assert uscc_check_char("91110000100000000") == "R"  # worked example used by the factories


@pytest.mark.parametrize(("text", "code"), [
    ("", "uscc_length"),
    ("91110108551385082", "uscc_length"),
    ("91110108551385082QQ", "uscc_length"),
    ("91110108551385O82Q", "uscc_chars"),  # letter O
    ("9111010855138508IQ", "uscc_chars"),  # letter I
    ("91110108551385082Z", "uscc_chars"),
    ("91110108551385082-", "uscc_chars"),
    ("91110108551385082R", "uscc_check_digit"),
    ("91110108551385083Q", "uscc_check_digit"),
])
def test_uscc_problems(text, code):
    assert uscc_problem(text) == code


def test_uscc_check_char_needs_17_characters_of_the_set():
    for bad in ("9111", "9111010855138508I", "911101085513850821"):
        with pytest.raises(ValueError):
            uscc_check_char(bad)


usccs = st.text(USCC_CHARSET, min_size=17, max_size=17).map(lambda s: s + uscc_check_char(s))


@fast
@given(usccs)
def test_any_17_characters_with_their_check_char_are_valid(code):
    assert uscc_problem(code) is None


@fast
@given(usccs, st.integers(0, 17), st.integers(1, 30))
def test_changing_any_single_uscc_character_is_caught(code, position, shift):
    old = code[position]
    new = USCC_CHARSET[(USCC_CHARSET.index(old) + shift) % 31]
    changed = code[:position] + new + code[position + 1:]
    assert uscc_problem(changed) == "uscc_check_digit"


# -- phone numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "13812345678", "19912345678", "+8613812345678", "138 1234 5678",
    "010-12345678", "01012345678", "0755-1234567", "0755-12345678", "(010)12345678", "（010）12345678",
    "010-12345678-123", "010-12345678转8001", "0512-1234567#12",
])
def test_valid_phone_numbers(text):
    assert phone_problem(text) is None


@pytest.mark.parametrize("text", [
    "", "12345678901", "1381234567", "138123456789", "23812345678", "12812345678",
    "010-123456", "010-123456789", "10-12345678", "0755--1234567", "12345678", "phone", "13812345678-1",
])
def test_invalid_phone_numbers(text):
    assert phone_problem(text) == "phone_format"
