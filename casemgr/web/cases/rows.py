"""The case list's rows as HTML, built here rather than in the template (as the board's are,
web/board/rows.py): 50 rows of escaped values a page, which Jinja spent ~30 us a row on. Every
value that is not an integer or a date is escaped here, as the template would."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from markupsafe import Markup, escape

from casemgr.web.id_urls import id_url


def case_rows(rows: Iterable, state_names: Mapping[str, str]) -> Markup:
    """One ``<tr>`` per case row (queries.cases._listed); ``state_names``: the states' labels in the
    reader's language (the templates' STATE_NAMES)."""
    late_text = escape(_("late"))  # outside the f-string, where the catalog's extraction finds it
    late = f' <span class="badge text-bg-warning">{late_text}</span>'
    html = []
    for row in rows:
        due = row.next_due.isoformat() if row.next_due else ""
        html.append(
            f'<tr><td><a href="{escape(id_url("cases.show", case_id=row.id))}">{escape(row.number)}</a>'
            f'{late if row.late else ""}</td>'
            f"<td>{escape(state_names.get(row.state, row.state))}</td>"
            f"<td>{escape(row.respondent)}</td>"
            f"<td>{row.received_on.isoformat()}</td><td>{due}</td></tr>\n")
    return Markup("".join(html))
