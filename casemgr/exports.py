"""Tables out of the system: CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and Excel.

Every cell a user typed is neutralised: a value starting with = + - @ (or a tab or carriage
return) would be run as a formula by a spreadsheet, so it gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:16].replace("T", " ")
    if isinstance(value, bool):
        return "Y" if value else ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV as chunks of text, so that a long list streams instead of filling memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([cell(h) for h in headers])
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell(v) for v in row])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)  # write-only mode keeps memory flat however long the list is
    return out.getvalue()
