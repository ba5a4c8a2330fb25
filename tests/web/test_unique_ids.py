"""No page names one element id twice: a label, a fragment link or a script would find the wrong
element. Every page of the access matrix's world, as every role that may see it."""

import re
from collections import Counter

import pytest

from tests.web.test_access_matrix import ROLES, _client_for, _rules, world  # noqa: F401 (a fixture)

ID = re.compile(r'\sid="([^"]+)"')


@pytest.mark.parametrize("role", ROLES)
def test_every_page_names_each_id_once(app, world, role):  # noqa: F811
    client = _client_for(app, role)
    repeated = {}
    for rule in sorted(_rules(app), key=lambda r: r.endpoint == "auth.logout"):
        if "GET" not in rule.methods:
            continue
        response = client.get(rule.build({arg: world[arg] for arg in rule.arguments})[1])
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        twice = sorted(name for name, count in Counter(ID.findall(response.get_data(as_text=True))).items()
                       if count > 1)
        if twice:
            repeated[rule.endpoint] = twice
    assert repeated == {}
