from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from casemgr.domain.catalogues import (
    ACT_TYPES,
    CHANNELS,
    MANAGEMENT_AREAS,
    PARTY_KINDS,
    PARTY_ROLES,
    PROCEDURES,
    labelled,
)
from casemgr.domain.workflow import DECISION_TYPES, SUSPENSION_GROUNDS
from casemgr.i18n import current_language
from casemgr.services.intake import PartyInput
from casemgr.web.officers.field import OfficerField
from casemgr.web.query_args import record_id

PARTY_ROWS = 4


def choices(catalogue):
    return lambda: list(labelled(catalogue, current_language()))


class PartyForm(Form):
    """One party row; rows left without a name are ignored."""

    # Spare rows are ignored, so their selects are not checked here; the service checks filled rows.
    role = SelectField(_l("Role"), choices=choices(PARTY_ROLES), validate_choice=False)
    kind = SelectField(_l("Kind"), choices=choices(PARTY_KINDS), validate_choice=False)
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=[("", "—"), ("male", _l("Male")), ("female", _l("Female"))],
                      validate_choice=False, validators=[Optional()])
    birth_date = DateField(_l("Date of birth"), validators=[Optional()])
    id_number = StringField(_l("ID number / credit code"), validators=[Optional(), Length(max=32)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    legal_representative = StringField(_l("Legal representative"), validators=[Optional(), Length(max=100)])


class IntakeForm(FlaskForm):
    received_on = DateField(_l("Date received"), validators=[DataRequired()])
    channel = SelectField(_l("Channel"), choices=choices(CHANNELS))
    procedure = SelectField(_l("Procedure"), choices=choices(PROCEDURES))
    respondent_id = SelectField(_l("Respondent agency"), coerce=record_id, validate_choice=False)
    area = SelectField(_l("Management area"), validate_choice=False, choices=lambda: [
        ("", _l("the respondent agency's own")), *choices(MANAGEMENT_AREAS)()])
    act_type = SelectField(_l("Type of act"), choices=choices(ACT_TYPES))
    act_number = StringField(_l("Document number of the act"), validators=[Optional(), Length(max=200)])
    act_date = DateField(_l("Date the act was made"), validators=[Optional()])
    act_known_on = DateField(_l("Date the applicant learned of it"), validators=[Optional()])
    told_of_right = BooleanField(_l("The act told the applicant of the right to apply"), default=True)
    real_property = BooleanField(_l("The act concerns real property"))
    act_summary = TextAreaField(_l("Summary of the act"), validators=[Optional(), Length(max=5000)])
    requests = TextAreaField(_l("Requests"), validators=[Optional(), Length(max=5000)])
    parties = FieldList(FormField(PartyForm), min_entries=PARTY_ROWS, max_entries=20)


class DatedStepForm(FlaskForm):
    """A step taken on a date, with an optional note (accept, supplement received)."""

    version = HiddenField()
    on = DateField(_l("Date"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class ReasonStepForm(DatedStepForm):
    note = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


class VersionOnlyForm(FlaskForm):
    version = HiddenField()


class AssignForm(FlaskForm):
    """The case's officers, each typed (a province has a thousand: no list to choose from)."""
    version = HiddenField()
    officers = FieldList(OfficerField(_l("Officer")), max_entries=10)


def filled_parties(form: IntakeForm) -> list[tuple[int, PartyInput]]:
    """The party rows with a name, with their row numbers (empty rows are spare rows)."""
    rows = []
    for index, entry in enumerate(form.parties):
        f = entry.form
        if (f.name.data or "").strip():
            rows.append((index, PartyInput(
                role=f.role.data, kind=f.kind.data, name=f.name.data, sex=f.sex.data or None,
                birth_date=f.birth_date.data, id_number=f.id_number.data or "", phone=f.phone.data or "",
                address=f.address.data or "", legal_representative=f.legal_representative.data or "")))
    return rows


def renumber_party_problems(problems: dict[str, list[str]], row_numbers: list[int]) -> dict[str, list[str]]:
    """The service numbers the parties it was given; the form numbers its rows, spare ones included."""
    renumbered = {}
    for key, messages in problems.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == "parties" and parts[1].isdigit():
            key = f"parties-{row_numbers[int(parts[1])]}-{parts[2]}"
        renumbered[key] = messages
    return renumbered


class CopySentForm(DatedStepForm):
    received_on = DateField(_l("Date the respondent received the copy"), validators=[Optional()])


class HearingForm(DatedStepForm):
    on = DateField(_l("Date the parties were notified"), validators=[DataRequired()])
    hearing_on = DateField(_l("Date of the hearing"), validators=[DataRequired()])


class InvestigationForm(DatedStepForm):
    until = DateField(_l("Last day"), validators=[Optional()])
    stops_clock = BooleanField(_l("Site inspection or expert appraisal: not counted in the decision period"))


class SuspendForm(DatedStepForm):
    ground = SelectField(_l("Legal ground (ARL 39)"), validate_choice=False,
                         choices=lambda: [(g.code, g.zh) for g in SUSPENSION_GROUNDS.values()])


class DecisionDraftForm(FlaskForm):
    version = HiddenField()
    decision_type = SelectField(_l("Type of decision"), validate_choice=False,
                                choices=lambda: decision_choices())
    applicant_claims = TextAreaField(_l("The applicant says"), validators=[Optional(), Length(max=20000)])
    respondent_claims = TextAreaField(_l("The respondent says"), validators=[Optional(), Length(max=20000)])
    findings = TextAreaField(_l("Findings"), validators=[Optional(), Length(max=20000)])
    reasoning = TextAreaField(_l("Reasoning"), validators=[Optional(), Length(max=20000)])
    legal_basis = StringField(_l("Legal basis (article of the law)"),
                              validators=[Optional(), Length(max=200)])
    operative_text = TextAreaField(_l("The decision"), validators=[Optional(), Length(max=20000)])
    withdrawn_after_correction = BooleanField(
        _l("Termination: the applicant withdrew after the respondent corrected the act (ARL 74)"))


class ServiceForm(FlaskForm):
    version = HiddenField()
    party_id = SelectField(_l("Party"), coerce=record_id, validate_choice=False)
    on = DateField(_l("Date served"), validators=[DataRequired()])
    method = StringField(_l("How (in person, by post, ...)"), validators=[Optional(), Length(max=40)])


class SendBackForm(FlaskForm):
    version = HiddenField()
    note = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class IssueForm(FlaskForm):
    version = HiddenField()
    on = DateField(_l("Date of the decision"), validators=[DataRequired()])


def decision_choices() -> list[tuple[str, str]]:
    zh = current_language() == "zh"
    return [(d.code, f"{d.zh}（{d.article}）" if zh else f"{d.en} ({d.article})")
            for d in DECISION_TYPES.values()]


class AttachmentForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    description = StringField(_l("Description"), validators=[Optional(), Length(max=200)])
