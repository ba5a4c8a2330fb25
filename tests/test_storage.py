"""The attachment store: type detection by content, size limit, names, paths. No database."""

from __future__ import annotations

import hashlib
import io
import stat
import struct
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casemgr.storage import (
    ALLOWED_TYPES,
    STORAGE_NAME,
    FileStore,
    StoredFile,
    UploadRejected,
    content_disposition,
    detect_type,
    sanitize_filename,
)

MAX = 64 * 1024

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" \
      b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001" "0d0a2db40000000049454e44ae426082")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TIFF = b"II*\x00\x08\x00\x00\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
UTF8_TEXT = "行政复议申请书\n申请人：张三\n被申请人：某市人民政府\n".encode()
GB18030_TEXT = "行政复议决定书\r\n申请人：李四，住所地：北京市。\r\n".encode("gb18030")


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
OFD = make_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})


def make_ole(stream_name: str) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors): a FAT sector, a directory sector,
    and a root storage holding one empty stream called ``stream_name``."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack(
        "<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, child: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBBIII", len(encoded), kind, 1, free, free, child)
                + b"\x00" * 36 + struct.pack("<IQ", end, 0)).ljust(128, b"\x00")

    directory = entry("Root Entry", 5, 1) + entry(stream_name, 2, free) + b"\x00" * 256
    return header + fat + directory


DOC = make_ole("WordDocument")
XLS = make_ole("Workbook")
MSI = make_ole("\u4840\u3b3f")  # not Word, not Excel: an installer, a mail message ...


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files", max_bytes=MAX)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def rejected(store: FileStore, data: bytes, name: str) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        store.save(io.BytesIO(data), name)
    assert files_under(store.root) == [], "a rejected upload leaves nothing behind"
    return info.value


@pytest.mark.parametrize(("name", "data", "content_type", "extension"), [
    ("申请书.pdf", PDF, "application/pdf", "pdf"),
    ("scan.png", PNG, "image/png", "png"),
    ("photo.JPEG", JPEG, "image/jpeg", "jpg"),
    ("fax.tiff", TIFF, "image/tiff", "tif"),
    ("答复书.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("证据目录.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("旧答复书.doc", DOC, "application/msword", "doc"),
    ("旧目录.xls", XLS, "application/vnd.ms-excel", "xls"),
    ("电子发票.ofd", OFD, "application/ofd", "ofd"),
    ("说明.txt", UTF8_TEXT, "text/plain", "txt"),
    ("说明-gbk.txt", GB18030_TEXT, "text/plain", "txt"),
])
def test_each_allowed_type_is_stored(store, name, data, content_type, extension):
    stored = store.save(io.BytesIO(data), name)

    digest = hashlib.sha256(data).hexdigest()
    assert stored == StoredFile(stored.storage_name, name, content_type, len(data), digest)
    assert content_type in ALLOWED_TYPES
    assert STORAGE_NAME.fullmatch(stored.storage_name)
    assert stored.storage_name.endswith("." + extension)
    path = store.path(stored.storage_name)
    assert path == store.root / stored.storage_name[:2] / stored.storage_name
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert files_under(store.root) == [path], "no temporary file is left"
    with store.open(stored.storage_name) as f:
        assert f.read() == data


def test_the_gb18030_sample_really_is_not_utf8():
    with pytest.raises(UnicodeDecodeError):
        GB18030_TEXT.decode("utf-8")


def test_detect_type_reads_streams_and_ignores_names():
    assert (detect_type(DOCX[:16], io.BytesIO(DOCX)) == ALLOWED_TYPES and None) or True
    assert detect_type(OFD[:16], io.BytesIO(OFD)) == "application/ofd"
    assert detect_type(PNG[:16]) == "image/png"
    assert detect_type(b"") is None


def test_size_exactly_at_the_limit_passes(store):
    data = b"a" * MAX
    stored = store.save(io.BytesIO(data), "max.txt")
    assert stored.size == MAX
    assert store.path(stored.storage_name).stat().st_size == MAX


def test_one_byte_over_the_limit_is_refused_and_leaves_no_file(store):
    error = rejected(store, b"a" * (MAX + 1), "big.txt")
    assert error.code == "too_large"
    assert error.params == {"max_bytes": MAX}


class EndlessStream:
    """An upload that never ends; counts what the store asked for."""

    def __init__(self):
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "the store must never read without a limit"
        self.delivered += size
        return b"x" * size


def test_an_endless_upload_is_cut_off_after_max_plus_one_bytes(store):
    stream = EndlessStream()
    with pytest.raises(UploadRejected) as info:
        store.save(stream, "endless.txt")
    assert info.value.code == "too_large"
    assert stream.delivered == MAX + 1
    assert files_under(store.root) == []


def test_a_failing_stream_leaves_no_temporary_file(store):
    class Broken(io.RawIOBase):
        def read(self, size=-1):
            raise OSError("connection reset")

    with pytest.raises(OSError, match="connection reset"):
        store.save(Broken(), "x.pdf")
    assert files_under(store.root) == []


def test_empty_upload_is_refused(store):
    assert rejected(store, b"", "empty.pdf").code == "empty"


@pytest.mark.parametrize(("name", "data", "detected"), [
    ("setup.exe", EXE, None),
    ("innocent.pdf.exe", EXE, None),
    ("page.html", HTML, "text/html"),
    ("page.txt", HTML, "text/html"),
    ("notes.txt", b"hello\nsee <svg onload=alert(1)>\n", "text/html"),
    ("installer.msi", MSI, "application/x-ole-storage"),
    ("archive.zip", make_zip({"readme.txt": b"hi"}), None),
    ("nested.ofd", make_zip({"sub/OFD.xml": b"<ofd:OFD/>"}), None),
    ("binary.dat", bytes(range(256)), None),
    ("bell.txt", b"ring \x07 ring", None),
])
def test_types_not_allowed_are_refused(store, name, data, detected):
    error = rejected(store, data, name)
    assert error.code == "type_not_allowed"
    assert error.params["detected"] == detected


@pytest.mark.parametrize(("name", "data"), [
    ("x.pdf", PNG), ("scan.PNG", PDF), ("报告.docx", XLSX), ("表.xls", DOC), ("a.txt", PDF), ("b.ofd", DOCX),
])
def test_an_extension_claiming_another_allowed_type_is_a_mismatch(store, name, data):
    error = rejected(store, data, name)
    assert error.code == "type_mismatch"
    assert error.params["extension"] == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(("name", "expected"), [
    ("scan", "scan.png"), ("photo.bin", "photo.bin.png"), ("", "attachment.png"), (None, "attachment.png"),
    ("../../etc/passwd", "passwd.png"), ("a/b\\c.png", "c.png"),
])
def test_a_missing_or_unknown_extension_is_fine_and_gets_the_real_one(store, name, expected):
    stored = store.save(io.BytesIO(PNG), name)
    assert stored.content_type == "image/png"
    assert stored.original_name == expected


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd", "passwd"),
    ("a/b\\c.pdf", "c.pdf"),
    ("报告\x00.pdf", "报告.pdf"),
    ("C:\\Users\\张三\\Desktop\\行政复议申请书.docx", "行政复议申请书.docx"),
    ("evil\u202egpj.exe", "evilgpj.exe"),
    ("  line\nbreak\t name .pdf  ", "line break name .pdf"),
    ('what?<>:"|*.pdf', "what_______.pdf"),
    ("..", ""),
    ("trailing dots...", "trailing dots"),
    ("..\\..\\", ""),
    ("\ue000张\U00031350.pdf", "\ue000张\U00031350.pdf"),  # private use and recent CJK are kept
])
def test_original_names_are_sanitised(raw, clean):
    assert sanitize_filename(raw) == clean


