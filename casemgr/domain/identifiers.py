"""Identifiers of the parties: resident ID numbers, unified social credit codes, phone numbers.

Each ``*_problem`` function returns a problem code (the web layer translates it) or None when the
text is acceptable. Input is normalised first: whitespace is removed and letters are upper-cased,
so ``11010519491231002x`` and ``110105 19491231 002X`` are the same number (``normalise_*``).

Pure standard library; no clock (a birth date in the future is not checked here).
"""

from __future__ import annotations

import re
from datetime import date

# -- resident ID (公民身份号码, GB 11643-1999) ------------------------------------------------------

RESIDENT_ID_LENGTH = 18
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_MAP = "10X98765432"
# No clock here, so "born in the future" cannot be checked; a floor still rejects 0001-01-01.
MIN_BIRTH_YEAR = 1800

_DIGITS17 = re.compile(r"[0-9]{17}")
_WHITESPACE = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _WHITESPACE.sub("", text).upper()


def normalise_resident_id(text: str) -> str:
    """The stored form: no whitespace, upper-case X."""
    return _compact(text)


def resident_id_check_char(first17: str) -> str:
    """The check character of GB 11643-1999 (ISO 7064 MOD 11-2) for 17 digits."""
    if not _DIGITS17.fullmatch(first17):
        raise ValueError("resident_id_check_char needs exactly 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_MAP[total % 11]


def _birth_date(number: str) -> date | None:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if born.year >= MIN_BIRTH_YEAR else None


def resident_id_problem(text: str) -> str | None:
    """``id_length``, ``id_chars``, ``id_birth_date`` or ``id_check_digit``; None when valid.

    Positions 7-14 are the birth date (YYYYMMDD) and must be a real date; position 17 is odd for
    men and even for women; position 18 is the check character (a digit or X).
    """
    number = _compact(text)
    if len(number) != RESIDENT_ID_LENGTH:
        return "id_length"
    if not _DIGITS17.fullmatch(number[:17]) or number[17] not in "0123456789X":
        return "id_chars"
    if _birth_date(number) is None:
        return "id_birth_date"
    if resident_id_check_char(number[:17]) != number[17]:
        return "id_check_digit"
    return None


def _valid_resident_id(text: str) -> str:
    problem = resident_id_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return _compact(text)


def resident_id_birth_date(text: str) -> date:
    """The date of birth in a valid resident ID; ValueError (with the problem code) otherwise."""
    born = _birth_date(_valid_resident_id(text))
    assert born is not None  # checked by resident_id_problem
    return born


def resident_id_sex(text: str) -> str:
    """``"male"`` when the 17th digit is odd, ``"female"`` when even (GB 11643-1999, 5.3)."""
    return "male" if int(_valid_resident_id(text)[16]) % 2 else "female"


# -- unified social credit code (统一社会信用代码, GB 32100-2015) ---------------------------------

USCC_LENGTH = 18
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}


def normalise_uscc(text: str) -> str:
    """The stored form: no whitespace, upper case."""
    return _compact(text)


def uscc_check_char(first17: str) -> str:
    """The check character of GB 32100-2015: 31 - (weighted sum mod 31), where 31 means '0'."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise ValueError("uscc_check_char needs 17 characters from the USCC character set")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(text: str) -> str | None:
    """``uscc_length``, ``uscc_chars`` or ``uscc_check_digit``; None when valid.

    Only the character set and the check character are verified; the registration authority,
    organisation type and administrative division codes in positions 1-8 are not.
    """
    code = _compact(text)
    if len(code) != USCC_LENGTH:
        return "uscc_length"
    if any(c not in _USCC_VALUE for c in code):
        return "uscc_chars"
    if uscc_check_char(code[:17]) != code[17]:
        return "uscc_check_digit"
    return None


# -- phone numbers --------------------------------------------------------------------------------

# Mainland mobile numbers (optionally +86 / 86), or landlines with a 3- or 4-digit area code
# (optionally in brackets or followed by a hyphen) and an optional extension (-123, 转123, #123).
_MOBILE = re.compile(r"(?:\+?86-?)?1[3-9][0-9]{9}")
_AREA_CODE = r"(?:0[0-9]{2,3}-?|\(0[0-9]{2,3}\)|（0[0-9]{2,3}）)"
_LANDLINE = re.compile(_AREA_CODE + r"[0-9]{7,8}(?:(?:-|转|#)[0-9]{1,6})?")


def normalise_phone(text: str) -> str:
    """The stored form: no whitespace."""
    return _compact(text)


def phone_problem(text: str) -> str | None:
    """``phone_format`` unless the text is a mainland mobile or landline number."""
    phone = _compact(text)
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    return "phone_format"
