"""The board's deadline rows as HTML, built here rather than in the template: a board shows up to
100 rows of ~18 escaped values each, and Jinja spent ~55 us a row on them (5.5 ms of a board at a
million cases on the benchmark machine); the same markup from one f-string a row costs a fraction.
Every value that is not an integer or a date is escaped here, as the template would (a test puts
markup in a case number, an agency, an officer's name and an explanation)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from html import escape as html_escape

from flask_babel import gettext as _
from markupsafe import Markup, escape

from casemgr.domain.catalogues import MANAGEMENT_AREAS, label
from casemgr.domain.deadline_rules import RULE_NAMES
from casemgr.i18n import current_language
from casemgr.queries.board import BoardRow, OfficerLoad
from casemgr.web.id_urls import id_url_pattern


def _link(row: BoardRow, case_url: str, defence_url: str) -> str:
    """The row's case or defence case, from the endpoints' URL patterns (id_url_pattern)."""
    if row.case_id is not None:
        return case_url.format(case_id=int(row.case_id))
    return defence_url.format(defence_id=int(row.defence_case_id))


@functools.cache
def _names(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The steps' and management areas' names in ``language``, escaped once: 100 rows ask for them."""
    which = 0 if language == "zh" else 1
    return ({code: str(escape(names[which])) for code, names in RULE_NAMES.items()},
            {code: str(escape(label(MANAGEMENT_AREAS, code, language))) for code in MANAGEMENT_AREAS})


def _e(value: str) -> str:
    """``value`` escaped for HTML text and attribute values (quotes too). The standard library's
    escape returns a plain string: markupsafe's makes a Markup object of each of a board's ~500
    values, and unwrapping it again took about twice as long (~0.15 ms a board)."""
    return html_escape(value, quote=True)


def officer_rows(per_officer: Iterable[OfficerLoad], board_url: str | None = None) -> Markup:
    """The per-officer table's rows (up to OFFICERS_SHOWN): name, open deadlines, overdue ones; each
    name a link to the board filtered to that officer when ``board_url`` (the board with the other
    filters) is given."""
    joiner = "&" if board_url and "?" in board_url else "?"
    html = []
    for row in per_officer:
        name, opened, overdue = escape(row.name), int(row.open), int(row.overdue)
        shown = name
        if board_url:
            shown = f'<a href="{_e(f"{board_url}{joiner}officer={int(row.user_id)}")}">{name}</a>'
        html.append(f'<tr data-officer="{name}" data-open="{opened}" data-overdue="{overdue}">'
                    f"<td>{shown}</td><td>{opened}</td><td>{overdue}</td></tr>\n")
    return Markup("".join(html))


def board_rows(rows: Iterable[BoardRow], group: str) -> Markup:
    """One ``<tr>`` per row of ``group`` (overdue, due_today, ...), in the reader's language."""
    language = current_language()
    rules, areas = _names(language)
    why, provisional = _e(_("Why this date")), _e(_("provisional"))
    status = _e(group)
    case_url = id_url_pattern("cases.show", "case_id")
    defence_url = id_url_pattern("defence.show", "defence_id")
    html = []
    for row in rows:
        rule = rules.get(row.rule_code) or _e(row.rule_code)
        area = areas.get(row.area) or _e(row.area)
        lines = "".join([f"<li>{_e(line)}</li>" for line in row.explanation])
        badge = f' <span class="badge text-bg-warning">{provisional}</span>' if row.provisional else ""
        html.append(
            f'<tr class="cm-status-{status}" data-case="{row.case_id or ""}"'
            f' data-rule="{_e(row.rule_code)}" data-defence="{row.defence_case_id or ""}">'
            f'<td><a href="{_e(_link(row, case_url, defence_url))}">{_e(row.number)}</a></td>'
            f'<td>{rule} <details class="small"><summary>{why}</summary>'
            f'<ol class="mb-0">{lines}</ol></details></td>'
            f"<td>{row.start_on.isoformat()}</td>"
            f'<td class="cm-due">{row.due_on.isoformat()}{badge}</td>'
            f"<td>{_e(row.officers)}</td>"
            f'<td>{_e(row.respondent)} <span class="small text-muted">{area}</span></td></tr>\n')
    return Markup("".join(html))
