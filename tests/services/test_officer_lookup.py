"""Finding an officer by what a supervisor types (queries/officers.py), on the real database."""

import pytest

from casemgr.queries.officers import (
    MATCHES_SHOWN,
    labelled_username,
    officer_by_id,
    officer_directory,
    officer_label,
    officers_found,
)
from tests.factories import create_user


@pytest.mark.parametrize(("text", "username"), [
    ("王伟 (wangwei2)", "wangwei2"),
    ("王伟（wangwei2）", "wangwei2"),  # full-width brackets, as a Chinese input method types them
    ("  王伟 ( wangwei2 ) ", "wangwei2"),
    ("(wangwei2)", "wangwei2"),
    ("王伟", None),
    ("王伟 (wang wei)", None),  # a username has no spaces
    ("王伟 (wangwei2", None),
])
def test_a_label_names_its_username(text, username):
    assert labelled_username(text) == username


def test_a_label_is_read_back_as_its_username():
    assert labelled_username(officer_label("李 四", "li4")) == "li4"


def names(found):
    return [officer.username for officer in found]


def test_a_label_finds_the_one_officer_even_when_names_are_shared(database):
    create_user(username="wang1", display_name="王伟")
    create_user(username="wang2", display_name="王伟")
    assert names(officers_found("王伟")) == ["wang1", "wang2"]
    assert names(officers_found("王伟 (wang2)")) == ["wang2"]
    assert names(officers_found("wang1")) == ["wang1"]


def test_an_exact_name_beats_names_that_hold_it(database):
    create_user(username="a1", display_name="张三")
    create_user(username="a2", display_name="张三丰")
    assert names(officers_found("张三")) == ["a1"]
    assert names(officers_found("三丰")) == ["a2"]
    assert names(officers_found("A2")) == ["a2"]  # usernames in any case
    assert names(officers_found("%")) == [] and names(officers_found("_")) == []  # wildcards are text


def test_only_officers_are_found_and_former_ones_only_when_asked(database):
    create_user(role="supervisor", username="boss", display_name="李主任")
    gone = create_user(username="li_gone", display_name="李四", active=False)
    assert officers_found("李") == []
    assert names(officers_found("李", active_only=False)) == ["li_gone"]
    assert officer_by_id(gone.id).active is False
    assert officers_found("   ") == []


def test_many_matches_are_cut_after_one_more_than_shown(database):
    for n in range(MATCHES_SHOWN + 3):
        create_user(username=f"chen{n:02d}", display_name=f"陈{n:02d}")
    assert len(officers_found("陈")) == MATCHES_SHOWN + 1


def test_the_directory_lists_active_officers_by_name(database):
    create_user(username="b", display_name="乙")
    create_user(username="a", display_name="甲", active=False)
    create_user(role="supervisor", username="boss")
    assert [o.label for o in officer_directory()] == ["乙 (b)"]
