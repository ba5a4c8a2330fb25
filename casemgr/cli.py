"""The administrators' command line: ``casemgr --help``."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup, with_appcontext

from casemgr.cli_audit import audit_group
from casemgr.cli_backup import backup_command, restore_command
from casemgr.cli_deadlines import calendar_group, deadline
from casemgr.cli_redact import redact_command
from casemgr.cli_stats import stats_command
from casemgr.models import Role
from casemgr.services.errors import ServiceError


def _create_app():
    from casemgr import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """casemgr: administrative reconsideration case management."""


main.add_command(deadline)
main.add_command(audit_group)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(calendar_group)
main.add_command(redact_command)
main.add_command(stats_command)


@main.group()
def user() -> None:
    """User accounts."""


@user.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "display_name", default="", help="Full name shown in the interface.")
@click.option("--email", default=None)
@click.option("--password", default=None, help="For scripts; asked for when left out.")
@with_appcontext
def user_create_command(username: str, role: str, display_name: str, email: str | None,
                        password: str | None) -> None:
    """Create a user with ROLE officer, supervisor or admin."""
    from casemgr.services.users import user_create

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        created = user_create(actor=None, username=username, password=password, role=role,
                              display_name=display_name, email=email)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"created {created.username} ({created.role})")


@user.command("list")
@with_appcontext
def user_list_command() -> None:
    """List the accounts."""
    from casemgr.queries.users import user_list

    for u in user_list():
        state = "active" if u.active else "deactivated"
        click.echo(f"{u.username:20} {u.role:11} {state:12} {u.display_name}")


@main.group()
def demo() -> None:
    """Demonstration data."""


@demo.command("load")
@click.option("--year", type=int, default=None,
              help="Also load a whole past year of cases whose figures are the model report's (e.g. 2020).")
@with_appcontext
def demo_load_command(year: int | None) -> None:
    """Create the demo accounts (idempotent) and print them; with --year, a demo year of cases."""
    from casemgr.services.demo import DEMO_PASSWORD, demo_load

    for account in demo_load():
        click.echo(f"  {account.username:12} {account.role:11} password: {DEMO_PASSWORD}")
    if year is not None:
        from casemgr.services.demo_year import demo_year_exists, demo_year_load

        if demo_year_exists(year):  # run again (scripts/demo.sh does): nothing doubles
            click.echo(f"demo year {year}: loaded already")
            return
        try:
            counts = demo_year_load(year)
        except ServiceError as error:
            raise click.ClickException(error.message) from error
        click.echo(f"demo year {year}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@main.group()
def cases() -> None:
    """Cases: importing a historical ledger."""


@cases.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", default=None,
              help="The administrator recorded as importing (default: the first).")
@with_appcontext
def cases_import_command(path: str, username: str | None) -> None:
    """Import past cases from a ledger (.csv or .xlsx, layout in docs/statistics.md): all rows or none."""
    from pathlib import Path

    from sqlalchemy import select

    from casemgr.extensions import db
    from casemgr.models import User
    from casemgr.services.ledger_import import LedgerError, ledger_import, problem_text

    query = select(User).where(User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.id)
    if username:
        query = query.where(User.username == username)
    actor = db.session.scalar(query)
    if actor is None:
        raise click.ClickException("no active administrator" + (f" named {username}" if username else ""))
    try:
        result = ledger_import(actor=actor, data=Path(path).read_bytes(), filename=path)
    except LedgerError as error:
        for problem in error.problems:
            click.echo(problem_text(problem), err=True)
        raise click.ClickException(error.message) from error
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"imported {result.cases} cases ({result.published} published)")
    for name in result.agencies_created:
        click.echo(f"  new respondent agency: {name}")
