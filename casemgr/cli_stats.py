"""``casemgr stats``: the figures of a year (or any period) as JSON or a table, for reports and
for checking the dashboard against the model report."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from casemgr.domain.periods import PeriodError, parse_period, year_period

# The flat keys ``--format json`` always carries (README, "casemgr stats").
FLAT_KEYS = (
    "reconsideration.received", "reconsideration.accepted", "reconsideration.not_accepted",
    "reconsideration.concluded", "reconsideration.pending_at_end", "reconsideration.direct_corrections",
    "reconsideration.direct_correction_rate", "reconsideration.comprehensive_resolution_rate",
    "reconsideration.on_time_rate", "reconsideration.extensions", "reconsideration.as_respondent",
    "publication.decisions", "publication.typical_cases", "publication.annual_reports",
    "litigation.received", "litigation.concluded", "litigation.loss_rate", "litigation.loss_rate_agency",
    "litigation.loss_rate_organ", "litigation.head_appearance_rate",
)


def by_area_named(areas: dict) -> dict:
    """Management areas keyed by their Chinese name (the report's words), the code kept inside."""
    from casemgr.domain.catalogues import MANAGEMENT_AREAS, label

    return {label(MANAGEMENT_AREAS, code, "zh"): {**row, "code": code} for code, row in areas.items()}


def flatten(figures: dict) -> dict:
    """The nested figures plus a dotted key for each of them (``"reconsideration.received": 172``),
    so that either ``data["reconsideration"]["received"]`` or ``data["reconsideration.received"]``
    reads a figure."""
    nested = json.loads(json.dumps(figures))
    areas = figures["reconsideration"]["by_management_area"]
    nested["reconsideration"]["by_management_area"] = by_area_named(areas)
    flat = dict(nested)
    for section in ("reconsideration", "publication", "litigation"):
        for name, value in nested[section].items():
            flat[f"{section}.{name}"] = value
    missing = [key for key in FLAT_KEYS if key not in flat]
    if missing:
        raise KeyError(f"figures lack {missing}")
    return flat


def _percent(value) -> str:
    from casemgr.domain.statistics import percent_text

    return percent_text(value)


@click.command("stats")
@click.option("--year", type=int, default=None, help="The calendar year.")
@click.option("--period", default=None, help="Instead of --year: YYYY, YYYY-Qn, YYYY-MM or A..B (dates).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")
@with_appcontext
def stats_command(year: int | None, period: str | None, fmt: str) -> None:
    """Print the office's figures, computed from the cases with the configured definitions."""
    from casemgr import clock
    from casemgr.queries.statistics import statistics_figures
    from casemgr.services.statistics import definitions_get

    try:
        chosen = parse_period(period) if period else year_period(year or clock.today().year)
    except PeriodError as error:
        raise click.UsageError(str(error)) from error
    figures = statistics_figures(chosen, definitions_get())
    flat = flatten(figures)
    if fmt == "json":
        click.echo(json.dumps(flat, ensure_ascii=False, indent=2, sort_keys=True))
        return
    click.echo(f"period {chosen.code} ({chosen.start} .. {chosen.end})")
    for key in FLAT_KEYS:
        value = flat[key]
        shown = _percent(value) if "_rate" in key else value
        click.echo(f"  {key:48} {shown}")
    click.echo("  reconsideration.by_management_area (received / corrected)")
    for area, row in flat["reconsideration.by_management_area"].items():
        click.echo(f"    {area:24} {row['received']:6} {row['corrected']:6}")
    for name, formula in figures["formulas"].items():
        click.echo(f"  {name}: {formula['zh']}")
