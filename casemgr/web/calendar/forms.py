from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class YearNoticeForm(FlaskForm):
    loaded = HiddenField()  # when the notice the admin saw was loaded (empty: none was)
    source = StringField(_l("Notice (document number)"), validators=[DataRequired(), Length(max=200)])
    holidays = TextAreaField(_l("Days off"), validators=[Optional(), Length(max=20000)])
    makeup_workdays = TextAreaField(_l("Make-up working days (调休)"),
                                    validators=[Optional(), Length(max=20000)])
    csv_file = FileField(_l("Or import a CSV file (date,kind,name)"),
                         validators=[FileAllowed(["csv", "txt"], _l("Choose a .csv file."))])
