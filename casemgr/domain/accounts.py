"""Rules for user accounts: names and the password policy. Pure functions, no Flask."""

from __future__ import annotations

import re

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{2,63}$")
PASSWORD_MIN_LENGTH = 10


def username_problem(username: str) -> str | None:
    """Return a problem code, or None when the username is acceptable."""
    if not USERNAME_PATTERN.fullmatch(username):
        return "username_format"
    return None


def password_problems(password: str, *, username: str = "") -> list[str]:
    """Problem codes for a password; an empty list means it meets the policy.

    The policy: at least 10 characters, letters and digits both present, and not containing
    the username (the usual rule in government information-security baselines, 等保 2.0).
    """
    problems = []
    if len(password) < PASSWORD_MIN_LENGTH:
        problems.append("password_too_short")
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        problems.append("password_letters_and_digits")
    if username and username.lower() in password.lower():
        problems.append("password_contains_username")
    return problems
