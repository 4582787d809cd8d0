"""Automatic backups: made every few hours of use, verified, thinned out as they age."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from communitydesk.core.errors import BackupError
from communitydesk.core.paths import DataPaths
from communitydesk.db.backup_schedule import made_at, to_keep
from communitydesk.services.context import Services

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def test_a_backup_is_made_when_due_and_says_what_it_holds(sample: Services) -> None:
    maintenance = sample.maintenance
    first = maintenance.backup_if_due(NOW)
    assert first is not None and first.name == "auto-20261123-150000.sqlite3"
    assert maintenance.backup_if_due(NOW + timedelta(hours=1)) is None  # not yet
    second = maintenance.backup_if_due(NOW + timedelta(hours=3))
    assert second is not None

    listed = [b for b in maintenance.backups() if b.kind == "auto"]
    assert [b.path for b in listed] == [second, first]  # newest first
    summary = sample.dashboard.summary()
    assert listed[0].people == summary.people and listed[0].households == summary.households
    assert listed[0].made_at == NOW + timedelta(hours=3)


def test_rotation_keeps_a_day_then_dailies_then_weeklies(tmp_path: Path) -> None:
    # One copy every 3 hours for 90 days.
    paths = [
        tmp_path / f"auto-{NOW - timedelta(hours=3 * n):%Y%m%d-%H%M%S}.sqlite3"
        for n in range(90 * 8)
    ]
    kept = sorted((made_at(p) for p in to_keep(paths, NOW)), reverse=True)
    ages = [NOW - when for when in kept]
    recent = [age for age in ages if age <= timedelta(days=1)]
    assert len(recent) == 9  # every copy of the last 24 hours
    daily = [
        when.date()
        for when, age in zip(kept, ages, strict=True)
        if timedelta(days=1) < age <= timedelta(days=7)
    ]
    assert len(daily) == len(set(daily)) == 6  # one a day for the rest of the week
    weekly = [when for when, age in zip(kept, ages, strict=True) if age > timedelta(days=7)]
    weeks = {when.isocalendar()[:2] for when in weekly}
    assert len(weekly) == len(weeks) and 8 <= len(weekly) <= 9  # one a week, two months
    assert max(ages) <= timedelta(weeks=9)


def test_a_full_disk_during_a_backup_leaves_everything_as_it_was(
    sample: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths: DataPaths = sample.paths
    sample.maintenance.backup_if_due(NOW)
    before = sorted(paths.backups.iterdir())
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        def backup(self, target: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self._connection.close()

        def execute(self, statement: str) -> sqlite3.Cursor:
            return self._connection.execute(statement)

    def connect(database: str, uri: bool = False, timeout: float = 5.0) -> FullDisk:
        return FullDisk(real_connect(database, uri=uri, timeout=timeout))

    monkeypatch.setattr(sqlite3, "connect", connect)  # the copy, made by db.backup
    with pytest.raises(BackupError) as raised:
        sample.maintenance.backup_if_due(NOW + timedelta(hours=4))
    monkeypatch.undo()
    assert "could not be written" in raised.value.message
    assert "disk is full" in raised.value.message
    assert sorted(paths.backups.iterdir()) == before  # no partial copy left, none removed
    assert sample.maintenance.check().healthy
