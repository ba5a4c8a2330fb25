"""Keyword factories: ``create_user(role="supervisor")`` makes a valid object with sensible defaults.

They write through the models directly (not the services), so that a test states only what it
cares about; service behaviour is tested through the services themselves.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from functools import cache

from werkzeug.security import generate_password_hash

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Agency, Case, User
from casemgr.services.intake import Application

DEFAULT_PASSWORD = "test-pass-2026"
_sequence = itertools.count(1)


@cache
def _default_hash() -> str:
    # Hashing with scrypt costs ~0.1 s; computing it once keeps hundreds of tests fast.
    return generate_password_hash(DEFAULT_PASSWORD, method="scrypt")


def create_user(*, role: str = "officer", username: str | None = None, display_name: str | None = None,
                active: bool = True, email: str | None = None, password: str | None = None) -> User:
    n = next(_sequence)
    username = username or f"{role}{n}"
    user = User(
        username=username,
        display_name=display_name or f"测试{role}{n}",
        role=role,
        email=email,
        active=active,
        password_hash=generate_password_hash(password, method="scrypt") if password else _default_hash(),
        created_at=clock.now(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def create_agency(*, name: str | None = None, area: str = "urban_management") -> Agency:
    n = next(_sequence)
    agency = Agency(name=name or f"测试区城市管理综合执法局{n}", area=area, created_at=clock.now())
    db.session.add(agency)
    db.session.commit()
    return agency


def application(**overrides) -> Application:
    """A complete, valid application: received today, the act known a week before."""
    from casemgr.services.intake import PartyInput

    today = clock.today()
    values = {
        "respondent_id": overrides.pop("respondent_id", None) or create_agency().id,
        "channel": "on_site", "received_on": today, "act_type": "penalty",
        "act_number": "通城管罚字〔2026〕第1号", "act_date": today - timedelta(days=10),
        "act_known_on": today - timedelta(days=7), "act_summary": "罚款二千元",
        "requests": "撤销该行政处罚决定", "procedure": "ordinary",
        "parties": [PartyInput(role="applicant", kind="person", name="王小明", sex="male",
                               id_number="11010519491231002X", phone="13800138000",
                               address="北京市通州区某街道1号")],
    }
    values.update(overrides)
    return Application(**values)


def create_case(*, state: str = "received", actor: User | None = None, **overrides) -> Case:
    """Register a case through the service, then take it to ``state`` the way an officer would."""
    from casemgr.services import acceptance
    from casemgr.services.intake import case_register

    actor = actor or create_user(role="officer")
    case = case_register(actor=actor, application=application(**overrides))
    if state == "received":
        return case
    if state == "accepted":
        return acceptance.case_accept(actor=actor, case_id=case.id, version=case.version, on=case.received_on)
    if state == "awaiting_supplement":
        return acceptance.case_request_supplement(actor=actor, case_id=case.id, version=case.version,
                                                  on=case.received_on, items="身份证明")
    raise ValueError(f"create_case cannot reach state {state!r} yet")


def end_case(case: Case, state: str, **values) -> Case:
    """``case`` put in a closed ``state`` directly (``values``: its other columns), its open deadlines
    cancelled first, as the services do: the database refuses a closed case with an open deadline
    (migration 0027)."""
    from casemgr.services.deadline_rows import deadline_cancel

    deadline_cancel(case)
    for name, value in {"state": state, **values}.items():
        setattr(case, name, value)
    db.session.flush()
    return case


def create_decided_case(*, decision_type: str = "uphold", decided_on=None, actor: User | None = None,
                        **overrides) -> Case:
    """An accepted case marked decided with ``decision_type`` (written directly: the decision path
    itself is tested through the services in test_review_and_decision)."""
    case = create_case(state="accepted", actor=actor, **overrides)
    case.decision_type, case.decision_date = decision_type, decided_on or clock.today()
    case.state = "decided"
    db.session.commit()
    return case
