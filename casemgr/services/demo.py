"""Demo data for the embedded default, so that a first look shows a working system."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Agency, Case, Role, User
from casemgr.services.unit_of_work import transaction
from casemgr.services.users import user_create

DEMO_PASSWORD = "demo-pass-2026"
DEMO_ACCOUNTS = (
    ("officer", Role.OFFICER, "张承办"),
    ("officer2", Role.OFFICER, "李承办"),
    ("supervisor", Role.SUPERVISOR, "王负责"),
    ("admin", Role.ADMIN, "赵管理"),
)
DEMO_AGENCIES = (
    ("北京市公安局通州分局", "public_security"),
    ("北京市规划和自然资源委员会通州分局", "natural_resources"),
    ("北京市通州区住房和城乡建设委员会", "housing"),
    ("北京市通州区城市管理综合执法局", "urban_management"),
    ("北京市通州区市场监督管理局", "market_regulation"),
    ("北京市通州区人力资源和社会保障局", "human_resources"),
    ("北京市通州区永顺镇人民政府", "subdistrict"),
    ("北京市通州区北苑街道办事处", "subdistrict"),
)


def _demo_agencies() -> None:
    with transaction() as session:
        existing = set(session.scalars(select(Agency.name)))
        for name, area in DEMO_AGENCIES:
            if name not in existing:
                session.add(Agency(name=name, area=area, created_at=clock.now()))


def _demo_cases(officer: User) -> None:
    """Three applications at different steps, registered and moved through the services."""
    from casemgr.services import acceptance
    from casemgr.services.intake import Application, PartyInput, case_register

    if db.session.scalar(select(func.count()).select_from(Case)):
        return
    agencies = {a.area: a.id for a in db.session.scalars(select(Agency))}
    today = clock.today()
    samples = (
        (3, "urban_management", "coercion", "限期拆除决定书", "刘某某", "110101198001011234"),
        (8, "market_regulation", "penalty", "行政处罚决定书", "陈某某", "11010519491231002X"),
        (12, "public_security", "information_disclosure", "政府信息公开答复", "周某某", ""),
    )
    for days_ago, area, act_type, summary, name, id_number in samples:
        received = today - timedelta(days=days_ago)
        case = case_register(actor=officer, application=Application(
            respondent_id=agencies[area], channel="on_site", received_on=received, act_type=act_type,
            act_number=f"京通{area[:2].upper()}〔{received.year}〕第{days_ago}号",
            act_date=received - timedelta(days=20), act_known_on=received - timedelta(days=15),
            act_summary=summary, requests="请求撤销该行政行为",
            parties=[PartyInput(name=name, id_number=id_number if _valid(id_number) else "",
                                phone="13800138000", address="北京市通州区某街道某号")]))
        if days_ago == 12:
            acceptance.case_accept(actor=officer, case_id=case.id, version=case.version, on=received)
    _demo_published_decision(officer, agencies["urban_management"])


def _demo_published_decision(officer: User, agency_id: int) -> None:
    """One case carried to a published decision, so that the portal has something to show."""
    from casemgr.models import CaseAssignment
    from casemgr.services import acceptance, decisions, publication
    from casemgr.services.intake import Application, PartyInput, case_register

    supervisor = db.session.scalar(select(User).where(User.role == Role.SUPERVISOR.value))
    received = clock.today() - timedelta(days=40)
    case = case_register(actor=officer, application=Application(
        respondent_id=agency_id, channel="post", received_on=received, act_type="coercion",
        act_number="京通城管拆字〔2026〕第88号", act_date=received - timedelta(days=30),
        act_known_on=received - timedelta(days=20), act_summary="限期拆除决定",
        requests="请求撤销被申请人作出的限期拆除决定",
        parties=[PartyInput(name="孙某某", phone="13900139000", address="北京市通州区玉桥街道某小区5号楼")]))
    case = acceptance.case_accept(actor=officer, case_id=case.id, version=case.version, on=received)
    with transaction() as session:
        session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                   assigned_by_id=supervisor.id))
    draft = decisions.DecisionDraft(
        decision_type="revoke", applicant_claims="其房屋系合法建设，被申请人认定事实错误。",
        respondent_claims="申请人未取得建设工程规划许可证。",
        findings="申请人提交的宅基地使用证明显示该房屋建于1990年，早于规划管理范围划定。",
        reasoning="被申请人作出限期拆除决定认定事实不清、证据不足。", legal_basis="第六十四条",
        operative_text="撤销被申请人作出的京通城管拆字〔2026〕第88号限期拆除决定。")
    case_id = case.id
    case = decisions.case_save_decision_draft(actor=officer, case_id=case_id, version=case.version,
                                              draft=draft)
    case = decisions.case_submit_decision(actor=officer, case_id=case_id, version=case.version)
    case = decisions.case_review_decision(actor=supervisor, case_id=case_id, version=case.version,
                                          approve=True)
    decisions.case_issue_decision(actor=officer, case_id=case_id, version=case.version,
                                  on=received + timedelta(days=30))
    public = publication.publication_prepare(actor=officer, case_id=case_id, extra_redactions=[],
                                             kept_texts=[])
    public = publication.publication_submit(actor=officer, case_id=case_id, version=public.version)
    publication.publication_approve(actor=supervisor, case_id=case_id, version=public.version)
    _demo_defence(officer, case_id)


def _demo_defence(officer: User, case_id: int) -> None:
    """A lawsuit against the demo decision (revoked, so the organ alone is sued, ALL 26) and a case in
    which the district government is the respondent, each with its deadline on the board."""
    from flask import current_app

    from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register

    today = clock.today()
    defence_register(actor=officer, data=DefenceInput(
        kind="lawsuit", forum="北京市通州区人民法院", forum_number=f"（{today.year}）京0112行初1号",
        case_id=case_id, plaintiffs=["北京某建筑工程有限公司"], served_on=today - timedelta(days=5),
        defendants=[DefendantInput(current_app.config["ORGAN_NAME"], "organ")],
        subject="不服撤销限期拆除决定的行政复议决定（第三人起诉）", officer_id=officer.id))
    defence_register(actor=officer, data=DefenceInput(
        kind="respondent", forum=current_app.config["HIGHER_ORGAN_NAME"],
        forum_number=f"京政复字〔{today.year}〕第1号", plaintiffs=["钱某某"],
        served_on=today - timedelta(days=2), subject="不服区政府作出的房屋征收决定", officer_id=officer.id))


def _valid(id_number: str) -> bool:
    from casemgr.domain.identifiers import resident_id_problem

    return bool(id_number) and resident_id_problem(id_number) is None


def demo_load() -> list[User]:
    """Create the demo accounts, agencies and cases that do not exist yet (idempotent)."""
    accounts = []
    for username, role, name in DEMO_ACCOUNTS:
        existing = db.session.scalar(select(User).where(User.username == username))
        accounts.append(existing or user_create(actor=None, username=username, password=DEMO_PASSWORD,
                                                role=role.value, display_name=name,
                                                email=f"{username}@demo.casemgr.local"))
    _demo_agencies()
    _demo_cases(accounts[0])
    return accounts
