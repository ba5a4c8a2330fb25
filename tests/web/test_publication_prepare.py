"""Two officers prepare one decision's public version from forms opened at the same time."""

import re

from casemgr.models import Publication
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD
from tests.services.test_publication import decided_case


def _opened(client, case_id: int) -> dict:
    page = client.get(f"/cases/{case_id}/publication").get_data(as_text=True)
    return {"csrf_token": csrf_token(page), "version": _version(page)}


def _version(page: str) -> str:
    found = re.search(r'name="version" type="hidden" value="([^"]*)"', page)
    return found.group(1) if found else ""


def _typed(page: str, name: str) -> str:
    return re.search(rf'<textarea [^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S).group(1).strip()


def test_the_second_officer_sees_the_first_ones_lists_and_replaces_them_only_on_purpose(client, database):
    officer, _, case = decided_case(database)
    login(client, officer.username, DEFAULT_PASSWORD)
    first, second = _opened(client, case.id), _opened(client, case.id)  # both opened before a save
    assert first["version"] == ""  # nothing prepared yet
    url = f"/cases/{case.id}/publication"
    assert client.post(url, data={**first, "extra": "被误登记"}).status_code == 302
    late = client.post(url, data={**second, "extra": "某街道", "kept": "通州区"})
    page = late.get_data(as_text=True)
    assert late.status_code == 409
    assert "被误登记" in re.search(r'id="stored-lists">(.*?)</div>', page, re.S).group(1)
    assert (_typed(page, "extra"), _typed(page, "kept")) == ("某街道", "通州区")  # kept in the form
    database.expire_all()
    assert database.query(Publication).one().extra_redactions == ["被误登记"]  # nothing overwritten

    again = {"csrf_token": csrf_token(page), "version": _version(page), "extra": "某街道", "kept": "通州区"}
    assert again["version"] == "1"  # the stored version now: saving again replaces it knowingly
    assert client.post(url, data=again).status_code == 302
    database.expire_all()
    assert database.query(Publication).one().extra_redactions == ["某街道"]
