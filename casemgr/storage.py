"""Safe storage of uploaded attachments on the local disk. Pure Python, no Flask.

Files are stored under random names (``<32 hex digits>.<extension of the detected type>``) in
``root/<first two hex digits>/``; the user's file name is only kept, sanitised, as ``original_name``.
Content types are recognised by content (see ``casemgr.filetypes``), never by the user's file name.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from casemgr.filetypes import ALLOWED_TYPES, EXTENSION_CLAIMS, detect_type

__all__ = ["ALLOWED_TYPES", "FileStore", "StoredFile", "UploadRejected", "content_disposition", "detect_type",
           "sanitize_filename"]

MAX_NAME_LENGTH = 200
HEAD_BYTES = 8192
CHUNK_BYTES = 64 * 1024
FILE_MODE = 0o640
DIR_MODE = 0o750
_EXTENSIONS = "|".join(sorted(ext for ext, _ in ALLOWED_TYPES.values()))
STORAGE_NAME = re.compile(rf"[0-9a-f]{{32}}\.(?:{_EXTENSIONS})")
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')


@dataclass(frozen=True)
class StoredFile:
    storage_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


class UploadRejected(Exception):
    """An upload the store refuses. ``code`` is one of CODES; ``params`` fill the user's message."""

    CODES = frozenset({"too_large", "empty", "type_not_allowed", "type_mismatch"})

    def __init__(self, code: str, **params: Any):
        if code not in self.CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


def sanitize_filename(name: str | None) -> str:
    """The base name of a user's file name: no directories, no control or format characters,
    no characters Windows forbids, at most MAX_NAME_LENGTH characters. May return ""."""
    if not isinstance(name, str):
        return ""
    # Whitespace of every kind becomes a space; then control (Cc), format (Cf, e.g. right-to-left
    # override) and surrogate characters go, all before the split. Private-use characters stay:
    # GB18030 maps some rare characters of personal names there.
    name = "".join(" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", name)
                   if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _WINDOWS_RESERVED.sub("_", name)
    name = " ".join(name.split()).rstrip(". ")  # Windows drops trailing dots and spaces
    return _truncate(name, MAX_NAME_LENGTH)


def _truncate(name: str, limit: int) -> str:
    """Cut the stem, not the extension, when the name is too long."""
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 16:
        return stem[:limit - len(ext) - 1].rstrip(". ") + "." + ext
    return name[:limit].rstrip(". ")


def _user_extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def content_disposition(original_name: str, disposition: str = "attachment") -> str:
    """A Content-Disposition header value: an ASCII ``filename`` fallback and an RFC 5987
    ``filename*`` with the (sanitised) name UTF-8 percent-encoded."""
    if disposition not in ("attachment", "inline"):
        raise ValueError(f"unknown disposition {disposition!r}")
    name = sanitize_filename(original_name) or "download"
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ascii_stem, ascii_ext = _ascii(stem), _ascii(ext)
    if not re.search(r"[A-Za-z0-9]", ascii_stem):
        ascii_stem = "download"
    ascii_name = ascii_stem + ("." + ascii_ext if ascii_ext else "")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._()\- ]+", "_", text).strip(" ._-")


@dataclass
class FileStore:
    """Attachments on disk under ``root``; uploads larger than ``max_bytes`` are refused."""

    root: Path
    max_bytes: int
    chunk_bytes: int = field(default=CHUNK_BYTES, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")

    def save(self, stream: BinaryIO, original_name: str | None) -> StoredFile:
        name = sanitize_filename(original_name)
        self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".upload-", suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                size, digest, head = self._copy(stream, out)
                out.flush()
                os.fsync(out.fileno())
            if size == 0:
                raise UploadRejected("empty")
            content_type = detect_type(head, tmp)
            if content_type not in ALLOWED_TYPES:
                raise UploadRejected("type_not_allowed", detected=content_type,
                                     allowed=", ".join(label for _, label in ALLOWED_TYPES.values()))
            extension, label = ALLOWED_TYPES[content_type]
            claimed = EXTENSION_CLAIMS.get(_user_extension(name))
            if claimed is not None and claimed != content_type:
                raise UploadRejected("type_mismatch", extension=_user_extension(name),
                                     claimed=ALLOWED_TYPES[claimed][1], detected=label)
            if claimed is None:  # no or unknown extension: the download name gets the real one
                name = _truncate(f"{name or 'attachment'}.{extension}", MAX_NAME_LENGTH)
            storage_name = f"{secrets.token_hex(16)}.{extension}"
            target = self.path(storage_name)
            target.parent.mkdir(mode=DIR_MODE, exist_ok=True)
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, target)
        except BaseException:
            with suppress(FileNotFoundError):
                tmp.unlink()
            raise
        return StoredFile(storage_name, name, content_type, size, digest)

    def _copy(self, stream: BinaryIO, out: BinaryIO) -> tuple[int, str, bytes]:
        """Copy at most max_bytes + 1 bytes; refuse as soon as max_bytes is passed."""
        size, digest, head = 0, hashlib.sha256(), b""
        while True:
            chunk = stream.read(min(self.chunk_bytes, self.max_bytes + 1 - size))
            if not chunk:
                return size, digest.hexdigest(), head
            size += len(chunk)
            if size > self.max_bytes:
                raise UploadRejected("too_large", max_bytes=self.max_bytes)
            digest.update(chunk)
            out.write(chunk)
            if len(head) < HEAD_BYTES:
                head += chunk[:HEAD_BYTES - len(head)]

    def path(self, storage_name: str) -> Path:
        """Where a stored file lives; ValueError for anything but a name this store made."""
        if not isinstance(storage_name, str) or not STORAGE_NAME.fullmatch(storage_name):
            raise ValueError("invalid storage name")
        return self.root / storage_name[:2] / storage_name

    def open(self, storage_name: str) -> BinaryIO:
        return self.path(storage_name).open("rb")

    def delete(self, storage_name: str) -> bool:
        """Remove a stored file; False when it was not there."""
        try:
            self.path(storage_name).unlink()
        except FileNotFoundError:
            return False
        return True
