"""Redaction of decisions before publication (SPC 2016 rules for publishing judgments, DOMAIN.md).

* The case's own natural persons keep the surname: 王小明 → 王某 (compound surnames keep both
  characters: 欧阳娜娜 → 欧阳某; minority names keep the first character: 阿依古丽·买买提 → 阿某);
  people sharing a surname become 王某甲, 王某乙 in the order of ``people``, through the whole text.
* Organisations keep their name unless ``Policy.mask_companies`` (→ 某公司, 某有限公司, ...); their
  IDs and accounts always go.
* IDs, phones, bank cards, plates, property certificates, e-mails and detailed addresses are
  removed wherever they appear (``redaction_patterns``); an address keeps its district (北京市通州区××).
* ``Policy.keep_names`` (the respondent, its legal representative, the reconsideration organ) stay
  named: nothing detected may touch them.

The original text is never changed; ``Redaction.spans`` says what was replaced where, so an officer
can review it, add ranges (``extra_spans``) or restore them (``keep_spans``) before approving.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from .redaction_patterns import (
    COMPOUND_SURNAMES,
    CUSTOM_MASK,
    MASK,
    NAME_DOTS,
    SHORT_MASK,
    Candidate,
    Reason,
    company_form,
    detect,
    split_address,
    stems_for,
)

__all__ = ["DEFAULT_POLICY", "Person", "Policy", "Reason", "Redaction", "Span", "redact"]

# The mark that hides keep_names from detection: not a word character, digit or letter.
_HIDDEN = "\x00"


@dataclass(frozen=True)
class Person:
    """A party of the case (applicant, agent, third party) whose data must not be published."""

    name: str
    kind: Literal["person", "organisation"]
    id_number: str = ""
    phone: str = ""
    address: str = ""
    accounts: tuple[str, ...] = ()
    minority_name: bool = False  # 阿依古丽·买买提: no surname, keep the first character

    def __post_init__(self) -> None:
        if self.kind not in ("person", "organisation"):
            raise ValueError(f"kind must be 'person' or 'organisation', not {self.kind!r}")
        if not self.name.strip():
            raise ValueError("a party needs a name")
        object.__setattr__(self, "accounts", tuple(self.accounts))


@dataclass(frozen=True)
class Policy:
    mask_companies: bool = False  # the office's choice (DOMAIN.md): company names → 某公司
    keep_names: tuple[str, ...] = ()  # respondent, its legal representative, the organ: never touched

    def __post_init__(self) -> None:
        object.__setattr__(self, "keep_names", tuple(self.keep_names))


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Span:
    """``original`` is ``text[start:end]`` of the ORIGINAL text; ``replacement`` replaces it."""

    start: int
    end: int
    original: str
    replacement: str
    reason: Reason


@dataclass(frozen=True)
class Redaction:
    text: str
    spans: tuple[Span, ...]  # sorted, non-overlapping


def surname(person: Person) -> str:
    """What stays of a natural person's name: the (compound) surname, or a minority name's first character."""
    if not person.minority_name and len(person.name) > 2 and person.name[:2] in COMPOUND_SURNAMES:
        return person.name[:2]
    return person.name[0]


def _name_patterns(person: Person) -> Iterator[str]:
    """The full name and, when it has 2+ characters, the given name alone (SPC rules say the
    person must not be identifiable; one-character given names are too common to remove)."""
    parts = [re.escape(p) for p in re.split(f"[{NAME_DOTS}]", person.name) if p]
    yield f"[{NAME_DOTS}]".join(parts)  # any of the middle dots
    if person.minority_name:
        if len(parts) > 1 and len(parts[0]) >= 2:
            yield parts[0]
    elif len(given := person.name[len(surname(person)) :]) >= 2:
        yield re.escape(given)


def _party_needles(people: Sequence[Person], policy: Policy) -> Iterator[tuple[str, Reason, str]]:
    """(regex, reason, replacement) for the parties' own data, found literally wherever it appears."""
    persons = {p.name: p for p in people if p.kind == "person"}
    stems = stems_for({name: surname(p) for name, p in persons.items()})
    for name, person in persons.items():
        for pattern in _name_patterns(person):
            yield pattern, Reason.PERSON_NAME, surname(person) + "某" + stems[name]
    if policy.mask_companies:
        forms = {p.name: company_form(p.name) for p in people if p.kind == "organisation"}
        stems = stems_for(forms)
        for name, form in forms.items():
            # 某甲有限公司, 某乙有限公司 when two masks would read the same
            yield re.escape(name), Reason.COMPANY_NAME, "某" + stems[name] + form
    for person in people:
        if person.id_number.strip():
            id_reason = Reason.OLD_ID_NUMBER if len(person.id_number.strip()) == 15 else Reason.ID_NUMBER
            yield from _number_needles(person.id_number, id_reason)
        if person.phone.strip():
            landline = person.phone.strip().startswith(("0", "(", "（"))
            phone_reason = Reason.LANDLINE if landline else Reason.PHONE
            yield from _number_needles(person.phone, phone_reason)
        for account in person.accounts:
            yield from _number_needles(account, Reason.ACCOUNT)
        if person.address.strip():
            _district, detail = split_address(person.address.strip())
            # The district part stays (北京市通州区××), as with detected addresses, unless what is
            # left is too short to find safely ("1号" is also in case numbers).
            needle = detail if len(detail) >= 4 else person.address.strip()
            yield re.escape(needle), Reason.ADDRESS, SHORT_MASK


