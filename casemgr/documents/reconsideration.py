"""The documents of a reconsideration case, each built from plain values and returned as .docx bytes.

Wording follows the Administrative Reconsideration Law (行政复议法, 2023 revision; "ARL"): acceptance
(ARL 30), supplement (ARL 31), suspension (ARL 39), extension (ARL 62), and the decision itself
(ARL 63-73), which ends with the notice of the right to sue within 15 days, or for a mediation
(调解书, ARL 73) with the statement that it takes effect once signed.
"""

from __future__ import annotations

from datetime import date

from casemgr.documents.docx_builder import (
    add_line,
    add_signature,
    add_text,
    add_title,
    clean,
    cn_date,
    new_document,
    to_bytes,
)
from casemgr.documents.model import DecisionText, DocCase, PartyLine

ARL = "《中华人民共和国行政复议法》"
RIGHT_TO_SUE = "申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。"
MEDIATION_EFFECT = "本调解书经双方当事人签字，即具有法律效力。"
_LABEL = {"applicant": "申请人", "agent": "委托代理人", "third_party": "第三人"}
_SEX = {"male": "男", "female": "女"}


def party_lines(party: PartyLine) -> list[str]:
    """The lines of one party as they stand in a document; only what is known is shown."""
    bits = [clean(party.name)]
    if party.kind == "person":
        if party.sex:
            bits.append(_SEX[party.sex])
        if party.birth_date:
            bits.append(f"{cn_date(party.birth_date)}出生")
        if party.address:
            bits.append(f"住{party.address}")
        if party.id_number:
            bits.append(f"公民身份号码{party.id_number}")
    elif party.address:
        bits.append(f"住所地{party.address}")
    if party.phone:
        bits.append(f"联系电话{party.phone}")
    lines = [f"{_LABEL[party.role]}：{'，'.join(bits)}。"]
    if party.kind == "organisation" and party.legal_representative:
        lines.append(f"法定代表人：{party.legal_representative}。")
    return lines


def respondent_lines(case: DocCase) -> list[str]:
    head = f"被申请人：{case.respondent_name}"
    lines = [f"{head}，住所地{case.respondent_address}。" if case.respondent_address else f"{head}。"]
    if case.respondent_legal_rep:
        lines.append(f"法定代表人：{case.respondent_legal_rep}。")
    return lines


def _heading(doc, case: DocCase, title: str) -> None:
    add_title(doc, case.organ_name)
    add_title(doc, title)
    add_line(doc, case.number, align="right", indent=False)


def _parties(doc, case: DocCase, *, third_parties: bool = True) -> None:
    lines = [line for p in case.with_role("applicant") + case.with_role("agent") for line in party_lines(p)]
    lines += respondent_lines(case)
    if third_parties:
        lines += [line for p in case.with_role("third_party") for line in party_lines(p)]
    for line in lines:
        add_line(doc, line)


def _names(parties) -> str:
    return "、".join(clean(p.name) for p in parties)


def _you(case: DocCase) -> str:
    """How a notice to the applicants addresses them: 你, 你单位 or 你们."""
    applicants = case.with_role("applicant")
    if len(applicants) != 1:
        return "你们"
    return "你" if applicants[0].kind == "person" else "你单位"


def _clause(text: str) -> str:
    """User text that goes inside a sentence: without its own closing punctuation."""
    return clean(text).strip().rstrip("。；;，,. ")


def _check(earlier: date | None, later: date, what: str) -> None:
    if earlier is None:
        raise ValueError(f"{what}: the case has not been accepted")
    if later < earlier:
        raise ValueError(f"{what}: {later} is before {earlier}")


def _notice(case: DocCase, title: str, on: date, addressees: str, body: list[str]) -> bytes:
    doc = new_document(title)
    _heading(doc, case, title)
    add_line(doc, f"{addressees or '申请人'}：", indent=False)
    for text in [*body, "特此通知。"]:
        add_line(doc, text)
    add_signature(doc, case.organ_name, on)
    return to_bytes(doc)


def _all_parties(case: DocCase) -> str:
    names = [_names(case.with_role("applicant")), clean(case.respondent_name),
             _names(case.with_role("third_party"))]
    return "、".join(n for n in names if n)


def _history(case: DocCase, tail: str) -> str:
    received = cn_date(case.received_on)
    return f"申请人不服被申请人{case.act_description}，于{received}向本机关申请行政复议{tail}"


def _accepted_history(case: DocCase) -> str:
    return (f"申请人{_names(case.with_role('applicant'))}不服被申请人{case.respondent_name}"
            f"{case.act_description}，于{cn_date(case.received_on)}向本机关申请行政复议，"
            f"本机关于{cn_date(case.accepted_on)}依法予以受理。")


