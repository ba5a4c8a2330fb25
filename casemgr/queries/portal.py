"""The public portal's read side: published decisions only, never anything else."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import extract, func, select, text, true

from casemgr.extensions import db
from casemgr.models import Agency, AnnualReport, Case, Publication, TypicalCase
from casemgr.queries.paging import Page, paginate

PAGE_SIZE = 20
PORTAL_COUNT_CAP = 200  # 10 pages; past them a reader narrows the search (a filter or a longer phrase)
TRIGRAM = 3  # shorter phrases cannot use a trigram index and fall back to LIKE


@dataclass(frozen=True)
class PortalFilters:
    q: str = ""
    year: int | None = None
    act_type: str = ""
    decision_type: str = ""
    respondent_id: int | None = None
    page: int = 1


# A publication imported from a ledger has no text here: it counts, but is not shown.
ON_PORTAL = (Publication.state == "published", Publication.public_text != "")


def _published():
    return (select(Publication.id, Publication.title, Publication.published_at, Case.decision_type,
                   Case.decision_date, Case.act_type, Agency.name.label("respondent"))
            .join(Case, Publication.case_id == Case.id).join(Agency, Case.respondent_id == Agency.id)
            .where(*ON_PORTAL))


def portal_search(filters: PortalFilters) -> Page:
    """Substring search over the public text (works for Chinese, which has no word breaks; the
    trigram index serves it on PostgreSQL) and the filters, newest first."""
    query = _published()
    phrase = filters.q.strip()
    if phrase and db.session.get_bind().dialect.name == "sqlite" and len(phrase) >= TRIGRAM:
        # The FTS5 trigram index of migration 0010; a phrase is one quoted FTS5 string.
        match = text("SELECT rowid FROM publications_fts WHERE publications_fts MATCH :phrase")
        quoted = '"' + phrase.replace('"', '""') + '"'
        query = query.where(Publication.id.in_(match.bindparams(phrase=quoted)))
    elif phrase:
        query = query.where(Publication.public_text.contains(phrase, autoescape=True))
    if filters.year:
        query = query.where(extract("year", Case.decision_date) == filters.year)
    if filters.act_type:
        query = query.where(Case.act_type == filters.act_type)
    if filters.decision_type:
        query = query.where(Case.decision_type == filters.decision_type)
    if filters.respondent_id:
        query = query.where(Case.respondent_id == filters.respondent_id)
    # A common phrase matches half a million decisions: count up to PORTAL_COUNT_CAP (10 pages).
    return paginate(query, filters.page, PAGE_SIZE, Publication.published_at.desc(), Publication.id.desc(),
                    cap=PORTAL_COUNT_CAP, key=("portal", replace(filters, page=1)))


def portal_decision(publication_id: int):
    """One published decision, or None (unpublished, withheld and withdrawn ones do not exist here),
    with its typical case's title and commentary when it was chosen as one (one statement)."""
    query = (_published().add_columns(Publication.public_text, TypicalCase.title.label("typical_title"),
                                      TypicalCase.commentary.label("typical_commentary"))
             .outerjoin(TypicalCase, TypicalCase.publication_id == Publication.id))
    return db.session.execute(query.where(Publication.id == publication_id)).first()


def portal_respondents() -> list[tuple[int, str]]:
    """The agencies with a published decision: for each agency, its first case with one (a LATERAL
    probe with LIMIT 1 through the indexes on cases.respondent_id and publications.case_id), rather
    than a join over every publication, which the planner would otherwise choose."""
    probe = (select(Publication.id).join(Case, Publication.case_id == Case.id)
             .where(Case.respondent_id == Agency.id, *ON_PORTAL))
    if db.session.get_bind().dialect.name == "postgresql":
        query = select(Agency.id, Agency.name).join_from(Agency, probe.limit(1).lateral(), true())
    else:  # SQLite has no LATERAL; its planner probes the EXISTS per agency anyway
        query = select(Agency.id, Agency.name).where(probe.exists())
    query = query.order_by(Agency.name)
    return [(r.id, r.name) for r in db.session.execute(query)]


def portal_typical_cases() -> list:
    """Typical cases of published decisions only, newest first."""
    return list(db.session.execute(
        select(TypicalCase.title, TypicalCase.commentary, Publication.id)
        .join(Publication, TypicalCase.publication_id == Publication.id)
        .where(*ON_PORTAL).order_by(TypicalCase.chosen_at.desc())))


def publication_counts() -> list[tuple[int, int, int, int]]:
    """(year, published decisions, typical cases, annual reports) for every year with one: the
    figures the annual report gives (the model district, 2020: 156 decisions, 37 typical cases,
    3 annual reports)."""
    year = extract("year", Publication.published_at)
    published = select(year, func.count()).select_from(Publication).where(Publication.state == "published")
    decisions = dict(db.session.execute(published.group_by(year)).all())
    chosen = published.join(TypicalCase, TypicalCase.publication_id == Publication.id)
    typical = dict(db.session.execute(chosen.group_by(year)).all())
    per_year = select(AnnualReport.year, func.count()).group_by(AnnualReport.year)
    reports = dict(db.session.execute(per_year).all())
    decisions = {int(y): n for y, n in decisions.items()}  # extract() gives a float on some dialects
    typical = {int(y): n for y, n in typical.items()}
    years = sorted(set(decisions) | set(reports), reverse=True)
    return [(y, decisions.get(y, 0), typical.get(y, 0), reports.get(y, 0)) for y in years]
