"""Forms of the statistics pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SettingsForm(FlaskForm):
    version = HiddenField()
    correction_types = MultiCheckboxField(_l("Decisions that count as a direct correction"))
    count_terminated_after_correction = BooleanField(
        _l("Also count cases terminated after the respondent corrected the act (ARL 74) as corrections")
    )
    resolution_extra_types = MultiCheckboxField(
        _l("Decisions added to the corrections in the resolution rate")
    )
    resolution_counts_withdrawals = BooleanField(
        _l("The resolution rate counts withdrawals after correction")
    )
    denominator = SelectField(
        _l("Rates are divided by"),
        choices=[
            ("concluded", _l("cases concluded in the period")),
            ("received", _l("cases received in the period")),
        ],
    )


class RecomputeForm(FlaskForm):
    period = HiddenField(validators=[DataRequired()])
