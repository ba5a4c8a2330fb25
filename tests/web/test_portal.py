"""The public portal: published decisions only, found by a Chinese phrase, with no personal data."""

import re

import pytest

from casemgr.services.errors import ServiceError
from casemgr.services.publication import (
    publication_approve,
    publication_prepare,
    publication_submit,
    publication_withdraw,
    typical_case_save,
)
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD
from tests.services.test_publication import decided_case

PARTY_SECRETS = ("王小明", "11010519491231002X", "13800138000", "某街道1号")


def published(database):
    officer, supervisor, case = decided_case(database)
    publication = publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    publication = publication_submit(actor=officer, case_id=case.id, version=publication.version)
    publication = publication_approve(actor=supervisor, case_id=case.id, version=publication.version)
    return officer, supervisor, case, publication


def crawl(client, start="/"):
    """Every portal page reachable from the start page by following links (no login)."""
    seen, queue, pages = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen or not (url == "/" or url.startswith("/decisions")):
            continue
        seen.add(url)
        response = client.get(url)
        pages[url] = (response.status_code, response.get_data(as_text=True))
        queue += re.findall(r'href="(/[^"]*)"', pages[url][1])
    return pages


def test_a_decision_is_found_by_a_chinese_phrase_and_leaks_nothing(app, client, database):
    _officer, _supervisor, case, publication = published(database)
    page = client.get("/decisions?q=认定事实不清").get_data(as_text=True)
    assert f'data-publication="{publication.id}"' in page
    assert 'data-publication=' not in client.get("/decisions?q=没有这句话").get_data(as_text=True)
    decision = client.get(f"/decisions/{publication.id}").get_data(as_text=True)
    assert case.number in decision and "王某" in decision and case.respondent.name in decision
    pages = crawl(client)
    assert f"/decisions/{publication.id}" in pages
    for url in ("/feed.atom", "/api/decisions", f"/api/decisions/{publication.id}", "/decisions?q=王"):
        response = client.get(url)
        pages[url] = (response.status_code, response.get_data(as_text=True))
    for url, (_status, body) in pages.items():
        for secret in PARTY_SECRETS:
            assert secret not in body, (url, secret)


def test_unpublished_and_withdrawn_decisions_answer_404(client, database):
    officer, supervisor, case = decided_case(database)
    draft = publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    assert client.get(f"/decisions/{draft.id}").status_code == 404
    draft = publication_submit(actor=officer, case_id=case.id, version=draft.version)
    live = publication_approve(actor=supervisor, case_id=case.id, version=draft.version)
    assert client.get(f"/decisions/{live.id}").status_code == 200
    publication_withdraw(actor=supervisor, case_id=case.id, version=live.version, reason="隐私异议")
    assert client.get(f"/decisions/{live.id}").status_code == 404
    assert "data-publication=" not in client.get("/decisions").get_data(as_text=True)


def test_officer_prepares_and_supervisor_publishes_through_the_pages(client, database):
    officer, supervisor, case = decided_case(database)
    login(client, officer.username, DEFAULT_PASSWORD)
    token = csrf_token(client.get(f"/cases/{case.id}/publication").data)
    url = f"/cases/{case.id}/publication"
    client.post(url, data={"csrf_token": token, "extra": "被申请人作出", "kept": ""})
    page = client.get(f"/cases/{case.id}/publication").get_data(as_text=True)
    assert '<mark class="cm-redacted"' in page and 'data-publication-state="draft"' in page
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    client.post(f"{url}/submit", data={"csrf_token": csrf_token(page), "version": version})
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, supervisor.username, DEFAULT_PASSWORD)
    page = client.get(f"/cases/{case.id}/publication").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    client.post(f"{url}/approve", data={"csrf_token": csrf_token(page), "version": version})
    assert 'data-publication-state="published"' in client.get(url).get_data(as_text=True)


def test_the_api_and_the_feed_list_published_decisions_only(client, database):
    import xml.etree.ElementTree as ET

    _officer, supervisor, case, publication = published(database)
    listing = client.get("/api/decisions").get_json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == publication.id
    detail = client.get(f"/api/decisions/{publication.id}").get_json()
    assert "王某" in detail["text"] and detail["decision_type"] == "revoke"
    assert client.get("/api/decisions/999999").status_code == 404
    feed = client.get("/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    entries = ET.fromstring(feed.data).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    publication_withdraw(actor=supervisor, case_id=case.id, version=publication.version, reason="撤回")
    assert client.get("/api/decisions").get_json()["total"] == 0
    assert client.get(f"/api/decisions/{publication.id}").status_code == 404


def test_a_typical_case_with_commentary_and_the_yearly_counts(client, database):
    officer, supervisor, case, publication = published(database)
    with pytest.raises(ServiceError):  # supervisors choose typical cases
        typical_case_save(actor=officer, case_id=case.id, title="标题", commentary="评析")
    typical_case_save(actor=supervisor, case_id=case.id, title="违法建设认定事实不清被撤销案",
                      commentary="本案的典型意义在于……")
    listing = client.get("/typical-cases").get_data(as_text=True)
    assert "违法建设认定事实不清被撤销案" in listing and f'data-publication="{publication.id}"' in listing
    assert "本案的典型意义在于" in client.get(f"/decisions/{publication.id}").get_data(as_text=True)
    year = publication.published_at.year
    row = re.search(rf'<tr data-year="{year}"><td>{year}</td><td>(\d+)</td><td>(\d+)</td>',
                    client.get("/").get_data(as_text=True))
    assert row.groups() == ("1", "1")
    publication_withdraw(actor=supervisor, case_id=case.id, version=publication.version, reason="撤回")
    assert "违法建设认定事实不清被撤销案" not in client.get("/typical-cases").get_data(as_text=True)


def test_short_and_quoted_phrases_are_searched_too(client, database):
    _officer, _supervisor, _case, publication = published(database)
    marker = f'data-publication="{publication.id}"'
    assert marker in client.get("/decisions?q=王某").get_data(as_text=True)  # two characters: no trigram
    assert marker not in client.get('/decisions?q="认定" OR 1').get_data(as_text=True)
    assert client.get("/decisions?q=%25%25%25").status_code == 200
