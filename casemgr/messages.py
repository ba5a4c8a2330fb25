"""User-facing texts for the problem codes that domain functions return."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PROBLEMS = {
    "username_format": _l("Use 3-64 lower-case letters, digits, dots, dashes or underscores, "
                          "starting with a letter."),
    "username_taken": _l("This username is already in use."),
    "password_too_short": _l("The password must have at least 10 characters."),
    "password_letters_and_digits": _l("The password must contain both letters and digits."),
    "password_contains_username": _l("The password must not contain the username."),
    "role_unknown": _l("Choose one of the roles offered."),
    "last_admin": _l("The last active administrator cannot be deactivated or lose the role."),
}

ROLE_NAMES = {
    "officer": _l("Case officer"),
    "supervisor": _l("Supervisor"),
    "admin": _l("Administrator"),
}


def problem_text(code: str) -> str:
    return str(PROBLEMS[code])
