"""Automatic backups while the app is used, thinned out as they age, and the list to restore from.

Every few hours of use a verified copy goes to the data folder's backups/. Kept: every copy of
the last day, the newest of each of the last seven days, the newest of each of the last nine
weeks. Copies made before an upgrade, a restore or the removal of the sample are kept apart
(the newest few of each).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from communitydesk.core.paths import DataPaths
from communitydesk.db.backup import copy_database
from communitydesk.db.engine import read_only_connection

SCHEDULED: Final = "auto"
EVERY: Final = timedelta(hours=3)
KEEP_ALL_FOR: Final = timedelta(days=1)
DAILY_FOR: Final = timedelta(days=7)
WEEKLY_FOR: Final = timedelta(weeks=9)
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "auto", "before-upgrade-0006", "before-restore", ...
    made_at: datetime  # UTC
    size: int
    people: int | None  # None: the copy cannot be read
    households: int | None
    revision: str | None


def made_at(path: Path) -> datetime:
    found = _STAMP.search(path.name)
    if found:
        return datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _kind(path: Path) -> str:
    found = _STAMP.search(path.name)
    return path.name[: found.start()] if found else path.stem


def scheduled_backups(paths: DataPaths) -> list[Path]:
    if not paths.backups.is_dir():
        return []
    return sorted(paths.backups.glob(f"{SCHEDULED}-*.sqlite3"), key=made_at, reverse=True)


def backup_due(paths: DataPaths, now: datetime) -> bool:
    newest = next(iter(scheduled_backups(paths)), None)
    return newest is None or now - made_at(newest) >= EVERY


def make_scheduled_backup(paths: DataPaths, now: datetime) -> Path:
    """A verified copy now, then the old ones thinned out; returns the new copy's path."""
    target = paths.backups / f"{SCHEDULED}-{now.astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"
    copy_database(paths.database, target)
    prune(paths, now)
    return target


def to_keep(backups: list[Path], now: datetime) -> set[Path]:
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for path in sorted(backups, key=made_at, reverse=True):  # newest first
        age = now - made_at(path)
        day = made_at(path).date()
        week = day.isocalendar()[:2]
        if (
            age <= KEEP_ALL_FOR
            or (age <= DAILY_FOR and day not in days)
            or (age <= WEEKLY_FOR and week not in weeks and day not in days)
        ):
            keep.add(path)
        days.add(day)
        weeks.add(week)
    return keep


def prune(paths: DataPaths, now: datetime) -> list[Path]:
    """Remove the scheduled copies the rotation no longer keeps; returns what was removed."""
    backups = scheduled_backups(paths)
    keep = to_keep(backups, now)
    removed = [path for path in backups if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def describe(path: Path) -> BackupInfo:
    """When a copy was made and what it holds, read from the copy itself."""
    people = households = None
    revision = None
    try:
        connection = read_only_connection(path)
        try:
            people = connection.execute(
                "SELECT count(*) FROM person WHERE deleted_at IS NULL"
            ).fetchone()[0]
            households = connection.execute(
                "SELECT count(*) FROM household WHERE deleted_at IS NULL"
            ).fetchone()[0]
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        finally:
            connection.close()
    except sqlite3.Error:
        people = households = None
    return BackupInfo(
        path, _kind(path), made_at(path), path.stat().st_size, people, households, revision
    )


def all_backups(paths: DataPaths) -> list[BackupInfo]:
    """Every copy in backups/, newest first."""
    if not paths.backups.is_dir():
        return []
    found = sorted(paths.backups.glob("*.sqlite3"), key=made_at, reverse=True)
    return [describe(path) for path in found]
