"""``casemgr backup DIR`` and ``casemgr restore DIR``: the database and the stored files."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(directory: Path) -> None:
    """Write every table and stored file to DIRECTORY (new or empty), consistently while running."""
    from casemgr.backup import BackupError, backup_write
    from casemgr.extensions import db

    engine = db.engine
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    try:
        with engine.connect().execution_options(**options) as connection, connection.begin():
            summary = backup_write(directory, connection, Path(current_app.config["ATTACHMENT_DIR"]))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {directory}: {sum(summary.tables.values())} rows in "
               f"{len(summary.tables)} tables, {summary.files} files")


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a system that already holds users or cases.")
@with_appcontext
def restore_command(directory: Path, force: bool) -> None:
    """Restore a backup into this system (run `casemgr db upgrade` first on a new database)."""
    from casemgr.backup import BackupError, restore_read
    from casemgr.extensions import db

    try:
        with db.engine.begin() as connection:
            files = Path(current_app.config["ATTACHMENT_DIR"])
            summary = restore_read(directory, connection, files, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored {sum(summary.tables.values())} rows and {summary.files} files from {directory}")
