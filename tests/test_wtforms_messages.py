"""WTForms' own messages (a required field) in the reader's language, from catalogs read once."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from casemgr import i18n


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField(validators=[DataRequired()])


def errors_in(app, language: str) -> list[str]:
    with app.test_request_context("/", method="POST", data={"name": ""}):
        from flask import session

        session["lang"] = language
        app.preprocess_request()
        form = NameForm()
        assert not form.validate()
        return form.name.errors


def test_a_required_field_says_so_in_each_language_and_the_catalog_is_read_once(app):
    i18n._wtforms_catalog.cache_clear()
    assert errors_in(app, "zh") == ["该字段是必填字段。"]
    assert errors_in(app, "en") == ["This field is required."]
    assert errors_in(app, "zh") == ["该字段是必填字段。"]
    assert i18n._wtforms_catalog.cache_info().misses == 2
