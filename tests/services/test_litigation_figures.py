"""The defence figures on a small hand-built year: every count and rate checked by hand."""

from datetime import date

from casemgr.models import DefenceCase
from casemgr.queries.litigation_figures import litigation_figures
from casemgr.services import defence_steps as steps
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from tests.factories import create_decided_case, create_user

ORGAN = "北京市通州区人民政府"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def _lawsuit(officer, number, served_on, roles, *, case=None, instance="first") -> DefenceCase:
    data = DefenceInput(
        kind="lawsuit",
        forum="北京市通州区人民法院",
        forum_number=number,
        instance=instance,
        case_id=case.id if case else None,
        plaintiffs=["原告"],
        subject="诉讼",
        defendants=[DefendantInput(ORGAN if r == "organ" else "某局", r) for r in roles],
        served_on=served_on,
    )
    return defence_register(actor=officer, data=data)


def _judge(officer, defence, outcomes, on):
    return steps.lawsuit_record_judgment(
        actor=officer,
        defence_id=defence.id,
        version=defence.version,
        kind="judgment",
        on=on,
        served_on=on,
        outcomes=dict(zip([d.id for d in defence.defendants], outcomes, strict=True)),
    )


def _hearing(officer, defence, on, appeared):
    return steps.lawsuit_add_hearing(
        actor=officer,
        defence_id=defence.id,
        version=defence.version,
        on=on,
        head_appeared=appeared,
        head_name="张三" if appeared else "",
        excuse="" if appeared else "公务冲突",
    )


def test_defence_figures_for_a_year(database):
    officer = create_user()
    sued = create_decided_case(decision_type="uphold", decided_on=date(2025, 2, 1))
    create_decided_case(decision_type="revoke", decided_on=date(2025, 3, 1))
    create_decided_case(decision_type="uphold", decided_on=date(2024, 12, 1))  # another year

    # A: co-defendants, both upheld, heard with the head present.
    a = _lawsuit(officer, "A", date(2025, 3, 1), ["agency", "organ"], case=sued)
    a = steps.defence_file(actor=officer, defence_id=a.id, version=a.version, on=date(2025, 3, 10))
    a = _hearing(officer, a, date(2025, 4, 1), True)
    _judge(officer, a, ["upheld", "upheld"], date(2025, 5, 1))
    # B: co-defendants, the original act revoked, the organ's decision upheld; heard, head absent.
    b = _lawsuit(officer, "B", date(2025, 3, 2), ["agency", "organ"])
    b = steps.defence_file(actor=officer, defence_id=b.id, version=b.version, on=date(2025, 3, 20))  # late
    b = _hearing(officer, b, date(2025, 4, 2), False)
    _judge(officer, b, ["revoked", "upheld"], date(2025, 6, 1))
    # C: the organ alone, confirmed illegal; served the year before, so received in 2024.
    c = _lawsuit(officer, "C", date(2024, 11, 1), ["organ"])
    _judge(officer, c, ["confirmed_illegal"], date(2025, 2, 1))
    # D: second instance still pending at the end of the year; E: served the next year.
    _lawsuit(officer, "D", date(2025, 8, 1), ["agency"], instance="second")
    _lawsuit(officer, "E", date(2026, 1, 5), ["agency"])
    # Respondent cases: two received, one revoked by the higher organ.
    for number, outcome in (("R1", "revoke"), ("R2", None)):
        r = defence_register(
            actor=officer,
            data=DefenceInput(
                kind="respondent",
                forum="北京市人民政府",
                forum_number=number,
                plaintiffs=["李某"],
                subject="征收",
                served_on=date(2025, 4, 1),
            ),
        )
        if outcome:
            steps.respondent_record_outcome(
                actor=officer, defence_id=r.id, version=r.version, outcome=outcome, on=date(2025, 6, 1)
            )

    figures = litigation_figures(*YEAR)
    assert figures.lawsuits_received == 3 and figures.lawsuits_by_instance == {"first": 2, "second": 1}
    assert figures.lawsuits_concluded == 3  # A, B and C (C received in 2024)
    assert figures.lawsuits_pending_at_end == 1  # D
    rates = figures.rates
    assert (rates.loss_cases.numerator, rates.loss_cases.denominator) == (2, 3)  # B and C
    assert (rates.loss_agency.numerator, rates.loss_agency.denominator) == (1, 2)  # A upheld, B revoked
    assert (rates.loss_organ.numerator, rates.loss_organ.denominator) == (1, 3)  # only C
    assert rates.loss_cases.formula_zh == "败诉案件数 ÷ 审结案件数 = 2 ÷ 3 = 66.7%"
    assert (rates.head_appearance.numerator, rates.head_appearance.denominator) == (1, 2)
    assert (rates.sued_share.numerator, rates.sued_share.denominator) == (1, 2)
    assert (figures.respondent_received, figures.respondent_concluded, figures.respondent_corrected) == (
        2,
        1,
        1,
    )
    assert figures.defences_late == 1  # B


def test_an_empty_year_has_no_rates(database):
    figures = litigation_figures(date(2001, 1, 1), date(2001, 12, 31))
    assert figures.lawsuits_received == 0 and figures.rates.loss_cases.value is None
    assert figures.rates.loss_cases.text == "—"