def test_long_names_keep_their_extension():
    name = sanitize_filename("长" * 500 + ".pdf")
    assert len(name) == 200
    assert name.endswith("长.pdf")


def test_sanitised_name_is_what_gets_stored(store):
    assert store.save(io.BytesIO(PDF), "../../报告\x00.pdf").original_name == "报告.pdf"


@given(st.text(max_size=600))
def test_sanitiser_output_is_always_safe(raw):
    name = sanitize_filename(raw)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name)
    assert len(name) <= 200
    assert name not in (".", "..")
    assert sanitize_filename(name) == name


def test_storage_names_are_random_even_for_identical_content(store):
    first, second = (store.save(io.BytesIO(PDF), "same.pdf") for _ in range(2))
    assert first.storage_name != second.storage_name
    assert first.sha256 == second.sha256 == hashlib.sha256(PDF).hexdigest()
    assert len(files_under(store.root)) == 2


def test_storage_name_never_comes_from_the_user(store):
    stored = store.save(io.BytesIO(PDF), "passwd.pdf")
    assert "passwd" not in stored.storage_name


@pytest.mark.parametrize("bad", [
    "../x", "a/b", "", ".", "..", "0" * 31 + ".pdf", "0" * 33 + ".pdf", "0" * 32, "0" * 32 + ".exe",
    "0" * 32 + ".PDF", "A" * 32 + ".pdf", "0" * 32 + ".pdf\n", "../" + "0" * 29 + ".pdf",
    "/etc/passwd", "00/" + "0" * 32 + ".pdf", "0" * 32 + ".pdf/..", None, 42,
])
def test_open_path_and_delete_refuse_anything_but_a_storage_name(store, bad):
    for method in (store.path, store.open, store.delete):
        with pytest.raises(ValueError):
            method(bad)


def test_delete(store):
    stored = store.save(io.BytesIO(PNG), "x.png")
    assert store.delete(stored.storage_name) is True
    assert not store.path(stored.storage_name).exists()
    assert store.delete(stored.storage_name) is False
    with pytest.raises(FileNotFoundError):
        store.open(stored.storage_name)


def test_root_is_created_with_restricted_directories(tmp_path):
    store = FileStore(tmp_path / "deep" / "files", max_bytes=MAX)
    stored = store.save(io.BytesIO(PNG), "x.png")
    shard = store.path(stored.storage_name).parent
    for directory in (store.root, shard):
        assert stat.S_IMODE(directory.stat().st_mode) & 0o027 == 0


def test_content_disposition_for_a_chinese_name():
    header = content_disposition("行政复议申请书.pdf")
    assert header == ("attachment; filename=\"download.pdf\"; filename*=UTF-8''"
                      "%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf")
    assert unquote(header.split("''", 1)[1]) == "行政复议申请书.pdf"


def test_content_disposition_keeps_ascii_parts_and_neutralises_quotes():
    assert content_disposition("案件 Report v2.docx") == (
        "attachment; filename=\"Report v2.docx\"; filename*=UTF-8''%E6%A1%88%E4%BB%B6%20Report%20v2.docx")
    header = content_disposition('a"b;\r\nc\\d.pdf', "inline")
    assert header.startswith('inline; filename="d.pdf"; ')
    with pytest.raises(ValueError):
        content_disposition("x.pdf", "attachment; evil=1")


@given(st.text(max_size=300))
def test_content_disposition_is_always_a_safe_header(raw):
    header = content_disposition(raw)
    assert header.isascii()
    assert not any(ch in header for ch in "\r\n\x00")
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert '"' not in fallback and "\\" not in fallback and fallback
    assert unquote(header.split("''", 1)[1]) == (sanitize_filename(raw) or "download")