def _number_needles(value: str, reason: Reason) -> Iterator[tuple[str, Reason, str]]:
    """The number as written and with its spaces/hyphens removed (both forms occur in decisions).

    A party's number inside a longer digit run takes the whole run with it: leaving the rest would
    let a second pass find a new number in what is left (and the rest may well be the same data).
    """
    written = value.strip()
    compact = re.sub(r"[\s-]", "", written)
    for form in dict.fromkeys((written, compact)):
        # "" = one × per character, computed from the match
        yield rf"(?<![0-9])[0-9]*{re.escape(form)}[0-9]*", reason, ""


def _hide_keep_names(text: str, keep_names: Sequence[str]) -> str:
    """Hide every occurrence of a kept name, so no detection can start, end or pass inside it."""
    hidden = list(text)
    for name in filter(None, keep_names):
        for match in re.finditer(f"(?=({re.escape(name)}))", text):
            hidden[match.start(1) : match.end(1)] = _HIDDEN * len(name)
    return "".join(hidden)


def _candidates(hidden: str, people: Sequence[Person], policy: Policy) -> Iterator[Candidate]:
    for pattern, reason, replacement in _party_needles(people, policy):
        # a lookahead finds overlapping occurrences; overlaps are resolved afterwards
        for match in re.finditer(f"(?=({pattern}))", hidden, re.IGNORECASE):
            start, end = match.span(1)
            yield Candidate(start, end, reason, replacement or MASK * (end - start), rank=0)
    yield from detect(hidden, mask_companies=policy.mask_companies)


def _checked(ranges: Sequence[tuple[int, int]], length: int, what: str) -> list[tuple[int, int]]:
    for start, end in ranges:
        if not 0 <= start < end <= length:
            raise ValueError(f"{what} ({start}, {end}) is empty or outside the text (0-{length})")
    return [(start, end) for start, end in ranges]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _resolve(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Overlapping detections become one span: the longest (then the earliest, then the lower
    rank) gives the reason and the replacement, and the span covers all of them, so no fragment
    of a shorter detection is left behind (a@b.cnX京房权证…: the e-mail's start would stay, and
    be found on a second pass)."""
    merged: list[Candidate] = []
    group: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        if group and c.start >= max(g.end for g in group):
            merged.append(_merge(group))
            group = []
        group.append(c)
    if group:
        merged.append(_merge(group))
    return merged


def _merge(group: list[Candidate]) -> Candidate:
    winner = min(group, key=lambda c: (c.start - c.end, c.start, c.rank))
    start, end = group[0].start, max(c.end for c in group)
    same_length = winner.replacement == MASK * (winner.end - winner.start)
    return Candidate(start, end, winner.reason, MASK * (end - start) if same_length else winner.replacement)


def _with_custom(kept: list[Candidate], extra: list[tuple[int, int]]) -> list[Candidate]:
    """Officer's ranges win: an extra range and every detection it touches become one custom span,
    so part of an ID is never left visible next to a hand-drawn range."""
    items = sorted(
        [Candidate(s, e, Reason.CUSTOM, CUSTOM_MASK) for s, e in extra] + kept, key=lambda c: c.start
    )
    merged: list[Candidate] = []
    for c in items:
        last = merged[-1] if merged else None
        # detections never overlap each other, so every overlap here involves an officer's range
        if last is not None and c.start < last.end:
            end = max(last.end, c.end)
            merged[-1] = Candidate(last.start, end, Reason.CUSTOM, CUSTOM_MASK)
        else:
            merged.append(c)
    return merged


def redact(
    text: str,
    people: Sequence[Person],
    policy: Policy = DEFAULT_POLICY,
    *,
    extra_spans: Sequence[tuple[int, int]] = (),
    keep_spans: Sequence[tuple[int, int]] = (),
) -> Redaction:
    """Redact ``text``; ``extra_spans`` are ranges an officer added (×××), ``keep_spans`` ranges an
    officer restored (every detection overlapping one is dropped). Ranges refer to ``text``."""
    extra = _checked(extra_spans, len(text), "extra span")
    keep = _checked(keep_spans, len(text), "keep span")
    hidden = _hide_keep_names(text, policy.keep_names)
    found = [
        c
        for c in _candidates(hidden, people, policy)
        if text[c.start : c.end] != c.replacement and not any(_overlaps(c.start, c.end, *k) for k in keep)
    ]
    spans = tuple(
        Span(c.start, c.end, text[c.start : c.end], c.replacement, c.reason)
        for c in _with_custom(_resolve(found), extra)
    )
    parts, position = [], 0
    for span in spans:
        parts += [text[position : span.start], span.replacement]
        position = span.end
    parts.append(text[position:])
    return Redaction("".join(parts), spans)
