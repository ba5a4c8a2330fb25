"""Redirect targets taken from the request must stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_local(target: str | None) -> bool:
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")
