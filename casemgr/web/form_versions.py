"""The version of a record a form says its user saw (its hidden ``version`` field), for the
services' conflict check: a record changed since is shown, never silently overwritten."""

from __future__ import annotations


def version_of(form) -> int:
    """The version the form says the user saw; -1 (no version: a conflict) when it is not a number
    (a crafted form: "¹" passes str.isdigit, not int)."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return -1


def version_seen(form) -> int | None:
    """As version_of, for a form that may create its record: None when the field is empty (the
    record did not exist when the form was opened)."""
    return version_of(form) if form.version.data else None
