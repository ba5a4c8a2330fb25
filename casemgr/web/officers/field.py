"""The officer field as HTML and as a WTForms field: a search box that takes a name, a username or
an officer's label, with the officers' labels suggested as one types (the <datalist> base.html holds
for staff, filled by static/js/officer-names.js the first time such a field is used)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from flask import request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from wtforms import StringField
from wtforms.validators import ValidationError

from casemgr.i18n import current_language
from casemgr.queries.officers import officer_by_id
from casemgr.web.controls import attributes as html_attributes
from casemgr.web.officers.pick import TEXT_LIMIT, OfficerPick, officer_pick

LIST_ID = "officer-names"
DEFAULT_CLASS = "form-control form-control-sm"


def officer_input(name: str, value: str = "", *, id: str | None = None, class_: str = DEFAULT_CLASS,
                  **attributes) -> Markup:
    """``<input>`` of an officer field (``id`` defaults to ``name``); more attributes as WTForms
    takes them (``aria_label=`` for aria-label)."""
    more = f" {html_attributes(attributes)}" if attributes else ""
    common = _common_attributes(current_language(), request.script_root)
    return Markup(f'<input type="search" id="{escape(id or name)}" name="{escape(name)}"'
                  f' value="{escape(value or "")}" class="{escape(class_)}"{more}{common}>')


@functools.cache
def _common_attributes(language: str, script_root: str) -> str:
    """What every officer field says besides its name and value, in ``language`` (a page may have
    several, and a list filter is on every view of it: built once)."""
    names_url, placeholder = url_for("officers.names"), _("Name or username")  # not in the f-string:
    # the catalog's extraction does not look inside one
    return (f' list="{LIST_ID}" autocomplete="off" maxlength="{TEXT_LIMIT}"'
            f' placeholder="{escape(placeholder)}" data-officer-names="{escape(names_url)}"')


def officer_problem_text(pick: OfficerPick) -> str:
    """Why ``pick`` found no officer, with the labels of those it may mean."""
    if not pick.choices:
        return pick.problem
    type_one_of = _("Type one of:")
    return f"{pick.problem} {type_one_of} {'、'.join(o.label for o in pick.choices)}"


def fill_officer_fields(fields, labels: Iterable[str] | None, *, at_least: int = 1) -> None:
    """A list of officer fields (a FieldList of OfficerField) as a form shows it: one field per
    officer of ``labels`` (None: the fields as sent, kept), then empty ones to add an officer, so
    that there are ``at_least`` fields and the last is empty."""
    if labels is not None:
        while fields.entries:
            fields.pop_entry()
        for label in labels:
            fields.append_entry(label)
    while len(fields.entries) < at_least or fields.entries[-1].data:
        fields.append_entry()


class _OfficerWidget:
    def __call__(self, field: OfficerField, **kwargs) -> Markup:
        # WTForms hands the attributes on with "class" for "class_" (its render_field): either way.
        css = kwargs.pop("class", None) or kwargs.pop("class_", None) or DEFAULT_CLASS
        return officer_input(field.name, field._value(), id=kwargs.pop("id", field.id), class_=css, **kwargs)


class OfficerField(StringField):
    """An officer as typed: ``data`` is the text (the officer's label once found) and, after
    validation, ``officer_id`` the officer it names (None when left empty). A text that names no
    officer or several is an error that says so. ``active_only``: only active officers (as
    assignment needs)."""

    widget = _OfficerWidget()

    def __init__(self, label=None, validators=None, *, active_only: bool = True, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.active_only = active_only
        self.officer_id: int | None = None

    def show(self, officer_id: int | None) -> None:
        """Fill the field with the officer of this id (a form shown for an existing record)."""
        officer = officer_by_id(officer_id) if officer_id else None
        self.officer_id = officer.id if officer else None
        self.data = officer.label if officer else ""

    def pre_validate(self, form) -> None:
        pick = officer_pick(self.data, active_only=self.active_only)
        self.officer_id = pick.officer_id
        if pick.problem:
            raise ValidationError(officer_problem_text(pick))
        self.data = pick.text
