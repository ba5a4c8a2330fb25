"""Sending a table as a CSV or Excel download (the case list and the deadline board share it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Response, abort, stream_with_context

from casemgr import clock
from casemgr.exports import csv_chunks, xlsx_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def table_download(fmt: str, title: str, headers: Sequence[object], rows: Iterable[Sequence[object]],
                   stem: str) -> Response:
    """CSV streams row by row; Excel is built in write-only mode. 404 for any other format."""
    if fmt not in FORMATS:
        abort(404)
    headers = [str(h) for h in headers]
    if fmt == "csv":
        response = Response(stream_with_context(csv_chunks(headers, rows)),
                            mimetype="text/csv; charset=utf-8")
    else:
        response = Response(xlsx_bytes(title, headers, rows), mimetype=XLSX_TYPE)
    response.headers["Content-Disposition"] = f"attachment; filename={stem}-{clock.today().isoformat()}.{fmt}"
    return response
