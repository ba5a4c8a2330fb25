"""Recognising uploaded files by their content (magic bytes, zip members, OLE2 streams), never by name.

Pure Python and the standard library only; used by ``casemgr.storage``.
"""

from __future__ import annotations

import codecs
import os
import re
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import MappingProxyType
from typing import BinaryIO

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
OFD = "application/ofd"
TEXT = "text/plain"
OLE_OTHER = "application/x-ole-storage"  # OLE2 that is neither Word nor Excel (e.g. .msi, .msg): not allowed
HTML = "text/html"  # text that contains markup: not allowed

# content type -> (extension of the stored file, human label)
ALLOWED_TYPES: MappingProxyType[str, tuple[str, str]] = MappingProxyType({
    PDF: ("pdf", "PDF"),
    JPEG: ("jpg", "JPEG"),
    PNG: ("png", "PNG"),
    TIFF: ("tif", "TIFF"),
    DOCX: ("docx", "Word (DOCX)"),
    XLSX: ("xlsx", "Excel (XLSX)"),
    DOC: ("doc", "Word 97-2003 (DOC)"),
    XLS: ("xls", "Excel 97-2003 (XLS)"),
    OFD: ("ofd", "OFD"),
    TEXT: ("txt", "Text"),
})

# a user's file extension -> the allowed type it claims (used only to reject contradictions)
EXTENSION_CLAIMS: MappingProxyType[str, str] = MappingProxyType({
    "pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "jpe": JPEG, "png": PNG, "tif": TIFF, "tiff": TIFF,
    "docx": DOCX, "xlsx": XLSX, "doc": DOC, "xls": XLS, "ofd": OFD,
    "txt": TEXT, "text": TEXT, "log": TEXT, "csv": TEXT, "md": TEXT,
})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SPECIAL = 0xFFFFFFFA  # sector ids at or above this are markers (end of chain, free, ...)
_OLE_MAX_SECTORS = 1 << 16
_CHUNK = 64 * 1024
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MARKUP = re.compile(r"<\s*(?:script|html|body|head|iframe|object|embed|svg|meta|link|style|form|img|a\s|"
                     r"!doctype|\?xml)|javascript:", re.IGNORECASE)


def detect_type(head: bytes, path_or_stream: str | os.PathLike | BinaryIO | None = None) -> str | None:
    """The content type of a file from its first bytes (``head``) and, for zip/OLE2/text, the whole file.

    Returns a type from ALLOWED_TYPES, OLE_OTHER or HTML for recognised but forbidden content,
    or None when the content is not recognised.
    """
    if not head:
        return None
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if path_or_stream is None:
        return None
    with _opened(path_or_stream) as f:
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(f)
        if head.startswith(_OLE_MAGIC):
            names = _ole_root_names(f)
            if "WordDocument" in names:
                return DOC
            return XLS if names & {"Workbook", "Book"} else OLE_OTHER
        if b"\x00" in head:
            return None
        return _text_type(f)


@contextmanager
def _opened(path_or_stream) -> Iterator[BinaryIO]:
    if isinstance(path_or_stream, str | os.PathLike):
        with open(path_or_stream, "rb") as f:
            yield f
    else:
        path_or_stream.seek(0)
        yield path_or_stream


def _zip_type(f: BinaryIO) -> str | None:
    """Look inside the zip (names only; nothing is decompressed)."""
    try:
        with zipfile.ZipFile(f) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "OFD.xml" in names:
        return OFD
    return None


def _text_type(f: BinaryIO) -> str | None:
    """Plain text: UTF-8 (BOM allowed) or GB18030, no NUL or other stray control characters."""
    for encoding in ("utf-8-sig", "gb18030"):
        f.seek(0)
        verdict = _scan_text(f, encoding)
        if verdict != "undecodable":
            return verdict
    return None


def _scan_text(f: BinaryIO, encoding: str) -> str | None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    tail = ""  # carried over so a marker split across two chunks is still found
    try:
        while True:
            chunk = f.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if _BAD_CONTROLS.search(text):
                return None
            if _MARKUP.search(tail + text):
                return HTML
            tail = (tail + text)[-16:]
            if not chunk:
                return TEXT
    except UnicodeDecodeError:
        return "undecodable"


def _ole_root_names(f: BinaryIO) -> set[str]:
    """Names of the streams and storages at the root of an OLE2 compound file (empty if malformed)."""
    f.seek(0)
    header = f.read(512)
    if len(header) < 512:
        return set()
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    per_sector = size // 4

    def sector(number: int) -> bytes | None:
        f.seek((number + 1) * size)
        block = f.read(size)
        return block if len(block) == size else None

    next_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    first_dir = struct.unpack_from("<I", header, 0x30)[0]
    difat = list(struct.unpack_from("<109I", header, 0x4C))
    for _ in range(min(difat_count, 4096)):
        block = sector(next_difat) if next_difat < _OLE_SPECIAL else None
        if block is None:
            break
        *more, next_difat = struct.unpack(f"<{per_sector}I", block)
        difat.extend(more)

    def fat_next(number: int) -> int:
        index, offset = divmod(number, per_sector)
        block = sector(difat[index]) if index < len(difat) and difat[index] < _OLE_SPECIAL else None
        return _OLE_SPECIAL if block is None else struct.unpack_from("<I", block, offset * 4)[0]

    entries, seen, number = bytearray(), set(), first_dir
    while number < _OLE_SPECIAL and number not in seen and len(seen) < _OLE_MAX_SECTORS:
        seen.add(number)
        block = sector(number)
        if block is None:
            break
        entries += block
        number = fat_next(number)
    count = len(entries) // 128
    if count == 0 or entries[66] != 5:  # entry 0 must be the root storage
        return set()
    names, visited = set(), set()
    stack = [struct.unpack_from("<I", entries, 76)[0]]  # the root's child: top of the red-black tree
    while stack:
        index = stack.pop()
        if index >= count or index in visited:
            continue
        visited.add(index)
        base = index * 128
        length = min(struct.unpack_from("<H", entries, base + 64)[0], 64)
        with suppress(UnicodeDecodeError):
            names.add(bytes(entries[base:base + length]).decode("utf-16-le").rstrip("\x00"))
        left, right = struct.unpack_from("<II", entries, base + 68)
        stack += [left, right]
    return names
