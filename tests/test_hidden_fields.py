"""web/hidden_fields.py renders exactly what Flask-WTF's hidden_tag() renders, values escaped."""

from casemgr.web.cases.forms import AssignForm
from casemgr.web.hidden_fields import hidden_fields


def test_the_same_markup_as_hidden_tag(app):
    with app.test_request_context("/"):
        form = AssignForm(formdata=None)
        form.version.data = 7
        assert str(hidden_fields(form)) == str(form.hidden_tag())
        form.version.data = '"><script>'
        rendered = str(hidden_fields(form))
        assert rendered == str(form.hidden_tag()) and "<script>" not in rendered
