"""Backups with SQLite's online backup API, verified before they are trusted."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from communitydesk.core.errors import BackupError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.db.engine import (
    is_database_file,
    is_encrypted,
    raw_connection,
    read_only_connection,
)

log = logging.getLogger(__name__)
AUTOMATIC_BACKUPS_KEPT = 10


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def verify_backup_file(path: Path) -> str | None:
    """Raise BackupError unless `path` is a sound CommunityDesk database; return its revision."""
    if not path.is_file():
        raise BackupError(_("The file {path} does not exist.").format(path=path))
    if not is_database_file(path):
        raise BackupError(
            _("{path} is not a CommunityDesk backup (it is not an SQLite file).").format(path=path)
        )
    try:
        connection = read_only_connection(path)
        try:
            problems = integrity_problems(connection)
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("{path} is damaged and cannot be read: {error}").format(path=path, error=error)
        ) from error
    if problems:
        raise BackupError(_("{path} is damaged: {problem}").format(path=path, problem=problems[0]))
    if "organization" not in tables or revision is None:
        raise BackupError(_("{path} is not a CommunityDesk backup.").format(path=path))
    return revision


def _verify_copy(path: Path) -> None:
    connection = read_only_connection(path)
    try:
        problems = integrity_problems(connection)
    finally:
        connection.close()
    if problems:
        raise BackupError(_("{path} is damaged: {problem}").format(path=path, problem=problems[0]))


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database (even one in use, WAL included) into `target`, then verify it."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        encrypted = is_encrypted(source)
        src = raw_connection(source)
        dst = raw_connection(partial, encrypted=encrypted)  # a copy as well protected
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
            src.close()
        _verify_copy(partial)
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise BackupError(
            _("The backup could not be written to {path}: {error}").format(
                path=target, error=reason
            )
        ) from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def automatic_backup(paths: DataPaths, reason: str) -> Path:
    """A backup in the data folder's backups/, keeping the newest few of each kind."""
    target = paths.backups / f"{reason}-{_timestamp()}.sqlite3"
    copy_database(paths.database, target)
    kind = reason.split("-")[0]
    older = sorted(paths.backups.glob(f"{kind}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for stale in older[:-AUTOMATIC_BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def restore_into(paths: DataPaths, source: Path) -> Path:
    """Replace the database with `source`; the current one is kept as a backup first.

    Returns the path of that safety backup.
    """
    verify_backup_file(source)
    safety = automatic_backup(paths, reason="before-restore")
    try:
        src = raw_connection(source, read_only=True)
        dst = raw_connection(paths.database)
        try:
            # The backup API writes the pages inside one transaction of the live file, so a crash
            # leaves the old database or the restored one, never a mixture.
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as error:
        raise BackupError(
            _("The restore failed and the database was left as it was: {error}").format(error=error)
        ) from error
    log.info("Restored %s from %s (previous kept in %s)", paths.database, source, safety)
    return safety
