"""The steps an officer or supervisor takes on the case page: which form each one shows and which
service it calls. Routes stay thin: validate the form, call the service, redirect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casemgr.services import acceptance, decisions, review
from casemgr.web.cases import forms as f
from casemgr.web.form_versions import version_of


def _common(form, case) -> dict:
    return {"actor": current_user, "case_id": case.id, "version": version_of(form)}


def _note(form) -> str:
    return form.note.data or ""


@dataclass(frozen=True)
class Step:
    form: type
    call: Callable
    title: object
    button: object
    style: str = "btn-primary"
    supervisor_only: bool = False


STEPS: dict[str, Step] = {
    # acceptance review (ARL 30-31)
    "accept": Step(f.DatedStepForm, lambda fm, c: acceptance.case_accept(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("Accept the application"), _l("Accept")),
    "request_supplement": Step(f.ReasonStepForm, lambda fm, c: acceptance.case_request_supplement(
        **_common(fm, c), on=fm.on.data, items=_note(fm)),
        _l("Ask for a supplement (list everything at once)"), _l("Send the supplement notice"),
        "btn-outline-primary"),
    "supplement_received": Step(f.DatedStepForm, lambda fm, c: acceptance.case_supplement_received(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("The supplement arrived"),
        _l("Record the supplement")),
    "not_accept": Step(f.ReasonStepForm, lambda fm, c: acceptance.case_not_accept(
        **_common(fm, c), on=fm.on.data, reason=_note(fm)), _l("Do not accept"), _l("Do not accept"),
        "btn-outline-danger"),
    "refer": Step(f.ReasonStepForm, lambda fm, c: acceptance.case_refer(
        **_common(fm, c), on=fm.on.data, reason=_note(fm)), _l("Tell the applicant the competent organ"),
        _l("Refer"), "btn-outline-secondary"),
    "deem_accepted": Step(f.VersionOnlyForm, lambda fm, c: acceptance.case_deem_accepted(**_common(fm, c)),
                          _l("The review period passed without a refusal"), _l("Deem accepted"),
                          "btn-outline-primary"),
    "deem_abandoned": Step(f.VersionOnlyForm, lambda fm, c: acceptance.case_deem_abandoned(**_common(fm, c)),
                           _l("No supplement within the period"), _l("Deem abandoned"), "btn-outline-danger"),
    # review (ARL 44-62)
    "record_copy_sent": Step(f.CopySentForm, lambda fm, c: review.case_record_copy_sent(
        **_common(fm, c), on=fm.on.data, received_on=fm.received_on.data, note=_note(fm)),
        _l("Copy sent to the respondent"), _l("Record")),
    "record_reply": Step(f.DatedStepForm, lambda fm, c: review.case_record_reply(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("Reply and evidence received"), _l("Record")),
    "schedule_hearing": Step(f.HearingForm, lambda fm, c: review.case_schedule_hearing(
        **_common(fm, c), on=fm.on.data, hearing_on=fm.hearing_on.data, note=_note(fm)),
        _l("Hearing scheduled"), _l("Record"), "btn-outline-primary"),
    "record_hearing": Step(f.DatedStepForm, lambda fm, c: review.case_record_hearing(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("Hearing held"), _l("Record"),
        "btn-outline-primary"),
    "record_investigation": Step(f.InvestigationForm, lambda fm, c: review.case_record_investigation(
        **_common(fm, c), on=fm.on.data, until=fm.until.data, stops_clock=fm.stops_clock.data,
        note=_note(fm)), _l("Investigation"), _l("Record"), "btn-outline-primary"),
    "suspend": Step(f.SuspendForm, lambda fm, c: review.case_suspend(
        **_common(fm, c), on=fm.on.data, ground=fm.ground.data, note=_note(fm)), _l("Suspend the review"),
        _l("Suspend"), "btn-outline-warning"),
    "resume": Step(f.DatedStepForm, lambda fm, c: review.case_resume(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("Resume the review"), _l("Resume")),
    "request_extension": Step(f.ReasonStepForm, lambda fm, c: review.case_request_extension(
        **_common(fm, c), on=fm.on.data, reason=_note(fm)),
        _l("Ask to extend the decision period by 30 days"), _l("Request"), "btn-outline-primary"),
    "approve_extension": Step(f.DatedStepForm, lambda fm, c: review.case_decide_extension(
        **_common(fm, c), on=fm.on.data, approve=True, reason=_note(fm)), _l("Extension requested"),
        _l("Approve the extension"), supervisor_only=True),
    "refuse_extension": Step(f.ReasonStepForm, lambda fm, c: review.case_decide_extension(
        **_common(fm, c), on=fm.on.data, approve=False, reason=_note(fm)), _l("Refuse the extension"),
        _l("Refuse"), "btn-outline-danger", supervisor_only=True),
    "convert_to_ordinary": Step(f.ReasonStepForm, lambda fm, c: review.case_convert_to_ordinary(
        **_common(fm, c), on=fm.on.data, reason=_note(fm)), _l("Convert to the ordinary procedure"),
        _l("Convert"), "btn-outline-secondary", supervisor_only=True),
    "record_mediation": Step(f.DatedStepForm, lambda fm, c: review.case_record_mediation(
        **_common(fm, c), on=fm.on.data, note=_note(fm)), _l("Mediation or settlement talk"), _l("Record"),
        "btn-outline-secondary"),
    # decision (ARL 63-73)
    "submit_decision": Step(f.VersionOnlyForm, lambda fm, c: decisions.case_submit_decision(**_common(fm, c)),
                            _l("Submit the draft decision for approval"), _l("Submit")),
    "approve_decision": Step(f.VersionOnlyForm, lambda fm, c: decisions.case_review_decision(
        **_common(fm, c), approve=True), _l("Approve the decision"), _l("Approve"), supervisor_only=True),
    "send_back": Step(f.SendBackForm, lambda fm, c: decisions.case_review_decision(
        **_common(fm, c), approve=False, comment=_note(fm)), _l("Send the draft back"), _l("Send back"),
        "btn-outline-danger", supervisor_only=True),
    "issue_decision": Step(f.IssueForm, lambda fm, c: decisions.case_issue_decision(
        **_common(fm, c), on=fm.on.data), _l("Issue the decision"), _l("Issue")),
    "archive": Step(f.VersionOnlyForm, lambda fm, c: decisions.case_archive(**_common(fm, c)),
                    _l("Close and archive the case"), _l("Archive"), "btn-outline-secondary"),
}
