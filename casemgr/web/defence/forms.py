"""Forms of defence work: registering a lawsuit or respondent case, and its steps."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
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

from casemgr.domain.catalogues import PROCEDURES
from casemgr.web.cases.forms import choices
from casemgr.web.defence.labels import (
    APPEALED_BY_NAMES,
    DEFENDANT_ROLE_NAMES,
    INSTANCE_NAMES,
    JUDGMENT_KIND_NAMES,
)
from casemgr.web.officers.field import OfficerField

DEFENDANT_ROWS = 3


def _named(names):
    return lambda: [(code, str(name)) for code, name in names.items()]


class DefendantRowForm(Form):
    """One defendant row; rows left without a name are ignored."""

    name = StringField(_l("Defendant"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=_named(DEFENDANT_ROLE_NAMES), validate_choice=False)


class DefenceForm(FlaskForm):
    case_id = HiddenField()
    parent_id = HiddenField()
    forum = StringField(_l("Court"), validators=[DataRequired(), Length(max=200)])
    forum_number = StringField(_l("Case number"), validators=[DataRequired(), Length(max=100)])
    instance = SelectField(_l("Instance"), choices=_named(INSTANCE_NAMES))
    served_on = DateField(_l("Date the complaint was served"), validators=[DataRequired()])
    plaintiffs = TextAreaField(_l("Plaintiffs (one per line)"), validators=[DataRequired(), Length(max=5000)])
    defendants = FieldList(FormField(DefendantRowForm), min_entries=DEFENDANT_ROWS, max_entries=10)
    subject = TextAreaField(_l("Subject (the act or decision in dispute)"),
                            validators=[DataRequired(), Length(max=5000)])
    officer = OfficerField(_l("Officer"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])


class RespondentForm(FlaskForm):
    """The district government as respondent before a higher organ (ARL 48)."""

    forum = StringField(_l("Reconsideration organ"), validators=[DataRequired(), Length(max=200)])
    forum_number = StringField(_l("Case number"), validators=[DataRequired(), Length(max=100)])
    procedure = SelectField(_l("Procedure"), choices=choices(PROCEDURES))
    served_on = DateField(_l("Date the copy of the application was received"), validators=[DataRequired()])
    plaintiffs = TextAreaField(_l("Applicants (one per line)"), validators=[DataRequired(), Length(max=5000)])
    subject = TextAreaField(_l("Subject (the act in dispute)"), validators=[DataRequired(), Length(max=5000)])
    officer = OfficerField(_l("Officer"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])


class VersionedForm(FlaskForm):
    version = HiddenField()


class FiledForm(VersionedForm):
    on = DateField(_l("Date filed (posting date counts)"), validators=[DataRequired()])


class HearingForm(VersionedForm):
    on = DateField(_l("Hearing date"), validators=[DataRequired()])
    head_appeared = BooleanField(_l("The agency head appeared in court"))
    head_name = StringField(_l("Name of the head"), validators=[Optional(), Length(max=100)])
    head_title = StringField(_l("Position"), validators=[Optional(), Length(max=100)])
    excuse = StringField(_l("Reason the head did not appear"), validators=[Optional(), Length(max=500)])


class JudgmentForm(VersionedForm):
    kind = SelectField(_l("Kind"), choices=_named(JUDGMENT_KIND_NAMES))
    on = DateField(_l("Date of the judgment or ruling"), validators=[DataRequired()])
    served_on = DateField(_l("Date it was served"), validators=[Optional()])


class AppealForm(VersionedForm):
    by = SelectField(_l("Appealed by"), choices=_named(APPEALED_BY_NAMES))
    on = DateField(_l("Date of the appeal"), validators=[Optional()])


class RecommendationForm(VersionedForm):
    on = DateField(_l("Date received"), validators=[DataRequired()])
    content = TextAreaField(_l("What the court recommends"), validators=[DataRequired(), Length(max=5000)])


class AnswerForm(VersionedForm):
    on = DateField(_l("Date answered"), validators=[DataRequired()])
    answer = TextAreaField(_l("Answer"), validators=[DataRequired(), Length(max=5000)])


class OutcomeForm(VersionedForm):
    outcome = SelectField(_l("Decision"), validate_choice=False)
    on = DateField(_l("Date of the decision"), validators=[DataRequired()])


class AssignOfficerForm(VersionedForm):
    officer = OfficerField(_l("Officer"), validators=[Optional()])
