from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from casemgr.messages import ROLE_NAMES


def _role_choices():
    return [(code, name) for code, name in ROLE_NAMES.items()]


class UserCreateForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=100)])
    role = SelectField(_l("Role"), choices=_role_choices)
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[EqualTo("password", message=_l("The passwords differ."))])


class UserEditForm(FlaskForm):
    display_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=100)])
    role = SelectField(_l("Role"), choices=_role_choices)
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=255)])
    active = BooleanField(_l("Active (may log in)"))
    version = HiddenField()


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[EqualTo("password", message=_l("The passwords differ."))])
