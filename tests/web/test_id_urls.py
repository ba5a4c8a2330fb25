from casemgr.web.id_urls import id_url


def test_id_urls_are_what_url_for_builds(app):
    from flask import url_for

    for script_root in ("", "/fuyi"):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}"):
            for endpoint, name in (("cases.show", "case_id"), ("defence.show", "defence_id"),
                                   ("public.decision", "publication_id")):
                for value in (1, 42, 7_391_100_000, "17"):
                    assert id_url(endpoint, **{name: value}) == url_for(endpoint, **{name: int(value)})
            assert id_url("cases.show", case_id=5).startswith(f"{script_root}/cases/")


def test_an_id_is_a_number_or_nothing(app):
    import pytest

    with app.test_request_context("/"), pytest.raises(ValueError):
        id_url("cases.show", case_id="1/../../admin")
