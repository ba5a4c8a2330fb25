"""web/hidden_fields.py renders what Flask-WTF's hidden_tag() renders but the ids, values escaped."""

import re

from casemgr.web.cases.forms import AssignForm
from casemgr.web.hidden_fields import hidden_fields


def _without_ids(html) -> str:
    return re.sub(r'<input id="[^"]*" ', "<input ", str(html))


def test_the_markup_of_hidden_tag_without_ids(app):
    with app.test_request_context("/"):
        form = AssignForm(formdata=None)
        form.version.data = 7
        assert str(hidden_fields(form)) == _without_ids(form.hidden_tag())
        assert 'name="version" type="hidden" value="7"' in str(hidden_fields(form))
        form.version.data = '"><script>'
        rendered = str(hidden_fields(form))
        assert rendered == _without_ids(form.hidden_tag()) and "<script>" not in rendered
