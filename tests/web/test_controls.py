"""web/controls.py writes labels, inputs and text areas itself (WTForms' widgets are slow): the
HTML must be what WTForms writes, for every field of every form of the application."""

import importlib
import pkgutil
from datetime import date

import pytest
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

import casemgr.web
from casemgr.web.controls import control, label

TRICKY = 'a "quoted" <b>bold</b> & \'single\''


def _forms() -> list[type]:
    for module in pkgutil.walk_packages(casemgr.web.__path__, "casemgr.web."):
        importlib.import_module(module.name)
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        found.append(form)
        todo.extend(form.__subclasses__())
    return sorted({f for f in found if f.__module__.startswith("casemgr.")}, key=lambda f: f.__qualname__)


def _fields(form):
    for field in form:
        if hasattr(field, "entries"):  # a FieldList
            for entry in field.entries:
                yield from (_fields(entry.form) if hasattr(entry, "form") else [entry])
        elif field.type == "FormField":
            yield from _fields(field.form)
        else:
            yield field


def _same(ours: str, theirs: str) -> None:
    assert ours == theirs, f"\nours:   {ours}\ntheirs: {theirs}"


def _filled(field) -> None:
    if isinstance(field, DateField):
        field.data = date(2026, 1, 2)
    elif isinstance(field, IntegerField):
        field.data = 7
    elif isinstance(field, (StringField, TextAreaField)):
        field.data = TRICKY
    elif isinstance(field, SelectMultipleField):
        field.data = [choice.value for choice in field.iter_choices()][:2]
    elif isinstance(field, SelectField) and (values := [c.value for c in field.iter_choices()]):
        field.data = values[-1]


@pytest.mark.parametrize("form_class", _forms(), ids=lambda f: f.__qualname__)
def test_every_field_is_written_as_wtforms_writes_it(app, form_class):
    with app.test_request_context():
        form = form_class(formdata=None, meta={"csrf": False})
        for field in _fields(form):
            if field.type in ("HiddenField", "CSRFTokenField"):
                continue  # written by their own macro (web/hidden_fields.py)
            for filled in (False, True):
                if filled:
                    _filled(field)
                for params in ({"class_": "form-control", "id": "x-y"}, {"class_": "form-control is-bad"}):
                    _same(control(field, **params), field(**params))
                labelled = {"class_": "form-label", "for_": "x-y"}
                _same(label(field, **labelled), field.label(**labelled))


def test_flags_attributes_and_submitted_text_are_written_alike(app):
    class Sample(FlaskForm):
        name = StringField("Name <i>", validators=[DataRequired(), Length(min=2, max=20)],
                           render_kw={"placeholder": 'say "hi"', "data_role": "x", "autofocus": True})
        note = TextAreaField("Note", validators=[Optional(), Length(max=50)], render_kw={"rows": 3})
        on = DateField("On", validators=[DataRequired()])
        count = IntegerField("Count")
        kind = SelectField("Kind", choices=[("", "—"), ("a", "<A> & \"a\""), ("b", "B")],
                           validators=[DataRequired()], render_kw={"size": 2})
        many = SelectMultipleField("Many", choices=[(1, "one"), (2, "two"), (3, "")], coerce=int)
        yes = SelectField("Yes", choices=[(True, "yes"), (False, "no")], coerce=lambda v: v in (True, "True"))

    sent = {"on": "2026-13-45", "count": "x", "name": "<a>", "kind": "a", "many": ["1", "3"], "yes": "True"}
    with app.test_request_context(method="POST", data=sent):
        form = Sample(meta={"csrf": False})
        form.validate()
        for field in form:
            for params in ({}, {"class_": "c", "readonly": True, "aria_label": 'A "b"', "disabled": False,
                                "data_note": Markup('<i title="x">')}):
                _same(control(field, **params), field(**params))
            _same(label(field), field.label())
        assert 'value="2026-13-45"' in control(form.on)  # what was typed is shown again
        assert control(form.name).startswith("<input autofocus ")  # by name, as WTForms
        assert '<option selected value="a">&lt;A&gt; &amp; &#34;a&#34;</option>' in control(form.kind)
        many = control(form.many)
        assert many.count(" selected ") == 2 and '<option selected value="3">3</option>' in many  # no label
