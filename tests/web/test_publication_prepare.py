"""The public version's forms: what a user typed survives a refusal and a conflict (two users with
forms opened at the same time), and a second save replaces the stored version only on purpose."""

import re

from casemgr.models import Publication, TypicalCase
from casemgr.services.publication import typical_case_save
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.services.test_publication import decided_case
from tests.web.test_portal import published


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


def _typical_form(page: str) -> dict:
    form = re.search(r'<form [^>]*id="typical-case".*?</form>', page, re.S).group(0)
    return {"csrf_token": csrf_token(page), "version": _version(form)}


def test_a_typical_case_commentary_survives_a_refusal_and_a_conflict(client, database):
    _, supervisor, case, _ = published(database)
    other = create_user(role="supervisor")
    login(client, supervisor.username, DEFAULT_PASSWORD)
    url = f"/cases/{case.id}/publication"
    opened = _typical_form(client.get(url).get_data(as_text=True))
    long_text = "本案的典型意义在于：" + "行政机关应当查明事实。" * 300
    refused = client.post(f"{url}/typical", data={**opened, "title": "", "commentary": long_text})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and _typed(page, "commentary") == long_text  # not lost
    assert database.query(TypicalCase).count() == 0

    typical_case_save(actor=other, case_id=case.id, title="另一位负责人的标题",
                      commentary="另一位负责人的评析")
    late = client.post(f"{url}/typical", data={**opened, "title": "违法建设认定事实不清被撤销案",
                                              "commentary": long_text})
    page = late.get_data(as_text=True)
    assert late.status_code == 409 and _typed(page, "commentary") == long_text
    stored = re.search(r'id="stored-typical-case">(.*?)</div>\s*</div>', page, re.S).group(1)
    assert "另一位负责人的评析" in stored
    assert database.query(TypicalCase).one().title == "另一位负责人的标题"  # nothing overwritten
    again = {**_typical_form(page), "title": "违法建设认定事实不清被撤销案", "commentary": long_text}
    assert client.post(f"{url}/typical", data=again).status_code == 302  # replaced knowingly
    database.expire_all()
    assert database.query(TypicalCase).one().commentary == long_text


def test_a_withdrawal_refused_for_want_of_a_reason_shows_the_page_again(client, database):
    _, supervisor, case, publication = published(database)
    login(client, supervisor.username, DEFAULT_PASSWORD)
    page = client.get(f"/cases/{case.id}/publication").get_data(as_text=True)
    seen = {"csrf_token": csrf_token(page), "version": str(publication.version)}
    refused = client.post(f"/cases/{case.id}/publication/withdraw", data={**seen, "note": " "})
    assert refused.status_code == 422 and 'data-action="withdraw"' in refused.get_data(as_text=True)
    stale = client.post(f"/cases/{case.id}/publication/withdraw",
                        data={**seen, "version": "0", "note": "当事人提出隐私异议"})
    text = stale.get_data(as_text=True)
    assert stale.status_code == 409 and 'value="当事人提出隐私异议"' in text  # the reason typed stays
    assert database.get(Publication, publication.id).state == "published"
