"""Backup and restore of the whole system: every table and every stored file, on PostgreSQL and
SQLite alike (a backup of one restores into the other).

A backup is a directory:

* ``manifest.json``: format, schema revision, when, from which database, and for every table its
  row count and SHA-256, for every file its size and SHA-256;
* ``tables/<table>.jsonl``: one JSON object per row, in primary-key order;
* ``files/<storage name>``: the attachments and annual reports.

Reading happens in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite),
so a backup taken while the system runs is consistent. Restore checks every checksum first, then
replaces all rows in one transaction and copies the files; it refuses a backup of another schema
revision.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, func, select, text

from casemgr import clock
from casemgr.extensions import db

FORMAT = 1
BATCH = 1000


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why."""


@dataclass(frozen=True)
class Summary:
    tables: dict[str, int]
    files: int


def _tables():
    # FK order for inserting; every table of the models (SQLite's search index is rebuilt by triggers).
    return list(db.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _is(column, kind) -> bool:
    """The column's type, or the type a TypeDecorator (UTCDateTime) stores as, is ``kind``."""
    return isinstance(column.type, kind) or isinstance(getattr(column.type, "impl", None), kind)


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    if _is(column, DateTime):
        return datetime.fromisoformat(value)
    if _is(column, Date):
        return date.fromisoformat(value)
    return value


def _revision(connection: Connection) -> str:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_write(target: Path, connection: Connection, files_dir: Path) -> Summary:
    """Write the backup of what ``connection`` sees into the empty or new directory ``target``."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    (target / "tables").mkdir(parents=True, exist_ok=True)
    (target / "files").mkdir(exist_ok=True)
    manifest: dict[str, Any] = {"format": FORMAT, "revision": _revision(connection),
                                "dialect": connection.dialect.name, "created_at": clock.now().isoformat(),
                                "tables": {}, "files": {}}
    for table in _tables():
        path = target / "tables" / f"{table.name}.jsonl"
        count = 0
        query = select(table).order_by(*table.primary_key.columns)
        with path.open("w", encoding="utf-8") as out:
            for row in connection.execute(query.execution_options(yield_per=BATCH)).mappings():
                out.write(json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                count += 1
        manifest["tables"][table.name] = {"rows": count, "sha256": _sha256(path)}
    if files_dir.exists():
        for source in sorted(p for p in files_dir.rglob("*") if p.is_file()):
            name = source.relative_to(files_dir).as_posix()  # the store shards files by name prefix
            (target / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / "files" / name)
            manifest["files"][name] = {"size": source.stat().st_size, "sha256": _sha256(source)}
    text_out = json.dumps(manifest, ensure_ascii=False, indent=2)
    (target / "manifest.json").write_text(text_out, encoding="utf-8")
    return Summary({k: v["rows"] for k, v in manifest["tables"].items()}, len(manifest["files"]))


def _check(source: Path) -> dict[str, Any]:
    manifest_path = source / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError(f"{source} has no manifest.json: not a casemgr backup")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, info in manifest["tables"].items():
        path = source / "tables" / f"{name}.jsonl"
        if not path.is_file() or _sha256(path) != info["sha256"]:
            raise BackupError(f"table {name}: the file is missing or changed since the backup")
    for name, info in manifest["files"].items():
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupError(f"file {name}: not a name this system writes")
        path = source / "files" / name
        if not path.is_file() or _sha256(path) != info["sha256"]:
            raise BackupError(f"file {name}: missing or changed since the backup")
    return manifest


def _user_data(connection: Connection) -> bool:
    from casemgr.models import Case, User

    return bool(connection.execute(select(func.count()).select_from(User)).scalar()
                or connection.execute(select(func.count()).select_from(Case)).scalar())


def restore_read(source: Path, connection: Connection, files_dir: Path, *, force: bool = False) -> Summary:
    """Replace every row with the backup's (in the caller's transaction) and copy its files.

    Refused when the backup is damaged, of another schema revision, or when the system already
    holds users or cases (unless ``force``)."""
    manifest = _check(source)
    revision = _revision(connection)
    if manifest["revision"] != revision:
        raise BackupError(f"the backup is of schema revision {manifest['revision']}, this system is at "
                          f"{revision}: restore into a system at the same revision")
    if _user_data(connection) and not force:
        raise BackupError("this system already holds users or cases; restore into an empty system "
                          "(or pass --force to replace everything)")
    tables = _tables()
    for table in reversed(tables):
        connection.execute(table.delete())
    for table in tables:
        columns = {c.name: c for c in table.columns}
        batch: list[dict[str, Any]] = []
        with (source / "tables" / f"{table.name}.jsonl").open(encoding="utf-8") as rows:
            for line in rows:
                record = json.loads(line)
                batch.append({k: _decode(columns[k], v) for k, v in record.items() if k in columns})
                if len(batch) >= BATCH:
                    connection.execute(table.insert(), batch)
                    batch = []
        if batch:
            connection.execute(table.insert(), batch)
    if connection.dialect.name == "postgresql":
        for table in tables:
            if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
    files_dir.mkdir(parents=True, exist_ok=True)
    for name in manifest["files"]:
        (files_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "files" / name, files_dir / name)
    return Summary({k: v["rows"] for k, v in manifest["tables"].items()}, len(manifest["files"]))