def decision_document(case: DocCase, decision: DecisionText) -> bytes:
    """行政复议决定书 (行政复议调解书 for a mediation)."""
    _check(case.received_on, decision.decision_date, "decision date")
    mediation = decision.decision_type == "mediation"
    title = "行政复议调解书" if mediation else "行政复议决定书"
    doc = new_document(title)
    _heading(doc, case, title)
    _parties(doc, case)
    add_line(doc, _history(case, "，本机关依法予以受理，现已审理终结。"))
    add_text(doc, "申请人请求：", case.requests)
    add_text(doc, "申请人称：", decision.applicant_claims)
    add_text(doc, "被申请人称：", decision.respondent_claims)
    add_text(doc, "本机关查明：", decision.findings)
    add_text(doc, "本机关认为：", decision.reasoning)
    basis = f"根据{ARL}{_clause(decision.legal_basis)}之规定，"
    add_line(doc, basis + ("经本机关调解，双方当事人自愿达成如下协议：" if mediation else "本机关决定如下："))
    for line in clean(decision.operative_text).split("\n"):
        if line.strip():
            add_line(doc, line.strip())
    add_line(doc, MEDIATION_EFFECT if mediation else RIGHT_TO_SUE)
    add_signature(doc, case.organ_name, decision.decision_date)
    return to_bytes(doc)


def acceptance_notice(case: DocCase, on: date) -> bytes:
    """行政复议受理通知书 to the applicants (ARL 30)."""
    _check(case.received_on, on, "acceptance date")
    you = _you(case)
    body = [f"{you}于{cn_date(case.received_on)}提出的不服{case.respondent_name}{case.act_description}的"
            f"行政复议申请，本机关已收悉。经审查，该申请符合{ARL}第三十条第一款规定的受理条件，"
            f"本机关决定自{cn_date(on)}起予以受理。"]
    return _notice(case, "行政复议受理通知书", on, _names(case.with_role("applicant")), body)


def supplement_notice(case: DocCase, on: date, items: str) -> bytes:
    """补正通知书 (ARL 31): everything to supplement at once, 10 working days from receipt."""
    _check(case.received_on, on, "supplement notice date")
    lines = [line.strip() for line in clean(items).split("\n") if line.strip()]
    if not lines:
        raise ValueError("a supplement notice must list what is to be supplemented")
    you = _you(case)
    body = [f"本机关于{cn_date(case.received_on)}收到{you}提出的不服{case.respondent_name}"
            f"{case.act_description}的行政复议申请。经审查，该申请材料不齐全或者表述不清楚，无法判断是否"
            f"符合受理条件。根据{ARL}第三十一条之规定，请{you}自收到本通知书之日起十个工作日内补正以下材料：",
            *lines,
            f"有正当理由不能按期补正的，可以向本机关申请延长补正期限。无正当理由逾期不补正的，"
            f"视为{you}放弃行政复议申请，并记录在案。"]
    return _notice(case, "补正行政复议申请通知书", on, _names(case.with_role("applicant")), body)


def non_acceptance_decision(case: DocCase, on: date, reason: str) -> bytes:
    """行政复议不予受理决定书 (ARL 30(2)), with the right to sue within 15 days."""
    _check(case.received_on, on, "non-acceptance date")
    title = "行政复议不予受理决定书"
    doc = new_document(title)
    _heading(doc, case, title)
    _parties(doc, case, third_parties=False)
    add_line(doc, _history(case, "。"))
    add_text(doc, "申请人请求：", case.requests)
    add_line(doc, f"经审查，{_clause(reason)}。根据{ARL}第三十条第二款之规定，"
             "本机关决定：对申请人的行政复议申请不予受理。")
    add_line(doc, RIGHT_TO_SUE)
    add_signature(doc, case.organ_name, on)
    return to_bytes(doc)


def extension_notice(case: DocCase, on: date, new_due: date, reason: str) -> bytes:
    """延期审理通知书 to the parties (ARL 62: at most 30 days, approved by the institution's head).

    The 30-day cap is checked by the deadline rules that propose ``new_due``, not here.
    """
    _check(case.accepted_on, on, "extension notice date")
    if new_due <= on:
        raise ValueError(f"the new due date {new_due} must be after the notice date {on}")
    body = [_accepted_history(case),
            f"因{_clause(reason)}，本案不能在规定期限内作出行政复议决定。根据{ARL}第六十二条第一款之规定，"
            f"经本机关行政复议机构负责人批准，本案审理期限延长至{cn_date(new_due)}。"]
    return _notice(case, "行政复议延期审理通知书", on, _all_parties(case), body)


def suspension_notice(case: DocCase, on: date, ground_text: str) -> bytes:
    """中止审理通知书 to the parties (ARL 39)."""
    _check(case.accepted_on, on, "suspension date")
    body = [_accepted_history(case),
            f"因{_clause(ground_text)}，根据{ARL}第三十九条第一款之规定，本机关决定自{cn_date(on)}起中止本案的审理。",
            "中止审理的原因消除后，本机关将及时恢复审理，并书面告知当事人。"]
    return _notice(case, "行政复议中止审理通知书", on, _all_parties(case), body)
