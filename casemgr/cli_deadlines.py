"""``casemgr deadline`` and ``casemgr calendar``: the deadline engine and its calendar from the shell."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from casemgr import clock
from casemgr.domain.deadline_rules import ORDINARY, PROCEDURES, RULES, RuleNotFound, select_rule
from casemgr.domain.deadline_text import explain_en, explain_zh
from casemgr.domain.deadlines import compute_deadline

USAGE_ERROR = 2


def fail(message: str) -> None:
    """One line on stderr and exit status 2, as for any bad input."""
    click.echo(f"error: {message}", err=True)
    sys.exit(USAGE_ERROR)


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{what} {text!r} is not a date in the form YYYY-MM-DD")


def _pause(text: str) -> tuple[date, date]:
    begin, sep, end = text.partition(":")
    if not sep:
        fail(f"pause {text!r} must be FROM:TO, e.g. 2024-10-08:2024-10-15")
    first, last = _date(begin, "pause start"), _date(end, "pause end")
    if last < first:
        fail(f"pause {text!r} ends before it starts")
    return first, last


@click.group()
def deadline() -> None:
    """Statutory deadlines: compute one, list the rules."""


@deadline.command("compute")
@click.argument("rule")
@click.argument("start")
@click.option("--procedure", type=click.Choice(PROCEDURES), default=ORDINARY, show_default=True)
@click.option("--extended", is_flag=True, help="An extension was approved (ARL 62: +30 days).")
@click.option("--pause", "pauses", multiple=True, metavar="FROM:TO",
              help="A period when the clock stopped (both days included); may repeat.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@with_appcontext
def compute_command(rule: str, start: str, procedure: str, extended: bool, pauses: tuple[str, ...],
                    lang: str) -> None:
    """Print RULE's due date counted from START (first line, with PROVISIONAL when it is), then why."""
    from casemgr.queries.calendar import work_calendar_get

    start_day = _date(start, "start")
    if rule not in {r.code for r in RULES}:
        fail(f"unknown rule {rule!r}; 'casemgr deadline rules' lists them")
    try:
        chosen = select_rule(rule, start_day, procedure=procedure)
    except RuleNotFound as exc:
        fail(str(exc))
    if extended and not chosen.max_extension_days:
        fail(f"rule {rule!r} ({procedure}) cannot be extended")
    windows = [_pause(p) for p in pauses]
    calendar = work_calendar_get()
    unpaused = compute_deadline(rule, start_day, calendar, procedure=procedure,
                                extension_days=chosen.max_extension_days if extended else 0)
    low, high = sorted((start_day, unpaused.due))
    for first, last in windows:
        if last <= low or first > high:
            fail(f"pause {first}:{last} lies outside the period {low}..{high}")
    try:
        result = compute_deadline(rule, start_day, calendar, procedure=procedure, pauses=windows,
                                  extension_days=chosen.max_extension_days if extended else 0)
    except ValueError as exc:
        fail(str(exc))
    click.echo(result.due.isoformat() + (" PROVISIONAL" if result.provisional else ""))
    for line in (explain_zh if lang == "zh" else explain_en)(result):
        click.echo(f"  {line}")


@deadline.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list the versions of the old laws.")
def rules_command(show_all: bool) -> None:
    """List the rules: code, period, start event, article, in force from."""
    today = clock.today()
    for r in sorted(RULES, key=lambda r: (r.code, r.procedure or "", r.effective_from)):
        current = select_rule(r.code, today, procedure=r.procedure or ORDINARY) == r
        if not show_all and not current:
            continue
        click.echo(f"{r.code:27} {r.procedure or '-':10} {r.amount:>3} {r.unit.value:14} "
                   f"{r.start_event:17} {r.article:13} {r.effective_from}  {r.name_zh}")


@click.group("calendar")
def calendar_group() -> None:
    """The working-day calendar (holidays and make-up working days)."""


@calendar_group.command("import")
@click.argument("year", type=int)
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help="The notice, e.g. 国办发明电〔2026〕1号.")
@with_appcontext
def import_command(year: int, csv_file: Path, source: str) -> None:
    """Replace YEAR's calendar with CSV_FILE (header date,kind,name) and mark it official."""
    from casemgr.domain.calendar_notice import parse_csv
    from casemgr.services.calendar import calendar_year_load
    from casemgr.services.errors import ServiceError

    entries, problems = parse_csv(csv_file.read_text(encoding="utf-8-sig"))
    try:
        loaded = calendar_year_load(actor=None, year=year, entries=entries, source=source,
                                    parse_problems=problems)
    except ServiceError as error:
        fail(error.message)
    click.echo(f"{year}: {loaded.holidays} days off, {loaded.makeup_workdays} make-up working days "
               f"({len(loaded.added)} added, {len(loaded.removed)} removed)")
