from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import BackupError, NewerSchemaError
from communitydesk.services.context import Services


def _rename(services: Services, name: str) -> None:
    services.organization.update(replace(services.organization.require(), name=name))


def test_backup_and_restore_round_trip(sample: Services, tmp_path: Path) -> None:
    target = sample.maintenance.backup(tmp_path / "usb" / "monday.sqlite3")
    assert target.exists()
    before = sample.people.search(limit=500)
    _rename(sample, "Changed after the backup")
    sample.demo.generate(people=5, force=True)

    safety = sample.maintenance.restore(target)

    assert sample.organization.require().name == "Riverside Newcomer Families Association"
    assert sample.people.search(limit=500) == before
    # The database that was replaced is kept, whole, as a backup.
    kept = sqlite3.connect(safety)
    assert kept.execute("SELECT name FROM organization").fetchone()[0] != "Changed x"
    assert kept.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 5
    kept.close()


def test_a_backup_is_one_self_contained_file(organized: Services, tmp_path: Path) -> None:
    target = organized.maintenance.backup(tmp_path / "b.sqlite3")
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert not (tmp_path / "b.sqlite3-wal").exists()


def test_backup_to_an_unwritable_place_says_so(organized: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(BackupError) as raised:
        organized.maintenance.backup(blocker / "inside.sqlite3")
    assert "could not be written" in raised.value.message


def test_restore_refuses_a_newer_backup(organized: Services, tmp_path: Path) -> None:
    target = organized.maintenance.backup(tmp_path / "b.sqlite3")
    connection = sqlite3.connect(target)
    connection.execute("UPDATE alembic_version SET version_num='9999'")
    connection.commit()
    connection.close()
    with pytest.raises(NewerSchemaError):
        organized.maintenance.restore(target)
    assert organized.organization.require().name == "Cercle des aînés"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=4096).map(lambda b: b"SQLite format 3\x00" + b),
    )
)
def test_a_hostile_backup_file_is_refused_and_nothing_changes(
    organized: Services, tmp_path: Path, content: bytes
) -> None:
    hostile = tmp_path / "hostile.sqlite3"
    hostile.write_bytes(content)
    before = organized.organization.require()
    with pytest.raises(BackupError):
        organized.maintenance.restore(hostile)
    assert organized.organization.require() == before


def test_a_truncated_backup_is_refused(sample: Services, tmp_path: Path) -> None:
    good = sample.maintenance.backup(tmp_path / "good.sqlite3")
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(BackupError) as raised:
        sample.maintenance.restore(cut)
    assert "damaged" in raised.value.message or "not a CommunityDesk backup" in raised.value.message
    assert sample.dashboard.summary().people == 120
