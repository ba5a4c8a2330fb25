"""A form field's label and its control as HTML, for the ``field`` macro (_form.html).

WTForms writes each tag's attributes through ``Markup.format`` (~40 us a tag on the benchmark
machine): a decided case's page spent ~0.5 ms on its labels and inputs, the intake form several
times that. The labels, the one-line inputs, the text areas and the selects (each option is a tag: the
intake form's selects had ~80) are written here instead, the same HTML as WTForms' widgets give
(tests/web/test_controls.py renders every field of every form both ways); any other widget
(check boxes, files, grouped options, our officer field) is WTForms'.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.widgets import DateInput, EmailInput, NumberInput, Select, TelInput, TextArea, TextInput

INPUTS = (TextInput, DateInput, EmailInput, NumberInput, TelInput)  # exactly these, not subclasses


def attributes(params: dict) -> str:
    """``params`` as HTML attributes, as wtforms.widgets.html_params writes them (by name; ``class_``
    for class, ``data_x`` for data-x; True alone, False left out; values escaped, quotes too)."""
    written = []
    for key, value in sorted(params.items()):
        key = key.rstrip("_")
        if key.startswith(("data_", "aria_")):
            key = key.replace("_", "-")
        if value is True:
            written.append(key)
        elif value is not False:
            text = escape(value)
            if '"' in text:  # markup is not escaped again, but its quotes must be
                text = text.replace('"', Markup("&quot;"))
            written.append(f'{key}="{text}"')
    return " ".join(written)


def label(field, **params) -> Markup:
    """The field's ``<label>`` (``for_`` as WTForms takes it)."""
    params["for"] = params.pop("for_", field.id)
    return Markup(f"<label {attributes(params)}>{escape(field.label.text)}</label>")


def control(field, **params) -> Markup:
    """The field's input, text area or other control, with ``params`` as attributes."""
    widget = field.widget
    if type(widget) not in (*INPUTS, TextArea, Select) or getattr(field, "_datalist", None) is not None:
        return field(**params)
    if type(widget) is Select and field.has_groups():
        return field(**params)
    if field.render_kw:  # as WTForms' render_field: the field's own attributes, the caller's winning
        params = {**field.render_kw, **params}
    params.setdefault("id", field.id)
    set_flags = vars(field.flags)
    for name in widget.validation_attrs:
        if name in set_flags and name not in params:
            value = set_flags[name]
            params[name] = value() if callable(value) and type(widget) in INPUTS else value
    if type(widget) is Select:
        return _select(field, widget, params)
    if type(widget) is TextArea:
        return Markup(f"<textarea {attributes({'name': field.name, **params})}>\r\n"
                      f"{escape(field._value())}</textarea>")
    params.setdefault("type", widget.input_type)
    params.setdefault("value", field._value())
    return Markup(f"<input {attributes({'name': field.name, **params})}>")


def _select(field, widget: Select, params: dict) -> Markup:
    if widget.multiple:
        params["multiple"] = True
    html = [f"<select {attributes({'name': field.name, **params})}>"]
    for choice in field.iter_choices():
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        option = {"value": value, **(choice.render_kw or {})}
        if choice.selected:
            option["selected"] = True
        html.append(f"<option {attributes(option)}>{escape(choice.label or choice.value)}</option>")
    html.append("</select>")
    return Markup("".join(html))


def init_app(app) -> None:
    app.jinja_env.globals.update(field_label=label, field_control=control)
