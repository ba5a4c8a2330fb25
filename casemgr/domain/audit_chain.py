"""The tamper-evident audit log: each entry's hash covers its content and the previous entry's
hash, so changing or removing an entry breaks every link after it.

Pure standard library: ``entry_digest`` computes an entry's hash, ``verify`` walks entries in
order and reports the first that does not fit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first entry


def canonical(fields: Mapping[str, Any]) -> str:
    """The text that is hashed: keys sorted, no spaces, times in UTC ISO format."""

    def default(value: Any) -> str:
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat()
        return str(value)

    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default)


def entry_digest(fields: Mapping[str, Any], previous: str) -> str:
    return hashlib.sha256((previous + "\n" + canonical(fields)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    kind: str  # "changed": its content or hash was altered; "link": an entry before it was removed
    # (or its stored previous hash altered); "unsealed": it has no hash


Entry = tuple[int, Mapping[str, Any], str | None, str | None]  # id, fields, prev_hash, hash


def verify(entries: Iterable[Entry]) -> tuple[int, Break | None]:
    """Walk ``(id, fields, prev_hash, hash)`` in id order; return how many were checked and the first
    break, if any."""
    previous, count = GENESIS, 0
    for entry_id, fields, prev_hash, stored in entries:
        count += 1
        if stored is None or prev_hash is None:
            return count, Break(entry_id, "unsealed")
        if prev_hash != previous:
            return count, Break(entry_id, "link")
        if entry_digest(fields, prev_hash) != stored:
            return count, Break(entry_id, "changed")
        previous = stored
    return count, None
