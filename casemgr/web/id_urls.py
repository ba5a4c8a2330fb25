"""Links to a record by id, for tables of many rows: ``url_for`` costs ~23 us a call on the benchmark
machine (a board of 100 rows, 2.3 ms); the URL of ``cases.show`` for case 7 is the one for any case
with the id put in. Each endpoint's pattern is built by ``url_for`` itself (with marker ids), once
per endpoint and script root, so routing stays the one source of URLs."""

from __future__ import annotations

from flask import Flask, request, url_for

_patterns: dict[tuple[str, str, tuple[str, ...]], str] = {}
_MARKER = 7_391_100_000  # an id no URL would hold otherwise


def id_url_pattern(endpoint: str, *names: str) -> str:
    """``endpoint``'s URL as a ``str.format`` pattern with a field for each id name (``{case_id}``),
    built by ``url_for`` once per endpoint and script root: a table of 100 rows formats it 100 times."""
    names = tuple(sorted(names))
    key = (request.script_root, endpoint, names)
    pattern = _patterns.get(key)
    if pattern is None:
        markers = {name: _MARKER + i for i, name in enumerate(names)}
        pattern = url_for(endpoint, **markers).replace("{", "{{").replace("}", "}}")
        for name, marker in markers.items():
            pattern = pattern.replace(str(marker), "{" + name + "}")
        _patterns[key] = pattern
    return pattern


def id_url(endpoint: str, **ids: int) -> str:
    """``url_for(endpoint, **ids)`` where every value is an integer id."""
    return id_url_pattern(endpoint, *ids).format(**{name: int(value) for name, value in ids.items()})


def init_app(app: Flask) -> None:
    app.jinja_env.globals["id_url"] = id_url
