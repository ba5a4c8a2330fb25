"""User-facing texts for the problem codes that domain functions return."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PROBLEMS = {
    "username_format": _l("Use 3-64 lower-case letters, digits, dots, dashes or underscores, "
                          "starting with a letter."),
    "username_taken": _l("This username is already in use."),
    "password_too_short": _l("The password must have at least 10 characters."),
    "password_letters_and_digits": _l("The password must contain both letters and digits."),
    "password_contains_username": _l("The password must not contain the username."),
    "role_unknown": _l("Choose one of the roles offered."),
    "last_admin": _l("The last active administrator cannot be deactivated or lose the role."),
}

ROLE_NAMES = {
    "officer": _l("Case officer"),
    "supervisor": _l("Supervisor"),
    "admin": _l("Administrator"),
}


def problem_text(code: str) -> str:
    return str(PROBLEMS[code])

STATE_NAMES = {
    "received": _l("Under acceptance review"),
    "awaiting_supplement": _l("Awaiting supplement"),
    "accepted": _l("Under review"),
    "suspended": _l("Suspended"),
    "pending_approval": _l("Decision awaiting approval"),
    "approved": _l("Decision approved"),
    "decided": _l("Decided"),
    "not_accepted": _l("Not accepted"),
    "referred": _l("Referred to the competent organ"),
    "abandoned": _l("Deemed abandoned"),
    "archived": _l("Archived"),
}

ACTION_NAMES = {
    "accept": _l("accept"),
    "deem_accepted": _l("deem accepted"),
    "not_accept": _l("not accept"),
    "refer": _l("refer"),
    "request_supplement": _l("request a supplement"),
    "supplement_received": _l("record the supplement"),
    "deem_abandoned": _l("deem abandoned"),
    "suspend": _l("suspend"),
    "resume": _l("resume"),
    "submit_decision": _l("submit a decision"),
    "send_back": _l("send the decision back"),
    "approve_decision": _l("approve a decision"),
    "issue_decision": _l("issue a decision"),
    "archive": _l("be archived"),
    "record_copy_sent": _l("record the copy sent"),
    "record_reply": _l("record the reply"),
    "schedule_hearing": _l("schedule a hearing"),
    "record_hearing": _l("record a hearing"),
    "record_investigation": _l("record an investigation"),
    "request_extension": _l("request an extension"),
    "approve_extension": _l("approve an extension"),
    "refuse_extension": _l("refuse an extension"),
    "convert_to_ordinary": _l("be converted to the ordinary procedure"),
    "record_mediation": _l("record mediation"),
}

DEADLINE_STATES = {
    "open": _l("open"),
    "met": _l("met"),
    "missed": _l("missed"),
    "paused": _l("paused"),
    "cancelled": _l("cancelled"),
}

DEADLINE_STATUS = {
    "overdue": _l("overdue"),
    "due_today": _l("due today"),
    "due_soon": _l("due within 3 working days"),
    "later": _l("later"),
}

PUBLICATION_STATES = {
    "draft": _l("draft for review"),
    "pending_approval": _l("awaiting approval"),
    "published": _l("published"),
    "withheld": _l("withheld"),
    "withdrawn": _l("withdrawn"),
}

REDACTION_REASONS = {
    "person_name": _l("name of a person"),
    "id_number": _l("ID number"),
    "old_id_number": _l("old ID number"),
    "phone": _l("mobile number"),
    "landline": _l("landline"),
    "bank_card": _l("bank card"),
    "licence_plate": _l("licence plate"),
    "property_certificate": _l("property certificate"),
    "email": _l("e-mail"),
    "address": _l("address"),
    "company_name": _l("company name"),
    "account": _l("account"),
    "custom": _l("added by the officer"),
}

WORKFLOW_ERRORS = {
    "reason_required": _l("Give the reason."),
    "review_period_not_over": _l("The acceptance review period has not ended yet."),
    "supplement_period_not_over": _l("The applicant's time to supplement has not ended yet."),
    "ground_required": _l("Choose the legal ground for the suspension (ARL 39)."),
    "extension_not_allowed": _l("Only an ordinary-procedure case that has not been extended "
                                "can be extended."),
    "no_extension_request": _l("There is no extension request to decide."),
    "already_ordinary": _l("The case is already in the ordinary procedure."),
    "decision_type_required": _l("Choose the type of decision."),
    "not_assigned": _l("Assign an officer to the case first."),
    "decision_date_required": _l("Enter the date of the decision."),
    "extension_already_requested": _l("An extension request is already waiting for the supervisor."),
}

EVENT_NAMES = {
    "imported": _l("Imported from the ledger"),
    "received": _l("Application received"),
    "accepted": _l("Accepted"),
    "deemed_accepted": _l("Deemed accepted (no decision within the review period)"),
    "not_accepted": _l("Not accepted"),
    "referred": _l("Referred to the competent organ"),
    "supplement_requested": _l("Supplement requested"),
    "supplement_received": _l("Supplement received"),
    "deemed_abandoned": _l("Deemed abandoned"),
    "assigned": _l("Officers assigned"),
    "copy_sent": _l("Copy sent to the respondent"),
    "reply_received": _l("Reply and evidence received"),
    "hearing_scheduled": _l("Hearing scheduled"),
    "hearing_held": _l("Hearing held"),
    "investigation": _l("Investigation"),
    "suspended": _l("Suspended"),
    "resumed": _l("Resumed"),
    "extension_requested": _l("Extension requested"),
    "extension_approved": _l("Extension approved"),
    "extension_refused": _l("Extension refused"),
    "converted_to_ordinary": _l("Converted to the ordinary procedure"),
    "mediation": _l("Mediation or settlement talk"),
    "decision_drafted": _l("Decision drafted"),
    "decision_submitted": _l("Decision submitted for approval"),
    "decision_approved": _l("Decision approved"),
    "decision_sent_back": _l("Decision sent back"),
    "decision_issued": _l("Decision issued"),
    "served": _l("Decision served"),
    "archived": _l("Archived"),
}


def workflow_error_text(error) -> str:
    if error.code == "not_allowed_in_state":
        state = STATE_NAMES.get(str(error.params.get("state")), error.params.get("state"))
        action = ACTION_NAMES.get(str(error.params.get("action")), error.params.get("action"))
        return str(_l("A case that is “%(state)s” cannot %(action)s.", state=state, action=action))
    return str(WORKFLOW_ERRORS.get(error.code, error.code))


NOTIFICATION_TEXTS = {
    "reminder_due_day": _l("%(number)s: “%(rule)s” is due today (%(due)s)."),
    "reminder_overdue": _l("%(number)s: “%(rule)s” was due on %(due)s and is overdue."),
    "deadline_moved": _l("%(number)s: the holiday calendar changed, “%(rule)s” is now due on %(new)s "
                         "(was %(old)s)."),
    "digest": _l("Daily summary: %(overdue)s overdue, %(due_today)s due today, %(due_soon)s due within "
                 "3 working days."),
}


class _Blank(dict):
    """Missing parameters show as "?" rather than failing the whole notifications page."""

    def __missing__(self, key: str) -> str:
        return "?"


def notification_text(note, rule_name) -> str:
    params = _Blank({**(note.params or {}), "rule": rule_name((note.params or {}).get("rule", ""))})
    if note.kind.startswith("reminder_before_"):
        return str(_l("%(number)s: “%(rule)s” is due on %(due)s.", **params))
    template = NOTIFICATION_TEXTS.get(note.kind)
    return str(template % params) if template is not None else note.kind
