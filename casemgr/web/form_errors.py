"""Show a service's field problems on the form the user filled in, keeping what they typed."""

from __future__ import annotations

from flask import flash


def _all_fields(form):
    for field in form:
        if hasattr(field, "entries"):  # FieldList
            for entry in field.entries:
                if hasattr(entry, "form"):
                    yield from _all_fields(entry.form)
                else:
                    yield entry
        elif hasattr(field, "form") and field.type == "FormField":
            yield from _all_fields(field.form)
        else:
            yield field


def attach_problems(form, problems: dict[str, list[str]]) -> None:
    by_name = {field.name: field for field in _all_fields(form)}
    for name, messages in problems.items():
        field = by_name.get(name)
        if field is not None:
            field.errors = [*field.errors, *messages]
        else:
            for message in messages:
                flash(message, "danger")
